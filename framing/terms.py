"""Which terms set each outlet apart: TF-IDF, log-odds with a prior, and keyness.

Pipeline (all sparse, no Python loop per term):

1. **Normalise spelling** with an editable table (:func:`load_normalisation`):
   UK/US spellings, transliterations and typos become one canonical form, so
   that spelling does not masquerade as framing.
2. **Join names into phrases** where the data supports it: a run of
   capitalised words ("Vladimir Putin", "High Negotiations Committee") that
   occurs at least ``min_phrase_count`` times in the corpus becomes one term.
3. **Count** unigrams and bigrams (English stop words removed) per article
   with scikit-learn, then sum the article rows into groups (outlets) with a
   sparse indicator matrix.
4. **Score** each term for each group against the rest of the corpus:

   ``tfidf``     scikit-learn TF-IDF over the groups' concatenated text.
   ``log-odds``  log-odds ratio with an informative Dirichlet prior (Monroe,
                 Colaresi & Quinn 2008, "Fightin' Words"), one group against
                 the rest, prior from the whole corpus; ``z`` is the
                 z-score of the difference.
   ``keyness``   log-likelihood G2 of the group against the rest (Dunning
                 1993; Rayson & Garside 2000), signed (+ over-used, - under-
                 used), with the log ratio effect size (Hardie 2014) and its
                 p-value (chi-squared, 1 df).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

from .errors import FramingError
from .language import CAP_WORD, NAME_PREFIXES, NAME_RUN, NEWS_STOP_WORDS, fold, trie_pattern
from .paths import case_study
from .tables import read_checked_csv

METHODS = ("tfidf", "log-odds", "keyness")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP_WORDS
# Words that may start a capitalised run but are not part of a name.
_NOT_NAME_START = frozenset(w.capitalize() for w in STOP_WORDS) | NAME_PREFIXES
#: Terms are words of 2+ characters that start with a letter (no bare numbers).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]\w+\b"
# Clause punctuation and stop words are barriers: no n-gram spans them ("for the sake of the
# Syrian people" gives "syrian people", never "sake syrian").
_TOKEN_OR_BARRIER = re.compile(r"(?u)\b[^\W\d_]\w+\b|[.,;:!?()\[\]\"“”‘—–…]|\s-\s")


class _Analyzer:
    """Lower-cased word n-grams that never span punctuation or stop words.

    A plain class (not a closure) so that a fitted vectorizer can be pickled.
    """

    def __init__(self, stop_words, ngram_range):
        self.stop_words = frozenset(stop_words)
        self.lo, self.hi = ngram_range

    def __call__(self, text: str) -> list[str]:
        stop = self.stop_words
        # None marks a barrier: punctuation (one character) or a stop word
        toks = [None if (t in stop or not t[0].isalpha()) else t
                for t in _TOKEN_OR_BARRIER.findall(text.lower())]
        out: list[str] = []
        for n in range(self.lo, self.hi + 1):
            if n == 1:
                out.extend(t for t in toks if t is not None)
            elif n == 2:
                out.extend(f"{a} {b}" for a, b in zip(toks, toks[1:])
                           if a is not None and b is not None)
            else:
                out.extend(" ".join(g) for g in zip(*(toks[i:] for i in range(n)))
                           if None not in g)
        return out

NORMALISATION_COLUMNS = ("variant", "canonical", "kind", "notes")


class TermsError(FramingError, ValueError):
    """Bad arguments or a bad normalisation table; the message says which row."""


# --- normalisation ---------------------------------------------------------------------------

def load_normalisation(path=None, spelling: bool = True) -> pd.DataFrame:
    """Load the spelling-normalisation table.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``variant, canonical`` (optional ``kind, notes``).
        ``None`` gives the case study's table (``seeds/normalisation.csv``),
        when it exists. Pass ``False`` for no corpus-specific table.
    spelling : bool
        Also include the package's general UK/US spelling table
        (``framing/data/spelling_uk_us.csv``).

    Returns
    -------
    DataFrame
        Columns ``variant, canonical, kind, notes, source``. Matching is
        case-insensitive and on whole words.
    """
    frames = []
    if spelling:
        with resources.files("framing").joinpath("data/spelling_uk_us.csv").open(
                encoding="utf-8") as fh:
            frames.append(_read_table(fh, "framing/data/spelling_uk_us.csv"))
    if path is None:
        default = case_study("seeds", "normalisation.csv")
        path = default if default.is_file() else False
    if path is not False:
        try:  # a missing or non-UTF-8 table is one line from read_checked_csv
            frames.append(_read_table(Path(path), str(path)))
        except csv.Error as err:
            raise TermsError(f"{path}: not readable as CSV ({err}); check its quotes and "
                             "separators") from None
    if not frames:
        return pd.DataFrame(columns=[*NORMALISATION_COLUMNS, "source"])
    table = pd.concat(frames, ignore_index=True)
    dup = table["variant"].str.casefold().duplicated(keep="last")
    return table[~dup].reset_index(drop=True)  # a corpus table overrides the general one


def _read_table(fh, where: str) -> pd.DataFrame:
    _, reader = read_checked_csv(fh, ("variant", "canonical"), "normalisation table",
                                 TermsError, name=where,
                                 missing="needs columns 'variant' and 'canonical'; header is "
                                         "{header}")
    rows = []
    for n, row in reader:
        variant = (row.get("variant") or "").strip()
        canonical = (row.get("canonical") or "").strip()
        if not variant or not canonical:
            raise TermsError(f"{where} row {n}: empty variant or canonical")
        if variant.casefold() == canonical.casefold():
            raise TermsError(f"{where} row {n}: variant {variant!r} equals its canonical form "
                             "(matching ignores case); remove the row")
        rows.append((variant, canonical, (row.get("kind") or "").strip(),
                     (row.get("notes") or "").strip(), where))
    return pd.DataFrame(rows, columns=[*NORMALISATION_COLUMNS, "source"])


class Normaliser:
    """Replace every listed variant by its canonical form (case-insensitive, whole words)."""

    def __init__(self, table: pd.DataFrame | None):
        table = table if table is not None else pd.DataFrame(columns=["variant", "canonical"])
        self.mapping = {fold(v): c for v, c in zip(table["variant"], table["canonical"])}
        variants = sorted(self.mapping)
        # longest match first comes from the trie's greedy optional tails plus the
        # trailing (?!\w), which makes the engine back off to a shorter variant
        body = r"(?<!\w)(" + trie_pattern(variants) + r")(?!\w)"
        self.pattern = re.compile(body, re.IGNORECASE) if variants else None
        # The same search on the lower-cased text, case-sensitive: twice as fast (re compares
        # every position case-insensitively otherwise); when it may be used: _matches
        self._lower = re.compile(body) if variants else None

    def _matches(self, text: str):
        """(start, end, canonical) of each listed variant in ``text``."""
        low = text.lower()
        # The lower-cased search finds what the case-insensitive one finds when lower-casing
        # keeps every offset and lower case is the case-folded form the table is written in
        # (not so for "ſ", a final "ς", Cherokee): else the case-insensitive search
        fast = len(low) == len(text) and (low.isascii() or low.casefold() == low)
        for m in (self._lower.finditer(low) if fast else self.pattern.finditer(text)):
            # None: matched case-insensitively but not the same word folded ("aır base")
            canonical = self.mapping.get(fold(m.group()))
            if canonical is not None:
                yield m.start(), m.end(), canonical

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return _splice(text, self._matches(text))

    def find(self, text: str):
        """Yield (variant as written, canonical) for each listed variant in ``text``."""
        if self.pattern is not None:
            for start, end, canonical in self._matches(text):
                yield " ".join(text[start:end].split()), canonical


def spelling_variants(corpus: pd.DataFrame, table: pd.DataFrame | None = None,
                      by: str = "outlet") -> pd.DataFrame:
    """Who writes which spelling: counts of each canonical form's spellings by group.

    A canonical form counts as written whenever it occurs itself; each listed
    variant counts where it occurs.

    Returns
    -------
    DataFrame
        Columns ``group, canonical, written`` (lower case), ``count``,
        ``kind`` (the table's kind for a variant, "canonical" for the
        canonical form): one row per group and spelling found, for canonical
        forms written in more than one way in the corpus.
    """
    table = load_normalisation() if table is None else table
    norm = Normaliser(table)
    kinds = {fold(v): k for v, k in zip(table["variant"], table["kind"])}
    canon = Normaliser(pd.DataFrame({"variant": sorted(set(table["canonical"])),
                                     "canonical": sorted(set(table["canonical"]))}))
    rows: Counter = Counter()
    for group, text in corpus[[by, "text"]].itertuples(index=False):
        for written, c in norm.find(text):
            rows[(group, c, fold(written))] += 1
        for written, c in canon.find(text):
            rows[(group, c, fold(written))] += 1
    frame = pd.DataFrame([(*k, v) for k, v in rows.items()],
                         columns=["group", "canonical", "written", "count"])
    if frame.empty:
        return frame.assign(kind=pd.Series(dtype=str))
    ways = frame.groupby("canonical")["written"].nunique()
    frame = frame[frame["canonical"].map(ways) > 1].copy()
    frame["kind"] = frame["written"].map(kinds).fillna("canonical")
    return frame.sort_values(["canonical", "group", "count"], ascending=[True, True, False],
                             ignore_index=True)


# --- phrases ---------------------------------------------------------------------------------

def name_phrases(texts, min_count: int = 2) -> set[str]:
    """Capitalised runs of 2-4 words (names) that occur at least ``min_count`` times.

    A leading word that cannot start a name ("The", "President", "Mr") is
    dropped from a run; every shorter tail of a run is counted too, so that a
    sentence-initial word ("Later Vladimir Putin") does not hide the name.
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update(_name_runs(text))
    return {p for p, n in counts.items() if n >= min_count}


