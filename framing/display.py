"""What a notebook shows: a table, or one line saying why there is none.

An empty table ("Empty DataFrame, Columns: [...], Index: []") tells a reader nothing; on
another corpus many of the notebooks' tables can be empty (no reader comments, no indirect
speech, no shared passages), so the notebooks show them through :func:`table`.
"""

from __future__ import annotations

import pandas as pd


def table(frame: pd.DataFrame, empty: str):
    """``frame`` when it has rows (to display as a cell's result), else print ``empty``
    and return None, so that the cell shows that line instead of an empty table.

    Parameters
    ----------
    frame : DataFrame
    empty : str
        What an empty table means, in words ("The cleaner removed no lines.").

    Examples
    --------
    >>> table(removed[removed["rule"] == "reader_comments"], "No reader comments were removed.")
    """
    if len(frame) == 0 or len(frame.columns) == 0:
        print(empty)
        return None
    return frame
