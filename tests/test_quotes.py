import json
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.quotes import QUOTE_COLUMNS, corpus_quotes, extract_quotes, quote_spans

from .helpers import ABP, ROOT, SEEDS, needs_abp

GOLD = ROOT / "tests" / "data" / "quotes_gold.csv"


def q(text):
    return extract_quotes(text)


def one(frame, snippet):
    rows = frame[frame["quote"].str.contains(snippet, regex=False)]
    assert len(rows) == 1, (snippet, frame[["quote", "speaker", "rule"]])
    return rows.iloc[0]


# --- the seed gold ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_eval():
    corpus = framing.load_corpus(SEEDS)
    found = corpus_quotes(corpus)
    gold = pd.read_csv(GOLD, keep_default_na=False)
    quoted = found[found["kind"] != "indirect"]
    matches = []
    for g in gold.itertuples():
        cand = quoted[(quoted["article_id"] == g.article_id)
                      & quoted["quote"].str.contains(g.snippet, regex=False)]
        matches.append(cand.iloc[0] if len(cand) else None)
    return corpus, found, gold, quoted, matches


def test_seed_gold_recall_every_quote_found(seed_eval):
    _, _, gold, _, matches = seed_eval
    missing = [g.snippet for g, m in zip(gold.itertuples(), matches) if m is None]
    assert missing == []


def test_seed_gold_camp_and_kind_accuracy(seed_eval):
    _, _, gold, _, matches = seed_eval
    wrong = [(g.snippet, g.camp, m["camp"]) for g, m in zip(gold.itertuples(), matches)
             if m is not None and m["camp"] != g.camp]
    assert wrong == []
    kinds = [(g.snippet, g.kind, m["kind"]) for g, m in zip(gold.itertuples(), matches)
             if m is not None and m["kind"] != g.kind]
    assert kinds == []


def test_seed_gold_precision_no_spurious_quote(seed_eval):
    _, _, gold, quoted, _ = seed_eval
    spurious = [r.quote for r in quoted.itertuples()
                if not any(s in r.quote for s in gold.loc[gold["article_id"] == r.article_id,
                                                           "snippet"])]
    assert spurious == []


def test_no_reader_comment_is_quoted(seed_eval):
    _, found, _, _, _ = seed_eval
    comment_words = ["Unbeknownst to those opposition supporters", "slack jawed", "R2P"]
    assert not any(w in t for t in found["quote"] for w in comment_words)


def test_corpus_frame_offsets(seed_eval):
    corpus, found, _, _, _ = seed_eval
    assert list(found.columns) == ["article_id", "outlet", *QUOTE_COLUMNS]
    texts = corpus.set_index("article_id")["text"]
    for r in found.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.quote
        if r.speaker_start >= 0:
            assert texts[r.article_id][r.speaker_start:r.speaker_end] == r.speaker


# --- each case of the issue ------------------------------------------------------------------

def test_curly_and_straight_quotes_mixed_and_odd_marks():
    text = 'He said: “One thing.” Later "another thing," she added. A stray ” mark and " one.'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans[:2] == ["One thing.", "another thing,"]
    for bad in ['"', "“", "”", '"""', "“a” “b", 'x"y"z"', "“\n\n”"]:
        extract_quotes(bad)  # never raises


def test_multi_paragraph_quote_one_unit_per_paragraph_same_group():
    text = ("Mr Putin said: “The first part.\n\n“The second part.\n\n"
            "“The third part.”\n\nSomething else happened.")
    f = q(text)
    units = f[f["kind"] == "direct"]
    assert len(units) == 3 and units["group"].nunique() == 1
    assert set(units["speaker"]) == {"Mr Putin"} and set(units["camp"]) == {"russia"}
    assert list(units["rule"]) == ["before_colon", "multi_paragraph", "multi_paragraph"]


@pytest.mark.parametrize("text, snippet, speaker, camp, rule", [
    ("“We will wait and see,” officials said.", "We will wait", "officials", "", "after_speaker_cue"),
    ("“It is a positive push,” said Salim al-Muslat, spokesman for the High Negotiations Committee.",
     "positive push", "Salim al-Muslat", "syria_opposition", "after_cue_speaker"),
    ("Mr Putin said: “The task has been fulfilled.”", "task has", "Mr Putin", "russia",
     "before_colon"),
    ("Salem al Meslet, a spokesman for the High Negotiations Committee, told reporters in Geneva: "
     "“Tomorrow we will see.”", "Tomorrow", "Salem al Meslet", "syria_opposition", "before_colon"),
    ("The talks will go on, according to Staffan de Mistura, who spoke on Monday.",
     "talks will go on", "Staffan de Mistura", "un", "indirect_according_to"),
    ("Moscow has begun to withdraw, the Russian Defence Ministry has said.", "begun to withdraw",
     "the Russian Defence Ministry", "russia", "indirect_after"),
    ("The White House said in a statement that it welcomed the move.", "welcomed the move",
     "The White House", "west", "indirect_before"),
])
def test_speaker_before_after_according_and_indirect(text, snippet, speaker, camp, rule):
    row = one(q(text), snippet)
    assert (row["speaker"], row["camp"], row["rule"]) == (speaker, camp, rule)


def test_split_quote_both_halves_attributed():
    text = "“They mentioned the fact”, says reporter Charles Maynes, “that there were fighters”."
    f = q(text)
    assert list(f["speaker"]) == ["reporter Charles Maynes"] * 2
    assert list(f["rule"]) == ["after_cue_speaker", "split"]
    assert set(f["camp"]) == {"media"}


