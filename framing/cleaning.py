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

import re
from dataclasses import dataclass, field

import pandas as pd

# Characters that render as space or nothing on a page.
_SPACE_CHARS = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\t\f\v"), " ")
_SPACE_CHARS.update(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None))
_MULTISPACE = re.compile(r" {2,}")

#: Characters a sentence may end with (closing quotes and brackets included).
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’][.!?]?$")

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
_RELATED = _rx(r"^(more|read more|related|see also|also see|also read|read next|recommended)\s*:")
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
    """

    text: str
    lines: list = field(default_factory=list)
    byline: str = ""
    dateline: str = ""

    @property
    def removed(self) -> list:
        """(line, rule, original text) for each removed line."""
        return [(n, rule, raw) for n, raw, rule in self.lines if rule is not None]


def split_lines(raw: str) -> list[str]:
    """Split text into lines on LF, CRLF or CR (and nothing else)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalise_line(line: str) -> str:
    """Normalise white space in one line: NBSP and friends to space, zero-width gone."""
    if not line.isascii() or "\t" in line or "\x0b" in line or "\x0c" in line:
        line = line.translate(_SPACE_CHARS)
    if "  " in line:
        line = _MULTISPACE.sub(" ", line)
    return line.strip()


def _key(text: str) -> str:
    """A loose comparison key: lower case, letters and digits only."""
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def _is_body(line: str, n_words: int) -> bool:
    return n_words >= 12 and bool(_TERMINAL.search(line))


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
    if _RELATED.match(line):
        return "related_link"
    if n_words <= 10 and _is_timestamp(line):
        return "timestamp"
    if title_key and n_words <= 40 and _key(line) == title_key:
        return "headline"
    return None


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """Clean one page text.

    Parameters
    ----------
    raw : str
        The text as scraped (any line endings).
    title : str, optional
        The article's headline; a line equal to it (ignoring case and
        punctuation) is removed as ``headline``.

    Returns
    -------
    Cleaned
        Body text, the per-line audit, and byline/dateline metadata.
    """
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

    # Line rules.
    for i in range(n):
        if rule[i] is None and norm[i]:
            rule[i] = _line_rule(norm[i], lows[i], nwords[i], title_key)

    # A caption printed twice: the first copy is a prefix of the next non-blank line.
    nonblank = [i for i in range(n) if norm[i]]
    for a, b in zip(nonblank, nonblank[1:]):
        if rule[a] is None and nwords[a] >= 4 and norm[b].startswith(norm[a]):
            rule[a] = "repeated_caption"  # an exact second copy stays: it may be body

    # The first/last body paragraph still standing bounds the header and the tail.
    body = [i for i in body if rule[i] is None]
    byline = dateline = ""
    if body:
        for i in range(body[0]):
            if rule[i] is not None or not norm[i]:
                continue
            if nwords[i] <= 12 and (_BYLINE_BY.search(norm[i]) or _BYLINE.match(norm[i])) \
                    and not title_key.startswith(_key(norm[i])):
                rule[i] = "byline"
            elif nwords[i] <= 12 and not _TERMINAL.search(norm[i]):
                rule[i] = "header_furniture"
        for i in range(n - 1, body[-1], -1):
            if rule[i] is not None or not norm[i]:
                continue
            if nwords[i] <= 15 and not _TERMINAL.search(norm[i]):
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

    text = _paragraphs(norm, rule)
    return Cleaned(
        text=text,
        lines=[(i + 1, originals[i], rule[i]) for i in range(n)],
        byline=byline,
        dateline=dateline,
    )


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
        if prev_kept and paras and line[:1].islower() and not _TERMINAL.search(paras[-1]):
            paras[-1] = paras[-1] + " " + line
        else:
            paras.append(line)
        prev_kept = True
    return "\n\n".join(paras)


def removed_lines(corpus: pd.DataFrame) -> pd.DataFrame:
    """The cleaner's audit trail for a corpus.

    Re-runs the (deterministic) cleaner on the ``raw`` column, so the audit
    always matches the ``text`` column.

    Parameters
    ----------
    corpus : DataFrame
        As returned by :func:`framing.load_corpus`.

    Returns
    -------
    DataFrame
        One row per removed line: ``article_id``, ``outlet``, ``line``
        (1-based), ``rule``, ``text`` (the original line).
    """
    rows = []
    for aid, outlet, raw, title in corpus[["article_id", "outlet", "raw", "title"]].itertuples(
        index=False
    ):
        for n, rule, text in clean_text(raw, title).removed:
            rows.append((aid, outlet, n, rule, text))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "line", "rule", "text"])


def removal_counts(removed: pd.DataFrame) -> pd.DataFrame:
    """Lines removed per outlet and rule (blank lines not counted).

    Parameters
    ----------
    removed : DataFrame
        As returned by :func:`removed_lines`.

    Returns
    -------
    DataFrame
        Columns ``outlet``, ``family``, ``rule``, ``description``, ``lines``;
        one row per outlet and rule that removed at least one non-blank line.
    """
    nonblank = removed[removed["text"].str.strip() != ""]
    counts = nonblank.groupby(["outlet", "rule"], sort=True).size().rename("lines").reset_index()
    counts.insert(1, "family", counts["rule"].map(RULE_FAMILIES))
    counts.insert(3, "description", counts["rule"].map(RULES))
    return counts
