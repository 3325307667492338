"""Quoted passages: where the quotation marks are, and the sentences around them.

``quote_spans(text)`` finds the spans between quotation marks, paragraph by
paragraph. It pairs curly quotes (“ … ”) and straight quotes (" … "), mixed in
one text. A paragraph that opens a quote without closing it (the convention for
a quote that runs over several paragraphs) is quoted to its end. An odd number
of marks never raises: an unmatched closing mark is ignored.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from ..text import paragraph_spans

_MARK = re.compile(r"[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, the marks excluded, in text order.

    Parameters
    ----------
    text : str
        Clean text, paragraphs separated by blank lines.

    Returns
    -------
    list of (int, int)
        Offsets of the quoted words, sorted, not overlapping.

    Examples
    --------
    >>> text = 'He said: “One thing.” Later "another," she added.'
    >>> [text[s:e] for s, e in quote_spans(text)]
    ['One thing.', 'another,']
    """
    spans = []
    for pstart, pend in paragraph_spans(text):
        open_at = None
        for m in _MARK.finditer(text, pstart, pend):
            ch = m.group()
            if open_at is None:
                if ch == "”":
                    continue  # a closing mark with nothing open
                open_at = m.end()
            elif ch in "”\"":
                if m.start() > open_at:
                    spans.append((open_at, m.start()))
                open_at = None
            else:  # “ while a quote is open: the earlier mark was never closed
                open_at = m.end()
        if open_at is not None and pend > open_at:
            spans.append((open_at, pend))
    return spans


def inside(pos: int, spans) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, not overlapping)?"""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# Full stops that end an abbreviation, not a sentence, inside speaker phrases ("Rep.",
# "U.S.", "(R-Calif.)", "Elijah E. Cummings"). They are replaced by a look-alike of the same
# length before the speaker patterns run, so offsets stay those of the original text.
_ABBREV_DOT = re.compile(
    r"\b(?=[A-Z])(?:(?:[A-Z]\.){2,}(?=[\s,)])"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Prof|Rev|St|Jr|Sr|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Mass|Md|Mich|Minn|Miss|Mo|Mont|"
    r"Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|No|Inc|Corp|Co|Ltd)\.(?=[\s,)])"
    # a middle initial between two names: "Elijah E. Cummings"
    r"|(?<=[a-z] )[A-Z]\.(?= [A-Z][a-z]))")
DOT = "\u2024"  # ONE DOT LEADER


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations replaced by :data:`DOT` (same length)."""
    return _ABBREV_DOT.sub(lambda m: m.group().replace(".", DOT), text)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class SentenceIndex:
    """Sentence ends of each paragraph, found once per paragraph (one regex pass), so that
    the sentence around any position is a binary search, not a rescan of the paragraph:
    quotes in a one-line 1 MB article stay linear."""

    def __init__(self, text: str):
        self.text, self._paras = text, {}

    def bounds(self, pstart: int, pend: int, pos: int) -> tuple[int, int]:
        """Start and end of the sentence around ``pos`` within a paragraph (quote-aware
        enough: a full stop inside quotation marks closes a sentence only before a capital).
        The start is the end of the last boundary whose look-ahead lies before ``pos``."""
        index = self._paras.get(pstart)
        if index is None:
            text, starts, ends, seen = self.text, [], [], []
            for m in _SENTENCE_END.finditer(text, pstart, pend):
                starts.append(m.start())
                ends.append(m.end())
                # the next sentence starts at its opening mark, if any: a quote that opens a
                # sentence belongs to it, not to the sentence before (no attribution across
                # a sentence boundary)
                seen.append(m.end() + 1)
            index = self._paras[pstart] = (starts, ends, seen)
        starts, ends, seen = index
        k = bisect.bisect_right(seen, pos)
        start = ends[k - 1] if k else pstart
        j = bisect.bisect_left(starts, pos)
        return start, (starts[j] + 1 if j < len(starts) else pend)


def mark_quoted(mentions: pd.DataFrame, corpus: pd.DataFrame, spans: dict | None = None
                ) -> pd.DataFrame:
    """Add ``in_quote`` (bool) to a mentions frame: True when the mention lies inside
    quoted speech, i.e. in a source's words rather than the outlet's narration.
    ``spans`` (optional): ``{article_id: quote_spans(text)}`` if already computed."""
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    known = spans or {}
    in_quote = np.zeros(len(mentions), dtype=bool)
    for aid, idx in mentions.groupby("article_id").indices.items():
        spans = known[aid] if aid in known else quote_spans(texts[aid])
        if not spans:
            continue
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        ms = mentions["article_start"].to_numpy()[idx]
        me = mentions["article_end"].to_numpy()[idx]
        k = np.searchsorted(starts, ms, side="right") - 1
        ok = k >= 0
        in_quote[idx[ok]] = me[ok] <= ends[k[ok]]
    out = mentions.copy()
    out["in_quote"] = in_quote
    return out
