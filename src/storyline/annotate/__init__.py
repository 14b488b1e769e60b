"""Annotators: per-article, pure, parallel. Each says what it reads and what it writes.

They run in the build's worker processes, after cleaning, in the order of `ANNOTATORS`:
the publication date is inferred first (when the article has none) because time
expressions are resolved against it. Entities go last and in batches, since they need
the spaCy pipeline; linking them across articles happens later, in the main process.
Claims are read last, from what the others found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Article


@dataclass(frozen=True)
class Annotator:
    name: str
    version: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


ANNOTATORS: dict[str, Annotator] = {
    a.name: a
    for a in (
        Annotator("pubdate", 1, requires=("text", "published"), assigns=("published", "published_window")),
        Annotator("time", 1, requires=("text", "published"), assigns=("times",)),
        Annotator("quantities", 1, requires=("text",), assigns=("quantities",)),
        Annotator("entities", 1, requires=("text",), assigns=("mentions",)),
        Annotator("claims", 1, requires=("times", "quantities", "mentions"), assigns=("claims",)),
    )
}
DEFAULT = tuple(ANNOTATORS)

#: An inferred window wider than this is kept as a bound only: the article stays undated
#: rather than being placed at a guess the evidence cannot support (pubdate says "too wide").
from .pubdate import WIDE_WINDOW as MAX_INFERRED_WINDOW_DAYS  # noqa: E402


def check(names: Sequence[str]) -> tuple[str, ...]:
    """Validate a selection of annotators and put it in running order."""
    unknown = [n for n in names if n not in ANNOTATORS]
    if unknown:
        from ..errors import UsageError

        raise UsageError(f"unknown annotator(s) {', '.join(unknown)}; known: {', '.join(ANNOTATORS)}")
    return tuple(n for n in ANNOTATORS if n in names)


def signature(names: Sequence[str]) -> str:
    """What produced an article's annotations; a change means the article is redone."""
    from ..clean import CLEAN_VERSION

    return "+".join([f"clean{CLEAN_VERSION}"] + [f"{n}{ANNOTATORS[n].version}" for n in check(names)])


@dataclass(frozen=True)
class Annotated:
    """A clean article with everything the annotators found in it."""

    article: Article
    published_window: tuple[str, str] | None = None
    published_evidence: tuple[str, ...] = ()
    times: tuple = ()
    quantities: tuple = ()
    mentions: tuple = ()
    claims: tuple = ()
    annotators: tuple[str, ...] = field(default=())
    link_prep: object = None  # what the linkers read from the text, computed by the build's workers


def _anchor(published: str | None) -> dt.date | None:
    """The day relative dates are resolved against; a month or year alone is too vague."""
    if published and len(published) == 10:
        return dt.date.fromisoformat(published)
    return None


def annotate(articles: list[Article], names: Sequence[str]) -> list[Annotated]:
    """Run the selected annotators over a batch of articles (entities as one spaCy batch)."""
    names = check(names)
    out: list[Annotated] = []
    for article in articles:
        result = Annotated(article, annotators=names)
        if "pubdate" in names and article.published is None:
            from .pubdate import infer_publication_date

            guess = infer_publication_date(article.text)
            if guess is not None:
                if (guess.latest - guess.earliest).days <= MAX_INFERRED_WINDOW_DAYS:
                    article = replace(article, published=guess.best.isoformat(), published_basis="inferred")
                result = replace(result, article=article,
                                 published_window=(guess.earliest.isoformat(), guess.latest.isoformat()),
                                 published_evidence=tuple(guess.evidence))
        if "time" in names:
            from .temporal import find_time_expressions

            result = replace(result, times=tuple(find_time_expressions(article.text, _anchor(article.published))))
        if "quantities" in names:
            from .quantities import find_quantities

            result = replace(result, quantities=tuple(find_quantities(article.text)))
        out.append(result)
    if "entities" in names and out:
        from .entities import find_mentions, load_nlp

        found = find_mentions([a.article.text for a in out], nlp=load_nlp())
        out = [replace(a, mentions=tuple(m)) for a, m in zip(out, found)]
    if "claims" in names:
        from ..claims.extract import extract_claims

        out = [replace(a, claims=tuple(extract_claims(a.article.text, a.article.sentences, a.times, a.quantities,
                                                      a.mentions, a.article.published))) for a in out]
    return out


def preload(names: Sequence[str]) -> Callable[[], None] | None:
    """Load heavy resources once, before worker processes fork, so that they share them."""
    if "entities" in check(names):
        from .entities import load_nlp

        load_nlp()
    return None
