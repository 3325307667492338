"""`framing run --corpus ... --out ...` and `framing codebook suggest` end to end."""

import hashlib
import json
import os
import random
import re
import subprocess
import sys

import pandas as pd
import pytest

from .helpers import ABP, ROOT, needs_abp

FIGURE_NAMES = sorted(p.name for p in (ROOT / "figures").glob("*.*"))
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def framing_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "framing", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=900)


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*")) if p.is_file()}


def _story(folder):
    """A small corpus about another story: a folder with a manifest."""
    folder.mkdir()
    texts = {
        "a1.txt": ("City Council Approves New Budget\n\nThe city council approved the budget on "
                   "Monday after a long debate about police funding and schools.\n\n"
                   "“This budget keeps our promises,” Mayor Jane Smith said.\n\nShare"),
        "a2.txt": ("The council's vote was criticised by the opposition, which called it "
                   "“a missed chance” for housing.\n\n“We will keep fighting,” said councillor "
                   "Tom Brown, who leads the opposition group."),
        "b1.txt": ("Budget passes after marathon session\n\nCouncillors passed the budget "
                   "late on Monday. Mayor Jane Smith welcomed the vote as a victory for "
                   "families.\n\n“It is a good day for the city,” she said."),
        "b2.txt": ("Critics warned that the new budget cuts library hours, according to "
                   "residents who spoke at the meeting.\n\nAdvertisement"),
        "c1.txt": ("Residents divided over council budget\n\nSome residents praised the plan, "
                   "while others said it ignored rising rents across the city."),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    pd.DataFrame({"file": list(texts),
                  "outlet": ["Daily Post", "Daily Post", "City Herald", "City Herald",
                             "Evening News"],
                  "title": ["City Council Approves New Budget", "Vote criticised",
                            "Budget passes after marathon session", "Critics warn",
                            "Residents divided over council budget"],
                  "published": ["2024-03-01"] * 5}).to_csv(folder / "manifest.csv", index=False)
    return folder


def _check_output(out):
    assert sorted(p.name for p in (out / "figures").glob("*.*")) == FIGURE_NAMES
    assert sorted(p.stem for p in (out / "notebooks").glob("*.ipynb")) == NOTEBOOKS
    assert sorted(p.stem for p in (out / "html").glob("*.html")) == NOTEBOOKS
    tables = {p.stem for p in (out / "tables").glob("*.csv")}
    assert {"articles", "sentences", "mentions", "quotes", "removed_lines", "distinctive_terms",
            "voices"} <= tables
    for nb in (out / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not any(o.get("output_type") == "error" for c in cells for o in c.get("outputs", []))
        assert any("injected-parameters" in c["metadata"].get("tags", []) for c in cells)
        # an empty table says nothing: the notebook prints why there is none instead
        assert "Empty DataFrame" not in nb.read_text(encoding="utf-8"), nb.name
    for page in (out / "html").glob("*.html"):  # titled by the notebook, not "Notebook"
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1)
        assert title[:2] == f"{int(page.stem[:2])}.", (page.name, title)
    mask = os.umask(0o022)
    os.umask(mask)
    for path in out.rglob("*"):  # the user's umask, not the 0600 of a temporary file
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_run_on_a_new_story_writes_everything_and_touches_nothing_committed(tmp_path):
    before = (_digest(ROOT / "notebooks"), _digest(ROOT / "figures"))
    corpus = _story(tmp_path / "story")
    codebook = tmp_path / "actors.csv"
    codebook.write_text("actor,label,camp,type,aliases\n"
                        "mayor,Mayor Jane Smith,council,person,Mayor Jane Smith|Jane Smith|Smith\n"
                        "opposition,Opposition group,opposition,group,Tom Brown|the opposition\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    # As the README's walkthrough: from the user's own folder, outside the project, with
    # relative paths (the installed package finds the project's notebooks).
    proc = framing_cli("run", "--corpus", "story", "--codebook", "actors.csv", "--out", "out",
                       cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "[1/" in proc.stdout and "(new folder)" in proc.stdout
    _check_output(out)
    quotes = pd.read_csv(out / "tables" / "quotes.csv", keep_default_na=False)
    assert set(quotes.loc[quotes["kind"] == "direct", "camp"]) >= {"council", "opposition"}
    # the case study's own readings are not shown next to another corpus's numbers
    for nb in (out / "notebooks").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        for word in ("Sputnik", "Sky News", "wire rewrite", "Putin", "Kremlin", "five articles"):
            assert word not in text, (nb.name, word)
    assert (_digest(ROOT / "notebooks"), _digest(ROOT / "figures")) == before
    # a second run into the same folder is allowed, and says so
    again = framing_cli("run", "--corpus", corpus, "--codebook", codebook, "--out", out)
    assert again.returncode == 0 and "(reused folder)" in again.stdout


@needs_abp
def test_run_on_a_sample_of_real_articles(tmp_path):
    with open(ABP, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    outlets = ["Reuters", "The Guardian", "Fox News", "BBC News", "NPR Online News"]
    pool = [r for r in rows if r["source"] in outlets]
    sample = random.Random(20160314).sample(pool, 30)
    assert len({r["source"] for r in sample}) >= 4
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in sample), encoding="utf-8")
    out = tmp_path / "out"
    proc = framing_cli("run", "--corpus", path, "--text", "content_original", "--outlet",
                       "source", "--title", "title", "--published", "date", "--id", "ID",
                       "--dates", "coerce", "--max-outlets", "3", "--out", out)
    assert proc.returncode == 0, proc.stderr
    # no --codebook: say which codebook is used and how much of the quoting it leaves unknown
    said = re.search(r"no --codebook given: using the case study's codebook (\S+) .*it leaves "
                     r"([\d,]+) of ([\d,]+) quoted words \(\d+%\) without a known speaker",
                     proc.stderr)
    assert said and said.group(1).endswith("actors.csv"), proc.stderr
    assert 0 < int(said.group(2).replace(",", "")) <= int(said.group(3).replace(",", ""))
    # both kinds of unknown, named: the speakers the codebook lacks are the ones to add
    parts = re.search(r"without a known speaker \(([\d,]+) said by speakers the text names but "
                      r"the codebook lacks, ([\d,]+) with no speaker in the text\)", proc.stderr)
    assert parts, proc.stderr
    assert sum(int(x.replace(",", "")) for x in parts.groups()) == \
        int(said.group(2).replace(",", ""))
    _check_output(out)
    articles = pd.read_csv(out / "tables" / "articles.csv")
    assert len(articles) == 30
    # figures show the 3 largest outlets; the tables keep all of them
    largest = articles["outlet"].value_counts()
    in_figure = set(pd.read_csv(out / "figures" / "04_voices_by_camp.csv")["outlet"])
    assert len(in_figure) == 3 and in_figure <= set(largest.index[:4])
    assert set(pd.read_csv(out / "tables" / "voices.csv")["outlet"]) > in_figure
    assert "Figures show the 3 outlets with the most articles, of 5" in \
        (out / "notebooks" / "04_voices.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("setup, message", [
    ("foreign", "is not empty and was not written by framing run"),
    ("figures", "would write into or over the project's figures/"),
])
def test_unsafe_output_folder_is_refused(tmp_path, setup, message):
    corpus = _story(tmp_path / "story")
    if setup == "foreign":
        out = tmp_path / "mine"
        out.mkdir()
        (out / "thesis.docx").write_text("precious")
    else:
        out = ROOT / "figures" / "run"
    proc = framing_cli("run", "--corpus", corpus, "--out", out)
    assert proc.returncode == 1
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    if setup == "foreign":
        assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    else:
        assert not out.exists()


def test_bad_corpus_via_cli_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = framing_cli("run", "--corpus", tmp_path / "empty", "--out", tmp_path / "out")
    assert proc.returncode == 1 and "no manifest.csv" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()  # nothing written before the input is checked
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "outlet": "x"}\n{oops\n', encoding="utf-8")
    proc = framing_cli("run", "--corpus", bad, "--out", tmp_path / "out2")
    assert proc.returncode == 1 and "bad.jsonl line 2: not valid JSON" in proc.stderr


def test_failing_notebook_is_named_with_its_cell(tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Only one outlet writes about the budget here today.")
    pd.DataFrame({"file": ["a.txt"], "outlet": ["Solo"], "title": ["T"],
                  "published": [""]}).to_csv(corpus / "manifest.csv", index=False)
    proc = framing_cli("run", "--corpus", corpus, "--out", tmp_path / "out")
    assert proc.returncode == 1
    notice, line = proc.stderr.strip().splitlines()
    # no --codebook: the run says which one it uses before anything else
    assert notice.startswith("framing: no --codebook given: using the case study's codebook")
    assert "it leaves no quoted words (none found)" in notice
    assert line.startswith("framing: error: 02_terms.ipynb, cell ")
    assert "TermsError" in line and "at least 2 groups" in line


def test_codebook_suggest(tmp_path):
    corpus = _story(tmp_path / "story")
    out = tmp_path / "suggest.csv"
    proc = framing_cli("codebook", "suggest", "--corpus", corpus, "--out", out)
    assert proc.returncode == 0, proc.stderr
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns) == ["candidate", "kind", "count", "quotes", "articles", "example",
                                   "related", "known", "actor", "label", "camp", "type",
                                   "aliases"]
    assert "Jane Smith" in " ".join(table["candidate"])
