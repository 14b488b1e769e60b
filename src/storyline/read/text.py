"""Plain text articles, with an optional header.

Two header forms are understood:

* ``key: value`` lines at the very top (``title``, ``source``, ``date``, ``url``),
  ended by a blank line;
* the bare form some archives write, `` date YYYY-MM-DD`` directly followed by the
  first sentence on the same line.

Without a date header, a date in the file's name or folder (``2010-01-21/1538.txt``)
is used, as archives of news often store articles by day. A short first line with no
closing punctuation, followed by a blank line, is taken as the headline.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..model import RawArticle
from . import register
from ._common import date_from_path, decode, parse_date

_HEADER_LINE = re.compile(r"^(title|headline|source|outlet|date|published|url)\s*:\s*(.*?)\s*$", re.I)
_BARE_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)", re.I)
_KEY_ALIASES = {"headline": "title", "outlet": "source", "published": "date"}
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]\s*$")


@register("text", extensions=(".txt", ".text"))
def read_text(path: Path, data: bytes, display: str):
    text = decode(data, display)
    fields, body, header_kind = _split_header(text)
    if not body.strip():
        raise ReadError(display, "no article text after the header")

    title = fields.get("title")
    if title is None:
        title, body = _headline(body)

    published, basis = None, "unknown"
    metadata: dict = {}
    if "date" in fields:
        published = parse_date(fields["date"])
        if published:
            basis = "header"
        else:
            metadata["date_error"] = f"header date not understood: {fields['date']!r}"
    if published is None:
        published = date_from_path(display)
        if published:
            basis = "metadata"
            metadata["date_from"] = "path"
    if header_kind:
        metadata["header"] = header_kind

    yield RawArticle(
        locator=str(path),
        path=display,
        raw_text=body,
        reader="text",
        title=title,
        source=fields.get("source"),
        url=fields.get("url"),
        published=published,
        published_basis=basis,
        metadata=metadata,
    )


def _split_header(text: str) -> tuple[dict[str, str], str, str | None]:
    """Separate header fields from the body; the body keeps no trace of the header."""
    text = text.lstrip("\ufeff")
    bare = _BARE_DATE.match(text)
    if bare:
        return {"date": bare[1]}, text[bare.end():], "bare"
    lines = text.lstrip("\n").split("\n")
    fields: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if fields:
                return fields, "\n".join(lines[i + 1:]), "fields"
            break
        m = _HEADER_LINE.match(line.strip())
        if not m:
            break
        key = m[1].lower()
        fields[_KEY_ALIASES.get(key, key)] = m[2]
    return {}, text, None


def _headline(body: str) -> tuple[str | None, str]:
    """Take a headline-like first paragraph (one short line, then a blank line) out of the body."""
    lines = body.lstrip().split("\n")
    if len(lines) < 3 or lines[1].strip():
        return None, body
    first, rest = lines[0].strip(), "\n".join(lines[2:])
    if 2 <= len(first.split()) <= 25 and not _SENTENCE_END.search(first) and rest.strip():
        return first, rest
    return None, body
