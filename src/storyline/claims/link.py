"""Claim comparison in the build: each newly linked article against what shares its subjects.

Runs in the build's main process right after an article is linked, when its event and its
entities are known. A claim's subject is its event ('event/N') or, for values a thing keeps,
the canonical entity it names; only claims with the same subject and attribute are fetched
(an index lookup), so adding an article costs what it touches, not the corpus. Claims from
the same outlet, or in the very same words (a copy), are not compared.
"""

from __future__ import annotations

from ..store import Store
from .compare import compare
from .extract import UNCOMPARED

#: At most this many earlier claims are compared with each new one (the most recent reports).
MAX_CANDIDATES = 60


def event_subject(event_id: int) -> str:
    return f"event/{event_id}"


def link_claims(store: Store, article_id: str, event_id: int | None) -> int:
    """Give an article's claims their subjects and compare them; the number of comparisons made."""
    rows = store.claims_to_link(article_id)
    if not rows:
        return 0
    updates, mine = [], []
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
    store.set_claim_subjects(updates)
    found, said = [], set()
    for claim in mine:
        claim["outlet"] = outlet(claim)
        for other in store.comparable_claims(claim["subject_id"], claim["attribute"], article_id, MAX_CANDIDATES):
            if other["source"] == claim["source"] or other["sentence_text"] == claim["sentence_text"]:
                continue
            older = {**dict(other), "outlet": outlet(other)}
            verdict = compare(older, claim)
            # one verdict per pair of articles, attribute and pair of values: a report repeating its figure
            # says it once, but its other figures for the same thing are heard
            key = (older["article_id"], claim["attribute"], older["value"], claim["value"],
                   verdict.verdict if verdict else None)
            if verdict is not None and key not in said:
                said.add(key)
                found.append((older["id"], claim["id"], verdict.verdict, verdict.explanation, verdict.weight))
    store.save_comparisons(found)
    return len(found)


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
