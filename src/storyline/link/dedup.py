"""Near-duplicates: the same report carried by several outlets, found with MinHash LSH.

Two levels, both on word shingles:

* article: the whole text's MinHash against every earlier article's (a copy with light
  edits keeps most of its shingles);
* paragraphs: wire copy republished with a new local intro, a cut ending or a reworded
  headline is no longer close as a whole, but most of its sentences still have a
  near-identical sentence in the original. An article whose sentences are, for the most
  part, found in one earlier article is a copy of it.

Copies are linked, never deleted: each group of copies has one original, its first
report (earliest published, then first added), and knows how many outlets carry it.
Everything is incremental (`DuplicateIndex.add`) and the state is plain records
(signatures as lists of ints), so that a knowledge base can store and reload it.
Sentence-level signatures are kept for the most recent articles only (syndicated copies
follow their original within days), which bounds memory on a large base.
"""

from __future__ import annotations

import base64
import functools
import re
import zlib
from collections import Counter, deque
from dataclasses import asdict, dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])")


@dataclass(frozen=True)
class DedupConfig:
    article_perm: int = 128
    article_shingle: int = 4  # words per shingle for whole articles
    article_threshold: float = 0.6  # estimated Jaccard of shingle sets
    unit_perm: int = 32
    unit_shingle: int = 3  # sentences are short: smaller shingles
    unit_threshold: float = 0.7  # a sentence this close is "the same sentence"
    unit_min_words: int = 8  # shorter sentences ("He said no.") prove nothing
    share: float = 0.6  # share of an article's sentence words found in one earlier article
    min_units: int = 3  # ... over at least this many sentences
    common_unit: int = 3  # a sentence found in this many unrelated articles is boilerplate, not a copy
    min_words: int = 25  # shorter texts are not indexed (a caption, an empty page)
    max_words: int = 10_000  # a live blog of 100,000 words is compared on its start
    max_units: int = 40  # sentences compared per article (its opening ones)
    unit_window: int = 10_000  # sentence signatures kept for this many most recent articles
    seed: int = 1


@dataclass(frozen=True)
class DuplicateLink:
    """An article found to copy an earlier one.

    `matched_id` is the article it was found to copy; `original_id` is the first report of
    the whole group (it can be `article_id` itself when the newcomer was published before
    the article it matched). `similarity` is the estimated Jaccard similarity ('article')
    or the share of the article's sentence words found in `matched_id` ('paragraphs').
    """

    article_id: str
    original_id: str
    matched_id: str
    similarity: float
    kind: str  # 'article' | 'paragraphs'


#: Multipliers that make a shingle's hash depend on the order of its words.
_POSITION = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                      0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53], dtype=np.uint64)


_M32 = np.uint64(0xFFFFFFFF)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer: spreads the bits of the combined shingle hashes (uint64 in, < 2**32 out)."""
    h = h & _M32
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & _M32
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & _M32
    h ^= h >> np.uint64(16)
    return h


def permutations(num_perm: int, seed: int) -> np.ndarray:
    """Affine maps h -> a*h + b mod 2**32 with odd a (bijective), as datasketch's affine32 scheme."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint64)
    return np.array([a, b], dtype=np.uint64)


def minhash_values(hashes: np.ndarray, starts: np.ndarray, perm: np.ndarray) -> np.ndarray:
    """MinHash signatures of several shingle sets at once (one row per set).

    `hashes` holds the sets one after another, `starts` where each begins; every set must
    be non-empty. Vectorized, so that an article's forty sentences cost one numpy pass.
    """
    mixed = _fmix32(hashes.astype(np.uint64))
    a, b = perm
    permuted = (mixed[:, None] * a[None, :] + b[None, :]) & _M32
    return np.minimum.reduceat(permuted, starts, axis=0).astype(np.uint32)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_TOKEN_HASHES: dict[str, int] = {}


def token_hashes(tokens: list[str]) -> np.ndarray:
    """CRC-32 of each word (cached: news reuses a small vocabulary)."""
    cache = _TOKEN_HASHES
    if len(cache) > 500_000:
        cache.clear()
    out = np.empty(len(tokens), dtype=np.uint64)
    for i, t in enumerate(tokens):
        h = cache.get(t)
        if h is None:
            h = cache[t] = zlib.crc32(t.encode("utf-8"))
        out[i] = h
    return out


