"""Concordance, collocates, competing labels, any grouping and coverage over time.

Numbers are checked against the concordance lines they rest on, on the case study and on
small corpora built here, whose answers are counted by hand in the comments.
"""

import re

import numpy as np
import pandas as pd
import pytest

import framing
from framing.collocates import WORD, collocates, term_frequencies
from framing.concordance import concordance, concordance_text
from framing.corpus import from_frame
from framing.coverage import EventsError, coverage, coverage_figure, coverage_note, load_events
from framing.labels import LabelsError, label_hits, label_shares, load_labels

from .helpers import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return framing.load_corpus(SEEDS)


@pytest.fixture(scope="module")
def seed_analysis(seeds):
    return framing.analyze(seeds)


def _corpus(texts, outlets, **extra):
    frame = pd.DataFrame({"text": texts, "outlet": outlets,
                          "article_id": [f"a{i}" for i in range(len(texts))], **extra})
    options = {"published": "published"} if "published" in extra else {}
    return from_frame(frame, text="text", outlet="outlet", article_id="article_id", **options)


# --- concordance -----------------------------------------------------------------------------

def test_concordance_word_rows_context_and_next_word_order(seeds):
    lines = concordance(seeds, "withdrawal", window=4)
    # every hit of the whole word in the clean texts, no more, no fewer
    expected = sum(len(re.findall(r"(?i)(?<![\w-])withdrawal(?![\w-])", t)) for t in seeds.text)
    assert len(lines) == expected > 0
    assert list(lines.columns[:7]) == ["article_id", "outlet", "sentence", "left", "match",
                                       "right", "actor"]
    assert (lines["match"].str.lower() == "withdrawal").all()
    assert (lines["left"].str.split().str.len() <= 4).all()
    assert (lines["right"].str.split().str.len() <= 4).all()
    # the hit, its context and the sentence agree with the article text
    texts = dict(zip(seeds.article_id, seeds.text))
    for row in lines.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.match
        assert row.match in row.sentence_text
        assert row.sentence_text.split(row.match)[0].split()[-4:] == row.left.split()
    keys = lines["right"].str.casefold().str.lstrip("\"“‘'(").tolist()
    assert keys == sorted(keys)


def test_concordance_phrase_wildcard_and_regex(seeds):
    stars = concordance(seeds, "withdr*")
    rx = concordance(seeds, r"re:\bwithdr\w*")
    assert len(stars) == len(rx) == sum(len(re.findall(r"(?i)\bwithdr\w*", t))
                                        for t in seeds.text)
    phrase = concordance(seeds, "main   part")
    assert len(phrase) > 0 and phrase["match"].str.lower().str.split().map(" ".join).eq(
        "main part").all()


def test_concordance_actor_id_finds_every_alias_as_the_mentions_table(seeds, seed_analysis):
    lines = concordance(seeds, "putin", window=5)
    mentions = seed_analysis.mentions[seed_analysis.mentions["actor"] == "putin"]
    assert len(lines) == len(mentions) > 10
    assert set(lines["actor"]) == {"putin"}
    assert sorted(zip(lines.article_id, lines.start)) == sorted(
        zip(mentions.article_id, mentions.article_start))
    assert {"Putin", "Mr Putin", "Vladimir Putin"} <= set(lines["match"])
    # from an analysis the mentions table is read, not searched again: the same rows
    pd.testing.assert_frame_equal(concordance(seed_analysis, "actor:putin", window=5), lines)


@pytest.mark.parametrize("query, message", [
    ("", "empty query"), ("   ", "empty query"), ("actor:nobody", "unknown actor id 'nobody'"),
    ("syria_govt", "unknown actor id 'syria_govt'"), ("re:(", "malformed pattern"),
    ("re:x*", "matches the empty string")])
def test_concordance_bad_query_is_one_clear_error(seeds, query, message):
    with pytest.raises(framing.QueryError, match=re.escape(message)) as err:
        concordance(seeds, query)
    assert "\n" not in str(err.value)


def test_concordance_missing_grouping_column_is_one_clear_error(seeds):
    with pytest.raises(framing.GroupingError, match="no column 'bias' to group by"):
        concordance(seeds, "withdrawal", by="bias")


