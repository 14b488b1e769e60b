"""A stand-in language model on loopback: an OpenAI-compatible /v1/chat/completions endpoint.

It answers from the prompt it is sent, the way a model would: it restates the first two
numbered source sentences (traceable), and adds a sentence with a place and a figure that no
source gives, and one citing a source it was never given (both must be dropped). Other
behaviours fail in the ways a real endpoint can: an HTTP error, a redirect elsewhere, a non-JSON
body, silence.
"""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INVENTED = "Officials in Quorvath said 4,321 families were moved to shelters overnight"
_SOURCE = re.compile(r"^\[(\d+)\] \([^)]*\) (.+)$", re.M)


def restate(sentence: str, words: int = 14) -> str:
    """The opening words of a source sentence, closed as a sentence of its own."""
    return " ".join(sentence.split()[:words]).rstrip(",;:") + "."


class _Handler(BaseHTTPRequestHandler):
    server: "FakeModel"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append({"path": self.path, "headers": dict(self.headers), "body": json.loads(body)})
        mode = self.server.mode
        if mode == "error":
            return self._send(500, b'{"error": {"message": "model overloaded"}}')
        if mode == "redirect":
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode == "garbage":
            return self._send(200, b"<html>not an API</html>")
        if mode == "slow":
            time.sleep(self.server.delay)
        prompt = json.loads(body)["messages"][-1]["content"]
        sources = dict(_SOURCE.findall(prompt))
        if mode == "invented":
            content = f"{INVENTED} [1]. The Zenrith delegation signed a treaty worth 77 billion [2]."
        else:
            content = (f"{restate(sources['1'])} [1] {INVENTED} [2]. "
                       f"{restate(sources['2'])} [2]\nAnother fact from nowhere rests on a source never given [99].")
        reply = {"id": "cmpl-1", "object": "chat.completion", "model": json.loads(body)["model"],
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": content}}]}
        self._send(200, json.dumps(reply).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (the slow mode)
            pass


class FakeModel(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str = "traced", delay: float = 2.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.delay = mode, delay
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


@contextmanager
def fake_model(mode: str = "traced", delay: float = 2.0):
    server = FakeModel(mode, delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
