"""An optional writer: a language model retells a summary in its own words, every sentence traced.

Off unless the user configures an OpenAI-compatible endpoint (`STORYLINE_LLM_URL`, or
`--llm-url`); when it is off, nothing is ever sent anywhere. When it is on, the model gets
the best-ranked sentences of the reports, numbered, and must end each sentence it writes
with the numbers it rests on. A written sentence stays only if it can be traced: it cites
sentences that were given, every number and every capitalised name in it appears in them,
and most of its content words do too. The rest is dropped and listed with the reason. Any
failure (network, timeout, an answer that is not a chat completion, nothing traceable)
gives back the extractive summary, with a note saying why.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..errors import StorylineError, UsageError
from ..link.features import STOP_WORDS, content_words, stem, words
from .present import safe_url
from .summary import Candidate, Summary, SummarySentence

ENV_URL, ENV_MODEL, ENV_KEY = "STORYLINE_LLM_URL", "STORYLINE_LLM_MODEL", "STORYLINE_LLM_KEY"
DEFAULT_MODEL = "default"
#: How many of the best-ranked sentences the model is given.
SOURCES = 20
#: Share of a written sentence's content words that its cited sentences must contain.
MIN_OVERLAP = 0.6
MAX_REPLY_BYTES = 1_000_000


class WriterError(StorylineError):
    """The writer could not be used this time; the extractive summary stands in."""


@dataclass(frozen=True)
class WriterConfig:
    """Where the writer lives: `base_url` like http://127.0.0.1:8080/v1 (or its /chat/completions)."""

    base_url: str
    model: str = DEFAULT_MODEL
    api_key: str | None = None
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if safe_url(self.base_url) is None:
            raise UsageError(f"writer URL {self.base_url!r} is not an http(s) URL")

    @property
    def endpoint(self) -> str:
        url = self.base_url.strip().rstrip("/")
        return url if url.endswith("/chat/completions") else url + "/chat/completions"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WriterConfig | None:
        """The writer the environment configures, or None (the default: no writer)."""
        env = os.environ if environ is None else environ
        url = (env.get(ENV_URL) or "").strip()
        if not url:
            return None
        return cls(url, (env.get(ENV_MODEL) or "").strip() or DEFAULT_MODEL, env.get(ENV_KEY) or None)


# -- tracing ----------------------------------------------------------------------------

