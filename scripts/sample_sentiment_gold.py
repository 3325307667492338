"""Target-sentiment gold on our own kind of text: sample mention sentences, load the labelled set.

The hand-labelled set ``tests/data/sentiment_gold.csv`` holds mention sentences drawn from the
Article-Bias-Prediction articles (``../shared/datasets/article_bias_prediction``), not from
NewsMTSC. It stores offsets, never article text: :func:`load_sentiment_gold` rebuilds each
sentence from ``../shared`` by cleaning the article exactly as the suite does
(:func:`framing.clean_text` with the title, as :func:`framing.load_corpus` does) and splitting it
with :func:`framing.sentences`. The labelling conventions are in ``tests/data/README.md``.

Usage
-----
``python scripts/sample_sentiment_gold.py sample [--n 340] [--seed 20261125] [--out PATH]``
    Draw the candidates (labels empty) and write them to ``PATH`` (default: print a preview;
    an existing file is never overwritten, so labels cannot be lost).
``python scripts/sample_sentiment_gold.py check``
    Re-draw with the recorded seed and confirm the committed items are exactly the draw.

How targets are found (kept simple on purpose, see the README for what it misses):

* a *name run*: two to five capitalised words in a row, a middle initial allowed ("Donald
  Trump", "Supreme Court", "House Republicans", "Bashar al-Assad"), after dropping leading
  function words and weekday/month words ("But Senate Democrats" -> "Senate Democrats");
* a title and one capitalised word ("Mr. Trump", "Sen. Cruz", "President Obama");
* a single capitalised word that is the last word of a name run elsewhere in the same article
  (a surname after the full name: "Trump" once "Donald Trump" appeared).

Digits and all-capital words (acronyms) end a run; a run holding a month or weekday is skipped.
Places, titles of works
and other non-actors still get through; they are kept in the CSV with ``keep = no`` and the
reason, never dropped silently.

How sentences are drawn (seed :data:`SEED`): articles are shuffled with
``random.Random(seed)``; in that order, each article gives at most :data:`PER_ARTICLE`
sentences (different sentences, chosen at random among those with a target), each sentence one
target (chosen at random), and an outlet gives at most :data:`PER_OUTLET` items, until ``n``
items are drawn. Only sentences of 8 to 60 words are eligible (headline fragments and run-on
captions are not sentences a scorer sees in prose).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import pandas as pd

import framing
from framing.quotes import quote_spans

ROOT = Path(__file__).resolve().parents[1]
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
GOLD = ROOT / "tests" / "data" / "sentiment_gold.csv"

#: The recorded seed of the committed draw.
SEED = 20261125
N_CANDIDATES = 340
PER_ARTICLE = 2
PER_OUTLET = 10
MIN_WORDS, MAX_WORDS = 8, 60
LABELS = ("negative", "neutral", "positive")

#: Columns of the gold CSV, in order. Offsets: ``sentence_start/sentence_end`` into the
#: article's cleaned text; ``target_start/target_end`` into the sentence (end exclusive).
COLUMNS = ["item_id", "article_id", "outlet", "sentence_index", "sentence_start", "sentence_end",
           "sentence_sha1", "target_start", "target_end", "target", "in_quote", "keep", "label",
           "confidence", "note"]

_TITLE = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Adm|Sens|Reps|Prof|Rev)\.?"
# a possessive "'s" is not part of the name; "O'Brien" is
_CAP = r"[A-Z][a-z][\w-]*(?:['’][A-Z][\w-]*)?"
_RUN = re.compile(r"(?<![\w’'-])(?:" + _TITLE + r"\s+)?" + _CAP
                  + r"(?:\s(?:[A-Z]\.\s)?(?:al-|al |de |bin |van |von |of (?:the )?)?" + _CAP
                  + r"){0,4}(?![\w-])")
_TITLE_ONLY = re.compile(r"^" + _TITLE + r"$")
_LINE_ID = re.compile(r'^\{"ID": "([^"]+)"')
_NOT_START = frozenset(
    "The A An And But Or So If In On At Of For To From By With As When While After Before Since "
    "Then This That These Those It Its He She His Her They Their We Our You Your I My Yet Now "
    "Still Also Even Just Last Next Many Some Most Several Both Each Every All No Not Today "
    "However Meanwhile Although Though Because Under Over Among Between During Despite Unlike "
    "Like Instead Why What Who How Where There Here Asked According Sources".split())
_TIME = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split())


def load_articles(ids=None, path: Path = ABP) -> pd.DataFrame:
    """Article-Bias-Prediction articles as a corpus frame (``article_id, outlet, title, text``),
    cleaned as :func:`framing.load_corpus` cleans them; only ``ids`` when given."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            # the id is the first field: skip unwanted lines without parsing them
            if ids is not None and _LINE_ID.match(line) and _LINE_ID.match(line)[1] not in ids:
                continue
            rec = json.loads(line)
            if ids is not None and rec["ID"] not in ids:
                continue
            rows.append((rec["ID"], rec["source"].strip(), rec["title"],
                         framing.clean_text(rec["content_original"], rec["title"]).text))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "title", "text"])


