"""Benchmark: the whole per-article analysis (framing.analyze) on real articles.

Usage:
    python scripts/bench_analyze.py                 # 1k, 2k, 4k and all 8,523 articles
    python scripts/bench_analyze.py 1000 all        # chosen sizes
    python scripts/bench_analyze.py --dask 2 all    # also the Dask engine on a 2-worker LocalCluster
    python scripts/bench_analyze.py --repeat 1 all  # one run per size (default: best of 3)

Each size runs in a fresh Python process, so its peak memory (max RSS) is its own, and is
timed three times; the fastest run is reported, as timeit does. For each
size it reports the time per stage (load+clean, sentences, mentions, in_quote, sentiment,
quotes), articles/s and MB/s end to end, peak memory, and the baseline: VADER's
polarity_scores on every sentence once (the cost no lexicon method avoids). The table is
printed and written to scripts/results/bench_analyze.csv.

Data: ../shared/datasets/article_bias_prediction/articles_subset.jsonl (8,523 articles).
"""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
RESULTS = ROOT / "scripts" / "results" / "bench_analyze.csv"
COLUMNS = dict(text="content_original", outlet="source", title="title", published="date",
               url="url", article_id="ID")


def one_size(n: int | None, engine: str, workers: int, repeat: int = 3) -> dict:
    """Run one size in this process ``repeat`` times and return its row: the fastest run's
    times (as timeit does: this shared 2-core machine's noise only ever adds time), the
    baseline likewise, and the process's peak memory."""
    rows = []
    for _ in range(repeat):
        rows.append(_one_run(n, engine, workers))
    best = min(rows, key=lambda r: r["total_s"])
    best["vader_baseline_s"] = min(r["vader_baseline_s"] for r in rows)
    best["total_over_vader"] = round(best["total_s"] / best["vader_baseline_s"], 2)
    best["repeats"] = repeat
    best["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return best


def _one_run(n: int | None, engine: str, workers: int) -> dict:
    import framing
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    path = ABP
    if n is not None:  # the first n lines, as a file, so loading is measured as a user runs it
        path = Path(f"/tmp/framing_bench_{n}.jsonl")
        with open(ABP, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
    t0 = time.perf_counter()
    corpus = framing.load_corpus(path, dates="coerce", **COLUMNS)
    t_load = time.perf_counter() - t0
    codebook = framing.load_codebook()
    row = {"articles": len(corpus),
           "mb": round(corpus["text"].str.encode("utf-8").str.len().sum() / 1e6, 1),
           "engine": engine if engine == "pandas" else f"dask x{workers}"}
    if engine == "dask":
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster, \
                Client(cluster):
            t1 = time.perf_counter()
            result = framing.analyze(corpus, codebook, engine="dask", npartitions=4 * workers)
            t_analyze = time.perf_counter() - t1
        row.update({"load_clean_s": round(t_load, 2), "analyze_s": round(t_analyze, 2)})
    else:
        t1 = time.perf_counter()
        result = framing.analyze(corpus, codebook)
        t_analyze = time.perf_counter() - t1
        row["load_clean_s"] = round(t_load, 2)
        row.update({f"{k}_s": round(v, 2) for k, v in result.timings.items()})
        row["analyze_s"] = round(t_analyze, 2)
    total = t_load + t_analyze
    row["total_s"] = round(total, 2)
    row["articles_per_s"] = round(len(corpus) / total)
    row["mb_per_s"] = round(row["mb"] / total, 2)
    row["sentences"], row["mentions"], row["quotes"] = (
        len(result.sentences), len(result.mentions), len(result.quotes))
    # Baseline: VADER once on every sentence (after analyze, so it is not in the peak twice).
    vader = SentimentIntensityAnalyzer()
    texts = result.sentences["text"].tolist()
    t2 = time.perf_counter()
    for t in texts:
        vader.polarity_scores(t)
    row["vader_baseline_s"] = round(time.perf_counter() - t2, 2)
    del result, corpus, texts  # the next repeat starts from the same memory
    return row


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        n = None if argv[1] == "all" else int(argv[1])
        print(json.dumps(one_size(n, argv[2], int(argv[3]), int(argv[4]))))
        return
    if not ABP.is_file():
        sys.exit(f"benchmark data not found: {ABP} (it comes with ../shared/datasets)")
    workers, repeat = 0, 3
    while argv and argv[0] in ("--dask", "--repeat"):
        if argv[0] == "--dask":
            workers = int(argv[1])
        else:
            repeat = int(argv[1])
        argv = argv[2:]
    sizes = argv or ["1000", "2000", "4000", "all"]
    import pandas as pd

    rows = []
    for size in sizes:
        for engine in ["pandas"] + (["dask"] if workers else []):
            out = subprocess.run([sys.executable, __file__, "--child", size, engine,
                                  str(workers), str(repeat)], capture_output=True, text=True,
                                 check=False)
            if out.returncode:
                sys.exit(f"size {size} ({engine}) failed:\n{out.stderr[-3000:]}")
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"{size} ({engine}): {rows[-1]['total_s']} s", file=sys.stderr)
    table = pd.DataFrame(rows)
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python " \
              f"{platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cores"
    print(f"machine: {machine}")
    print(table.to_string(index=False))
    RESULTS.parent.mkdir(exist_ok=True)
    table.assign(machine=machine).to_csv(RESULTS, index=False)


if __name__ == "__main__":
    main(sys.argv[1:])
