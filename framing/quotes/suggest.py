"""A start for a codebook: frequent speakers and names in a corpus, to edit into a codebook.

Lives with the quotes (it reads the quote extractor's speakers), so that
:mod:`framing.actors` never imports :mod:`framing.quotes`: the dependency runs one way.
"""

from __future__ import annotations

import re

import pandas as pd

from ..actors import MentionFinder
from ..language import CAP_WORD, INSTITUTION_WORDS
from .attribution import corpus_quotes

_SLUG = re.compile(r"[^a-z0-9]+")
#: Title words dropped from the front of a suggested name ("Secretary of State Mike Pompeo"
#: is found as "State Mike Pompeo"; "Turkish President Recep Tayyip Erdogan"): the person is
#: the candidate, the title an alias.
_LEADING_TITLES = frozenset(
    "State Secretary Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor President Vice "
    "Prime Minister Foreign Defense Defence Chairman Chairwoman Chief Deputy Gen Gen. General "
    "Adm Adm. Judge Justice Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Lord Dame Leader Speaker "
    "Ambassador Spokesman Spokeswoman Spokesperson Attorney Press Commander Director King "
    "Queen Prince Pope Mayor Chancellor Officer Sheikh Ayatollah Lt Col Sgt Capt Maj Rev Gens Sens "
    "Reps Lt. Col. Sgt. Capt. Maj. Gov. Rev. Gens. Sens. Reps. St.".split())
#: Capitalised words that are never a name on their own.
_NOT_A_NAME = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Mr Mrs Ms Dr I It He She We They You "
    "This That These Those There Here His Her Their Our My Its Jan Feb Mar Apr Jun Jul Aug Sep "
    "Sept Oct Nov Dec".split())
# A capitalised word ("Erdogan", "al-Assad", "O'Brien"); a possessive "'s" is not part of it.
_CAP = (r"(?:(?:Gen|Gens|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Dr|Mr|Mrs|Ms|Rev|St)\.|"
        + CAP_WORD + ")")
# A run of one to six capitalised words, particles allowed inside ("Bashar al-Assad").
_RUN = re.compile(r"(?<![\w'’.-])" + _CAP + r"(?:[ -](?:al-|al |de |bin |bin-)?" + _CAP
                  + r"){0,5}")
# Speakers that are roles, not actors ("officials", "a spokesman").
_ROLE = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:officials?|spokes(?:man|woman|person)|statement|ministry|source|"
    r"sources|agency|office|aides?|diplomats?|authorities|government|analysts?|experts?|critics|"
    r"residents|witnesses|observers|people|researchers|scientists|reports?|others|he|she|they|it|"
    r"we)$",
    re.IGNORECASE)
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
#: A short line (at most this many words) that recurs in two articles of one outlet, or in
#: three articles of any outlets, is page furniture ("Replay More Videos", "Hide Caption"):
#: names inside it are not suggested.
FURNITURE_LINE_WORDS = 8
#: A name followed by the same 12 characters (no lower-case letter among them) in two or more
#: articles of one outlet (or three times in one article), in 80% of its uses or more, is part
#: of an inline strip the page repeats ("... Replay More Videos ... MUST WATCH"), not the story.
_STRIP_CONTEXT, _STRIP_SHARE = 12, 0.8


def _drop_titles(name: str) -> str:
    """Drop a leading title and anything before it ("Turkish President Recep Tayyip Erdogan"
    -> "Recep Tayyip Erdogan"; "President Trump" -> "Trump")."""
    words = name.split(" ")
    if words[-1] in INSTITUTION_WORDS:
        return name  # "State Department", "Senate Foreign Relations Committee"
    last = max((i for i, w in enumerate(words[:4]) if w in _LEADING_TITLES), default=-1)
    if 0 <= last < len(words) - 1:
        words = words[last + 1:]
    return " ".join(words)


def _speaker_name(speaker: str) -> str:
    """The name at the end of a speaker's words, without the role before it ("Moscow-based
    reporter Charles Maynes" -> "Charles Maynes"; "Turkish President Recep Tayyip Erdogan"
    -> "Recep Tayyip Erdogan")."""
    runs = [m for m in _RUN.finditer(speaker) if m.end() == len(speaker.rstrip())]
    return _drop_titles(runs[-1].group()) if runs else ""  # "the president": a role


def _related(candidates: list[str]) -> list[str]:
    """For each candidate, the other candidates that share its last word ("Mattis",
    "Jim Mattis", "Secretary Mattis"): likely one actor, to merge into one row's aliases."""
    by_last: dict[str, list[str]] = {}
    for c in candidates:
        by_last.setdefault(c.split(" ")[-1].lower(), []).append(c)
    return [" | ".join(x for x in by_last[c.split(" ")[-1].lower()] if x != c)
            for c in candidates]


