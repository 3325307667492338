"""Issue 14, item 4: the smaller defects, each with a test that fails without its fix."""

import json
import os
import re

import nbformat
import pandas as pd
import pytest

import framing
from framing import cli, runner
from framing.actors import CodebookError
from framing.cli import RunError, main, notebook_title
from framing.errors import FramingError
from framing.figures import save_figure, save_table
from framing.summary import profile_pages
from framing.terms import TermsError

from .helpers import ROOT, SEEDS


@pytest.fixture
def umask():
    def set_mask(mask):
        os.umask(mask)
    old = os.umask(0o022)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_written_files_get_the_users_umask(tmp_path, umask, mask, mode):
    import matplotlib.pyplot as plt

    umask(mask)
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    written = save_figure(fig, "fig", pd.DataFrame({"a": [1]}), directory=tmp_path)
    written.append(save_table(pd.DataFrame({"a": [1]}), "table", tmp_path))
    plt.close(fig)
    for path in written:
        assert path.stat().st_mode & 0o777 == mode, path.name


def test_html_title_is_the_notebooks_heading(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("Intro\n\n# 3. Actors and sentiment\n\ntext")]
    assert notebook_title(nb, "fallback") == "3. Actors and sentiment"
    assert notebook_title(nbformat.v4.new_notebook(), "fallback") == "fallback"
    path = tmp_path / "03_x.ipynb"
    nbformat.write(nb, path)
    runner.export_html(path, tmp_path / "03_x.html")
    html = (tmp_path / "03_x.html").read_text()
    assert "<title>3. Actors and sentiment</title>" in html


def test_every_user_error_derives_from_framing_error():
    for error in (CodebookError, TermsError, RunError):
        assert issubclass(error, FramingError)
    assert framing.FramingError is FramingError


@pytest.mark.parametrize("table, message", [
    ("wrong,header\na,b\n", "needs columns 'variant' and 'canonical'"),
    (b"variant,canonical\n\xff\xfe,x\n", "not valid UTF-8"),
    ("variant,canonical\nfoo,\n", "row 2: empty variant or canonical"),
])
def test_bad_normalisation_table_is_one_line(tmp_path, capsys, table, message):
    path = tmp_path / "norm.csv"
    (path.write_bytes if isinstance(table, bytes) else path.write_text)(table)
    code = main(["run", "--corpus", str(SEEDS), "--normalisation", str(path),
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith("framing: error: ") and message in err[0], err
    assert str(path) in err[0]
    assert not (tmp_path / "out").exists()  # stopped before writing anything


def _cells(name):
    return json.loads((ROOT / "notebooks" / name).read_text())["cells"]


def _markdown(name):
    return [" ".join("".join(c["source"]).split()) for c in _cells(name)
            if c["cell_type"] == "markdown"]


NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten "
                                      "eleven twelve".split())}


def test_notebook_02_says_what_its_top_terms_rest_on():
    top = pd.read_csv(ROOT / "figures" / "02_top_terms_log_odds.csv")
    text = next(t for t in _markdown("02_terms.ipynb") if t.startswith("**Reading.**"))
    low, high = re.search(r"rests on (\w+) to (\w+) uses", text).groups()
    assert (NUMBERS[low], NUMBERS[high]) == (top["count"].min(), top["count"].max())
    assert "no term passes |z| > 1.96" in text and top["z"].abs().max() <= 1.96
    words = framing.load_corpus(SEEDS)["n_words"]
    assert f"{words.min()} to {words.max()} words" in text


def test_notebook_04_sample_claim_is_the_readmes():
    readme = " ".join((ROOT / "README.md").read_text().split())
    claim = re.search(r"(\w+) random samples of (\d+) units.*?(\d+) of the (\d+) speakers that "
                      r"could be checked were right \(about (\d+)%", readme).groups()
    cell = next(c for c in _cells("04_voices.ipynb") if c.get("id") == "limits")
    for text in ("".join(cell["source"]), cell["metadata"]["framing"]["other_corpus"]):
        text = " ".join(text.split())
        found = re.search(r"(\w+) random samples of (\d+) quote units\), (\d+) of the (\d+) "
                          r"speakers that could be checked were right \(about (\d+)%",
                          text).groups()
        assert found == claim


def test_notebook_01_says_why_n_lines_removed_exceeds_the_pivot():
    corpus = framing.load_corpus(SEEDS)
    removed = framing.removed_lines(corpus)
    per_article = removed.groupby("article_id").size()
    blank = removed[removed["text"].str.strip() == ""].groupby("article_id").size()
    counts = framing.removal_counts(removed).groupby("outlet")["lines"].sum()
    by_id = corpus.set_index("article_id")
    assert (by_id["n_lines_removed"] == per_article.reindex(by_id.index, fill_value=0)).all()
    assert (counts.reindex(by_id["outlet"]).to_numpy() + blank.reindex(
        by_id.index, fill_value=0).to_numpy() == by_id["n_lines_removed"].to_numpy()).all()
    assert (blank > 0).any()  # so the two numbers differ, and the notebook must say why
    text = next(t for t in _markdown("01_corpus.ipynb") if t.startswith("## What the cleaner"))
    assert "`n_lines_removed`" in text and "blank lines" in text


