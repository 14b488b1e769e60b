"""Time expressions in English news: where they are, and what date, time or length they mean.

Rules, not a model: a few dozen precompiled patterns find candidates ("Dec. 20", "last
week", "the past two months", "3 p.m. Wednesday", "every year"), the longest candidate
wins where they overlap, and each is normalized to a TIMEX3 value as TimeML and
TempEval-3 annotate them (extents keep modifiers such as "the", "early", "about";
prepositions stay out). On long texts each pattern only runs near the words it needs
(a month name, a unit, a digit...), which keeps the whole at about a million characters
a second.

Relative expressions are resolved against an anchor, normally the publication date, and
the tense around the expression picks the direction: "said on Monday" is the Monday
before the anchor, "will visit on December 6" the next December 6. Without an anchor,
what cannot be known is left as X ('XXXX-12-20', 'XXXX-WXX-1'), so that callers can tell
fully specified dates from guesses.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["TimeExpression", "find_time_expressions", "tense_at", "Mention", "mentions"]


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: `text == source[start:end]`, with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # e.g. '2021-12-20', '2021-W51', 'P3D', 'PRESENT_REF', 'XXXX-12-20'
    anchored: bool  # the value depended on the anchor date


@dataclass(frozen=True)
class Mention:
    """A time expression with what the rules saw: the tense around it, and how it is relative.

    `relative` says how an anchored value was obtained, so that a caller with a different
    anchor (or none) can reason about it: ('day', -1) for "yesterday", ('weekday', 0) for
    "Monday", ('week', -1) for "last week", ('month', 0), ('year', 1), ('monthday', (12, 20))...
    """

    expression: TimeExpression
    tense: int  # -1 past, +1 future, 0 unknown; read for relative expressions only (see `tense_at`)
    relative: tuple | None = None


# -- lexicon ------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_DAYPARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
             "tonight": "NI", "midday": "MI", "dawn": "MO", "dusk": "EV"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
             "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
             "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
             "twenty-first": 21, "last": 4, "final": 4}
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_FEW = {"a few", "few", "several", "many", "some", "a number of", "dozens of",
        "hundreds of", "thousands of", "the few", "numerous", "countless", "multiple"}

# unit -> (its ISO 8601 / TIMEX3 letter, whether it is counted after the "T" of a duration)
_UNIT_CODE = {"second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
              "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
              "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
              "century": ("CE", False), "millennium": ("ML", False)}
_UNIT_ALIASES = {"sec": "second", "secs": "second", "min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour",
                 "yr": "year", "yrs": "year", "centuries": "century", "millennia": "millennium",
                 "nights": "night"}

# -- regular expression pieces ----------------------------------------------------------------

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
_SHORTYEAR = r"(?:'|’)\d\d(?![\d])"
_TENS_RX = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS_RX = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_RX = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPOKEN_YEAR = (rf"(?:(?:eighteen|nineteen)\s+(?:hundred\s+(?:and\s+)?)?(?:{_TENS_RX}(?:[\s-]{_UNITS_RX})?|{_TEENS_RX}|oh[\s-]{_UNITS_RX})"
                rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TENS_RX}(?:[\s-]{_UNITS_RX})?|{_TEENS_RX}|{_UNITS_RX}))?)(?![\w-])")
_NUMWORD = (r"(?:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
            r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
            r"|sixteen|seventeen|eighteen|nineteen)(?:\s+(?:hundred|thousand))?|(?:a\s+|one\s+)?hundred|(?:a\s+|one\s+)?thousand)")
_NUM1 = (rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2|\s*½)?|{_NUMWORD}(?:\s+and\s+an?\s+half|-and-a-half)?|an?|a\s+couple\s+of|couple\s+of"
         r"|a\s+few|few|several|many|some|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+number\s+of"
         r"|half\s+an?|a\s+half|one\s+and\s+a\s+half|numerous|countless|multiple)")
_NUM = rf"(?:{_NUM1}(?:\s*(?:-|–|to|or)\s*{_NUM1})?)"
_UNIT = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
         r"|years?|yrs?|decades?|century|centuries|millennium|millennia)")
_APPROX = (r"(?:(?:just\s+|only\s+|well\s+)?(?:more|less|fewer)\s+than|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than"
           r"|not\s+more\s+than|nearly|almost|about|around|approximately|roughly|some|over|under|up\s+to|just\s+over"
           r"|just\s+under|close\s+to|upwards\s+of|a\s+full|fully|an\s+estimated|the\s+better\s+part\s+of"
           r"|a\s+little\s+(?:more|less|over|under)(?:\s+than)?|little\s+more\s+than|well\s+over|as\s+many\s+as"
           r"|as\s+few\s+as|as\s+long\s+as|as\s+much\s+as|an\s+additional|another)")
_B = r"(?<![\w'’-])"  # a word starts here
_TZ = r"(?:\s*\(?(?:[ECMP][SD]T|GMT|UTC|BST|CET|IST|local\s+time|local|[ECMP]T)\)?(?![\w]))"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# -- the rules ----------------------------------------------------------------------------------

_Norm = tuple[int, int, str, str, bool, tuple | None] | None  # start, end, type, value, anchored, relative


@dataclass
class _State:
    """What the text has said so far, for expressions that lean on it ("the quarter", "that day")."""

    quarter: tuple[int, int] | None = None  # (year, quarter) last named
    day: dt.date | None = None  # last day named
    year: int | None = None  # year of the last absolute date
    ref: tuple[dt.date, str] | None = None  # the last dated period named: its start and its unit


@dataclass
class _Ctx:
    text: str
    anchor: dt.date | None
    state: _State = field(default_factory=_State)
    _tense_cache: dict = field(default_factory=dict)

    def cue(self, start: int, end: int) -> int:
        key = (start, end)
        if key not in self._tense_cache:
            self._tense_cache[key] = _tense_cue(self.text, start, end)
        return self._tense_cache[key]

    def tense(self, start: int, end: int) -> int:
        c = self.cue(start, end)
        return (c > 0) - (c < 0)

    def strong(self, start: int, end: int) -> bool:
        return self.cue(start, end) >= _STRONG


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    normalize: Callable[[re.Match[str], _Ctx], _Norm]
    check: Callable[[re.Match[str], str], bool] | None = None
    priority: int = 0


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str, check: Callable[[re.Match[str], str], bool] | None = None, priority: int = 0):
    def register(fn: Callable[[re.Match[str], _Ctx], _Norm]):
        _RULES.append(_Rule(name, _rx(pattern), fn, check, priority))
        return fn
    return register


# -- small helpers ----------------------------------------------------------------------------


def _cap(word: str) -> bool:
    """Proper-noun spelling: 'May', 'MAY' (a month), not 'may' (a verb)."""
    return bool(word) and word[0].isupper()


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _number(s: str) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'a' -> 1; None for vague amounts ('several')."""
    s = " ".join(s.lower().replace("–", "-").split())
    if s in _FEW:
        return None
    half = 0.0
    for tail in (" and a half", " and an half", "-and-a-half", " 1/2", "½"):
        if s.endswith(tail):
            s, half = s[: -len(tail)].strip(), 0.5
            break
    if s in ("a", "an", "one", "a full", "an additional", "another"):
        return 1 + half
    if s in ("half a", "half an", "a half"):
        return 0.5
    if s in ("a dozen",):
        return 12 + half
    if s in ("a couple of", "couple of"):
        return 2 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) + half
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", "")) + half
    s = re.sub(r"^(?:a|one) ", "", s)
    mult = re.fullmatch(r"(.+?)[\s-]+(hundred|thousand)", s)
    if mult and mult.group(1) not in ("a", "one"):
        base = _number(mult.group(1))
        return None if base is None else base * (100 if mult.group(2) == "hundred" else 1000) + half
    if s == "hundred":
        return 100 + half
    if s == "thousand":
        return 1000 + half
    parts = re.split(r"[\s-]+", s)
    if len(parts) == 1:
        w = parts[0]
        if w in _SMALL:
            return _SMALL[w] + half
        if w in _TENS:
            return _TENS[w] + half
        return None
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
        return _TENS[parts[0]] + _SMALL[parts[1]] + half
    return None


def _unit(word: str) -> str:
    w = word.lower()
    w = _UNIT_ALIASES.get(w, w)
    if w.endswith("s") and w[:-1] in _UNIT_CODE:
        w = w[:-1]
    return w


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, 'day') -> 'P3D', (2.5, 'year') -> 'P2Y6M', (None, 'year') -> 'PXY'."""
    unit = _unit(unit)
    if unit == "decade" and n is not None:
        return duration_value(n * 10, "year")
    if unit == "century" and n is not None:
        return duration_value(n * 100, "year")
    if unit == "fortnight" and n is not None:
        return duration_value(n * 2, "week")
    if unit == "quarter" and n is not None:
        return duration_value(n * 3, "month")
    if unit in ("night", "weekend") and n is not None:
        return duration_value(n * (1 if unit == "night" else 2), "day")
    code, timeish = _UNIT_CODE[unit]
    t = "T" if timeish else ""
    if n is None:
        return f"P{t}X{code}"
    if n == int(n):
        return f"P{t}{int(n)}{code}"
    whole, frac = int(n), n - int(n)
    smaller = {"Y": (12, "M", ""), "M": (30, "D", "") if not timeish else (60, "S", "T"), "W": (7, "D", ""),
               "D": (24, "H", "T"), "H": (60, "M", "T")}
    if code in smaller:
        k, sub, subt = smaller[code]
        rest = round(frac * k)
        head = f"{whole}{code}" if whole else ""
        if timeish:
            return f"PT{head}{rest}{sub}"
        if subt and not head:
            return f"PT{rest}{sub}"
        return f"P{head}{subt}{rest}{sub}"
    return f"P{t}{n:g}{code}"


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _closest(candidates: list[tuple[dt.date, object]], anchor: dt.date, tense: int, inclusive: bool = True):
    """The candidate in the tense's direction from the anchor, nearest first; or simply the nearest."""
    if tense < 0:
        before = [c for c in candidates if (c[0] <= anchor if inclusive else c[0] < anchor)]
        if before:
            return max(before, key=lambda c: c[0])
    elif tense > 0:
        after = [c for c in candidates if (c[0] >= anchor if inclusive else c[0] > anchor)]
        if after:
            return min(after, key=lambda c: c[0])
    return min(candidates, key=lambda c: abs((c[0] - anchor).days))


def _year_of_month_day(month: int, day: int, anchor: dt.date, tense: int, strong: bool = False) -> int | None:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(y, month, day)
        if d:
            cands.append((d, y))
    if not cands:
        return None
    return _pick(cands, anchor, tense, strong)[1]


#: How far (days) the tense may pull a year-less date away from the nearest reading of it.
#: News mostly reports the recent past and the near future; a tense cue is trusted only
#: when the date it points to stays within this distance of the anchor.
_TENSE_REACH = 240


