"""Language knowledge shared by several modules: word lists, name patterns, folding.

One place for what the splitter, the mention finder, the term counter and the codebook
suggester all know about English news text, so that a list is edited once (the textacy
convention of a constants module). The quote extractor, the sentiment scorer and the
cleaner keep their own lists for now (cue verbs, masks, page furniture).

* :data:`ABBREVIATIONS`, :data:`NUMBER_ABBREVIATIONS`, :data:`SENTENCE_OPENERS` -- the
  sentence splitter's vetoes (:mod:`framing.text`).
* :data:`TITLES` -- titles before a name ("Secretary", "Gen.", "Mr"); :data:`WEEKDAYS`.
* :data:`NEWS_STOP_WORDS` -- reporting verbs and honorifics every outlet uses.
* :data:`CAP_WORD`, :data:`NAME_RUN` -- a run of capitalised words (a candidate name);
  :func:`name_word` -- one capitalised word, as a pattern that stays linear in its length.
* :func:`fold` -- the case- and apostrophe-insensitive form used to compare names.
* :func:`trie_pattern` -- one regular expression for a list of words, shaped as a trie.
"""

from __future__ import annotations

import re

#: Words that end with a full stop without ending a sentence ("Mr.", "Gen.", "Jan.").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen sen rep gov lt col maj capt sgt adm cmdr cpl pvt prof rev st mt jr sr
    inc co corp ltd bros vs v jan feb mar apr jun jul aug sep sept oct nov dec ft pres
    supt atty dept univ approx fig al messrs hon gens reps sens brig insp det esq""".split()
)
#: Abbreviations that are abbreviations only before a number ("No. 10", "pp. 3").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "vol", "p", "pp"})
#: Typical first words of a sentence: after a dotted acronym ("U.S.") they start a new one.
SENTENCE_OPENERS = frozenset(
    """The A An He She It They We I In On At But And This That These Those His Her Its Their
    Our There Meanwhile However Officials Mr Mrs Ms After Before When While""".split()
)
#: Capitalised words that open a sentence or a clause rather than a name ("When Clinton said").
CLAUSE_OPENERS = SENTENCE_OPENERS | frozenset(
    "If As For From With By To Of Then So Yet Or Nor Both Former Now Later".split())
#: Title words before a person's name ("Secretary of State Mike Pompeo", "Gen. Smith").
TITLES = frozenset(
    "State Secretary Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor President Vice "
    "Prime Minister Foreign Defense Defence Chairman Chief Deputy Gen Gen. General Adm Adm. "
    "Judge Justice Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Lord Dame Leader Speaker Ambassador "
    "Spokesman Spokeswoman Spokesperson Attorney".split())
WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"})
#: Words that may start a capitalised run without being part of the name (besides stop words).
NAME_PREFIXES = frozenset({"Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "General",
                           "Gen", "Sen", "Rep"}) | WEEKDAYS
#: Last words of an institution's, a law's or a publication's name ("Justice Department",
#: "Affordable Care Act", "Tea Party"): such a name is no person's, and its leading words are
#: no person's title.
INSTITUTION_WORDS = frozenset(
    "Department Committee Council Ministry Office Agency Court Party Forces Force Army Guard "
    "Guards Corps Service Services Union Organization Organisation Administration Commission "
    "Board Bureau Senate House Assembly Parliament Government Cabinet Command Staff Chiefs "
    "Secretariat Directorate Institute Foundation Association Caucus Conference Nations "
    "Kremlin Pentagon Federation Act Law Bill Times Post Journal News Network Group Company "
    "University Center Centre Republicans Democrats Conservatives Liberals".split())
#: Lower-case role nouns written before a name ("Democratic strategist Adam Parkhomenko",
#: "campaign manager Isaiah Wartman", "nearby resident Richard Herrington").
ROLE_NOUNS = frozenset(
    "strategist resident spokesman spokeswoman spokesperson manager director lawyer attorney "
    "adviser advisor aide official analyst professor economist candidate leader chairman "
    "chairwoman chair secretary governor senator congressman congresswoman representative "
    "ambassador activist author columnist reporter correspondent host commentator pollster "
    "researcher scientist historian consultant chief founder president executive owner "
    "organizer operative lawmaker mayor commissioner sheriff prosecutor judge pastor "
    "coordinator partner member fellow expert officer agent minister".split())
#: Words written before a role noun in a name's lead ("former", "senior policy", "acting").
ROLE_ADJECTIVES = frozenset(
    "former then longtime veteran top senior deputy assistant acting retired fellow nearby "
    "local conservative liberal progressive political campaign press trade media radio "
    "substitute presidential communications policy budget".split())
#: Honorifics and titles that say a man or a woman ("Mr. Carney", "Congresswoman Wilson").
MALE_TITLES = frozenset({"Mr", "Congressman", "Chairman", "Spokesman", "Councilman",
                         "Assemblyman", "Sir", "Lord", "King", "Prince", "Father", "Brother"})
FEMALE_TITLES = frozenset({"Mrs", "Ms", "Miss", "Congresswoman", "Chairwoman", "Spokeswoman",
                           "Councilwoman", "Assemblywoman", "Dame", "Lady", "Queen", "Princess",
                           "Sister"})
MONTHS = frozenset("January February March April May June July August September October "
                   "November December".split())
#: Reporting verbs and honorifics that every outlet uses: not distinctive of any.
NEWS_STOP_WORDS = frozenset({"said", "says", "say", "mr", "mrs", "ms", "told", "according",
                             "just", "like", "s", "t"})


def name_word(before: str = "-", after: str | None = None) -> str:
    """The pattern of one capitalised word with a lower-case letter ("Putin", "McConnell",
    "al-Assad" after its particle): a capital, then word characters or ``before``, up to the
    first lower-case letter, then word characters or ``after`` (default: ``before``, and it
    must hold every character of ``before``).

    Written so that the first lower-case letter is the only place the word can split (runs of
    other word characters between the ``before`` separators, each matched at C speed): the
    obvious ``[A-Z][\\w]*[a-z][\\w]*`` matches the same words but tries every split of a word
    when what follows it fails, which grows with the square of the word's length (a 2,560-letter
    word cost 3 s). This form matches the same spans in the same order, in linear time.

    Examples
    --------
    >>> import re
    >>> bool(re.fullmatch(name_word("’'-"), "O'Brien")), bool(re.fullmatch(name_word(), "NATO"))
    (True, False)
    """
    after = before if after is None else after
    if not set(before) <= set(after):
        # the obvious form allows ``before`` up to its last lower-case letter, this one up
        # to the first: the same words only when what may come before may also come after
        raise ValueError(f"name_word: every character of before ({before!r}) must be in "
                         f"after ({after!r})")
    before, after = re.escape(before), re.escape(after)
    sep = rf"(?:[{before}][^\Wa-z]*)*" if before else ""
    return rf"[A-Z][^\Wa-z]*{sep}[a-z][\w{after}]*"


#: One capitalised word of a name ("Putin", "al-Assad", "O'Brien"); a possessive "'s" is not
#: part of it.
CAP_WORD = name_word() + r"(?:['’][A-Z][\w-]*)?"
#: A run of 2-4 capitalised words ("Vladimir Putin", "Bashar al-Assad").
NAME_RUN = re.compile(r"\b" + CAP_WORD + r"(?:[ -](?:al-|al |de |bin )?" + CAP_WORD + r"){1,3}")


def fold(s: str) -> str:
    """Case-folded, curly apostrophes straightened, white space collapsed: the form in which
    aliases and spelling variants are compared (``fold("Putin’s  Kremlin")`` is
    ``"putin's kremlin"``)."""
    return " ".join(s.casefold().replace("’", "'").split())


# In a trie pattern a space matches any white space and an apostrophe either apostrophe.
# A space in a name matches any run of white space within a paragraph (a wrapped line
# included) but never a paragraph break: "VLADIMIR\n\nPutin" is a heading and a sentence.
TRIE_CHAR = {" ": r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)", "'": "['’]", "’": "['’]"}


def trie_pattern(words) -> str:
    """A regular expression matching any of ``words`` (lower case), shaped as a trie so
    that the engine tests one character class per position instead of every word.
    A space in a word matches any run of white space, an apostrophe either ' or ’.

    Examples
    --------
    >>> trie_pattern(["putin", "putin's"])
    "putin(?:['’]s)?"
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [TRIE_CHAR.get(ch, re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body
    return build(trie)
