"""Server time of every page and API route on a built knowledge base (`make bench-web DB=...`).

Starts `storyline serve` on loopback, asks each route several times, and reports the median
and worst of the server's own time (its Server-Timing header), so network and browser
costs do not blur the figure. The pages to ask for are picked from the knowledge base
itself: its largest story, most named entity, first article and a common word.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from webserver import serving  # noqa: E402


def server_ms(response: httpx.Response) -> float:
    timing = response.headers.get("server-timing", "")
    return float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    with serving(args.db) as base, httpx.Client(base_url=base, timeout=60) as client:
        story = client.get("/api/stories", params={"limit": 1}).json()["items"]
        entity = client.get("/api/entities", params={"limit": 1}).json()["items"]
        article = client.get("/api/articles", params={"limit": 1}).json()["items"]
        routes = ["/", "/stories", "/articles", "/entities", "/sources", "/search?q=president",
                  "/api/articles", "/api/stories", "/api/entities", "/api/search?q=president", "/api/timeline",
                  "/api/claims", "/api/conflicts", "/api/conflicts?verdict=agree", "/api/timeline/summary?dates=10"]
        if story:
            routes += [f"/stories/{story[0]['id']}", f"/api/stories/{story[0]['id']}",
                       f"/api/timeline/summary?dates=10&story={story[0]['id']}"]
        if entity:
            routes += [f"/entities/{entity[0]['id']}", f"/api/entities/{entity[0]['id']}"]
        if article:
            routes += [f"/articles/{article[0]['id']}", f"/api/articles/{article[0]['id']}"]
        print("| route | median ms | worst ms |\n|---|---:|---:|")
        worst_all = 0.0
        for route in routes:
            times = []
            for _ in range(args.repeat):
                r = client.get(route)
                r.raise_for_status()
                times.append(server_ms(r))
            worst_all = max(worst_all, max(times))
            print(f"| `{route}` | {statistics.median(times):.1f} | {max(times):.1f} |")
        print(f"\nslowest request: {worst_all:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
