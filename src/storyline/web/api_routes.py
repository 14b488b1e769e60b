"""The JSON API: paginated, filterable, read-only. The OpenAPI schema is at /openapi.json."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ..api import KnowledgeBase
from .deps import kb

router = APIRouter(prefix="/api", tags=["api"])

KB = Annotated[KnowledgeBase, Depends(kb)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
DateFrom = Annotated[str | None, Query(alias="from", description="First date, YYYY[-MM[-DD]].")]
DateTo = Annotated[str | None, Query(alias="to", description="Last date, YYYY[-MM[-DD]].")]


def _article_summary(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "source", "url", "path", "published", "published_basis",
            "published_earliest", "published_latest")
    return {k: row[k] for k in keys}


@router.get("/articles")
def list_articles(kb: KB, limit: Limit = 50, offset: Offset = 0, start: DateFrom = None, end: DateTo = None,
                  source: Annotated[str | None, Query(description="Only this outlet.")] = None,
                  entity: Annotated[str | None, Query(description="Only articles naming this entity id.")] = None,
                  ) -> dict[str, Any]:
    """Articles by date, undated last."""
    rows = kb.articles(limit=limit, offset=offset, start=start, end=end, source=source, entity=entity)
    total = kb.count_articles(start=start, end=end, source=source, entity=entity)
    return {"total": total, "limit": limit, "offset": offset, "items": [_article_summary(r) for r in rows]}


@router.get("/articles/{article_id}")
def get_article(kb: KB, article_id: str) -> dict[str, Any]:
    """One article: clean text, sentences with offsets, removed furniture."""
    article = kb.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    article.pop("metadata", None)
    return article


@router.get("/entities")
def list_entities(kb: KB, limit: Limit = 50, offset: Offset = 0,
                  q: Annotated[str | None, Query(description="Name contains.")] = None,
                  type: Annotated[str | None, Query(description="PERSON, ORG, GPE, PRODUCT...")] = None) -> dict[str, Any]:
    """Canonical entities, most mentioned first."""
    return {"limit": limit, "offset": offset,
            "items": kb.entities(query=q, type=type, limit=limit, offset=offset)}


@router.get("/entities/{entity_id}")
def get_entity(kb: KB, entity_id: str) -> dict[str, Any]:
    """One entity: its names with counts, articles, mentions per month, and the entities it appears with."""
    entity = kb.entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return entity


def _event_json(e) -> dict[str, Any]:
    return {"id": e.id, "story": e.story_id, "date": e.date, "date_basis": e.date_basis, "title": e.title,
            "text": e.text, "outlets": e.outlets, "copies": e.copies,
            "dates_reported": [{"date": d, "reports": n} for d, n in e.dates_reported],
            "reports": [r.__dict__ for r in e.reports]}


@router.get("/stories")
def list_stories(kb: KB, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Storylines, the largest first."""
    return {"limit": limit, "offset": offset, "items": kb.stories(limit=limit, offset=offset)}


@router.get("/stories/{story_id}")
def get_story(kb: KB, story_id: int, start: DateFrom = None, end: DateTo = None) -> dict[str, Any]:
    """One story with its timeline: events in date order, each citing its reports."""
    story = kb.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return {**story, "timeline": [_event_json(e) for e in kb.story_timeline(story_id, start=start, end=end)],
            "milestones": [{"date": m.date, "when": m.when, "text": m.text,
                            "citations": [c.__dict__ for c in m.citations]} for m in kb.story_milestones(story_id)]}


@router.get("/events/{event_id}")
def get_event(kb: KB, event_id: int) -> dict[str, Any]:
    """One event: its date (and every date its reports gave), its reports."""
    event = kb.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    return _event_json(event)


@router.get("/claims")
def list_claims(kb: KB, limit: Limit = 100, offset: Offset = 0,
                article: Annotated[str | None, Query(description="Only claims from this article.")] = None) -> dict[str, Any]:
    """Values the articles state (dates, sums, counts, shares, sizes) as claims with their evidence."""
    return {"total": kb.count_claims(article=article), "limit": limit, "offset": offset,
            "items": kb.claims(article=article, limit=limit, offset=offset)}


@router.get("/conflicts")
def list_conflicts(kb: KB, story: Annotated[int | None, Query(description="Only this story's.")] = None,
                   verdict: Annotated[str, Query(pattern="^(conflict|agree|more_precise)$",
                                                 description="conflict (default), agree or more_precise.")] = "conflict",
                   ) -> dict[str, Any]:
    """Where reports disagree: claims in conflict, weightiest first, then events whose reports give
    different dates. `verdict=agree` lists where they agree instead."""
    items = kb.comparisons(verdicts=(verdict,), story=story)
    if verdict == "conflict" and story is None:
        items += kb.coverage_disputes()
    return {"items": items}


@router.get("/search")
def search(kb: KB, q: Annotated[str, Query(min_length=1, description="Words to find.")], limit: Limit = 20,
           start: DateFrom = None, end: DateTo = None) -> dict[str, Any]:
    """Full-text search over sentences; `marks` are the matches' offsets in `text`."""
    hits = kb.search(q, start=start, end=end, limit=limit)
    return {"query": q, "items": [
        {"article": h.article_id, "sentence": h.sentence, "text": h.text, "marks": h.marks,
         "published": h.published, "source": h.source, "title": h.title} for h in hits]}


@router.get("/timeline")
def get_timeline(kb: KB, q: Annotated[str | None, Query(description="Only entries about these words.")] = None,
                 start: DateFrom = None, end: DateTo = None, limit: Limit = 200) -> dict[str, Any]:
    """Dated entries, each citing its article and sentence."""
    entries = kb.timeline(query=q, start=start, end=end, limit=limit)
    return {"items": [e.__dict__ for e in entries]}


@router.get("/timeline/summary")
def get_summary_timeline(
        kb: KB,
        dates: Annotated[int, Query(ge=1, le=200, description="How many days.")] = 10,
        per_date: Annotated[int, Query(ge=1, le=10, description="Sentences per day.")] = 1,
        q: Annotated[str | None, Query(description="Only articles about these words.")] = None,
        story: Annotated[int | None, Query(description="Only this story's articles.")] = None,
        entity: Annotated[str | None, Query(description="Only articles naming this entity (id or name).")] = None,
        start: DateFrom = None, end: DateTo = None) -> dict[str, Any]:
    """The days that matter (those later reports point back to) and what happened on each, cited."""
    entries = kb.summary_timeline(n_dates=dates, per_date=per_date, query=q, start=start, end=end,
                                  story=story, entity=entity)
    return {"items": [{"date": e.date, "articles": e.articles, "outlets": e.outlets, "sources": list(e.sources),
                       "sentences": [s.__dict__ for s in e.sentences]} for e in entries]}


@router.get("/sources")
def list_sources(kb: KB) -> dict[str, Any]:
    """Outlets, with how many articles each has and the dates they cover."""
    return {"items": kb.sources()}


@router.get("/stats")
def stats(kb: KB) -> dict[str, Any]:
    return kb.stats()
