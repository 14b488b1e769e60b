"""Two claims on the same subject and attribute, compared: agree, conflict, or one more precise.

Each claim becomes an interval of the values it allows once normalized: a figure widened by
its rounding ("40,000 crore" is 35,000-45,000 crore at most 10% off) and by its qualifier
("over 5 billion" allows anything above 5 billion, though a writer would round a figure much
larger than 7.5 billion differently), money converted to US dollars at the average rate of
the year it was written, a date spanning its day, month or year. Two claims conflict when
no value satisfies both; they agree when their usual readings overlap and neither is much
vaguer; otherwise the sharper one is the more precise. Dates given as a weekday are compared
as weekdays; a year given only relative to an undated article ("next year") is read against
the earliest date its text and its event's other reports allow, and the explanation says so.

Only like with like: plain or reported statements with each other, expectations with
expectations; denials are never compared. Counts and shares of an event change as news
comes in, so they are compared only between reports written within `SAME_NEWS_DAYS`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from ..model import STATED_BASES
from ..tell.events import RECENT_DAYS
from .rates import to_usd

#: Reports further apart than this may give different tolls without disagreeing: the toll grew.
SAME_NEWS_DAYS = 1
#: Qualifiers, grouped by what they say of the true value against the written one.
ABOVE = frozenset({"over", "more than", "at least", "upwards of", "just over", "well over", "in excess of"})
BELOW = frozenset({"under", "less than", "at most", "up to", "fewer than", "just under", "no more than"})
NEAR = frozenset({"about", "around", "some", "approximately", "roughly", "estimated", "an estimated", "nearly",
                  "almost", "close to", "approx"})
#: A figure written "over X" is seldom more than this times X (else the writer would say so).
USUAL_SPAN = 1.5
#: How much vaguer one claim must be than the other for "more precise" rather than "agree".
VAGUER = 4.0
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_VAGUE = re.compile(r"(?i)^(?:\w+\s+)?(?:dozens|scores|hundreds|thousands|millions|billions|tens)\b")
_KIND_WEIGHT = {"date": 3.0, "money": 3.0, "count": 2.0, "percent": 1.5, "measure": 1.0}


@dataclass(frozen=True)
class Verdict:
    verdict: str  # agree, conflict or more_precise
    explanation: str
    weight: float  # how much it matters: kind, size of the gap, certainty of the reading


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _who(side: dict[str, Any]) -> str:
    return side.get("outlet") or side.get("source") or f"article {side['article_id']}"


def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two claims may be compared at all: like modality, and for event tolls the same news day."""
    if "denied" in (a["modality"], b["modality"]):
        return False
    if (a["modality"] == "expected") != (b["modality"] == "expected"):
        return False
    if a["kind"] != "date" and a["scope"] == "event":
        da, db = _day(a.get("published")), _day(b.get("published"))
        if da is None or db is None or abs((da - db).days) > SAME_NEWS_DAYS:
            return False
        # "81 killed in Mexico" and "two million killed in 1957" share an event's reports, not a subject
        if not shared_context(a, b):
            return False
        if a["kind"] == "count" and not _same_place(a, b):
            return False  # "12 died in Yemen" and "233 killed in Benghazi": two places' tolls
    if a["kind"] == "date" and a["scope"] == "entity":
        return b["scope"] == "entity"  # the year of a named thing ("the 1953 Great Flood disaster") stays
    if a["kind"] == "date" and a["modality"] != "expected":
        return (_is_the_news(a) and _is_the_news(b)) or (_recalled_day(a) and _recalled_day(b))
    if a["kind"] == "date":
        if not (_MONTH_OR_DAY.match(a["value"]) or a.get("relative")) or not (
                _MONTH_OR_DAY.match(b["value"]) or b.get("relative")):
            return False  # "the 1989 spill", "a 2010 deadline": a year names, it does not schedule
        if a["attribute"].rsplit(" ", 1)[-1] in RECURRING and not shared_context(a, b, WHO):
            return False  # "ministers meet on Thursday", "experts meet on Tuesday": two meetings
    return True


