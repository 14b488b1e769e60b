"""Extractive summaries of a story or an event: a few of its reports' own sentences, each cited.

Centroid method (after Radev et al., 2004): the sentences become TF-IDF vectors over word
stems, the sentences themselves being the documents; the centroid, their mean cut to its
heaviest terms, is what the reports keep coming back to. A sentence scores by its cosine to
the centroid, plus a small bonus for opening its article (news says the main fact first).
TextRank (after Mihalcea and Tarau, 2004), the alternative, scores by PageRank over the graph
of sentence similarities. Either way, Maximal Marginal Relevance then picks sentences that
score high and repeat little of what is already chosen; a sentence that another report says
nearly word for word becomes a further citation of the chosen one, not a second line.
Near-duplicate articles (copies) never supply a line, only citations.

Deterministic: the same knowledge base gives the same summary; ties break on article id
and sentence index.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..errors import UsageError
from ..link.features import content_words, stem, words

if TYPE_CHECKING:
    from ..store import Store

#: Only the opening sentences of each report are read: where news states its facts, and a
#: bound on the work for a story of thousands of articles.
LEAD_SENTENCES = 10
#: At most this many sentences compete (the earliest in their articles first).
MAX_CANDIDATES = 3000
#: TextRank's graph is dense, so it ranks fewer.
MAX_TEXTRANK = 1200
MIN_WORDS, MAX_WORDS = 8, 60
CENTROID_TERMS = 100
POSITION_BONUS = 0.15
#: MMR: how much redundancy with the chosen sentences counts against a sentence (0..1).
DIVERSITY = 0.3
#: A sentence at least this similar to a chosen one is never chosen as well.
REPEAT = 0.5
#: A sentence of another report at least this similar to a chosen one is cited with it.
SUPPORT = 0.6
MAX_CITATIONS = 6
METHODS = ("centroid", "textrank")

# English words that make a sentence lean on the one before it: out of context they dangle.
_LEANING = frozenset("""he she it they him them his her its their this that these those but and or so also
however meanwhile instead yet still then there such both""".split())
_ENDINGS = tuple(".!\"'”’)")


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from: an article's sentence, and its outlet."""

    article_id: str
    sentence: int
    source: str | None = None
    title: str | None = None
    published: str | None = None

    @property
    def label(self) -> str:
        return self.source or self.title or self.article_id


@dataclass(frozen=True)
class Candidate:
    """A sentence of a report, as a summary may use it."""

    article_id: str
    sentence: int
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    copy_of: str | None = None  # the article this one copies, if it is a near-duplicate

    @property
    def citation(self) -> Citation:
        return Citation(self.article_id, self.sentence, self.source, self.title, self.published)


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]  # the first is the sentence's own place (extractive) or its main source


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...]
    method: str  # 'centroid', 'textrank' or 'writer:<model>'
    considered: int  # sentences that competed
    notes: tuple[str, ...] = ()  # what a reader should know (e.g. why the writer was not used)
    dropped: tuple[tuple[str, str], ...] = ()  # written sentences left out, with why

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


class Writer(Protocol):
    """Something that rewrites the best sentences in its own words, citing them (see writer.py)."""

    def write(self, candidates: Sequence[Candidate], ranked: Sequence[int], fallback: Summary,
              length: int) -> Summary: ...


# -- the method -----------------------------------------------------------------------


def terms(text: str) -> Counter[str]:
    """The stems of a sentence's content words, counted."""
    return Counter(stem(w) for w in content_words(words(text)))


def vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors (log tf, smooth idf), the texts themselves being the documents."""
    counts = [terms(t) for t in texts]
    df = Counter(t for c in counts for t in c)
    n = len(counts)
    out = []
    for c in counts:
        v = {t: (1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({t: x / norm for t, x in v.items()})
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def readable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary: a whole statement of fair length."""
    text = text.strip()
    if not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
        return False
    if text.endswith("?") or not text.endswith(_ENDINGS) or not text[:1].isupper():
        return False
    first = words(text[:30])[:1]
    return not (first and first[0] in _LEANING)


def _centroid_scores(vecs: list[dict[str, float]], members: list[int], positions: list[int]) -> dict[int, float]:
    total: dict[str, float] = defaultdict(float)
    for i in members:
        for t, x in vecs[i].items():
            total[t] += x
    top = heapq.nlargest(CENTROID_TERMS, total.items(), key=lambda kv: (kv[1], kv[0]))
    norm = math.sqrt(sum(x * x for _, x in top)) or 1.0
    centroid = {t: x / norm for t, x in top}
    return {i: cosine(vecs[i], centroid) + POSITION_BONUS / (1 + positions[i]) for i in members}


