"""Evaluate target sentiment on NewsMTSC (Hamborg & Donnay 2021), human labels.

Usage: python scripts/eval_newsmtsc.py [path/to/newsmtsc]

Default data: ../shared/datasets/newsmtsc/. Two scorers, both through
``framing.sentiment.classify_targets`` (narration masked, speakers not scored on what they
say, names masked):

* ``model`` (the default scorer): the logistic regression of ``framing/data/target_model.csv``,
  trained on the training set alone with settings chosen by grouped cross-validation on it
  (``scripts/train_sentiment.py --grid``). Its train figure is in-sample; the dev parts were
  not used to train or choose anything.
* ``vader``: VADER's compound of the target's clause at +-0.05 (``method="vader"``), whose
  settings were chosen earlier on train and both dev parts (optimistic on dev).

Baselines: whole-sentence VADER at +-0.05 and always "neutral". The authors' test parts are not
here and were never used. Prints macro-F1 per split and targets per second (each scorer timed
on every split; the rate printed last is over all targets), and writes
scripts/results/newsmtsc_eval.csv, which the sentiment notebook and the README show.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.sentiment import classify_targets, polarity_labels

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "datasets" / "newsmtsc"
OUT = ROOT / "scripts" / "results" / "newsmtsc_eval.csv"
GOLD = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
LABELS = ["negative", "neutral", "positive"]


def load(path: Path) -> pd.DataFrame:
    """One row per target: ``text, start, end, gold`` (the other targets of a sentence are
    masked by ``classify_targets`` itself, as rows with the same text)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            for t in d["targets"]:
                rows.append((d["sentence_normalized"], t["from"], t["to"], GOLD[t["polarity"]]))
    return pd.DataFrame(rows, columns=["text", "start", "end", "gold"])


def macro_f1(gold, pred) -> float:
    return 100 * f1_score(gold, pred, labels=LABELS, average="macro")


def sentence_vader(data: pd.DataFrame) -> np.ndarray:
    """The baseline: plain VADER (its own lexicon only) on the whole sentence."""
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in data["text"]])


def main(args) -> None:
    base = Path(args[0]) if args else DEFAULT
    sets = {"train": load(base / "release" / "train.jsonl"),
            "rw dev": load(base / "splits" / "rw" / "dev.jsonl"),
            "mt dev": load(base / "splits" / "mt" / "dev.jsonl")}
    classify_targets(sets["rw dev"].head(2))  # load the model file before timing
    rows, seconds, cpu = [], {"model": 0.0, "vader": 0.0}, {"model": 0.0, "vader": 0.0}
    for name, data in sets.items():
        row = {"set": name, "targets": len(data)}
        for method in ("model", "vader"):
            t, c = time.perf_counter(), time.process_time()
            labels = classify_targets(data, method=method)["label"]
            took = time.perf_counter() - t
            seconds[method] += took
            cpu[method] += time.process_time() - c
            row[method] = round(macro_f1(data["gold"], labels), 1)
            row[f"{method}_targets_per_s"] = round(len(data) / took)
        whole = sentence_vader(data)
        row["vader_sentence_0.05"] = round(macro_f1(data["gold"],
                                                    polarity_labels(whole, -0.05, 0.05)), 1)
        row["always_neutral"] = round(macro_f1(data["gold"], ["neutral"] * len(data)), 1)
        rows.append(row)
        print(f"{name}: macro-F1 model {row['model']}, vader {row['vader']}; "
              f"{row['model_targets_per_s']:,} targets/s (model), "
              f"{row['vader_targets_per_s']:,} (vader)", flush=True)
    table = pd.DataFrame(rows)[["set", "targets", "model", "vader", "vader_sentence_0.05",
                                "always_neutral", "model_targets_per_s", "vader_targets_per_s"]]
    print(table.to_string(index=False))
    total = sum(len(d) for d in sets.values())
    for method in ("model", "vader"):
        print(f"{method}: {total / seconds[method]:,.0f} targets/s over all {total:,} targets "
              f"({total / cpu[method]:,.0f} per CPU second: the rate on a core of its own; "
              "sentences tokenised and masked once; no cache shared across sets)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(OUT, index=False, lineterminator="\n")
    print(f"written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
