"""Competing labels: which name each group gives the same thing.

Framing often lives in one word: a *withdrawal*, a *pullout* or a *retreat*; the *Syrian
government*, the *regime* or the *Assad regime*; *rebels*, *the opposition*, *terrorists* or
*militants*. A labels table is a CSV a researcher edits (``seeds/labels.csv`` for the case
study), one row per label:

``set``       the thing being named (rows with the same set compete with each other)
``label``     one way of naming it, as shown in tables and figures
``patterns``  the words that count as this label, separated by ``|``: a word or phrase (whole
              words, any case, ``*`` for any letters, e.g. ``withdr*``) or ``re:<pattern>``
``notes``     optional

Within a set, a place in the text gets one label: the pattern that starts first wins, then
the longest ("Assad regime" is not also "regime"). For each group, :func:`label_shares` gives
each label's share of the set's hits with an article-clustered bootstrap interval, and
:func:`label_hits` the concordance lines behind every number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FramingError
from .concordance import QueryError, query_regex, sort_concordance
from .grouping import check_group, grouping_name
from .tables import read_checked_csv
from .text import sentence_spans, trie_pattern

LABEL_COLUMNS = ("set", "label", "patterns")


class LabelsError(FramingError, ValueError):
    """The labels table is malformed; the message names the file and row."""


def load_labels(path) -> pd.DataFrame:
    """Load and check a labels table (see the module docstring).

    Returns
    -------
    DataFrame
        One row per pattern: ``set, label, pattern, regex`` (the pattern as a regular
        expression) and ``literal`` (a plain word or phrase), in file order.

    Raises
    ------
    LabelsError
        Naming the file and row: missing column, empty set/label/pattern, malformed pattern,
        a label given twice in one set, a set with a single label (nothing competes).
    """
    path = Path(path)
    _, reader = read_checked_csv(path, LABEL_COLUMNS, "labels table", error=LabelsError)
    rows, seen, seen_patterns = [], {}, {}
    for n, row in reader:
        at = f"{path} row {n}"
        set_, label = row.get("set", ""), row.get("label", "")
        if not set_ or not label:
            raise LabelsError(f"{at}: empty set or label")
        if (set_, label) in seen:
            raise LabelsError(f"{at}: label {label!r} is given twice in set {set_!r} (also row "
                              f"{seen[(set_, label)]}); put all its patterns in one row")
        seen[(set_, label)] = n
        patterns = [p.strip() for p in (row.get("patterns") or "").split("|")]
        if not any(patterns) or "" in patterns:
            raise LabelsError(f"{at}: empty pattern in {row.get('patterns')!r} (check for a "
                              "doubled or trailing '|')")
        for p in patterns:
            try:
                source = query_regex(p).pattern
            except QueryError as err:
                raise LabelsError(f"{at}: {err}") from None
            literal = not p.startswith("re:") and "*" not in p
            if literal and (set_, _fold(p)) in seen_patterns:
                other = seen_patterns[(set_, _fold(p))]
                raise LabelsError(f"{at}: pattern {p!r} is also given for label {other!r} of "
                                  f"set {set_!r}; a word can have one label within a set")
            if literal:
                seen_patterns[(set_, _fold(p))] = label
            rows.append((set_, label, p, source, literal))
    if not rows:
        raise LabelsError(f"{path}: the table has no labels")
    frame = pd.DataFrame(rows, columns=["set", "label", "pattern", "regex", "literal"])
    sizes = frame.drop_duplicates(["set", "label"]).groupby("set", sort=False).size()
    if (sizes < 2).any():
        lonely = sizes[sizes < 2].index[0]
        raise LabelsError(f"{path}: set {lonely!r} has one label; a set needs two or more "
                          "labels that compete")
    return frame


def _fold(s: str) -> str:
    return " ".join(s.casefold().replace("’", "'").split())


class SetMatcher:
    """Find the labels of one set in a text: the literal words and phrases in one trie-shaped
    regular expression (one scan of the text), patterns with ``*`` or ``re:`` on their own;
    at each place the earliest start wins, then the longest match."""

    def __init__(self, part: pd.DataFrame):
        literal = part[part["literal"]]
        self.labels = {_fold(p): lab for p, lab in zip(literal["pattern"], literal["label"])}
        self.trie = (re.compile(r"(?<![\w-])(" + trie_pattern(sorted(self.labels)) + r")(?![\w-])",
                                re.IGNORECASE) if self.labels else None)
        self.others = [(re.compile(rx, re.IGNORECASE), lab) for rx, lab in
                       zip(part.loc[~part["literal"], "regex"], part.loc[~part["literal"], "label"])]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        if self.trie is not None:
            found = [(m.start(), m.end(), self.labels[_fold(m.group())])
                     for m in self.trie.finditer(text)]
        if not self.others:
            return found
        for rx, label in self.others:
            found.extend((m.start(), m.end(), label) for m in rx.finditer(text)
                         if m.end() > m.start())
        found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept, last = [], -1
        for hit in found:
            if hit[0] >= last:
                kept.append(hit)
                last = hit[1]
        return kept


def label_hits(corpus, labels: pd.DataFrame, by: str = "outlet", window: int = 8,
               sort: str = "right") -> pd.DataFrame:
    """Every hit of every label: the concordance lines behind :func:`label_shares`.

    Parameters
    ----------
    corpus : DataFrame or Analysis
        From :func:`framing.load_corpus` or :func:`framing.load_grouped`.
    labels : DataFrame
        From :func:`load_labels`.
    by : str
        Grouping column.
    window : int
        Words of context on each side, within the sentence.

    Returns
    -------
    DataFrame
        One row per hit, as :func:`framing.concordance` (``article_id, outlet``, the ``by``
        column when it is not ``outlet``, ``sentence, left, match, right``, ``start, end``,
        ``sentence_text``) with ``set`` and ``label`` in place of ``actor``; ordered by set,
        label, then the next words.
    """
    corpus = getattr(corpus, "corpus", corpus)
    check_group(corpus, by)
    matchers = [(set_, SetMatcher(part)) for set_, part in labels.groupby("set", sort=False)]
    rows = []
    for aid, outlet, group, text in corpus[["article_id", "outlet", by, "text"]].itertuples(
            index=False):
        spans = None
        for set_, matcher in matchers:
            for start, end, label in matcher.find(text):
                if spans is None:  # sentences only for the articles with hits
                    spans = sentence_spans(text)
                    starts = [s for _, s, _ in spans]
                k = max(bisect_right(starts, start) - 1, 0)
                _, s0, e0 = spans[k]
                sent = text[s0:e0]
                before = sent[:start - s0].split()
                after = sent[min(end, e0) - s0:].split()
                rows.append((aid, outlet, group, k, " ".join(before[-window:]) if window
                             else "", text[start:end], " ".join(after[:window]) if window else "",
                             set_, label, start, end, sent))
    columns = ["article_id", "outlet", "_group", "sentence", "left", "match", "right", "set",
               "label", "start", "end", "sentence_text"]
    frame = pd.DataFrame(rows, columns=columns)
    if by != "outlet":
        frame = frame.rename(columns={"_group": by})
    else:
        frame = frame.drop(columns="_group")
    for col in ("sentence", "start", "end"):
        frame[col] = frame[col].astype(np.int64)
    frame = sort_concordance(frame, sort)
    set_order = {s: i for i, s in enumerate(dict.fromkeys(labels["set"]))}
    label_order = {k: i for i, k in enumerate(dict.fromkeys(zip(labels["set"], labels["label"])))}
    key = [set_order[s] * 10_000 + label_order[(s, lab)] for s, lab in
           zip(frame["set"], frame["label"])]
    return (frame.assign(_order=key).sort_values("_order", kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def label_shares(corpus, labels: pd.DataFrame, by: str = "outlet", hits: pd.DataFrame | None
                 = None, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
                 min_articles: int = 5) -> pd.DataFrame:
    """Each group's share of each label within its set, with article-clustered intervals.

    The share of a label is its hits over all hits of its set in the group. The interval
    resamples the group's *articles* (with replacement, every article of the group, with or
    without hits) ``n_boot`` times and takes the percentile interval of the share: hits in one
    article are not independent, so an article that repeats one word many times widens the
    interval instead of narrowing it. With one article in a group the interval is that
    article's share (nothing to resample): read ``articles``.

    Parameters
    ----------
    corpus : DataFrame or Analysis
    labels : DataFrame
        From :func:`load_labels`.
    by : str
        Grouping column.
    hits : DataFrame, optional
        :func:`label_hits` of the same corpus, labels and grouping (to reuse).
    n_boot, seed, level
        Bootstrap resamples, the random seed (recorded: the same seed gives the same
        intervals), interval level.
    min_articles : int
        Rows resting on fewer articles with hits of the set are flagged ``few``.

    Returns
    -------
    DataFrame
        One row per group, set and label (labels with no hit in a group included, share 0):
        the ``by`` column, ``set, label, n`` (hits), ``articles`` (articles with a hit of the
        label), ``set_n`` (hits of the set in the group), ``set_articles``, ``share``,
        ``ci_low, ci_high`` and ``few``.
    """
    corpus = getattr(corpus, "corpus", corpus)
    check_group(corpus, by)
    hits = label_hits(corpus, labels, by=by, window=0) if hits is None else hits
    group_col = by if by in hits.columns else "outlet"
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2
    pairs = list(dict.fromkeys(zip(labels["set"], labels["label"])))
    rows = []
    for group, articles in corpus.groupby(by, sort=True)["article_id"]:
        ids = articles.tolist()
        index = {a: i for i, a in enumerate(ids)}
        part = hits[hits[group_col] == group]
        for set_ in dict.fromkeys(labels["set"]):
            names = [lab for s, lab in pairs if s == set_]
            counts = np.zeros((len(ids), len(names)))
            sub = part[part["set"] == set_]
            for aid, lab in zip(sub["article_id"], sub["label"]):
                counts[index[aid], names.index(lab)] += 1
            total = counts.sum()
            with_hits = np.flatnonzero(counts.sum(axis=1) > 0)
            lows, highs = _cluster_interval(counts, with_hits, n_boot, rng, tail)
            for k, lab in enumerate(names):
                n = counts[:, k].sum()
                rows.append((group, set_, lab, int(n), int((counts[:, k] > 0).sum()), int(total),
                             len(with_hits), n / total if total else np.nan, lows[k], highs[k],
                             len(with_hits) < min_articles))
    return pd.DataFrame(rows, columns=[by, "set", "label", "n", "articles", "set_n",
                                       "set_articles", "share", "ci_low", "ci_high", "few"])


def _cluster_interval(counts, with_hits, n_boot, rng, tail):
    """Percentile interval of each label's share, resampling the articles (rows)."""
    n_articles, n_labels = counts.shape
    if len(with_hits) == 0:
        return [np.nan] * n_labels, [np.nan] * n_labels
    # Only the articles with hits change the shares; how often each is drawn out of
    # n_articles draws is multinomial, so the zero rows need not be materialised.
    probs = np.full(n_articles, 1.0 / n_articles)
    hit_counts = counts[with_hits]
    shares = []
    for start in range(0, n_boot, 500):  # bounded memory on large groups
        size = min(500, n_boot - start)
        draws = rng.multinomial(n_articles, probs, size=size)[:, with_hits]
        sums = draws @ hit_counts
        totals = sums.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares.append(sums / totals)
    shares = np.vstack(shares)
    lows = np.nanquantile(shares, tail, axis=0)
    highs = np.nanquantile(shares, 1 - tail, axis=0)
    return lows, highs