def furniture_lines(corpus: pd.DataFrame, max_words: int = FURNITURE_LINE_WORDS) -> set[str]:
    """Short lines that recur across articles: in two or more articles of one outlet or in
    three or more articles in all (white space normalised). Page furniture, not story."""
    seen: dict[str, set] = {}
    for aid, outlet, text in corpus[["article_id", "outlet", "text"]].itertuples(index=False):
        for line in {" ".join(x.split()) for x in text.splitlines()}:
            if line and len(line.split()) <= max_words:
                seen.setdefault(line, set()).add((outlet, aid))
    found = set()
    for line, where in seen.items():
        outlets = [o for o, _ in where]
        if len(where) >= 3 or len(set(outlets)) < len(outlets):
            found.add(line)
    return found


def _sentence_start(line: str, start: int) -> bool:
    before = line[max(0, start - 8):start].rstrip(" \t\"“‘'([")  # a bounded look back
    return not before or before[-1] in ".!?:"


def _empty_codebook() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in (
        ("actor", str), ("label", str), ("camp", str), ("type", str), ("alias", str),
        ("regex", bool), ("case_sensitive", bool), ("camp_label", str))})


def suggest_codebook(corpus: pd.DataFrame, codebook: pd.DataFrame | None = None,
                     n: int = 60) -> pd.DataFrame:
    """Frequent speakers and names in a corpus: a start for a codebook for another story.

    Speakers come from the quote extractor; names are capitalised runs of words, whole
    ("Recep Tayyip Erdogan", not "Turkish President Recep Tayyip"), with a leading title
    dropped, and single capitalised words that are not the first word of a sentence and are
    rarely written in lower case ("Turkey", "Iran", "Kurds"). Pronouns and roles
    ("officials") are left out, and so are names only found in page furniture: short lines
    that recur across articles (:func:`furniture_lines`) and inline strips that recur in one
    outlet's articles.

    Parameters
    ----------
    corpus : DataFrame
        As returned by :func:`framing.load_corpus`.
    codebook : DataFrame, optional
        An existing codebook to extend: candidates it already covers stay in the table,
        marked in ``known`` with the codebook's actor id. ``None``: start from nothing.
    n : int
        How many candidates, most frequent first.

    Returns
    -------
    DataFrame
        One row per candidate, most frequent first: ``candidate``, ``kind`` ("speaker" when
        the text quotes it, else "name"), ``count`` (uses in the text, or quote units when
        more), ``quotes`` (quote units attributed to it), ``articles``,
        ``example``, ``related`` (other candidates with the same last word, probably the
        same actor: merge them into one row's aliases), ``known`` (the codebook actor that
        already covers the candidate, or empty), and the codebook columns to fill in:
        ``actor`` (a suggested id), ``label``, ``camp`` (empty: yours to decide), ``type``
        and ``aliases``.

    Examples
    --------
    >>> table = suggest_codebook(framing.load_corpus("my_story/"))
    >>> table[["candidate", "count", "articles"]].head()
    """
    book = _empty_codebook() if codebook is None else codebook
    finder = MentionFinder(book)
    furniture = furniture_lines(corpus)
    units = corpus_quotes(corpus, book)
    spoken = units[(units["speaker"] != "") & ~units["speaker"].str.match(_ROLE)]
    quoted: dict[str, list] = {}  # name -> [quote units, article ids, an example quote]
    for speaker, part in spoken.groupby("speaker"):
        name = _speaker_name(speaker)
        if name:  # a role without a name ("the Iranian foreign minister") is no candidate
            entry = quoted.setdefault(name, [0, set(), part["quote"].iloc[0][:160]])
            entry[0] += len(part)
            entry[1].update(part["article_id"])
    lower: dict[str, int] = {}
    for text in corpus["text"]:
        for word in re.findall(r"\b[a-z][\w-]*\b", text):
            lower[word] = lower.get(word, 0) + 1
    found = []  # (article, outlet, text, offset of the run, its words, the 12 chars after it)
    for aid, outlet, text in corpus[["article_id", "outlet", "text"]].itertuples(index=False):
        for line_start, line in _lines(text):
            if " ".join(line.split()) in furniture:
                continue
            for m in _RUN.finditer(line):
                words = m.group().split(" ")
                while words and (words[0] in _NOT_A_NAME or words[0].lower() in _STOP):
                    words.pop(0)  # "The", "But" at a sentence's start
                if words:
                    after = " ".join(line[m.end():m.end() + _STRIP_CONTEXT].split())
                    found.append((aid, outlet, text, line_start + m.start(), words, after,
                                  len(m.group().split(" ")) == 1
                                  and _sentence_start(line, m.start())))
    strips = _strip_phrases(found)
    counts: dict[str, list] = {}
    for aid, outlet, text, at, words, after, first in found:
        for k in range(min(len(words), 4), 1, -1):  # the longest strip first
            if tuple(words[-k:]) in strips:  # "Map of Syria Replay More Videos"
                words = words[:-k]
                break
        if not words:
            continue
        name = _drop_titles(" ".join(words))
        if " " not in name and (
                name in _NOT_A_NAME or name in _LEADING_TITLES or first
                or lower.get(name.lower(), 0) * 4 > 1 + lower.get(name, 0)):
            continue  # a capitalised word that is not a name on its own
        if name.split(" ")[-1] in _LEADING_TITLES or _PARTY_TAG.match(name):
            continue  # a cut name ("Iranian Gen"), a party and state tag ("R-Ariz")
        entry = counts.setdefault(name, [0, set(), text[max(0, at - 60):at + len(name) + 60]])
        entry[0] += 1
        entry[1].add(aid)
    rows = []
    for name in dict.fromkeys([*counts, *quoted]):
        uses, aids, example = counts.get(name, [0, set(), ""])
        units_, quote_aids, quote = quoted.get(name, [0, set(), ""])
        rows.append((name, "speaker" if units_ else "name", max(uses, units_), units_,
                     len(aids | quote_aids), " ".join(example.split()) or quote))
    table = pd.DataFrame(rows, columns=["candidate", "kind", "count", "quotes", "articles",
                                        "example"])
    table = table.sort_values(["count", "articles", "candidate"], ascending=[False, False, True])
    table = table.head(n).reset_index(drop=True)
    if table.empty:  # no name at all: the same columns, typed as when there are names
        columns = ["related", "known", "actor", "label", "camp", "type", "aliases"]
        return table.astype({"count": "int64", "quotes": "int64", "articles": "int64"}).assign(
            **{c: pd.Series(dtype=object) for c in columns})
    table["related"] = _related(table["candidate"].tolist())
    table["known"] = [_known(finder, c) for c in table["candidate"]]
    table["actor"] = [_SLUG.sub("_", c.lower()).strip("_") or "actor" for c in table["candidate"]]
    table.loc[~table["actor"].str.match(r"^[a-z]"), "actor"] = "actor_" + table["actor"]
    table["label"] = table["candidate"]
    table["camp"] = ""
    table["type"] = ["person" if k == "speaker" else "" for k in table["kind"]]
    table["aliases"] = table["candidate"]
    return table