def _name_runs(text: str, runs=None):
    """Every candidate name phrase in ``text`` (each run's tails too), with repeats.
    ``runs``: the text's ``NAME_RUN`` matches, when already found."""
    for m in NAME_RUN.finditer(text) if runs is None else runs:
        yield from _tails(_trim(m.group()))


def _trim(run: str) -> str:
    words = run.split(" ")
    while words and words[0] in _NOT_NAME_START:
        words.pop(0)
    return " ".join(words)


def _tails(run: str) -> list[str]:
    """The run and its shorter endings of at least two words, longest first."""
    words = run.split(" ")
    return [" ".join(words[i:]) for i in range(len(words) - 1)
            if i == 0 or words[i] not in _NOT_NAME_START]


def _join_phrases(text: str, phrases: set[str], runs=None) -> str:
    """Write each known name phrase with underscores, so it is counted as one term.
    ``runs``: the text's ``NAME_RUN`` matches, when already found."""
    if not phrases:
        return text

    def joined():
        for m in NAME_RUN.finditer(text) if runs is None else runs:
            tail = next((t for t in _tails(_trim(m.group())) if t in phrases), None)
            if tail is not None:
                yield m.end() - len(tail), m.end(), tail.replace(" ", "_").replace("-", "_")
    return _splice(text, joined())


