"""The HTTP API and the web pages, over one knowledge base opened read-only."""

from .app import create_app

__all__ = ["create_app"]
