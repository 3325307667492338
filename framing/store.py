"""A saved analysis: one Parquet dataset per table, read back as the same ``Analysis``.

Layout of a saved analysis folder::

    analysis.json        what was analysed (corpus, codebook, normalisation, engine)
    articles/            one row per article (the corpus, raw text included)
    sentences/           one row per sentence
    mentions/            one row per actor mention, scored
    quotes/              one row per quote unit
    term_counts/         one row per outlet and term (rows of several partitions add up)
    codebook/            the codebook used

Each dataset is a folder of ``part-NNNNN.parquet`` files: one file when the analysis was
saved from one process, one per partition when Dask workers wrote it
(:func:`framing.scale.analyze_to_parquet`). Reading the files in name order gives the
rows in corpus order either way.

Examples
--------
>>> result = framing.analyze(corpus, codebook, count_terms=True)     # doctest: +SKIP
>>> framing.save_analysis(result, "my_run/analysis")                 # doctest: +SKIP
>>> framing.load_analysis("my_run/analysis").equals(result)          # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from .errors import FramingError
from .analysis import Analysis
from .terms import TermCounts

#: Datasets of a saved analysis, in the order they are written.
DATASETS = ("articles", "sentences", "mentions", "quotes", "term_counts", "codebook")
#: The metadata file; its presence marks a folder as a saved analysis.
METADATA = "analysis.json"
FORMAT_VERSION = 1


class AnalysisStoreError(FramingError, ValueError):
    """A folder is not a saved analysis or misses a dataset; the message says which."""


def _needs_pyarrow():
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError("saving an analysis as Parquet needs pyarrow: "
                          "pip install pyarrow (it comes with framing's dependencies)") from None


def part_name(part: int) -> str:
    """The file name of partition ``part`` inside a dataset folder."""
    return f"part-{part:05d}.parquet"


def write_table(frame: pd.DataFrame, folder, part: int = 0) -> Path:
    """Write one partition of one table as ``folder/part-NNNNN.parquet``.

    Object columns with no value at all (an empty partition) are written as strings, so that
    every partition of a dataset has the same schema.
    """
    _needs_pyarrow()
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_null(field.type):
            table = table.set_column(i, pa.field(field.name, pa.string()),
                                     table.column(i).cast(pa.string()))
    target = folder / part_name(part)
    tmp = target.with_suffix(".tmp")
    pq.write_table(table, tmp)
    tmp.replace(target)  # a reader never sees half a file
    return target


def read_table(folder, columns=None) -> pd.DataFrame:
    """Read one dataset (all its partition files, in name order) into pandas."""
    _needs_pyarrow()
    folder = Path(folder)
    files = sorted(folder.glob("part-*.parquet"))
    if not files:
        raise AnalysisStoreError(f"{folder}: no part-*.parquet files; save the analysis again")
    frames = [pd.read_parquet(f, columns=columns) for f in files]
    full = [f for f in frames if len(f)]
    # Empty partitions are left out so that they do not change the columns' dtypes.
    return pd.concat(full, ignore_index=True) if full else frames[0]


def read_dask(folder, columns=None):
    """One dataset as a Dask DataFrame (one partition per file), read lazily by the workers."""
    import dask
    import dask.dataframe as dd

    folder = Path(folder)
    if not any(folder.glob("part-*.parquet")):
        raise AnalysisStoreError(f"{folder}: no part-*.parquet files; save the analysis again")
    # Python strings, as the pandas tables have, so that aggregates equal pandas' own.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.read_parquet(str(folder / "part-*.parquet"), columns=columns)


def is_analysis(path) -> bool:
    """Whether ``path`` is a folder written by :func:`save_analysis` or ``framing analyze``."""
    return (Path(path) / METADATA).is_file()


def write_metadata(path, **info) -> Path:
    """Write ``analysis.json`` (what was analysed, and how) into ``path``."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    info = {"format": FORMAT_VERSION, "datasets": list(DATASETS), **info}
    target = path / METADATA
    target.write_text(json.dumps(info, indent=1, sort_keys=True, default=str) + "\n",
                      encoding="utf-8")
    return target


def read_metadata(path) -> dict:
    """The ``analysis.json`` of a saved analysis."""
    path = Path(path)
    if not is_analysis(path):
        raise AnalysisStoreError(f"{path}: not a saved analysis (no {METADATA}); write one with "
                                 "framing analyze --out DIR or framing.save_analysis")
    return json.loads((path / METADATA).read_text(encoding="utf-8"))