def _splice(text: str, replacements) -> str:
    """``text`` with each ``(start, end, new)`` of ``replacements`` (in text order, not
    overlapping) put in place of ``text[start:end]``."""
    parts, last = [], 0
    for start, end, new in replacements:
        parts += [text[last:start], new]
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# --- counting and scoring --------------------------------------------------------------------

def term_counts(corpus, by: str = "outlet", ngram_range=(1, 2),
                normalisation: pd.DataFrame | None | bool = None, min_phrase_count: int = 2,
                stop_words=STOP_WORDS, articles: bool = False):
    """Group-by-term count matrix.

    ``corpus`` may also be a fitted :class:`TermCounts`, whose counts are returned as they
    are (the other arguments must then agree with how it was fitted, or be left default).

    Returns
    -------
    (groups, terms, counts)
        ``groups`` (list of group labels, sorted), ``terms`` (array of term
        strings, names with spaces) and ``counts``, a sparse CSR matrix of
        shape (groups, terms). With ``articles=True`` a fourth item: the same
        shape, in how many of the group's articles each term occurs.
    """
    if isinstance(corpus, TermCounts):
        if by != corpus.by:
            raise TermsError(f"these term counts are grouped by {corpus.by!r}, not {by!r}; "
                             f"fit TermCounts with by={by!r}")
        fitted = corpus
    else:
        fitted = TermCounter(ngram_range, normalisation, min_phrase_count,
                             stop_words).fit(corpus, by)
    if articles:
        return list(fitted.groups), fitted.terms, fitted.counts, fitted.docs
    return list(fitted.groups), fitted.terms, fitted.counts


def cells_at(matrix, row, col) -> np.ndarray:
    """``matrix[row, col]`` for arrays of cells, in the matrix's dtype (0 where nothing is
    stored). One sorted search over the stored cells: scipy's element-wise indexing scans a
    row per cell and took minutes on millions of cells."""
    coo = sparse.coo_matrix(matrix)
    width = np.int64(max(matrix.shape[1], 1))
    stored = coo.row.astype(np.int64) * width + coo.col
    order = np.argsort(stored, kind="stable")
    stored, values = stored[order], coo.data[order]
    wanted = np.asarray(row, dtype=np.int64) * width + np.asarray(col, dtype=np.int64)
    at = np.searchsorted(stored, wanted)
    found = (at < len(stored)) & (stored[np.minimum(at, len(stored) - 1)] == wanted) \
        if len(stored) else np.zeros(len(wanted), bool)
    out = np.zeros(len(wanted), dtype=matrix.dtype)
    out[found] = values[at[found]]
    return out


#: Columns of :meth:`TermCounts.table`, one row per group and term.
TERM_COUNT_COLUMNS = ["group", "term", "key", "count", "articles"]


