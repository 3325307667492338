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

``after_cue_speaker``   ``"...," said Salim al-Muslat, spokesman for ...``
``after_speaker_cue``   ``"...," officials said`` / ``"...", the statement said``
``split``               ``"A", says X, "B"`` (and a second quote after ``X said.``)
``before_colon``        ``Mr Putin said: "...`` / ``X, a spokesman for Y, told reporters: "...``
``speaker_colon``       transcript style at a paragraph's start: ``Sen. Dick Durbin (D-IL): "...``
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
