"""Collocates of an actor: the words each group writes around each actor.

For every mention of an actor (:attr:`framing.Analysis.mentions`), the ``window`` words on
each side within its sentence are the actor's context. A word position near two mentions of
the same actor counts once, and the actor's own names are not their own context. Stop words
(``framing.terms.STOP_WORDS``) are counted in the window but never reported as collocates.

Statistics, per group, actor and term (Rychlý 2008; Dunning 1993):

``n``         co-occurrences: word positions of the term in the actor's windows;
``articles``  in how many articles those co-occurrences are (one article cannot carry a result
              unnoticed);
``log_dice``  ``14 + log2(2 n / (f_actor + f_term))``, ``f_actor`` the actor's mentions and
              ``f_term`` the term's count in the group: at most 14, independent of corpus size;
``g2``        log-likelihood of the 2x2 table (in the windows or not, the term or not), signed
              (+ the term is attracted to the actor, - repelled), with its ``p`` (chi-squared,
              1 df, uncorrected for the many terms tested).

One pass over the text per group for the term counts, one over the mentions for the windows:
linear in the corpus (``scripts/bench_collocates.py``).
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import numpy as np
import pandas as pd
from scipy.stats import chi2

from .grouping import check_group, group_of, grouping_name
from .terms import STOP_WORDS, Normaliser

MEASURES = ("log_dice", "g2", "mi")
#: A word: a letter, then letters, digits and hyphens ("pull-out"); a possessive is apart.
WORD = re.compile(r"[^\W\d_][\w-]*")
COLLOCATE_COLUMNS = ["actor", "term", "n", "articles", "score", "log_dice", "g2", "p",
                     "mentions", "term_count", "window_words", "group_words"]


def term_frequencies(corpus: pd.DataFrame, by: str = "outlet",
                     normalisation: pd.DataFrame | None = None) -> dict:
    """``{group: (Counter of terms, total words)}``: every word of every article, lower case,
    by group (the denominators of :func:`collocates`; compute once, pass to every call)."""
    check_group(corpus, by)
    folded = _folder(normalisation)
    out: dict = {}
    for group, part in corpus.groupby(by, sort=True):
        counts: Counter = Counter()
        total = 0
        for text in part["text"]:
            words = WORD.findall(text.lower())
            total += len(words)
            counts.update(words)
        if folded:
            merged: Counter = Counter()
            for w, c in counts.items():
                merged[folded.get(w, w)] += c
            counts = merged
        out[group] = (counts, total)
    return out


def _folder(normalisation) -> dict:
    """One-word spelling variants -> canonical form (lower case)."""
    if normalisation is None or len(normalisation) == 0:
        return {}
    norm = Normaliser(normalisation)
    return {v: c.lower() for v, c in norm.mapping.items() if " " not in v and " " not in c}


def collocates(analysis, actor=None, by: str = "outlet", window: int = 5,
               measure: str = "log_dice", min_n: int = 1, min_articles: int = 1,
               normalisation: pd.DataFrame | None = None, frequencies: dict | None = None,
               stop_words=STOP_WORDS) -> pd.DataFrame:
    """The words around each actor, per group.

    Parameters
    ----------
    analysis : Analysis
        From :func:`framing.analyze` (its ``mentions`` and ``corpus``).
    actor : str or list of str, optional
        Codebook actor id(s); ``None`` for every actor mentioned.
    by : str
        Grouping column of the corpus (``outlet``, or any column from
        :func:`framing.load_grouped`).
    window : int
        Words on each side of a mention, within its sentence.
    measure : {"log_dice", "g2", "mi"}
        What ``score`` (the ranking) is: log-Dice, signed G2, or mutual information
        (``log2(n / expected)``, which favours rare words).
    min_n, min_articles : int
        Keep terms with at least this many co-occurrences, in at least this many articles.
    normalisation : DataFrame, optional
        A spelling table (:func:`framing.terms.load_normalisation`): one-word variants are
        counted as their canonical form. ``None``: words as written (lower case).
    frequencies : dict, optional
        :func:`term_frequencies` of the same corpus, grouping and normalisation, to reuse.

    Returns
    -------
    DataFrame
        One row per group, actor and term, best ``score`` first within group and actor: the
        ``by`` column, ``actor, term, n, articles, score, log_dice, g2, p``, then ``mentions``
        (the actor's mentions in the group), ``term_count`` (the term in the whole group),
        ``window_words`` (word positions in the actor's windows) and ``group_words``.

    Raises
    ------
    QueryError
        Unknown actor id, unknown measure, or a negative window.
    GroupingError
        ``by`` is not a column of the corpus.

    Examples
    --------
    >>> result = framing.analyze(corpus, codebook)                       # doctest: +SKIP
    >>> framing.collocates(result, actor="putin", window=5).head()       # doctest: +SKIP
    """
    from .concordance import QueryError

    corpus = analysis.corpus
    check_group(corpus, by)
    if measure not in MEASURES:
        raise QueryError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise QueryError(f"window must be a number of words (1 or more), not {window!r}")
    known = list(dict.fromkeys(analysis.codebook["actor"]))
    if actor is None:
        actors = None
    else:
        actors = [actor] if isinstance(actor, str) else list(actor)
        unknown = [a for a in actors if a not in known]
        if unknown:
            raise QueryError(f"unknown actor id {unknown[0]!r}; the codebook's actors are "
                             f"{', '.join(known)}")
    mentions = analysis.mentions
    if actors is not None:
        mentions = mentions[mentions["actor"].isin(actors)]
    if frequencies is None:
        frequencies = term_frequencies(corpus, by, normalisation)
    folded = _folder(normalisation)
    groups = group_of(mentions, corpus, by).to_numpy()
    order = np.lexsort((mentions["start"].to_numpy(), mentions["actor"].to_numpy(),
                        mentions["sentence"].to_numpy(), mentions["article_id"].to_numpy()))
    aids, sents, acts, starts, ends = (mentions[c].to_numpy()[order].tolist() for c in (
        "article_id", "sentence", "actor", "start", "end"))
    groups = groups[order].tolist()
    texts = _sentence_texts(analysis, mentions)[order].tolist()
    # The loop only cuts windows; counting is done once at the end on integer codes.
    # Per visit (one sentence and actor): its cell (group, actor), its article, its words.
    cells: dict = {}
    visit_cell, visit_article, visit_words, visit_mentions, near_all = [], [], [], [], []
    i, total = 0, len(aids)
    while i < total:
        aid, sent, act = aids[i], sents[i], acts[i]
        j = i + 1
        while j < total and aids[j] == aid and sents[j] == sent and acts[j] == act:
            j += 1
        text = texts[i]
        if j == i + 1:
            s, e = starts[i], ends[i]
            left = WORD.findall(text[:s].lower())
            right = WORD.findall(text[e:].lower())
            near = left[max(len(left) - window, 0):]
            near.extend(right[:window])
        else:
            # The sentence's words outside this actor's mentions (its own names are not its
            # context), with the place of each mention among them.
            words, marks, pos = [], [], 0
            for s, e in zip(starts[i:j], ends[i:j]):
                if s < pos:  # overlapping rows (never from find_mentions): skip
                    continue
                words.extend(WORD.findall(text[pos:s].lower()))
                marks.append(len(words))
                pos = e
            words.extend(WORD.findall(text[pos:].lower()))
            near = [words[k] for k in sorted({k for m in marks for k in range(
                max(m - window, 0), min(m + window, len(words)))})]
        visit_cell.append(cells.setdefault((groups[i], act), len(cells)))
        visit_article.append(aid)
        visit_words.append(len(near))
        visit_mentions.append(j - i)
        near_all.extend(near)
        i = j
    return _score(_count(cells, visit_cell, visit_article, visit_words, visit_mentions,
                         near_all, folded, frozenset(stop_words)),
                  frequencies, by, measure, min_n, min_articles)


def _count(cells, visit_cell, visit_article, visit_words, visit_mentions, near_all, folded,
           stop) -> dict:
    """Co-occurrences and articles per (cell, term), mentions and window words per cell."""
    n_cells = len(cells)
    cell = np.asarray(visit_cell, dtype=np.int64)
    sizes = np.asarray(visit_words, dtype=np.int64)
    f_x = np.bincount(cell, weights=np.asarray(visit_mentions, float), minlength=n_cells)
    r1 = np.bincount(cell, weights=sizes.astype(float), minlength=n_cells)
    codes, vocab = pd.factorize(np.array(near_all, dtype=object))
    if folded:
        codes_f, vocab = pd.factorize(np.array([folded.get(w, w) for w in vocab], dtype=object))
        codes = codes_f[codes]
    # stop words are counted in the windows (r1) but never reported
    valid = np.fromiter((w not in stop and len(w) > 1 for w in vocab), bool, len(vocab))
    word_cell = np.repeat(cell, sizes)
    word_article = np.repeat(pd.factorize(np.array(visit_article, dtype=object))[0], sizes)
    keep = valid[codes] if len(codes) else np.zeros(0, bool)
    key = word_cell[keep] * max(len(vocab), 1) + codes[keep]
    art = word_article[keep]
    srt = np.lexsort((art, key))
    key, art = key[srt], art[srt]
    new_key = np.r_[True, key[1:] != key[:-1]] if len(key) else np.zeros(0, bool)
    new_pair = new_key | np.r_[True, art[1:] != art[:-1]] if len(key) else new_key
    first = np.flatnonzero(new_key)
    n = np.diff(np.r_[first, len(key)]).astype(float)
    arts = np.add.reduceat(new_pair.astype(np.int64), first) if len(first) else first
    ukey = key[first]
    cell_of = ukey // max(len(vocab), 1)
    names = list(cells)
    return {"group": np.array([names[c][0] for c in cell_of], dtype=object),
            "actor": np.array([names[c][1] for c in cell_of], dtype=object),
            "term": np.asarray(vocab, dtype=object)[ukey % max(len(vocab), 1)],
            "n": n, "arts": arts, "f_x": f_x[cell_of], "r1": r1[cell_of]}


def _sentence_texts(analysis, mentions) -> np.ndarray:
    """The text of each mention's sentence (``sentence_text`` of a scored mentions table, else
    looked up in the analysis's sentences)."""
    if "sentence_text" in mentions.columns:
        return mentions["sentence_text"].to_numpy()
    s = analysis.sentences
    lookup = dict(zip(zip(s["article_id"], s["sentence"]), s["text"]))
    return np.array([lookup[k] for k in zip(mentions["article_id"], mentions["sentence"])],
                    dtype=object)


def _score(counted, frequencies, by, measure, min_n, min_articles) -> pd.DataFrame:
    group, actor, term = counted["group"], counted["actor"], counted["term"]
    if not len(term):
        return pd.DataFrame(columns=[by, *COLLOCATE_COLUMNS, "rank"])
    n, arts, f_x, r1 = counted["n"], counted["arts"], counted["f_x"], counted["r1"]
    # a term's count in its group (never below its co-occurrences: a caller's frequencies
    # computed with another normalisation must not give a negative cell)
    f_y = np.maximum(np.array([frequencies[g][0].get(w, 0) for g, w in zip(group, term)],
                              dtype=float), n)
    total = np.array([frequencies[g][1] for g in group], dtype=float)
    log_dice = 14 + np.log2(2 * n / (f_x + f_y))
    # the 2x2 table: rows in the actor's windows or not, columns the term or another word
    obs = np.stack([n, r1 - n, f_y - n, total - r1 - f_y + n])
    row = np.stack([r1, r1, total - r1, total - r1])
    col = np.stack([f_y, total - f_y, f_y, total - f_y])
    expected = row * col / np.maximum(total, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms_ = np.where(obs > 0, obs * np.log(obs / expected), 0.0)
    g2 = 2 * terms_.sum(axis=0)
    g2 = np.where(n >= expected[0], g2, -g2)
    mi = np.log2(n / expected[0])
    score = {"log_dice": log_dice, "g2": g2, "mi": mi}[measure]
    # best first within group and actor; ties by count, then term (sorted codes: no object sort)
    g_code = pd.factorize(group, sort=True)[0]
    a_code = pd.factorize(actor, sort=True)[0]
    t_code = pd.factorize(term, sort=True)[0]
    keep = np.flatnonzero((n >= min_n) & (arts >= min_articles))
    order = keep[np.lexsort((t_code[keep], -n[keep], -score[keep], a_code[keep], g_code[keep]))]
    cell = g_code[order].astype(np.int64) * (a_code.max() + 1) + a_code[order]
    starts = np.r_[0, np.flatnonzero(np.diff(cell)) + 1] if len(order) else np.zeros(0, int)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)])) + 1
    return pd.DataFrame({by: group[order], "actor": actor[order], "term": term[order],
                         "n": n[order].astype(np.int64), "articles": arts[order],
                         "score": score[order], "log_dice": log_dice[order], "g2": g2[order],
                         "p": chi2.sf(np.abs(g2[order]), 1),
                         "mentions": f_x[order].astype(np.int64),
                         "term_count": f_y[order].astype(np.int64),
                         "window_words": r1[order].astype(np.int64),
                         "group_words": total[order].astype(np.int64),
                         "rank": rank.astype(np.int64)})


