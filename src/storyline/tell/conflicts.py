"""Where a story's reports disagree, gathered from every kind of disagreement Storyline knows.

Two kinds so far: the date of an event (its reports give different days) and claims in
conflict (`storyline.claims`: amounts, counts, dates of what happened or is expected). Each
kind is a finder, a function of (store, story id, the story's timeline) giving `Conflict`s,
listed in `FINDERS`; `register` adds one, and every report that lists a story's conflicts
shows the new kind unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..store import Store
from .events import EventSummary, attests


@dataclass(frozen=True)
class Position:
    """One side of a disagreement: a value, how many reports give it, and which outlets."""

    value: str
    reports: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    kind: str  # 'event date'; later kinds name themselves
    about: str  # what the reports disagree about (here the event), for a reader
    positions: tuple[Position, ...]
    explanation: str
    event_id: int | None = None
    by_source: tuple[tuple[str, str], ...] = ()  # (outlet, value) pairs, where the kind has them


Finder = Callable[[Store, int, Sequence[EventSummary]], Iterable[Conflict]]


def event_date_conflict(store: Store, event: EventSummary) -> Conflict | None:
    """The event's reports give different days: each day, with the outlets that give it."""
    if len(event.dates_reported) < 2:
        return None
    by_source = tuple((r["source"], r["value"]) for r in store.event_dates_by_source(event.id)
                      if attests(r["value"], bool(r["anchored"]), r["published"]))
    positions = tuple(Position(day, n, tuple(sorted({s for s, v in by_source if v == day})))
                      for day, n in event.dates_reported)
    explanation = "The reports of this event give different dates: " + "; ".join(
        f"{source} says {day}" for source, day in by_source) + "."
    return Conflict("event date", event.title or event.text, positions, explanation,
                    event.id, by_source)


def date_conflicts(store: Store, story_id: int, timeline: Sequence[EventSummary]) -> Iterable[Conflict]:
    for event in timeline:
        found = event_date_conflict(store, event)
        if found is not None:
            yield found


def claim_conflicts(store: Store, story_id: int, timeline: Sequence[EventSummary]) -> Iterable[Conflict]:
    """Claims of two sources that cannot both hold (`storyline conflicts`), each side cited."""
    from .claims import comparisons

    for c in comparisons(store, verdicts=("conflict",), story_id=story_id):
        sides = [Position(x["value"], 1, (x["outlet"] or x["article"],)) for x in c["citations"]]
        yield Conflict("claim", c["about"], tuple(sides), c["explanation"],
                       by_source=tuple((x["outlet"] or x["article"], x["value"]) for x in c["citations"]))


FINDERS: list[Finder] = [date_conflicts, claim_conflicts]


def register(finder: Finder) -> Finder:
    """Add a kind of disagreement to every story's conflicts (usable as a decorator)."""
    if finder not in FINDERS:
        FINDERS.append(finder)
    return finder


def story_conflicts(store: Store, story_id: int, timeline: Sequence[EventSummary]) -> list[Conflict]:
    """Every disagreement among a story's reports that some finder knows how to see."""
    return [c for finder in FINDERS for c in finder(store, story_id, timeline)]
