"""Benchmark: distinctive_terms on real articles grouped by outlet.

Usage: python scripts/bench_terms.py [path/to/articles_subset.jsonl]
Default: ../shared/datasets/article_bias_prediction/articles_subset.jsonl (8,523 articles,
260 outlets). Loading and cleaning are timed separately from the term statistics.
"""

import sys
import time
import resource
from pathlib import Path

import framing
from framing.terms import METHODS, distinctive_terms, similarity

DEFAULT = (Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article_bias_prediction"
           / "articles_subset.jsonl")


def main(path: Path) -> None:
    t0 = time.perf_counter()
    corpus = framing.load_corpus(path, text="content_original", outlet="source", title="title",
                                 published="date", article_id="ID", dates="coerce")
    t1 = time.perf_counter()
    mb = corpus["text"].str.len().sum() / 1e6
    print(f"load + clean: {len(corpus)} articles, {corpus['outlet'].nunique()} outlets, "
          f"{mb:.1f} M characters in {t1 - t0:.1f} s")
    for method in METHODS:
        t = time.perf_counter()
        res = distinctive_terms(corpus, by="outlet", method=method, n=25)
        dt = time.perf_counter() - t
        print(f"distinctive_terms(method={method!r}): {dt:6.1f} s, {len(res)} rows "
              f"({len(corpus) / dt:,.0f} articles/s)")
    t = time.perf_counter()
    sim = similarity(corpus)
    print(f"similarity: {time.perf_counter() - t:6.1f} s, {len(sim)} pairs")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole run: {peak:,.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
