"""What an event is, told for readers: when it happened, and the reports that say so.

An event's date is the day its reports point to, not the day they were published: the
resolved dates in their opening sentences (where news says when), taken when they fall
shortly before publication, by majority. Without any, the first publication day stands in,
and the entry says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..model import STATED_BASES
from ..store import Store

#: How far before publication an opening sentence's date may lie and still be the news.
RECENT_DAYS = 14


@dataclass(frozen=True)
class Report:
    article_id: str
    source: str | None
    title: str | None
    published: str | None
    sentence: int
    text: str
    copy_of: str | None = None


@dataclass(frozen=True)
class EventSummary:
    id: int
    story_id: int | None
    date: str | None
    date_basis: str  # 'reported' (the reports' own dates), 'published' or 'unknown'
    title: str | None
    text: str  # the sentence that says best what happened
    reports: tuple[Report, ...] = field(default=())
    dates_reported: tuple[tuple[str, int], ...] = ()  # every date the reports gave, with how many

    @property
    def outlets(self) -> int:
        """How many outlets carried a report of it, copies included."""
        return len({r.source or r.article_id for r in self.reports})

    @property
    def copies(self) -> int:
        return sum(1 for r in self.reports if r.copy_of)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def attests(value: str, anchored: bool, published: str | None) -> bool:
    """Whether a date in a report's opening can be the day of the news it reports."""
    day, pub = _day(value), _day(published)
    if day is None or (pub is None and anchored):  # relative to a date nobody stated
        return False
    return pub is None or 0 <= (pub - day).days <= RECENT_DAYS


def summarize_event(store: Store, event_id: int) -> EventSummary | None:
    row = store.event(event_id)
    if row is None:
        return None
    rows = store.event_reports(event_id)
    reports = tuple(Report(r["article_id"], r["source"], r["title"], r["published"], r["idx"] or 0,
                           r["text"] or "", r["original_id"] if r["original_id"] != r["article_id"] else None)
                    for r in rows)
    # only a stated date anchors "on Monday"; an inferred one is a guess
    published = {r["article_id"]: _day(r["published"]) if r["published_basis"] in STATED_BASES else None
                 for r in rows}
    votes: Counter[str] = Counter()
    originals = [r.article_id for r in reports if r.copy_of is None]  # a copy repeats, it does not attest
    for t in store.lead_dates(originals):
        pub = published.get(t["article_id"])
        if attests(t["value"], bool(t["anchored"]), pub.isoformat() if pub else None):
            votes[t["value"]] += 1
    if votes:
        date, basis = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], "reported"
    elif (days := sorted(r.published for r in reports if r.published)) or row["first"]:
        # the first report's day (dates inferred after linking included), else the linker's span
        date, basis = (days[0] if days else row["first"]), "published"
    else:
        date, basis = None, "unknown"
    lead = next((r for r in reports if r.text and r.copy_of is None), reports[0] if reports else None)
    return EventSummary(event_id, row["story_id"], date, basis, row["title"] or (lead.title if lead else None),
                        lead.text if lead else "", reports, tuple(sorted(votes.items())))
