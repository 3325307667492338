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


def _atomic_write(path: Path, write) -> None:
    """Call ``write(tmp_path)`` then rename over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def save_figure(fig, name: str, data: pd.DataFrame | None = None, directory=None) -> list[Path]:
    """Write a figure (PNG, SVG, PDF) and the data behind it (CSV).

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
            _atomic_write(path, lambda tmp, fmt=fmt: fig.savefig(
                tmp, format=fmt, metadata=_METADATA[fmt]))
            written.append(path)
    if data is not None:
        path = out / f"{name}.csv"
        _atomic_write(path, lambda tmp: data.to_csv(tmp, index=False, lineterminator="\n"))
        written.append(path)
    return written


def facet_bars(frame: pd.DataFrame, facet: str, label: str, value: str, note: str | None = None,
               ncols: int = 3, xlabel: str | None = None, panel_height: float = 2.6):
    """Horizontal bar charts, one panel per value of ``facet``, bars in frame order.

    Parameters
    ----------
    frame : DataFrame
        One row per bar.
    facet, label, value : str
        Columns: the panel, the bar's label, the bar's length.
    note : str, optional
        Column whose text is written at the end of each bar (e.g. raw counts).

    Returns
    -------
    matplotlib.figure.Figure
    """
    panels = list(dict.fromkeys(frame[facet]))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, panel_height * nrows),
                             squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        part = frame[frame[facet] == panel].iloc[::-1]
        ax.barh(part[label].astype(str), part[value], color=STYLE["axes.prop_cycle"].by_key()[
            "color"][0])
        ax.set_title(str(panel), fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=8)
        if note:
            for y, (v, text) in enumerate(zip(part[value], part[note])):
                ax.text(v, y, f" {text}", va="center", fontsize=7, color="#444444")
            ax.margins(x=0.3)
        if xlabel:
            ax.set_xlabel(xlabel, fontsize=8)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def heatmap(frame: pd.DataFrame, row: str, col: str, value: str, fmt: str = "{:.2f}",
            title: str = "", cmap: str = "viridis", vmin=None, vmax=None, label: str = "",
            text: str | None = None):
    """An annotated heatmap of a long-form frame (one row per cell). Each cell shows
    ``value`` formatted with ``fmt``, or the ``text`` column when given.

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = frame.pivot(index=row, columns=col, values=value)
    notes = (frame.pivot(index=row, columns=col, values=text).reindex_like(table)
             if text else None)
    fig, ax = plt.subplots(figsize=(1.2 * len(table.columns) + 3, 0.6 * len(table) + 1.5))
    image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    ax.grid(False)
    values = table.to_numpy(dtype=float)
    mid = (pd.Series(values.ravel()).dropna().min() + pd.Series(values.ravel()).dropna().max()) / 2
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] == values[i, j]:  # not NaN
                note = notes.iat[i, j] if notes is not None else fmt.format(values[i, j])
                dark = cmap in ("viridis", "magma") and values[i, j] < mid
                ax.text(j, i, note, ha="center", va="center", fontsize=7,
                        color="white" if dark else "black")
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    ax.set_title(title)
    return fig


def interval_plot(frame: pd.DataFrame, row: str, hue: str, value: str = "mean",
                  low: str = "ci_low", high: str = "ci_high", xlabel: str = "", title: str = "",
                  faded: str | None = None):
    """Point estimates with interval bars: one line of the y axis per ``row`` value,
    one colour per ``hue`` value (dodged). Rows where the ``faded`` column is True
    are drawn hollow (e.g. too few observations).

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = list(dict.fromkeys(frame[row]))
    hues = sorted(frame[hue].unique())  # the same order and colours in every figure
    colours = palette()
    # 6 in wide with the legend below: readable at a column's width, however long the names
    ncol = 2 if len(hues) > 3 else max(len(hues), 1)
    legend_rows = -(-len(hues) // ncol)
    fig, ax = plt.subplots(figsize=(6.0, 0.14 * len(rows) * max(3, len(hues)) + 1.4
                                    + 0.22 * legend_rows), layout="constrained")
    step = 0.8 / max(len(hues), 1)
    for j, h in enumerate(hues):
        part = frame[frame[hue] == h]
        y = np.array([rows.index(r) for r in part[row]]) - 0.4 + step * (j + 0.5)
        hollow = part[faded].to_numpy(dtype=bool) if faded else np.zeros(len(part), bool)
        # plain arrays: matplotlib warns on one-element Series
        x, lo, hi = (part[c].to_numpy(dtype=float) for c in (value, low, high))
        ax.errorbar(x, y, xerr=[x - lo, hi - x],
                    fmt="none", ecolor=colours[j % len(colours)], elinewidth=1.2, capsize=2)
        ax.scatter(x[~hollow], y[~hollow], color=colours[j % len(colours)], s=22,
                   label=str(h), zorder=3)
        ax.scatter(x[hollow], y[hollow], facecolor="white",
                   edgecolor=colours[j % len(colours)], s=22, zorder=3)
    ax.axvline(0, color="#888888", linewidth=0.8)
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xlabel(textwrap.fill(xlabel, 45))  # long labels wrap inside the narrow figure
    ax.set_title(title)
    fig.legend(fontsize=8, loc="outside lower center", ncol=ncol, frameon=False)
    return fig


#: After the eight Okabe-Ito colours of the style: Paul Tol's "muted" colours, so that a
#: codebook with more than eight camps still gets distinct colours. Past about eight, colour
#: alone gets hard to tell apart for every reader; the figures' CSV files carry the numbers.
EXTRA_COLOURS = ["#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#117733", "#88CCEE",
                 "#DDCC77"]


def palette() -> list[str]:
    """The style's categorical colours: Okabe-Ito first, then :data:`EXTRA_COLOURS`."""
    return list(STYLE["axes.prop_cycle"].by_key()["color"]) + EXTRA_COLOURS


def colour_map(labels) -> dict:
    """A stable colour for each label (sorted, then the palette in order; "unknown" grey)."""
    colours_in_order = palette()
    named = sorted(x for x in set(labels) if x != "unknown")
    colours = {x: colours_in_order[i % len(colours_in_order)] for i, x in enumerate(named)}
    colours["unknown"] = "#BBBBBB"
    return colours


def stacked_bars(frame: pd.DataFrame, row: str, stack: str, values, titles=None,
                 xlabels=None):
    """One panel per column in ``values``: horizontal bars per ``row``, stacked by
    ``stack`` (colours from :func:`colour_map`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    values = [values] if isinstance(values, str) else list(values)
    if frame.empty:
        return empty_figure("nothing to show: no rows", titles[0] if titles else "")
    colours = colour_map(frame[stack])
    order = [x for x in sorted(colours) if x in set(frame[stack])]
    fig, axes = plt.subplots(1, len(values), figsize=(5.2 * len(values), 0.55 *
                             frame[row].nunique() + 1.6), sharey=True, squeeze=False)
    for k, (ax, value) in enumerate(zip(axes[0], values)):
        table = frame.pivot_table(index=row, columns=stack, values=value, aggfunc="sum",
                                  fill_value=0).reindex(columns=order, fill_value=0)
        table = table.iloc[::-1]
        left = np.zeros(len(table))
        for name in table.columns:
            ax.barh(table.index, table[name], left=left, color=colours[name], label=name)
            left += table[name].to_numpy()
        ax.set_title(titles[k] if titles else value, fontsize=10)
        if xlabels:
            ax.set_xlabel(xlabels[k])
    axes[0][-1].legend(fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
    fig.tight_layout()
    return fig


def save_table(data: pd.DataFrame, name: str, directory) -> Path:
    """Write ``<directory>/<name>.csv`` (no index, LF line ends), atomically."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    _atomic_write(path, lambda tmp: data.to_csv(tmp, index=False, lineterminator="\n"))
    return path


def strip_plot(frame: pd.DataFrame, row: str, value: str, xlabel: str = "", title: str = ""):
    """One dot per observation on a line per ``row`` value, a tick at the median and the
    count at the right: readable for one or for hundreds of observations per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = sorted(frame[row].unique(), key=lambda r: frame.loc[frame[row] == r, value].median())
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(rows) + 1.5))
    colour = STYLE["axes.prop_cycle"].by_key()["color"][0]
    top = frame[value].max()
    for y, name in enumerate(rows):
        x = frame.loc[frame[row] == name, value].to_numpy(dtype=float)
        jitter = (np.arange(len(x)) % 5 - 2) * 0.06 if len(x) > 1 else np.zeros(1)
        ax.scatter(x, y + jitter, s=18, color=colour, alpha=0.7, zorder=3)
        ax.plot([np.median(x)] * 2, [y - 0.3, y + 0.3], color="#000000", linewidth=1.5)
        ax.text(top * 1.04, y, f"n={len(x)}", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return fig


def empty_figure(message: str, title: str = ""):
    """A small figure that says there is nothing to plot (so a notebook never fails on an
    empty table, and the figure file still exists)."""
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#444444")
    ax.set_title(title)
    return fig
