"""Load a corpus of articles into one tidy DataFrame (one row per article).

Three sources are accepted:

* a folder with ``manifest.csv`` (columns ``file, outlet``, optional ``title,
  published, author, url, notes``) and one file per article: UTF-8 ``.txt``, or a
  saved web page (``.html`` / ``.htm``, gzipped or not, needs the ``framing[html]``
  extra) whose body trafilatura extracts; a page's own title, date and author fill
  the cells the manifest leaves empty;
* a ``.csv`` file with one article per row;
* a ``.jsonl`` file with one JSON object per line.

For CSV/JSONL, keyword arguments name the source columns, e.g.
``load_corpus("x.jsonl", text="content_original", outlet="source")``.

Every problem with the input raises :class:`CorpusError` with a message that
names the file, row or line and says how to fix it. No article is ever dropped
silently.

Cleaning takes two passes over the source. The first counts, per outlet, the
lines of every article (:class:`framing.cleaning.Furniture`); the second cleans
each article with the named rules and removes the lines that recur across the
outlet's articles (rule ``outlet_furniture``). :func:`load_corpus` and
:func:`iter_corpus` read the source twice (streaming both times; saved web pages
are extracted in each pass). For Dask, :func:`learn_furniture` counts every
partition first, then ``from_frame(..., furniture=...)`` cleans each partition
with the whole corpus's counts. ``furniture=False`` skips the first pass.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
import warnings
from pathlib import Path

import pandas as pd

from .cleaning import Furniture, clean_text
from .errors import FramingError
from .tables import csv_records, read_checked_csv

#: Columns of the corpus DataFrame, in order.
COLUMNS = ["article_id", "outlet", "title", "published", "url", "text", "raw", "n_words",
           "byline", "n_lines_removed", "format"]
#: Fields a CSV/JSONL source can map with keyword arguments.
FIELDS = ("article_id", "text", "outlet", "title", "published", "url")
MANIFEST = "manifest.csv"
MANIFEST_REQUIRED = ("file", "outlet")
#: Optional manifest columns (a saved web page fills title, published and author itself).
MANIFEST_OPTIONAL = ("title", "published", "author", "url", "notes")
#: Article files a folder may hold (each may also end in .gz, e.g. page.html.gz).
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")


class CorpusError(FramingError, ValueError):
    """The corpus cannot be loaded; the message says where and how to fix it."""


def load_corpus(path, dates: str = "raise", furniture=True, **columns) -> pd.DataFrame:
    """Load articles and clean their text.

    Parameters
    ----------
    path : str or Path
        A folder with ``manifest.csv`` and ``.txt`` files, or a ``.csv`` /
        ``.jsonl`` file with one article per row.
    dates : {"raise", "coerce"}
        What to do with a non-empty date that is not ISO (``YYYY-MM-DD``):
        raise a :class:`CorpusError` naming the row, or leave it empty (NaT).
        Empty dates are always allowed and give NaT.
    furniture : bool or Furniture
        ``True`` (default): count the lines of the whole source first and remove
        those that recur across an outlet's articles (see
        :class:`framing.cleaning.Furniture` for the thresholds); a ``Furniture``
        instance: use its counts; ``False``: named rules only.
    **columns
        For CSV/JSONL only: ``text=``, ``outlet=``, ``title=``, ``published=``,
        ``url=``, ``article_id=`` name the source column holding each field.
        By default each field is read from a column of the same name; ``text``
        and ``outlet`` are required, the others optional. Without an
        ``article_id`` column, ids are ``<file stem>-<row number>``.

    Returns
    -------
    DataFrame
        One row per article with columns ``article_id``, ``outlet``,
        ``title``, ``published`` (datetime64, NaT when unknown), ``url``,
        ``text`` (clean body), ``raw`` (original text), ``n_words`` (words in
        ``text``), ``byline`` (found by the cleaner, may be empty) and
        ``n_lines_removed``, ``format`` ("text", or "html" for a saved web
        page, whose ``raw`` is the body trafilatura extracted). See
        :func:`framing.removed_lines` for what the cleaner removed.

    Raises
    ------
    CorpusError
        For any problem with the input (see the module docstring).
    """
    path = Path(path)
    if furniture is True:
        # The frame holds every article's text anyway: read (and extract) the source once.
        records = []
        try:
            for rec in _records(path, dates, columns):
                records.append(rec)
        except CorpusError:
            records.append(None)  # re-raised in order by the cleaning pass below
        learned = _count((r for r in records if r is not None), keep=True)
        frame = _build(_replay(records, path, dates, columns), dates, learned)
    else:
        frame = _build(_records(path, dates, columns), dates, _furniture(furniture, None))
    if frame.empty:
        raise CorpusError(f"{path}: the corpus is empty (no articles found)")
    return frame


def iter_corpus(path, chunksize: int = 1000, dates: str = "raise", furniture=True, **columns):
    """Load a large corpus in chunks: the same articles, columns and checks as
    :func:`load_corpus`, yielded as DataFrames of at most ``chunksize`` articles.

    The source is read as a stream: only one chunk of articles is held in memory, so a
    corpus larger than memory can be analysed chunk by chunk, e.g.
    ``for chunk in iter_corpus("big.jsonl", text="body"): framing.analyze(chunk)``.
    Duplicate ids are detected across chunks. An error in a later chunk is raised when that
    chunk is read (the chunks before it have been yielded).

    With ``furniture=True`` (default) the source is read twice: a first pass counts the
    recurring lines of each outlet over the whole source (stopping at the first bad
    article, whose error the second pass raises in order), then the chunks are cleaned with
    those counts, so the chunks hold exactly the articles of :func:`load_corpus`.

    Yields
    ------
    DataFrame
        As :func:`load_corpus`, for each run of ``chunksize`` articles in file order.
    """
    if chunksize < 1:
        raise CorpusError(f"chunksize must be at least 1, not {chunksize!r}")
    path = Path(path)
    learned = _furniture(furniture, lambda: _records(path, dates, columns))
    batch, any_rows = [], False
    for rec in _records(path, dates, columns):
        batch.append(rec)
        if len(batch) == chunksize:
            any_rows = True
            yield _build(batch, dates, learned)
            batch = []
    if batch or not any_rows:
        frame = _build(batch, dates, learned)
        if frame.empty:
            raise CorpusError(f"{path}: the corpus is empty (no articles found)")
        yield frame


def from_frame(frame: pd.DataFrame, dates: str = "raise", name: str = "frame",
               furniture=True, **columns) -> pd.DataFrame:
    """Clean a DataFrame of raw articles (one per row) into a corpus, as :func:`load_corpus`
    does for a CSV: the same keyword arguments name the columns, the same checks apply
    (``name`` stands for the file in messages and in default ids ``<name>-<row>``).

    For sources pandas or Dask read themselves (Parquet, a database, a Dask partition):
    ``framing.corpus.from_frame(pd.read_parquet("x.parquet"), text="body", outlet="source")``.
    Unlike :func:`load_corpus`, an empty frame gives an empty corpus (an empty Dask partition
    is not an error).

    ``furniture=True`` learns recurring lines from ``frame`` itself. For a Dask partition,
    learn them from the whole corpus first and pass them on::

        furniture = framing.corpus.learn_furniture(ddf, text="body", outlet="source")
        corpus = ddf.map_partitions(framing.corpus.from_frame, text="body", outlet="source",
                                    furniture=furniture, meta=framing.corpus.corpus_meta())
    """
    if dates not in ("raise", "coerce"):
        raise CorpusError(f"dates must be 'raise' or 'coerce', not {dates!r}")

    def records():
        return _frame_records(frame, name, columns)

    return _build(records(), dates, _furniture(furniture, records))


def _frame_records(frame: pd.DataFrame, name: str, columns: dict):
    rows = iter([[str(c) for c in frame.columns]])
    data = ((f"{name} row {i}", rec) for i, rec in enumerate(
        frame.astype(object).where(frame.notna(), "").to_dict("records"), start=1))
    return _read_table(Path(name), itertools.chain(rows, data), columns)


def learn_furniture(source, dates: str = "raise", **columns) -> Furniture:
    """Count the lines of every article, per outlet: the first pass of cleaning.

    Parameters
    ----------
    source : path, DataFrame or dask.dataframe.DataFrame
        What :func:`load_corpus` reads, a pandas frame as :func:`from_frame` takes, or a
        Dask DataFrame of such rows (each partition counted as a Dask task, the counts
        merged).
    **columns
        Column options as for :func:`load_corpus`.

    Returns
    -------
    Furniture
        To pass as ``furniture=`` to :func:`from_frame`, :func:`iter_corpus`,
        :func:`load_corpus` or :func:`framing.removed_lines`.
    """
    if type(source).__module__.startswith("dask"):
        import dask

        parts = [dask.delayed(learn_furniture)(part, dates, **columns)
                 for part in source.to_delayed()]
        learned = Furniture()
        for part in dask.compute(*parts):
            learned.merge(part)
        return learned
    if isinstance(source, pd.DataFrame):
        records = _frame_records(source, "frame", columns)
    else:
        records = _records(Path(source), dates, columns)
    return _count(records)


def _replay(records: list, path: Path, dates: str, columns: dict):
    """The records read so far; where reading stopped on an error, read again to raise it."""
    for rec in records:
        if rec is None:
            for _ in _records(path, dates, columns):
                pass
        else:
            yield rec


def _count(records, keep: bool = False) -> Furniture:
    """Count records' lines until the first bad record (the cleaning pass reports it).
    ``keep``: store each record's line hashes in it, for a cleaning pass over the same
    records (computed once, not twice)."""
    learned = Furniture()
    try:
        for rec in records:
            hashes = learned.add(rec["text"], rec["outlet"], rec["title"])
            if keep:
                rec["_line_hashes"] = hashes
    except CorpusError:
        pass
    return learned


def _furniture(furniture, records) -> Furniture | None:
    """The Furniture to clean with: learned from ``records()`` when ``furniture`` is True."""
    if furniture is True:
        return _count(records())
    if furniture is False or furniture is None:
        return None
    if not isinstance(furniture, Furniture):
        raise CorpusError(f"furniture must be True, False or a Furniture, not {furniture!r}")
    return furniture


def corpus_meta() -> pd.DataFrame:
    """An empty corpus frame with the right columns and dtypes (Dask's ``meta=``)."""
    return _build([], "raise", None)


def _records(path: Path, dates: str, columns: dict):
    """Check the arguments, then yield one record (a dict with FIELDS and "where") per article,
    reading the source as a stream."""
    if dates not in ("raise", "coerce"):
        raise CorpusError(f"dates must be 'raise' or 'coerce', not {dates!r}")
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a folder with {MANIFEST}, "
                          "or a .csv or .jsonl file")
    if path.is_dir():
        if columns:
            raise CorpusError(f"{path}: column options ({', '.join(columns)}) only apply to "
                              f"CSV/JSONL files; a folder is described by its {MANIFEST}")
        return _read_folder(path)
    if path.suffix.lower() == ".csv":
        return _read_table(path, _csv_rows(path), columns)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return _read_table(path, _jsonl_rows(path), columns)
    raise CorpusError(f"{path}: unsupported file type {path.suffix!r}; use a folder with "
                      f"{MANIFEST}, a .csv or a .jsonl file")


