import json
import re

import pandas as pd

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


_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\t\f\v"), " ")
_ODD_SPACES.update(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None))


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("ab é’—“ \u00a0\u2007\u202f\u2009\u200a\t\f\v"
                                    "\u200b\u200c\u200d\u2060\ufeff\u2028")), max_size=30))
def test_normalise_line_is_the_translation_it_stands_for(line):
    """Odd spaces to a space, zero-width characters gone, runs of spaces to one, stripped:
    as the one-pass translation would give (the function searches first, for speed)."""
    expected = re.sub(" {2,}", " ", line.translate(_ODD_SPACES)).strip()
    assert normalise_line(line) == expected


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


# --- issue 14: shapes of page furniture, hover cards, furniture learned from the corpus -----

@pytest.mark.parametrize("line, rule", [
    ("JUST WATCHED Sen. Cruz focused on defunding Obamacare Replay More Videos ... MUST WATCH "
     "Sen. Cruz focused on defunding Obamacare 08:33", "video_strip"),
    ("Play Video 0:53 Tory chief whip attacks cabinet for 'worst ill-discipline' - video",
     "video_strip"),
    ("CLOSE Secretary of State John Kerry said chemical weapons were used in Syria and called "
     "the use of such weapons a \"moral obscenity.\" VPC", "video_strip"),
    ("CLOSE A timeline of notable moments in Presidential Candidate Hillary Clinton's life. USA "
     "TODAY NETWORK", "video_strip"),
    ("UK diplomats fear end of special relationship if Trump re-elected Read more",
     "read_more_link"),
    ("U.S. President Donald Trump speaks in the East Room of the White House in Washington, U.S., "
     "February 6, 2020. REUTERS/Joshua Roberts", "photo_credit"),
    ("A combination photo of Mike Pompeo and Rex Tillerson, November 28, 2017. "
     "REUTERS/Eric Thayer/Yuri Gripas/File Photos", "photo_credit"),
    ("Roy Moore walks into the center for a debate on Sept. 21 2017, in Montgomery, Ala. "
     "(Photo: Albert Cesare, The Montgomery Advertiser)", "photo_credit"),
    ("Mike Pence speaking at an AIPAC conference. Photo: Chip Somodevilla/Getty Images",
     "photo_credit"),
    ("SARA MILLER LLANA/THE CHRISTIAN SCIENCE MONITOR Catchy phrases greet visitors at the "
     "train station.", "photo_credit"),
    ("Follow us on Twitter @CNNOpinion.", "promo_prompt"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "promo_prompt"),
    ("Interested in Russia Investigation? Add Russia Investigation as an interest to stay up to "
     "date on the latest Russia Investigation news, video, and analysis from ABC News. Add "
     "Interest", "promo_prompt"),
    ("This article was originally published at The Conversation.", "reprint_notice"),
    ("Content created by The Daily Caller News Foundation is available without charge to any "
     "eligible news publisher that can provide a large audience.", "reprint_notice"),
    ("The views of contributors are their own and not the views of The Hill.", "reprint_notice"),
    ("This column does not necessarily reflect the opinion of the editorial board or Bloomberg "
     "LP and its owners.", "reprint_notice"),
    ("To contact the author of this story:", "contact_line"),
    ("Leonid Bershidsky at lbershidsky@bloomberg.net", "contact_line"),
    ("CORRECTION: An earlier version of this article cited Iran instead of Iraq.",
     "correction_note"),
    ("A previous version of this article incorrectly identified the state she is from.",
     "correction_note"),
    ("(Removes extraneous characters in paragraph 2)", "correction_note"),
    ("___", "separator"),
    ("* * *", "separator"),
    ("( Also on POLITICO: Obama vs. Romney: How they plan to win)", "related_link"),
    ("( PHOTOS: 25 unforgettable Obamacare quotes)", "related_link"),
    ("VOLATILITY:Wild swings continue as Dow plunges", "related_link"),
    ("Read: Who needs the Russians?", "related_link"),
    ("Opening Statement Sign up for our daily newsletter covering the best in criminal justice "
     "news.", "newsletter_signup"),
    ("POLITICO Playbook newsletter Sign up today to receive the #1-rated newsletter in politics "
     "Email Sign Up By signing up you agree to receive email newsletters or alerts from POLITICO.",
     "newsletter_signup"),
    ("Leonid Bershidsky is a columnist. Read more opinion SHARE THIS ARTICLE Share Tweet Post "
     "Email", "share_prompt"),
])
def test_furniture_shapes_inside_body(line, rule):
    test_line_rules_inside_body(line, rule)


