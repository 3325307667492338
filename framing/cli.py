"""The ``framing`` command.

``framing run`` executes every notebook in ``notebooks/`` headlessly, in name
order, in place (outputs stored, no timing metadata), which also regenerates
``figures/``. Errors are reported in one line and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import CorpusError, load_corpus


class RunError(Exception):
    """A notebook or the project layout failed; the message is one line for the user."""


def project_root(start: Path | None = None) -> Path:
    """The nearest folder (upwards from ``start`` or the working directory) holding
    ``pyproject.toml`` and ``notebooks/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    raise RunError(f"no framing project found at or above {here}: run this inside the "
                   "project folder (the one with pyproject.toml and notebooks/)")


def execute_notebook(path: Path, timeout: int = 1200) -> None:
    """Execute one notebook in place with the current Python as kernel.

    The working directory is the notebook's folder, as in JupyterLab. Cell
    timing metadata is not recorded, so a rerun on the same input rewrites the
    same bytes.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        cell = _failed_cell(nb)
        raise RunError(f"{path.name}, cell {cell}: {err.ename}: {err.evalue}") from None
    nbformat.write(nb, path)


def _failed_cell(nb) -> str:
    """1-based number of the first code cell whose output is an error."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return str(number)
    return "?"


def run(root: Path | None = None, echo=print) -> None:
    """Refresh the committed case study: execute ``notebooks/*.ipynb`` in place."""
    root = root or project_root()
    load_corpus(root / "seeds")  # fail early, in one line, on bad input
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise RunError(f"no notebooks in {root / 'notebooks'}")
    for i, nb in enumerate(notebooks, start=1):
        echo(f"[{i}/{len(notebooks)}] {nb.relative_to(root)}")
        execute_notebook(nb)
    echo(f"done: {len(notebooks)} notebook(s) executed; figures in {root / 'figures'}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="framing",
                                     description="Compare how news outlets frame one event.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="execute every notebook headlessly in place and refresh figures/")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            run()
    except (CorpusError, RunError) as err:
        print(f"framing: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    return 0
