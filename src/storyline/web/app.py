"""The web application: JSON API under /api, server-rendered pages elsewhere.

Thin by design: every route asks the knowledge base (`KnowledgeBase`) and renders; nothing
here computes or writes. Article text is untrusted, so templates autoescape everything and
the Content-Security-Policy forbids inline scripts, so even an escaping slip cannot run code.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import threading
import time
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..api import KnowledgeBase
from ..errors import StorylineError, UsageError

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class KnowledgeBases:
    """One read-only connection per server thread (SQLite connections are not shared)."""

    def __init__(self, db: str | os.PathLike):
        self.db = Path(db)
        KnowledgeBase(self.db).close()  # fail at start-up, not on the first request
        self._local = threading.local()

    def get(self) -> KnowledgeBase:
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = self._local.kb = KnowledgeBase(self.db)
        return kb


def create_app(db: str | os.PathLike, *, token: str | None = None) -> FastAPI:
    """The application for one knowledge base; with `token`, every request must present it."""
    app = FastAPI(title="Storyline", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only API over a Storyline knowledge base.")
    app.state.kbs = KnowledgeBases(db)
    app.state.token = token
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)
    app.state.templates = templates

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token is not None and not _authorized(request, token):
            return PlainTextResponse("A token is required: send 'Authorization: Bearer <STORYLINE_TOKEN>' "
                                     "or open the page once with ?token=<STORYLINE_TOKEN>.", status_code=401)
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("This server is read-only.", status_code=405)
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if token is not None and request.query_params.get("token"):
            response.set_cookie("storyline_token", token, httponly=True, samesite="strict")
        return response

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError):
        return JSONResponse({"detail": str(exc)}, status_code=500)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api_routes, pages

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    return app


def _authorized(request: Request, token: str) -> bool:
    offered = request.query_params.get("token") or request.cookies.get("storyline_token") or ""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        offered = header[7:]
    return hmac.compare_digest(offered.encode(), token.encode())