def label_figure(shares: pd.DataFrame, by: str = "outlet", groups=None, colours=None):
    """Each group's share of each label, one panel per set: stacked horizontal bars (one bar
    per group) with the hits behind each bar at its end, and the 95% interval of the first
    label's share as a line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from .figures import empty_figure, palette

    if shares.empty or shares["set_n"].sum() == 0:
        return empty_figure("no label of the table occurs in the corpus",
                            f"Competing labels, by {grouping_name(by)}")
    sets = list(dict.fromkeys(shares["set"]))
    groups = list(groups) if groups is not None else sorted(shares[by].unique())
    colours = colours or palette()
    height = sum(0.28 * len(groups) + 0.9 for _ in sets) + 0.4
    fig, axes = plt.subplots(len(sets), 1, figsize=(7.0, height), squeeze=False,
                             gridspec_kw={"height_ratios": [len(groups) + 2.5] * len(sets)},
                             layout="constrained")
    for ax, set_ in zip(axes[:, 0], sets):
        part = shares[(shares["set"] == set_) & shares[by].isin(groups)]
        names = list(dict.fromkeys(part["label"]))
        y = np.arange(len(groups))
        left = np.zeros(len(groups))
        for k, name in enumerate(names):
            vals = (part[part["label"] == name].set_index(by)["share"].reindex(groups)
                    .fillna(0).to_numpy())
            ax.barh(y, vals, left=left, color=colours[k % len(colours)], label=name,
                    height=0.7)
            left += vals
        totals = part.drop_duplicates(by).set_index(by)["set_n"].reindex(groups).fillna(0)
        first = part[part["label"] == names[0]].set_index(by).reindex(groups)
        for yy, (g, n) in enumerate(totals.items()):
            ax.text(1.01, yy, f"n={int(n)}", va="center", fontsize=7, color="#444444")
            lo, hi = first.loc[g, "ci_low"], first.loc[g, "ci_high"]
            if n and lo == lo and hi > lo:
                ax.plot([lo, hi], [yy, yy], color="black", linewidth=1.0)
        ax.set_yticks(y, [textwrap_label(g) for g in groups], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"], fontsize=8)
        ax.set_title(set_, fontsize=9, loc="left", pad=16)  # room for the legend below it
        ax.grid(False)
        ax.legend(fontsize=7, ncol=min(len(names), 4), loc="lower left",
                  bbox_to_anchor=(0.0, 1.0), frameon=False, borderaxespad=0.1,
                  handlelength=1.2, columnspacing=1.0)
    fig.suptitle(f"Which label each {grouping_name(by)} uses (share of the set's hits; line: "
                 "95% interval of the first label)", fontsize=9)
    return fig


def textwrap_label(value, width: int = 30) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(str(value), width)[:2])
