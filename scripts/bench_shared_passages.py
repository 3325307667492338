"""Benchmark: terms.shared_passages on 100, 200, 400 and 800 real articles.

Usage: python scripts/bench_shared_passages.py [sizes...]

The cost should grow with the text and with the pairs of articles that share a passage,
not with the square of the corpus: the time per article is printed for each size.
Writes scripts/results/bench_shared_passages.csv (with the load average: the machine may be
shared).

Data: ../shared/datasets/article_bias_prediction/articles_subset.jsonl.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing import terms  # noqa: E402
from tests.helpers import ABP, abp_corpus  # noqa: E402

RESULTS = ROOT / "scripts" / "results" / "bench_shared_passages.csv"


def main(sizes) -> None:
    if not ABP.is_file():
        raise SystemExit(f"{ABP} not found")
    corpus = abp_corpus(max(sizes))
    rows = []
    for n in sizes:
        part = corpus.head(n)
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            found = terms.shared_passages(part)
            best = min(best, time.perf_counter() - t)
        rows.append({"articles": n, "seconds": round(best, 3),
                     "ms_per_article": round(1000 * best / n, 2), "passages": len(found),
                     "load": round(os.getloadavg()[0], 1)})
        print(rows[-1], flush=True)
    pd.DataFrame(rows).to_csv(RESULTS, index=False, lineterminator="\n")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 200, 400, 800])
