"""Issue 14, item 5: a codebook for a new story starts from the story's own names."""

import pandas as pd

import framing
from framing.quotes.suggest import furniture_lines, suggest_codebook

from .helpers import SEEDS

STRIP = "JUST WATCHED {} Replay More Videos ... MUST WATCH {} 01:14"


def _corpus():
    texts = [
        ("CNN", "Turkish President Recep Tayyip Erdogan said on Monday that Turkey would press "
                "on. The offensive against the Kurds began after talks with Iran failed.\n\n"
                + STRIP.format("Erdogan speaks", "Erdogan speaks") + "\n\nHide Caption"),
        ("CNN", "Officials in Ankara said Turkey had no plans to stop. Recep Tayyip Erdogan "
                "met advisers, while the Kurds asked Washington for help.\n\n"
                + STRIP.format("Kurds flee", "Kurds flee") + "\n\nHide Caption"),
        ("CNN", "Iran warned that Turkey was risking a wider war, and the Kurds prepared.\n\n"
                + STRIP.format("Map of Syria", "Map of Syria") + "\n\nHide Caption"),
        ("Post", "“We will not stop,” Turkish President Recep Tayyip Erdogan said. Analysts "
                 "said Iran and Turkey share a border, and the Kurds live on both sides.\n\n"
                 "The Kurds, however, said Washington had abandoned them."),
    ]
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))],
                         "outlet": [o for o, _ in texts], "text": [t for _, t in texts]})


def test_whole_names_single_words_and_no_furniture():
    table = suggest_codebook(_corpus())
    names = set(table["candidate"])
    assert "Recep Tayyip Erdogan" in names
    assert not any("Turkish President" in c or c.endswith("Tayyip") for c in names)
    assert {"Turkey", "Iran", "Kurds", "Washington"} <= names
    assert not names & {"Replay More Videos", "Replay", "Videos", "Hide Caption", "Officials",
                        "Analysts", "The", "Monday", "MUST WATCH"}
    row = table.set_index("candidate").loc["Recep Tayyip Erdogan"]
    assert row["kind"] == "speaker" and row["quotes"] >= 1 and row["count"] == 3
    assert row["articles"] == 3


def test_furniture_lines_recur_across_articles():
    assert furniture_lines(_corpus()) == {"Hide Caption"}


def test_suggest_starts_from_nothing_and_marks_what_a_codebook_knows():
    corpus = framing.load_corpus(SEEDS)
    fresh = suggest_codebook(corpus)
    assert {"Putin", "Vladimir Putin", "Bashar al-Assad", "Kremlin"} <= set(fresh["candidate"])
    assert (fresh["known"] == "").all()
    marked = suggest_codebook(corpus, framing.load_codebook())
    # none hidden (the codebook may attribute a few more quotes, so counts can move a little);
    # the ones the codebook covers say which actor
    assert set(fresh["candidate"].head(20)) <= set(marked["candidate"])
    known = marked.set_index("candidate")["known"]
    assert known["Putin"] == "putin" and known["Bashar al-Assad"] == "assad"
    assert known["Geneva"] == ""


def test_a_name_repeated_in_the_same_words_is_not_furniture():
    text = ("Officials met on Monday. Recep Tayyip Erdogan said on Monday that the talks would "
            "go on, and the Kurds waited.")
    corpus = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Wire"] * 3,
                           "text": [text, text.replace("Officials", "Diplomats"), text]})
    names = set(suggest_codebook(corpus)["candidate"])
    assert {"Recep Tayyip Erdogan", "Kurds"} <= names
