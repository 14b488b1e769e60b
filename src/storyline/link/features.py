"""What the linkers compare: words, stems, entities and time, turned into sparse vectors.

Following Miranda et al. (2018), an article is not one bag of words but several: the
tokens of the whole text, their stems, the lead (title and opening words, where the news
is), the named entities, and the numbers and dates it mentions. Each is weighted by
TF-IDF with document frequencies counted online (`DocFreq`), so that nothing needs a fixed
vocabulary or a refit, and each is compared on its own; how the similarities combine is
the clusterer's business.

Vectors are compact: terms become integer ids of one process-wide `VOCAB`, and a vector
is a pair of numpy arrays (sorted ids, weights), so that a base of 100,000 articles fits
in memory. Ids never leave the process: persisted records spell the terms out.

Everything here is a pure function of its input, except `DocFreq`, which only counts.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import numpy as np

#: Only the start of a very long article (live blogs run to 700 KB) describes its event.
MAX_CHARS = 12_000
#: How many opening words, after the title, count as the lead.
LEAD_WORDS = 40
#: The heaviest terms an article keeps per space; the tail adds cost, not signal.
TOP_TERMS = {"tokens": 150, "stems": 150, "lead": 40, "entities": 60, "facts": 40}
SPACES = tuple(TOP_TERMS)

_WORD = re.compile(r"[^\W\d_](?:[\w'’.\-]*[^\W_])?|\d+(?:[.,:]\d+)*", re.UNICODE)

# English function words, plus the words every news report uses whatever it is about.
_STOP = """a about above after again against all almost along already also although always am among an
and another any anyone anything are around as at back be became because become been before being
below between both but by can cannot could did do does doing done down during each either else
enough even ever every few for from further get gets got had has have having he her here hers
herself him himself his how however i if in into is it its itself just last least less made make
many may me might more most much must my myself neither never next no nobody none nor not nothing
now of off often on once one only onto or other others our ours ourselves out over own per perhaps
please put quite rather really same see seem seemed seems several she should since so some someone
something still such than that the their theirs them themselves then there these they this those
though through throughout thus to together too toward towards two under until up upon us very via
was we well were what whatever when whenever where whether which while who whoever whole whom whose
why will with within without would yet you your yours yourself yourselves
said says say told tell according reported report reports reporting news year years day days week
weeks month months time times today yesterday tomorrow monday tuesday wednesday thursday friday
saturday sunday mr mrs ms dr people new like including added statement image caption photo getty
images reuters ap afp video click share facebook twitter whatsapp email opens window subscribe
updates inbox""".split()
STOP_WORDS = frozenset(_STOP)

#: NER labels that name something (the others, numbers and dates, are read from the text).
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_CANONICAL = re.compile(r"^[A-Za-z][\w.-]*:\S+$|^Q\d+$")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "president", "prime", "minister",
               "gov", "governor", "sen", "senator", "rep", "gen", "general", "judge", "pope", "king", "queen",
               "prince", "princess", "st", "the", "former", "late"}


@dataclass(frozen=True)
class ArticleFeatures:
    """What the linkers know of an article: plain data, built by the caller.

    `entities` are mentions as (canonical entity id or surface text, type), in text order
    and with repeats (repeats weigh). `published` may be None; an undated article may
    carry an inferred `window` (first, last) instead, narrow enough to place it, or only
    `bounds`, a wide window that can still tell it from an event years away. `text` is the
    clean text.
    """

    id: str
    title: str | None
    text: str
    published: date | None = None
    source: str | None = None
    entities: Sequence[tuple[str, str]] = ()
    window: tuple[date, date] | None = None
    bounds: tuple[date, date] | None = None  # a wider inferred window: too vague to place, enough to rule out

    def __post_init__(self) -> None:
        if isinstance(self.published, str):
            object.__setattr__(self, "published", parse_day(self.published))


def parse_day(value: str | date | None) -> date | None:
    """A date from an ISO date or datetime string (partial dates take their first day)."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, possessives dropped."""
    out = []
    for w in _WORD.findall(text.lower()):
        w = w.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.strip(".'-"))
    return [w for w in out if w]


def content_words(tokens: Iterable[str]) -> list[str]:
    return [w for w in tokens if len(w) > 1 and w not in STOP_WORDS]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'protesters' with 'protest' and 'killed' with 'kills'."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ers", ""), ("ed", ""), ("er", ""),
                         ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + repl
    return word


