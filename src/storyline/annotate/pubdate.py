"""The publication date of an undated article, inferred from the dates its text mentions.

News is written soon after what it reports. The latest full date an article mentions in
the past tense (or with no tense) is therefore a lower bound for its publication and
usually a close one: on Timeline17 nine articles in ten appear within a day of it. A
date mentioned in the future tense ("will open on", "expected to dock on", "the invitation
to the forum in September 2019") is an upper bound. The page may state the date outright:
"Last updated: 14 January, 2010" at its top or bottom, a timestamp with a clock time at
its top ("Tue Apr 28, 2009 9:03 pm BST"), or a wire dateline ("MOSCOW, Oct 11 (Reuters) -").

Windows are deliberately generous, because a window that contains the truth matters
more than a narrow one: two days before to two months after a full date; for a month
or a year alone ("in March 2009", "since 2015", "the 1990s", usually background rather
than news) only "not before" is known, so the window runs to the present day unless a
plan closes it, and a window wider than a year says that it is too wide to date the
article (`best` is then only where the evidence starts, not a date to store). A month or
a year read in the future tense bounds the window only when a word in its own clause
vouches for the plan ("expects ... in October 2020"): on a modal verb's word alone
("could rival the 1989 spill") such readings are wrong more often than right.

Days named without a year ("on November 30", "Monday 18 September") are placed only
where dated evidence allows, and never supply a year by themselves:

* a weekday keeps the years whose calendar agrees; when just one of them lies near the
  dated evidence, the day counts as a full date;
* a year-less day in the past is the first such day not before the latest month or year
  named, if that is less than a year after it (writers drop the year for recent dates and
  give it for older ones): it raises the lower bound and the best guess. It does not
  close the window: on Timeline17 the article is more often a year or more later;
* a year-less day ahead, in a window of a few weeks, is the next such day after its start;
* a dateline's day is the publication day, in whichever years the window allows.

An article that names no year gives nothing to go on and the answer is None;
`undated_reason` says why. Other reports can lend a year: `year_of` maps a day without a
year to the year a dated report of the same storyline gives it (the build's placement step,
`storyline.link.placement`, supplies it), and the day then counts as a full date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .temporal import mentions, tense_at

__all__ = ["DateGuess", "YearOf", "infer_publication_date", "undated_days", "undated_reason"]

#: A year for a day named without one, from elsewhere: (month, day) -> (year, where it comes from).
YearOf = Mapping[tuple[int, int], tuple[int, str]]


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
BEFORE_PLAN = {"day": 60, "month": 365, "season": 365, "year": 5 * 365, "decade": 10 * 365}
#: With only a month or a year ahead to go on, the best guess is this many days before it begins.
PLAN_LEAD = 180
#: A plan bounds the window from above only when it lies this close after the lower bound;
#: further off it is more likely a misread tense than a plan.
PLAN_REACH = 5 * 365
#: A stamp must sit this close to the start or the end of the text to be the page's own.
STAMP_MARGIN = 300
#: A dateline sits in the opening characters; the story is filed that day, and printed
#: editions carry it up to a couple of days later.
DATELINE_MARGIN = 600
DATELINE_BEFORE, DATELINE_AFTER = 1, 2
#: How long ago (or ahead) a day named without its year may lie: writers give the year beyond that.
RECENT = 330
#: A window wider than this many days cannot date the article; the evidence says so.
WIDE_WINDOW = 366

_FULL = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")
_DECADE = re.compile(r"^(\d{3})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into February
_STAMP = re.compile(r"(?:(?:page\s+)?last\s+(?:updated|modified)|updated\s+(?:at|on)|first\s+published"
                    r"|published\s+(?:at|on)|posted\s+(?:at|on))"
                    r"\W*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\W*)?(?:\w+day\W*)?$", re.I)
#: A dateline: "MOSCOW, Oct 11 (Reuters) -", "NEW YORK, Sept. 24 --", or at a line's start "Dharapur, 8 April --".
_NAME = r"[A-Z][A-Za-z.'’-]+"
_REGION = rf"(?:\s*,\s*{_NAME}(?:\s+{_NAME})?)?"
_CAPS_CITY = rf"[A-Z][A-Z.'’-]+(?:(?:\s+|\s*\\?/\s*)[A-Z][A-Z.'’-]+){{0,3}}{_REGION}"
_LINE_CITY = rf"(?:^|\n)[ \t]*{_NAME}(?:\s+{_NAME}){{0,2}}{_REGION}"
_DATELINE_BEFORE = re.compile(rf"(?:(?:^|(?<=[\s|*])){_CAPS_CITY}|{_LINE_CITY})\s*,\s*$")
_DATELINE_AGENCY = re.compile(r"^\s*(?:\(\s*[A-Z][\w&. ]{1,24}\)|-LRB-\s*[A-Z][\w&. ]{1,24}\s*-RRB-)")
_DATELINE_DASH = re.compile(r"^\s*(?:--|—|–|-|:)\s")
#: "Tue Apr 28, 2009 9:03 pm BST" at the top of a page: the time the page was stamped.
_CLOCK_AFTER = re.compile(r"^\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b\.?)?", re.I)
#: "March 21, 2011 at 9:20 am | Reply", "... 5:32 pm | Report abuse": a reader's comment below the article.
_COMMENT_AFTER = re.compile(r"^\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b\.?)?\s*(?:[A-Z]{2,4}\b)?\s*"
                            r"(?:\||Reply\b|Report\s+abuse)", re.I)
_COMMENT_WROTE = re.compile(r"^\s*,?\s*[\w.'’ -]{1,40}?\s+wrote\s*:", re.I)  # "At 07:53 on 02 Jun 2009, Ann wrote:"
_COMMENT_POSTED = re.compile(r"\bposted\s+by\s+[^.|\n]{1,60}?\s+(?:on|at)\s+$", re.I)  # "Posted by Ann on ..."
#: "the invitation to the annual forum in September 2019", "deliveries due from October 2020": the date belongs
#: to an event that the noun phrase places ahead, whatever the sentence's verb says about the inviting.
_PLANNED = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bhad )"
    r"\b(?:invitations?\s+(?:to|for)|due\s+(?:to\s+be|for|in|on|by|from)"
    r"|(?:expected|scheduled|slated)\s+(?:to|for|in|on|at|by|from)|set\s+(?:for|to)"
    r"|(?:ends|begins|starts|opens|closes|expires|resumes|takes\s+effect|takes\s+place)(?=\s+(?:on|in|at|by|from)\s))"
    r"\s+(?:(?!(?:was|were|had|has|is|are|been|and|but)\b)[\w'’-]+\s+){0,6}?(?:(?:in|on|at|for|from|by)\s+)?$", re.I)
#: "ahead of the 2017 title clash": the date names what is still to come.
#: "put on hold through at least 2025", "kept until 2030": a month or a year that ends a period is
#: no past date, whatever the tense of the verb (read in the future tense it still bounds a plan).
_PERIOD_END = re.compile(r"\b(?:through|thru|until|till|by)\s+(?:at\s+least\s+|the\s+end\s+of\s+|the\s+middle\s+of\s+"
                         r"|early\s+|mid-?\s*|late\s+)?$", re.I)
_AHEAD = re.compile(r"\bahead\s+of\s+(?:(?:the|a|an|its|his|her|their|next|this)\s+)?(?:expected\s+)?$", re.I)
#: Words that vouch for a future reading of a month or a year in their clause; the tense rules alone are
#: right less than half the time about those (a modal verb elsewhere in the sentence decides).
_PLAN_WORDS = frozenset("""will 'll ’ll shall expect expects expected expecting scheduled due plan plans planned
aim aims aiming target targets targeted deadline intend intends invitation invitations forthcoming next
hope hopes""".split())
_PAST_HERE = frozenset("was were had did said ago back earlier previously already".split())
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\b(?:that|which|who|whom|whose|when|where|while|because|although"
                           r"|after|before|since)\b", re.I)
_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll")
#: "2030 GMT", "at 1815 local time": a clock time that reads like a year.
_CLOCK_YEAR_AFTER = re.compile(r"^\s*(?:[ECMP][SD]T|GMT|UTC|BST|CET|IST|JST|hrs|hours|h\b|local\s+time)", re.I)
_CLOCK_YEAR_BEFORE = re.compile(r"\b(?:at|from|until|by)\s+$", re.I)
#: A date used as a modifier ("the 1989 Exxon Valdez disaster", "a 2002 speech") names an event:
#: its verb says little about when it lies, and such events are nearly always in the past.
_ATTR_BEFORE = re.compile(r"(?:\bthe|\ba|\ban|\bits|\btheir|\bhis|\bher|['’]s)\s+$", re.I)
_ATTR_AFTER = re.compile(r"^(?:\s*-\s*|\s+)([A-Za-z][\w-]*)")
_NOT_NOUN = frozenset("and or to in of on at was is were are when as that which with for the by from until since "
                      "through after before had has have will would could".split())
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RX = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)
_EARLIEST_YEAR = 1800


@dataclass(frozen=True)
class _Evidence:
    start: dt.date  # first day the expression covers
    end: dt.date  # last day it covers
    precision: str  # day, month, season, year or decade
    tense: int  # -1 past, 0 none, +1 future
    text: str
    stamp: bool = False  # "last updated ...": the publication date itself
    note: str = ""  # how a year was found for a date the text gives without one
    comment: bool = False  # "March 21, 2011 at 9:20 am | Reply": a reader's comment, made after the article

    def said(self) -> str:
        how = {-1: "in the past tense", 1: "in the future tense"}.get(self.tense, "with no tense")
        return f'mentions "{self.text}" {how}{self.note}'


@dataclass(frozen=True)
class _Floating:
    """A day named without its year ("November 30", "Monday 18 September")."""

    month: int
    day: int
    weekday: int | None  # 0 = Monday, when the text names it
    tense: int
    text: str
    dateline: bool = False

    def on(self, year: int) -> dt.date | None:
        try:
            d = dt.date(year, self.month, self.day)
        except ValueError:
            return None
        return d if self.weekday is None or d.weekday() == self.weekday else None

    def years(self, first: int, last: int) -> list[dt.date]:
        return [d for y in range(first, last + 1) if (d := self.on(y)) is not None]


def _period(value: str) -> tuple[dt.date, dt.date, str] | None:
    """'2021-12-20' / '2021-12' / '2021' / '2021-SU' / '2021-Q3' / '199' -> first day, last day, precision."""
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
        if m := _SEASON.match(value):
            y, (first, last) = int(m[1]), _SEASON_MONTHS[m[2]]
            end = dt.date(y + (last > 12), (last - 1) % 12 + 1, 1)
            return dt.date(y, first, 1), end.replace(day=calendar.monthrange(end.year, end.month)[1]), "season"
        if m := _QUARTER.match(value):
            y, code = int(m[1]), m[2]
            months = 3 if code[0] == "Q" else 6
            first = (int(code[1]) - 1) * months + 1
            last = first + months - 1
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1]), "season"
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
    except ValueError:
        return None
    return None


def _attributive(text: str, start: int, end: int, said: str) -> bool:
    """'the 1989 Exxon Valdez disaster', 'a 2002 speech': a date naming an event."""
    if said.lower().startswith("the "):
        before = "the "
    else:
        before = text[max(0, start - 8):start]
    if not _ATTR_BEFORE.search(before):
        return False
    m = _ATTR_AFTER.match(text[end:end + 40])
    return bool(m) and m.group(1).lower() not in _NOT_NOUN


def _tense(text: str, start: int, end: int, said: str, first: dt.date | None, today: dt.date) -> tuple[int, bool]:
    """The tense around a date, and whether a future reading is vouched for by a word governing it."""
    if first is not None and first > today:
        return 1, True  # not yet happened, whatever the verbs say ("the 2045 target", a misread clock time)
    before = text[max(0, start - 100):start]
    if _PLANNED.search(before) or _AHEAD.search(before[-40:]):
        return 1, True
    t = tense_at(text, start, end)
    if _attributive(text, start, end, said):
        return min(t, 0), False  # "could rival the 1989 disaster": the event lies behind, the verb's mood aside
    return t, t > 0 and _governed(before)


def _governed(before: str) -> bool:
    """A plan word in the date's own clause, with no past verb in between: "expects to open it in 2012"."""
    clause = _CLAUSE_BREAK.split(before[-90:])[-1]
    for word in reversed(_WORDS.findall(clause)[-9:]):
        w = word.lower()
        if w in _PAST_HERE:
            return False
        if w in _PLAN_WORDS:
            return True
    return False


