"""Timeline summarization: the days that matter in a pile of reports, and what happened on each.

A day matters when later reports keep pointing back to it: an explosion on 20 April is
reported on the 21st and 22nd and recalled for months, while a quiet publication day is
not. Days are ranked by a linear score over how often, and by how many articles, they are
referred to before, on and after the day, how often later reports name it by month and day
("since the explosion on 20 April", where "on Tuesday" only counts from the publication), and
how many articles appeared on it (after the DATEWISE recipe of Ghalandari & Ifrim, 2020);
the weights were fitted on Timeline17 and can be refitted (`fit_date_weights`). For each
chosen day, the sentences linked to it (those that refer to it, and lead sentences
published on it or the day after that name no other day) are filtered to the ones close to
what those sentences share, readers' comments left out, and those that share little with
the whole pile's main story (an unrelated report that happens to name the day) left out
too; a summary is picked greedily to stay near their centroid, never repeating a sentence
or a near copy. Sentences are shown without the page furniture around them (datelines,
time stamps, photo credits), which says nothing about the day.

Everything here is pure and works on `Candidate` sentences; `candidates_from_store` and
`summarize` build them from a knowledge base.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ..dates import bounds
from ..store import Store


@dataclass(frozen=True)
class Candidate:
    """One sentence that may enter a timeline, with where it comes from and the days it names."""

    article_id: str
    sentence: int
    text: str
    published: str  # YYYY-MM-DD
    source: str | None = None
    dates: tuple[str, ...] = ()  # YYYY-MM-DD days the sentence refers to


@dataclass(frozen=True)
class CitedSentence:
    text: str
    article_id: str
    sentence: int
    source: str | None
    published: str


@dataclass(frozen=True)
class DateEntry:
    """A day of the timeline: what happened, and how widely it was reported."""

    date: str
    sentences: tuple[CitedSentence, ...]
    articles: int  # articles referring to the day or published on it
    outlets: int  # distinct named outlets among them
    sources: tuple[str, ...]
    score: float


# -- words ---------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say told would could may might must shall one two
new also lrb rrb 's s t n't mr mrs ms
""".split())


