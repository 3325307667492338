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
# Markup left in a text ('<tweet id="1">'): its quotation marks are not quotes.
_TAG = re.compile(r"<[A-Za-z/!][^<>\n]{0,400}>")
# Single quotation marks used as quotes (headlines, standfirsts): an opening mark at a word's
# start, a closing mark at a word's end; an apostrophe inside a word ("don’t") is not a mark.
_SINGLE = re.compile(
    r"(?<![\w’'‘])(?:'(?=[A-Za-z])((?:[^'\n]|(?<=\w)'(?=\w)){1,300}?[\w.,!?;:])'(?!\w)"
    r"|‘(?=\w)((?:[^‘’\n]|(?<=\w)’(?=\w)){1,300}?[\w.,!?;:])’(?!\w))")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, the marks excluded, in text order.

    Pairs curly and straight double quotes, mixed. A “ inside a quote opened by " is a
    nested quote, not a new one; a ” before a capital letter with no quote open opens one
    (a mistyped mark); marks inside markup (``<tweet a="b">``) are not quotes. Single
    quotation marks (‘...’ and '...' at word edges) are quotes outside double quotes;
    inside them they are part of the outer quote.

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
        found = []
        tags = [m.span() for m in _TAG.finditer(text, pstart, pend)] \
            if "<" in text[pstart:pend] else []
        open_at, opener, nested = None, "", False
        for m in _MARK.finditer(text, pstart, pend):
            if tags and inside(m.start(), tags):
                continue
            ch = m.group()
            if open_at is None:
                if ch == "”" and not text[m.end():m.end() + 1].isupper():
                    continue  # a closing mark with nothing open
                open_at, opener = m.end(), ch
            elif opener == '"' and ch == "“":
                nested = True  # a quote inside the quote
            elif nested and ch == "”":
                nested = False
            elif ch in "”\"":
                if m.start() > open_at:
                    found.append((open_at, m.start()))
                open_at, nested = None, False
            else:  # “ while a quote is open: the earlier mark was never closed
                open_at, opener = m.end(), ch
        if open_at is not None and pend > open_at:
            found.append((open_at, pend))
        if "'" in text[pstart:pend] or "‘" in text[pstart:pend]:
            singles = [m.span(1) if m.group(1) is not None else m.span(2)
                       for m in _SINGLE.finditer(text, pstart, pend)]
            singles = [(a, b) for a, b in singles if not any(a < e and s < b for s, e in found)
                       and not (tags and inside(a, tags))]
            if singles:
                found = sorted(found + singles)
        spans.extend(found)
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
