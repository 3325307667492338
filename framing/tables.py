"""One checked reader for the small CSV tables a user edits: codebook, spelling table.

Every such table is UTF-8 (a spreadsheet's byte-order mark allowed), has a header with some
required columns, and is read row by row with the row number a user sees in a spreadsheet
(the header is row 1). A problem is raised as the caller's own error class, in one line
naming the file and what to fix.

Examples
--------
>>> header, rows = read_checked_csv("actors.csv", required=("actor", "aliases"),
...                                 what="codebook", error=ValueError)   # doctest: +SKIP
>>> for n, row in rows: ...                                              # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator


def read_checked_csv(source, required, what: str, error=ValueError, name: str | None = None,
                     missing: str | None = None) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Open a CSV table, check its encoding and header, and iterate over its rows.

    Parameters
    ----------
    source : str, Path or text file object
        The CSV file (read as UTF-8, BOM allowed), or an open text stream.
    required : sequence of str
        Columns the header must have.
    what : str
        What the table is, for messages ("codebook", "normalisation table").
    error : type
        The exception class to raise (e.g. ``CodebookError``).
    name : str, optional
        How to name the file in messages (default: the path).
    missing : str, optional
        The message for missing columns, with ``{columns}`` and ``{header}``; default
        "missing column(s) ...; the header is ...".

    Returns
    -------
    (header, rows)
        ``header``: the column names, stripped; ``rows``: an iterator of
        ``(row number, {column: value stripped of white space})``, row 2 first.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(path)
        if not path.is_file():
            raise error(f"{name}: {what} not found")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise error(f"{name}: not valid UTF-8; re-save the {what} as UTF-8") from None
        stream = io.StringIO(text, newline="")
    else:
        stream, name = source, name or getattr(source, "name", what)
    reader = csv.reader(stream)
    header = [h.strip() for h in next(reader, [])]
    absent = [c for c in required if c not in header]
    if absent:
        message = missing or "missing column(s) {columns}; the header is {header}"
        raise error(f"{name}: " + message.format(columns=", ".join(absent),
                                                 header=", ".join(header) or "(empty)"))

    def rows():
        for n, _, _, row in csv_records(reader, header):
            yield n, {k: (v or "").strip() for k, v in row.items() if k is not None}
    return header, rows()


def csv_records(reader, fieldnames):
    """``(row, first line, last line, record)`` for each record a ``csv.reader`` gives after
    its header, rows numbered as a spreadsheet numbers them (the header is row 1; a blank line
    is a row too, and gives no record). A record maps ``fieldnames`` to its values as
    ``csv.DictReader`` does (missing values None, extra ones under the key None)."""
    row_no = 1
    while True:
        before = reader.line_num
        try:
            values = next(reader)
        except StopIteration:
            return
        row_no += 1
        if not values:
            continue
        row = dict(zip(fieldnames, values))
        if len(values) > len(fieldnames):
            row[None] = values[len(fieldnames):]
        for name in fieldnames[len(values):]:
            row[name] = None
        yield row_no, before + 1, reader.line_num, row