class TermCounts:
    """Term counts per group, fitted once and shared by every statistic.

    :func:`distinctive_terms`, :func:`similarity` and :func:`significance_summary`
    accept a ``TermCounts`` in place of the corpus, so that a notebook counts the
    corpus once and computes every method from the same counts. Fit one with
    :meth:`TermCounter.fit` (or :meth:`TermCounts.fit`); save and reload it as a tidy
    table with :meth:`table` and :meth:`from_table`.

    Attributes
    ----------
    groups : list of str
        Group labels, sorted.
    terms : ndarray of str
        Terms as shown (names with spaces), in vocabulary order.
    keys : ndarray of str
        The same terms as counted (a name joined with ``_``); they fix the order.
    counts : scipy.sparse.csr_matrix
        Shape (groups, terms).
    docs : scipy.sparse.csr_matrix
        Shape (groups, terms): in how many of the group's articles each term occurs.
    by : str
        The corpus column the articles were grouped by.

    Examples
    --------
    >>> counts = TermCounts.fit(corpus, normalisation=False)          # doctest: +SKIP
    >>> distinctive_terms(counts, method="keyness", n=10)             # doctest: +SKIP
    """

    def __init__(self, groups, keys, counts, by: str = "outlet", docs=None):
        self.groups = list(groups)
        self.keys = np.asarray(keys, dtype=object)
        self.terms = np.array([k.replace("_", " ") for k in self.keys], dtype=object)
        self.counts = sparse.csr_matrix(counts, dtype=np.int64)
        if docs is None:  # counts saved without article counts: at least one article each
            docs = self.counts.copy()
            docs.data[:] = 1
        self.docs = sparse.csr_matrix(docs, dtype=np.int64)
        self.by = by

    @classmethod
    def fit(cls, corpus: pd.DataFrame, by: str = "outlet", **kwargs) -> TermCounts:
        """Count ``corpus`` grouped by ``by``; ``kwargs`` go to :class:`TermCounter`."""
        return TermCounter(**kwargs).fit(corpus, by)

    def table(self) -> pd.DataFrame:
        """One row per group and term used: ``group, term, key, count, articles``
        (vocabulary order within each group)."""
        cells = self.counts.tocoo()
        order = np.lexsort((cells.col, cells.row))
        row, col = cells.row[order], cells.col[order]
        return pd.DataFrame({"group": np.array(self.groups, dtype=object)[row],
                             "term": self.terms[col], "key": self.keys[col],
                             "count": cells.data[order].astype(np.int64),
                             "articles": self._docs_at(row, col)},
                            columns=TERM_COUNT_COLUMNS)

    def _docs_at(self, row, col) -> np.ndarray:
        """Article counts at the given cells (0 where none)."""
        return cells_at(self.docs, row, col)

    @classmethod
    def from_table(cls, table: pd.DataFrame, by: str = "outlet") -> TermCounts:
        """Rebuild from :meth:`table` rows; rows repeating a (group, key), e.g. one per
        partition of a Dask run, are summed."""
        if table.empty:
            return cls([], [], sparse.csr_matrix((0, 0), dtype=np.int64), by)
        columns = ["count", "articles"] if "articles" in table.columns else ["count"]
        summed = table.groupby(["group", "key"], sort=True)[columns].sum()
        groups, g = np.unique(summed.index.get_level_values(0).to_numpy(dtype=object),
                              return_inverse=True)
        keys, k = np.unique(summed.index.get_level_values(1).to_numpy(dtype=object),
                            return_inverse=True)
        shape = (len(groups), len(keys))
        counts = sparse.csr_matrix((summed["count"].to_numpy(dtype=np.int64), (g, k)), shape=shape)
        docs = (sparse.csr_matrix((summed["articles"].to_numpy(dtype=np.int64), (g, k)),
                                  shape=shape) if "articles" in columns else None)
        return cls(list(groups), keys, counts, by, docs)

    def equals(self, other: TermCounts) -> bool:
        return (self.by == other.by and self.groups == other.groups
                and np.array_equal(self.keys, other.keys)
                and self.counts.shape == other.counts.shape
                and (self.counts != other.counts).nnz == 0
                and (self.docs != other.docs).nnz == 0)

    def __repr__(self) -> str:
        return (f"TermCounts(by={self.by!r}, groups={len(self.groups)}, "
                f"terms={len(self.keys)}, total={int(self.counts.sum())})")