@lru_cache(maxsize=100_000)
def _name(surface: str) -> tuple[str, ...]:
    """Name tokens of a mention: lower case, no dots, no honorifics, no middle initials."""
    toks = [t.replace(".", "") for t in words(surface)]
    toks = [t for t in toks if t and not any(c.isdigit() for c in t)]
    while len(toks) > 1 and toks[0] in _HONORIFICS:
        toks = toks[1:]
    if len(toks) > 2:
        toks = [toks[0], *(t for t in toks[1:-1] if len(t) > 1), toks[-1]]
    return tuple(toks)


def entity_keys(mentions: Iterable[tuple[str, str]]) -> list[str]:
    """Comparable keys 'e:name' for named mentions, in order, repeats kept.

    NER types are too unsteady to split on ('Thompson' is a PERSON here and an ORG there),
    so names alone are compared. Within one article a lone name joins the full name it
    shortens ('Comey' -> 'james comey'), and a headline-swollen mention ('Hillary Clinton
    Blames') is cut back to a name the article also uses. A canonical id from an entity
    linker (a namespaced 'wd:Q76', 'ent:17', or a bare 'Q76') is kept as it is, whatever its type.
    """
    named: list[str | None] = []
    for surface, label in mentions:
        if _CANONICAL.match(surface):
            named.append(f"id:{surface}")
            continue
        if label not in NAMED_LABELS:  # numbers and dates are read from the text instead
            named.append(None)
            continue
        if any(junk in surface.lower() for junk in ("http", "www.", ".com", "@", "twitter")):
            named.append(None)
            continue
        toks = _name(surface)
        named.append(("e:" + " ".join(toks)) if toks and len(toks) <= 5 else None)
    names = Counter(n for n in named if n and n.startswith("e:"))
    multi = [n[2:].split() for n in names if " " in n]
    rename: dict[str, str] = {}
    for key in names:
        toks = key[2:].split()
        if len(toks) == 1:  # a lone name: the most frequent full name ending with it
            fulls = [m for m in multi if m[-1] == toks[0]]
            if fulls:
                rename[key] = "e:" + " ".join(max(fulls, key=lambda m: names["e:" + " ".join(m)]))
        else:  # a swollen mention: the longest other multi-word name it starts or ends with
            subs = [m for m in multi if len(m) < len(toks) and (toks[: len(m)] == m or toks[-len(m):] == m)]
            if subs:
                rename[key] = "e:" + " ".join(max(subs, key=len))
    return [rename.get(n, n) for n in named if n]


@dataclass
class Profile:
    """An article's term counts per space, its day, and its entity keys."""

    id: str
    counts: dict[str, Counter]
    day: date | None
    window: tuple[date, date] | None
    source: str | None = None
    title: str | None = None
    bounds: tuple[date, date] | None = None


def profile(article: ArticleFeatures) -> Profile:
    """Count the terms of each space; pure and cheap (regular expressions only)."""
    text = article.text[:MAX_CHARS]
    every = words(text)
    body = [w for w in content_words(every) if not w[0].isdigit()]
    title = [w for w in content_words(words(article.title or "")) if not w[0].isdigit()]
    lead = title + body[:LEAD_WORDS]
    counts = {
        "tokens": Counter(title + body),
        "stems": Counter(stem(w) for w in title + body),
        "lead": Counter(lead),
        "entities": Counter(entity_keys(article.entities)),
        "facts": Counter(facts((article.title or "") + "\n" + text)),
    }
    window = article.window
    if article.published is None and window is None:
        window = dateline_window(text)
    return Profile(article.id, counts, article.published, window, article.source, article.title, article.bounds)


def with_entities(p: Profile, article_id: str, entities: Sequence[tuple[str, str]]) -> Profile:
    """A profile computed before entity linking (in a worker), completed with the linked entities."""
    counts = {space: (Counter(entity_keys(entities)) if space == "entities" else c) for space, c in p.counts.items()}
    return Profile(article_id, counts, p.day, p.window, p.source, p.title, p.bounds)


