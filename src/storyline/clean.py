"""Cleaning: Unicode repair, page furniture out (kept aside), sentences with offsets.

Furniture removal is deliberately conservative. A line goes only when the whole line
matches a known furniture shape (a share widget, "Leave a Comment", a sign-up prompt, an
empty byline...) and is short; a sentence of the story is never removed for containing
such words. Every removed line is kept with the reason, for inspection.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from .model import Article, RawArticle, Sentence

#: Bump when cleaning changes, so that a rebuild re-cleans stored articles.
CLEAN_VERSION = 1

_SOCIAL = r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|telegram|reddit|pinterest|youtube|tiktok|e-?mail|print|copy link|messenger|flipboard)"
_SEP = r"[\s|·•,/:\-–—]*"

# (reason, pattern, max words): the pattern must match the whole line.
_FURNITURE: list[tuple[str, re.Pattern[str], int]] = [
    ("follow widget", re.compile(rf"(?:follow|find|connect with|like) us(?: on)?\b{_SEP}(?:{_SOCIAL}{_SEP})*", re.I), 12),
    ("share widget", re.compile(rf"share(?: this)?(?: article| story| post| page| on| via)*{_SEP}(?:{_SOCIAL}{_SEP})*", re.I), 12),
    ("share widget", re.compile(rf"(?:{_SOCIAL}{_SEP}){{2,}}", re.I), 12),
    ("comments prompt", re.compile(r"(?:leave|post|add|view|show|load|read|see)(?: a| the| all| our| \d+)? comments?\b.{0,30}|\d* ?comments?", re.I), 8),
    ("read-more link", re.compile(r"(?:read (?:more|also|next|full story|the full (?:story|article))|also read|continue reading|click here|tap here)\b.{0,160}", re.I), 30),
    ("related links", re.compile(r"(?:related(?: (?:stories|articles?|coverage|content|news|topics))?|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|you (?:may|might) also like|editor'?s picks?|more (?:from|on) [^.]{0,40})\s*(?::.{0,160})?", re.I), 30),
    ("sign-up prompt", re.compile(r"(?:sign up|subscribe|register|join|get)\b.{0,80}\b(?:newsletters?|inbox|alerts?|subscription|updates|briefing|digest)\b.{0,40}|subscribe(?: now| here| today)?\W*", re.I), 20),
    ("advertisement", re.compile(r"(?:advertisement|advertising|sponsored(?: content)?|ad|skip (?:ad|advertisement)|story continues below(?: advertisement)?|scroll to continue(?: with content)?)\W*", re.I), 6),
    ("empty byline", re.compile(r"(?:by|written by|posted by|reporting by|author)\s*:?\s*", re.I), 3),
    ("credit line", re.compile(r"\(?(?:[\w'’.\- ]{0,60}\s)?with (?:inputs?|additional reporting) from (?:\w+ ?){1,4}\W*\)?", re.I), 14),
    ("copyright", re.compile(r"(?:copyright|©|\(c\)|all rights reserved).{0,120}", re.I), 25),
    ("decoration", re.compile(r"[\W_]+"), 6),
]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def repair(text: str) -> str:
    """Fix mojibake and odd code points, keep the writer's quotes and dashes."""
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def furniture_reason(line: str) -> str | None:
    """Why a whole line is page furniture, or None when it may be part of the story."""
    words = len(line.split())
    for reason, pattern, max_words in _FURNITURE:
        if words <= max_words and pattern.fullmatch(line):
            return reason
    return None


def paragraphs(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Split repaired text into story paragraphs (one per non-empty line) and removed lines."""
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            continue
        reason = furniture_reason(line)
        if reason:
            removed.append((line, reason))
        else:
            kept.append(line)
    return kept, removed


_nlp = None
_MAX_CHUNK = 50_000


def sentencizer():
    """A blank English pipeline with the rule-based sentencizer: fast, offline, no model."""
    global _nlp
    if _nlp is None:
        import spacy

        _nlp = spacy.blank("en")
        _nlp.add_pipe("sentencizer")
        _nlp.max_length = _MAX_CHUNK * 2
    return _nlp


def _chunks(paragraph: str) -> list[tuple[int, str]]:
    """Very long paragraphs are cut at a sentence-like boundary to bound memory."""
    out, start = [], 0
    while len(paragraph) - start > _MAX_CHUNK:
        cut = paragraph.rfind(". ", start, start + _MAX_CHUNK)
        cut = cut + 2 if cut > start else paragraph.rfind(" ", start, start + _MAX_CHUNK) + 1
        if cut <= start:
            cut = start + _MAX_CHUNK
        out.append((start, paragraph[start:cut]))
        start = cut
    out.append((start, paragraph[start:]))
    return out


def split_sentences(paras: list[str]) -> tuple[str, list[Sentence]]:
    """Join paragraphs with blank lines and find sentences with offsets into the result."""
    text = "\n\n".join(paras)
    pieces: list[tuple[int, int, str]] = []  # (paragraph index, offset in text, chunk)
    offset = 0
    for p_index, para in enumerate(paras):
        for chunk_start, chunk in _chunks(para):
            pieces.append((p_index, offset + chunk_start, chunk))
        offset += len(para) + 2
    sentences: list[Sentence] = []
    nlp = sentencizer()
    docs = nlp.pipe((chunk for _, _, chunk in pieces), batch_size=256)
    for (p_index, base, _chunk), doc in zip(pieces, docs):
        for sent in doc.sents:
            s_text = sent.text.strip()
            if not s_text:
                continue
            start = base + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            sentences.append(Sentence(len(sentences), start, start + len(s_text), s_text, p_index))
    return text, sentences


_CREDIT = re.compile(r"^\(?(.{2,60}?)\s+with (?:inputs?|additional reporting) from\b", re.I)


def _credited_source(removed: list[tuple[str, str]]) -> str | None:
    """The outlet named by a credit line ("The Daily Example with inputs from agencies")."""
    for line, reason in removed:
        m = _CREDIT.match(line) if reason == "credit line" else None
        if m and m[1][:1].isupper():
            return m[1].strip()
    return None


def clean(raw: RawArticle) -> Article:
    """Turn a raw article into a clean one; pure, so it runs in any worker process."""
    kept, removed = paragraphs(repair(raw.raw_text))
    title = repair(raw.title).strip() if raw.title else None
    if title and kept and kept[0] == title:
        kept = kept[1:]
    text, sentences = split_sentences(kept)
    return Article(
        raw=raw,
        text=text,
        sentences=tuple(sentences),
        removed=tuple((reason, line) for line, reason in removed),
        source=raw.source or _credited_source(removed),
        title=title or None,
        published=raw.published,
        published_basis=raw.published_basis if raw.published else "unknown",
    )
