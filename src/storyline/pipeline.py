"""Runs the stages in order: read and clean in worker processes, write in this one.

Per-file work is a pure function of the file, so it runs on all cores; only this
process writes, in short transactions, so an interrupted build keeps everything it
committed and a second run finishes the job without duplicates.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from . import clean as cleaning
from .errors import ReadError
from .model import Article
from .read import DEFAULT_MAX_BYTES, InputFile, discover, read_file
from .store import DEFAULT_DB, Store

#: Commit at least this often, so that an interruption loses little work.
COMMIT_EVERY_ARTICLES = 200
COMMIT_EVERY_SECONDS = 2.0


@dataclass(frozen=True)
class Unchanged:
    locator: str


Outcome = Article | ReadError | Unchanged


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

    @property
    def counts(self) -> dict[str, int]:
        return {"read": self.read, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": len(self.skipped)}


# -- per-file work (runs in worker processes) -------------------------------------

_known: dict[str, tuple[str, int]] = {}
_max_bytes = DEFAULT_MAX_BYTES


def _configure(known: dict[str, tuple[str, int]], max_bytes: int) -> None:
    global _known, _max_bytes
    _known, _max_bytes = known, max_bytes


def _init_worker(known: dict[str, tuple[str, int]], max_bytes: int) -> None:
    _configure(known, max_bytes)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means


def process_file(item: InputFile) -> list[Outcome]:
    """Read one file and clean each article in it, skipping those already stored as they are."""
    outcomes: list[Outcome] = []
    for raw in read_file(item, _max_bytes):
        if isinstance(raw, ReadError):
            outcomes.append(raw)
        elif _known.get(raw.locator) == (raw.raw_hash, cleaning.CLEAN_VERSION):
            outcomes.append(Unchanged(raw.locator))
        else:
            try:
                outcomes.append(cleaning.clean(raw))
            except Exception as exc:  # one bad article must not stop the rest
                outcomes.append(ReadError(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}"))
    return outcomes


def _run(items: list[InputFile], workers: int, known: dict, max_bytes: int) -> Iterator[list[Outcome]]:
    if workers <= 1 or len(items) < 2 * workers:
        _configure(known, max_bytes)
        for item in items:
            yield process_file(item)
        return
    cleaning.sentencizer()  # load once here; forked workers share it
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(known, max_bytes), maxtasksperchild=2000)
    try:
        yield from pool.imap(process_file, items, chunksize=4)
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
    on_progress: Callable[[int, int], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> BuildReport:
    """Read every article under `paths` into the knowledge base at `db`."""
    started = time.monotonic()
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

    known = {loc: (k.raw_hash, k.clean_version) for loc, k in store.known_articles().items()}
    pending: list[Outcome] = list(missing)
    last_commit = time.monotonic()

    def flush() -> None:
        nonlocal pending, last_commit
        if not pending:
            return
        with store.transaction():
            for outcome in pending:
                if isinstance(outcome, ReadError):
                    store.record_skipped(run_id, outcome.path, outcome.reason)
                elif isinstance(outcome, Unchanged):
                    counts["unchanged"] += 1
                else:
                    counts[store.save_article(outcome, cleaning.CLEAN_VERSION)] += 1
        pending = []
        last_commit = time.monotonic()

    previous_term = _install_term_handler()
    status = "failed"
    results = _run(items, workers or os.cpu_count() or 1, known, max_bytes)
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
        flush()
        status = "finished"
    except (KeyboardInterrupt, _Terminated):
        flush()  # what was fully read and cleaned is kept
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
