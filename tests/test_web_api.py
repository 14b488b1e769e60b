"""The JSON API and the pages, against a real server on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import storyline

from conftest import DEMO
from webserver import build_kb, free_port, serving


@pytest.fixture(scope="module")
def server(demo_kb_path):
    with serving(demo_kb_path) as base:
        yield base


def test_openapi_schema_lists_the_api(server):
    schema = httpx.get(server + "/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/timeline", "/api/sources"):
        assert path in schema["paths"], path


def test_articles_are_paginated_and_filtered(server):
    page = httpx.get(server + "/api/articles", params={"limit": 4}).json()
    assert page["total"] == 11 and len(page["items"]) == 4
    rest = httpx.get(server + "/api/articles", params={"limit": 50, "offset": 4}).json()
    assert len(rest["items"]) == 7
    assert not {a["id"] for a in page["items"]} & {a["id"] for a in rest["items"]}
    in_2024 = httpx.get(server + "/api/articles", params={"from": "2024", "to": "2024-05"}).json()
    assert in_2024["items"] and all("2024-01-01" <= a["published"] <= "2024-05-31" for a in in_2024["items"])
    herald = httpx.get(server + "/api/articles", params={"source": "The Dharapur Herald"}).json()
    assert herald["total"] == 3 and {a["source"] for a in herald["items"]} == {"The Dharapur Herald"}
    bad = httpx.get(server + "/api/articles", params={"from": "yesterday"})
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["detail"]


def test_article_has_text_sentences_and_removed_lines(server):
    first = httpx.get(server + "/api/articles", params={"source": "Marakhal Coastal Times"}).json()["items"][0]
    article = httpx.get(server + f"/api/articles/{first['id']}").json()
    for s in article["sentences"]:
        assert article["text"][s["start"]:s["end"]] == s["text"]
    assert any(r["text"] == "Follow us on: |" for r in article["removed"])
    assert httpx.get(server + "/api/articles/nope").status_code == 404


def test_search_gives_match_offsets(server):
    hits = httpx.get(server + "/api/search", params={"q": "compensation"}).json()["items"]
    assert hits
    for h in hits:
        assert all(h["text"][a:b].lower().startswith("compensation") for a, b in h["marks"])


def test_timeline_and_sources(server):
    items = httpx.get(server + "/api/timeline", params={"q": "cranes"}).json()["items"]
    assert items and [i["date"] for i in items] == sorted(i["date"] for i in items)
    sources = {s["source"]: s for s in httpx.get(server + "/api/sources").json()["items"]}
    assert sources["The Dharapur Herald"]["articles"] == 3


def test_pages_render_and_escape_hostile_text(server):
    for path in ("/", "/articles", "/sources", "/search?q=cranes"):
        r = httpx.get(server + path)
        assert r.status_code == 200, path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert "<script>window" not in r.text and "onerror=" not in r.text.replace("&#34;", '"').split("<body>")[0]
    hostile_id = next(a["id"] for a in httpx.get(server + "/api/articles", params={"limit": 100}).json()["items"]
                      if "Hostile" in (a["title"] or ""))
    page = httpx.get(server + f"/articles/{hostile_id}").text
    assert "&lt;script&gt;window.__pwned=" in page and "<script>window" not in page
    assert "<svg" not in page and "<img" not in page and 'href="javascript:' not in page


def test_the_server_never_writes(server):
    assert httpx.post(server + "/api/articles").status_code == 405
    assert httpx.delete(server + "/api/articles/x").status_code == 405


def test_other_addresses_need_a_token(tmp_path):
    db = build_kb(tmp_path, DEMO)
    exe = Path(sys.executable).with_name("storyline")
    refused = subprocess.run([str(exe), "serve", "--db", str(db), "--host", "0.0.0.0", "--port", str(free_port())],
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=30)
    assert refused.returncode == 2 and "STORYLINE_TOKEN" in refused.stderr
    with serving(db, host="0.0.0.0", token="s3cret") as base:
        assert httpx.get(base + "/api/stats").status_code == 401
        assert httpx.get(base + "/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert httpx.get(base + "/api/stats", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        with httpx.Client() as client:  # a browser: the token once in the URL, then a cookie
            assert client.get(base + "/?token=s3cret").status_code == 200
            assert client.get(base + "/sources").status_code == 200


def test_entities_api_and_pages(server):
    items = httpx.get(server + "/api/entities", params={"limit": 200}).json()["items"]
    assert items and [e["mentions"] for e in items] == sorted((e["mentions"] for e in items), reverse=True)
    product = httpx.get(server + "/api/entities", params={"type": "PRODUCT", "q": "KT"}).json()["items"]
    assert product and all(e["type"] == "PRODUCT" for e in product)
    top = httpx.get(server + f"/api/entities/{items[0]['id']}").json()
    assert sum(top["aliases"].values()) == top["mentions"] and len(top["article_ids"]) == top["articles"]
    assert sum(m["articles"] for m in top["by_month"]) <= top["articles"]
    page = httpx.get(server + f"/entities/{items[0]['id']}")
    assert page.status_code == 200 and "<svg" in page.text
    assert httpx.get(server + "/entities/nope").status_code == 404
    listing = httpx.get(server + "/entities", params={"q": "KT"})
    assert listing.status_code == 200 and "KT-9" in listing.text


def test_article_page_marks_entities_dates_and_amounts(server):
    first = httpx.get(server + "/api/articles", params={"limit": 1}).json()["items"][0]
    article = httpx.get(server + f"/api/articles/{first['id']}").json()
    assert article["mentions"] and article["times"] and article["quantities"]
    for kind in ("mentions", "times", "quantities"):
        for a in article[kind]:
            s = article["sentences"][a["sentence"]]
            assert s["start"] <= a["start"] < a["end"] <= s["end"] and article["text"][a["start"]:a["end"]] == a["text"]
    page = httpx.get(server + f"/articles/{first['id']}").text
    assert 'class="ann entity" href="/entities/' in page
    assert 'class="ann time"' in page and 'class="ann amount"' in page


def test_stories_and_events_api(server):
    stories = httpx.get(server + "/api/stories").json()["items"]
    assert stories and stories[0]["articles"] >= 8
    story = httpx.get(server + f"/api/stories/{stories[0]['id']}").json()
    dates = [e["date"] for e in story["timeline"]]
    assert dates == sorted(dates) and len(dates) >= 4
    for e in story["timeline"]:
        assert e["reports"] and e["outlets"] >= 1
    call = next(e for e in story["timeline"] if len(e["dates_reported"]) > 1)  # the weekday dispute is kept
    assert {d["date"] for d in call["dates_reported"]} == {"2023-07-10", "2023-07-11"}
    assert httpx.get(server + f"/api/events/{call['id']}").json()["dates_reported"] == call["dates_reported"]
    assert httpx.get(server + "/api/stories/999").status_code == 404
    page = httpx.get(server + f"/stories/{stories[0]['id']}")
    assert page.status_code == 200 and "Where the reports disagree" in page.text


def test_claims_conflicts_and_entity_filter(server):
    claims = httpx.get(server + "/api/claims", params={"limit": 500}).json()
    money = [c for c in claims["items"] if c["normalized"]["kind"] == "money"]
    assert {c["normalized"]["unit"] for c in money} >= {"USD", "INR"}
    crore = next(c for c in money if "crore" in c["value"])
    assert crore["normalized"]["value"] == 8.5e10 and crore["value"] in crore["evidence"]["text"]
    conflicts = httpx.get(server + "/api/conflicts").json()["items"]
    assert any({d for d, _ in c["dates"]} == {"2023-07-10", "2023-07-11"} for c in conflicts)
    assert all(c["verdict"] == "conflict" and c["explanation"] for c in conflicts)
    kt = httpx.get(server + "/api/entities", params={"q": "KT-90", "type": "PRODUCT"}).json()["items"][0]
    naming = httpx.get(server + "/api/articles", params={"entity": kt["id"], "limit": 100}).json()
    assert naming["total"] == kt["articles"]
    entity = httpx.get(server + f"/api/entities/{kt['id']}").json()
    assert entity["mention_spans"] and all(m["label"] == "PRODUCT" for m in entity["mention_spans"])


def test_summarized_timeline_and_story_milestones(server):
    body = httpx.get(server + "/api/timeline/summary", params={"dates": 3, "per_date": 1}).json()
    days = [item["date"] for item in body["items"]]
    assert 1 <= len(days) <= 3 and days == sorted(days)
    for item in body["items"]:
        assert item["sentences"]
        for s in item["sentences"]:
            article = httpx.get(server + f"/api/articles/{s['article_id']}").json()
            assert article["sentences"][s["sentence"]]["text"] == s["text"]
    assert httpx.get(server + "/api/timeline/summary", params={"dates": 0}).status_code == 422
    story = httpx.get(server + "/api/stories/1").json()
    assert isinstance(story["milestones"], list)
    for m in story["milestones"]:
        assert m["when"] in ("recalled", "expected") and m["citations"]


def test_a_renamed_entity_keeps_its_old_address_and_shows_its_capital(tmp_path):
    """'Russians' alone makes a group entity; once 'Russia' is named it becomes the place, under a new id.
    Links to the old id still lead there; 'Moscow' acting for Russia is shown apart from its names."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"title": "Vote", "published": "2024-03-01", "source": "A",
                                 "text": "Russians voted on Sunday in a long election."}) + "\n")
    second.write_text(json.dumps({"title": "Reply", "published": "2024-03-04", "source": "B",
                                  "text": "Russia said on Monday that it would respond. "
                                          "Moscow has denied any part in the attack."}) + "\n")
    db = tmp_path / "renamed.db"
    storyline.build([first], db=db, workers=1)
    with storyline.open_kb(db) as kb:
        old = next(e["id"] for e in kb.entities() if e["name"] == "Russians")
    storyline.build([second], db=db, workers=1)
    with serving(db) as base:
        moved = httpx.get(base + f"/api/entities/{old}").json()
        assert moved["id"] != old and moved["type"] == "GPE" and moved["name"] == "Russia"
        assert moved["metonyms"] == {"Moscow": 1} and moved["aliases"]["Russians"] == 1
        page = httpx.get(base + f"/entities/{old}", follow_redirects=False)
        assert page.status_code == 301 and page.headers["location"].endswith(f"/entities/{moved['id']}")
        shown = httpx.get(base + f"/entities/{moved['id']}").text
        assert "Also named by its capital or seat of government, where it acts: Moscow ×1" in shown