class TermCounter:
    """How terms are counted: normalisation, name phrases, n-grams and stop words.

    :meth:`fit` counts a corpus in one go. A corpus split into partitions (Dask) is
    counted in two passes with the same result: :meth:`name_runs` on every partition,
    summed and turned into :meth:`phrases` once, then :meth:`count` on every partition
    with those phrases; the partitions' :meth:`TermCounts.table` rows add up.

    Parameters
    ----------
    ngram_range : (int, int)
    normalisation : DataFrame, None or False
        Spelling table (:func:`load_normalisation`); ``None`` for the default, ``False``
        for none.
    min_phrase_count : int
        A capitalised name run must occur this often to become one term (0: no phrases).
    stop_words : set of str
    """

    def __init__(self, ngram_range=(1, 2), normalisation: pd.DataFrame | None | bool = None,
                 min_phrase_count: int = 2, stop_words=STOP_WORDS):
        if normalisation is False:
            normalisation = None
        elif normalisation is None:
            normalisation = load_normalisation()
        self.normaliser = Normaliser(normalisation)
        self.min_phrase_count = min_phrase_count
        self.analyzer = _Analyzer(stop_words, ngram_range)

    def name_runs(self, texts) -> Counter:
        """Pass one: how often each candidate name phrase occurs in ``texts``."""
        counts: Counter = Counter()
        if self.min_phrase_count:
            for text in texts:
                counts.update(_name_runs(self.normaliser(text)))
        return counts

    def phrases(self, runs: Counter) -> set[str]:
        """The name runs frequent enough to count as one term."""
        if not self.min_phrase_count:
            return set()
        return {p for p, n in runs.items() if n >= self.min_phrase_count}

    def count(self, corpus: pd.DataFrame, by: str, phrases: set[str]) -> TermCounts:
        """Pass two: count ``corpus`` (or one partition of it) with the given phrases."""
        if by not in corpus.columns:
            raise TermsError(f"unknown column {by!r} to group by; columns are "
                             f"{', '.join(map(str, corpus.columns))}")
        texts = [_join_phrases(self.normaliser(t), phrases) for t in corpus["text"]]
        vectorizer = CountVectorizer(analyzer=self.analyzer, dtype=np.int64)
        labels = corpus[by].astype(str).to_numpy()
        groups, index = np.unique(labels, return_inverse=True)
        try:
            doc_term = vectorizer.fit_transform(texts)
        except ValueError:  # empty vocabulary (e.g. a partition of empty texts)
            return TermCounts(list(groups), [],
                              sparse.csr_matrix((len(groups), 0), dtype=np.int64), by)
        indicator = sparse.csr_matrix((np.ones(len(labels), dtype=np.int64),
                                       (index, np.arange(len(labels)))),
                                      shape=(len(groups), len(labels)))
        used = doc_term.copy()
        used.data[:] = 1  # one per article that uses the term
        return TermCounts(list(groups), vectorizer.get_feature_names_out(),
                          (indicator @ doc_term).tocsr(), by, (indicator @ used).tocsr())

    def fit(self, corpus: pd.DataFrame, by: str = "outlet") -> TermCounts:
        """Both passes over a whole corpus."""
        if by not in corpus.columns:
            raise TermsError(f"unknown column {by!r} to group by; columns are "
                             f"{', '.join(map(str, corpus.columns))}")
        if corpus.empty:
            raise TermsError("the corpus is empty")
        texts = [self.normaliser(t) for t in corpus["text"]]
        runs: Counter = Counter()
        found = []  # each text's name runs, found once for both passes
        if self.min_phrase_count:
            for text in texts:
                found.append(list(NAME_RUN.finditer(text)))
                runs.update(_name_runs(text, found[-1]))
        phrases = self.phrases(runs)
        if phrases:
            texts = [_join_phrases(t, phrases, ms) for t, ms in zip(texts, found)]
        vectorizer = CountVectorizer(analyzer=self.analyzer, dtype=np.int64)
        try:
            doc_term = vectorizer.fit_transform(texts)
        except ValueError as err:  # empty vocabulary
            raise TermsError(f"no terms to count: {err}") from None
        labels = corpus[by].astype(str).to_numpy()
        groups, index = np.unique(labels, return_inverse=True)
        indicator = sparse.csr_matrix((np.ones(len(labels), dtype=np.int64),
                                       (index, np.arange(len(labels)))),
                                      shape=(len(groups), len(labels)))
        used = doc_term.copy()
        used.data[:] = 1  # one per article that uses the term
        return TermCounts(list(groups), vectorizer.get_feature_names_out(),
                          (indicator @ doc_term).tocsr(), by, (indicator @ used).tocsr())