# --- readers: each returns a list of dicts with the FIELDS and "where" -----------------------

def _decode(data: bytes, where: str) -> str:
    """Decode UTF-8 (a BOM is allowed) or raise a CorpusError naming ``where``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{where}: file is UTF-16, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data:
        # valid UTF-8 in principle, but no news text holds NUL: UTF-16 without a byte-order
        # mark (every other byte NUL) or a binary file (PDF, Word, image) given by mistake
        utf16 = max(data[0::2].count(0), data[1::2].count(0)) > len(data) // 4
        kind = "UTF-16 without a byte-order mark" if utf16 else "a binary file, not text"
        raise CorpusError(f"{where}: contains NUL bytes (byte {data.index(0)}); it looks like "
                          f"{kind}; save the article as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{where}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from None


def _read_folder(folder: Path):
    """Check the manifest against the folder (every row, every .txt file), then return a
    generator that reads and checks the files one by one."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise CorpusError(f"{folder}: no {MANIFEST}; add one with columns "
                          f"{', '.join(MANIFEST_REQUIRED)} (optional: "
                          f"{', '.join(MANIFEST_OPTIONAL)})")
    where = str(manifest)
    text = _decode(manifest.read_bytes(), where)
    _, rows = read_checked_csv(io.StringIO(text, newline=""), MANIFEST_REQUIRED, "manifest",
                               CorpusError, where,
                               "missing required column(s) {columns}; the header is {header}")
    records, seen = [], {}
    for row_no, row in rows:
        for col in MANIFEST_OPTIONAL:
            row.setdefault(col, "")
        name = row["file"]
        at = f"{where} row {row_no}"
        if not name:
            raise CorpusError(f"{at}: empty 'file' cell; name the article's .txt or .html file")
        if _kind(name) is None:
            raise CorpusError(f"{at}: {name!r} is not a .txt, .html or .htm file (gzipped or "
                              "not); save the article as one of these")
        if name in seen:
            raise CorpusError(f"{at}: duplicate row for {name!r} (also row {seen[name]}); "
                              "keep one row per file")
        seen[name] = row_no
        if not row["outlet"]:
            raise CorpusError(f"{at}: empty 'outlet' for {name!r}; name the outlet")
        if not (folder / name).is_file():
            raise CorpusError(f"{at}: file {name!r} not found in {folder}; "
                              "fix the name or remove the row")
        records.append((at, row))
    unlisted = sorted(p.name for p in folder.iterdir()
                      if p.is_file() and _kind(p.name) and p.name not in seen)
    if unlisted:
        raise CorpusError(f"{folder}: {len(unlisted)} article file(s) not in {MANIFEST}: "
                          f"{', '.join(unlisted[:5])}{' ...' if len(unlisted) > 5 else ''}; "
                          "add a manifest row for each (no article is skipped silently)")
    # documents the loader cannot read, in the corpus folder: probably articles too
    unread = sorted(p.name for p in folder.iterdir()
                    if p.is_file() and p.suffix.lower() in _DOCUMENTS)
    if unread:
        raise CorpusError(f"{folder}: {len(unread)} document(s) framing cannot read: "
                          f"{', '.join(unread[:5])}{' ...' if len(unread) > 5 else ''}; save "
                          "each article as plain text (.txt) and add a manifest row, or move "
                          "the file out of the folder (no article is skipped silently)")
    return _read_files(folder, records)


