"""Undated articles dated by their storyline after linking (storyline.link.placement), through the real build."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest import SEEDS, load_bench, needs
from storyline.pipeline import build

DATED = """title: Harbour authority approves new ferry terminal
source: The Coast Gazette
date: 2024-03-12

The Westhaven harbour authority on Monday, March 11, 2024, approved the construction of a new ferry terminal on the northern quay.
Harbour director Ilse Marrow said the Westhaven terminal would double the number of daily crossings to the Skerry islands.
The Westhaven project is expected to cost 45 million euros and to open in the summer of 2026.
Opponents of the Westhaven terminal said the northern quay should remain a fishing harbour.
"""

UNDATED = """title: Westhaven ferry terminal faces vote

The Westhaven harbour authority is expected to vote on the new ferry terminal on March 11.
Harbour director Ilse Marrow said the Westhaven terminal would double daily crossings to the Skerry islands.
Fishermen on the northern quay oppose the Westhaven terminal and plan a protest before the vote.
The Westhaven project would cost about 45 million euros.
"""

NOTHING = """title: A walk on the quay

Gulls circle the northern quay at dawn while the fishing boats come in.
Nobody here can say when the old crane was last used.
"""


def _articles(db: Path) -> dict[str, sqlite3.Row]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return {Path(r["path"]).name: r for r in con.execute("SELECT * FROM articles")}


def test_a_storyline_report_lends_the_year_a_text_leaves_out(corpus, tmp_path):
    root = corpus({"a.txt": DATED, "b.txt": UNDATED, "c.txt": NOTHING})
    db = tmp_path / "kb.db"
    report = build([root], db, workers=1)
    rows = _articles(db)
    b = rows["b.txt"]
    assert (b["published_basis"], b["published_latest"]) == ("inferred", "2024-03-11")  # a vote ahead
    assert b["published_earliest"] < "2024-03-11" and b["published_earliest"] >= "2024-01-01"
    assert b["published_earliest"] <= b["published"] <= b["published_latest"]
    evidence = json.loads(b["published_evidence"])
    assert any("the year from" in e and "Harbour authority approves" in e for e in evidence)
    assert rows["c.txt"]["published"] is None  # nothing to go on: never invented
    assert report.placed == 1
    # its relative dates are now resolved against the inferred date
    con = sqlite3.connect(db)
    values = [v for (v,) in con.execute("SELECT value FROM time_expressions WHERE article_id = ?", (b["id"],))]
    assert "2024-03-11" in values
    # a second build changes nothing
    again = build([root], db, workers=1)
    assert again.placed == 0 and _articles(db)["b.txt"]["published"] == b["published"]


def test_no_year_is_lent_when_the_storyline_names_the_day_in_two_years(corpus, tmp_path):
    other_year = DATED.replace("2024", "2023").replace("Monday", "Saturday")
    root = corpus({"a.txt": DATED, "d.txt": other_year, "b.txt": UNDATED})
    db = tmp_path / "kb.db"
    build([root], db, workers=1)
    b = _articles(db)["b.txt"]
    evidence = json.loads(b["published_evidence"] or "[]")
    assert not any("the year from" in e for e in evidence)
    # it is still placed, by the report of its own event, within the days such reports come
    assert any("reports the same event as" in e for e in evidence)
    assert b["published_earliest"] <= "2024-03-12" <= b["published_latest"]


@needs(SEEDS)
def test_the_undated_seeds_get_honest_windows(tmp_path):
    db = tmp_path / "seeds.db"
    build([SEEDS], db, workers=1)
    rows = {k[:3]: r for k, r in _articles(db).items()}
    # when each was really written (read off the events they report), and what the text allows
    truth = {"000": ("2018-12-17", "2018-12-31"), "001": ("2018-12-17", "2018-12-31"), "004": ("2021-11-15", "2021-12-05")}
    for key, (lo, hi) in truth.items():
        r = rows[key]
        assert r["published_basis"] == "inferred", key
        assert r["published_earliest"] <= lo and r["published_latest"] >= hi, (key, r["published_earliest"])
        assert r["published_earliest"] <= r["published"] <= r["published_latest"]
        width = date.fromisoformat(r["published_latest"]) - date.fromisoformat(r["published_earliest"])
        assert width.days <= 366, key


GIVEME = Path(__file__).resolve().parents[2] / "shared" / "data" / "giveme5w1h" / "data"


@pytest.fixture
def bench_placement():
    return load_bench("quality_placement")


@needs(GIVEME)
def test_giveme5w1h_placement_floor(bench_placement):
    """Half of Giveme5W1H undated: the storyline dates far more of them than their text does
    (0.920 against 0.260 in docs/quality.md), and the truth stays in the window."""
    r = bench_placement.evaluate("giveme5w1h", workers=1)
    assert r["hidden"] >= 40
    assert r["coverage"] >= 0.85 and r["text_only"]["coverage"] < r["coverage"]
    assert r["in_window"] >= 0.92