def _pick(cands: list[tuple[dt.date, object]], anchor: dt.date, tense: int, strong: bool = False):
    nearest = min(cands, key=lambda c: abs((c[0] - anchor).days))
    if tense == 0:
        return nearest
    ok = [c for c in cands if (c[0] <= anchor if tense < 0 else c[0] >= anchor)]
    if not ok:
        return nearest
    best = max(ok, key=lambda c: c[0]) if tense < 0 else min(ok, key=lambda c: c[0])
    return best if strong or abs((best[0] - anchor).days) <= _TENSE_REACH else nearest


#: How many months the tense may pull a bare month name ("in April") away from its nearest reading.
_MONTH_REACH = 9


def _year_of_month(month: int, anchor: dt.date, tense: int, strong: bool = False) -> int:
    here = anchor.year * 12 + anchor.month - 1
    cands = [(y * 12 + month - 1, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    nearest = min(cands, key=lambda c: (abs(c[0] - here), c[0]))  # a tie goes to the past
    if tense == 0:
        return nearest[1]
    ok = [c for c in cands if (c[0] <= here if tense < 0 else c[0] >= here)]
    best = max(ok) if tense < 0 else min(ok)
    return best[1] if strong or abs(best[0] - here) <= _MONTH_REACH else nearest[1]


def _weekday_date(wd: int, anchor: dt.date, tense: int, strict: bool = False) -> dt.date:
    """The weekday nearest the anchor in the tense's direction (past when unknown)."""
    if tense > 0:
        delta = (wd - anchor.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return anchor + dt.timedelta(days=delta)
    delta = (anchor.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return anchor - dt.timedelta(days=delta)


# -- tense --------------------------------------------------------------------------------------

_SENT_LEFT = re.compile(r"(?:[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])|\n\s*\n|\n(?=\s*[A-Z\"“]))")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_FUTURE_WORDS = frozenset("""will 'll ’ll shall won't won’t wo gonna expected expects expect scheduled schedule plans plan
planning intends intend aims aim upcoming due tomorrow hopes hope next soon later
forthcoming coming would could might may should must payable effective expire expires deadline""".split())
_WEAK_FUTURE = frozenset("would could might may should must hopes hope aims aim".split())
#: Cues that leave no doubt about the future: they may place a date far ahead of the anchor.
_STRONG_FUTURE = frozenset("will 'll ’ll shall won't won’t wo gonna scheduled upcoming next expected".split())
_STRONG = 4
_PAST_WORDS = frozenset("""said was were had did told went came took made gave saw found left held fell rose won lost
sold bought got began ran met knew thought brought paid sent spent built became kept led heard meant hit cut shot struck
fought caught stood understood sought taught wrote spoke broke chose drove flew grew threw drew wore tore swore woke
froze stole hid bit sat felt dealt slid stuck spun sank sprang swam rang sang shook forgave withdrew arose ate fled bled
fed overtook undertook ago last yesterday earlier previously recently former since slept swept wept wound bore beat
sunk sought lit quit spread cost put set shut hurt burst cast led laid lay rode rose""".split())
_NOT_PAST_ED = frozenset("""need needs bed red shed speed seed feed weed greed creed breed bleed deed heed indeed
proceed exceed succeed hundred sacred naked wicked kindred bred based ted ned fred united limited red-hot
alleged armed so-called unidentified unnamed detailed advanced supposed""".split())
_ED = re.compile(r"[a-z]{3,}ed$")
_PAST_AUX = frozenset("was were had".split())


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    left = lo
    for m in _SENT_LEFT.finditer(text, lo, start):
        left = m.end()
    right_m = _SENT_LEFT.search(text, end, min(len(text), end + 400))
    right = right_m.start() + 1 if right_m else min(len(text), end + 400)
    return left, right


def _cue(word: str, nxt: str) -> int:
    w = word.lower()
    if w in _FUTURE_WORDS:
        if w == "may" and word[0].isupper():
            return 0
        if w in ("coming", "due") and nxt not in ("", "to", "in", "on", "for", "at"):
            return 0
        if w == "next" and nxt in ("to", "door", "generation"):
            return 0
        return 2 if w in _WEAK_FUTURE else _STRONG if w in _STRONG_FUTURE else 3
    if w in ("going", "set", "slated", "poised", "planned", "scheduled", "expected") and nxt == "to":
        return _STRONG
    if w in ("about", "ready", "prepared", "preparing", "agreed", "promised", "vowed", "threatened", "intended",
             "decided", "hoped", "wanted") and nxt == "to":
        return 3
    if w in _PAST_WORDS:
        return -3
    if w.endswith(("'ve", "’ve")) or w in ("has", "have"):
        return -2
    if _ED.match(w) and w not in _NOT_PAST_ED:
        return -2
    return 0


_PASSIVE_AUX = frozenset("be been being is are am".split())
_PLAN_PARTICIPLE = re.compile(r"(?i)(?:\w+ed|due|set)$")
_BETWEEN_AUX = frozenset("been not already originally previously initially".split())


def tense_at(text: str, start: int, end: int) -> int:
    """The tense that governs the span text[start:end]: -1 past, +1 future, 0 unknown.

    Looks at the sentence around the span for cue words (will, expected, scheduled, next;
    said, was, -ed verbs, ago, last) and lets the one nearest the span decide; a cue to
    the left counts slightly more than one as far to the right.
    """
    c = _tense_cue(text, start, end)
    return (c > 0) - (c < 0)


def _tense_cue(text: str, start: int, end: int) -> int:
    """The deciding cue's weight: its sign is the tense, _STRONG for "will"-like certainty."""
    left, right = _sentence_bounds(text, start, end)
    best = None  # (distance, value)
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, left, right)]
    for i, (pos, word) in enumerate(words):
        if start <= pos < end:
            continue
        nxt = words[i + 1][1].lower() if i + 1 < len(words) else ""
        c = _cue(word, nxt)
        if c and i and words[i - 1][1].lower() == "to" and word.lower() not in ("be",):
            c = 0  # "due to expire", "plans to visit": the governing verb decides
        elif c in (-2, -3) and i and words[i - 1][1].lower() in _PASSIVE_AUX:
            c = 0  # "is expected to be signed", "will be held": a participle, not a past tense
        if not c and word.lower() in ("until", "till") and pos < start and not _WORD.search(text, pos + len(word), start):
            c = 1  # "until Tuesday": a deadline ahead, unless a verb nearby says otherwise
        if c > 0 and _PLAN_PARTICIPLE.match(word) and (
                i and words[i - 1][1].lower() in _PAST_AUX
                or i > 1 and words[i - 2][1].lower() in _PAST_AUX and words[i - 1][1].lower() in _BETWEEN_AUX):
            c = -3  # "was scheduled to", "had been due to": a plan made in the past, for the past
        elif word.lower() in ("is", "are", "am") and nxt == "to":
            c = _STRONG
        if not c:
            continue
        if pos < start:
            dist = len(_WORD.findall(text, pos, start)) - 1
        else:
            dist = len(_WORD.findall(text, end, pos)) + 0.5
        dist -= abs(c) * 0.01
        if best is None or dist < best[0]:
            best = (dist, c)
    return 0 if best is None else best[1]


# -- date rules -----------------------------------------------------------------------------------


def _date_value(y: int | None, m: int | None, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    if d is None:
        return f"{ys}-{m:02d}"
    return f"{ys}-{m:02d}-{d:02d}"


def _month_ok(m: re.Match[str], text: str, group: str = "m") -> bool:
    word = m.group(group)
    return _cap(word) and not (word.lower().rstrip(".") in ("mar", "jun", "jul", "sep") and "." not in word
                               and m.group(0) == word)


@_rule("month-day-year",
       rf"{_B}(?:(?P<wd>{_WEEKDAY})\s*,?\s*)?(?:the\s+)?(?P<m>{_MONTH})\s*(?P<d>{_DAY})(?:\s*,\s*|\s+)(?P<y>{_YEAR})",
       check=_month_ok, priority=5)
def _n_mdy(m: re.Match[str], c: _Ctx) -> _Norm:
    y, mo, d = int(m["y"]), _month(m["m"]), int(re.match(r"\d+", m["d"]).group(0))
    if not _safe_date(y, mo, d):
        return None
    c.state.day = dt.date(y, mo, d)
    c.state.year = y
    return m.start(), m.end(), "DATE", _date_value(y, mo, d), False, None


@_rule("day-month-year",
       rf"{_B}(?:(?P<wd>{_WEEKDAY})\s*,?\s*)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:\s*,?\s*(?P<y>{_YEAR}))?",
       check=_month_ok, priority=5)
def _n_dmy(m: re.Match[str], c: _Ctx) -> _Norm:
    mo, d = _month(m["m"]), int(re.match(r"\d+", m["d"]).group(0))
    return _month_day(m, c, mo, d, int(m["y"]) if m["y"] else None)


def _month_day(m: re.Match[str], c: _Ctx, mo: int, d: int, y: int | None) -> _Norm:
    if y is not None:
        if not _safe_date(y, mo, d):
            return None
        c.state.day = dt.date(y, mo, d)
        c.state.year = y
        return m.start(), m.end(), "DATE", _date_value(y, mo, d), False, None
    if not _safe_date(2000, mo, d):
        return None
    if c.anchor is None:
        return m.start(), m.end(), "DATE", _date_value(None, mo, d), True, ("monthday", (mo, d))
    if _chronology_entry(c.text, m.start(), m.end()):
        y = _year_of_entry(mo, d, c.anchor)
    else:
        y = _year_of_month_day(mo, d, c.anchor, c.tense(m.start(), m.end()), c.strong(m.start(), m.end()))
    if y is None:
        return None
    c.state.day = dt.date(y, mo, d)
    return m.start(), m.end(), "DATE", _date_value(y, mo, d), True, ("monthday", (mo, d))


#: "May 30 - Gaddafi renews a ceasefire call", "2 June: BP starts the next procedure": a day heading
#: an entry of a chronology, at the start of a line or a sentence, before a dash or a colon.
_ENTRY_AFTER = re.compile(r"\s*(?:-{1,2}|–|—|:)\s")
_ENTRY_BEFORE = re.compile(r"(?:^|[\n.!?\]\"”']\s*|\s[-–—•*]\s*)$")
#: How near ahead a chronology's day must be to read as a plan rather than a past event.
_ENTRY_AHEAD = 31


def _chronology_entry(text: str, start: int, end: int) -> bool:
    return bool(_ENTRY_AFTER.match(text, end)) and bool(_ENTRY_BEFORE.search(text, max(0, start - 3), start))


def _year_of_entry(month: int, day: int, anchor: dt.date) -> int | None:
    """A chronology recounts what has happened: the latest such day up to the anchor, unless the day
    comes within a month after it (a schedule of what is next), whatever verbs the entry uses."""
    for y in (anchor.year, anchor.year + 1):
        d = _safe_date(y, month, day)
        if d and anchor < d <= anchor + dt.timedelta(days=_ENTRY_AHEAD):
            return y
    for y in (anchor.year, anchor.year - 1):
        d = _safe_date(y, month, day)
        if d and d <= anchor:
            return y
    return None


@_rule("month-day",
       rf"{_B}(?:(?P<wd>{_WEEKDAY})\s*,?\s*)?(?P<m>{_MONTH})\s*(?P<d>{_DAY})(?!\s*,?\s*\d)(?!\s*(?:%|percent|per\s+cent|million|billion))",
       check=_month_ok, priority=4)
def _n_md(m: re.Match[str], c: _Ctx) -> _Norm:
    mo, d = _month(m["m"]), int(re.match(r"\d+", m["d"]).group(0))
    return _month_day(m, c, mo, d, None)


@_rule("month-year", rf"{_B}(?P<m>{_MONTH})\s*,?\s*(?:of\s+)?(?:(?P<y>{_YEAR}|{_SHORTYEAR})|(?P<sp>{_SPOKEN_YEAR})|(?P<rel>this|last|next)\s+year)(?![\w-])",
       check=_month_ok, priority=4)
def _n_my(m: re.Match[str], c: _Ctx) -> _Norm:
    mo = _month(m["m"])
    if m["rel"]:
        if c.anchor is None:
            return m.start(), m.end(), "DATE", _date_value(None, mo, None), True, ("month-name", mo)
        y = c.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return m.start(), m.end(), "DATE", _date_value(y, mo, None), True, ("year", y - c.anchor.year)
    if m["sp"]:
        y = _spoken_year(m["sp"])
        if y is None:
            return None
    else:
        y = int(m["y"][-4:]) if m["y"][0].isdigit() else _short_year(m["y"], c.anchor)
    c.state.year = y
    return m.start(), m.end(), "DATE", _date_value(y, mo, None), False, None


def _spoken_year(s: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand one' -> 2001, 'the year two thousand' -> 2000."""
    s = " ".join(s.lower().replace("-", " ").split())
    s = re.sub(r"^the year ", "", s)
    m = re.fullmatch(r"(nineteen|twenty|eighteen) (?:hundred (?:and )?)?(.+)", s)
    if m:
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group(1)]
        rest = m.group(2)
        if rest.startswith("oh "):
            n = _number(rest[3:])
            return None if n is None or n > 9 else century * 100 + int(n)
        n = _number(rest)
        return None if n is None or not 10 <= n <= 99 else century * 100 + int(n)
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", s)
    if m:
        if not m.group(1):
            return 2000
        n = _number(m.group(1))
        return None if n is None or n > 99 else 2000 + int(n)
    return None


def _short_year(s: str, anchor: dt.date | None) -> int:
    yy = int(s[-2:])
    ref = anchor.year if anchor else 2000
    century = ref // 100 * 100
    y = century + yy
    if y > ref + 10:
        y -= 100
    return y


def _bare_month_ok(m: re.Match[str], text: str) -> bool:
    word = m.group("m")
    if not _cap(word) or "." in word or (len(word) <= 3 and word.lower() != "may"):
        return False
    lw = word.lower()
    before = text[max(0, m.start() - 25):m.start()].lower()
    prev = re.findall(r"[a-z]+", before)[-1:] or [""]
    if lw in ("may", "march", "august") or m.start() == 0:
        # a verb, a surname or an adjective unless something calendar-like is around
        if m["rel"] or m["pre"]:
            return True
        return prev[0] in ("in", "since", "until", "till", "through", "from", "to", "during", "by", "before",
                           "after", "of", "last", "next", "this", "early", "late", "mid", "end", "between", "and",
                           "or", "each", "every", "throughout", "into")
    return True


@_rule("month",
       rf"{_B}(?P<pre>(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|first\s+half|second\s+half|first\s+week|last\s+week|rest|turn)\s+of\s+))?"
       rf"(?P<rel>(?:last|this|next|this\s+past|this\s+coming|coming|past|that)\s+)?(?P<m>{_MONTH})(?![\w-])(?!\s*\d)",
       check=_bare_month_ok, priority=2)
def _n_month(m: re.Match[str], c: _Ctx) -> _Norm:
    mo = _month(m["m"])
    rel = (m["rel"] or "").split()
    if c.anchor is None:
        return m.start(), m.end(), "DATE", _date_value(None, mo, None), True, ("month-name", mo)
    if rel and rel[0] in ("last", "past") or rel[-1:] == ["past"]:
        y = c.anchor.year if mo < c.anchor.month else c.anchor.year - 1
    elif rel and rel[0] in ("next", "coming") or rel[-1:] == ["coming"]:
        y = c.anchor.year if mo > c.anchor.month else c.anchor.year + 1
    elif rel and rel[0] == "this":
        y = c.anchor.year
    else:
        y = _year_of_month(mo, c.anchor, c.tense(m.start(), m.end()), c.strong(m.start(), m.end()))
    return m.start(), m.end(), "DATE", _date_value(y, mo, None), True, ("month-name", mo)


@_rule("iso-date", rf"{_B}(?P<y>{_YEAR})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])(?:T(?P<t>\d\d:\d\d))?", priority=6)
def _n_iso(m: re.Match[str], c: _Ctx) -> _Norm:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _safe_date(y, mo, d):
        return None
    c.state.day = dt.date(y, mo, d)
    c.state.year = y
    if m["t"]:
        return m.start(), m.end(), "TIME", f"{_date_value(y, mo, d)}T{m['t']}", False, None
    return m.start(), m.end(), "DATE", _date_value(y, mo, d), False, None


@_rule("numeric-date", rf"{_B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d\d)(?![\d/])", priority=6)
def _n_numeric(m: re.Match[str], c: _Ctx) -> _Norm:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else _short_year(m["y"], c.anchor)
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    if not _safe_date(y, mo, d):
        return None
    c.state.day = dt.date(y, mo, d)
    return m.start(), m.end(), "DATE", _date_value(y, mo, d), False, None


_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|flight|room|route|highway|page|pages|channel|model|version|rule|section|article"
    r"|resolution|chapter|code|tel|box|suite|apartment|bus|interstate|jet|boeing|airbus|vol|volume|account|pp|p"
    r"|uss|form|law|bill|item|lot|unit|gate|pier|train|ticket|serial|precinct|district|local|hr|s|h\.r|s\.)\.?\s*#?"
    r"|[$€£¥#/:]|\d[\s,.]|us\$|\babout\s+|\bsome\s+|\bnearly\s+|\bover\s+|\baround\s+|\balmost\s+|\bonly\s+)$", re.I)
_NOT_YEAR_AFTER = re.compile(
    r"^(?:[\d%/:]|,\d|\.\d|\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|workers|men|women|children|cars"
    r"|units|tons|tonnes|feet|foot|ft|meters|metres|miles|km|kilometers|kilometres|yards|acres|barrels|shares|points"
    r"|votes|copies|jobs|homes|houses|dollars|euros|pounds|yen|francs|marks|employees|members|students|cases|deaths"
    r"|refugees|patients|civilians|police|officers|sq|square|lb|lbs|kg|kilograms|mph|hours|days|weeks|months|years"
    r"|times|rounds|words|pages|seats|beds|rooms|families|residents|prisoners|protesters|demonstrators|delegates"
    r"|tanks|planes|aircraft|vehicles|companies|firms|banks|stores|shops|schools|villages|cities|sites|calories"
    r"|species|items|acres|hectares|rupees|yuan|won|pesos|crore|lakh|bn|m\b|million|billion|trillion|thousand))", re.I)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|through|during|before|after|of|early|late|mid|year|fiscal|and|or|between"
    r"|around|about|circa|c\.|summer|winter|spring|autumn|fall|the\s+end\s+of|the\s+year|than|for|as\s+of|into"
    r"|throughout|season|class\s+of|census|election|elections|olympics|cup)\s*-?\s*)$", re.I)


def _year_ok(m: re.Match[str], text: str) -> bool:
    y = int(m.group("y"))
    if not 1000 <= y <= 2099:
        return False
    before = text[max(0, m.start() - 30):m.start()]
    after = text[m.end():m.end() + 20]
    if _NOT_YEAR_AFTER.match(after) and not re.search(r"\b(?:in|since|until|till|by|during|of)\s+$", before, re.I):
        return False  # "1500 troops", "2,000 people"
    if _YEAR_CONTEXT_BEFORE.search(before):
        return not re.match(r"^(?:[\d%]|,\d|\.\d)", after)
    if _NOT_YEAR_BEFORE.search(before):
        return False
    return 1900 <= y <= 2050 or bool(re.match(r"^\s*(?:AD|BC|A\.D\.|B\.C\.|CE|BCE)\b", after))


@_rule("spoken-year", rf"{_B}(?P<pre>(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|spring|summer|fall|autumn|winter)\s+of\s+))?(?P<y>(?:the\s+year\s+)?{_SPOKEN_YEAR})",
       check=lambda m, t: m.group("y").lower().startswith(("the", "nineteen", "eighteen")) or bool(m["pre"])
       or bool(re.search(r"\b(?:in|since|until|by|of|from|to|before|after|year)\s+$", t[max(0, m.start() - 8):m.start()], re.I)),
       priority=1)
def _n_spoken_year(m: re.Match[str], c: _Ctx) -> _Norm:
    y = _spoken_year(m["y"])
    if y is None:
        return None
    c.state.year = y
    return m.start(), m.end(), "DATE", f"{y:04d}", False, None


@_rule("year", rf"{_B}(?P<pre>(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|first\s+half|second\s+half|rest|turn|spring|summer|fall|autumn|winter)\s+of\s+))?"
               rf"(?P<fiscal>(?:fiscal|financial|calendar|model|school|academic|tax)(?:\s+year)?\s+)?(?P<y>\d{{4}})(?![\d])",
       check=_year_ok, priority=1)
def _n_year(m: re.Match[str], c: _Ctx) -> _Norm:
    y = int(m["y"])
    c.state.year = y
    return m.start(), m.end(), "DATE", f"{y:04d}", False, None


@_rule("decade", rf"{_B}(?P<pre>(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|first\s+half|second\s+half|last\s+half|rest|turn)\s+of\s+(?:the\s+)?)?)"
                 rf"(?:(?P<y>1[0-9]\d0|20\d0)|(?P<yy>(?:'|’)\d0))\s?'?s(?![\w])", priority=3)
def _n_decade(m: re.Match[str], c: _Ctx) -> _Norm:
    if m["y"]:
        y = int(m["y"])
    else:
        y = _short_year(m["yy"], c.anchor)
        if y > (c.anchor.year if c.anchor else 2000):
            y -= 100
    start = m.start()
    if not m["pre"]:
        # "the 1990s": the article belongs to the expression
        b = re.search(r"(?:^|\W)(the\s+)$", c.text[max(0, start - 5):start], re.I)
        if b:
            start -= len(b.group(1))
    return start, m.end(), "DATE", f"{y // 10:03d}", False, None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@_rule("decade-word", r"(?<![\w])(?P<pre>the\s+(?:(?:early|late|mid)(?:\s+|-))?)(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![\w])",
       check=lambda m, t: not re.search(r"\b(?:his|her|their|in\s+(?:his|her|their))\s+$", t[max(0, m.start() - 10):m.start()], re.I))
def _n_decade_word(m: re.Match[str], c: _Ctx) -> _Norm:
    ref = c.anchor.year if c.anchor else 2000
    d = _DECADE_WORDS[m["w"].lower()]
    y = ref // 100 * 100 + d * 10
    if y > ref + 5:
        y -= 100
    return m.start(), m.end(), "DATE", f"{y // 10:03d}", c.anchor is not None, None


@_rule("century", rf"{_B}(?P<pre>(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|turn)\s+of\s+(?:the\s+)?)?)"
                  r"(?:the\s+)?(?P<o>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
                  r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first)"
                  r"(?:\s+|-)century(?![\w])", priority=3)