def shingles(th: np.ndarray, size: int) -> np.ndarray:
    """32-bit hashes of the distinct word shingles, from the words' hashes: stable across runs.

    A shingle's hash combines its words' hashes by position in 64-bit arithmetic; MinHash
    mixes the result again before permuting it.
    """
    if not len(th):
        return np.zeros(0, dtype=np.uint32)
    size = min(size, len(th))
    n = len(th) - size + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(size):
        acc += th[i:i + n] * _POSITION[i]
    return np.unique((acc >> np.uint64(32)).astype(np.uint32))


def sentence_shingles(sents: list[np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of several sentences (each at least `size` words) in one pass.

    Returns the hashes one sentence after another and where each sentence's begin;
    repeats within a sentence are kept (a minimum does not mind them).
    """
    lengths = np.array([len(h) for h in sents])
    words_ = np.concatenate(sents)
    n = len(words_) - size + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(size):
        acc += words_[i:i + n] * _POSITION[i]
    ends = np.cumsum(lengths)
    begins = ends - lengths
    keep = np.concatenate([np.arange(b, e - size + 1) for b, e in zip(begins, ends)])
    counts = lengths - size + 1
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (acc[keep] >> np.uint64(32)).astype(np.uint32), starts


def sentences(text: str) -> list[list[str]]:
    """The text's sentences, as lists of lower-case words."""
    return [words(sent) for para in text.split("\n") for sent in _SENTENCE.split(para)]


@dataclass(frozen=True)
class Signatures:
    """An article's MinHash values, whole and per sentence, under one configuration.

    A pure function of the text (`signatures`), so the build's workers compute them beside
    the annotators and the index only has to look them up.
    """

    config: DedupConfig
    article: np.ndarray | None  # uint32; None when the text is too short to index
    units: np.ndarray  # uint32, one row per long enough opening sentence
    unit_words: tuple[int, ...]  # the words of each of those sentences


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    return permutations(num_perm, seed)


def signatures(text: str, config: DedupConfig | None = None) -> Signatures:
    """The MinHash values `DuplicateIndex.add` compares, for a text."""
    cfg = config or DedupConfig()
    sents = sentences(text)
    hashes = [token_hashes(toks) for toks in sents]
    none = np.zeros((0, cfg.unit_perm), dtype=np.uint32)
    if sum(len(t) for t in sents) < cfg.min_words:
        return Signatures(cfg, None, none, ())
    whole = shingles(np.concatenate(hashes)[: cfg.max_words], cfg.article_shingle)
    values = minhash_values(whole, np.array([0]), _permutations(cfg.article_perm, cfg.seed))[0]
    long_enough = [h for h in hashes if len(h) >= cfg.unit_min_words][: cfg.max_units]
    if not long_enough:
        return Signatures(cfg, values, none, ())
    grams, starts = sentence_shingles(long_enough, cfg.unit_shingle)
    rows = minhash_values(grams, starts, _permutations(cfg.unit_perm, cfg.seed + 1))
    return Signatures(cfg, values, rows, tuple(len(h) for h in long_enough))


@dataclass
class _Entry:
    seq: int
    published: str | None
    source: str | None
    signature: np.ndarray | None  # uint32, the whole article's MinHash
    units: np.ndarray | None = None  # uint32, one row per sentence (recent articles only)
    unit_words: list[int] | None = None


class DuplicateIndex:
    """Add articles one at a time; each is checked against all earlier ones."""

    def __init__(self, config: DedupConfig | None = None):
        self.config = cfg = config or DedupConfig()
        self._perm_a = _permutations(cfg.article_perm, cfg.seed)
        self._perm_u = _permutations(cfg.unit_perm, cfg.seed + 1)
        self.lsh_articles = MinHashLSH(threshold=cfg.article_threshold, num_perm=cfg.article_perm)
        self.lsh_units = MinHashLSH(threshold=cfg.unit_threshold, num_perm=cfg.unit_perm)
        self.entries: dict[str, _Entry] = {}
        self.links: dict[str, DuplicateLink] = {}
        self.group_of: dict[str, str] = {}  # article -> group key (the id that founded the group)
        self.members: dict[str, list[str]] = {}  # group key -> articles, in the order added
        self._recent: deque[str] = deque()  # articles whose sentence signatures are indexed
        self.seq = 0

    # -- signatures -------------------------------------------------------------------

    def _from_values(self, values, perm) -> MinHash:
        """A datasketch MinHash holding signature values (what its LSH index takes)."""
        return MinHash(hashvalues=np.asarray(values, dtype=np.uint32), permutations=perm.astype(np.uint32), scheme=SCHEME)

    # -- the online step ----------------------------------------------------------------

    def add(self, article_id: str, text: str, published: str | None = None,
            source: str | None = None, signed: Signatures | None = None) -> DuplicateLink | None:
        """Index an article; returns how it copies an earlier one, or None if it does not.

        `signed` is the text's `signatures`, when a worker already computed them.
        """
        if article_id in self.entries:
            return self.links.get(article_id)
        cfg = self.config
        if signed is None or signed.config != cfg:
            signed = signatures(text, cfg)
        self.seq += 1
        entry = _Entry(self.seq, published, source, None)
        self.entries[article_id] = entry
        if signed.article is None:
            return None
        mh = self._from_values(signed.article, self._perm_a)
        entry.signature = signed.article
        link = self._match_article(article_id, mh)
        unit_hashes = [(self._from_values(row, self._perm_u), n) for row, n in zip(signed.units, signed.unit_words)]
        if link is None:
            link = self._match_paragraphs(article_id, unit_hashes)
        self.lsh_articles.insert(article_id, mh, check_duplication=False)
        self._index_units(article_id, entry, unit_hashes)
        if link is not None:
            link = self._join(article_id, link)
        return link

    def _match_article(self, article_id: str, mh: MinHash) -> DuplicateLink | None:
        best: tuple[float, int, str] | None = None
        for other in self.lsh_articles.query(mh):
            sig = self.entries[other].signature
            sim = float(np.mean(mh.hashvalues == np.asarray(sig, dtype=mh.hashvalues.dtype)))
            if sim >= self.config.article_threshold:
                key = (sim, -self.entries[other].seq, other)
                best = max(best, key) if best else key
        if best is None:
            return None
        return DuplicateLink(article_id, best[2], best[2], round(best[0], 4), "article")

    def _match_paragraphs(self, article_id: str, units: list[tuple[MinHash, int]]) -> DuplicateLink | None:
        cfg = self.config
        if len(units) < cfg.min_units:
            return None
        matched_words: Counter = Counter()
        matched_units: Counter = Counter()
        total = 0
        for mh, n_words in units:
            owners: dict[str, float] = {}
            for key in self.lsh_units.query(mh):
                owner, _, index = key.rpartition("#")
                entry = self.entries.get(owner)
                if entry is None or entry.units is None:
                    continue
                sig = np.asarray(entry.units[int(index)], dtype=mh.hashvalues.dtype)
                sim = float(np.mean(mh.hashvalues == sig))
                if sim >= cfg.unit_threshold:
                    owners[owner] = max(owners.get(owner, 0.0), sim)
            if len({self.group_of.get(o, o) for o in owners}) >= cfg.common_unit:
                continue  # boilerplate shared by unrelated articles: neither for nor against
            total += n_words
            for owner in owners:
                matched_words[owner] += n_words
                matched_units[owner] += 1
        if not total or not matched_words:
            return None
        ranked = sorted(matched_words, key=lambda o: (-matched_words[o], self.entries[o].seq))
        best = ranked[0]
        share = matched_words[best] / total
        if share >= cfg.share and matched_units[best] >= cfg.min_units:
            return DuplicateLink(article_id, best, best, round(share, 4), "paragraphs")
        return None

    def _index_units(self, article_id: str, entry: _Entry, units: list[tuple[MinHash, int]]) -> None:
        cfg = self.config
        entry.units = np.array([mh.hashvalues for mh, _ in units], dtype=np.uint32).reshape(len(units), self.config.unit_perm)
        entry.unit_words = [n for _, n in units]
        for i, (mh, _) in enumerate(units):
            self.lsh_units.insert(f"{article_id}#{i}", mh, check_duplication=False)
        self._recent.append(article_id)
        while len(self._recent) > cfg.unit_window:
            self._forget_units(self._recent.popleft())

    def _forget_units(self, article_id: str) -> None:
        entry = self.entries.get(article_id)
        if entry is None or entry.units is None:
            return
        for i in range(len(entry.units)):
            key = f"{article_id}#{i}"
            if key in self.lsh_units:
                self.lsh_units.remove(key)
        entry.units = entry.unit_words = None

    # -- groups of copies ------------------------------------------------------------------

    def _rank(self, article_id: str) -> tuple[str, int]:
        """Order of precedence: earliest published first (undated last), then first added."""
        e = self.entries[article_id]
        return (e.published or "9999", e.seq)

    def _join(self, article_id: str, link: DuplicateLink) -> DuplicateLink:
        group = self.group_of.get(link.matched_id)
        if group is None:
            group = link.matched_id
            self.group_of[group] = group
            self.members[group] = [group]
        self.group_of[article_id] = group
        self.members[group].append(article_id)
        original = self.original_of(article_id)
        link = DuplicateLink(article_id, original, link.matched_id, link.similarity, link.kind)
        self.links[article_id] = link
        return link

    def original_of(self, article_id: str) -> str:
        """The first report of the article's group (the article itself when it has no copies)."""
        group = self.group_of.get(article_id)
        if group is None:
            return article_id
        return min(self.members[group], key=self._rank)

    def copies_of(self, article_id: str) -> list[str]:
        """Every other article of its group, in the order they were added."""
        group = self.group_of.get(article_id)
        return [a for a in self.members.get(group, []) if a != article_id] if group else []

    def outlets(self, article_id: str) -> int:
        """How many outlets carry this report (the article's group), itself included."""
        group = self.group_of.get(article_id)
        ids = self.members[group] if group else [article_id]
        sources = {self.entries[a].source or f"?{a}" for a in ids}
        return len(sources)

    def groups(self) -> list[list[str]]:
        """Groups of copies, each with its original first."""
        return [sorted(m, key=self._rank) for m in self.members.values()]

    def pairs(self) -> list[tuple[str, str]]:
        """(copy, original) for every linked copy."""
        out = []
        for members in self.groups():
            out.extend((a, members[0]) for a in members[1:])
        return out

    # -- persistence as plain records ---------------------------------------------------------

    def to_records(self) -> dict:
        return {
            "config": asdict(self.config),
            "seq": self.seq,
            "articles": [
                {"id": a, "seq": e.seq, "published": e.published, "source": e.source,
                 "signature": _packed(e.signature), "units": _packed(e.units), "unit_words": e.unit_words}
                for a, e in self.entries.items()
            ],
            "links": [asdict(link) for link in self.links.values()],
            "groups": [{"key": k, "members": list(v)} for k, v in self.members.items()],
            "recent": list(self._recent),
        }

    @classmethod
    def from_records(cls, rec: dict) -> DuplicateIndex:
        self = cls(DedupConfig(**rec["config"]))
        cfg = self.config
        self.seq = rec["seq"]
        for r in sorted(rec["articles"], key=lambda r: r["seq"]):
            units = _unpacked(r.get("units"))
            entry = _Entry(r["seq"], r["published"], r["source"], _unpacked(r["signature"]),
                           None if units is None else units.reshape(-1, cfg.unit_perm), r.get("unit_words"))
            self.entries[r["id"]] = entry
            if entry.signature is not None:
                self.lsh_articles.insert(r["id"], self._from_values(entry.signature, self._perm_a), check_duplication=False)
        self._recent = deque(rec.get("recent", []))
        for a in self._recent:
            entry = self.entries[a]
            for i, values in enumerate(entry.units if entry.units is not None else []):
                self.lsh_units.insert(f"{a}#{i}", self._from_values(values, self._perm_u), check_duplication=False)
        for link in rec["links"]:
            self.links[link["article_id"]] = DuplicateLink(**link)
        for g in rec["groups"]:
            self.members[g["key"]] = list(g["members"])
            for a in g["members"]:
                self.group_of[a] = g["key"]
        return self


def _packed(values: np.ndarray | None) -> str | None:
    """Signature values as base64 of their little-endian bytes: a twentieth of the memory a list
    of Python ints takes while the state is written, and half the JSON."""
    return None if values is None else base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def _unpacked(value: str | list | None) -> np.ndarray | None:
    """The values back; a list of ints is what states written before packing hold."""
    if value is None:
        return None
    if isinstance(value, str):
        return np.frombuffer(base64.b64decode(value), dtype="<u4").astype(np.uint32)
    return np.array(value, dtype=np.uint32)