def words(text: str) -> list[str]:
    """Lower-cased content words (no stop words, no punctuation)."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


class _Vectors:
    """TF-IDF vectors (dicts, unit length) of the candidates' sentences."""

    def __init__(self, token_lists: list[list[str]]):
        df: Counter[str] = Counter()
        for tokens in token_lists:
            df.update(set(tokens))
        n = len(token_lists) + 1
        self.idf = {w: math.log(n / (c + 1)) + 1.0 for w, c in df.items()}
        self.vectors = [self._vector(t) for t in token_lists]

    def _vector(self, tokens: list[str]) -> dict[str, float]:
        tf = Counter(tokens)
        vec = {w: c * self.idf[w] for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _add(total: dict[str, float], vec: dict[str, float], weight: float = 1.0) -> None:
    for w, v in vec.items():
        total[w] = total.get(w, 0.0) + weight * v


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


# -- ranking days ------------------------------------------------------------------------

#: What the date score looks at, each as log(1 + count).
DATE_FEATURES = (
    "sentences referring later",     # sentences published after the day that refer to it
    "sentences referring same day",
    "sentences referring earlier",   # announcements: published before the day
    "articles referring later",
    "articles referring same day",
    "articles referring earlier",
    "articles published",
    "articles published next day",
    "days referring later",          # on how many later days it was recalled
    "lead sentences referring",      # among the first sentences of their articles
    "sentences naming it",           # by month and day ("on 20 April"), not "on Tuesday" or "yesterday"
    "sentences naming it later",
    "articles naming it later",
)

#: Fitted by `fit_date_weights` on all 19 Timeline17 timelines (bench/quality_tls.py --fit);
#: the evaluation refits them leaving each collection out.
DATE_WEIGHTS = (-0.091, 0.14, 0.019, 0.295, -0.387, 0.072, 0.355, 0.055, -0.141, 0.419, -0.104, -0.408, 0.816)
#: How many first sentences of an article make its lead (chosen on Timeline17, leaving each
#: collection out, among 12 and 20 with the relevance floor; 5 and 8 never won).
LEAD_SENTENCES = 12
#: The share of the pile's sentences, the least on its main story, that may not speak for a
#: day while a more relevant sentence can (chosen on Timeline17 leaving each collection out,
#: among 0, 0.3 and 0.6).
RELEVANCE_FLOOR = 0.6
#: How many of the pile's heaviest words make its main story.
TOPIC_WORDS = 100


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@lru_cache(maxsize=4096)
def _day_name(day: str) -> re.Pattern[str]:
    d = _day(day)
    month = _MONTH_STEMS[d.month - 1]
    return re.compile(rf"(?i)\b{month}[a-z]*\.?\s+{d.day}(?!\d)|(?<!\d){d.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}")


def names_day(text: str, day: str) -> bool:
    """Whether `text` names `day` by its month and day number: a day recalled, not one counted from the
    publication ("Tuesday", "yesterday")."""
    return _day_name(day).search(text) is not None


def date_features(candidates: Sequence[Candidate], start: str | None = None, end: str | None = None,
                  lead: int = LEAD_SENTENCES) -> tuple[list[str], np.ndarray]:
    """The days between `start` and `end` that any candidate names or was published on, with their features."""
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(DATE_FEATURES))
    articles: dict[tuple[str, int], set[str]] = defaultdict(set)
    naming_later: dict[str, set[str]] = defaultdict(set)
    days_later: dict[str, set[str]] = defaultdict(set)
    published_by_article: dict[str, str] = {}
    for c in candidates:
        published_by_article[c.article_id] = c.published
        for d in set(c.dates):
            if (start and d < start) or (end and d > end):
                continue
            f = counts[d]
            kind = 0 if c.published > d else 1 if c.published == d else 2
            f[kind] += 1
            articles[(d, kind)].add(c.article_id)
            if kind == 0:
                days_later[d].add(c.published)
            if c.sentence < lead:
                f[9] += 1
            if names_day(c.text, d):
                f[10] += 1
                if kind == 0:
                    f[11] += 1
                    naming_later[d].add(c.article_id)
    for article, published in published_by_article.items():
        for d, slot in ((published, 6), ((_day(published) - dt.timedelta(days=1)).isoformat(), 7)):
            if (start and d < start) or (end and d > end):
                continue
            counts[d][slot] += 1
    for (d, kind), ids in articles.items():
        counts[d][3 + kind] = len(ids)
    for d, days in days_later.items():
        counts[d][8] = len(days)
    for d, ids in naming_later.items():
        counts[d][12] = len(ids)
    days = sorted(counts)
    matrix = (np.log1p(np.array([counts[d] for d in days], dtype=float)) if days
              else np.zeros((0, len(DATE_FEATURES))))
    return days, matrix


def rank_dates(candidates: Sequence[Candidate], start: str | None = None, end: str | None = None,
               weights: Sequence[float] = DATE_WEIGHTS, lead: int = LEAD_SENTENCES) -> list[tuple[str, float]]:
    """Days by score, best first."""
    days, x = date_features(candidates, start, end, lead)
    if not days:
        return []
    scores = x @ np.asarray(weights, dtype=float)
    order = sorted(range(len(days)), key=lambda i: (-scores[i], days[i]))
    return [(days[i], float(scores[i])) for i in order]