def test_concordance_by_another_column_and_text(seeds):
    corpus = seeds.assign(day=seeds["published"].dt.strftime("%Y-%m-%d"))
    lines = concordance(corpus, "withdrawal", by="day", sort="text")
    assert list(lines.columns[:3]) == ["article_id", "outlet", "day"]
    assert set(lines["day"]) == {"2016-03-14", "2016-03-15"}
    text = concordance_text(lines, limit=3)
    assert text.count("\n") == 3 and "[withdrawal]" in text.lower()
    assert "more line(s)" in text


# --- collocates ------------------------------------------------------------------------------

def test_collocates_counts_by_hand():
    # Putin: window 2. a0: "Putin ordered troops home" -> ordered, troops (home is 3rd);
    # "Critics say Putin ordered it" -> critics/say are stop words? "say" is a stop word,
    # critics counts; ordered counts. a1 (other outlet): "Putin retreated".
    corpus = _corpus(["Putin ordered troops home. Critics say Putin ordered it.",
                      "Analysts noted that Putin retreated."], ["A", "B"])
    book = framing.load_codebook(SEEDS / "actors.csv")
    result = framing.analyze(corpus, book)
    table = collocates(result, actor="putin", window=2)
    a = table[table["outlet"] == "A"].set_index("term")
    assert a.loc["ordered", "n"] == 2 and a.loc["ordered", "articles"] == 1
    assert a.loc["troops", "n"] == 1 and a.loc["critics", "n"] == 1
    assert "home" not in a.index and "say" not in a.index  # outside the window; stop word
    assert a.loc["ordered", "mentions"] == 2
    # log-Dice: 14 + log2(2 * 2 / (2 mentions + 2 uses of "ordered"))
    assert a.loc["ordered", "log_dice"] == pytest.approx(14.0)
    b = table[table["outlet"] == "B"].set_index("term")
    assert set(b.index) == {"retreated", "noted"}


def test_collocates_overlapping_windows_count_once_and_names_are_not_context():
    corpus = _corpus(["Putin and Putin met officials."], ["A"])
    result = framing.analyze(corpus, framing.load_codebook(SEEDS / "actors.csv"))
    table = collocates(result, actor="putin", window=3).set_index("term")
    assert table.loc["met", "n"] == 1  # in both mentions' windows, counted once
    assert "putin" not in table.index


def test_collocates_agree_with_the_concordance_lines(seeds, seed_analysis):
    """Each collocate's count lies between the sentences whose lines hold it and the hits in
    the lines (windows of two mentions in one sentence may overlap; counted once)."""
    window = 5
    table = collocates(seed_analysis, actor="putin", window=window)
    lines = concordance(seeds, "putin", window=window)
    token = WORD
    for outlet, part in lines.groupby("outlet"):
        ctx = [(row.article_id, row.sentence,
                [t.lower() for t in token.findall(" ".join(row.left.split()[-window:]))][-window:]
                + [t.lower() for t in token.findall(" ".join(row.right.split()[:window]))][:window])
               for row in part.itertuples()]
        # words of the actor's own names ("Russian President" Vladimir Putin) are not context
        names = {t.lower() for m in part["match"] for t in token.findall(m)}
        for term, n in table[table["outlet"] == outlet][["term", "n"]].itertuples(index=False):
            if term in names:
                continue
            hits = sum(words.count(term) for _, _, words in ctx)
            sentences = len({(a, s) for a, s, words in ctx if term in words})
            assert sentences <= n <= hits, (outlet, term, n, sentences, hits)