def _n_century(m: re.Match[str], c: _Ctx) -> _Norm:
    o = m["o"].lower().replace(" ", "-")
    n = int(re.match(r"\d+", o).group(0)) if o[0].isdigit() else _ORDINALS.get(o)
    if not n:
        return None
    return m.start(), m.end(), "DATE", f"{n - 1:02d}", False, None


# -- weekdays, holidays, seasons ---------------------------------------------------------------


_PAPER_AFTER_WEEKDAY = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Mail|Star|Independent"
                                  r"|Standard|Sport|People|Observer|Age|Night\s+Football)\b")


def _weekday_ok(m: re.Match[str], text: str) -> bool:
    """A capitalized weekday that is not part of a newspaper's name ("the Sunday Times")."""
    return _cap(m.group("w")) and not _PAPER_AFTER_WEEKDAY.match(text, m.end())


@_rule("weekday",
       rf"{_B}(?P<pre>(?:early|late|earlier|later|(?:the\s+)?(?:end|middle|beginning)\s+of)\s+)?(?P<the>the\s+(?=(?:previous|following|next)\s))?(?P<rel>(?:last|this|next|this\s+past|this\s+coming|coming|past|previous|following|that)\s+)?"
       rf"(?P<w>{_WEEKDAY})(?P<s>s)?(?![\w])(?P<part>(?:\s+|-)(?P<dp>morning|afternoon|evening|night|overnight|midday|noon|midnight)(?!\w))?",
       check=_weekday_ok, priority=3)
