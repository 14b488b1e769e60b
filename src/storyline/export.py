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
        "events": [],
        "claims": [],
        "conflicts": [],
        "stories": [],
        "skipped": [{"path": r["path"], "reason": r["reason"]} for r in store.skipped()],
    }


def _entities(store: Store) -> list[dict[str, Any]]:
    aliases = store.all_entity_aliases()
    articles = store.all_entity_articles()
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": aliases.get(e["id"], []),
             "articles": articles.get(e["id"], []), "mentions": e["mentions"]}
            for e in store.entities()]


def write_json(store: Store, out: TextIO) -> None:
    json.dump(export_dict(store), out, ensure_ascii=False, indent=1)
    out.write("\n")
