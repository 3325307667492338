"""The README's one-line findings under its headline figures hold for the committed figure data
(a changed corpus or method that moves these numbers must update the README too)."""

import itertools

import pandas as pd

from .helpers import ROOT


def _voices():
    return pd.read_csv(ROOT / "figures" / "04_voices_by_camp.csv").set_index(["outlet", "camp"])


def test_voices_finding():
    v = _voices()
    assert round(100 * v.loc[("Sputnik", "russia"), "word_share"]) == 97
    assert ("Sputnik", "syria_opposition") not in v.index
    assert round(100 * v.loc[("Sky News", "syria_opposition"), "word_share"]) == 29
    assert v.loc[("Sky News", "syria_opposition"), "units"] == 3
    assert v.loc["Sky News", "units"].sum() == 9
    independent = v.loc["The Independent", "word_share"]
    assert independent.idxmax() == "west" and round(100 * independent.max()) == 51
    assert "syria_opposition" not in independent.index


def test_tone_finding():
    tone = pd.read_csv(ROOT / "figures" / "05_narration_tone_by_camp.csv")
    solid = tone[~tone["few"]]
    for _, group in solid.groupby("camp"):
        for a, b in itertools.combinations(group.itertuples(), 2):
            assert a.ci_high >= b.ci_low and b.ci_high >= a.ci_low, (a.outlet, b.outlet)
    off_zero = solid[(solid["ci_low"] > 0) | (solid["ci_high"] < 0)]
    found = {(r.camp, r.outlet): (round(r.mean, 2), round(r.ci_low, 2), round(r.ci_high, 2), r.n,
                                  r.sentences)
             for r in off_zero.itertuples()}
    assert found == {("Russian state", "Sputnik"): (0.2, 0.02, 0.39, 27, 16),
                     ("Russian state", "Unattributed (wire rewrite B)"): (0.26, 0.01, 0.5, 9, 7)}
    assert (tone["cluster"] == "sentence").all()
    # the two findings the README reported before the quote rules, the model and the
    # sentence bootstrap, as they read now
    rows = tone.set_index(["camp", "outlet"])
    independent = rows.loc[("Russian state", "The Independent")]
    assert [round(independent[c], 2) for c in ("mean", "ci_low", "ci_high")] == [0.05, -0.24, 0.29]
    wire_a = rows.loc[("US and the West", "Unattributed (wire rewrite A)")]
    assert [round(wire_a[c], 2) for c in ("mean", "ci_low", "ci_high")] == [-0.26, -0.63, 0.04]
    assert wire_a["sentences"] == 4 and wire_a["few"]
