"""Turn scraped page text into an article body, recording every line removed.

The cleaner works line by line and never edits a kept line's words: it only
normalises white space (NBSP, zero-width characters, runs of spaces). Each
removed line is recorded with the name of the rule that removed it, so that
``kept lines + removed lines == original lines`` always holds and a reader can
see exactly what was taken out and why.

Rules are general (patterns seen on news pages), never per-file line numbers.
They are listed in :data:`RULES` with a one-line description each; the order
below is the order in which they are tried.

Block rules (remove a run of lines)
    reader_comments   from a comment-section marker ("Join our commenting
                      forum", "Community standards", "Comment via Facebook", ...)
                      to the end of the page, once the body has started.
                      Readers' words are not the outlet's.
    donation_appeal   from an appeal's opening ("Your support helps us ...") to
                      its closing line ("Your support makes all the
                      difference"), at most 12 lines apart.

Line rules (a line matches on its own)
    notification_prompt, advertisement, share_prompt, ui_label, image_credit,
    photo_caption, credit_line, contributor_credit, copyright,
    newsletter_signup, related_link, timestamp, headline, repeated_caption

Positional rules (depend on where the line stands)
    byline            a line of person names ("By A", "A,B,C") before the body
    header_furniture  a short line (<= 12 words, no sentence punctuation)
                      before the first body paragraph: section labels,
                      breadcrumbs, teaser headlines
    trailing_headline short unpunctuated lines after the last body paragraph:
                      related-story headlines

A *body paragraph* is a line of at least 12 words that ends like a sentence.
Header and trailing rules only act when a body paragraph exists, so a text with
none keeps all its lines.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

# Characters that render as space or nothing on a page.
# Searched, not translated: most non-ASCII lines hold only curly quotes or dashes, and
# str.translate with a dict costs a look-up per character (6x slower over a corpus)
_SPACE_LIKE = "\u00a0\u2007\u202f\u2009\u200a\t\f\v"
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_SPACES = re.compile(f"[{_SPACE_LIKE}]")
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_ODD_SPACE = re.compile(f"[{_SPACE_LIKE}{_ZERO_WIDTH_CHARS}]")
_MULTISPACE = re.compile(r" {2,}")
# The opening of a "Story highlights" box: at the line's start, or after a photo credit.
_HIGHLIGHTS = re.compile(r"^Story [Hh]ighlights\b|\((?:Photo|Photos|Image)[^()]{0,100}\)\s+"
                         r"Story [Hh]ighlights\b")
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit

#: Characters a sentence may end with (closing quotes and brackets included).
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’][.!?]?$")


def _ends_sentence(line: str) -> bool:
    """``_TERMINAL.search(line)`` for a line without a newline, from its last characters
    only (a regular-expression search tries every position of a long paragraph)."""
    body = line.rstrip("\"”’')]")
    if body and body[-1] in ".!?…:;":
        return True
    if not line:
        return False
    if line[-1] in "\"”’":
        return True
    return line[-1] in ".!?" and len(line) >= 2 and line[-2] in "\"”’"

RULES: dict[str, str] = {
    "reader_comments": "reader comment section, from its marker to the end of the page",
    "donation_appeal": "appeal for donations or subscriptions",
    "notification_prompt": "browser notification prompt",
    "advertisement": "advertisement label",
    "share_prompt": "share / short-link widget",
    "ui_label": "page interface label (Comments, Read more, ...)",
    "image_credit": "image credit or caption widget line (©, Photo:, Image copyright, toggle "
                    "caption, ...)",
    "media_player": "embedded video player placeholder ('Media playback is unsupported ...')",
    "photo_gallery": "photo gallery strip ('Photos: ... Hide Caption')",
    "photo_caption": "photo caption ending with an agency credit in brackets",
    "credit_line": "'Credit:' line",
    "contributor_credit": "'X contributed to this report', 'Reporting by ...'",
    "copyright": "copyright notice",
    "newsletter_signup": "newsletter sign-up prompt",
    "related_link": "'More:', 'Read more:', 'Also see:' link to another story",
    "read_more_link": "a related story's headline ending in 'Read more' (Guardian-style link)",
    "video_strip": "embedded video strip ('JUST WATCHED ... Replay More Videos ... MUST WATCH "
                   "... 01:14') or video caption after the player's close button ('CLOSE ... "
                   "VPC')",
    "photo_credit": "photo caption ending in a credit ('... REUTERS/Name', '(Photo: ...)', "
                    "'.../Getty Images') or a caption widget line",
    "promo_prompt": "follow / app / podcast prompt ('Follow us on Twitter', 'CLICK HERE TO GET "
                    "THE ... APP')",
    "reprint_notice": "reprint, syndication or opinion disclaimer ('originally published ...', "
                      "'available without charge ...', 'views expressed ... their own')",
    "contact_line": "'To contact the author of this story:' and 'Name at name@outlet.com' lines",
    "correction_note": "correction, update or editor's note about the article itself",
    "separator": "a short line with no letter or digit ('___', '* * *')",
    "hover_card": "inline name card: full name glued to teaser headlines ending in 'MORE' (The "
                  "Hill); removed from inside the line",
    "story_highlights": "'Story highlights' box (CNN; USA TODAY after a photo credit): its first "
                        "line and the short unpunctuated lines after it",
    "outlet_furniture": "a line that recurs across many articles of the same outlet (learned "
                        "from the corpus, see Furniture)",
    "timestamp": "a line that is only a date and/or time (dateline or render time)",
    "headline": "the article's headline repeated inside the page text",
    "repeated_caption": "caption printed twice (the first copy)",
    "byline": "author names before the body",
    "header_furniture": "short unpunctuated line before the first body paragraph",
    "trailing_headline": "short unpunctuated line after the last body paragraph",
}

#: Rules grouped into a few families, for summaries and figures.
RULE_FAMILIES: dict[str, str] = {
    "reader_comments": "reader comments",
    "donation_appeal": "appeals and prompts",
    "notification_prompt": "appeals and prompts",
    "newsletter_signup": "appeals and prompts",
    "advertisement": "widgets and labels",
    "share_prompt": "widgets and labels",
    "ui_label": "widgets and labels",
    "related_link": "related stories",
    "read_more_link": "related stories",
    "video_strip": "widgets and labels",
    "photo_credit": "captions and credits",
    "promo_prompt": "appeals and prompts",
    "reprint_notice": "appeals and prompts",
    "contact_line": "captions and credits",
    "correction_note": "captions and credits",
    "separator": "widgets and labels",
    "hover_card": "related stories",
    "story_highlights": "related stories",
    "outlet_furniture": "recurring outlet lines",
    "trailing_headline": "related stories",
    "image_credit": "captions and credits",
    "photo_caption": "captions and credits",
    "media_player": "widgets and labels",
    "photo_gallery": "captions and credits",
    "repeated_caption": "captions and credits",
    "credit_line": "captions and credits",
    "contributor_credit": "captions and credits",
    "copyright": "captions and credits",
    "headline": "headline and header",
    "header_furniture": "headline and header",
    "byline": "headline and header",
    "timestamp": "headline and header",
}


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_COMMENTS_START = _rx(
    r"^(join our commenting forum|community standards|comment via (facebook|sputnik)"
    r"|show (new |all )?comments|view( all)? comments|(leave|post|add) a comment"
    r"|comments are closed|join the (conversation|discussion)|reader comments"
    r"|\d+ comments?$)"
)
_DONATION_START = _rx(
    r"^(your support helps|support (our|independent|quality) journalism"
    r"|please (consider )?(supporting|support|donating|donate)|become a (member|supporter)"
    r"|make a (contribution|donation))"
)
_DONATION_END = _rx(
    r"(your support makes all the difference|donate now|support us( today)?[.!]?$"
    r"|make a (contribution|donation)[.!]?$)"
)
_NOTIFICATION = _rx(
    r"^(stay up to date with notifications|notifications can be managed"
    r"|(turn on|allow|enable) (browser |push )?notifications)"
)
_ADVERTISEMENT = {"advertisement", "advertising", "sponsored", "sponsored content", "ad",
                  "skip advertisement", "story continues below advertisement"}
_SHARE = {"share", "share this", "share this article", "share this story", "tweet", "email",
          "print", "get short url", "copy link", "whatsapp", "facebook", "twitter", "pin"}
_SHARE_RX = _rx(r"^(read or share this story:|share (this|on) (article|story|facebook|twitter)\b)")
_UI = {"comments", "comment", "continue reading", "read more", "close", "menu", "home",
       "discussion", "show comments", "hide comments", "view gallery", "watch",
       "story continued below"}
# Caption widgets as scraped from news pages (BBC "Image copyright X Image caption ...", NPR
# "Enlarge this image toggle caption X", "Hide caption ...") are whole lines of their own.
_IMAGE_CREDIT = _rx(r"^(©|\(c\) |photo:|photograph:|image:|picture:|photo credit|image credit"
                    r"|image copyright\b|image caption\b|media caption\b|enlarge this image\b"
                    r"|toggle caption\b|hide caption\b)")
_MEDIA_PLAYER = _rx(r"^media playback is (unsupported|not supported) on your device")
_PHOTO_GALLERY = _rx(r"^photos?:\s.*\bhide caption\b")
_AGENCIES = (r"getty|afp|\bap\b|reuters|\bepa\b|\bpa\b|shutterstock|sputnik|bloomberg|"
             r"anadolu|xinhua|tass|ria novosti|alamy|rex")
_PHOTO_CAPTION = _rx(r"\((?=[^()]*(" + _AGENCIES + r"))[^()]{1,80}\)$")
_CREDIT = _rx(r"^credit\s*:")
_CONTRIBUTOR = _rx(
    r"(contributed to this report\.?$|^contributing:|^additional reporting by"
    r"|^reporting by [^.;]{1,80}; editing by)"
)
_COPYRIGHT = _rx(r"^(copyright\b|©.{0,80}all rights reserved)")
_NEWSLETTER = _rx(
    r"(^sign up (for|to)\b.{0,60}(newsletter|email|inbox|updates)|delivered to your inbox"
    r"|^sign up for daily newsletters|you must select a newsletter|subscribe to our newsletter)"
)
_RELATED = _rx(r"^(more|read more|related|see also|also see|also read|read next|recommended"
               r"|read|watch|listen)\s*:"
               # a link in brackets: "( Also on POLITICO: ...)", "( PHOTOS: ...)"
               r"|^\(\s*(also on|photos?|video|see also|see more|read more|related|quiz"
               r"|full coverage|more)\b[^()]*\)$")
# An upper-case label and a short headline: "VOLATILITY:Wild swings continue as Dow plunges".
_LABELLED_LINK = re.compile(r"^[A-Z][A-Z&'’ -]{2,30}:\s?[A-Z0-9‘“\"'][^“”\"]*$")
_READ_MORE = re.compile(r"\S \W?Read more$")
_VIDEO = re.compile(r"^JUST WATCHED\b|\bReplay More Videos\b|\bMUST WATCH\b.*\d:\d\d$"
                    r"|^Play Video \d+:\d\d\b"
                    # a video's caption after the player's close button (USA TODAY network):
                    # "CLOSE Secretary of State John Kerry said ... VPC"
                    r"|^CLOSE\s+\S")
# A caption's credit at its end: "... REUTERS/Name", "(Photo: ...)", "Photo: X/Getty Images";
# or a caption widget at its start (Guardian "Facebook Twitter Pinterest", "FILE PHOTO -").
_PHOTO_CREDIT = re.compile(
    r"(\bREUTERS/[A-Z][\w .'’/-]{0,60}?( More)?$"
    # "NAME/PAPER Caption"
    r"|^[A-Z][A-Z.'’-]+( [A-Z][A-Z.'’-]+)+/[A-Z][A-Z.'’ -]+ [A-Z][a-z]"
    r"|\((Photo|Photos|Image|Picture)( by|:) [^()]{1,100}\)$"
    r"|\bPhoto: [^.]{1,80}$|/Getty Images$"
    r"|^Facebook Twitter Pinterest |^FILE PHOTO\b)"
)
_PROMO = _rx(
    r"^[-–•]?\s*(follow (us\b|@\w|[\w .'’]{1,60} on (twitter|facebook|instagram))"
    r"|(like|join) us on facebook|subscribe to (our|\w+['’]s) (youtube|podcast|channel)"
    r"|read [\w'’]+ new flipboard"
    r"|click (here )?(to|for) (get |download )?(the )?[\w ]{0,25}\bapp\b"
    r"|download the [\w ]{0,25}\bapp\b|stay up to date with the free [\w ]{0,25}\bapp\b"
    r"|interested in .{1,80}\? add\b)"
)
_SHARE_WIDGET = re.compile(r"\bSHARE THIS (ARTICLE|STORY)\b")
_CONTACT = _rx(r"^(to contact the (author|reporter|editor)s?\b.{0,50}:$"
               r"|[A-Z][\w.'’ -]{2,50} at [\w.+-]+@[\w-]+\.[\w.]+$)")
_CORRECTION = _rx(
    r"^(correction|clarification|editor['’]?s note)s?\s*[:—–-]"
    r"|^an? (earlier|previous) version of this (article|story|report)"
    r"|^this (article|story|report) (has been|was) (updated|corrected)"
    r"|^\((this (story|version) )?(corrects|refiles|removes|adds|updates|fixes)\b[^()]*\)$"
)
_REPRINT = _rx(
    r"(^(editor['’]s note:\s*)?(this|the following) (article|story|column|piece|commentary|op-ed"
    r"|essay)\b.{0,60}\b(originally|first) (published|appeared)"
    r"|republished (here )?with permission|is available without charge to any eligible news "
    r"publisher|^the (views|opinions)( expressed)? (of|by|in) .{0,40}\b(are|do not)\b"
    r".{0,30}\b(their own|views of)"
    r"|^this (column|article|piece|commentary) does not necessarily reflect)"
)
_NEWSLETTER_MORE = _rx(
    r"(\bemail sign up\b|\bsign up (here|today|now)\b|\bsign up for (our|the) .{0,40}newsletter"
    r"|\bsubscribe to (the|our) [\w ]{0,30}"
    r"newsletter|\bget our (daily )?newsletter|\bstraight to your inbox)"
)
_DATE_TOKEN = _rx(
    r"^(\d{1,2}:\d{2}(:\d{2})?|\d{1,4}|\+\d+|[+-]\d{2}:?\d{2}|\d{1,2}(st|nd|rd|th)"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|a\.?m\.?|p\.?m\.?|gmt|utc|bst|cet|cest|msk|edt|est|cdt"
    r"|cst|pdt|pst|et|updated|published|posted|last|on|at"
    r"|(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?"
    r"|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
    r"|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$"
)
_NAME = r"[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|de|van|von|al|bin|la|le))*"
# Without "By", only a list of several names counts: one Title Case phrase could
# as well be a section label ("Middle East").
_BYLINE = re.compile(r"^" + _NAME + r"(?: ?(?:,|and|&) ?" + _NAME + r")+$")
_BYLINE_BY = _rx(r"^by:? [A-Z]")


_MORE = re.compile(r" MORE(?=[\s.,;:!?’'\")\]]|$)")
_GLUE = re.compile(r"(?<=[a-z.’'])(?=[A-Z0-9‘“\"'$])")  # "Trump|Federal judge ..."
# A surname glued to the next word: a capital and three or more lower-case letters (not the
# "Mc" of "McConnell", the "De" of "DeSantis" or the "N." of "(N.J.)")
_GLUED_SURNAME = re.compile(r"(?:[A-Z][a-z’']+-)*[A-Z][a-z’'-]{2,}[a-z]")  # "Ocasio-Cortez" too
_NAME_TOKEN = re.compile(r"^(\(?[A-Z][\w'’.\-]*\)?|de|van|von|al|bin|la|le|Jr\.?)$")
#: How far before "MORE" a hover card may start (a full name and up to about five headlines;
#: at 500 characters, six cards of 8,523 ABP articles were kept, none wrongly cut at 800).
_CARD_WINDOW = 800


def _bare(token: str) -> str:
    return token.strip("()[],;:\"“”‘").removesuffix("’s").removesuffix("'s")


def hover_cards(line: str) -> list[tuple[int, int]]:
    """Character spans of inline name cards in one (normalised) line.

    A card, as The Hill's pages render it, is the person's full name whose last
    word runs into teaser headlines, ending in "MORE": "President Trump *Donald
    John TrumpFederal judge halts ... hat MORE* surprised observers". It is found
    by its shape: a word that starts with a name used just before it and runs
    into a capital ("Trump|Federal"), then " MORE" within 800 characters.

    Returns
    -------
    list of (start, end)
        Spans to remove, from the card's first name to the end of "MORE".
    """
    spans: list[tuple[int, int]] = []
    floor = 0
    for more in _MORE.finditer(line):
        lo = max(floor, more.start() - _CARD_WINDOW)
        tokens = [(m.start() + lo, m.group()) for m in re.finditer(r"\S+", line[lo:more.start()])]
        # Each token's glued surname, found once: a mention's surname glued to the card's
        # first name ("Kristi NoemKristi Lynn NoemSouth ...": a page's text extracted without
        # the space between the link and the card). The card repeats the first name the
        # mention used ("Kristi"): "WhatsApp", "BlackRock" have no glued surname.
        glued = [None] + [
            next((p for c in _GLUE.finditer(tok)
                  if _GLUED_SURNAME.fullmatch(p := _bare(tok[:c.start()]))
                  and _bare(tok[c.start():]) == _bare(tokens[k - 1][1])), None)
            for k, (_, tok) in enumerate(tokens) if k]
        start = surname = None
        for i, (pos, tok) in enumerate(tokens):
            # the names used just before, and the glued surnames among them
            before = {_bare(t) for _, t in tokens[max(0, i - 6):i]} | {
                g for g in glued[max(0, i - 6):i] if g}
            # the longest name first: "McConnellSenate" is McConnell's card, not "Mc"'s
            for cut in reversed(list(_GLUE.finditer(tok))):
                if cut.start() >= 2 and _bare(tok[:cut.start()]) in before:
                    start, surname = i, _bare(tok[:cut.start()])
                    break
            if start is not None:
                break
        if start is None:
            continue
        first, begin = start, None
        while first > 0 and start - first < 4:  # the card's first names, back to the mention
            at, tok = tokens[first - 1]
            glued = next((c.start() for c in _GLUE.finditer(tok)
                          if c.start() >= 2 and _bare(tok[:c.start()]) == surname), None)
            if glued is not None:  # "NoemKristi": the card starts inside the token
                begin = at + glued
                break
            if not _NAME_TOKEN.match(tok) or _bare(tok) == surname:
                break
            first -= 1
        spans.append((tokens[first][0] if begin is None else begin, more.end()))
        floor = more.end()
    return spans


def _line_hash(key: str) -> int:
    """A stable 64-bit hash (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def furniture_key(line: str) -> str:
    """The key under which a line is counted: :func:`normalise_line`, then lower case,
    letters and digits only, every number as 0 ("Updated 2:25 p.m." and "Updated 8:26 a.m."
    are one line)."""
    return _digits_key(normalise_line(line))


def _digits_key(line: str) -> str:
    """:func:`furniture_key` of a line already normalised."""
    return _DIGITS.sub("0", _key(line))


class Furniture:
    """Lines that recur across many articles of one outlet: page furniture learned from
    the corpus itself.

    A line (compared by :func:`furniture_key`) is furniture of an outlet when it occurs
    in at least ``min_articles`` of the outlet's articles *and* in at least ``min_share``
    of them. Each article counts a line once, and an article seen twice (same outlet,
    title and first long line) counts once, so a reprinted article does not make its own
    text furniture. Counting is one pass, linear in the text; only 64-bit hashes of lines
    (and one example text of lines seen twice or more) are held.

    The defaults were set by reading 100 random Article-Bias-Prediction articles and
    every line that recurs in 3+ articles of an outlet (scripts/furniture_sample.py):
    in that corpus all of them were furniture (newsletter boxes, app prompts, author
    bios, sidebars of other stories' quotes), section headings, or one-word transcript
    turns ("Right."). A line in only two articles never counts: a quote repeated in a
    follow-up story stays.

    Parameters
    ----------
    min_articles : int
        Fewest articles of the outlet a line must occur in (default 3).
    min_share : float
        Smallest share of the outlet's articles (default 0.003, so up to 1,000 articles
        ``min_articles`` decides, and above that the bar rises with the outlet's size).

    Examples
    --------
    >>> f = Furniture().fit(["Body one.\\nFollow us", "Body two.\\nFollow us",
    ...                      "Body three.\\nFollow us"], ["X", "X", "X"])
    >>> f.is_furniture("X", "Follow us"), f.is_furniture("X", "Body one.")
    (True, False)

    For a stream or a Dask DataFrame: :meth:`partial_fit` each chunk (or partition), then
    :meth:`merge` the partial counts, before the cleaning pass (see framing.corpus).
    """

    def __init__(self, min_articles: int = 3, min_share: float = 0.003):
        if min_articles < 2:
            raise ValueError("min_articles must be at least 2: one article is no evidence")
        self.min_articles = min_articles
        self.min_share = min_share
        self.counts: dict[str, Counter] = {}
        self.articles: Counter = Counter()
        self.examples: dict[int, str] = {}
        self._seen: dict[str, set] = {}

    def add(self, raw: str, outlet: str, title: str | None = None) -> list | None:
        """Count one article's lines. Returns the hash of each line's key (``None`` for a
        blank line), to pass to :func:`clean_text` as ``line_hashes`` so that the cleaning
        pass does not compute them again; ``None`` for an article seen before."""
        outlet = str(outlet).strip()
        lines = [normalise_line(x) for x in split_lines(raw)]
        first_long = next((x for x in lines if len(x.split()) >= 12), "")
        sig = _line_hash(_key(title or "") + "\n" + _key(first_long))
        seen = self._seen.setdefault(outlet, set())
        if sig in seen:
            return None
        seen.add(sig)
        self.articles[outlet] += 1
        counts = self.counts.setdefault(outlet, Counter())
        hashes = [_line_hash(_digits_key(x)) if x else None for x in lines]
        for h, line in {h: x for h, x in zip(hashes, lines) if x}.items():
            counts[h] += 1
            if counts[h] == 2:
                self.examples.setdefault(h, line)
        return hashes

    def partial_fit(self, raws, outlets, titles=None) -> "Furniture":
        """Count more articles (iterables of texts, outlets and optional titles)."""
        titles = titles if titles is not None else itertools.repeat(None)
        for raw, outlet, title in zip(raws, outlets, titles):
            self.add(raw, outlet, title)
        return self

    def fit(self, raws, outlets, titles=None) -> "Furniture":
        """Count a whole corpus (forgets earlier counts)."""
        self.counts, self.articles, self.examples, self._seen = {}, Counter(), {}, {}
        return self.partial_fit(raws, outlets, titles)

    def merge(self, other: "Furniture") -> "Furniture":
        """Add another instance's counts (e.g. from another Dask partition); the outlets'
        articles must not overlap (an article counted in two parts counts twice)."""
        for outlet, counts in other.counts.items():
            self.counts.setdefault(outlet, Counter()).update(counts)
            self._seen.setdefault(outlet, set()).update(other._seen.get(outlet, ()))
        self.articles.update(other.articles)
        for h, line in other.examples.items():
            self.examples.setdefault(h, line)
        return self

    def threshold(self, outlet: str) -> int:
        """Articles a line of ``outlet`` must occur in to be furniture."""
        return max(self.min_articles, math.ceil(self.min_share * self.articles[outlet]))

    def is_furniture(self, outlet: str, line: str, line_hash: int | None = None) -> bool:
        """Whether ``line`` recurs enough in ``outlet``'s articles (``line_hash``: its key's
        hash, when :meth:`add` gave it already)."""
        counts = self.counts.get(str(outlet).strip())
        if not counts or not line.strip():
            return False
        if line_hash is None:
            line_hash = _line_hash(furniture_key(line))
        return counts[line_hash] >= self.threshold(str(outlet).strip())

    def lines(self) -> pd.DataFrame:
        """The learned furniture: one row per outlet and line (``outlet``, ``articles``,
        ``outlet_articles``, ``text`` = one example), most frequent first."""
        rows = [(outlet, n, self.articles[outlet], self.examples.get(h, ""))
                for outlet, counts in self.counts.items()
                for h, n in counts.items() if n >= self.threshold(outlet)]
        frame = pd.DataFrame(rows, columns=["outlet", "articles", "outlet_articles", "text"])
        return frame.sort_values(["outlet", "articles", "text"], ascending=[True, False, True],
                                 ignore_index=True)


@dataclass
class Cleaned:
    """The result of cleaning one text.

    Attributes
    ----------
    text : str
        The article body: kept paragraphs joined by blank lines.
    lines : list of (line number, original line, rule or None)
        Every original line, 1-based, with the rule that removed it
        (``None`` when kept).
    byline, dateline : str
        Metadata found in removed lines ("" when none).
    inline : list of (line number, start, end, rule, removed text)
        Runs removed from inside kept lines (hover cards); ``start`` and ``end``
        are offsets in the line after :func:`normalise_line`.
    """

    text: str
    lines: list = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    inline: list = field(default_factory=list)

    @property
    def removed(self) -> list:
        """(line, rule, original text) for each removed line."""
        return [(n, rule, raw) for n, raw, rule in self.lines if rule is not None]


def split_lines(raw: str) -> list[str]:
    """Split text into lines on LF, CRLF or CR (and nothing else)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalise_line(line: str) -> str:
    """Normalise white space in one line: NBSP and friends to space, zero-width gone."""
    if (not line.isascii() or "\t" in line or "\x0b" in line or "\x0c" in line) \
            and _ODD_SPACE.search(line):
        line = _ZERO_WIDTH.sub("", _SPACES.sub(" ", line))
    if "  " in line:
        line = _MULTISPACE.sub(" ", line)
    return line.strip()


def _key(text: str) -> str:
    """A loose comparison key: lower case, letters and digits only."""
    return " ".join(_WORDS.findall(text.casefold().replace("’", "'")))


def _is_body(line: str, n_words: int) -> bool:
    return n_words >= 12 and _ends_sentence(line)


def _is_timestamp(line: str) -> bool:
    if not any(ch.isdigit() for ch in line):
        return False
    tokens = [t for t in re.split(r"[\s,|·]+", line) if t]
    return (
        0 < len(tokens) <= 10
        and any(ch.isdigit() for ch in line)
        and all(_DATE_TOKEN.match(t) for t in tokens)
        and any(not t.isdigit() for t in tokens)  # a bare number is not a date
    )


def _line_rule(line: str, low: str, n_words: int, title_key: str) -> str | None:
    """The first line rule that matches ``line`` (already normalised), or None.

    Cheap tests (length, first/last character, substrings) gate the regular
    expressions: most lines are long body paragraphs that match nothing.
    """
    if n_words <= 6:
        bare = low.rstrip(" .:!|»›>")
        if bare in _ADVERTISEMENT:
            return "advertisement"
        if bare in _SHARE:
            return "share_prompt"
        if bare in _UI:
            return "ui_label"
    if _NOTIFICATION.match(line):
        return "notification_prompt"
    if _SHARE_RX.match(line):
        return "share_prompt"
    if _IMAGE_CREDIT.match(line):
        return "image_credit"
    if _MEDIA_PLAYER.match(line):
        return "media_player"
    if _PHOTO_GALLERY.match(line):
        return "photo_gallery"
    if line.endswith(")") and _PHOTO_CAPTION.search(line):
        return "photo_caption"
    if _CREDIT.match(line):
        return "credit_line"
    if ("contribut" in low or "reporting by" in low or "additional reporting" in low) \
            and _CONTRIBUTOR.search(line):
        return "contributor_credit"
    if _COPYRIGHT.match(line):
        return "copyright"
    if ("sign up" in low or "newsletter" in low or "inbox" in low) and _NEWSLETTER.search(line):
        return "newsletter_signup"
    if len(line) <= 40 and not _ALNUM.search(line):
        return "separator"
    if _RELATED.match(line):
        return "related_link"
    if n_words <= 12 and ":" in line[:32] and not _ends_sentence(line) \
            and _LABELLED_LINK.match(line):
        return "related_link"
    if "SHARE THIS" in line and _SHARE_WIDGET.search(line):
        return "share_prompt"
    if n_words <= 12 and ("contact" in low or "@" in line) and _CONTACT.match(line):
        return "contact_line"
    if n_words <= 40 and _CORRECTION.match(line):
        return "correction_note"
    if n_words <= 40 and line.endswith("Read more") and _READ_MORE.search(line):
        return "read_more_link"
    if ("WATCH" in line or "Replay" in line or "Play Video" in line or line.startswith("CLOSE")) \
            and _VIDEO.search(line):
        return "video_strip"
    # substring gates: each alternative of the pattern needs one of the substrings
    if n_words <= 80 and ("/" in line or "Photo: " in line or line.endswith(")")
                          or line.startswith(("Facebook Twitter Pinterest ", "FILE PHOTO"))) \
            and _PHOTO_CREDIT.search(line):
        return "photo_credit"
    if n_words <= 40 and ("follow" in low or "facebook" in low or "app" in low
                          or "subscribe" in low or "flipboard" in low or "interest" in low) \
            and _PROMO.match(line):
        return "promo_prompt"
    # (case-insensitive matching is wider than casefold for one letter: "ı" and "İ" match
    # "i" but fold to "ı" and "i\u0307"; every other letter that matches an ASCII letter folds
    # to it)
    if n_words <= 80 and ("publish" in low or "appeared" in low or "necessarily reflect" in low
                          or low.startswith(("the views", "the opinions"))
                          or "ı" in low or "\u0307" in low) \
            and _REPRINT.search(line):
        return "reprint_notice"
    if n_words <= 80 and ("sign up" in low or "newsletter" in low or "inbox" in low) \
            and _NEWSLETTER_MORE.search(line):
        return "newsletter_signup"
    if n_words <= 10 and _is_timestamp(line):
        return "timestamp"
    if title_key and n_words <= 40 and _key(line) == title_key:
        return "headline"
    return None


def clean_text(raw: str, title: str | None = None, furniture: Furniture | None = None,
               outlet: str | None = None, edges: bool = True,
               line_hashes: list | None = None) -> Cleaned:
    """Clean one page text.

    Parameters
    ----------
    raw : str
        The text as scraped (any line endings).
    title : str, optional
        The article's headline; a line equal to it (ignoring case and
        punctuation) is removed as ``headline``.
    furniture, outlet : Furniture and str, optional
        Lines learned from the corpus (:class:`Furniture`) and the article's
        outlet: a line that recurs across the outlet's articles is removed as
        ``outlet_furniture`` (unless that would leave no text).
    edges : bool
        Apply the positional rules (``byline``, ``header_furniture``,
        ``trailing_headline``) to short lines before the first and after the
        last body paragraph. ``False`` for text an extractor has already cut
        from the page (trafilatura keeps the article's own lists and short
        paragraphs there; see scripts/bench_extraction.py).
    line_hashes : list, optional
        What :meth:`Furniture.add` returned for this ``raw`` (the hash of each line's key),
        so that they are not computed twice; ``None`` computes them as needed.

    Returns
    -------
    Cleaned
        Body text, the per-line audit, and byline/dateline metadata.

    Examples
    --------
    >>> clean_text("Share\\nThe talks resumed in Geneva on Monday and were expected "
    ...            "to last for weeks.").removed
    [(1, 'share_prompt', 'Share')]
    """
    cleaned = _clean(raw, title, furniture, outlet, edges, line_hashes)
    if furniture is not None and not cleaned.text and any(
            r == "outlet_furniture" for _, _, r in cleaned.lines):
        cleaned = _clean(raw, title, None, None, edges, None)  # evidence never empties one
    return cleaned


def _clean(raw: str, title: str | None, furniture: Furniture | None,
           outlet: str | None, edges: bool, line_hashes: list | None) -> Cleaned:
    originals = split_lines(raw)
    norm = [normalise_line(x) for x in originals]
    lows = [x.casefold() for x in norm]
    nwords = [len(x.split()) for x in norm]
    n = len(norm)
    rule: list[str | None] = [None] * n
    title_key = _key(title) if title else ""

    body = [i for i in range(n) if _is_body(norm[i], nwords[i])]
    first_body = body[0] if body else None

    # Block: reader comments, from the marker to the end (only after the body began).
    if first_body is not None:
        for i in range(first_body + 1, n):
            if _COMMENTS_START.match(norm[i]):
                for j in range(i, n):
                    rule[j] = "reader_comments"
                break

    # Block: donation appeals (opening and closing line at most 12 lines apart).
    i = 0
    while i < n:
        if rule[i] is None and _DONATION_START.match(norm[i]):
            end = next((j for j in range(i, min(n, i + 13)) if _DONATION_END.search(norm[j])), None)
            for j in range(i, (end if end is not None else i) + 1):
                if rule[j] is None:
                    rule[j] = "donation_appeal"
            i = (end if end is not None else i) + 1
        else:
            i += 1

    # Line rules, then the corpus's evidence for what the named rules leave.
    for i in range(n):
        if rule[i] is None and norm[i]:
            rule[i] = _line_rule(norm[i], lows[i], nwords[i], title_key)
    # Block: a "Story highlights" box: the line that opens it (CNN: "Story highlights ...";
    # USA TODAY: "<caption> (Photo: ...) Story Highlights ...") and the short lines after it
    # that end no sentence (the other highlights), up to four.
    for i in range(n):
        if rule[i] is None and "ighlights" in norm[i] and _HIGHLIGHTS.search(norm[i]):
            rule[i] = "story_highlights"
            j, taken = i + 1, 0
            while j < n and taken < 4:
                if norm[j] and (rule[j] is not None or nwords[j] > 30
                                or _ends_sentence(norm[j])):
                    break
                if norm[j]:
                    rule[j] = "story_highlights"
                    taken += 1
                j += 1
    if furniture is not None and outlet is not None:
        for i in range(n):
            if rule[i] is None and norm[i] and furniture.is_furniture(
                    outlet, norm[i], line_hashes[i] if line_hashes is not None else None):
                rule[i] = "outlet_furniture"

    # A caption printed twice: the first copy is a prefix of the next non-blank line.
    nonblank = [i for i in range(n) if norm[i]]
    for a, b in zip(nonblank, nonblank[1:]):
        if rule[a] is None and nwords[a] >= 4 and norm[b].startswith(norm[a]):
            rule[a] = "repeated_caption"  # an exact second copy stays: it may be body

    # The first/last body paragraph still standing bounds the header and the tail.
    body = [i for i in body if rule[i] is None]
    byline = dateline = ""
    if body and edges:
        for i in range(body[0]):
            if rule[i] is not None or not norm[i]:
                continue
            if title_key.count(" ") >= 2 and nwords[i] <= 40 \
                    and _key(norm[i]).endswith(" " + title_key):
                rule[i] = "headline"  # a teaser, then the headline (Politico)
            elif nwords[i] <= 12 and (_BYLINE_BY.search(norm[i]) or _BYLINE.match(norm[i])) \
                    and not title_key.startswith(_key(norm[i])):
                rule[i] = "byline"
            elif nwords[i] <= 12 and not _ends_sentence(norm[i]):
                rule[i] = "header_furniture"
        for i in range(n - 1, body[-1], -1):
            if rule[i] is not None or not norm[i]:
                continue
            if nwords[i] <= 15 and not _ends_sentence(norm[i]):
                rule[i] = "trailing_headline"
            else:
                break
        for i in range(body[0]):
            if rule[i] == "byline" and not byline:
                byline = re.sub(r"^by:?\s+", "", norm[i], flags=re.IGNORECASE)
            if rule[i] == "timestamp" and not dateline:
                dateline = norm[i]

    # Blank lines inside a removed run belong to it, so the audit shows whole blocks.
    for i in range(1, n - 1):
        if not norm[i] and rule[i] is None and rule[i - 1] == "reader_comments":
            rule[i] = "reader_comments"

    # Inline runs: hover cards inside kept lines (cheap gate: " MORE" must be there).
    inline = []
    for i in range(n):
        if rule[i] is None and " MORE" in norm[i]:
            spans = hover_cards(norm[i])
            if spans:
                inline += [(i + 1, a, b, "hover_card", norm[i][a:b]) for a, b in spans]
                norm[i] = _cut(norm[i], spans)

    text = _paragraphs(norm, rule)
    return Cleaned(
        text=text,
        lines=[(i + 1, originals[i], rule[i]) for i in range(n)],
        byline=byline,
        dateline=dateline,
        inline=inline,
    )


def _cut(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` without the spans (and the space before each)."""
    out, pos = [], 0
    for a, b in spans:
        out.append(line[pos:a].rstrip(" "))
        pos = b
    out.append(line[pos:])
    return "".join(out).strip()


def _paragraphs(norm: list[str], rule: list[str | None]) -> str:
    """Join kept lines into paragraphs separated by one blank line.

    Each kept line is a paragraph, except a hard-wrapped continuation (the
    previous kept line has no sentence-final punctuation and this one starts in
    lower case), which is joined to it with a space.
    """
    paras: list[str] = []
    prev_kept = False
    for line, r in zip(norm, rule):
        if r is not None or not line:
            prev_kept = False
            continue
        if prev_kept and paras and line[:1].islower() and not _ends_sentence(paras[-1]):
            paras[-1] = paras[-1] + " " + line
        else:
            paras.append(line)
        prev_kept = True
    return "\n\n".join(paras)


def removed_lines(corpus: pd.DataFrame, furniture: Furniture | bool | None = True) -> pd.DataFrame:
    """The cleaner's audit trail for a corpus.

    Re-runs the (deterministic) cleaner on the ``raw`` column, so the audit
    always matches the ``text`` column.

    Parameters
    ----------
    corpus : DataFrame
        As returned by :func:`framing.load_corpus`.
    furniture : Furniture, bool or None
        The recurring lines the corpus was cleaned with. ``True`` (default)
        learns them from ``corpus`` itself, as :func:`framing.load_corpus` does
        from the whole source; pass the :class:`Furniture` used when the corpus
        was cleaned in chunks; ``False``/``None``: named rules only.

    Returns
    -------
    DataFrame
        One row per removal: ``article_id``, ``outlet``, ``line`` (1-based),
        ``rule``, ``text`` (the original line, or the run removed from inside
        it), ``start`` and ``end`` (offsets of an inline run in the
        normalised line; empty for a whole line).
    """
    if furniture is True:
        furniture = Furniture().fit(corpus["raw"], corpus["outlet"], corpus["title"])
    elif furniture is False:
        furniture = None
    rows = []
    formats = corpus["format"] if "format" in corpus else itertools.repeat("text")
    for aid, outlet, raw, title, form in zip(corpus["article_id"], corpus["outlet"],
                                             corpus["raw"], corpus["title"], formats):
        cleaned = clean_text(raw, title, furniture, outlet, edges=form != "html")
        for n, rule, text in cleaned.removed:
            rows.append((aid, outlet, n, rule, text, None, None))
        for n, start, end, rule, text in cleaned.inline:
            rows.append((aid, outlet, n, rule, text, start, end))
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "line", "rule", "text", "start",
                                        "end"])
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    return frame


def removal_counts(removed: pd.DataFrame) -> pd.DataFrame:
    """Lines removed per outlet and rule (blank lines not counted).

    Parameters
    ----------
    removed : DataFrame
        As returned by :func:`removed_lines`.

    Returns
    -------
    DataFrame
        Columns ``outlet``, ``family``, ``rule``, ``description``, ``lines``
        (whole lines removed) and ``runs`` (runs removed from inside kept
        lines); one row per outlet and rule that removed anything non-blank.
    """
    nonblank = removed[removed["text"].str.strip() != ""]
    inline = nonblank["start"].notna() if "start" in nonblank else False
    counts = (nonblank.assign(lines=~inline, runs=inline)
              .groupby(["outlet", "rule"], sort=True)[["lines", "runs"]].sum().reset_index())
    counts.insert(1, "family", counts["rule"].map(RULE_FAMILIES))
    counts.insert(3, "description", counts["rule"].map(RULES))
    return counts.astype({"lines": int, "runs": int})
