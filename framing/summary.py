"""Outlet profiles that combine terms, actor sentiment and voices, for write-ups."""

from __future__ import annotations

import pandas as pd

from .analysis import Analysis
from .quotes import NOT_IN_CODEBOOK, UNKNOWN, voices
from .sentiment import aggregate
from .terms import distinctive_terms, drop_nested


def outlet_profiles(analysis: Analysis, n_terms: int = 6, normalisation=None,
                    camps=None) -> pd.DataFrame:
    """One row per outlet: what a reader of a write-up needs on one line.

    Columns: ``outlet``, ``articles``, ``words``, ``top_terms`` (log-odds, best first, none
    overlapping a better-ranked one),
    ``quoted_units``, ``quoted_words``, ``top_voice`` (the camp with most quoted words) and
    its ``top_voice_share``, ``unknown_speaker_share``, ``uncoded_speaker_share``, then for
    each camp ``voice_<camp>`` (share of quoted words) and ``tone_<camp>`` (mean target-focused
    sentiment of the outlet's narration about the camp's actors; NaN when never mentioned).
    An outlet that quotes no words has NaN shares, not 0.
    """
    corpus = analysis.corpus
    camps = list(camps) if camps is not None else sorted(analysis.codebook["camp"].unique())
    # The analysis's own term counts when it has them (counted once, with the spelling
    # table they were fitted with); else the corpus is counted here with ``normalisation``.
    counts = analysis.terms if analysis.terms is not None else corpus
    # each term counted once: "hope" is not listed after "expressed hope"
    terms = drop_nested(distinctive_terms(counts, method="log-odds", n=3 * n_terms,
                                          normalisation=normalisation), n=n_terms)
    top_terms = terms.groupby("group")["term"].agg(", ".join)
    voice = voices(analysis.quotes)
    narration = analysis.mentions[analysis.mentions["voice"] == "narration"]
    tone = (aggregate(narration, by=["outlet", "camp"], n_boot=200, seed=0)
            if len(narration) else pd.DataFrame(columns=["outlet", "camp", "mean"]))
    rows = []
    for outlet, part in corpus.groupby("outlet", sort=True):
        v = voice[voice["outlet"] == outlet]
        words = int(v["words"].sum())
        known = v[~v["camp"].isin([UNKNOWN, NOT_IN_CODEBOOK])]
        top = known.sort_values("words", ascending=False).head(1)
        row = {"outlet": outlet, "articles": len(part), "words": int(part["n_words"].sum()),
               "top_terms": top_terms.get(outlet, ""), "quoted_units": int(v["units"].sum()),
               "quoted_words": words,
               "top_voice": top["camp"].iloc[0] if len(top) else "",
               "top_voice_share": float(top["word_share"].iloc[0]) if len(top) else float("nan"),
               "unknown_speaker_share": float(v.loc[v["camp"] == UNKNOWN, "word_share"].sum()),
               "uncoded_speaker_share": float(v.loc[v["camp"] == NOT_IN_CODEBOOK,
                                                    "word_share"].sum())}
        for camp in camps:
            row[f"voice_{camp}"] = float(v.loc[v["camp"] == camp, "word_share"].sum())
            t = tone[(tone["outlet"] == outlet) & (tone["camp"] == camp)]["mean"]
            row[f"tone_{camp}"] = float(t.iloc[0]) if len(t) else float("nan")
        if not words:  # no quoted words: a share of nothing is not 0, it is undefined
            row.update({k: float("nan") for k in row if k.startswith("voice_")
                        or k in ("unknown_speaker_share", "uncoded_speaker_share")})
        rows.append(row)
    return pd.DataFrame(rows)


def profile_pages(profiles: pd.DataFrame):
    """Each outlet's profile as a Series to print, without the lines that say nothing: a
    camp the outlet never quotes (``voice_*`` 0) or never mentions in its narration
    (``tone_*`` empty), and any other empty value.

    Parameters
    ----------
    profiles : DataFrame
        As returned by :func:`outlet_profiles`.

    Yields
    ------
    (str, Series)
        The outlet and its non-empty profile lines, in column order.

    Examples
    --------
    >>> for outlet, page in profile_pages(outlet_profiles(analysis)):
    ...     print(outlet, page.to_string(), sep="\n")
    """
    for outlet, page in profiles.set_index("outlet").iterrows():
        empty = page.isna() | page.map(lambda v: isinstance(v, str) and not v)
        silent = [c for c in page.index if c.startswith("voice_") and page[c] == 0]
        yield outlet, page[~empty].drop(silent)


def share_notes(voice_table: pd.DataFrame, by: str = "outlet", groups=()) -> dict:
    """What each outlet's shares of quoted words rest on, to write beside its bar:
    ``{outlet: "n = 9 units, 412 words"}``.

    Parameters
    ----------
    voice_table : DataFrame
        As returned by :func:`framing.quotes.voices` (``units`` and ``words`` per outlet and
        camp).
    groups : iterable, optional
        Outlets (values of ``by``) to note even when they quote no one: "no quoted words".
    """
    sums = voice_table.groupby(by)[["units", "words"]].sum()
    notes = {key: f"n = {int(u):,} unit{'s' * (int(u) != 1)}, {int(w):,} word{'s' * (int(w) != 1)}"
             for key, (u, w) in sums.iterrows()}
    return {**{g: "no quoted words" for g in groups if g not in notes}, **notes}


def word_shares(voice_table: pd.DataFrame, groups, labels: dict | None = None,
                by: str = "outlet") -> pd.DataFrame:
    """Each group's quoted words by camp, in percent, for the groups in ``groups`` (in that
    order); a group that quotes no words keeps one row at 0 (camp ``unknown``), so that its
    figure row is drawn and says so instead of the group going missing.

    Parameters
    ----------
    voice_table : DataFrame
        As returned by :func:`framing.quotes.voices`.
    groups : iterable
        The outlets (values of ``by``) to show.
    labels : dict, optional
        Camp ids to words (:func:`framing.actors.camp_labels`).

    Returns
    -------
    DataFrame
        ``voice_table``'s columns for those groups, plus ``percent``.
    """
    groups = list(groups)
    shares = voice_table[voice_table[by].isin(groups)]
    shares = shares.assign(percent=100 * shares["word_share"])
    missing = [g for g in groups if g not in set(shares[by])]
    if missing:
        empty = pd.DataFrame({by: missing, "camp": UNKNOWN, "percent": 0.0})
        shares = pd.concat([shares, empty], ignore_index=True)
    if labels:
        shares = shares.assign(camp=shares["camp"].map(lambda c: labels.get(c, c)))
    return shares
