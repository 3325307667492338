"""The ``framing`` command.

``framing run``
    Refresh the committed case study: execute every notebook in ``notebooks/``
    headlessly, in name order, in place (no timing metadata), which also
    regenerates ``figures/``.
``framing run --corpus PATH [--codebook FILE] [--out DIR] [column options]``
    Run the whole suite on another corpus. Everything goes under DIR (default
    ``runs/<corpus name>``): executed notebooks, a static HTML rendering of each,
    figures (PNG/SVG/PDF and CSV), the analysis tables as CSV and the analysis itself as
    Parquet (``DIR/analysis``, computed once and read by every notebook). The committed
    notebooks and ``figures/`` are never touched. Markdown that reads the case study's
    own results is replaced by its general text (see :func:`adapt_for_other_corpus`).
``framing run --out DIR``
    The case study into DIR (works from an installed wheel, which carries it).
``framing run --analysis SAVED [--out DIR]``
    Run the notebooks on an analysis saved by ``framing analyze`` (nothing recomputed).
``framing analyze --corpus PATH [--codebook FILE] --out DIR [--engine dask --workers N |
--scheduler ADDRESS] [--partitions N]``
    Compute the analysis once and save it as Parquet datasets in DIR
    (:mod:`framing.store`); with Dask, each worker writes its own partitions.
``framing codebook suggest --corpus PATH [--codebook FILE] [--out FILE]``
    List the corpus's frequent speakers and names, as a CSV to edit into a codebook
    for another story; with ``--codebook``, the rows it already covers are marked.

Errors are reported in one line (naming the file, row, notebook or cell) with a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from functools import partial
from pathlib import Path

from .actors import DEFAULT_CODEBOOK, load_codebook
from .corpus import CorpusError, DatesCoercedWarning, load_corpus
from .errors import FramingError
from .figures import atomic_write
from . import runner
from .runner import (RunError, adapt_for_other_corpus, execute_notebook,  # noqa: F401
                     export_html, failed_cell, inject_parameters, notebook_title)
from .paths import case_study_root

#: Marks a folder written by ``framing run --out``; only such folders are reused.
RUN_MARKER = ".framing-run"
#: Column options of ``framing run`` / ``codebook suggest`` -> load_corpus keywords.
COLUMN_OPTIONS = {"text": "text", "outlet": "outlet", "title": "title", "published": "published",
                  "url": "url", "id": "article_id"}


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


def run(root: Path | None = None, echo=print, jobs: int | None = None) -> None:
    """Refresh the committed case study: execute ``notebooks/*.ipynb`` in place."""
    if root is None:
        try:
            root = project_root()
        except RunError:
            raise RunError("no framing source checkout here to refresh in place; to run the "
                           "case study from the installed package, give a folder: "
                           "framing run --out DIR") from None
    load_corpus(root / "seeds")  # fail early, in one line, on bad input
    notebooks = runner.notebooks(root)
    runner.run_notebooks(((str(nb.relative_to(root)), partial(execute_notebook, nb))
                          for nb in notebooks), workers=jobs, echo=echo)
    echo(f"{len(notebooks)} notebook(s) executed in place; figures in {root / 'figures'}")


def prepare_output(out: Path, root: Path) -> str:
    """Check that ``out`` is safe to write: a new folder, or one ``framing run`` wrote before.
    Returns "new" or "reused"."""
    out = out.resolve()
    for protected in (root / "notebooks", root / "figures", root / "seeds", root / "framing",
                      Path(__file__).resolve().parent):
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


def suite_root() -> Path:
    """Where the notebooks and the case study are: the project found from the working
    directory or the installed package's checkout, else the installed wheel's package data."""
    try:
        return project_root()
    except RunError:
        return case_study_root()


def run_corpus(corpus: Path | None, out: Path | None = None, codebook: Path | None = None,
               normalisation: Path | None = None, options: dict | None = None,
               root: Path | None = None, echo=print, max_outlets: int | None = None,
               analysis: Path | None = None, case_study: bool = False,
               group_by: str = "outlet", labels: Path | None = None,
               events: Path | None = None, reference: str | None = None,
               jobs: int | None = None) -> Path:
    """Run the whole suite on ``corpus``; write everything under ``out``. ``options`` are
    :func:`framing.load_corpus` keywords (column names, ``dates``). ``group_by`` is the column
    whose groups the notebooks compare; ``labels`` a competing-labels table, ``events`` a
    dated events table, ``reference`` the group keyness compares with.

    The analysis is computed once, saved as Parquet in ``out/analysis`` and read by every
    notebook (their ``ANALYSIS`` parameter). With ``analysis`` (a folder written by
    ``framing analyze``), nothing is recomputed: the notebooks read that one. With
    ``case_study``, the corpus is the case study and its own readings are kept.
    """
    from .analysis import analyze
    from .cleaning import removed_lines
    from .figures import save_table
    from .quotes import voices
    from .store import AnalysisStoreError, load_analysis, read_metadata, save_analysis
    from .terms import TermsError, distinctive_terms, load_normalisation

    root = root or suite_root()
    options = dict(options or {})
    saved = None
    if analysis is not None:
        saved = analysis.resolve()
        try:
            meta = read_metadata(saved)
        except AnalysisStoreError as err:
            raise RunError(str(err)) from None
        corpus = Path(meta["corpus"])
        options = dict(meta.get("corpus_options") or {})
        codebook = Path(meta["codebook"]) if meta.get("codebook") else None
        normalisation = Path(meta["normalisation"]) if meta.get("normalisation") else None
    corpus = corpus.resolve()
    out = (out or Path("runs") / (saved.name if saved else corpus.stem)).resolve()
    # Fail early, in one line, on bad input, before anything is written.
    from .coverage import load_events
    from .grouping import as_outlets, load_grouped
    from .labels import load_labels

    if labels:
        load_labels(labels.resolve())
    if events:
        load_events(events.resolve())
    book = load_codebook(codebook.resolve()) if codebook else load_codebook()
    table = load_normalisation(normalisation.resolve()) if normalisation else \
        load_normalisation(False)
    frame = None
    if saved is None:
        frame = load_grouped(corpus, group_by, **options)
        if reference is not None and reference not in set(frame[group_by]):
            raise RunError(f"--reference {reference!r} is not a group of column {group_by!r}")
        # notebooks 1-5 compare outlets: the groups stand in for them ("column: value")
        frame = as_outlets(frame, group_by)
    state = prepare_output(out, root)
    if saved is None:
        echo(f"corpus: {corpus} ({len(frame)} articles, {frame['outlet'].nunique()} outlets); "
             f"output: {out} ({state} folder)")
    else:
        echo(f"analysis: {saved} ({meta.get('articles', '?')} articles); output: {out} "
             f"({state} folder)")
    for sub in ("notebooks", "html", "figures", "tables"):
        (out / sub).mkdir(exist_ok=True)
    codebook_path = str(codebook.resolve()) if codebook else str(DEFAULT_CODEBOOK)
    normalisation_path = str(normalisation.resolve()) if normalisation else ""
    if saved is None:
        echo("analysis ...", end=" ", flush=True)
        t = time.perf_counter()
        try:
            result = analyze(frame, book, count_terms=True, normalisation=table)
        except TermsError as err:
            raise RunError(f"{corpus}: {err}") from None
        saved = save_analysis(result, out / "analysis", corpus=str(corpus),
                              corpus_options=options, codebook=codebook_path,
                              normalisation=normalisation_path)
        echo(f"done ({time.perf_counter() - t:.1f} s; saved in {saved})")
    else:
        result = load_analysis(saved)
    _report_codebook(result.quotes, codebook, echo, case_study=case_study)
    parameters = {"CORPUS": str(corpus), "CORPUS_OPTIONS": options,
                  "CODEBOOK": codebook_path, "NORMALISATION": normalisation_path,
                  "FIGURES_DIR": str(out / "figures"), "ANALYSIS": str(saved),
                  "GROUP_BY": group_by, "LABELS": str(labels.resolve()) if labels else "",
                  "EVENTS": str(events.resolve()) if events else "", "REFERENCE": reference}
    if max_outlets is not None:
        parameters["MAX_OUTLETS"] = max_outlets or None  # 0: every outlet
    def job(nb):
        target = out / "notebooks" / nb.name
        execute_notebook(nb, target, parameters, other_corpus=not case_study)
        export_html(target, out / "html" / f"{nb.stem}.html")

    runner.run_notebooks(((nb.name, partial(job, nb)) for nb in runner.notebooks(root)),
                         workers=jobs, echo=echo)
    echo("tables ...", end=" ", flush=True)
    tables = result.tables()
    tables["removed_lines"] = removed_lines(result.corpus)
    tables["distinctive_terms"] = distinctive_terms(
        result.terms if result.terms is not None else result.corpus, method="log-odds", n=50,
        normalisation=table)
    tables["voices"] = voices(result.quotes)
    for name, data in tables.items():
        save_table(data, name, out / "tables")
    echo(f"done ({len(tables)} CSV files)")
    echo(f"finished: {out}")
    return out


def unknown_words(units) -> tuple[int, int, int]:
    """(quoted words with no speaker in the text, quoted words whose speaker the text names
    but the codebook lacks, all quoted words), scare quotes and indirect speech left out as
    in the voice counts."""
    from .quotes import NOT_IN_CODEBOOK, UNKNOWN, voices

    table = voices(units)
    return (int(table.loc[table["camp"] == UNKNOWN, "words"].sum()),
            int(table.loc[table["camp"] == NOT_IN_CODEBOOK, "words"].sum()),
            int(table["words"].sum()))


def _report_codebook(units, codebook: Path | None, echo, case_study: bool = False) -> None:
    """Say which codebook a run uses and how many quoted words it leaves without a camp (no
    speaker in the text, or a speaker the codebook lacks): on stderr when the user gave none
    (the case study's is then used on another story)."""
    unknown, uncoded, total = unknown_words(units)
    both = unknown + uncoded
    share = (f"{both:,} of {total:,} quoted words ({both / total:.0%})" if total else
             "no quoted words (none found)")
    detail = (f" ({uncoded:,} said by speakers the text names but the codebook lacks, "
              f"{unknown:,} with no speaker in the text)") if total else ""
    if codebook is None and not case_study:
        print(f"framing: no --codebook given: using the case study's codebook "
              f"{DEFAULT_CODEBOOK} (Russia's 2016 Syria withdrawal); it leaves {share} without "
              f"a known speaker{detail}. For another story, start one with: framing codebook "
              "suggest --corpus ... (README: 'A codebook for another story')", file=sys.stderr)
        sys.stderr.flush()
    else:
        echo(f"codebook: {(codebook or DEFAULT_CODEBOOK).resolve()}; it leaves {share} "
             f"without a known speaker{detail}")


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
    known = int((table["known"] != "").sum())
    echo(f"{len(table)} suggestions written to {out}"
         + (f" ({known} already in {codebook}: see the 'known' column)" if codebook else "")
         + "; edit them into a codebook (see README, 'A codebook for another story')")


def analyze_corpus(corpus: Path, out: Path, codebook: Path | None = None,
                   normalisation: Path | None = None, options: dict | None = None,
                   engine: str = "pandas", workers: int | None = None,
                   scheduler: str | None = None, partitions: int | None = None,
                   echo=print) -> dict:
    """``framing analyze``: compute the analysis of ``corpus`` once and save it as Parquet in
    ``out`` (:mod:`framing.store`), in one process or on Dask workers that each write their
    partition (:func:`framing.scale.analyze_to_parquet`)."""
    from .scale import analyze_to_parquet
    from .store import AnalysisStoreError, prepare_folder
    from .terms import TermsError, load_normalisation

    options = dict(options or {})
    corpus, out = corpus.resolve(), out.resolve()
    book = load_codebook(codebook.resolve()) if codebook else load_codebook()
    table = load_normalisation(normalisation.resolve()) if normalisation else \
        load_normalisation(False)
    info = {"corpus": str(corpus), "corpus_options": options,
            "codebook": str(codebook.resolve()) if codebook else str(
                case_study_root() / "seeds" / "actors.csv"),
            "normalisation": str(normalisation.resolve()) if normalisation else ""}
    t = time.perf_counter()
    try:
        prepare_folder(out)  # refuse a folder of the user's before any work
        if engine == "pandas":
            frame = load_corpus(corpus, **options)
            echo(f"corpus: {corpus} ({len(frame)} articles); one process")
            report = analyze_to_parquet(frame, out, book, table, info=info)
        else:
            with _dask_client(workers, scheduler) as client:
                echo(f"Dask: {len(client.scheduler_info()['workers'])} worker(s) at "
                     f"{client.scheduler.address}")
                frame = _dask_corpus(corpus, options, partitions)
                report = analyze_to_parquet(frame, out, book, table, engine="dask",
                                            npartitions=partitions, info=info)
    except (TermsError, AnalysisStoreError) as err:
        raise RunError(str(err)) from None
    report["seconds"] = time.perf_counter() - t
    echo(f"{report['articles']} articles in {report['partitions']} partition(s), "
         f"{report['seconds']:.1f} s; analysis saved in {out}")
    return report


class _dask_client:
    """A client of an existing scheduler, or of a LocalCluster started (and stopped) here."""

    def __init__(self, workers, scheduler):
        self.workers, self.scheduler = workers, scheduler
        self.cluster = self.client = None

    def __enter__(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RunError('--engine dask needs Dask: pip install "framing[dask]"') from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="20s")
            except OSError as err:
                raise RunError(f"cannot reach the Dask scheduler at {self.scheduler}: {err}") \
                    from None
        else:
            self.cluster = LocalCluster(n_workers=self.workers or 2, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _dask_corpus(corpus: Path, options: dict, partitions: int | None):
    """The corpus for the Dask engine. A JSONL or CSV file with an id column is read and
    cleaned by the workers, block by block (the client never holds it); a folder, or a
    file without ids (whose default ids number the rows of the whole file), is loaded here."""
    import dask.dataframe as dd

    from .corpus import corpus_meta, from_frame

    suffix = corpus.suffix.lower()
    if corpus.is_file() and suffix in (".jsonl", ".csv") and "article_id" in options:
        if corpus.stat().st_size == 0:
            load_corpus(corpus, **options)  # the usual one-line error for an empty file
        blocksize = None
        if partitions:
            blocksize = max(1, -(-corpus.stat().st_size // partitions))
        columns = {k: v for k, v in options.items() if k != "dates"}
        clean = dict(dates=options.get("dates", "raise"), name=corpus.name, **columns)
        if suffix == ".jsonl":
            raw = dd.read_json(str(corpus), lines=True, blocksize=blocksize or 2**26,
                               dtype=False, convert_dates=False)
        else:
            raw = dd.read_csv(str(corpus), blocksize=blocksize or 2**26, dtype=str,
                              keep_default_na=False)
        return raw.map_partitions(from_frame, **clean, meta=corpus_meta())
    return load_corpus(corpus, **options)


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
    p_run.add_argument("--analysis", type=Path, metavar="DIR",
                       help="run the notebooks on an analysis saved by framing analyze "
                            "(nothing is recomputed)")
    p_run.add_argument("--jobs", type=int, metavar="N",
                       help="notebooks executed at once, each in its own kernel (default: one "
                            "per core)")
    p_an = sub.add_parser("analyze", help="compute the analysis once and save it as Parquet "
                          "(one process, or Dask workers that each write their partition)")
    _add_corpus_options(p_an)
    p_an.add_argument("--codebook", type=Path, help="actor codebook CSV (default: the case "
                      "study's)")
    p_an.add_argument("--normalisation", type=Path, help="spelling-variant CSV")
    p_an.add_argument("--out", type=Path, required=True, help="folder for the saved analysis")
    p_an.add_argument("--engine", choices=["pandas", "dask"], default="pandas")
    where = p_an.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="--engine dask: start a local cluster of N worker processes "
                            "(default 2)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="--engine dask: use an existing cluster, e.g. "
                            "tcp://scheduler.example.org:8786")
    p_an.add_argument("--partitions", type=int, metavar="N",
                      help="--engine dask: split the corpus into N partitions (default: two "
                           "per worker; blocks of 64 MB for a file the workers read)")
    p_run.add_argument("--group-by", metavar="COLUMN", default=None,
                       help="compare the groups of this manifest / CSV / JSONL column (e.g. the "
                            "outlets' left/centre/right label) instead of outlets")
    p_run.add_argument("--labels", type=Path, help="competing-labels CSV (set,label,patterns) "
                       "for notebook 6 (default for another corpus: none)")
    p_run.add_argument("--events", type=Path, help="events CSV (date,event) drawn on the "
                       "coverage-over-time figure")
    p_run.add_argument("--reference", metavar="GROUP", help="keyness compares each group with "
                       "this group (default: with the rest of the corpus)")
    p_code = sub.add_parser("codebook", help="help build an actor codebook")
    code_sub = p_code.add_subparsers(dest="action", required=True)
    p_sug = code_sub.add_parser("suggest", help="frequent speakers and names of the corpus, "
                                "as a CSV to edit into a codebook")
    _add_corpus_options(p_sug)
    p_sug.add_argument("--codebook", type=Path, help="an existing codebook to extend: rows it "
                       "covers are marked in the 'known' column (default: none)")
    p_sug.add_argument("--out", type=Path, help="CSV file to write (default: print)")
    p_sug.add_argument("-n", type=int, default=60, help="how many suggestions (default 60)")
    args = parser.parse_args(argv)

    def echo(*a, **k):
        print(*a, **k)
        sys.stdout.flush()

    shown = warnings.showwarning

    def note(message, category, *rest, **kw):  # the loader's notes as one plain line each
        if issubclass(category, DatesCoercedWarning):
            print(f"note: {message}", file=sys.stderr)
        else:
            shown(message, category, *rest, **kw)

    warnings.showwarning = note
    try:
        if args.command == "run" and args.jobs is not None and args.jobs < 1:
            raise RunError(f"--jobs {args.jobs}: give 1 or more notebooks at once")
        if args.command == "run" and args.max_outlets is not None and args.max_outlets < 0:
            raise RunError(f"--max-outlets {args.max_outlets}: give the number of outlets the "
                           "figures show (1 or more), or 0 for every outlet")
        if args.command == "run":
            if args.analysis is not None:
                if args.corpus is not None or args.codebook or args.normalisation or \
                        args.group_by or args.labels or args.events or args.reference or \
                        _load_options(args):
                    raise RunError("--analysis already names its corpus and codebook; give "
                                   "only --out and --max-outlets with it")
                run_corpus(None, args.out, echo=echo, max_outlets=args.max_outlets,
                           analysis=args.analysis, jobs=args.jobs)
            elif args.corpus is None:
                extra = [o for o in ("codebook", "normalisation", "max_outlets", "group_by",
                                     "labels", "events", "reference")
                         if getattr(args, o) is not None]
                if extra or _load_options(args):
                    raise RunError("--codebook, --max-outlets, --group-by, --labels, --events, "
                                   "--reference and column options need --corpus (the case "
                                   "study itself: --corpus seeds)")
                if args.out is not None:  # the case study into a folder of its own
                    root = case_study_root()
                    run_corpus(root / "seeds", args.out, root / "seeds" / "actors.csv",
                               root / "seeds" / "normalisation.csv", echo=echo,
                               case_study=True, jobs=args.jobs)
                else:
                    run(echo=echo, jobs=args.jobs)
            else:
                run_corpus(args.corpus, args.out, args.codebook, args.normalisation,
                           _load_options(args), echo=echo, max_outlets=args.max_outlets,
                           group_by=args.group_by or "outlet", labels=args.labels,
                           events=args.events, reference=args.reference, jobs=args.jobs)
        elif args.command == "analyze":
            if args.corpus is None:
                raise RunError("analyze needs --corpus")
            if args.engine == "pandas" and (args.workers or args.scheduler or args.partitions):
                raise RunError("--workers, --scheduler and --partitions need --engine dask")
            analyze_corpus(args.corpus, args.out, args.codebook, args.normalisation,
                           _load_options(args), args.engine, args.workers, args.scheduler,
                           args.partitions, echo=echo)
        elif args.command == "codebook":
            if args.corpus is None:
                raise RunError("codebook suggest needs --corpus")
            suggest(args.corpus, args.codebook, args.out, _load_options(args), args.n,
                    echo=echo)
    except (FramingError, OSError) as err:  # OSError: a folder that cannot be written, a full disk
        print(f"framing: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = shown
    return 0

