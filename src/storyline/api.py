"""The Python API: build a knowledge base from paths, open one and ask it things."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import bounds
from .errors import UsageError
from .export import export_dict
from .pipeline import BuildReport, build
from .store import DEFAULT_DB, Store
from .tell.claims import VERDICTS, comparisons
from .tell.claims import claims as tell_claims
from .tell.conflicts import event_date_conflict
from .tell.events import EventSummary, summarize_event
from .tell.report import StoryReport, render, story_report
from .tell.summary import Summary, event_summary, story_summary
from .tell.timeline import Milestone, TimelineEntry, fts_query, story_milestones, story_timeline, timeline
from .tell.tls import DateEntry, summarize
from .tell.writer import WriterConfig, writer_from


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    sentence: int
    text: str
    marks: tuple[tuple[int, int], ...]  # (start, end) of each match in `text`
    published: str | None
    source: str | None
    title: str | None

    @property
    def highlighted(self) -> str:
        """The sentence with its matches in [brackets], for terminals."""
        out, last = [], 0
        for start, end in self.marks:
            out += [self.text[last:start], "[", self.text[start:end], "]"]
            last = end
        return "".join(out) + self.text[last:]


def _marks(marked: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the \x02...\x03 spans that FTS5's highlight() put around matches."""
    marks, plain, start = [], 0, 0
    for ch in marked:
        if ch == "\x02":
            start = plain
        elif ch == "\x03":
            marks.append((start, plain))
        else:
            plain += 1
    return tuple(marks)


