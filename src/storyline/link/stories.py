"""Storylines: events linked into stories by shared actors, topic and time.

A story is what a reader follows for weeks: the oil spill, the war in Libya. Its events
share actors (entities) and vocabulary far more than they share days, so the tracker
compares an event's opening report with each story's accumulated entities and words, with
a time decay measured in weeks from the story's latest report rather than in days; a
strong resemblance outlives the decay, so a storyline can resume after years of silence.

Like events, stories are online: a new event joins the closest story or opens one, and
is never moved afterwards; every later report of the event feeds its story's vectors.
Candidates come from an inverted index over heavy entities and terms, so the cost per
event stays bounded as stories pile up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from .events import Event
from .features import VOCAB, Profile, Vec, day_gap, term_of


@dataclass(frozen=True)
class StoryConfig:
    """One configuration; the threshold was chosen on Timeline17 (see bench/quality_events.py)."""

    weights: tuple[tuple[str, float], ...] = (("entities", 0.5), ("tokens", 0.3), ("stems", 0.2))
    threshold: float = 0.1
    silence_scale_days: float = 90.0  # similarity halves after this long without news of the story
    #: A storyline that went quiet resumes, whatever the gap, when a new event is this close to
    #: it (four times the join threshold): a deal signed in one year and delivered three years on
    #: is one story, while weak resemblances still fade with time.
    resume_threshold: float = 0.4
    query_terms: int = 10
    max_candidates: int = 20
    posting_limit: int = 64


@dataclass
class Story:
    """Events that belong together, with the sums of their reports' vectors."""

    id: int
    centroid: Event  # the same bookkeeping as an event: summed vectors, span, sources
    events: list[int] = field(default_factory=list)

    def to_record(self) -> dict:
        return {"id": self.id, "centroid": self.centroid.to_record(), "events": list(self.events)}

    @classmethod
    def from_record(cls, rec: dict) -> Story:
        return cls(rec["id"], Event.from_record(rec["centroid"]), list(rec["events"]))


class StoryTracker:
    """Feed it each article's event (with the article's vectors); it keeps events in stories."""

    def __init__(self, config: StoryConfig | None = None):
        self.config = config or StoryConfig()
        self.stories: dict[int, Story] = {}
        self.story_of_event: dict[int, int] = {}
        self.postings: dict[int, list[int]] = defaultdict(list)  # term id -> stories, most recent last

    def add(self, event_id: int, p: Profile, vecs: dict[str, Vec]) -> int:
        """Record one report of `event_id`; returns the event's story (chosen at its first report)."""
        sid = self.story_of_event.get(event_id)
        if sid is None:
            scored = sorted(((s, self.similarity(self.stories[s], p, vecs)) for s in self.candidates(vecs)),
                            key=lambda ss: (-ss[1], ss[0]))
            if scored and scored[0][1] >= self.config.threshold:
                sid = scored[0][0]
            else:
                sid = len(self.stories) + 1
                self.stories[sid] = Story(sid, Event(id=sid))
            self.story_of_event[event_id] = sid
            self.stories[sid].events.append(event_id)
        story = self.stories[sid]
        story.centroid.add({s: vecs[s] for s, _ in self.config.weights if s in vecs}, p, story.centroid.seq + 1)
        self._index(story, vecs)
        return sid

    def candidates(self, vecs: dict[str, Vec]) -> list[int]:
        votes: Counter = Counter()
        for space in ("entities", "tokens"):
            if space in vecs:
                ids, weights = vecs[space].top(self.config.query_terms)
                for tid, w in zip(ids.tolist(), weights.tolist()):
                    for sid in self.postings.get(tid, ()):
                        votes[sid] += w
        return [sid for sid, _ in votes.most_common(self.config.max_candidates)]

    def similarity(self, story: Story, p: Profile, vecs: dict[str, Vec]) -> float:
        c = story.centroid
        both = [(s, w) for s, w in self.config.weights if vecs.get(s) and c.norms2.get(s)]
        total = sum(w for _, w in both)
        if not total:
            return 0.0
        sim = sum(w * c.cosine(s, vecs[s]) for s, w in both) / total
        gap = day_gap(p.day, p.window, c.first, c.last)
        if gap is None or sim >= self.config.resume_threshold:
            return sim
        return sim / (1.0 + (gap / self.config.silence_scale_days) ** 2)

    def _index(self, story: Story, vecs: dict[str, Vec]) -> None:
        for space in ("entities", "tokens"):
            if space not in vecs:
                continue
            for tid in vecs[space].top(self.config.query_terms)[0].tolist():
                plist = self.postings[tid]
                if story.id in plist:
                    plist.remove(story.id)
                plist.append(story.id)
                if len(plist) > 2 * self.config.posting_limit:
                    del plist[: len(plist) - self.config.posting_limit]

    # -- reading -----------------------------------------------------------------------------

    def story_of(self, event_id: int) -> int | None:
        return self.story_of_event.get(event_id)

    def title(self, story_id: int, entities: int = 3, terms: int = 2) -> str:
        """A label from the story's heaviest entities and words: 'Gaddafi · Libya · NATO: rebels, forces'."""
        c = self.stories[story_id].centroid

        def heaviest(space: str, k: int) -> list[str]:
            vec = c.vectors.get(space)
            return [term_of(i)[1] for i in vec.top(k)[0].tolist()] if vec is not None else []

        names = [n.split(":", 1)[-1] for n in heaviest("entities", entities + 3)]
        names = [n for n in names if n][:entities]
        shown = {w for n in names for w in n.split()}
        words = [t for t in heaviest("tokens", terms + 10) if t not in shown][:terms]
        title = " · ".join(n.title() for n in names)
        return f"{title}: {', '.join(words)}" if title and words else title or ", ".join(words)

    def span(self, story_id: int) -> tuple[date | None, date | None]:
        c = self.stories[story_id].centroid
        return c.first, c.last

    # -- persistence as plain records ---------------------------------------------------------

    def to_records(self) -> dict:
        return {
            "config": asdict(self.config),
            "stories": [s.to_record() for s in self.stories.values()],
            "postings": {VOCAB.terms[tid]: list(v) for tid, v in self.postings.items()},
        }

    @classmethod
    def from_records(cls, rec: dict) -> StoryTracker:
        cfg = dict(rec["config"])
        cfg["weights"] = tuple(tuple(w) for w in cfg["weights"])
        self = cls(StoryConfig(**cfg))
        for sr in rec["stories"]:
            story = Story.from_record(sr)
            self.stories[story.id] = story
            for eid in story.events:
                self.story_of_event[eid] = story.id
        self.postings.update((VOCAB.id(term), list(v)) for term, v in rec["postings"].items())
        return self