def distinctive_terms(corpus: pd.DataFrame, by: str = "outlet", method: str = "log-odds",
                      n: int | None = 25, min_count: int = 2, ngram_range=(1, 2),
                      normalisation: pd.DataFrame | None | bool = None,
                      min_phrase_count: int = 2, prior_strength: float | None = None,
                      reference: str | None = None) -> pd.DataFrame:
    """Terms that set each group apart from the rest of the corpus.

    Parameters
    ----------
    corpus : DataFrame or TermCounts
        With ``text`` and the ``by`` column (see :func:`framing.load_corpus`), or its
        :class:`TermCounts`, fitted once (then ``ngram_range``, ``normalisation`` and
        ``min_phrase_count`` are those it was fitted with).
    by : str
        Column to group articles by.
    method : {"tfidf", "log-odds", "keyness"}
    n : int or None
        Rows per group (best first); ``None`` for every term the group uses.
    min_count : int
        Ignore terms used fewer times than this in the whole corpus.
    ngram_range : (int, int)
        Unigrams and bigrams by default.
    normalisation : DataFrame, None or False
        Spelling table (:func:`load_normalisation`); ``None`` for the default,
        ``False`` for none.
    min_phrase_count : int
        A capitalised name run must occur this often to become one term
        (0 disables phrases).
    prior_strength : float, optional
        log-odds only: total weight of the Dirichlet prior, spread over terms in
        proportion to their corpus frequency. ``None`` uses the corpus size, i.e.
        the corpus counts themselves, as in Monroe et al.'s "informative
        Dirichlet" model.

    reference : str, optional
        log-odds and keyness: compare each group with this one group (e.g. the
        centre outlets) instead of with the rest of the corpus. The reference
        group gets no rows of its own; a group is then scored on every term it
        or the reference uses, so terms it never writes show as under-used
        (negative ``g2`` / ``z``): both directions.

    Returns
    -------
    DataFrame
        One row per group and term, best first within each group: ``group``,
        ``rank`` (1 = most distinctive), ``term``, ``score`` (what the ranking
        uses), ``count`` (in the group), ``count_other`` (elsewhere, or in
        the reference group), ``articles`` and ``articles_other`` (in how many
        articles of the group / elsewhere the term occurs, so that one article
        cannot carry a term unnoticed), ``rate`` and ``rate_other`` (per 1,000
        terms), and the method's own
        statistics: ``tfidf``; or ``delta`` (log-odds ratio) and ``z``; or
        ``g2`` (signed), ``log_ratio`` (base 2) and ``p``.
    """
    if method not in METHODS:
        raise TermsError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    groups, terms, counts, docs = term_counts(corpus, by, ngram_range, normalisation,
                                              min_phrase_count, articles=True)
    if len(groups) < 2 and method != "tfidf":
        raise TermsError(f"{method} compares a group with the rest: need at least 2 groups in "
                         f"column {by!r}, found {len(groups)}")
    if reference is not None:
        if method == "tfidf":
            raise TermsError("a reference group applies to log-odds and keyness, not tfidf")
        if reference not in groups:
            raise TermsError(f"reference group {reference!r} is not a value of column {by!r}; "
                             f"groups are {', '.join(map(str, groups[:20]))}"
                             f"{' ...' if len(groups) > 20 else ''}")
    total = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero(total >= min_count)
    counts, terms, total, docs = counts[:, keep], terms[keep], total[keep], docs[:, keep]
    if counts.shape[1] == 0:
        raise TermsError(f"no term occurs at least min_count={min_count} times")
    sizes = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    grand = float(total.sum())
    doc_total = np.asarray(docs.sum(axis=0)).ravel()
    if reference is None:
        # Work on the nonzero (group, term) cells only: a group is scored on the terms it uses.
        cells = counts.tocoo()
        g, w = cells.row, cells.col
        y = cells.data.astype(float)
        other = total[w] - y
        n_g = sizes[g]
        n_o = grand - n_g
        d_g = cells_at(docs, g, w)
        d_o = doc_total[w] - d_g
    else:
        # Each group against the reference, on every term either of them uses.
        r = groups.index(reference)
        ref_row = np.asarray(counts[r].todense()).ravel()
        ref_docs = np.asarray(docs[r].todense()).ravel()
        ref_used = np.flatnonzero(ref_row)
        parts_g, parts_w = [], []
        for k in range(len(groups)):
            if k != r:
                cols = np.union1d(counts[k].indices, ref_used)
                parts_g.append(np.full(len(cols), k))
                parts_w.append(cols)
        g, w = np.concatenate(parts_g), np.concatenate(parts_w)
        y = cells_at(counts, g, w).astype(float)
        other = ref_row[w].astype(float)
        n_g = sizes[g]
        n_o = np.full(len(g), sizes[r])
        d_g = cells_at(docs, g, w)
        d_o = ref_docs[w]
    stats: dict[str, np.ndarray] = {}
    if method == "tfidf":
        weights = TfidfTransformer().fit_transform(counts).tocsr()
        score = cells_at(weights, g, w)
        stats["tfidf"] = score
    elif method == "log-odds":
        a0 = grand if prior_strength is None else float(prior_strength)
        alpha = a0 * total[w] / grand
        delta = (np.log((y + alpha) / (n_g + a0 - y - alpha))
                 - np.log((other + alpha) / (n_o + a0 - other - alpha)))
        z = delta / np.sqrt(1.0 / (y + alpha) + 1.0 / (other + alpha))
        stats["delta"], stats["z"] = delta, z
        score = z
    else:
        both = y + other  # the term's count in the two compared parts
        e1 = n_g * both / (n_g + n_o)
        e2 = n_o * both / (n_g + n_o)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = 2.0 * (np.where(y > 0, y * np.log(y / e1), 0.0)
                        + np.where(other > 0, other * np.log(other / e2), 0.0))
        safe_o = np.maximum(n_o, 1.0)
        over = y / n_g >= other / safe_o
        g2 = np.where(over, g2, -g2)
        # Hardie's log ratio, with 0.5 for a zero count on either side
        log_ratio = np.log2((np.where(y > 0, y, 0.5) / n_g)
                            / (np.where(other > 0, other, 0.5) / safe_o))
        stats["g2"], stats["log_ratio"], stats["p"] = g2, log_ratio, chi2.sf(np.abs(g2), 1)
        score = g2
    # Best first within each group; ties broken by count, then by term (vocabulary order is
    # alphabetical), so the result is deterministic.
    order = np.lexsort((w, -y, -score, g))
    g_sorted = g[order]
    starts = np.r_[0, np.flatnonzero(np.diff(g_sorted)) + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)])) + 1
    if n is not None:
        order, rank = order[rank <= n], rank[rank <= n]
    frame = pd.DataFrame({
        "group": np.array(groups, dtype=object)[g[order]],
        "rank": rank,
        "term": terms[w[order]],
        "score": score[order],
        "count": y[order].astype(np.int64),
        "count_other": other[order].astype(np.int64),
        "articles": d_g[order].astype(np.int64),
        "articles_other": d_o[order].astype(np.int64),
        "rate": 1000 * y[order] / n_g[order],
        "rate_other": np.where(n_o[order] > 0, 1000 * other[order] / np.maximum(n_o[order], 1.0),
                               np.nan),
    })
    for name, values in stats.items():
        frame[name] = values[order]
    return frame


