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
        unknown camp, empty alias, malformed pattern, alias claimed by two actors.
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
            camp_names.setdefault(camp, camp_label)
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
    frame["camp_label"] = [camp_names.get(c) or _words(c) for c in frame["camp"]]
    return frame


def _words(identifier: str) -> str:
    return identifier.replace("_", " ").capitalize()


def camp_labels(codebook: pd.DataFrame) -> dict[str, str]:
    """``{camp id: camp name in words}``, plus ``"unknown"`` for unattributed speakers."""
    labels = dict(zip(codebook["camp"], codebook["camp_label"])) if "camp_label" in codebook \
        else {c: _words(c) for c in codebook["camp"]}
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
#: Last words of an institution's name: its leading words are not a person's title.
_INSTITUTIONS = frozenset(
    "Department Committee Council Ministry Office Agency Court Party Forces Force Army Guard "
    "Guards Corps Service Services Union Organization Organisation Administration Commission "
    "Board Bureau Senate House Assembly Parliament Government Cabinet Command Staff Chiefs "
    "Secretariat Directorate Institute Foundation Association Caucus Conference".split())
#: Capitalised words that are never a name on their own.
_NOT_A_NAME = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Mr Mrs Ms Dr I It He She We They You "
    "This That These Those There Here His Her Their Our My Its Jan Feb Mar Apr Jun Jul Aug Sep "
    "Sept Oct Nov Dec".split())
# A capitalised word ("Erdogan", "al-Assad", "O'Brien"); a possessive "'s" is not part of it.
_CAP = (r"(?:(?:Gen|Gens|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Dr|Mr|Mrs|Ms|Rev|St)\.|"
        r"[A-Z][\w-]*[a-z][\w-]*(?:['’][A-Z][\w-]*)?)")
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
    if words[-1] in _INSTITUTIONS:
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
    from .quotes import corpus_quotes

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
