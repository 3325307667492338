"""One shared style and one function that writes every figure.

``save_figure(fig, name, data)`` writes ``<dir>/<name>.png``, ``.svg`` and
``.pdf`` plus ``<dir>/<name>.csv`` (the numbers behind the figure). Output is
byte-identical on every rerun with the same input and the pinned library
versions: PNG/PDF/SVG carry no dates or software versions, SVG ids come from a
fixed salt, and every file is written to a temporary name and then renamed, so
an interrupted run never leaves a half-written file under a final name.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

#: The suite's shared style (a matplotlib rc dict). Colour-blind-safe palette (Okabe-Ito).
STYLE = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": matplotlib.cycler(color=[
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
    ]),
    "svg.hashsalt": "framing",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}
FORMATS = ("png", "svg", "pdf")
# Metadata that would otherwise embed dates or version strings.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def use_style() -> None:
    """Apply :data:`STYLE` to matplotlib (call once at the top of a notebook)."""
    plt.rcParams.update(STYLE)


def figures_dir(directory=None) -> Path:
    """Where figures go: ``directory`` if given, else ``$FRAMING_FIGURES_DIR``, else
    ``figures/`` in the nearest folder (upwards from the working directory) that
    holds a ``pyproject.toml`` and ``notebooks/``, else ``./figures``."""
    if directory is not None:
        return Path(directory)
    if os.environ.get("FRAMING_FIGURES_DIR"):
        return Path(os.environ["FRAMING_FIGURES_DIR"])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder / "figures"
    return here / "figures"


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path, write) -> None:
    """Call ``write(tmp_path)`` then rename over ``path``, so that an interrupted run never
    leaves a half-written file under the final name.

    The file gets the mode any new file gets (0o666 less the user's umask: 0644 by default),
    not the 0600 of the temporary file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


#: The largest a saved PNG may be (width, height in pixels): a page at 150 dpi. Figure functions
#: show the largest rows that fit and say what they left out; save_figure lowers the PNG's
#: resolution as a last resort (a figure drawn by hand that is too large).
MAX_PIXELS = (2000, 2400)
#: The same limit in inches at the style's savefig.dpi, with room for margins and notes.
_MAX_INCHES = (MAX_PIXELS[0] / 150 - 0.8, MAX_PIXELS[1] / 150 - 1.0)
#: Figure attribute holding what a figure function left out (see :func:`left_out`).
_LEFT_OUT = "framing_left_out"


def left_out(fig) -> str:
    """What a figure function of this module left out of ``fig`` ("" when nothing), in words:
    the same text the figure prints under itself and :func:`save_figure` prints in the
    notebook."""
    return getattr(fig, _LEFT_OUT, "")


def _note_left_out(fig, text: str, width: int = 100) -> None:
    """Write ``text`` under the figure and remember it for :func:`save_figure`."""
    if not text:
        return
    setattr(fig, _LEFT_OUT, text)
    # below everything already drawn (a legend under the axes included)
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    fig.text(max(box.x0 / fig.get_figwidth(), 0.0), box.y0 / fig.get_figheight() - 0.005,
             textwrap.fill(text, width), ha="left", va="top", fontsize=7.5, color="#444444",
             transform=fig.transFigure)


def _names(items, limit: int = 8) -> str:
    items = [str(x) for x in items]
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def save_figure(fig, name: str, data: pd.DataFrame | None = None, directory=None) -> list[Path]:
    """Write a figure (PNG, SVG, PDF) and the data behind it (CSV).

    When the figure function left something out (the smallest rows of a large corpus), the
    note is printed, so that the notebook says it too. A PNG larger than :data:`MAX_PIXELS`
    is written at a lower resolution so that it fits.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, e.g. ``"words_per_outlet"`` (letters, digits, ``_`` and ``-``).
    data : DataFrame, optional
        The numbers the figure shows; written as ``<name>.csv`` without index.
    directory : path, optional
        See :func:`figures_dir`.

    Returns
    -------
    list of Path
        The files written.
    """
    if not name or not all(c.isalnum() or c in "_-" for c in name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '_' and '-' only")
    out = figures_dir(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with plt.rc_context({k: STYLE[k] for k in ("svg.hashsalt", "svg.fonttype", "pdf.fonttype",
                                                "savefig.dpi", "savefig.bbox")}):
        for fmt in FORMATS:
            path = out / f"{name}.{fmt}"
            atomic_write(path, lambda tmp, fmt=fmt: fig.savefig(
                tmp, format=fmt, metadata=_METADATA[fmt]))
            if fmt == "png":
                _fit_png(fig, path)
            written.append(path)
    if data is not None:
        path = out / f"{name}.csv"
        atomic_write(path, lambda tmp: data.to_csv(tmp, index=False, lineterminator="\n"))
        written.append(path)
    if left_out(fig):
        print(f"{name}: {left_out(fig)}")
    return written


def show_saved(fig, written) -> None:
    """Show in the notebook the PNG that :func:`save_figure` wrote, and close ``fig``.

    In place of ``plt.show()``, which would draw the figure a fourth time (after the PNG, SVG
    and PDF) at the inline backend's resolution; the reader sees the saved file itself, at the
    size the inline figure had.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure saved; closed here, so that the inline backend does not draw it again.
    written : list of Path
        What :func:`save_figure` returned.

    Examples
    --------
    >>> show_saved(fig, save_figure(fig, "02_similarity", data=table))  # doctest: +SKIP
    """
    from IPython.display import Image, display

    from PIL import Image as PILImage

    png = next(Path(p) for p in written if Path(p).suffix == ".png")
    with PILImage.open(png) as im:  # the resolution written, lower when _fit_png shrank it
        width, dpi = im.size[0], round(im.info.get("dpi", (STYLE["savefig.dpi"],))[0])
    plt.close(fig)
    display(Image(filename=str(png), width=round(width * STYLE["figure.dpi"] / dpi)))


def png_size(path) -> tuple[int, int]:
    """(width, height) of a PNG file in pixels, read from its header."""
    with open(path, "rb") as fh:
        head = fh.read(24)
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _fit_png(fig, path: Path) -> None:
    dpi = STYLE["savefig.dpi"]
    for _ in range(5):
        width, height = png_size(path)
        scale = min(MAX_PIXELS[0] / width, MAX_PIXELS[1] / height)
        if scale >= 1:
            return
        dpi = int(dpi * scale) - 1
        atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=dpi,
                                                    metadata=_METADATA["png"]))


# --- one palette per run ---------------------------------------------------------------------

#: After the eight Okabe-Ito colours of the style: Paul Tol's "muted" colours, so that a
#: codebook with more than eight camps still gets distinct colours. Past about eight, colour
#: alone gets hard to tell apart for every reader; the figures' CSV files carry the numbers.
EXTRA_COLOURS = ["#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#117733", "#88CCEE",
                 "#DDCC77"]
#: Colour of speakers the text leaves unnamed, and of the "other" group a figure merges.
UNKNOWN_COLOUR = "#BBBBBB"
#: Named speakers without a codebook row ("not_in_codebook"): grey too, a darker one, so that
#: adding the camp to a figure never shifts the camps' colours.
UNCODED_COLOUR = "#888888"
UNCODED = ("not_in_codebook", "not in codebook")
OTHER_COLOUR = "#E2E2E2"


def palette() -> list[str]:
    """The style's categorical colours: Okabe-Ito first, then :data:`EXTRA_COLOURS`."""
    return list(STYLE["axes.prop_cycle"].by_key()["color"]) + EXTRA_COLOURS


def colour_map(labels) -> dict:
    """A stable colour for each label (sorted, then the palette in order; "unknown" grey)."""
    colours_in_order = palette()
    named = sorted(x for x in set(labels) if x != "unknown" and x not in UNCODED)
    colours = {x: colours_in_order[i % len(colours_in_order)] for i, x in enumerate(named)}
    colours["unknown"] = UNKNOWN_COLOUR
    colours.update({x: UNCODED_COLOUR for x in UNCODED if x in set(labels)})
    return colours


class Palette:
    """One colour per camp and per outlet, the same in every figure of a run.

    Camps take the palette's colours in codebook order (a camp is found by its id or by its
    ``camp_label``, so a figure that shows camp names in words colours them as one that
    shows ids); outlets take them in a stable order (by name). "unknown" is grey.
    Build it with :func:`run_palette`.

    Attributes
    ----------
    camps : dict
        Camp id and camp label -> colour.
    outlets : dict
        Outlet -> colour.
    order : dict
        Every known name -> its rank (camps first, in codebook order; then outlets;
        "unknown" last).
    labels : dict
        Camp id -> the camp's name in words (``camp_label``), for legends and axes.
    """

    def __init__(self, camps: dict, outlets: dict, order: dict, labels: dict | None = None):
        self.camps, self.outlets, self.order = camps, outlets, order
        self.labels = labels or {}

    def label(self, name) -> str:
        """A camp's name in words (a camp id's ``camp_label``); other names as they are."""
        return str(self.labels.get(name, name))

    def colour(self, name) -> str:
        """The colour of a camp (id or label), an outlet, or "unknown"."""
        if name in self.camps:
            return self.camps[name]
        if name in self.outlets:
            return self.outlets[name]
        if name in UNCODED:
            return UNCODED_COLOUR
        return UNKNOWN_COLOUR if name == "unknown" else OTHER_COLOUR

    def sort(self, names) -> list:
        """``names`` in palette order (names it does not know last, by name)."""
        known = len(self.order)
        return sorted(dict.fromkeys(names), key=lambda x: (self.order.get(x, known), str(x)))

    def colours(self, names) -> dict:
        return {x: self.colour(x) for x in names}


def run_palette(codebook: pd.DataFrame | None = None, outlets=()) -> Palette:
    """The colours of one run: camps in codebook order, outlets by name.

    Parameters
    ----------
    codebook : DataFrame, optional
        As returned by :func:`framing.load_codebook` (``camp`` and, optionally,
        ``camp_label``).
    outlets : iterable of str
        The outlets the figures show (e.g. :func:`framing.corpus.largest_outlets`).

    Returns
    -------
    Palette

    Examples
    --------
    >>> colours = run_palette(framing.load_codebook(), ["Sky News", "Sputnik"])
    >>> colours.colour("russia") == colours.colour("Russian state")
    True
    """
    colours = palette()
    camps, order, names = {}, {}, {}
    if codebook is not None and len(codebook):
        ids = list(dict.fromkeys(codebook["camp"]))
        labels = (dict(zip(codebook["camp"], codebook["camp_label"]))
                  if "camp_label" in codebook else {})
        names = {c: labels[c] for c in ids if labels.get(c)}
        for i, camp in enumerate(ids):
            colour = colours[i % len(colours)]
            for key in (camp, labels.get(camp, camp)):
                camps.setdefault(key, colour)
                order.setdefault(key, i)
    outlet_names = sorted(dict.fromkeys(outlets))
    outlet_colours = {o: colours[i % len(colours)] for i, o in enumerate(outlet_names)}
    for i, outlet in enumerate(outlet_names):
        order.setdefault(outlet, len(camps) + i)
    for name in UNCODED:
        order[name] = len(order) + 1
    order["unknown"] = len(order) + 1
    names.setdefault(UNCODED[0], UNCODED[1])  # legends say "not in codebook", as in 05
    return Palette(camps, outlet_colours, order, names)


def _largest(frame: pd.DataFrame, key: str, weight: str | None, limit: int,
             keep=()) -> tuple[list, list]:
    """The ``limit`` values of ``key`` with the largest total ``weight`` (or most rows),
    and the values left out, largest first."""
    sizes = (frame.groupby(key, sort=False)[weight].sum() if weight
             else frame.groupby(key, sort=False).size())
    ranked = sorted(sizes.index, key=lambda k: (k not in keep, -float(sizes[k]), str(k)))
    return ranked[:limit], ranked[limit:]


# --- figure functions --------------------------------------------------------------------------

def facet_bars(frame: pd.DataFrame, facet: str, label: str, value: str, note: str | None = None,
               ncols: int = 3, xlabel: str | None = None, panel_height: float = 2.6,
               threshold: float | None = None, threshold_label: str = "", colours=None,
               max_panels: int = 12):
    """Horizontal bar charts, one panel per value of ``facet``, bars in frame order.

    Parameters
    ----------
    frame : DataFrame
        One row per bar.
    facet, label, value : str
        Columns: the panel, the bar's label, the bar's length.
    note : str, optional
        Column whose text is written at the end of each bar (e.g. raw counts).
    threshold : float, optional
        Draw a dashed line at this value (and at minus it, when bars are negative) in every
        panel, e.g. 1.96 for a z score's 5% level; ``threshold_label`` says what it is.
    colours : Palette, optional
        Colour each panel's bars with its facet's colour (e.g. the outlet's).
    max_panels : int
        Panels beyond this many (the facets with the fewest rows) are left out and named
        under the figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    panels = list(dict.fromkeys(frame[facet]))
    dropped = []
    if len(panels) > max_panels:
        kept, dropped = _largest(frame, facet, None, max_panels)
        panels = [p for p in panels if p in kept]
    ncols = min(ncols, max(len(panels), 1))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, panel_height * nrows),
                             squeeze=False)
    default = STYLE["axes.prop_cycle"].by_key()["color"][0]
    for ax, panel in zip(axes.flat, panels):
        part = frame[frame[facet] == panel].iloc[::-1]
        ax.barh(part[label].astype(str), part[value],
                color=colours.colour(panel) if colours is not None else default)
        ax.set_title(str(panel), fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=8)
        if threshold is not None:
            for t in ((threshold, -threshold) if (part[value] < 0).any() else (threshold,)):
                ax.axvline(t, color="#333333", linestyle="--", linewidth=0.9, zorder=0.5)
        if note:
            for y, (v, text) in enumerate(zip(part[value], part[note])):
                # a white ground keeps the counts legible where the threshold line passes
                ax.text(v, y, f" {text}", va="center", fontsize=7, color="#444444",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
            ax.margins(x=0.3)
        if xlabel:
            ax.set_xlabel(xlabel, fontsize=8)
    if threshold is not None:
        lo = min(0.0, float(frame[value].min()) if len(frame) else 0.0)
        hi = max(threshold * 1.08, float(frame[value].max()) if len(frame) else 0.0)
        for ax in list(axes.flat)[:len(panels)]:
            left, right = ax.get_xlim()
            ax.set_xlim(min(left, lo), max(right, hi))
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    if threshold is not None and threshold_label:
        fig.text(0.0, 1.0, f"dashed line: {threshold_label}", ha="left", va="bottom",
                 fontsize=8, color="#333333")
    if dropped:
        _note_left_out(fig, f"Left out: {len(dropped)} of {len(dropped) + len(panels)} "
                            f"{facet} panels with the fewest rows ({_names(dropped)}).")
    return fig


def heatmap(frame: pd.DataFrame, row: str, col: str, value: str, fmt: str = "{:.2f}",
            title: str = "", cmap: str = "viridis", vmin=None, vmax=None, label: str = "",
            text: str | None = None, weight: str | None = None, max_rows: int | None = None,
            max_cols: int | None = None, what: str = "rows"):
    """An annotated heatmap of a long-form frame (one row per cell). Each cell shows
    ``value`` formatted with ``fmt``, or the ``text`` column when given.

    A frame with more rows or columns than fit a page keeps the rows (and columns) with the
    largest total ``weight`` (or the most cells) and names the others under the figure.

    Parameters
    ----------
    weight : str, optional
        Column that sizes a row or column (e.g. ``n``, the mentions behind a cell).
    max_rows, max_cols : int, optional
        Default: as many as fit :data:`MAX_PIXELS`.
    what : str
        What a row is, in words, for the note ("actors").

    Returns
    -------
    matplotlib.figure.Figure
    """
    max_cols = max_cols or 14
    max_rows = max_rows or int((_MAX_INCHES[1] - 2.5) / 0.6)
    notes_left = []
    rows_kept, rows_out = _largest(frame, row, weight, max_rows)
    cols_kept, cols_out = _largest(frame, col, weight, max_cols)
    if rows_out:
        notes_left.append(f"{len(rows_out)} of {frame[row].nunique()} {what} with the fewest "
                          f"{weight or 'cells'} ({_names(rows_out)})")
    if cols_out:
        notes_left.append(f"{len(cols_out)} of {frame[col].nunique()} columns "
                          f"({_names(cols_out)})")
    frame = frame[frame[row].isin(rows_kept) & frame[col].isin(cols_kept)]
    table = frame.pivot(index=row, columns=col, values=value)
    notes = (frame.pivot(index=row, columns=col, values=text).reindex_like(table)
             if text else None)
    cell = min(1.2, (_MAX_INCHES[0] - 3.5) / max(len(table.columns), 1))
    fig, ax = plt.subplots(figsize=(cell * len(table.columns) + 3.5, 0.6 * len(table) + 1.5))
    image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, vmin=vmin, vmax=vmax,
                      aspect="auto")
    ax.set_xticks(range(len(table.columns)), [textwrap.fill(str(c), 18) for c in table.columns],
                  rotation=30, ha="right")
    ax.set_yticks(range(len(table.index)), [textwrap.shorten(str(r), 40) for r in table.index])
    ax.grid(False)
    values = table.to_numpy(dtype=float)
    finite = pd.Series(values.ravel()).dropna()
    mid = (finite.min() + finite.max()) / 2 if len(finite) else 0
    size = 7 if cell >= 0.75 else 6
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] == values[i, j]:  # not NaN
                note = notes.iat[i, j] if notes is not None else fmt.format(values[i, j])
                dark = cmap in ("viridis", "magma") and values[i, j] < mid
                ax.text(j, i, note, ha="center", va="center", fontsize=size,
                        color="white" if dark else "black")
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    ax.set_title(title)
    if notes_left:
        _note_left_out(fig, "Left out of the figure (they are in the table and the CSV): "
                            + "; ".join(notes_left) + ".")
    return fig


def interval_plot(frame: pd.DataFrame, row: str, hue: str, value: str = "mean",
                  low: str = "ci_low", high: str = "ci_high", xlabel: str = "", title: str = "",
                  faded: str | None = None, colours: Palette | None = None,
                  weight: str | None = "n", max_rows: int | None = None, what: str = "rows"):
    """Point estimates with interval bars: one line of the y axis per ``row`` value,
    one colour per ``hue`` value (dodged). Rows where the ``faded`` column is True
    are drawn hollow (e.g. too few observations).

    Parameters
    ----------
    colours : Palette, optional
        The run's colours (:func:`run_palette`): hues and rows in its order, each hue in its
        colour. Default: hues by name, colours in palette order.
    weight : str, optional
        Column that sizes a row (default ``n``); when more rows than fit a page, the rows
        with the largest total are kept and the others named under the figure.
    max_rows : int, optional
        Default: as many as fit :data:`MAX_PIXELS`.
    what : str
        What a row is, in words, for the note ("camps").

    Returns
    -------
    matplotlib.figure.Figure
    """
    if weight not in frame:
        weight = None
    if colours is not None:
        rows = colours.sort(frame[row])
        hues = colours.sort(frame[hue])
        colour_of = colours.colour
    else:
        rows = list(dict.fromkeys(frame[row]))
        hues = sorted(frame[hue].unique())  # the same order and colours in every figure
        cycle = palette()
        colour_of = {h: cycle[j % len(cycle)] for j, h in enumerate(hues)}.get
    # 6 in wide with the legend below: readable at a column's width, however long the names
    ncol = 2 if len(hues) > 3 else max(len(hues), 1)
    legend_rows = -(-len(hues) // ncol)
    per_hue = 0.14 if len(hues) <= 6 else 0.11
    per_row = per_hue * max(3, len(hues))
    fit = max_rows or max(1, int((_MAX_INCHES[1] - 1.6 - 0.22 * legend_rows) / per_row))
    dropped = []
    if len(rows) > fit:
        kept, dropped = _largest(frame, row, weight, fit)
        rows = [r for r in rows if r in kept]
        frame = frame[frame[row].isin(kept)]
    fig, ax = plt.subplots(figsize=(6.0, per_row * len(rows) + 1.4 + 0.22 * legend_rows),
                           layout="constrained")
    step = 0.8 / max(len(hues), 1)
    for j, h in enumerate(hues):
        part = frame[frame[hue] == h]
        colour = colour_of(h)
        y = np.array([rows.index(r) for r in part[row]]) - 0.4 + step * (j + 0.5)
        hollow = part[faded].to_numpy(dtype=bool) if faded else np.zeros(len(part), bool)
        # plain arrays: matplotlib warns on one-element Series
        x, lo, hi = (part[c].to_numpy(dtype=float) for c in (value, low, high))
        # the interval as drawn from its bounds: a cluster bootstrap's percentile interval
        # need not contain the mean, and a one-cluster group has none (NaN: no line)
        ax.hlines(y, lo, hi, color=colour, linewidth=1.2)
        ax.scatter(np.r_[lo, hi], np.r_[y, y], marker="|", color=colour, s=16, linewidths=1.2)
        ax.scatter(x[~hollow], y[~hollow], color=colour, s=22, label=str(h), zorder=3)
        ax.scatter(x[hollow], y[hollow], facecolor="white", edgecolor=colour, s=22, zorder=3)
        if hollow.all():  # a legend entry for an outlet whose points are all hollow
            ax.scatter([], [], color=colour, s=22, label=str(h))
    ax.axvline(0, color="#888888", linewidth=0.8)
    name = colours.label if colours is not None else str
    ax.set_yticks(range(len(rows)), [textwrap.fill(name(r), 22) for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel(textwrap.fill(xlabel, 45))  # long labels wrap inside the narrow figure
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    order = {h: i for i, h in enumerate(map(str, hues))}
    pairs = sorted({lab: hd for hd, lab in zip(handles, labels)}.items(),
                   key=lambda p: order.get(p[0], len(order)))
    fig.legend([hd for _, hd in pairs], [lab for lab, _ in pairs], fontsize=8,
               loc="outside lower center", ncol=ncol, frameon=False)
    if dropped:
        _note_left_out(fig, f"Left out (too many {what} for one page; they are in the table "
                            f"and the CSV): {len(dropped)} of {len(dropped) + len(rows)} {what} "
                            f"with the fewest {weight or 'rows'}: "
                            f"{_names([name(d) for d in dropped])}.", width=80)
    return fig


def stacked_bars(frame: pd.DataFrame, row: str, stack: str, values, titles=None,
                 xlabels=None, colours: Palette | None = None, totals: dict | None = None,
                 max_stack: int = 10, what: str = "groups", rows=None):
    """One panel per column in ``values``: horizontal bars per ``row``, stacked by
    ``stack``.

    Parameters
    ----------
    colours : Palette, optional
        The run's colours (:func:`run_palette`); stacks in its order. Default: stacks by
        name, colours from :func:`colour_map`.
    totals : dict, optional
        ``{row value: text}`` written after each bar of the last panel, e.g. the units and
        words a share rests on ("n = 9 units, 412 words").
    max_stack : int
        At most this many stack values get their own colour (those with the largest total
        of the first of ``values``; "unknown" always); the rest are merged into one grey
        "other" segment and named under the figure.
    what : str
        What a stack value is, in words, for the note ("camps").
    rows : sequence, optional
        Every ``row`` value to draw, in this order: one with no data gets an empty bar and is
        named under the figure ("Nothing to show for: CNN"), so that it is not missing
        without a word. Default: the rows in ``frame``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    values = [values] if isinstance(values, str) else list(values)
    empty_rows = [r for r in (rows or []) if r not in set(frame[row])]
    if frame.empty:
        return empty_figure("nothing to show: no rows", titles[0] if titles else "")
    names = list(dict.fromkeys(frame[stack]))
    merged = []
    if len(names) > max_stack:
        kept, merged = _largest(frame, stack, values[0], max_stack - 1, keep=("unknown",))
        other = f"other {what} ({len(merged)})"
        frame = frame.assign(**{stack: frame[stack].where(frame[stack].isin(kept), other)})
    if colours is not None:
        order = colours.sort(frame[stack])
        colour_of = colours.colour
    else:
        mapping = colour_map(frame[stack])
        order = [x for x in sorted(mapping) if x in set(frame[stack])]
        colour_of = lambda x: mapping.get(x, OTHER_COLOUR)  # noqa: E731
    if merged:  # the merged segment last, before "unknown"
        order = [x for x in order if x != other and x != "unknown"] + [other] + (
            ["unknown"] if "unknown" in order else [])
    # a stack with nothing in any panel draws no bar: the legend does not name it
    drawn = frame.groupby(stack)[values].sum().abs().sum(axis=1)
    order = [x for x in order if drawn.get(x, 0) > 0] or order
    n_rows = frame[row].nunique() + len(empty_rows)
    legend_cols = 3 if len(values) > 1 else 2
    legend_rows = -(-len(order) // legend_cols)
    fig, axes = plt.subplots(1, len(values), figsize=(
        5.2 * len(values) + (1.2 if totals else 0), 0.45 * n_rows + 1.6 + 0.2 * legend_rows),
        sharey=True, squeeze=False, layout="constrained")
    for k, (ax, value) in enumerate(zip(axes[0], values)):
        table = frame.pivot_table(index=row, columns=stack, values=value, aggfunc="sum",
                                  fill_value=0).reindex(columns=order, fill_value=0)
        if rows is not None:
            table = table.reindex(list(dict.fromkeys([*rows, *table.index])), fill_value=0)
        table = table.iloc[::-1]
        left = np.zeros(len(table))
        for name in table.columns:
            ax.barh(table.index, table[name], left=left,
                    color=OTHER_COLOUR if merged and name == other else colour_of(name),
                    label=colours.label(name) if colours is not None else name)
            left += table[name].to_numpy()
        ax.set_title(titles[k] if titles else value, fontsize=10)
        if xlabels:
            ax.set_xlabel(xlabels[k])
        if totals and k == len(values) - 1:
            for y, (name, end) in enumerate(zip(table.index, left)):
                ax.text(end, y, f" {totals.get(name, '')}", va="center", fontsize=7.5,
                        color="#333333")
            ax.set_xlim(0, left.max() * 1.02 if len(left) and left.max() > 0 else 1)
            ax.spines["right"].set_visible(False)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="outside lower center", ncol=legend_cols,
               frameon=False)
    notes = []
    if merged:
        names = [colours.label(m) for m in merged] if colours is not None else merged
        notes.append(f"Merged into \"{other}\" (each smaller than those shown): "
                     f"{_names(names, 20)}.")
    if empty_rows:
        notes.append(f"Nothing to show for: {_names([str(r) for r in empty_rows], 20)}.")
    if notes:
        _note_left_out(fig, " ".join(notes), width=110 if len(values) > 1 else 90)
    return fig


def save_table(data: pd.DataFrame, name: str, directory) -> Path:
    """Write ``<directory>/<name>.csv`` (no index, LF line ends), atomically."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    atomic_write(path, lambda tmp: data.to_csv(tmp, index=False, lineterminator="\n"))
    return path


def strip_plot(frame: pd.DataFrame, row: str, value: str, xlabel: str = "", title: str = "",
               colours: Palette | None = None):
    """One dot per observation on a line per ``row`` value, a tick at the median and the
    count at the right: readable for one or for hundreds of observations per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = sorted(frame[row].unique(), key=lambda r: frame.loc[frame[row] == r, value].median())
    dropped = []
    fit = int((_MAX_INCHES[1] - 1.5) / 0.5)
    if len(rows) > fit:
        kept, dropped = _largest(frame, row, None, fit)
        rows = [r for r in rows if r in kept]
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(rows) + 1.5))
    default = STYLE["axes.prop_cycle"].by_key()["color"][0]
    top = frame[value].max()
    for y, name in enumerate(rows):
        x = frame.loc[frame[row] == name, value].to_numpy(dtype=float)
        jitter = (np.arange(len(x)) % 5 - 2) * 0.06 if len(x) > 1 else np.zeros(1)
        ax.scatter(x, y + jitter, s=18, alpha=0.7, zorder=3,
                   color=colours.colour(name) if colours is not None else default)
        ax.plot([np.median(x)] * 2, [y - 0.3, y + 0.3], color="#000000", linewidth=1.5)
        ax.text(top * 1.04, y, f"n={len(x)}", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if dropped:
        _note_left_out(fig, f"Left out: {len(dropped)} {row} values with the fewest rows "
                            f"({_names(dropped)}).")
    return fig


def empty_figure(message: str, title: str = ""):
    """A small figure that says there is nothing to plot (so a notebook never fails on an
    empty table, and the figure file still exists)."""
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#444444")
    ax.set_title(title)
    return fig
