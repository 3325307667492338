"""Actors: an editable codebook, and every mention of an actor in the sentences.

The codebook is a CSV a researcher edits without touching code
(``seeds/actors.csv`` for the case study), one row per actor:

``actor``    identifier (lower case letters, digits, ``_``), unique
``label``    the name shown in tables and figures
``camp``     the side the actor belongs to (``russia``, ``syria_gov``, ...)
``camp_label`` optional: the camp's name in words, for tables and figures
``type``     optional: ``person`` or ``group`` (default ``group``); used to resolve
             "he"/"she" only to people
``aliases``  ways the text names the actor, separated by ``|``. An alias is a
             literal phrase; ``re:<pattern>`` is a regular expression.
``notes``    optional

What counts as a mention (and what does not):

* An alias matches as a whole word or phrase; a possessive counts ("Russia's"
  is a mention of Russia, the span covering "Russia").
* The longest alias wins ("Russian Defence Ministry" is one mention of the
  military, not a mention of Russia plus one of the ministry).
* Case: an alias written with two or more capitals in a row (an acronym: "US",
  "UN", "IS") matches only in that exact case, so "us" and "is" never match.
  Other aliases ignore case ("defence ministry" = "Defence Ministry").
* The adjective "Russian" on its own is *not* a mention of the Russian state:
  "Russian citizens" or "a Russian soldier" are not the government speaking or
  acting. Specific phrases are listed instead ("Russian forces", "Russian
  warplanes", "Russian Defence Ministry").
* Pronouns ("he", "it") are not resolved: only named mentions count.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FramingError
from .language import fold, trie_pattern
from .paths import case_study
from .tables import read_checked_csv

#: Camps used by the case study's codebook.
CASE_STUDY_CAMPS = ("russia", "syria_gov", "syria_opposition", "west", "un", "media",
                    "armed_groups")
CODEBOOK_COLUMNS = ("actor", "label", "camp", "aliases")
#: The case study's codebook (in the source checkout, or shipped inside the wheel).
DEFAULT_CODEBOOK = case_study("seeds", "actors.csv").resolve()
MENTION_COLUMNS = ["article_id", "outlet", "sentence", "actor", "camp", "alias", "start", "end",
                   "article_start", "article_end"]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ACRONYM = re.compile(r"[A-Z]{2}")


class CodebookError(FramingError, ValueError):
    """The codebook is malformed; the message names the file and row."""


def load_codebook(path=None, camps=None) -> pd.DataFrame:
    """Load and check an actor codebook.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``actor, label, camp, aliases`` (optional ``notes``).
        ``None`` gives the case study's codebook (``seeds/actors.csv``).
    camps : iterable of str, optional
        The allowed camps. ``None``: the case study's camps for the case study's
        codebook; any identifier for another codebook.

    Returns
    -------
    DataFrame
        One row per alias: ``actor, label, camp, type, alias, regex, case_sensitive,
        camp_label``.

    Raises
    ------
    CodebookError
        Naming the file and row: missing column, empty or duplicate actor id,
        unknown camp, empty alias, malformed pattern, alias claimed by two actors, a
        camp given two different ``camp_label`` values.
    """
    path = Path(path) if path is not None else DEFAULT_CODEBOOK
    if camps is None and path.resolve() == DEFAULT_CODEBOOK:
        camps = CASE_STUDY_CAMPS
    _, reader = read_checked_csv(path, CODEBOOK_COLUMNS, "codebook", CodebookError)
    rows, seen_actor, seen_alias, camp_names = [], {}, {}, {}
    for n, row in reader:
        at = f"{path} row {n}"
        actor = (row.get("actor") or "").strip()
        camp = (row.get("camp") or "").strip()
        label = (row.get("label") or "").strip() or actor
        kind = (row.get("type") or "").strip() or "group"
        camp_label = (row.get("camp_label") or "").strip()
        if camp_label:
            first = camp_names.setdefault(camp, (camp_label, n))
            if first[0] != camp_label:  # figures and tables name a camp one way
                raise CodebookError(f"{at}: camp {camp!r} is labelled {camp_label!r} here and "
                                    f"{first[0]!r} in row {first[1]}; give the camp one "
                                    "camp_label (or leave the others empty)")
        if kind not in ("person", "group"):
            raise CodebookError(f"{at}: type {kind!r} must be 'person' or 'group' (or empty)")
        if not _ID.match(actor):
            raise CodebookError(f"{at}: actor id {actor!r} must be lower-case letters, digits "
                                "and _, starting with a letter")
        if actor in seen_actor:
            raise CodebookError(f"{at}: duplicate actor id {actor!r} (also row {seen_actor[actor]})")
        seen_actor[actor] = n
        if not _ID.match(camp):
            raise CodebookError(f"{at}: camp {camp!r} must be an identifier like 'russia'")
        if camps is not None and camp not in camps:
            raise CodebookError(f"{at}: unknown camp {camp!r}; known camps: {', '.join(camps)}")
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|")]
        if not any(aliases):
            raise CodebookError(f"{at}: actor {actor!r} has no aliases")
        for alias in aliases:
            if not alias:
                raise CodebookError(f"{at}: empty alias in {row.get('aliases')!r} (check for a "
                                    "doubled or trailing '|')")
            is_regex = alias.startswith("re:")
            if is_regex:
                try:
                    re.compile(alias[3:])
                except re.error as err:
                    raise CodebookError(f"{at}: malformed pattern {alias!r}: {err}") from None
            key = alias if (is_regex or _ACRONYM.search(alias)) else alias.casefold()
            if key in seen_alias and seen_alias[key][0] != actor:
                raise CodebookError(f"{at}: alias {alias!r} is also given for actor "
                                    f"{seen_alias[key][0]!r} (row {seen_alias[key][1]})")
            seen_alias[key] = (actor, n)
            rows.append((actor, label, camp, kind, alias[3:] if is_regex else alias, is_regex,
                         bool(is_regex or _ACRONYM.search(alias))))
    if not rows:
        raise CodebookError(f"{path}: the codebook has no actors")
    frame = pd.DataFrame(rows, columns=["actor", "label", "camp", "type", "alias", "regex",
                                        "case_sensitive"])
    frame["camp_label"] = [camp_names[c][0] if c in camp_names else _words(c)
                           for c in frame["camp"]]
    return frame


def _words(identifier: str) -> str:
    return identifier.replace("_", " ").capitalize()


def camp_labels(codebook: pd.DataFrame) -> dict[str, str]:
    """``{camp id: camp name in words}``, plus ``"not_in_codebook"`` (a named speaker the
    codebook lacks) and ``"unknown"`` (the text does not say who speaks)."""
    labels = dict(zip(codebook["camp"], codebook["camp_label"])) if "camp_label" in codebook \
        else {c: _words(c) for c in codebook["camp"]}
    labels["not_in_codebook"] = "not in codebook"  # a named speaker with no codebook row
    labels["unknown"] = "unknown"
    return labels


class MentionFinder:
    """Find codebook aliases in text: longest match wins, acronyms case-sensitive."""

    def __init__(self, codebook: pd.DataFrame):
        literal = codebook[~codebook["regex"]]
        self.exact = {a: (act, camp) for a, act, camp, cs in zip(
            literal["alias"], literal["actor"], literal["camp"], literal["case_sensitive"]) if cs}
        self.folded = {fold(a): (act, camp) for a, act, camp, cs in zip(
            literal["alias"], literal["actor"], literal["camp"], literal["case_sensitive"])
            if not cs}
        words = sorted({fold(a) for a in literal["alias"]})
        parts = [trie_pattern(words)] if words else []
        self.regexes = [(re.compile(p), act, camp) for p, act, camp in zip(
            codebook.loc[codebook["regex"], "alias"], codebook.loc[codebook["regex"], "actor"],
            codebook.loc[codebook["regex"], "camp"])]
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])",
                                  re.IGNORECASE) if parts else None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, actor, camp) for each mention, in text order, not overlapping."""
        found = []
        if self.pattern is not None:
            pos = 0
            while True:
                m = self.pattern.search(text, pos)
                if m is None:
                    break
                hit = self._resolve(text, m.start(), m.end())
                if hit is None:
                    pos = m.start() + 1
                    continue
                found.append(hit)
                pos = hit[1]
        for rx, actor, camp in self.regexes:
            for m in rx.finditer(text):
                if m.end() > m.start() and not any(s < m.end() and m.start() < e
                                                   for s, e, _, _ in found):
                    found.append((m.start(), m.end(), actor, camp))
        found.sort()
        return found

    def _resolve(self, text, start, end):
        """The longest alias starting at ``start`` whose case rule holds."""
        # The regex matched the longest alias ignoring case; an acronym that is not in
        # its exact case ("us" for "US") falls back to a shorter alias at that place.
        while end > start:
            span = text[start:end]
            if span in self.exact:
                return (start, end, *self.exact[span])
            key = fold(span)
            if key in self.folded:
                return (start, end, *self.folded[key])
            m = self.pattern.match(text, start, end - 1) if end - 1 > start else None
            if m is None:
                return None
            end = m.end()
        return None


def find_mentions(sentences: pd.DataFrame, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of a codebook actor in every sentence.

    Parameters
    ----------
    sentences : DataFrame
        As returned by :func:`framing.sentences` (``article_id, outlet,
        sentence, start, text``).
    codebook : DataFrame, optional
        As returned by :func:`load_codebook`; ``None`` loads the case study's.

    Returns
    -------
    DataFrame
        One row per mention: ``article_id, outlet, sentence, actor, camp,
        alias`` (the words as written), ``start, end`` (offsets into the
        sentence text) and ``article_start, article_end`` (offsets into the
        article's clean text).
    """
    codebook = load_codebook() if codebook is None else codebook
    finder = MentionFinder(codebook)
    rows = []
    for aid, outlet, sent, s0, text in sentences[["article_id", "outlet", "sentence", "start",
                                                  "text"]].itertuples(index=False):
        for s, e, actor, camp in finder.find(text):
            rows.append((aid, outlet, sent, actor, camp, text[s:e], s, e, s0 + s, s0 + e))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for col in ("sentence", "start", "end", "article_start", "article_end"):
        frame[col] = frame[col].astype(np.int64)
    return frame
