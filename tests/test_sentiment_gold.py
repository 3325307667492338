"""The hand-labelled target-sentiment set (tests/data/sentiment_gold.csv): well-formed, and its
sentences rebuild from ../shared exactly as they were labelled."""

import sys

import pandas as pd
import pytest

from .helpers import ROOT, needs_abp

sys.path.insert(0, str(ROOT / "scripts"))
import sample_sentiment_gold as sg  # noqa: E402

LABELS = {"negative", "neutral", "positive"}


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(sg.GOLD, dtype=str, keep_default_na=False)


def test_gold_file_is_well_formed(raw):
    assert list(raw.columns) == sg.COLUMNS
    assert raw["item_id"].is_unique
    assert set(raw["keep"]) == {"yes", "no"}
    kept, dropped = raw[raw["keep"] == "yes"], raw[raw["keep"] == "no"]
    # every kept item is labelled with a confidence; every dropped one says why
    assert set(kept["label"]) <= LABELS and (kept["label"] != "").all()
    assert set(kept["confidence"]) <= {"sure", "unsure"}
    assert (dropped["label"] == "").all() and (dropped["note"] != "").all()
    assert set(raw["in_quote"]) <= {"yes", "no"}
    assert len(kept) >= 200 and kept["outlet"].nunique() >= 15
    assert raw.groupby("article_id").size().max() <= sg.PER_ARTICLE
    assert raw.groupby("outlet").size().max() <= sg.PER_OUTLET
    for col in ("sentence_start", "sentence_end", "target_start", "target_end"):
        assert raw[col].astype(int).ge(0).all()
    length = raw["sentence_end"].astype(int) - raw["sentence_start"].astype(int)
    assert (raw["target_end"].astype(int) <= length).all()
    assert (raw["target_start"].astype(int) < raw["target_end"].astype(int)).all()
    assert (raw["target_end"].astype(int) - raw["target_start"].astype(int)
            == raw["target"].str.len()).all()
    # offsets only: no article or sentence text is stored
    assert raw["target"].str.len().max() < 80


@needs_abp
def test_gold_loads_and_spans_match():
    gold = sg.load_sentiment_gold()
    assert len(gold) >= 200
    assert {"text", "start", "end", "label", "item_id", "article_id", "outlet"} <= set(gold.columns)
    assert set(gold["label"]) <= LABELS
    assert ((0 <= gold["start"]) & (gold["start"] < gold["end"])
            & (gold["end"] <= gold["text"].str.len())).all()
    spans = [t[s:e] for t, s, e in zip(gold["text"], gold["start"], gold["end"])]
    assert spans == gold["target"].tolist()


@pytest.mark.skip(reason="the draw was made with the cleaner of commit 63e19da; the cleaner changed "
                  "since (issue 14) and the items were re-anchored to the new texts "
                  "(tests/data/README.md); reproduce the draw at that commit")
def test_gold_is_the_recorded_draw(raw):
    """Re-drawing with the recorded seed gives exactly the committed items."""
    drawn = sg.sample(len(raw), sg.SEED)
    keys = ["item_id", "article_id", "sentence_start", "sentence_end", "target_start",
            "target_end", "target", "in_quote"]
    assert drawn[keys].astype(str).equals(raw[keys])


@needs_abp
def test_loader_names_an_item_whose_sentence_changed(raw, tmp_path):
    bad = raw.copy()
    bad.loc[bad["keep"] == "yes", "sentence_sha1"] = "000000000000"
    path = tmp_path / "gold.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(sg.GoldError, match=r"item sg\d{3} .*rebuilt sentence differs"):
        sg.load_sentiment_gold(path)
