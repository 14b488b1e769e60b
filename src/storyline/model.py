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
#: The bases of a date the source itself stated (the others were guessed, or are missing).
STATED_BASES = frozenset({"metadata", "header"})


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


@dataclass(frozen=True)
class Claim:
    """A value a sentence states about a subject; `text == article.text[start:end]`.

    `kind` is date, money, count, percent or measure. `value` is the normalized value as
    text (a TIMEX3 date such as '2020-10' or 'XXXX-WXX-1', or a number) and `number` the
    number itself; `low`/`high` bound a range; `qualifier` is the writer's hedge ("over",
    "about", "up to"; for dates "from", "by", "after"); `tolerance` the relative rounding of
    the figure as written. `modality` is stated, expected, denied or reported (`speaker`
    when someone is named). `scope` says what the subject is: 'event' (the article's event:
    dates, tolls) or 'entity' (the named thing at `subject_start:subject_end`, for values a
    thing keeps, such as what a deal is worth). `relative` marks a year the text gives only
    relative to its own date ('year+1' for "next year") when that date was unknown.
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: str
    attribute: str
    value: str
    number: float | None
    unit: str
    qualifier: str | None
    modality: str
    speaker: str | None
    scope: str
    low: float | None = None
    high: float | None = None
    tolerance: float = 0.0
    relative: str | None = None
    anchored: bool = False
    subject_text: str = ""
    subject_start: int | None = None
    subject_end: int | None = None
