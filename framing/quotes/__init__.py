"""Whose voices: quotation units, their speakers and camps.

Three modules:

* :mod:`framing.quotes.spans` -- ``quote_spans`` (where the quotation marks are) and
  ``mark_quoted`` (is a mention inside a quote?);
* :mod:`framing.quotes.attribution` -- ``extract_quotes`` / ``corpus_quotes``: quote units
  (:class:`QuoteUnit`) and the ordered cascade of named speaker rules (:data:`RULES`);
* :mod:`framing.quotes.voices` -- ``voices`` (unknown split: ``not_in_codebook`` / ``unknown``),
  ``uncoded_speakers``, ``camp_ratio``, ``statement_versions``;
* :mod:`framing.quotes.suggest` -- ``suggest_codebook``: speakers and names the codebook lacks.

Each unit records the ``rule`` that attributed it:

``title``               a programme's or publication's title after a venue word (``X said on
                        CBS's "Face the Nation"``, ``told "Meet the Press"``, ``in "The Atlantic"``):
                        no one's voice, no speaker, flagged ``scare``; the quotes around it
                        are attributed past it (a split, a continuation paragraph)
``after_cue_speaker``   ``"...," said Salim al-Muslat, spokesman for ...`` (also ``noted X``,
                        ``states X``, ``told X``)
``after_speaker_cue``   ``"...," officials said`` / ``"...", the statement said`` / ``they write``
``after_speaker_apposition``  ``"...," Sen. Claire McCaskill, D-Mo., said`` /
                        ``"...," Rep. X (R-Ohio), a panel member, said``
``to_quote``            ``"..." (to quote Paul Ryan)`` / ``"...," as X put it``
``dash_byline``         ``"..." — Jane Doe`` closing its paragraph
``split``               ``"A", says X, "B"`` (and a second quote after ``X said.``); not
                        when the words between name someone else (``"A," X said. Y said
                        it was "B"``)
``before_colon``        ``Mr Putin said: "...`` / ``X, a spokesman for Y, told reporters: "...``
``speaker_colon``       transcript style at a paragraph's start: ``Sen. Dick Durbin (D-IL): "...``
``colon_paragraph``     a quote-only paragraph after one that ends ``X continued:``
``before_comma``        ``the announcer said, "...`` / ``X, a historian who attended, recalled, "...``
``colon_subject``       ``She then recited her resume: "...``: a sentence ending in a colon,
                        with a name or pronoun as its subject (not a passive, not words
                        received: "was confronted by", "a letter ... that reads")
``sentence_speaker``    a partial quote in a sentence that ends ``..., X said.``
``according_to``        ``according to X``
``cue_subject``         a partial quote in a reported sentence: the actor who is the
                        subject of the speech or stance verb ("Damascus said ... "confronting
                        terrorism"", "... raised concerns it could be "a trick""), else the
                        name or pronoun right before the verb; a negated verb ("hasn't said")
                        attributes nothing. The sentence's first verb, unless the verb
                        nearest the quote has a mention right before it ("A source said
                        Trump added that "..."" is Trump's; not after "agreed"/"ordered",
                        before "to", at a participle, or in "as X had claimed")
``multi_paragraph``     a paragraph of a quote that runs over several paragraphs
``continuation``        a quote-only paragraph right after an attributed one
``indirect_before`` / ``indirect_after`` / ``indirect_according_to``  indirect speech

Guards: a quote that ends its sentence inside the marks (``..."``) does not take the
speaker of the next sentence ("X said he ..."); no rule reads across a sentence boundary.

Speakers are resolved to codebook actors and camps, the most specific first (a person row
beats an institution row). A pronoun keeps its surface speaker ("he"); "he"/"she" get the
actor and camp of the most recent named person in the same or previous paragraph (or the one
before that, when the previous names no person): a person quoted earlier, or the subject of a
narration sentence ("Mr. Obama dismissed ..."), named in ``referent`` (rule suffix ``+pronoun``),
unless that person is in an earlier paragraph and the pronoun's own paragraph names another
codebook person before it (either may be meant); "they"/"it" only of a codebook group that just spoke;
otherwise the camp stays unknown (``+pronoun_unresolved``): never guessed. A generic role
("officials", "the statement", "a spokesman") takes the actor of the nearest codebook mention
before the quote, outside quotation marks, in that paragraph or the one before. A definite
role noun ("the Democrats", "the party", "the ministry"; not a proper name such as "the House")
takes the nearest earlier mention whose head is that noun ("House Democrats"), up to about two
paragraphs' worth of text back (rule suffix ``+role_noun``); a title ("the secretary", "the
president", "the senator") takes the codebook person last named with that title ("Housing
Secretary Ben Carson"; not "Vice President", not when someone else has been given the title
since), and a pronoun whose antecedent is such a role takes the role's person. A name that qualifies someone
else ("an Obama critic", "a Trump ally", "Obama adviser David Axelrod") does not make its actor
the speaker; an institution's aide or adviser speaks for the institution. A bare surname
("McConnell") is the codebook person the article named in full with it before ("Mitch
McConnell"), outside quotation marks, even when the codebook gives that surname to someone else
or to no one (rule suffix ``+surname``); it stays as it was when someone else with that surname
is named before the speaker ("Bill Clinton", "Mr. Clinton", "Bill and Hillary Clinton", or the
surname's own row in full), and a surname with a title ("President Clinton") is not resolved
this way.
``speaker_status`` says which unknown a unit is: ``named_not_in_codebook`` (add a row) or
``none_in_text``. Short unattributed quotes with no speech verb (scare quotes, titles) are
kept but flagged ``scare`` and left out of voice counts.
"""

from .attribution import (GENERIC, PRONOUN, QUOTE_COLUMNS, RULES, SPEAKER_STATUSES, Mention,
                          QuoteUnit, Resolver, corpus_quotes, extract_quotes)
from .spans import mark_quoted, quote_spans
from .suggest import suggest_codebook
from .voices import (NOT_IN_CODEBOOK, UNKNOWN, camp_ratio, statement_versions, uncoded_speakers,
                     voice_camp, voices)

__all__ = ["GENERIC", "PRONOUN", "QUOTE_COLUMNS", "RULES", "SPEAKER_STATUSES", "Mention",
           "QuoteUnit", "Resolver", "camp_ratio", "corpus_quotes", "extract_quotes",
           "mark_quoted", "quote_spans", "statement_versions", "suggest_codebook", "voices",
           "NOT_IN_CODEBOOK", "UNKNOWN", "uncoded_speakers", "voice_camp"]