def _weekday(said: str) -> int | None:
    m = _WEEKDAY_RX.search(said)
    if not m:
        return None
    head = m.group(1).lower()[:3]
    return next(i for i, w in enumerate(_WEEKDAY_NAMES) if w.startswith(head))


def _dateline(text: str, start: int, end: int) -> bool:
    """A date opening the story after the place it was filed from."""
    if start >= DATELINE_MARGIN:
        return False
    if not _DATELINE_BEFORE.search(text, max(0, start - 80), start):
        return False
    after = text[end:end + 40]
    return bool(_DATELINE_AGENCY.match(after) or _DATELINE_DASH.match(after))


def _stamped(text: str, start: int, end: int, value: str) -> bool:
    """A full date the page itself carries: "Last updated: ...", a dateline, a timestamp at the top."""
    near_edge = start < STAMP_MARGIN or end > len(text) - STAMP_MARGIN
    if near_edge and _STAMP.search(text[max(0, start - 60):start]):
        return True
    if start < STAMP_MARGIN and ("T" in value or _CLOCK_AFTER.match(text[end:end + 30])):
        return True
    return _dateline(text, start, end)


def _clock_time(text: str, start: int, end: int, ahead: bool) -> bool:
    """'2030 GMT', or 'at 2045' when 2045 has not come yet: a 24-hour clock, not a year."""
    return bool(_CLOCK_YEAR_AFTER.match(text[end:end + 12])
                or (ahead and _CLOCK_YEAR_BEFORE.search(text[max(0, start - 8):start])))


