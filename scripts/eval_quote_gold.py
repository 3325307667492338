"""Score the quote extractor against the hand-annotated real-news gold (issue 12, item 5).

Usage: python scripts/eval_quote_gold.py [--label LABEL] [--units] [--dev-only]

Runs ``framing.corpus_quotes`` with the gold's codebook (tests/data/quotes_gold_abp_actors.csv)
on the 60 gold articles (tests/data/quotes_gold_abp_articles.csv, texts read from
../shared/datasets/article_bias_prediction and cleaned as ``framing.load_corpus`` does), matches
its units to the gold units (tests/data/quotes_gold_abp.csv) and prints, for ``dev`` (and each of its sampling batches) and ``test``
separately, the scores below. The rows are written to scripts/results/quote_gold_eval.csv under
``label`` (default ``current``); rows with other labels (e.g. ``before``) are kept, so the file
holds the before/after table. ``--units`` also writes the unit-level matches of the dev split to
scripts/results/quote_gold_eval_units_dev.csv (test units are not written: report test once).

Matching. Gold *voice* units are those of kind ``direct`` or ``partial``; gold ``other`` units
(titles, terms, quotes in page furniture) are no one's voice. Tool units are those of kind
``direct`` or ``partial`` (indirect speech is not scored); a tool *voice* unit is one not flagged
``scare`` (what ``framing.voices`` counts). Within an article, a tool unit and a gold unit match
when their character spans overlap by at least half of the shorter span; each unit matches at most
one other, pairs taken greedily by overlap, largest first.

Scores (per split):
* ``found``: gold voice units matched by a tool unit (``recall`` = found / gold units);
  ``found_as_voice``: of those, matched by a tool voice unit (not flagged scare).
* ``spurious``: tool voice units that match no gold voice unit; ``spurious_on_other``: of those,
  the ones that overlap a gold ``other`` unit (a title or term counted as a voice).
* Speaker, among found units: ``right`` when the tool's actor is the gold actor (or one of two
  joint actors); for a gold unit with no speaker in the text, right when the tool gives no
  speaker; for a named speaker with no codebook row, right when the tool's speaker text contains
  the gold speaker text. ``unknown``: the tool gives no actor (for a gold unit that has one), even
  if it kept a surface speaker such as "he" (``unknown_with_surface`` counts those).
  ``wrong``: anything else. The comparison is by resolved actor, not by surface words: "he" that
  the tool resolves to the gold person is right; "Mr. Obama" resolved to another actor is wrong.
* Camp, among found units: ``camp_right`` when the tool's camp equals the gold camp (both empty
  counts as right: the text does not say); ``camp_unknown`` when the tool has no camp but the gold
  has one (not right); ``camp_wrong`` otherwise. ``camp_accuracy`` = camp_right / found.
* ``mean_tvd``: per article with at least one gold voice unit, the total-variation distance
  between the gold and the tool voices-by-camp shares (units; no camp counts as ``unknown``; an
  article where the tool finds no voice unit has distance 1), averaged over those articles.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLD = DATA / "quotes_gold_abp.csv"
ARTICLES = DATA / "quotes_gold_abp_articles.csv"
CODEBOOK = DATA / "quotes_gold_abp_actors.csv"
ABP = ROOT.parent / "shared" / "datasets" / "article_bias_prediction" / "articles_subset.jsonl"
RESULTS = ROOT / "scripts" / "results" / "quote_gold_eval.csv"
UNITS = ROOT / "scripts" / "results" / "quote_gold_eval_units_dev.csv"
VOICE_KINDS = ("direct", "partial")
MIN_OVERLAP = 0.5  # of the shorter span
RESULT_COLUMNS = ["label", "split", "articles", "gold_units", "found", "recall", "found_as_voice",
                  "spurious", "spurious_on_other", "speaker_right", "speaker_wrong",
                  "speaker_unknown", "unknown_with_surface", "speaker_right_share",
                  "speaker_wrong_share", "speaker_unknown_share", "camp_right", "camp_wrong",
                  "camp_unknown", "camp_accuracy", "tvd_articles", "mean_tvd"]


class GoldError(ValueError):
    """The gold files and the data disagree; the message names the file, row and fix."""


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    """The gold units, all columns as text except ``start``, ``end`` and ``occurrence``."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("start", "end", "occurrence"):
        gold[col] = gold[col].astype(int)
    return gold


