"""Scale out without gathering: Dask workers write the analysis, Dask aggregates it.

:func:`analyze_to_parquet` analyses a corpus partition by partition; each worker writes its
partition's tables straight into the Parquet datasets of a saved analysis
(:mod:`framing.store`), and the client receives only each partition's timings. The
aggregates the notebooks plot are then computed from those datasets with Dask, where only
the aggregate (one row per group) reaches the client:

* :func:`voices_by_camp`  -- quote units and quoted words per outlet and camp
  (equal to :func:`framing.quotes.voices`)
* :func:`tone_by_group`   -- n, mean, a normal-theory 95% interval and label shares of the
  mention scores per group
* :func:`term_counts`     -- the per-outlet term counts (:class:`framing.terms.TermCounts`)

Each accepts a pandas table as well, and gives the same result for both.

Examples
--------
>>> from distributed import Client                                           # doctest: +SKIP
>>> client = Client("tcp://scheduler.example.org:8786")                      # doctest: +SKIP
>>> corpus = framing.load_corpus("archive.jsonl", text="body", outlet="source")  # doctest: +SKIP
>>> analyze_to_parquet(corpus, "archive-analysis", engine="dask")            # doctest: +SKIP
>>> lazy = framing.load_analysis("archive-analysis", engine="dask")          # doctest: +SKIP
>>> voices_by_camp(lazy.quotes)                                              # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .analysis import analyze
from .actors import load_codebook
from .store import (DATASETS, prepare_folder, read_dask, read_metadata, read_table,
                    save_analysis, write_metadata, write_table)
from .terms import TermCounter, TermCounts

#: Columns of :func:`tone_by_group` after the group columns.
TONE_COLUMNS = ["n", "mean", "sd", "ci_low", "ci_high", "share_negative", "share_neutral",
                "share_positive", "few"]


def is_dask(frame) -> bool:
    """Whether ``frame`` is a Dask collection (rather than pandas)."""
    return type(frame).__module__.startswith("dask")


# --- writing -------------------------------------------------------------------------------

def analyze_to_parquet(corpus, out, codebook: pd.DataFrame | None = None,
                       normalisation: pd.DataFrame | None | bool = None, scorer=None,
                       engine: str = "pandas", npartitions: int | None = None,
                       info: dict | None = None) -> dict:
    """Analyse ``corpus`` and save the analysis under ``out`` (see :mod:`framing.store`).

    Parameters
    ----------
    corpus : DataFrame or dask.dataframe.DataFrame
        Articles as :func:`framing.load_corpus` gives them; a Dask DataFrame (e.g. read by
        the workers with ``dd.read_json(...).map_partitions(framing.corpus.from_frame, ...)``)
        is never collected on the client.
    out : str or Path
        A new folder, or a saved analysis to replace.
    codebook, normalisation, scorer
        As for :func:`framing.analyze` (``None``: the default codebook / spelling table).
    engine : {"pandas", "dask"}
        ``"dask"`` runs on Dask's current scheduler (an active ``distributed.Client``, e.g.
        of a ``LocalCluster`` or an existing cluster's scheduler). Both write the same rows.
    npartitions : int, optional
        For a pandas corpus on Dask: how many partitions (default two per worker).
    info : dict, optional
        Recorded in ``analysis.json`` (e.g. ``corpus``, ``codebook``: what was analysed).

    Returns
    -------
    dict
        ``partitions``, ``articles`` and ``timings`` (seconds per stage; summed over the
        partitions on Dask, i.e. worker time).
    """
    codebook = load_codebook() if codebook is None else codebook
    info = dict(info or {})
    if engine == "pandas" and not is_dask(corpus):
        result = analyze(corpus, codebook, scorer=scorer, count_terms=True,
                         normalisation=normalisation)
        clock = time.perf_counter()
        save_analysis(result, out, **info)
        result.timings["write"] = time.perf_counter() - clock
        return {"partitions": 1, "articles": len(result.corpus), "timings": result.timings}
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    return _analyze_dask_to_parquet(corpus, Path(out), codebook, normalisation, scorer,
                                    npartitions, info)


def _default_partitions() -> int:
    try:
        from distributed import get_client
        return 2 * len(get_client().scheduler_info()["workers"])
    except (ImportError, ValueError):
        return 8


def _analyze_dask_to_parquet(corpus, out: Path, codebook, normalisation, scorer,
                             npartitions, info) -> dict:
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise ImportError('engine="dask" needs Dask: pip install "framing[dask]"') from None
    if not is_dask(corpus):
        n = max(1, min(npartitions or _default_partitions(), len(corpus)))
        with dask.config.set({"dataframe.convert-string": False}):
            corpus = dd.from_pandas(corpus, npartitions=n, sort=False)
    elif npartitions:
        corpus = corpus.repartition(npartitions=npartitions)
    out = prepare_folder(out)
    counter = TermCounter(normalisation=normalisation)
    # Both passes read the same cleaned partitions: keep them where they are (on the
    # workers, with a distributed client) rather than reading and cleaning them twice.
    parts = corpus.persist().to_delayed()
    # Pass one: name phrases need corpus-wide counts. The counters are summed on the
    # workers and the phrase set goes from worker to worker, never through the client.
    runs = [dask.delayed(_name_runs)(part, counter) for part in parts]
    while len(runs) > 1:
        runs = [dask.delayed(_add_counters)(*runs[i:i + 8]) for i in range(0, len(runs), 8)]
    phrases = dask.delayed(counter.phrases)(runs[0])
    # Pass two: every stage of one partition, written by the worker that ran it.
    tasks = [dask.delayed(_write_partition)(part, i, out, codebook, scorer, counter, phrases)
             for i, part in enumerate(parts)]
    reports = dask.compute(*tasks)
    timings: dict[str, float] = {}
    for report in reports:
        for stage, secs in report["timings"].items():
            timings[stage] = timings.get(stage, 0.0) + secs
    articles = sum(r["articles"] for r in reports)
    write_table(codebook, out / "codebook")
    write_metadata(out, engine="dask", partitions=len(parts), terms_by="outlet",
                   articles=articles, **info)
    return {"partitions": len(parts), "articles": articles, "timings": timings}


def _objects(part: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed strings (Dask's default) back to Python objects, as load_corpus gives."""
    part = part.reset_index(drop=True)
    for col in part.columns:
        if pd.api.types.is_string_dtype(part[col]) and part[col].dtype != object:
            part[col] = part[col].astype(object)
    return part


