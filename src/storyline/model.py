"""The records every stage speaks.

Data flows one way: readers make `RawArticle`s, cleaning turns each into an `Article`
with `Sentence`s whose character offsets point into the clean text. Later stages add
facts that point back to (article, sentence, span).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: How a publication date was obtained, from most to least direct.
DATE_BASES = ("metadata", "header", "inferred", "unknown")


@dataclass(frozen=True)
class RawArticle:
    """One article as a reader found it, before any cleaning.

    `locator` identifies where the article lives (a resolved file path, a URL, or
    `path#n` for the n-th record of a file); re-reading the same locator updates the
    same article rather than adding a new one.
    """

    locator: str
    path: str
    raw_text: str
    reader: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str = "unknown"
    metadata: dict = field(default_factory=dict)

    @property
    def raw_hash(self) -> str:
        """Fingerprint of everything the reader produced, to spot unchanged inputs."""
        h = hashlib.sha256()
        for part in (self.raw_text, self.title, self.source, self.url, self.published,
                     self.published_basis):
            h.update((part or "").encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence of the clean text; `text == article.text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready to be stored and annotated."""

    raw: RawArticle
    text: str
    sentences: tuple[Sentence, ...]
    removed: tuple[tuple[str, str], ...]  # (reason, line) for each line taken out
    title: str | None
    source: str | None
    published: str | None
    published_basis: str

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(text: str) -> str:
    """A short, stable id derived from an article's clean text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
