"""The target-sentiment model: VADER-derived features of the outlet's words around a target,
and a logistic regression over them.

Two things live here:

1. **What a target is scored on** (:class:`TargetFeatures`). Each sentence is tokenised and
   masked once; per target, the *visible* words are chosen:

   * a target outside quotation marks (narration) never sees words inside them: every quoted
     span, multi-paragraph quotes included (the caller passes the article's spans), is hidden;
   * a target inside a quote sees that quote only;
   * a target that is the speaker of a speech verb ("X said ...", "..., X said.", "said X")
     is not scored on what it says: the reported words are hidden too.

   Names are masked (the target, the other mentions, capitalised words inside the
   sentence), so that words inside names ("United Nations") carry no valence.
2. **Features and weights** (:class:`TargetModel`). From the visible words: VADER lexicon hits
   and valence sums on each side at 3, 6 and 12 words (VADER's boosters and its negation rule
   applied), distance-weighted valence, negations, VADER's compound/pos/neg/neu of the
   target's clause (VADER's formulas over the valences already looked up, so that the sentence
   is tokenised once: VADER's capitals and punctuation emphasis are left out), structure
   (target in a quote, speaker of a speech verb, contrast words, position, pronoun target)
   and a binary bag of the words around the target. The weights are a plain CSV
   (``framing/data/target_model.csv``) written by ``scripts/train_sentiment.py`` from
   NewsMTSC's training set (Hamborg & Donnay 2021, MIT licence; the notice is in the file);
   prediction is NumPy only and deterministic.

:func:`framing.sentiment.classify_targets` is the entry point.
"""

from __future__ import annotations

import bisect
import math
import re
from importlib import resources

import numpy as np
from vaderSentiment.vaderSentiment import (BOOSTER_DICT, N_SCALAR, NEGATE,
                                           SentimentIntensityAnalyzer)

from .quotes import quote_spans

#: Speech verbs whose subject is a speaker (shared with nothing else on purpose: the quote
#: extractor keeps its own, richer patterns).
SPEECH_VERBS = frozenset(
    """said says say told tells added adds stated states declared declares explained explains
    insisted insists warned warns wrote writes tweeted tweets argued argues claimed claims noted
    notes asked asks replied replies responded responds acknowledged acknowledges admitted
    admits announced announces suggested suggests stressed stresses continued continues
    recalled recalls testified testifies posted remarked observed predicted predicts conceded
    countered complained complains alleged alleges urged urges""".split())
#: Contrastive conjunctions: a clause after one often turns the sentiment around.
CONTRASTS = frozenset("but while although though whereas however yet despite".split())
#: Pronoun targets (NewsMTSC labels them; the suite's codebook does not resolve them).
PRONOUNS = frozenset("he she him her his hers they them their i me my we us our it its".split())
#: Adverbs allowed between a speaker and the speech verb ("X also said").
_SPEECH_ADVERBS = frozenset("also later has had have then again previously earlier".split())
NEGATIONS = frozenset(w.lower() for w in NEGATE)
BOOSTERS = frozenset(BOOSTER_DICT)
WINDOWS = (3, 6, 12)
PLACEHOLDER = "X"

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_SPAN = re.Match.span
_BREAK_PUNCT = frozenset(",;:()[]\"“”—–")
_BREAK_WORDS = frozenset("but while although though whereas".split())
_SENTENCE_OPEN = frozenset(".!?\"“‘(:")

# No feature counts the other targets in the sentence: in NewsMTSC's training set, sentences
# with several targets were kept mostly when non-neutral (21% neutral against 39% for one
# target), an artefact of how the set was built that a count feature learns as "several
# people named -> not neutral" (the set's README: likely-neutral candidates were dropped).
DENSE_FEATURES = tuple(
    [f"{side}{w}_{kind}" for w in WINDOWS for side in ("left", "right")
     for kind in ("pos_hits", "neg_hits", "pos_sum", "neg_sum")]
    + ["left_weighted", "right_weighted", "negations_6", "negated_hits_12",
       "scope_compound", "scope_pos", "scope_neg", "scope_neu", "scope_positive",
       "scope_negative", "scope_empty",
       "in_quote", "speaker", "speech_verb", "contrast_left", "contrast_right", "position",
       "at_start", "pronoun", "has_quote", "question", "log_words",
       "target_words"])


def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