#: Word-processor and print formats a journalist may save an article in; not read.
_DOCUMENTS = frozenset({".docx", ".doc", ".odt", ".rtf", ".pdf", ".pages", ".text"})


def _kind(name: str) -> str | None:
    """"text" or "html" for an article file name (a .gz ending allowed), else None."""
    low = name.lower().removesuffix(".gz")
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    return None


def _article_id(name: str) -> str:
    stem = Path(name).name
    if stem.lower().endswith(".gz"):
        stem = stem[:-3]
    return Path(stem).stem


def _read_files(folder: Path, records):
    for at, row in records:
        file = folder / row["file"]
        data = file.read_bytes()
        if file.name.lower().endswith(".gz"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as err:
                raise CorpusError(f"{file}: not a readable gzip file ({err}); save the page "
                                  "again, or un-gzip it and fix its name in the manifest") \
                    from None
        rec = {"article_id": _article_id(row["file"]), "outlet": row["outlet"],
               "title": row["title"], "published": row["published"], "url": row["url"],
               "author": row["author"], "where": at}
        if _kind(row["file"]) == "html":
            page = extract_page(data, str(file))
            rec["text"], rec["format"] = page["text"], "html"
            for field in ("title", "published", "author", "url"):
                rec[field] = rec[field] or page[field]
        else:
            rec["text"] = _decode(data, str(file))
        if not rec["text"].strip():
            raise CorpusError(f"{file}: file is empty; add the article text or remove its "
                              f"manifest row ({at})")
        yield rec


def extract_page(data: bytes, where: str = "page") -> dict:
    """The article in a saved web page, with trafilatura (needs ``framing[html]``).

    Parameters
    ----------
    data : bytes
        The page's HTML (not gzipped).
    where : str
        The file, for error messages.

    Returns
    -------
    dict
        ``text`` (the body trafilatura extracts, one paragraph a line; the
        cleaner runs on it afterwards), ``title``, ``published`` (ISO date),
        ``author`` and ``url`` from the page's metadata ("" when absent).

    Raises
    ------
    CorpusError
        When trafilatura is missing, the file is not HTML, or no article text is
        found.
    """
    try:
        import trafilatura
    except ImportError:
        raise CorpusError(f'{where}: reading saved web pages needs trafilatura; install it with '
                          f'pip install "framing[html]"') from None
    if not data.strip():
        raise CorpusError(f"{where}: file is empty; save the page again or remove its "
                          "manifest row")
    head = data[:4096].lower()
    if b"\x00" in data[:4096] or b"<" not in head:
        raise CorpusError(f"{where}: does not look like an HTML page (no tags at the start); "
                          "save the page as HTML (Save Page As, 'Web page, HTML only'), or "
                          "as a .txt file of the article text")
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise CorpusError(f"{where}: no article text found in the page; save the complete "
                          "article page (not a front page, frame or redirect), or paste the "
                          "article into a .txt file")
    meta = {"title": doc.title, "published": doc.date, "author": doc.author, "url": doc.url}
    out = {k: ("" if v is None else str(v).strip()) for k, v in meta.items()}
    out["text"] = text
    return out


def _csv_rows(path: Path):
    """Yield (where, dict) for each CSV row, streaming the file."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        _decode(head, str(path))  # raises: UTF-16 or binary
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise CorpusError(f"{path}: the file is empty; it needs a header row")
            yield list(header)
            # "row" counts records as a spreadsheet does (the header is row 1, a blank line a
            # row); a text with line breaks spans several lines of the file, so the lines are
            # named too
            for row_no, first, last, row in csv_records(reader, header):
                where = f"{path} row {row_no}" + (
                    "" if first == last == row_no else f" (line {first})" if first == last
                    else f" (lines {first}-{last})")
                if any("\x00" in v for v in row.values() if isinstance(v, str)):
                    raise CorpusError(f"{where}: contains NUL bytes; the file is binary or not "
                                      "UTF-8 text; save it as UTF-8 CSV")
                yield where, row
    except csv.Error as err:  # e.g. NUL bytes: UTF-16 without a byte-order mark, or binary
        raise CorpusError(f"{path} line {reader.line_num + 1}: not readable as CSV ({err}); "
                          "save the file as UTF-8 CSV text") from None
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: not valid UTF-8 ({err.reason} at byte {err.start}); "
                          "re-save the file as UTF-8") from None


def _jsonl_rows(path: Path):
    """Yield the keys seen, then (where, dict) for each JSONL line, streaming the file."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path}: file is UTF-16, not UTF-8; re-save it as UTF-8")
    with open(path, "rb") as fh:
        objects = _json_objects(path, fh)
        first = next(objects, None)
        if first is None:
            raise CorpusError(f"{path}: the file is empty; it needs one JSON object per line")
        yield list(first[1])  # the keys of the first object stand for the header
        yield first
        yield from objects  # one line at a time: the file is never held whole


