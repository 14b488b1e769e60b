"""Online event clustering: which articles, across outlets, report the same happening.

Each article is compared with a handful of candidate events and either joins the best
one or opens a new event; nothing already decided is ever re-clustered, so event ids
are stable as the knowledge base grows. The approach follows Miranda et al. (2018,
"Multilingual Clustering of Streaming News"): TF-IDF similarities computed separately
over tokens, stems, the lead and the named entities (here also the numbers and dates the
text mentions), combined with closeness in time. The combination is a fixed weighted sum
and one join threshold; nothing is trained.

Time works both ways. Reports of one happening are published within days of each other,
so similarity decays fast with the distance in days; and dates that agree are evidence in
their own right, so a dated pair needs less textual overlap than an undated one (where
two earthquakes years apart can read alike). An undated article may carry an inferred
window, or one is read from a dateline in its opening lines; a window only tells the
month, so it decays over months. When only one side tells its time, nothing confirms that
the two are from the same days unless the undated side's text names one of them: a dated
report then needs a little more in common with an event whose reports never said when
they were written, and an undated report leans towards undated events (see `time_factor`).

Cost per article is bounded: candidates come from an inverted index (an article's
heaviest terms and entities -> the events that carry them), each posting list keeps only
its most recent events, and only the best-matching few candidates are scored. An event's
vectors are sums of its members' normalized vectors, so adding an article touches one event.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import numpy as np

from .features import EMPTY, VOCAB, ArticleFeatures, DocFreq, Profile, Vec, day_gap, dot, profile, term_id, term_ids, weigh

#: Spaces whose heaviest terms find candidate events.
INDEXED = ("entities", "tokens", "lead")
#: Terms an event keeps per space: enough for any real event, a bound for a runaway one.
MAX_EVENT_TERMS = 3000


@dataclass(frozen=True)
class EventConfig:
    """One configuration for every corpus; the join threshold was chosen on Giveme5W1H."""

    weights: tuple[tuple[str, float], ...] = (
        ("tokens", 0.25), ("stems", 0.15), ("lead", 0.15), ("entities", 0.30), ("facts", 0.15))
    threshold: float = 0.30  # a combined similarity below this opens a new event
    time_scale_days: float = 1.5  # Gaussian decay with days from the event's mean publication day
    max_gap_days: float = 30.0  # further than this from an event's reports: not the same event
    time_bonus: float = 1.0  # publication dates that agree double the textual similarity ...
    window_bonus: float = 1.0  # ... and so do inferred windows that agree,
    window_scale_days: float = 60.0  # which decay over months rather than days
    confident: float = 0.5  # a join this close counts fully in the event's vectors, a weaker one less
    secondary_threshold: float = 0.35  # text similarity to an earlier event that the article recalls
    recall_recent_days: float = 60.0  # an older event is recalled only when the article names its year
    bounds_slack_days: float = 730.0  # wide bounds further than this apart: not the same event
    query_terms: int = 12  # heaviest terms and entities per space used to find candidates
    max_candidates: int = 25  # candidates scored in full
    posting_limit: int = 64  # events kept per term in the inverted index (the most recent)
    unconfirmed_time: float = 0.8  # a dated report and an event that never tells its time ...
    undated_lean: float = 0.9  # ... an undated report and a dated event: ranks only, never keeps it out
    named_day_before_days: int = 7  # an undated text naming a day up to this long before the other's confirms it


@dataclass
class Event:
    """A group of articles about one happening, with the sums of their vectors."""

    id: int
    vectors: dict[str, Vec] = field(default_factory=dict)
    norms2: dict[str, float] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    sources: Counter = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    seq: int = 0  # arrival number of its latest article: recency when there are no dates
    title: str | None = None
    day_sum: int = 0  # sum of the day numbers (ordinals) of its dated articles
    dated: int = 0  # how many of its articles carry a publication date
    lo: date | None = None  # the days all its bounded reports allow (the overlap of their bounds)
    hi: date | None = None

    @property
    def mean_day(self) -> float | None:
        return self.day_sum / self.dated if self.dated else None

    def add(self, vecs: dict[str, Vec], p: Profile, seq: int, weight: float = 1.0) -> None:
        for space, vec in vecs.items():
            if not len(vec):
                continue
            current = self.vectors.get(space, EMPTY)
            summed = current.plus(vec, weight)
            if len(summed) > MAX_EVENT_TERMS:
                summed = summed.heaviest(MAX_EVENT_TERMS)
                self.norms2[space] = float(summed.w @ summed.w)
            else:  # |c + wv|^2 = |c|^2 + 2w c.v + w^2 |v|^2
                self.norms2[space] = self.norms2.get(space, 0.0) + weight * (2 * dot(vec, current) + weight * float(vec.w @ vec.w))
            self.vectors[space] = summed
        self.articles.append(p.id)
        if p.source:
            self.sources[p.source] += 1
        if p.day is not None:
            self.day_sum += p.day.toordinal()
            self.dated += 1
        lo, hi = (p.day, p.day) if p.day else (p.window or (None, None))
        if lo is not None:
            self.first = lo if self.first is None else min(self.first, lo)
            self.last = hi if self.last is None else max(self.last, hi)
        if p.bounds is not None:
            lo = p.bounds[0] if self.lo is None else max(self.lo, p.bounds[0])
            hi = p.bounds[1] if self.hi is None else min(self.hi, p.bounds[1])
            if lo <= hi:  # bounds that contradict the others are set aside
                self.lo, self.hi = lo, hi
        self.seq = seq
        if self.title is None and p.title:
            self.title = p.title

    def cosine(self, space: str, vec: Vec) -> float:
        norm2 = self.norms2.get(space, 0.0)
        if norm2 <= 0.0:
            return 0.0
        return dot(vec, self.vectors[space]) / math.sqrt(norm2)

    def to_record(self) -> dict:
        return {
            "id": self.id, "vectors": {s: v.to_record() for s, v in self.vectors.items()},
            "norms2": self.norms2, "articles": self.articles,
            "sources": dict(self.sources), "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None, "seq": self.seq, "title": self.title,
            "day_sum": self.day_sum, "dated": self.dated,
            "lo": self.lo.isoformat() if self.lo else None, "hi": self.hi.isoformat() if self.hi else None,
        }

    @classmethod
    def from_record(cls, rec: dict) -> Event:
        return cls(
            id=rec["id"], vectors={s: Vec.from_record(s, v) for s, v in rec["vectors"].items()},
            norms2=dict(rec["norms2"]), articles=list(rec["articles"]), sources=Counter(rec["sources"]),
            first=date.fromisoformat(rec["first"]) if rec["first"] else None,
            last=date.fromisoformat(rec["last"]) if rec["last"] else None, seq=rec["seq"], title=rec.get("title"),
            day_sum=rec.get("day_sum", 0), dated=rec.get("dated", 0),
            lo=date.fromisoformat(rec["lo"]) if rec.get("lo") else None,
            hi=date.fromisoformat(rec["hi"]) if rec.get("hi") else None,
        )


@dataclass(frozen=True)
class Assignment:
    """Where an article went: its main event, how sure, and other events it mentions."""

    article_id: str
    event_id: int
    score: float  # similarity to the event it joined; 0.0 when it opened a new one
    secondary: tuple[tuple[int, float], ...] = ()  # (earlier event it recalls, text similarity)


def day_keys(span: tuple[date, date], before_days: int) -> list[str]:
    """The month-day terms ('md:04-29', as `facts` spells them) of a span and the days just before it:
    an undated text that names one of them speaks of the same days."""
    lo, hi = span
    days = (hi - lo).days + before_days + 1
    if days > 60:  # a span this wide confirms nothing
        return []
    return [f"md:{d.month:02d}-{d.day:02d}" for d in (lo - timedelta(days=before_days - i) for i in range(days))]


@functools.lru_cache(maxsize=4096)
def _day_key_ids(lo: date, hi: date, before_days: int) -> np.ndarray:
    """`day_keys` as sorted term ids of the facts space: asked for every candidate event of an article."""
    return np.array(sorted(term_id("facts", k) for k in day_keys((lo, hi), before_days)), dtype=np.int64)


def time_gap(p: Profile, event: Event) -> tuple[float, bool] | None:
    """Days between an article and an event, and whether both ends are publication dates.

    With dates on both sides the gap runs from the mean day of the event's dated reports;
    otherwise it is the least distance between their spans, inferred windows included.
    """
    if p.day is not None and event.dated:
        return abs(p.day.toordinal() - event.mean_day), True
    gap = day_gap(p.day, p.window, event.first, event.last)
    return None if gap is None else (gap, False)


class EventClusterer:
    """Add articles one at a time; each joins an existing event or opens a new one."""

    def __init__(self, config: EventConfig | None = None):
        self.config = config or EventConfig()
        self.docfreq = DocFreq()
        self.events: dict[int, Event] = {}
        self.assignments: dict[str, Assignment] = {}
        self.postings: dict[int, list[int]] = defaultdict(list)  # term id -> events, most recent last
        self.seq = 0
        self.last: tuple[Profile, dict[str, Vec]] | None = None  # the latest article, for the story tracker

    # -- the online step -------------------------------------------------------------

    def add(self, article: ArticleFeatures | Profile) -> int:
        """Place one article; returns its event id. Adding the same id again returns its event."""
        p = article if isinstance(article, Profile) else profile(article)
        if p.id in self.assignments:
            return self.assignments[p.id].event_id
        self.seq += 1
        vecs = self.vectors(p)
        self.last = (p, vecs)
        scored = self.score_candidates(p, vecs)
        if scored and self.join_score(self.events[scored[0][0]], p, scored[0][1]) >= self.config.threshold:
            event, score = self.events[scored[0][0]], scored[0][1]
        else:
            event, score = Event(id=len(self.events) + 1), 0.0
            self.events[event.id] = event
        secondary = self.recalled(p, vecs, [eid for eid, _ in scored if eid != event.id])
        event.add(vecs, p, self.seq, self.member_weight(score))
        self._index(event, vecs)
        self.assignments[p.id] = Assignment(p.id, event.id, round(score, 4), secondary)
        return event.id

    def recalled(self, p: Profile, vecs: dict[str, Vec], others: list[int]) -> tuple[tuple[int, float], ...]:
        """Earlier events the article also speaks of (the summit a phone call recalls).

        Judged on text, as their dates are not the article's: an event that ended before
        the article and is close in words and entities is recorded beside the main one. A
        resemblance to something years old is a new instance of the same kind of news (the
        leaders' next call), unless the article names the year the old event happened in.
        """
        out = []
        years = {k for k in p.counts.get("facts", ()) if k.startswith("y:")}
        for eid in others[:5]:
            event = self.events[eid]
            first, last = (event.first, event.last) if event.last is not None else (event.lo, event.hi)
            if p.day is not None and last is not None:
                if last >= p.day:
                    continue
                if (p.day - last).days > self.config.recall_recent_days and \
                        not any(f"y:{y}" in years for y in range(first.year, last.year + 1)):
                    continue
            sim = self.text_similarity(event, vecs)
            if sim >= self.config.secondary_threshold:
                out.append((eid, round(sim, 4)))
        return tuple(out)

    def member_weight(self, score: float) -> float:
        """How much a new member shapes its event: fully when it clearly belongs, little when
        it barely passed, so that one doubtful join does not drag the event towards a
        neighbouring one."""
        if score <= 0.0:  # the first article of a new event
            return 1.0
        return min(1.0, score / self.config.confident)

    def vectors(self, p: Profile) -> dict[str, Vec]:
        """Count the article's terms into the document frequencies, then weigh them."""
        ids = term_ids(p)
        self.docfreq.add(i for space_ids, _ in ids.values() for i in space_ids.tolist())
        return {space: weigh(space_ids, counts, space, self.docfreq) for space, (space_ids, counts) in ids.items()}

    def candidates(self, p: Profile, vecs: dict[str, Vec]) -> list[int]:
        """Events sharing the article's heaviest terms, best-overlapping first (bounded work)."""
        cfg = self.config
        votes: Counter = Counter()
        for space in INDEXED:
            if space in vecs:
                ids, weights = vecs[space].top(cfg.query_terms)
                for tid, w in zip(ids.tolist(), weights.tolist()):
                    for eid in self.postings.get(tid, ()):
                        votes[eid] += w
        return [eid for eid, _ in votes.most_common(cfg.max_candidates)]

    def text_similarity(self, event: Event, vecs: dict[str, Vec]) -> float:
        """Weighted mean of per-space cosines; a space one side leaves empty says nothing."""
        both = [(space, w) for space, w in self.config.weights if vecs.get(space) and event.norms2.get(space)]
        total = sum(w for _, w in both)
        if not total:
            return 0.0
        return sum(w * event.cosine(space, vecs[space]) for space, w in both) / total

    def time_factor(self, event: Event, p: Profile) -> float:
        """1 without time on either side; above 1 when the dates agree, towards 0 as they part;
        a little under 1 when only one side tells its time and the other's text does not confirm it."""
        cfg = self.config
        if self.ruled_out(event, p):
            return 0.0
        found = time_gap(p, event)
        if found is None:
            return self.one_sided_factor(event, p)
        gap, exact = found
        if exact:  # reports of one happening come within days of each other
            if gap > cfg.max_gap_days:
                return 0.0
            return (1.0 + cfg.time_bonus) * math.exp(-0.5 * (gap / cfg.time_scale_days) ** 2)
        # an inferred window tells the month, not the day: a gentle decay over months
        return (1.0 + cfg.window_bonus) / (1.0 + (gap / cfg.window_scale_days) ** 2)

    def one_sided_factor(self, event: Event, p: Profile) -> float:
        """Time on one side only: agreement cannot be checked, unless the undated side names the day.

        A report that states its days and an event whose reports never did may be years
        apart (two earthquakes on one island read alike), so the join asks for a little more
        text in common. The other way round, an undated report and a dated event, is the
        everyday page without a date: that factor only ranks candidates (`join_score` takes it
        back), so that an undated report goes to the undated event when two are about as close.
        """
        cfg = self.config
        mine = (p.day, p.day) if p.day is not None else p.window
        theirs = (event.first, event.last) if event.first is not None else None
        if (mine is None) == (theirs is None):
            return 1.0
        if mine is not None:
            facts = event.vectors.get("facts", EMPTY)
            named = _day_key_ids(*mine, cfg.named_day_before_days)
            pos = np.searchsorted(facts.ids, named)
            confirmed = len(facts) and bool((facts.ids[np.minimum(pos, len(facts) - 1)] == named).any())
            return 1.0 if confirmed else cfg.unconfirmed_time
        mentioned = p.counts.get("facts", {})
        confirmed = any(k in mentioned for k in day_keys(theirs, cfg.named_day_before_days))
        return 1.0 if confirmed else cfg.undated_lean

    def join_score(self, event: Event, p: Profile, score: float) -> float:
        """The score the join threshold sees: an undated report's lean away from dated events only ranks."""
        lean = self.config.undated_lean
        if p.day is None and p.window is None and event.first is not None and 0 < lean < 1 \
                and self.one_sided_factor(event, p) == lean:
            return score / lean
        return score

    def ruled_out(self, event: Event, p: Profile) -> bool:
        """Whether wide bounds on either side put the article and the event too far apart.

        Bounds are vague (months to years) and sometimes wrong, so they never bring reports
        together; they only keep a report from joining an event it cannot be part of, such
        as a phone call three years before the one it describes.
        """
        if p.bounds is None and event.lo is None:
            return False
        # stated days and bounds only: an opening line's date (a window) may be history, not a dateline
        mine = (p.day, p.day) if p.day else p.bounds
        theirs = [(event.lo, event.hi)] if event.lo is not None else []
        if event.dated:
            day = date.fromordinal(round(event.mean_day))
            theirs.append((day, day))
        if mine is None:
            return False
        slack = self.config.bounds_slack_days
        return any(day_gap(None, mine, lo, hi) > slack for lo, hi in theirs)

    def similarity(self, event: Event, p: Profile, vecs: dict[str, Vec]) -> float:
        factor = self.time_factor(event, p)
        return factor * self.text_similarity(event, vecs) if factor else 0.0

    def score_candidates(self, p: Profile, vecs: dict[str, Vec]) -> list[tuple[int, float]]:
        scored = [(eid, self.similarity(self.events[eid], p, vecs)) for eid in self.candidates(p, vecs)]
        return sorted(scored, key=lambda es: (-es[1], es[0]))

    def _index(self, event: Event, vecs: dict[str, Vec]) -> None:
        cfg = self.config
        for space in INDEXED:
            if space not in vecs:
                continue
            for tid in vecs[space].top(cfg.query_terms)[0].tolist():
                plist = self.postings[tid]
                if event.id in plist:
                    plist.remove(event.id)  # move it to the recent end
                plist.append(event.id)
                if len(plist) > 2 * cfg.posting_limit:
                    del plist[: len(plist) - cfg.posting_limit]

    # -- reading -------------------------------------------------------------------------

    def event_of(self, article_id: str) -> int | None:
        a = self.assignments.get(article_id)
        return a.event_id if a else None

    def clusters(self) -> dict[int, list[str]]:
        return {eid: list(e.articles) for eid, e in self.events.items()}

    # -- persistence as plain records ------------------------------------------------------

    def to_records(self) -> dict:
        return {
            "config": asdict(self.config),
            "docfreq": self.docfreq.to_record(),
            "events": [e.to_record() for e in self.events.values()],
            "assignments": [
                {"article_id": a.article_id, "event_id": a.event_id, "score": a.score,
                 "secondary": [list(s) for s in a.secondary]}
                for a in self.assignments.values()
            ],
            "postings": {VOCAB.terms[tid]: list(events) for tid, events in self.postings.items()},
            "seq": self.seq,
        }

    @classmethod
    def from_records(cls, rec: dict) -> EventClusterer:
        cfg = dict(rec["config"])
        cfg["weights"] = tuple(tuple(w) for w in cfg["weights"])
        self = cls(EventConfig(**cfg))
        self.docfreq = DocFreq.from_record(rec["docfreq"])
        for er in rec["events"]:
            event = Event.from_record(er)
            self.events[event.id] = event
        self.events = dict(sorted(self.events.items()))
        self.postings.update((VOCAB.id(term), list(v)) for term, v in rec["postings"].items())
        for a in rec["assignments"]:
            self.assignments[a["article_id"]] = Assignment(
                a["article_id"], a["event_id"], a["score"], tuple(tuple(s) for s in a["secondary"]))
        self.seq = rec["seq"]
        return self


def cluster(articles: Iterable[ArticleFeatures], config: EventConfig | None = None) -> dict[str, int]:
    """Convenience: run articles through a fresh clusterer, in the order given."""
    c = EventClusterer(config)
    return {a.id: c.add(a) for a in articles}
