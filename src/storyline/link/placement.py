"""Undated articles placed by their storyline, once linking has told what they report.

The text alone cannot date "Putin is expected to visit on December 6": it names no year.
Two things a careful reader would use come from the other reports:

* a dated report of the same storyline that names the same day with its year ("on Monday,
  December 6, 2021") says which December 6 is meant; only a year every such report agrees
  on is lent, and the ordinary reasoning of `annotate.pubdate` does the rest (a visit
  ahead: the article came in the weeks before it);
* reports of one event come out within days of each other (the event linker never joins
  dated reports further apart than `SAME_EVENT_DAYS`), so the article's window is cut down
  to the days around its event-mates' dates or windows.

An article is dated only when the resulting window is no wider than the one an article's
own dates would need (`MAX_INFERRED_WINDOW_DAYS`); otherwise a narrower window is still
kept as a bound. When the storyline's reading contradicts the article's own dates, the
article is left as it was. Every step is written into the article's evidence.
"""

from __future__ import annotations

import datetime as dt

from ..annotate import MAX_INFERRED_WINDOW_DAYS
from ..annotate.pubdate import infer_publication_date, undated_days
from ..annotate.temporal import find_time_expressions
from ..model import STATED_BASES
from ..store import Store
from .events import EventConfig

#: Reports of one event lie within this many days of each other.
SAME_EVENT_DAYS = int(EventConfig().max_gap_days)


def lent_years(store: Store, article_id: str, days: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, str]]:
    """For each day named without a year, the one year the storyline's dated reports give it."""
    out = {}
    for month, day in sorted(days):
        rows = store.story_full_dates(article_id, f"{month:02d}-{day:02d}")
        if len({r["value"][:4] for r in rows}) == 1:
            r = rows[0]
            out[(month, day)] = (int(r["value"][:4]), f'"{r["title"] or r["path"]}", a dated report of the same storyline')
    return out


def _mate_window(mate) -> tuple[dt.date, dt.date, str] | None:
    margin = dt.timedelta(days=SAME_EVENT_DAYS)
    name = mate["title"] or mate["path"]
    if mate["published"] and mate["published_basis"] in STATED_BASES and len(mate["published"]) == 10:
        day = dt.date.fromisoformat(mate["published"])
        return day - margin, day + margin, f'reports the same event as "{name}", published {day}'
    if mate["published_earliest"] and mate["published_latest"]:
        lo, hi = dt.date.fromisoformat(mate["published_earliest"]), dt.date.fromisoformat(mate["published_latest"])
        return lo - margin, hi + margin, f'reports the same event as "{name}", written between {lo} and {hi}'
    return None


def place_undated(store: Store, *, today: dt.date | None = None) -> int:
    """Date what the storyline allows among the undated articles; returns how many were dated."""
    placed = 0
    for row in store.undated_linked_articles():
        days = undated_days(row["text"])
        years = lent_years(store, row["id"], days) if days else {}
        guess = infer_publication_date(row["text"], today=today, year_of=years or None)
        window = (guess.earliest, guess.latest) if guess else None
        best = guess.best if guess else None
        evidence = [e for e in (guess.evidence if guess else []) if not e.startswith("the window spans")]
        used = bool(years)
        mate_days = []
        for mate in store.event_mates(row["id"]):
            if mate["published"] and len(mate["published"]) == 10:
                mate_days.append(dt.date.fromisoformat(mate["published"]))
            found = _mate_window(mate)
            if found is None:
                continue
            lo, hi, said = found
            if window is not None:
                lo, hi = max(lo, window[0]), min(hi, window[1])
            if lo > hi:
                window = None  # the event's dates and the article's own disagree: trust neither
                break
            window, used = (lo, hi), True
            evidence.append(f"{said}: reports of one event come within {SAME_EVENT_DAYS} days of each other")
        if not used or window is None:
            continue
        old = (row["published_earliest"], row["published_latest"])
        if old[0] and old[1] and not (old[0] <= window[1].isoformat() and window[0].isoformat() <= old[1]):
            continue  # the storyline's reading contradicts the article's own dates: leave it as it was
        wide = (window[1] - window[0]).days > MAX_INFERRED_WINDOW_DAYS
        if mate_days:  # the event's own day is the likeliest, when its other reports are dated
            best = sorted(mate_days)[(len(mate_days) - 1) // 2]
        elif best is None:
            best = window[0] + (window[1] - window[0]) / 2
        best = min(max(best, window[0]), window[1])
        if wide:
            evidence.append(f"the window spans {(window[1] - window[0]).days} days: too wide to date the article, "
                            "a bound only")
        times = find_time_expressions(row["text"], best) if not wide else None
        with store.transaction():
            store.place_article(row["id"], None if wide else best.isoformat(),
                                (window[0].isoformat(), window[1].isoformat()), evidence, times)
        placed += not wide
    return placed
