"""The knowledge base on disk: the only module that writes SQL.

One SQLite file in WAL mode, so readers (the web UI, a second terminal) never block a
build. All values are bound as parameters; no SQL is assembled from data.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import StoreError
from ..model import Article, article_id
from .schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "storyline.db"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Known:
    """What the store remembers of an article, to tell unchanged inputs from changed ones."""

    id: str
    raw_hash: str
    clean_version: int


class Store:
    """A connection to one knowledge base file."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such knowledge base (build one with `storyline build`)")
        try:
            if readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a Storyline knowledge base ({exc})") from None

    # -- schema -----------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this Storyline knows "
                f"({SCHEMA_VERSION}); upgrade Storyline"
            )
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: schema version {version} is out of date; run a build to upgrade it")
        for number in range(version, SCHEMA_VERSION):
            # executescript would commit an open transaction first, so the script holds its own
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\n;PRAGMA user_version = {number + 1:d};\nCOMMIT;"
                )
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: a crash or Ctrl-C inside leaves the file as it was before."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    # -- writing ----------------------------------------------------------------

    def known_articles(self) -> dict[str, Known]:
        rows = self.conn.execute("SELECT locator, id, raw_hash, clean_version FROM articles")
        return {r["locator"]: Known(r["id"], r["raw_hash"], r["clean_version"]) for r in rows}

    def save_article(self, article: Article, clean_version: int) -> str:
        """Insert a new article or update the one at the same locator; returns 'new' or 'updated'.

        Must run inside `transaction()`. An updated article keeps its id, so facts that later
        stages attach to it stay addressable; its sentences are replaced.
        """
        raw = article.raw
        row = self.conn.execute("SELECT id FROM articles WHERE locator = ?", (raw.locator,)).fetchone()
        values = dict(
            locator=raw.locator, path=raw.path, reader=raw.reader, source=article.source,
            url=raw.url, title=article.title, published=article.published,
            published_basis=article.published_basis, raw_text=raw.raw_text, text=article.text,
            raw_hash=raw.raw_hash, content_hash=article.content_hash, clean_version=clean_version,
            metadata=json.dumps(raw.metadata, ensure_ascii=False, sort_keys=True), now=_now(),
        )
        if row is None:
            new_id = article_id(article.text)
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (new_id,)).fetchone():
                # the same text at a second place: still its own article, with its own id
                new_id = article_id(raw.locator + "\n" + article.text)
            self.conn.execute(
                """INSERT INTO articles (id, locator, path, reader, source, url, title, published,
                       published_basis, raw_text, text, raw_hash, content_hash, clean_version,
                       metadata, added_at, updated_at)
                   VALUES (:id, :locator, :path, :reader, :source, :url, :title, :published,
                       :published_basis, :raw_text, :text, :raw_hash, :content_hash, :clean_version,
                       :metadata, :now, :now)""",
                {**values, "id": new_id},
            )
            status, ident = "new", new_id
        else:
            ident = row["id"]
            self.conn.execute(
                """UPDATE articles SET path = :path, reader = :reader, source = :source, url = :url,
                       title = :title, published = :published, published_basis = :published_basis,
                       raw_text = :raw_text, text = :text, raw_hash = :raw_hash,
                       content_hash = :content_hash, clean_version = :clean_version,
                       metadata = :metadata, updated_at = :now
                   WHERE id = :id""",
                {**values, "id": ident},
            )
            self.conn.execute("DELETE FROM sentences WHERE article_id = ?", (ident,))
            self.conn.execute("DELETE FROM removed_lines WHERE article_id = ?", (ident,))
            status = "updated"
        self.conn.executemany(
            "INSERT INTO sentences (article_id, idx, paragraph, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(ident, s.index, s.paragraph, s.start, s.end, s.text) for s in article.sentences],
        )
        self.conn.executemany(
            "INSERT INTO removed_lines (article_id, idx, reason, text) VALUES (?, ?, ?, ?)",
            [(ident, i, reason, line) for i, (reason, line) in enumerate(article.removed)],
        )
        return status

    def start_run(self, paths: list[str]) -> int:
        with self.transaction():
            # a run still marked running was killed before it could say so
            self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, status, paths) VALUES (?, 'running', ?)",
                (_now(), json.dumps(paths, ensure_ascii=False)),
            )
        return int(cur.lastrowid)

    def record_skipped(self, run_id: int, path: str, reason: str) -> None:
        """Must run inside `transaction()`."""
        self.conn.execute("INSERT INTO skipped (run_id, path, reason) VALUES (?, ?, ?)", (run_id, path, reason))

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self.transaction():
            self.conn.execute(
                """UPDATE runs SET finished_at = ?, status = ?, read = ?, new = ?, updated = ?,
                       unchanged = ?, skipped = ? WHERE id = ?""",
                (_now(), status, counts.get("read", 0), counts.get("new", 0), counts.get("updated", 0),
                 counts.get("unchanged", 0), counts.get("skipped", 0), run_id),
            )

    # -- reading ----------------------------------------------------------------

    _ARTICLE_COLUMNS = """id, path, locator, reader, source, url, title, published, published_basis,
                          published_earliest, published_latest, text, metadata, added_at, updated_at"""

    def count(self, table: str) -> int:
        if table not in {"articles", "sentences", "removed_lines", "runs", "skipped"}:
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(self, *, limit: int | None = None, offset: int = 0, start: str | None = None,
                 end: str | None = None, source: str | None = None) -> list[sqlite3.Row]:
        """Articles by date (undated last), optionally within dates (inclusive) or from one outlet."""
        return self.conn.execute(
            f"""SELECT {self._ARTICLE_COLUMNS} FROM articles
                WHERE (? IS NULL OR published >= ?) AND (? IS NULL OR published <= ?)
                  AND (? IS NULL OR source = ?)
                ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?""",
            (start, start, end, end, source, source, -1 if limit is None else limit, offset),
        ).fetchall()

    def count_articles(self, *, start: str | None = None, end: str | None = None,
                       source: str | None = None) -> int:
        return self.conn.execute(
            """SELECT count(*) FROM articles
               WHERE (? IS NULL OR published >= ?) AND (? IS NULL OR published <= ?)
                 AND (? IS NULL OR source = ?)""",
            (start, start, end, end, source, source),
        ).fetchone()[0]

    def sources(self) -> list[sqlite3.Row]:
        """Each outlet with its number of articles and the dates it covers."""
        return self.conn.execute(
            """SELECT coalesce(source, '') AS source, count(*) AS articles,
                      min(published) AS first, max(published) AS last,
                      sum(published IS NULL) AS undated
               FROM articles GROUP BY coalesce(source, '') ORDER BY articles DESC, source"""
        ).fetchall()

    def article(self, ident: str) -> sqlite3.Row | None:
        return self.conn.execute(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id = ?", (ident,)).fetchone()

    def sentences(self, ident: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT idx, paragraph, start, end, text FROM sentences WHERE article_id = ? ORDER BY idx", (ident,)
        ).fetchall()

    def removed_lines(self, ident: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT reason, text FROM removed_lines WHERE article_id = ? ORDER BY idx", (ident,)
        ).fetchall()

    def lead_sentences(self, start: str | None, end: str | None) -> list[sqlite3.Row]:
        """The first sentence of every dated article in a date range (inclusive bounds)."""
        return self.conn.execute(
            """SELECT a.id AS article_id, a.title, a.source, a.path, a.published, a.published_basis,
                      s.idx, s.text
               FROM articles a JOIN sentences s ON s.article_id = a.id AND s.idx = 0
               WHERE a.published IS NOT NULL AND a.published >= ? AND a.published <= ?
               ORDER BY a.published, a.id""",
            (start or "", end or "\uffff"),
        ).fetchall()

    def search_sentences(self, fts_query: str, *, start: str | None = None, end: str | None = None,
                         dated_only: bool = False, limit: int = 50) -> list[sqlite3.Row]:
        """Sentences matching an FTS5 query, best first; `marked` wraps matches in \\x02...\\x03."""
        return self.conn.execute(
            """SELECT a.id AS article_id, a.title, a.source, a.path, a.published, a.published_basis,
                      s.idx, s.text, highlight(sentences_fts, 0, char(2), char(3)) AS marked,
                      bm25(sentences_fts) AS rank
               FROM sentences_fts
               JOIN sentences s ON s.id = sentences_fts.rowid
               JOIN articles a ON a.id = s.article_id
               WHERE sentences_fts MATCH ?
                 AND (? = 0 OR a.published IS NOT NULL)
                 AND (a.published IS NULL OR (a.published >= ? AND a.published <= ?))
               ORDER BY rank LIMIT ?""",
            (fts_query, int(dated_only), start or "", end or "\uffff", limit),
        ).fetchall()

    def undated_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]

    def runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()

    def skipped(self, run_id: int | None = None) -> list[sqlite3.Row]:
        if run_id is None:
            run_id = self.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        return self.conn.execute(
            "SELECT path, reason FROM skipped WHERE run_id = ? ORDER BY id", (run_id,)
        ).fetchall()
