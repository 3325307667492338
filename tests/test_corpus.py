import json
import subprocess
import sys

import pandas as pd
import pytest

import framing
from framing import CorpusError, load_corpus

from .helpers import ABP, SEEDS, needs_abp


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEEDS)


def test_seed_corpus_has_five_articles_with_metadata(seeds):
    assert len(seeds) == 5
    assert list(seeds.columns[:8]) == ["article_id", "outlet", "title", "published", "url",
                                       "text", "raw", "n_words"]
    assert set(seeds["outlet"]) >= {"Sky News", "The Independent", "Sputnik"}
    assert seeds["article_id"].is_unique
    assert seeds["article_id"].iloc[0] == "000_82d75e0ba643eebf"
    assert pd.api.types.is_datetime64_any_dtype(seeds["published"])
    assert seeds["published"].dt.year.eq(2016).all()  # not Sputnik's 2017 render time
    assert seeds["title"].str.len().gt(10).all()
    assert (seeds["n_words"] == seeds["text"].str.split().str.len()).all()


@pytest.mark.parametrize("fragment", [
    "slack jawed maggots", "Show new comments", "IranianExpat1916",  # Sputnik reader comments
    "Your donation allows us", "Your support makes all the difference",  # donation appeal
    "Stay up to date with notifications", "Join our commenting forum",
    "Get short URL", "Credit:Sky News", "Advertisement", "\u00a0",
])
def test_seed_text_has_no_furniture(seeds, fragment):
    assert not seeds["text"].str.contains(fragment, regex=False).any()


@pytest.mark.parametrize("outlet, first, last", [
    ("Sky News", "Moscow has begun to withdraw military equipment",
     "really stand beside the Syrian people, not beside the dictator.”"),
    ("Sputnik", "Russian President Vladimir Putin has announced",
     "created the conditions for political process on Syrian reconciliation."),
    ("The Independent", "Move comes just a day after",
     "civilian targets including schools and hospitals."),
    ("Unattributed (wire rewrite A)", "Russian President Vladimir Putin has surprisingly",
     "political opponents of President Bashar al-Assad."),
    ("Unattributed (wire rewrite B)", "Russian warplanes continued bombing in Syria",
     "what impact the order would have on the ground."),
])
def test_seed_bodies_keep_first_and_last_paragraph(seeds, outlet, first, last):
    paras = seeds.loc[seeds["outlet"] == outlet, "text"].item().split("\n\n")
    assert paras[0].startswith(first)
    assert paras[-1].endswith(last)


def test_independent_first_body_paragraph_is_kept(seeds):
    text = seeds.loc[seeds["outlet"] == "The Independent", "text"].item()
    assert "Russia has started preparing its fighter jets to return home" in text
    assert seeds.loc[seeds["outlet"] == "The Independent", "byline"].item().startswith("Laura Pitel")


def test_curly_quotes_are_kept(seeds):
    assert seeds["text"].str.contains("\u201c").any()


# --- CSV and JSONL ---------------------------------------------------------------------------

def test_jsonl_with_column_mapping(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "x1", "content": "First paragraph of a story that is long enough to count here.",
             "src": "Outlet A", "headline": "T1", "date": "2020-01-02"},
            {"id": "x2", "content": "Another story.\n\nWith two paragraphs.", "src": "Outlet B",
             "headline": "T2", "date": ""}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    c = load_corpus(path, text="content", outlet="src", title="headline", published="date",
                    article_id="id")
    assert list(c["article_id"]) == ["x1", "x2"]
    assert list(c["outlet"]) == ["Outlet A", "Outlet B"]
    assert c["published"].iloc[0] == pd.Timestamp("2020-01-02")
    assert pd.isna(c["published"].iloc[1])
    assert c["text"].iloc[1] == "Another story.\n\nWith two paragraphs."


def test_csv_default_columns_and_generated_ids(tmp_path):
    path = tmp_path / "b.csv"
    pd.DataFrame({"text": ["One story.", "Two story."], "outlet": ["A", "B"]}).to_csv(path,
                                                                                       index=False)
    c = load_corpus(path)
    assert list(c["article_id"]) == ["b-1", "b-2"]
    assert c["title"].eq("").all()


