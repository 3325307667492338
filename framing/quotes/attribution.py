"""Quote units and who speaks them: an ordered cascade of named rules.

``extract_quotes(text, codebook)`` turns the spans of :func:`quote_spans` into
:class:`QuoteUnit` records and gives each to the first rule of :data:`RULES` that
finds its speaker; the rule's name is the unit's ``rule``. Then multi-paragraph
quotes and quote-only continuation paragraphs inherit a speaker, indirect speech
(``X said that ...``) is added, and speakers are resolved to codebook actors and
camps. See :mod:`framing.quotes` for the list of rules.

Never guessed: what the text does not attribute stays unknown.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields
from typing import Callable, NamedTuple

import pandas as pd

from ..actors import MentionFinder, load_codebook
from ..language import (ABBREVIATIONS, CLAUSE_OPENERS, FEMALE_TITLES, INSTITUTION_WORDS,
                        MALE_TITLES, MONTHS, NAME_PREFIXES, ROLE_ADJECTIVES, ROLE_NOUNS, TITLES,
                        WEEKDAYS, fold, name_word)
from ..text import paragraph_spans, split_paragraph
from .spans import DOT, SentenceIndex, inside, mask_abbreviations, quote_spans

#: The columns of a quote table, in order (:func:`extract_quotes`).
QUOTE_COLUMNS = ["start", "end", "quote", "kind", "speaker", "speaker_start", "speaker_end",
                 "actor", "camp", "cue", "rule", "group", "paragraph", "scare", "n_words",
                 "referent", "speaker_status", "content_start", "content_end"]
#: ``speaker_status`` values: the text names the speaker and the codebook has them; the text
#: names them but the codebook does not (add a row); the text does not say who speaks
#: (no speaker, or a pronoun or role with no clear antecedent).
SPEAKER_STATUSES = ("named_in_codebook", "named_not_in_codebook", "none_in_text")


class Mention(NamedTuple):
    """A codebook mention in an article's text (offsets into the text)."""

    start: int
    end: int
    actor: str
    camp: str


@dataclass(slots=True)
class QuoteUnit:
    """One quote unit: the public columns of :data:`QUOTE_COLUMNS`, then working state
    (``closed``, ``para``, ``mark``, ``apposition``, ``index``) that is not output."""

    start: int
    end: int
    quote: str
    kind: str
    speaker: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    actor: str = ""
    camp: str = ""
    cue: str = ""
    rule: str = ""
    group: int = -1
    paragraph: int = 0
    scare: bool = False
    n_words: int = 0
    referent: str = ""            # the name a pronoun or role refers to, when resolved
    speaker_status: str = "none_in_text"
    content_start: int = -1       # the reported clause of a partial quote (else the quote)
    content_end: int = -1
    closed: bool = False          # the closing mark is there
    para: tuple = (0, 0)          # the paragraph's (start, end)
    mark: int = 0                 # where the quoted span ended, before trimming ",;: "
    apposition: str | None = None  # the whole speaker phrase ("X, a spokesman for Y")
    index: int = 0                # the unit's place among its paragraph's quotes
    double: bool = True           # opened by a double quotation mark (not ‘ or ')

    def take_speaker(self, src: "QuoteUnit") -> None:
        """Copy the speaker of ``src``."""
        self.speaker, self.speaker_start, self.speaker_end = \
            src.speaker, src.speaker_start, src.speaker_end
        self.cue = src.cue
        self.apposition = src.apposition if src.apposition is not None else src.speaker


_UNIT_FIELDS = [f.name for f in fields(QuoteUnit)]

# --- shared language knowledge -------------------------------------------------------------

# Speech verbs after or before a quote.
_SAY = (r"said|says|say|added|adds|told(?:\s+[a-z]+){0,4}?(?:\s+in\s+[A-Z][\w-]+)?|tells|asked|"
        r"asks|replied|replies|responded|responds|stated|states|declared|explained|explains|"
        r"insisted|insists|warned|warns|wrote|writes|continued|continues|noted|notes|stressed|"
        r"announced|claimed|argued|argues|concluded|recalled|recalls|clarified|acknowledged|"
        r"admitted|conceded|countered|testified|tweeted|posted|remarked|observed|predicted|"
        r"cautioned|shouted|joked|quipped|emailed|texted|exclaimed|boasted|demanded|complained|"
        r"asserted|contended|agreed|retorted|reported|reports|(?<!-)proclaimed|proclaims")
# Plural present forms, nouns too ("a claim", "a note"): only right after a quote's speaker.
_SAY_PLURAL = r"write|argue|note|warn|explain|insist|claim|tell|add"
# Speech and stance verbs that make a sentence's subject the source of a partial quote.
_STANCE = (_SAY + r"|described(?:\s+as)?|describing|called|calling|insisting|raised concerns|ordered|pledged|"
           r"welcomed|recognized|recognised|quoted|urged|accused|promised|vowed|denied|denounced|"
           r"saying|stresses|suggested|dismissed|praised|criticised|criticized|condemned|"
           r"adding|telling|noting|arguing|warning|explaining|claiming|writing|asking|indicated|"
           # stance verbs in the active voice only ("was labeled as "..."" names no one)
           r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )(?<!be )"
           r"(?:blasted|slammed|labeled|labelled|branded|dubbed|mocked|hailed|decried|derided|"
           r"touted|lauded|lambasted|ridiculed)")
# Adverbs between a speaker and the verb ("Smith flatly denied", "X has repeatedly said",
# "Rosen gamely replied"): a few without -ly, and any -ly word that is not a noun or adjective.
# Each word matches one alternative only (no -ly word is also listed), so a run of adverbs
# cannot backtrack exponentially.
_ADVERBS = (r"often|never|always|sometimes|still|even|just|later|earlier|once|again|"
            r"(?!(?:ally|rally|family|supply|reply|assembly|anomaly|monopoly|italy|belly|"
            r"bully|jelly|holy|daily|weekly|monthly|yearly|only|early|likely|july|elderly|"
            r"friendly|lonely|lovely|ugly|costly|deadly|lively|silly|orderly|unlikely|"
            r"burly|curly|hourly|nightly|quarterly|kelly|billy|molly|emily|lily|sally)\b)"
            r"[a-z]{2,}ly")
_SAY_RX = re.compile(r"\b(?:" + _SAY + r")\b")
_STANCE_RX = re.compile(r"\b(?:" + _STANCE + r")\b")
_AUX = r"(?:(?:has|had|have|also|long|yesterday|then|" + _ADVERBS + r")\s+)*"
_AFTER_CUE_SPEAKER = re.compile(
    r"^\s*[,.?!]?\s*(?P<cue>said|says|added|adds|asked|asks|replied|wrote|writes|continued|"
    r"insisted|warned|explained|recalled|tweeted|states|stated|noted|notes|told|argued|argues|"
    r"reported|reports|declared|responded|countered|boasted|complained|asserted|contended|"
    r"retorted|agreed|exclaimed|concluded|remarked|observed|cautioned|acknowledged|"
    r"(?<!-)proclaimed)\s+"
    r"(?P<speaker>[^,.;:“”\"]{2,80}?)\s*(?=[,.;:]|$)")
_AFTER_SPEAKER_CUE = re.compile(
    r"^\s*[,.?!]?\s*(?:as\s+)?(?P<speaker>[^,.;:“”\"!?]{2,80}?)\s+" + _AUX
    + r"(?P<cue>" + _SAY + "|" + _SAY_PLURAL + r"|reads|read)\b")
# A name, a parenthesis and/or an apposition between the quote and the verb:
# '"...," Sen. Claire McCaskill, D-Mo., said' / '"...," Rep. X (R-Ohio), a panel member, said'
_AFTER_APPOSITION = re.compile(
    r"^\s*[,.?!]?\s*(?P<speaker>[^,.;:“”\"!?()]{2,80}?)(?:\s*\([^()“”\"]{1,40}\))?"
    r"(?:,\s+[^“”\".!?]{1,140}?,|\s*\([^()“”\"]{1,40}\))\s+" + _AUX
    + r"(?P<cue>" + _SAY + r")\b")
# After a quote that ends its sentence inside the marks ('..."'), the next sentence's
# "X said" attributes that quote only when the verb ends the clause ('X said.', 'X said on
# Monday.'), not when X goes on to say something else ('X said he would ...').
_CLAUSE_END = re.compile(
    r"(?:\s+(?:in|on|at|during|to|after|before|from|via|last|this|late|early|yesterday|today|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^.!?;“”\"]{0,60})?\s*"
    r"(?:[.,;!?]|$)")
# Before a colon or comma that opens a quote, "went on" is speech too ('He went on, "...').
_SAY_BEFORE = _SAY + r"|went\s+on|goes\s+on"
_BEFORE_COLON = re.compile(
    r"(?:^|[.!?]\s+|[”\"]\s*)(?P<speaker>[^.!?“”\"]{2,160}?)\s+" + _AUX +
    r"(?P<cue>" + _SAY_BEFORE + r")(?:\s+[^.!?:“”\"]{0,60})?\s*:\s*$")
_BEFORE_COMMA = re.compile(
    r"(?:^|[.!?]\s+|[”\"]\s*)(?P<speaker>[^.!?“”\"]{2,160}?)\s+" + _AUX +
    r"(?P<cue>" + _SAY_BEFORE + r")(?:\s+[^.!?:,“”\"]{0,60})?\s*,\s*$")
# An inverted speaker before a quote: "On the other hand, said Mr. Mulvaney, "..."" (the name
# after the verb speaks, not the opening phrase before it)
_INVERTED_BEFORE_COMMA = re.compile(
    r"(?:^|[.!?]\s+|[”\"]\s*)(?:[^.!?“”\"]{1,100}?,\s+)?(?P<cue>said|says|added|adds|wrote|"
    r"writes|argued|argues|noted|notes|continued|explained|insisted|recalled)\s+"
    r"(?!(?:" + "|".join(sorted(WEEKDAYS | MONTHS)) + r")\b)"  # "said Wednesday," is no one
    r"(?P<speaker>[A-Z][^.!?:,“”\"]{1,80}?)(?:,[^.!?:“”\"]{1,120}?)?\s*,\s*$")
# A name after a dash, closing the paragraph: '"..." — Jane Doe' / '"..." -- Jane Doe, author'
_NAME_WORD = r"(?:[A-Z][\w.․'’-]*|of|the|and|de|al|van|von|bin)"
_DASH_BYLINE = re.compile(
    r"^\s*(?:[—–]|--?)\s*(?P<speaker>[A-Z][\w.․'’-]*(?:\s+" + _NAME_WORD + r"){0,9})"
    r"\s*(?:[,(][^“”\"]{0,120})?[.]?\s*$")
_BETWEEN_SPLIT = re.compile(
    r"^[\s,.;:—–-]*(?:(?P<cue1>" + _SAY + r")\s+(?P<speaker1>[^,.;:“”\"]{2,80}?)"
    r"|(?P<speaker2>[^,.;:“”\"]{2,80}?)(?:,\s+[^“”\".!?]{1,140}?,)?\s+" + _AUX
    + r"(?P<cue2>" + _SAY + r"|reads|read))\b"
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
    r"(?P<cue>said|says|say|argued|argues|wrote|writes|noted|notes|warned|warns|explained|"
    r"cautioned|added|adds)\b[^,“”\"]{0,60}$")