class Vocabulary:
    """Term <-> integer id, for this process; a term is spelled with its space ('tokens|bridge').

    Ids follow the order terms were first met, which differs between a build, a reload
    and a process that read other corpora first; so each term also gets a fixed number in
    [0, 1) from its spelling (`tiebreak`), which orders equal weights the same way everywhere.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.tiebreak = array("d")

    def id(self, term: str) -> int:
        i = self.ids.get(term)
        if i is None:
            i = self.ids[term] = len(self.terms)
            self.terms.append(term)
            self.tiebreak.append(zlib.crc32(term.encode("utf-8")) / 2**32)
        return i

    def __len__(self) -> int:
        return len(self.terms)


VOCAB = Vocabulary()


def term_id(space: str, term: str) -> int:
    return VOCAB.id(f"{space}|{term}")


def term_of(tid: int) -> tuple[str, str]:
    """(space, term) of an id."""
    space, _, term = VOCAB.terms[tid].partition("|")
    return space, term


@dataclass(frozen=True)
class Vec:
    """A sparse vector: term ids in increasing order, and their weights."""

    ids: np.ndarray  # int64, sorted, unique
    w: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.ids)

    def top(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Ids and weights of the k heaviest terms, heaviest first."""
        if len(self.ids) <= k:
            order = np.argsort(-self.w, kind="stable")
        else:
            part = np.argpartition(-self.w, k)[:k]
            order = part[np.argsort(-self.w[part], kind="stable")]
        return self.ids[order], self.w[order]

    def plus(self, other: Vec, weight: float = 1.0) -> Vec:
        """This vector plus `weight` times the other."""
        if not len(self.ids):
            return Vec(other.ids.copy(), other.w * weight)
        ids, inverse = np.unique(np.concatenate([self.ids, other.ids]), return_inverse=True)
        return Vec(ids, np.bincount(inverse, weights=np.concatenate([self.w, other.w * weight]), minlength=len(ids)))

    def heaviest(self, k: int) -> Vec:
        """Only the k heaviest terms (a bound on an event's size; the tail barely moves a cosine)."""
        if len(self.ids) <= k:
            return self
        keep = np.sort(np.argpartition(-self.w, k)[:k])
        return Vec(self.ids[keep], self.w[keep])

    def to_record(self) -> dict[str, float]:
        return {term_of(int(i))[1]: float(x) for i, x in zip(self.ids, self.w)}

    @classmethod
    def from_record(cls, space: str, rec: dict[str, float]) -> Vec:
        pairs = sorted((term_id(space, t), x) for t, x in rec.items())
        return cls(np.array([i for i, _ in pairs], dtype=np.int64), np.array([x for _, x in pairs], dtype=np.float64))


EMPTY = Vec(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def dot(a: Vec, b: Vec) -> float:
    """Sum of products over shared ids (b is searched, so pass the longer one second)."""
    if not len(a) or not len(b):
        return 0.0
    pos = np.searchsorted(b.ids, a.ids)
    pos[pos == len(b.ids)] = 0
    hit = b.ids[pos] == a.ids
    return float(a.w[hit] @ b.w[pos[hit]])


@dataclass
class DocFreq:
    """Document frequencies, counted online by term id; IDF is read from them at any time."""

    n: int = 0
    df: array = field(default_factory=lambda: array("i"))

    def add(self, ids: Iterable[int]) -> None:
        self.n += 1
        df = self.df
        for i in ids:
            if i >= len(df):
                df.extend([0] * (max(i + 1, 2 * len(df)) - len(df)))
            df[i] += 1

    def idf(self, ids: np.ndarray) -> np.ndarray:
        counts = np.zeros(len(ids), dtype=np.float64)
        if len(self.df):
            known = np.frombuffer(self.df, dtype=np.int32)
            inside = ids < len(known)
            counts[inside] = known[ids[inside]]
            del known  # a live view would forbid the array to grow
        return np.log((self.n + 1) / (counts + 1.0)) + 1.0

    def to_record(self) -> dict:
        return {"n": self.n, "df": {VOCAB.terms[i]: c for i, c in enumerate(self.df) if c}}

    @classmethod
    def from_record(cls, rec: dict) -> DocFreq:
        self = cls(rec["n"])
        for term, c in rec["df"].items():
            i = VOCAB.id(term)
            if i >= len(self.df):
                self.df.extend([0] * (max(i + 1, 2 * len(self.df)) - len(self.df)))
            self.df[i] = c
        return self


def term_ids(p: Profile) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each space's term ids and counts."""
    out = {}
    for space, counts in p.counts.items():
        ids = np.fromiter((term_id(space, t) for t in counts), dtype=np.int64, count=len(counts))
        out[space] = ids, np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    return out


#: How far a term's `Vocabulary.tiebreak` moves its weight: far below anything a cosine notices,
#: enough that the heaviest terms are the same whatever order the ids were given in.
TIEBREAK_SCALE = 1e-9


def weigh(ids: np.ndarray, counts: np.ndarray, space: str, docfreq: DocFreq) -> Vec:
    """Sublinear TF times IDF, the heaviest terms of the space, L2-normalized."""
    if not len(ids):
        return EMPTY
    w = (1.0 + np.log(counts)) * docfreq.idf(ids)
    w *= 1.0 + TIEBREAK_SCALE * np.frombuffer(VOCAB.tiebreak, dtype=np.float64)[ids]  # no two terms weigh alike
    top = TOP_TERMS.get(space)
    if top and len(w) > top:
        keep = np.argpartition(-w, top)[:top]
        ids, w = ids[keep], w[keep]
    order = np.argsort(ids)
    ids, w = ids[order], w[order]
    return Vec(ids, w / (np.sqrt(w @ w) or 1.0))


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:\s*,\s*|\s+)(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf"|(?P<m4>\d{{1,2}}) ?/ ?(?P<d4>\d{{1,2}}) ?/ ?(?P<y4>(?:19|20)?\d\d))\b",
    re.I,
)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
#: Where a dateline ("Updated: July 7, 2012") is found: the opening characters.
DATELINE_CHARS = 600
#: How long after its dateline an undated article is taken to have been written.
DATELINE_WINDOW_DAYS = 3


