"""The committed figures are exactly what the notebooks write on a rerun.

pytest runs the notebooks (nbval) before this file; their figures go to
``$FRAMING_FIGURES_DIR`` (a temporary folder, see conftest.py).
"""

import os
from pathlib import Path

import pytest

from .helpers import ROOT


def test_committed_figures_match_rerun():
    rerun = Path(os.environ.get("FRAMING_FIGURES_DIR", ""))
    written = sorted(p.name for p in rerun.glob("*.*")) if rerun.is_dir() else []
    if not written:
        pytest.skip("the notebooks were not executed in this pytest session")
    committed = sorted(p.name for p in (ROOT / "figures").glob("*.*"))
    assert written == committed, "figures/ does not hold exactly the files the notebooks write"
    for name in written:
        assert (rerun / name).read_bytes() == (ROOT / "figures" / name).read_bytes(), (
            f"figures/{name} differs from a rerun: run `framing run` and commit the result")


def test_each_notebook_shows_the_png_it_saved():
    # show_saved: the reader sees the file in figures/, not a fourth drawing of the figure
    import base64
    import re

    import nbformat

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            names = re.findall(r'save_figure\((?:fig|empty_figure\(.*?\)), "(\w+)"', cell.source,
                               flags=re.S)
            if cell.cell_type != "code" or "save_figure(fig" not in cell.source:
                continue
            assert "show_saved(fig" in cell.source, (path.name, names)
            shown = [base64.b64decode(o["data"]["image/png"]) for o in cell.outputs
                     if "image/png" in o.get("data", {})]
            saved = [(ROOT / "figures" / f"{name}.png").read_bytes() for name in names]
            assert shown and all(png in saved for png in shown), (path.name, names)
