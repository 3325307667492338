"""The Dask engine gives exactly the tables of the pandas path (needs the dask extra)."""

import json

import pandas as pd
import pytest

import framing

from .helpers import ABP, SEEDS, abp_corpus

dd = pytest.importorskip("dask.dataframe", reason='the dask extra is not installed '
                         '(pip install "framing[dask]")')
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def _corpus():
    corpus = framing.load_corpus(SEEDS)
    if ABP.is_file():  # real articles too, when ../shared is there
        corpus = pd.concat([corpus, abp_corpus(120)], ignore_index=True)
    return corpus


def _same(a: pd.DataFrame, b: pd.DataFrame, keys):
    """Same rows and values, order aside."""
    assert list(a.columns) == list(b.columns)
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


@pytest.fixture(scope="module")
def client():
    # any free port for the dashboard: another test may run a cluster at the same time
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as c:
        yield c


def test_dask_engine_on_a_two_worker_cluster_equals_pandas(client):
    corpus = _corpus()
    codebook = framing.load_codebook()
    expected = framing.analyze(corpus, codebook)
    got = framing.analyze(corpus, codebook, engine="dask", npartitions=4)
    assert len(client.scheduler_info()["workers"]) == 2
    _same(got.sentences, expected.sentences, ["article_id", "sentence"])
    _same(got.mentions, expected.mentions, ["article_id", "article_start", "actor"])
    _same(got.quotes, expected.quotes, ["article_id", "start", "kind", "end"])
    _same(got.corpus, expected.corpus, ["article_id"])
    assert len(got.quotes) > 40


def test_a_dask_dataframe_read_from_a_file_goes_through_from_frame(client, tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"ID": f"x{i}", "source": ["A", "B", "C"][i % 3],
             "body": f"“We will stay,” said Vladimir Putin on day {i}. Assad welcomed it."}
            for i in range(30)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ddf = dd.read_json(str(path), lines=True, blocksize=600).map_partitions(
        framing.corpus.from_frame, text="body", outlet="source", article_id="ID",
        meta=framing.corpus.corpus_meta())
    assert ddf.npartitions > 1
    got = framing.analyze(ddf)  # a Dask DataFrame selects the Dask engine
    expected = framing.analyze(framing.load_corpus(path, text="body", outlet="source",
                                                   article_id="ID"))
    _same(got.quotes, expected.quotes, ["article_id", "start", "kind"])
    _same(got.mentions, expected.mentions, ["article_id", "article_start"])
    assert set(got.quotes["actor"]) >= {"putin"}


def test_furniture_is_learned_over_all_partitions_then_each_is_cleaned(client, tmp_path):
    """Corpus-level cleaning with Dask: a first pass counts every partition's lines, the
    cleaning pass uses the merged counts, so no partition is cleaned on its own evidence."""
    def word(k):
        return "".join("abcdefghij"[int(d)] for d in str(k))

    path = tmp_path / "articles.jsonl"
    rows = [{"ID": f"x{i}", "source": ["A", "B"][i % 2],
             "body": f"Article {word(i)} says Vladimir Putin met the council on the {word(i)} day "
                     f"and agreed the budget, officials said.\n\nThe {['A', 'B'][i % 2]} Times "
                     "is delivered to every home."} for i in range(24)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    opts = dict(text="body", outlet="source", article_id="ID")
    ddf = dd.read_json(str(path), lines=True, blocksize=900)
    assert ddf.npartitions >= 4  # at most 6 articles, 3 per outlet, in a partition
    furniture = framing.corpus.learn_furniture(ddf, **opts)
    got = ddf.map_partitions(framing.corpus.from_frame, furniture=furniture,
                             meta=framing.corpus.corpus_meta(), **opts).compute()
    expected = framing.load_corpus(path, **opts)
    _same(got.reset_index(drop=True), expected, ["article_id"])
    assert not expected["text"].str.contains("delivered").any()


def test_dask_workers_write_the_parquet_tables_the_pandas_engine_writes(client, tmp_path):
    from framing import quotes, scale

    corpus = _corpus()
    codebook = framing.load_codebook()
    scale.analyze_to_parquet(corpus, tmp_path / "pandas", codebook)
    report = scale.analyze_to_parquet(corpus, tmp_path / "dask", codebook, engine="dask",
                                      npartitions=4)
    assert report["partitions"] == 4
    assert len(list((tmp_path / "dask" / "quotes").glob("part-*.parquet"))) == 4
    expected = framing.load_analysis(tmp_path / "pandas")
    got = framing.load_analysis(tmp_path / "dask")
    for name in ("corpus", "sentences", "mentions", "quotes", "codebook"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)
    assert got.terms.equals(expected.terms)
    # The aggregates the notebooks plot, computed by Dask from the datasets, equal pandas'.
    lazy = framing.load_analysis(tmp_path / "dask", engine="dask")
    assert scale.is_dask(lazy.quotes)
    pd.testing.assert_frame_equal(scale.voices_by_camp(lazy.quotes),
                                  quotes.voices(expected.quotes))
    pd.testing.assert_frame_equal(scale.tone_by_group(lazy.mentions, by=["outlet", "camp"]),
                                  scale.tone_by_group(expected.mentions, by=["outlet", "camp"]))
    assert scale.term_counts(tmp_path / "dask").equals(expected.terms)