def fit_date_weights(examples: Iterable[tuple[np.ndarray, np.ndarray]], l2: float = 1.0,
                     steps: int = 50) -> tuple[float, ...]:
    """Logistic-regression weights (no intercept: only the ranking counts) from (features, is-gold-day) pairs.

    Each timeline's rows are centred on their mean, and each timeline weighs the same in the
    loss however many days it spans, so that a long, busy collection does not teach the model
    what a short one looks like; Newton steps on the L2-penalized loss.
    """
    xs, ys, ws = [], [], []
    for x, y in examples:
        if len(x):
            xs.append(x - x.mean(axis=0))
            ys.append(y.astype(float))
            ws.append(np.full(len(y), 100.0 / len(y)))
    x, y, sample = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (sample * (p - y)) + l2 * w
        hess = (x * (sample * p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return tuple(round(float(v), 3) for v in w)


# -- choosing sentences ------------------------------------------------------------------

_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
#: A page's time stamp: "Tuesday 27 April 2010 08.47 BST", "Sat Apr 25 , 2009 12:51 am BST", "15 February 12 22:17 GMT".
_STAMP = re.compile(rf"(?:{_WEEKDAY} ,? )?(?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}})(?: ,)? (?:\d{{4}}|\d\d)(?: ,)? "
                    r"\d{1,2}[.:]\d\d(?: ?[ap]\.?m\.?)? (?:GMT|BST|UTC|EDT|EST|CDT|CST|PDT|PST|ET|CET|CEST)\b ?")
#: What may open a sentence before the report itself: a byline, a wire dateline
#: ("BEIRUT -LRB- Reuters -RRB- -"), an update stamp, a capitalised dateline ("NEW YORK --"), a photo credit,
#: a label ("Live blog :"), a bullet.
_OPENERS = tuple(re.compile(p) for p in (
    rf"^(?:{_MONTH} \d{{1,2}} , \d{{4}} \| )?By [A-Z][^|.]{{0,60}}? , (?:CNN|AP|Reuters|BBC)\S* ",
    r"^[^.!?]{0,80}?-LRB- [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)? -RRB- ?(?:--?|:) ?",
    r"^(?:--? )?-LRB- (?:Update|UPDATE)d? [^()]{0,60}? -RRB- ?(?:--? )?",
    r"^[A-Z][A-Z.'\\/-]+(?: [A-Z][A-Z.'\\/-]+)*(?: , [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)? (?:--?|:) ",
    r"^(?:Photograph|Photo|Picture|Image)s? ?: ?[^.]{0,60}?(?:\\/)?"
    r"(?:AP|PA|AFP|EPA|Reuters|Getty Images|Getty|Corbis|Rex Features|Rex|Bloomberg|Xinhua)\b ?",
    r"^(?:Live blog|UPDATE \d*|Video|Watch|Related|READ MORE|FACTBOX|Factbox|TIMELINE|Timeline|Analysis) ?: ?",
    r"^(?:\\?\*|-|--|\u2022) +",
))


def bare_sentence(text: str) -> str:
    """The sentence without the page furniture a reader skips: time stamps, datelines, bylines, credits.

    A headline run into the first sentence ahead of a time stamp goes with the stamp; anything
    removed must leave a sentence of a few words, else the text stays as it was.
    """
    bare = text.strip()
    for _ in range(3):
        before = bare
        stamp = None
        for stamp in _STAMP.finditer(bare):
            pass
        if stamp is not None:
            rest = bare[stamp.end():]
            bare = rest if len(rest.split()) >= 6 else bare[:stamp.start()] + rest
        for opener in _OPENERS:
            m = opener.match(bare)
            if m and len(bare[m.end():].split()) >= 5:
                bare = bare[m.end():]
        bare = bare.strip()
        if bare == before:
            break
    return bare or text.strip()


#: The stamps of readers' comments and of posts: "At 2:40 pm on 28 May 2010, Ann wrote:",
#: "March 8, 2011 at 6:20 pm | Give them ...", "8:30 pm ET February 11, 2013 RETWEET".
_COMMENT = re.compile(r"\bwrote\s*:|\bRETWEET\b|\|\s*Reply\b|\bposted\s+by\b|\bat\s+\d{1,2}:\d\d\s*[ap]\.?m\.?\s*\|", re.I)


@dataclass
class SentenceRules:
    """Which sentences may speak for a day."""

    min_words: int = 6
    max_words: int = 50
    stretch_words: int = 100  # the longest sentence that may tell a day no shorter one tells
    redundancy: float = 0.5  # cosine above which two sentences say the same thing
    keywords: tuple[str, ...] = ()  # when given, a summary sentence must contain one

    def allows(self, text: str) -> bool:
        n = len(text.split())
        if not self.min_words <= n <= self.max_words or _COMMENT.search(text):
            return False  # a reader's comment is no report of what happened
        if self.keywords:
            lower = text.lower()
            return any(k in lower for k in self.keywords)
        return True


def _knee(values: list[float]) -> int:
    """Index of the point farthest from the line joining the first and last of descending values."""
    n = len(values)
    if n < 3:
        return n - 1
    x0, y0, x1, y1 = 0.0, values[0], float(n - 1), values[-1]
    dx, dy = x1 - x0, y1 - y0
    norm = math.hypot(dx, dy) or 1.0
    best, best_i = -1.0, n - 1
    for i, v in enumerate(values):
        dist = abs(dy * i - dx * (v - y0)) / norm
        if dist > best:
            best, best_i = dist, i
    return best_i


class _Pile:
    """The candidates of one timeline with what every day needs: their vectors, the sentences linked to it."""

    def __init__(self, candidates: Sequence[Candidate], lead: int, relevance_floor: float = RELEVANCE_FLOOR):
        self.candidates = candidates
        self.texts = [bare_sentence(c.text) for c in candidates]
        self.vectors = _Vectors([words(t) for t in self.texts]).vectors
        story: dict[str, float] = {}
        for v in self.vectors:
            _add(story, v)
        story = _unit(dict(sorted(story.items(), key=lambda kv: (-kv[1], kv[0]))[:TOPIC_WORDS]))
        self.relevance = [_dot(v, story) for v in self.vectors]
        self.floor = float(np.quantile(self.relevance, relevance_floor)) if relevance_floor > 0 and self.relevance else -1.0
        self.mentions: dict[str, list[int]] = defaultdict(list)
        self.published: dict[str, list[int]] = defaultdict(list)
        self.reporters: dict[str, dict[str, str | None]] = defaultdict(dict)  # day -> article -> outlet
        for i, c in enumerate(candidates):
            self.reporters[c.published][c.article_id] = c.source
            for d in set(c.dates):
                self.mentions[d].append(i)
                self.reporters[d][c.article_id] = c.source
            if not c.dates and c.sentence < lead:
                self.published[c.published].append(i)
                self.published[(_day(c.published) - dt.timedelta(days=1)).isoformat()].append(i)

    def pool(self, day: str, rules: SentenceRules) -> list[int]:
        """The sentences that may speak for `day`: on the pile's main story when any is."""
        linked = _linked(self.mentions.get(day, []), self.published.get(day, []), self.vectors)
        allowed = [i for i in linked if rules.allows(self.texts[i])]
        return [i for i in allowed if self.relevance[i] >= self.floor] or allowed


def _pick(pool: list[int], vectors: list[dict[str, float]], k: int, taken: list[dict[str, float]],
          rules: SentenceRules) -> list[int]:
    """Greedily grow a summary whose sum stays closest to the pool's centroid, skipping any sentence
    close to one already in the timeline."""
    centroid: dict[str, float] = {}
    for i in pool:
        _add(centroid, vectors[i])
    centroid = _unit(centroid)
    chosen: list[int] = []
    total: dict[str, float] = {}
    remaining = list(pool)
    while remaining and len(chosen) < k:
        best, best_score = None, -1.0
        for i in remaining:
            trial = dict(total)
            _add(trial, vectors[i])
            score = _dot(_unit(trial), centroid)
            if score > best_score:
                best, best_score = i, score
        remaining.remove(best)
        if any(_dot(vectors[best], v) > rules.redundancy for v in taken):
            continue
        chosen.append(best)
        taken.append(vectors[best])
        _add(total, vectors[best])
    return chosen


def build_timeline(candidates: Sequence[Candidate], *, n_dates: int = 10, per_date: int = 1,
                   start: str | None = None, end: str | None = None, keywords: Sequence[str] = (),
                   weights: Sequence[float] = DATE_WEIGHTS, rules: SentenceRules | None = None,
                   lead: int = LEAD_SENTENCES, relevance_floor: float = RELEVANCE_FLOOR) -> list[DateEntry]:
    """The `n_dates` days that matter most between `start` and `end`, each with up to `per_date` sentences.

    `keywords` (lower-cased words) keep only summary sentences that contain one of them;
    `lead` is how many first sentences of an article count as its lead; `relevance_floor` the share
    of sentences, the least on the pile's main story, kept from speaking for a day while others
    can. Entries come in date order; sentences are shown bare (`bare_sentence`).
    """
    rules = rules or SentenceRules()
    if keywords:
        rules = replace(rules, keywords=tuple(k.lower() for k in keywords))
    if start or end:
        candidates = [c for c in candidates if (not start or c.published >= start) and (not end or c.published <= end)]
    if not candidates or n_dates <= 0 or per_date <= 0:
        return []
    ranked = rank_dates(candidates, start, end, weights, lead)
    pile = _Pile(candidates, lead, relevance_floor)
    texts = pile.texts
    lenient = replace(rules, max_words=max(rules.max_words, rules.stretch_words))

    taken: list[dict[str, float]] = []
    seen_text: set[str] = set()
    entries: list[DateEntry] = []
    for day, score in ranked:
        if len(entries) >= n_dates:
            break
        allowed = [i for i in pile.pool(day, rules) if texts[i].lower() not in seen_text]
        if not allowed:  # a day that only long sentences tell: better told at length than left out
            allowed = [i for i in pile.pool(day, lenient) if texts[i].lower() not in seen_text]
        if not allowed:
            continue
        chosen = _pick(allowed, pile.vectors, per_date, taken, rules)
        if not chosen:
            continue
        for i in chosen:
            seen_text.add(texts[i].lower())
        sources = sorted({s for s in pile.reporters[day].values() if s})
        entries.append(DateEntry(
            date=day,
            sentences=tuple(CitedSentence(texts[i], candidates[i].article_id, candidates[i].sentence,
                                          candidates[i].source, candidates[i].published) for i in chosen),
            articles=len(pile.reporters[day]), outlets=len(sources), sources=tuple(sources), score=score))
    return sorted(entries, key=lambda e: e.date)


def _linked(mention_ids: list[int], pub_ids: list[int], vectors: list[dict[str, float]]) -> list[int]:
    """The sentences that speak for a day: those close to what its mentions and its lead sentences share.

    Words are kept in the day's centroid only when both groups use them, so that an
    unrelated story published the same day, or a passing mention, weighs little.
    """
    if not mention_ids or not pub_ids:
        return mention_ids or pub_ids
    c_ment: dict[str, float] = {}
    c_pub: dict[str, float] = {}
    for i in mention_ids:
        _add(c_ment, vectors[i], 1.0 / len(mention_ids))
    for i in pub_ids:
        _add(c_pub, vectors[i], 1.0 / len(pub_ids))
    centroid = _unit({w: v + c_pub[w] for w, v in c_ment.items() if w in c_pub})
    if not centroid:
        return mention_ids + pub_ids
    ids = mention_ids + pub_ids
    sims = [_dot(vectors[i], centroid) for i in ids]
    ordered = sorted(sims, reverse=True)
    threshold = ordered[_knee(ordered)]
    kept = [i for i, s in zip(ids, sims) if s > 0 and s > threshold]
    return kept or ids


# -- from a knowledge base ----------------------------------------------------------------


def candidates_from_store(store: Store, *, start: str | None = None, end: str | None = None,
                          story: int | None = None, entity: str | None = None,
                          match: str | None = None) -> list[Candidate]:
    """The sentences of the articles in scope: a story's, an entity's (by id, else by name), those
    matching an FTS query, or all; scopes given together intersect."""
    wanted: set[str] | None = None
    if story is not None:
        wanted = set(store.story_article_ids(story))
    if entity is not None:
        found = store.entity(entity) or next(iter(store.entities(query=entity, limit=1)), None)
        ids = set(store.entity_articles(found["id"])) if found else set()
        wanted = ids if wanted is None else wanted & ids
    if match is not None:
        ids = set(store.matching_article_ids(match))
        wanted = ids if wanted is None else wanted & ids
    if wanted is not None and not wanted:
        return []
    days: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in store.day_references(start, end):
        if wanted is None or r["article_id"] in wanted:
            days[(r["article_id"], r["sentence"])].append(r["day"])
    return [Candidate(r["article_id"], r["idx"], r["text"], r["published"], r["source"],
                      tuple(sorted(days.get((r["article_id"], r["idx"]), ()))))
            for r in store.dated_sentences(start, end)
            if wanted is None or r["article_id"] in wanted]


def summarize(store: Store, *, n_dates: int = 10, per_date: int = 1, start: str | None = None,
              end: str | None = None, query: str | None = None, story: int | None = None,
              entity: str | None = None) -> list[DateEntry]:
    """A summarized timeline of a knowledge base, a story, an entity or a search (see `build_timeline`)."""
    from .timeline import fts_query

    lo, hi = bounds(start), bounds(end, end=True)
    match = fts_query(query) if query else None
    if query and match is None:
        return []
    candidates = candidates_from_store(store, start=lo, end=hi, story=story, entity=entity, match=match)
    keywords = tuple(w.lower() for w in re.findall(r"\w+", query)) if query else ()
    return build_timeline(candidates, n_dates=n_dates, per_date=per_date, start=lo, end=hi, keywords=keywords)
