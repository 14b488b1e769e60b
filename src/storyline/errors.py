"""Storyline's exceptions.

    StorylineError
     ├── ReadError          an input file (or one record in it) could not become an article
     ├── StoreError         the knowledge base file is missing, locked or of an unknown schema
     └── UsageError         a caller asked for something that makes no sense (bad date, format)

Every message names what to look at; a ReadError always names the file.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error Storyline raises on purpose."""


class ReadError(StorylineError):
    """An input could not be read; the build skips it and records why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # survive the trip back from a worker process
        return (type(self), (self.path, self.reason))


class StoreError(StorylineError):
    """The knowledge base cannot be opened or written as asked."""


class UsageError(StorylineError):
    """An argument is malformed (a date that is not ISO 8601, an unknown format)."""
