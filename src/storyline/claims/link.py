"""Claim comparison in the build: each newly linked article against what shares its subjects.

Runs in the build's main process right after an article is linked, when its event and its
entities are known. A claim's subject is its event ('event/N') or, for values a thing keeps,
the canonical entity it names; only claims with the same subject and attribute are fetched
(an index lookup), so adding an article costs what it touches, not the corpus. Claims from
the same outlet, or in the very same words (a copy), are not compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..store import Store
from .compare import SAME_NEWS_DAYS, comparable, compare, shared_context
from .extract import UNCOMPARED

#: At most this many earlier claims are compared with each new one (the most recent reports).
MAX_CANDIDATES = 60
#: Running figures (tolls, shares) are also looked up in at most this many other events of the story
#: that have reports of the same news days (the latest opened first): the event tracker may split one
#: day's news ("up to 68 dead" on the 25th, "81 dead" on the 26th) into two events, while the reports
#: still count the same dead. Each is one more index lookup.
SIBLING_EVENTS = 8
#: Kinds of canonical entity a figure from another event must share with the new one: the place counted.
PLACES = ("place:",)
#: ... and at most this many claims from each of them.
MAX_SIBLING_CANDIDATES = 20


def event_subject(event_id: int) -> str:
    return f"event/{event_id}"


def link_claims(store: Store, article_id: str, event_id: int | None, story_events: Sequence[int] = ()) -> int:
    """Give an article's claims their subjects and compare them; the number of comparisons made.

    `story_events` are the events of the article's story with reports of the same news days, oldest
    first: a running figure of the article's event is also compared with the same figure in them
    (`compare` still asks that the reports be at most a day apart and name something in common).
    """
    rows = store.claims_to_link(article_id)
    if not rows:
        return 0
    updates, mine, suffixes = [], [], {}
    siblings = [e for e in story_events if e != event_id][-SIBLING_EVENTS:]
    for r in rows:
        if r["scope"] == "entity" and r["mention_entity"]:
            subject = r["mention_entity"]
        elif r["scope"] == "event" and event_id is not None:
            # "47 percent for Trump" and "18 percent of the votes" are not about the same thing; a toll's
            # place is not part of its subject: "81 dead" and "81 dead in Mexico" are compared (see compare)
            named = r["mention_entity"] if r["kind"] != "count" else None
            subject = event_subject(event_id) + (f"|{named}" if named else "")
        else:
            subject = None
        updates.append((subject, event_id, r["id"]))
        if subject is not None and r["attribute"] not in UNCOMPARED:
            mine.append({**dict(r), "subject_id": subject})
            if r["scope"] == "event" and r["kind"] != "date" and event_id is not None:
                suffixes[r["id"]] = subject[len(event_subject(event_id)):]
    store.set_claim_subjects(updates)
    found: dict[tuple, tuple[bool, tuple]] = {}
    for claim in mine:
        claim["outlet"] = outlet(claim)
        days = _news_days(claim) if claim["id"] in suffixes else None
        others = [(o, False) for o in store.comparable_claims(claim["subject_id"], claim["attribute"], article_id,
                                                             MAX_CANDIDATES, days)]
        if days is not None:  # a running figure: the same count in the story's neighbouring events
            for sibling in siblings:
                others += [(o, True) for o in store.comparable_claims(
                    event_subject(sibling) + suffixes[claim["id"]], claim["attribute"], article_id,
                    MAX_SIBLING_CANDIDATES, days)]
        for other, elsewhere in others:
            if other["source"] == claim["source"] or other["sentence_text"] == claim["sentence_text"]:
                continue
            if elsewhere and not shared_context(dict(other), claim, PLACES):
                continue  # another event's figure counts the same dead only where the same place is named
            older = {**dict(other), "outlet": outlet(other)}
            verdict = compare(older, claim)
            # one verdict per pair of articles, attribute and pair of values as qualified: a report repeating
            # its figure says it once, but its other figures for the same thing ("at least 60" beside "60")
            # are heard. A pair of sentences that shares the subject's names says it better than one that
            # only gives the same figure (see `compare._same_figure`), so the latter gives way.
            if verdict is None:
                continue
            key = (older["article_id"], claim["attribute"], older["value"], _bound(older), claim["value"],
                   _bound(claim), verdict.verdict)
            in_context = comparable(older, claim)
            if key not in found or (in_context and not found[key][0]):
                found[key] = (in_context, (older["id"], claim["id"], verdict.verdict, verdict.explanation,
                                           verdict.weight))
    store.save_comparisons([row for _, row in found.values()])
    return len(found)


def _bound(claim: dict) -> str:
    return (claim.get("qualifier") or "").lower()


def _news_days(claim: dict) -> tuple[str, str] | None:
    """The days of the reports a running figure may be compared with (see `compare.SAME_NEWS_DAYS`), so
    that a long event's later reports do not crowd out those of the same news day; None if undated."""
    try:
        day = dt.date.fromisoformat((claim.get("published") or "")[:10])
    except ValueError:
        return None
    span = dt.timedelta(days=SAME_NEWS_DAYS)
    return (day - span).isoformat(), (day + span).isoformat()


def outlet(row) -> str:
    """Who a claim comes from, for explanations: the outlet, else the article's title or file name."""
    keys = row.keys()
    if row["source"] and row["source"] != row["article_id"]:
        return row["source"]
    title = row["title"] if "title" in keys else None
    if title:
        return f"'{title[:60]}'"
    path = row["path"] if "path" in keys else ""
    return path.rsplit("/", 1)[-1] if path else f"article {row['article_id']}"
