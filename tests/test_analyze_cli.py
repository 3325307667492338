"""`framing analyze` saves the analysis once; `framing run --analysis` runs the notebooks on it."""

import json

import pandas as pd
import pytest

import framing

from .test_cli import _story, framing_cli


def _codebook(path):
    path.write_text("actor,label,camp,type,aliases\n"
                    "mayor,Mayor Jane Smith,council,person,Mayor Jane Smith|Jane Smith|Smith\n"
                    "opposition,Opposition group,opposition,group,Tom Brown|the opposition\n",
                    encoding="utf-8")
    return path


def test_analyze_saves_what_analyze_computes_and_run_reads_it(tmp_path):
    corpus = _story(tmp_path / "story")
    codebook = _codebook(tmp_path / "actors.csv")
    proc = framing_cli("analyze", "--corpus", "story", "--codebook", "actors.csv", "--out",
                       "saved", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    saved = framing.load_analysis(tmp_path / "saved")
    book = framing.load_codebook(codebook)
    expected = framing.analyze(framing.load_corpus(corpus), book, count_terms=True,
                               normalisation=False)
    assert saved.equals(expected)
    meta = json.loads((tmp_path / "saved" / "analysis.json").read_text())
    assert meta["corpus"] == str(corpus) and meta["codebook"] == str(codebook)
    # the notebooks run on it, without the corpus being analysed again
    run = framing_cli("run", "--analysis", "saved", "--out", "run", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "analysis: " in run.stdout and "analysis ..." not in run.stdout
    nb = json.loads((tmp_path / "run" / "notebooks" / "04_voices.ipynb").read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert f"ANALYSIS = {str(tmp_path / 'saved')!r}" in "".join(injected[0]["source"])
    quotes = pd.read_csv(tmp_path / "run" / "tables" / "quotes.csv", keep_default_na=False)
    assert len(quotes) == len(saved.quotes)


def test_analyze_options_are_checked_in_one_line(tmp_path):
    _story(tmp_path / "story")
    proc = framing_cli("analyze", "--corpus", "story", "--out", "x", "--workers", "2",
                       cwd=tmp_path)
    assert proc.returncode == 1 and "need --engine dask" in proc.stderr
    assert proc.stderr.count("\n") == 1
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    proc = framing_cli("analyze", "--corpus", "story", "--out", "mine", cwd=tmp_path)
    assert proc.returncode == 1 and "not empty" in proc.stderr and "Traceback" not in proc.stderr
    proc = framing_cli("run", "--analysis", "story", cwd=tmp_path)
    assert proc.returncode == 1 and "not a saved analysis" in proc.stderr


def test_dask_workers_read_a_jsonl_file_and_write_what_one_process_writes(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    rows = [{"ID": f"x{i}", "source": ["A", "B", "C"][i % 3], "headline": f"Day {i}",
             "body": f"“We will stay,” said Vladimir Putin on day {i}. Assad welcomed it. "
                     f"The United Nations said talks in Geneva would resume."}
            for i in range(40)]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    options = ["--text", "body", "--outlet", "source", "--title", "headline", "--id", "ID"]
    one = framing_cli("analyze", "--corpus", path, *options, "--out", tmp_path / "one")
    assert one.returncode == 0, one.stderr
    many = framing_cli("analyze", "--corpus", path, *options, "--out", tmp_path / "many",
                       "--engine", "dask", "--workers", "2", "--partitions", "3")
    assert many.returncode == 0, many.stderr
    assert "Dask: 2 worker(s)" in many.stdout
    assert len(list((tmp_path / "many" / "sentences").glob("part-*.parquet"))) >= 2
    a, b = framing.load_analysis(tmp_path / "one"), framing.load_analysis(tmp_path / "many")
    for name in ("corpus", "sentences", "mentions", "quotes", "codebook"):
        pd.testing.assert_frame_equal(getattr(b, name), getattr(a, name), obj=name)
    assert b.terms.equals(a.terms)