class Sentence:
    """One sentence tokenised and masked once, for every target in it.

    Parameters
    ----------
    text : str
    quotes : list of (start, end)
        Quoted spans in ``text`` offsets, marks excluded (:func:`framing.quotes.quote_spans`).
    mask : list of (start, end)
        Spans to mask as names (every target and other mention in the sentence).
    lexicon : dict
        VADER's lexicon (word -> valence).
    """

    __slots__ = ("text", "quotes", "starts", "ends", "raw", "low", "word", "masked", "val",
                 "qid", "neg", "negated", "n_words", "_vis")

    def __init__(self, text: str, quotes, mask, lexicon: dict):
        self.text = text
        self.quotes = sorted(quotes)
        spans = list(map(_SPAN, _TOKEN.finditer(text)))
        self.starts = starts = [s for s, _ in spans]
        self.ends = ends = [e for _, e in spans]
        self.raw = raw = _TOKEN.findall(text)
        lowered = text.lower().replace("’", "'")
        # one lower-casing per sentence (lower case never changes where a token ends), unless
        # a character's lower case is longer ("İ")
        low = _TOKEN.findall(lowered) if len(lowered) == len(text) else []
        if len(low) != len(raw):
            low = [w.lower().replace("’", "'") for w in raw]
        self.low = low
        self.word = word = [w[0].isalnum() for w in raw]
        n = len(spans)
        masked = [False] * n
        for s, e in mask:  # the mentions
            i = bisect.bisect_right(ends, s)
            while i < n and starts[i] < e:
                masked[i] = True
                i += 1
        first = True
        for i, w in enumerate(raw):  # capitalised words inside the sentence are names
            if word[i]:
                if not first and w[0].isupper():
                    masked[i] = True
                first = False
            elif w in _SENTENCE_OPEN:
                first = True
        self.masked = masked
        qid = [-1] * n
        for k, (s, e) in enumerate(self.quotes):
            i = bisect.bisect_left(starts, s)
            while i < n and ends[i] <= e:
                qid[i] = k
                i += 1
        self.qid = qid
        self.neg = neg = [w in NEGATIONS for w in low]
        get = lexicon.get
        val = [0.0 if m else get(w, 0.0) for m, w in zip(masked, low)]
        if not BOOSTERS.isdisjoint(low):  # VADER's boosters: "very good" > "good"
            for i, v in enumerate(val):
                if v:
                    k, d = i - 1, 0
                    while k >= 0 and d < 3:
                        if word[k]:
                            b = BOOSTER_DICT.get(low[k])
                            if b:
                                v += (b if v > 0 else -b) * (1.0, 0.95, 0.9)[d]
                            d += 1
                        k -= 1
                    val[i] = v
        negated = [False] * n
        if any(neg):
            for i, v in enumerate(val):  # VADER's rule: a negation up to 3 words before flips
                if v and any(neg[max(0, i - 3):i]):
                    val[i] = v * N_SCALAR
                    negated[i] = True
        self.val = val
        self.negated = negated
        self.n_words = sum(word)
        self._vis = {}

    def quote_of(self, start: int, end: int) -> int:
        """Index of the quoted span that holds ``[start, end)``, or -1."""
        for k, (s, e) in enumerate(self.quotes):
            if s <= start and end <= e:
                return k
        return -1

    def visible(self, start: int, end: int):
        """The token indices the target ``text[start:end]`` may be scored on, the target's
        first and last positions in that list, and the flags ``in_quote`` and ``speaker``."""
        n = len(self.starts)
        ti = bisect.bisect_right(self.ends, start)
        tj = min(max(bisect.bisect_left(self.starts, end), ti + 1), n)
        q = self.quote_of(start, end)
        vis = self._vis.get(q)
        if vis is None:  # once per quote (and once for the narration) in a sentence
            qid = self.qid
            vis = self._vis[q] = [i for i in range(n) if qid[i] == q]
        if ti >= n:
            raise ValueError(f"no word at {start}:{end} in {self.text!r}")
        if not vis or vis[0] > ti or vis[-1] < tj - 1 or vis[bisect.bisect_left(vis, ti)] != ti:
            # the target straddles a quotation mark: its own tokens are visible anyway
            vis = sorted(set(vis) | set(range(ti, tj)))
        p = bisect.bisect_left(vis, ti)
        pe = bisect.bisect_left(vis, tj - 1)
        vis, p, pe, speaker = self._drop_speech(vis, p, pe)
        return vis, p, pe, q >= 0, speaker

    def _drop_speech(self, vis, p, pe):
        """Hide what a speaker says: "X said ...", "..., X said.", "said X"."""
        low, word = self.low, self.word
        after = [k for k in range(pe + 1, min(len(vis), pe + 4)) if word[vis[k]]]
        verb = None
        for k in after[:3]:
            w = low[vis[k]]
            if w in SPEECH_VERBS:
                verb = k
                break
            if w not in _SPEECH_ADVERBS:
                break
        if verb is not None:
            rest = sum(1 for k in range(verb + 1, len(vis)) if word[vis[k]])
            if rest >= 3:  # "X said (that) ...": the words after the verb are X's
                return vis[:verb + 1], p, pe, True
            # "... , X said.": the words before X are X's
            return vis[p:], 0, pe - p, True
        before = [k for k in range(p - 1, -1, -1) if word[vis[k]]][:1]
        if before and low[vis[before[0]]] in SPEECH_VERBS:  # "..., said X"
            k = before[0]
            return vis[k:], p - k, pe - k, True
        return vis, p, pe, False


