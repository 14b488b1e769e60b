"""Runs the stages in order: read and clean in worker processes, write in this one.

Per-file work is a pure function of the file, so it runs on all cores; only this
process writes, in short transactions, so an interrupted build keeps everything it
committed and a second run finishes the job without duplicates.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from . import annotate as annotation
from . import clean as cleaning
from .annotate import Annotated
from .claims.compare import SAME_NEWS_DAYS
from .claims.link import link_claims
from .errors import ReadError
from .model import Article
from .read import DEFAULT_MAX_BYTES, InputFile, discover, read_file
from .store import DEFAULT_DB, Store

#: Commit at least this often, so that an interruption loses little work.
COMMIT_EVERY_ARTICLES = 200
COMMIT_EVERY_SECONDS = 2.0
#: The linkers' saved states grow with the corpus, so they are written less often; articles
#: committed in between are re-linked by the next build if this one is killed first.
SAVE_LINKS_EVERY_SECONDS = 60.0


@dataclass(frozen=True)
class Unchanged:
    locator: str


Outcome = Annotated | ReadError | Unchanged


@dataclass
class BuildReport:
    """What a build did: counts, and every skipped input with its reason."""

    db: str
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    placed: int = 0  # undated articles dated after linking, by the reports of their storyline
    comparison_seconds: float = 0.0  # of `seconds`, spent comparing claims across sources (for the benchmarks)
    link_seconds: float = 0.0  # of `seconds`, spent linking entities, copies, events and stories (likewise)
    link_cpu_seconds: float = 0.0  # the same in CPU time of the linking thread (workers compete for the cores)
    link_prep_cpu_seconds: float = 0.0  # the workers' CPU time preparing articles for linking (`link.corpus.prepare`)

    @property
    def counts(self) -> dict[str, int]:
        return {"read": self.read, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": len(self.skipped)}


# -- per-file work (runs in worker processes) -------------------------------------

#: Files per task handed to a worker: enough articles for spaCy to batch, few enough to
#: keep memory bounded and progress smooth.
FILES_PER_TASK = 8
#: Tasks queued per worker process: enough to keep it busy, few enough to bound memory.
IN_FLIGHT = 3


@dataclass(frozen=True)
class _Config:
    known: dict[str, tuple[str, str]]
    max_bytes: int
    annotators: tuple[str, ...]
    signature: str
    link: bool = False  # also compute what the linkers read from each text (`link.corpus.prepare`)


_config = _Config({}, DEFAULT_MAX_BYTES, (), "")


def _configure(config: _Config) -> None:
    global _config
    _config = config


def _init_worker(config: _Config) -> None:
    _configure(config)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and stops workers with SIGTERM


def process_files(items: list[InputFile]) -> list[list[Outcome]]:
    """Read, clean and annotate a few files; one list of outcomes per file, in order."""
    per_file: list[list[Outcome]] = []
    fresh: list[tuple[int, int, Article]] = []  # (file, position, article) still to annotate
    for f, item in enumerate(items):
        outcomes: list[Outcome] = []
        for raw in read_file(item, _config.max_bytes):
            if isinstance(raw, ReadError):
                outcomes.append(raw)
            elif _config.known.get(raw.locator) == (raw.raw_hash, _config.signature):
                outcomes.append(Unchanged(raw.locator))
            else:
                try:
                    fresh.append((f, len(outcomes), cleaning.clean(raw)))
                    outcomes.append(Unchanged(raw.locator))  # placeholder, replaced below
                except Exception as exc:  # one bad article must not stop the rest
                    outcomes.append(ReadError(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}"))
        per_file.append(outcomes)
    if fresh:
        for (f, pos, _), result in zip(fresh, _annotate_safely([a for _, _, a in fresh])):
            per_file[f][pos] = _prepare_links(result) if _config.link else result
    return per_file


def _prepare_links(result: Annotated | ReadError) -> Annotated | ReadError:
    """The linkers' per-article work, done here in the worker so the main process only links."""
    if isinstance(result, ReadError):
        return result
    from .link.corpus import prepare

    try:
        return dataclasses.replace(result, link_prep=prepare(result))
    except Exception:  # the main process will try again, and report what fails there
        return result


