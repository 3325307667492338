"""Cut one story out of Article-Bias-Prediction, as a new user tries the suite on it.

    python scripts/abp_story.py OUT.jsonl --months 2018-09 2018-10 --title Kavanaugh
    python scripts/abp_story.py OUT.jsonl --months 2020-01 --lead Iran Soleimani

An article belongs to the story when its date falls in one of ``--months`` and a keyword
occurs in its title (``--title``) or in its title or first 800 characters (``--lead``), case
ignored. Writes the matching rows unchanged (JSONL); run the suite on them with
``framing run --corpus OUT.jsonl --text content_original --outlet source --title title
--published date --url url --id ID --dates coerce``. The three stories of issue 14:
Kavanaugh (2018-09/10, title "Kavanaugh": 50 articles, 20 outlets), Iran (2020-01, lead
"Iran"/"Soleimani": 18 articles, 12 outlets), Syria (2013-08/09, lead "Syria": 24 articles,
10 outlets).
"""

import argparse
import json
from collections import Counter
from pathlib import Path

ABP = (Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article_bias_prediction"
       / "articles_subset.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--months", nargs="+", required=True, help="YYYY-MM")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--title", nargs="+", help="keywords in the title")
    group.add_argument("--lead", nargs="+", help="keywords in the title or first 800 chars")
    parser.add_argument("--source", type=Path, default=ABP)
    args = parser.parse_args()
    words = [w.lower() for w in (args.title or args.lead)]
    kept = []
    with open(args.source, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            where = row["title"] if args.title else row["title"] + " " + \
                row["content_original"][:800]
            if row["date"][:7] in args.months and any(w in where.lower() for w in words):
                kept.append(line)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(kept), encoding="utf-8")
    outlets = Counter(json.loads(line)["source"] for line in kept)
    print(f"{len(kept)} articles, {len(outlets)} outlets -> {args.out}")


if __name__ == "__main__":
    main()