_INDIRECT_ACCORDING = re.compile(
    r"^(?P<cue>According to)\s+(?P<speaker>[^,“”\"]{2,80}?),\s+(?P<content>[^“”\"]{10,})$")
_INDIRECT_ACCORDING_AFTER = re.compile(
    r"^(?P<content>[^“”\"]{10,}?),\s+(?P<cue>according to)\s+(?P<speaker>[^,.“”\"]{2,80}?)"
    r"(?:,[^“”\"]*)?[.!?]?$")
_INDIRECT_CUE = re.compile(r"\b(?:said|says|say|told|announced|warned|warns|insisted|claimed|"
                           r"added|adds|stressed|indicated|noted|notes|argued|argues|wrote|"
                           r"writes|explained|cautioned|[Aa]ccording)\b")
#: A pronoun speaker, resolved for the camp only to a named person.
PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
#: Pronouns kept as surface speakers: "they"/"it" are resolved only to the group that spoke
#: just before; "we"/"I" never (the quote's own voice, or the reporter's).
SURFACE_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_GROUP_PRONOUN = re.compile(r"^(?:they|it)$", re.IGNORECASE)
# A name that is surely a person's outside the codebook: a title and a name, or two or more
# capitalised words ("Police" or "Researchers" at a sentence's start are not).
_PERSON_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|President|Senator|Judge|Justice)[.․]?\s+[A-Z]"
    r"|^(?:[A-Z][\w’'․.-]*\s+)*[A-Z][a-z][\w’'-]*\s+(?:[A-Z][.․]\s+)?[A-Z][a-z][\w’'-]*$")
#: A generic role ("officials", "the statement"): takes the actor named just before.
GENERIC = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:officials?|spokes(?:man|woman|person)|statement|ministry|source|"
    r"sources|agency|office|aides?|diplomats?|authorities|government)$", re.IGNORECASE)
_PERSONISH = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|spokes(?:man|woman|person)|envoy|negotiator|minister|"
    r"president|leader|secretary|reporter|analyst)\b"
    r"|^(?:[A-Z][\w’'-]+\s+)*(?:al-|al\s+|de\s+)?[A-Z][a-z][\w’'-]*$")
_NOT_SPEAKER = re.compile(r"\b(?:came|comes|come|was|were|is|are|been|after|before|when|because|"
                          r"which|while|if|than|but|and|or|so|then|it|that|there|something|"
                          r"might|could|would|should|will)\b", re.IGNORECASE)
# A capitalised word with a lower-case letter (name_word: linear in the word's length)
_LOWER_NAME_WORD = name_word("’'-")
_NAME_BEFORE_CUE = re.compile(
    r"(?:^|[\s(])((?:" + _LOWER_NAME_WORD + r"\s+){0,3}" + _LOWER_NAME_WORD + r")\s+" + _AUX
    + r"$")
_THEN_TITLE = re.compile(r"\bthen[–-](?=[A-Za-z])")
# Two named people speaking together: "Seema Shah and Danielle McIntee"
_JOINT_NAMES = re.compile(r"^(?:[A-Z][\w.․'’-]*\s+){0,3}" + name_word("․'’-")
                          + r"\s+and\s+(?:[A-Z][\w.․'’-]*\s+){0,3}" + name_word("’'-") + "$")
_PRONOUN_BEFORE_CUE = re.compile(r"\b(he|she|He|She)\s+" + _AUX + r"$")
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# A cue that is negated ("Trump hasn't said that, but ...") attributes nothing.
_NEGATED = re.compile(r"(?:n[’']t|\bnot|\bnever)\s+" + _AUX + r"$")
# The subject of a narration sentence: after an opening phrase that ends in a comma, a
# pronoun or a capitalised name (role words included: "Democratic Senator Chris Coons"),
# followed by a lower-case word (the verb).
_NAME_RUN = r"(?:[A-Z][\w’'․-]*\s+){0,5}" + name_word("’'-")
_OPENING = r"(?:[^,;:“”\"‘’]{1,100}?,\s+)??"
# A word that reads as a verb after a subject (a noun after an adjective, "North Korean
# dictatorship", does not): past or present forms, common irregular verbs, auxiliaries,
# negated too ("Trump wasn't happy", "won't", "can't").
_VERBISH = (r"(?:(?:wo|ca)(?=n[’']t)|cannot|[a-z]+(?:ed|es|s)|said|told|caught|had|has|is|was|"
            r"were|are|will|would|could|can|did|does|do|may|might|must|should|went|got|made|"
            r"took|gave|came|saw|knew|"
            r"thought|spoke|wrote|ran|won|lost|met|left|sent|became|began|held|led|kept|felt|"
            r"brought|put|set|stood|paid|read|sought|fought|found|heard|meant|built|chose|drew|"
            r"fell|grew|hit|let|quit|sat|shot|sold|spent|struck|swore|taught|threw|withdrew)"
            r"(?:n[’']t)?\b")
# Capitalised words that open a sentence without naming anyone ("With Id al-Adha near, ...")
_NOT_A_NAME = (r"(?!(?:In|On|At|With|After|Before|When|While|As|But|And|For|From|By|During|"
               r"Since|Under|Over|If|This|That|These|Those|It|Its|Their|His|Her|Our|My|Your|"
               r"What|Why|How|Where|Who|Which|There|Here|Then|So|Yet|Still|Also|Even|Now|"
               r"Later|Earlier|Last|Next|According|A|An|The|To|Of|Some|Many|Most|Few|All|"
               r"Just)\b)")
# Role words before a name: "Democratic strategist", "The Ohio representative", "campaign
# manager", "Clinton's senior policy adviser"
_ROLE_LEAD = (r"(?:(?:[Tt]he\s+|[Aa]n?\s+)?(?:(?:[A-Z][\w’'․.-]*|"
              + "|".join(sorted(ROLE_ADJECTIVES)) + r")\s+){0,3}(?:[a-z]+\s+)?(?:"
              + "|".join(sorted(ROLE_NOUNS)) + r")\s+(?=[A-Z]))?")
# A wire dateline before the first sentence: "HERSHEY, Pa. (AP) — ", "WASHINGTON (Reuters) - "
_DATELINE = r"(?:[A-Z][A-Z.․,' ]{2,40}(?:\s*\([A-Za-z.․ ]{2,20}\))?\s*[—–-]{1,2}\s*)?"
_SUBJECT = re.compile(
    _DATELINE + _OPENING + r"(?:(?:But|And|Yet|So|Still)\s+)?"  # "But State Senator Joe Negron"
    + r"(?:(?P<pronoun>[Hh]e|[Ss]he)|" + _ROLE_LEAD + r"(?:[Tt]he\s+)?" + _NOT_A_NAME
    + r"(?P<name>"
    + _NAME_RUN + r"(?<![’']s)"
    + r"))(?=(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'․-]*\s+){0,4}[A-Z][\w’'․-]*)?"  # "of Oregon"
    + r"(?:\s*\([^()“”\"]{1,40}\))?"
    # appositions: ", a Republican," or " -- part of the campaign --"
    + r"(?:,\s[^“”\"]{1,120}?,|\s+[-—–]{1,2}\s[^“”\"]{1,120}?\s[-—–]{1,2})?"
    + r"(?:\s+(?:himself|herself))?\s+" + _AUX + _VERBISH + r")")
# What may stand before a mention that is its sentence's subject: an opening phrase, an
# article, role words ("The former hospital administrator", "Democratic Senator Chris Coons").
_SUBJECT_LEAD = re.compile(_OPENING + r"(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Z][\w’'․.-]*\s+){0,4}")
# A pronoun after an opening clause whose subject is named: "When Vietor is asked ..., he says"
_CLAUSE_SUBJECT = re.compile(
    r"(?:(?:And|But|So|Yet)\s+)?(?:[Ww]hen|[Aa]s|[Aa]fter|[Ww]hile|[Bb]efore|[Oo]nce|[Ss]ince)"
    r"\s+(?:[Tt]he\s+)?" + _NOT_A_NAME + r"(?P<name>" + _NAME_RUN
    + r"(?<![’']s))\s+" + _AUX + _VERBISH + r"[^,;:“”\"]{0,150},\s+(?P<pronoun>[Hh]e|[Ss]he)\b")
# "him", "them", and "her" as an object ("called her on Friday"; not "got her turn")
_OBJECT_PRONOUN = re.compile(r"\b(?:him|them|her(?=\s*(?:[,.;:]|(?:on|in|at|to|for|about|after|"
                             r"before|again|back|up|out|over|and|that|if)\b)))\b")
_THAT_SUBJECT = re.compile(r"\bthat\s+(?:[A-Z][\w․.]*\s+){0,2}$")
_VERB_AFTER = re.compile(r"(?:\s+and\s+(?:his|her)\s+[a-z]+)?\s+" + _AUX + r"[a-z]")
_RELATIVE = re.compile(r"\s*(?:which|who)\s")


# --- codebook look-ups ---------------------------------------------------------------------