def _collocates_by_definition(analysis, window, folded):
    """Counted the slow way the module docstring defines: per sentence and actor, the words
    outside the actor's mentions; the union of the windows around its mentions."""
    from collections import Counter

    from framing.terms import STOP_WORDS

    n, arts, mentions, words_in = Counter(), {}, Counter(), Counter()
    sent_text = dict(zip(zip(analysis.sentences["article_id"], analysis.sentences["sentence"]),
                         analysis.sentences["text"]))
    m = analysis.mentions.sort_values(["article_id", "sentence", "actor", "start"])
    for (aid, sent, actor), rows in m.groupby(["article_id", "sentence", "actor"], sort=False):
        text, outlet = sent_text[(aid, sent)], rows["outlet"].iloc[0]
        words, marks, pos = [], [], 0
        for s, e in zip(rows["start"], rows["end"]):
            words += WORD.findall(text[pos:s].lower())
            marks.append(len(words))
            pos = e
        words += WORD.findall(text[pos:].lower())
        near = [words[k] for k in sorted({k for mk in marks
                                         for k in range(max(mk - window, 0),
                                                        min(mk + window, len(words)))})]
        mentions[(outlet, actor)] += len(rows)
        words_in[(outlet, actor)] += len(near)
        for w in near:
            w = folded.get(w, w)
            if w not in STOP_WORDS and len(w) > 1:
                n[(outlet, actor, w)] += 1
                arts.setdefault((outlet, actor, w), set()).add(aid)
    return n, arts, mentions, words_in


@pytest.mark.parametrize("window", [1, 3, 5, 9])
def test_collocates_equal_a_count_by_definition(seed_analysis, window):
    """Every actor, every outlet, with the case study's spelling table: counts, articles,
    mentions and window words equal the definition counted one visit at a time."""
    from framing.terms import Normaliser, load_normalisation

    norm = load_normalisation()
    folded = {v: c.lower() for v, c in Normaliser(norm).mapping.items()
              if " " not in v and " " not in c}
    assert folded  # the table has one-word variants to fold
    table = collocates(seed_analysis, window=window, normalisation=norm)
    n, arts, mentions, words_in = _collocates_by_definition(seed_analysis, window, folded)
    got = {(r.outlet, r.actor, r.term): (r.n, r.articles, r.mentions, r.window_words)
           for r in table.itertuples()}
    want = {k: (c, len(arts[k]), mentions[k[:2]], words_in[k[:2]]) for k, c in n.items()}
    assert got == want


def test_collocates_g2_and_p_match_a_direct_computation(seed_analysis):
    from scipy.stats import chi2_contingency

    table = collocates(seed_analysis, actor="putin", window=5)
    row = table.iloc[0]
    obs = np.array([[row.n, row.window_words - row.n],
                    [row.term_count - row.n,
                     row.group_words - row.window_words - row.term_count + row.n]])
    g2, p, _, _ = chi2_contingency(obs, correction=False, lambda_="log-likelihood")
    assert abs(row.g2) == pytest.approx(g2) and row.p == pytest.approx(p)


def test_collocates_all_actors_reuse_frequencies_and_bad_input(seed_analysis):
    freqs = term_frequencies(seed_analysis.corpus)
    every = collocates(seed_analysis, frequencies=freqs)
    assert set(every["actor"]) == set(seed_analysis.mentions["actor"])
    one = collocates(seed_analysis, actor="putin")
    pd.testing.assert_frame_equal(every[every["actor"] == "putin"].reset_index(drop=True), one)
    with pytest.raises(framing.QueryError, match="unknown actor id 'nobody'"):
        collocates(seed_analysis, actor="nobody")
    with pytest.raises(framing.GroupingError, match="no column 'bias'"):
        collocates(seed_analysis, by="bias")
    with pytest.raises(framing.QueryError, match="unknown measure"):
        collocates(seed_analysis, measure="dice")


# --- competing labels ------------------------------------------------------------------------

def test_case_study_labels_table_loads():
    labels = load_labels(SEEDS / "labels.csv")
    sets = labels.drop_duplicates(["set", "label"]).groupby("set", sort=False)["label"].apply(list)
    assert sets["naming the move"] == ["withdrawal", "pullout", "retreat"]
    assert sets["naming the Syrian government"] == ["Syrian government", "regime", "Assad regime"]
    assert sets["naming the armed opposition"] == ["rebels", "opposition", "terrorists",
                                                   "militants"]


