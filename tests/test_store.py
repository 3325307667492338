"""A saved analysis reloads equal; term counts fitted once serve every statistic."""

from collections import Counter

import pandas as pd
import pytest

import framing
from framing import terms
from framing.store import AnalysisStoreError, load_analysis, save_analysis

from .helpers import ABP, SEEDS, abp_corpus


@pytest.fixture(scope="module")
def corpus():
    corpus = framing.load_corpus(SEEDS)
    if ABP.is_file():  # real articles too, when ../shared is there
        corpus = pd.concat([corpus, abp_corpus(60)], ignore_index=True)
        # as load_corpus gives them: empty strings, not NaN, where a field is unknown
        for col in ("title", "url", "raw", "byline"):
            corpus[col] = corpus[col].fillna("")
        corpus["n_lines_removed"] = corpus["n_lines_removed"].fillna(0).astype("int64")
        corpus["n_words"] = corpus["n_words"].fillna(0).astype("int64")
        corpus["format"] = corpus["format"].fillna("text")  # no missing format either
    return corpus


@pytest.fixture(scope="module")
def result(corpus):
    return framing.analyze(corpus, framing.load_codebook(), count_terms=True)


def test_a_saved_analysis_reloads_equal(result, tmp_path):
    path = save_analysis(result, tmp_path / "analysis", corpus="seeds")
    for name in ("articles", "sentences", "mentions", "quotes", "term_counts", "codebook"):
        assert list((path / name).glob("part-*.parquet")), name
    back = load_analysis(path)
    for name in ("corpus", "sentences", "mentions", "quotes", "codebook"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(result, name), obj=name)
    assert back.terms.equals(result.terms)
    assert back.equals(result)
    # and a changed table is noticed
    back.mentions.loc[0, "score"] += 0.5
    assert not back.equals(result)


def test_saving_never_overwrites_a_folder_that_is_not_an_analysis(result, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(AnalysisStoreError, match="not empty"):
        save_analysis(result, tmp_path / "mine")
    with pytest.raises(AnalysisStoreError, match="not a saved analysis"):
        load_analysis(tmp_path / "mine")
    save_analysis(result, tmp_path / "again")
    save_analysis(result, tmp_path / "again")  # a saved analysis is replaced
    assert load_analysis(tmp_path / "again").equals(result)


def test_term_counts_fitted_once_give_what_the_corpus_gives(corpus, result):
    counts = result.terms
    for method in terms.METHODS:
        pd.testing.assert_frame_equal(terms.distinctive_terms(counts, method=method, n=10),
                                      terms.distinctive_terms(corpus, method=method, n=10))
    pd.testing.assert_frame_equal(terms.similarity(counts), terms.similarity(corpus))
    pd.testing.assert_frame_equal(terms.significance_summary(counts),
                                  terms.significance_summary(corpus))
    with pytest.raises(terms.TermsError, match="grouped by 'outlet'"):
        terms.distinctive_terms(counts, by="article_id")


def test_term_counts_of_partitions_add_up_to_the_whole(corpus, result):
    counter = terms.TermCounter()
    parts = [corpus.iloc[i::3] for i in range(3)]  # not contiguous, on purpose
    runs = sum((counter.name_runs(p["text"]) for p in parts), start=Counter())
    phrases = counter.phrases(runs)
    table = pd.concat([counter.count(p, "outlet", phrases).table() for p in parts])
    assert terms.TermCounts.from_table(table).equals(result.terms)
    assert terms.TermCounts.from_table(result.terms.table()).equals(result.terms)


def test_tone_by_group_has_the_counts_and_means_of_sentiment_aggregate(result):
    from framing import scale, sentiment

    narration = result.mentions[result.mentions["voice"] == "narration"]
    boot = sentiment.aggregate(narration, by=["outlet", "camp"], n_boot=50, seed=0)
    tone = scale.tone_by_group(result.mentions, by=["outlet", "camp"])
    assert list(tone[["outlet", "camp"]].itertuples(index=False)) == \
        list(boot[["outlet", "camp"]].itertuples(index=False))
    assert tone["n"].tolist() == boot["n"].tolist()
    pd.testing.assert_series_equal(tone["mean"], boot["mean"], check_exact=False)
    for col in ("share_negative", "share_neutral", "share_positive", "few"):
        pd.testing.assert_series_equal(tone[col], boot[col], check_exact=False)
    inside = tone[tone["n"] > 1]
    assert ((inside["ci_low"] <= inside["mean"]) & (inside["mean"] <= inside["ci_high"])).all()