class MentionIndex:
    """Codebook mentions of one text, sorted by start, with range queries by binary search.
    ``spans`` is the list, or a function that finds it, called on first use (only some
    quote units need mentions)."""

    def __init__(self, spans):
        self._spans, self._starts = spans, None

    def _ready(self):
        if self._starts is None:
            if callable(self._spans):
                self._spans = self._spans()
            self._spans = [Mention(*m) for m in self._spans]
            self._starts = [m.start for m in self._spans]

    def last_within(self, lo: int, hi: int, keep) -> Mention | None:
        """The last mention (in text order) of :meth:`within` for which ``keep(m)`` holds,
        searched backwards from ``hi`` so that only the mentions after it are visited."""
        self._ready()
        for j in range(bisect.bisect_left(self._starts, hi) - 1, -1, -1):
            m = self._spans[j]
            if m.start < lo:
                return None
            if m.end <= hi and keep(m):
                return m
        return None

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions with ``lo <= start`` and ``end <= hi``, in text order."""
        self._ready()
        out = []
        for j in range(bisect.bisect_left(self._starts, lo), len(self._spans)):
            m = self._spans[j]
            if m.start >= hi:
                break
            if m.end <= hi:
                out.append(m)
        return out


# After a name, a noun for someone else: of the person's circle, or of its opponents
_CIRCLE = re.compile(
    r"(?:[’']s)?\s+(?:[a-z]+\s+)?(?:allies|ally|aides?|advisers?|advisors?|supporters?|donors?|"
    r"voters?|fans?|associates?|loyalists?|friends?|confidants?|backers?)\b")
# "Obama's former defense secretary", "Trump's lawyers": someone else; those who speak for the
# person and their own words ("Biden's campaign", "Mr. Obama's press secretary", "Obama's
# statement") are not
_THEIR_ROLE = re.compile(r"[’']s\s+(?!(?:[a-z-]+\s+)?(?:spokes\w*|press\s+secretary|campaign|"
                         r"team|office|staff|administration|statement|tweets?|remarks|"
                         r"letter|speech|message|post|account|website)\b)[a-z]")
_OPPONENT = re.compile(r"(?:[’']s)?\s+(?:[a-z]+\s+)?(?:critics?|opponents?|rivals?|detractors?)\b")


class Resolver:
    """Speaker words -> (actor, camp) through the codebook. Built once per codebook."""

    def __init__(self, codebook=None):
        self.codebook = load_codebook() if codebook is None else codebook
        self.finder = MentionFinder(self.codebook)
        self.persons = set(self.codebook.loc[self.codebook["type"] == "person", "actor"]) \
            if "type" in self.codebook else set()
        # surnames of the persons' full-name aliases ("Mitch McConnell" -> "McConnell"): a
        # bare-surname speaker is looked up in the text only for these
        self.surnames = set()
        self.gender: dict[str, str] = {}  # person -> "m"/"f" when an alias says ("Mrs. X")
        if "type" in self.codebook and "alias" in self.codebook:  # one row per alias
            rows = self.codebook[self.codebook["type"] == "person"]
            for actor, alias in zip(rows["actor"], rows["alias"]):
                words = str(alias).split()
                if len(words) >= 2 and _is_first_name(words[-2]):
                    self.surnames.add(fold(words[-1]))
                said = _honorific_gender(words[0]) if words else ""
                if said:  # an actor given both is left without one
                    self.gender[actor] = said if self.gender.get(actor, said) == said else "?"

    def actor(self, words: str) -> tuple[str, str]:
        """The most specific actor the words name: a person row beats an institution row
        ("White House Press Secretary Josh Earnest" is Earnest); else the first named."""
        # "a Trump critic", "a Putin ally": the name qualifies someone else, who stays unknown
        # (an institution's aide or adviser speaks for it: "a White House aide" is the White
        # House, as a spokesman is; a critic of anyone is not them, nor is "Obama's former
        # defense secretary")
        found = [m for m in self.finder.find(words)
                 if not _OPPONENT.match(words, m[1])
                 and not (m[2] in self.persons and (_CIRCLE.match(words, m[1])
                                                    or _THEIR_ROLE.match(words, m[1])))]
        if not found:
            return "", ""
        person = next((m for m in found if m[2] in self.persons), found[0])
        return person[2], person[3]

    def is_person(self, words: str) -> bool:
        """Could "he"/"she" refer to this speaker? A codebook actor of type person (not
        through an institution's name, "White House"), or, outside the codebook, a name."""
        actor, _ = self.actor(words)
        if actor in self.persons:
            return True
        # "Mr. Trump's campaign": someone's something, not a name "he" can refer to
        if _institution_name(words) or actor or _THEIR_ROLE.search(words):
            return False
        return bool(_PERSONISH.search(words) or _PERSON_NAME.search(words))

    def valid_speaker(self, words: str) -> bool:
        """A speaker is a noun phrase that names someone: a codebook actor, a person, a
        role, or a pronoun, and holds no clause words ("but", "came", "after")."""
        head = words.split(",")[0].strip()
        head = _THEN_TITLE.sub("", head)  # "then-Secretary of State X": "then" is no clause
        if not head or _NOT_SPEAKER.search(head) and not _JOINT_NAMES.match(head):
            return bool(SURFACE_PRONOUN.match(head))
        return bool(self.finder.find(head) or _PERSONISH.search(head) or GENERIC.match(head)
                    or SURFACE_PRONOUN.match(head) or re.search(r"\b[A-Z]", head)
                    or re.match(r"(?:the|a|an|one)\s+[\w-]+(?:\s+[\w-]+){0,3}$", head,
                                re.IGNORECASE))


# --- one text ------------------------------------------------------------------------------

class _Text:
    """What the rules read about one text: the text with abbreviation dots masked, its
    paragraphs, quote spans, codebook mentions, sentence index and the units so far; and,
    for the unit being attributed, the quotes of its paragraph and the text after it."""

    def __init__(self, text, resolver, mentions=None, qspans=None):
        self.raw = text
        self.text = mask_abbreviations(text)
        self.resolver = resolver
        self.paras = paragraph_spans(text)
        self.mentions = MentionIndex(mentions if mentions is not None else
                                     lambda: resolver.finder.find(text))
        self.qspans = quote_spans(text) if qspans is None else qspans
        self.sentences = SentenceIndex(self.text)
        self.units: list[QuoteUnit] = []
        self.in_para: list[tuple[int, int]] = []
        self.after_from = 0
        self.after = ""
        self._split: dict[int, list] = {}
        self.antecedents: dict[int, tuple | None] = {}  # pronoun position -> its referent
        self.according: dict[tuple[int, int], object] = {}  # sentence -> its "according to"
        self.stance: dict[tuple[int, int], tuple] = {}  # sentence -> its cues outside quotes, ends
        self.final: dict[tuple[int, int], object] = {}  # sentence -> its ", X said." ending
        self._pstarts = [ps for ps, _ in self.paras]
        self._full: dict | None = None  # surname -> codebook persons named in full with it
        self._titled: dict = {}  # surname -> codebook persons named with a title ("Mrs. X")
        self._hits: dict | None = None  # codebook surname -> where it occurs
        self._surnames: dict = {}  # surname -> _Surname, built when a speaker needs it
        self._first_full: dict | None = None  # word -> where it first ends a full name
        self._proper: set | None = None  # words capitalised inside a sentence
        self._gender: dict | None = None  # surname -> "m"/"f" said by an honorific before it

    def surname(self, surname: str) -> "_Surname | None":
        """How the text names people with ``surname`` in full; ``None`` when it names no
        codebook person in full with it. Each index is built once per text."""
        key = fold(surname)
        if self._full is None:
            self._full = {}
            persons = self.resolver.persons
            for m in self.mentions.within(0, len(self.raw)):
                words = self.raw[m.start:m.end].split()
                if len(words) >= 2 and m.actor in persons:
                    into = self._full if _is_first_name(words[-2]) else self._titled
                    into.setdefault(fold(words[-1]), []).append(m)
        if key not in self._full:
            return None
        if self._hits is None:  # one pass over the words, kept for the codebook's surnames
            self._hits = {}
            surnames = self.resolver.surnames
            for w in _WORD.finditer(self.raw):
                # fold() of one word: no white space to collapse
                word = w.group().casefold().replace("’", "'")
                word = word[:-2] if word.endswith("'s") else word  # "Clinton's aides"
                if word in surnames:
                    self._hits.setdefault(word, []).append(w.start())
        if key not in self._surnames:
            self._surnames[key] = _surname_index(self.raw, self._hits.get(key, []),
                                                 self._full[key], self._titled.get(key, []),
                                                 self.qspans)
        return self._surnames[key]

    def first_full_name(self, surname: str) -> int:
        """Where the text first names someone in full with ``surname`` ("Freddy Naranjo",
        "Sean P. Carter"), outside quotation marks; -1 if it never does. One pass per text."""
        if self._first_full is None:
            self._first_full = {}
            for m in _FULL_NAME.finditer(self.text):
                if _is_first_name(m.group(1)) and m.group(1) not in CLAUSE_OPENERS and \
                        not inside(m.start(1), self.qspans):
                    self._first_full.setdefault(_POSSESSIVE.sub("", m.group(2)), m.start(1))
        return self._first_full.get(surname, -1)

    def gender_of(self, name: str, actor: str) -> str:
        """"m" or "f" when the codebook (an alias "Mrs. X") or the text (an honorific or a
        gendered title right before the surname: "Mr. X", "Congresswoman X") says which the
        person named ``name`` is; "" when nothing says so, or both are said."""
        said = self.resolver.gender.get(actor, "")
        if said:
            return said if said != "?" else ""
        words = name.split()
        if not words:
            return ""
        said = _honorific_gender(words[0])
        if said:
            return said
        if self._gender is None:  # one pass per text
            self._gender = {}
            for m in _GENDERED.finditer(self.text):
                g, key = _honorific_gender(m.group(1)), _POSSESSIVE.sub("", m.group(2))
                self._gender[key] = g if self._gender.get(key, g) == g else "?"
        said = self._gender.get(_POSSESSIVE.sub("", words[-1]), "")
        return said if said != "?" else ""

    def is_proper(self, word: str) -> bool:
        """Is ``word`` capitalised inside a sentence somewhere in the text (a name: "Giuliani",
        "Russia"; not "Anything", "Four" or "They", capitalised only at a sentence's start)?"""
        if self._proper is None:
            self._proper = {_POSSESSIVE.sub("", w) for w in _MID_SENTENCE.findall(self.text)}
        return word in self._proper

    def sentences_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The sentences (start, end) of the paragraphs that overlap ``lo:hi``, starting
        before ``hi``; each paragraph split once."""
        out = []
        k = bisect.bisect_right(self._pstarts, lo) - 1
        for pstart, pend in self.paras[max(k, 0):]:
            if pend <= lo:
                continue
            if pstart >= hi:
                break
            spans, ends = self.paragraph_sentences(pstart, pend)
            # binary search: a one-line 1 MB article must not rescan its sentences
            for s, e in spans[bisect.bisect_right(ends, lo):]:
                if s >= hi:
                    break
                out.append((s, e))
        return out

    def paragraph_sentences(self, pstart: int, pend: int) -> tuple[list, list]:
        """The sentences (start, end) of one paragraph and their ends, split once (the
        indirect-speech pass and the pronoun look-back read the same splits)."""
        split = self._split.get(pstart)
        if split is None:
            spans = split_paragraph(self.text, pstart, pend)
            split = self._split[pstart] = (spans, [e for _, e in spans])
        return split

    def sentence(self, u: QuoteUnit) -> tuple[int, int]:
        return self.sentences.bounds(u.para[0], u.para[1], u.start)

    def last_before(self, pstart: int, s: int) -> int:
        """Index of the last non-space character of ``text[pstart:s - 1]`` (the paragraph
        before a quote's opening mark), or -1 when there is none."""
        text, j = self.text, s - 2
        while j >= pstart and text[j].isspace():
            j -= 1
        return j if j >= pstart else -1

    def set_speaker(self, u: QuoteUnit, sp_start, sp_end, cue, rule) -> bool:
        """Give ``u`` the speaker phrase at ``sp_start:sp_end``, trimmed to its head; False
        (``u`` unchanged) when the phrase has no head that can speak."""
        phrase = self.text[sp_start:sp_end]
        lead = len(phrase) - len(phrase.lstrip(" —–-"))
        phrase = phrase.strip(" —–-")
        head = _head(phrase, rule)
        if not head:
            return False
        lead += phrase.find(head) if head else 0
        u.speaker = head.replace(DOT, ".")
        u.speaker_start = sp_start + lead
        u.speaker_end = sp_start + lead + len(head)
        u.cue = " ".join(cue.split())
        u.rule = rule
        u.apposition = phrase.replace(DOT, ".")
        return True


_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_CLAUSE_SEGMENT = re.compile(r"(?:when|while|who|whose|which|but|and|though|although|if|after|"
                             r"before|because|as|asked|speaking)\b", re.IGNORECASE)
_APPOSITION_SEGMENT = re.compile(r"(?:[Aa]n?|[Tt]he)\s+[a-z]")
_LEADING_WORD = re.compile(r"^(?:As|But|And|Even|So|Then|Yet|Still|Also|Later|Now)\s+")


def _head(phrase: str, rule: str) -> str:
    """The speaker's own words in a phrase: "X, a spokesman for Y" -> "X"; for a speaker
    before the quote, the comma segment nearest the verb ("In a text sent on Monday, the
    diplomat says:" -> "the diplomat"), unless that segment is an apposition ("a ...")."""
    phrase = _PARENTHESIS.sub("", phrase)  # "Sen. Dick Durbin (D-IL)" -> "Sen. Dick Durbin"
    parts = [p.strip() for p in phrase.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if rule not in ("before_colon", "colon_paragraph", "before_comma"):
        return parts[0]
    if rule == "before_colon":
        last = parts[-1]
        if len(parts) > 1 and re.match(r"(?:a|an)\s", last, re.IGNORECASE):
            return parts[-2]
        return last
    # the segment nearest the verb that is not a clause ("when asked about it") nor an
    # apposition after a name ("X, the MSNBC host, said,"), without a leading "As"/"Even"
    for k in range(len(parts) - 1, -1, -1):
        part = parts[k]
        if _CLAUSE_SEGMENT.match(part) or (k and _APPOSITION_SEGMENT.match(part)):
            continue
        head = _LEADING_WORD.sub("", _PARENTHESIS.sub("", part))
        # a subject, not a clause: few words, no verb of its own
        if len(head.split()) > 6 or _SAY_RX.search(head) or _NOT_SPEAKER.search(head) \
                and not SURFACE_PRONOUN.match(head):
            return ""
        return head
    return ""


# --- the rules, in the order they are tried --------------------------------------------------
# Each takes the text and the unit, and returns True when it settled the unit (a speaker
# found, or a reason to stop looking).

def _next_sentence(t: _Text, u: QuoteUnit) -> bool:
    """Did the quote end its sentence inside the marks ('..."') with a capital after it?"""
    return t.raw[u.mark - 1:u.mark] == "." and t.after[:1].isspace() and \
        t.after.lstrip()[:1].isupper()


def _after_cue_speaker(t: _Text, u: QuoteUnit) -> bool:
    """``"...," said Salim al-Muslat, spokesman for ...``"""
    m = _AFTER_CUE_SPEAKER.match(t.after)
    if m and u.closed and t.resolver.valid_speaker(m.group("speaker")) and not (
            _next_sentence(t, u) and not _CLAUSE_END.match(t.after, m.end("cue"))):
        start, end = m.start("speaker"), m.end("speaker")
        # "said a Republican from South Dakota, Sen. Mike Rounds.": a description, then the
        # name of the one it describes
        named = _NAME_AFTER.match(t.after, end)
        if named and _DESCRIPTION.match(m.group("speaker")) and \
                not _PERSON_NAME.search(m.group("speaker")) and \
                _PERSON_NAME.search(named.group("name")) and \
                not _institution_name(named.group("name")):
            start, end = named.start("name"), named.end("name")
        return t.set_speaker(u, t.after_from + start, t.after_from + end, m.group("cue"),
                             "after_cue_speaker")
    return False


_DESCRIPTION = re.compile(r"(?:[Aa]n?|[Tt]he|[Oo]ne\s+of)\s")  # "said one of them, Sahana Begum"
_NAME_AFTER = re.compile(r",\s+(?P<name>(?:[A-Z][\w’'․-]*\s+){0,4}[A-Z][\w’'․-]+)\s*(?=[,.;:]|$)")


def _after_speaker_cue(t: _Text, u: QuoteUnit) -> bool:
    """``"...," officials said`` / ``"...", the statement said``"""
    m = _AFTER_SPEAKER_CUE.match(t.after)
    if m and u.closed and t.resolver.valid_speaker(m.group("speaker")) and not (
            _next_sentence(t, u) and not _CLAUSE_END.match(t.after, m.end("cue"))):
        return t.set_speaker(u, t.after_from + m.start("speaker"),
                             t.after_from + m.end("speaker"), m.group("cue"), "after_speaker_cue")
    return False


def _after_speaker_apposition(t: _Text, u: QuoteUnit) -> bool:
    """``"...," Sen. Claire McCaskill, D-Mo., said`` / ``"...," X (R-Ohio), a member, said``"""
    m = _AFTER_APPOSITION.match(t.after)
    if m and u.closed and t.resolver.valid_speaker(m.group("speaker")) and not (
            _next_sentence(t, u) and not _CLAUSE_END.match(t.after, m.end("cue"))):
        t.set_speaker(u, t.after_from + m.start("speaker"), t.after_from + m.end("speaker"),
                      m.group("cue"), "after_speaker_apposition")
        u.apposition = t.after[m.start("speaker"):m.start("cue")].strip(" ,")
        return True
    return False


def _split(t: _Text, u: QuoteUnit) -> bool:
    """``"A", says X, "B"``: the second quote takes the first one's speaker."""
    k = u.index
    titles = 0  # a title between the two quotes ('X said on "Fox & Friends." "B"') is skipped
    while k - 1 - titles > 0 and t.units and len(t.units) > titles and \
            t.units[-1 - titles].rule == "title":
        titles += 1
    if k - titles == 0:
        return False
    ps, pe = t.in_para[k - 1 - titles]
    between = t.text[pe + 1:u.start - 1]
    for v in t.units[len(t.units) - titles:]:  # the titles' marks are no quote boundaries
        between = between.replace(t.text[v.start - 1:v.mark + 1],
                                  " " + t.text[v.start:v.mark] + " ")
    m = _BETWEEN_SPLIT.match(between)
    if m and t.units and t.units[-1 - titles].start == ps:
        prev = t.units[-1 - titles]
        between = (m.group("speaker1") or m.group("speaker2")).replace(DOT, ".")
        # '"A," X said. "B"', but not '"A," X said. "B" Y said ... "C"': "C" is Y's
        if prev.speaker and not _names_another(t, between, prev.speaker):
            u.take_speaker(prev)
            u.rule, u.kind, u.group = "split", prev.kind, prev.group
            return True
    return False


_NOT_NAMING = re.compile(r"^(?:as\s+)?(?:(?:the|a|an|one|he|she|it|they|we|i|his|her|its|their)"
                         r"\b\s*)?", re.IGNORECASE)


def _is_named(words: str) -> bool:
    """Do ``words`` name someone ("Jordan", "Sen. Cruz"), not only a pronoun or a role ("he",
    "the war", "his announcement")?"""
    return _NAMED.search(_NOT_NAMING.sub("", words.strip(), count=1)) is not None


def _names_another(t: _Text, words: str, speaker: str) -> bool:
    """Do ``words`` name someone other than ``speaker`` (a pronoun, a role or the same name
    does not)?"""
    if not _is_named(words):
        return False
    a, b = fold(words), fold(speaker)
    if a in b or b in a:
        return False
    actor = t.resolver.actor(words)[0]
    return not (actor and actor == t.resolver.actor(speaker)[0])


def _after_char(t: _Text, u: QuoteUnit) -> str:
    """The last character before the quote's opening mark in its paragraph ("" if none)."""
    pstart, s = u.para[0], u.start
    last = t.last_before(pstart, s) if s > pstart else -1
    return t.text[last] if last >= 0 else ""


def _speaker_before(t: _Text, u: QuoteUnit, rx, pstart: int, end: int, rule: str) -> bool:
    """Search ``rx`` in the last 240 characters of ``text[pstart:end]`` (in place: "^" never
    matches at a window's start, only at the paragraph's, as in a slice of the paragraph)."""
    if end - pstart <= 240:
        m = rx.search(t.text[pstart:end])
        offset = pstart
    else:
        m = rx.search(t.text, end - 240, end)
        offset = 0
    # the speaker is the comma segment nearest the verb ("..., Rosen gamely replied,")
    head = _head(m.group("speaker"), rule) if m else ""
    if m and m.group("cue").startswith(("went", "goes")) and not (
            PRONOUN.match(head) or _is_named(head)):
        return False  # "The war went on, ...": speech only for a person ("He went on, "...")
    if m and t.resolver.valid_speaker(head):
        return t.set_speaker(u, offset + m.start("speaker"), offset + m.end("speaker"),
                             m.group("cue"), rule)
    return False


def _before_colon(t: _Text, u: QuoteUnit) -> bool:
    """``Mr Putin said: "...`` / ``X, a spokesman for Y, told reporters: "...``"""
    return _after_char(t, u) == ":" and _speaker_before(t, u, _BEFORE_COLON, u.para[0],
                                                        u.start - 1, "before_colon")


def _speaker_colon(t: _Text, u: QuoteUnit) -> bool:
    """Transcript style at a paragraph's start: ``Sen. Dick Durbin (D-IL): "...``"""
    pstart, s = u.para[0], u.start
    if s - pstart > 90 or _after_char(t, u) != ":":
        return False
    m = _SPEAKER_COLON.match(t.text[pstart:s - 1])
    if m and t.resolver.valid_speaker(m.group("speaker")):
        return t.set_speaker(u, pstart + m.start("speaker"), pstart + m.end("speaker"), ":",
                             "speaker_colon")
    return False


def _colon_paragraph(t: _Text, u: QuoteUnit) -> bool:
    """A quote-only paragraph after one that ends ``X continued:``."""
    pstart, s, p = u.para[0], u.start, u.paragraph
    if p == 0 or u.index or s - pstart > 2:
        return False
    ps, pe = t.paras[p - 1]
    end = t.last_before(ps, pe + 1)  # the previous paragraph's last character
    if end < 0 or t.text[end] != ":":
        return False
    return _speaker_before(t, u, _BEFORE_COLON, ps, end + 1, "colon_paragraph")


def _before_comma(t: _Text, u: QuoteUnit) -> bool:
    """``the announcer said, "...`` / ``X, a historian who attended, recalled, "...``"""
    return _after_char(t, u) == "," and (
        _speaker_before(t, u, _INVERTED_BEFORE_COMMA, u.para[0], u.start - 1, "before_comma")
        or _speaker_before(t, u, _BEFORE_COMMA, u.para[0], u.start - 1, "before_comma"))


def _dash_byline(t: _Text, u: QuoteUnit) -> bool:
    """``"..." — Jane Doe`` closing its paragraph."""
    m = _DASH_BYLINE.match(t.after)
    if m and u.closed and t.resolver.valid_speaker(m.group("speaker")):
        return t.set_speaker(u, t.after_from + m.start("speaker"),
                             t.after_from + m.end("speaker"), "—", "dash_byline")
    return False


def _sentence_speaker(t: _Text, u: QuoteUnit) -> bool:
    """A partial quote in a sentence that ends ``..., X said.``"""
    ss, se = t.sentence(u)
    if (ss, se) not in t.final:  # searched once per sentence: linear in quote-dense text
        t.final[ss, se] = _SENTENCE_FINAL.search(t.text[ss:se])
    m = t.final[ss, se]
    if m and ss + m.start() >= u.end and t.resolver.valid_speaker(m.group("speaker")):
        if u.kind == "partial":  # the reported clause: the sentence up to ", X said"
            u.content_start, u.content_end = _content(t.text, ss, ss + m.start())
        return t.set_speaker(u, ss + m.start("speaker"), ss + m.end("speaker"), m.group("cue"),
                             "sentence_speaker")
    return False


_CONTENT_LEAD = re.compile(r"[\s,:]*(?:that\s+)?")


def _content(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo:hi`` without the white space, "that" and punctuation at either end."""
    lo = _CONTENT_LEAD.match(text, lo, hi).end()
    while hi > lo and text[hi - 1] in " \n\t.,;:":
        hi -= 1
    return lo, hi


def _according_to(t: _Text, u: QuoteUnit) -> bool:
    """``according to X`` in the quote's sentence."""
    ss, se = t.sentence(u)
    if (ss, se) not in t.according:  # searched once per sentence: linear in quote-dense text
        t.according[ss, se] = _ACCORDING.search(t.text[ss:se])
    m = t.according[ss, se]
    if m:
        return t.set_speaker(u, ss + m.start("speaker"), ss + m.end("speaker"), m.group("cue"),
                             "according_to")
    return False


def _cue_subject(t: _Text, u: QuoteUnit) -> bool:
    """A partial quote in a reported sentence: the actor who is the subject of the speech or
    stance verb before it, else the name or pronoun right before the verb. A verb with no
    named subject still stops the cascade (the unit keeps its ``cue``)."""
    text, s = t.text, u.start
    ss, se = t.sentence(u)
    if (ss, se) not in t.stance:  # found once per sentence: linear in quote-dense text
        cues = [c for c in _STANCE_RX.finditer(text, ss, se) if not inside(c.start(), t.qspans)]
        t.stance[ss, se] = (cues, [c.end() for c in cues])
    cues, ends = t.stance[ss, se]
    k = bisect.bisect_right(ends, s)  # the cues that end before the quote
    if k == 0:
        return False
    # the sentence's first cue, unless the nearest one has its own subject right before it
    # ("A source said Trump added that "..."" is Trump's): then that speaker reports the
    # words. Not after "agreed"/"ordered", before "to", at a participle (it shares the
    # sentence's subject), in "as Y had claimed", nor when the mention is no subject (part
    # of a longer name, "Michelle Obama told"; after a preposition, "a critic of Trump said")
    cue, last, near = cues[0], cues[k - 1], None
    if k > 1 and not _NOT_NEARER.match(last.group()) and not _TO_AFTER.match(text, last.end()):
        m = t.mentions.last_within(max(ss, last.start() - _NEAR_SUBJECT), last.start(),
                                   lambda m: not inside(m.start, t.qspans))
        if m is not None and _JUST_BEFORE_CUE.fullmatch(text, m.end, last.start()) \
                and not _AS_BEFORE.search(text, max(ss, m.start - 12), m.start) \
                and _stands_alone(text, max(ss, m.start - 40), m.start):
            cue, near = last, m
    if u.kind == "partial":  # the reported clause: after the cue to the sentence's end
        u.content_start, u.content_end = _content(text, cue.end(), t.sentence(u)[1])
    if _NEGATED.search(text, max(ss, cue.start() - 30), cue.start()):
        u.cue = cue.group()  # "hasn't said that": no one is quoted as saying it
        return True
    if near is not None:
        return t.set_speaker(u, near.start, near.end, cue.group(), "cue_subject")
    # the subject: the nearest mention before the cue in its clause, else the sentence's
    # first mention (a coordinated verb: "X gave ..., but raised concerns ...")
    clause_start = max(ss, max(text.rfind(ch, ss, cue.start()) for ch in ",;:") + 1)
    asides = [(ss + a.start(), ss + a.end()) for a in _ASIDE.finditer(text[ss:cue.start()])]
    before_cue = [m for m in t.mentions.within(ss, cue.start()) if not inside(m.start, t.qspans)
                  and not any(a <= m.start < b for a, b in asides)]
    in_clause = [m for m in before_cue if m.start >= clause_start]
    if cue.group().endswith("ing") and not _PROGRESSIVE.search(text, max(ss, cue.start() - 12),
                                                               cue.start()):
        in_clause = []  # a participle ("insisting") shares the sentence's subject
    subject = in_clause[-1] if in_clause else None
    if subject is None and _RELATIVE.match(text, clause_start, cue.start()):
        # "American Bridge, which just announced ...": the relative pronoun's antecedent
        subject = next((m for m in reversed(before_cue) if 0 <= clause_start - m.end <= 2), None)
    if subject is None and before_cue and _SUBJECT_LEAD.fullmatch(text, ss, before_cue[0].start):
        # a coordinated verb or a participle: the sentence's subject, if it is a mention
        subject = before_cue[0]
    if subject is None:
        subj = _SUBJECT.match(text, ss, cue.start())
        if subj is not None and subj.group("pronoun"):  # "He ..., telling reporters "...""
            return t.set_speaker(u, subj.start("pronoun"), subj.end("pronoun"), cue.group(),
                                 "cue_subject")
    if subject is not None:
        return t.set_speaker(u, subject.start, subject.end, cue.group(), "cue_subject")
    name = _NAME_BEFORE_CUE.search(text[ss:cue.start()])
    if name and not _NOT_SPEAKER.search(name.group(1)):  # "Lerner said that ... "short-hand""
        return t.set_speaker(u, ss + name.start(1), ss + name.end(1), cue.group(), "cue_subject")
    pronoun = _PRONOUN_BEFORE_CUE.search(text[ss:cue.start()])
    if pronoun:  # "He said both must be protected ..."
        return t.set_speaker(u, ss + pronoun.start(1), ss + pronoun.end(1), cue.group(),
                             "cue_subject")
    u.cue = cue.group()  # a speech verb without a named subject
    return True


# An aside inside a sentence: "Rosen — a Fox News alum who ... Obama's administration — said"
_ASIDE = re.compile(r"\s[—–]\s[^—–“”\"]{1,200}?\s[—–]\s|\s--\s[^“”\"]{1,200}?\s--\s|\([^()]{1,200}\)")
_PROGRESSIVE = re.compile(r"\b(?:was|were|is|are|been|be)\s+$")
# Between a subject and its verb: white space, auxiliaries and adverbs only.
_JUST_BEFORE_CUE = re.compile(r"\s+" + _AUX)
_NOT_NEARER = re.compile(r"agreed$|ordered$|\w+ing$")
_NEAR_SUBJECT = 120  # characters before a verb in which its subject mention may start
# Before a mention that is no verb's subject: a preposition ("a critic of Trump said"), a name
# and "and" ("Kushner and Ms. Trump had"), or a capitalised word of a longer name ("Michelle
# Obama told", "Stand Up To Trump called") that is no title ("President Trump said")
_NOT_ALONE = re.compile(r"(?:\b(?:of|at|for|from|to|To|with|by|about|against|on|in|into|over|"
                        r"under|toward|towards|than|like)\s+(?:the\s+)?"
                        r"|\b[A-Z][\w’'.․-]*\s+(?:and|or)\s+"  # not "..., and X noted"
                        r"|(?P<word>[A-Z][\w’'-]*[.․]?)\s+)$")  # ․: a masked abbreviation dot


def _stands_alone(text: str, lo: int, start: int) -> bool:
    """Whether the mention at ``start`` can be its verb's subject (see _NOT_ALONE); titles
    before it are read past ("and Ms. Trump" is no subject, "Sen. Ted Cruz" is)."""
    while True:
        m = _NOT_ALONE.search(text, lo, start)
        if m is None:
            return True
        word = m.group("word")
        if word is None:
            return False  # a preposition or conjunction
        if word in CLAUSE_OPENERS:
            return True
        if word not in TITLES and word.rstrip(".․") not in TITLES:
            return False  # a longer name
        start = m.start()
_TO_AFTER = re.compile(r"\s+to\b")
_AS_BEFORE = re.compile(r"\bas\s+(?:the\s+)?$", re.IGNORECASE)
#: "... "bold leadership" (to quote Paul Ryan) ..."
_TO_QUOTE = re.compile(r"^\s*[,.?!]?\s*\(?\s*(?P<cue>to quote|quoting)\s+"
                       r"(?P<speaker>[A-Z][^,.;:()“”\"]{1,79}?)\s*(?=[,.;:)]|$)")
#: '"...," as then-Secretary of State Hillary Clinton put it in 2010.'
_AS_PUT_IT = re.compile(r"^\s*[,.?!]?\s*as\s+(?P<speaker>[^,.;:“”\"!?]{2,80}?)\s+" + _AUX
                        + r"(?P<cue>put\s+it)\b")


def _to_quote(t: _Text, u: QuoteUnit) -> bool:
    """``"..." (to quote X)`` / ``"..." (quoting X)`` / ``"...," as X put it``"""
    for rx in (_TO_QUOTE, _AS_PUT_IT):
        m = rx.match(t.after)
        if m and t.resolver.valid_speaker(m.group("speaker")):
            return t.set_speaker(u, t.after_from + m.start("speaker"),
                                 t.after_from + m.end("speaker"), m.group("cue"), "to_quote")
    return False


# The subject does not speak: a passive ("was confronted by"), or words it received ("a letter
# from X that reads:")
_NOT_SAYING = re.compile(r"\b(?:was|were|is|are|been|being|by|from|received|receives|got|gets|"
                         r"reads?|heard|hears)\b")


def _colon_subject(t: _Text, u: QuoteUnit) -> bool:
    """``She then recited her legislative resume: "...``: a sentence that ends in a colon right
    before the quote, with a name or pronoun as its subject, introduces that subject's words
    (no speech verb needed: the colon does the work)."""
    if _after_char(t, u) != ":":
        return False
    ss, _ = t.sentence(u)
    colon = t.last_before(u.para[0], u.start)
    if ss >= colon or colon - ss > 200:
        return False
    m = _SUBJECT.match(t.text, ss, colon)
    if m is None or inside(ss, t.qspans) or _NOT_SAYING.search(t.text, m.end(), colon):
        return False
    group = "pronoun" if m.group("pronoun") else "name"
    return t.set_speaker(u, m.start(group), m.end(group), ":", "colon_subject")


# Right before a programme's or a publication's title: a venue word, then at most a few
# capitalised words or a possessive ('on CBS's "Face the Nation"', 'told "Meet the Press"',
# 'in an interview with "Fox & Friends"', 'wrote in "The Atlantic"')
_VENUE_BEFORE = re.compile(
    r"\b(?:on|to|told|with|in|from|at|via|of|for|host|hosts|anchor|appearing|appeared|airing)"
    r"(?:\s+[A-Z][\w.&’'-]*){0,3}\s*$")


_TITLE_LIST = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")


def _title(t: _Text, u: QuoteUnit) -> bool:
    """A programme's or publication's title after a venue word ('Graham said on CBS's "Face
    the Nation"'): nobody's words, so no speaker (flagged ``scare`` with the titles), and the
    words after it attribute the quotes around it, not the title."""
    if not u.closed or not _is_title(u.quote) or len(u.quote.split()) > 6 or \
            u.quote.rstrip().endswith("!") or u.quote.upper() == u.quote:
        return False  # a chant ("Lock her up!") or a slogan in capitals, not a title
    if u.index and t.units and t.units[-1].rule == "title" and \
            _TITLE_LIST.fullmatch(t.text, t.units[-1].mark + 1, u.start - 1):
        u.rule = "title"  # 'on "Fox & Friends" and "Hannity"'
        return True
    last = t.last_before(u.para[0], u.start)
    if last < 0 or t.text[last] in ",:;.!?" or \
            _VENUE_BEFORE.search(t.text, max(u.para[0], last - 60), last + 1) is None:
        return False
    u.rule = "title"
    return True


#: The attribution cascade: ``(rule name, function(text, unit) -> bool)``, tried in order;
#: the first that returns True settles the unit.
RULES: list[tuple[str, Callable[[_Text, QuoteUnit], bool]]] = [
    ("title", _title),
    ("after_cue_speaker", _after_cue_speaker),
    ("after_speaker_cue", _after_speaker_cue),
    ("after_speaker_apposition", _after_speaker_apposition),
    ("to_quote", _to_quote),
    ("dash_byline", _dash_byline),
    ("split", _split),
    ("before_colon", _before_colon),
    ("speaker_colon", _speaker_colon),
    ("colon_paragraph", _colon_paragraph),
    ("before_comma", _before_comma),
    ("colon_subject", _colon_subject),
    ("sentence_speaker", _sentence_speaker),
    ("according_to", _according_to),
    ("cue_subject", _cue_subject),
]


# --- the whole text --------------------------------------------------------------------------

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

    Examples
    --------
    >>> f = extract_quotes("“We are leaving,” Putin said.")
    >>> f[["quote", "speaker", "camp", "rule"]].values.tolist()
    [['We are leaving', 'Putin', 'russia', 'after_speaker_cue']]
    """
    return _frame(units(text, Resolver(codebook)))


# Column types of the quotes table, so that a text without quotes gives the same types as
# one with quotes (a column of an empty list would be float64).
_DTYPES = {f.name: {"int": "int64", int: "int64", "bool": "bool", bool: "bool"}.get(
    f.type, object) for f in fields(QuoteUnit) if f.name in QUOTE_COLUMNS}  # a name or a class


def _frame(found: list[QuoteUnit], extra: dict | None = None, columns=QUOTE_COLUMNS
           ) -> pd.DataFrame:
    data = {c: [getattr(u, c) for u in found] for c in columns}
    if extra:
        data = {**extra, **data}
    frame = pd.DataFrame(data, columns=list(data))
    if not found:
        frame = frame.astype({c: _DTYPES.get(c, object) for c in frame.columns})
    return frame


def units(text: str, resolver: Resolver, mentions=None, qspans=None) -> list[QuoteUnit]:
    """The quote units of one text, in text order. ``mentions``: the codebook mentions of
    ``text`` if already found (``MentionFinder.find``); ``qspans``: its :func:`quote_spans`
    if already computed."""
    t = _Text(text, resolver, mentions, qspans)
    raw, qspans = text, t.qspans
    qstarts = [q[0] for q in qspans]
    group = -1
    prev_open = False  # the previous paragraph's last quote ran to its end
    for p, (pstart, pend) in enumerate(t.paras):
        in_para = qspans[bisect.bisect_left(qstarts, pstart):bisect.bisect_left(qstarts, pend)]
        t.in_para = in_para
        for k, (s, e) in enumerate(in_para):
            opens_para = s - pstart <= 8 and raw[pstart:s].strip() in ("“", '"')
            if not (k == 0 and opens_para and prev_open):
                group += 1  # else it continues the open multi-paragraph group
            closed = e < pend and raw[e] in "”\"'’"
            mark = e
            while e > s and raw[e - 1] in ",;: ":  # the sentence's comma, not the speaker's
                e -= 1
            quote = raw[s:e]
            u = QuoteUnit(start=s, end=e, quote=quote, kind=_kind(t, s, e, pstart), group=group,
                          paragraph=p, n_words=len(quote.split()), closed=closed,
                          para=(pstart, pend), mark=mark, index=k,
                          double=raw[s - 1:s] not in ("'", "‘"))
            t.after_from = mark + 1 if closed else mark
            next_quote = in_para[k + 1][0] - 1 if k + 1 < len(in_para) else pend
            t.after = t.text[t.after_from:next_quote]
            for _, rule in RULES:
                if rule(t, u):
                    break
            t.units.append(u)
        prev_open = bool(in_para) and not t.units[-1].closed and t.units[-1].paragraph == p
    found = t.units
    _propagate(found)
    found.extend(_indirect(t))
    found.sort(key=lambda u: u.start)  # pronouns look back at speakers already resolved
    _continue_indirect(t, found)
    for i, u in enumerate(found):
        _resolve(t, u, found, i)
        if u.kind != "indirect" and not u.speaker and not u.cue and (
                u.n_words <= 3 or _is_title(u.quote)):
            u.scare = True  # a scare quote or a title, not someone's voice
    for u in found:  # speakers and indirect content as written (the dots unmasked)
        if u.speaker_start >= 0:
            u.speaker = raw[u.speaker_start:u.speaker_end]
        if u.kind == "indirect":
            u.quote = raw[u.start:u.end]
        if u.content_start < 0 and u.kind == "partial" and u.speaker_start >= u.end and \
                u.rule.startswith("after_"):  # '... "a trick", X said': the sentence to the quote
            ss, _ = t.sentence(u)
            u.content_start, u.content_end = _content(t.text, ss, min(u.mark + 1, u.para[1]))
        if u.content_start < 0:
            u.content_start, u.content_end = u.start, u.end
        u.speaker_status = _status(u)
    found.sort(key=lambda u: (u.start, u.kind))
    return found


_DETERMINER = re.compile(r"^(?:the|a|an|one|he|she|it|they|we|i)\b\s*", re.IGNORECASE)
_NAMED = re.compile(r"\b[A-Z][a-z]|[A-Z]{2}")


def _status(u: QuoteUnit) -> str:
    """One of :data:`SPEAKER_STATUSES`."""
    if u.actor:
        return "named_in_codebook"
    words = u.referent or u.speaker
    if words and not GENERIC.match(words) and _NAMED.search(_DETERMINER.sub("", words)):
        return "named_not_in_codebook"
    return "none_in_text"


def _kind(t: _Text, s: int, e: int, pstart: int) -> str:
    quote = t.raw[s:e].lstrip("[(…. ")
    last = t.last_before(pstart, s)
    if (quote[:1].isupper() and len(quote.split()) >= 4) or last < 0 or t.text[last] == ":":
        return "direct"
    return "partial"


def _is_title(quote: str) -> bool:
    """A title ("The Hugh Hewitt Show"): short, and every longer word capitalised."""
    words = [w for w in _TITLE_WORD.findall(quote) if len(w) > 3]
    return 0 < len(quote.split()) <= 8 and bool(words) and all(w[0].isupper() for w in words)


def _propagate(found: list[QuoteUnit]) -> None:
    """Multi-paragraph groups and quote-only continuation paragraphs inherit a speaker."""
    by_group: dict[int, QuoteUnit] = {}
    for u in found:
        if u.speaker and u.group not in by_group:
            by_group[u.group] = u
    for u in found:
        src = by_group.get(u.group)
        if not u.speaker and src is not None:
            _inherit(u, src, "multi_paragraph")
    # the quote before a continuation, past a programme's title ('X said on "Meet the Press."')
    before = [v for v in found if v.rule != "title"]
    for prev, u in zip(before, before[1:]):
        if (not u.speaker and _quote_only(u) and prev.speaker and u.paragraph == prev.paragraph + 1
                and prev.kind == "direct" and u.double):  # a '...' paragraph is a subhead
            _inherit(u, prev, "continuation")


def _quote_only(u: QuoteUnit) -> bool:
    """Is ``u`` its paragraph's only text (a quote-only paragraph)?"""
    pstart, pend = u.para
    return (u.start - pstart) <= 2 and (pend - u.mark) <= 3


def _continue_indirect(t: _Text, found: list[QuoteUnit]) -> None:
    """A quote-only paragraph right after a paragraph that ends in someone's reported speech
    ("Trump said Tuesday that not many leaders could withstand it." then ""A regular president
    would be under the table ..."") continues that speaker, as it continues a quote's.
    ``found`` is sorted by start, indirect units included; the speaker must be a person."""
    for prev, u in zip(found, found[1:]):
        if (not u.speaker and _quote_only(u) and u.kind == "direct" and u.double
                and prev.kind == "indirect" and prev.speaker
                and prev.paragraph == u.paragraph - 1 and prev.para[1] - prev.end <= 3
                # a person's reported speech ("Critics have said ...", "Ford has announced"
                # are no one whose words follow)
                and (PRONOUN.match(prev.speaker) or _subject_ref(
                    t, prev.speaker, prev.speaker_start, prev.speaker_start)[0] == "person")):
            _inherit(u, prev, "continuation")


def _inherit(u: QuoteUnit, src: QuoteUnit, rule: str) -> None:
    u.take_speaker(src)
    u.rule = rule
    if u.kind == "partial" and u.n_words >= 4:
        u.kind = "direct"


def _resolve(t: _Text, u: QuoteUnit, found: list[QuoteUnit], i: int) -> None:
    """Fill actor and camp from the speaker words; resolve pronouns and generic roles.
    ``found`` is sorted by start and ``u`` is ``found[i]``."""
    speaker = u.speaker
    if not speaker:
        return
    resolver = t.resolver
    if SURFACE_PRONOUN.match(speaker):
        # the surface speaker ("he") is kept; the camp comes from its antecedent, if any.
        # A unit that inherited the pronoun (a continuation) takes its source's antecedent.
        ref = t.antecedents.get(u.speaker_start) if u.rule in _INHERITED else None
        if ref is None:
            ref = t.antecedents[u.speaker_start] = _antecedent(t, u, found, i)
        if ref is None:
            u.rule += "+pronoun_unresolved"
            return
        u.referent, u.actor, u.camp = ref
        u.rule += "+pronoun"
        return
    actor, camp = resolver.actor(speaker)
    named = None
    if not actor and u.apposition is not None:
        # "Clinton, a Pentagon spokesman": the role, not a clause about the speaker ("X,
        # who has been briefed on the FBI interviews,", "X, asked if the Senate would")
        actor, camp = resolver.actor(_ROLE_CLAUSE.split(u.apposition, 1)[0])
        by_apposition = bool(actor)
    else:
        by_apposition = False
    if not by_apposition:
        named = _named_in_full(t, u, actor)
    if named is not None:
        actor, camp = named
        u.rule += "+surname"
    if not actor and GENERIC.match(speaker):
        p = u.paragraph
        # "a spokesman" / "the ministry" must match a spokesman / ministry named just before;
        # "officials", "the statement" take the nearest actor named before
        role = re.search(r"spokes|ministry", speaker, re.IGNORECASE)
        word = role.group().lower() if role else ""
        actor, camp = _nearest_mention(t, u, t.paras[p - 1][0] if p > 0 else 0,
                                       lambda words: word in words.lower(), "+generic_role")
    if not actor:
        actor, camp = _role_noun(t, u)
    u.actor, u.camp = actor, camp


_SURNAME = re.compile(name_word("’'-"))
_WORD = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'-]*")
# The word before a surname, on the same line and in the same sentence ("Bill Clinton",
# "Sen. Clinton", "J. Clinton"; not "Ohio. Clinton")
_WORD_BEFORE = re.compile(r"(?<![\w’'.-])([^\W\d_][\w’'-]*\.?)[^\S\n]+$")
_AND_BEFORE = re.compile(r"(?<![\w’'-])([^\W\d_][\w’'-]*)[^\S\n]+(?:and|&)[^\S\n]+$")


def _names_someone(word: str) -> bool:
    """Whether a word right before a surname makes it someone's name: a capitalised word,
    an initial or an abbreviated title ("Bill", "J.", "Sen."), not a sentence's last word
    ("Ohio.") nor a word that opens a clause ("When")."""
    if not word[:1].isupper() or word in CLAUSE_OPENERS:
        return False
    if word.endswith("."):
        return len(word) == 2 or word[:-1].lower() in ABBREVIATIONS
    return True


def _is_first_name(word: str) -> bool:
    """A word that can be a first name before a surname: capitalised, not a title or an
    honorific ("Sen.", "Mrs", "President")."""
    return word[:1].isupper() and word.rstrip(".") not in _TITLE_WORDS


_TITLE_WORDS = {w.rstrip(".") for w in TITLES} | NAME_PREFIXES


class _Surname(NamedTuple):
    """How one text names people with one surname in full."""

    starts: list         # where codebook persons are named in full with it, in text order
    named: list          # ... those mentions
    second: int          # index in ``named`` of the first mention of a second person
    evidence: list       # per prefix length k: the last of named[:k] outside quotes, or None
    other: int           # where someone else with it is first named (or -1)


def _surname_index(raw: str, hits: list, named: list, titled: list, qspans) -> _Surname:
    """``hits``: where the surname occurs; ``named``: the codebook persons' mentions in
    full that end in it. Someone else is a capitalised word (a first name, a title or an
    honorific: "Bill Clinton", "Mr. Clinton") before an occurrence that is not one of
    ``named``, or a first name joined to one of them ("Bill and Hillary Clinton")."""
    starts = [m.start for m in named]
    persons = {m.actor for m in named}
    covered = [(m.start, m.end, m.actor) for m in titled]
    other = -1
    for h in hits:
        c = bisect.bisect_right(covered, (h, len(raw))) - 1
        if c >= 0 and covered[c][1] > h:  # a codebook person's titled alias ("Mrs. Clinton")
            if covered[c][2] in persons:
                continue
            other = covered[c][0]
            break
        j = bisect.bisect_right(starts, h) - 1
        if j >= 0 and named[j].end > h:  # the surname of a codebook person's full name
            joint = _AND_BEFORE.search(raw, max(0, named[j].start - 40), named[j].start)
            if joint is None or not _names_someone(joint.group(1)):
                continue
            # "Elizabeth Warren and Hillary Clinton", "Mrs. Clinton and Hillary Clinton": the
            # word before "and" ends someone's own name; "Bill and Hillary Clinton" shares it
            lead = _WORD_BEFORE.search(raw, max(0, joint.start(1) - 40), joint.start(1))
            if lead is not None and _names_someone(lead.group(1)):
                continue
            where = joint.start(1)
        else:
            before = _WORD_BEFORE.search(raw, max(0, h - 40), h)
            if before is None or not _names_someone(before.group(1)):
                continue
            where = before.start(1)
        other = where
        break
    second = next((k for k, m in enumerate(named) if m.actor != named[0].actor), len(named))
    evidence, last = [None], None
    for m in named:
        last = last if inside(m.start, qspans) else m
        evidence.append(last)
    return _Surname(starts, named, second, evidence, other)


def _named_in_full(t: _Text, u: QuoteUnit, actor: str) -> tuple | None:
    """A speaker named by surname alone ("McConnell") is the codebook person the article
    named in full with that surname before ("Mitch McConnell"), outside quotation marks:
    news names a person in full once, then by surname. ``(actor, camp)`` when that differs
    from ``actor`` (the surname's own codebook row, if any). It stays as it was when,
    before the speaker, the article names that row's person in full, two codebook persons
    in full with that surname, or anyone else with it ("Bill Clinton", "Mr. Clinton",
    "Bill and Hillary Clinton"). A titled speaker ("Mr. Clinton", "President Clinton") may
    point elsewhere than the full name did, so only a bare surname is resolved. ``None``
    when nothing changes."""
    if u.speaker_start < 0:
        return None
    return _surname_person(t, u.speaker, u.speaker_start, actor)


def _surname_person(t: _Text, word: str, pos: int, actor: str) -> tuple | None:
    """:func:`_named_in_full` for the surname ``word`` at ``pos``."""
    if not _SURNAME.fullmatch(word) or fold(word) not in t.resolver.surnames:
        return None
    index = t.surname(word)
    if index is None or 0 <= index.other < pos:
        return None
    k = bisect.bisect_left(index.starts, pos)  # named before the speaker
    full = index.evidence[k]
    if full is None or k > index.second or index.named[0].actor == actor:
        return None
    return full.actor, full.camp


def _nearest_mention(t: _Text, u: QuoteUnit, floor: int, words_ok, suffix: str) -> tuple:
    """``(actor, camp)`` of the nearest codebook mention between ``floor`` and the speaker,
    outside quotes, whose words pass ``words_ok``; ``suffix`` is added to the unit's rule when
    one is found. ``("", "")`` otherwise."""
    raw, qspans = t.raw, t.qspans
    near = t.mentions.last_within(
        floor, u.speaker_start,
        lambda m: not inside(m.start, qspans) and words_ok(raw[m.start:m.end]))
    if near is None:
        return "", ""
    u.rule += suffix
    return near.actor, near.camp


# "the Democrats", "the party", "the agreement": a definite noun that names no one by itself
_ROLE_NOUN = re.compile(r"^[Tt]he\s+(?P<noun>[A-Za-z][a-z-]{2,})$")


def _role_noun(t: _Text, u: QuoteUnit) -> tuple:
    """``(actor, camp)`` of a definite role noun ("the Democrats" after "House Democrats"):
    the nearest codebook mention before it, outside
    quotes, whose head is the noun (singular or plural), or, for a title ("the secretary",
    "the senator"), a person named with that title ("Secretary Dr. Ben Carson");
    ``("", "")`` otherwise. A definite noun refers back further than a pronoun: up to
    ``_LOOK_BACK`` characters."""
    near = _role_referent(t, u.speaker, u.speaker_start)
    if near is None:
        return "", ""
    u.rule += "+role_noun"
    return near.actor, near.camp


# Titles a news text calls a person by after naming them: "the secretary" after "Housing
# Secretary Ben Carson", "the senator" after "Sen. Claire McCaskill"
_ROLE_TITLES = {"secretary": ("secretary",), "senator": ("senator", "sen"),
                "governor": ("governor", "gov"), "president": ("president",),
                "minister": ("minister",), "congressman": ("congressman", "rep"),
                "congresswoman": ("congresswoman", "rep"), "mayor": ("mayor",),
                "ambassador": ("ambassador",), "chairman": ("chairman",),
                "chairwoman": ("chairwoman",), "general": ("general", "gen")}
_TITLE_LOOK = 40  # characters before a mention in which its title is sought


def _role_referent(t: _Text, words: str, pos: int) -> Mention | None:
    """The codebook mention a definite role noun at ``pos`` refers back to (see
    :func:`_role_noun`), or None."""
    m = _ROLE_NOUN.match(words)
    if m is None or (m.group("noun")[0].isupper() and not m.group("noun").endswith("s")):
        return None  # "the House", "the Senate": a proper name, not a role noun
    noun = m.group("noun").lower()
    stem = noun[:-1] if noun.endswith("s") else noun
    titles = _ROLE_TITLES.get(noun)
    raw, qspans, persons = t.raw, t.qspans, t.resolver.persons

    def refers(mention: Mention) -> bool:
        if inside(mention.start, qspans):
            return False
        found = _TITLE_WORD.findall(raw[mention.start:mention.end])
        if found and found[-1].lower() in (noun, stem, stem + "s"):  # "House Democrats"
            return True
        if titles is None or mention.actor not in persons:
            return False
        # the title in the mention or in the capitalised words right before it ("Housing &
        # Urban Development Secretary Dr. Ben Carson"; not "Vice President", and not
        # "President Joe Biden and Vermont Sen. Bernie Sanders" for "the president")
        lead = _TITLE_RUN.search(t.text, max(0, mention.start - _TITLE_LOOK), mention.start)
        start = lead.start() + t.text[lead.start():mention.start].rfind(".") + 1  # one sentence
        return _titled(t.text, start, mention.end, titles)

    near = t.mentions.last_within(max(0, pos - _LOOK_BACK), pos, refers)
    if near is not None and titles is not None and near.actor in persons:
        # someone else given that title since ("President Erdogan", outside the codebook)
        for other in _TITLED_NAME.finditer(t.text, near.end, pos):
            if _titled(t.text, other.start(), other.end(), titles) and \
                    not inside(other.start(), qspans):
                return None
    return near


def _titled(text: str, start: int, end: int, titles: tuple) -> bool:
    """Whether ``text[start:end]`` holds one of ``titles`` as a capitalised title that is no
    former one ("Vice President", "former President", "ex-Secretary", "then-Senator")."""
    found = _TITLE_WORD.findall(text, start, end)
    if _FORMER.search(text, max(0, start - 12), start):
        found = found[1:]  # "former President Obama": its first title is a former one
    return any(w[0].isupper() and w.lower().rstrip(".․") in titles
               and (k == 0 or found[k - 1].lower() not in ("vice", "former"))
               for k, w in enumerate(found))


_FORMER = re.compile(r"\b(?:former|vice|ex|then)[\s-]+$", re.IGNORECASE)


_TITLE_RUN = re.compile(r"(?:(?:[A-Z][\w.․’'-]*|&|of)[^\S\n]+)*$")
_TITLED_NAME = re.compile(r"\b(?:[A-Z][\w.․’'-]*[^\S\n]+(?:of[^\S\n]+)?){1,4}[A-Z][a-z]")


# A first name (or title) and a surname, overlapping so that "Pastor Freddy Naranjo" gives
# "Freddy Naranjo"; a middle initial may stand between ("Sean P. Carter")
_FULL_NAME = re.compile(r"(?<![\w’'․.-])(?=([A-Z][a-z][\w’'-]*)[^\S\n]+"
                        r"(?:[A-Z][.․][^\S\n]+)?(" + name_word("’'-") + r")(?![\w’'-]))")
# Where an apposition stops naming a role: a relative or participle clause after a comma
_ROLE_CLAUSE = re.compile(r",\s+(?=(?:who|whom|whose|which|that|where|when|while|after|before|"
                          r"as|if|asked|adding|noting|saying|referring|citing|calling|"
                          r"responding|writing|briefed)\b)")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_POSSESSIVE = re.compile(r"[’']s?$")
_MID_SENTENCE = re.compile(r"(?<=[a-z0-9,;][^\S\n])" + name_word("’'-"))


def _subject_ref(t: _Text, name: str, at: int, ss: int) -> tuple[str, tuple | None]:
    """What the subject ``name`` (at ``at``, in the sentence from ``ss``) is to "he"/"she":
    ``("person", (at, name, actor, camp))``; ``("block", None)`` for a name the rules cannot
    place (a title alone, a surname never named in full), which nothing named before may pass
    over; ``("skip", None)`` for what is no person (an institution, "Four", "the Guardian")."""
    resolver = t.resolver
    actor, camp = resolver.actor(name)
    the = _THE_BEFORE.search(t.text, ss, at) is not None
    if actor in resolver.persons or (not actor and _PERSON_NAME.search(name)
                                     and not _institution_name(name)
                                     and not _only_titles(name)):
        return "person", (at, name, actor, camp)
    if actor or the or name in _NOT_SUBJECTS:  # "the Supreme Court", "the President", "Monday"
        return "skip", None
    if _only_titles(name) or (_institution_name(name) and len(name.split()) > 1):
        # "Deputy Chief of Staff Sullivan", "Steven Law" or "House Republicans": someone
        # (or some group) the rules cannot name
        return "block", None
    if _institution_name(name):  # "Court", "Foundation", "Post": no one's surname
        return "skip", None
    if _SURNAME.fullmatch(name):
        # a surname alone ("Giuliani sketched ..."): the person named in full with it before;
        # a word that names no one known leaves "he" unresolved rather than passing over it
        # to someone named earlier ("the Kremlin" or "the Pentagon" is no one)
        ref = _surname_person(t, name, at, actor)
        if ref is None and 0 <= t.first_full_name(name) < at:
            ref = ("", "")
        if ref is not None:
            return "person", (at, name) + ref
        if t.is_proper(name):
            return "block", None
    return "skip", None


def _only_titles(name: str) -> bool:
    """Is ``name`` only title words ("Deputy Chief" of "Deputy Chief of Staff Sullivan")?"""
    return all(w.rstrip(".․") in _TITLE_WORDS for w in name.split())


def _institution_name(name: str) -> bool:
    """Is ``name`` an institution's, a law's or a publication's ("Affordable Care Act", "the
    ministry's statement")? Its last word says: "House Speaker John Boehner" is a person."""
    last = name.rsplit(None, 1)[-1] if name.strip() else ""
    return last in INSTITUTION_WORDS or last.lower() in _INSTITUTION_NOUNS


# An honorific or gendered title and the name after it ("Ms. Pelosi", "Congressman Jim Jordan")
_GENDERED = re.compile(r"\b(" + "|".join(sorted(MALE_TITLES | FEMALE_TITLES)) + r")[.․]?[^\S\n]+"
                       r"(?:[A-Z][\w’'.․-]*[^\S\n]+){0,2}(" + name_word("’'-") + r")")


def _honorific_gender(word: str) -> str:
    """"m" for "Mr." or "Congressman", "f" for "Mrs."/"Ms." or "Congresswoman", else ""."""
    word = word.rstrip(".․").capitalize() if word[:1].isupper() else ""
    return "m" if word in MALE_TITLES else "f" if word in FEMALE_TITLES else ""


# Capitalised words that are no one's name when they open a sentence ("Monday marks ...")
_NOT_SUBJECTS = WEEKDAYS | MONTHS | frozenset({"Today", "Tomorrow", "Yesterday"})
_INSTITUTION_NOUNS = frozenset({"statement", "office", "ministry", "agency", "officials"})
_INHERITED = ("multi_paragraph", "continuation", "split")
_LOOK_BACK = 3000  # characters a pronoun's antecedent is sought in (about two paragraphs)


def _antecedent(t: _Text, u: QuoteUnit, found: list[QuoteUnit], i: int):
    """``(name, actor, camp)`` that the pronoun speaker of ``u`` refers to, or None.

    "he"/"she": the most recent named person, in this paragraph before the pronoun or in
    the previous one: a person quoted earlier, or the subject of a narration sentence
    ("Mr. Obama dismissed ..."); none when that person is in an earlier paragraph and this
    one names another codebook person before the pronoun but not that person again.
    "they"/"it": the latest quoted speaker there, when it is a codebook group. "we"/"I":
    never resolved. When "he"/"she" finds no one there, the paragraph before that is read
    too (a narration paragraph about someone else's footage of the person may stand between)."""
    group = bool(_GROUP_PRONOUN.match(u.speaker))
    if not group and not PRONOUN.match(u.speaker):
        return None
    ref = _antecedent_within(t, u, found, i, group, 1)
    if ref is None and not group and u.paragraph >= 2:
        ref = _antecedent_within(t, u, found, i, group, 2)
    return ref or None


def _antecedent_within(t: _Text, u: QuoteUnit, found: list[QuoteUnit], i: int, group: bool,
                       back: int):
    """:func:`_antecedent` over this paragraph and the ``back`` paragraphs before it."""
    resolver, text = t.resolver, t.text
    p, pos = u.paragraph, u.speaker_start
    floor = t.paras[p - back][0] if p >= back else t.paras[0][0]
    floor = max(floor, pos - _LOOK_BACK)  # bounded: a one-line article stays linear
    best = None  # (position, name, actor, camp)
    after = -1  # an unknown subject's position: nothing named before it is taken
    for j in range(i - 1, -1, -1):  # sorted by start: stop before the paragraphs read
        v = found[j]
        if v.paragraph < p - back or v.end < floor:
            break
        if v.speaker and floor <= v.speaker_start < pos and \
                not SURFACE_PRONOUN.match(v.speaker):
            if group:
                if v.actor and v.actor not in resolver.persons:
                    return v.speaker, v.actor, v.camp
                return None
            if resolver.is_person(v.speaker):
                best = (v.speaker_start, v.speaker, v.actor, v.camp)
                break
    if group:
        return None
    ss = se = -1
    for ss, se in t.sentences_between(floor, pos):
        m = _SUBJECT.match(text, ss, se)
        if m is None or not m.group("name") or m.end("name") > pos or \
                (best is not None and m.start("name") <= best[0]) or inside(ss, t.qspans):
            continue
        kind, ref = _subject_ref(t, m.group("name"), m.start("name"), ss)
        if kind != "skip":
            best, after = ref, m.start("name")
    if ss <= pos < se:
        # "When President Obama announced his choice, he said:": the subject of the opening
        # clause of the pronoun's own sentence
        c = _CLAUSE_SUBJECT.match(text, ss, se)
        # "When Obama called her, she said": the pronoun is the clause's object, not its subject
        if c is not None and c.start("pronoun") == pos and \
                not _OBJECT_PRONOUN.search(text, c.end("name"), pos):
            kind, ref = _subject_ref(t, c.group("name"), c.start("name"), ss)
            if kind != "skip":
                best, after = ref, c.start("name")
    for m in t.mentions.within(floor, pos):  # a reported clause's subject: "found that Mr X"
        if m.actor in resolver.persons and (best is None or m.start > best[0]) and \
                m.start > after and \
                _THAT_SUBJECT.search(text, max(floor, m.start - 30), m.start) and \
                _VERB_AFTER.match(text, m.end) and not inside(m.start, t.qspans):
            best = (m.start, text[m.start:m.end], m.actor, m.camp)
    if best is None:
        return None
    said = t.gender_of(best[1], best[2])
    if said and said != ("f" if u.speaker.lower() == "she" else "m"):
        return False  # "she" after "Mr. Carney said": no one, and no one further back either
    if best[2] and best[0] < t.paras[p][0]:
        # the antecedent is in an earlier paragraph, but this one names another codebook
        # person before the pronoun and not the antecedent: either may be meant (on 12 such
        # ABP units, 6 each way)
        named = {m.actor for m in t.mentions.within(t.paras[p][0], pos)
                 if m.actor in resolver.persons and not inside(m.start, t.qspans)}
        surname = best[1].split()[-1] if best[1].split() else ""
        again = best[2] in named or (len(surname) > 2 and re.search(
            r"\b" + re.escape(surname) + r"\b", text[t.paras[p][0]:pos]) is not None)
        if named and not again:  # the antecedent named again (in full or by surname): kept
            return None
    return best[1].replace(DOT, "."), best[2], best[3]


def _indirect(t: _Text) -> list[QuoteUnit]:
    """Indirect speech: sentences without quotation marks that report what someone said."""
    text, paras, qspans, resolver = t.text, t.paras, t.qspans, t.resolver
    out = []
    # Cue words found once in the whole text: a cue word holds no space or punctuation, so it
    # never crosses a paragraph or sentence boundary, and "does this span hold a cue?" is a
    # binary search.
    cues = [m.start() for m in _INDIRECT_CUE.finditer(text)]

    def has_cue(lo, hi):
        k = bisect.bisect_left(cues, lo)
        return k < len(cues) and cues[k] < hi

    for p, s, e in ((p, s, e) for p, (ps, pe) in enumerate(paras)
                    if has_cue(ps, pe) for s, e in t.paragraph_sentences(ps, pe)[0]):
        if not has_cue(s, e):
            continue
        sentence = text[s:e]
        if "“" in sentence or '"' in sentence or "”" in sentence or inside(s, qspans):
            continue
        for rx, rule in ((_INDIRECT_ACCORDING, "indirect_according_to"),
                         (_INDIRECT_ACCORDING_AFTER, "indirect_according_to"),
                         (_INDIRECT_AFTER, "indirect_after"),
                         (_INDIRECT_BEFORE, "indirect_before")):
            m = rx.match(sentence)
            if not m:
                continue
            speaker = m.group("speaker").strip()
            if len(speaker.split()) > 10 or not resolver.valid_speaker(speaker) or not (
                    resolver.finder.find(speaker) or _PERSONISH.search(speaker)
                    or GENERIC.match(speaker) or PRONOUN.match(speaker)):
                continue
            cs, ce = s + m.start("content"), s + m.end("content")
            content = text[cs:ce].rstrip(".")
            u = QuoteUnit(start=cs, end=cs + len(content), quote=content, kind="indirect",
                          paragraph=p, n_words=len(content.split()), para=paras[p])
            t.set_speaker(u, s + m.start("speaker"), s + m.end("speaker"), m.group("cue"), rule)
            out.append(u)
            break
    return out


def corpus_quotes(corpus: pd.DataFrame, codebook=None, mentions: dict | None = None,
                  spans: dict | None = None) -> pd.DataFrame:
    """:func:`extract_quotes` for every article, with ``article_id`` and ``outlet`` first.

    ``mentions`` (optional): ``{article_id: [(start, end, actor, camp)]}`` in text order,
    already found with the same codebook (:func:`framing.analyze` passes those of
    :func:`framing.find_mentions`), and ``spans`` (optional):
    ``{article_id: quote_spans(text)}``, so that neither is computed twice.
    """
    resolver = Resolver(codebook)
    found, aids, outlets = [], [], []
    mentions, spans = mentions or {}, spans or {}
    for aid, outlet, text in corpus[["article_id", "outlet", "text"]].itertuples(index=False):
        these = units(text, resolver, mentions.get(aid), spans.get(aid))
        found.extend(these)
        aids.extend([aid] * len(these))
        outlets.extend([outlet] * len(these))
    return _frame(found, {"article_id": aids, "outlet": outlets})