def load_articles(path: Path = ARTICLES) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def gold_corpus(articles: pd.DataFrame | None = None, abp: Path = ABP) -> pd.DataFrame:
    """The gold articles as a corpus frame (``article_id, outlet, split, text``), cleaned as
    ``framing.load_corpus`` does; raises :class:`GoldError` when an article is missing from the
    data or its cleaned text is not the one annotated (``text_sha1``)."""
    from framing import clean_text

    articles = load_articles() if articles is None else articles
    wanted = set(articles["article_id"])
    records = {}
    with open(abp, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["ID"] in wanted:
                records[rec["ID"]] = rec
    rows = []
    for n, art in enumerate(articles.itertuples(index=False), start=2):
        rec = records.get(art.article_id)
        if rec is None:
            raise GoldError(f"{ARTICLES} row {n}: article {art.article_id} is not in {abp}; "
                            "use the data file named in its README (sha256 there)")
        text = clean_text(rec["content_original"], rec["title"]).text
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != art.text_sha1:
            raise GoldError(f"{ARTICLES} row {n}: the cleaned text of {art.article_id} changed "
                            "since it was annotated (text_sha1); re-derive its offsets in "
                            f"{GOLD.name} from the snippets and update text_sha1")
        rows.append((art.article_id, art.outlet, art.split, text))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "split", "text"])


def run_extractor(corpus: pd.DataFrame, codebook_path: Path = CODEBOOK) -> pd.DataFrame:
    """The current extractor's quote units on the gold corpus, with the gold codebook."""
    from framing import load_codebook
    from framing.quotes import corpus_quotes

    return corpus_quotes(corpus, load_codebook(codebook_path))


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match_units(gold: pd.DataFrame, tool: pd.DataFrame) -> tuple[dict, dict]:
    """One-to-one matches between gold units (all kinds) and tool units (direct/partial), by
    article: ``({gold index: tool index}, {tool index: gold index})``. A pair qualifies when the
    spans overlap by at least MIN_OVERLAP of the shorter span; pairs are taken by overlap,
    largest first."""
    tool = tool[tool["kind"].isin(VOICE_KINDS)]
    g2t, t2g = {}, {}
    for aid, g in gold.groupby("article_id"):
        t = tool[tool["article_id"] == aid]
        pairs = []
        for gi, gs, ge in zip(g.index, g["start"], g["end"]):
            for ti, ts, te in zip(t.index, t["start"], t["end"]):
                ov = _overlap(gs, ge, ts, te)
                if ov > 0 and ov >= MIN_OVERLAP * max(1, min(ge - gs, te - ts)):
                    pairs.append((ov, gi, ti))
        for ov, gi, ti in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if gi not in g2t and ti not in t2g:
                g2t[gi], t2g[ti] = ti, gi
    return g2t, t2g


def _speaker_verdict(g, t) -> str:
    actors = [a for a in g["actor"].split("|") if a]
    tool_actor, tool_speaker = t["actor"] or "", (t["speaker"] or "").strip()
    if actors:
        if tool_actor in actors:
            return "right"
        return "wrong" if tool_actor else "unknown"
    if g["speaker_status"] == "named_not_in_codebook":
        if not tool_speaker:
            return "unknown"
        return "right" if g["speaker"].casefold() in tool_speaker.casefold() else "wrong"
    return "right" if not (tool_actor or tool_speaker) else "wrong"


def _camp_verdict(g, t) -> str:
    # joint speakers of two camps ("republicans|democrats"): either camp is right
    if (t["camp"] or "") == g["camp"] or (t["camp"] and t["camp"] in g["camp"].split("|")):
        return "right"
    return "unknown" if not t["camp"] else "wrong"


def unit_table(gold: pd.DataFrame, tool: pd.DataFrame) -> pd.DataFrame:
    """One row per gold voice unit: the matched tool unit (if any) and the verdicts."""
    g2t, _ = match_units(gold, tool)
    rows = []
    for gi, g in gold[gold["kind"].isin(VOICE_KINDS)].iterrows():
        ti = g2t.get(gi)
        t = tool.loc[ti] if ti is not None else None
        rows.append({
            "article_id": g["article_id"], "split": g["split"], "start": g["start"],
            "end": g["end"], "snippet": g["snippet"], "gold_kind": g["kind"],
            "gold_speaker": g["speaker"], "gold_actor": g["actor"], "gold_camp": g["camp"],
            "gold_status": g["speaker_status"], "found": t is not None,
            "tool_scare": bool(t["scare"]) if t is not None else False,
            "tool_speaker": t["speaker"] if t is not None else "",
            "tool_actor": t["actor"] if t is not None else "",
            "tool_camp": t["camp"] if t is not None else "",
            "tool_rule": t["rule"] if t is not None else "",
            "speaker": _speaker_verdict(g, t) if t is not None else "",
            "camp": _camp_verdict(g, t) if t is not None else "",
        })
    return pd.DataFrame(rows)


def _shares(camps) -> dict:
    s = pd.Series([c or "unknown" for c in camps]).value_counts(normalize=True)
    return s.to_dict()


def mean_tvd(gold: pd.DataFrame, tool: pd.DataFrame) -> tuple[int, float]:
    """(articles scored, mean total-variation distance of voices-by-camp unit shares)."""
    voices = tool[tool["kind"].isin(VOICE_KINDS) & ~tool["scare"].astype(bool)]
    dists = []
    for aid, g in gold[gold["kind"].isin(VOICE_KINDS)].groupby("article_id"):
        t = voices[voices["article_id"] == aid]
        if t.empty:
            dists.append(1.0)
            continue
        p, q = _shares(g["camp"]), _shares(t["camp"])
        dists.append(0.5 * sum(abs(p.get(k, 0) - q.get(k, 0)) for k in set(p) | set(q)))
    return len(dists), (sum(dists) / len(dists) if dists else float("nan"))