@pytest.mark.parametrize("line", [
    "THE FACTS: His optimism is a stretch.",  # an AP fact check's label and a sentence
    "TRUMP: “We have to open up our country, I’m sorry.” — conference call with governors",
    "CITIZENSHIP QUESTION",  # a section heading inside the body
    "The report, originally published in 2015, found that the plan would cost more.",
    "He said he would follow the advice of his doctors on Twitter and elsewhere, aides said.",
    "Close to 40 people were hurt when the stands collapsed, officials said.",
])
def test_body_lines_that_look_like_furniture_are_kept(line):
    raw = "\n\n".join([BODY, line, BODY.replace("Tuesday", "Monday")])
    assert clean_text(raw).removed == []


def test_teaser_ending_in_the_headline_is_removed():
    raw = "\n".join(["States want to spend their grants into 2015. States want more time on "
                     "ACA funds", BODY])
    cleaned = clean_text(raw, title="States want more time on ACA funds")
    assert [r for _, r, _ in cleaned.removed] == ["headline"]
    # after the body has begun, a headline glued to a paragraph stays with the paragraph
    glued = BODY + "\n" + ("Russia began its air strikes in September, tipping the balance "
                           "towards the government.States want more time on ACA funds")
    assert clean_text(glued, title="States want more time on ACA funds").removed == []


HILL = ("The sense mounted Thursday when President Trump Donald John TrumpFederal judge halts "
        "California law targeting Trump tax returns Trump agriculture chief: No guarantee small "
        "farms can survive Harris presses Twitter to 'do something' over Trump's 'coup' tweet MORE "
        "surprised observers. Senate Majority Leader Mitch McConnell Addison (Mitch) Mitch "
        "McConnellSenate faces protracted floor fight over judges MORE (R-Ky.) has said so.")


def test_hover_cards_removed_inside_the_line_and_audited():
    cleaned = clean_text(HILL + "\n\n" + BODY)
    assert cleaned.text == ("The sense mounted Thursday when President Trump surprised observers. "
                            "Senate Majority Leader Mitch McConnell (R-Ky.) has said so.\n\n"
                            + BODY)
    assert [(n, rule) for n, _, _, rule, _ in cleaned.inline] == [(1, "hover_card")] * 2
    assert cleaned.inline[0][4].startswith("Donald John TrumpFederal judge")
    assert cleaned.inline[0][4].endswith("'coup' tweet MORE")
    assert cleaned.removed == []  # no whole line removed: the line is kept, less its cards
    _check_invariant(HILL + "\n\n" + BODY, cleaned)
    frame = removed_lines(pd.DataFrame({"article_id": ["a"], "outlet": ["The Hill"],
                                        "raw": [HILL], "title": [""]}))
    assert list(frame["rule"]) == ["hover_card", "hover_card"]
    assert frame["start"].notna().all() and (frame["end"] > frame["start"]).all()
    assert removal_counts(frame)[["rule", "lines", "runs"]].values.tolist() == [
        ["hover_card", 0, 2]]


@pytest.mark.parametrize("line", [
    "HE SAID MORE THAN ONCE that Trump Tower is big, and McDonald's agreed with him MORE or less.",
    "The iPhone maker said its YouTube channel would show MORE videos on Tuesday, officials said.",
])
def test_upper_case_more_without_a_card_is_kept(line):
    assert hover_cards(line) == []
    assert clean_text(line).text == line


def _articles(outlet, n, extra, start=0):
    """``n`` articles of ``outlet``, each a distinct body with ``extra`` lines appended.
    (Bodies differ in words, not only in numbers: furniture keys count every number as 0.)"""
    def word(k):
        return "".join("abcdefghij"[int(d)] for d in str(k))

    return [("\n\n".join([f"Article {word(start + i)} says the council met on the {word(i)} "
                          f"day and agreed the budget for the year, officials said.", *extra]),
             outlet, f"Title {word(start + i)}") for i in range(n)]


