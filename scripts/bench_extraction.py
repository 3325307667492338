"""Saved web pages in: trafilatura alone vs the full loader, on the article extraction benchmark.

Reads ``../shared/datasets/article_extraction_benchmark`` (141 gzipped pages with a person's
article body as ground truth; a corpus folder: ``manifest.csv`` with ``file,outlet,url``) and
scores two systems with the benchmark's own metric (its ``evaluate.py``): per page, precision
and recall of the predicted body's word 4-shingles (``\\w+`` tokens, multiset overlap) against
the ground truth; both averaged over pages (a page counts for precision when something was
predicted, for recall when the truth is non-empty); F1 from the two means.

* ``trafilatura``: ``trafilatura.extract(html, include_comments=False)`` on the page decoded as
  UTF-8, exactly as the benchmark's ``extractors/run_trafilatura.py`` runs it.
* ``framing loader``: the ``text`` column of ``framing.load_corpus(folder)``: trafilatura's
  body (``framing.corpus.extract_page``), then the cleaner with its named rules (not the
  positional ones: the extractor already cut the page's edges), hover cards and the
  furniture learned from the folder. Its time includes reading, gunzipping, metadata and
  cleaning.

Writes ``scripts/results/bench_extraction.csv`` (one row per system) and
``scripts/results/bench_extraction_pages.csv`` (one row per page and system).

Run: ``.venv/bin/python scripts/bench_extraction.py``
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "datasets" / "article_extraction_benchmark"
RESULTS = ROOT / "scripts" / "results"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    return float(tp), float(fp), float(fn)


def precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def scores(counts: list[tuple[float, float, float]]) -> dict:
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def main() -> int:
    if not (BENCH / "manifest.csv").is_file():
        print(f"{BENCH} not found: clone the project next to ../shared", file=sys.stderr)
        return 1
    import trafilatura

    import framing
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    with open(BENCH / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))

    # The loader as a user runs it: the whole folder in one call.
    t0 = time.perf_counter()
    corpus = framing.load_corpus(BENCH)
    timings = {"trafilatura": 0.0, "framing loader": time.perf_counter() - t0}
    ours = dict(zip(corpus["article_id"], corpus["text"]))
    pages = []
    for row in rows:
        key = Path(row["file"]).name.split(".")[0]
        data = gzip.decompress((BENCH / row["file"]).read_bytes())
        t = time.perf_counter()
        alone = trafilatura.extract(data.decode("utf-8"), include_comments=False) or ""
        timings["trafilatura"] += time.perf_counter() - t
        gold = truth[key].get("articleBody", "")
        for system, pred in (("trafilatura", alone), ("framing loader", ours[key])):
            tp, fp, fn = tp_fp_fn(gold, pred)
            pages.append({"key": key, "outlet": row["outlet"], "system": system,
                          "tp": tp, "fp": fp, "fn": fn, "precision": precision(tp, fp, fn),
                          "recall": recall(tp, fp, fn), "words": len(pred.split())})
    frame = pd.DataFrame(pages)
    table = []
    for system, part in frame.groupby("system", sort=False):
        s = scores(list(zip(part["tp"], part["fp"], part["fn"])))
        table.append({"system": system, "pages": len(part),
                      **{k: round(v, 4) for k, v in s.items()},
                      "seconds": round(timings[system], 1)})
    RESULTS.mkdir(exist_ok=True)
    result = pd.DataFrame(table)
    result.to_csv(RESULTS / "bench_extraction.csv", index=False, lineterminator="\n")
    frame.round(4).to_csv(RESULTS / "bench_extraction_pages.csv", index=False,
                          lineterminator="\n")
    print(result.to_string(index=False))
    print(f"timings measured on a shared 2-core machine under contention; trafilatura "
          f"{trafilatura.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
