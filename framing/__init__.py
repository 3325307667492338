"""framing: compare how news outlets frame the same event.

The public API, one module per concept:

* :mod:`framing.corpus`    -- ``load_corpus`` (text, tables, web pages), ``CorpusError``
* :mod:`framing.cleaning`  -- ``clean_text``, ``removed_lines``, ``RULES``, ``Furniture``
* :mod:`framing.text`      -- ``sentences`` and ``paragraphs`` with offsets
* :mod:`framing.terms`     -- distinctive terms, spelling variants, similarity, shared passages
* :mod:`framing.actors`    -- ``load_codebook`` and ``find_mentions``
* :mod:`framing.sentiment` -- target-focused VADER (``target_sentiment``) and aggregation
* :mod:`framing.quotes`    -- quote units, speakers and camps (a package: spans,
  attribution, voices, ``suggest_codebook``)
* :mod:`framing.analysis`  -- ``analyze``: all per-article tables in one call
* :mod:`framing.store`     -- ``save_analysis`` / ``load_analysis``: the tables as Parquet
* :mod:`framing.scale`     -- Dask workers that write the Parquet tables, Dask aggregates
* :mod:`framing.grouping`  -- ``load_grouped``: compare any column's groups, not only outlets
* :mod:`framing.concordance` -- ``concordance``: keyword in context for words, patterns, actors
* :mod:`framing.collocates` -- ``collocates``: the words each group writes around each actor
* :mod:`framing.labels`    -- competing labels ("withdrawal" / "retreat") and their shares
* :mod:`framing.coverage`  -- articles, mentions and quoted voices over time, by group
* :mod:`framing.figures`   -- ``save_figure`` and the shared style
* :mod:`framing.language`  -- shared language knowledge (abbreviations, titles, name runs,
  ``fold``, ``trie_pattern``)
* :mod:`framing.tables`    -- the checked reader of the CSV tables a user edits
* :mod:`framing.paths`     -- where the case study is (a checkout, or inside the wheel)
* :mod:`framing.runner`    -- executes a notebook headlessly (``framing run``)
* :mod:`framing.cli`       -- the ``framing`` command
* :mod:`framing.errors`    -- ``FramingError``, the base of every error reported to a user
"""

from .actors import CodebookError, find_mentions, load_codebook
from .analysis import Analysis, analyze
from .cleaning import RULES, clean_text, removal_counts, removed_lines
from .corpus import CorpusError, iter_corpus, load_corpus
from .errors import FramingError
from .store import load_analysis, save_analysis
from .grouping import GroupingError, load_grouped
from .concordance import QueryError, concordance, concordance_text
from .collocates import collocates
from .labels import LabelsError, label_hits, label_shares, load_labels
from .coverage import coverage
from .quotes import suggest_codebook
from .text import paragraphs, sentences

__version__ = "0.1.0"
__all__ = ["Analysis", "analyze", "CodebookError", "CorpusError", "RULES", "clean_text",
           "find_mentions", "FramingError", "iter_corpus", "load_analysis", "load_codebook",
           "load_corpus", "paragraphs", "removal_counts", "removed_lines", "save_analysis",
           "sentences",
           # reading around the actors; any grouping; coverage over time
           "GroupingError", "load_grouped", "QueryError", "concordance", "concordance_text",
           "collocates", "LabelsError", "label_hits", "label_shares", "load_labels", "coverage",
           "suggest_codebook"]
