"""One call for all per-article work: sentences, mentions, target sentiment, quotes.

``framing.analyze(corpus)`` runs every per-article stage once and returns an
:class:`Analysis` whose attributes are the tidy tables the notebooks plot. The
case study and a corpus of thousands of articles go through the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .actors import find_mentions, load_codebook
from .quotes import corpus_quotes, mark_quoted
from .sentiment import TargetSentiment, score_mentions
from .text import sentences as split_sentences


@dataclass
class Analysis:
    """The per-article tables of a corpus.

    Attributes
    ----------
    corpus : DataFrame
        One row per article (:func:`framing.load_corpus`).
    sentences : DataFrame
        One row per sentence (:func:`framing.sentences`).
    mentions : DataFrame
        One row per actor mention, with ``in_quote``, ``voice`` ("narration" or
        "quoted"), ``score``, ``label``, ``words`` and ``sentence_text``.
    quotes : DataFrame
        One row per quote unit (:func:`framing.quotes.corpus_quotes`).
    codebook : DataFrame
        The codebook used.
    """

    corpus: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    codebook: pd.DataFrame = field(repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. to write them as CSV."""
        return {"articles": self.corpus.drop(columns=["raw"]), "sentences": self.sentences,
                "mentions": self.mentions, "quotes": self.quotes}


def analyze(corpus: pd.DataFrame, codebook: pd.DataFrame | None = None,
            scorer: TargetSentiment | None = None) -> Analysis:
    """Run all per-article analyses on a corpus.

    Parameters
    ----------
    corpus : DataFrame
        From :func:`framing.load_corpus` (needs ``article_id``, ``outlet``, ``text``).
    codebook : DataFrame, optional
        From :func:`framing.load_codebook`; ``None`` loads the case study's.
    scorer : TargetSentiment, optional
        The sentiment scorer (default settings when ``None``).

    Returns
    -------
    Analysis
    """
    codebook = load_codebook() if codebook is None else codebook
    sents = split_sentences(corpus)
    mentions = mark_quoted(find_mentions(sents, codebook), corpus)
    mentions = score_mentions(mentions, sents, scorer)
    mentions["voice"] = mentions["in_quote"].map({True: "quoted", False: "narration"})
    quotes = corpus_quotes(corpus, codebook)
    return Analysis(corpus=corpus, sentences=sents, mentions=mentions, quotes=quotes,
                    codebook=codebook)