def test_label_shares_rest_on_the_concordance_lines(seeds):
    labels = load_labels(SEEDS / "labels.csv")
    hits = label_hits(seeds, labels)
    shares = label_shares(seeds, labels, hits=hits, n_boot=200, seed=1)
    for row in shares.itertuples():
        lines = hits[(hits["outlet"] == row.outlet) & (hits["set"] == row.set)]
        assert row.n == (lines["label"] == row.label).sum()
        assert row.set_n == len(lines)
        if row.set_n:
            assert row.share == pytest.approx(row.n / row.set_n)
    # the words of the move, counted independently of the labels code
    move = shares[shares["set"] == "naming the move"].groupby("label")["n"].sum()
    assert move["withdrawal"] == len(concordance(seeds, "re:withdraw(al|als|s|ing|n)?\\b|withdrew"))
    assert move["pullout"] == len(concordance(seeds, r"re:pull-?out|pull(s|ing|ed)? out"))
    # "Assad regime" is one hit of its own label, not also a "regime"
    assad = hits[hits["match"].str.contains("Assad regime")]
    assert len(assad) == 1 and assad["label"].iloc[0] == "Assad regime"


def test_label_intervals_are_article_clustered_and_seeded():
    # Group A: article 1 says "rebels" 9 times, articles 2-4 say "opposition" once each.
    # Share of rebels = 9/12; clustered by article the interval is wide (0 to ~0.9);
    # resampling the 12 hits as if independent would give a narrow one around 0.75.
    texts = ["The rebels. " * 9, "The opposition.", "The opposition.", "The opposition."]
    corpus = _corpus(texts, ["A"] * 4)
    labels = load_labels(SEEDS / "labels.csv")
    a = label_shares(corpus, labels, n_boot=2000, seed=0)
    rebels = a[(a["set"] == "naming the armed opposition") & (a["label"] == "rebels")].iloc[0]
    assert rebels.share == pytest.approx(0.75)
    assert rebels.ci_low == 0.0 and rebels.ci_high > 0.85
    assert rebels.articles == 1 and rebels.set_articles == 4
    b = label_shares(corpus, labels, n_boot=2000, seed=0)
    pd.testing.assert_frame_equal(a, b)  # same seed, same intervals


@pytest.mark.parametrize("content, message", [
    ("set,label\nx,y\n", "missing column(s) patterns"),
    ("set,label,patterns\nx,a,alpha\nx,b,beta||gamma\n", "row 3: empty pattern"),
    ("set,label,patterns\nx,a,alpha\nx,b,re:(\n", "row 3: malformed pattern"),
    ("set,label,patterns\nx,a,alpha\nx,a,beta\n", "row 3: label 'a' is given twice"),
    ("set,label,patterns\nx,a,alpha\n", "set 'x' has one label"),
    ("set,label,patterns\nx,a,alpha\nx,b,Alpha\n", "row 3: pattern 'Alpha' is also given for label 'a'"),
])
def test_bad_labels_table_names_the_row(tmp_path, content, message):
    path = tmp_path / "labels.csv"
    path.write_text(content)
    with pytest.raises(LabelsError, match=re.escape(message)):
        load_labels(path)


# --- any grouping ----------------------------------------------------------------------------

def test_load_grouped_reads_a_manifest_column(tmp_path, seeds):
    folder = tmp_path / "story"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    manifest = pd.read_csv(SEEDS / "manifest.csv", dtype=str, keep_default_na=False)
    manifest["ownership"] = ["private", "", "", "private", "state"]
    manifest.to_csv(folder / "manifest.csv", index=False)
    corpus = framing.load_grouped(folder, "ownership")
    assert corpus["ownership"].tolist() == ["private", "(none)", "(none)", "private", "state"]
    relabelled = framing.load_grouped(folder, "ownership", as_outlet=True)
    assert relabelled["outlet"].tolist()[0] == "ownership: private"
    assert relabelled["outlet_name"].tolist() == seeds["outlet"].tolist()
    lines = concordance(corpus, "withdrawal", by="ownership")
    assert set(lines["ownership"]) == {"private", "(none)", "state"}
    with pytest.raises(framing.GroupingError, match="no column 'country' to group by.*ownership"):
        framing.load_grouped(folder, "country")


def test_load_grouped_reads_a_jsonl_key(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"body": "Putin spoke about the withdrawal today.", "src": "X", "bias": "left"},
            {"body": "The rebels said the withdrawal was late.", "src": "Y", "bias": "right"}]
    path.write_text("\n".join(pd.Series(rows).map(lambda r: __import__("json").dumps(r))))
    corpus = framing.load_grouped(path, "bias", text="body", outlet="src")
    assert corpus["bias"].tolist() == ["left", "right"]
    shares = label_shares(corpus, load_labels(SEEDS / "labels.csv"), by="bias", n_boot=50)
    assert set(shares["bias"]) == {"left", "right"}


