"""Coverage over time: when each group wrote, named the actors and quoted voices.

Per period (a day, a week or a month, chosen from the corpus's span unless given) and group:
articles, actor mentions and quoted voices (direct and partial quote units, scare quotes
left out, as :func:`framing.quotes.voices` counts them), each also as a share of the group's
own total, so that a large outlet and a small one can be read on one scale. Articles without
a date are counted apart (``undated``), never dropped silently; when no article has a date
there is nothing to plot, and :func:`coverage_note` says so.

Events (a CSV ``date,event``, e.g. ``seeds/events.csv``) are drawn as dated lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FramingError
from .grouping import check_group, group_of, grouping_name
from .tables import read_checked_csv

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS"}
COVERAGE_COLUMNS = ["period", "articles", "mentions", "quotes", "articles_share",
                    "mentions_share", "quotes_share"]


class EventsError(FramingError, ValueError):
    """The events table is malformed; the message names the file and row."""


def choose_period(dates: pd.Series) -> str:
    """``"day"`` for a span of up to 31 days, ``"week"`` up to a year, else ``"month"``."""
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return "day"
    span = (dates.max() - dates.min()).days
    return "day" if span <= 31 else "week" if span <= 366 else "month"


def coverage(analysis, by: str = "outlet", period: str | None = None) -> pd.DataFrame:
    """Articles, actor mentions and quoted voices per period and group.

    Parameters
    ----------
    analysis : Analysis
        From :func:`framing.analyze` (its corpus needs ``published``).
    by : str
        Grouping column.
    period : {"day", "week", "month"}, optional
        ``None`` chooses from the span of the dates (:func:`choose_period`).

    Returns
    -------
    DataFrame
        One row per period and group with any article (periods start on their first day;
        weeks on Monday): ``period``, the ``by`` column, ``articles, mentions, quotes`` and
        each as a share of the group's dated total (``articles_share`` ...). Empty when no
        article has a date. ``attrs`` holds ``period`` and ``undated`` (articles per group
        without a date).
    """
    corpus = analysis.corpus
    check_group(corpus, by)
    if period is not None and period not in FREQUENCIES:
        raise ValueError(f"period must be one of {', '.join(FREQUENCIES)}, not {period!r}")
    dates = pd.to_datetime(corpus["published"])
    period = period or choose_period(dates)
    undated = corpus.loc[dates.isna(), by].value_counts().sort_index()
    columns = ["period", by, *COVERAGE_COLUMNS[1:]]
    if dates.notna().sum() == 0:
        out = pd.DataFrame(columns=columns)
        out.attrs.update(period=period, undated=undated.to_dict())
        return out
    start = dict(zip(corpus["article_id"], _period_start(dates, period)))
    art = pd.DataFrame({"period": corpus["article_id"].map(start), by: corpus[by]})
    men = analysis.mentions
    men = pd.DataFrame({"period": men["article_id"].map(start),
                        by: group_of(men, corpus, by)})
    q = analysis.quotes
    q = q[(q["kind"] != "indirect") & ~q["scare"].astype(bool)]
    qt = pd.DataFrame({"period": q["article_id"].map(start), by: group_of(q, corpus, by)})
    counts = [t.dropna(subset=["period"]).groupby(["period", by]).size().rename(name)
              for t, name in ((art, "articles"), (men, "mentions"), (qt, "quotes"))]
    out = pd.concat(counts, axis=1).fillna(0).astype(np.int64).reset_index()
    for name in ("articles", "mentions", "quotes"):
        total = out.groupby(by)[name].transform("sum")
        out[f"{name}_share"] = (out[name] / total.where(total > 0)).fillna(0.0)
    out = out.sort_values([by, "period"], ignore_index=True)[columns]
    out.attrs.update(period=period, undated=undated.to_dict())
    return out


def _period_start(dates: pd.Series, period: str) -> pd.Series:
    days = dates.dt.normalize()
    if period == "day":
        return days
    if period == "week":
        return days - pd.to_timedelta(days.dt.weekday, unit="D")
    return days.dt.to_period("M").dt.to_timestamp()


def coverage_note(corpus: pd.DataFrame, table: pd.DataFrame | None = None) -> str:
    """One line for the reader about the dates: none at all, some missing, or ""."""
    dates = pd.to_datetime(corpus["published"])
    if dates.notna().sum() == 0:
        return ("No article has a publication date, so coverage over time is left out (give "
                "dates in the manifest's 'published' column, or --published for a CSV/JSONL).")
    missing = int(dates.isna().sum())
    if missing:
        return (f"{missing} of {len(corpus)} articles have no date; they are counted apart "
                "(undated) and not in the figure.")
    return ""


def load_events(path) -> pd.DataFrame:
    """An events table: CSV with ``date`` (ISO) and ``event`` columns. Returns ``date``
    (datetime) and ``event``, in date order."""
    path = Path(path)
    _, reader = read_checked_csv(path, ("date", "event"), "events table", error=EventsError)
    rows = []
    for n, row in reader:
        value = row.get("date", "")
        date = pd.Timestamp(value) if _ISO.match(value) else pd.NaT
        if pd.isna(date):
            raise EventsError(f"{path} row {n}: date {row.get('date')!r} is not an ISO date "
                              "(YYYY-MM-DD)")
        rows.append((date, row.get("event", "")))
    return pd.DataFrame(rows, columns=["date", "event"]).sort_values("date", ignore_index=True)


def coverage_figure(table: pd.DataFrame, by: str = "outlet", events: pd.DataFrame | None = None,
                    groups=None, colours: dict | None = None):
    """Three panels (articles, mentions, quoted voices), each a line per group of its share
    of the group's total per period, with events as dashed vertical lines.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    from .figures import colour_map, empty_figure

    if table.empty:
        return empty_figure("no dated articles: nothing to show over time",
                            f"Coverage over time, by {grouping_name(by)}")
    groups = list(groups) if groups is not None else sorted(table[by].unique())
    colours = colours or colour_map(groups)
    period = table.attrs.get("period", "")
    ncol = 2 if len(groups) > 3 else max(len(groups), 1)
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 6.4 + 0.2 * -(-len(groups) // ncol)),
                             sharex=True, layout="constrained")
    names = (("articles_share", "articles"), ("mentions_share", "actor mentions"),
             ("quotes_share", "quoted voices (quote units)"))
    periods = sorted(pd.to_datetime(table["period"].unique()))
    # few periods: dodged bars (a line between two days would invent the days between)
    bars = len(periods) <= 12
    events = events if events is not None else pd.DataFrame(columns=["date", "event"])
    if bars:
        ev_period = _period_start(pd.to_datetime(events["date"]), period) if len(events) else []
        ev_x = [periods.index(p) - 0.45 if p in periods else None for p in ev_period]  # period start
        width = 0.8 / max(len(groups), 1)
    else:
        ev_x = list(pd.to_datetime(events["date"]))
    # lines: every period between the first and the last, so a month without articles is
    # drawn at 0 rather than bridged by a straight line
    steps = {"day": "D", "week": "W-MON", "month": "MS"}
    axis = periods if bars or period not in steps else sorted(set(periods) | set(
        pd.date_range(periods[0], periods[-1], freq=steps[period])))
    for ax, (col, title) in zip(axes, names):
        for j, g in enumerate(groups):
            part = table[table[by] == g].set_index("period")[col].reindex(axis, fill_value=0)
            if bars:
                ax.bar(np.arange(len(periods)) - 0.4 + width * (j + 0.5), part.to_numpy(),
                       width=width, color=colours.get(g), label=str(g))
            else:
                ax.plot(part.index, part.to_numpy(), marker="o" if len(periods) < 40 else None,
                        markersize=3, linewidth=1.2, color=colours.get(g), label=str(g))
        ax.set_title(f"{title}: share of each {grouping_name(by)}'s total per {period}",
                     fontsize=9, loc="left")
        ax.set_ylim(0, 1.12 if bars else None)
        # as many decimals as the ticks need (0.5% steps must not all read "2%")
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.tick_params(labelsize=8)
        for x in ev_x:
            if x is not None:
                ax.axvline(x, color="#555555", linestyle="--", linewidth=0.8, zorder=0)
    for k, (x, event) in enumerate(zip(ev_x, events["event"])):
        if x is not None:
            axes[0].annotate(event, (mdates.date2num(x) if not bars else x, 1.0),
                             xycoords=("data", "axes fraction"), xytext=(3, -8 - 9 * (k % 3)),
                             textcoords="offset points", fontsize=6.5, color="#333333")
    if bars:
        fmt = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y"}[period]
        axes[-1].set_xticks(range(len(periods)), [p.strftime(fmt) for p in periods])
    else:
        locator = mdates.AutoDateLocator(maxticks=8)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        # no minor ticks: over a span of years the default date locator iterates day by day
        # (ten minutes per figure on a decade of Article-Bias-Prediction dates)
        axes[-1].xaxis.set_minor_locator(plt.NullLocator())
    fig.legend(*axes[0].get_legend_handles_labels(), fontsize=8, loc="outside lower center",
               ncol=ncol, frameon=False)
    return fig
