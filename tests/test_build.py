"""Builds: bad input is skipped and reported, re-ingesting is a no-op, changes update in place."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

import storyline

GOOD = "title: Port deal\nsource: The Daily Example\ndate: 2024-03-04\n\nThe port contract was signed on Monday. Work starts in May.\n"


def _integrity(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _articles(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


BAD_INPUTS = {
    "empty.txt": ("", "empty file"),
    "blank.txt": ("  \n\n \n", "empty file"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (a PNG image)"),
    "nul.txt": (b"some text\x00\x00\x01\x02 more", "binary file (contains NUL bytes)"),
    "broken.json": ('{"text": "unterminated', "malformed JSON"),
    "list.json": ('["just", "strings"]', "expected a JSON object"),
    "notext.json": ('{"title": "No body"}', "no article text"),
    "nothing.html": ("<html><body><nav>Home</nav></body></html>", "no article text found in the HTML"),
    "scan.pdf": (b"%PDF-1.4 ...", "unsupported file type .pdf"),
    "header-only.txt": ("title: Just a title\ndate: 2024-01-01\n\n", "no article text after the header"),
}


def test_each_bad_input_is_skipped_with_its_reason_and_the_rest_is_built(corpus, db):
    root = corpus({"good.txt": GOOD, **{name: content for name, (content, _) in BAD_INPUTS.items()}})
    messages = []
    report = storyline.build([root], db, workers=1, on_skip=lambda p, r: messages.append((p, r)))
    assert report.new == 1 and report.read == 1
    skipped = {os.path.basename(p.split(":")[0].split("[")[0]): reason for p, reason in report.skipped}
    assert set(skipped) == set(BAD_INPUTS)
    for name, (_, expected) in BAD_INPUTS.items():
        assert expected in skipped[name], (name, skipped[name])
    assert sorted(messages) == sorted(report.skipped)
    assert _integrity(db) == "ok"
    with storyline.open_kb(db) as kb:
        assert len(kb.store.skipped()) == len(report.skipped) == len(BAD_INPUTS) + 1  # list.json: one per element
        assert {r["path"] for r in kb.export()["skipped"]} == {p for p, _ in report.skipped}


def test_not_utf8_text_is_decoded_sensibly(corpus, db):
    text = "Le café a fermé ses portes à Genève après vingt-trois années d’activité, a annoncé le propriétaire."
    root = corpus({"latin.txt": text.replace("’", "'").encode("cp1252")})
    report = storyline.build([root], db, workers=1)
    assert report.new == 1 and not report.skipped
    with storyline.open_kb(db) as kb:
        (article,) = kb.articles()
        assert "café" in article["text"] and "Genève" in article["text"]


def test_too_large_file_is_skipped(corpus, db):
    root = corpus({"big.txt": "Word " * 5000, "small.txt": GOOD})
    report = storyline.build([root], db, workers=1, max_bytes=10_000)
    assert report.new == 1
    ((path, reason),) = report.skipped
    assert path.endswith("big.txt") and "over the" in reason and "limit" in reason


def test_unreadable_and_missing_inputs_are_reported(corpus, db, tmp_path):
    root = corpus({"good.txt": GOOD})
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    report = storyline.build([root, tmp_path / "no-such-folder"], db, workers=1)
    assert report.new == 1
    reasons = dict(report.skipped)
    assert any(p.endswith("dangling.txt") and r.startswith("cannot read") for p, r in reasons.items())
    assert reasons[str(tmp_path / "no-such-folder")] == "no such file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_is_reported(corpus, db):
    root = corpus({"secret.txt": GOOD})
    (root / "secret.txt").chmod(0)
    report = storyline.build([root], db, workers=1)
    assert report.skipped == [(str(root / "secret.txt"), "cannot read: permission denied")]


def test_rebuild_is_a_no_op(corpus, db):
    root = corpus({"a.txt": GOOD, "b.txt": GOOD.replace("port", "rail")})
    first = storyline.build([root], db, workers=1)
    with storyline.open_kb(db) as kb:
        before = kb.articles()
    second = storyline.build([root], db, workers=1)
    assert (first.new, second.new, second.updated, second.unchanged) == (2, 0, 0, 2)
    with storyline.open_kb(db) as kb:
        assert kb.articles() == before
        assert kb.stats()["sentences"] == 4


def test_changed_article_is_updated_in_place(corpus, db):
    root = corpus({"a.txt": GOOD})
    storyline.build([root], db, workers=1)
    with storyline.open_kb(db) as kb:
        (old,) = kb.articles()
    (root / "a.txt").write_text(GOOD.replace("Work starts in May.", "Work starts in June, the minister said."))
    report = storyline.build([root], db, workers=1)
    assert (report.new, report.updated) == (0, 1)
    with storyline.open_kb(db) as kb:
        (new,) = kb.articles()
        assert new["id"] == old["id"] and "June" in new["text"]
        assert [h.text for h in kb.search("June")] == ["Work starts in June, the minister said."]
        assert kb.search("May") == []  # the old sentence left the full-text index too


def test_same_text_in_two_files_gets_two_ids(corpus, db):
    root = corpus({"a.txt": GOOD, "copy/a.txt": GOOD})
    report = storyline.build([root], db, workers=1)
    assert report.new == 2
    with storyline.open_kb(db) as kb:
        ids = [a["id"] for a in kb.articles()]
    assert len(set(ids)) == 2


def test_jsonl_records_are_articles_and_bad_lines_are_reported(corpus, db):
    lines = [json.dumps({"text": f"Story number {i} happened on Monday.", "url": f"https://example.net/{i}",
                         "published": "2024-02-0%d" % (i + 1)}) for i in range(3)]
    root = corpus({"feed.jsonl": "\n".join([lines[0], "{oops", lines[1], lines[2]])})
    report = storyline.build([root], db, workers=1)
    assert report.new == 3
    assert [p.rsplit(":", 1)[1] for p, _ in report.skipped] == ["2"]


def test_workers_give_the_same_knowledge_base(corpus, tmp_path):
    files = {f"d{i % 7}/{i}.txt": GOOD.replace("Monday", f"day {i}") for i in range(40)}
    root = corpus(files)
    one = storyline.build([root], tmp_path / "one.db", workers=1)
    two = storyline.build([root], tmp_path / "two.db", workers=2)
    assert one.new == two.new == 40
    with storyline.open_kb(tmp_path / "one.db") as a, storyline.open_kb(tmp_path / "two.db") as b:
        assert [(r["id"], r["text"]) for r in a.articles()] == [(r["id"], r["text"]) for r in b.articles()]
