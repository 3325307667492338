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


def abp_corpus(n: int, clean: bool = True):
    """The first ``n`` Article-Bias-Prediction articles as a minimal corpus frame
    (article_id, outlet, text), cleaned unless ``clean=False``."""
    import json

    import pandas as pd

    from framing import clean_text

    with open(ABP, encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh)]
    texts = [r["content_original"] for r in rows]
    return pd.DataFrame({"article_id": [r["ID"] for r in rows],
                         "outlet": [r["source"] for r in rows],
                         "text": [clean_text(t).text for t in texts] if clean else texts})
