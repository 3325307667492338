"""Compare any grouping of the articles, not only outlets.

Every table in ``framing`` has an ``outlet`` column; a researcher often wants to compare other
groups: the outlets' left / centre / right label, an event, a country, a period. Any column of
the manifest (folder corpus) or of the CSV/JSONL file can be the grouping:

* :func:`load_grouped` loads a corpus and carries the grouping column along (read from the
  source when it is not one of the corpus's own columns);
* :func:`check_group` says, in one line, when the column does not exist;
* :func:`group_of` maps a per-article table (mentions, quotes, sentences) to the groups;
* :func:`as_outlets` relabels the ``outlet`` column as ``"<column>: <value>"``, so that code
  written for outlets (notebooks 1-5) compares the groups, and every figure and table says
  which grouping it shows.

An article with an empty value is in the group ``"(none)"``: no article is dropped.
"""

from __future__ import annotations

import pandas as pd

from .errors import FramingError
from .corpus import load_corpus, read_column, source_columns

#: The group of an article whose grouping column is empty.
NO_GROUP = "(none)"


class GroupingError(FramingError, ValueError):
    """The grouping column does not exist (or is unusable); the message says which columns do."""


def check_group(frame: pd.DataFrame, by: str, what: str = "the corpus") -> None:
    """Raise :class:`GroupingError` in one line when ``by`` is not a column of ``frame``."""
    if not isinstance(by, str) or not by:
        raise GroupingError(f"group by: give a column name, not {by!r}")
    if by not in frame.columns:
        raise GroupingError(
            f"no column {by!r} to group by in {what}; columns are "
            f"{', '.join(map(str, frame.columns))} (a manifest or CSV/JSONL column is read "
            "with framing.load_grouped(path, by=...))")


def load_grouped(path, by: str = "outlet", as_outlet: bool = False, **options) -> pd.DataFrame:
    """Load a corpus (:func:`framing.load_corpus`) with the grouping column ``by``.

    Parameters
    ----------
    path : str or Path
        As for :func:`framing.load_corpus`.
    by : str
        A corpus column (``outlet``, ``title`` ...) or any other column of the manifest or of
        the CSV/JSONL source (e.g. ``bias_text``); its values become text, empty ones
        ``"(none)"``.
    as_outlet : bool
        Also relabel ``outlet`` as ``"<by>: <value>"`` (:func:`as_outlets`), for code that
        compares outlets.
    **options
        :func:`framing.load_corpus` keywords (``dates``, column names).

    Returns
    -------
    DataFrame
        The corpus, with a ``by`` column.

    Raises
    ------
    GroupingError
        When the source has no such column (the message lists the columns it has).

    Examples
    --------
    >>> corpus = framing.load_grouped("articles.jsonl", by="bias_text", text="content_original",
    ...                               outlet="source")                      # doctest: +SKIP
    """
    corpus = load_corpus(path, **options)
    if not isinstance(by, str) or not by:
        raise GroupingError(f"group by: give a column name, not {by!r}")
    if by not in corpus.columns:
        column_options = {k: v for k, v in options.items() if k != "dates"}
        values = read_column(path, by, **column_options)
        if values is None:
            raise GroupingError(f"{path}: no column {by!r} to group by; the source's columns "
                                f"are {', '.join(map(str, source_columns(path)))}")
        corpus = corpus.copy()
        corpus[by] = corpus["article_id"].map(values)
    corpus[by] = _labels(corpus[by])
    return as_outlets(corpus, by) if as_outlet else corpus


