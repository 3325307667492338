"""Quoted speech: where the quotation marks are.

``quote_spans(text)`` finds the spans between quotation marks, paragraph by
paragraph. It pairs curly quotes (“ … ”) and straight quotes (" … "), mixed in
one text. A paragraph that opens a quote without closing it (the convention for
a quote that runs over several paragraphs) is quoted to its end. An odd number
of marks never raises: an unmatched closing mark is ignored.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .text import paragraph_spans

_MARK = re.compile(r"[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, the marks excluded, in text order."""
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


def mark_quoted(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Add ``in_quote`` (bool) to a mentions frame: True when the mention lies inside
    quoted speech, i.e. in a source's words rather than the outlet's narration."""
    texts = corpus.set_index("article_id")["text"]
    inside = np.zeros(len(mentions), dtype=bool)
    for aid, idx in mentions.groupby("article_id").indices.items():
        spans = quote_spans(texts[aid])
        if not spans:
            continue
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        ms = mentions["article_start"].to_numpy()[idx]
        me = mentions["article_end"].to_numpy()[idx]
        k = np.searchsorted(starts, ms, side="right") - 1
        ok = k >= 0
        inside[idx[ok]] = me[ok] <= ends[k[ok]]
    out = mentions.copy()
    out["in_quote"] = inside
    return out