def _textrank_scores(vecs: list[dict[str, float]], members: list[int], damping: float = 0.85,
                     iterations: int = 60) -> dict[int, float]:
    vocab: dict[str, int] = {}
    for i in members:
        for t in vecs[i]:
            vocab.setdefault(t, len(vocab))
    matrix = np.zeros((len(members), max(len(vocab), 1)), dtype=np.float32)
    for row, i in enumerate(members):
        for t, x in vecs[i].items():
            matrix[row, vocab[t]] = x
    sims = matrix @ matrix.T
    np.fill_diagonal(sims, 0.0)
    sums = sims.sum(axis=1, keepdims=True)
    n = len(members)
    transition = np.divide(sims, sums, out=np.full_like(sims, 1.0 / n), where=sums > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return {i: float(r) for i, r in zip(members, rank)}


def _order(c: Candidate) -> tuple:
    return (c.published is None, c.published or "", c.article_id, c.sentence)


def rank(candidates: Sequence[Candidate], method: str = "centroid") -> tuple[list[int], list[dict[str, float]], dict[int, float]]:
    """Indices of the sentences that may stand in a summary, best first, with their vectors and scores."""
    if method not in METHODS:
        raise UsageError(f"unknown summary method {method!r} (known: {', '.join(METHODS)})")
    vecs = vectors([c.text for c in candidates])
    originals = [i for i, c in enumerate(candidates) if c.copy_of is None and vecs[i]]
    members = [i for i in originals if readable(candidates[i].text)] or originals
    if len(members) > MAX_CANDIDATES:  # keep the openings of every report first
        members = sorted(sorted(members, key=lambda i: candidates[i].sentence)[:MAX_CANDIDATES])
    if not members:
        return [], vecs, {}
    if method == "centroid":
        scores = _centroid_scores(vecs, originals, [c.sentence for c in candidates])
    else:
        if len(members) > MAX_TEXTRANK:
            members = sorted(sorted(members, key=lambda i: candidates[i].sentence)[:MAX_TEXTRANK])
        scores = _textrank_scores(vecs, members)
    ranked = sorted(members, key=lambda i: (-round(scores[i], 12), _order(candidates[i])))
    return ranked, vecs, scores


def select(ranked: Sequence[int], vecs: list[dict[str, float]], scores: dict[int, float], length: int,
           pool_size: int = 200) -> list[int]:
    """Maximal Marginal Relevance: high scores, little repetition of what is already chosen."""
    pool = list(ranked[:pool_size])
    if not pool:
        return []
    top = max(scores[i] for i in pool) or 1.0
    redundancy = dict.fromkeys(pool, 0.0)
    chosen: list[int] = []
    while pool and len(chosen) < length:
        pick = max(pool, key=lambda i: (1 - DIVERSITY) * scores[i] / top - DIVERSITY * redundancy[i])
        pool.remove(pick)
        if redundancy[pick] >= REPEAT:
            continue
        chosen.append(pick)
        for i in pool:
            redundancy[i] = max(redundancy[i], cosine(vecs[i], vecs[pick]))
    return chosen


def supporting(candidates: Sequence[Candidate], vecs: list[dict[str, float]], index: int) -> tuple[Citation, ...]:
    """The chosen sentence's own citation, then other reports saying nearly the same, closest first."""
    own = candidates[index]
    seen = {own.article_id}
    close = []
    for j, c in enumerate(candidates):
        if c.article_id in seen or j == index:
            continue
        sim = cosine(vecs[index], vecs[j])
        if sim >= SUPPORT:
            close.append((-sim, _order(c), j))
    cites = [own.citation]
    for _, _, j in sorted(close):
        if candidates[j].article_id not in seen and len(cites) < MAX_CITATIONS:
            seen.add(candidates[j].article_id)
            cites.append(candidates[j].citation)
    return tuple(cites)


def summarize(candidates: Sequence[Candidate], *, length: int = 5, method: str = "centroid") -> Summary:
    """The `length` sentences that best sum up the candidates, in date order, each cited."""
    ranked, vecs, scores = rank(candidates, method)
    chosen = sorted(select(ranked, vecs, scores, length), key=lambda i: _order(candidates[i]))
    lines = tuple(SummarySentence(candidates[i].text, supporting(candidates, vecs, i)) for i in chosen)
    return Summary(lines, method, len(ranked))


# -- from the knowledge base ----------------------------------------------------------


def _candidates(rows) -> list[Candidate]:
    return [Candidate(r["article_id"], r["idx"], r["text"], r["source"], r["title"], r["published"],
                      r["original_id"] if r["original_id"] not in (None, r["article_id"]) else None)
            for r in rows]


#: About this many candidate sentences at most: a story of 1,400 reports is summarised from the
#: first two sentences of each, which is where news puts what happened, in bounded time.
MAX_CANDIDATES = 3000


def story_candidates(store: Store, story_id: int, lead: int = LEAD_SENTENCES) -> list[Candidate]:
    story = store.story(story_id)
    if story is not None and story["articles"]:
        lead = max(2, min(lead, MAX_CANDIDATES // story["articles"]))
    return _candidates(store.report_sentences(story_id=story_id, max_sentence=lead))


def event_candidates(store: Store, event_id: int, lead: int = LEAD_SENTENCES) -> list[Candidate]:
    return _candidates(store.report_sentences(event_id=event_id, max_sentence=lead))


def _summary(candidates: list[Candidate], length: int, method: str, writer: Writer | None) -> Summary:
    extractive = summarize(candidates, length=length, method=method)
    if writer is None or not extractive.sentences:
        return extractive
    ranked, _, _ = rank(candidates, method)
    return writer.write(candidates, ranked, extractive, length)


def story_summary(store: Store, story_id: int, *, length: int = 5, method: str = "centroid",
                  writer: Writer | None = None) -> Summary:
    """A story's summary; with a configured `writer`, in its words, checked against the sources."""
    return _summary(story_candidates(store, story_id), length, method, writer)


def event_summary(store: Store, event_id: int, *, length: int = 3, method: str = "centroid",
                  writer: Writer | None = None) -> Summary:
    return _summary(event_candidates(store, event_id), length, method, writer)
