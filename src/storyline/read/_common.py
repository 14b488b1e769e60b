"""Helpers shared by readers: decoding bytes sensibly and reading dates from metadata."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import charset_normalizer

from ..errors import ReadError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (docx, xlsx, epub...)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}


def decode(data: bytes, display: str) -> str:
    """Bytes to text: UTF-8 first, then a detected encoding; binary and empty files refused."""
    if not data.strip():
        raise ReadError(display, "empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(display, f"binary file ({what}), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(display, "starts with a UTF-16 mark but does not decode as UTF-16") from None
    if b"\x00" in data[:8192]:
        raise ReadError(display, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise ReadError(display, "not UTF-8 and no other text encoding fits") from None
        text = str(best)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(5, len(text[:20000]) // 50):
        raise ReadError(display, "binary file (mostly control characters), not text")
    return text


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?\s*$")
_FORMATS = ("%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(value: object) -> str | None:
    """An ISO 8601 date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY`) from a metadata value, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = _PARTIAL.match(text)
    if m:
        year, month = int(m[1]), m[2]
        if not 1000 <= year <= 2999:
            return None
        if month is None:
            return f"{year:04d}"
        return f"{year:04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    try:  # RFC 2822, as in RSS and e-mail
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_](\d{2})[-/_](\d{2})(?!\d)")


def date_from_path(path: str) -> str | None:
    """A date in a file's name or its folder's name (archives often store articles by day).

    Only those two parts count: a date in a higher folder says more about the project
    than about the article.
    """
    from pathlib import PurePath

    p = PurePath(path)
    for m in list(_PATH_DATE.finditer(p.name)) + list(_PATH_DATE.finditer(p.parent.name)):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None