def _side(side, val, neg, negated, low) -> tuple:
    """One pass over the visible words on one side of a target, nearest first: (positive
    hits, negative hits, positive sum, negative sum) at each of :data:`WINDOWS`, the
    distance-weighted valence, any lexicon hit, negations within 6 words, negated hits
    within 12, a speech verb within 12, a contrast word anywhere."""
    pc = nc = 0
    ps = ns = weighted = 0
    marks, hits, negs, negd, speech, contrast = [], False, 0, 0, False, False
    last = WINDOWS[-1]
    for d, t in enumerate(side, 1):
        v = val[t]
        w = low[t]
        if v:
            hits = True
            weighted += v / d
        if d <= last:
            if v > 0:
                pc += 1
                ps += v
            elif v < 0:
                nc += 1
                ns += v
            if d in WINDOWS:
                marks.append((pc, nc, ps, ns))
            if negated[t]:
                negd += 1
            if d <= 6 and neg[t]:
                negs += 1
            if w in SPEECH_VERBS:
                speech = True
        if w in CONTRASTS:
            contrast = True
    while len(marks) < len(WINDOWS):
        marks.append((pc, nc, ps, ns))
    return marks, weighted, hits, negs, negd, speech, contrast


class TargetFeatures:
    """Features of targets in sentences (see the module docstring).

    Parameters
    ----------
    bag_window : int
        Words on each side of the target that enter the bag of words.
    sided : bool
        Also add each bag word marked with its side (``l:word``, ``r:word``): "X accused"
        and "accused X" differ.
    """

    def __init__(self, bag_window: int = 6, sided: bool = False):
        self.bag_window = bag_window
        self.sided = sided
        self.analyzer = _analyzer()
        self.lexicon = self.analyzer.lexicon

    def sentence(self, text: str, quotes=(), mask=()) -> Sentence:
        return Sentence(text, quotes, mask, self.lexicon)

    def scope(self, sent: Sentence, vis, p: int, pe: int) -> list:
        """The token indices of the target's clause among the visible words (the 6 words on
        each side when the clause holds no lexicon word)."""
        low, raw, val = sent.low, sent.raw, sent.val
        left, right = 0, len(vis)
        for k in range(p - 1, -1, -1):
            t = vis[k]
            if raw[t] in _BREAK_PUNCT or low[t] in _BREAK_WORDS or raw[t] == "-":
                left = k + 1
                break
        for k in range(pe + 1, len(vis)):
            t = vis[k]
            if raw[t] in _BREAK_PUNCT or low[t] in _BREAK_WORDS or raw[t] == "-":
                right = k
                break
        clause = vis[left:right]
        if not any(val[t] for t in clause):
            words = [k for k in range(p - 1, -1, -1) if sent.word[vis[k]]][:6]
            lo = words[-1] if words else p
            words = [k for k in range(pe + 1, len(vis)) if sent.word[vis[k]]][:6]
            hi = words[-1] + 1 if words else pe + 1
            clause = vis[lo:hi]
        return clause

    @staticmethod
    def scope_text(sent: Sentence, clause) -> str:
        """The clause as text, each run of masked words (names) as the placeholder."""
        out, prev_masked = [], False
        raw, masked = sent.raw, sent.masked
        for t in clause:
            if masked[t]:
                if not prev_masked:
                    out.append(PLACEHOLDER)
                prev_masked = True
            else:
                out.append(raw[t])
                prev_masked = False
        return " ".join(out)

    @staticmethod
    def scope_scores(sent: Sentence, clause) -> tuple:
        """VADER's compound, pos, neg and neu of the clause, from the valences already
        looked up (VADER's lexicon, boosters, negation, normalisation and sifting; not its
        capitals and punctuation emphasis), so that no second tokenisation is needed."""
        val, word, masked = sent.val, sent.word, sent.masked
        total, pos, neg, neu, prev_masked = 0.0, 0.0, 0.0, 0, False
        for t in clause:
            if not word[t]:
                continue
            if masked[t]:
                if not prev_masked:
                    neu += 1
                prev_masked = True
                continue
            prev_masked = False
            v = val[t]
            total += v
            if v > 0:
                pos += v + 1
            elif v < 0:
                neg += v - 1
            else:
                neu += 1
        if not (pos or neg or neu):
            return 0.0, 0.0, 0.0, 0.0
        whole = pos - neg + neu
        return total / math.sqrt(total * total + 15), pos / whole, -neg / whole, neu / whole

    def target(self, sent: Sentence, start: int, end: int):
        """Dense features (list of floats, in :data:`DENSE_FEATURES` order), the bag of
        words (list of str), the scope text and the lexicon words in it (with VADER's
        valence, e.g. ``"welcome(+2.0)"``) of one target."""
        vis, p, pe, in_quote, speaker = sent.visible(start, end)
        low, word, val, neg = sent.low, sent.word, sent.val, sent.neg
        left = [vis[k] for k in range(p - 1, -1, -1) if word[vis[k]]]
        right = [vis[k] for k in range(pe + 1, len(vis)) if word[vis[k]]]
        L = _side(left, val, neg, sent.negated, low)
        R = _side(right, val, neg, sent.negated, low)
        feats = []
        for j in range(len(WINDOWS)):
            feats.extend(L[0][j])
            feats.extend(R[0][j])
        feats += [L[1], R[1], L[3] + R[3], L[4] + R[4]]
        clause = self.scope(sent, vis, p, pe)
        comp, pos, negs, neu = self.scope_scores(sent, clause)
        scope = self.scope_text(sent, clause)
        lexicon = self.lexicon
        words = " ".join([f"{low[t]}({lexicon[low[t]]:+.1f})" for t in clause if val[t]])
        feats += [comp, pos, negs, neu, comp >= 0.05, comp <= -0.05, not (L[2] or R[2])]
        tw = [low[vis[k]] for k in range(p, pe + 1) if word[vis[k]]]
        feats += [in_quote, speaker, L[5] or R[5], L[6], R[6],
                  sent.starts[vis[p]] / max(len(sent.text), 1), not left,
                  len(tw) == 1 and tw[0] in PRONOUNS,
                  bool(sent.quotes), "?" in sent.text, math.log1p(sent.n_words),
                  min(len(tw), 5)]
        k = self.bag_window
        masked = sent.masked
        lw = [low[t] for t in left[:k] if not masked[t]]
        rw = [low[t] for t in right[:k] if not masked[t]]
        bag = lw + rw
        if self.sided:
            bag += ["l:" + w for w in lw] + ["r:" + w for w in rw]
        return feats, bag, scope, words

    def transform(self, texts, starts, ends, quotes=None, masks=None):
        """Features of many targets; each distinct sentence is tokenised and masked once.

        Parameters
        ----------
        texts, starts, ends : sequences
            One target per position: ``texts[i][starts[i]:ends[i]]``.
        quotes : sequence of lists of (start, end), optional
            Quoted spans per row in the text's offsets; ``None`` finds them in each text
            with :func:`framing.quotes.quote_spans` (a quote that opened in an earlier
            paragraph is then not seen: pass the article's spans for that).
        masks : sequence of lists of (start, end), optional
            Further spans to mask per row. The other targets in the same text always are.

        Returns
        -------
        dense : ndarray (n, len(DENSE_FEATURES))
        bags : list of list of str
        scopes : list of str
            The clause text whose VADER scores are features, for each target.
        words : list of str
            The lexicon words in each scope, with their valence.
        """
        n = len(texts)
        groups: dict = {}
        for i in range(n):
            key = (texts[i], tuple(map(tuple, quotes[i])) if quotes is not None else None)
            groups.setdefault(key, []).append(i)
        dense = np.zeros((n, len(DENSE_FEATURES)))
        bags, scopes, words = [None] * n, [None] * n, [None] * n
        for (text, qs), rows in groups.items():
            for i in rows:
                if not 0 <= starts[i] < ends[i] <= len(text):
                    raise ValueError(f"target span {starts[i]}:{ends[i]} is not inside a text "
                                     f"of {len(text)} characters (row {i})")
            mask = [(starts[i], ends[i]) for i in rows]
            if masks is not None:
                for i in rows:
                    mask.extend(masks[i])
            sent = self.sentence(text, quote_spans(text) if qs is None else qs, mask)
            for i in rows:
                f, bags[i], scopes[i], words[i] = self.target(sent, starts[i], ends[i])
                dense[i] = f
        return dense, bags, scopes, words


LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "data/target_model.csv"


class TargetModel:
    """A multinomial logistic regression over :class:`TargetFeatures`, NumPy only.

    Parameters
    ----------
    mean, scale : ndarray (n_dense,)
        Standardisation of the dense features.
    dense : ndarray (n_dense, 3)
        Weights of the standardised dense features, one column per label.
    vocabulary : list of str
        The bag-of-words vocabulary.
    bag : ndarray (n_vocab, 3)
        Weights of the binary bag of words.
    intercept : ndarray (3,)
    settings : dict
        ``bag_window`` and how the model was chosen (written into the file).
    """

    def __init__(self, mean, scale, dense, vocabulary, bag, intercept, settings):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.dense = np.asarray(dense, dtype=float)
        self.vocabulary = {w: i for i, w in enumerate(vocabulary)}
        self.bag = np.asarray(bag, dtype=float)
        self.intercept = np.asarray(intercept, dtype=float)
        self.settings = dict(settings)

    def decision(self, dense: np.ndarray, bags) -> np.ndarray:
        """Logits (n, 3) of dense feature rows and bags of words."""
        z = ((np.asarray(dense, dtype=float) - self.mean) / self.scale) @ self.dense
        z += self.intercept
        voc = self.vocabulary
        rows, cols = [], []
        for i, bag in enumerate(bags):
            ids = {voc[w] for w in bag if w in voc}  # binary: a word counts once
            rows.extend([i] * len(ids))
            cols.extend(ids)
        if rows:
            np.add.at(z, np.asarray(rows), self.bag[np.asarray(cols)])
        return z

    def predict_proba(self, dense: np.ndarray, bags) -> np.ndarray:
        """Probabilities (n, 3) of negative, neutral, positive."""
        z = self.decision(dense, bags)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    # --- the plain file -------------------------------------------------------------------
    def to_csv(self, path, notice: str) -> None:
        """Write the model as CSV: ``#`` comment lines (licence notice, settings), then one
        row per weight: ``kind,name,mean,scale,negative,neutral,positive``. Floats are
        written as Python's shortest round-trip repr, so the file is byte-stable."""
        lines = [f"# {line}".rstrip() for line in notice.strip().splitlines()]
        lines += [f"# setting {k}={v}" for k, v in sorted(self.settings.items())]
        lines.append("kind,name,mean,scale,negative,neutral,positive")

        def row(kind, name, mean, scale, w):
            return ",".join([kind, name, mean, scale, *(repr(float(x)) for x in w)])

        lines.append(row("intercept", "", "", "", self.intercept))
        for j, name in enumerate(DENSE_FEATURES):
            lines.append(row("dense", name, repr(float(self.mean[j])),
                             repr(float(self.scale[j])), self.dense[j]))
        for w, i in sorted(self.vocabulary.items(), key=lambda x: x[1]):
            lines.append(row("word", w, "", "", self.bag[i]))
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")

    @classmethod
    def from_csv(cls, path=None) -> "TargetModel":
        """Read a model written by :meth:`to_csv` (default: the shipped one)."""
        if path is None:
            fh = resources.files("framing").joinpath(MODEL_FILE).open(encoding="utf-8")
        else:
            fh = open(path, encoding="utf-8")
        settings, mean, scale, dense, vocab, bag, intercept = {}, [], [], [], [], [], None
        with fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.startswith("# setting "):
                    k, v = line[len("# setting "):].split("=", 1)
                    settings[k] = v
                    continue
                if line.startswith("#") or line.startswith("kind,"):
                    continue
                kind, name, m, s, *w = line.split(",")
                w = [float(x) for x in w]
                if kind == "intercept":
                    intercept = w
                elif kind == "dense":
                    mean.append(float(m))
                    scale.append(float(s))
                    dense.append(w)
                else:
                    vocab.append(name)
                    bag.append(w)
        if [n for n in settings.get("features", ",".join(DENSE_FEATURES)).split(",")] != \
                list(DENSE_FEATURES) or len(dense) != len(DENSE_FEATURES):
            raise ValueError(f"{path or MODEL_FILE}: the model's features do not match this "
                             "version of framing; retrain with scripts/train_sentiment.py")
        return cls(mean, scale, np.array(dense).reshape(-1, 3), vocab,
                   np.array(bag).reshape(-1, 3), intercept, settings)


_MODEL: TargetModel | None = None


def default_model() -> TargetModel:
    """The shipped model (read once)."""
    global _MODEL  # read-only after loading
    if _MODEL is None:
        _MODEL = TargetModel.from_csv()
    return _MODEL
