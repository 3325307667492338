import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import load_corpus, paragraphs, sentences
from framing.text import sentence_spans

from .helpers import SEEDS


def split(text):
    return [text[s:e] for _, s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("Mr Putin said so. He left.", ["Mr Putin said so.", "He left."]),
    ("Mr. Putin said so. Mrs. May agreed.", ["Mr. Putin said so.", "Mrs. May agreed."]),
    ("Gen. Smith met Sen. Jones on Jan. 5. They talked.",
     ["Gen. Smith met Sen. Jones on Jan. 5.", "They talked."]),
    ("U.S. officials said no. In the U.S. The president spoke.",
     ["U.S. officials said no.", "In the U.S.", "The president spoke."]),
    ("The U.N. Security Council met.", ["The U.N. Security Council met."]),
    ("He said: “It is over.” The talks went on.", ["He said: “It is over.”", "The talks went on."]),
    ('"Is it over?" he asked. Nobody knew.', ['"Is it over?" he asked.', "Nobody knew."]),
    ("It was “a trick”. Others agreed.", ["It was “a trick”.", "Others agreed."]),
    ("Turnout was 3.5 per cent. No. 10 said so.", ["Turnout was 3.5 per cent.", "No. 10 said so."]),
    ("It began in 2015. 2016 was worse.", ["It began in 2015.", "2016 was worse."]),
    ("J. Smith wrote it. Then he left.", ["J. Smith wrote it.", "Then he left."]),
    ("from rebels.Vladimir Putin orders", ["from rebels.", "Vladimir Putin orders"]),
    # a glued boundary is never vetoed as an abbreviation; the same word before a space is
    ("He met the lawyer and the dept.Officials left.", ["He met the lawyer and the dept.",
                                                        "Officials left."]),
    ("He met the lawyer and the dept. Officials left.",
     ["He met the lawyer and the dept. Officials left."]),
    ("First para.\n\nSecond para.", ["First para.", "Second para."]),
])
def test_sentence_split(text, expected):
    assert split(text) == expected


def test_sentences_frame_offsets_slice_clean_text():
    corpus = load_corpus(SEEDS)
    sents = sentences(corpus)
    assert list(sents.columns) == ["article_id", "outlet", "paragraph", "sentence", "start", "end",
                                   "text"]
    texts = corpus.set_index("article_id")["text"]
    for row in sents.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    # sentence numbers run 0..n-1 within each article
    assert (sents.groupby("article_id")["sentence"].agg(lambda s: list(s) == list(range(len(s))))
            .all())
    paras = paragraphs(corpus)
    assert sents.groupby("article_id")["paragraph"].max().add(1).equals(
        paras.groupby("article_id").size())


def test_seed_quote_paragraph_sentences():
    corpus = load_corpus(SEEDS)
    sky = sentences(corpus[corpus["outlet"] == "Sky News"])
    assert "Mr Putin said: “The effective work of our military created the conditions for the " \
           "start of the peace process." in list(sky["text"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab AB.?!\"“”’\n\t1") + ["Mr.", "U.S.", "\n\n", "Zé"]),
                max_size=120).map("".join))
def test_spans_cover_text_in_order(text):
    spans = sentence_spans(text)
    pos = 0
    for _, s, e in spans:
        assert pos <= s < e <= len(text)
        assert not text[pos:s].strip()  # nothing but white space is skipped
        pos = e
    assert not text[pos:].strip()
