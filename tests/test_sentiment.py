import os
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


def _scored():
    """Two outlets; A has six articles of one to three sentences, B a single article."""
    rng = np.random.default_rng(3)
    rows = []
    for art in range(6):
        for sent in range(1 + art % 3):
            score = float(rng.uniform(-1, 1))
            for _ in range(1 + sent % 2):  # mentions in one sentence share its score
                rows.append(("A", f"a{art}", sent, "x", score))
    rows += [("B", "b0", 0, "x", -0.6), ("B", "b0", 1, "x", -0.2), ("B", "b0", 1, "x", -0.2)]
    scored = pd.DataFrame(rows, columns=["outlet", "article_id", "sentence", "actor", "score"])
    scored["label"] = sentiment.polarity_labels(scored["score"])
    return scored


def test_aggregate_bootstrap_is_seeded_and_counts_mentions_sentences_articles():
    scored = _scored()
    a = sentiment.aggregate(scored, n_boot=500, seed=1)
    b = sentiment.aggregate(scored, n_boot=500, seed=1)
    pd.testing.assert_frame_equal(a, b)
    row = a.set_index("outlet").loc["A"]
    part = scored[scored["outlet"] == "A"]
    assert row["n"] == len(part) and row["articles"] == 6
    assert row["sentences"] == len(part[["article_id", "sentence"]].drop_duplicates())
    assert row["mean"] == pytest.approx(part["score"].mean())
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert row["share_positive"] == pytest.approx((part["label"] == "positive").mean())
    assert row["cluster"] == "article"
    # the small-n flag counts articles: six articles are enough, one is not
    assert not row["few"] and a.set_index("outlet").loc["B", "few"]
    # one article: no interval can be estimated by resampling articles
    assert a.set_index("outlet").loc[["B"], ["ci_low", "ci_high"]].isna().all(axis=None)
    by_sentence = sentiment.aggregate(scored, n_boot=500, seed=1, cluster="sentence")
    assert by_sentence.set_index("outlet")[["ci_low", "ci_high"]].notna().all(axis=None)


@pytest.mark.parametrize("cluster", ["article", "sentence"])
def test_repeating_mentions_within_their_sentence_does_not_narrow_an_interval(cluster):
    scored = _scored()
    tripled = pd.concat([scored] * 3, ignore_index=True)
    one = sentiment.aggregate(scored, n_boot=1000, seed=0, cluster=cluster)
    three = sentiment.aggregate(tripled, n_boot=1000, seed=0, cluster=cluster)
    width = (one["ci_high"] - one["ci_low"]).to_numpy()
    width3 = (three["ci_high"] - three["ci_low"]).to_numpy()
    assert np.isfinite(width).any()
    np.testing.assert_allclose(width3, width)
    assert (three["n"] == 3 * one["n"]).all()


def test_resampling_unit():
    scored = _scored()
    assert sentiment.resampling_unit(scored) == "article"
    assert sentiment.resampling_unit(scored[scored["outlet"] == "B"]) == "sentence"


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
    from eval_newsmtsc import load, macro_f1, sentence_vader
    data = load(NEWSMTSC / "splits" / "rw" / "dev.jsonl")
    ours = macro_f1(data["gold"], sentiment.classify_targets(data, method="vader")["label"])
    base = macro_f1(data["gold"], sentiment.polarity_labels(sentence_vader(data), -0.05, 0.05))
    assert ours >= base + 3, (ours, base)


# --- narration is the outlet's words (issue 13, item 1) ------------------------------------

_LETTER = __import__("re").compile(r"[A-Za-z]")


