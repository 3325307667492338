"""Pytest setup shared by the unit tests and the nbval notebook run.

Notebooks executed by the tests write their figures into a temporary folder
(``FRAMING_FIGURES_DIR``), never into the committed ``figures/``;
tests/test_committed_figures.py then compares the two byte for byte.

The suite runs on every core (pytest-xdist, ``-n auto``; ``-n 0`` runs it in one process,
``-p no:xdist`` does not work with ``-n`` in the options). Each test is scheduled on its own,
except the notebooks and the comparison of their figures: they form one unit that runs in one
worker, in collection order (a notebook's cells share one kernel, and the comparison needs
every notebook to have run first). The unit is made by a scheduler here rather than by
``xdist_group`` marks, which pytest 9.2 silently ignores (pytest-xdist issue 1386).
"""

import os
import tempfile

import pytest

#: Tests that read what the notebooks of this session wrote.
AFTER_NOTEBOOKS = ("tests/test_committed_figures.py",)


def pytest_configure(config):
    # Set before xdist starts its workers, so that they all inherit the same folder.
    if not os.environ.get("FRAMING_FIGURES_DIR"):
        os.environ["FRAMING_FIGURES_DIR"] = tempfile.mkdtemp(prefix="framing-figures-")


def work_unit(nodeid: str) -> str:
    """The unit a test is scheduled in: "notebooks" for the notebooks' cells and the tests
    that read their output, else the test itself."""
    path = nodeid.split("::")[0]
    return "notebooks" if path.endswith(".ipynb") or path in AFTER_NOTEBOOKS else nodeid


def pytest_collection_modifyitems(config, items):
    # The check of the notebooks' figures runs after every notebook, whatever the order of
    # the paths on the command line (``pytest tests notebooks``).
    items.sort(key=lambda item: item.nodeid.split("::")[0] in AFTER_NOTEBOOKS)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown when xdist is not installed
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "load":  # the default of -n; any other --dist as asked
        return None
    from xdist.scheduler import LoadScopeScheduling

    class NotebooksTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return work_unit(nodeid)

    return NotebooksTogether(config, log)
