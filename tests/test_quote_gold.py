"""The real-news quote gold (tests/data/quotes_gold_abp*.csv) is well-formed, and the scorer
in scripts/eval_quote_gold.py matches and judges units by its stated rules. No accuracy
thresholds here: those belong to the attribution rules."""

import sys

import pandas as pd
import pytest

from framing import load_codebook
from .helpers import ROOT, needs_abp

sys.path.insert(0, str(ROOT / "scripts"))
import eval_quote_gold as ev  # noqa: E402
import sample_quote_gold as sq  # noqa: E402

MARKS = "\"“”‘’'"


@pytest.fixture(scope="module")
def gold():
    return ev.load_gold()


@pytest.fixture(scope="module")
def articles():
    return ev.load_articles()


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(ev.CODEBOOK)


def test_gold_columns_and_values(gold, articles):
    assert list(gold.columns) == ["article_id", "outlet", "split", "start", "end", "snippet",
                                  "occurrence", "kind", "speaker", "speaker_resolved", "actor",
                                  "camp", "speaker_status", "note"]
    assert set(gold["kind"]) <= {"direct", "partial", "other"}
    assert set(gold["split"]) == {"dev", "test"}
    split_of = dict(zip(articles["article_id"], articles["split"]))
    assert set(gold["article_id"]) <= set(split_of)
    assert (gold["split"] == gold["article_id"].map(split_of)).all()
    assert (gold["start"] < gold["end"]).all()
    assert not gold.duplicated(["article_id", "start"]).any()
    voice = gold["kind"] != "other"
    assert set(gold.loc[voice, "speaker_status"]) <= {"named_in_codebook", "named_not_in_codebook",
                                                     "none_in_text"}
    other = gold[~voice]
    assert (other["speaker"] == "").all() and (other["actor"] == "").all()
    assert (other["speaker_status"] == "").all()
    none = gold[gold["speaker_status"] == "none_in_text"]
    assert (none["actor"] == "").all() and (none["camp"] == "").all()


def test_gold_actors_and_camps_are_in_the_codebook(gold, codebook):
    camp_of = dict(zip(codebook["actor"], codebook["camp"]))
    for row in gold.itertuples():
        actors = [a for a in row.actor.split("|") if a]
        where = f"quotes_gold_abp.csv unit {row.article_id} {row.snippet!r}"
        assert all(a in camp_of for a in actors), f"{where}: actor not in the codebook"
        assert (row.speaker_status == "named_in_codebook") == bool(actors), where
        # joint speakers of two camps list both camps, in the actors' order
        assert row.camp == "|".join(dict.fromkeys(camp_of[a] for a in actors)), where


def test_sample_meets_the_brief(articles):
    assert len(articles) >= 40 and articles["outlet"].nunique() >= 12
    assert articles["article_id"].is_unique
    assert articles.groupby("outlet").size().max() <= sq.PER_OUTLET
    first = articles[articles["batch"] == "1"]
    assert len(first) == sq.N and (first["split"].value_counts() == sq.N // 2).all()
    second = articles[articles["batch"] == "2"]
    assert len(second) == sq.N2 and set(second["split"]) == {"dev"}  # test stays batch 1's half
    third = articles[articles["batch"] == "3"]
    assert len(third) == sq.N3 and set(third["split"]) == {"dev"}
    n = articles["n_chars"].astype(int)
    assert n.between(sq.MIN_CHARS, sq.MAX_CHARS).all()


@needs_abp
def test_the_sampler_reproduces_the_recorded_sample(articles):
    rows = pd.DataFrame(sq.sample()).astype(str)
    pd.testing.assert_frame_equal(rows, articles.astype(str)[rows.columns])


@needs_abp
def test_gold_spans_and_snippets_match_the_cleaned_texts(gold):
    corpus = ev.gold_corpus()  # raises GoldError when a text_sha1 no longer matches
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    for row in gold.itertuples():
        text = texts[row.article_id]
        where = f"quotes_gold_abp.csv unit {row.article_id} {row.snippet!r}"
        assert 0 < row.start < row.end <= len(text), where
        assert text[row.start:row.start + len(row.snippet)] == row.snippet, where
        assert text[row.start - 1] in MARKS, f"{where}: not right after a quotation mark"
        hits, at = [], text.find(row.snippet)
        while at >= 0:
            hits.append(at)
            at = text.find(row.snippet, at + 1)
        assert hits.index(row.start) == row.occurrence, where
        if row.speaker:
            near = text[max(0, row.start - 600):row.end + 400]
            assert row.speaker in near, f"{where}: speaker words not near the quote"


def _units(rows):
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "kind", "speaker", "actor",
                                       "camp", "scare", "rule"])


def _gold(rows):
    cols = ["article_id", "split", "start", "end", "snippet", "kind", "speaker", "actor", "camp",
            "speaker_status"]
    return pd.DataFrame(rows, columns=cols)


def test_matching_is_one_to_one_by_overlap_of_the_shorter_span():
    gold = _gold([("a", "dev", 10, 50, "x", "direct", "X", "x", "c", "named_in_codebook"),
                  ("a", "dev", 60, 80, "y", "direct", "X", "x", "c", "named_in_codebook"),
                  ("a", "dev", 100, 110, "t", "other", "", "", "", ""),
                  ("b", "dev", 10, 50, "z", "partial", "", "", "", "none_in_text")])
    tool = _units([("a", 12, 80, "direct", "", "", "", False, ""),   # covers both: one match
                   ("a", 100, 110, "partial", "", "", "", False, ""),  # a title as a voice
                   ("b", 45, 58, "partial", "", "", "", False, "")])  # 5 of 13 chars: no match
    g2t, t2g = ev.match_units(gold, tool)
    assert g2t == {0: 0, 2: 1} and t2g == {0: 0, 1: 2}
    s = ev.score(gold, tool)
    assert (s["found"], s["gold_units"], s["spurious"], s["spurious_on_other"]) == (1, 3, 2, 1)


def test_speaker_and_camp_verdicts():
    gold = _gold([("a", "dev", 0, 10, "p", "direct", "he", "putin", "foreign", "named_in_codebook"),
                  ("a", "dev", 20, 30, "q", "partial", "", "", "", "none_in_text"),
                  ("a", "dev", 40, 50, "r", "direct", "Kagan and Sotomayor",
                   "kagan|sotomayor", "courts", "named_in_codebook"),
                  ("a", "dev", 60, 70, "s", "direct", "he", "putin", "foreign",
                   "named_in_codebook")])
    tool = _units([("a", 0, 10, "direct", "he", "putin", "foreign", False, ""),
                   ("a", 20, 30, "partial", "Trump", "trump", "us", False, ""),
                   ("a", 40, 50, "direct", "Sotomayor", "sotomayor", "courts", False, ""),
                   ("a", 60, 70, "direct", "he", "", "", False, "")])
    units = ev.unit_table(gold, tool)
    assert list(units["speaker"]) == ["right", "wrong", "right", "unknown"]
    assert list(units["camp"]) == ["right", "wrong", "right", "unknown"]
    s = ev.score(gold, tool)
    assert (s["speaker_right"], s["speaker_wrong"], s["speaker_unknown"]) == (2, 1, 1)
    assert s["unknown_with_surface"] == 1 and s["camp_accuracy"] == 0.5
    # gold shares: foreign .5, unknown .25, courts .25; tool: foreign .25, us .25, courts .25,
    # unknown .25 -> TVD .25
    assert s["mean_tvd"] == 0.25