def _scramble(text, keep):
    """``text`` with every letter outside the ``keep`` spans replaced by "q" (same length,
    so that every offset stays valid)."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if _LETTER.match(ch) and not any(s <= i < e for s, e in keep):
            chars[i] = "q"
    return "".join(chars)


# A quote opened in one sentence and closed in the next, and a quote that runs over two
# paragraphs: the sentence-level search sees neither in the second sentence.
MULTI = ('The Kremlin called the pullout “a wonderful success. The army was brilliant and '
         'heroic” in a statement about the US on Monday.\n\n'
         'Mr Putin told the ministers: “Our pilots did excellent, admirable work.\n\n'
         '“The West was wrong, and the UN is a disgrace and a failure.\n\n'
         'Washington said nothing.')


def _narration_invariance(corpus, method):
    """Score every mention, then again with every quoted letter (mentions excepted) replaced:
    narration scores must not move."""
    sents = framing.sentences(corpus)
    mentions = framing.find_mentions(sents)
    qspans = {a: quotes.quote_spans(t) for a, t in zip(corpus["article_id"], corpus["text"])}
    mentions = quotes.mark_quoted(mentions, corpus, qspans)
    keep = {}
    for a, s, e in zip(mentions["article_id"], mentions["article_start"], mentions["article_end"]):
        keep.setdefault(a, []).append((s, e))
    changed = sents.copy()
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    scrambled = {}
    for a, text in texts.items():
        chars = list(text)
        for s, e in qspans[a]:
            part = _scramble(text[s:e], [(x - s, y - s) for x, y in keep.get(a, [])])
            chars[s:e] = part
        scrambled[a] = "".join(chars)
    changed["text"] = [scrambled[a][s:s + len(t)] for a, s, t in
                       zip(sents["article_id"], sents["start"], sents["text"])]
    assert (changed["text"] != sents["text"]).any()
    a = sentiment.score_mentions(mentions, sents, quotes=qspans, method=method)
    b = sentiment.score_mentions(mentions, changed, quotes=qspans, method=method)
    narration = ~mentions["in_quote"].to_numpy()
    assert narration.sum() > 0
    np.testing.assert_array_equal(a["score"].to_numpy()[narration],
                                  b["score"].to_numpy()[narration])
    return a, b, narration


@pytest.mark.parametrize("method", ["model", "vader"])
def test_no_narration_score_uses_a_quoted_word(method):
    corpus = framing.load_corpus(SEEDS)
    _narration_invariance(corpus, method)


@pytest.mark.parametrize("method", ["model", "vader"])
def test_quotes_over_sentences_and_paragraphs_are_masked(method):
    corpus = pd.DataFrame({"article_id": ["a"], "outlet": ["o"], "text": [MULTI]})
    a, b, narration = _narration_invariance(corpus, method)
    us = a[a["alias"] == "US"]
    assert len(us) == 1 and not us["in_quote"].any()
    # "brilliant and heroic" is inside the quote that opened in the previous sentence
    assert "brilliant" not in us["words"].iloc[0] and "heroic" not in us["words"].iloc[0]


def test_a_quoted_target_is_scored_within_its_quote_only():
    one = "Awful news: “the UN did a fine job,” officials said."
    two = "Great news: “the UN did a fine job,” officials said."
    frame = pd.DataFrame({"text": [one, two], "start": [one.index("UN")] * 2,
                          "end": [one.index("UN") + 2] * 2})
    for method in ("model", "vader"):
        out = sentiment.classify_targets(frame, method=method)
        assert out["score"].iloc[0] == out["score"].iloc[1], method
        assert out["scope"].iloc[0] == "the X did a fine job"


@pytest.mark.parametrize("one, two", [
    ("Smith said it was hard to watch the awful scenes.",
     "Smith said it was good to watch the lovely scenes."),
    ("The pullout is a wonderful and brilliant step, Smith said.",
     "The pullout is a horrible and disastrous step, Smith said."),
    ("The pullout is a wonderful and brilliant step, said Smith.",
     "The pullout is a horrible and disastrous step, said Smith."),
])
def test_a_speaker_is_not_scored_on_what_they_say(one, two):
    frame = pd.DataFrame({"text": [one, two], "start": [one.index("Smith"), two.index("Smith")],
                          "end": [one.index("Smith") + 5, two.index("Smith") + 5]})
    for method in ("model", "vader"):
        out = sentiment.classify_targets(frame, method=method)
        assert out["score"].iloc[0] == out["score"].iloc[1], method


# --- the learned scorer (issue 13, item 3) --------------------------------------------------

def test_classify_targets_contract():
    texts = ["Critics praised Smith, but Jones was a failure.",
             "The senator met the governor on Tuesday."]
    frame = pd.DataFrame({"text": [texts[0], texts[0], texts[1]],
                          "start": [15, 27, 4], "end": [20, 32, 12]}, index=[7, 3, 5])
    out = sentiment.classify_targets(frame)
    assert list(out.index) == [7, 3, 5]
    assert {"label", "score", "p_negative", "p_neutral", "p_positive"} <= set(out.columns)
    p = out[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    labels = np.array(["negative", "neutral", "positive"])[p.argmax(axis=1)]
    assert list(out["label"]) == list(labels)
    np.testing.assert_allclose(out["score"], p[:, 2] - p[:, 0])
    assert list(out["label"]) == ["positive", "negative", "neutral"]
    again = sentiment.classify_targets(frame)
    pd.testing.assert_frame_equal(out, again)  # deterministic
    vader = sentiment.classify_targets(frame, method="vader")
    assert list(vader["label"]) == ["positive", "negative", "neutral"]
    assert vader["p_positive"].isna().all()
    with pytest.raises(ValueError, match="method"):
        sentiment.classify_targets(frame, method="bert")
    with pytest.raises(ValueError, match="not inside"):
        sentiment.classify_targets(pd.DataFrame({"text": ["short"], "start": [3], "end": [10]}))


def test_a_targets_score_does_not_count_the_other_people_named():
    """Scoring more of a sentence's people as targets does not change a target's score: the
    other targets are masked like any name, and nothing counts them (NewsMTSC's training set
    kept several-people sentences mostly when they were not neutral, a prior the model must
    not learn)."""
    text = "Officials said Smith met Jones, Brown and Green in Geneva on Tuesday."
    spans = [(15, 20), (25, 30), (32, 37), (42, 47)]
    alone = sentiment.classify_targets(pd.DataFrame({"text": [text], "start": [15],
                                                     "end": [20]}))
    for k in range(2, len(spans) + 1):
        frame = pd.DataFrame({"text": [text] * k, "start": [s for s, _ in spans[:k]],
                              "end": [e for _, e in spans[:k]]})
        with_others = sentiment.classify_targets(frame).iloc[:1]
        pd.testing.assert_frame_equal(with_others.reset_index(drop=True),
                                      alone.reset_index(drop=True))


@needs_newsmtsc
def test_model_reaches_the_issues_marks_on_newsmtsc_dev():
    """Issue 13: macro-F1 >= 64 on rw dev and >= 59 on mt dev (settings chosen on train)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_newsmtsc import load, macro_f1
    for part, mark in (("rw", 64), ("mt", 59)):
        data = load(NEWSMTSC / "splits" / part / "dev.jsonl")
        f1 = macro_f1(data["gold"], sentiment.classify_targets(data)["label"])
        assert f1 >= mark, (part, f1)


