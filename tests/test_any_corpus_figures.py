"""Figures for any corpus (issue 14, item 3): one palette per run, figures that fit a page,
share bars that state their n, top terms without overlapping n-grams and with the
significance line. The synthetic corpus (tests/synthetic.py) has 12 outlets and 15 camps."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing import quotes, sentiment, terms  # noqa: E402
from framing.figures import (MAX_PIXELS, facet_bars, heatmap, interval_plot, left_out,  # noqa: E402
                             png_size, run_palette, save_figure, stacked_bars, use_style)
from framing.summary import share_notes  # noqa: E402

from . import synthetic  # noqa: E402


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic.write_corpus(folder / "corpus")
    synthetic.write_codebook(folder / "codebook.csv")
    corpus = framing.load_corpus(folder / "corpus")
    codebook = framing.load_codebook(folder / "codebook.csv")
    return corpus, codebook, framing.analyze(corpus, codebook)


def _fits(path):
    width, height = png_size(path)
    assert width <= MAX_PIXELS[0] and height <= MAX_PIXELS[1], (path.name, width, height)


def test_synthetic_corpus_is_as_large_as_the_issue_says(run):
    corpus, codebook, analysis = run
    assert corpus["outlet"].nunique() == 12 and codebook["camp"].nunique() == 15
    assert analysis.quotes["camp"].nunique() == 15


def test_every_figure_fits_a_page_and_says_what_it_left_out(run, tmp_path, capsys):
    corpus, codebook, analysis = run
    use_style()
    palette = run_palette(codebook, corpus["outlet"].unique())
    narration = analysis.mentions[analysis.mentions["voice"] == "narration"]
    camps = sentiment.aggregate(narration, by=["camp", "outlet"], n_boot=200, seed=0)
    fig = interval_plot(camps, row="camp", hue="outlet", faded="few", colours=palette,
                        what="camps")
    assert "Left out" in left_out(fig) and "camps" in left_out(fig)
    save_figure(fig, "intervals", directory=tmp_path)
    assert "intervals: Left out" in capsys.readouterr().out  # the notebook says it too
    cells = sentiment.aggregate(narration, by=["outlet", "actor"], n_boot=200, seed=0)
    many = pd.concat([cells.assign(actor=cells["actor"] + f"_{k}") for k in range(3)])
    fig = heatmap(many, row="actor", col="outlet", value="mean", weight="n", what="actors",
                  cmap="RdBu", vmin=-1, vmax=1)
    assert "45 actors" in left_out(fig)
    save_figure(fig, "heatmap", directory=tmp_path)
    table = quotes.voices(analysis.quotes)
    fig = stacked_bars(table, row="outlet", stack="camp", values=["units", "words"],
                       colours=palette, what="camps")
    assert "other camps" in left_out(fig)
    save_figure(fig, "voices", directory=tmp_path)
    top = terms.drop_nested(terms.distinctive_terms(corpus, n=30), n=10)
    save_figure(facet_bars(top, facet="group", label="term", value="z", threshold=1.96),
                "terms", directory=tmp_path)
    for path in tmp_path.glob("*.png"):
        _fits(path)
    plt.close("all")


def test_a_figure_drawn_too_large_is_saved_to_fit(tmp_path):
    fig, ax = plt.subplots(figsize=(30, 30))
    ax.plot([0, 1], [0, 1])
    save_figure(fig, "huge", directory=tmp_path)
    _fits(tmp_path / "huge.png")
    plt.close("all")


def test_one_colour_per_camp_whether_named_by_id_or_label(run):
    corpus, codebook, analysis = run
    palette = run_palette(codebook, ["Beta Times", "Alpha Daily"])
    labels = framing.actors.camp_labels(codebook)
    table = quotes.voices(analysis.quotes)
    by_id = stacked_bars(table, row="outlet", stack="camp", values="words", colours=palette,
                         max_stack=20)
    by_label = stacked_bars(table.assign(camp=table["camp"].map(labels)), row="outlet",
                            stack="camp", values="words", colours=palette, max_stack=20)
    colours_id = {p.get_label(): p.patches[0].get_facecolor() for p in by_id.axes[0].containers}
    colours_label = {p.get_label(): p.patches[0].get_facecolor()
                     for p in by_label.axes[0].containers}
    # the legend names camps in words either way, in the same colours
    assert colours_id == colours_label and len(colours_id) == 15
    for camp, label in labels.items():
        if label in colours_id:
            assert matplotlib.colors.to_hex(colours_id[label]) == palette.colour(camp).lower()
    # codebook order, not name order: the first camp gets the first colour
    first = codebook["camp"].iloc[0]
    assert palette.colour(first) == framing.figures.palette()[0]
    assert list(colours_id)[:3] == [labels[c] for c in dict.fromkeys(codebook["camp"])][:3]
    # outlets by name, whatever order they are given in
    assert palette.colour("Alpha Daily") == framing.figures.palette()[0]
    plt.close("all")


def test_interval_plot_colours_each_outlet_as_the_palette_says(run):
    corpus, codebook, analysis = run
    palette = run_palette(codebook, corpus["outlet"].unique())
    narration = analysis.mentions[analysis.mentions["voice"] == "narration"]
    camps = sentiment.aggregate(narration, by=["camp", "outlet"], n_boot=100, seed=0)
    fig = interval_plot(camps[camps["outlet"] != "Alpha Daily"], row="camp", hue="outlet",
                        colours=palette)
    legend = fig.legends[0]
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        assert matplotlib.colors.to_hex(handle.get_facecolor()[0]) == \
            palette.colour(text.get_text()).lower()
    plt.close("all")


def test_share_bars_state_their_n(run):
    corpus, codebook, analysis = run
    table = quotes.voices(analysis.quotes)
    notes = share_notes(table)
    outlet = table["outlet"].iloc[0]
    part = table[table["outlet"] == outlet]
    assert notes[outlet] == f"n = {part['units'].sum():,} units, {part['words'].sum():,} words"
    shares = table.assign(percent=100 * table["word_share"])
    fig = stacked_bars(shares, row="outlet", stack="camp", values="percent", totals=notes)
    texts = {t.get_text().strip() for t in fig.axes[0].texts}
    assert notes[outlet] in texts
    plt.close("all")
    assert share_notes(pd.DataFrame({"outlet": ["A"], "units": [1], "words": [7]})) == {
        "A": "n = 1 unit, 7 words"}


def test_top_terms_drop_overlapping_ngrams():
    top = pd.DataFrame({"group": ["A"] * 5 + ["B"] * 2,
                        "term": ["expressed hope", "expressed", "hope", "hope for peace", "army",
                                 "hope", "expressed hope"],
                        "rank": [1, 2, 3, 4, 5, 1, 2], "z": [3, 2, 1.5, 1, 0.5, 2, 1]})
    kept = terms.drop_nested(top)
    assert kept[kept["group"] == "A"]["term"].tolist() == ["expressed hope", "hope for peace",
                                                           "army"]
    assert kept[kept["group"] == "A"]["rank"].tolist() == [1, 2, 3]
    assert kept[kept["group"] == "B"]["term"].tolist() == ["hope"]
    assert terms.drop_nested(top, n=1)["term"].tolist() == ["expressed hope", "hope"]


def test_top_terms_figure_marks_the_significance_threshold():
    top = pd.DataFrame({"group": ["A", "A", "B"], "term": ["x", "y", "z"], "z": [2.5, 1, 0.4]})
    fig = facet_bars(top, facet="group", label="term", value="z", threshold=1.96,
                     threshold_label="z = 1.96")
    for ax in fig.axes[:2]:
        lines = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert [line.get_xdata()[0] for line in lines] == [1.96]
        assert ax.get_xlim()[1] > 1.96  # visible even where every bar is shorter
    assert any("1.96" in t.get_text() for t in fig.texts)
    plt.close("all")


def test_framing_run_on_twelve_outlets_and_fifteen_camps(tmp_path):
    """The whole suite as a user runs it: every saved PNG fits a page, and the notebooks say
    what the figures left out."""
    import subprocess
    import sys

    synthetic.write_corpus(tmp_path / "corpus")
    synthetic.write_codebook(tmp_path / "codebook.csv")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "framing", "run", "--corpus",
                           str(tmp_path / "corpus"), "--codebook", str(tmp_path / "codebook.csv"),
                           "--out", str(out)], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    pngs = sorted((out / "figures").glob("*.png"))
    assert len(pngs) == 13  # 9 from notebooks 01-05, 4 from 06 (context)
    for path in pngs:
        _fits(path)
    said = {nb.stem: nb.read_text(encoding="utf-8") for nb in (out / "notebooks").glob("*.ipynb")}
    assert "03_camp_sentiment_intervals: Left out" in said["03_actor_sentiment"]
    assert "04_voices_by_camp: Merged into" in said["04_voices"]
    assert "05_narration_tone_by_camp: Left out" in said["05_summary"]
    # six columns fit a page: 06 says, above the collocates and the keyness figure, that
    # they show the largest six of the twelve outlets
    assert said["06_context"].count("shows the 6 outlet groups with the most articles, of 12; "
                                    "6 columns fit a page.") == 2


def test_outlet_profiles_list_no_overlapping_terms(run):
    from framing.summary import outlet_profiles

    corpus, codebook, analysis = run
    for listed in outlet_profiles(analysis)["top_terms"]:
        words = [tuple(t.split()) for t in listed.split(", ")]
        assert len(words) == 6
        for a in words:
            for b in words:
                if a != b:
                    assert not terms._within(a, b), (a, b)


def test_the_legend_names_only_stacks_that_draw_a_bar():
    table = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "camp": ["x", "empty", "x", "y"],
                          "units": [3, 0, 1, 2], "words": [30, 0, 5, 9]})
    fig = stacked_bars(table, row="outlet", stack="camp", values=["units", "words"])
    assert sorted(t.get_text() for t in fig.legends[0].get_texts()) == ["x", "y"]
    plt.close("all")


def test_an_outlet_that_quotes_no_one_keeps_its_row_and_says_so():
    from framing.summary import share_notes, word_shares

    table = pd.DataFrame({"outlet": ["A", "A"], "camp": ["x", "y"], "units": [2, 1],
                          "words": [30, 10], "word_share": [0.75, 0.25]})
    shares = word_shares(table, ["A", "Quiet"], {"x": "Camp X"})
    assert set(shares["outlet"]) == {"A", "Quiet"}
    assert shares.loc[shares["outlet"] == "Quiet", "percent"].tolist() == [0.0]
    assert "Camp X" in set(shares["camp"])
    notes = share_notes(table, groups=["A", "Quiet"])
    assert notes == {"A": "n = 3 units, 40 words", "Quiet": "no quoted words"}
    fig = stacked_bars(shares, row="outlet", stack="camp", values="percent", totals=notes)
    assert "Quiet" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close("all")


def test_a_row_with_nothing_to_show_is_drawn_and_named():
    table = pd.DataFrame({"outlet": ["Reuters", "Reuters", "Times"], "family": ["a", "b", "a"],
                          "lines": [3, 1, 2]})
    fig = stacked_bars(table, row="outlet", stack="family", values=["lines"],
                       rows=["CNN", "Reuters", "Times"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Times", "Reuters", "CNN"]
    assert "Nothing to show for: CNN" in left_out(fig)
    plt.close("all")