def _json_objects(path: Path, fh):
    for line_no, line in enumerate(fh, start=1):
        where = f"{path} line {line_no}"
        text = _decode(line, where).strip()
        if not text:
            continue  # a blank line is not an article
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{where}: not valid JSON ({err.msg}); fix or remove the line") \
                from None
        if not isinstance(obj, dict):
            raise CorpusError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        yield where, obj


def _read_table(path: Path, rows, columns: dict):
    """Check the column options against the header, then return a generator of records."""
    unknown = [k for k in columns if k not in FIELDS]
    if unknown:
        raise CorpusError(f"unknown option(s) {', '.join(unknown)}; column options are "
                          f"{', '.join(FIELDS)}")
    mapping = {f: columns.get(f, f) for f in FIELDS}
    header = next(rows)
    for field in ("text", "outlet"):
        if mapping[field] not in header:
            # the same table is read from the command line and from Python: name both ways
            hint = (f" (name yours with --{field} COLUMN, or {field}='COLUMN' in Python)"
                    if field not in columns else "")
            raise CorpusError(f"{path}: no column {mapping[field]!r} for the article {field}"
                              f"{hint}; columns are {', '.join(map(str, header))}")
    for field in ("title", "published", "url", "article_id"):
        if field in columns and columns[field] not in header:
            raise CorpusError(f"{path}: no column {columns[field]!r} for {field}; columns are "
                              f"{', '.join(map(str, header))}")
    return _table_records(path, rows, mapping)