def _trim(words: list[str]) -> list[str]:
    while words and (words[0] in _NOT_START or words[0] in _TIME):
        words = words[1:]
    return words


def name_runs(text: str) -> list[tuple[int, int]]:
    """(start, end, is_single_word) of each name run in ``text`` (see the module docstring)."""
    spans = []
    for m in _RUN.finditer(text):
        words = m.group().split()
        trimmed = _trim(words)
        if not trimmed or any(w in _TIME for w in trimmed) or _TITLE_ONLY.match(trimmed[-1]):
            continue
        start = m.start() + m.group().index(" ".join(trimmed)) if trimmed != words else m.start()
        end = start + len(" ".join(trimmed))
        spans.append((start, end, len(trimmed) == 1))
    return spans


def find_targets(sentence: str, surnames: set[str]) -> list[tuple[int, int]]:
    """Target spans in one sentence: runs of 2+ words, and single words in ``surnames``
    (last words of the article's runs). A run at the very start of the sentence counts too."""
    out = []
    for s, e, single in name_runs(sentence):
        if not single or sentence[s:e] in surnames:
            out.append((s, e))
    return out


def _surnames(text: str) -> set[str]:
    return {text[s:e].split()[-1] for s, e, single in name_runs(text) if not single}


def in_quote(spans, pos: int) -> bool:
    """True when article offset ``pos`` lies inside one of the quoted passages ``spans``
    (from :func:`framing.quotes.quote_spans` on the cleaned article, so a quote that opened in
    an earlier sentence of the paragraph counts; single quotes ‘...’ do not)."""
    return any(s <= pos < e for s, e in spans)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def sample(n: int = N_CANDIDATES, seed: int = SEED, path: Path = ABP) -> pd.DataFrame:
    """Draw ``n`` candidate items (labels empty), deterministic for a given seed and file."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    rng = random.Random(seed)
    order = list(range(len(lines)))
    rng.shuffle(order)
    per_outlet: dict[str, int] = {}
    rows = []
    for idx in order:
        if len(rows) >= n:
            break
        rec = json.loads(lines[idx])
        outlet = rec["source"].strip()
        if per_outlet.get(outlet, 0) >= PER_OUTLET:
            continue
        text = framing.clean_text(rec["content_original"], rec["title"]).text
        sents = framing.sentences(pd.DataFrame({"article_id": [rec["ID"]], "outlet": [outlet],
                                                "text": [text]}))
        surnames = _surnames(text)
        quoted = quote_spans(text)
        eligible = []
        for i, s0, e0, stext in sents[["sentence", "start", "end", "text"]].itertuples(index=False):
            if not MIN_WORDS <= len(stext.split()) <= MAX_WORDS:
                continue
            targets = find_targets(stext, surnames)
            if targets:
                eligible.append((i, s0, e0, stext, targets))
        if not eligible:
            continue
        take = min(PER_ARTICLE, len(eligible), PER_OUTLET - per_outlet.get(outlet, 0),
                   n - len(rows))
        for i, s0, e0, stext, targets in sorted(rng.sample(eligible, take)):
            ts, te = rng.choice(targets)
            rows.append({"article_id": rec["ID"], "outlet": outlet, "sentence_index": i,
                         "sentence_start": s0, "sentence_end": e0, "sentence_sha1": sha1(stext),
                         "target_start": ts, "target_end": te, "target": stext[ts:te],
                         "in_quote": "yes" if in_quote(quoted, s0 + ts) else "no",
                         "keep": "", "label": "", "confidence": "", "note": ""})
        per_outlet[outlet] = per_outlet.get(outlet, 0) + take
    frame = pd.DataFrame(rows)
    frame.insert(0, "item_id", [f"sg{k:03d}" for k in range(1, len(frame) + 1)])
    return frame[COLUMNS]


class GoldError(ValueError):
    """The gold file and the articles in ../shared disagree; the message says where."""


def load_sentiment_gold(path: Path = GOLD, articles: Path = ABP, labelled_only: bool = True
                        ) -> pd.DataFrame:
    """The hand-labelled target-sentiment set, sentences rebuilt from ``../shared``.

    Parameters
    ----------
    path : Path
        The gold CSV (``tests/data/sentiment_gold.csv``).
    articles : Path
        ``articles_subset.jsonl`` of Article-Bias-Prediction.
    labelled_only : bool
        Keep only items kept as person/organisation targets (``keep == "yes"``) with a label.

    Returns
    -------
    DataFrame
        One row per target, in item order: ``item_id, article_id, outlet, text`` (the sentence),
        ``start, end`` (the target's offsets in ``text``), ``target``, ``label``, ``in_quote``
        (bool), ``confidence``, ``note``, ``sentence_start, sentence_end`` (offsets of the
        sentence in the cleaned article). ``framing.sentiment.classify_targets(frame)`` takes it
        as it is.

    Raises
    ------
    GoldError
        When a rebuilt sentence or target does not match what was labelled (the cleaner or the
        sentence splitter changed): the message names the item.

    Examples
    --------
    >>> gold = load_sentiment_gold()                        # doctest: +SKIP
    >>> gold[["text", "start", "end", "label"]].head()       # doctest: +SKIP
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("sentence_index", "sentence_start", "sentence_end", "target_start", "target_end"):
        gold[col] = gold[col].astype(int)
    if labelled_only:
        gold = gold[(gold["keep"] == "yes") & (gold["label"] != "")].reset_index(drop=True)
    texts = load_articles(set(gold["article_id"]), articles).set_index("article_id")["text"]
    sentences = []
    for r in gold.itertuples(index=False):
        where = f"{path.name} item {r.item_id} (article {r.article_id})"
        if r.article_id not in texts.index:
            raise GoldError(f"{where}: article not found in {articles}; use the dataset the "
                            "README names")
        sent = texts[r.article_id][r.sentence_start:r.sentence_end]
        if sha1(sent) != r.sentence_sha1:
            raise GoldError(f"{where}: the rebuilt sentence differs from the labelled one (the "
                            "cleaner or sentence splitter changed); re-check this item by hand")
        if sent[r.target_start:r.target_end] != r.target:
            raise GoldError(f"{where}: target {r.target!r} is not at {r.target_start}:"
                            f"{r.target_end} of its sentence; fix the offsets")
        sentences.append(sent)
    out = pd.DataFrame({
        "item_id": gold["item_id"], "article_id": gold["article_id"], "outlet": gold["outlet"],
        "text": sentences, "start": gold["target_start"], "end": gold["target_end"],
        "target": gold["target"], "label": gold["label"], "in_quote": gold["in_quote"] == "yes",
        "confidence": gold["confidence"], "note": gold["note"],
        "sentence_start": gold["sentence_start"], "sentence_end": gold["sentence_end"]})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["sample", "check"])
    ap.add_argument("--n", type=int, default=N_CANDIDATES)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    if not ABP.is_file():
        print(f"{ABP} not found: clone the project next to ../shared", file=sys.stderr)
        return 2
    drawn = sample(args.n, args.seed)
    if args.command == "check":
        committed = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
        keys = ["item_id", "article_id", "sentence_start", "sentence_end", "target_start",
                "target_end", "target", "in_quote"]
        same = drawn[keys].astype(str).equals(committed[keys])
        print(f"{GOLD.name}: {len(committed)} items; re-drawn with seed {args.seed}: "
              f"{'identical' if same else 'DIFFERENT'}")
        return 0 if same else 1
    if args.out is None:
        print(drawn[["item_id", "outlet", "target", "in_quote"]].to_string())
        return 0
    if args.out.exists():
        print(f"{args.out} exists: not overwritten (it may hold labels); pick another path",
              file=sys.stderr)
        return 1
    drawn.to_csv(args.out, index=False)
    print(f"wrote {len(drawn)} items from {drawn['outlet'].nunique()} outlets to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
