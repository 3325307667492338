"""Top distinctive terms per outlet on 1,000 Article-Bias-Prediction articles, with and without
the furniture cleaning of issue 14.

The sample: ``random.Random(SEED).sample`` of 1,000 of the 8,523 articles (disjoint from
nothing in particular; the 100-article reading sample of scripts/furniture_sample.py uses
another seed). Both runs clean the same 1,000 raw texts:

* ``before issue 14``: the cleaner at ``furniture_sample.BASELINE`` (read from git);
* ``named rules``: ``framing.corpus.from_frame(..., furniture=False)`` (the named and shape
  rules, hover cards included);
* ``with furniture``: the same, plus the lines that recur in an outlet's articles, learned from
  all 8,523 articles (``framing.corpus.learn_furniture``), as ``load_corpus`` would on the whole
  file.

Then ``framing.terms.distinctive_terms(corpus, method="log-odds", n=10)`` for the outlets with
at least 30 articles in the sample. Writes ``scripts/results/top_terms_1000.csv`` (one row per
run, outlet and rank) and prints the terms that the earlier runs rank but the run with furniture
does not.

Run: ``.venv/bin/python scripts/top_terms_sample.py``
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from framing.corpus import from_frame, learn_furniture
from framing.terms import distinctive_terms
from furniture_sample import baseline_cleaner

ROOT = Path(__file__).resolve().parents[1]
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
RESULTS = ROOT / "scripts" / "results"
SEED = 1000
N = 1000
MIN_ARTICLES = 30
OPTIONS = dict(text="content_original", outlet="source", title="title", article_id="ID",
               published="date", dates="coerce")


def main() -> None:
    with open(ABP, encoding="utf-8") as fh:
        rows = pd.DataFrame([json.loads(line) for line in fh])
    rows = rows[["ID", "source", "title", "date", "content_original"]]
    sample = rows.iloc[sorted(random.Random(SEED).sample(range(len(rows)), N))]
    furniture = learn_furniture(rows, **{k: v for k, v in OPTIONS.items() if k != "dates"})
    old = baseline_cleaner()
    before = pd.DataFrame({"article_id": sample["ID"], "outlet": sample["source"],
                           "text": [old.clean_text(raw, title).text for raw, title
                                    in zip(sample["content_original"], sample["title"])]})
    before["n_words"] = before["text"].str.split().str.len()
    runs = {"before issue 14": before,
            "named rules": from_frame(sample, furniture=False, **OPTIONS),
            "with furniture": from_frame(sample, furniture=furniture, **OPTIONS)}
    sizes = runs["named rules"]["outlet"].value_counts()
    shown = sorted(sizes[sizes >= MIN_ARTICLES].index)
    frames = []
    for run, corpus in runs.items():
        terms = distinctive_terms(corpus, method="log-odds", n=10)
        terms = terms[terms["group"].isin(shown)][["group", "rank", "term", "count", "z"]]
        frames.append(terms.assign(run=run).rename(columns={"group": "outlet"}))
    table = pd.concat(frames, ignore_index=True)[["run", "outlet", "rank", "term", "count", "z"]]
    RESULTS.mkdir(exist_ok=True)
    table.round(3).to_csv(RESULTS / "top_terms_1000.csv", index=False, lineterminator="\n")
    words = {run: corpus["n_words"].sum() for run, corpus in runs.items()}
    print(f"{N} articles (seed {SEED}), {len(shown)} outlets with >= {MIN_ARTICLES} articles; "
          f"words: {words}")
    for outlet in shown:
        top = {run: table[(table["run"] == run) & (table["outlet"] == outlet)]["term"].tolist()
               for run in runs}
        gone = [t for t in dict.fromkeys(top["before issue 14"] + top["named rules"])
                if t not in top["with furniture"]]
        print(f"{outlet} ({sizes[outlet]}): {', '.join(top['with furniture'])}"
              + (f"   [gone: {', '.join(gone)}]" if gone else ""))


if __name__ == "__main__":
    main()
