"""Benchmark: the test suite, on every core (the README's command) and in one process.

Usage: python scripts/bench_tests.py [--workers auto 0]

Runs ``python -m pytest -q -p no:cacheprovider -n W`` from the project folder with the Python
that runs this script (so: a virtual environment with the ``test`` and ``dask`` extras, as the
README's test command makes), once per setting: ``-n auto`` is what ``pytest`` alone does (see
``pyproject.toml``), ``-n 0`` the same tests in one process. Reports wall-clock seconds, the
process tree's CPU seconds and pytest's summary line; writes scripts/results/bench_tests.csv.
A test run takes minutes: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from report import write_results

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "results" / "bench_tests.csv"


def once(workers: str) -> dict:
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-n", workers], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = proc.stdout.strip().splitlines()
    return {"workers": workers, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
            "result": lines[-1].strip("= ") if lines else f"exit {proc.returncode}",
            "cores": os.cpu_count(), "load_before": round(load, 2),
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime())}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", nargs="+", default=["auto", "0"])
    args = ap.parse_args(argv)
    rows = []
    for workers in args.workers:
        rows.append(once(workers))
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    write_results(table, OUT)


if __name__ == "__main__":
    main()