def full_dates(text: str) -> list[date]:
    """Calendar dates written out with day, month and year ("June 13, 2013", "2013-06-13")."""
    out = []
    for m in _FULL_DATE.finditer(text):
        try:
            if m["y1"]:
                out.append(date(int(m["y1"]), _MONTHS[m["m1"][:3].lower()], int(m["d1"])))
            elif m["y2"]:
                out.append(date(int(m["y2"]), _MONTHS[m["m2"][:3].lower()], int(m["d2"])))
            elif m["y3"]:
                out.append(date(int(m["y3"]), int(m["m3"]), int(m["d3"])))
            else:  # numeric, month first as in US datelines ("12 / 16 / 08"), else day first
                y, a, b = int(m["y4"]), int(m["m4"]), int(m["d4"])
                y += 2000 if y < 100 else 0
                out.append(date(y, a, b) if a <= 12 else date(y, b, a))
        except ValueError:
            continue
    return out


_MONTH_DAY = re.compile(rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


_NUMBER = re.compile(r"(?<![\w.,:/])\d+(?:[.,]\d+)*(?![\w:/])")


def facts(text: str) -> list[str]:
    """Numbers and calendar dates the text mentions: what tells one earthquake from another.

    Dates are written at the precision given ('d:2013-05-02', 'md:05-02' without a year,
    'y:2013' for a lone year); other numbers keep their digits ('n:4.6', 'n:1000'); clock
    times and the digits inside dates are left out.
    """
    out = []
    for d in full_dates(text):  # also at coarser precision, to meet "May 24" and "2005"
        out += [f"d:{d.isoformat()}", f"md:{d.month:02d}-{d.day:02d}", f"y:{d.year}"]
    text = _FULL_DATE.sub(" ", text)
    for m in _MONTH_DAY.finditer(text):
        month = _MONTHS[(m["m1"] or m["m2"])[:3].lower()]
        day = int(m["d1"] or m["d2"])
        if 1 <= day <= 31:
            out.append(f"md:{month:02d}-{day:02d}")
    text = _MONTH_DAY.sub(" ", text)
    for m in _NUMBER.finditer(text):
        w = m[0].replace(",", "").lstrip("0") or "0"
        out.append(("y:" if _YEAR.match(w) else "n:") + w)
    return out


def dateline_window(text: str) -> tuple[date, date] | None:
    """A rough window for an undated article: the latest full date in its opening lines.

    Reports open with a dateline or an "Updated:" stamp far more often than with a past
    date; the window is a fallback for articles that carry no date and no inferred window.
    """
    found = full_dates(text[:DATELINE_CHARS])
    if not found:
        return None
    latest = max(found)
    return latest, latest + timedelta(days=DATELINE_WINDOW_DAYS)


def day_gap(day: date | None, window: tuple[date, date] | None, first: date | None, last: date | None) -> float | None:
    """Days between an article (a day, or a window) and a span [first, last]; None if unknown."""
    lo, hi = (day, day) if day is not None else (window or (None, None))
    if lo is None or hi is None or first is None or last is None:
        return None
    if hi < first:
        return float((first - hi).days)
    if lo > last:
        return float((lo - last).days)
    return 0.0
