"""Shared by the benchmark scripts: write a results table to scripts/results/ and show it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_results(table: pd.DataFrame, out: Path) -> None:
    """Write ``table`` to ``out`` as CSV (Unix line ends, no index) and print it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False, lineterminator="\n")
    print(table.to_string(index=False))
    print(f"written {out}")
