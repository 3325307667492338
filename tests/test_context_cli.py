"""`framing run --group-by COLUMN` (and --labels, --events, --reference) end to end, and its
bad input: one line each, nothing written."""

import json

import pandas as pd
import pytest

from .helpers import ROOT, SEEDS
from .test_cli import FIGURE_NAMES, _check_output, _story, framing_cli


def _grouped_story(folder):
    corpus = _story(folder)
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    manifest["leaning"] = ["council", "council", "council", "", "critics"]
    manifest["published"] = ["2024-03-01", "2024-03-02", "2024-03-01", "2024-03-03",
                             "2024-03-02"]
    manifest.to_csv(corpus / "manifest.csv", index=False)
    return corpus


@pytest.mark.parametrize("args, message", [
    (["--group-by", "leaning"], "need --corpus"),
    (["--corpus", "STORY", "--group-by", "country"], "no column 'country' to group by"),
    (["--corpus", "STORY", "--group-by", "leaning", "--reference", "nobody"],
     "--reference 'nobody' is not a group of column 'leaning'"),
    (["--corpus", "STORY", "--labels", "LABELS"], "row 3: empty pattern"),
    (["--corpus", "STORY", "--events", "EVENTS"], "row 2: date '1 March' is not an ISO date"),
])
def test_bad_grouping_labels_events_are_one_line(tmp_path, args, message):
    story = _grouped_story(tmp_path / "story")
    (tmp_path / "labels.csv").write_text("set,label,patterns\nx,a,alpha\nx,b,beta|\n")
    (tmp_path / "events.csv").write_text("date,event\n1 March,vote\n")
    args = [str(story) if a == "STORY" else str(tmp_path / "labels.csv") if a == "LABELS"
            else str(tmp_path / "events.csv") if a == "EVENTS" else a for a in args]
    out = tmp_path / "out"
    proc = framing_cli("run", *args, "--out", out) if "--corpus" in args else \
        framing_cli("run", *args)
    assert proc.returncode == 1
    assert message in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not out.exists()  # nothing written before the input is checked


def test_run_compares_the_groups_of_a_manifest_column(tmp_path):
    story = _grouped_story(tmp_path / "story")
    codebook = tmp_path / "actors.csv"
    codebook.write_text("actor,label,camp,type,aliases\n"
                        "mayor,Mayor Jane Smith,council,person,Mayor Jane Smith|Jane Smith|Smith\n"
                        "opposition,Opposition group,opposition,group,Tom Brown|the opposition\n",
                        encoding="utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text("set,label,patterns\nthe plan,budget,budget\nthe plan,plan,plan|plans\n")
    events = tmp_path / "events.csv"
    events.write_text("date,event\n2024-03-01,council vote\n")
    out = tmp_path / "out"
    proc = framing_cli("run", "--corpus", story, "--codebook", codebook, "--group-by", "leaning",
                       "--labels", labels, "--events", events, "--reference", "council",
                       "--out", out)
    assert proc.returncode == 0, proc.stderr
    _check_output(out)
    assert any(name.startswith("06_") for name in FIGURE_NAMES)
    # notebooks 1-5 compare the groups, labelled with the column's name
    terms = pd.read_csv(out / "figures" / "02_top_terms_log_odds.csv")
    assert set(terms["group"]) <= {"leaning: council", "leaning: critics", "leaning: (none)"}
    summary = (out / "notebooks" / "01_corpus.ipynb").read_text(encoding="utf-8")
    assert "leaning: council" in summary
    # notebook 6 says which grouping it shows; its numbers rest on the labels and the events
    six = json.loads((out / "notebooks" / "06_context.ipynb").read_text(encoding="utf-8"))
    text = json.dumps(six)
    assert "groups by 'leaning'" in text
    shares = pd.read_csv(out / "figures" / "06_competing_labels.csv")
    assert set(shares["leaning"]) == {"council", "critics", "(none)"}
    council = shares[(shares["leaning"] == "council") & (shares["label"] == "budget")].iloc[0]
    # "budget" in the clean text of the three council articles (the repeated headlines are
    # removed by the cleaner): a1 twice, a2 never, b1 once -- counted by hand
    assert council["n"] == 3 and council["articles"] == 2
    cov = pd.read_csv(out / "figures" / "06_coverage_over_time.csv")
    assert cov["articles"].sum() == 5
    keyness = pd.read_csv(out / "figures" / "06_keyness_both_directions.csv")
    assert "council" not in set(keyness["group"])  # the reference has no rows of its own
    for word in ("Sputnik", "Putin", "withdr"):
        assert word not in text


def test_case_study_notebooks_take_group_by():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        params = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
        assert 'GROUP_BY = "outlet"' in "".join(params["source"]), nb.name
    assert (SEEDS / "labels.csv").is_file() and (SEEDS / "events.csv").is_file()
