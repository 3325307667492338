"""Keyword in context: every hit of a word, phrase, pattern or actor, with its context.

A framing researcher reads words in context before trusting a statistic. A query is

* a **word or phrase** (``"withdrawal"``, ``"peace talks"``): whole words, any case, any white
  space between the words; ``*`` stands for any letters (``"withdr*"``);
* a **regular expression**, written ``re:<pattern>`` as in the codebook (case-insensitive);
* a codebook **actor id** (``"putin"``, or ``actor:putin`` to be explicit): every alias of the
  actor, found exactly as :func:`framing.find_mentions` finds mentions (longest alias wins,
  acronyms in capitals only).

Hits are found in each article's clean text, one row per hit, and placed in their sentence
(:func:`framing.sentences`); the context is the words of that sentence before and after the
hit. One pass over the text per article: linear in the corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
import pandas as pd

from .errors import FramingError
from .actors import MentionFinder, load_codebook
from .grouping import check_group, group_of
from .text import sentence_spans

#: Columns of :func:`concordance`, before the grouping column (when it is not ``outlet``).
CONCORDANCE_COLUMNS = ["article_id", "outlet", "sentence", "left", "match", "right", "actor",
                       "start", "end", "sentence_text"]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"[\w’'-]+")


class QueryError(FramingError, ValueError):
    """A query cannot be searched (empty, malformed, unknown actor id); one line for the user."""


def compile_query(query: str, codebook: pd.DataFrame | None = None):
    """What a query searches for: ``("actor", actor_id, MentionFinder)`` or
    ``("pattern", query, compiled regex)``. See the module docstring for the query forms.

    Raises
    ------
    QueryError
        Empty query, malformed regular expression, or an unknown actor id (``actor:x``, or a
        word with ``_`` that is not an actor of the codebook).
    """
    if not isinstance(query, str) or not query.strip():
        raise QueryError(f"empty query {query!r}: give a word, a phrase, re:<pattern> or an "
                         "actor id")
    query = query.strip()
    if query.startswith("re:"):
        return "pattern", query, query_regex(query)
    explicit = query.startswith("actor:")
    name = query[6:].strip() if explicit else query
    if explicit or _ID.match(name):
        book = load_codebook() if codebook is None else codebook
        ids = list(dict.fromkeys(book["actor"]))
        if name in ids:
            return "actor", name, MentionFinder(book[book["actor"] == name])
        if explicit or "_" in name:
            raise QueryError(f"unknown actor id {name!r}; the codebook's actors are "
                             f"{', '.join(ids)}")
    return "pattern", query, phrase_pattern(query)


def query_regex(pattern: str) -> re.Pattern:
    """``re:<pattern>`` compiled (case-insensitive), or a word/phrase as
    :func:`phrase_pattern`; :class:`QueryError` for a malformed or empty-matching pattern."""
    if not pattern.startswith("re:"):
        return phrase_pattern(pattern)
    try:
        rx = re.compile(pattern[3:], re.IGNORECASE)
    except re.error as err:
        raise QueryError(f"malformed pattern {pattern!r}: {err}") from None
    if rx.search("") is not None:
        raise QueryError(f"pattern {pattern!r} matches the empty string; it would hit "
                         "everywhere")
    return rx


def phrase_pattern(phrase: str) -> re.Pattern:
    """Whole words, any case, any white space between words, ``*`` for any letters."""
    words = phrase.split()
    parts = []
    for w in words:
        parts.append(r"[\w’'-]*".join(re.escape(p).replace("'", "['’]").replace("’", "['’]")
                                       for p in w.split("*")))
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def _hits(text: str, kind: str, matcher):
    """(start, end) of each hit in an article's text."""
    if kind == "pattern":
        return [(m.start(), m.end()) for m in matcher.finditer(text) if m.end() > m.start()]
    return None  # actors are searched sentence by sentence, as find_mentions does


def _context(sentence: str, s: int, e: int, window: int) -> tuple[str, str]:
    """The ``window`` words before ``sentence[s:e]`` and after it."""
    left = sentence[:s].split()
    right = sentence[e:].split()
    return " ".join(left[-window:]) if window else "", " ".join(right[:window]) if window else ""


