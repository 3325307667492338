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