# --- coverage over time ----------------------------------------------------------------------

def test_coverage_counts_per_day_and_shares(seed_analysis):
    table = coverage(seed_analysis)
    assert table.attrs["period"] == "day"
    assert table["articles"].sum() == 5
    assert table["mentions"].sum() == len(seed_analysis.mentions)
    q = seed_analysis.quotes
    assert table["quotes"].sum() == ((q["kind"] != "indirect") & ~q["scare"]).sum()
    assert (table.groupby("outlet")["articles_share"].sum() == 1.0).all()
    sputnik = table[table["outlet"] == "Sputnik"].iloc[0]
    assert sputnik["period"] == pd.Timestamp("2016-03-14")


def test_coverage_without_dates_is_empty_with_a_note():
    corpus = _corpus(["Putin spoke.", "Assad spoke."], ["A", "B"])
    result = framing.analyze(corpus, framing.load_codebook(SEEDS / "actors.csv"))
    table = coverage(result)
    assert table.empty and table.attrs["undated"] == {"A": 1, "B": 1}
    assert "No article has a publication date" in coverage_note(corpus)


def test_coverage_period_follows_the_span():
    dates = ["2016-01-04", "2016-01-20", "2016-03-01", "2016-03-02"]
    corpus = _corpus(["Putin spoke."] * 4, ["A", "A", "B", "B"], published=dates)
    result = framing.analyze(corpus, framing.load_codebook(SEEDS / "actors.csv"))
    table = coverage(result)
    assert table.attrs["period"] == "week"
    assert sorted(table["period"].dt.weekday.unique()) == [0]  # weeks start on Monday
    assert table.groupby("outlet")["articles"].sum().to_dict() == {"A": 2, "B": 2}


def test_events_table(tmp_path):
    events = load_events(SEEDS / "events.csv")
    assert events["date"].min() == pd.Timestamp("2016-03-14")
    bad = tmp_path / "e.csv"
    bad.write_text("date,event\n14 March,x\n")
    with pytest.raises(EventsError, match="row 2"):
        load_events(bad)
    # the shared checked reader: header and encoding problems name the file, one line
    bad.write_text("day,event\n2016-03-14,x\n")
    with pytest.raises(EventsError, match=r"e.csv: missing column\(s\) date"):
        load_events(bad)
    bad.write_bytes("date,event\n2016-03-14,caf\xe9\n".encode("latin-1"))
    with pytest.raises(EventsError, match="not valid UTF-8"):
        load_events(bad)


# --- keyness upgrades ------------------------------------------------------------------------

def test_distinctive_terms_articles_column_counts_articles():
    from framing import terms

    corpus = _corpus(["Retreat retreat retreat. Talks.", "Talks again.", "Retreat once.",
                      "Talks."], ["A", "A", "B", "B"])
    table = terms.distinctive_terms(corpus, method="keyness", n=None, normalisation=False,
                                    min_count=1).set_index(["group", "term"])
    assert table.loc[("A", "retreat"), "count"] == 3
    assert table.loc[("A", "retreat"), "articles"] == 1  # three uses, one article
    assert table.loc[("A", "retreat"), "articles_other"] == 1
    assert table.loc[("A", "talks"), "articles"] == 2
    assert table.loc[("B", "talks"), "articles_other"] == 2


def test_keyness_against_a_reference_group_in_both_directions(seeds):
    from framing import terms

    table = terms.distinctive_terms(seeds, method="keyness", n=None, reference="Sputnik")
    assert "Sputnik" not in set(table["group"])
    sky = table[table["group"] == "Sky News"].set_index("term")
    # counts against Sputnik's own text, checked with the concordance
    assert sky.loc["opposition", "count"] == len(concordance(
        seeds[seeds.outlet == "Sky News"], "opposition"))
    assert sky.loc["opposition", "count_other"] == len(concordance(
        seeds[seeds.outlet == "Sputnik"], "opposition")) == 0
    # a word Sputnik uses and Sky News never does is scored, as under-used
    assert sky.loc["humanitarian", "count"] == 0 and sky.loc["humanitarian", "g2"] < 0
    both = terms.both_directions(table, n=5)
    assert set(both["direction"]) == {"over", "under"}
    assert (both.groupby(["group", "direction"]).size() <= 5).all()
    with pytest.raises(terms.TermsError, match="reference group 'Nobody'"):
        terms.distinctive_terms(seeds, method="keyness", reference="Nobody")