# --- similarity and reuse --------------------------------------------------------------------

def similarity(corpus: pd.DataFrame, by: str = "outlet", **kwargs) -> pd.DataFrame:
    """Cosine similarity of the groups' TF-IDF vectors (``corpus`` may be a
    :class:`TermCounts`).

    Returns
    -------
    DataFrame
        Long form: ``group_a, group_b, cosine`` for every ordered pair
        (including a group with itself, 1.0).
    """
    groups, _, counts = term_counts(corpus, by, **kwargs)
    vectors = TfidfTransformer().fit_transform(counts)  # rows are L2-normalised
    cos = (vectors @ vectors.T).toarray()
    a, b = np.meshgrid(np.arange(len(groups)), np.arange(len(groups)), indexing="ij")
    return pd.DataFrame({"group_a": np.array(groups, dtype=object)[a.ravel()],
                         "group_b": np.array(groups, dtype=object)[b.ravel()],
                         "cosine": np.round(cos.ravel(), 12)})


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


def shared_passages(corpus: pd.DataFrame, min_words: int = 8) -> pd.DataFrame:
    """Passages that two articles share word for word (case and punctuation aside).

    Every run of ``min_words`` words (a shingle) is hashed; runs shared by two
    articles are merged into maximal passages. This finds reused wire copy and
    the same translated statement quoted by several outlets.

    Returns
    -------
    DataFrame
        One row per passage and pair of articles: ``article_a, outlet_a,
        article_b, outlet_b, n_words, passage`` (as written in article a),
        ``start_a, end_a, start_b, end_b`` (offsets into each ``text``);
        longest first.
    """
    if min_words < 2:
        raise TermsError("min_words must be at least 2")
    ids = corpus["article_id"].tolist()
    position = {aid: i for i, aid in enumerate(ids)}  # corpus order, looked up in O(1)
    outlets = dict(zip(corpus["article_id"], corpus["outlet"]))
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    tokens = {}
    index: dict[tuple, list] = {}
    for aid in ids:
        spans = [(m.start(), m.end(), m.group().casefold().replace("’", "'"))
                 for m in _TOKEN.finditer(texts[aid])]
        tokens[aid] = spans
        words = [w for _, _, w in spans]
        for i in range(len(words) - min_words + 1):
            index.setdefault(tuple(words[i:i + min_words]), []).append((aid, i))
    pairs: dict[tuple, set] = {}
    for places in index.values():
        if len(places) < 2:
            continue
        for x in range(len(places)):
            for y in range(x + 1, len(places)):
                (a, i), (b, j) = places[x], places[y]
                if a != b:
                    key = (a, b) if position[a] < position[b] else (b, a)
                    pos = (i, j) if key[0] == a else (j, i)
                    pairs.setdefault(key, set()).add(pos)
    rows = []
    for (a, b), matches in pairs.items():
        for i, j in sorted(matches):
            if (i - 1, j - 1) in matches:
                continue  # not the start of a run
            k = 0
            while (i + k + 1, j + k + 1) in matches:
                k += 1
            ta, tb = tokens[a], tokens[b]
            last_a, last_b = i + k + min_words - 1, j + k + min_words - 1
            sa, ea = ta[i][0], ta[last_a][1]
            sb, eb = tb[j][0], tb[last_b][1]
            rows.append((a, outlets[a], b, outlets[b], k + min_words, texts[a][sa:ea],
                         sa, ea, sb, eb))
    cols = ["article_a", "outlet_a", "article_b", "outlet_b", "n_words", "passage",
            "start_a", "end_a", "start_b", "end_b"]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["n_words", "article_a", "article_b", "start_a"],
                             ascending=[False, True, True, True], ignore_index=True)


def significance_summary(corpus: pd.DataFrame, by: str = "outlet", alpha: float = 0.05,
                         **kwargs) -> pd.DataFrame:
    """How many terms per group pass the usual thresholds: an honest measure of how
    much a corpus of this size can show.

    Returns
    -------
    DataFrame
        One row per group: ``terms_used``, ``log_odds_z_over_1.96`` (|z| > 1.96),
        ``keyness_p_under_alpha`` (G2's p < alpha, uncorrected) and
        ``keyness_bonferroni`` (p < alpha / number of terms tested in the group).
    """
    lo = distinctive_terms(corpus, by=by, method="log-odds", n=None, **kwargs)
    ke = distinctive_terms(corpus, by=by, method="keyness", n=None, **kwargs)
    used = lo.groupby("group").size()
    out = pd.DataFrame({
        "terms_used": used,
        "log_odds_z_over_1.96": lo.assign(hit=lo["z"].abs() > 1.96).groupby("group")["hit"].sum(),
        "keyness_p_under_alpha": ke.assign(hit=ke["p"] < alpha).groupby("group")["hit"].sum(),
        "keyness_bonferroni": ke.assign(hit=ke["p"] < alpha / ke["group"].map(used))
        .groupby("group")["hit"].sum(),
    })
    return out.rename_axis("group").reset_index()


