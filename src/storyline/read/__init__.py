"""Readers turn files into `RawArticle`s; one module per format, registered by name.

A reader is a function ``(path, data, display) -> Iterable[RawArticle | ReadError]``:
it receives the file's bytes (already checked against the size limit) and yields one
item per article, so a bad record in a JSON Lines file costs that record only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError
from ..model import RawArticle

ReaderFunc = Callable[[Path, bytes, str], Iterable["RawArticle | ReadError"]]

#: Files above this size are skipped unless the caller raises the limit.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    read: ReaderFunc


READERS: dict[str, Reader] = {}


def register(name: str, extensions: tuple[str, ...]) -> Callable[[ReaderFunc], ReaderFunc]:
    """Register a reader for files whose names end with one of `extensions`."""

    def decorate(func: ReaderFunc) -> ReaderFunc:
        READERS[name] = Reader(name, tuple(e.lower() for e in extensions), func)
        return func

    return decorate


def reader_for(path: Path) -> Reader | None:
    """The reader whose extension matches the end of the file name (longest match wins)."""
    name = path.name.lower()
    best: Reader | None = None
    best_len = 0
    for reader in READERS.values():
        for ext in reader.extensions:
            if name.endswith(ext) and len(ext) > best_len:
                best, best_len = reader, len(ext)
    return best


@dataclass(frozen=True)
class InputFile:
    """A file found under the paths given to a build."""

    display: str  # the path as the user would write it
    resolved: str  # absolute path, the article's identity for single-article files
    reader: str | None  # None: no reader handles this file type


def discover(paths: Iterable[str | os.PathLike]) -> Iterator[InputFile | ReadError]:
    """Walk files and folders (recursively, in a stable order, hidden entries skipped)."""
    for given in paths:
        given_str = os.fspath(given)
        root = Path(given_str)
        if not root.exists():
            yield ReadError(given_str, "no such file or folder")
            continue
        if root.is_file():
            yield _input_file(root, given_str)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                if filename.startswith("."):
                    continue
                full = Path(dirpath) / filename
                yield _input_file(full, str(full))


def _input_file(path: Path, display: str) -> InputFile:
    reader = reader_for(path)
    return InputFile(display, str(path.resolve()), reader.name if reader else None)


def read_file(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawArticle | ReadError]:
    """Read one input file into raw articles, turning every failure into a `ReadError`."""
    if item.reader is None:
        suffix = Path(item.display).suffix or "(no extension)"
        known = ", ".join(sorted({e for r in READERS.values() for e in r.extensions}))
        return [ReadError(item.display, f"unsupported file type {suffix} (readers handle {known})")]
    try:
        size = os.stat(item.resolved).st_size
        if size > max_bytes:
            return [ReadError(item.display, f"file is {_mb(size)}, over the {_mb(max_bytes)} limit (raise it with --max-bytes)")]
        with open(item.resolved, "rb") as fh:
            data = fh.read()
    except PermissionError:
        return [ReadError(item.display, "cannot read: permission denied")]
    except IsADirectoryError:
        return [ReadError(item.display, "is a folder, not a file")]
    except OSError as exc:
        return [ReadError(item.display, f"cannot read: {exc.strerror or exc}")]
    try:
        return list(READERS[item.reader].read(Path(item.resolved), data, item.display))
    except ReadError as exc:
        return [exc]
    except Exception as exc:  # a reader bug must not stop the build
        return [ReadError(item.display, f"{item.reader} reader failed: {type(exc).__name__}: {exc}")]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def load_plugins() -> None:
    """Register readers that other packages declare under the `storyline.readers` entry point.

    The entry point names a module; importing it runs its `@register(...)` decorators.
    """
    from importlib.metadata import entry_points

    for ep in entry_points(group="storyline.readers"):
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not take the built-in readers down
            import warnings

            warnings.warn(f"reader plug-in {ep.name!r} failed to load: {exc}", stacklevel=2)


# Import the built-in readers so that they register themselves, then any plug-ins.
from . import html, jsonl, text  # noqa: E402,F401

load_plugins()
