"""Dated timeline entries, each with the article and sentence it comes from.

This first timeline dates each entry by its article's publication date. Without a
query, an article contributes its lead sentence (news puts the main fact first); with a
query, the article's sentence that best matches it. Later stages date entries by the
events the sentences report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