def _name_runs(part: pd.DataFrame, counter: TermCounter) -> Counter:
    return counter.name_runs(part["text"])


def _add_counters(*counters: Counter) -> Counter:
    total: Counter = Counter()
    for c in counters:
        total.update(c)
    return total


def _write_partition(part: pd.DataFrame, index: int, out: Path, codebook, scorer,
                     counter: TermCounter, phrases: set) -> dict:
    """One partition's tables, written into the datasets (runs on a worker)."""
    part = _objects(part)
    result = analyze(part, codebook, scorer=scorer, engine="pandas")
    clock = time.perf_counter()
    terms = counter.count(part, "outlet", phrases).table()
    result.timings["terms"] = time.perf_counter() - clock
    clock = time.perf_counter()
    tables = {"articles": result.corpus, "sentences": result.sentences,
              "mentions": result.mentions, "quotes": result.quotes, "term_counts": terms}
    for name, frame in tables.items():
        write_table(frame, out / name, part=index)
    result.timings["write"] = time.perf_counter() - clock
    return {"articles": len(part), "timings": result.timings}


# --- aggregates ----------------------------------------------------------------------------

def _compute(*things):
    if any(is_dask(t) for t in things):
        import dask
        return dask.compute(*things)
    return things


def voices_by_camp(quotes, by: str = "outlet") -> pd.DataFrame:
    """Quote units and quoted words per group and camp, from a pandas or Dask quotes table.

    The same table as :func:`framing.quotes.voices` (``units``, ``words``, ``indirect``,
    ``unit_share``, ``word_share``); with Dask only the per-group sums reach the client.
    """
    from .quotes import voice_camp

    columns = [by, "camp", "kind", "scare", "n_words"]
    if "speaker_status" in quotes.columns:  # splits named-but-uncoded from unknown speakers
        columns.append("speaker_status")
    q = quotes[columns]

    def with_camp(part):
        return part.assign(camp=voice_camp(part))

    q = q.map_partitions(with_camp) if is_dask(q) else with_camp(q)
    quoted = q[(q["kind"] != "indirect") & ~q["scare"]]
    units, words, indirect = _compute(
        quoted.groupby([by, "camp"]).size(), quoted.groupby([by, "camp"])["n_words"].sum(),
        q[q["kind"] == "indirect"].groupby([by, "camp"]).size())
    out = pd.concat([units.rename("units"), words.rename("words"),
                     indirect.rename("indirect")], axis=1).fillna(0).astype(int)
    out = out.sort_index().reset_index()
    totals = out.groupby(by)[["units", "words"]].transform("sum")
    out["unit_share"] = (out["units"] / totals["units"].where(totals["units"] > 0)).fillna(0)
    out["word_share"] = (out["words"] / totals["words"].where(totals["words"] > 0)).fillna(0)
    return out.sort_values([by, "camp"], ignore_index=True)