def prepare_folder(path) -> Path:
    """Make ``path`` an empty folder for a new analysis: a new folder, or a saved analysis to
    replace (anything else is refused, so nothing of the user's is deleted)."""
    path = Path(path)
    if path.exists():
        if not path.is_dir():
            raise AnalysisStoreError(f"{path} is a file; give a folder for the analysis")
        if any(path.iterdir()):
            if not is_analysis(path):
                raise AnalysisStoreError(f"{path} is not empty and is not a saved analysis; "
                                         "give a new folder (nothing there is overwritten)")
            for name in DATASETS:
                shutil.rmtree(path / name, ignore_errors=True)
            (path / METADATA).unlink()
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_analysis(analysis: Analysis, path, **info) -> Path:
    """Save ``analysis`` as Parquet datasets under ``path`` (see the module docstring).

    Parameters
    ----------
    analysis : Analysis
        From :func:`framing.analyze` (with ``count_terms=True`` to save term counts).
    path : str or Path
        A new folder, or a saved analysis to replace.
    **info
        Recorded in ``analysis.json`` (e.g. ``corpus=``, ``codebook=``, the paths analysed).

    Returns
    -------
    Path
        ``path``.
    """
    path = prepare_folder(path)
    tables = {"articles": analysis.corpus, "sentences": analysis.sentences,
              "mentions": analysis.mentions, "quotes": analysis.quotes,
              "codebook": analysis.codebook}
    if analysis.terms is not None:
        tables["term_counts"] = analysis.terms.table()
    for name, frame in tables.items():
        write_table(frame, path / name)
    write_metadata(path, engine="pandas", partitions=1,
                   terms_by=analysis.terms.by if analysis.terms is not None else None,
                   articles=len(analysis.corpus), **info)
    return path


def load_table(path, name: str) -> pd.DataFrame:
    """One table of a saved analysis, e.g. ``load_table(path, "quotes")``: what a notebook
    reads when it needs only that table (``articles`` is the corpus)."""
    path = Path(path)
    read_metadata(path)
    if name not in DATASETS:
        raise AnalysisStoreError(f"no table {name!r} in a saved analysis; the tables are "
                                 f"{', '.join(DATASETS)}")
    if not (path / name).is_dir():
        raise AnalysisStoreError(f"{path}: dataset {name} missing; save the analysis again")
    return read_table(path / name)


def load_term_counts(path) -> TermCounts:
    """The term counts of a saved analysis (:class:`framing.terms.TermCounts`)."""
    meta = read_metadata(path)
    return TermCounts.from_table(load_table(path, "term_counts"),
                                 by=meta.get("terms_by") or "outlet")


def load_analysis(path, engine: str = "pandas") -> Analysis:
    """Read a saved analysis back.

    Parameters
    ----------
    path : str or Path
        A folder written by :func:`save_analysis`, ``framing run`` (``OUT/analysis``) or
        ``framing analyze --out``.
    engine : {"pandas", "dask"}
        ``"pandas"``: every table in memory, equal to what :func:`framing.analyze` returned.
        ``"dask"``: the tables as lazy Dask DataFrames read by the workers (the codebook
        and term counts stay pandas/``None``); aggregate them with
        :mod:`framing.scale` without loading every row on the client.

    Returns
    -------
    Analysis
    """
    path = Path(path)
    read_metadata(path)
    missing = [n for n in ("articles", "sentences", "mentions", "quotes", "codebook")
               if not (path / n).is_dir()]
    if missing:
        raise AnalysisStoreError(f"{path}: dataset(s) {', '.join(missing)} missing; "
                                 "save the analysis again")
    codebook = read_table(path / "codebook")
    if engine == "dask":
        return Analysis(corpus=read_dask(path / "articles"),
                        sentences=read_dask(path / "sentences"),
                        mentions=read_dask(path / "mentions"), quotes=read_dask(path / "quotes"),
                        codebook=codebook)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    terms = load_term_counts(path) if (path / "term_counts").is_dir() else None
    return Analysis(corpus=read_table(path / "articles"), sentences=read_table(path / "sentences"),
                    mentions=read_table(path / "mentions"), quotes=read_table(path / "quotes"),
                    codebook=codebook, terms=terms)
