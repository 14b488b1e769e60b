"""The Python API: build a knowledge base from paths, open one and ask it things."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import bounds
from .export import export_dict
from .pipeline import BuildReport, build
from .store import DEFAULT_DB, Store
from .tell.timeline import TimelineEntry, fts_query, timeline


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    sentence: int
    text: str
    highlighted: str  # the sentence with matches in [brackets]
    published: str | None
    source: str | None
    title: str | None


class KnowledgeBase:
    """A built knowledge base, opened read-only: safe beside a running build."""

    def __init__(self, db: str | os.PathLike = DEFAULT_DB):
        self.store = Store(db, readonly=True)
        self.path = Path(db)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def stats(self) -> dict[str, int]:
        return {
            "articles": self.store.count("articles"),
            "sentences": self.store.count("sentences"),
            "undated": self.store.undated_count(),
            "removed_lines": self.store.count("removed_lines"),
            "builds": self.store.count("runs"),
        }

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.articles(limit=limit, offset=offset)]

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.store.article(article_id)
        if row is None:
            return None
        out = dict(row)
        out["sentences"] = [dict(s) for s in self.store.sentences(article_id)]
        out["removed"] = [dict(r) for r in self.store.removed_lines(article_id)]
        return out

    def search(self, query: str, *, start: str | None = None, end: str | None = None,
               limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if match is None:
            return []
        rows = self.store.search_sentences(match, start=bounds(start), end=bounds(end, end=True), limit=limit)
        return [SearchHit(r["article_id"], r["idx"], r["text"], r["highlighted"], r["published"],
                          r["source"], r["title"]) for r in rows]

    def timeline(self, *, query: str | None = None, start: str | None = None, end: str | None = None,
                 limit: int | None = None) -> list[TimelineEntry]:
        return timeline(self.store, query=query, start=start, end=end, limit=limit)

    def export(self) -> dict[str, Any]:
        return export_dict(self.store)


def open_kb(db: str | os.PathLike = DEFAULT_DB) -> KnowledgeBase:
    """Open a knowledge base for reading."""
    return KnowledgeBase(db)


__all__ = ["BuildReport", "KnowledgeBase", "SearchHit", "TimelineEntry", "build", "open_kb"]