def _comment(text: str, start: int, end: int) -> bool:
    """A date stamping a reader's comment: it comes after the article, usually the same day."""
    after = text[end:end + 60]
    return bool(_COMMENT_AFTER.match(after) or _COMMENT_WROTE.match(after)
                or _COMMENT_POSTED.search(text, max(0, start - 80), start))


def _evidence(text: str, today: dt.date, year_of: YearOf | None = None
              ) -> tuple[list[_Evidence], list[_Floating], list[str]]:
    """Every fully specified date, month or year the text names, with the tense around it; every day it
    names without a year; and the months or years set aside as doubtful plans."""
    out: list[_Evidence] = []
    floating: list[_Floating] = []
    doubtful: list[str] = []
    for m in mentions(text, None):
        e = m.expression
        if e.type not in ("DATE", "TIME"):
            continue
        if e.anchored:
            if m.relative and m.relative[0] == "monthday":
                month, day = m.relative[1]
                lent = (year_of or {}).get((month, day))
                if lent is not None and (d := _Floating(month, day, _weekday(e.text), 0, e.text).on(lent[0])):
                    tense, _ = _tense(text, e.start, e.end, e.text, d, today)
                    out.append(_Evidence(d, d, "day", tense, e.text, note=f" (the year from {lent[1]})"))
                    continue
                tense, vouched = _tense(text, e.start, e.end, e.text, None, today)
                if tense > 0 and not vouched:
                    tense = 0  # "compared it with the attacks of Sept. 11": a day ahead needs a word saying so
                floating.append(_Floating(month, day, _weekday(e.text), tense, e.text, _dateline(text, e.start, e.end)))
            continue
        p = _period(e.value)
        if p is not None and p[2] == "decade" and not re.search(r"\d{4}", e.text):
            continue  # "the '90s", "the sixties": the century is a guess
        if p is None or not _EARLIEST_YEAR <= p[0].year <= today.year + 100:
            continue
        if p[2] == "year" and e.text.isdigit() and _clock_time(text, e.start, e.end, p[0] > today):
            continue  # "2030BST": a clock time
        dated = p[2] == "day" and p[0] <= today  # a page is not stamped, nor commented on, in the future
        comment = dated and e.start >= STAMP_MARGIN and _comment(text, e.start, e.end)
        stamp = dated and not comment and _stamped(text, e.start, e.end, e.value)
        tense, governed = _tense(text, e.start, e.end, e.text, p[0], today)
        if tense <= 0 and p[2] != "day" and _PERIOD_END.search(text[max(0, e.start - 40):e.start]):
            doubtful.append(e.text)  # "was put on hold through 2025": not a past date; a plan "by 2023" still bounds
            continue
        if tense > 0 and p[2] != "day" and not governed:
            doubtful.append(e.text)  # "could rival the 1989 spill": a month or year read as future on a modal alone
            continue
        out.append(_Evidence(p[0], p[1], p[2], tense, e.text, stamp, comment=comment))
    return out, floating, doubtful


