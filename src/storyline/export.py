"""The knowledge base as one JSON document (schema: `export.schema.json` beside this file).

Entities, events, claims, conflicts and stories are empty lists until the stages that
find them are part of the build; the keys are always present so consumers can rely on them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .store import Store
from .tell.events import summarize_event

SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
EXPORT_FORMAT_VERSION = 1


def export_dict(store: Store) -> dict[str, Any]:
    articles = []
    for row in store.articles():
        window = None
        if row["published_earliest"] or row["published_latest"]:
            window = {"earliest": row["published_earliest"], "latest": row["published_latest"]}
        articles.append({
            "id": row["id"],
            "path": row["path"],
            "source": row["source"],
            "title": row["title"],
            "url": row["url"],
            "published": row["published"],
            "published_basis": row["published_basis"],
            "published_window": window,
            "text": row["text"],
            "removed": [{"reason": r["reason"], "text": r["text"]} for r in store.removed_lines(row["id"])],
        })
    return {
        "storyline": {"version": __version__, "format": EXPORT_FORMAT_VERSION,
                      "schema_version": store.schema_version},
        "articles": articles,
        "entities": _entities(store),
        "events": _events(store),
        "claims": amount_claims(store),
        "conflicts": [],
        "stories": _stories(store),
        "skipped": [{"path": r["path"], "reason": r["reason"]} for r in store.skipped()],
    }


def _entities(store: Store) -> list[dict[str, Any]]:
    aliases = store.all_entity_aliases()
    articles = store.all_entity_articles()
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": aliases.get(e["id"], []),
             "articles": articles.get(e["id"], []), "mentions": e["mentions"]}
            for e in store.entities()]


_SUBJECT_LABELS = ("ORG", "PRODUCT", "PERSON", "GPE", "FAC", "LAW", "EVENT", "LOC", "NORP")


def amount_claims(store: Store) -> list[dict[str, Any]]:
    """Every amount as a claim: about the nearest named thing before it in its sentence.

    A first, plain reading; comparing claims across sources refines subjects and attributes.
    """
    claims = []
    for q, mentions in store.amount_facts():
        before = [m for m in mentions if m["end"] <= q["start"] and m["label"] in _SUBJECT_LABELS]
        after = [m for m in mentions if m["start"] >= q["end"] and m["label"] in _SUBJECT_LABELS]
        subject = before[-1] if before else (after[0] if after else None)
        attribute = {"money": "amount", "percent": "share or change", "count": f"number of {q['unit']}"}.get(
            q["kind"], q["unit"] or q["kind"])
        claims.append({
            "id": f"q{q['id']}",
            "subject": (subject["entity_id"] or subject["text"]) if subject else "",
            "subject_name": (subject["entity_name"] or subject["text"]) if subject else None,
            "attribute": attribute,
            "value": q["text"],
            "normalized": {"value": q["value"], "unit": q["unit"], "kind": q["kind"],
                           "qualifier": q["qualifier"], "low": q["low"], "high": q["high"]},
            "evidence": {"article": q["article_id"], "sentence": q["sentence"], "text": q["sentence_text"]},
        })
    return claims


def _events(store: Store) -> list[dict[str, Any]]:
    out = []
    for row in store.events():
        e = summarize_event(store, row["id"])
        if e is None:
            continue
        ids = [r.article_id for r in e.reports]
        entities = store.top_entities(ids) if ids else []
        out.append({
            "id": f"e{e.id}", "date": e.date, "date_basis": e.date_basis, "title": e.title or e.text[:120],
            "story": f"s{e.story_id}" if e.story_id else None, "entities": entities, "articles": ids,
            "outlets": e.outlets, "copies": e.copies,
            "dates_reported": [{"date": d, "reports": n} for d, n in e.dates_reported],
            "evidence": [{"article": r.article_id, "sentence": r.sentence, "text": r.text} for r in e.reports if r.text],
        })
    return out


def _stories(store: Store) -> list[dict[str, Any]]:
    out = []
    for row in store.stories():
        events = store.events(story_id=row["id"])
        articles = sorted({r["article_id"] for e in events for r in store.event_reports(e["id"])})
        out.append({"id": f"s{row['id']}", "title": row["title"], "first": row["first"], "last": row["last"],
                    "events": [f"e{e['id']}" for e in events], "articles": articles})
    return out


def write_json(store: Store, out: TextIO) -> None:
    json.dump(export_dict(store), out, ensure_ascii=False, indent=1)
    out.write("\n")
