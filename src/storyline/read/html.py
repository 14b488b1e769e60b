"""HTML pages: main text and metadata through trafilatura (which never fetches anything here)."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from ..errors import ReadError
from ..model import RawArticle
from . import register
from ._common import decode, parse_date


MIN_WORDS = 8


@register("html", extensions=(".html", ".htm", ".xhtml"))
def read_html(path: Path, data: bytes, display: str):
    markup = decode(data, display)
    if "<" not in markup:
        raise ReadError(display, "not HTML: no tags found")
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml raises on some broken documents
        raise ReadError(display, f"malformed HTML ({type(exc).__name__}: {exc})") from None
    body = (doc.text if doc is not None else "") or ""
    if len(body.split()) < MIN_WORDS:  # menus and footers alone are not an article
        raise ReadError(display, "no article text found in the HTML")
    title = (doc.title or "").strip() or None
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        body = "\n".join(lines[1:])  # trafilatura repeats the headline as the first line
    published = parse_date(doc.date)
    yield RawArticle(
        locator=str(path),
        path=display,
        raw_text=body,
        reader="html",
        title=title,
        source=(doc.sitename or doc.hostname or None),
        url=doc.url or None,
        published=published,
        published_basis="metadata" if published else "unknown",
        metadata={k: v for k, v in {"author": doc.author, "description": doc.description}.items() if v},
    )