def score(gold: pd.DataFrame, tool: pd.DataFrame) -> dict:
    """The scores of one split (gold and tool units of the same articles)."""
    units = unit_table(gold, tool)
    _, t2g = match_units(gold, tool)
    voice_kind = gold["kind"].isin(VOICE_KINDS)
    tool_voice = tool[tool["kind"].isin(VOICE_KINDS) & ~tool["scare"].astype(bool)]
    spurious = [ti for ti in tool_voice.index
                if ti not in t2g or not voice_kind.loc[t2g[ti]]]
    on_other = 0
    others = gold[gold["kind"] == "other"]
    for ti in spurious:
        t = tool.loc[ti]
        o = others[others["article_id"] == t["article_id"]]
        if any(_overlap(s, e, t["start"], t["end"]) > 0 for s, e in zip(o["start"], o["end"])):
            on_other += 1
    found = units[units["found"]]
    n_found = len(found)
    sp = found["speaker"].value_counts()
    cp = found["camp"].value_counts()
    surface = found[(found["speaker"] == "unknown") & (found["tool_speaker"].str.strip() != "")]
    n_art, tvd = mean_tvd(gold, tool)

    def share(n):
        return round(n / n_found, 3) if n_found else float("nan")

    return {
        "articles": gold["article_id"].nunique(), "gold_units": len(units), "found": n_found,
        "recall": round(n_found / len(units), 3) if len(units) else float("nan"),
        "found_as_voice": int((~found["tool_scare"]).sum()), "spurious": len(spurious),
        "spurious_on_other": on_other,
        "speaker_right": int(sp.get("right", 0)), "speaker_wrong": int(sp.get("wrong", 0)),
        "speaker_unknown": int(sp.get("unknown", 0)), "unknown_with_surface": len(surface),
        "speaker_right_share": share(sp.get("right", 0)),
        "speaker_wrong_share": share(sp.get("wrong", 0)),
        "speaker_unknown_share": share(sp.get("unknown", 0)),
        "camp_right": int(cp.get("right", 0)), "camp_wrong": int(cp.get("wrong", 0)),
        "camp_unknown": int(cp.get("unknown", 0)), "camp_accuracy": share(cp.get("right", 0)),
        "tvd_articles": n_art, "mean_tvd": round(tvd, 3),
    }


def evaluate(label: str = "current", splits=("dev", "test")) -> pd.DataFrame:
    """Run the extractor on the gold articles and score each split: one row per split, and
    one per sampling batch of a split drawn in more than one (``dev batch 2``)."""
    gold = load_gold()
    articles = load_articles()
    corpus = gold_corpus(articles)
    tool = run_extractor(corpus)
    parts = []
    for split in splits:
        part = articles[articles["split"] == split]
        parts.append((split, set(part["article_id"])))
        if part["batch"].nunique() > 1:
            parts += [(f"{split} batch {b}", set(p["article_id"]))
                      for b, p in part.groupby("batch", sort=True)]
    rows = []
    for split, ids in parts:
        rows.append({"label": label, "split": split,
                     **score(gold[gold["article_id"].isin(ids)],
                             tool[tool["article_id"].isin(ids)])})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def save(result: pd.DataFrame, path: Path = RESULTS) -> pd.DataFrame:
    """Write ``result`` into the results file, replacing earlier rows of the same label."""
    if path.is_file():
        old = pd.read_csv(path, dtype={"label": str})
        old = old[~old["label"].isin(result["label"].unique())]
        result = pd.concat([old, result], ignore_index=True)
    result.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current")
    parser.add_argument("--units", action="store_true",
                        help="also write the dev split's unit-level matches")
    parser.add_argument("--dev-only", action="store_true",
                        help="score the dev split only (while rules are being developed: the "
                             "test split is reported once, at the end)")
    args = parser.parse_args(argv)
    if not ABP.is_file():
        print(f"eval_quote_gold: {ABP} not found; clone the project next to ../shared",
              file=sys.stderr)
        return 2
    try:
        result = evaluate(args.label, ("dev",) if args.dev_only else ("dev", "test"))
    except GoldError as err:
        print(f"eval_quote_gold: {err}", file=sys.stderr)
        return 2
    save(result)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(result.set_index("split").T.to_string())
    if args.units:
        gold = load_gold()
        corpus = gold_corpus()
        dev = corpus[corpus["split"] == "dev"]
        tool = run_extractor(dev)
        unit_table(gold[gold["split"] == "dev"], tool).to_csv(UNITS, index=False)
        print(f"unit-level matches of dev -> {UNITS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
