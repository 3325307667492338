"""Pytest setup shared by the unit tests and the nbval notebook run.

Notebooks executed by the tests write their figures into a temporary folder
(``FRAMING_FIGURES_DIR``), never into the committed ``figures/``;
tests/test_committed_figures.py then compares the two byte for byte.
"""

import os
import tempfile


def pytest_configure(config):
    if not os.environ.get("FRAMING_FIGURES_DIR"):
        os.environ["FRAMING_FIGURES_DIR"] = tempfile.mkdtemp(prefix="framing-figures-")