def drop_nested(frame: pd.DataFrame, by: str = "group", n: int | None = None) -> pd.DataFrame:
    """Leave out each term that overlaps a better-ranked term of its group: contained in it
    ("hope" after "expressed hope") or containing it ("expressed hope" after "expressed"),
    word by word. They count the same uses twice.

    Parameters
    ----------
    frame : DataFrame
        As returned by :func:`distinctive_terms` (``group``, ``term``, ``rank``), best first
        within each group. Ask it for more terms than you show (e.g. ``n=3 * 10``).
    n : int, optional
        Keep at most this many terms per group; ``rank`` is renumbered from 1.

    Returns
    -------
    DataFrame
        The rows kept, in the same order and columns.

    Examples
    --------
    >>> top = distinctive_terms(corpus, n=30)
    >>> drop_nested(top, n=10)      # ten terms per outlet, no two counting the same words
    """
    keep = np.zeros(len(frame), dtype=bool)
    for _, idx in frame.groupby(by, sort=False).indices.items():
        kept: list[tuple] = []
        for i in idx:
            words = tuple(str(frame["term"].iat[i]).split())
            if any(_within(words, k) or _within(k, words) for k in kept):
                continue
            if n is not None and len(kept) >= n:
                break
            kept.append(words)
            keep[i] = True
    out = frame[keep].copy()
    if "rank" in out:
        out["rank"] = out.groupby(by, sort=False).cumcount() + 1
    return out.reset_index(drop=True)


def _within(short: tuple, long: tuple) -> bool:
    """Whether the word sequence ``short`` occurs in ``long``."""
    k = len(short)
    return k <= len(long) and any(long[i:i + k] == short for i in range(len(long) - k + 1))


def both_directions(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` most over-used and ``n`` most under-used terms of each group, from a
    :func:`distinctive_terms` table with ``n=None`` (keyness or log-odds): a ``direction``
    column ("over" / "under"), over-used first, strongest first."""
    over = table[table["score"] > 0].groupby("group", sort=True).head(n)
    under = (table[table["score"] < 0].sort_values(["group", "score", "count_other"],
                                                    ascending=[True, True, False])
             .groupby("group", sort=True).head(n))
    out = pd.concat([over.assign(direction="over"), under.assign(direction="under")])
    out["_d"] = (out["direction"] == "under").astype(int)
    out["_s"] = out["score"].abs()
    out = out.sort_values(["group", "_d", "_s"], ascending=[True, True, False], kind="stable")
    return out.drop(columns=["_d", "_s"]).reset_index(drop=True)


def keyness_figure(table: pd.DataFrame, reference: str | None = None, by: str = "outlet",
                   groups=None, xlabel: str = "signed G2"):
    """Both directions of keyness: for each group, the terms it uses more (right, coloured)
    and less (left, grey) than the reference, each with its counts (group / reference) and
    articles. ``table`` is :func:`both_directions` output.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import textwrap

    import matplotlib.pyplot as plt

    from .figures import colour_map, empty_figure

    against = f"the {by.replace('_', ' ')} {reference!r}" if reference else "the rest"
    if table.empty:
        return empty_figure("no distinctive terms", f"Terms used more and less than {against}")
    groups = list(groups) if groups is not None else sorted(table["group"].unique())
    colours = colour_map(groups + ([reference] if reference else []))  # as in other figures
    ncols = 2 if len(groups) > 1 else 1
    nrows = -(-len(groups) // ncols)
    rows_per = max(table.groupby("group").size().max(), 1)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.0, nrows * (0.15 * rows_per + 0.9) + 0.5),
                             squeeze=False, layout="constrained")
    for ax, group in zip(axes.flat, groups):
        part = table[table["group"] == group].iloc[::-1]
        y = np.arange(len(part))
        colour = [colours.get(group) if s > 0 else "#BBBBBB" for s in part["score"]]
        ax.barh(y, part["score"], color=colour, height=0.75)
        labels = [f"{t}  {c}/{o} ({a})" for t, c, o, a in part[["term", "count", "count_other",
                                                                   "articles"]].itertuples(
            index=False)]
        ax.set_yticks(y, labels, fontsize=6.5)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_title("\n".join(textwrap.wrap(str(group), 40)[:2]), fontsize=8, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel(xlabel, fontsize=7)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(f"Terms used more (right) and less (left) than {against}; labels: count here / "
                 "there (articles here)", fontsize=8)
    return fig
