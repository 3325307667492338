"""One call for all per-article work: sentences, mentions, target sentiment, quotes.

``framing.analyze(corpus)`` runs every per-article stage once and returns an
:class:`Analysis` whose attributes are the tidy tables the notebooks plot. The
case study and a corpus of thousands of articles go through the same code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pandas as pd

from .actors import find_mentions, load_codebook
from .quotes import corpus_quotes, mark_quoted, quote_spans
from .sentiment import TargetSentiment, score_mentions
from .terms import TermCounter, TermCounts
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
    terms : TermCounts or None
        Term counts per outlet (:class:`framing.terms.TermCounts`), fitted once for the
        terms, similarity and significance functions; ``None`` unless asked for
        (``analyze(..., count_terms=True)``) or loaded from a saved analysis.
    timings : dict
        Seconds spent in each stage (``sentences``, ``mentions``, ``in_quote``,
        ``sentiment``, ``quotes``), for benchmarks.
    """

    corpus: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    codebook: pd.DataFrame = field(repr=False)
    timings: dict = field(default_factory=dict, repr=False, compare=False)
    terms: TermCounts | None = field(default=None, repr=False, compare=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. to write them as CSV."""
        return {"articles": self.corpus.drop(columns=["raw"]), "sentences": self.sentences,
                "mentions": self.mentions, "quotes": self.quotes}

    def equals(self, other: Analysis) -> bool:
        """Same tables (values, dtypes and row order), codebook and term counts."""
        for name in ("corpus", "sentences", "mentions", "quotes", "codebook"):
            a, b = getattr(self, name), getattr(other, name)
            if list(a.columns) != list(b.columns) or not a.reset_index(drop=True).equals(
                    b.reset_index(drop=True)) or not a.dtypes.equals(b.dtypes):
                return False
        if (self.terms is None) != (other.terms is None):
            return False
        return self.terms is None or self.terms.equals(other.terms)


def analyze(corpus, codebook: pd.DataFrame | None = None,
            scorer: TargetSentiment | None = None, engine: str | None = None,
            npartitions: int | None = None, count_terms: bool = False,
            normalisation: pd.DataFrame | None | bool = None) -> Analysis:
    """Run all per-article analyses on a corpus.

    Parameters
    ----------
    corpus : DataFrame or dask.dataframe.DataFrame
        From :func:`framing.load_corpus` (needs ``article_id``, ``outlet``, ``text``). A Dask
        DataFrame of such rows (e.g. ``dd.read_json(...).map_partitions(
        framing.corpus.from_frame, ..., meta=framing.corpus.corpus_meta())``) is analysed
        partition by partition with Dask.
    codebook : DataFrame, optional
        From :func:`framing.load_codebook`; ``None`` loads the case study's.
    scorer : TargetSentiment, optional
        ``None`` (default): the logistic-regression scorer
        (:func:`framing.sentiment.classify_targets`). A :class:`TargetSentiment` scores
        with VADER alone (``method="vader"``), with that scorer's lexicon.
    engine : {"pandas", "dask"}, optional
        ``"dask"`` (needs ``pip install "framing[dask]"``) splits the articles into
        ``npartitions`` partitions and analyses them on Dask's current scheduler: a
        ``distributed.Client`` if one is active (a LocalCluster or a remote cluster's
        scheduler address), otherwise local processes. Default: ``"dask"`` for a Dask
        DataFrame, ``"pandas"`` (one process) otherwise. Both give the same tables.
    npartitions : int, optional
        For ``engine="dask"`` with a pandas corpus: how many partitions (default: two per
        worker of the active client, else 8). Every article lies in exactly one partition.
    count_terms : bool
        Also count terms per outlet once (``Analysis.terms``), for
        :func:`framing.terms.distinctive_terms`, ``similarity`` and ``significance_summary``.
    normalisation : DataFrame, None or False
        The spelling table for ``count_terms`` (:func:`framing.terms.load_normalisation`;
        ``None``: the default table, ``False``: none).

    Returns
    -------
    Analysis
        With pandas DataFrames in every case (a Dask run's partitions are gathered).
    """
    is_dask = _is_dask(corpus)
    engine = engine or ("dask" if is_dask else "pandas")
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    codebook = load_codebook() if codebook is None else codebook
    counter = TermCounter(normalisation=normalisation) if count_terms else None
    if engine == "dask":
        result = _analyze_dask(corpus, codebook, scorer, npartitions)
        if counter is not None:  # the gathered corpus is on the client already
            result.terms = counter.fit(result.corpus)
        return result
    if is_dask:
        raise ValueError("a Dask DataFrame needs engine='dask' (or no engine)")
    result = _analyze_pandas(corpus, codebook, scorer)
    if counter is not None:
        clock = time.perf_counter()
        result.terms = counter.fit(corpus)
        result.timings["terms"] = time.perf_counter() - clock
    return result


def _is_dask(corpus) -> bool:
    return type(corpus).__module__.startswith("dask")


def _analyze_pandas(corpus: pd.DataFrame, codebook: pd.DataFrame,
                    scorer: TargetSentiment | None) -> Analysis:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage):
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    sents = split_sentences(corpus)
    lap("sentences")
    mentions = find_mentions(sents, codebook)
    # The quote speakers reuse these mentions (article offsets) instead of searching again.
    spans: dict = {}
    for aid, s, e, actor, camp in mentions[["article_id", "article_start", "article_end",
                                            "actor", "camp"]].itertuples(index=False):
        spans.setdefault(aid, []).append((s, e, actor, camp))
    spans = {aid: spans.get(aid, []) for aid in corpus["article_id"]}
    lap("mentions")
    qspans = {aid: quote_spans(text) for aid, text in zip(corpus["article_id"], corpus["text"])}
    mentions = mark_quoted(mentions, corpus, qspans)
    lap("in_quote")
    # narration never sees quoted words, a quote that runs over paragraphs included
    mentions = score_mentions(mentions, sents, scorer, quotes=qspans)
    mentions["voice"] = mentions["in_quote"].map({True: "quoted", False: "narration"})
    lap("sentiment")
    quotes = corpus_quotes(corpus, codebook, mentions=spans, spans=qspans)
    lap("quotes")
    return Analysis(corpus=corpus, sentences=sents, mentions=mentions, quotes=quotes,
                    codebook=codebook, timings=timings)


def _analyze_part(part: pd.DataFrame, codebook: pd.DataFrame, scorer) -> dict:
    """One partition's tables (run on a Dask worker)."""
    part = part.copy()
    for col in part.columns:  # Arrow-backed strings (Dask's default) back to Python objects
        if pd.api.types.is_string_dtype(part[col]) and part[col].dtype != object:
            part[col] = part[col].astype(object)
    result = _analyze_pandas(part.reset_index(drop=True), codebook, scorer)
    tables = {"corpus": result.corpus, "sentences": result.sentences,
              "mentions": result.mentions, "quotes": result.quotes}
    return {"tables": tables, "timings": result.timings}


def _concat(frames: list) -> pd.DataFrame:
    """Concatenate partitions' tables; empty ones are left out so that their default dtypes
    (object) do not change the columns' types."""
    full = [f for f in frames if len(f)]
    return pd.concat(full, ignore_index=True) if full else frames[0]


def _analyze_dask(corpus, codebook: pd.DataFrame, scorer, npartitions: int | None) -> Analysis:
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise ImportError('engine="dask" needs Dask: pip install "framing[dask]"') from None
    if not _is_dask(corpus):
        if npartitions is None:
            try:
                from distributed import get_client
                npartitions = 2 * len(get_client().scheduler_info()["workers"])
            except (ImportError, ValueError):
                npartitions = 8
        npartitions = max(1, min(npartitions, len(corpus)))
        with dask.config.set({"dataframe.convert-string": False}):
            corpus = dd.from_pandas(corpus, npartitions=npartitions, sort=False)
    tasks = [dask.delayed(_analyze_part)(part, codebook, scorer)
             for part in corpus.to_delayed()]
    parts = dask.compute(*tasks)
    tables = {name: _concat([p["tables"][name] for p in parts])
              for name in ("corpus", "sentences", "mentions", "quotes")}
    timings = {}
    for p in parts:  # summed over partitions: worker time, not wall time
        for stage, secs in p["timings"].items():
            timings[stage] = timings.get(stage, 0.0) + secs
    return Analysis(corpus=tables["corpus"], sentences=tables["sentences"],
                    mentions=tables["mentions"], quotes=tables["quotes"], codebook=codebook,
                    timings=timings)
