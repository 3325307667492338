import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing.actors
from framing.actors import CASE_STUDY_CAMPS, CodebookError, MentionFinder, load_codebook

from .helpers import SEEDS


@pytest.fixture(scope="module")
def finder():
    return MentionFinder(load_codebook())


def found(finder, text):
    return [(text[s:e], actor) for s, e, actor, _ in finder.find(text)]


def test_case_study_codebook():
    cb = load_codebook()
    assert set(cb["camp"]) == set(CASE_STUDY_CAMPS)
    assert {"putin", "kremlin", "assad", "hnc", "opposition", "obama", "un"} <= set(cb["actor"])
    assert list(cb.columns) == ["actor", "label", "camp", "type", "alias", "regex",
                                "case_sensitive", "camp_label"]
    assert framing.actors.camp_labels(cb)["syria_opposition"] == "Syrian opposition"
    assert set(cb.loc[cb["type"] == "person", "actor"]) == {"putin", "lavrov", "assad", "obama"}


@pytest.mark.parametrize("text, expected", [
    ("the Russian Defence Ministry said", [("Russian Defence Ministry", "russian_military")]),
    ("Russia's decision", [("Russia", "russian_state")]),
    ("Syria’s main opposition welcomed Russia’s move",
     [("Syria’s main opposition", "opposition"), ("Russia", "russian_state")]),
    ("He told us that the US would act", [("US", "us")]),
    ("This is not IS territory", [("IS", "armed_groups")]),
    ("Russian warplanes bombed; Russian citizens fled", [("Russian warplanes", "russian_military")]),
    ("Salem al Meslet and Salim al-Muslat", [("Salem al Meslet", "hnc"), ("Salim al-Muslat", "hnc")]),
    ("President Bashar al-Assad's future", [("Bashar al-Assad", "assad")]),
    ("the Kremlin press service said", [("Kremlin press service", "kremlin")]),
    ("a pro-Russian insurgent", []),
    ("the us and the un", []),
])
def test_mentions(finder, text, expected):
    assert found(finder, text) == expected


def _codebook(tmp_path, body, header="actor,label,camp,aliases\n"):
    path = tmp_path / "actors.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, header, message", [
    ("a,A,russia,X\n", "actor,label,aliases\n", "missing column(s) camp"),
    ("a,A,russia,X\na,B,russia,Y\n", None, "row 3: duplicate actor id 'a' (also row 2)"),
    ("a,A,mars,X\n", None, "row 2: unknown camp 'mars'"),
    ("a,A,russia,X||Y\n", None, "row 2: empty alias"),
    ("a,A,russia,\n", None, "row 2: actor 'a' has no aliases"),
    ("a,A,russia,re:Putin(\n", None, "row 2: malformed pattern 're:Putin('"),
    ("a,A,russia,Putin\nb,B,russia,putin\n", None, "row 3: alias 'putin' is also given for actor 'a'"),
    ("Bad Id,A,russia,X\n", None, "row 2: actor id 'Bad Id'"),
    ("a,A,russia,robot,X\n", "actor,label,camp,type,aliases\n", "row 2: type 'robot'"),
    ("a,A,russia,Russia,X\nb,B,russia,Moscow,Y\n", "actor,label,camp,camp_label,aliases\n",
     "row 3: camp 'russia' is labelled 'Moscow' here and 'Russia' in row 2"),
])
def test_codebook_errors_name_the_row(tmp_path, body, header, message):
    path = _codebook(tmp_path, body, header or "actor,label,camp,aliases\n")
    with pytest.raises(CodebookError) as err:
        load_codebook(path, camps=CASE_STUDY_CAMPS)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_a_camp_label_given_once_names_the_camp_everywhere(tmp_path):
    path = _codebook(tmp_path, "a,A,russia,Russia,X\nb,B,russia,,Y\n",
                     "actor,label,camp,camp_label,aliases\n")
    assert set(load_codebook(path, camps=CASE_STUDY_CAMPS)["camp_label"]) == {"Russia"}


def test_other_codebook_with_own_camps_and_regex(tmp_path):
    path = _codebook(tmp_path, "mayor,The Mayor,city,re:Mayor \\w+|the mayor\n")
    cb = load_codebook(path)
    finder = MentionFinder(cb)
    assert found(finder, "Mayor Smith met the mayor") == [("Mayor Smith", "mayor"),
                                                         ("the mayor", "mayor")]


def test_find_mentions_frame_on_seeds():
    corpus = framing.load_corpus(SEEDS)
    sents = framing.sentences(corpus)
    m = framing.find_mentions(sents)
    assert list(m.columns[:8]) == ["article_id", "outlet", "sentence", "actor", "camp", "alias",
                                   "start", "end"]
    text = sents.set_index(["article_id", "sentence"])["text"]
    body = corpus.set_index("article_id")["text"]
    for r in m.itertuples():
        assert text[(r.article_id, r.sentence)][r.start:r.end] == r.alias
        assert body[r.article_id][r.article_start:r.article_end] == r.alias
    # every outlet mentions Putin; no reader-comment name appears
    assert set(m.loc[m["actor"] == "putin", "outlet"]) == set(corpus["outlet"])
    assert (m.groupby("outlet")["camp"].nunique() >= 3).all()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "putin", "US", "us", " ", "Russia's", "’s", "the",
                                 "opposition", "Defence Ministry", "-", "Salem al Meslet", "é",
                                 "\n", "UN-backed", "IS", "is"]), max_size=40).map("".join))
def test_mention_offsets_slice_to_alias(text):
    cb = load_codebook()
    finder = MentionFinder(cb)
    spans = finder.find(text)
    last = 0
    for s, e, actor, camp in spans:
        assert last <= s < e <= len(text)
        last = e
        assert actor in set(cb["actor"])
    sents = pd.DataFrame({"article_id": ["a"], "outlet": ["o"], "sentence": [0], "start": [0],
                          "text": [text]})
    for r in framing.find_mentions(sents, cb).itertuples():
        assert text[r.start:r.end] == r.alias


def test_suggest_drops_leading_titles_and_links_surname_variants():
    from framing.quotes import suggest_codebook

    texts = ["Secretary of State Mike Pompeo met the press. Mike Pompeo spoke for an hour.",
             "Secretary of State Mike Pompeo said nothing new. Officials met Pompeo in Rome.",
             "“We will see,” said Pompeo. Ahmed Khalil stayed home."]
    corpus = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
                           "text": texts})
    table = suggest_codebook(corpus, codebook=framing.load_codebook())
    names = table.set_index("candidate")
    assert "State Mike Pompeo" not in names.index
    assert names.loc["Mike Pompeo", "count"] == 3
    assert names.loc["Mike Pompeo", "related"] == "Pompeo"
    assert names.loc["Pompeo", "kind"] == "speaker"


def test_a_name_never_spans_a_paragraph_break():
    # "VLADIMIR" ends a heading; "Putin" opens the next paragraph (a real ABP article)
    finder = MentionFinder(load_codebook())
    text = "a meeting with Vladimir Putin.\n\nDONALD AND VLADIMIR\n\nPutin held talks."
    found = [(text[s:e], actor) for s, e, actor, _ in finder.find(text)]
    assert found == [("Vladimir Putin", "putin"), ("Putin", "putin")]
    wrapped = "talks with Vladimir\nPutin today"  # a hard-wrapped line is still one name
    assert [wrapped[s:e] for s, e, _, _ in finder.find(wrapped)] == ["Vladimir\nPutin"]
