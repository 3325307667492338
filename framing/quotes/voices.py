"""Voices: aggregations of quote units (who gets to speak, how much, in whose words)."""

from __future__ import annotations

import re

import pandas as pd


#: The two camps of quote units with no codebook camp: the text names the speaker but the
#: codebook has no row for them, or the text does not say who speaks.
NOT_IN_CODEBOOK, UNKNOWN = "not_in_codebook", "unknown"


def voice_camp(quotes: pd.DataFrame) -> pd.Series:
    """Each unit's camp for the voice tables: its codebook camp, else
    :data:`NOT_IN_CODEBOOK` (a named speaker with no codebook row), else :data:`UNKNOWN`."""
    named = quotes["speaker_status"].eq("named_not_in_codebook") \
        if "speaker_status" in quotes else pd.Series(False, index=quotes.index)
    camp = quotes["camp"].where(quotes["camp"] != "", UNKNOWN)
    return camp.mask((quotes["camp"] == "") & named, NOT_IN_CODEBOOK)


def voices(quotes: pd.DataFrame, codebook=None, by: str = "outlet") -> pd.DataFrame:
    """Who gets to speak: quote units and quoted words per group and camp.

    Direct and partial quotes count; scare quotes and titles do not; indirect
    speech is counted in its own columns (it has no quoted words of the
    speaker's own). Units with no codebook camp are split in two camps:
    ``"not_in_codebook"`` (the text names the speaker, the codebook has no row:
    see :func:`uncoded_speakers` to add them) and ``"unknown"`` (the text does not
    say who speaks, or says "he"/"officials" with no clear antecedent).

    Returns
    -------
    DataFrame
        One row per group and camp: ``units``, ``words`` (quoted words),
        ``indirect`` (indirect-speech units), ``unit_share`` and
        ``word_share`` (within the group, quoted units only).

    Examples
    --------
    >>> from framing.quotes import extract_quotes
    >>> q = extract_quotes("“We go home,” Putin said. “We stay,” said Jane Roe.\\n\\n"
    ...                    "The end came. “Nobody knows what happens next.”")
    >>> voices(q.assign(outlet="A"))[["camp", "units"]].values.tolist()
    [['not_in_codebook', 1], ['russia', 1], ['unknown', 1]]
    """
    q = quotes.assign(camp=voice_camp(quotes))
    quoted = q[(q["kind"] != "indirect") & ~q["scare"]]
    units = quoted.groupby([by, "camp"]).size().rename("units")
    words = quoted.groupby([by, "camp"])["n_words"].sum().rename("words")
    indirect = q[q["kind"] == "indirect"].groupby([by, "camp"]).size().rename("indirect")
    out = pd.concat([units, words, indirect], axis=1).fillna(0).astype(int).reset_index()
    totals = out.groupby(by)[["units", "words"]].transform("sum")
    out["unit_share"] = (out["units"] / totals["units"].where(totals["units"] > 0)).fillna(0)
    out["word_share"] = (out["words"] / totals["words"].where(totals["words"] > 0)).fillna(0)
    return out.sort_values([by, "camp"], ignore_index=True)


def uncoded_speakers(quotes: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The named speakers the codebook does not cover, most quoted first: rows to add.

    A pronoun resolved to a name counts under that name (``referent``).

    Returns
    -------
    DataFrame
        One row per speaker name: ``speaker``, ``units`` (quoted units, scare quotes and
        indirect speech left out), ``words``, ``articles``, ``outlets`` and ``example``
        (the first words of its longest quote).
    """
    cols = ["speaker", "units", "words", "articles", "outlets", "example"]
    if "speaker_status" not in quotes:
        return pd.DataFrame(columns=cols)
    q = quotes[(quotes["speaker_status"] == "named_not_in_codebook")
               & (quotes["kind"] != "indirect") & ~quotes["scare"]]
    if q.empty:
        return pd.DataFrame(columns=cols)
    name = q["referent"].where(q["referent"] != "", q["speaker"]).str.split().str.join(" ")
    q = q.assign(name=name).sort_values("n_words", ascending=False, kind="stable")
    if "article_id" not in q:  # one text (extract_quotes)
        q = q.assign(article_id=0)
    if "outlet" not in q:
        q = q.assign(outlet="")
    table = q.groupby("name", sort=False).agg(
        units=("quote", "size"), words=("n_words", "sum"), articles=("article_id", "nunique"),
        outlets=("outlet", "nunique"), example=("quote", "first"))
    table["example"] = table["example"].str.slice(0, 100)
    table = table.rename_axis("speaker").reset_index()
    return table.sort_values(["units", "words", "speaker"], ascending=[False, False, True],
                             ignore_index=True)[cols].head(n)


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
