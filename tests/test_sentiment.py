import sys

import numpy as np
import pandas as pd
import pytest

import framing
from framing import quotes, sentiment
from framing.sentiment import TargetSentiment, polarity_label, target_sentiment

from .helpers import NEWSMTSC, ROOT, SEEDS, needs_newsmtsc


def span(text, word):
    s = text.index(word)
    return s, s + len(word)


def test_score_is_focused_on_the_targets_clause():
    text = "Smith is a wonderful leader, but Jones is a terrible liar."
    assert target_sentiment(text, *span(text, "Smith")) > 0.3
    assert target_sentiment(text, *span(text, "Jones")) < -0.3
    whole = TargetSentiment(scope="sentence")
    assert whole.score(text, *span(text, "Smith")) == whole.score(text, *span(text, "Jones"))


def test_names_are_masked():
    text = "The United Nations met on Monday."
    s, e = span(text, "United Nations")
    assert target_sentiment(text, s, e) == 0.0  # "united" (+1.8) inside the name is masked
    unmasked = TargetSentiment(mask_names=False, scope="sentence")
    assert unmasked.analyzer.polarity_scores(text)["compound"] > 0
    other = "Obama praised the Free Syrian Army."
    o = span(other, "Obama")
    # "Free" is part of another actor's name and masked with it; "praised" still counts
    assert target_sentiment(other, *o, mask=[span(other, "Free Syrian Army")]) > 0


def test_words_that_fired_are_recorded():
    scorer = TargetSentiment()
    text = "Syria's main opposition gave the decision a cautious welcome."
    words = scorer.words(text, *span(text, "opposition"))
    assert "welcome(+2.0)" in words and "cautious(-0.4)" in words


@pytest.mark.parametrize("score, label", [(-0.5, "negative"), (-0.05, "negative"),
                                          (-0.049, "neutral"), (0.0, "neutral"),
                                          (0.049, "neutral"), (0.05, "positive"),
                                          (0.9, "positive")])
def test_label_thresholds(score, label):
    assert polarity_label(score) == label
    assert sentiment.polarity_labels([score])[0] == label


def test_bad_span_raises():
    with pytest.raises(ValueError, match="not inside"):
        target_sentiment("short", 3, 10)


def test_news_lexicon_extends_but_never_overrides_vader():
    scorer = TargetSentiment()
    plain = TargetSentiment(news_lexicon=False)
    extra = sentiment.load_news_lexicon()
    assert 20 <= len(extra) <= 200
    for word, value in plain.lexicon.items():
        assert scorer.lexicon[word] == value


def test_aggregate_bootstrap_is_seeded_and_flags_small_groups():
    scored = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 2,
                           "actor": ["x"] * 8,
                           "score": [0.5, 0.1, -0.2, 0.4, 0.3, 0.0, -0.6, -0.2],
                           "label": ["positive", "positive", "negative", "positive", "positive",
                                     "neutral", "negative", "negative"]})
    a = sentiment.aggregate(scored, n_boot=500, seed=1)
    b = sentiment.aggregate(scored, n_boot=500, seed=1)
    pd.testing.assert_frame_equal(a, b)
    row = a.set_index("outlet").loc["A"]
    assert row["n"] == 6 and row["mean"] == pytest.approx(np.mean([0.5, 0.1, -0.2, 0.4, 0.3, 0]))
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert row["share_positive"] == pytest.approx(4 / 6)
    assert not row["few"] and a.set_index("outlet").loc["B", "few"]


def test_quote_spans_and_mentions_in_quotes():
    text = 'Mr Putin said: “Russia will stay.” He left.\n\n“Second paragraph, Assad said'
    spans = [text[s:e] for s, e in quotes.quote_spans(text)]
    assert spans == ["Russia will stay.", "Second paragraph, Assad said"]
    corpus = pd.DataFrame({"article_id": ["a"], "outlet": ["o"], "text": [text]})
    sents = framing.sentences(corpus)
    m = quotes.mark_quoted(framing.find_mentions(sents), corpus)
    assert dict(zip(m["alias"], m["in_quote"])) == {"Mr Putin": False, "Russia": True,
                                                    "Assad": True}


def test_score_mentions_on_seeds():
    corpus = framing.load_corpus(SEEDS)
    sents = framing.sentences(corpus)
    scored = sentiment.score_mentions(framing.find_mentions(sents), sents)
    assert scored["score"].between(-1, 1).all()
    assert set(scored["label"]) <= {"negative", "neutral", "positive"}
    # the opposition's "cautious welcome" at Sky News reads positive
    sky = scored[(scored["outlet"] == "Sky News") & (scored["alias"] == "Syria’s main opposition")]
    assert (sky["score"] > 0).all() and len(sky) == 1


@needs_newsmtsc
def test_beats_whole_sentence_vader_on_newsmtsc_rw_dev():
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_newsmtsc import load, macro_f1, scores, sentence_vader
    data = load(NEWSMTSC / "splits" / "rw" / "dev.jsonl")
    ours = macro_f1(data["gold"], sentiment.polarity_labels(scores(data, TargetSentiment())))
    base = macro_f1(data["gold"], sentiment.polarity_labels(sentence_vader(data), -0.05, 0.05))
    assert ours >= base + 3, (ours, base)