def _annotate_safely(articles: list[Article]) -> list[Annotated | ReadError]:
    """Annotate a batch; if it fails, retry one by one so that only the culprit is skipped."""
    try:
        return list(annotation.annotate(articles, _config.annotators))
    except Exception:
        if len(articles) == 1:
            import traceback

            exc_line = traceback.format_exc().strip().splitlines()[-1]
            return [ReadError(articles[0].raw.path, f"annotation failed: {exc_line}")]
        return [r for a in articles for r in _annotate_safely([a])]


def _chunks(items: list[InputFile], size: int) -> Iterator[list[InputFile]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _run(items: list[InputFile], workers: int, config: _Config) -> Iterator[list[Outcome]]:
    """Outcomes file by file, in input order, computed here or on a pool of processes."""
    if workers <= 1 or len(items) < 2 * workers:
        _configure(config)
        for chunk in _chunks(items, FILES_PER_TASK):
            yield from process_files(chunk)
        return
    annotation.preload(config.annotators)  # load models once here; forked workers share them
    cleaning.sentencizer()
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(config,), maxtasksperchild=500)
    try:
        # a few tasks per worker in flight, never the whole input: when this process links slower
        # than the workers annotate, finished articles would otherwise pile up in memory
        tasks = _chunks(items, FILES_PER_TASK)
        pending = deque(pool.apply_async(process_files, (chunk,)) for chunk in islice(tasks, IN_FLIGHT * workers))
        while pending:
            per_file = pending.popleft().get()
            following = next(tasks, None)
            if following is not None:
                pending.append(pool.apply_async(process_files, (following,)))
            yield from per_file
        pool.close()
    finally:
        pool.terminate()
        pool.join()


# -- the build ----------------------------------------------------------------------


class _Terminated(BaseException):
    """Raised in the main process on SIGTERM, to stop like Ctrl-C does."""


