
import numpy as np
import pandas as pd
import pytest

from framing import load_corpus
from framing.terms import (METHODS, Normaliser, TermsError, distinctive_terms, load_normalisation,
                           name_phrases, shared_passages, similarity, spelling_variants)

from .helpers import abp_corpus, SEEDS, needs_abp


def _corpus(texts_by_group):
    rows = [(f"{g}{i}", g, t) for g, texts in texts_by_group.items() for i, t in enumerate(texts)]
    return pd.DataFrame(rows, columns=["article_id", "outlet", "text"])


SYNTH = _corpus({
    "A": ["zebra zebra zebra apple banana cherry. zebra apple banana.",
          "zebra apple banana cherry zebra."],
    "B": ["apple banana cherry mango. apple banana cherry mango.", "apple banana cherry."],
    "C": ["apple banana cherry lemon. apple banana cherry.", "cherry banana apple lemon."],
})


@pytest.mark.parametrize("method", ["log-odds", "keyness"])
def test_word_only_in_group_ranks_first(method):
    res = distinctive_terms(SYNTH, method=method, normalisation=False, ngram_range=(1, 1))
    top = res[res["group"] == "A"].iloc[0]
    assert top["term"] == "zebra" and top["rank"] == 1
    assert top["count"] == 6 and top["count_other"] == 0
    assert top["score"] > 0


def test_equal_rates_give_z_near_zero():
    # every group uses "common" at exactly the same rate (1 in 4 terms)
    corpus = _corpus({g: [f"common {g.lower()}x{g.lower()}y {g.lower()}z{g.lower()}w " * 5]
                      for g in "ABCD"})
    res = distinctive_terms(corpus, method="log-odds", n=None, normalisation=False,
                            ngram_range=(1, 1), min_count=1)
    common = res[res["term"] == "common"]
    assert len(common) == 4
    assert np.allclose(common["z"], 0, atol=1e-9)
    assert np.allclose(common["delta"], 0, atol=1e-9)
    keyness = distinctive_terms(corpus, method="keyness", n=None, normalisation=False,
                                ngram_range=(1, 1), min_count=1)
    assert np.allclose(keyness.loc[keyness["term"] == "common", "g2"], 0, atol=1e-9)


def test_keyness_values_match_hand_computation():
    res = distinctive_terms(SYNTH, method="keyness", n=None, normalisation=False,
                            ngram_range=(1, 1))
    row = res[(res["group"] == "A") & (res["term"] == "zebra")].iloc[0]
    # A has 14 counted words (6 zebra), B and C 11 each: 36 in all
    a, b, c, d = 6, 0, 14, 22
    assert res.loc[res["group"] == "A", "count"].sum() == c
    e1 = c * (a + b) / (c + d)
    assert row["g2"] == pytest.approx(2 * a * np.log(a / e1))
    assert row["log_ratio"] == pytest.approx(np.log2((a / c) / (0.5 / d)))
    assert 0 < row["p"] < 0.01


def test_results_are_deterministic_and_columns():
    for method in METHODS:
        a = distinctive_terms(SYNTH, method=method)
        b = distinctive_terms(SYNTH, method=method)
        pd.testing.assert_frame_equal(a, b)
        assert {"group", "term", "score", "count", "count_other", "rank"} <= set(a.columns)
        assert (a.groupby("group")["score"].apply(lambda s: s.is_monotonic_decreasing)).all()
    assert {"delta", "z"} <= set(distinctive_terms(SYNTH, method="log-odds").columns)
    assert {"g2", "log_ratio", "p"} <= set(distinctive_terms(SYNTH, method="keyness").columns)
    assert "tfidf" in distinctive_terms(SYNTH, method="tfidf").columns


def test_bigrams_do_not_span_stop_words_or_punctuation():
    corpus = _corpus({"A": ["for the sake of the Syrian people. Syrian people, again"] * 2,
                      "B": ["nothing else here today"] * 2})
    terms = set(distinctive_terms(corpus, n=None, normalisation=False)["term"])
    assert "syrian people" in terms
    assert "sake syrian" not in terms and "people syrian" not in terms


def test_name_phrases_where_the_data_supports_them():
    texts = ["President Vladimir Putin spoke. Later Vladimir Putin left.", "Mr Josh Earnest spoke."]
    assert name_phrases(texts, min_count=2) == {"Vladimir Putin"}
    corpus = _corpus({"A": texts[:1] * 2, "B": texts[1:] * 2})
    terms = set(distinctive_terms(corpus, n=None, normalisation=False)["term"])
    assert "vladimir putin" in terms and "vladimir" not in terms


def test_normalisation_merges_listed_variants(tmp_path):
    table = load_normalisation()
    norm = Normaliser(table)
    assert norm("the Defense ministry at Khmeimim") == "the defence ministry at Hmeimim"
    assert norm("Salem al Meslet spoke") == "Salim al-Muslat spoke"
    assert norm("the Hmeymim airbase and the air base") == "the Hmeimim airbase and the airbase"
    assert norm("defenseless") == "defenseless"  # whole words only
    corpus = _corpus({"A": ["defense defense talks"] * 2, "B": ["defence peace talks"] * 2})
    res = distinctive_terms(corpus, n=None, min_count=1, ngram_range=(1, 1))
    assert "defense" not in set(res["term"])
    assert res[res["term"] == "defence"]["count"].sum() == 6