class KnowledgeBase:
    """A built knowledge base, opened read-only: safe beside a running build."""

    def __init__(self, db: str | os.PathLike = DEFAULT_DB):
        self.store = Store(db, readonly=True)
        self.path = Path(db)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def stats(self) -> dict[str, int]:
        return {
            "articles": self.store.count("articles"),
            "sentences": self.store.count("sentences"),
            "entities": self.store.count("entities"),
            "mentions": self.store.count("mentions"),
            "time_expressions": self.store.count("time_expressions"),
            "quantities": self.store.count("quantities"),
            "claims": self.store.count("claims"),
            "comparisons": self.store.count("comparisons"),
            "duplicates": self.store.count("duplicates"),
            "events": self.store.count("events"),
            "stories": self.store.count("stories"),
            "undated": self.store.undated_count(),
            "removed_lines": self.store.count("removed_lines"),
            "builds": self.store.count("runs"),
        }

    def articles(self, *, limit: int | None = None, offset: int = 0, start: str | None = None,
                 end: str | None = None, source: str | None = None, entity: str | None = None) -> list[dict[str, Any]]:
        rows = self.store.articles(limit=limit, offset=offset, start=bounds(start),
                                   end=bounds(end, end=True), source=source, entity=entity)
        return [dict(r) for r in rows]

    def count_articles(self, *, start: str | None = None, end: str | None = None,
                       source: str | None = None, entity: str | None = None) -> int:
        return self.store.count_articles(start=bounds(start), end=bounds(end, end=True), source=source,
                                         entity=entity)

    def claims(self, *, article: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Values the sentences state (dates, sums, counts, shares, sizes), each with its subject and evidence."""
        return tell_claims(self.store, article_id=article, limit=limit, offset=offset)

    def count_claims(self, *, article: str | None = None) -> int:
        return self.store.count_claims(article)

    def comparisons(self, *, verdicts: tuple[str, ...] = VERDICTS, story: int | None = None,
                    limit: int | None = None) -> list[dict[str, Any]]:
        """Claims compared across sources, the weightiest first, each citing its two sentences."""
        return comparisons(self.store, verdicts=verdicts, story_id=story, limit=limit)

    def conflicts(self) -> list[dict[str, Any]]:
        """Where reports disagree: claims in conflict, then events whose reports give different dates."""
        return self.comparisons(verdicts=("conflict",)) + self.coverage_disputes()

    def sources(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.sources()]

    def coverage(self) -> dict[str, Any]:
        """Events reported by more than one outlet: who reported each, and the dates each gave.

        `disputes` lists the events whose reports give different dates, with each outlet's date.
        """
        rows = self.store.source_events()
        events: dict[int, dict[str, Any]] = {}
        for r in rows:
            e = events.setdefault(r["event_id"], {"id": r["event_id"], "story_id": r["story_id"], "title": r["title"],
                                                  "first": r["first"], "sources": {}})
            e["sources"][r["source"]] = r["reports"]
        outlets = sorted({r["source"] for r in rows})
        return {"outlets": outlets, "events": list(events.values()), "disputes": self.coverage_disputes()}

    def coverage_disputes(self) -> list[dict[str, Any]]:
        """Events whose reports give different dates, with the date each outlet gave."""
        disputes = []
        for row in self.store.events():
            if row["outlets"] < 2 and row["articles"] < 2:
                continue
            summary = summarize_event(self.store, row["id"])
            found = event_date_conflict(self.store, summary) if summary else None
            if found is not None:
                disputes.append({"about": f"date of event {row['id']}", "verdict": "conflict",
                                 "event": {"id": row["id"], "story_id": row["story_id"], "title": row["title"]},
                                 "dates": summary.dates_reported, "by_source": list(found.by_source),
                                 "explanation": found.explanation})
        return disputes

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.store.article(article_id)
        if row is None:
            return None
        out = dict(row)
        out["sentences"] = [dict(s) for s in self.store.sentences(article_id)]
        out["removed"] = [dict(r) for r in self.store.removed_lines(article_id)]
        out["mentions"] = [dict(r) for r in self.store.mentions(article_id)]
        out["times"] = [dict(r) for r in self.store.time_expressions(article_id)]
        out["quantities"] = [dict(r) for r in self.store.quantities(article_id)]
        out["published_evidence"] = json.loads(row["published_evidence"] or "[]")
        return out

    def entities(self, *, type: str | None = None, query: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.entities(type=type, query=query, limit=limit, offset=offset)]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.store.entity(entity_id)
        if row is None:
            return None
        out = dict(row)
        entity_id = out["id"]  # an old id leads to the entity it became
        out["aliases"] = {r["alias"]: r["count"] for r in self.store.entity_aliases(entity_id)}
        # names of a capital or a seat that stood for it ('Beijing said'), counted among the aliases
        out["metonyms"] = json.loads(out["metonyms"] or "{}")
        out["article_ids"] = self.store.entity_articles(entity_id)
        out["by_month"] = [dict(r) for r in self.store.entity_timeline(entity_id)]
        out["neighbours"] = [dict(r) for r in self.store.entity_neighbours(entity_id)]
        out["stories"] = [dict(r) for r in self.store.entity_stories(entity_id)]
        out["mention_spans"] = [dict(r) for r in self.store.entity_mentions(entity_id)]  # the first 100
        return out

    def articles_by_ids(self, ids: list[str]) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.articles_by_ids(ids)]

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.stories(limit=limit, offset=offset)]

    def story(self, story_id: int) -> dict[str, Any] | None:
        row = self.store.story(story_id)
        return dict(row) if row else None

    def story_timeline(self, story_id: int, *, start: str | None = None,
                       end: str | None = None) -> list[EventSummary]:
        return story_timeline(self.store, story_id, start=start, end=end)

    def story_milestones(self, story_id: int, timeline: list[EventSummary] | None = None) -> list[Milestone]:
        """Years, months and days the story's reports name besides its events (recalled or expected);
        pass the story's timeline when it is at hand, to spare computing it again."""
        timeline = story_timeline(self.store, story_id) if timeline is None else timeline
        return story_milestones(self.store, story_id, [e.date for e in timeline if e.date])

    def event(self, event_id: int) -> EventSummary | None:
        return summarize_event(self.store, event_id)

    def summary(self, *, story_id: int | None = None, event_id: int | None = None, length: int | None = None,
                method: str = "centroid", writer: WriterConfig | None = None) -> Summary:
        """A story's or an event's summary, every sentence cited; a `writer` only when one is given."""
        if (story_id is None) == (event_id is None):
            raise UsageError("summary needs a story_id or an event_id (one of them)")
        if story_id is not None:
            return story_summary(self.store, story_id, length=length or 5, method=method, writer=writer_from(writer))
        return event_summary(self.store, event_id, length=length or 3, method=method, writer=writer_from(writer))

    def story_report(self, story_id: int, *, writer: WriterConfig | None = None) -> StoryReport:
        """Everything a report on the story says (raises UsageError for an unknown story)."""
        return story_report(self.store, story_id, writer=writer_from(writer))

    def report(self, story_id: int, fmt: str = "html", *, writer: WriterConfig | None = None) -> str:
        """The story as one page: `fmt` 'html' (self-contained) or 'md'."""
        return render(self.story_report(story_id, writer=writer), fmt)

    def article_links(self, article_id: str) -> dict[str, Any]:
        """An article's events (main and mentioned), the report it copies and its copies."""
        dup = self.store.duplicate_of(article_id)
        return {"events": [dict(r) for r in self.store.event_of_article(article_id)],
                "copy_of": dict(dup) if dup else None,
                "copies": [dict(r) for r in self.store.copies_of(article_id)]}

    def search(self, query: str, *, start: str | None = None, end: str | None = None,
               limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if match is None:
            return []
        rows = self.store.search_sentences(match, start=bounds(start), end=bounds(end, end=True), limit=limit)
        return [SearchHit(r["article_id"], r["idx"], r["text"], _marks(r["marked"]), r["published"],
                          r["source"], r["title"]) for r in rows]

    def timeline(self, *, query: str | None = None, start: str | None = None, end: str | None = None,
                 limit: int | None = None) -> list[TimelineEntry]:
        return timeline(self.store, query=query, start=start, end=end, limit=limit)

    def summary_timeline(self, *, n_dates: int = 10, per_date: int = 1, query: str | None = None,
                         start: str | None = None, end: str | None = None, story: int | None = None,
                         entity: str | None = None) -> list[DateEntry]:
        """The days that matter and what happened on each, cited (see `storyline.tell.tls`)."""
        return summarize(self.store, n_dates=n_dates, per_date=per_date, query=query, start=start, end=end,
                         story=story, entity=entity)

    def export(self) -> dict[str, Any]:
        return export_dict(self.store)


def open_kb(db: str | os.PathLike = DEFAULT_DB) -> KnowledgeBase:
    """Open a knowledge base for reading."""
    return KnowledgeBase(db)


__all__ = ["BuildReport", "KnowledgeBase", "SearchHit", "Summary", "TimelineEntry", "WriterConfig", "build",
           "open_kb"]