def _n_weekday(m: re.Match[str], c: _Ctx) -> _Norm:
    wd = _WEEKDAYS[m["w"].lower()]
    part = (m["dp"] or "").lower()
    if m["s"]:  # "on Mondays": a set
        before = c.text[max(0, m.start() - 12):m.start()].lower()
        if not m["rel"]:
            suffix = f"T{_DAYPARTS[part]}" if part in _DAYPARTS else ""
            if before.endswith(("the ",)):
                return None
            return m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}{suffix}", False, None
        return None
    rel = (m["rel"] or "").lower().split()
    if c.anchor is None:
        value = f"XXXX-WXX-{wd + 1}"
        d = None
    else:
        if m["the"] and c.state.day:
            d = _weekday_date(wd, c.state.day, 1 if rel[0] in ("following", "next") else -1, strict=True)
        elif rel and rel[0] in ("last", "past", "previous") or rel[-1:] == ["past"]:
            d = _weekday_date(wd, c.anchor, -1, strict=True)
        elif rel and (rel[0] in ("next", "coming", "following") or rel[-1:] == ["coming"]):
            d = _weekday_date(wd, c.anchor, 1, strict=True)
        elif rel and rel[0] == "that" and c.state.day:
            d = _weekday_date(wd, c.state.day, 0)
        elif m["the"] and c.state.day:
            d = _weekday_date(wd, c.state.day, 1 if rel[0] in ("following", "next") else -1, strict=True)
        else:
            t = c.tense(m.start(), m.end())
            d = _weekday_date(wd, c.anchor, 1 if t > 0 else -1)
        value = _iso(d)
        c.state.day = d
    if part:
        if part in ("noon", "midday"):
            return m.start(), m.end(), "TIME", f"{value}T12:00", True, ("weekday", wd)
        if part == "midnight":
            return m.start(), m.end(), "TIME", f"{value}T24:00", True, ("weekday", wd)
        return m.start(), m.end(), "TIME", f"{value}T{_DAYPARTS[part]}", True, ("weekday", wd)
    return m.start(), m.end(), "DATE", value, True, ("weekday", wd)


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(y, month, calendar.monthrange(y, month)[1])
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "armistice day": lambda y: dt.date(y, 11, 11),
    "remembrance day": lambda y: dt.date(y, 11, 11),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "easter sunday": _easter,
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "may day": lambda y: dt.date(y, 5, 1),
    "bastille day": lambda y: dt.date(y, 7, 14),
    "st. patrick's day": lambda y: dt.date(y, 3, 17),
}
_HOLIDAY_RX = "|".join(re.escape(k).replace("'", "['’]").replace(r"\ ", r"\s+") for k in sorted(_HOLIDAYS, key=len, reverse=True))


@_rule("holiday", rf"{_B}(?P<rel>(?:last|this|next|this\s+past|coming)\s+)?(?P<h>{_HOLIDAY_RX})(?:\s*,?\s*(?P<y>{_YEAR}))?(?![\w])",
       check=lambda m, t: _cap(m.group("h")), priority=3)
def _n_holiday(m: re.Match[str], c: _Ctx) -> _Norm:
    key = " ".join(m["h"].lower().replace("’", "'").split())
    fn = _HOLIDAYS[key]
    if m["y"]:
        return m.start(), m.end(), "DATE", _iso(fn(int(m["y"]))), False, None
    if key in ("christmas", "easter", "thanksgiving") and re.match(r"\s+(?:tree|card|gift|present|shopping|season|holidays?|market|party|carol|message|music|lights|decorations|island|islands|egg|eggs|bunny|rising|turkey|dinner)", c.text[m.end():], re.I):
        return None
    if c.anchor is None:
        return m.start(), m.end(), "DATE", "XXXX-" + fn(2001).strftime("%m-%d"), True, ("holiday", key)
    rel = (m["rel"] or "").split()
    t = -1 if rel[:1] == ["last"] or rel[-1:] == ["past"] else 1 if rel[:1] in (["next"], ["coming"]) else c.tense(m.start(), m.end())
    cands = [(fn(y), y) for y in (c.anchor.year - 1, c.anchor.year, c.anchor.year + 1)]
    d = _closest(cands, c.anchor, t)[0]
    c.state.day = d
    return m.start(), m.end(), "DATE", _iso(d), True, ("holiday", key)


def _season_ok(m: re.Match[str], text: str) -> bool:
    if m["y"] or m["pre"] or (m["rel"] and m["rel"].strip().lower() != "the"):
        return True
    before = text[max(0, m.start() - 20):m.start()].lower()
    if m["rel"]:  # "the summer": only after a preposition of time
        return bool(re.search(r"\b(?:in|by|until|since|during|through|throughout|over|before|after|for)\s+$", before))
    return m["s"].lower() != "fall" and bool(re.search(r"\b(?:in|since|until|by|during|through|throughout|before|after|of)\s+$", before))


@_rule("season",
       rf"{_B}(?P<pre>(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-)|(?:end|beginning|start|middle|rest)\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?))?"
       rf"(?P<rel>(?:last|this|next|this\s+past|this\s+coming|coming|past|that|the)\s+)?(?P<s>spring|summer|fall|autumn|winter)(?![\w-])"
       rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPOKEN_YEAR}))?",
       check=_season_ok, priority=2)
def _n_season(m: re.Match[str], c: _Ctx) -> _Norm:
    code = _SEASONS[m["s"].lower()]
    start = m.start()
    if m["y"]:
        y = int(m["y"]) if m["y"][0].isdigit() else _spoken_year(m["y"])
        return (start, m.end(), "DATE", f"{y}-{code}", False, None) if y else None
    rel = (m["rel"] or "").lower().split()
    if rel == ["the"] and not m["pre"]:
        start = m.start("s")  # TimeML: "in the [summer]"
    if c.anchor is None:
        return start, m.end(), "DATE", f"XXXX-{code}", True, ("season", code)
    y = _season_year(code, rel, c.anchor, c.tense(m.start(), m.end()))
    return start, m.end(), "DATE", f"{y}-{code}", True, ("season", code)


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def _season_year(code: str, rel: list[str], a: dt.date, tense: int) -> int:
    """The year of "last summer", "this spring", "in the fall" seen from the anchor.

    Seasons are numbered year * 4 + (spring, summer, fall, winter); a winter carries the year
    of its December, so January and February belong to the previous year's winter.
    """
    cur_season = "SP" if 3 <= a.month <= 5 else "SU" if 6 <= a.month <= 8 else "FA" if 9 <= a.month <= 11 else "WI"
    cur = (a.year - (1 if a.month <= 2 else 0)) * 4 + _SEASON_ORDER.index(cur_season)
    keys = [y * 4 + _SEASON_ORDER.index(code) for y in range(a.year - 2, a.year + 3)]
    if rel[:1] in (["last"], ["past"], ["previous"]) or rel[-1:] == ["past"]:
        return max(k for k in keys if k < cur) // 4
    if rel[:1] in (["next"], ["coming"]) or rel[-1:] == ["coming"]:
        return min(k for k in keys if k > cur) // 4
    if rel[:1] == ["this"] or tense == 0:
        return a.year if code != "WI" or a.month > 2 else a.year - 1
    if tense < 0:
        return max(k for k in keys if k <= cur) // 4
    return min(k for k in keys if k >= cur) // 4


# -- quarters and halves ------------------------------------------------------------------------


def _quarter_year(q: int, c: _Ctx, start: int, end: int) -> int | None:
    if c.anchor is None:
        return None
    return _period_year(q, _quarter_of(c.anchor), c, start, end)


def _period_year(n: int, cur: int, c: _Ctx, start: int, end: int) -> int:
    """The year of "the third quarter" or "the first half": this year's unless it has not begun yet.

    Results are reported after a period ends, so a past or unmarked mention of a period
    later in the year than the anchor is last year's; a future one is this year's.
    """
    a = c.anchor
    if n <= cur:
        return a.year
    return a.year if c.tense(start, end) > 0 else a.year - 1


_YEAR_REF = rf"(?:{_YEAR}|this\s+year|last\s+year|next\s+year|the\s+(?:current|same|previous|following|prior)\s+year|fiscal\s+{_YEAR})"


def _year_ref(s: str | None, c: _Ctx) -> int | None:
    if not s:
        return None
    s = s.lower()
    if re.search(r"\d{4}", s):
        return int(re.search(r"\d{4}", s).group(0))
    if c.anchor is None:
        return None
    if "last" in s or "previous" in s or "prior" in s:
        return c.anchor.year - 1
    if "next" in s or "following" in s:
        return c.anchor.year + 1
    return c.anchor.year