#: Happenings that recur within one story: a plan for one says nothing of another unless they share names.
RECURRING = frozenset({"meeting", "call", "visit", "protest", "attack", "hearing", "trial", "funeral"})
_MONTH_OR_DAY = re.compile(r"^(?:\d{4}|XXXX)-(?:\d{2}|WXX)")


#: Kinds of canonical entity (the prefix of their ids) that say who does something: a plan to meet or
#: to visit is the same plan only if the same people or bodies make it, wherever they go.
WHO = ("person:", "org:")


def shared_context(a: dict[str, Any], b: dict[str, Any], kinds: tuple[str, ...] = ()) -> bool:
    """Whether two claims' sentences name a canonical entity in common (of `kinds`, when given)."""
    def named(side: dict[str, Any]) -> set[str]:
        return {e for e in (side.get("context") or "").split(",") if e and (not kinds or e.startswith(kinds))}
    return bool(named(a) & named(b))


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two tolls may count the dead of the same place: not when their clauses name two places
    ("12 died in Yemen", "233 killed in protests in Benghazi"). A toll that names none is the event's."""
    return not (a.get("subject_entity") and b.get("subject_entity")) or a["subject_entity"] == b["subject_entity"]


#: A report says when its news happened in its first sentences; later dates tell other happenings.
LEAD_SENTENCES = 4