def tone_by_group(mentions, by=("outlet", "camp"), voice: str | None = "narration",
                  level: float = 0.95, min_n: int = 5) -> pd.DataFrame:
    """Mean target sentiment per group, from a pandas or Dask mentions table.

    Sums, sums of squares and label counts are computed per group (with Dask, on the
    workers); the interval is the normal one, mean +- z * sd / sqrt(n), not the bootstrap of
    :func:`framing.sentiment.aggregate`, because a bootstrap needs every score in one place.

    Parameters
    ----------
    mentions : DataFrame or dask.dataframe.DataFrame
        Scored mentions (``Analysis.mentions``).
    by : sequence of str
    voice : str or None
        Keep only mentions with this ``voice`` ("narration" or "quoted"); ``None`` keeps all.
    level : float
        Interval level.
    min_n : int
        Groups with fewer articles are flagged ``few`` (as :func:`framing.sentiment.aggregate`
        flags groups with few clusters).

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns, then :data:`TONE_COLUMNS`.
    """
    from scipy.stats import norm

    by = list(by)
    keep = [*by, "article_id", "score", "label"]
    m = mentions[[*keep, "voice"]] if voice else mentions[keep]
    if voice:
        m = m[m["voice"] == voice]
    m = m.assign(square=m["score"] * m["score"],
                 negative=(m["label"] == "negative").astype("int64"),
                 neutral=(m["label"] == "neutral").astype("int64"),
                 positive=(m["label"] == "positive").astype("int64"))
    (sums,) = _compute(m.groupby(by)[["score", "square", "negative", "neutral", "positive"]]
                       .sum())
    (n, articles) = _compute(m.groupby(by).size(), m.groupby(by)["article_id"].nunique())
    sums = sums.assign(n=n, articles=articles).sort_index()
    count = sums["n"].to_numpy(dtype=float)
    mean = sums["score"].to_numpy() / count
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.maximum(sums["square"].to_numpy() - count * mean * mean, 0) / (count - 1)
    sd = np.sqrt(var)
    half = norm.ppf(0.5 + level / 2) * sd / np.sqrt(count)
    out = sums.index.to_frame(index=False)
    out["n"] = sums["n"].to_numpy(dtype=np.int64)
    out["mean"], out["sd"] = mean, sd
    out["ci_low"], out["ci_high"] = mean - half, mean + half
    for label in ("negative", "neutral", "positive"):
        out[f"share_{label}"] = sums[label].to_numpy() / count
    # as in sentiment.aggregate: the small-n flag counts articles, the resampled clusters
    out["few"] = sums["articles"].to_numpy() < min_n
    return out


def term_counts(path, by: str = "outlet") -> TermCounts:
    """The term counts of a saved analysis, summed over its partitions with Dask (when
    installed): only one row per outlet and term reaches the client."""
    path = Path(path)
    meta = read_metadata(path)
    if (meta.get("terms_by") or "outlet") != by:
        raise ValueError(f"{path}: term counts are grouped by {meta.get('terms_by')!r}")
    try:
        frame = read_dask(path / "term_counts", columns=["group", "key", "count", "articles"])
    except ImportError:
        return TermCounts.from_table(read_table(path / "term_counts"), by=by)
    # articles add up too: every article lies in one partition
    summed = frame.groupby(["group", "key"])[["count", "articles"]].sum().compute()
    table = summed.reset_index()
    return TermCounts.from_table(table, by=by)


__all__ = ["DATASETS", "TONE_COLUMNS", "analyze_to_parquet", "is_dask", "term_counts",
           "tone_by_group", "voices_by_camp"]