def test_bad_normalisation_table(tmp_path):
    bad = tmp_path / "n.csv"
    bad.write_text("variant,canonical\nDefense,defense\n", encoding="utf-8")
    with pytest.raises(TermsError, match=r"n.csv row 2: variant 'Defense' equals"):
        load_normalisation(bad)
    bad.write_text("wrong,header\n", encoding="utf-8")
    with pytest.raises(TermsError, match="needs columns"):
        load_normalisation(bad)


def test_bad_arguments():
    with pytest.raises(TermsError, match="unknown method"):
        distinctive_terms(SYNTH, method="chi2")
    with pytest.raises(TermsError, match="unknown column 'source'"):
        distinctive_terms(SYNTH, by="source")
    with pytest.raises(TermsError, match="at least 2 groups"):
        distinctive_terms(SYNTH[SYNTH["outlet"] == "A"], method="keyness")


# --- the seeds -------------------------------------------------------------------------------

FURNITURE = {"share", "advertisement", "comments", "comment", "notifications", "donation",
             "url", "avatar", "reply", "sputnik", "independent", "credit", "sky",
             "maggots", "iranianexpat1916", "facebook", "registering", "refresh", "journalism",
             "paywalls", "getty", "afp", "druzhinin", "gmt", "2017"}


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEEDS)


@pytest.mark.parametrize("method", METHODS)
def test_seed_top_terms_have_no_furniture_or_comment_words(seeds, method):
    res = distinctive_terms(seeds, method=method, n=25)
    words = {w for term in res["term"] for w in term.split()}
    assert not words & FURNITURE
    assert set(res["group"]) == set(seeds["outlet"])


def test_seed_spelling_variants(seeds):
    v = spelling_variants(seeds)
    hmeimim = v[v["canonical"] == "Hmeimim"]
    assert set(hmeimim["written"]) >= {"hmeymim", "khmeimim"}
    muslat = v[v["canonical"] == "Salim al-Muslat"]
    assert set(muslat["group"]) == {"Sky News", "Unattributed (wire rewrite A)"}


def test_seed_similarity_and_shared_passages(seeds):
    sim = similarity(seeds)
    assert len(sim) == 25
    assert np.allclose(sim.loc[sim["group_a"] == sim["group_b"], "cosine"], 1.0)
    pivot = sim.pivot(index="group_a", columns="group_b", values="cosine")
    assert np.allclose(pivot.to_numpy(), pivot.to_numpy().T)
    shared = shared_passages(seeds)
    # Sky News and Sputnik quote the same translation of Putin's statement
    top = shared.iloc[0]
    assert {top["outlet_a"], top["outlet_b"]} == {"Sky News", "Sputnik"}
    assert "fundamental turnaround in the fight against international terrorism" in top["passage"]
    texts = seeds.set_index("article_id")["text"]
    for row in shared.itertuples():
        assert texts[row.article_a][row.start_a:row.end_a] == row.passage
        b = texts[row.article_b][row.start_b:row.end_b]
        assert len(b.split()) == row.n_words or row.n_words <= len(b.split()) + 2


@needs_abp
def test_real_articles_by_outlet_smoke():
    corpus = abp_corpus(300, clean=False)
    res = distinctive_terms(corpus, method="log-odds", n=10)
    assert res["group"].nunique() == corpus["outlet"].nunique()
    assert np.isfinite(res["z"]).all()


def test_term_counts_table_reads_article_counts_at_every_cell():
    """``table()`` looks up each cell's article count by a sorted search (scipy's
    element-wise indexing took minutes on 8.5k articles); it must equal that indexing."""
    from scipy import sparse

    from framing.terms import TermCounts

    rng = np.random.default_rng(0)
    counts = sparse.random(4, 300, density=0.2, random_state=1, format="csr",
                           data_rvs=lambda n: rng.integers(1, 9, n)).astype(np.int64)
    docs = counts.copy()
    docs.data = np.minimum(docs.data, rng.integers(1, 4, len(docs.data)))
    docs = docs.tolil()
    docs[0, :] = 0  # a group whose article counts were not stored
    tc = TermCounts(["a", "b", "c", "d"], [f"t{i}" for i in range(300)], counts, docs=docs.tocsr())
    table = tc.table()
    cells = counts.tocoo()
    order = np.lexsort((cells.col, cells.row))
    expected = np.asarray(tc.docs[cells.row[order], cells.col[order]]).ravel()
    assert len(table) == counts.nnz
    np.testing.assert_array_equal(table["articles"].to_numpy(), expected)
    assert (table.loc[table["group"] == "a", "articles"] == 0).all()


def test_cells_at_equals_scipy_indexing():
    """The sorted search that replaces scipy's element-wise indexing gives the same values,
    stored or not, for integer and float matrices, with unsorted column indices."""
    import numpy as np
    from scipy import sparse

    from framing.terms import cells_at

    rng = np.random.default_rng(0)
    for dtype in (np.int64, float):
        dense = rng.integers(0, 3, size=(4, 50)).astype(dtype)
        m = sparse.csr_matrix(dense)
        m.indices[:] = m.indices.copy()  # same matrix; then shuffle a row's stored order
        m.has_sorted_indices = False
        row, col = rng.integers(0, 4, 500), rng.integers(0, 50, 500)
        got = cells_at(m, row, col)
        assert got.dtype == m.dtype
        assert np.array_equal(got, np.asarray(m[row, col]).ravel())
        assert np.array_equal(got, dense[row, col])
