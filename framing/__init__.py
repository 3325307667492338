"""framing: compare how news outlets frame the same event.

The public API, one module per concept:

* :mod:`framing.corpus`    -- ``load_corpus`` and ``CorpusError``
* :mod:`framing.cleaning`  -- ``clean_text``, ``removed_lines`` and the cleaning ``RULES``
* :mod:`framing.text`      -- ``sentences`` and ``paragraphs`` with offsets
* :mod:`framing.terms`     -- distinctive terms, spelling variants, similarity, shared passages
* :mod:`framing.actors`    -- ``load_codebook`` and ``find_mentions``
* :mod:`framing.sentiment` -- target-focused VADER (``target_sentiment``) and aggregation
* :mod:`framing.quotes`    -- quote units, speakers and camps (a package: spans,
  attribution, voices, ``suggest_codebook``)
* :mod:`framing.analysis`  -- ``analyze``: all per-article tables in one call
* :mod:`framing.figures`   -- ``save_figure`` and the shared style
* :mod:`framing.cli`       -- the ``framing`` command
"""

from .actors import CodebookError, find_mentions, load_codebook
from .analysis import Analysis, analyze
from .cleaning import RULES, clean_text, removal_counts, removed_lines
from .corpus import CorpusError, iter_corpus, load_corpus
from .quotes import suggest_codebook
from .text import paragraphs, sentences

__version__ = "0.1.0"
__all__ = ["Analysis", "analyze", "CodebookError", "CorpusError", "RULES", "clean_text",
           "find_mentions", "iter_corpus", "load_codebook", "load_corpus", "paragraphs",
           "removal_counts", "removed_lines", "sentences", "suggest_codebook"]
