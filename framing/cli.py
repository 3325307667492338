"""The ``framing`` command.

``framing run``
    Refresh the committed case study: execute every notebook in ``notebooks/``
    headlessly, in name order, in place (no timing metadata), which also
    regenerates ``figures/``.
``framing run --corpus PATH [--codebook FILE] [--out DIR] [column options]``
    Run the whole suite on another corpus. Everything goes under DIR (default
    ``runs/<corpus name>``): executed notebooks, a static HTML rendering of each,
    figures (PNG/SVG/PDF and CSV) and the analysis tables as CSV. The committed
    notebooks and ``figures/`` are never touched. Markdown that reads the case study's
    own results is replaced by its general text (see :func:`adapt_for_other_corpus`).
``framing codebook suggest --corpus PATH [--codebook FILE] [--out FILE]``
    List frequent speakers and names the codebook does not cover, as a CSV to
    edit into a codebook for another story.

Errors are reported in one line (naming the file, row, notebook or cell) with a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from .actors import CodebookError, load_codebook
from .corpus import CorpusError, load_corpus
from .figures import _atomic_write

#: Marks a folder written by ``framing run --out``; only such folders are reused.
RUN_MARKER = ".framing-run"
#: Column options of ``framing run`` / ``codebook suggest`` -> load_corpus keywords.
COLUMN_OPTIONS = {"text": "text", "outlet": "outlet", "title": "title", "published": "published",
                  "url": "url", "id": "article_id"}


class RunError(Exception):
    """A notebook or the project layout failed; the message is one line for the user."""


def project_root(start: Path | None = None) -> Path:
    """The nearest folder (upwards from ``start`` or the working directory) holding
    ``pyproject.toml`` and ``notebooks/``."""
    here = (start or Path.cwd()).resolve()
    # Then the project this package was installed from (pip install -e .), so that a user
    # can run the suite from the folder that holds their own articles.
    installed = Path(__file__).resolve().parent.parent
    for folder in (here, *here.parents, installed):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    raise RunError(f"no framing project found at or above {here}, and the installed package "
                   f"({installed}) is not inside one: run this inside the project folder (the "
                   "one with pyproject.toml and notebooks/), installed with pip install -e .")


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
        cell = _failed_cell(nb)
        if out is not None:  # keep the failed notebook for the user to inspect
            nbformat.write(nb, out)
        raise RunError(f"{path.name}, cell {cell}: {err.ename}: {err.evalue}") from None
    target = out or path
    _atomic_write(target, lambda tmp: nbformat.write(nb, tmp))


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


def _notebooks(root: Path) -> list[Path]:
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise RunError(f"no notebooks in {root / 'notebooks'}")
    return notebooks


def run(root: Path | None = None, echo=print) -> None:
    """Refresh the committed case study: execute ``notebooks/*.ipynb`` in place."""
    root = root or project_root()
    load_corpus(root / "seeds")  # fail early, in one line, on bad input
    notebooks = _notebooks(root)
    for i, nb in enumerate(notebooks, start=1):
        t = time.perf_counter()
        echo(f"[{i}/{len(notebooks)}] {nb.relative_to(root)} ...", end=" ", flush=True)
        execute_notebook(nb)
        echo(f"done ({time.perf_counter() - t:.1f} s)")
    echo(f"{len(notebooks)} notebook(s) executed in place; figures in {root / 'figures'}")


def prepare_output(out: Path, root: Path) -> str:
    """Check that ``out`` is safe to write: a new folder, or one ``framing run`` wrote before.
    Returns "new" or "reused"."""
    out = out.resolve()
    for protected in (root / "notebooks", root / "figures", root / "seeds", root / "framing"):
        if out == protected or protected in out.parents or out in protected.parents:
            raise RunError(f"--out {out} would write into or over the project's "
                           f"{protected.name}/; choose a folder of its own, e.g. runs/my-corpus")
    if out.exists():
        if not out.is_dir():
            raise RunError(f"--out {out} is a file; give a folder")
        if any(out.iterdir()) and not (out / RUN_MARKER).is_file():
            raise RunError(f"--out {out} is not empty and was not written by framing run; "
                           "give a new folder (nothing there is overwritten)")
        state = "reused"
    else:
        state = "new"
    out.mkdir(parents=True, exist_ok=True)
    (out / RUN_MARKER).write_text("written by framing run --out; safe to delete\n")
    return state


def run_corpus(corpus: Path, out: Path | None = None, codebook: Path | None = None,
               normalisation: Path | None = None, options: dict | None = None,
               root: Path | None = None, echo=print, max_outlets: int | None = None) -> Path:
    """Run the whole suite on ``corpus``; write everything under ``out``. ``options`` are
    :func:`framing.load_corpus` keywords (column names, ``dates``)."""
    from . import analyze
    from .cleaning import removed_lines
    from .figures import save_table
    from .quotes import voices
    from .terms import distinctive_terms, load_normalisation

    root = root or project_root()
    options = dict(options or {})
    corpus = corpus.resolve()
    out = (out or Path("runs") / corpus.stem).resolve()
    # Fail early, in one line, on bad input, before anything is written.
    frame = load_corpus(corpus, **options)
    book = load_codebook(codebook.resolve()) if codebook else load_codebook()
    table = load_normalisation(normalisation.resolve()) if normalisation else \
        load_normalisation(False)
    state = prepare_output(out, root)
    echo(f"corpus: {corpus} ({len(frame)} articles, {frame['outlet'].nunique()} outlets); "
         f"output: {out} ({state} folder)")
    for sub in ("notebooks", "html", "figures", "tables"):
        (out / sub).mkdir(exist_ok=True)
    parameters = {"CORPUS": str(corpus), "CORPUS_OPTIONS": options,
                  "CODEBOOK": str(codebook.resolve()) if codebook else str(
                      root / "seeds" / "actors.csv"),
                  "NORMALISATION": str(normalisation.resolve()) if normalisation else "",
                  "FIGURES_DIR": str(out / "figures")}
    if max_outlets is not None:
        parameters["MAX_OUTLETS"] = max_outlets or None  # 0: every outlet
    notebooks = _notebooks(root)
    for i, nb in enumerate(notebooks, start=1):
        t = time.perf_counter()
        echo(f"[{i}/{len(notebooks)}] {nb.name} ...", end=" ", flush=True)
        target = out / "notebooks" / nb.name
        try:
            execute_notebook(nb, target, parameters, other_corpus=True)
        except RunError:
            echo("failed")
            raise
        _export_html(target, out / "html" / f"{nb.stem}.html")
        echo(f"done ({time.perf_counter() - t:.1f} s)")
    echo("tables ...", end=" ", flush=True)
    analysis = analyze(frame, book)
    tables = analysis.tables()
    tables["removed_lines"] = removed_lines(frame)
    tables["distinctive_terms"] = distinctive_terms(frame, method="log-odds", n=50,
                                                    normalisation=table)
    tables["voices"] = voices(analysis.quotes)
    for name, data in tables.items():
        save_table(data, name, out / "tables")
    echo(f"done ({len(tables)} CSV files)")
    echo(f"finished: {out}")
    return out


def _export_html(notebook: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nbformat.read(notebook, as_version=4))
    _atomic_write(target, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))


def suggest(corpus: Path, codebook: Path | None, out: Path | None, options: dict, n: int,
            echo=print) -> None:
    from .quotes.suggest import suggest_codebook

    frame = load_corpus(corpus, **options)
    book = load_codebook(codebook) if codebook else None
    table = suggest_codebook(frame, book, n=n)
    if out is None:
        echo(table.to_csv(index=False, lineterminator="\n"), end="")
        return
    from .figures import save_table
    out.parent.mkdir(parents=True, exist_ok=True)
    save_table(table, out.stem, out.parent)
    echo(f"{len(table)} suggestions written to {out}; edit them into a codebook "
         "(see README, 'A codebook for another story')")


def _add_corpus_options(parser) -> None:
    parser.add_argument("--corpus", type=Path, help="a folder with manifest.csv, or a .csv / "
                        ".jsonl file with one article per row")
    for opt in COLUMN_OPTIONS:
        parser.add_argument(f"--{opt}", metavar="COLUMN",
                            help=f"CSV/JSONL column holding the article {opt}")
    parser.add_argument("--dates", choices=["raise", "coerce"], default="raise",
                        help="non-ISO dates: stop with an error (default) or leave them empty")


def _load_options(args) -> dict:
    """The command line's column options and --dates as load_corpus keywords."""
    options = {COLUMN_OPTIONS[opt]: getattr(args, opt) for opt in COLUMN_OPTIONS
               if getattr(args, opt) is not None}
    if args.dates != "raise":
        options["dates"] = args.dates
    return options


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="framing",
                                     description="Compare how news outlets frame one event.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="execute every notebook headlessly: in place for the case "
                           "study, or on --corpus into --out")
    _add_corpus_options(p_run)
    p_run.add_argument("--codebook", type=Path, help="actor codebook CSV (default: the case "
                       "study's seeds/actors.csv)")
    p_run.add_argument("--normalisation", type=Path, help="spelling-variant CSV (default: none "
                       "beyond the general UK/US table)")
    p_run.add_argument("--out", type=Path, help="output folder (default: runs/<corpus name>)")
    p_run.add_argument("--max-outlets", type=int, metavar="N",
                       help="figures show the N outlets with the most articles (default 12; "
                            "0: all); tables always hold every outlet")
    p_code = sub.add_parser("codebook", help="help build an actor codebook")
    code_sub = p_code.add_subparsers(dest="action", required=True)
    p_sug = code_sub.add_parser("suggest", help="frequent speakers and names the codebook "
                                "does not cover, as a CSV to edit")
    _add_corpus_options(p_sug)
    p_sug.add_argument("--codebook", type=Path, help="an existing codebook to extend")
    p_sug.add_argument("--out", type=Path, help="CSV file to write (default: print)")
    p_sug.add_argument("-n", type=int, default=60, help="how many suggestions (default 60)")
    args = parser.parse_args(argv)

    def echo(*a, **k):
        print(*a, **k)
        sys.stdout.flush()

    try:
        if args.command == "run":
            if args.corpus is None:
                extra = [o for o in ("out", "codebook", "normalisation", "max_outlets")
                         if getattr(args, o) is not None]
                if extra or _load_options(args):
                    raise RunError("--out, --codebook, --max-outlets and column options need "
                                   "--corpus")
                run(echo=echo)
            else:
                if args.max_outlets is not None and args.max_outlets < 0:
                    raise RunError("--max-outlets must be 0 (all) or a positive number")
                run_corpus(args.corpus, args.out, args.codebook, args.normalisation,
                           _load_options(args), echo=echo, max_outlets=args.max_outlets)
        elif args.command == "codebook":
            if args.corpus is None:
                raise RunError("codebook suggest needs --corpus")
            suggest(args.corpus, args.codebook, args.out, _load_options(args), args.n,
                    echo=echo)
    except (CorpusError, CodebookError, RunError) as err:
        print(f"framing: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    return 0