def test_keyness_without_reference_is_unchanged_by_the_upgrade(seeds):
    """The rest-of-corpus statistic is still Rayson & Garside's two-cell G2."""
    from framing import terms

    table = terms.distinctive_terms(seeds, method="keyness", n=None)
    row = table.iloc[0]
    first = table.drop_duplicates("group").set_index("group")
    sizes = first["count"] / first["rate"] * 1000  # the group's number of terms
    n_g = sizes[row.group]
    n_o = sizes.sum() - n_g
    y, o = row["count"], row.count_other
    e1, e2 = n_g * (y + o) / (n_g + n_o), n_o * (y + o) / (n_g + n_o)
    g2 = 2 * (y * np.log(y / e1) + (o * np.log(o / e2) if o else 0.0))
    assert row.g2 == pytest.approx(g2, rel=1e-9)


def test_notebook_06_case_study_readings_hold(seeds, seed_analysis):
    """The numbers notebook 06's markdown reads out of the case study."""
    labels = load_labels(SEEDS / "labels.csv")
    hits = label_hits(seeds, labels)
    move = hits[hits["set"] == "naming the move"]["label"].value_counts()
    assert (move.get("withdrawal"), move.get("pullout"), move.get("retreat", 0)) == (20, 4, 0)
    assert set(hits.loc[hits["label"] == "pullout", "outlet"]) == {
        "Sky News", "Unattributed (wire rewrite A)", "Unattributed (wire rewrite B)"}
    sputnik = hits[(hits["outlet"] == "Sputnik") & (hits["set"] != "naming the move")]
    assert sputnik.empty
    terror = hits[hits["label"] == "terrorists"]
    assert len(terror) == 2 and (terror["right"].str.startswith("groups")).all()
    colloc = collocates(seed_analysis, actor="putin", window=5).set_index(["outlet", "term"])
    assert colloc.loc[("The Independent", "ordered"), "n"] == 3


def test_coverage_lines_over_years_draw_empty_months_at_zero():
    """Over a span of years the figure draws lines: a month with no articles is a point at 0
    (not a straight line bridging the gap), tick labels keep the decimals they need, and the
    date axis has no minor ticks (the default iterated day by day over a decade)."""
    from matplotlib.ticker import NullLocator

    months = pd.to_datetime([f"{y}-{m:02d}-01" for y in (2012, 2014) for m in range(1, 8)])
    table = pd.DataFrame({"outlet": "A", "period": months, "articles": 1,
                          "articles_share": 1 / 14, "mentions_share": np.linspace(0.005, 0.02, 14),
                          "quotes_share": 1 / 14})
    table.attrs["period"] = "month"
    fig = coverage_figure(table)
    line = fig.axes[0].lines[0]
    assert len(line.get_xdata()) == 31  # Jan 2012 to Jul 2014, every month
    assert list(line.get_ydata()).count(0) == 17
    assert isinstance(fig.axes[-1].xaxis.get_minor_locator(), NullLocator)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels() if t.get_text()]
    assert len(labels) == len(set(labels))  # 0.5% steps do not all read "1%"


def test_a_grouped_runs_saved_term_counts_give_the_keyness_of_a_fresh_count(seeds):
    """Notebook 06 reads a grouped run's saved counts (counted by "side: a", "side: b")
    instead of counting the corpus again: the keyness table is the same."""
    from framing import terms
    from framing.grouping import as_outlets, regrouped_terms

    corpus = seeds.copy()
    corpus["side"] = ["a", "b", "a", "b", "a"][:len(corpus)]
    table = terms.load_normalisation(SEEDS / "normalisation.csv")
    result = framing.analyze(as_outlets(corpus, "side"), count_terms=True, normalisation=table)
    counts = regrouped_terms(result.terms, "side")
    assert counts.groups == ["a", "b"]
    for reference in (None, "a"):
        saved = terms.distinctive_terms(counts, by="side", method="keyness", n=None,
                                        reference=reference)
        fresh = terms.distinctive_terms(corpus, by="side", method="keyness", n=None,
                                        normalisation=table, reference=reference)
        pd.testing.assert_frame_equal(saved, fresh)
    # counts not counted by these groups are not passed off as theirs
    assert regrouped_terms(result.terms, "outlet") is not None  # outlet: the relabelled names
    assert regrouped_terms(result.terms, "country") is None
    assert regrouped_terms(None, "side") is None


