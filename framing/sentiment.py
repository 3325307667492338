"""Sentiment toward a target mention, on the outlet's own words, and its aggregation.

:func:`classify_targets` is the scorer the suite uses: a logistic regression over
VADER-derived features of the words around the target (:mod:`framing.sentiment_model`),
trained on NewsMTSC's training set. Before any scorer sees a sentence, a mention in the
outlet's narration loses every word inside quotation marks, a quoted mention keeps only its
quote, and the speaker of a speech verb loses what they say. ``method="vader"`` scores the
same words with the earlier VADER scorer described next; :func:`target_sentiment` is that
scorer on one mention (without the quote rules).

VADER (Hutto & Gilbert 2014) scores a whole text. Toward one actor in a news
sentence, that mixes in what the sentence says about everyone else. The scorer
here narrows VADER's view:

1. **Scope.** Only the clause that holds the mention is scored: the sentence
   is cut at clause punctuation (, ; : — ( ) and quotation marks) and at
   contrastive conjunctions (but, while, although, whereas, though). When
   that clause holds no sentiment word at all, the ``window`` words on each
   side of the mention are scored instead.
2. **Masking.** The target and every other name in scope (other codebook
   mentions passed as ``mask``, and capitalised words inside the sentence) are
   replaced by a neutral placeholder, so that words inside names ("United
   Nations", "Defence Ministry", "Free Syrian Army") carry no valence.
3. **News words.** VADER was built for social media and misses words news uses
   to judge people ("allegations", "convicted", "helped"). A small extension
   (70 words, ``framing/data/news_lexicon.csv``) was learned from NewsMTSC's
   training set by ``scripts/learn_news_lexicon.py``; words VADER knows keep
   VADER's valence.
4. **Labels.** :func:`polarity_label` maps the score to negative / neutral /
   positive at VADER's standard cut of +-0.05.

The VADER scorer's settings (scope, window, masking, lexicon, cut) were chosen by
mean macro-F1 over NewsMTSC's training set and its rw and mt dev parts; the model's by
grouped cross-validation on the training set alone (``scripts/train_sentiment.py``). The
authors' test parts were not used. ``scripts/eval_newsmtsc.py`` measures both; see the README.

:func:`aggregate` averages scores per group with a bootstrap interval that resamples whole
articles (or sentences), never single mentions.
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: Score thresholds: score <= NEGATIVE is negative, score >= POSITIVE is positive.
NEGATIVE = -0.05
POSITIVE = 0.05
PLACEHOLDER = "X"
LABELS = ("negative", "neutral", "positive")

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s|\b(?:but|while|although|though|whereas)\b",
                           re.IGNORECASE)
_WORD = re.compile(r"\S+")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*")


def load_news_lexicon() -> dict[str, float]:
    """The news-domain lexicon extension: ``{word: valence}`` (VADER's -4..+4 scale)."""
    path = resources.files("framing").joinpath("data/news_lexicon.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["word"]: float(row["valence"]) for row in csv.DictReader(fh)}


def polarity_label(score: float, negative: float = NEGATIVE, positive: float = POSITIVE) -> str:
    """``"negative"`` if score <= negative, ``"positive"`` if score >= positive, else
    ``"neutral"``. Defaults: VADER's standard -0.05 and +0.05, which did best on
    NewsMTSC with the target-focused scope (``scripts/eval_newsmtsc.py``)."""
    if score <= negative:
        return "negative"
    if score >= positive:
        return "positive"
    return "neutral"


def polarity_labels(scores, negative: float = NEGATIVE, positive: float = POSITIVE) -> np.ndarray:
    """Vectorised :func:`polarity_label`."""
    scores = np.asarray(scores, dtype=float)
    return np.where(scores <= negative, "negative",
                    np.where(scores >= positive, "positive", "neutral"))


class TargetSentiment:
    """Target-focused VADER scorer.

    Parameters
    ----------
    scope : {"clause", "window", "sentence"}
        What is scored around the mention (see module docstring).
    window : int
        Words on each side of the mention for ``scope="window"``, and for the
        fall-back when the clause holds no sentiment word.
    mask_names : bool
        Mask capitalised words (other than the sentence's first) as names.
    news_lexicon : bool
        Add the news-domain words of ``framing/data/news_lexicon.csv`` (learned
        on NewsMTSC's training set, ``scripts/learn_news_lexicon.py``) to VADER's
        lexicon. Words VADER already knows are never changed.
    cache_size : int
        Identical scopes are scored once (many sentences hold several targets).
    """

    def __init__(self, scope: str = "clause", window: int = 6, mask_names: bool = True,
                 news_lexicon: bool = True, cache_size: int = 100_000):
        if scope not in ("clause", "window", "sentence"):
            raise ValueError(f"scope must be 'clause', 'window' or 'sentence', not {scope!r}")
        self.scope, self.window, self.mask_names = scope, window, mask_names
        self.analyzer = SentimentIntensityAnalyzer()
        self.lexicon = self.analyzer.lexicon  # this instance's own dict: safe to extend
        if news_lexicon:
            for word, valence in load_news_lexicon().items():
                self.lexicon.setdefault(word, valence)
        self._score = lru_cache(maxsize=cache_size)(self._compound)

    def __getstate__(self):
        # The score cache (a wrapped bound method) does not pickle; it is rebuilt empty, so a
        # scorer can be sent to Dask workers.
        state = self.__dict__.copy()
        state["_cache_size"] = self._score.cache_info().maxsize
        del state["_score"]
        return state

    def __setstate__(self, state):
        size = state.pop("_cache_size")
        self.__dict__.update(state)
        self._score = lru_cache(maxsize=size)(self._compound)

    def _compound(self, text: str) -> float:
        return self.analyzer.polarity_scores(text)["compound"]

    def scope_text(self, text: str, start: int, end: int, mask=()) -> str:
        """The masked text that is scored for the mention ``text[start:end]``."""
        masked, placed = self.masked(text, [(start, end), *mask])
        return self._scope_in(masked, placed, start)

    def masked(self, text: str, spans) -> tuple[str, list]:
        """``text`` with the given spans (the mentions) and, with ``mask_names``, every
        capitalised word replaced by the placeholder; and where each span went. The same for
        every mention of one sentence, so :func:`score_mentions` builds it once per sentence."""
        spans = [(s, e) for s, e in spans if e > s]
        if self.mask_names:
            spans.extend(m.span() for m in _CAPITALISED.finditer(text))
        return _mask(text, spans)

    def _scope_in(self, masked: str, placed: list, start: int) -> str:
        # the placeholder that covers the target (offsets shift as spans are replaced)
        m_start = next(new for s, e, new in placed if s <= start < e)
        m_end = m_start + len(PLACEHOLDER)
        if self.scope == "sentence":
            return masked
        if self.scope == "clause":
            clause = _clause(masked, m_start, m_end)
            if self._has_sentiment(clause):
                return clause
        return _window(masked, m_start, m_end, self.window)

    def _has_sentiment(self, text: str) -> bool:
        lex = self.lexicon
        return any(w.strip(".,;:!?\"'“”‘’()").lower() in lex for w in text.split())

    def score(self, text: str, start: int, end: int, mask=()) -> float:
        """Sentiment toward ``text[start:end]`` in [-1, 1] (VADER compound of the scope)."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"target span {start}:{end} is not inside a text of {len(text)} "
                             "characters")
        return self._score(self.scope_text(text, start, end, mask))

    def words(self, text: str, start: int, end: int, mask=()) -> list[str]:
        """The VADER lexicon words in scope, with their valence, e.g. ``["welcome(+2.0)"]``."""
        return self._fired(self.scope_text(text, start, end, mask))

    def _fired(self, scope: str) -> list[str]:
        out = []
        for w in scope.split():
            key = w.strip(".,;:!?\"'“”‘’()").lower()
            if key in self.lexicon:
                out.append(f"{key}({self.lexicon[key]:+.1f})")
        return out

    def score_masked(self, masked: str, placed: list, start: int) -> tuple[float, list]:
        """:meth:`score` and :meth:`words` of the mention that starts at ``start``, from a
        sentence already masked by :meth:`masked` (the scope is built once)."""
        scope = self._scope_in(masked, placed, start)
        return self._score(scope), self._fired(scope)


def _mask(text: str, spans) -> tuple[str, list]:
    """Replace each span (merged where they overlap) by the placeholder.

    Returns the masked text and, per merged span, (start, end, new start)."""
    merged = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos, length, placed = [], 0, 0, []
    for s, e in merged:
        out.append(text[pos:s])
        length += s - pos
        placed.append((s, e, length))
        out.append(PLACEHOLDER)
        length += len(PLACEHOLDER)
        pos = e
    out.append(text[pos:])
    return "".join(out), placed


def _clause(text: str, start: int, end: int) -> str:
    left, right = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return text[left:right].strip()


def _window(text: str, start: int, end: int, k: int) -> str:
    before = text[:start].split()[-k:] if k else []
    after = text[end:].split()[:k] if k else []
    return " ".join([*before, text[start:end], *after])


_DEFAULT: TargetSentiment | None = None


def _default() -> TargetSentiment:
    global _DEFAULT  # one lazily built scorer; its only state is a cache of scores
    if _DEFAULT is None:
        _DEFAULT = TargetSentiment()
    return _DEFAULT


def target_sentiment(text: str, start: int, end: int, mask=()) -> float:
    """Sentiment of ``text`` toward the mention ``text[start:end]``, in [-1, 1].

    Parameters
    ----------
    text : str
        Usually one sentence.
    start, end : int
        The mention's offsets in ``text``.
    mask : iterable of (start, end)
        Other spans to mask (other actors' names).

    Returns
    -------
    float
        VADER compound score of the target's masked clause (see module docstring).
    """
    return _default().score(text, start, end, mask)


def classify_targets(frame: pd.DataFrame, method: str = "model", model=None,
                     scorer: TargetSentiment | None = None) -> pd.DataFrame:
    """Sentiment toward each target: the outlet's words only, one row per target.

    Parameters
    ----------
    frame : DataFrame
        One row per target: ``text``, ``start``, ``end`` (``text[start:end]`` is the
        target). Optional: ``quotes`` (list of (start, end) quoted spans in ``text``
        offsets; default: found in ``text`` by :func:`framing.quotes.quote_spans`) and
        ``mask`` (list of further spans to mask as names). The other targets of the same
        text are masked in any case.
    method : {"model", "vader"}
        ``"model"``: the logistic regression of :mod:`framing.sentiment_model` (trained on
        NewsMTSC). ``"vader"``: VADER's compound of the target's clause (the earlier
        scorer; with its news-lexicon extension), cut at +-0.05.
    model : framing.sentiment_model.TargetModel, optional
        Another model file's weights (default: the shipped one).
    scorer : TargetSentiment, optional
        For ``method="vader"``: whose VADER lexicon scores the clause.

    Returns
    -------
    DataFrame
        Same index and order as ``frame``: ``label`` (argmax for the model), ``score`` (the
        model's P(positive) - P(negative); VADER's compound for ``"vader"``), ``p_negative``,
        ``p_neutral``, ``p_positive`` (NaN for ``"vader"``), ``words`` (VADER lexicon words in
        the scored clause, with valence) and ``scope`` (that clause, names as ``X``).
        Narration never sees words inside quotation marks; a quoted target sees its
        quote only; the speaker of a speech verb is not scored on what they say.

    Examples
    --------
    >>> frame = pd.DataFrame({"text": ["Critics praised Smith, but Jones was a failure."],
    ...                       "start": [15], "end": [20]})
    >>> classify_targets(frame)["label"].tolist()
    ['positive']
    """
    from .sentiment_model import LABELS as MODEL_LABELS, default_model

    if method not in ("model", "vader"):
        raise ValueError(f"method must be 'model' or 'vader', not {method!r}")
    missing = [c for c in ("text", "start", "end") if c not in frame]
    if missing:
        raise ValueError(f"classify_targets needs the column(s) {', '.join(missing)}")
    if method == "model":
        model = model or default_model()
        features = _features(int(model.settings.get("bag_window", 6)),
                             model.settings.get("sided", "False") == "True")
    else:
        features = _features()
    texts = frame["text"].tolist()
    starts = [int(x) for x in frame["start"]]
    ends = [int(x) for x in frame["end"]]
    quotes = frame["quotes"].tolist() if "quotes" in frame else None
    masks = frame["mask"].tolist() if "mask" in frame else None
    dense, bags, scopes, words = features.transform(texts, starts, ends, quotes, masks)
    out = pd.DataFrame(index=frame.index)
    if method == "model":
        proba = model.predict_proba(dense, bags)
        out["label"] = np.asarray(MODEL_LABELS, dtype=object)[proba.argmax(axis=1)]
        out["score"] = proba[:, 2] - proba[:, 0]
        out["p_negative"], out["p_neutral"], out["p_positive"] = proba.T
    else:
        vader = (scorer or _default())._score
        score = np.array([vader(s) for s in scopes], dtype=float)
        out["label"] = polarity_labels(score)
        out["score"] = score
        out["p_negative"] = out["p_neutral"] = out["p_positive"] = np.nan
    # object even when empty (an empty list would make a float column)
    out["words"] = pd.Series(words, index=frame.index, dtype=object)
    out["scope"] = pd.Series(scopes, index=frame.index, dtype=object)
    return out


_FEATURES: dict = {}


def _features(bag_window: int = 6, sided: bool = False):
    """One feature extractor per setting and process (built lazily; it caches lexicon
    look-ups of scopes)."""
    key = (bag_window, sided)
    if key not in _FEATURES:
        from .sentiment_model import TargetFeatures
        _FEATURES[key] = TargetFeatures(bag_window=bag_window, sided=sided)
    return _FEATURES[key]


def score_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame,
                   scorer: TargetSentiment | None = None, quotes: dict | None = None,
                   method: str | None = None) -> pd.DataFrame:
    """Add ``score``, ``label``, ``p_negative``, ``p_neutral``, ``p_positive``, ``words``
    (lexicon words in the scored clause) and ``sentence_text`` to a mentions frame (from
    :func:`framing.find_mentions`), with :func:`classify_targets`.

    Every other mention in the same sentence is masked. ``quotes``:
    ``{article_id: quote_spans(article text)}`` (article offsets), so that a quote that runs
    over several paragraphs is seen in every sentence it covers; without it, quotation marks
    are looked for in each sentence alone. ``method``: ``"model"`` (default) or ``"vader"``;
    passing a ``scorer`` (a :class:`TargetSentiment`) selects ``"vader"`` with its lexicon.
    """
    method = method or ("vader" if scorer is not None else "model")
    text = dict(zip(zip(sentences["article_id"], sentences["sentence"]),
                    zip(sentences["text"], sentences["start"])))
    keys = list(zip(mentions["article_id"], mentions["sentence"]))
    texts, qs = [], []
    local: dict = {}
    ends: dict = {}  # per article, the quote spans' ends (in text order, so sorted)
    for key in keys:
        t, s0 = text[key]
        texts.append(t)
        if quotes is not None:
            if key not in local:  # the article's spans that fall in this sentence
                spans = quotes.get(key[0], ())
                if key[0] not in ends:
                    ends[key[0]] = [b for _, b in spans]
                s1, found = s0 + len(t), []
                i = bisect.bisect_right(ends[key[0]], s0)  # first span ending after s0
                while i < len(spans) and spans[i][0] < s1:
                    a, b = spans[i]
                    found.append((max(a, s0) - s0, min(b, s1) - s0))
                    i += 1
                local[key] = found
            qs.append(local[key])
    for key, t, s, e in zip(keys, texts, mentions["start"], mentions["end"]):
        if not 0 <= s < e <= len(t):
            raise ValueError(f"mention {s}:{e} is not inside sentence {key} "
                             f"({len(t)} characters)")
    frame = pd.DataFrame({"text": texts, "start": mentions["start"].to_numpy(),
                          "end": mentions["end"].to_numpy()})
    if quotes is not None:
        frame["quotes"] = qs
    result = classify_targets(frame, method=method, scorer=scorer)
    out = mentions.copy()
    for col in ("score", "label", "p_negative", "p_neutral", "p_positive", "words"):
        out[col] = result[col].to_numpy()
    out["sentence_text"] = pd.Series(texts, index=out.index, dtype=object)
    return out


CLUSTERS = {"article": ["article_id"], "sentence": ["article_id", "sentence"]}


def resampling_unit(scored: pd.DataFrame, by: str = "outlet") -> str:
    """``"article"``, unless no ``by`` group has more than one article (a set of single
    articles, like the case study): then only the sentences within each article can be
    resampled, and ``"sentence"`` is returned."""
    per_group = scored.groupby(by)["article_id"].nunique()
    return "article" if len(per_group) and per_group.max() > 1 else "sentence"


def aggregate(scored: pd.DataFrame, by=("outlet", "actor"), n_boot: int = 2000, seed: int = 0,
              level: float = 0.95, min_n: int = 5, cluster: str = "article") -> pd.DataFrame:
    """Mean sentiment per group with a cluster bootstrap interval.

    Mentions in one sentence share their words, and sentences in one article share a
    writer, so they are not independent draws: the bootstrap resamples whole articles
    (default) or whole sentences, never single mentions, and the mean of the resampled
    mentions is recomputed each time (SciPy's paired percentile bootstrap over per-cluster
    sums and counts). Repeating a mention within its sentence therefore never narrows an
    interval.

    Parameters
    ----------
    scored : DataFrame
        From :func:`score_mentions` (needs ``score``, ``label``, ``article_id`` and, for
        ``cluster="sentence"``, ``sentence``).
    by : sequence of str
        Grouping columns.
    n_boot, seed, level : bootstrap resamples, random seed, interval level.
    min_n : int
        Groups with fewer clusters (articles by default) are flagged ``few = True``.
    cluster : {"article", "sentence"}
        What is resampled. With one cluster in a group no interval can be estimated: its
        bounds are NaN.

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns, ``n`` (mentions), ``sentences``,
        ``articles``, ``mean``, ``ci_low``, ``ci_high``, ``share_negative``,
        ``share_neutral``, ``share_positive``, ``cluster`` (the unit resampled) and ``few``.

    Examples
    --------
    >>> aggregate(scored, by=["outlet", "camp"], cluster="sentence")  # doctest: +SKIP
    """
    from scipy.stats import bootstrap

    if cluster not in CLUSTERS:
        raise ValueError(f"cluster must be 'article' or 'sentence', not {cluster!r}")
    by = list(by)
    rng = np.random.default_rng(seed)
    rows = []
    for key, part in scored.groupby(by, sort=True):
        x = part["score"].to_numpy(dtype=float)
        n = len(x)
        ids = part[CLUSTERS[cluster]]
        codes = ids.groupby(CLUSTERS[cluster], sort=True).ngroup().to_numpy()
        k = int(codes.max()) + 1
        sums = np.bincount(codes, weights=x, minlength=k)
        counts = np.bincount(codes, minlength=k).astype(float)
        lo = hi = np.nan
        if k > 1:
            res = bootstrap((sums, counts), _ratio, paired=True, vectorized=True,
                            n_resamples=n_boot, confidence_level=level,
                            method="percentile", random_state=rng)
            lo, hi = res.confidence_interval
        n_sent = len(part[["article_id", "sentence"]].drop_duplicates()) \
            if "sentence" in part else np.nan
        labels = part["label"].value_counts()
        rows.append((*(key if isinstance(key, tuple) else (key,)), n, n_sent,
                     part["article_id"].nunique(), x.mean(), lo, hi,
                     labels.get("negative", 0) / n, labels.get("neutral", 0) / n,
                     labels.get("positive", 0) / n, cluster, k < min_n))
    return pd.DataFrame(rows, columns=[*by, "n", "sentences", "articles", "mean", "ci_low",
                                       "ci_high", "share_negative", "share_neutral",
                                       "share_positive", "cluster", "few"])


def _ratio(sums, counts, axis=-1):
    """The mean of the mentions in a resample of clusters."""
    return sums.sum(axis=axis) / counts.sum(axis=axis)
