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
    with pytest.warns(framing.corpus.DatesCoercedWarning, match=r"^7 date\(s\)"):
        c = load_corpus(ABP, text="content_original", outlet="source", title="title",
                        published="date", url="url", article_id="ID", dates="coerce")
    assert len(c) == 8523  # no article dropped
    assert c["published"].isna().sum() >= 7  # the 7 non-ISO dates, and the empty ones
    assert c["text"].str.len().gt(0).all()


# --- bad input -------------------------------------------------------------------------------

def _folder(tmp_path, manifest: str, files: dict):
    (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return tmp_path


HEADER = "file,outlet,title,published\n"
BODY = "A sentence that is the body of an article and is long enough to count as one.\n"


FOLDER_CASES = [
    (None, {"a.txt": BODY}, "no manifest.csv"),
    ("file,title\na.txt,T\n", {"a.txt": BODY}, "missing required column(s) outlet"),
    (HEADER + "a.txt,A,T,2016-03-14\nb.txt,B,T,2016-03-14\n", {"a.txt": BODY},
     "row 3: file 'b.txt' not found"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY, "extra.txt": BODY},
     "not in manifest.csv: extra.txt"),
    (HEADER + "a.txt,A,T,2016-03-14\na.txt,A,T,2016-03-14\n", {"a.txt": BODY},
     "row 3: duplicate row for 'a.txt' (also row 2)"),
    # a blank line is a spreadsheet row too: the row named is the one to fix
    (HEADER + "a.txt,A,T,2016-03-14\n\nb.txt,B,T,2016-03-14\n", {"a.txt": BODY},
     "row 4: file 'b.txt' not found"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": ""}, "a.txt: file is empty"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": " \n\t\n"}, "a.txt: file is empty"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": "caf\xe9 au lait".encode("latin-1")},
     "a.txt: not valid UTF-8"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY.encode("utf-16")}, "a.txt: file is UTF-16"),
    (HEADER + "a.txt,A,T,14th of March\n", {"a.txt": BODY},
     "row 2: date '14th of March' is not an ISO date"),
    (HEADER + "a.txt,,T,2016-03-14\n", {"a.txt": BODY}, "row 2: empty 'outlet'"),
    (HEADER, {}, "the corpus is empty"),
    # saved web pages
    ("file,outlet\na.pdf,A\n", {"a.pdf": BODY}, "row 2: 'a.pdf' is not a .txt, .html or .htm"),
    ("file,outlet\na.html,A\n", {"a.html": ""}, "a.html: file is empty"),
    ("file,outlet\na.html,A\n", {"a.html": BODY}, "a.html: does not look like an HTML page"),
    ("file,outlet\na.html,A\n", {"a.html": b"%PDF-1.4\x00\x01<html>"},
     "a.html: does not look like an HTML page"),
    ("file,outlet\na.html.gz,A\n", {"a.html.gz": b"<html>not gzipped</html>"},
     "a.html.gz: not a readable gzip file"),
    ("file,outlet\na.htm,A\n", {"a.htm": "<html><head><title>Menu</title></head><body>"
                                           "<script>var x = 1;</script></body></html>"},
     "a.htm: no article text found in the page"),
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY, "page.html.gz": b""},
     "not in manifest.csv: page.html.gz"),
    # an article saved from a word processor was skipped without a word
    (HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": BODY, "b.docx": b"PK\x03\x04", "c.PDF": b"%PDF"},
     "2 document(s) framing cannot read: b.docx, c.PDF; save each article as plain text"),
]


@pytest.mark.parametrize("manifest, files, expected", FOLDER_CASES)
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


