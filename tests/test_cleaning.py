import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import RULES, clean_text, load_corpus, removed_lines
from framing.cleaning import (RULE_FAMILIES, Furniture, hover_cards, normalise_line, removal_counts,
                              split_lines)

from .helpers import ABP, SEEDS, needs_abp


def _cut(line, spans):
    """The line without the spans (as the cleaner cuts them)."""
    for start, end in reversed(spans):
        line = line[:start].rstrip(" ") + line[end:]
    return line.strip()


def _check_invariant(raw, cleaned):
    """kept + removed == original lines, and the body is made of kept lines only."""
    lines = split_lines(raw)
    assert [n for n, _, _ in cleaned.lines] == list(range(1, len(lines) + 1))
    assert [t for _, t, _ in cleaned.lines] == lines
    runs = {}
    for n, start, end, rule, text in cleaned.inline:
        assert rule in RULES and cleaned.lines[n - 1][2] is None
        assert normalise_line(cleaned.lines[n - 1][1])[start:end] == text
        runs.setdefault(n, []).append((start, end))
    # a kept line's words, less the runs removed from inside it
    kept = [_cut(normalise_line(t), runs.get(n, [])) for n, t, r in cleaned.lines
            if r is None and t.strip()]
    # every paragraph of the body is one kept line or several joined by a space
    assert " ".join(cleaned.text.split("\n\n")).split() == " ".join(kept).split()
    assert all(r in RULES for _, _, r in cleaned.lines if r is not None)


def test_invariant_on_seeds():
    corpus = load_corpus(SEEDS)
    for raw, title in zip(corpus["raw"], corpus["title"]):
        _check_invariant(raw, clean_text(raw, title))


@needs_abp
def test_invariant_on_real_articles():
    with open(ABP, encoding="utf-8") as fh:
        for i, line in zip(range(600), fh):
            d = json.loads(line)
            _check_invariant(d["content_original"], clean_text(d["content_original"], d["title"]))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
       st.one_of(st.none(), st.text(max_size=40)))
def test_invariant_on_arbitrary_text(raw, title):
    _check_invariant(raw, clean_text(raw, title))


BODY = ("The minister said on Tuesday that the talks in Geneva would continue for at least "
        "another week, according to officials.")


@pytest.mark.parametrize("line, rule", [
    ("Advertisement", "advertisement"),
    ("Share", "share_prompt"),
    ("Get short URL", "share_prompt"),
    ("Stay up to date with notifications from The Independent", "notification_prompt"),
    ("© Sputnik/ Alexei Druzhinin", "image_credit"),
    ("A soldier guards a jet at an air base in Syria (AP)", "photo_caption"),
    ("Credit:Sky News", "credit_line"),
    ("Sign up for Daily Newsletters", "newsletter_signup"),
    ("Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.", "copyright"),
    ("The Associated Press contributed to this report.", "contributor_credit"),
    ("More: House conservatives ramp up accusations of bias", "related_link"),
    ("Tuesday 15 March 2016 03:39 EDT", "timestamp"),
    # caption and player widgets as scraped in Article-Bias-Prediction (BBC, NPR, CNN, Politico)
    ("Image copyright EPA Image caption The US seized two Russian diplomatic compounds over "
     "claims of election interference", "image_credit"),
    ("Media playback is unsupported on your device Media caption Christchurch was put into "
     "lockdown as events unfolded", "media_player"),
    ("Enlarge this image toggle caption Chip Somodevilla/Getty Images Chip Somodevilla/Getty "
     "Images", "image_credit"),
    ("Hide caption Police on horses surveyed the grounds as spectators gathered. Previous Next "
     "Claire Harbage/NPR", "image_credit"),
    ("Photos: Today's Supreme Court Photos: Today's Supreme Court The justices sit for an official "
     "photograph. Hide Caption 1 of 12", "photo_gallery"),
    ("Story Continued Below", "ui_label"),
])
def test_line_rules_inside_body(line, rule):
    raw = "\n\n".join([BODY, line, BODY.replace("Tuesday", "Monday")])
    cleaned = clean_text(raw)
    assert cleaned.removed == [(3, rule, line)]
    assert cleaned.text.count("\n\n") == 1


def test_header_byline_headline_and_trailing_headlines():
    raw = "\n".join(["Home World News", "Talks Resume In Geneva", "By Jane Doe",
                     "Middle East", BODY, "", "Related story about something else",
                     "Another teaser headline"])
    cleaned = clean_text(raw, title="Talks resume in Geneva")
    rules = {n: r for n, r, _ in cleaned.removed}
    assert rules == {1: "header_furniture", 2: "headline", 3: "byline", 4: "header_furniture",
                     7: "trailing_headline", 8: "trailing_headline"}
    assert cleaned.byline == "Jane Doe"
    assert cleaned.text == BODY


def test_comment_section_removed_to_the_end_only_after_body():
    raw = "\n".join([BODY, "Community standardsDiscussion", "reader one: Putin is great!",
                     "", "reader two: no he is not."])
    cleaned = clean_text(raw)
    assert [r for _, r, _ in cleaned.removed] == ["reader_comments"] * 4
    assert cleaned.text == BODY
    # a marker before any body paragraph does not swallow the article
    assert clean_text("Join the conversation\n" + BODY).text == BODY


def test_donation_block_between_markers():
    raw = "\n\n".join([BODY, "Your support helps us to tell the story",
                       "We are on the ground when the story is developing, and we need you.",
                       "Your support makes all the difference.", BODY])
    cleaned = clean_text(raw)
    assert {r for _, r, _ in cleaned.removed} == {"donation_appeal"}
    assert cleaned.text == BODY + "\n\n" + BODY


def test_repeated_caption_removes_first_copy_only_when_identical():
    cap = "A Russian soldier guards a jet parked at an air base"
    cleaned = clean_text("\n".join([BODY, cap, cap, BODY]))
    assert [r for _, r, _ in cleaned.removed] == ["repeated_caption"]


def test_text_without_body_paragraph_keeps_short_lines():
    raw = "Short line one\nShort line two"
    assert clean_text(raw).text == "Short line one\n\nShort line two"


def test_whitespace_normalised_and_hard_wraps_joined():
    raw = "The\u00a0talks   resumed in Geneva on Monday and\nwere expected to last for weeks."
    assert clean_text(raw).text == ("The talks resumed in Geneva on Monday and were expected to "
                                    "last for weeks.")


def test_removed_lines_frame_and_counts():
    corpus = load_corpus(SEEDS)
    removed = removed_lines(corpus)
    assert list(removed.columns) == ["article_id", "outlet", "line", "rule", "text", "start", "end"]
    assert removed.groupby("article_id").size().to_dict() == corpus.set_index("article_id")[
        "n_lines_removed"].to_dict()
    sputnik = removed[removed["outlet"] == "Sputnik"]
    assert (sputnik["rule"] == "reader_comments").sum() > 50
    counts = removal_counts(removed)
    assert set(counts["family"]) <= set(RULE_FAMILIES.values())
    assert set(RULE_FAMILIES) == set(RULES)
