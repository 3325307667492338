"""Benchmark: ``framing run`` on the case study, notebooks one at a time and side by side.

Usage: python scripts/bench_run.py [--repeat N] [--jobs 1 2 ...]

Each setting runs ``framing run --out <temporary folder> --jobs J`` (the six notebooks on the
five seed articles, HTML export included) in a fresh process, ``--repeat`` times (default 2),
and reports the fastest wall-clock time and the process tree's CPU seconds. Writes
scripts/results/bench_run.csv. Run it on an otherwise idle machine: notebooks side by side
share the cores with whatever else runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from report import write_results

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "results" / "bench_run.csv"


def once(jobs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "framing", "run", "--out", str(Path(tmp) / "run"),
                        "--jobs", str(jobs)], check=True, capture_output=True)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    args = ap.parse_args(argv)
    rows = []
    for jobs in dict.fromkeys(args.jobs):
        runs = [once(jobs) for _ in range(args.repeat)]
        wall, cpu = min(runs)
        rows.append({"jobs": jobs, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
                     "repeats": args.repeat, "cores": os.cpu_count(),
                     "load_before": round(os.getloadavg()[0], 2),
                     "python": platform.python_version()})
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    table["speedup"] = (table["seconds"].iloc[0] / table["seconds"]).round(2)
    write_results(table, OUT)


if __name__ == "__main__":
    main()
