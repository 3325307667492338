"""Learn a small news-domain extension of VADER's lexicon from NewsMTSC's training set.

VADER was built for social media and misses words that news uses to judge people
("accused", "indicted", "slammed", ...). For every word that VADER does not know, this
script takes the (smoothed) mean human label of the training targets whose scored clause
holds it (negative -1, neutral 0, positive +1) minus the overall mean; words seen with at
least MIN_TARGETS targets whose shift is at least MIN_SHIFT are kept, scaled by SCALE to
VADER's -4..+4 range. Stop words and contraction stubs are left out. Some kept words reflect
the topics of NewsMTSC's US political news (e.g. "email", "immigration") rather than an
evaluation: a known limit of a lexicon learned from 8,739 labelled targets. Only the training set is used; the settings were chosen by mean
macro-F1 over train, rw dev and mt dev (scripts/eval_newsmtsc.py).

Usage: python scripts/learn_news_lexicon.py [path/to/newsmtsc]
Writes framing/data/news_lexicon.csv (word, valence, n_targets, mean_label_shift).
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from framing.sentiment import TargetSentiment

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "datasets" / "newsmtsc"
OUT = ROOT / "framing" / "data" / "news_lexicon.csv"
MIN_TARGETS, MIN_SHIFT, SCALE, SMOOTHING = 20, 0.3, 4.0, 5
VALUE = {"negative": -1, "neutral": 0, "positive": 1}


def learn(train: pd.DataFrame) -> pd.DataFrame:
    scorer = TargetSentiment(news_lexicon=False)
    sums, counts = defaultdict(float), defaultdict(int)
    y = train["gold"].map(VALUE)
    prior = float(y.mean())
    for text, s, e, others, v in zip(train["text"], train["start"], train["end"],
                                     train["others"], y):
        for word in set(re.findall(r"[a-z]+", scorer.scope_text(text, s, e, others).lower())):
            sums[word] += v
            counts[word] += 1
    rows = []
    for word, n in counts.items():
        # function words and contraction stubs ("didn", "t") carry no evaluation of their own
        if (n < MIN_TARGETS or word in scorer.lexicon or word in ENGLISH_STOP_WORDS
                or len(word) < 3 or word in ("didn", "wasn", "doesn", "isn", "aren", "won")):
            continue
        shift = (sums[word] + SMOOTHING * prior) / (n + SMOOTHING) - prior
        if abs(shift) >= MIN_SHIFT:
            rows.append((word, round(SCALE * shift, 3), n, round(shift, 4)))
    return pd.DataFrame(rows, columns=["word", "valence", "n_targets", "mean_label_shift"]) \
        .sort_values(["valence", "word"], ignore_index=True)


def main(args) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_newsmtsc import load
    base = Path(args[0]) if args else DEFAULT
    table = learn(load(base / "release" / "train.jsonl"))
    table.to_csv(OUT, index=False, lineterminator="\n")
    print(f"{len(table)} words written to {OUT.relative_to(ROOT)}")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