@_rule("quarter",
       rf"{_B}(?:(?P<yp>{_YEAR_REF})['’]s\s+)?(?P<the>the\s+)?(?P<yn>(?:1[89]|20)\d\d\s+)?(?P<ago>(?:comparable\s+|same\s+|corresponding\s+)?(?:year-(?:ago|earlier)|year\s+(?:ago|earlier)|prior-year|previous-year|last\s+year['’]s)\s+)?(?:(?:fiscal|calendar|financial)\s+)?(?:(?:late|early|mid)[\s-]+)?"
       rf"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:[\s-]+(?:fiscal|calendar))?(?P<sep>[\s-]+)(?P<u>quarter|half)(?![\w])"
       rf"(?:\s+(?:of\s+(?:the\s+)?)?(?P<y>{_YEAR_REF}))?",
       check=lambda m, t: not re.match(r"\s*(?:of\s+(?:the\s+)?(?:century|decade|match|game|season|inning|period|\d{2,}|a\b|an\b|its|his|her|their))", t[m.end():], re.I)
       and not (m["o"].lower() in ("last", "final") and not m["the"] and not m["yp"]),
       priority=4)
def _n_quarter(m: re.Match[str], c: _Ctx) -> _Norm:
    o = m["o"].lower()
    half = m["u"].lower() == "half"
    n = _ORDINALS[o]
    if half:
        n = 2 if o in ("last", "final") else n
        if n > 2:
            return None
    y = _year_ref(m["y"] or m["yp"] or m["yn"], c)
    anchored = y is None or not re.search(r"\d{4}", (m["y"] or m["yp"] or m["yn"] or ""))
    the = (m["the"] or "").strip().lower()
    if the and the != "the" and not m["ago"]:
        return None  # "a second half", "its first quarter" are left to the shorter reading
    if y is None:
        if half:
            if c.anchor is None:
                y = None
            else:
                y = _period_year(n, 1 if c.anchor.month <= 6 else 2, c, m.start(), m.end())
        else:
            y = _quarter_year(n, c, m.start(), m.end())
    if m["ago"] and y is not None:
        y -= 1
    ys = f"{y:04d}" if y is not None else "XXXX"
    start = m.start()
    if the and "-" in m["sep"] and not m["ago"] and not m["y"] and not m["yp"] and not m["yn"]:
        start = m.start("the") + len(m["the"])  # "the [third-quarter] loss": the article is the noun's
    elif the and the != "the":
        start = m.start("ago")
    if half:
        return start, m.end(), "DATE", f"{ys}-H{n}", anchored, ("half", n)
    if y is not None and not m["ago"]:
        c.state.quarter = (y, n)
    return start, m.end(), "DATE", f"{ys}-Q{n}", anchored, ("quarter", n)


@_rule("quarter-code", rf"{_B}(?:(?P<q>Q[1-4])(?:\s*(?P<y>{_YEAR}))?|(?P<q2>[1-4]Q)(?:\s*(?P<y2>{_YEAR}|\d\d))?)(?![\w])",
       check=lambda m, t: m.group(0)[:2].isupper() or m.group(0)[1:2].isupper(), priority=4)
def _n_quarter_code(m: re.Match[str], c: _Ctx) -> _Norm:
    q = int((m["q"] or m["q2"]).replace("Q", ""))
    ys = m["y"] or m["y2"]
    if ys:
        y = int(ys) if len(ys) == 4 else _short_year(ys, c.anchor)
        c.state.quarter = (y, q)
        return m.start(), m.end(), "DATE", f"{y}-Q{q}", False, None
    y = _quarter_year(q, c, m.start(), m.end())
    return m.start(), m.end(), "DATE", f"{y if y is not None else 'XXXX'}-Q{q}", True, ("quarter", q)


_QUARTER_ENDED = re.compile(rf"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed)\s+(?P<m>{_MONTH})\s*(?P<d>\d{{1,2}})(?:,\s*(?P<y>{_YEAR}))?", re.I)


@_rule("the-quarter",
       r"(?<![\w])(?P<det>the|this|that|last|next|a)\s+(?P<adj>(?:latest|most\s+recent|recent|current|same|previous|prior|year-ago|year-earlier|year\s+ago|year\s+earlier|comparable|corresponding|fiscal|latest\s+fiscal|just-ended|just\s+ended|past|coming|next|preceding|(?:comparable\s+|same\s+)?(?:year-ago|year-earlier))\s+|(?P<yr>(?:1[89]|20)\d\d)\s+)?(?:three-month\s+)?(?P<u>quarter|period)(?![\w-])(?P<ago>\s+a\s+year\s+(?:ago|earlier))?",
       check=lambda m, t: m["u"].lower() == "quarter" or bool(m["yr"]) or bool(m["adj"] and re.search(r"year|latest|recent", m["adj"], re.I)), priority=3)
def _n_the_quarter(m: re.Match[str], c: _Ctx) -> _Norm:
    det, adj = m["det"].lower(), " ".join((m["adj"] or "").lower().replace("-", " ").split())
    if det == "a" and not adj:
        return None
    ended = _QUARTER_ENDED.match(c.text, m.end())
    if ended and not adj and det in ("the", "a"):
        mo = _month(ended["m"])
        if mo in (3, 6, 9, 12):  # "the quarter ended Sept. 30": a calendar quarter
            q = mo // 3
            y = int(ended["y"]) if ended["y"] else (c.anchor.year if c.anchor and c.anchor.month >= mo else
                                                    (c.anchor.year - 1 if c.anchor else None))
            if y is None:
                return m.start(), m.end(), "DATE", f"XXXX-Q{q}", True, ("quarter", q)
            c.state.quarter = (y, q)
            return m.start(), m.end(), "DATE", f"{y}-Q{q}", not ended["y"], ("quarter", q)
    if m["yr"]:
        ref_q = c.state.quarter[1] if c.state.quarter else (_quarter_of(c.anchor) + 2) % 4 + 1 if c.anchor else None
        if ref_q is None:
            return m.start(), m.end(), "DATE", m["yr"], False, None
        return m.start(), m.end(), "DATE", f"{m['yr']}-Q{ref_q}", c.anchor is not None, ("quarter", ref_q)
    if c.anchor is None:
        return m.start(), m.end(), "DATE", "XXXX-QX", True, ("quarter", None)
    a = c.anchor
    cur = (a.year, _quarter_of(a))
    prev = (a.year, cur[1] - 1) if cur[1] > 1 else (a.year - 1, 4)
    ref = c.state.quarter or prev
    if adj in ("current",) or det == "this":
        y, q = cur
    elif det == "next" or adj in ("coming", "next"):
        y, q = (cur[0], cur[1] + 1) if cur[1] < 4 else (cur[0] + 1, 1)
    elif det == "last" or adj in ("previous", "prior", "preceding", "past"):
        y, q = (ref[0], ref[1] - 1) if ref[1] > 1 else (ref[0] - 1, 4)
        if det == "last":
            y, q = prev
    elif "year" in adj or m["ago"] or adj in ("comparable", "corresponding"):
        y, q = ref[0] - 1, ref[1]
    elif adj in ("latest", "most recent", "just ended", "recent"):
        y, q = prev
    else:
        y, q = ref
        if not c.state.quarter:
            c.state.quarter = (y, q)
    return m.start(), m.end(), "DATE", f"{y}-Q{q}", True, ("quarter", q)


# -- relative words ------------------------------------------------------------------------------

_REF_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "these days": "PRESENT_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the recent past": "PAST_REF", "future": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the immediate future": "FUTURE_REF", "the not-too-distant future": "FUTURE_REF",
}


def _ref_ok(m: re.Match[str], text: str) -> bool:
    w = " ".join(m.group("w").lower().split())
    after = text[m.end():m.end() + 16]
    before = text[max(0, m.start() - 16):m.start()].lower()
    if w == "now":
        # "now-defunct", "Now, ...": the word must be temporal, not a discourse marker
        if re.match(r"\s*-\w", after):
            return False
        opening = not before.strip() or re.search(r"(?:[.!?:;\"“”'`]|\n)\s*$", before)
        return not (opening and after.startswith(","))
    if w == "future":
        return bool(re.search(r"\b(?:in|for|into)\s+$", before))
    return True


@_rule("ref-word",
       r"(?<![\w-])(?P<w>now|currently|nowadays|at\s+present|presently|these\s+days|(?:more\s+|most\s+|very\s+|until\s+|only\s+)?recently|lately"
       r"|the\s+(?:recent\s+)?past(?!\s+(?:\d|few|several|many|couple|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundred|week|month|year|decade|century|day|hour|quarter|summer|winter|spring|fall|autumn|season))"
       r"|the\s+(?:near\s+|distant\s+|immediate\s+|not-too-distant\s+)?future|future)(?![\w-])",
       check=_ref_ok, priority=1)
def _n_ref(m: re.Match[str], c: _Ctx) -> _Norm:
    w = " ".join(m["w"].lower().split())
    start = m.start()
    if w.endswith("recently"):
        if w.startswith(("until", "only")):
            start = m.end() - len("recently")
        return start, m.end(), "DATE", "PAST_REF", False, None
    return start, m.end(), "DATE", _REF_WORDS[w], False, None


# "today's world", "the leaders of tomorrow": the present or the future in general, not a day
_GENERIC_DAY = re.compile(r"['’]s\s+(?:world|youth|society|generation|generations|young|children|kids|economy|politics"
                          r"|standards|technology|culture|consumers|students|teenagers|personal|computers|media|america"
                          r"|americans|global|modern)\b|\s*(?:show|programme|program)\b", re.I)
_OF_TOMORROW = re.compile(r"\bof\s+$", re.I)


@_rule("day-word",
       r"(?<![\w-])(?P<pre>(?:early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?![\w-])"
       r"(?P<part>(?:\s+|-)(?P<dp>morning|afternoon|evening|night)(?![\w]))?",
       check=lambda m, t: not _GENERIC_DAY.match(t, m.end()) and not (m["w"].lower() in ("today", "tomorrow") and _OF_TOMORROW.search(t, max(0, m.start() - 4), m.start())),
       priority=3)
def _n_day_word(m: re.Match[str], c: _Ctx) -> _Norm:
    w = " ".join(m["w"].lower().split())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[w]
    if c.anchor is None:
        value = "XXXX-XX-XX"
    else:
        d = c.anchor + dt.timedelta(days=offset)
        value = _iso(d)
        c.state.day = d
    rel = ("day", offset)
    if w == "tonight":
        return m.start(), m.end(), "TIME", f"{value}TNI", True, rel
    if m["dp"]:
        return m.start(), m.end(), "TIME", f"{value}T{_DAYPARTS[m['dp'].lower()]}", True, rel
    return m.start(), m.end(), "DATE", value, True, rel


