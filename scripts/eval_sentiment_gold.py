"""Report target-sentiment scorers on our own hand-labelled set (not NewsMTSC).

Usage: python scripts/eval_sentiment_gold.py

The set (``tests/data/sentiment_gold.csv``, conventions in ``tests/data/README.md``) is for
reporting only: no setting is ever chosen on it. This prints the label distribution and, for each
scorer, accuracy and macro-F1 over negative/neutral/positive with 95 % bootstrap intervals that
resample *articles* (an article can give two items), and writes the table to
``scripts/results/sentiment_gold_eval.csv``.

Scorers: always "neutral" (a floor), VADER's compound on the whole sentence at +-0.05,
:func:`framing.sentiment.target_sentiment` (the clause-VADER scorer) at its own cut, and
``framing.sentiment.classify_targets`` when the package has it (the learned scorer of issue 13).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import sentiment

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_sentiment_gold import ABP, load_sentiment_gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "results" / "sentiment_gold_eval.csv"
LABELS = np.array(["negative", "neutral", "positive"])
N_BOOT, SEED, LEVEL = 2000, 0, 0.95
BASELINE = "VADER, whole sentence"


def _codes(labels) -> np.ndarray:
    return np.searchsorted(LABELS, np.asarray(labels))  # LABELS is sorted


def _macro_f1_codes(g: np.ndarray, p: np.ndarray) -> float:
    cm = np.bincount(3 * g + p, minlength=9).reshape(3, 3)
    tp, gold_n, pred_n = np.diag(cm), cm.sum(axis=1), cm.sum(axis=0)
    denom = gold_n + pred_n
    f1 = np.divide(2 * tp, denom, out=np.zeros(3), where=denom > 0)
    return 100 * float(f1.mean())


def macro_f1(gold, pred) -> float:
    """Macro-F1 (%) over negative/neutral/positive; a class absent from gold and prediction
    scores 0, as scikit-learn's ``f1_score(..., zero_division=0)``."""
    return _macro_f1_codes(_codes(gold), _codes(pred))


def accuracy(gold, pred) -> float:
    return 100 * float(np.mean(np.asarray(gold) == np.asarray(pred)))


def _resamples(articles, n_boot: int, seed: int):
    """Item indices of each bootstrap resample of whole articles (with replacement)."""
    groups = [np.flatnonzero(np.asarray(articles) == a) for a in pd.unique(articles)]
    rng = np.random.default_rng(seed)
    for _ in range(n_boot):
        yield np.concatenate([groups[i] for i in rng.integers(0, len(groups), len(groups))])


