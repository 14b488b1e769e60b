"""The publication date of an undated article, inferred from the dates its text mentions.

News is written soon after what it reports. The latest full date an article mentions in
the past tense (or with no tense) is therefore a lower bound for its publication and
usually a close one: on Timeline17 nine articles in ten appear within a day of it. A
date mentioned in the future tense is an upper bound. A line such as "Last updated: 14
January, 2010" at the top or bottom of the page states the date outright and wins.

Windows are deliberately generous, because a window that contains the truth matters
more than a narrow one: two days before to two months after a full date; for a month
or a year alone ("in March 2009", "in 2005", usually background rather than news) only
"not before" is known, so the window runs to the present day.

An article that names no absolute date gives nothing to go on, and the answer is None:
relative expressions ("last week", "on Monday") cannot be placed without one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .temporal import mentions, tense_at

__all__ = ["DateGuess", "infer_publication_date"]


@dataclass(frozen=True)
class DateGuess:
    """A guessed publication date with the window it is believed to lie in, and why."""

    best: dt.date
    earliest: dt.date
    latest: dt.date
    evidence: list[str]


#: Days a window reaches past the latest full date mentioned, and before it (a datelined
#: story may be filed the evening before the date it carries; a tense may be misread).
AFTER_FULL_DATE = 60
BEFORE_FULL_DATE = 2
#: A month or year named later than the latest full date, in the past tense, says the
#: full date was background: it takes over when no more than this many days later.
BACKGROUND_GAP = 30
#: With only plans to go on ("will open in March 2012"), how far back the window reaches.
BEFORE_PLAN = {"day": 60, "month": 365, "year": 5 * 365}
#: A plan bounds the window from above only when it lies this close after the lower bound;
#: further off it is more likely a misread tense than a plan.
PLAN_REACH = 5 * 365
#: A stamp must sit this close to the start or the end of the text to be the page's own.
STAMP_MARGIN = 300

_FULL = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_STAMP = re.compile(r"(?:(?:page\s+)?last\s+(?:updated|modified)|updated\s+(?:at|on)|first\s+published|published\s+(?:at|on)"
                    r"|posted\s+(?:at|on))\W*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\W*)?(?:\w+day\W*)?$", re.I)
_EARLIEST_YEAR = 1800


@dataclass(frozen=True)
class _Evidence:
    start: dt.date  # first day the expression covers
    end: dt.date  # last day it covers
    precision: str  # day, month or year
    tense: int  # -1 past, 0 none, +1 future
    text: str
    stamp: bool = False  # "last updated ...": the publication date itself

    def said(self) -> str:
        how = {-1: "in the past tense", 1: "in the future tense"}.get(self.tense, "with no tense")
        return f'mentions "{self.text}" {how}'


def _period(value: str) -> tuple[dt.date, dt.date, str] | None:
    """'2021-12-20' / '2021-12' / '2021' (TIME values too) -> first day, last day, precision."""
    try:
        if m := _FULL.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        return None
    return None


def _evidence(text: str, today: dt.date) -> list[_Evidence]:
    """Every fully specified date, month or year the text names, with the tense around it."""
    out = []
    for m in mentions(text, None):
        e = m.expression
        if e.anchored or e.type not in ("DATE", "TIME"):
            continue
        p = _period(e.value)
        if p is None or not _EARLIEST_YEAR <= p[0].year <= today.year + 100:
            continue
        near_edge = e.start < STAMP_MARGIN or e.end > len(text) - STAMP_MARGIN
        stamp = p[2] == "day" and near_edge and bool(_STAMP.search(text[max(0, e.start - 60):e.start]))
        out.append(_Evidence(p[0], p[1], p[2], tense_at(text, e.start, e.end), e.text, stamp))
    return out


def infer_publication_date(text: str, *, today: dt.date | None = None) -> DateGuess | None:
    """Guess when `text` was published; None when it names no absolute date to reason from.

    `today` (default: the current date) caps every window: nothing is published in the future.
    """
    today = today or dt.date.today()
    ev = _evidence(text, today)
    if not ev:
        return None
    stamps = [e for e in ev if e.stamp]
    if stamps:
        s = max(stamps, key=lambda e: e.start)
        return DateGuess(s.start, s.start - dt.timedelta(days=1), min(today, s.start + dt.timedelta(days=1)),
                         [f'says it was published or updated on "{s.text}"'])

    past = [e for e in ev if e.tense <= 0]
    plans = [e for e in ev if e.tense > 0]
    if not past:
        return _before_plans(plans, today)

    full = [e for e in past if e.precision == "day"]
    low = max(full, key=lambda e: e.start) if full else None
    if low is not None:
        for e in past:
            if e.precision != "day" and e.start > low.end + dt.timedelta(days=BACKGROUND_GAP):
                if e.tense < 0:
                    low = e if low.precision == "day" or e.start > low.start else low
                elif e.tense == 0:
                    plans.append(e)  # named later than the news with no tense: most likely a target
    if low is None:
        told = [e for e in past if e.tense < 0] or past
        low = max(told, key=lambda e: (e.start, e.precision == "month"))

    reasons = [low.said()]
    if low.precision == "day":
        earliest = low.start - dt.timedelta(days=BEFORE_FULL_DATE)
        latest = low.end + dt.timedelta(days=AFTER_FULL_DATE)
        best = low.start
    else:
        earliest, latest, best = low.start, today, low.end
        reasons.append("a month or a year alone says only 'not before'")
    ahead = [e for e in plans if low.end + dt.timedelta(days=1) < e.end <= low.end + dt.timedelta(days=PLAN_REACH)]
    if ahead:
        bound = min(ahead, key=lambda e: e.end)
        if bound.end < latest:
            latest = bound.end
            reasons.append(bound.said())
    latest = max(min(latest, today), earliest)
    best = min(max(best, earliest), latest)
    return DateGuess(best, earliest, latest, reasons)


def _before_plans(plans: list[_Evidence], today: dt.date) -> DateGuess:
    """Only future events are named: the article came some time before the first of them."""
    first = min(plans, key=lambda e: e.start)
    latest = min(first.end, today)
    earliest = min(first.start - dt.timedelta(days=BEFORE_PLAN[first.precision]), latest)
    best = max(earliest, min(latest, first.start - dt.timedelta(days=7)))
    return DateGuess(best, earliest, latest, [first.said()])
