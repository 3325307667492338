import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing.figures import FORMATS, save_figure, use_style  # noqa: E402


def _figure():
    use_style()
    fig, ax = plt.subplots()
    ax.bar(["Sky News", "Sputnik"], [432, 512])
    ax.set_title("Words")
    return fig


def test_save_twice_gives_identical_bytes(tmp_path):
    data = pd.DataFrame({"outlet": ["Sky News", "Sputnik"], "n_words": [432, 512]})
    first = save_figure(_figure(), "words", data, directory=tmp_path / "a")
    second = save_figure(_figure(), "words", data, directory=tmp_path / "b")
    assert [p.name for p in first] == [f"words.{f}" for f in FORMATS] + ["words.csv"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (tmp_path / "a" / "words.csv").read_text() == "outlet,n_words\nSky News,432\nSputnik,512\n"
    plt.close("all")


def test_different_figures_differ(tmp_path):
    a = save_figure(_figure(), "x", directory=tmp_path / "a")
    fig = _figure()
    fig.axes[0].set_title("Other")
    b = save_figure(fig, "x", directory=tmp_path / "b")
    assert a[0].read_bytes() != b[0].read_bytes()
    plt.close("all")


def test_no_temporary_files_left_and_bad_name(tmp_path):
    save_figure(_figure(), "clean", directory=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"clean.{f}" for f in sorted(FORMATS)]
    with pytest.raises(ValueError, match="figure name"):
        save_figure(_figure(), "../escape", directory=tmp_path)
    plt.close("all")


def test_interrupted_save_leaves_no_half_written_file(tmp_path):
    fig = _figure()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    fig.savefig = boom
    with pytest.raises(KeyboardInterrupt):
        save_figure(fig, "half", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []
    plt.close("all")


def test_colour_map_keeps_up_to_sixteen_labels_apart():
    from framing.figures import colour_map

    labels = [f"camp {i:02d}" for i in range(16)] + ["unknown"]
    colours = colour_map(labels)
    assert len(set(colours.values())) == 17
    assert colours["unknown"] == "#BBBBBB"
    assert colour_map(labels[:3]) == {k: colours[k] for k in labels[:3]} | {"unknown": "#BBBBBB"}


def test_not_in_codebook_is_grey_and_shifts_no_camp_colour():
    """Named speakers without a codebook row get a grey of their own, never a camp's colour."""
    import framing
    from framing.figures import UNCODED_COLOUR, colour_map, run_palette

    camps = ["russia", "syria_gov", "west"]
    assert colour_map(camps + ["not_in_codebook"])["russia"] == colour_map(camps)["russia"]
    assert colour_map(camps + ["not_in_codebook"])["not_in_codebook"] == UNCODED_COLOUR
    palette = run_palette(framing.load_codebook())
    assert palette.colour("not_in_codebook") == UNCODED_COLOUR
    assert palette.sort(["unknown", "not_in_codebook", "russia"]) == [
        "russia", "not_in_codebook", "unknown"]
    # a legend says it in words, as notebook 05's does (04's once read "not_in_codebook")
    assert palette.label("not_in_codebook") == "not in codebook"


def test_show_saved_displays_the_saved_png_and_closes_the_figure(tmp_path, monkeypatch):
    import IPython.display

    from framing.figures import png_size, save_figure, show_saved

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    written = save_figure(fig, "line", directory=tmp_path)
    show_saved(fig, written)
    png = tmp_path / "line.png"
    assert len(shown) == 1 and shown[0].data == png.read_bytes()
    assert shown[0].width == round(png_size(png)[0] * 100 / 150)  # the inline figure's size
    assert not plt.fignum_exists(fig.number)
    # a figure too wide for a page: save_figure writes the PNG at a lower resolution; it is
    # still shown at the size the inline figure would have (once 60% of it)
    wide, ax = plt.subplots(figsize=(22, 4))
    ax.plot([0, 1], [1, 0])
    import io

    inline = io.BytesIO()  # what plt.show() would draw: 100 dpi, tight
    wide.savefig(inline, format="png", dpi=100, bbox_inches="tight")
    inline_width = int.from_bytes(inline.getvalue()[16:20], "big")
    show_saved(wide, save_figure(wide, "wide", directory=tmp_path))
    assert png_size(tmp_path / "wide.png")[0] <= 2000 < inline_width * 1.5
    assert abs(shown[1].width - inline_width) <= 0.02 * inline_width
