"""Request-scoped helpers shared by the API and the pages."""

from __future__ import annotations

from fastapi import Request

from ..api import KnowledgeBase


def kb(request: Request) -> KnowledgeBase:
    return request.app.state.kbs.get()
