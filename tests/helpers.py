"""Paths shared by the tests."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
ABP = SHARED / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"

needs_abp = pytest.mark.skipif(
    not ABP.is_file(),
    reason=f"real-data test: {ABP} not found (clone the project next to ../shared to run it)",
)
NEWSMTSC = SHARED / "datasets" / "newsmtsc"

needs_newsmtsc = pytest.mark.skipif(
    not (NEWSMTSC / "splits" / "rw" / "dev.jsonl").is_file(),
    reason=f"real-data test: {NEWSMTSC} not found (clone the project next to ../shared to run it)",
)
