"""Furniture left and body lost, before and after, on 100 random Article-Bias-Prediction articles.

The sample: ``random.Random(SEED).sample`` of 100 of the 8,523 articles in
``../shared/datasets/article_bias_prediction/articles_subset.jsonl``; the first 50 drawn are the
dev half (rules were adjusted while reading them), the last 50 the test half (read once, at the
end). Every non-blank line of every sampled article was read by a person; the lines that are
not the article's body (page furniture, headline, byline, dateline, captions, credits, links to
other stories, prompts, comments) are listed in ``tests/data/furniture_gold.csv``; every other
non-blank line is body. Conventions are in ``tests/data/README.md``.

"Before" is the cleaner at ``BASELINE`` (named rules only, before corpus evidence and the
shapes of issue 14); "after" is the current cleaner with the furniture learned from all 8,523
articles. Per article: furniture lines left (gold furniture the cleaner kept) and body lines
lost (gold body the cleaner removed). Inline hover cards count as one furniture line each when
the kept line still holds one.

Usage::

    .venv/bin/python scripts/furniture_sample.py list dev   # print the lines to read
    .venv/bin/python scripts/furniture_sample.py count      # write scripts/results/
"""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd

from framing.cleaning import normalise_line

ROOT = Path(__file__).resolve().parents[1]
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
GOLD = ROOT / "tests" / "data" / "furniture_gold.csv"
RESULTS = ROOT / "scripts" / "results"
SEED = 14
N = 100
BASELINE = "63e19da"  # main before issue 14


def load_rows() -> list[dict]:
    with open(ABP, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def sample(rows: list[dict]) -> list[tuple[str, dict]]:
    """(split, row) for the 100 sampled articles, in draw order."""
    picked = random.Random(SEED).sample(range(len(rows)), N)
    return [("dev" if i < N // 2 else "test", rows[j]) for i, j in enumerate(picked)]


def baseline_cleaner():
    """The cleaning module as it was at BASELINE (read from git)."""
    source = subprocess.run(["git", "show", f"{BASELINE}:framing/cleaning.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("cleaning_baseline")
    sys.modules["cleaning_baseline"] = module  # dataclasses look their module up
    exec(compile(source, "cleaning_baseline.py", "exec"), module.__dict__)
    return module


def cleaners(rows):
    from framing.cleaning import Furniture, clean_text

    furniture = Furniture().fit((r["content_original"] for r in rows), (r["source"] for r in rows),
                                (r["title"] for r in rows))
    old = baseline_cleaner()

    def before(row):
        return old.clean_text(row["content_original"], row["title"])

    def after(row):
        return clean_text(row["content_original"], row["title"], furniture, row["source"])

    return before, after


def _show(text: str, width: int = 320) -> str:
    return text if len(text) <= width else text[:width // 2] + " [...] " + text[-width // 2:]


def list_lines(split: str) -> None:
    rows = load_rows()
    before, after = cleaners(rows)
    for k, (part, row) in enumerate(sample(rows)):
        if part != split:
            continue
        b, a = before(row), after(row)
        cards = {n: text for n, _, _, _, text in a.inline}
        print(f"=== [{k}] {row['ID']} | {row['source']} | {row['title']}")
        for (n, raw, rb), (_, _, ra) in zip(b.lines, a.lines):
            if raw.strip():
                print(f"{n:3d} {rb or '.':>17} {ra or '.':>17} | {_show(raw.strip())}")
            if n in cards:
                print(f"{'':3} {'':>17} {'hover_card':>17} | << {_show(cards[n], 160)}")


_CARD_END = re.compile(r"\S MORE\b")


def _cut(line: str, spans: list) -> str:
    for start, end in reversed(spans):
        line = line[:start] + line[end:]
    return line


def read_gold() -> dict:
    gold: dict = {}
    with open(GOLD, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            gold.setdefault(rec["article_id"], {})[int(rec["line"])] = rec["label"]
    return gold


def count() -> pd.DataFrame:
    rows = load_rows()
    before, after = cleaners(rows)
    gold = read_gold()
    out = []
    for part, row in sample(rows):
        labels = gold.get(row["ID"], {})
        rec = {"article_id": row["ID"], "outlet": row["source"], "split": part}
        for name, cleaner in (("before", before), ("after", after)):
            cleaned = cleaner(row)
            spans: dict = {}
            for n, start, end, *_ in getattr(cleaned, "inline", []):
                spans.setdefault(n, []).append((start, end))
            left = lost = 0
            nonblank = [(n, raw, r) for n, raw, r in cleaned.lines if raw.strip()]
            for n, raw, r in nonblank:
                label = labels.get(n, "body")
                if label == "furniture" and r is None:
                    left += 1
                elif label == "hover_card" and r is None and _CARD_END.search(
                        _cut(normalise_line(raw), spans.get(n, []))):
                    left += 1  # a card (its closing "MORE") is still inside the kept line
                elif label in ("body", "hover_card") and r is not None:
                    lost += 1
            rec["lines"] = len(nonblank)
            rec["furniture_gold"] = sum(1 for n, *_ in nonblank
                                        if labels.get(n, "body") != "body")
            rec[f"{name}_furniture_left"] = left
            rec[f"{name}_body_lost"] = lost
        out.append(rec)
    frame = pd.DataFrame(out)
    RESULTS.mkdir(exist_ok=True)
    frame.to_csv(RESULTS / "furniture_sample.csv", index=False, lineterminator="\n")
    cols = ["lines", "furniture_gold", "before_furniture_left", "before_body_lost",
            "after_furniture_left", "after_body_lost"]
    summary = frame.groupby("split")[cols].sum()
    summary.loc["all"] = frame[cols].sum()
    summary.insert(0, "articles", frame.groupby("split").size().reindex(summary.index)
                   .fillna(len(frame)).astype(int))
    summary.insert(1, "outlets", [frame.loc[frame["split"] == s, "outlet"].nunique()
                                  if s != "all" else frame["outlet"].nunique()
                                  for s in summary.index])
    summary.reset_index().to_csv(RESULTS / "furniture_sample_summary.csv", index=False,
                                 lineterminator="\n")
    print(summary.to_string())
    return frame


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "list":
        list_lines(sys.argv[2])
    elif sys.argv[1:] == ["count"]:
        count()
    else:
        print(__doc__)
