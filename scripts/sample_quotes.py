"""Draw random quote units from real articles for reading by hand (precision check).

Usage: python scripts/sample_quotes.py [N] [SEED]
Prints N quote units (direct and partial) drawn with SEED from the Article-Bias-Prediction
articles, each with its context, the speaker found and the rule that found it.
"""

import json
import random
import sys
from pathlib import Path

import pandas as pd

import framing
from framing.quotes import corpus_quotes

ABP = (Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article_bias_prediction"
       / "articles_subset.jsonl")


def main(n: int = 50, seed: int = 7) -> None:
    with open(ABP, encoding="utf-8") as fh:
        lines = fh.readlines()
    rows = [json.loads(line) for line in random.Random(seed).sample(lines, 300)]
    corpus = pd.DataFrame({"article_id": [r["ID"] for r in rows],
                           "outlet": [r["source"] for r in rows],
                           "text": [framing.clean_text(r["content_original"], r["title"]).text
                                    for r in rows]})
    found = corpus_quotes(corpus)
    units = found[found["kind"] != "indirect"].sample(n, random_state=seed)
    texts = corpus.set_index("article_id")["text"]
    for i, r in enumerate(units.itertuples(), start=1):
        t = texts[r.article_id]
        context = t[max(0, r.start - 150):r.end + 120].replace("\n", " / ")
        print(f"[{i}] {r.kind} scare={r.scare} speaker={r.speaker!r} rule={r.rule}")
        print(f"     quote: {r.quote[:160]!r}")
        print(f"     context: {context!r}\n")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