_STOP = frozenset({"the", "a", "an", "but", "and", "or", "in", "on", "at", "of", "for", "to",
                   "as", "if", "when", "while", "after", "before", "with", "by", "from", "so",
                   "yet", "still", "also", "now", "then", "last", "next", "according", "since",
                   "during", "under", "over", "about", "what", "who", "why", "how", "where",
                   "not", "no", "yes", "all", "some", "many", "most", "more", "other", "one",
                   "two", "three", "first", "every", "each", "both", "that", "this", "will",
                   "would", "can", "could", "should", "may", "might", "must", "does", "did",
                   "do", "is", "are", "was", "were", "has", "have", "had", "here", "there",
                   "even", "only", "just", "instead", "meanwhile", "however", "asked"})


def _lines(text: str):
    """(offset, line) for each line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _strip_phrases(found) -> set:
    """Capitalised phrases of two to four words that end a run and are followed by the same
    characters, none of them a lower-case letter, in two or more articles of one outlet (or
    three times in one article), in 80% of their uses or more: an inline strip the page
    repeats ("... Replay More Videos ... MUST WATCH"), not the story ("Erdogan said")."""
    uses: dict[tuple, list] = {}
    for aid, outlet, _, _, words, after, _ in found:
        for k in range(2, min(len(words), 4) + 1):
            uses.setdefault(tuple(words[-k:]), []).append((outlet, after, aid))
    strips = set()
    for phrase, where in uses.items():
        same: dict[tuple, list] = {}
        for outlet, after, aid in where:
            if after and not any(c.islower() for c in after):
                same.setdefault((outlet, after), []).append(aid)
        if any((len(set(aids)) >= 2 or len(aids) >= 3) and len(aids) >= _STRIP_SHARE * len(where)
               for aids in same.values()):
            strips.add(phrase)
    return strips


def _known(finder: MentionFinder, candidate: str) -> str:
    """The codebook actor(s) whose aliases cover the candidate ("" when none)."""
    return " | ".join(dict.fromkeys(hit[2] for hit in finder.find(candidate)))
