"""JSON and JSON Lines: one article per object, as news-please and most scrapers write them.

Field names vary between tools, so each field is looked up under its common names;
the first non-empty one wins.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ReadError
from ..model import RawArticle
from . import register
from ._common import decode, parse_date

FIELDS = {
    "text": ("text", "maintext", "body", "content", "article_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "published_at", "publish_date",
                  "pubdate", "datePublished"),
    "source": ("source", "outlet", "source_domain", "publisher", "sitename", "site_name"),
    "url": ("url", "link"),
}


@register("jsonl", extensions=(".jsonl", ".ndjson"))
def read_jsonl(path: Path, data: bytes, display: str):
    text = decode(data, display)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{display}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _article(record, where, f"{path}#{lineno}", display)


@register("json", extensions=(".json",))
def read_json(path: Path, data: bytes, display: str):
    text = decode(data, display)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(display, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    if isinstance(doc, list):
        for i, record in enumerate(doc):
            yield _article(record, f"{display}[{i}]", f"{path}#{i}", display)
    else:
        yield _article(doc, display, str(path), display)


def _article(record: object, where: str, fallback_locator: str, display: str) -> RawArticle | ReadError:
    if not isinstance(record, dict):
        return ReadError(where, f"expected a JSON object, found {type(record).__name__}")
    values = {name: _first(record, keys) for name, keys in FIELDS.items()}
    if not values["text"]:
        return ReadError(where, "no article text (looked for " + ", ".join(FIELDS["text"]) + ")")
    published = parse_date(values["published"])
    metadata = {}
    if values["published"] and not published:
        metadata["date_error"] = f"date not understood: {values['published']!r}"
    return RawArticle(
        locator=values["url"] or fallback_locator,
        path=display,
        raw_text=values["text"],
        reader="json",
        title=values["title"],
        source=values["source"],
        url=values["url"],
        published=published,
        published_basis="metadata" if published else "unknown",
        metadata=metadata,
    )


def _first(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None
