"""The SQLite file: WAL mode, versioned schema, foreign keys, refusal of unknown files."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.errors import StoreError
from storyline.store import Store
from storyline.store.schema import SCHEMA_VERSION


def test_new_file_is_at_current_schema_in_wal_mode(db):
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "sentences", "sentences_fts", "removed_lines", "runs", "skipped"} <= tables
    store.close()


def test_reopening_does_not_migrate_again(db):
    Store(db).close()
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION
    store.close()


def test_file_from_a_newer_storyline_is_refused(db):
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this Storyline knows"):
        Store(db)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a Storyline knowledge base"):
        Store(path)


def test_readonly_open_of_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="storyline build"):
        Store(tmp_path / "missing.db", readonly=True)


def test_deleting_an_article_takes_its_sentences_along(db):
    store = Store(db)
    with store.transaction() as conn:
        conn.execute("""INSERT INTO articles (id, locator, path, reader, published_basis, raw_text, text,
                        raw_hash, content_hash, clean_version, added_at, updated_at)
                        VALUES ('a', 'loc', 'p', 'text', 'unknown', 'r', 'Hello world.', 'h', 'c', 1, 'now', 'now')""")
        conn.execute("INSERT INTO sentences (article_id, idx, paragraph, start, end, text) VALUES ('a', 0, 0, 0, 12, 'Hello world.')")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as conn:
            conn.execute("INSERT INTO sentences (article_id, idx, paragraph, start, end, text) VALUES ('zz', 0, 0, 0, 1, 'x')")
    with store.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = 'a'")
    assert store.count("sentences") == 0
    assert store.conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'hello'").fetchone()[0] == 0
    store.close()
