"""Property-based tests on arbitrary text with unusual Unicode (combining marks, right-to-left
script, emoji, NBSP and other spaces, line and paragraph separators, lone quotation marks),
mixed with the tokens each stage reacts to. Surrogates are left out: they cannot be written
to UTF-8, so no loaded article holds one."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.actors import MentionFinder
from framing.cleaning import clean_text, split_lines
from framing.quotes import extract_quotes
from framing.text import sentence_spans

UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
ODD = st.sampled_from(["\u00a0", "\u2028", "\u2029", "\u200b", "\u0301", "\ufeff", "\r",
                       "\r\n", "\x0c", "\u202e", "مرحبا", "😀", "ﬁ", "İ", "ß", "\u0085"])
TOKENS = st.sampled_from(["“", "”", '"', "‘", "’", " said ", "Putin", "Mr. Putin", "U.S.", ", ",
                          ". ", "\n\n", "\n", "He", " told reporters: ", "according to ",
                          "officials", "the Kremlin", "Russia's", "Assad", "UN"])
TEXT = st.lists(st.one_of(TOKENS, ODD, UNICODE), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.one_of(st.none(), UNICODE))
def test_cleaner_never_raises_and_keeps_every_line(raw, title):
    cleaned = clean_text(raw, title)
    lines = split_lines(raw)
    assert len(cleaned.lines) == len(lines)
    assert [raw_line for _, raw_line, _ in cleaned.lines] == lines  # kept + removed = input


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentence_spans_cover_the_text_in_order(text):
    pos = 0
    for _, s, e in sentence_spans(text):
        assert pos <= s < e <= len(text)
        assert not text[pos:s].strip()
        pos = e
    assert not text[pos:].strip()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_extract_quotes_never_raises_and_spans_lie_inside(text):
    for r in extract_quotes(text).itertuples():
        assert 0 <= r.start <= r.end <= len(text)
        if r.kind != "indirect":
            assert text[r.start:r.end] == r.quote
        if r.speaker_start >= 0:
            assert 0 <= r.speaker_start < r.speaker_end <= len(text)
            assert text[r.speaker_start:r.speaker_end] == r.speaker


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_mention_offsets_slice_to_their_alias(text):
    codebook = framing.load_codebook()
    last = 0
    for s, e, actor, _ in MentionFinder(codebook).find(text):
        assert last <= s < e <= len(text)
        last = e


@settings(max_examples=100, deadline=None)
@given(TEXT.filter(lambda t: t.strip()))
def test_the_whole_analysis_never_raises_on_clean_text(text):
    body = clean_text(text).text
    corpus = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [body or "x"]})
    result = framing.analyze(corpus)
    for r in result.mentions.itertuples():
        assert corpus.text[0][r.article_start:r.article_end] == r.alias
        assert -1.0 <= r.score <= 1.0


@given(st.text(alphabet=list("ab .!?…:;\"”’')](\t"), max_size=12))
@settings(max_examples=400, deadline=None)
def test_sentence_end_check_reads_the_line_end_as_the_pattern_does(line):
    # the cleaner checks a line's last characters instead of searching the whole line
    from framing.cleaning import _TERMINAL, _ends_sentence
    assert _ends_sentence(line) == bool(_TERMINAL.search(line))


@given(st.text(alphabet=list("AZabé_1-’' .,(․"), max_size=14),
       st.sampled_from(["", r"\s", r"[ -]Z", r"\s+and\s", "$", r"(?<!'s)\s"]),
       st.sampled_from([("-", None), ("’'-", None), ("․'’-", None), ("’'-", "․'’-")]))
@settings(max_examples=3000, deadline=None)
def test_name_word_matches_what_the_obvious_pattern_matches(text, follow, chars):
    # name_word is the linear form of "[A-Z][\w<before>]*[a-z][\w<after>]*": the same match,
    # at every start, whatever follows the word
    import re

    from framing.language import name_word

    before, after = chars
    after = before if after is None else after
    obvious = re.compile(rf"[A-Z][\w{before}]*[a-z][\w{after}]*" + follow)
    linear = re.compile(name_word(before, after) + follow)
    for start in range(len(text) + 1):
        a, b = obvious.match(text, start), linear.match(text, start)
        assert (a and a.span()) == (b and b.span()), (text, start, follow)


_VARIANTS = st.sampled_from(["defense", "DEFENSE", "Defense", "cease fire", "Cease\nFire",
                             "air  base", "favored", "İ", "ſ", "K", "-", "x", " ",
                             # case-insensitive matches inside words (the review's cases)
                             "air baſe", "ſkeptical", "aır base", "DEFENſE", "ς", "Ꭰ"])


@given(st.lists(st.one_of(_VARIANTS, ODD, UNICODE), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_normaliser_on_lower_cased_text_replaces_what_the_case_insensitive_search_does(text):
    # Normaliser searches the lower-cased text (twice as fast); the result must be the
    # case-insensitive pattern's on the text itself
    from framing.language import fold
    from framing.terms import Normaliser, load_normalisation

    norm = Normaliser(load_normalisation(False))
    # a case-insensitive match whose folded form is not a listed variant ("aır base") is kept
    expected = norm.pattern.sub(lambda m: norm.mapping.get(fold(m.group()), m.group()), text)
    assert norm(text) == expected
    assert [w for w, _ in norm.find(text)] == [" ".join(m.group().split())
                                               for m in norm.pattern.finditer(text)
                                               if fold(m.group()) in norm.mapping]


def test_name_word_refuses_what_it_cannot_match_as_the_obvious_pattern_does():
    # '․' allowed before the first lower-case letter but not after it: the obvious pattern
    # would match "Ab․a" whole, the linear one only "Ab" (the review's counterexample)
    import re

    from framing.language import name_word

    with pytest.raises(ValueError, match="must be in after"):
        name_word("․'’-", "’'-")
    assert re.fullmatch(name_word("․'’-"), "Ab․a") and re.fullmatch(name_word("]^\\-"), "A]b^")