_CITES = re.compile(r"(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z0-9])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def split_cited(reply: str) -> list[tuple[str, tuple[int, ...]]]:
    """A reply cut into sentences, each with the source numbers written after it (maybe none)."""
    reply = " ".join(reply.split())
    units: list[tuple[str, tuple[int, ...]]] = []
    pos = 0

    def add(body: str, ids: tuple[int, ...]) -> None:
        parts = [p.strip(" -*•\t") for p in _SENTENCE_BREAK.split(body.strip())]
        parts = [p for p in parts if words(p)]
        units.extend((p, ()) for p in parts[:-1])
        if parts:
            units.append((parts[-1], ids))

    for m in _CITES.finditer(reply):
        end = m.end()
        body = reply[pos:m.start()]
        if end < len(reply) and reply[end] in ".!?":
            body, end = body.rstrip() + reply[end], end + 1
        add(body, tuple(dict.fromkeys(int(n) for n in re.findall(r"\d+", m.group()))))
        pos = end
    add(reply[pos:], ())
    return units


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def untraced(sentence: str, sources: Sequence[str]) -> str | None:
    """Why a written sentence cannot rest on its cited sentences; None when it can."""
    if not sources:
        return "it cites no source it was given"
    given = " ".join(sources)
    missing = sorted(_numbers(sentence) - _numbers(given))
    if missing:
        return f"its sources do not give the number {missing[0]}"
    source_words = set(words(given))
    source_stems = {stem(w) for w in source_words}
    for token in sentence.split():  # a capitalised word is a name, or opens the sentence: both must be sourced
        name = words(token)
        if name and token.lstrip("\"“‘'(")[:1].isupper() and name[0] not in STOP_WORDS \
                and name[0] not in source_words and stem(name[0]) not in source_stems:
            return f"its sources do not name {token.strip('.,;:!?()')!r}"
    mine = {stem(w) for w in content_words(words(sentence))}
    if not mine:
        return "it says nothing its sources could support"
    theirs = {stem(w) for w in content_words(words(given))}
    share = len(mine & theirs) / len(mine)
    if share < MIN_OVERLAP:
        return f"only {share:.0%} of its words are in its sources"
    return None


# -- the writer ---------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """The endpoint the user named answers, or nobody does: a redirect is an error, not a new address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


class LLMWriter:
    """Talks to an OpenAI-compatible chat completions endpoint (urllib; no extra dependency)."""

    def __init__(self, config: WriterConfig):
        self.config = config

    def prompt(self, sources: Sequence[Candidate], length: int) -> list[dict[str, str]]:
        numbered = "\n".join(f"[{n}] ({c.source or 'unknown outlet'}, {c.published or 'undated'}) {c.text}"
                             for n, c in enumerate(sources, start=1))
        system = ("You summarise news for readers who must be able to check every statement. Use only the "
                  "numbered source sentences you are given. Write at most "
                  f"{length} sentences of plain prose, oldest news first. End every sentence with the numbers "
                  "of the source sentences it rests on, in square brackets, such as [2] or [3][7]. Do not add "
                  "any fact, number or name that the cited sentences do not contain. No headings, no lists.")
        return [{"role": "system", "content": system},
                {"role": "user", "content": f"Source sentences:\n{numbered}\n\nSummary:"}]

    def complete(self, messages: list[dict[str, str]]) -> str:
        body = json.dumps({"model": self.config.model, "messages": messages, "temperature": 0}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        request = urllib.request.Request(self.config.endpoint, data=body, headers=headers, method="POST")
        try:
            with _OPENER.open(request, timeout=self.config.timeout) as response:
                raw = response.read(MAX_REPLY_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise WriterError(f"the writer answered HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise WriterError(f"the writer could not be reached ({reason})") from None
        if len(raw) > MAX_REPLY_BYTES:
            raise WriterError("the writer's answer is too long")
        try:
            content = json.loads(raw)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise WriterError("the writer's answer is not a chat completion") from None
        if not isinstance(content, str) or not content.strip():
            raise WriterError("the writer's answer is empty")
        return content

    def write(self, candidates: Sequence[Candidate], ranked: Sequence[int], fallback: Summary,
              length: int) -> Summary:
        """The summary in the model's words where each sentence is traced; else `fallback`."""
        picked = sorted(ranked[:SOURCES], key=lambda i: (candidates[i].published is None,
                                                         candidates[i].published or "", candidates[i].article_id,
                                                         candidates[i].sentence))
        sources = [candidates[i] for i in picked]
        try:
            reply = self.complete(self.prompt(sources, length))
        except WriterError as exc:
            return replace(fallback, notes=fallback.notes + (f"{exc}; extractive summary shown",))
        kept, dropped = [], []
        for text, ids in split_cited(reply):
            cited = [sources[n - 1] for n in ids if 1 <= n <= len(sources)]
            why = untraced(text, [c.text for c in cited])
            if why is None and len(kept) >= length:
                why = f"the summary already has {length} sentences"
            if why:
                dropped.append((text, why))
            else:
                kept.append(SummarySentence(text, tuple(dict.fromkeys(c.citation for c in cited))))
        if not kept:
            return replace(fallback, notes=fallback.notes + ("no sentence the writer wrote could be traced to its "
                                                             "sources; extractive summary shown",),
                           dropped=tuple(dropped))
        notes = (f"written by {self.config.model}; every sentence checked against the sentences it cites",)
        if dropped:
            notes += (f"{len(dropped)} written sentence(s) left out: they could not be traced to their sources",)
        return Summary(tuple(kept), f"writer:{self.config.model}", fallback.considered, notes, tuple(dropped))


def writer_from(config: WriterConfig | None) -> LLMWriter | None:
    return LLMWriter(config) if config is not None else None