def test_furniture_learned_from_the_corpus():
    promo = "Get our app for the latest from the Daily Post"
    quote = "“We will not back down,” the mayor said on the steps of city hall last week."
    rows = (_articles("Daily Post", 3, [promo]) + _articles("City Herald", 2, [quote])
            + _articles("Daily Post", 1, [quote], start=10))
    f = Furniture().fit(*zip(*rows))
    assert f.is_furniture("Daily Post", promo)
    assert not f.is_furniture("City Herald", promo)  # counted per outlet
    assert not f.is_furniture("City Herald", quote)  # two articles are not enough
    cleaned = clean_text(rows[0][0], rows[0][2], f, "Daily Post")
    assert [r for _, r, _ in cleaned.removed] == ["outlet_furniture"]
    assert promo not in cleaned.text
    assert quote in clean_text(rows[3][0], rows[3][2], f, "City Herald").text
    assert f.lines()[["outlet", "articles", "text"]].values.tolist() == [
        ["Daily Post", 3, promo]]


def test_line_hashes_from_the_counting_pass_clean_as_computing_them_does():
    promo = "Get our app for the latest from the Daily Post at 7:45 a.m."
    rows = _articles("Daily Post", 3, [promo, "", "Daily Post readers can reach us at 555 0100"])
    f = Furniture()
    hashes = [f.add(*row) for row in rows]
    assert f.add(*rows[0]) is None  # an article seen before is not counted again
    for row, h in zip(rows, hashes):
        lines = row[0].replace("\r\n", "\n").split("\n")
        assert len(h) == len(lines) and [x is None for x in h] == [not x.strip() for x in lines]
        with_hashes = clean_text(row[0], row[2], f, "Daily Post", line_hashes=h)
        assert with_hashes == clean_text(row[0], row[2], f, "Daily Post")
        assert [r for _, r, _ in with_hashes.removed].count("outlet_furniture") == 2


def test_furniture_thresholds_and_duplicates():
    promo = "Subscribe to the Evening Bulletin"
    rows = _articles("Post", 3, [promo]) + _articles("Post", 997, [], start=3)
    f = Furniture().fit(*zip(*rows))
    assert f.threshold("Post") == 3 and f.is_furniture("Post", promo)
    rows += _articles("Post", 1000, [], start=1000)  # 2,000 articles: 0.3% is 6
    assert Furniture().fit(*zip(*rows)).threshold("Post") == 6
    assert not Furniture().fit(*zip(*rows)).is_furniture("Post", promo)
    same = _articles("Wire", 1, [promo]) * 3  # one article printed three times
    assert not Furniture().fit(*zip(*same)).is_furniture("Wire", promo)
    with pytest.raises(ValueError, match="min_articles"):
        Furniture(min_articles=1)


def test_furniture_never_empties_an_article():
    rows = [("The same short notice.\nShared by all.", "Bulletin", "")] * 1 + [
        ("The same short notice.\nShared by all.", "Bulletin", f"T{i}") for i in range(3)]
    f = Furniture().fit(*zip(*rows))
    assert f.is_furniture("Bulletin", "Shared by all.")
    assert clean_text(rows[0][0], "", f, "Bulletin").text == ("The same short notice.\n\n"
                                                               "Shared by all.")


def test_merged_partial_counts_equal_one_fit():
    rows = _articles("Post", 5, ["Get our app"]) + _articles("Herald", 4, ["Read more"], start=5)
    whole = Furniture().fit(*zip(*rows))
    parts = Furniture().fit(*zip(*rows[:4])).merge(Furniture().fit(*zip(*rows[4:])))
    assert parts.counts == whole.counts and parts.articles == whole.articles
    pd.testing.assert_frame_equal(parts.lines(), whole.lines())


