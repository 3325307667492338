"""Voices: aggregations of quote units (who gets to speak, how much, in whose words)."""

from __future__ import annotations

import re

import pandas as pd


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