@_rule("daypart",
       r"(?<![\w-])(?P<pre>(?:early|late|mid-?)\s*)?(?P<rel>this|last|that|the\s+previous|the\s+following|the\s+next|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+(?P<dp>morning|afternoon|evening|night)(?![\w])",
       priority=2)
def _n_daypart(m: re.Match[str], c: _Ctx) -> _Norm:
    rel = " ".join(m["rel"].lower().split())
    dp = m["dp"].lower()
    base = c.anchor
    offset = 0
    if rel == "last" and dp in ("night", "evening"):
        offset = -1
    elif rel == "last":
        return None
    elif rel in ("that", "the previous", "the following", "the next"):
        base = c.state.day or c.anchor
        offset = {"that": 0, "the previous": -1, "the following": 1, "the next": 1}[rel]
    if base is None:
        return m.start(), m.end(), "TIME", f"XXXX-XX-XXT{_DAYPARTS[dp]}", True, ("day", offset)
    d = base + dt.timedelta(days=offset)
    return m.start(), m.end(), "TIME", f"{_iso(d)}T{_DAYPARTS[dp]}", True, ("day", offset)


@_rule("overnight", r"(?<![\w-])(?P<w>overnight|midnight|noon|midday)(?![\w-])",
       check=lambda m, t: m["w"].lower() != "overnight" or not re.match(r"\s+[a-z]", t[m.end():]), priority=1)
def _n_overnight(m: re.Match[str], c: _Ctx) -> _Norm:
    w = m["w"].lower()
    day = c.state.day if c.state.day and c.anchor and abs((c.state.day - c.anchor).days) <= 7 else c.anchor
    base = _iso(day) if day else "XXXX-XX-XX"
    v = {"overnight": "TNI", "midnight": "T24:00", "noon": "T12:00", "midday": "T12:00"}[w]
    return m.start(), m.end(), "TIME", f"{base}{v}", True, ("day", 0)


_UNIT_REL = r"(?:week|weekend|month|year|decade|century|fortnight)"


@_rule("rel-unit",
       rf"(?<![\w-])(?P<pre>(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid)(?:\s+in)?(?:\s+|-)|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|balance|turn|close|first\s+half|second\s+half)\s+of\s+))?"
       rf"(?P<det>the\s+)?(?P<rel>last|this|next|coming|past|previous|following|current|same|upcoming|that|preceding|prior|this\s+past|this\s+coming|the\s+same)\s+(?P<u>{_UNIT_REL}|day)(?P<poss>['’]s)?(?![\w-])",
       priority=2)
def _n_rel_unit(m: re.Match[str], c: _Ctx) -> _Norm:
    det = bool(m["det"])
    rel = " ".join(m["rel"].lower().split()).replace("the same", "same")
    u = m["u"].lower()
    start, end = m.start(), m.end() - (len(m["poss"]) if m["poss"] else 0)
    if u == "day":
        if rel not in ("same", "following", "previous", "next", "that", "preceding", "prior"):
            return None
        if not det and rel not in ("that",):
            return None
        base = c.state.day or c.anchor
        off = {"same": 0, "that": 0, "following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}[rel]
        if base is None:
            return start, end, "DATE", "XXXX-XX-XX", True, None
        d = base + dt.timedelta(days=off)
        c.state.day = d
        return start, end, "DATE", _iso(d), True, None
    if det and rel in ("past", "last", "coming", "next") and not m["pre"]:
        # "the past week", "the next month": a length of time
        return start, end, "DURATION", duration_value(1, u), False, None
    if not det and rel == "past" and not m["pre"]:
        return start, end, "DURATION", duration_value(1, u), False, None
    if c.anchor is None:
        return start, end, "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(u, "XXXX"), True, (u, 0)
    a = c.anchor
    if rel in ("last", "previous", "past", "preceding", "prior", "this past"):
        off = -1
    elif rel in ("next", "coming", "following", "upcoming", "this coming"):
        off = 1
    else:
        off = 0
    base = a
    if rel in ("previous", "following", "preceding", "prior", "same", "that") and det or rel == "that":
        base = c.state.ref[0] if c.state.ref else a
    if u == "week":
        value = _week(base + dt.timedelta(weeks=off))
    elif u == "fortnight":
        value = _week(base + dt.timedelta(weeks=2 * off))
    elif u == "weekend":
        sat = base + dt.timedelta(days=(5 - base.weekday()) % 7)
        if off < 0 or (off == 0 and base.weekday() < 5 and c.tense(start, end) < 0):
            sat = base - dt.timedelta(days=(base.weekday() - 5) % 7 or 7)
        elif off > 0 and base.weekday() >= 5:
            sat = sat + dt.timedelta(days=7)
        value = _week(sat) + "-WE"
    elif u == "month":
        d = _add_months(base, off)
        value = f"{d.year:04d}-{d.month:02d}"
    elif u == "year":
        value = f"{base.year + off:04d}"
    elif u == "decade":
        value = f"{(base.year // 10 + off):03d}"
    else:  # century
        value = f"{(base.year // 100 + off):02d}"
    return start, end, "DATE", value, True, (u, off)


@_rule("period-part",
       r"(?<![\w-])(?:(?P<pre>(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder|balance)\s+of\s+|(?:early|late|earlier|later|sometime|some\s+time)\s+in\s+)"
       r"(?P<det>the|this|that)\s+(?P<u>year|month|week|decade|century)|(?P<ye>(?:around\s+)?(?:year|month)[-\s]end|(?:year|month)['’]s\s+end))(?![\w-])",
       check=lambda m, t: not (m["ye"] and re.match(r"\s*(?:results|figures|report|bonus|bonuses|total|level|levels|rally|sales)\b", t[m.end():], re.I)),
       priority=2)
def _n_period_part(m: re.Match[str], c: _Ctx) -> _Norm:
    u = (m["u"] or m["ye"]).lower()
    u = "month" if "month" in u else "year" if "year" in u else u
    start = m.start()
    if m["det"] and m["det"].lower() == "that" and c.state.day:
        base = c.state.day
    else:
        base = c.anchor
    if base is None:
        return start, m.end(), "DATE", {"week": "XXXX-WXX", "month": "XXXX-XX"}.get(u, "XXXX"), True, (u, 0)
    if m["ye"] and u == "year" and c.tense(m.start(), m.end()) < 0 and base.month < 7:
        base = dt.date(base.year - 1, 12, 31)  # "since year-end": the last one
    value = {"week": _week(base), "month": f"{base.year:04d}-{base.month:02d}", "year": f"{base.year:04d}",
             "decade": f"{base.year // 10:03d}", "century": f"{base.year // 100:02d}"}[u]
    return start, m.end(), "DATE", value, True, (u, 0)


@_rule("the-year",
       r"(?<![\w-])(?P<det>the|this)\s+(?P<adj>(?:full|whole|entire|current|same)\s+)?(?P<fiscal>(?:fiscal|financial|calendar)\s+)?year(?![\w-])"
       r"(?P<post>\s+(?:ended|ending|that\s+ended|that\s+ends|to\s+date|through|earlier|before|ago))?",
       check=lambda m, t: bool(m["post"] or m["adj"] or m["fiscal"]) or bool(re.search(r"\b(?:for|of|during|throughout|through|in)\s+$", t[max(0, m.start() - 12):m.start()], re.I)),
       priority=1)
def _n_the_year(m: re.Match[str], c: _Ctx) -> _Norm:
    post = " ".join((m["post"] or "").lower().split())
    adj = (m["adj"] or "").strip().lower()
    if m["det"].lower() == "this" and not m["fiscal"]:
        return None  # "this year" belongs to the relative rules
    if post in ("earlier", "before", "ago"):
        return None
    if post in ("ended", "ending", "that ended", "that ends", "through"):
        return m.start(), m.start("post"), "DURATION", "P1Y", False, None
    if m["fiscal"] and not adj:
        return m.start(), m.end() - len(m["post"] or ""), "DURATION", "P1Y", False, None
    if c.anchor is None:
        return m.start(), m.end() - len(m["post"] or ""), "DATE", "XXXX", True, ("year", 0)
    return m.start(), m.end() - len(m["post"] or ""), "DATE", f"{c.anchor.year:04d}", True, ("year", 0)


@_rule("the-weekend", r"(?<![\w-])(?P<the>the|a|this|over\s+the)\s+weekend(?![\w-])",
       check=lambda m, t: m["the"].lower() != "a", priority=1)
def _n_the_weekend(m: re.Match[str], c: _Ctx) -> _Norm:
    start = m.end() - len("the weekend") if m["the"].lower().startswith("over") else m.start()
    if c.anchor is None:
        return start, m.end(), "DATE", "XXXX-WXX-WE", True, ("weekend", 0)
    a = c.anchor
    t = c.tense(m.start(), m.end())
    if t > 0 and a.weekday() < 5:
        sat = a + dt.timedelta(days=5 - a.weekday())
    elif a.weekday() >= 5:
        sat = a - dt.timedelta(days=a.weekday() - 5)
    else:
        sat = a - dt.timedelta(days=a.weekday() + 2)
    return start, m.end(), "DATE", _week(sat) + "-WE", True, ("weekend", 0)


@_rule("year-ago-adj", r"(?<![\w-])(?P<w>year-(?:ago|earlier)|year\s+earlier)(?![\w-])", priority=1)
def _n_year_ago_adj(m: re.Match[str], c: _Ctx) -> _Norm:
    if c.anchor is None:
        return m.start(), m.end(), "DATE", "XXXX", True, ("year", -1)
    if c.state.quarter and _mentions_quarter(c, m.start()):
        y, q = c.state.quarter
        return m.start(), m.end(), "DATE", f"{y - 1}-Q{q}", True, ("year", -1)
    return m.start(), m.end(), "DATE", f"{c.anchor.year - 1}", True, ("year", -1)


_QUARTER_WORD = re.compile(r"\bquarter|\bquarterly", re.I)


def _mentions_quarter(c: _Ctx, pos: int) -> bool:
    left, right = _sentence_bounds(c.text, pos, pos)
    return bool(_QUARTER_WORD.search(c.text, max(0, min(left, pos - 400)), right))


# -- durations, ago, sets ------------------------------------------------------------------------


def _duration_ok(m: re.Match[str], text: str) -> bool:
    num = " ".join(m.group("num").lower().split())
    unit = _unit(m.group("unit"))
    after = text[m.end():m.end() + 20]
    if num in ("a", "an", "one") and unit == "second" and not m["approx"] and not m["det"]:
        return False  # "a second time"
    if unit == "quarter" and num in ("a", "one", "two", "three") and re.match(r"\s*of\b", after, re.I):
        return False  # "three quarters of the vote"
    if unit == "second" and re.match(r"\s*(?:time|term|round|half|place|largest|biggest)", after, re.I):
        return False
    if re.match(r"[\d,]*\d", num) and "," in num:
        return False
    return True


_DUR_PATTERN = (
    rf"(?<![\w'’$£€-])(?P<approx>{_APPROX}\s+)?(?P<det>the\s+|an?\s+(?=\S+-))?(?P<rel>(?:past|last|next|previous|first|coming|following|final|remaining|ensuing|latest|preceding|initial|same|entire|whole|full|prior|succeeding|last\s+few|past\s+few|next\s+few|first\s+few|final\s+few|past\s+several|last\s+several|next\s+several)\s+)?"
    rf"(?P<num>{_NUM})(?P<sep>\s+|\s*-\s*)(?:(?:trading|business|working|school|calendar|straight|consecutive|full|more|additional|extra|long)\s+)?(?P<unit>{_UNIT})(?![\w])"
    r"(?P<half>\s+and\s+an?\s+half|-and-a-half)?(?P<adj>-(?:old|long))?(?P<noun>\s+(?:period|span|stretch|time\s+span|timespan|time\s+frame|timeframe))?"
    r"(?P<post>\s+(?:(?:or\s+so\s+|or\s+more\s+)?(?:ago|earlier)|later|from\s+now|hence|back|before|after|or\s+so|or\s+more|or\s+less|in\s+a\s+row|running|straight|old|long)(?![\w-]))?"
)


@_rule("duration", _DUR_PATTERN, check=_duration_ok, priority=3)
def _n_duration(m: re.Match[str], c: _Ctx) -> _Norm:
    num_s = " ".join(m["num"].split())
    unit = _unit(m["unit"])
    if m["adj"] == "-old" or (m["post"] and m["post"].split()[0].lower() == "old"):
        return None  # ages ("a 10-year-old boy", "52 years old") are not time expressions here
    if re.fullmatch(r"(?:1[89]|20)\d\d", num_s) and not m["approx"]:
        return None  # "the 1988 quarter": a year, not a count
    rng = re.search(r"\d\s*(?:-|–)\s*\d|\s(?:to|or)\s", num_s) is not None
    n = None if rng else _number(num_s)
    if n is None and not rng and num_s.lower() not in _FEW:
        return None
    if n is not None and m["half"]:
        n += 0.5
    start, end = m.start(), m.end()
    post = " ".join((m["post"] or "").lower().split())
    post = post.replace("or so ", "").replace("or more ", "")
    if post in ("before", "after", "later"):
        after = c.text[end:end + 3]
        if post != "later" and not re.match(r"\s*(?:[.,;:)!?\"”]|$)", after):
            end -= len(m["post"])
            post = ""
    if post in ("ago", "earlier", "from now", "hence", "back", "before", "after"):
        return _offset_date(m, c, n, unit, post, start, end)
    if post == "later":
        # TimeML leaves "later" out: "[three days] later" is a length of time
        end -= len(m["post"])
    adjectival = "-" in m["sep"]
    if m["det"] and adjectival and not m["rel"] and not m["noun"]:
        # "the two-year agreement": the article belongs to the noun, not to the duration
        start = m.start("num")
    elif m["noun"] and not m["det"]:
        end = m.start("noun") if not adjectival else end
    elif m["det"] and m["det"].strip().lower() in ("a", "an") and not m["noun"]:
        start = m.start("num")
    if m["approx"] and m["det"] and m["det"].strip().lower() in ("a", "an") and not m["noun"]:
        start = m.start("num")
    if m["approx"] and re.fullmatch(r"(?:over|under|within)\s+", m["approx"], re.I) and (m["det"] or m["noun"]):
        start = max(start, m.end("approx"))  # "over [the next two years]": a preposition here
    value = duration_value(n, unit)
    # "$5 a year", "four flights a week": a rate; TimeML is inconsistent about these, skip them
    if n == 1 and num_s.lower() in ("a", "an") and not m["det"] and not m["rel"] and not m["approx"]:
        before = c.text[max(0, start - 40):start]
        if re.search(r"(?:\d|%|percent|per\s+cent|dollars|cents|times|once|twice|million|billion|thousand|euros|pounds|\w\w+s)\s+$", before, re.I) \
                and not re.search(r"\b(?:for|in|within|after|over|than|about|nearly|almost|of|last|past|first|next|the|is|was|takes|took|it's)\s+$", before, re.I):
            return None
    return start, end, "DURATION", value, False, None


def _offset_date(m: re.Match[str], c: _Ctx, n: float | None, unit: str, post: str, start: int, end: int) -> _Norm:
    sign = 1 if post in ("later", "from now", "hence", "after") else -1
    relative = post in ("ago", "from now", "hence", "back")
    base = c.anchor if relative else (c.state.day or c.anchor)
    if n is None:
        return start, end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", relative, None
    if base is None:
        return start, end, "DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"), True, (unit, sign * n)
    if unit in ("second", "minute", "hour"):
        return start, end, "DATE", _iso(base), True, (unit, sign * n)
    if unit in ("day", "night"):
        d = base + dt.timedelta(days=sign * round(n))
        value = _iso(d)
    elif unit == "week":
        d = base + dt.timedelta(days=sign * round(n * 7))
        value = _week(d) if n >= 1 else _iso(d)
    elif unit == "fortnight":
        d = base + dt.timedelta(days=sign * round(n * 14))
        value = _week(d)
    elif unit == "month":
        d = _add_months(base, sign * round(n))
        value = f"{d.year:04d}-{d.month:02d}"
    elif unit == "quarter":
        d = _add_months(base, sign * round(3 * n))
        value = f"{d.year:04d}-Q{_quarter_of(d)}"
    elif unit == "year":
        if n == 1 and c.state.quarter and post in ("ago", "earlier") and _mentions_quarter(c, start):
            y, q = c.state.quarter
            return start, end, "DATE", f"{y - 1}-Q{q}", True, (unit, -1)
        value = f"{base.year + sign * round(n):04d}"
    elif unit == "decade":
        value = f"{(base.year + sign * round(10 * n)) // 10:03d}"
    elif unit == "century":
        value = f"{(base.year + sign * round(100 * n)) // 100:02d}"
    else:
        return None
    return start, end, "DATE", value, True, (unit, sign * n)