def test_a_six_column_figure_shows_the_six_largest_groups_and_says_so():
    # notebook 06 once took the first six in name order: one-article outlets shown, the
    # largest left out, and nothing said
    from framing.grouping import figure_groups

    sizes = {"ABC": 1, "Al Jazeera": 1, "Breitbart": 1, "CNN": 2, "Fox": 3, "NYT": 5,
             "Reuters": 4, "Sputnik": 6, "USA TODAY": 5}
    corpus = pd.DataFrame({"outlet": [o for o, n in sizes.items() for _ in range(n)]})
    shown, note = figure_groups(corpus, "outlet", 6)
    assert shown == ["CNN", "Fox", "NYT", "Reuters", "Sputnik", "USA TODAY"]
    assert note == ("This figure shows the 6 outlet groups with the most articles, of 9; "
                    "6 columns fit a page.")
    shown, note = figure_groups(corpus, "outlet", 6, exclude="Sputnik")
    assert "Sputnik" not in shown and "ABC" in shown  # ties by name
    assert "of 8 besides the reference, Sputnik" in note
    assert figure_groups(corpus[corpus["outlet"].isin(["NYT", "Fox"])], "outlet", 6) == \
        (["Fox", "NYT"], "")
    # fewer groups allowed in figures (MAX_OUTLETS 3): the figure keeps to them (the
    # review's case: 06 drew six, three of them in the 'other' grey)
    shown, note = figure_groups(corpus, "outlet", 6, among=["NYT", "Sputnik", "USA TODAY"])
    assert shown == ["NYT", "Sputnik", "USA TODAY"]
    assert note == "This figure shows the 3 outlet groups with the most articles, of 9."


def test_notebook_06_colours_each_outlet_as_notebooks_01_to_05_do():
    # 06 once coloured every group of the corpus in name order (21 outlets: the palette
    # wrapped, two outlets shared a colour, and an outlet's colour differed from 02-05's)
    from framing.figures import run_palette
    from framing.grouping import largest_groups

    outlets = [f"Outlet {i:02d}" for i in range(21)]
    corpus = pd.DataFrame({"outlet": [o for i, o in enumerate(outlets) for _ in range(1 + i % 4)]})
    source = "".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                     for c in __import__("json").loads(
                         (SEEDS.parent / "notebooks" / "06_context.ipynb").read_text())["cells"])
    assert "colours = run_palette(outlets=shown).colours(groups)" in source
    shown = largest_groups(corpus, "outlet", 12)
    in_06 = run_palette(outlets=shown).colours(sorted(outlets))
    in_03 = run_palette(framing.load_codebook(), framing.corpus.largest_outlets(corpus, 12))
    assert all(in_06[o] == in_03.colour(o) for o in shown)
    assert len({in_06[o] for o in shown}) == len(shown)


def test_collocate_figure_keeps_group_colours_on_swatches_and_names_in_black():
    import matplotlib
    import matplotlib.pyplot as plt

    from framing.collocates import collocate_figure

    table = pd.DataFrame({"actor": ["putin", "putin"], "outlet": ["Sputnik", "Sky"],
                          "term": ["agreed", "troops"], "n": [2, 1], "articles": [1, 1]})
    colours = {"Sputnik": "#E69F00", "Sky": "#0072B2"}
    fig = collocate_figure(table, by="outlet", colours=colours)
    ax = fig.axes[0]
    names = [t for t in ax.texts if t.get_text() in colours]
    assert names and all(matplotlib.colors.to_hex(t.get_color()) == "#000000" for t in names)
    swatches = {matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    assert swatches == {c.lower() for c in colours.values()}
    plt.close("all")
