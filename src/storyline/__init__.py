"""Storyline: a pile of news articles in, a sourced knowledge base out.

    >>> import storyline
    >>> report = storyline.build(["examples/demo"], db="demo.db")
    >>> with storyline.open_kb("demo.db") as kb:
    ...     entries = kb.timeline(query="contract")
"""

__version__ = "0.1.0"

from .api import KnowledgeBase, SearchHit, open_kb  # noqa: E402
from .errors import ReadError, StoreError, StorylineError, UsageError  # noqa: E402
from .pipeline import BuildReport, build  # noqa: E402
from .tell.timeline import TimelineEntry  # noqa: E402

__all__ = [
    "BuildReport",
    "KnowledgeBase",
    "ReadError",
    "SearchHit",
    "StoreError",
    "StorylineError",
    "TimelineEntry",
    "UsageError",
    "build",
    "open_kb",
]