def _table_records(path: Path, rows, mapping: dict):
    seen = {}
    for n, (where, row) in enumerate(rows, start=1):
        rec = {"where": where, "author": ""}
        for field in FIELDS:
            value = row.get(mapping[field], "")
            rec[field] = "" if value is None else str(value)
        if not rec["text"].strip():
            raise CorpusError(f"{where}: empty text in column {mapping['text']!r}; "
                              "fill it in or remove the row")
        if not rec["outlet"].strip():
            raise CorpusError(f"{where}: empty outlet in column {mapping['outlet']!r}; "
                              "fill it in or remove the row")
        if not rec["article_id"]:
            rec["article_id"] = f"{path.stem}-{n}"
        if rec["article_id"] in seen:
            raise CorpusError(f"{where}: duplicate article id {rec['article_id']!r} "
                              f"(also {seen[rec['article_id']]}); ids must be unique")
        seen[rec["article_id"]] = where
        yield rec


# --- assembly -------------------------------------------------------------------------------

def _parse_date(value: str, where: str, dates: str, coerced: list | None = None):
    value = value.strip()
    if not value:
        return pd.NaT
    if _ISO_DATE.match(value):
        try:
            return pd.Timestamp(value)
        except ValueError:
            pass
    if dates == "coerce":
        if coerced is not None:
            coerced.append((where, value))
        return pd.NaT
    raise CorpusError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD); fix it, "
                      "leave it empty, or load with dates='coerce' (command line: --dates coerce)")


