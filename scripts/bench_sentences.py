"""Benchmark: cleaning and sentence splitting on real articles.

Usage: python scripts/bench_sentences.py [path/to/articles_subset.jsonl]
Default: ../shared/datasets/article_bias_prediction/articles_subset.jsonl
"""

import json
import sys
import time
from pathlib import Path

from framing.cleaning import clean_text
from framing.text import sentence_spans

DEFAULT = (Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article_bias_prediction"
           / "articles_subset.jsonl")


def main(path: Path) -> None:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    raw = [r["content_original"] for r in rows]
    mb = sum(len(t.encode("utf-8")) for t in raw) / 1e6
    t0 = time.perf_counter()
    clean = [clean_text(t, r.get("title")).text for t, r in zip(raw, rows)]
    t1 = time.perf_counter()
    n = sum(len(sentence_spans(t)) for t in clean)
    t2 = time.perf_counter()
    mb_clean = sum(len(t.encode("utf-8")) for t in clean) / 1e6
    print(f"articles: {len(rows)}, raw text {mb:.1f} MB, clean text {mb_clean:.1f} MB")
    print(f"cleaning:  {t1 - t0:6.2f} s  {mb / (t1 - t0):6.2f} MB/s")
    print(f"sentences: {t2 - t1:6.2f} s  {mb_clean / (t2 - t1):6.2f} MB/s  ({n} sentences)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
