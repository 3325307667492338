"""The notebook runner: parameters injected, a notebook executed headlessly, HTML exported.

Used by ``framing run`` (:mod:`framing.cli`); kept apart from the command line so that the
execution of one notebook (kernel, working directory, byte-stable output, the failing cell
named in one line) is one concept in one module.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from .errors import FramingError
from .figures import atomic_write


class RunError(FramingError):
    """A notebook or the project layout failed; the message is one line for the user."""


def inject_parameters(nb, parameters: dict) -> None:
    """Papermill's convention: after the cell tagged ``parameters``, insert a cell tagged
    ``injected-parameters`` that assigns the given values."""
    import nbformat

    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise RunError("notebook has no cell tagged 'parameters'")
    source = "# Parameters injected by `framing run`\n" + "\n".join(
        f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "injected-parameters"
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(index + 1, cell)


def adapt_for_other_corpus(nb) -> None:
    """Replace the case study's own readings with their general text.

    A cell whose metadata holds ``framing.other_corpus`` describes the seed articles (their
    outlets, numbers, a statement only they quote): for another corpus its source becomes that
    text, or the cell is dropped when the text is empty. The committed notebooks keep both."""
    kept = []
    for cell in nb.cells:
        other = cell.get("metadata", {}).get("framing", {}).get("other_corpus")
        if other is None:
            kept.append(cell)
        elif other:
            cell.source = other
            kept.append(cell)
    nb.cells = kept


def execute_notebook(path: Path, out: Path | None = None, parameters: dict | None = None,
                     timeout: int = 1800, other_corpus: bool = False) -> None:
    """Execute one notebook with the current Python as kernel and write it to ``out``
    (default: in place).

    The working directory is the notebook's own folder, as in JupyterLab. Cell timing
    metadata is not recorded, so a rerun on the same input rewrites the same bytes.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    if other_corpus:
        adapt_for_other_corpus(nb)
    if parameters:
        inject_parameters(nb, parameters)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        # The kernel process's own log (e.g. ipykernel's transport notice) would break the
        # progress lines; cell output travels in the notebook, not on this stream.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as err:
        cell = failed_cell(nb)
        if out is not None:  # keep the failed notebook for the user to inspect
            nbformat.write(nb, out)
        raise RunError(f"{path.name}, cell {cell}: {err.ename}: {err.evalue}") from None
    target = out or path
    atomic_write(target, lambda tmp: nbformat.write(nb, tmp))


def failed_cell(nb) -> str:
    """1-based number of the first code cell whose output is an error."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return str(number)
    return "?"


def notebooks(root: Path) -> list[Path]:
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise RunError(f"no notebooks in {root / 'notebooks'}")
    return notebooks


def notebook_title(nb, fallback: str) -> str:
    """The notebook's first Markdown heading, without its '#' marks (else ``fallback``)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                title = line.lstrip("#").strip()
                if title:
                    return title
    return fallback


_EXPORTERS = threading.local()


def export_html(notebook: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    # One exporter per thread: building one compiles its templates (about 0.3 s), and an
    # exporter is not meant to be shared by threads exporting at once.
    exporter = getattr(_EXPORTERS, "html", None)
    if exporter is None:
        exporter = _EXPORTERS.html = HTMLExporter()
    # nbconvert titles every page "Notebook" unless told the name
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": notebook_title(nb, notebook.stem)}})
    atomic_write(target, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))


def default_workers() -> int:
    """Notebooks run at once: one per core (each runs in its own kernel process)."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_notebooks(jobs, workers: int | None = None, echo=print) -> None:
    """Run ``jobs`` -- (label, callable) pairs, each executing one notebook -- ``workers`` at a
    time, echoing one progress line per notebook as it finishes.

    Notebooks are independent (each loads the corpus or the saved analysis itself), so they
    can run side by side in their own kernels. If any fails, the rest are not started and the
    first failure in notebook order (a notebook's ``RunError``, or an error writing its
    output) is raised.
    """
    import time
    from concurrent.futures import ThreadPoolExecutor

    jobs = list(jobs)
    workers = max(1, min(workers or default_workers(), len(jobs)))
    total = len(jobs)

    def timed(job):
        t = time.perf_counter()
        job()
        return time.perf_counter() - t

    if workers == 1:
        for i, (label, job) in enumerate(jobs, start=1):
            echo(f"[{i}/{total}] {label} ...", end=" ", flush=True)
            try:
                seconds = timed(job)
            except Exception:
                echo("failed")
                raise
            echo(f"done ({seconds:.1f} s)")
        return
    echo(f"{total} notebooks, {workers} at a time")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(timed, job) for _, job in jobs]
        failed = None
        for i, ((label, _), future) in enumerate(zip(jobs, futures), start=1):
            if future.cancelled():  # not started: an earlier notebook failed
                continue
            try:
                seconds = future.result()
            except Exception as err:  # a notebook's RunError, or e.g. a full disk on export
                echo(f"[{i}/{total}] {label} ... failed")
                failed = failed or err
                for later in futures:
                    later.cancel()
                continue
            echo(f"[{i}/{total}] {label} ... done ({seconds:.1f} s)")
        if failed is not None:
            raise failed