def _is_the_news(side: dict[str, Any]) -> bool:
    """Whether a past date can be the day of the news its report tells, not background.

    News dates what it reports to the day ("on Monday", "on December 20"), in its opening
    sentences and shortly before it is written; a month, a year, a day weeks earlier, or a date
    further down dates something else the report recalls (an earlier rally, another call).
    """
    value = side["value"]
    if side.get("sentence", 0) >= LEAD_SENTENCES:
        return False
    if value.startswith("XXXX-WXX-"):
        return True
    if not re.match(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$", value):
        return False
    day, published = _day(value), _day(side.get("published"))
    if day is None or published is None:
        return True
    return -1 <= (published - day).days <= RECENT_DAYS


def _recalled_day(side: dict[str, Any]) -> bool:
    """Whether a past date recalled as background names at least its month ("the rig exploded on April
    20", "sank last month"): two reports that recall the same day for the same happening agree, but
    two different days are as likely two happenings as a disagreement, so such dates never conflict."""
    return bool(re.match(r"^\d{4}-\d{2}", side["value"]))


#: A figure this large, given alike by two reports of one news day, is one count, whatever else
#: their sentences name: coincidence is for small numbers.
SAME_FIGURE_FLOOR = 10


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two event figures of one news day are the very same figure, qualifier and all ("at least
    120 dead in the country", "protests in the capital, in which at least 120 people have been killed")."""
    if a["kind"] == "date" or a["scope"] != "event" or a["number"] is None or a["number"] != b["number"]:
        return False
    if a["number"] < SAME_FIGURE_FLOOR or _VAGUE.match(a["text"]) or _VAGUE.match(b["text"]):
        return False
    if (a.get("qualifier") or "").lower() != (b.get("qualifier") or "").lower():
        return False
    if a["unit"] != b["unit"] or "denied" in (a["modality"], b["modality"]):
        return False
    if (a["modality"] == "expected") != (b["modality"] == "expected"):
        return False
    da, db = _day(a.get("published")), _day(b.get("published"))
    return da is not None and db is not None and abs((da - db).days) <= SAME_NEWS_DAYS


def compare(a: dict[str, Any], b: dict[str, Any]) -> Verdict | None:
    """The verdict on two claims of the same subject and attribute, or None if they cannot be compared.

    Each side is a mapping with the claim's fields (kind, value, number, unit, low, high,
    qualifier, tolerance, modality, scope, relative, anchored, text) and its article's
    (article_id, source, published, earliest).
    """
    if not comparable(a, b):
        verdict = _compare_amounts(a, b) if _same_figure(a, b) else None
        return verdict if verdict is not None and verdict.verdict == "agree" else None
    if a["kind"] == "date":
        # a recalled day, or the year that names a thing ("the 2008 Olympics" and "the 2012 Olympics" may be
        # linked to one entity): agreement is telling, a difference is more likely two happenings
        recalled = a["scope"] == "entity" or (a["modality"] != "expected" and not (_is_the_news(a) and _is_the_news(b)))
        if recalled and (_WEEKDAY_ONLY.match(a["text"].strip()) or _WEEKDAY_ONLY.match(b["text"].strip())) \
                and a["value"] != b["value"]:
            return None  # "on Wednesday" recalled in two reports: maybe two weeks' Wednesdays
        verdict = _compare_dates(a, b)
        if verdict is not None and verdict.verdict == "conflict" and recalled:
            return None  # two recalled days: maybe two happenings (see `_recalled_day`)
        return verdict
    return _compare_amounts(a, b)


# -- amounts -------------------------------------------------------------------------------------


def _amount_interval(side: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float], str] | None:
    """(hard interval, usual interval, the value as compared, in words) of an amount, in USD for money."""
    lo = side["low"] if side["low"] is not None else side["number"]
    hi = side["high"] if side["high"] is not None else side["number"]
    if lo is None or hi is None:
        return None
    shown = side["text"]
    if side["kind"] == "money" and side["unit"] != "USD":
        year = _year(side.get("published")) or _year(side.get("earliest"))
        lo_usd, hi_usd = to_usd(lo, side["unit"], year), to_usd(hi, side["unit"], year)
        if lo_usd is None or hi_usd is None:
            return None
        rate = lo_usd[1]
        lo, hi = lo_usd[0], hi_usd[0]
        shown = f"{side['text']} (about USD {_money(lo if lo == hi else (lo + hi) / 2)} at {rate.note})"
    tol = side.get("tolerance") or 0.0
    q = (side.get("qualifier") or "").lower()
    if q in NEAR:
        tol = max(tol, 0.15)
    hard = (lo * (1 - tol), hi * (1 + tol))
    usual = hard
    if q in ABOVE:
        hard, usual = (lo * (1 - tol), math.inf), (lo, hi * USUAL_SPAN)
    elif q in BELOW:
        hard, usual = (0.0, hi * (1 + tol)), (lo / USUAL_SPAN, hi)
    elif q in ("nearly", "almost"):
        hard = usual = (lo * (1 - max(tol, 0.15)), hi * (1 + (side.get("tolerance") or 0.0)))
    return hard, usual, shown


def _money(v: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= scale:
            return f"{v / scale:,.2f} {word}"
    return f"{v:,.0f}"


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _width(x: tuple[float, float]) -> float:
    return max(x[1] - x[0], abs(x[0]) * 0.02, 1e-9)


def _loose(side: dict[str, Any]) -> bool:
    """Whether a figure says less than a number does: a word for many ("dozens", "millions of dollars")
    or a range ("8,000 to 12,000"). Only such a figure is less precise than another that fits it; a
    round number ("$2bn") against a sharper one ("$1.9 billion") is the same figure, rounded."""
    ranged = side["low"] is not None and side["high"] is not None and side["low"] != side["high"]
    return bool(_VAGUE.match(side["text"])) or ranged


def _compare_amounts(a: dict[str, Any], b: dict[str, Any]) -> Verdict | None:
    ia, ib = _amount_interval(a), _amount_interval(b)
    if ia is None or ib is None:
        return None
    (ha, ua, sa), (hb, ub, sb) = ia, ib
    what = a["attribute"]
    base = _KIND_WEIGHT.get(a["kind"], 1.0)
    if not _overlap(ha, hb) and (_VAGUE.match(a["text"]) or _VAGUE.match(b["text"])):
        return None  # "dozens killed" against "seven killed": too loose to call a disagreement
    if not _overlap(ha, hb):
        mid_a, mid_b = (ua[0] + min(ua[1], ua[0] * 10)) / 2, (ub[0] + min(ub[1], ub[0] * 10)) / 2
        gap = abs(mid_a - mid_b) / max(min(mid_a, mid_b), 1e-9)
        return Verdict("conflict", f"{_who(a)} gives the {what} as {sa} and {_who(b)} as {sb}; "
                                   f"no figure fits both.", base * (1 + min(gap, 3.0)))
    if _overlap(ua, ub):
        wa, wb = _width(ua), _width(ub)
        bounded = {(a.get("qualifier") or "").lower(), (b.get("qualifier") or "").lower()} & (ABOVE | BELOW)
        if bounded or max(wa, wb) / min(wa, wb) < VAGUER or not (_loose(a) or _loose(b)):
            # "over 100" and "103", "$2bn" and "$1.9 billion": the same figure, one of them rounded
            return Verdict("agree", f"{_who(a)} gives the {what} as {sa} and {_who(b)} as {sb}; "
                                    f"these agree within their rounding and qualifiers.", base)
    sharper, vaguer = (a, b) if _width(ua) <= _width(ub) else (b, a)
    s_text, v_text = (sa, sb) if sharper is a else (sb, sa)
    return Verdict("more_precise", f"{_who(sharper)} gives the {what} as {s_text}, more precise than "
                                   f"{_who(vaguer)}'s {v_text}, which allows it.", base * 0.5)


# -- dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _When:
    first: dt.date | None = None  # the period the date names, when its year is known
    last: dt.date | None = None
    month: int | None = None  # month and day, when the year is not known
    day: int | None = None
    weekday: int | None = None  # 0 = Monday, for "on Monday" in an undated report
    words: str = ""
    assumed: str = ""  # how a year missing from the text was supplied, for the explanation


_FULL = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?$")


def _anchor_year(side: dict[str, Any], other: dict[str, Any]) -> tuple[int | None, str]:
    """The year an undated report's "next year" counts from: its own date, else the earliest its
    text and the other report of the same event allow (news is written soon after what it reports)."""
    own = _year(side.get("published"))
    if own:
        return own, ""
    stated = other.get("published") if other.get("published_basis") in STATED_BASES else None
    if stated and side.get("scope") == "event":
        return _year(stated), f"{_who(side)} carries no date; read against {_who(other)}'s {stated} report of the same event"
    bounds = [d for d in (side.get("earliest"), other.get("earliest")) if d]
    if not bounds:
        return None, ""
    start = max(bounds)
    return _year(start), f"{_who(side)} carries no date; its reports of this event were written no earlier than {start}"


_WEEKDAY_ONLY = re.compile(r"(?i)^(?:(?:on|last|this|next|past|coming)\s+)?(?:the\s+)?"
                           r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s|’s)?$")


def _when(side: dict[str, Any], other: dict[str, Any]) -> _When | None:
    value = side["value"]
    if value.startswith("XXXX-WXX-"):
        wd = int(value[-1]) - 1
        return _When(weekday=wd, words=_WEEKDAYS[wd])
    written = _WEEKDAY_ONLY.match(side["text"].strip())
    if written:  # which week a bare weekday means is the resolver's guess; the day is what was written
        wd = [w.lower() for w in _WEEKDAYS].index(written.group(1).lower())
        return _When(weekday=wd, words=_WEEKDAYS[wd])
    m = _FULL.match(value)
    if not m:
        return None
    year = None if m.group(1) == "XXXX" else int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    assumed = ""
    rel = side.get("relative")
    if year is None and rel and rel.startswith("year"):
        anchor, assumed = _anchor_year(side, other)
        if anchor is None:
            return None
        year = anchor + int(rel[4:])
    if year is None:
        if month is None:
            return None
        return _When(month=month, day=day, words=f"{_MONTHS[month - 1]}" + (f" {day}" if day else ""))
    try:
        if day:
            first = last = dt.date(year, month, day)
            words = f"{first:%A} {day} {_MONTHS[month - 1]} {year}"
        elif month:
            first = dt.date(year, month, 1)
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            words = f"{_MONTHS[month - 1]} {year}"
        else:
            first, last, words = dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)
    except ValueError:
        return None
    q = side.get("qualifier")
    if q == "by":
        first, words = dt.date.min, f"by {words}"
    elif q == "after":
        last, words = dt.date.max, f"after {words}"
    return _When(first, last, month, day, None, words, assumed)


def _quote(side: dict[str, Any], when: _When) -> str:
    written = side["text"]
    return f"'{written}'" + (f" ({when.words})" if when.words.lower() != written.lower() else "")


def _compare_dates(a: dict[str, Any], b: dict[str, Any]) -> Verdict | None:
    wa, wb = _when(a, b), _when(b, a)
    if wa is None or wb is None:
        return None
    what = a["attribute"].removeprefix("date of ")
    notes = "; ".join(n for n in (wa.assumed, wb.assumed) if n)
    tail = f" ({notes})" if notes else ""
    certainty = 0.7 if notes else 1.0

    def says(verdict: str, sentence: str, weight: float) -> Verdict:
        return Verdict(verdict, sentence + tail + ".", weight * certainty)

    qa, qb = _quote(a, wa), _quote(b, wb)
    # weekdays: against each other, or against a dated day
    if wa.weekday is not None or wb.weekday is not None:
        days = []
        for w in (wa, wb):
            if w.weekday is not None:
                days.append(w.weekday)
            elif w.first is not None and w.first == w.last:
                days.append(w.first.weekday())
            else:
                return None
        if days[0] == days[1]:
            return says("agree", f"{_who(a)} and {_who(b)} both put the {what} on a {_WEEKDAYS[days[0]]}", 3.0)
        return says("conflict", f"{_who(a)} puts the {what} on {qa} and {_who(b)} on {qb}: "
                                f"{_WEEKDAYS[days[0]]} and {_WEEKDAYS[days[1]]} cannot both be right", 4.0)
    # month (and day) without a year, against anything with a month
    if wa.first is None or wb.first is None:
        ma, mb = wa.month or (wa.first.month if wa.first and wa.first != dt.date.min else None), \
            wb.month or (wb.first.month if wb.first and wb.first != dt.date.min else None)
        if ma is None or mb is None:
            return None
        if wa.first is not None and wa.last != wa.first and wa.first.month != wa.last.month:
            return None  # a whole year against a month-day: nothing to say
        if wb.first is not None and wb.last != wb.first and wb.first.month != wb.last.month:
            return None
        if ma != mb:
            return says("conflict", f"{_who(a)} puts the {what} in {_MONTHS[ma - 1]} ({qa}) and {_who(b)} in "
                                    f"{_MONTHS[mb - 1]} ({qb})", 3.0)
        da, db = wa.day or (wa.first.day if wa.first and wa.first == wa.last else None), \
            wb.day or (wb.first.day if wb.first and wb.first == wb.last else None)
        if da and db and da != db and abs(da - db) > (1 if a.get("anchored") or b.get("anchored") else 0):
            return says("conflict", f"{_who(a)} puts the {what} on {qa} and {_who(b)} on {qb}", 3.0)
        if da and db and da != db:
            return None
        return says("agree", f"{_who(a)} and {_who(b)} agree on the {what}: {qa} and {qb}", 2.0)
    if wa.last < wb.first or wb.last < wa.first:
        same_span = (wa.last - wa.first) == (wb.last - wb.first)
        gap = abs((wa.first - wb.first).days) if same_span else min(abs((wa.first - wb.last).days),
                                                                    abs((wb.first - wa.last).days))
        if gap <= 1 and wa.first == wa.last and wb.first == wb.last and (a.get("anchored") or b.get("anchored")):
            return None  # one day apart, one of them from "yesterday"-like words: time zones, not news
        return says("conflict", f"{_who(a)} puts the {what} at {qa} and {_who(b)} at {qb}, "
                                f"{_gap_words(gap)} apart", 3.0 * (1 + min(gap / 30, 3.0)))
    span_a, span_b = (wa.last - wa.first).days, (wb.last - wb.first).days
    if span_a == span_b:
        return says("agree", f"{_who(a)} and {_who(b)} agree on the {what}: {qa} and {qb}", 3.0)
    sharper, vaguer, qs, qv = (a, b, qa, qb) if span_a < span_b else (b, a, qb, qa)
    return says("more_precise", f"{_who(sharper)} dates the {what} more precisely, {qs}, "
                                f"within {_who(vaguer)}'s {qv}", 1.5)


def _gap_words(days: int) -> str:
    if days < 31:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 365:
        return f"about {round(days / 30.4)} months"
    return f"about {round(days / 365.25)} year{'s' if days >= 548 else ''}"