def _vague_ok(m: re.Match[str], text: str) -> bool:
    if m["mod"] or m["post"]:
        return True
    before = text[max(0, m.start() - 12):m.start()].lower()
    return bool(re.search(r"\b(?:for|in|over|within|lasted|last|took|takes|spent|spend)\s+$", before))


@_rule("duration-vague",
       r"(?<![\w-])(?P<mod>(?:the\s+)?(?:(?:past|last|next|coming|recent|previous|following|ensuing|early|first|final|subsequent|intervening|preceding)\s+)+|the\s+(?=\w+\s+(?:ahead|to\s+come)))?"
       r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?![\w-])"
       r"(?P<post>\s+(?:ago|earlier|later|to\s+come|ahead|on\s+end)(?![\w-]))?",
       check=_vague_ok, priority=1)
def _n_duration_vague(m: re.Match[str], c: _Ctx) -> _Norm:
    unit = _unit(m["unit"])
    post = " ".join((m["post"] or "").lower().split())
    start, end = m.start(), m.end()
    if post in ("ago", "earlier", "before"):
        return start, end, "DATE", "PAST_REF", False, None
    if post in ("later", "after"):
        return start, end, "DATE", "FUTURE_REF", False, None
    return start, end, "DURATION", duration_value(None, unit), False, None


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
                "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
                "semiannually": "P6M", "biannually": "P6M", "semi-annually": "P6M", "bimonthly": "P2M"}


@_rule("set-adverb", r"(?<![\w-])(?P<w>daily|nightly|weekly|biweekly|fortnightly|monthly|yearly|annually|hourly|semi-?annually|biannually|bimonthly)(?![\w-])",
       check=lambda m, t: not (m["w"][0].isupper() and re.match(r"\s+[A-Z]", t[m.end():])),  # "Daily Mail"
       priority=1)
def _n_set_adverb(m: re.Match[str], c: _Ctx) -> _Norm:
    return m.start(), m.end(), "SET", _SET_ADVERBS[m["w"].lower().replace("-", "")], False, None


@_rule("set-every",
       rf"(?<![\w-])(?P<q>every|each|per|once\s+a|twice\s+a|(?:once|twice|three\s+times|four\s+times|\d+\s+times|several\s+times|many\s+times)\s+(?:a|an|per|every|each))\s+"
       rf"(?:(?P<other>other)\s+)?(?:(?P<num>{_NUM1})\s+)?(?P<u>{_UNIT}|(?P<w>{_WEEKDAY})s?|(?P<m>{_MONTH})|morning|afternoon|evening|night|spring|summer|fall|autumn|winter|weekday|weekend)(?![\w-])",
       priority=3)
def _n_set_every(m: re.Match[str], c: _Ctx) -> _Norm:
    q = m["q"].lower()
    if m["w"]:
        return m.start(), m.end(), "SET", f"XXXX-WXX-{_WEEKDAYS[m['w'].lower()] + 1}", False, None
    if m["m"]:
        if not _cap(m["m"]):
            return None
        return m.start(), m.end(), "SET", f"XXXX-{_month(m['m']):02d}", False, None
    u = m["u"].lower()
    if u in _DAYPARTS:
        return m.start(), m.end(), "SET", f"XXXX-XX-XXT{_DAYPARTS[u]}", False, None
    if u in _SEASONS:
        return m.start(), m.end(), "SET", f"XXXX-{_SEASONS[u]}", False, None
    if u == "weekday":
        return m.start(), m.end(), "SET", "XXXX-WXX-WD", False, None
    unit = _unit(u)
    if unit not in _UNIT_CODE:
        return None
    n = _number(m["num"]) if m["num"] else 1
    if m["other"]:
        n = (n or 1) * 2
    if q.startswith("per") and m["num"]:
        return None
    return m.start(), m.end(), "SET", duration_value(n, unit), False, None


# -- clock times ---------------------------------------------------------------------------------

_AMPM = r"(?P<ap>[ap]\.?\s?m\b\.?)"


@_rule("clock",
       rf"(?<![\w.:$£€])(?P<pre>(?:about|around|approximately|roughly|nearly|almost|just\s+after|just\s+before|shortly\s+after|shortly\s+before|after|before|until)\s+)?"
       rf"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?:{_AMPM}|(?P<oc>o['’]clock))(?P<tz>{_TZ})?",
       priority=4)