def test_empty_tables_are_a_line_not_a_table(capsys):
    from framing.display import table

    assert table(pd.DataFrame(columns=["a"]), "Nothing here.") is None
    assert capsys.readouterr().out == "Nothing here.\n"
    assert table(pd.DataFrame(), "Nothing.") is None
    frame = pd.DataFrame({"a": [1]})
    assert table(frame, "Nothing.") is frame


def test_committed_notebooks_show_no_empty_table():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            for out in cell.get("outputs", []):
                text = "".join(out.get("data", {}).get("text/plain", []))
                assert "Empty DataFrame" not in text, nb.name


def test_profile_pages_leave_out_empty_lines():
    profiles = pd.DataFrame({"outlet": ["A", "B"], "articles": [1, 2], "top_terms": ["x", ""],
                             "voice_russia": [0.5, 0.0], "voice_un": [0.0, 0.0],
                             "tone_russia": [0.1, float("nan")], "tone_un": [float("nan")] * 2})
    pages = dict(profile_pages(profiles))
    assert list(pages["A"].index) == ["articles", "top_terms", "voice_russia", "tone_russia"]
    assert list(pages["B"].index) == ["articles"]


def test_a_corpus_without_quotes_or_names_gives_the_usual_columns_and_types():
    # an empty table once came back with float64 columns: suggest_codebook failed on it
    # (".str accessor with string values"), and an empty partition's Parquet schema differed
    plain = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                          "text": ["no quotes here. none at all."]})
    empty, full = framing.analyze(plain), framing.analyze(framing.load_corpus(SEEDS))
    for name in ("sentences", "mentions", "quotes"):
        got, want = getattr(empty, name), getattr(full, name)
        assert list(got.columns) == list(want.columns), name
        assert got.dtypes.to_dict() == want.dtypes.to_dict(), name
    got, want = framing.suggest_codebook(plain), framing.suggest_codebook(framing.load_corpus(SEEDS))
    assert got.empty and got.dtypes.to_dict() == want.dtypes.to_dict()


@pytest.mark.parametrize("table, message", [
    # a text with paragraph breaks spans lines of the file; "row" still counts records
    ('text,outlet,published\n"One.\n\nTwo.\n\nThree.",A,2016-03-14\nfine,B,14/03/2016\n',
     "w.csv row 3 (line 7): date '14/03/2016' is not an ISO date"),
    ('text,outlet,id\n"One.\n\nTwo.",A,1\n"x",B,2\n"",C,3\n', "w.csv row 4 (line 6): empty text"),
    ("text,outlet,published\nfine,B,14/03/2016\n", "(command line: --dates coerce)"),
])
def test_a_csv_error_names_the_spreadsheet_row(tmp_path, capsys, table, message):
    path = tmp_path / "w.csv"
    path.write_text(table, encoding="utf-8")
    code = main(["run", "--corpus", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and message in err[0], err


def test_a_negative_max_outlets_is_refused(tmp_path, capsys):
    # -1 once showed one outlet fewer than the corpus has, without a word
    code = main(["run", "--corpus", str(SEEDS), "--max-outlets", "-1",
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "--max-outlets -1" in err[0], err
    assert not (tmp_path / "out").exists()


def test_an_outlet_that_quotes_no_one_has_no_voice_shares():
    # its unknown-speaker share once read 0.00: a share of no quoted words is undefined
    from framing.summary import outlet_profiles

    corpus = pd.concat([framing.load_corpus(SEEDS),
                        pd.DataFrame({"article_id": ["plain"], "outlet": ["Quiet Daily"],
                                      "text": ["The talks went on all day in Geneva.\n\n"
                                               "Russia and the United States sent envoys."]})],
                       ignore_index=True)
    corpus["n_words"] = corpus["text"].str.split().str.len()
    profiles = outlet_profiles(framing.analyze(corpus, framing.load_codebook(),
                                               count_terms=True)).set_index("outlet")
    quiet = profiles.loc["Quiet Daily"]
    assert quiet["quoted_words"] == 0
    shares = [c for c in profiles.columns if c.startswith("voice_")] + [
        "unknown_speaker_share", "uncoded_speaker_share"]
    assert quiet[shares].isna().all()
    assert profiles.drop(index="Quiet Daily")[shares].notna().all().all()
    assert "unknown_speaker_share" not in dict(profile_pages(profiles.reset_index()))["Quiet Daily"]