def build(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike = DEFAULT_DB,
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    annotators: Sequence[str] = annotation.DEFAULT,
    link: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> BuildReport:
    """Read every article under `paths` into the knowledge base at `db`.

    `annotators` picks what is found in each article (default: all of
    `storyline.annotate.ANNOTATORS`). With `link`, each new or changed article is then
    linked across the corpus here: its entities, the report it copies, its event, its story.
    """
    started = time.monotonic()
    annotators = annotation.check(annotators)
    signature = annotation.signature(annotators)
    paths = [os.fspath(p) for p in paths]
    report = BuildReport(db=str(db))
    store = Store(db)
    run_id = store.start_run(paths)
    counts: Counter[str] = Counter()

    def skip(path: str, reason: str) -> None:
        report.skipped.append((path, reason))
        if on_skip:
            on_skip(path, reason)

    items: list[InputFile] = []
    missing: list[ReadError] = []
    for found in discover(paths):
        (missing if isinstance(found, ReadError) else items).append(found)
    for err in missing:
        skip(err.path, err.reason)

    known = {loc: (k.raw_hash, k.pipeline) for loc, k in store.known_articles().items()}
    config = _Config(known, max_bytes, annotators, signature, link)
    linker = _load_linker(store) if link else None
    pending: list[Outcome] = list(missing)
    last_commit = last_link_save = time.monotonic()
    unsaved_links: list = []
    if linker is not None:
        _relink_unsaved(store, linker, unsaved_links)

    def flush(final: bool = False) -> None:
        nonlocal pending, last_commit, last_link_save, unsaved_links
        save_links = linker is not None and unsaved_links and (
            final or time.monotonic() - last_link_save > SAVE_LINKS_EVERY_SECONDS)
        if not pending and not save_links:
            return
        linked: list = []
        with store.transaction():
            for outcome in pending:
                if isinstance(outcome, ReadError):
                    store.record_skipped(run_id, outcome.path, outcome.reason)
                elif isinstance(outcome, Unchanged):
                    counts["unchanged"] += 1
                else:
                    status, ident = store.save_article(outcome, signature)
                    counts[status] += 1
                    if linker is not None:
                        linking, linking_cpu = time.monotonic(), time.thread_time()
                        result = linker.add(ident, outcome)
                        report.link_seconds += time.monotonic() - linking
                        report.link_cpu_seconds += time.thread_time() - linking_cpu
                        report.link_prep_cpu_seconds += getattr(outcome.link_prep, "cpu_seconds", 0.0)
                        store.save_mentions(ident, outcome, result.entity_ids)  # foreign keys checked at commit
                        comparing = time.monotonic()
                        link_claims(store, ident, result.event_id,
                                    linker.story_events(result.story_id, outcome.article.published, SAME_NEWS_DAYS))
                        report.comparison_seconds += time.monotonic() - comparing
                        linked.append(result)
                    else:  # kept unlinked, so that a later build links them (`_relink_unsaved`)
                        store.save_mentions(ident, outcome, [None] * len(outcome.mentions))
            if linker is not None and linked:
                store.save_entities(linker.entities.records({e for r in linked for e in r.entity_ids if e}))
                unsaved_links += linked
            if linker is not None and unsaved_links and (
                    final or time.monotonic() - last_link_save > SAVE_LINKS_EVERY_SECONDS):
                _save_links(store, linker, unsaved_links)
                unsaved_links = []
                last_link_save = time.monotonic()
        pending = []
        last_commit = time.monotonic()

    previous_term = _install_term_handler()
    status = "failed"
    results = _run(items, workers or os.cpu_count() or 1, config)
    try:
        done = 0
        if on_progress:
            on_progress(0, len(items))
        for outcomes in results:
            for outcome in outcomes:
                if isinstance(outcome, ReadError):
                    skip(outcome.path, outcome.reason)
            pending.extend(outcomes)
            done += 1
            if on_progress:
                on_progress(done, len(items))
            if len(pending) >= COMMIT_EVERY_ARTICLES or time.monotonic() - last_commit > COMMIT_EVERY_SECONDS:
                flush()
        flush(final=True)
        if linker is not None:
            from .link.placement import place_undated

            report.placed = place_undated(store)
        status = "finished"
    except (KeyboardInterrupt, _Terminated):
        flush(final=True)  # what was fully read and cleaned is kept, and linked
        report.interrupted = True
        status = "interrupted"
    finally:
        results.close()  # stops the worker pool at once
        _restore_term_handler(previous_term)
        report.new, report.updated, report.unchanged = counts["new"], counts["updated"], counts["unchanged"]
        report.read = report.new + report.updated + report.unchanged
        report.seconds = time.monotonic() - started
        store.finish_run(run_id, status, report.counts)
        store.close()
    return report


def _save_links(store: Store, linker, linked: list) -> None:
    """Events, stories and copies of the articles linked since the last save, with the states."""
    events = {r.event_id for r in linked if r.event_id is not None}
    events |= {e for r in linked for e, _ in r.mentioned_events}
    stories = {r.story_id for r in linked if r.story_id is not None}
    store.save_links(linked, linker.event_rows(events), linker.story_rows(stories))
    store.save_link_states(linker.states())


def _relink_unsaved(store: Store, linker, unsaved: list) -> None:
    """Link the articles a killed build stored but could not link (or a --no-link build left).

    One transaction: their mentions get their entities, the entities are saved, and the
    events and stories with them, or nothing is.
    """
    with store.transaction():
        for annotated, ident in store.unlinked_articles():
            result = linker.add(ident, annotated)
            store.set_mention_entities(ident, result.entity_ids)
            link_claims(store, ident, result.event_id,
                        linker.story_events(result.story_id, annotated.article.published, SAME_NEWS_DAYS))
            unsaved.append(result)
        if unsaved:
            store.save_entities(linker.entities.records({e for r in unsaved for e in r.entity_ids if e}))
            _save_links(store, linker, unsaved)
    unsaved.clear()


def _load_linker(store: Store):
    from .link.corpus import CorpusLinker

    return CorpusLinker.from_records(store.entity_records(), store.link_states())


def _install_term_handler():
    try:
        def on_term(signum, frame):
            raise _Terminated()

        return signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _restore_term_handler(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)