def infer_publication_date(text: str, *, today: dt.date | None = None,
                           year_of: YearOf | None = None) -> DateGuess | None:
    """Guess when `text` was published; None when it names no absolute date to reason from.

    `today` (default: the current date) caps every window: nothing is published in the future.
    `year_of` lends years to days the text names without one (see the module's docstring).
    """
    return _infer(text, today or dt.date.today(), year_of)[0]


def undated_days(text: str) -> set[tuple[int, int]]:
    """The (month, day) pairs the text names without a year: what another report could date."""
    return {m.relative[1] for m in mentions(text, None)
            if m.expression.anchored and m.relative and m.relative[0] == "monthday"}


def undated_reason(text: str, *, today: dt.date | None = None) -> str | None:
    """Why `infer_publication_date` gives None for `text` (None when it does give a guess)."""
    guess, why = _infer(text, today or dt.date.today())
    return None if guess is not None else why


def _infer(text: str, today: dt.date, year_of: YearOf | None = None) -> tuple[DateGuess | None, str]:
    ev, floating, doubtful = _evidence(text, today, year_of)
    comments = [e for e in ev if e.comment]
    ev = [e for e in ev if not e.comment]
    if not ev and not comments:
        if doubtful:
            return None, (f'the only dates it names ("{doubtful[0]}"' + (" and others" if len(doubtful) > 1 else "")
                          + ") may be plans or may be past: no word around them settles which")
        return None, _no_year(floating, today)
    ev = ev + _weekday_dates(ev, floating, today)
    stamps = [e for e in ev if e.stamp]
    if stamps:
        s = max(stamps, key=lambda e: e.start)
        return DateGuess(s.start, s.start - dt.timedelta(days=1), min(today, s.start + dt.timedelta(days=1)),
                         [f'says it was published or updated on "{s.text}"']), ""
    low = None
    if any(e.tense <= 0 for e in ev):
        best, earliest, latest, reasons, low = _from_dates(ev, today)
    elif ev:
        best, earliest, latest, reasons = _before_plans(ev, today)
    if comments:
        first = min(comments, key=lambda e: e.start)
        said = f'a reader\'s comment is stamped "{first.text}": published no later than that'
        if not ev or first.start < earliest:  # comments never come before the article: other readings yield
            low = None
            best, earliest, latest = first.start, first.start - dt.timedelta(days=AFTER_FULL_DATE), first.start
            reasons = ([] if not ev else [f"set aside, as comments come after the article: {r}" for r in reasons[:1]])
            reasons.append(said)
        elif first.start < latest:
            best, latest = first.start, first.start  # most comments fall on the day the article appeared
            reasons.append(said)
    return _finish(best, earliest, latest, reasons, floating, low), ""