@needs_abp
def test_real_jsonl_loads_every_article():
    c = load_corpus(ABP, text="content_original", outlet="source", title="title",
                    published="date", url="url", article_id="ID", dates="coerce")
    assert len(c) == 8523  # no article dropped
    assert c["text"].str.len().gt(0).all()


# --- bad input -------------------------------------------------------------------------------

def _folder(tmp_path, manifest: str, files: dict):
    (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return tmp_path


HEADER = "file,outlet,title,published\n"
BODY = "A sentence that is the body of an article and is long enough to count as one.\n"


@pytest.mark.parametrize("manifest, files, expected", [
    (None, {"a.txt": BODY}, "no manifest.csv"),
    ("file,outlet,title\na.txt,A,T\n", {"a.txt": BODY}, "missing required column(s) published"),
    (HEADER + "a.txt,A,T,2016-03-14\nb.txt,B,T,2016-03-14\n", {"a.txt": BODY},
     "row 3: file 'b.txt' not found"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY, "extra.txt": BODY},
     "not in manifest.csv: extra.txt"),
    (HEADER + "a.txt,A,T,2016-03-14\na.txt,A,T,2016-03-14\n", {"a.txt": BODY},
     "row 3: duplicate row for 'a.txt' (also row 2)"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": ""}, "a.txt: file is empty"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": " \n\t\n"}, "a.txt: file is empty"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": "caf\xe9 au lait".encode("latin-1")},
     "a.txt: not valid UTF-8"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY.encode("utf-16")}, "a.txt: file is UTF-16"),
    (HEADER + "a.txt,A,T,14th of March\n", {"a.txt": BODY},
     "row 2: date '14th of March' is not an ISO date"),
    (HEADER + "a.txt,,T,2016-03-14\n", {"a.txt": BODY}, "row 2: empty 'outlet'"),
    (HEADER, {}, "the corpus is empty"),
])
def test_bad_folder_gives_clear_error(tmp_path, manifest, files, expected):
    if manifest is None:
        for name, data in files.items():
            (tmp_path / name).write_text(data, encoding="utf-8")
    else:
        _folder(tmp_path, manifest, files)
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    _folder(tmp_path, HEADER + "a.txt,A,T,2016-03-14\n",
            {"a.txt": b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode() + b"Second one.\r\n"})
    c = load_corpus(tmp_path)
    assert c["text"].item().startswith("A sentence")
    assert "\r" not in c["text"].item()


@pytest.mark.parametrize("content, kwargs, expected", [
    ('{"text": "x", "outlet": "A"}\nnot json\n', {}, "line 2: not valid JSON"),
    ('{"body": "x", "outlet": "A"}\n', {}, "no column 'text' for the article text"),
    ('{"text": "x", "outlet": "A"}\n', {"headline": "t"}, "unknown option(s) headline"),
    ('{"text": "", "outlet": "A"}\n', {}, "line 1: empty text"),
    ('{"text": "x", "outlet": "A", "date": "12/19/18"}\n', {"published": "date"},
     "line 1: date '12/19/18' is not an ISO date"),
    ("", {}, "the file is empty"),
])
def test_bad_jsonl_gives_clear_error(tmp_path, content, kwargs, expected):
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(path, **kwargs)
    assert expected in str(err.value)


def test_csv_missing_text_cell(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("text,outlet\nA story.,A\n,B\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d.csv row 3: empty text"):
        load_corpus(path)


def test_missing_path_and_unknown_type(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "x.xlsx").write_text("x")
    with pytest.raises(CorpusError, match="unsupported file type"):
        load_corpus(tmp_path / "x.xlsx")


def test_dates_coerce_leaves_bad_dates_empty(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("text,outlet,published\nA story.,A,12/19/18\n", encoding="utf-8")
    assert pd.isna(load_corpus(path, dates="coerce")["published"].item())


def test_cli_bad_input_is_one_line_and_nonzero(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(BODY)
    proc = subprocess.run([sys.executable, "-m", "framing", "run"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "no manifest.csv" in proc.stderr


def test_public_api():
    assert framing.load_corpus is load_corpus
    assert callable(framing.sentences) and callable(framing.removed_lines)
