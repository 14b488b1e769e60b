"""Server-rendered pages. Templates autoescape; article text is never marked safe."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..api import KnowledgeBase
from ..tell.present import safe_url, time_axis
from .deps import kb

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
KB = Annotated[KnowledgeBase, Depends(kb)]


def _render(request: Request, name: str, **context):
    return request.app.state.templates.TemplateResponse(request, name, context)


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
    return _render(request, "home.html", stats=kb.stats(), days=days, sources=kb.sources(),
                   stories=kb.stories(limit=10))


@router.get("/stories")
def stories(request: Request, kb: KB, page: Annotated[int, Query(ge=1)] = 1):
    per_page = 50
    rows = kb.stories(limit=per_page, offset=(page - 1) * per_page)
    return _render(request, "stories.html", rows=rows, page=page, per_page=per_page)


@router.get("/stories/{story_id}")
def story(request: Request, kb: KB, story_id: int):
    found = kb.story(story_id)
    if found is None:
        raise HTTPException(404, "No such story")
    entries = kb.story_timeline(story_id)
    disputes = [e for e in entries if len(e.dates_reported) > 1]
    return _render(request, "story.html", s=found, entries=entries, disputes=disputes,
                   axis=time_axis(entries), summary=kb.summary(story_id=story_id),
                   milestones=kb.story_milestones(story_id, entries),
                   claims=kb.comparisons(verdicts=("conflict", "agree"), story=story_id, limit=20))


@router.get("/articles")
def articles(request: Request, kb: KB, page: Annotated[int, Query(ge=1)] = 1,
             source: str | None = None):
    per_page = 50
    rows = kb.articles(limit=per_page, offset=(page - 1) * per_page, source=source)
    total = kb.count_articles(source=source)
    return _render(request, "articles.html", rows=rows, page=page, total=total, per_page=per_page, source=source)


@dataclass(frozen=True)
class Piece:
    """A run of sentence text, plain or annotated (kind: entity, time, amount)."""

    text: str
    kind: str = ""
    href: str | None = None
    note: str = ""


def _format_amount(q: dict) -> str:
    value = q["value"]
    number = f"{value:,.0f}" if value >= 100 and value == int(value) else f"{value:,.4g}"
    qualifier = f"{q['qualifier']} " if q["qualifier"] else ""
    return f"{qualifier}{number} {q['unit']}".strip()


def annotate_sentence(sentence: dict, spans: list[tuple[int, int, Piece]]) -> list[Piece]:
    """Cut a sentence into pieces at its annotations; overlapping ones keep the first found."""
    text, base = sentence["text"], sentence["start"]
    pieces, cursor = [], 0
    for start, end, piece in spans:
        start, end = start - base, end - base
        if start < cursor or end > len(text):
            continue  # overlaps an earlier annotation, or crosses the sentence end
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], piece.kind, piece.href, piece.note))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


def _annotation_spans(found: dict) -> dict[int, list[tuple[int, int, Piece]]]:
    """Annotations by sentence, in text order; entities first where spans collide."""
    by_sentence: dict[int, list[tuple[int, int, int, Piece]]] = {}
    for m in found["mentions"]:
        href = f"/entities/{m['entity_id']}" if m["entity_id"] else None
        note = f"{m['entity_name'] or m['text']} ({m['label']})"
        by_sentence.setdefault(m["sentence"], []).append((m["start"], 0, m["end"], Piece("", "entity", href, note)))
    for t in found["times"]:
        note = f"{t['type'].lower()} {t['value']}" + (" (resolved from the publication date)" if t["anchored"] else "")
        by_sentence.setdefault(t["sentence"], []).append((t["start"], 1, t["end"], Piece("", "time", None, note)))
    for q in found["quantities"]:
        note = f"{q['kind']}: {_format_amount(q)}"
        by_sentence.setdefault(q["sentence"], []).append((q["start"], 2, q["end"], Piece("", "amount", None, note)))
    return {k: [(s, e, p) for s, _, e, p in sorted(v, key=lambda x: (x[0], x[1]))] for k, v in by_sentence.items()}


@router.get("/articles/{article_id}")
def article(request: Request, kb: KB, article_id: str):
    found = kb.article(article_id)
    if found is None:
        raise HTTPException(404, "No such article")
    spans = _annotation_spans(found)
    sentences = [dict(s, pieces=annotate_sentence(s, spans.get(s["idx"], []))) for s in found["sentences"]]
    paragraphs = [(p, list(sents)) for p, sents in groupby(sentences, key=lambda s: s["paragraph"])]
    return _render(request, "article.html", a=found, paragraphs=paragraphs, url=safe_url(found["url"]),
                   links=kb.article_links(article_id))


@router.get("/entities")
def entities(request: Request, kb: KB, q: str | None = None, type: str | None = None,
             page: Annotated[int, Query(ge=1)] = 1):
    per_page = 100
    rows = kb.entities(query=q or None, type=type or None, limit=per_page, offset=(page - 1) * per_page)
    return _render(request, "entities.html", rows=rows, q=q, type=type, page=page, per_page=per_page)


@router.get("/entities/{entity_id}")
def entity(request: Request, kb: KB, entity_id: str):
    found = kb.entity(entity_id)
    if found is None:
        raise HTTPException(404, "No such entity")
    if found["id"] != entity_id:  # merged into another, or renamed: the address moves with it
        return RedirectResponse(request.url_for("entity", entity_id=found["id"]), status_code=301)
    articles = kb.articles_by_ids(found["article_ids"][:200])
    return _render(request, "entity.html", e=found, articles=articles, chart=_bar_chart(found["by_month"]))


def _bar_chart(by_month: list[dict]) -> dict:
    """Geometry for a small SVG bar chart of mentions per month (drawn by the template)."""
    if not by_month:
        return {"bars": [], "width": 0, "height": 0}
    top = max(m["mentions"] for m in by_month)
    bar, gap, height = 14, 4, 80
    bars = [{"x": i * (bar + gap), "w": bar, "h": max(2, round(height * m["mentions"] / top)),
             "month": m["month"], "mentions": m["mentions"]} for i, m in enumerate(by_month)]
    for b in bars:
        b["y"] = height - b["h"]
    return {"bars": bars, "width": len(bars) * (bar + gap), "height": height,
            "first": by_month[0]["month"], "last": by_month[-1]["month"]}


@router.get("/sources")
def sources(request: Request, kb: KB):
    return _render(request, "sources.html", sources=kb.sources(), coverage=kb.coverage())


@router.get("/search")
def search(request: Request, kb: KB, q: str = ""):
    hits = kb.search(q, limit=50) if q.strip() else []
    results = [(h, _pieces(h.text, h.marks)) for h in hits]
    return _render(request, "search.html", q=q, results=results)
