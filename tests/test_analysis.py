"""framing.analyze: one call for the per-article tables, equal to the stage-by-stage functions."""

import pandas as pd

import framing
from framing.actors import find_mentions
from framing.quotes import corpus_quotes

from .helpers import SEEDS, abp_corpus, needs_abp


def _check_same_as_stages(corpus):
    codebook = framing.load_codebook()
    result = framing.analyze(corpus, codebook)
    sents = framing.sentences(corpus)
    pd.testing.assert_frame_equal(result.sentences, sents)
    expected = find_mentions(sents, codebook)  # one search per sentence
    pd.testing.assert_frame_equal(result.mentions[expected.columns].reset_index(drop=True),
                                  expected)
    pd.testing.assert_frame_equal(result.quotes, corpus_quotes(corpus, codebook))
    assert set(result.timings) == {"sentences", "mentions", "in_quote", "sentiment", "quotes"}
    assert set(result.mentions["voice"]) <= {"narration", "quoted"}
    return result


def test_analyze_equals_the_stages_on_the_seeds():
    result = _check_same_as_stages(framing.load_corpus(SEEDS))
    assert len(result.mentions) > 100 and len(result.quotes) > 40


@needs_abp
def test_analyze_equals_the_stages_on_real_articles():
    _check_same_as_stages(abp_corpus(300))


def test_mentions_are_assigned_to_the_sentence_that_holds_them():
    corpus = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                           "text": ["Putin spoke in Moscow. Assad listened.\n\nThe UN waited."]})
    m = framing.analyze(corpus).mentions
    assert list(m["alias"]) == ["Putin", "Moscow", "Assad", "UN"]
    sents = framing.sentences(corpus).set_index("sentence")
    for row in m.itertuples():
        assert corpus.text[0][row.article_start:row.article_end] == row.alias
        assert sents.loc[row.sentence, "text"][row.start:row.end] == row.alias
    assert m["sentence"].nunique() == 3
