"""Benchmark: `framing analyze` in one process against Dask workers that write Parquet.

Usage:
    python scripts/bench_scale.py                  # 2,000 and all 8,523 articles, 2 workers
    python scripts/bench_scale.py --workers 2 2000 all
    python scripts/bench_scale.py --repeat 3 all   # best of three per row (default 1)

Each row runs the command a user runs, `framing analyze --corpus FILE --out DIR` (loading,
cleaning, every per-article stage, term counts and writing the Parquet datasets), as its own
process: `--engine pandas` (one process) and `--engine dask --workers N --partitions 4N`
(a LocalCluster started by the command; the workers read and clean their blocks of the file
and write their partitions, nothing is gathered). It reports wall time, the speed-up of
Dask over one process, and the peak resident memory of the client process alone (polled
every 50 ms; the workers' memory is not the client's). Conditions (cores, load average
before and after, Python) are recorded with every row, because the machine may be shared.

Writes scripts/results/bench_scale.csv and prints it.

Data: ../shared/datasets/article_bias_prediction/articles_subset.jsonl (8,523 articles).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
RESULTS = ROOT / "scripts" / "results" / "bench_scale.csv"
FRAMING = Path(sys.executable).parent / "framing"
OPTIONS = ["--text", "content_original", "--outlet", "source", "--title", "title",
           "--published", "date", "--url", "url", "--id", "ID", "--dates", "coerce"]


def subset(n: int | None, folder: Path) -> Path:
    """The first ``n`` articles as a JSONL file (all of them for ``None``)."""
    if n is None:
        return ABP
    path = folder / f"abp_{n}.jsonl"
    with open(ABP, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def run(corpus: Path, out: Path, engine: str, workers: int) -> dict:
    """One `framing analyze` run: wall seconds and the client's peak RSS in MB."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(FRAMING), "analyze", "--corpus", str(corpus), *OPTIONS, "--out", str(out),
           "--engine", engine]
    if engine == "dask":
        cmd += ["--workers", str(workers), "--partitions", str(4 * workers)]
    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    client = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, client.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - t
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    return {"seconds": round(seconds, 2), "client_peak_mb": round(peak / 2**20),
            "load_before": round(load_before, 1), "load_after": round(os.getloadavg()[0], 1)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["2000", "all"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    if not ABP.is_file():
        raise SystemExit(f"{ABP} not found (clone the project next to ../shared)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="framing-bench-scale-") as tmp:
        tmp = Path(tmp)
        for size in args.sizes:
            n = None if size == "all" else int(size)
            corpus = subset(n, tmp)
            articles = sum(1 for _ in open(corpus, encoding="utf-8"))
            by_engine = {}
            for engine in ("pandas", "dask"):
                runs = [run(corpus, tmp / f"out-{engine}", engine, args.workers)
                        for _ in range(args.repeat)]
                best = min(runs, key=lambda r: r["seconds"])
                best["client_peak_mb"] = max(r["client_peak_mb"] for r in runs)
                by_engine[engine] = best
                rows.append({"articles": articles, "mb": round(corpus.stat().st_size / 1e6, 1),
                             "engine": engine if engine == "pandas" else
                             f"dask x{args.workers}", **best, "speedup": None,
                             "repeats": args.repeat, "cores": os.cpu_count(),
                             "python": platform.python_version(),
                             "date": time.strftime("%Y-%m-%d %H:%M")})
                print(rows[-1], flush=True)
            rows[-1]["speedup"] = round(by_engine["pandas"]["seconds"]
                                        / by_engine["dask"]["seconds"], 2)
    table = pd.DataFrame(rows)
    RESULTS.parent.mkdir(exist_ok=True)
    table.to_csv(RESULTS, index=False, lineterminator="\n")
    print(table.to_string(index=False))
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