def _from_dates(ev: list[_Evidence], today: dt.date) -> tuple[dt.date, dt.date, dt.date, list[str], _Evidence]:
    """The window from dates named in the past (the lower bound) and plans (the upper one)."""
    past = [e for e in ev if e.tense <= 0]
    plans = [e for e in ev if e.tense > 0]
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
        reasons.append(f"a {low.precision} alone says only 'not before'")
    ahead = [e for e in plans if low.end + dt.timedelta(days=1) < e.end <= low.end + dt.timedelta(days=PLAN_REACH)]
    if ahead:
        bound = min(ahead, key=lambda e: e.end)
        if bound.end < latest:
            latest = bound.end
            reasons.append(bound.said())
    latest = max(min(latest, today), earliest)
    best = min(max(best, earliest), latest)
    return best, earliest, latest, reasons, low


def _weekday_dates(ev: list[_Evidence], floating: list[_Floating], today: dt.date) -> list[_Evidence]:
    """Days named with their weekday but not their year ("Monday 18 September"), placed where the calendar
    agrees in just one year near what the dated evidence allows; never where nothing is dated."""
    past = [e.start for e in ev if e.tense <= 0]
    if not past:
        return []
    low = max(past)
    high = min([e.end for e in ev if e.tense > 0 and e.end > low] + [today])
    recent = dt.timedelta(days=RECENT)
    out = []
    for f in floating:
        if f.weekday is None or f.tense == 0 or f.dateline:
            continue
        lo, hi = (low - recent, high) if f.tense < 0 else (low, high + recent)
        days = [d for d in f.years(lo.year, hi.year) if lo <= d <= hi]
        if len(days) == 1:
            d = days[0]
            weekday = _WEEKDAY_NAMES[d.weekday()].title()
            out.append(_Evidence(d, d, "day", f.tense, f.text,
                                 note=f" (near the dated evidence only {d.year} has that day on a {weekday})"))
    return out