def _labels(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        text = values.dt.strftime("%Y-%m-%d")
    else:
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return text.where(text != "", NO_GROUP)


def as_outlets(corpus: pd.DataFrame, by: str) -> pd.DataFrame:
    """The corpus with ``outlet`` relabelled ``"<by>: <value>"`` (the original outlet kept in
    ``outlet_name``); unchanged when ``by`` is ``"outlet"``."""
    if by == "outlet":
        return corpus
    check_group(corpus, by)
    out = corpus.copy()
    out["outlet_name"] = out["outlet"]
    out["outlet"] = by + ": " + _labels(out[by])
    return out


def original_outlets(analysis):
    """Undo :func:`as_outlets` on an analysis (e.g. one ``framing run --group-by`` saved):
    ``outlet`` is the outlet's own name again, for code that groups by the column itself.
    Returned unchanged when its corpus was never relabelled.

    Examples
    --------
    >>> saved = original_outlets(framing.load_analysis("runs/abp/analysis"))  # doctest: +SKIP
    """
    from dataclasses import replace

    corpus = analysis.corpus
    if "outlet_name" not in corpus.columns:
        return analysis
    corpus = corpus.copy()
    corpus["outlet"] = corpus.pop("outlet_name")
    return replace(analysis, corpus=corpus)


def regrouped_terms(counts, by: str):
    """A grouped run's saved term counts (:attr:`framing.Analysis.terms`, counted by the
    relabelled outlet ``"<by>: <value>"``, see :func:`as_outlets`) as counts grouped by ``by``
    itself, so that the keyness of the groups needs no second count of the corpus. ``None``
    when ``counts`` is None or was not counted by those groups (the caller counts then).

    Examples
    --------
    >>> saved = framing.load_analysis("runs/abp/analysis")                       # doctest: +SKIP
    >>> distinctive_terms(regrouped_terms(saved.terms, "bias_text"), by="bias_text",
    ...                   method="keyness")                                      # doctest: +SKIP
    """
    if counts is None or counts.by != "outlet":
        return None
    if by == "outlet":
        return counts
    prefix = by + ": "
    if not counts.groups or not all(g.startswith(prefix) for g in counts.groups):
        return None
    from .terms import TermCounts

    # one common prefix removed: the groups stay sorted
    return TermCounts([g[len(prefix):] for g in counts.groups], counts.keys, counts.counts,
                      by=by, docs=counts.docs)


def group_of(table: pd.DataFrame, corpus: pd.DataFrame, by: str) -> pd.Series:
    """The ``by`` group of each row of a per-article table (joined on ``article_id``)."""
    if by in table.columns:
        return table[by]
    check_group(corpus, by)
    return table["article_id"].map(dict(zip(corpus["article_id"], corpus[by])))


def grouping_name(by: str) -> str:
    """``by`` in words for titles and captions ("outlet", "bias text")."""
    return by.replace("_", " ")


def largest_groups(corpus: pd.DataFrame, by: str = "outlet", n: int | None = 12) -> list:
    """The ``n`` groups with the most articles (ties by name), in name order: the groups a
    figure shows when there are more than it can hold (``None``: every group)."""
    check_group(corpus, by)
    counts = corpus.groupby(by).size().reset_index(name="_n")
    counts = counts.sort_values(["_n", by], ascending=[False, True])
    chosen = counts[by] if n is None else counts[by].head(n)
    return sorted(chosen)


def figure_groups(corpus: pd.DataFrame, by: str, n: int, exclude=None,
                  among=None) -> tuple[list, str]:
    """The groups a figure with room for ``n`` columns shows: the ``n`` largest (ties by name)
    of ``among`` (the groups every figure of the run may show, e.g. the ``MAX_OUTLETS``
    largest; ``None``: all), ``exclude`` (a reference group drawn elsewhere) left out, in name
    order; and a note for the reader saying how many were left out ("" when none was).

    Examples
    --------
    >>> groups, note = figure_groups(corpus, "outlet", 6, exclude="Sputnik")  # doctest: +SKIP
    """
    rest = corpus if exclude is None else corpus[corpus[by] != exclude]
    total = rest[by].nunique()
    if among is not None:
        rest = rest[rest[by].isin(set(among))]
    chosen = largest_groups(rest, by, n)
    if len(chosen) >= total:
        return chosen, ""
    besides = f" besides the reference, {exclude}" if exclude is not None else ""
    room = f"; {n} columns fit a page" if len(chosen) == n < rest[by].nunique() else ""
    return chosen, (f"This figure shows the {len(chosen)} {grouping_name(by)} groups with the "
                    f"most articles, of {total}{besides}{room}.")