@needs_abp
def test_the_hill_hover_cards_are_gone_from_real_articles():
    with open(ABP, encoding="utf-8") as fh:
        hill = [d for d in map(json.loads, fh) if d["source"] == "The Hill"][:80]
    before = sum(d["content_original"].count(" MORE") for d in hill)
    after = sum(clean_text(d["content_original"], d["title"]).text.count(" MORE") for d in hill)
    assert before > 200 and after <= before * 0.05


def test_furniture_key_counts_numbers_as_one():
    from framing.cleaning import furniture_key

    assert furniture_key("—Updated at 2:25 p.m.") == furniture_key("--Updated at 8:26 p.m.")
    assert furniture_key("Slideshow (9 Images)") == furniture_key("Slideshow (33 Images)")


@pytest.mark.parametrize("line", [
    "This article was originally published by The Conversation.",
    # case-insensitive matching is wider than casefold: the substring gate must not skip these
    "This article was originally publıshed by The Conversation.",
    "THIS ARTICLE WAS ORIGINALLY PUBLİSHED BY THE CONVERSATION.",
    "The opınions expressed by the author are their own.",
    "This column does not necessarıly reflect the opinion of the editors.",
])
def test_reprint_notice_found_whatever_the_letters(line):
    raw = ("The talks resumed in Geneva on Monday and were expected to last for weeks, "
           "officials said.\n" + line)
    assert [r for _, r, _ in clean_text(raw).removed] == ["reprint_notice"]


def test_a_card_glued_to_the_mention_and_a_long_card_are_removed():
    # saved web pages extracted without the space between the name's link and its card
    # ("Kristi NoemKristi Lynn NoemSouth ..."), and cards longer than 500 characters, were
    # kept: teaser headlines counted as the article's words
    glued = ("South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on "
             "meth ad campaign MORE (R) is defending the state's launch of a campaign.")
    assert clean_text(glued).text == ("South Dakota Gov. Kristi Noem (R) is defending the "
                                      "state's launch of a campaign.")
    teasers = " | ".join(f"Headline number {i} about a vote in the House" for i in range(14))
    long = (f"Rep. Alexandria Ocasio-CortezAlexandria Ocasio-CortezSanders doubles down {teasers}"
            " MORE (D-N.Y.) spoke shortly after the arrest.")
    assert 500 < len(long) - len("Rep. Alexandria Ocasio-Cortez") < 800
    assert clean_text(long).text == "Rep. Alexandria Ocasio-Cortez (D-N.Y.) spoke shortly after the arrest."


@pytest.mark.parametrize("line", [
    # a state's initial is no surname: "(N.J.)" then "(N.Y.)" is not a card
    "Toss-ups include Reps. Leonard Lance (N.J.), Claudia Tenney (N.Y.), Rod Blum (Iowa) and "
    "others, and the party says it will spend MORE (much more) on them.",
    # "Mc" of a surname is no surname of its own
    "Leader Mitch McConnell said so, and Rep. Kevin McCarthy agreed, and McCarthyites want MORE.",
    # a brand written in camel case, twice, before an upper-case MORE (the review's cases)
    'writing that WhatsApp said WhatsApp "must do MORE to stop fake news," today.',
    "Larry Fink, BlackRock's chief executive, said BlackRock would put climate risk first. "
    '"We will do MORE," he told investors.',
])
def test_initials_and_name_prefixes_are_no_card(line):
    assert hover_cards(line) == []


@pytest.mark.parametrize("opening", [
    "Story highlights Israel says 422 rockets fired from Gaza into Israel in past two days",
    "President Obama speaks at a luncheon. (Photo: Pool photo from Getty Images) Story Highlights "
    "Lawmakers on both sides of the aisle call on Obama to back rebels",
])
def test_story_highlights_box_is_removed_with_its_short_lines(opening):
    raw = "\n\n".join([opening,
                       "Syria will be a major topic when Obama meets with Putin at the G-8",
                       "\"There is nothing that can stop the regime,\" Syrian rebels say",
                       BODY, "Officials said the talks would go on",
                       BODY.replace("Tuesday", "Monday")])
    cleaned = clean_text(raw)
    assert [rule for _, _, rule in cleaned.lines if rule] == ["story_highlights"] * 3
    assert cleaned.text.startswith(BODY)
    assert "Officials said the talks would go on" in cleaned.text  # after the body: kept
