"""Server-rendered pages. Templates autoescape; article text is never marked safe."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..api import KnowledgeBase
from .deps import kb

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
KB = Annotated[KnowledgeBase, Depends(kb)]


def _render(request: Request, name: str, **context):
    return request.app.state.templates.TemplateResponse(request, name, context)


def safe_url(url: str | None) -> str | None:
    """Only plain web links become clickable: never javascript:, data: or the like."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _pieces(text: str, marks) -> list[tuple[str, bool]]:
    """Split a sentence into (text, is_match) pieces for escaping-safe highlighting."""
    out, last = [], 0
    for start, end in marks:
        out += [(text[last:start], False), (text[start:end], True)]
        last = end
    out.append((text[last:], False))
    return [p for p in out if p[0]]


@router.get("/")
def home(request: Request, kb: KB):
    entries = kb.timeline()
    days = [(date, list(items)) for date, items in groupby(entries, key=lambda e: e.date)]
    return _render(request, "home.html", stats=kb.stats(), days=days, sources=kb.sources())


@router.get("/articles")
def articles(request: Request, kb: KB, page: Annotated[int, Query(ge=1)] = 1,
             source: str | None = None):
    per_page = 50
    rows = kb.articles(limit=per_page, offset=(page - 1) * per_page, source=source)
    total = kb.count_articles(source=source)
    return _render(request, "articles.html", rows=rows, page=page, total=total, per_page=per_page, source=source)


@router.get("/articles/{article_id}")
def article(request: Request, kb: KB, article_id: str):
    found = kb.article(article_id)
    if found is None:
        raise HTTPException(404, "No such article")
    paragraphs = [(p, list(sents)) for p, sents in groupby(found["sentences"], key=lambda s: s["paragraph"])]
    return _render(request, "article.html", a=found, paragraphs=paragraphs, url=safe_url(found["url"]))


@router.get("/sources")
def sources(request: Request, kb: KB):
    return _render(request, "sources.html", sources=kb.sources())


@router.get("/search")
def search(request: Request, kb: KB, q: str = ""):
    hits = kb.search(q, limit=50) if q.strip() else []
    results = [(h, _pieces(h.text, h.marks)) for h in hits]
    return _render(request, "search.html", q=q, results=results)
