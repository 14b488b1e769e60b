"""A real `storyline serve` on loopback, for the API and browser tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

import storyline

HOSTILE = [
    {"title": "<img src=x onerror=\"window.__pwned=1\">Hostile <b>title</b>",
     "published": "2024-03-01", "source": "<script>window.__pwned=2</script>Evil Outlet",
     "url": "javascript:window.__pwned=3",
     "text": "The port board met on Monday <script>window.__pwned=4</script> to approve the cranes.\n\n"
             "A second paragraph with <a href=\"javascript:window.__pwned=5\" onclick=\"window.__pwned=6\">a link</a> "
             "and an <svg onload=\"window.__pwned=7\"></svg> element about cranes."},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_kb(tmp: Path, demo: Path) -> Path:
    """The demo corpus plus one hostile article, built into a fresh knowledge base."""
    hostile = tmp / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n")
    db = tmp / "web.db"
    storyline.build([demo, hostile], db=db, workers=1)
    return db


@contextmanager
def serving(db: Path, *, host: str = "127.0.0.1", token: str | None = None):
    port = free_port()
    exe = Path(sys.executable).with_name("storyline")
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    if token:
        env["STORYLINE_TOKEN"] = token
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--host", host, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.communicate()[1]}")
            try:
                httpx.get(base + "/api/stats", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start within 30 s")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