def test_model_file_reloads_to_identical_predictions(tmp_path):
    from framing.sentiment_model import TargetModel, default_model
    shipped = ROOT / "framing" / "data" / "target_model.csv"
    text = shipped.read_text(encoding="utf-8")
    # the licence notice travels with the weights
    assert "NewsMTSC" in text and "Permission is hereby granted" in text
    model = TargetModel.from_csv(shipped)
    notice = "\n".join(line[2:] for line in text.splitlines()
                       if line.startswith("#") and not line.startswith("# setting "))
    model.to_csv(tmp_path / "again.csv", notice)
    assert (tmp_path / "again.csv").read_bytes() == shipped.read_bytes()
    corpus = framing.load_corpus(SEEDS)
    sents = framing.sentences(corpus)
    mentions = framing.find_mentions(sents)
    frame = pd.DataFrame({"text": [sents.set_index(["article_id", "sentence"]).loc[k, "text"]
                                   for k in zip(mentions["article_id"], mentions["sentence"])],
                          "start": mentions["start"], "end": mentions["end"]})
    a = sentiment.classify_targets(frame, model=TargetModel.from_csv(tmp_path / "again.csv"))
    b = sentiment.classify_targets(frame, model=default_model())
    pd.testing.assert_frame_equal(a, b)


@needs_newsmtsc
def test_training_script_reproduces_the_model_file_byte_for_byte(tmp_path):
    import subprocess
    out = tmp_path / "model.csv"
    # under the thread settings a Dask test leaves behind and under the defaults alike
    for threads in ("1", None):
        env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
        if threads:
            env.update(OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads)
        out.unlink(missing_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_sentiment.py"), "--out",
                        str(out)], check=True, capture_output=True, env=env, timeout=600)
        assert out.read_bytes() == (ROOT / "framing" / "data" / "target_model.csv").read_bytes()
