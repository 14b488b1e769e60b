"""The knowledge base as one JSON document (schema: `export.schema.json` beside this file).

`claims` holds every value a sentence states about a subject; `conflicts` every comparison of
two claims from different sources (verdict conflict, agree or more_precise), weightiest first.
The keys are always present, empty lists where the build found nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .store import Store
from .tell.claims import claims, comparisons
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
        "claims": claims(store),
        "conflicts": comparisons(store),
        "stories": _stories(store),
        "skipped": [{"path": r["path"], "reason": r["reason"]} for r in store.skipped()],
    }


def _entities(store: Store) -> list[dict[str, Any]]:
    aliases = store.all_entity_aliases()
    articles = store.all_entity_articles()
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": aliases.get(e["id"], []),
             "articles": articles.get(e["id"], []), "mentions": e["mentions"]}
            for e in store.entities()]


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