def _build(records, dates: str, furniture: Furniture | None) -> pd.DataFrame:
    """Clean each record as it comes (an iterable: the raw sources are not all held at once)."""
    rows, coerced = [], []
    for rec in records:
        html = rec.get("format") == "html"
        # an extractor already cut the page's edges: no positional rules on its text
        cleaned = clean_text(rec["text"], rec["title"], furniture, rec["outlet"].strip(),
                             edges=not html, line_hashes=rec.get("_line_hashes"))
        if not cleaned.text.strip():
            raise CorpusError(f"{rec['where']}: no article text left ({len(cleaned.lines)} "
                              "line(s), all blank or page furniture); check the file")
        rows.append((
            rec["article_id"], rec["outlet"].strip(), rec["title"].strip(),
            _parse_date(rec["published"], rec["where"], dates, coerced), rec["url"].strip(),
            cleaned.text, rec["text"], len(cleaned.text.split()),
            rec.get("author", "").strip() or cleaned.byline,
            len(cleaned.removed), "html" if html else "text",
        ))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"])
    if coerced:  # the user asked for it, but should know how many dates are gone
        where, value = coerced[0]
        warnings.warn(f"{len(coerced)} date(s) that are not ISO (YYYY-MM-DD) were left empty "
                      f"(dates='coerce'), e.g. {where}: {value!r}", DatesCoercedWarning,
                      stacklevel=3)  # the caller of load_corpus / from_frame
    return frame