def concordance(corpus, query: str, window: int = 8, by: str = "outlet",
                codebook: pd.DataFrame | None = None, sort: str = "right") -> pd.DataFrame:
    """Every hit of ``query`` with the words around it (keyword in context).

    Parameters
    ----------
    corpus : DataFrame or Analysis
        From :func:`framing.load_corpus` (needs ``article_id``, ``outlet``, ``text``), or an
        :class:`framing.Analysis` (an actor query then reads its ``mentions`` table instead of
        searching again; the codebook is the analysis's own).
    query : str
        A word, a phrase, ``re:<pattern>`` or a codebook actor id (see the module docstring).
    window : int
        Words of context on each side, within the sentence.
    by : str
        The grouping column (a corpus column; see :func:`framing.load_grouped`).
    codebook : DataFrame, optional
        For actor queries (:func:`framing.load_codebook`); ``None`` loads the case study's.
    sort : {"right", "left", "text"}
        Order of the rows: by the next words (the usual KWIC order), by the previous words
        (read backwards from the hit), or in text order (group, article, position).

    Returns
    -------
    DataFrame
        One row per hit: ``article_id, outlet``, the ``by`` column when it is not ``outlet``,
        ``sentence`` (0-based index within the article), ``left, match, right`` (the context
        and the hit as written), ``actor`` (the actor id for an actor query, else ""),
        ``start, end`` (offsets into the article's ``text``) and ``sentence_text``.

    Raises
    ------
    QueryError
        Empty or malformed query, unknown actor id.
    GroupingError
        ``by`` is not a column of the corpus.

    Examples
    --------
    >>> lines = framing.concordance(corpus, "withdrawal", window=6)   # doctest: +SKIP
    >>> print(framing.concordance_text(lines))                         # doctest: +SKIP
    """
    analysis = corpus if hasattr(corpus, "mentions") else None
    corpus = getattr(corpus, "corpus", corpus)
    check_group(corpus, by)
    if analysis is not None and codebook is None:
        codebook = analysis.codebook
    if sort not in ("right", "left", "text"):
        raise QueryError(f"sort must be 'right', 'left' or 'text', not {sort!r}")
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise QueryError(f"window must be a number of words (0 or more), not {window!r}")
    kind, name, matcher = compile_query(query, codebook)
    extra = [by] if by != "outlet" else []
    if kind == "actor" and analysis is not None and "sentence_text" in analysis.mentions:
        return _from_mentions(analysis, name, window, by, sort)
    rows = []
    for aid, outlet, group, text in corpus[["article_id", "outlet", by, "text"]].itertuples(
            index=False):
        if kind == "pattern":
            hits = _hits(text, kind, matcher)
            if not hits:
                continue
            spans = sentence_spans(text)
            starts = [s for _, s, _ in spans]
            for s, e in hits:
                k = max(bisect_right(starts, s) - 1, 0)
                _, s0, e0 = spans[k]
                sent = text[s0:e0]
                # a hit that runs past its sentence's end is cut there for the context
                left, right = _context(sent, s - s0, min(e, e0) - s0, window)
                rows.append((aid, outlet, group, k, left, text[s:e], right, "", s, e, sent))
        else:
            if not matcher.find(text):  # quick rejection: most articles never name the actor
                continue
            for k, (_, s0, e0) in enumerate(sentence_spans(text)):
                sent = text[s0:e0]
                for s, e, actor, _ in matcher.find(sent):
                    left, right = _context(sent, s, e, window)
                    rows.append((aid, outlet, group, k, left, sent[s:e], right, actor, s0 + s,
                                 s0 + e, sent))
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "_group", *CONCORDANCE_COLUMNS[2:]])
    if extra:
        frame = frame.rename(columns={"_group": by})
        frame = frame[["article_id", "outlet", by, *CONCORDANCE_COLUMNS[2:]]]
    else:
        frame = frame.drop(columns="_group")
    for col in ("sentence", "start", "end"):
        frame[col] = frame[col].astype(np.int64)
    return sort_concordance(frame, sort)


def _from_mentions(analysis, actor: str, window: int, by: str, sort: str) -> pd.DataFrame:
    """An actor's concordance from an analysis's mentions (found once, by analyze)."""
    m = analysis.mentions[analysis.mentions["actor"] == actor]
    context = [_context(t, s, e, window) for t, s, e in
               zip(m["sentence_text"], m["start"], m["end"])]
    frame = pd.DataFrame({
        "article_id": m["article_id"].to_numpy(), "outlet": m["outlet"].to_numpy(),
        **({by: group_of(m, analysis.corpus, by).to_numpy()} if by != "outlet" else {}),
        "sentence": m["sentence"].to_numpy(dtype=np.int64),
        "left": [c[0] for c in context], "match": m["alias"].to_numpy(),
        "right": [c[1] for c in context], "actor": actor,
        "start": m["article_start"].to_numpy(dtype=np.int64),
        "end": m["article_end"].to_numpy(dtype=np.int64),
        "sentence_text": m["sentence_text"].to_numpy()})
    return sort_concordance(frame, sort)


def sort_concordance(frame: pd.DataFrame, sort: str = "right") -> pd.DataFrame:
    """Rows ordered by the next words (``"right"``), the previous words read backwards
    (``"left"``) or text order (``"text"``); ties in text order."""
    if frame.empty or sort == "text":
        return frame.sort_values(["article_id", "start"], kind="stable", ignore_index=True) \
            if not frame.empty else frame.reset_index(drop=True)
    if sort == "right":
        key = frame["right"].str.casefold().str.lstrip("\"“‘'(")
    else:
        key = frame["left"].map(lambda s: " ".join(reversed(s.casefold().split())))
    return (frame.assign(_key=key).sort_values(["_key", "article_id", "start"], kind="stable")
            .drop(columns="_key").reset_index(drop=True))


def concordance_text(frame: pd.DataFrame, width: int = 48, group: str = "outlet",
                     group_width: int = 30, limit: int | None = 60) -> str:
    """A concordance as aligned plain text (one line per hit, the matches in one column):
    ``group | ...left  [match]  right...``. ``limit`` lines at most (``None``: all), with a
    note of how many were left out."""
    if frame.empty:
        return "(no hits)"
    shown = frame if limit is None else frame.head(limit)
    group_width = min(group_width, max(len(str(g)) for g in shown[group]))
    lines = []
    for g, left, match, right in shown[[group, "left", "match", "right"]].itertuples(
            index=False):
        g = str(g)
        g = g if len(g) <= group_width else g[:group_width - 1] + "…"
        left = left if len(left) <= width else "…" + left[-(width - 1):]
        right = right if len(right) <= width else right[:width - 1] + "…"
        lines.append(f"{g:<{group_width}} | {left:>{width}}  [{' '.join(match.split())}]  {right}")
    if len(frame) > len(shown):
        lines.append(f"... {len(frame) - len(shown)} more line(s) in the table")
    return "\n".join(lines)
