"""Dated timeline entries, each with the article and sentence it comes from.

This first timeline dates each entry by its article's publication date. Without a
query, an article contributes its lead sentence (news puts the main fact first); with a
query, the article's sentence that best matches it. Later stages date entries by the
events the sentences report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import datetime as dt
from collections import defaultdict

from ..dates import bounds
from ..store import Store
from .events import EventSummary, summarize_event


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    date_basis: str
    text: str
    article_id: str
    sentence: int
    title: str | None
    source: str | None
    path: str


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A user's words as a safe FTS5 query: every word must appear (quoted, so no syntax).

    A word written with inner punctuation ("S-400", "U.S.") becomes a phrase of its parts,
    the way the index splits it.
    """
    phrases = []
    for chunk in text.split():
        parts = _WORD.findall(chunk)
        if parts:
            phrases.append('"' + " ".join(parts) + '"')
    return " ".join(phrases) if phrases else None


def story_timeline(store: Store, story_id: int, *, start: str | None = None,
                   end: str | None = None) -> list[EventSummary]:
    """A story's events in date order, each with its reports (the entry cites them all)."""
    lo, hi = bounds(start), bounds(end, end=True)
    summaries = [summarize_event(store, e["id"]) for e in store.events(story_id=story_id)]
    entries = [s for s in summaries if s is not None and s.date is not None
               and (lo is None or s.date >= lo) and (hi is None or s.date <= hi)]
    return sorted(entries, key=lambda s: (s.date, s.id))


def timeline(store: Store, *, query: str | None = None, start: str | None = None,
             end: str | None = None, limit: int | None = None) -> list[TimelineEntry]:
    """Entries in date order between `start` and `end` (ISO dates, possibly partial)."""
    lo, hi = bounds(start), bounds(end, end=True)
    if query:
        match = fts_query(query)
        if match is None:
            return []
        best: dict[str, object] = {}
        for row in store.search_sentences(match, start=lo, end=hi, dated_only=True, limit=5000):
            best.setdefault(row["article_id"], row)  # rows come best first
        rows = sorted(best.values(), key=lambda r: (r["published"], r["article_id"]))
    else:
        rows = store.lead_sentences(lo, hi)
    entries = [
        TimelineEntry(
            date=r["published"], date_basis=r["published_basis"], text=r["text"],
            article_id=r["article_id"], sentence=r["idx"], title=r["title"], source=r["source"],
            path=r["path"],
        )
        for r in rows
    ]
    return entries[:limit] if limit else entries


@dataclass(frozen=True)
class Cited:
    """Where a sentence is: its article and index, with the outlet and the article's date."""

    article_id: str
    sentence: int
    source: str | None
    published: str | None


@dataclass(frozen=True)
class Milestone:
    """A month or a day a story's reports name besides its events: the deal signed last
    October, the deliveries expected in October 2020, the completion due by April 2023."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the reports give it
    when: str  # 'recalled' (before the report that names it) or 'expected' (after it)
    text: str  # the sentence that names it, from the earliest report
    citations: tuple[Cited, ...]  # every original report naming it

    @property
    def articles(self) -> int:
        return len({c.article_id for c in self.citations})


#: A named day this close to one of the story's events is that event, not a milestone.
SAME_DAY_SLACK = 3


def story_milestones(store: Store, story_id: int, event_dates: list[str], *, limit: int = 8) -> list[Milestone]:
    """The years, months and days a story's reports name outside its events, most named first.

    Each is cited by every original report that names it. A month holding one of the
    story's events says nothing new, nor does a report naming its own publication month.
    """
    events = [dt.date.fromisoformat(d) for d in event_dates if d and len(d) == 10]
    event_months = {d[:7] for d in event_dates if d}
    groups: dict[str, list] = defaultdict(list)
    for r in store.story_dated_mentions(story_id):
        value = r["value"][:10] if len(r["value"]) >= 10 else r["value"][:7]
        published = r["published"] or ""
        if value == published[:len(value)] or (len(value) == 7 and value in event_months):
            continue  # "this year", "this month", or a month the story's events already stand for
        if len(value) == 10:
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                continue
            if value == published or any(abs((day - e).days) <= SAME_DAY_SLACK for e in events):
                continue
        groups[value].append(r)
    out = []
    for value, rows in groups.items():
        first = rows[0]  # the earliest report naming it (rows come by date)
        when = "expected" if first["published"] and value > first["published"][:len(value)] else "recalled"
        cites = tuple(dict.fromkeys(Cited(r["article_id"], r["sentence"], r["source"], r["published"]) for r in rows))
        out.append(Milestone(value, when, first["text"], cites))
    out.sort(key=lambda m: (-m.articles, -len(m.date), m.date))  # the most cited, then the most precise
    return sorted(out[:limit], key=lambda m: m.date)