def _n_clock(m: re.Match[str], c: _Ctx) -> _Norm:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if m["ap"]:
        if h == 0 or h > 12:
            return None
        pm = m["ap"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    elif m["oc"] and h > 12:
        return None
    start = m.start("h") if m["pre"] and m["pre"].strip().lower() in ("after", "before", "until", "just after", "just before", "shortly after", "shortly before") else m.start()
    end = m.end()
    text = c.text
    # a sentence-final "p.m." lends its period to the sentence
    if text[end - 1:end] == "." and re.match(r"\s*(?:$|\n|[A-Z\"“])", text[end:end + 3]) and not m["tz"] \
            and not _DAY_AFTER_CLOCK.match(text, end):
        end -= 1
    return start, end, "TIME", f"{{day}}T{h:02d}:{mi:02d}", True, ("clock", (h, mi))


@_rule("clock-24", rf"(?<![\w.:$£€])(?:at|by|from|until|till|before|after)\s+(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:]|[.,]\d)(?P<tz>{_TZ})?(?!\s*(?:%|percent|am|pm|a\.m|p\.m))",
       priority=3)
def _n_clock24(m: re.Match[str], c: _Ctx) -> _Norm:
    h, mi = int(m["h"]), int(m["mi"])
    return m.start("h"), m.end(), "TIME", f"{{day}}T{h:02d}:{mi:02d}", True, ("clock", (h, mi))


@_rule("clock-word", r"(?<![\w-])(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock(?![\w])"
       r"(?:\s+(?:in\s+the\s+)?(?P<dp>morning|afternoon|evening|at\s+night))?", priority=4)
def _n_clock_word(m: re.Match[str], c: _Ctx) -> _Norm:
    h = _SMALL[m["h"].lower()]
    dp = (m["dp"] or "").lower()
    if dp in ("afternoon", "evening", "at night") and h < 12:
        h += 12
    return m.start(), m.end(), "TIME", f"{{day}}T{h:02d}:00", True, ("clock", (h, 0))


_DAY_AFTER_CLOCK = re.compile(rf"\s*,?\s*(?:{_WEEKDAY}|{_MONTH}\s*\d|today|tonight|yesterday|tomorrow|[ECMP][SD]T|GMT)\b", re.I)


# -- the engine ------------------------------------------------------------------------------------

_TIME_THEN_DAY_GAP = re.compile(r"^\s*,?\s*$")


# Every rule's match contains one of a few words or digits (its "head"). Scanning a long
# text once for each kind of head with a simple pattern, then running the rule only in a
# window around each head, is several times faster than running every rule over the text.
_MONTH_HEAD = (r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
               r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b")
_UNIT_HEAD = (r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?"
              r"|quarters?|years?|yrs?|decades?|century|centuries|millenni(?:um|a))\b")
_HEADS = {
    **dict.fromkeys(("month-day-year", "day-month-year", "month-day", "month-year", "month"), _MONTH_HEAD),
    **dict.fromkeys(("iso-date", "numeric-date", "year", "decade", "quarter-code", "clock", "clock-24"), r"\d+"),
    **dict.fromkeys(("century", "rel-unit", "period-part", "the-year", "the-weekend", "year-ago-adj", "duration",
                     "duration-vague"), _UNIT_HEAD),
    "spoken-year": r"\b(?:eighteen|nineteen|thousand)\b",
    "decade-word": r"\b(?:twen|thir|for|fif|six|seven|eigh|nine)ties\b",
    "weekday": r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b",
    "holiday": r"\b(?:day|eve|christmas|halloween|thanksgiving|easter)\b",
    "season": r"\b(?:spring|summer|fall|autumn|winter)\b",
    "quarter": r"\b(?:quarter|half)\b",
    "the-quarter": r"\b(?:quarter|period)\b",
    "ref-word": r"\b(?:now|currently|nowadays|present|presently|days|recently|lately|past|future)\b",
    "day-word": r"\b(?:today|tonight|yesterday|tomorrow)\b",
    "daypart": r"\b(?:morning|afternoon|evening|night)\b",
    "overnight": r"\b(?:overnight|midnight|noon|midday)\b",
    "set-adverb": r"\b(?:daily|nightly|weekly|biweekly|fortnightly|monthly|yearly|annually|hourly|semi-?annually"
                  r"|biannually|bimonthly)\b",
    "set-every": r"\b(?:every|each|per|once|twice|times)\b",
    "clock-word": r"o['’]clock",
}
_HEAD_RX = {h: re.compile(h, re.I) for h in set(_HEADS.values())}
_REACH_BEFORE, _REACH_AFTER = 90, 70  # how far a match may extend around its head
_WHOLE_TEXT = 2000  # shorter texts are simply scanned whole


def _windows(heads: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for hs, he in heads:
        lo, hi = max(0, hs - _REACH_BEFORE), min(size, he + _REACH_AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str) -> list[tuple[int, int, int, int, re.Match[str]]]:
    out = []
    whole = len(text) <= _WHOLE_TEXT
    found: dict[str, tuple[list[int], list[int], list[tuple[int, int]]]] = {}
    for i, rule in enumerate(_RULES):
        head = _HEADS.get(rule.name)
        if whole or head is None:
            matches = rule.pattern.finditer(text)
            starts = ends = None
        else:
            if head not in found:
                spans = [(m.start(), m.end()) for m in _HEAD_RX[head].finditer(text)]
                found[head] = ([s for s, _ in spans], [e for _, e in spans], _windows(spans, len(text)))
            starts, ends, windows = found[head]
            matches = (m for lo, hi in windows for m in rule.pattern.finditer(text, lo, hi))
        for m in matches:
            if m.end() == m.start():
                continue
            if starts is not None:
                # keep what contains a head: a match cut short by the window's end has none
                k = bisect.bisect_left(starts, m.start())
                if k == len(starts) or ends[k] > m.end():
                    continue
            if rule.check is not None and not rule.check(m, text):
                continue
            out.append((m.start(), m.end(), rule.priority, i, m))
    return out


def _select(cands: list[tuple[int, int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, int, re.Match[str]]]:
    """Longest first (then higher priority), never overlapping."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    starts: list[int] = []
    chosen: list[tuple[int, int, int, int, re.Match[str]]] = []
    ends: list[int] = []
    for cand in cands:
        s, e = cand[0], cand[1]
        k = bisect.bisect_left(starts, s)
        if k < len(starts) and starts[k] < e:
            continue
        if k > 0 and ends[k - 1] > s:
            continue
        starts.insert(k, s)
        ends.insert(k, e)
        chosen.insert(k, cand)
    return chosen


def mentions(text: str, anchor: dt.date | None) -> list[Mention]:
    """Every time expression with its tense and how it is relative (see `Mention`)."""
    pool = _candidates(text)
    for _ in range(4):
        ctx = _Ctx(text, anchor)
        out: list[Mention] = []
        failed = set()
        for cand in _select(list(pool)):
            m = cand[4]
            try:
                norm = _RULES[cand[3]].normalize(m, ctx)
            except (OverflowError, ValueError):
                norm = None  # arithmetic beyond the calendar ("100000 days ago", an anchor in year 1)
            if norm is None or norm[1] <= norm[0]:
                failed.add(id(cand))  # a shorter reading of the same words may still stand
                continue
            start, end, typ, value, anchored, rel = norm
            out.append(Mention(TimeExpression(start, end, text[start:end], typ, value, anchored),
                               ctx.tense(start, end) if anchored or rel else 0, rel))
            if typ == "DATE":
                ref = _period_start(value)
                if ref:
                    ctx.state.ref = ref
        if not failed:
            break
        pool = [c for c in pool if id(c) not in failed]
    return _combine(out, ctx)


_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


def _period_start(value: str) -> tuple[dt.date, str] | None:
    """'1998-03' -> (1998-03-01, 'month'): where a dated period starts, and how long it is."""
    m = _VALUE.match(value)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    day = _safe_date(y, mo, d)
    if day is None:
        return None
    return day, "day" if m[3] else "month" if m[2] else "year"


def _combine(ms: list[Mention], ctx: _Ctx) -> list[Mention]:
    """Join what TimeML keeps together ("10 p.m. Wednesday", "Friday, Dec. 6") and fill clock-time days."""
    text = ctx.text
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        cur = ms[i]
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        ce = cur.expression
        if nxt is not None:
            ne = nxt.expression
            gap = text[ce.end:ne.start]
            # clock time + day ("10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 9")
            if ce.type == "TIME" and "{day}" in ce.value and ne.type == "DATE" and _is_day(ne.value) and _TIME_THEN_DAY_GAP.match(gap):
                merged = TimeExpression(ce.start, ne.end, text[ce.start:ne.end], "TIME", ce.value.replace("{day}", ne.value),
                                        ce.anchored or ne.anchored)
                out.append(Mention(merged, nxt.tense, nxt.relative))
                i += 2
                continue
            if ce.type == "TIME" and re.search(r"T(?:12:00|24:00)$", ce.value) and ce.text.lower() in ("noon", "midnight", "midday") \
                    and ne.type == "DATE" and _is_day(ne.value) and _TIME_THEN_DAY_GAP.match(gap):
                merged = TimeExpression(ce.start, ne.end, text[ce.start:ne.end], "TIME", ne.value + ce.value[-6:], True)
                out.append(Mention(merged, nxt.tense, nxt.relative))
                i += 2
                continue
            # weekday + date ("Wednesday, Dec. 6") is one date
            if ce.type == "DATE" and cur.relative and cur.relative[0] == "weekday" and ne.type == "DATE" and _is_day(ne.value) \
                    and re.fullmatch(r"\s*,?\s*", gap):
                merged = TimeExpression(ce.start, ne.end, text[ce.start:ne.end], "DATE", ne.value, ne.anchored)
                out.append(Mention(merged, nxt.tense, nxt.relative))
                i += 2
                continue
        if "{day}" in ce.value:
            day = _nearby_day(ms, i, ctx)
            ce = TimeExpression(ce.start, ce.end, ce.text, ce.type, ce.value.replace("{day}", day), ce.anchored)
            cur = Mention(ce, cur.tense, cur.relative)
        out.append(cur)
        i += 1
    return out


_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")


def _is_day(value: str) -> bool:
    return bool(_DAY_VALUE.match(value))


def _nearby_day(ms: list[Mention], i: int, ctx: _Ctx) -> str:
    """The day a bare clock time belongs to: a day named in the same sentence, else the anchor."""
    e = ms[i].expression
    left, right = _sentence_bounds(ctx.text, e.start, e.end)
    if i + 1 < len(ms):  # "at 3 p.m. on Wednesday"
        o = ms[i + 1].expression
        if o.type == "DATE" and _is_day(o.value) and _CLOCK_DAY_GAP.match(ctx.text, e.end, o.start):
            return o.value
    if i > 0:  # "On Wednesday, ... at 3 p.m."
        o = ms[i - 1].expression
        if o.start >= left and o.type == "DATE" and _is_day(o.value):
            return o.value
    return _iso(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"


_CLOCK_DAY_GAP = re.compile(r"\s*(?:\([^()]{0,24}\)\s*)?,?\s*(?:on\s+|of\s+)?$")


def find_time_expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Time expressions in `text`, in order, with TIMEX3 type and value.

    `anchor` is the date relative expressions are resolved against (the publication
    date); with None they keep X where the anchor would be needed ('XXXX-WXX-1').
    """
    return [m.expression for m in mentions(text, anchor)]