def _interval(stats, level: float) -> tuple[float, float]:
    lo, hi = np.quantile(stats, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def article_bootstrap(gold, pred, articles, metric, n_boot: int = N_BOOT, seed: int = SEED,
                      level: float = LEVEL) -> tuple[float, float]:
    """Percentile interval of ``metric`` when whole articles are resampled with replacement."""
    gold, pred = np.asarray(gold), np.asarray(pred)
    return _interval([metric(gold[i], pred[i]) for i in _resamples(articles, n_boot, seed)],
                     level)


def paired_difference(gold, pred, base, articles, n_boot: int = N_BOOT, seed: int = SEED,
                      level: float = LEVEL) -> tuple[float, float, float]:
    """Macro-F1 of ``pred`` minus that of ``base`` on the same items, with a percentile
    interval from resampling articles (both scorers see the same resampled items)."""
    g, p, b = _codes(gold), _codes(pred), _codes(base)
    stats = [_macro_f1_codes(g[i], p[i]) - _macro_f1_codes(g[i], b[i])
             for i in _resamples(articles, n_boot, seed)]
    return (_macro_f1_codes(g, p) - _macro_f1_codes(g, b), *_interval(stats, level))


def predictions(gold: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each scorer's labels for the gold items, in order."""
    vader = SentimentIntensityAnalyzer()
    out = {
        "always neutral": np.array(["neutral"] * len(gold)),
        "VADER, whole sentence": sentiment.polarity_labels(
            [vader.polarity_scores(t)["compound"] for t in gold["text"]], -0.05, 0.05),
        "target_sentiment (clause VADER)": sentiment.polarity_labels(
            [sentiment.target_sentiment(t, s, e)
             for t, s, e in zip(gold["text"], gold["start"], gold["end"])]),
    }
    classify = getattr(sentiment, "classify_targets", None)
    if classify is not None:  # the learned scorer, once the package has it
        out["classify_targets (learned)"] = classify(gold[["text", "start", "end"]])[
            "label"].to_numpy()
        # the clause-VADER scorer on the same visible words (quotes and speakers' words hidden)
        out["classify_targets, method=vader"] = classify(gold[["text", "start", "end"]],
                                                         method="vader")["label"].to_numpy()
    return out


def evaluate(gold: pd.DataFrame, preds: dict[str, np.ndarray], subset: str) -> list[dict]:
    rows = []
    for name, pred in preds.items():
        right = int((gold["label"].to_numpy() == pred).sum())
        row = {"subset": subset, "scorer": name, "n_items": len(gold),
               "n_articles": gold["article_id"].nunique(), "right": right,
               "wrong": len(gold) - right}
        for metric_name, metric in (("accuracy", accuracy), ("macro_f1", macro_f1)):
            lo, hi = article_bootstrap(gold["label"], pred, gold["article_id"], metric)
            row[metric_name] = metric(gold["label"], pred)
            row[f"{metric_name}_low"], row[f"{metric_name}_high"] = lo, hi
        if name != BASELINE:
            row["macro_f1_minus_vader"], row["diff_low"], row["diff_high"] = paired_difference(
                gold["label"], pred, preds[BASELINE], gold["article_id"])
        per_class = f1_score(gold["label"], pred, labels=LABELS, average=None, zero_division=0)
        row.update({f"f1_{label}": 100 * f for label, f in zip(LABELS, per_class)})
        rows.append(row)
    return rows


def distribution(gold: pd.DataFrame) -> pd.DataFrame:
    """Items per outlet and label (and overall), largest outlets first."""
    table = pd.crosstab(gold["outlet"], gold["label"]).reindex(columns=LABELS, fill_value=0)
    table["items"] = table.sum(axis=1)
    table = table.sort_values(["items", "negative"], ascending=False)
    table.loc["all outlets"] = table.sum()
    return table


def main() -> int:
    if not ABP.is_file():
        print(f"{ABP} not found: clone the project next to ../shared", file=sys.stderr)
        return 2
    gold = load_sentiment_gold()
    print(f"{len(gold)} items, {gold['article_id'].nunique()} articles, "
          f"{gold['outlet'].nunique()} outlets; in quotes: {int(gold['in_quote'].sum())}; "
          f"unsure: {int((gold['confidence'] == 'unsure').sum())}\n")
    print(distribution(gold).to_string(), "\n")
    preds = predictions(gold)
    sure = (gold["confidence"] == "sure").to_numpy()
    rows = evaluate(gold, preds, "all")
    rows += evaluate(gold[sure].reset_index(drop=True), {k: v[sure] for k, v in preds.items()},
                     "sure only")
    table = pd.DataFrame(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    table.round(1).to_csv(OUT, index=False)
    show = table.copy()
    for m in ("accuracy", "macro_f1"):
        show[m] = [f"{v:.1f} [{lo:.1f}, {hi:.1f}]" for v, lo, hi in
                   zip(table[m], table[f"{m}_low"], table[f"{m}_high"])]
    show["macro_f1 - VADER"] = [f"{v:+.1f} [{lo:+.1f}, {hi:+.1f}]" if v == v else "" for v, lo, hi
                                in zip(table["macro_f1_minus_vader"], table["diff_low"],
                                       table["diff_high"])]
    print(show[["subset", "scorer", "n_items", "n_articles", "right", "wrong", "accuracy",
                "macro_f1", "macro_f1 - VADER"]].to_string(index=False))
    print("\nF1 per class:\n" + table[["subset", "scorer", "f1_negative", "f1_neutral",
                                       "f1_positive"]].round(1).to_string(index=False))
    for name, pred in preds.items():
        if name == "always neutral":
            continue
        cm = pd.DataFrame(confusion_matrix(gold["label"], pred, labels=LABELS),
                          index=[f"gold {x}" for x in LABELS], columns=LABELS)
        print(f"\n{name} (rows gold, columns predicted):\n{cm.to_string()}")
    print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
