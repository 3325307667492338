"""A start for a codebook: frequent speakers and names the codebook does not cover.

Lives with the quotes (it reads the quote extractor's speakers), so that
:mod:`framing.actors` never imports :mod:`framing.quotes`: the dependency runs one way.
"""

from __future__ import annotations

import re

import pandas as pd

from ..actors import MentionFinder, load_codebook
from ..terms import _NAME_RUN, _trim
from .attribution import GENERIC, corpus_quotes


_SLUG = re.compile(r"[^a-z0-9]+")
#: Title words dropped from the front of a suggested name ("Secretary of State Mike Pompeo"
#: is found as "State Mike Pompeo"): the person is the candidate, the title an alias.
_LEADING_TITLES = frozenset(
    "State Secretary Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor President Vice "
    "Prime Minister Foreign Defense Defence Chairman Chief Deputy Gen Gen. General Adm Adm. "
    "Judge Justice Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Lord Dame Leader Speaker Ambassador "
    "Spokesman Spokeswoman Spokesperson Attorney".split())


def _drop_titles(name: str) -> str:
    words = name.split(" ")
    while len(words) > 2 and words[0] in _LEADING_TITLES:
        words.pop(0)
    return " ".join(words)


def _related(candidates: list[str]) -> list[str]:
    """For each candidate, the other candidates that share its last word ("Mattis",
    "Jim Mattis", "Secretary Mattis"): likely one actor, to merge into one row's aliases."""
    by_last: dict[str, list[str]] = {}
    for c in candidates:
        by_last.setdefault(c.split(" ")[-1].lower(), []).append(c)
    return [" | ".join(x for x in by_last[c.split(" ")[-1].lower()] if x != c)
            for c in candidates]


def suggest_codebook(corpus: pd.DataFrame, codebook: pd.DataFrame | None = None,
                     n: int = 60) -> pd.DataFrame:
    """Frequent speakers and names that the codebook does not cover: a start for a codebook
    for another story.

    Speakers come from the quote extractor (attributed speakers with no codebook actor);
    names are capitalised runs of two or more words. Pronouns and generic roles
    ("officials") are left out.

    Returns
    -------
    DataFrame
        One row per candidate, most frequent first: ``candidate``, ``kind`` ("speaker" or
        "name"), ``count``, ``articles``, ``example``, ``related`` (other candidates with the
        same last word, probably the same actor: merge them into one row's aliases), and the
        codebook columns to fill in:
        ``actor`` (a suggested id), ``label``, ``camp`` (empty: yours to decide), ``type``
        and ``aliases``.
    """
    codebook = load_codebook() if codebook is None else codebook
    finder = MentionFinder(codebook)
    units = corpus_quotes(corpus, codebook)
    spoken = units[(units["speaker"] != "") & (units["actor"] == "")
                   & ~units["speaker"].str.match(r"(?i)^(he|she)$")
                   & ~units["speaker"].str.match(GENERIC)]
    rows = []
    for speaker, part in spoken.groupby("speaker"):
        rows.append((speaker, "speaker", len(part), part["article_id"].nunique(),
                     part["quote"].iloc[0][:160]))
    counts: dict[str, list] = {}
    for aid, text in corpus[["article_id", "text"]].itertuples(index=False):
        for m in _NAME_RUN.finditer(text):
            name = _drop_titles(_trim(m.group()))
            if " " not in name or finder.find(name):
                continue
            entry = counts.setdefault(name, [0, set(), text[max(0, m.start() - 60):m.end() + 60]])
            entry[0] += 1
            entry[1].add(aid)
    spoken_names = {r[0] for r in rows}
    for name, (count, aids, example) in counts.items():
        if name not in spoken_names:
            rows.append((name, "name", count, len(aids), " ".join(example.split())))
    table = pd.DataFrame(rows, columns=["candidate", "kind", "count", "articles", "example"])
    table = table.sort_values(["count", "articles", "candidate"], ascending=[False, False, True])
    table = table.head(n).reset_index(drop=True)
    table["related"] = _related(table["candidate"].tolist())
    table["actor"] = [_SLUG.sub("_", c.lower()).strip("_") or "actor" for c in table["candidate"]]
    table["label"] = table["candidate"]
    table["camp"] = ""
    table["type"] = ["person" if k == "speaker" else "" for k in table["kind"]]
    table["aliases"] = table["candidate"]
    return table