def test_dates_coerce_leaves_bad_dates_empty_and_says_how_many(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("text,outlet,published\nA story.,A,12/19/18\nMore.,B,2018-12-20\n"
                    "Third.,A,Dec 21\n", encoding="utf-8")
    with pytest.warns(framing.corpus.DatesCoercedWarning,
                      match=r"2 date\(s\) .* left empty .* row 2: '12/19/18'"):
        frame = load_corpus(path, dates="coerce")
    assert frame["published"].isna().tolist() == [True, False, True]
    proc = subprocess.run([sys.executable, "-m", "framing", "codebook", "suggest", "--corpus",
                           path, "--dates", "coerce"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stderr.strip().splitlines() == [
        f"note: 2 date(s) that are not ISO (YYYY-MM-DD) were left empty (dates='coerce'), "
        f"e.g. {path} row 2: '12/19/18'"]


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


def _jsonl(path, n, bad_line=None):
    import json as _json

    lines = []
    for i in range(n):
        lines.append(_json.dumps({"id": f"a{i}", "source": f"Outlet {i % 3}",
                                  "body": f"Article number {i} says the council met on Monday."}))
    if bad_line is not None:
        lines[bad_line - 1] = "{oops"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_iter_corpus_gives_the_same_articles_in_chunks(tmp_path):
    path = _jsonl(tmp_path / "big.jsonl", 25)
    whole = framing.load_corpus(path, text="body", outlet="source", article_id="id")
    chunks = list(framing.iter_corpus(path, chunksize=10, text="body", outlet="source",
                                      article_id="id"))
    assert [len(c) for c in chunks] == [10, 10, 5]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)


def test_iter_corpus_reports_errors_in_later_chunks_and_duplicates_across_chunks(tmp_path):
    path = _jsonl(tmp_path / "bad.jsonl", 25, bad_line=23)
    chunks = framing.iter_corpus(path, chunksize=10, text="body", outlet="source")
    assert len(next(chunks)) == 10 and len(next(chunks)) == 10
    with pytest.raises(framing.CorpusError, match=r"bad\.jsonl line 23: not valid JSON"):
        next(chunks)
    dup = tmp_path / "dup.jsonl"
    rows = _jsonl(tmp_path / "x.jsonl", 15).read_text().splitlines()
    dup.write_text("\n".join(rows + [rows[2]]) + "\n", encoding="utf-8")
    with pytest.raises(framing.CorpusError, match=r"line 16: duplicate article id 'a2'"):
        list(framing.iter_corpus(dup, chunksize=4, text="body", outlet="source",
                                 article_id="id"))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(framing.CorpusError, match="empty"):
        list(framing.iter_corpus(empty, text="body", outlet="source"))


def test_loading_streams_the_source(tmp_path, monkeypatch):
    """The reader hands one article at a time to the cleaner: the k-th article is cleaned
    when k lines have been read, not after the whole file. With furniture learned from the
    corpus, a first pass reads all 6 lines, then the cleaning pass streams again."""
    import framing.corpus as corpus_module

    path = _jsonl(tmp_path / "s.jsonl", 6)
    read = []
    real = corpus_module._json_objects

    def spy(p, fh):
        for item in real(p, fh):
            read.append(item[0])
            yield item

    cleaned = []
    real_clean = corpus_module.clean_text

    def clean_spy(raw, title=None, furniture=None, outlet=None, edges=True, **more):
        cleaned.append(len(read))
        return real_clean(raw, title, furniture, outlet, edges, **more)

    monkeypatch.setattr(corpus_module, "_json_objects", spy)
    monkeypatch.setattr(corpus_module, "clean_text", clean_spy)
    framing.load_corpus(path, text="body", outlet="source", furniture=False)
    assert cleaned == [1, 2, 3, 4, 5, 6]
    read.clear(), cleaned.clear()
    list(framing.iter_corpus(path, chunksize=2, text="body", outlet="source"))
    assert cleaned == [8, 8, 10, 10, 12, 12]  # chunk by chunk


def test_from_frame_cleans_a_dataframe_like_a_csv(tmp_path):
    from framing.corpus import corpus_meta, from_frame

    raw = pd.DataFrame({"body": ["The council met on Monday and agreed the budget.\n\nShare",
                                 "Residents said the plan ignored rents across the city."],
                        "source": ["Daily Post", "City Herald"], "when": ["2024-03-01", None]})
    corpus = from_frame(raw, text="body", outlet="source", published="when", name="batch")
    path = tmp_path / "same.csv"
    raw.to_csv(path, index=False)
    expected = load_corpus(path, text="body", outlet="source", published="when")
    pd.testing.assert_frame_equal(corpus.drop(columns="article_id"),
                                  expected.drop(columns="article_id"))
    assert list(corpus["article_id"]) == ["batch-1", "batch-2"]
    assert "Share" not in corpus["text"][0]
    assert from_frame(raw.iloc[:0], text="body", outlet="source").empty
    assert list(corpus_meta().columns) == list(corpus.columns)
    with pytest.raises(CorpusError, match="batch row 2: empty text"):
        from_frame(raw.assign(body=["x", " "]), text="body", outlet="source", name="batch")
    with pytest.raises(CorpusError, match="no column 'content'"):
        from_frame(raw, text="content", outlet="source")


# --- issue 8: the rest of the bad-input matrix, per source type -------------------------------

UTF16_NO_BOM = BODY.encode("utf-16-le")
BINARY = b"%PDF-1.4\n\x00\x01\x02\x03 binary \x00\xff\x00 stream"


@pytest.mark.parametrize("data, expected", [
    (UTF16_NO_BOM, "a.txt: contains NUL bytes (byte 1); it looks like UTF-16 without a "
                   "byte-order mark"),
    (BODY.encode("utf-16-be"), "looks like UTF-16 without a byte-order mark"),
    (BINARY, "a.txt: contains NUL bytes (byte 9); it looks like a binary file"),
])
def test_folder_file_utf16_without_bom_or_binary(tmp_path, data, expected):
    _folder(tmp_path, HEADER + "a.txt,A,T,2016-03-14\n", {"a.txt": data})
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert expected in str(err.value)


def test_cr_only_line_endings_are_accepted(tmp_path):
    _folder(tmp_path, HEADER + "a.txt,A,T,2016-03-14\n",
            {"a.txt": (BODY.strip() + "\r\rSecond paragraph of the article, also kept.\r")
             .encode()})
    c = load_corpus(tmp_path)
    assert c["text"].item() == BODY.strip() + "\n\nSecond paragraph of the article, also kept."
    path = tmp_path / "cr.csv"
    path.write_bytes(b'text,outlet\r"' + BODY.strip().encode() + b'\rMore.",A\r')
    assert load_corpus(path)["text"].item().endswith("More.")


TABLE_CASES = [
    ("w.csv", b"text,outlet\n\"   \n\t \",A\n", {}, "w.csv row 2 (lines 2-3): empty text in column 'text'"),
    ("w.csv", b"text,outlet\nx,A\n\n\"y\nz\",B\n,C\n", {},
     "w.csv row 5 (line 6): empty text in column 'text'"),  # after a blank line
    ("w.jsonl", b'{"text": " \\n\\t ", "outlet": "A"}\n', {}, "w.jsonl line 1: empty text"),
    ("u.csv", "text,outlet\nx,A\n".encode("utf-16-le"), {}, "u.csv: contains NUL bytes"),
    ("u.csv", "text,outlet\nx,A\n".encode("utf-16"), {}, "u.csv: file is UTF-16"),
    ("l.csv", "text,outlet\ncaf\xe9,A\n".encode("latin-1"), {}, "l.csv: not valid UTF-8"),
    ("b.csv", b"text,outlet\nok,A\nbad\x00cell,B\n", {}, "b.csv: contains NUL bytes (byte 20)"),
    ("b.csv", b"text,outlet\n" + b"x" * 70000 + b",A\nbad\x00cell,B\n", {},
     "b.csv row 3: contains NUL bytes"),  # past the first 64 KB, found row by row
    ("u.jsonl", '{"text": "x", "outlet": "A"}\n'.encode("utf-16-le"), {},
     "u.jsonl line 1: contains NUL bytes"),
    ("u.jsonl", '{"text": "x", "outlet": "A"}\n'.encode("utf-16"), {}, "file is UTF-16"),
    ("l.jsonl", '{"text": "caf\xe9", "outlet": "A"}\n'.encode("latin-1"), {},
     "l.jsonl line 1: not valid UTF-8"),
    ("d.csv", b"id,text,outlet\n1,a,A\n1,b,B\n", {"article_id": "id"},
     "d.csv row 3: duplicate article id '1'"),
    ("d.jsonl", b'{"id": 1, "text": "a", "outlet": "A"}\n{"id": 1, "text": "b", "outlet": "B"}\n',
     {"article_id": "id"}, "d.jsonl line 2: duplicate article id '1'"),
    ("m.csv", b"body,outlet\nx,A\n", {}, "m.csv: no column 'text' for the article text (name "
     "yours with --text COLUMN, or text='COLUMN' in Python)"),
    ("e.csv", b"", {}, "e.csv: the file is empty"),
    ("h.csv", b"text,outlet\n", {}, "the corpus is empty"),
]


@pytest.mark.parametrize("name, data, kwargs, expected", TABLE_CASES)
def test_table_bad_input_matrix(tmp_path, name, data, kwargs, expected):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError) as err:
        load_corpus(path, **kwargs)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name, data, expected", [
    ("u.jsonl", '{"text": "x", "outlet": "A"}\n'.encode("utf-16-le"), "contains NUL bytes"),
    ("w.csv", b"text,outlet\n\" \",A\n", "w.csv row 2: empty text"),
    ("d.jsonl", b'{"id": 1, "text": "a", "outlet": "A"}\n{"id": 1, "text": "b", "outlet": "B"}\n',
     "duplicate article id '1'"),
])
def test_cli_table_bad_input_is_one_line(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    args = ["--id", "id"] if name.startswith("d") else []
    proc = subprocess.run([sys.executable, "-m", "framing", "run", "--corpus", str(path), *args,
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("framing: error: ") and expected in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def _cli_error(capsys, args):
    from framing.cli import main

    code = main(["run", *map(str, args)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("framing: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("manifest, files, expected", FOLDER_CASES)
def test_cli_folder_bad_input_matrix(tmp_path, capsys, manifest, files, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if manifest is None:
        for name, data in files.items():
            (corpus / name).write_text(data, encoding="utf-8")
    else:
        _folder(corpus, manifest, files)
    err = _cli_error(capsys, ["--corpus", corpus, "--out", tmp_path / "out"])
    assert expected in err
    assert not (tmp_path / "out").exists()


OPTION = {"text": "--text", "outlet": "--outlet", "article_id": "--id", "published": "--published"}


@pytest.mark.parametrize("name, data, kwargs, expected", TABLE_CASES)
def test_cli_table_bad_input_matrix(tmp_path, capsys, name, data, kwargs, expected):
    path = tmp_path / name
    path.write_bytes(data)
    options = [x for k, v in kwargs.items() for x in (OPTION[k], v)]
    err = _cli_error(capsys, ["--corpus", path, *options, "--out", tmp_path / "out"])
    assert expected in err
    assert not (tmp_path / "out").exists()


def test_largest_outlets_for_figures():
    from framing.corpus import largest_outlets, shown_note

    corpus = pd.DataFrame({"outlet": ["B", "A", "C", "C", "B", "D"]})
    assert largest_outlets(corpus, 2) == ["B", "C"]  # 2 each; A and D have 1
    assert largest_outlets(corpus, 3) == ["A", "B", "C"]  # the tie at 1 goes by name
    assert largest_outlets(corpus, None) == ["A", "B", "C", "D"]
    assert shown_note(corpus, ["B", "C"]).startswith("Figures show the 2 outlets")
    assert shown_note(corpus, ["A", "B", "C", "D"]) == ""


# --- issue 14: furniture learned from the whole source; saved web pages ----------------------

def _words(k):
    return "".join("abcdefghij"[int(d)] for d in str(k))


def _furnished_jsonl(path, n):
    """n articles from three outlets; each outlet's pages end in its own promo line."""
    rows = []
    for i in range(n):
        outlet = f"Outlet {_words(i % 3)}"
        body = (f"Article {_words(i)} says the council of {outlet} met on Monday and agreed the "
                f"budget for the coming year, officials said.\n\n"
                f"The {outlet} is delivered to every home.")
        rows.append(json.dumps({"id": f"a{i}", "source": outlet, "body": body}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_loader_learns_furniture_from_the_whole_source_in_one_or_many_chunks(tmp_path):
    path = _furnished_jsonl(tmp_path / "f.jsonl", 12)
    opts = dict(text="body", outlet="source", article_id="id")
    whole = load_corpus(path, **opts)
    assert not whole["text"].str.contains("delivered").any()
    assert (whole["n_lines_removed"] == 1).all()
    chunks = list(framing.iter_corpus(path, chunksize=2, **opts))  # 2 articles: no evidence alone
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    removed = framing.removed_lines(whole)
    assert set(removed["rule"]) == {"outlet_furniture"} and len(removed) == 12
    plain = load_corpus(path, furniture=False, **opts)
    assert plain["text"].str.contains("delivered").all()
    learned = framing.corpus.learn_furniture(path, **opts)
    assert len(learned.lines()) == 3
    from_frame = framing.corpus.from_frame(
        pd.read_json(path, lines=True).iloc[:2], furniture=learned, **opts)
    pd.testing.assert_frame_equal(from_frame, whole.iloc[:2])


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council agrees budget | Daily Post</title>
<meta property="og:title" content="Council agrees budget">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2016-03-14T10:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Council agrees budget</h1>
<p>The city council agreed its budget for the coming year on Monday after a long debate about
rents, schools and the state of the roads, officials said.</p>
<p>The mayor said the plan would hold council tax steady while spending more on repairs to
schools and bridges across the city over the next two years.</p>
<p>JUST WATCHED Mayor defends budget Replay More Videos ... MUST WATCH Mayor defends budget 01:14</p>
<p>Opposition members said the savings were not credible and promised to keep asking how the
council would pay for the repairs it had announced.</p>
</article><footer>Copyright 2016 Daily Post</footer></body></html>"""


def test_saved_web_pages_are_read_with_metadata_from_the_page(tmp_path):
    import gzip

    pytest.importorskip("trafilatura", reason='the html extra is not installed '
                        '(pip install "framing[html]")')
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,title\npage.html,Daily Post,\nold.htm.gz,Daily Post,Own title\n"
        "note.txt,Daily Post,Note\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "old.htm.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "note.txt").write_text(BODY, encoding="utf-8")
    corpus = load_corpus(tmp_path).set_index("article_id")
    page = corpus.loc["page"]
    assert page["title"] == "Council agrees budget"
    assert page["published"] == pd.Timestamp("2016-03-14")
    assert page["byline"] == "Jane Doe"
    assert page["format"] == "html" and corpus.loc["note", "format"] == "text"
    assert corpus.loc["old", "title"] == "Own title"  # the manifest wins
    assert page["text"].startswith("The city council agreed its budget")
    assert "JUST WATCHED" not in page["text"] and "Home" not in page["text"]
    assert page["text"].endswith("the repairs it had announced.")
    removed = framing.removed_lines(corpus.reset_index())
    assert "video_strip" in set(removed.loc[removed["article_id"] == "page", "rule"])


def test_missing_trafilatura_is_one_line_naming_the_extra(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("No module named 'trafilatura'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    (tmp_path / "manifest.csv").write_text("file,outlet\npage.html,Daily Post\n")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert 'pip install "framing[html]"' in str(err.value) and "page.html" in str(err.value)
    assert "\n" not in str(err.value)


def test_the_command_line_restores_how_warnings_are_shown(tmp_path, capsys):
    import warnings

    from framing.cli import main
    path = tmp_path / "e.csv"
    path.write_text("text,outlet,published\nA story.,A,12/19/18\nMore.,B,2018-12-20\n",
                    encoding="utf-8")
    before = warnings.showwarning
    assert main(["codebook", "suggest", "--corpus", str(path), "--dates", "coerce"]) == 0
    assert main(["codebook", "suggest", "--corpus", str(tmp_path / "missing.csv")]) == 1
    assert warnings.showwarning is before
    assert "note: 1 date(s)" in capsys.readouterr().err
