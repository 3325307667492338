"""Whose voices: quotation units, their speakers and camps.

``quote_spans(text)`` finds the spans between quotation marks, paragraph by
paragraph. It pairs curly quotes (“ … ”) and straight quotes (" … "), mixed in
one text. A paragraph that opens a quote without closing it (the convention for
a quote that runs over several paragraphs) is quoted to its end. An odd number
of marks never raises: an unmatched closing mark is ignored.

``extract_quotes(text, codebook)`` turns those spans into quote units and
attributes each to a speaker, then adds indirect speech (``X said that ...``).
Each unit records the ``rule`` that attributed it:

``after_cue_speaker``   ``"...," said Salim al-Muslat, spokesman for ...``
``after_speaker_cue``   ``"...," officials said`` / ``"...", the statement said``
``before_colon``        ``Mr Putin said: "...`` / ``X, a spokesman for Y, told reporters: "...``
``speaker_colon``       transcript style at a paragraph's start: ``Sen. Dick Durbin (D-IL): "...``
``split``               ``"A", says X, "B"`` (and a second quote after ``X said.``)
``sentence_speaker``    a partial quote in a sentence that ends ``..., X said.``
``according_to``        ``according to X``
``cue_subject``         a partial quote in a reported sentence: the actor who is the
                        subject of the speech or stance verb ("Damascus said ... "confronting
                        terrorism"", "... raised concerns it could be "a trick""), else the
                        name or pronoun right before the verb
``multi_paragraph``     a paragraph of a quote that runs over several paragraphs
``continuation``        a quote-only paragraph right after an attributed one
``indirect_before`` / ``indirect_after`` / ``indirect_according_to``  indirect speech

Speakers are resolved to codebook actors and camps. "he"/"she" is resolved only
when the most recent speaker (same or previous paragraph) is a named person;
otherwise the speaker stays unknown: never guessed. A generic role ("officials",
"the statement", "a spokesman") takes the actor of the nearest codebook mention
before the quote, outside quotation marks, in that paragraph or the one before.
Short unattributed quotes with no speech verb (scare quotes, titles) are kept
but flagged ``scare`` and left out of voice counts.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from .text import paragraph_spans, split_paragraph

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


QUOTE_COLUMNS = ["start", "end", "quote", "kind", "speaker", "speaker_start", "speaker_end",
                 "actor", "camp", "cue", "rule", "group", "paragraph", "scare", "n_words"]

# Speech verbs after or before a quote.
_SAY = (r"said|says|say|added|adds|told(?:\s+[a-z]+){0,4}?(?:\s+in\s+[A-Z][\w-]+)?|tells|asked|"
        r"asks|replied|replies|responded|responds|stated|states|declared|explained|explains|"
        r"insisted|insists|warned|warns|wrote|writes|continued|continues|noted|notes|stressed|"
        r"announced|claimed|argued|argues|concluded|recalled|recalls|clarified|acknowledged|"
        r"admitted|conceded|countered|testified|tweeted|posted|remarked|observed|predicted|"
        r"cautioned|shouted|joked|quipped|emailed|texted")
# Speech and stance verbs that make a sentence's subject the source of a partial quote.
_STANCE = (_SAY + r"|described(?:\s+as)?|called|calling|insisting|raised concerns|ordered|pledged|"
           r"welcomed|recognized|recognised|quoted|urged|accused|promised|vowed|denied|"
           r"saying|stresses|suggested|dismissed|praised|criticised|criticized|condemned")
_SAY_RX = re.compile(r"\b(?:" + _SAY + r")\b")
_STANCE_RX = re.compile(r"\b(?:" + _STANCE + r")\b")
_AUX = r"(?:(?:has|had|have|also|long|yesterday|earlier|later|repeatedly|previously|then|"\
       r"once|again|had\s+earlier)\s+)*"
_AFTER_CUE_SPEAKER = re.compile(
    r"^\s*[,.?!]?\s*(?P<cue>said|says|added|adds|asked|asks|replied|wrote|writes|continued|"
    r"insisted|warned|explained|recalled|tweeted)\s+"
    r"(?P<speaker>[^,.;:“”\"]{2,80}?)\s*(?=[,.;:]|$)")
_AFTER_SPEAKER_CUE = re.compile(
    r"^\s*[,.?!]?\s*(?P<speaker>[^,.;:“”\"!?]{2,80}?)\s+" + _AUX + r"(?P<cue>" + _SAY + r")\b")
_BEFORE_COLON = re.compile(
    r"(?:^|[.!?]\s+|[”\"]\s*)(?P<speaker>[^.!?“”\"]{2,160}?)\s+" + _AUX +
    r"(?P<cue>" + _SAY + r")(?:\s+[^.!?:“”\"]{0,60})?\s*:\s*$")
_BETWEEN_SPLIT = re.compile(
    r"^[\s,.;:—–-]*(?:(?P<cue1>" + _SAY + r")\s+(?P<speaker1>[^,.;:“”\"]{2,80}?)"
    r"|(?P<speaker2>[^,.;:“”\"]{2,80}?)\s+" + _AUX + r"(?P<cue2>" + _SAY + r"))\b"
    r"[^“”\"]{0,160}$")
# Transcript style at the start of a paragraph: 'Sen. Dick Durbin (D-IL): "..."'
_SPEAKER_COLON = re.compile(r"^(?P<speaker>[A-Z][^.!?:“”\"]{1,80}?)\s*:\s*$")
_SENTENCE_FINAL = re.compile(
    r",\s+(?P<speaker>[^,“”\"]{2,60}?)\s+" + _AUX + r"(?P<cue>said|says|say|told\s+\w+|added)"
    r"\b[^,“”\"]{0,60}[.!?]?\s*$")
_ACCORDING = re.compile(r"\b(?P<cue>[Aa]ccording to)\s+(?P<speaker>[^,.;:“”\"]{2,80}?)\s*(?=[,.;:]|$)")
_INDIRECT_BEFORE = re.compile(
    r"^(?P<speaker>[^,;:“”\"]{2,80}?)\s+" + _AUX + r"(?P<cue>said|says|told\s+[a-z]+|announced|"
    r"warned|insisted|claimed|added|stressed|indicated|noted|argued)\s+(?:that\s+)?"
    r"(?P<content>[^“”\"]{10,})$")
_INDIRECT_AFTER = re.compile(
    r"^(?P<content>[^“”\"]{10,}?),\s+(?P<speaker>[^,“”\"]{2,60}?)\s+" + _AUX +
    r"(?P<cue>said|says|say)\b[^,“”\"]{0,60}$")
_INDIRECT_ACCORDING = re.compile(
    r"^(?P<cue>According to)\s+(?P<speaker>[^,“”\"]{2,80}?),\s+(?P<content>[^“”\"]{10,})$")
_INDIRECT_ACCORDING_AFTER = re.compile(
    r"^(?P<content>[^“”\"]{10,}?),\s+(?P<cue>according to)\s+(?P<speaker>[^,.“”\"]{2,80}?)"
    r"(?:,[^“”\"]*)?[.!?]?$")
_INDIRECT_CUE = re.compile(r"\b(?:said|says|say|told|announced|warned|insisted|claimed|added|"
                           r"stressed|indicated|noted|argued|[Aa]ccording)\b")
_PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:officials?|spokes(?:man|woman|person)|statement|ministry|source|"
    r"sources|agency|office|aides?|diplomats?|authorities|government)$", re.IGNORECASE)
_PERSONISH = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|spokes(?:man|woman|person)|envoy|negotiator|minister|"
    r"president|leader|secretary|reporter|analyst)\b"
    r"|^(?:[A-Z][\w’'-]+\s+)*(?:al-|al\s+|de\s+)?[A-Z][a-z][\w’'-]*$")
_INSTITUTION = re.compile(r"\b(?:Ministry|Committee|Office|Service|House|Department|Council|Agency|"
                          r"Army|Forces|Nations|Union|Government|Kremlin|Pentagon|Federation|"
                          r"statement|office|ministry|agency|officials)\b")
# Full stops that end an abbreviation, not a sentence, inside speaker phrases ("Rep.",
# "U.S.", "(R-Calif.)"). They are replaced by a look-alike of the same length before the
# speaker patterns run, so offsets stay those of the original text.
_ABBREV_DOT = re.compile(
    r"\b(?=[A-Z])(?:(?:[A-Z]\.){2,}(?=[\s,)])"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Prof|Rev|St|Jr|Sr|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Mass|Md|Mich|Minn|Miss|Mo|Mont|"
    r"Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|No|Inc|Corp|Co|Ltd)\.(?=[\s,)]))")
_DOT = "\u2024"  # ONE DOT LEADER


def _mask_abbreviations(text: str) -> str:
    return _ABBREV_DOT.sub(lambda m: m.group().replace(".", _DOT), text)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class _SentenceIndex:
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
                # the look-ahead reads an optional opening mark, then a capital or digit
                seen.append(m.end() + (2 if text[m.end()] in "\"“‘(" else 1))
            index = self._paras[pstart] = (starts, ends, seen)
        starts, ends, seen = index
        k = bisect.bisect_right(seen, pos)
        start = ends[k - 1] if k else pstart
        j = bisect.bisect_left(starts, pos)
        return start, (starts[j] + 1 if j < len(starts) else pend)


class _MentionIndex:
    """Codebook mentions of one text, sorted by start, with range queries by binary search.
    ``spans`` is the list, or a function that finds it, called on first use (only some
    quote units need mentions)."""

    def __init__(self, spans):
        self._spans, self._starts = spans, None

    def _ready(self):
        if self._starts is None:
            if callable(self._spans):
                self._spans = self._spans()
            self._starts = [m[0] for m in self._spans]

    def last_within(self, lo: int, hi: int, keep) -> tuple | None:
        """The last mention (in text order) of :meth:`within` for which ``keep(m)`` holds,
        searched backwards from ``hi`` so that only the mentions after it are visited."""
        self._ready()
        for j in range(bisect.bisect_left(self._starts, hi) - 1, -1, -1):
            m = self._spans[j]
            if m[0] < lo:
                return None
            if m[1] <= hi and keep(m):
                return m
        return None

    def within(self, lo: int, hi: int) -> list:
        """Mentions with ``lo <= start`` and ``end <= hi``, in text order."""
        self._ready()
        out = []
        for j in range(bisect.bisect_left(self._starts, lo), len(self._spans)):
            m = self._spans[j]
            if m[0] >= hi:
                break
            if m[1] <= hi:
                out.append(m)
        return out


class _Resolver:
    """Speaker words -> (actor, camp) through the codebook."""

    def __init__(self, codebook):
        from .actors import MentionFinder, load_codebook
        self.codebook = load_codebook() if codebook is None else codebook
        self.finder = MentionFinder(self.codebook)

        self.persons = set(self.codebook.loc[self.codebook["type"] == "person", "actor"]) \
            if "type" in self.codebook else set()

    def actor(self, words: str) -> tuple[str, str]:
        found = self.finder.find(words)
        return (found[0][2], found[0][3]) if found else ("", "")

    def is_person(self, words: str) -> bool:
        """Could "he"/"she" refer to this speaker? A codebook actor of type person (not
        through an institution's name, "White House"), or, outside the codebook, a name."""
        if _INSTITUTION.search(words):
            return False
        actor, _ = self.actor(words)
        if actor:
            return actor in self.persons
        return bool(_PERSONISH.search(words))


def extract_quotes(text: str, codebook=None) -> pd.DataFrame:
    """Quote units in ``text``, attributed to speakers and camps.

    Parameters
    ----------
    text : str
        An article's clean text (paragraphs separated by blank lines).
    codebook : DataFrame, optional
        From :func:`framing.load_codebook`; ``None`` loads the case study's.

    Returns
    -------
    DataFrame
        One row per quote unit: ``start, end`` (offsets of the quoted words,
        marks excluded), ``quote``, ``kind`` (``direct`` | ``partial`` |
        ``indirect``), ``speaker`` (as written, "" when unknown),
        ``speaker_start, speaker_end`` (-1 when unknown), ``actor``, ``camp``
        ("" when unknown), ``cue``, ``rule``, ``group`` (units of one
        multi-paragraph quote share it), ``paragraph``, ``scare`` (scare quote
        or title, left out of voice counts) and ``n_words``.
    """
    return _frame(_units(text, _Resolver(codebook)))


def _frame(units: list[dict], columns=QUOTE_COLUMNS) -> pd.DataFrame:
    return pd.DataFrame([{k: u[k] for k in columns} for u in units], columns=columns)


def _units(text: str, resolver: _Resolver, mentions=None, qspans=None) -> list[dict]:
    """The quote units of one text, as dicts with the QUOTE_COLUMNS keys, in text order.
    ``mentions``: the codebook mentions of ``text`` if already found (``MentionFinder.find``);
    ``qspans``: its :func:`quote_spans` if already computed."""
    mtext = _mask_abbreviations(text)
    paras = paragraph_spans(text)
    mention_spans = _MentionIndex(mentions if mentions is not None else
                                  lambda: resolver.finder.find(text))
    qspans = quote_spans(text) if qspans is None else qspans
    qstarts = [q[0] for q in qspans]
    sentences = _SentenceIndex(mtext)
    units: list[dict] = []
    group = -1
    prev_open = False  # the previous paragraph's last quote ran to its end
    for p, (pstart, pend) in enumerate(paras):
        in_para = qspans[bisect.bisect_left(qstarts, pstart):bisect.bisect_left(qstarts, pend)]
        for k, (s, e) in enumerate(in_para):
            opens_para = s - pstart <= 8 and text[pstart:s].strip() in ("“", '"')
            if k == 0 and opens_para and prev_open:
                pass  # continues the open multi-paragraph group
            else:
                group += 1
            closed = e < pend and text[e] in "”\""
            while e > s and text[e - 1] in ",;: ":  # the sentence's comma, not the speaker's
                e -= 1
            quote = text[s:e]
            unit = {"start": s, "end": e, "quote": quote, "kind": _kind(text, s, e, pstart),
                    "speaker": "", "speaker_start": -1, "speaker_end": -1, "actor": "",
                    "camp": "", "cue": "", "rule": "", "group": group, "paragraph": p,
                    "scare": False, "n_words": len(quote.split()),
                    "_closed": closed, "_para": (pstart, pend), "_mark": (in_para[k][1])}
            _attribute(mtext, unit, units, in_para, k, mention_spans, qspans, resolver,
                       sentences)
            units.append(unit)
        prev_open = bool(in_para) and not units[-1]["_closed"] and units[-1]["paragraph"] == p
    _propagate(units)
    units.extend(_indirect(mtext, paras, qspans, resolver))
    units.sort(key=lambda u: u["start"])  # pronouns look back at speakers already resolved
    for i, unit in enumerate(units):
        _resolve(text, unit, units, resolver, mention_spans, qspans, paras, i)
        if unit["kind"] != "indirect" and not unit["speaker"] and not unit["cue"] and (
                unit["n_words"] <= 3 or _is_title(unit["quote"])):
            unit["scare"] = True  # a scare quote or a title, not someone's voice
    for unit in units:  # speakers and indirect content as written (the dots unmasked)
        if unit["speaker_start"] >= 0:
            unit["speaker"] = text[unit["speaker_start"]:unit["speaker_end"]]
        if unit["kind"] == "indirect":
            unit["quote"] = text[unit["start"]:unit["end"]]
    units.sort(key=lambda u: (u["start"], u["kind"]))
    return units


def _last_before(text: str, pstart: int, s: int) -> int:
    """Index of the last non-space character of ``text[pstart:s - 1]`` (the paragraph before
    a quote's opening mark), or -1 when there is none; no slice of the paragraph is made."""
    j = s - 2
    while j >= pstart and text[j].isspace():
        j -= 1
    return j if j >= pstart else -1


def _kind(text: str, s: int, e: int, pstart: int) -> str:
    quote = text[s:e].lstrip("[(…. ")
    last = _last_before(text, pstart, s)
    if (quote[:1].isupper() and len(quote.split()) >= 4) or last < 0 or text[last] == ":":
        return "direct"
    return "partial"


_NOT_SPEAKER = re.compile(r"\b(?:came|comes|come|was|were|is|are|been|after|before|when|because|"
                          r"which|while|if|than|but|and|or|so|then|it|that|there|something|"
                          r"might|could|would|should|will)\b", re.IGNORECASE)


def _valid_speaker(words: str, resolver) -> bool:
    """A speaker is a noun phrase that names someone: a codebook actor, a person, a role, or
    a pronoun, and holds no clause words ("but", "came", "after")."""
    head = words.split(",")[0].strip()
    if not head or _NOT_SPEAKER.search(head):
        return bool(_PRONOUN.match(head))
    return bool(resolver.finder.find(head) or _PERSONISH.search(head) or _GENERIC.match(head)
                or _PRONOUN.match(head) or re.search(r"\b[A-Z]", head)
                or re.match(r"(?:the|a|an|one)\s+[\w-]+(?:\s+[\w-]+){0,3}$", head, re.IGNORECASE))


def _head(phrase: str, rule: str) -> str:
    """The speaker's own words in a phrase: "X, a spokesman for Y" -> "X"; for a speaker
    before the quote, the comma segment nearest the verb ("In a text sent on Monday, the
    diplomat says:" -> "the diplomat"), unless that segment is an apposition ("a ...")."""
    parts = [p.strip() for p in phrase.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if rule not in ("before_colon",):
        return parts[0]
    last = parts[-1]
    if len(parts) > 1 and re.match(r"(?:a|an)\s", last, re.IGNORECASE):
        return parts[-2]
    return last


def _set(unit, text, sp_start, sp_end, cue, rule):
    # trim the speaker phrase to its head: up to the first comma (an apposition follows)
    phrase = text[sp_start:sp_end]
    lead = len(phrase) - len(phrase.lstrip(" —–-"))
    phrase = phrase.strip(" —–-")
    head = _head(phrase, rule)
    lead += phrase.find(head) if head else 0
    unit["speaker"] = head
    unit["speaker_start"] = sp_start + lead
    unit["speaker_end"] = sp_start + lead + len(head)
    unit["cue"] = " ".join(cue.split())
    unit["rule"] = rule
    unit["_apposition"] = phrase


def _attribute(text, unit, units, in_para, k, mention_spans, qspans, resolver, sentences):
    s, e = unit["start"], unit["_mark"]
    pstart, pend = unit["_para"]
    after_from = e + 1 if unit["_closed"] else e
    next_quote = in_para[k + 1][0] - 1 if k + 1 < len(in_para) else pend
    after = text[after_from:next_quote]
    # 1. speaker after the closing mark
    m = _AFTER_CUE_SPEAKER.match(after)
    if m and unit["_closed"] and _valid_speaker(m.group("speaker"), resolver):
        return _set(unit, text, after_from + m.start("speaker"), after_from + m.end("speaker"),
                    m.group("cue"), "after_cue_speaker")
    m = _AFTER_SPEAKER_CUE.match(after)
    if m and unit["_closed"] and _valid_speaker(m.group("speaker"), resolver):
        return _set(unit, text, after_from + m.start("speaker"), after_from + m.end("speaker"),
                    m.group("cue"), "after_speaker_cue")
    # 2. a second quote after "X said" / ", says X," between two quotes
    if k > 0:
        ps, pe = in_para[k - 1]
        between = text[pe + 1:s - 1]
        m = _BETWEEN_SPLIT.match(between)
        if m and units and units[-1]["start"] == ps:
            prev = units[-1]
            if prev["speaker"]:
                unit.update({x: prev[x] for x in ("speaker", "speaker_start", "speaker_end",
                                                  "cue")})
                unit["_apposition"] = prev.get("_apposition", prev["speaker"])
                unit["rule"] = "split"
                unit["kind"] = prev["kind"]
                unit["group"] = prev["group"]
                return None
    # 3. speaker before an opening colon
    last = _last_before(text, pstart, s) if s > pstart else -1
    colon = last >= 0 and text[last] == ":"  # both colon rules need one: skip them otherwise
    if colon:
        # the last 240 characters before the mark (searched in place: "^" never matches at a
        # window's start, only at the paragraph's, as in a slice of the whole paragraph)
        end = s - 1
        if end - pstart <= 240:
            m = _BEFORE_COLON.search(text[pstart:end])
            offset = pstart
        else:
            m = _BEFORE_COLON.search(text, end - 240, end)
            offset = 0
        if m and _valid_speaker(m.group("speaker"), resolver):
            return _set(unit, text, offset + m.start("speaker"), offset + m.end("speaker"),
                        m.group("cue"), "before_colon")
        m = _SPEAKER_COLON.match(text[pstart:end]) if s - pstart <= 90 else None
        if m and _valid_speaker(m.group("speaker"), resolver):
            return _set(unit, text, pstart + m.start("speaker"), pstart + m.end("speaker"), ":",
                        "speaker_colon")
    # 4. the sentence around a (partial) quote
    ss, se = sentences.bounds(pstart, pend, s)
    sentence = text[ss:se]
    m = _SENTENCE_FINAL.search(sentence)
    if m and ss + m.start() >= e and _valid_speaker(m.group("speaker"), resolver):
        return _set(unit, text, ss + m.start("speaker"), ss + m.end("speaker"), m.group("cue"),
                    "sentence_speaker")
    m = _ACCORDING.search(sentence)
    if m:
        return _set(unit, text, ss + m.start("speaker"), ss + m.end("speaker"), m.group("cue"),
                    "according_to")
    cue = next((c for c in _STANCE_RX.finditer(text, ss, s) if not _inside(c.start(), qspans)),
               None)
    if cue is not None:
        # the subject: the nearest mention before the cue in its clause, else the sentence's
        # first mention (a coordinated verb: "X gave ..., but raised concerns ...")
        clause_start = max([ss] + [ss + i + 1 for i, ch in enumerate(text[ss:cue.start()])
                                   if ch in ",;:"])
        before_cue = [m for m in mention_spans.within(ss, cue.start())
                      if not _inside(m[0], qspans)]
        in_clause = [m for m in before_cue if m[0] >= clause_start]
        if cue.group().endswith("ing"):  # a participle ("insisting") shares the sentence's subject
            in_clause = []
        subject = in_clause[-1] if in_clause else (before_cue[0] if before_cue else None)
        if subject is not None:
            return _set(unit, text, subject[0], subject[1], cue.group(), "cue_subject")
        name = re.search(r"(?:^|[\s(])((?:[A-Z][\w’'-]*[a-z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*[a-z]"
                         r"[\w’'-]*)\s+" + _AUX + r"$", text[ss:cue.start()])
        if name and not _NOT_SPEAKER.search(name.group(1)):  # "Lerner said that ... "short-hand""
            return _set(unit, text, ss + name.start(1), ss + name.end(1), cue.group(),
                        "cue_subject")
        pronoun = re.search(r"\b(he|she|He|She)\s+" + _AUX + r"$", text[ss:cue.start()])
        if pronoun:  # "He said both must be protected ..."
            return _set(unit, text, ss + pronoun.start(1), ss + pronoun.end(1), cue.group(),
                        "cue_subject")
        unit["cue"] = cue.group()  # a speech verb without a named subject
    return None


def _is_title(quote: str) -> bool:
    """A title ("The Hugh Hewitt Show"): short, and every longer word capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", quote) if len(w) > 3]
    return 0 < len(quote.split()) <= 8 and bool(words) and all(w[0].isupper() for w in words)


def _inside(pos: int, spans) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, not overlapping)?"""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _propagate(units):
    """Multi-paragraph groups and quote-only continuation paragraphs inherit a speaker."""
    by_group: dict[int, dict] = {}
    for u in units:
        if u["speaker"] and u["group"] not in by_group:
            by_group[u["group"]] = u
    for u in units:
        src = by_group.get(u["group"])
        if not u["speaker"] and src is not None:
            _inherit(u, src, "multi_paragraph")
    for prev, u in zip(units, units[1:]):
        pstart, pend = u["_para"]
        quote_only = (u["start"] - pstart) <= 2 and (pend - u["_mark"]) <= 3
        if (not u["speaker"] and quote_only and prev["speaker"] and u["paragraph"] ==
                prev["paragraph"] + 1 and prev["kind"] == "direct"):
            _inherit(u, prev, "continuation")


def _inherit(u, src, rule):
    for x in ("speaker", "speaker_start", "speaker_end", "cue"):
        u[x] = src[x]
    u["_apposition"] = src.get("_apposition", src["speaker"])
    u["rule"] = rule
    if u["kind"] == "partial" and u["n_words"] >= 4:
        u["kind"] = "direct"


def _resolve(text, unit, units, resolver, mention_spans, qspans, paras, i):
    """Fill actor and camp from the speaker words; resolve pronouns and generic roles.
    ``units`` are sorted by start and ``unit`` is ``units[i]``."""
    speaker = unit["speaker"]
    if not speaker:
        return
    if _PRONOUN.match(speaker):
        # the latest named speaker that starts before, in this or the previous paragraph:
        # walk back through the sorted units (named speakers never change in this loop)
        last = None
        for j in range(i - 1, -1, -1):
            u = units[j]
            if u["paragraph"] < unit["paragraph"] - 1:
                break  # sorted by start: every unit before this one is earlier still
            if u["speaker"] and u["start"] < unit["start"] and u["paragraph"] >= \
                    unit["paragraph"] - 1 and not _PRONOUN.match(u["speaker"]):
                last = u
                break
        if last is None or not resolver.is_person(last["speaker"]):
            unit.update(speaker="", speaker_start=-1, speaker_end=-1, actor="", camp="",
                        rule=unit["rule"] + "+pronoun_unresolved")
            return
        unit["actor"], unit["camp"] = last["actor"], last["camp"]
        unit["rule"] += "+pronoun"
        return
    actor, camp = resolver.actor(speaker)
    if not actor:
        actor, camp = resolver.actor(unit.get("_apposition", speaker))
    if not actor and _GENERIC.match(speaker):
        p = unit["paragraph"]
        floor = paras[p - 1][0] if p > 0 else 0
        # "a spokesman" / "the ministry" must match a spokesman / ministry named just before;
        # "officials", "the statement" take the nearest actor named before
        role = re.search(r"spokes|ministry", speaker, re.IGNORECASE)
        word = role.group().lower() if role else ""
        near = mention_spans.last_within(
            floor, unit["speaker_start"],
            lambda m: not _inside(m[0], qspans) and word in text[m[0]:m[1]].lower())
        if near is not None:
            actor, camp = near[2], near[3]
            unit["rule"] += "+generic_role"
    unit["actor"], unit["camp"] = actor, camp


def _indirect(text, paras, qspans, resolver) -> list[dict]:
    """Indirect speech: sentences without quotation marks that report what someone said."""
    units = []
    # Cue words found once in the whole text: a cue word holds no space or punctuation, so it
    # never crosses a paragraph or sentence boundary, and "does this span hold a cue?" is a
    # binary search.
    cues = [m.start() for m in _INDIRECT_CUE.finditer(text)]

    def has_cue(lo, hi):
        k = bisect.bisect_left(cues, lo)
        return k < len(cues) and cues[k] < hi

    for p, s, e in ((p, s, e) for p, (ps, pe) in enumerate(paras)
                    if has_cue(ps, pe) for s, e in split_paragraph(text, ps, pe)):
        if not has_cue(s, e):
            continue
        sentence = text[s:e]
        if "“" in sentence or '"' in sentence or "”" in sentence or _inside(s, qspans):
            continue
        for rx, rule in ((_INDIRECT_ACCORDING, "indirect_according_to"),
                         (_INDIRECT_ACCORDING_AFTER, "indirect_according_to"),
                         (_INDIRECT_AFTER, "indirect_after"),
                         (_INDIRECT_BEFORE, "indirect_before")):
            m = rx.match(sentence)
            if not m:
                continue
            speaker = m.group("speaker").strip()
            if len(speaker.split()) > 10 or not _valid_speaker(speaker, resolver) or not (
                    resolver.finder.find(speaker) or _PERSONISH.search(speaker)
                    or _GENERIC.match(speaker) or _PRONOUN.match(speaker)):
                continue
            cs, ce = s + m.start("content"), s + m.end("content")
            content = text[cs:ce].rstrip(".")
            unit = {"start": cs, "end": cs + len(content), "quote": content, "kind": "indirect",
                    "speaker": "", "speaker_start": -1, "speaker_end": -1, "actor": "",
                    "camp": "", "cue": "", "rule": "", "group": -1, "paragraph": p,
                    "scare": False, "n_words": len(content.split()), "_para": paras[p]}
            _set(unit, text, s + m.start("speaker"), s + m.end("speaker"), m.group("cue"), rule)
            units.append(unit)
            break
    return units


def corpus_quotes(corpus: pd.DataFrame, codebook=None, mentions: dict | None = None,
                  spans: dict | None = None) -> pd.DataFrame:
    """:func:`extract_quotes` for every article, with ``article_id`` and ``outlet`` first.

    ``mentions`` (optional): ``{article_id: [(start, end, actor, camp)]}`` in text order,
    already found with the same codebook (:func:`framing.analyze` passes those of
    :func:`framing.find_mentions`), and ``spans`` (optional):
    ``{article_id: quote_spans(text)}``, so that neither is computed twice.
    """
    resolver = _Resolver(codebook)
    units = []
    mentions, spans = mentions or {}, spans or {}
    for aid, outlet, text in corpus[["article_id", "outlet", "text"]].itertuples(index=False):
        for unit in _units(text, resolver, mentions.get(aid), spans.get(aid)):
            unit["article_id"], unit["outlet"] = aid, outlet
            units.append(unit)
    return _frame(units, ["article_id", "outlet", *QUOTE_COLUMNS])


def mark_quoted(mentions: pd.DataFrame, corpus: pd.DataFrame, spans: dict | None = None
                ) -> pd.DataFrame:
    """Add ``in_quote`` (bool) to a mentions frame: True when the mention lies inside
    quoted speech, i.e. in a source's words rather than the outlet's narration.
    ``spans`` (optional): ``{article_id: quote_spans(text)}`` if already computed."""
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    known = spans or {}
    inside = np.zeros(len(mentions), dtype=bool)
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
        inside[idx[ok]] = me[ok] <= ends[k[ok]]
    out = mentions.copy()
    out["in_quote"] = inside
    return out


def voices(quotes: pd.DataFrame, codebook=None, by: str = "outlet") -> pd.DataFrame:
    """Who gets to speak: quote units and quoted words per group and camp.

    Direct and partial quotes count; scare quotes and titles do not; indirect
    speech is counted in its own columns (it has no quoted words of the
    speaker's own). Units with no known camp count under ``camp = "unknown"``.

    Returns
    -------
    DataFrame
        One row per group and camp: ``units``, ``words`` (quoted words),
        ``indirect`` (indirect-speech units), ``unit_share`` and
        ``word_share`` (within the group, quoted units only).
    """
    q = quotes.assign(camp=quotes["camp"].replace("", "unknown"))
    quoted = q[(q["kind"] != "indirect") & ~q["scare"]]
    units = quoted.groupby([by, "camp"]).size().rename("units")
    words = quoted.groupby([by, "camp"])["n_words"].sum().rename("words")
    indirect = q[q["kind"] == "indirect"].groupby([by, "camp"]).size().rename("indirect")
    out = pd.concat([units, words, indirect], axis=1).fillna(0).astype(int).reset_index()
    totals = out.groupby(by)[["units", "words"]].transform("sum")
    out["unit_share"] = (out["units"] / totals["units"].where(totals["units"] > 0)).fillna(0)
    out["word_share"] = (out["words"] / totals["words"].where(totals["words"] > 0)).fillna(0)
    return out.sort_values([by, "camp"], ignore_index=True)


def camp_ratio(voice_table: pd.DataFrame, numerator: str = "syria_opposition",
               denominator: str = "russia", by: str = "outlet") -> pd.DataFrame:
    """Ratio of one camp's quoted units and words to another's, per group (NaN when the
    denominator camp is never quoted)."""
    pivot_u = voice_table.pivot_table(index=by, columns="camp", values="units", aggfunc="sum",
                                      fill_value=0)
    pivot_w = voice_table.pivot_table(index=by, columns="camp", values="words", aggfunc="sum",
                                      fill_value=0)
    out = pd.DataFrame(index=pivot_u.index)
    for name, pivot in (("units", pivot_u), ("words", pivot_w)):
        num = pivot[numerator] if numerator in pivot else 0
        den = pivot[denominator] if denominator in pivot else 0
        out[f"{numerator}_{name}"] = num
        out[f"{denominator}_{name}"] = den
        out[f"ratio_{name}"] = (num / den.where(den > 0)) if hasattr(den, "where") else float("nan")
    return out.reset_index()


_WORDS = re.compile(r"[\w’'-]+")


def statement_versions(quotes: pd.DataFrame, pattern: str, actor: str | None = None,
                       reference: str | None = None) -> pd.DataFrame:
    """Follow one statement across outlets: every quote unit matching ``pattern`` (a
    regular expression, case-insensitive), optionally of one actor, with the words each
    version has that the reference version lacks, and the reverse.

    Returns
    -------
    DataFrame
        One row per unit: ``outlet, kind, speaker, quote, n_words, added`` (words not in the
        reference version) and ``dropped`` (reference words missing here). The reference is
        the unit from outlet ``reference``, else the longest version.
    """
    rx = re.compile(pattern, re.IGNORECASE)
    units = quotes[quotes["quote"].str.contains(rx) & (quotes["kind"] != "indirect")]
    if actor is not None:
        units = units[units["actor"] == actor]
    units = units.copy()
    if units.empty:
        return units.assign(added="", dropped="")
    if reference is not None and (units["outlet"] == reference).any():
        ref = units[units["outlet"] == reference].iloc[0]["quote"]
    else:
        ref = units.loc[units["n_words"].idxmax(), "quote"]
    ref_words = [w.lower() for w in _WORDS.findall(ref)]
    added, dropped = [], []
    for text in units["quote"]:
        words = [w.lower() for w in _WORDS.findall(text)]
        added.append(" ".join(w for w in dict.fromkeys(words) if w not in set(ref_words)))
        dropped.append(" ".join(w for w in dict.fromkeys(ref_words) if w not in set(words)))
    units["added"], units["dropped"] = added, dropped
    return units[["outlet", "kind", "speaker", "quote", "n_words", "added", "dropped"]] \
        .reset_index(drop=True)