def _before_plans(plans: list[_Evidence], today: dt.date) -> tuple[dt.date, dt.date, dt.date, list[str]]:
    """Only future events are named: the article came some time before the first of them."""
    first = min(plans, key=lambda e: e.start)
    latest = min(first.end, today)
    earliest = min(first.start - dt.timedelta(days=BEFORE_PLAN[first.precision]), latest)
    # a full date ahead is most often the day's own event ("will testify on Thursday, June 17, 2010");
    # a month or a year ahead is usually some months off
    lead = dt.timedelta(days=0 if first.precision == "day" else PLAN_LEAD)
    best = max(earliest, min(latest, first.start - lead))
    return best, earliest, latest, [first.said(), f"it names only what is planned: a window of "
                                    f"{BEFORE_PLAN[first.precision]} days before the plan, by custom"]


def _finish(best: dt.date, earliest: dt.date, latest: dt.date, reasons: list[str],
            floating: list[_Floating], low: _Evidence | None) -> DateGuess:
    """Narrow the window with the days named without a year, then say how wide it is."""
    best, earliest, latest = _place_floating(best, earliest, latest, reasons, floating, low)
    width = (latest - earliest).days
    if width > WIDE_WINDOW:
        years = width / 365.25
        span = f"{years:.1f} years" if years >= 2 else f"{width} days"
        reasons.append(f"the window spans {span}: too wide to date the article, a bound only")
    return DateGuess(best, earliest, latest, reasons)


def _place_floating(best: dt.date, earliest: dt.date, latest: dt.date, reasons: list[str],
                    floating: list[_Floating], low: _Evidence | None) -> tuple[dt.date, dt.date, dt.date]:
    """Days without a year, read against the window the dated evidence gives."""
    one = dt.timedelta(days=1)
    # a dateline is the publication day itself, in whichever year the window allows
    for f in floating:
        if not f.dateline:
            continue
        days = [d for d in f.years(earliest.year - 1, latest.year + 1)
                if earliest - DATELINE_AFTER * one <= d <= latest + DATELINE_BEFORE * one]
        if not days:
            continue
        first, last = days[0], days[-1]
        lo, hi = max(earliest, first - DATELINE_BEFORE * one), min(latest, last + DATELINE_AFTER * one)
        if lo > hi:
            continue
        if len(days) == 1:
            reasons.append(f'its dateline "{f.text}" falls on {first.isoformat()} within that window')
        else:
            reasons.append(f'its dateline "{f.text}" falls on one of {len(days)} days from {first.isoformat()}'
                           f" to {last.isoformat()} within that window")
        return min(max(first, lo), hi), lo, hi
    # a year-less day in the past comes after the latest month or year named: writers drop the year
    # for recent dates and give it for older ones
    if low is not None and low.precision != "day":
        told = []
        for f in floating:
            if f.tense > 0 or f.dateline:
                continue
            d = next((d for d in f.years(low.start.year, latest.year) if d >= low.start), None)
            if d is not None and d <= latest and (d - low.start).days <= RECENT:
                told.append((d, f))
        if told:
            d, f = max(told, key=lambda t: t[0])
            if d - BEFORE_FULL_DATE * one > earliest:
                earliest = d - BEFORE_FULL_DATE * one
                best = max(best, d)
                reasons.append(f'mentions "{f.text}" without a year, read as {d.isoformat()}: the first such day'
                               f' not before "{low.text}"')
    # a day ahead without its year is the next such day: the article precedes it
    if (latest - earliest).days <= AFTER_FULL_DATE + BEFORE_FULL_DATE:
        for f in floating:
            if f.tense <= 0 or f.dateline or f.weekday is not None:
                continue
            d = next((d for d in f.years(earliest.year, latest.year + 1) if d >= earliest), None)
            if d is not None and d < latest:
                latest, best = d, min(best, d)
                reasons.append(f'mentions "{f.text}" in the future tense: the next such day is {d.isoformat()}')
    return best, earliest, latest


def _no_year(floating: list[_Floating], today: dt.date) -> str:
    if not floating:
        return "it names no year and no full date: nothing to go on"
    with_weekday = [f for f in floating if f.weekday is not None]
    if with_weekday:
        f = with_weekday[0]
        years = [d.year for d in f.years(1990, today.year)][-4:]
        return (f'it names no year: "{f.text}" fits {", ".join(map(str, years))} and other years; '
                "a weekday only checks a year, it does not supply one")
    return f'it names no year: "{floating[0].text}" could be in any year'
