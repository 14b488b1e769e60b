"""The public Python API: exactly the intended names, and a build-then-ask round trip."""

from __future__ import annotations

import storyline
from conftest import DEMO


def test_public_names_are_exactly_the_intended_ones():
    assert sorted(storyline.__all__) == [
        "BuildReport", "KnowledgeBase", "ReadError", "SearchHit", "StoreError", "StorylineError",
        "TimelineEntry", "UsageError", "build", "open_kb",
    ]


def test_build_then_query(db):
    report = storyline.build([DEMO], db=db, workers=1)
    assert report.counts == {"read": 10, "new": 10, "updated": 0, "unchanged": 0, "skipped": 0}
    with storyline.open_kb(db) as kb:
        stats = kb.stats()
        assert (stats["articles"], stats["undated"]) == (10, 1)  # 05 is dated by its storyline (tests/test_cli.py)
        entries = kb.timeline(start="2024", end="2024-05")
        assert [e.date for e in entries] == sorted(e.date for e in entries)
        assert entries and all("2024-01-01" <= e.date <= "2024-05-31" for e in entries)
        for e in entries:  # every entry is a real sentence of its article
            article = kb.article(e.article_id)
            s = article["sentences"][e.sentence]
            assert article["text"][s["start"]:s["end"]] == e.text
        hits = kb.search("telephone")
        assert len(hits) == 2 and all("[telephone]" in h.highlighted.lower() for h in hits)