def test_dash_attribution_and_in_a_statement():
    f = q("“We are leaving” — Putin said in a statement on Monday.")
    assert one(f, "We are leaving")["speaker"] == "Putin"
    f = q("The White House said in a statement: “The President underscored the point.”")
    row = one(f, "underscored")
    assert row["speaker"] == "The White House" and row["camp"] == "west"


def test_continuation_paragraph_inherits_speaker():
    text = ("“I consider the mission accomplished,” Vladimir Putin said.\n\n"
            "“I am therefore ordering the withdrawal.”\n\nThe opposition was cautious.")
    row = one(q(text), "therefore ordering")
    assert (row["speaker"], row["rule"]) == ("Vladimir Putin", "continuation")


def test_partial_quotes_attributed_to_reported_speaker_or_subject():
    f = q("Damascus said Moscow had pledged to continue to support the country in "
          "“confronting terrorism”.")
    row = one(f, "confronting terrorism")
    assert (row["kind"], row["speaker"], row["camp"]) == ("partial", "Damascus", "syria_gov")
    f = q("Syria’s main opposition gave Russia’s decision a cautious welcome, but raised concerns "
          "it could be “a trick”.")
    assert one(f, "a trick")["camp"] == "syria_opposition"
    f = q("Damascus sparked Western anger by insisting that Assad’s removal was a “red line”.")
    assert one(f, "red line")["speaker"] == "Damascus"


def test_pronoun_resolved_only_when_unambiguous():
    text = ("Vladimir Putin said that the bases would stay. He said both must be protected "
            "“from land, air and sea”.")
    row = one(q(text), "from land")
    assert (row["speaker"], row["camp"]) == ("He", "russia") and row["rule"].endswith("+pronoun")
    # the last speaker is an institution: "he" cannot refer to it, so it stays unknown
    text = ("Damascus insisted that removal was a “red line”.\n\n"
            "“If we are honest, the task was to overcome isolation”, he said.")
    row = one(q(text), "If we are honest")
    assert (row["speaker"], row["camp"]) == ("he", "")  # the surface speaker is kept
    assert row["speaker_status"] == "none_in_text"
    # no earlier speaker at all
    row = one(q("“We will see,” she said."), "We will see")
    assert (row["speaker"], row["actor"]) == ("she", "")
    assert row["rule"].endswith("pronoun_unresolved")


def test_institutions_roles_and_name_variants():
    f = q("“The sides agreed,” the Kremlin press service said.")
    assert one(f, "sides agreed")["actor"] == "kremlin"
    f = q("Russia backed it.\n\n“It will operate as usual,” the statement said.")
    row = one(f, "operate as usual")
    assert row["camp"] == "russia" and row["rule"].endswith("generic_role")
    # two transliterations, one actor
    a = one(q("“Yes,” said Salem al Meslet, a spokesman."), "Yes")
    b = one(q("“Yes,” said Salim al-Muslat, a spokesman."), "Yes")
    assert a["actor"] == b["actor"] == "hnc"
    # "a spokesman" with no spokesman named before stays unknown
    row = one(q("Putin met Assad.\n\nA spokesman said the leaders had agreed the plan."),
              "leaders had agreed")
    assert row["camp"] == ""


def test_scare_quotes_and_titles_flagged():
    f = q("Putin and Obama shared a “frank” exchange after watching “The A Word” on TV.")
    assert f["scare"].all() and set(f["kind"]) == {"partial"}


def test_indirect_speech_is_its_own_kind():
    f = q("Peskov said Russia had informed Assad of the decision.")
    row = one(f, "Russia had informed")
    assert row["kind"] == "indirect" and row["camp"] == "russia"


# --- properties and real data ----------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", '"', " said ", "Putin", ", ", ".", "\n\n", "He", "a",
                                 " told reporters: ", "according to ", "X", "é", "officials"]),
                max_size=40).map("".join))
def test_extract_quotes_never_raises_and_spans_inside(text):
    f = extract_quotes(text)
    for r in f.itertuples():
        assert 0 <= r.start <= r.end <= len(text) and text[r.start:r.end] == r.quote
        if r.speaker_start >= 0:
            assert text[r.speaker_start:r.speaker_end] == r.speaker


@needs_abp
def test_real_articles_run_and_attribute_most_direct_quotes():
    with open(ABP, encoding="utf-8") as fh:
        lines = [line for _, line in zip(range(400), fh)]
    rows = [json.loads(line) for line in random.Random(0).sample(lines, 200)]
    corpus = pd.DataFrame({"article_id": [r["ID"] for r in rows],
                           "outlet": [r["source"] for r in rows],
                           "text": [framing.clean_text(r["content_original"]).text for r in rows]})
    found = corpus_quotes(corpus)
    direct = found[found["kind"] == "direct"]
    assert len(direct) > 200
    # Measured 0.63 on this sample (2026-11-24). Most of the rest are "he said"/"she said"
    # after a speaker the codebook does not know and the text does not name again: left
    # unknown on purpose. Precision read by hand on 2 x 50 random units: ~95% (README).
    assert (direct["speaker"] != "").mean() > 0.6


def test_package_structure_no_import_circle():
    """framing.quotes is a package; actors never imports it (the dependency runs one way)."""
    import ast
    import inspect

    import framing.actors
    from framing import quotes
    tree = ast.parse(inspect.getsource(framing.actors))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if "quotes" in m]
    # a title is settled first (no one's voice), then the speaker after the quote
    assert [name for name, _ in quotes.RULES][:3] == ["title", "after_cue_speaker",
                                                    "after_speaker_cue"]
    for name in quotes.__all__:
        assert getattr(quotes, name) is not None
    assert framing.suggest_codebook is quotes.suggest_codebook
