"""Benchmark: quote extraction and attribution on real articles.

Usage: python scripts/bench_quotes.py [N_ARTICLES]
Cleans the first N articles (default all 8,523) of Article-Bias-Prediction, then times
framing.quotes.corpus_quotes on the clean text alone.
"""

import json
import sys
import time
from pathlib import Path

import pandas as pd

import framing
from framing.quotes import corpus_quotes

ABP = (Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article_bias_prediction"
       / "articles_subset.jsonl")


def main(n: int | None = None) -> None:
    with open(ABP, encoding="utf-8") as fh:
        rows = [json.loads(line) for i, line in enumerate(fh) if n is None or i < n]
    corpus = pd.DataFrame({"article_id": [r["ID"] for r in rows],
                           "outlet": [r["source"] for r in rows],
                           "text": [framing.clean_text(r["content_original"], r["title"]).text
                                    for r in rows]})
    mb = corpus["text"].str.encode("utf-8").str.len().sum() / 1e6
    t = time.perf_counter()
    found = corpus_quotes(corpus)
    dt = time.perf_counter() - t
    kinds = found["kind"].value_counts().to_dict()
    print(f"{len(corpus)} articles, {mb:.1f} MB of clean text: {dt:.1f} s, {mb / dt:.2f} MB/s, "
          f"{len(corpus) / dt:,.0f} articles/s; units: {kinds}")
    direct = found[found["kind"] == "direct"]
    print(f"direct quotes with a speaker: {(direct['speaker'] != '').mean():.0%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