class DatesCoercedWarning(UserWarning):
    """Non-ISO dates were left empty because the corpus was loaded with ``dates='coerce'``."""



def read_manifest(path) -> pd.DataFrame:
    """The manifest of a folder corpus (all columns as text); for a CSV/JSONL corpus, an empty
    table with the manifest's columns."""
    path = Path(path)
    columns = ["file", "outlet", "title", "published", "url", "notes"]
    if not (path.is_dir() and (path / MANIFEST).is_file()):
        return pd.DataFrame(columns=columns)
    frame = pd.read_csv(path / MANIFEST, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for col in columns:
        if col not in frame:
            frame[col] = ""
    return frame


def outlet_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: ``articles``, ``words`` (total), ``median_words``, ``first`` and
    ``last`` publication dates."""
    grouped = corpus.groupby("outlet", sort=True)
    return pd.DataFrame({
        "articles": grouped.size(),
        "words": grouped["n_words"].sum(),
        "median_words": grouped["n_words"].median(),
        "first": grouped["published"].min(),
        "last": grouped["published"].max(),
    }).reset_index()


def largest_outlets(corpus: pd.DataFrame, n: int | None = 12) -> list[str]:
    """The ``n`` outlets with the most articles (ties by name), in name order: the outlets a
    figure shows when a corpus has more than a figure can hold. ``None``: every outlet.

    Tables and the CSV files keep every outlet; only figures are limited."""
    counts = corpus.groupby("outlet").size().reset_index(name="n")
    counts = counts.sort_values(["n", "outlet"], ascending=[False, True])
    chosen = counts["outlet"] if n is None else counts["outlet"].head(n)
    return sorted(chosen)


def shown_note(corpus: pd.DataFrame, shown: list[str]) -> str:
    """A one-line note for a reader when figures leave outlets out ("" when none is left out)."""
    total = corpus["outlet"].nunique()
    if len(shown) >= total:
        return ""
    return (f"Figures show the {len(shown)} outlets with the most articles, of {total}; the "
            "tables and the figures' CSV files hold every outlet.")


def source_columns(path) -> list[str]:
    """The columns of a corpus source: the manifest's header for a folder, the CSV header,
    or the keys of a JSONL file's first object."""
    path = Path(path)
    if path.is_dir():
        return list(read_manifest(path).columns)
    if path.suffix.lower() == ".csv":
        return list(next(_csv_rows(path)))
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return list(next(_jsonl_rows(path)))
    raise CorpusError(f"{path}: unsupported file type {path.suffix!r}")


def read_column(path, column: str, **columns) -> dict | None:
    """``{article_id: value}`` of one more column of the source (a manifest column, a CSV
    column or a JSONL key), with the ids :func:`load_corpus` gives the articles; ``None`` when
    the source has no such column. ``columns`` are the same keywords as for ``load_corpus``
    (only ``article_id`` matters here). Streams the source."""
    path = Path(path)
    if column not in source_columns(path):
        return None
    if path.is_dir():
        manifest = read_manifest(path)
        return {Path(f).stem: v for f, v in zip(manifest["file"], manifest[column])}
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _jsonl_rows(path)
    next(rows)  # the header
    id_column = columns.get("article_id", "article_id")
    out = {}
    for n, (_, row) in enumerate(rows, start=1):
        aid = row.get(id_column)
        aid = f"{path.stem}-{n}" if aid in (None, "") else str(aid)
        value = row.get(column)
        out[aid] = "" if value is None else value
    return out
