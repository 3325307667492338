"""Benchmark: concordance, collocates and competing labels on real articles.

Usage: python scripts/bench_collocates.py [path/to/articles_subset.jsonl]
Default: ../shared/datasets/article_bias_prediction/articles_subset.jsonl (8,523 articles),
grouped by the outlets' bias label (``bias_text``: left / center / right), with a 20-actor
codebook of US politics (``scripts/data/abp_actors.csv``).

For 2,000, 4,000 and all articles (the first n of the file): the per-article analysis
(``framing.analyze``, timed for reference only), then the parts this benchmark is about, each
the best of three runs: the term counts per group (``term_frequencies``, computed once and
shared by every actor), ``collocates`` of all 20 actors, a concordance of one actor
(``trump``) and of a word, and the label shares of the case study's labels table with 2,000
bootstrap resamples. Writes ``scripts/results/bench_collocates.csv`` with the machine's
conditions (CPUs, load average) beside the numbers.
"""

import os
import platform
import sys
import time
from pathlib import Path

import pandas as pd

import framing
from framing.collocates import collocates, term_frequencies
from framing.labels import label_hits, label_shares, load_labels

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
BY = "bias_text"


def best(fn, repeat=3):
    """(wall, cpu) seconds: the fastest of ``repeat`` runs of each (the machine is shared: the
    CPU time of this process is the steadier figure under contention)."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return round(min(walls), 2), round(min(cpus), 2)


def main(path: Path) -> None:
    t = time.perf_counter()
    full = framing.load_grouped(path, BY, text="content_original", outlet="source",
                                title="title", published="date", article_id="ID",
                                dates="coerce")
    print(f"load + clean: {len(full)} articles in {time.perf_counter() - t:.1f} s")
    book = framing.load_codebook(ROOT / "scripts" / "data" / "abp_actors.csv")
    labels = load_labels(ROOT / "seeds" / "labels.csv")
    rows = []
    for n in (2000, 4000, len(full)):
        corpus = full.head(n).reset_index(drop=True)
        t = time.perf_counter()
        result = framing.analyze(corpus, book)
        t_analyze = time.perf_counter() - t
        freqs = term_frequencies(corpus, BY)
        row = {"articles": n, "mb": round(corpus["text"].str.len().sum() / 1e6, 1),
               "mentions": len(result.mentions), "analyze_s": round(t_analyze, 2)}
        timed = {
            "term_frequencies": lambda: term_frequencies(corpus, BY),
            "collocates_20_actors": lambda: collocates(result, by=BY, frequencies=freqs),
            "collocates_with_counts": lambda: collocates(result, by=BY),
            "concordance_actor": lambda: framing.concordance(corpus, "trump", by=BY,
                                                             codebook=book),
            "concordance_word": lambda: framing.concordance(corpus, "immigration", by=BY),
            "label_shares": lambda: label_shares(corpus, labels, by=BY,
                                                 hits=label_hits(corpus, labels, by=BY)),
        }
        for name, fn in timed.items():
            row[f"{name}_s"], row[f"{name}_cpu_s"] = best(fn)
        table = collocates(result, by=BY, frequencies=freqs)
        row["collocate_rows"] = len(table)
        row["trump_hits"] = len(framing.concordance(corpus, "trump", by=BY, codebook=book))
        row["load_avg_1min"] = round(os.getloadavg()[0], 2)
        print(row, flush=True)
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["cpus"] = os.cpu_count()
    frame["machine"] = f"{platform.machine()} Python {platform.python_version()}"
    out = ROOT / "scripts" / "results" / "bench_collocates.csv"
    frame.to_csv(out, index=False, lineterminator="\n")
    print(frame.to_string(index=False))
    print(f"written: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
