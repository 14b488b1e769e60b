"""What every rendering of a story needs, whatever it is drawn on: a time axis, safe links.

The web page and the report draw the axis their own way (CSS classes there, inline styles
here); the geometry is computed once, so that both place the same event at the same spot.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit


def safe_url(url: str | None) -> str | None:
    """Only plain web links become clickable: never javascript:, data: or the like."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


class Dated(Protocol):
    """An entry that can sit on the axis (an `EventSummary` is one)."""

    id: int
    date: str | None

    @property
    def outlets(self) -> int: ...


@dataclass(frozen=True)
class AxisMark:
    left: float  # percent of the axis width
    lane: int  # 0 on the line; 1, 2, ... stacked above when marks would overlap
    date: str
    id: int
    outlets: int
    number: int  # 1-based position among the entries given, to match a numbered list of them


@dataclass(frozen=True)
class AxisTick:
    left: float
    label: str


@dataclass(frozen=True)
class TimeAxis:
    marks: tuple[AxisMark, ...]
    ticks: tuple[AxisTick, ...]
    first: str | None
    last: str | None

    @property
    def lanes(self) -> int:
        return 1 + max((m.lane for m in self.marks), default=0)


def day_of(value: str) -> dt.date:
    """The first day a date at any precision covers: '2023-07' -> 2023-07-01."""
    parts = [int(p) for p in value[:10].split("-") if p]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


#: Marks closer than this (percent of the width) go to separate lanes, up to MAX_LANES; past
#: that a mark shares the lane that has been free longest (a dense stretch reads as a pile).
MIN_GAP = 3.0
MAX_LANES = 8
MAX_TICKS = 8


def time_axis(entries: Sequence[Dated]) -> TimeAxis:
    """Where each dated entry sits on a horizontal axis, with month or year ticks between."""
    dated = [(day_of(e.date), n, e) for n, e in enumerate(entries, start=1) if e.date]
    if not dated:
        return TimeAxis((), (), None, None)
    lo, hi = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    span = max((hi - lo).days, 1)

    def left(day: dt.date) -> float:
        return round(100 * (day - lo).days / span, 2)

    lane_ends: list[float] = []
    marks = []
    for day, number, e in sorted(dated, key=lambda dne: dne[:2]):
        x = left(day)
        lane = next((i for i, end in enumerate(lane_ends) if x - end >= MIN_GAP), len(lane_ends))
        if lane == MAX_LANES:
            lane = min(range(MAX_LANES), key=lambda i: (lane_ends[i], i))
        lane_ends[lane:lane + 1] = [x]
        marks.append(AxisMark(x, lane, e.date, e.id, e.outlets, number))
    return TimeAxis(tuple(marks), _ticks(lo, hi, left), lo.isoformat(), hi.isoformat())


def _ticks(lo: dt.date, hi: dt.date, left) -> tuple[AxisTick, ...]:
    """Month starts for a span under two years, year starts beyond, thinned to a readable few."""
    if (hi - lo).days > 730:
        starts = [(dt.date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1)]
    else:
        starts, y, m = [], lo.year, lo.month
        while True:
            m, y = (1, y + 1) if m == 12 else (m + 1, y)
            if dt.date(y, m, 1) > hi:
                break
            starts.append((dt.date(y, m, 1), f"{y:04d}-{m:02d}"))
    step = max(1, math.ceil(len(starts) / MAX_TICKS))
    return tuple(AxisTick(left(day), label) for day, label in starts[::step])