def main_actors(analysis, k: int = 4, min_mentions: int = 1) -> list[str]:
    """The ``k`` actors with the most mentions in the corpus (ties by id)."""
    counts = analysis.mentions.groupby("actor").size()
    counts = counts[counts >= min_mentions].reset_index(name="n")
    counts = counts.sort_values(["n", "actor"], ascending=[False, True])
    return counts["actor"].head(k).tolist()


def collocate_figure(table: pd.DataFrame, by: str = "outlet", actors=None, groups=None,
                     labels: dict | None = None, n: int = 8, colours: dict | None = None):
    """The words each group uses around each actor: a grid of word lists, one row per actor
    and one column per group, each word with its co-occurrence count (and, when more than
    one, the number of articles), best ``score`` first.

    Parameters
    ----------
    table : DataFrame
        From :func:`collocates`.
    actors, groups : list, optional
        Rows and columns, in order (default: every actor / group in the table; at most six
        groups fit a page's width: pass the ones to show).
    labels : dict, optional
        Actor id -> name for the row titles.
    n : int
        Words per cell.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from .figures import colour_map, empty_figure

    if table.empty:
        return empty_figure("no collocates: no actor is mentioned with words around it",
                            f"Words around each actor, by {grouping_name(by)}")
    actors = list(actors) if actors is not None else sorted(table["actor"].unique())
    groups = list(groups) if groups is not None else sorted(table[by].unique())
    labels = labels or {}
    colours = colours or colour_map(groups)
    width = 7.2  # fits an A4 or letter page with margins
    label_w = 1.1
    col_w = (width - label_w) / max(len(groups), 1)
    chars = max(int(col_w * 17), 8)  # characters of 6.5-point text per column
    line_h = 0.13
    fig_h = 0.5 + len(actors) * (n + 1.4) * line_h
    fig = plt.figure(figsize=(width, fig_h))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(fig_h, 0)
    ax.axis("off")
    y = 0.12
    ax.text(0.05, y, f"Words around each actor, by {grouping_name(by)}", fontsize=9,
            fontweight="bold", va="top")
    ax.text(width - 0.05, y, "word, co-occurrences (articles); best log-Dice first",
            fontsize=6.5, va="top", ha="right", color="#444444")
    y += 0.28
    for j, g in enumerate(groups):
        # the group's colour as a swatch, the name in black: a light colour (Sputnik's
        # yellow) is hard to read as text
        name = "\n".join(textwrap.wrap(str(g), chars - 4)[:2])
        x = label_w + j * col_w + 0.04
        ax.add_patch(Rectangle((x, y + 0.01), 0.08, 0.08, color=colours.get(g, "#000000"),
                               linewidth=0))
        ax.text(x + 0.12, y, name, fontsize=7, fontweight="bold", va="top")
    y += 0.32
    for a in actors:
        ax.plot([0.05, width - 0.05], [y - 0.04, y - 0.04], color="#CCCCCC", linewidth=0.6)
        ax.text(0.05, y, textwrap.fill(str(labels.get(a, a)), 16), fontsize=7,
                fontweight="bold", va="top")
        for j, g in enumerate(groups):
            cell = table[(table["actor"] == a) & (table[by] == g)].head(n)
            lines = []
            for term, count, arts in cell[["term", "n", "articles"]].itertuples(index=False):
                note = f"{count}" if arts <= 1 else f"{count} ({arts})"
                word = textwrap.shorten(term, max(chars - len(note) - 1, 4), placeholder="…")
                lines.append(f"{word} {note}")
            ax.text(label_w + j * col_w + 0.04, y, "\n".join(lines) if lines else "–",
                    fontsize=6.5, va="top", linespacing=1.25, family="DejaVu Sans")
        y += (n + 1.4) * line_h
    return fig
