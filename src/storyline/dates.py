"""ISO 8601 dates at the precision they are known: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""

from __future__ import annotations

import calendar
import re

from .errors import UsageError

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def bounds(value: str | None, *, end: bool = False) -> str | None:
    """The first (or last) day a possibly partial ISO date covers: '2021-12' -> '2021-12-01'."""
    if value is None or value == "":
        return None
    m = _ISO.match(value.strip())
    if not m:
        raise UsageError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year = int(m[1])
    month = int(m[2]) if m[2] else (12 if end else 1)
    if not 1 <= month <= 12:
        raise UsageError(f"{value!r}: month {month} does not exist")
    last = calendar.monthrange(year, month)[1]
    day = int(m[3]) if m[3] else (last if end else 1)
    if not 1 <= day <= last:
        raise UsageError(f"{value!r}: day {day} does not exist in that month")
    return f"{year:04d}-{month:02d}-{day:02d}"
