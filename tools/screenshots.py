"""Take a screenshot of each page of the web UI into docs/screenshots/ (run by `make screenshots`).

Builds the seed articles (../shared/seeds, or the demo corpus when they are absent) into a
temporary knowledge base, serves it on loopback and photographs the pages in Chromium.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

import storyline  # noqa: E402
from webserver import serving  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main() -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    corpus = seeds if seeds.exists() else ROOT / "examples" / "demo"
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        storyline.build([os.path.relpath(corpus, ROOT)], db=db, workers=1)
        with storyline.open_kb(db) as kb:
            first = kb.timeline()[0]
            story = kb.stories(limit=1)[0]
            entity = kb.entities(type="PERSON", limit=1)[0]
        pages = {
            "timeline": "/",
            "story": f"/stories/{story['id']}",
            "articles": "/articles",
            "article": f"/articles/{first.article_id}#s-{first.sentence}",
            "entity": f"/entities/{entity['id']}",
            "sources": "/sources",
            "search": "/search?q=S-400",
        }
        with serving(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for width, suffix in ((1200, ""), (390, "-phone")):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in pages.items():
                    page.goto(base + path)
                    page.screenshot(path=str(out / f"{name}{suffix}.png"), full_page=width > 400)
                    print(f"wrote docs/screenshots/{name}{suffix}.png")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
