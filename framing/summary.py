"""Outlet profiles that combine terms, actor sentiment and voices, for write-ups."""

from __future__ import annotations

import pandas as pd

from .analysis import Analysis
from .quotes import NOT_IN_CODEBOOK, UNKNOWN, voices
from .sentiment import aggregate
from .terms import distinctive_terms


def outlet_profiles(analysis: Analysis, n_terms: int = 6, normalisation=None,
                    camps=None) -> pd.DataFrame:
    """One row per outlet: what a reader of a write-up needs on one line.

    Columns: ``outlet``, ``articles``, ``words``, ``top_terms`` (log-odds, best first),
    ``quoted_units``, ``quoted_words``, ``top_voice`` (the camp with most quoted words) and
    its ``top_voice_share``, ``unknown_speaker_share``, then for each camp
    ``voice_<camp>`` (share of quoted words) and ``tone_<camp>`` (mean target-focused
    sentiment of the outlet's narration about the camp's actors; NaN when never mentioned).
    """
    corpus = analysis.corpus
    camps = list(camps) if camps is not None else sorted(analysis.codebook["camp"].unique())
    terms = distinctive_terms(corpus, method="log-odds", n=n_terms,
                              normalisation=normalisation)
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
        rows.append(row)
    return pd.DataFrame(rows)
