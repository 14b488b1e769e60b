"""Linking across the corpus, one article at a time: entities, copies, events, stories.

The build's main process feeds each stored article here, in order. Each linker is
online (nothing decided is re-clustered), so adding an article touches only what it links
to; their states are plain records that the store keeps between builds.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from ..annotate import Annotated
from ..model import STATED_BASES
from .dedup import DuplicateIndex, DuplicateLink, Signatures, signatures
from .entities import EntityLinker
from .events import EventClusterer
from .features import ArticleFeatures, Profile, profile, term_of, with_entities
from .stories import StoryTracker

#: Names of the linker states in the store's `link_state` table.
STATES = ("duplicates", "events", "stories")


@dataclass(frozen=True)
class Linked:
    """Where one article landed."""

    article_id: str
    entity_ids: list[str]
    duplicate: DuplicateLink | None
    event_id: int | None
    mentioned_events: tuple[tuple[int, float], ...]
    event_score: float
    story_id: int | None


#: An inferred publication window at most this wide places an article among events; a wider
#: one (pubdate's are two months and more) would join unrelated reports that happen to fall
#: in it, so it only rules out events years away (`bounds`) and the linker otherwise falls
#: back on the article's opening dateline. On the event sets of bench/quality_events.py,
#: placing by the wide windows cost 0.02 to 0.23 pairwise F1.
LINK_WINDOW_DAYS = 30


def link_window(window: tuple[str, str] | tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The part of an undated article's inferred window that the event linker may use."""
    if not window:
        return None
    lo, hi = (d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in window)
    return (lo, hi) if (hi - lo).days <= LINK_WINDOW_DAYS else None


class CorpusLinker:
    def __init__(self, entities: EntityLinker, duplicates: DuplicateIndex, events: EventClusterer,
                 stories: StoryTracker):
        self.entities, self.duplicates, self.events, self.stories = entities, duplicates, events, stories

    @classmethod
    def from_records(cls, entity_records: list[dict], states: dict[str, dict]) -> CorpusLinker:
        return cls(
            EntityLinker.from_records(entity_records),
            DuplicateIndex.from_records(states["duplicates"]) if "duplicates" in states else DuplicateIndex(),
            EventClusterer.from_records(states["events"]) if "events" in states else EventClusterer(),
            StoryTracker.from_records(states["stories"]) if "stories" in states else StoryTracker(),
        )

    def event_rows(self, event_ids: set[int]) -> list[dict]:
        """What the store keeps of each event: its story, title, span and counts."""
        rows = []
        for eid in sorted(event_ids):
            e = self.events.events[eid]
            rows.append({"id": eid, "story_id": self.stories.story_of(eid), "title": e.title,
                         "first": e.first.isoformat() if e.first else None,
                         "last": e.last.isoformat() if e.last else None,
                         "articles": len(e.articles), "outlets": len(e.sources)})
        return rows

    def story_rows(self, story_ids: set[int]) -> list[dict]:
        rows = []
        for sid in sorted(story_ids):
            story = self.stories.stories[sid]
            first, last = self.stories.span(sid)
            rows.append({"id": sid, "title": self.story_title(sid),
                         "first": first.isoformat() if first else None, "last": last.isoformat() if last else None,
                         "events": len(story.events), "articles": len(story.centroid.articles)})
        return rows

    def story_events(self, story_id: int | None, day: str | None, days: int) -> list[int]:
        """The events of a story whose reports span to within `days` of `day` (an ISO date), in the order
        they opened; none without a story or a day."""
        story = self.stories.stories.get(story_id) if story_id is not None else None
        try:
            when = dt.date.fromisoformat((day or "")[:10])
        except ValueError:
            return []
        if story is None:
            return []
        near = []
        for eid in story.events:
            e = self.events.events.get(eid)
            if e is not None and e.first is not None and e.last is not None and \
                    (e.first - when).days <= days and (when - e.last).days <= days:
                near.append(eid)
        return near

    def story_title(self, story_id: int, names: int = 3) -> str:
        """A story's label: the names of the entities its reports weigh most ('Sarvana · AHI · KT-90')."""
        vec = self.stories.stories[story_id].centroid.vectors.get("entities")
        shown: list[str] = []
        if vec is not None:
            for tid in vec.top(names + 5)[0].tolist():
                key = term_of(tid)[1].removeprefix("id:")
                try:
                    name = self.entities.entity(key).name
                except KeyError:
                    name = key.split(":", 1)[-1]
                if name and name not in shown:
                    shown.append(name)
                if len(shown) == names:
                    break
        return " · ".join(shown) or self.stories.title(story_id)

    def states(self) -> dict[str, dict]:
        return {"duplicates": self.duplicates.to_records(), "events": self.events.to_records(),
                "stories": self.stories.to_records()}

    def add(self, article_id: str, annotated: Annotated, *, link_events: bool = True) -> Linked:
        article = annotated.article
        entity_ids = (self.entities.add_article(article_id, article.text, list(annotated.mentions))
                      if annotated.mentions else [])
        if not link_events:
            return Linked(article_id, entity_ids, None, None, (), 0.0, None)
        prepared = annotated.link_prep if isinstance(annotated.link_prep, Prepared) else prepare(annotated)
        duplicate = self.duplicates.add(article_id, article.text, _stated(annotated), article.source,
                                        signed=prepared.signatures)
        entities = [(eid or m.text, m.label) for m, eid in zip(annotated.mentions, entity_ids)]
        seen = article_id in self.events.assignments  # an updated article keeps its place
        event_id = self.events.add(with_entities(prepared.profile, article_id, entities))
        assignment = self.events.assignments[article_id]
        story_id = self.stories.story_of(event_id) if seen else self.stories.add(event_id, *self.events.last)
        return Linked(article_id, entity_ids, duplicate, event_id, assignment.secondary, assignment.score,
                      story_id)


@dataclass(frozen=True)
class Prepared:
    """What the linkers read from an article's own text, before any corpus is consulted.

    A pure function of the annotated article (`prepare`), so the build's workers compute
    it beside the annotators; the main process, which must link one article at a time,
    is left only the lookups. Entities are added in the main process, once linked.
    """

    profile: Profile
    signatures: Signatures
    cpu_seconds: float = 0.0  # what computing it took, for the build's report


def _stated(annotated: Annotated) -> str | None:
    """The publication date a source stated (not one inferred from the text)."""
    article = annotated.article
    return article.published if article.published_basis in STATED_BASES else None


def prepare(annotated: Annotated) -> Prepared:
    """An article's linking features and near-duplicate signatures, entities aside."""
    started = time.thread_time()
    article = annotated.article
    stated = _stated(annotated)
    window = bounds = None
    if stated is None and annotated.published_window:
        window = link_window(annotated.published_window)
        bounds = None if window else tuple(dt.date.fromisoformat(d) for d in annotated.published_window)
    features = ArticleFeatures(id="", title=article.title, text=article.text, published=stated,
                               source=article.source, window=window, bounds=bounds)
    counted, signed = profile(features), signatures(article.text)
    return Prepared(counted, signed, cpu_seconds=time.thread_time() - started)
