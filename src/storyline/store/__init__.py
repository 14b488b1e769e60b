"""The knowledge base on disk: the only module that writes SQL.

One SQLite file in WAL mode, so readers (the web UI, a second terminal) never block a
build. All values are bound as parameters; no SQL is assembled from data.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import StoreError
from ..annotate import Annotated
from ..clean import CLEAN_VERSION
from ..model import article_id
from .schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "storyline.db"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Known:
    """What the store remembers of an article, to tell unchanged inputs from changed ones."""

    id: str
    raw_hash: str
    pipeline: str


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
        rows = self.conn.execute("SELECT locator, id, raw_hash, pipeline FROM articles")
        return {r["locator"]: Known(r["id"], r["raw_hash"], r["pipeline"]) for r in rows}

    def save_article(self, annotated: Annotated, pipeline: str) -> tuple[str, str]:
        """Insert a new article or update the one at the same locator: ('new' | 'updated', id).

        Must run inside `transaction()`. An updated article keeps its id, so facts that later
        stages attach to it stay addressable; its sentences are replaced.
        """
        article = annotated.article
        raw = article.raw
        row = self.conn.execute("SELECT id FROM articles WHERE locator = ?", (raw.locator,)).fetchone()
        window = annotated.published_window or (None, None)
        values = dict(
            locator=raw.locator, path=raw.path, reader=raw.reader, source=article.source,
            url=raw.url, title=article.title, published=article.published,
            published_basis=article.published_basis, raw_text=raw.raw_text, text=article.text,
            raw_hash=raw.raw_hash, content_hash=article.content_hash, clean_version=CLEAN_VERSION,
            metadata=json.dumps(raw.metadata, ensure_ascii=False, sort_keys=True), now=_now(),
            pipeline=pipeline, earliest=window[0], latest=window[1],
            evidence=json.dumps(list(annotated.published_evidence), ensure_ascii=False)
            if annotated.published_evidence else None,
        )
        if row is None:
            new_id = article_id(article.text)
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (new_id,)).fetchone():
                # the same text at a second place: still its own article, with its own id
                new_id = article_id(raw.locator + "\n" + article.text)
            self.conn.execute(
                """INSERT INTO articles (id, locator, path, reader, source, url, title, published,
                       published_basis, published_earliest, published_latest, published_evidence,
                       raw_text, text, raw_hash, content_hash, clean_version, pipeline,
                       metadata, added_at, updated_at)
                   VALUES (:id, :locator, :path, :reader, :source, :url, :title, :published,
                       :published_basis, :earliest, :latest, :evidence,
                       :raw_text, :text, :raw_hash, :content_hash, :clean_version, :pipeline,
                       :metadata, :now, :now)""",
                {**values, "id": new_id},
            )
            status, ident = "new", new_id
        else:
            ident = row["id"]
            self.conn.execute(
                """UPDATE articles SET path = :path, reader = :reader, source = :source, url = :url,
                       title = :title, published = :published, published_basis = :published_basis,
                       published_earliest = :earliest, published_latest = :latest,
                       published_evidence = :evidence,
                       raw_text = :raw_text, text = :text, raw_hash = :raw_hash,
                       content_hash = :content_hash, clean_version = :clean_version,
                       pipeline = :pipeline, metadata = :metadata, updated_at = :now
                   WHERE id = :id""",
                {**values, "id": ident},
            )
            for table in ("claims", "mentions", "time_expressions", "quantities", "sentences", "removed_lines"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (ident,))
            status = "updated"
        self.conn.executemany(
            "INSERT INTO sentences (article_id, idx, paragraph, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(ident, s.index, s.paragraph, s.start, s.end, s.text) for s in article.sentences],
        )
        self.conn.executemany(
            "INSERT INTO removed_lines (article_id, idx, reason, text) VALUES (?, ?, ?, ?)",
            [(ident, i, reason, line) for i, (reason, line) in enumerate(article.removed)],
        )
        starts = [s.start for s in article.sentences]

        def sentence_of(offset: int) -> int:
            return max(bisect.bisect_right(starts, offset) - 1, 0)

        self.conn.executemany(
            """INSERT INTO time_expressions (article_id, sentence, start, end, text, type, value, anchored)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(ident, sentence_of(t.start), t.start, t.end, t.text, t.type, t.value, int(t.anchored))
             for t in annotated.times],
        )
        self.conn.executemany(
            """INSERT INTO quantities (article_id, sentence, start, end, text, kind, value, unit, qualifier, low, high)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(ident, sentence_of(q.start), q.start, q.end, q.text, q.kind, q.value, q.unit, q.qualifier, q.low, q.high)
             for q in annotated.quantities],
        )
        self.conn.executemany(
            """INSERT INTO claims (article_id, sentence, start, end, text, kind, attribute, value, number, unit,
                   low, high, qualifier, tolerance, modality, speaker, scope, relative, anchored,
                   subject_text, subject_start, subject_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(ident, c.sentence, c.start, c.end, c.text, c.kind, c.attribute, c.value, c.number, c.unit, c.low,
              c.high, c.qualifier, c.tolerance, c.modality, c.speaker, c.scope, c.relative, int(c.anchored),
              c.subject_text, c.subject_start, c.subject_end) for c in getattr(annotated, "claims", ())],
        )
        return status, ident

    def save_mentions(self, article_id: str, annotated: Annotated, entity_ids: list[str]) -> None:
        """Store an article's entity mentions with the entity each was linked to."""
        starts = [s.start for s in annotated.article.sentences]
        self.conn.executemany(
            """INSERT INTO mentions (article_id, sentence, start, end, text, label, title, entity_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(article_id, max(bisect.bisect_right(starts, m.start) - 1, 0), m.start, m.end, m.text, m.label,
              m.title or None, eid or None) for m, eid in zip(annotated.mentions, entity_ids)],
        )

    def set_mention_entities(self, article_id: str, entity_ids: list[str]) -> None:
        """Link an article's stored mentions, in text order, to the entities the linker gave them."""
        rows = self.conn.execute("SELECT id FROM mentions WHERE article_id = ? ORDER BY start, id",
                                 (article_id,)).fetchall()
        self.conn.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?",
                              [(eid or None, r["id"]) for r, eid in zip(rows, entity_ids)])

    def save_entities(self, records: list[dict]) -> None:
        """Insert or replace entities from the linker's records (name, type, aliases, state).

        An entity that absorbed others (their records list them in `merged_ids`) takes over
        their mentions; the absorbed rows go.
        """
        for r in records:
            # every surface its mentions have, a capital standing for a country included ('Beijing')
            forms = Counter(r["aliases"])
            forms.update(r.get("metonyms") or {})
            for old in r.get("merged_ids") or ():
                self.conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (r["id"], old))
                self.conn.execute("UPDATE claims SET subject_id = ? WHERE subject_id = ?", (r["id"], old))
                self.conn.execute("DELETE FROM entities WHERE id = ?", (old,))
                self.conn.execute("UPDATE entity_redirects SET new_id = ? WHERE new_id = ?", (r["id"], old))
                self.conn.execute("INSERT OR REPLACE INTO entity_redirects (old_id, new_id) VALUES (?, ?)",
                                  (old, r["id"]))
            self.conn.execute(
                """INSERT INTO entities (id, name, type, mentions, articles, record)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,
                       mentions = excluded.mentions, articles = excluded.articles, record = excluded.record""",
                (r["id"], r["name"], r["type"], sum(forms.values()), len(r["articles"]),
                 json.dumps(r, ensure_ascii=False)),
            )
            self.conn.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (r["id"],))
            self.conn.executemany("INSERT INTO entity_aliases (entity_id, alias, count) VALUES (?, ?, ?)",
                                  [(r["id"], alias, n) for alias, n in forms.items()])

    def save_links(self, linked, event_rows: list[dict], story_rows: list[dict]) -> None:
        """Where articles landed (events, copies), and the touched events and stories. In a transaction."""
        for link in linked:
            self.conn.execute("DELETE FROM article_events WHERE article_id = ?", (link.article_id,))
            if link.event_id is not None:
                self.conn.execute("INSERT INTO article_events VALUES (?, ?, 'main', ?)",
                                  (link.article_id, link.event_id, link.event_score))
                self.conn.executemany("INSERT OR IGNORE INTO article_events VALUES (?, ?, 'mentioned', ?)",
                                      [(link.article_id, eid, score) for eid, score in link.mentioned_events])
            d = link.duplicate
            if d is not None:
                self.conn.execute("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?, ?)",
                                  (d.article_id, d.original_id, d.matched_id, d.similarity, d.kind))
        self.conn.executemany(
            """INSERT INTO stories (id, title, first, last, events, articles)
               VALUES (:id, :title, :first, :last, :events, :articles)
               ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first,
                   last = excluded.last, events = excluded.events, articles = excluded.articles""", story_rows)
        self.conn.executemany(
            """INSERT INTO events (id, story_id, title, first, last, articles, outlets)
               VALUES (:id, :story_id, :title, :first, :last, :articles, :outlets)
               ON CONFLICT(id) DO UPDATE SET story_id = excluded.story_id, title = excluded.title,
                   first = excluded.first, last = excluded.last, articles = excluded.articles,
                   outlets = excluded.outlets""", event_rows)

    # -- claims and their comparisons ---------------------------------------------------

    _CLAIM_COLUMNS = """c.id, c.article_id, c.sentence, c.start, c.end, c.text, c.kind, c.attribute, c.value,
                        c.number, c.unit, c.low, c.high, c.qualifier, c.tolerance, c.modality, c.speaker,
                        c.scope, c.relative, c.anchored, c.subject_text, c.subject_start, c.subject_id,
                        c.event_id, coalesce(a.source, a.id) AS source, a.published, a.published_basis,
                        a.published_earliest AS earliest, a.title, a.path, s.text AS sentence_text,
                        (SELECT group_concat(DISTINCT m2.entity_id) FROM mentions m2
                         WHERE m2.article_id = c.article_id AND m2.sentence = c.sentence) AS context,
                        (SELECT m3.entity_id FROM mentions m3
                         WHERE m3.article_id = c.article_id AND m3.start = c.subject_start) AS subject_entity"""

    def claims_to_link(self, article_id: str) -> list[sqlite3.Row]:
        """An article's claims with what linking needs: the entity its subject mention was linked to."""
        return self.conn.execute(
            f"""SELECT {self._CLAIM_COLUMNS}, m.entity_id AS mention_entity FROM claims c
                JOIN articles a ON a.id = c.article_id
                LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence
                LEFT JOIN mentions m ON m.article_id = c.article_id AND m.start = c.subject_start
                WHERE c.article_id = ? ORDER BY c.start""", (article_id,)).fetchall()

    def set_claim_subjects(self, rows: list[tuple[str | None, int | None, int]]) -> None:
        """(subject_id, event_id, claim id) for each claim. In a transaction."""
        self.conn.executemany("UPDATE claims SET subject_id = ?, event_id = ? WHERE id = ?", rows)

    def comparable_claims(self, subject_id: str, attribute: str, article_id: str, limit: int,
                          published: tuple[str, str] | None = None) -> list[sqlite3.Row]:
        """Claims of other articles on the same subject and attribute, the most recent reports first;
        only of reports published within `published` (first, last day, inclusive) when given."""
        first, last = published or (None, None)
        return self.conn.execute(
            f"""SELECT {self._CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id
                LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence
                WHERE c.subject_id = ? AND c.attribute = ? AND c.article_id != ?
                  AND (? IS NULL OR substr(a.published, 1, 10) BETWEEN ? AND ?)
                ORDER BY a.published IS NULL, a.published DESC, c.id LIMIT ?""",
            (subject_id, attribute, article_id, first, first, last, limit)).fetchall()

    def save_comparisons(self, rows: list[tuple[int, int, str, str, float]]) -> None:
        """(claim_a, claim_b, verdict, explanation, weight) rows; a pair already compared is redone."""
        self.conn.executemany(
            """INSERT INTO comparisons (claim_a, claim_b, verdict, explanation, weight) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(claim_a, claim_b) DO UPDATE SET verdict = excluded.verdict,
                   explanation = excluded.explanation, weight = excluded.weight""", rows)

    def claims(self, *, article_id: str | None = None, limit: int | None = None, offset: int = 0) -> list[sqlite3.Row]:
        return self.conn.execute(
            f"""SELECT {self._CLAIM_COLUMNS}, coalesce(e.name, c.subject_text) AS subject_name FROM claims c
                JOIN articles a ON a.id = c.article_id
                LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence
                LEFT JOIN entities e ON e.id = c.subject_id
                WHERE (? IS NULL OR c.article_id = ?) ORDER BY c.article_id, c.start LIMIT ? OFFSET ?""",
            (article_id, article_id, -1 if limit is None else limit, offset)).fetchall()

    def count_claims(self, article_id: str | None = None) -> int:
        return self.conn.execute("SELECT count(*) FROM claims WHERE (? IS NULL OR article_id = ?)",
                                 (article_id, article_id)).fetchone()[0]

    def comparisons(self, *, verdicts: tuple[str, ...] = ("conflict", "agree", "more_precise"),
                    story_id: int | None = None, limit: int | None = None) -> list[sqlite3.Row]:
        """Comparisons with a given verdict, the weightiest first; in one story's events when asked."""
        marks = ",".join("?" * len(verdicts))
        return self.conn.execute(
            f"""WITH story_articles AS (SELECT ae.article_id FROM article_events ae JOIN events e ON e.id = ae.event_id
                                        WHERE e.story_id = ?)
                SELECT k.id, k.claim_a, k.claim_b, k.verdict, k.explanation, k.weight
                FROM comparisons k JOIN claims ca ON ca.id = k.claim_a JOIN claims cb ON cb.id = k.claim_b
                WHERE k.verdict IN ({marks})
                  AND (? IS NULL OR ca.article_id IN story_articles OR cb.article_id IN story_articles)
                ORDER BY k.weight DESC, k.id LIMIT ?""",
            (story_id, *verdicts, story_id, -1 if limit is None else limit)).fetchall()

    def claims_by_ids(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        out: dict[int, sqlite3.Row] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                    f"""SELECT {self._CLAIM_COLUMNS}, coalesce(e.name, c.subject_text) AS subject_name,
                               a.url FROM claims c
                        JOIN articles a ON a.id = c.article_id
                        LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence
                        LEFT JOIN entities e ON e.id = c.subject_id
                        WHERE c.id IN ({marks})""", chunk):
                out[r["id"]] = r
        return out

    #: A story's span: from its first report to its last, dates inferred after linking included
    #: (the linker's own span, kept in the row, stands in where no report is dated).
    _STORY_COLUMNS = """s.id, s.title, s.events, s.articles,
        coalesce((SELECT min(substr(a.published, 1, 10)) FROM events e JOIN article_events ae ON ae.event_id = e.id
                  JOIN articles a ON a.id = ae.article_id
                  WHERE e.story_id = s.id AND ae.role = 'main' AND a.published IS NOT NULL), s.first) AS first,
        coalesce((SELECT max(substr(a.published, 1, 10)) FROM events e JOIN article_events ae ON ae.event_id = e.id
                  JOIN articles a ON a.id = ae.article_id
                  WHERE e.story_id = s.id AND ae.role = 'main' AND a.published IS NOT NULL), s.last) AS last"""

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[sqlite3.Row]:
        """Stories, largest first, each spanning its reports' publication days (one pass over them all)."""
        return self.conn.execute(
            """SELECT s.id, s.title, s.events, s.articles,
                      coalesce(span.first, s.first) AS first, coalesce(span.last, s.last) AS last
               FROM (SELECT * FROM stories ORDER BY articles DESC, id LIMIT ? OFFSET ?) s
               LEFT JOIN (SELECT e.story_id, min(substr(a.published, 1, 10)) AS first,
                                 max(substr(a.published, 1, 10)) AS last
                          FROM events e JOIN article_events ae ON ae.event_id = e.id
                          JOIN articles a ON a.id = ae.article_id
                          WHERE ae.role = 'main' AND a.published IS NOT NULL
                          GROUP BY e.story_id) span ON span.story_id = s.id
               ORDER BY s.articles DESC, s.id""",
            (-1 if limit is None else limit, offset)).fetchall()

    def story(self, story_id: int) -> sqlite3.Row | None:
        return self.conn.execute(f"SELECT {self._STORY_COLUMNS} FROM stories s WHERE s.id = ?", (story_id,)).fetchone()

    def events(self, *, story_id: int | None = None) -> list[sqlite3.Row]:
        return self.conn.execute(
            """SELECT id, story_id, title, first, last, articles, outlets FROM events
               WHERE (? IS NULL OR story_id = ?) ORDER BY first IS NULL, first, id""",
            (story_id, story_id)).fetchall()

    def event(self, event_id: int) -> sqlite3.Row | None:
        return self.conn.execute("SELECT id, story_id, title, first, last, articles, outlets FROM events WHERE id = ?",
                                 (event_id,)).fetchone()

    def event_reports(self, event_id: int, role: str = "main") -> list[sqlite3.Row]:
        """An event's articles with their lead sentence, earliest first."""
        return self.conn.execute(
            """SELECT a.id AS article_id, a.title, a.source, a.path, a.published, a.published_basis,
                      ae.score, s.idx, s.text, d.original_id
               FROM article_events ae JOIN articles a ON a.id = ae.article_id
               LEFT JOIN sentences s ON s.article_id = a.id AND s.idx = 0
               LEFT JOIN duplicates d ON d.article_id = a.id
               WHERE ae.event_id = ? AND ae.role = ?
               ORDER BY a.published IS NULL, a.published, a.id""", (event_id, role)).fetchall()

    def lead_dates(self, article_ids: list[str], max_sentence: int = 1) -> list[sqlite3.Row]:
        """Resolved dates in the opening sentences of some articles (where news says when)."""
        out = []
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out += self.conn.execute(
                f"""SELECT article_id, sentence, text, value, anchored FROM time_expressions
                    WHERE article_id IN ({marks}) AND sentence <= ? AND type = 'DATE'""",
                (*chunk, max_sentence)).fetchall()
        return out

    def event_of_article(self, article_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            """SELECT ae.event_id, ae.role, ae.score, e.story_id, e.title FROM article_events ae
               JOIN events e ON e.id = ae.event_id WHERE ae.article_id = ? ORDER BY ae.role, ae.event_id""",
            (article_id,)).fetchall()

    def duplicate_of(self, article_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM duplicates WHERE article_id = ?", (article_id,)).fetchone()

    def copies_of(self, article_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM duplicates WHERE original_id = ? AND article_id != ?",
                                 (article_id, article_id)).fetchall()

    def top_entities(self, article_ids: list[str], limit: int = 8) -> list[str]:
        """The entities most named across some articles."""
        marks = ",".join("?" * len(article_ids[:500]))
        return [r[0] for r in self.conn.execute(
            f"""SELECT entity_id FROM mentions WHERE article_id IN ({marks}) AND entity_id IS NOT NULL
                GROUP BY entity_id ORDER BY count(DISTINCT article_id) DESC, count(*) DESC LIMIT ?""",
            (*article_ids[:500], limit))]

    def unlinked_articles(self) -> Iterator[tuple[Annotated, str]]:
        """Stored articles that no event holds yet, rebuilt as the linkers need them."""
        from ..annotate.entities import Mention
        from ..model import Article, RawArticle

        rows = self.conn.execute(
            f"""SELECT {self._ARTICLE_COLUMNS} FROM articles a
                WHERE NOT EXISTS (SELECT 1 FROM article_events e WHERE e.article_id = a.id)
                ORDER BY added_at, rowid""").fetchall()
        for r in rows:
            raw = RawArticle(locator=r["locator"], path=r["path"], raw_text="", reader=r["reader"], title=r["title"],
                             source=r["source"], url=r["url"], published=r["published"],
                             published_basis=r["published_basis"])
            article = Article(raw=raw, text=r["text"], sentences=(), removed=(), title=r["title"],
                              source=r["source"], published=r["published"], published_basis=r["published_basis"])
            mentions = tuple(Mention(m["start"], m["end"], m["text"], m["label"], m["title"] or "")
                             for m in self.mentions(r["id"]))
            window = (r["published_earliest"], r["published_latest"]) if r["published_earliest"] else None
            yield Annotated(article, published_window=window, mentions=mentions), r["id"]

    def source_events(self) -> list[sqlite3.Row]:
        """Which outlet reported which event (main reports), with the event's story and span."""
        return self.conn.execute(
            """SELECT coalesce(a.source, '') AS source, e.id AS event_id, e.story_id, e.title, e.first,
                      count(*) AS reports
               FROM article_events ae JOIN articles a ON a.id = ae.article_id JOIN events e ON e.id = ae.event_id
               WHERE ae.role = 'main' AND e.outlets > 1
               GROUP BY coalesce(a.source, ''), e.id ORDER BY e.first, e.id""").fetchall()

    def event_dates_by_source(self, event_id: int) -> list[sqlite3.Row]:
        """Each date an event's reports (copies aside) give in their opening sentences, with the outlet."""
        return self.conn.execute(
            """SELECT DISTINCT coalesce(a.source, a.id) AS source, t.value, t.anchored,
                      CASE WHEN a.published_basis IN ('metadata', 'header') THEN a.published END AS published
               FROM article_events ae JOIN articles a ON a.id = ae.article_id
               JOIN time_expressions t ON t.article_id = a.id AND t.sentence <= 1 AND t.type = 'DATE'
               WHERE ae.event_id = ? AND ae.role = 'main' AND length(t.value) = 10
                 AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)
               ORDER BY t.value""", (event_id,)).fetchall()

    def report_sentences(self, *, story_id: int | None = None, event_id: int | None = None,
                         max_sentence: int = 10) -> list[sqlite3.Row]:
        """The opening sentences of a story's (or one event's) main reports, with outlet, title and date.

        `original_id` names the article a report copies (NULL, or its own id, when it copies none).
        """
        if story_id is None and event_id is None:
            raise ValueError("report_sentences needs a story_id or an event_id")
        return self.conn.execute(
            """SELECT s.article_id, s.idx, s.text, a.source, a.title, a.published, d.original_id
               FROM article_events ae JOIN events e ON e.id = ae.event_id
               JOIN articles a ON a.id = ae.article_id
               JOIN sentences s ON s.article_id = a.id AND s.idx < ?
               LEFT JOIN duplicates d ON d.article_id = a.id
               WHERE ae.role = 'main' AND (? IS NULL OR e.story_id = ?) AND (? IS NULL OR ae.event_id = ?)
               ORDER BY a.published IS NULL, a.published, a.id, s.idx""",
            (max_sentence, story_id, story_id, event_id, event_id)).fetchall()

    def story_articles(self, story_id: int) -> list[sqlite3.Row]:
        """The articles a story's events hold (main reports), earliest first."""
        return self.conn.execute(
            """SELECT DISTINCT a.id, a.source, a.title, a.url, a.published, a.published_basis, d.original_id
               FROM article_events ae JOIN events e ON e.id = ae.event_id
               JOIN articles a ON a.id = ae.article_id
               LEFT JOIN duplicates d ON d.article_id = a.id
               WHERE ae.role = 'main' AND e.story_id = ?
               ORDER BY a.published IS NULL, a.published, a.id""", (story_id,)).fetchall()

    def story_entities(self, story_id: int, limit: int = 12) -> list[sqlite3.Row]:
        """The entities a story's reports name most: in how many of its articles, and how often."""
        return self.conn.execute(
            """SELECT en.id, en.name, en.type, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
               FROM mentions m
               JOIN (SELECT DISTINCT ae.article_id FROM article_events ae JOIN events e ON e.id = ae.event_id
                     WHERE ae.role = 'main' AND e.story_id = ?) sa ON sa.article_id = m.article_id
               JOIN entities en ON en.id = m.entity_id
               GROUP BY en.id ORDER BY articles DESC, mentions DESC, en.name LIMIT ?""",
            (story_id, limit)).fetchall()

    def entity_stories(self, entity_id: str, limit: int = 20) -> list[sqlite3.Row]:
        """The stories whose reports name an entity, by how many of its articles do."""
        return self.conn.execute(
            """SELECT s.id, s.title, s.first, s.last, count(DISTINCT m.article_id) AS articles
               FROM mentions m JOIN article_events ae ON ae.article_id = m.article_id AND ae.role = 'main'
               JOIN events e ON e.id = ae.event_id JOIN stories s ON s.id = e.story_id
               WHERE m.entity_id = ? GROUP BY s.id ORDER BY articles DESC, s.id LIMIT ?""",
            (entity_id, limit)).fetchall()

    def save_link_states(self, states: dict[str, dict]) -> None:
        for name, state in states.items():
            blob = zlib.compress(json.dumps(state, separators=(",", ":")).encode(), 3)
            self.conn.execute("INSERT OR REPLACE INTO link_state (name, state, updated_at) VALUES (?, ?, ?)",
                              (name, blob, _now()))

    def link_states(self) -> dict[str, dict]:
        return {r[0]: json.loads(zlib.decompress(r[1])) for r in
                self.conn.execute("SELECT name, state FROM link_state")}

    def entity_records(self) -> list[dict]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT record FROM entities ORDER BY rowid")]

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
                          published_earliest, published_latest, published_evidence, text, metadata,
                          added_at, updated_at"""

    def count(self, table: str) -> int:
        if table not in {"articles", "sentences", "removed_lines", "runs", "skipped", "entities",
                         "mentions", "time_expressions", "quantities", "events", "stories", "duplicates",
                         "claims", "comparisons"}:
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(self, *, limit: int | None = None, offset: int = 0, start: str | None = None,
                 end: str | None = None, source: str | None = None, entity: str | None = None) -> list[sqlite3.Row]:
        """Articles by date (undated last), optionally within dates (inclusive), from one outlet, naming one entity."""
        return self.conn.execute(
            f"""SELECT {self._ARTICLE_COLUMNS} FROM articles
                WHERE (? IS NULL OR published >= ?) AND (? IS NULL OR published <= ?)
                  AND (? IS NULL OR source = ?)
                  AND (? IS NULL OR id IN (SELECT article_id FROM mentions WHERE entity_id = ?))
                ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?""",
            (start, start, end, end, source, source, entity, entity, -1 if limit is None else limit, offset),
        ).fetchall()

    def count_articles(self, *, start: str | None = None, end: str | None = None,
                       source: str | None = None, entity: str | None = None) -> int:
        return self.conn.execute(
            """SELECT count(*) FROM articles
               WHERE (? IS NULL OR published >= ?) AND (? IS NULL OR published <= ?)
                 AND (? IS NULL OR source = ?)
                 AND (? IS NULL OR id IN (SELECT article_id FROM mentions WHERE entity_id = ?))""",
            (start, start, end, end, source, source, entity, entity),
        ).fetchone()[0]

    def entity_mentions(self, entity_id: str, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute(
            """SELECT m.article_id, m.sentence, m.start, m.end, m.text, m.label FROM mentions m
               WHERE m.entity_id = ? ORDER BY m.article_id, m.start LIMIT ?""", (entity_id, limit)).fetchall()

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

    def dated_sentences(self, start: str | None, end: str | None) -> list[sqlite3.Row]:
        """Every sentence of the articles published (to the day) between `start` and `end`, inclusive."""
        return self.conn.execute(
            """SELECT s.article_id, s.idx, s.text, a.published, a.source
               FROM articles a JOIN sentences s ON s.article_id = a.id
               WHERE length(a.published) = 10 AND a.published >= ? AND a.published <= ?
               ORDER BY a.published, s.article_id, s.idx""",
            (start or "", end or "\uffff"),
        ).fetchall()

    def day_references(self, start: str | None, end: str | None) -> list[sqlite3.Row]:
        """The days (YYYY-MM-DD) each sentence refers to, in articles published between `start` and `end`.

        "On Monday" counts only where the article's date was stated: resolved against an
        inferred date it would be a guess dressed as a fact.
        """
        return self.conn.execute(
            """SELECT DISTINCT t.article_id, t.sentence, substr(t.value, 1, 10) AS day
               FROM articles a JOIN time_expressions t ON t.article_id = a.id
               WHERE length(a.published) = 10 AND a.published >= ? AND a.published <= ?
                 AND (t.anchored = 0 OR a.published_basis != 'inferred')
                 AND t.type IN ('DATE', 'TIME')
                 AND t.value GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'""",
            (start or "", end or "\uffff"),
        ).fetchall()

    def story_dated_mentions(self, story_id: int) -> list[sqlite3.Row]:
        """Years, months and days the original reports of a story name, each with its sentence.

        A relative one ("next year") counts only where the report's own date was stated.
        """
        return self.conn.execute(
            """SELECT t.value, t.text AS said, t.sentence, a.id AS article_id, a.published, a.source,
                      a.title, a.path, s.text
               FROM time_expressions t JOIN articles a ON a.id = t.article_id
               JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sentence
               WHERE t.article_id IN (SELECT ae.article_id FROM article_events ae JOIN events e ON e.id = ae.event_id
                                      WHERE e.story_id = ? AND ae.role = 'main')
                 AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)
                 AND t.type = 'DATE' AND (t.value GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]*'
                                          OR t.value GLOB '[0-9][0-9][0-9][0-9]')
                 AND (t.anchored = 0 OR a.published_basis IN ('metadata', 'header'))
               ORDER BY t.value, a.published, a.id, t.sentence""", (story_id,)).fetchall()

    def story_article_ids(self, story_id: int) -> list[str]:
        """The articles reporting (as their main event) any event of a story."""
        return [r[0] for r in self.conn.execute(
            """SELECT DISTINCT ae.article_id FROM article_events ae JOIN events e ON e.id = ae.event_id
               WHERE e.story_id = ? AND ae.role = 'main'""", (story_id,))]

    def matching_article_ids(self, fts_query: str) -> list[str]:
        """The articles with at least one sentence matching an FTS5 query."""
        return [r[0] for r in self.conn.execute(
            """SELECT DISTINCT s.article_id FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
               WHERE sentences_fts MATCH ?""", (fts_query,))]

    def entities(self, *, type: str | None = None, query: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[sqlite3.Row]:
        """Entities, most mentioned first; `query` matches any of their names (case-insensitive)."""
        return self.conn.execute(
            """SELECT id, name, type, mentions, articles FROM entities e
               WHERE (? IS NULL OR type = ?)
                 AND (? IS NULL OR EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = e.id
                                           AND a.alias LIKE '%' || ? || '%'))
               ORDER BY mentions DESC, name LIMIT ? OFFSET ?""",
            (type, type, query, query, -1 if limit is None else limit, offset),
        ).fetchall()

    def entity(self, entity_id: str) -> sqlite3.Row | None:
        """An entity by its id, or by an id it once had (merged into it, or renamed); `metonyms` is
        the JSON of the names that stood for it (only that part of its record: the rest is long)."""
        columns = "e.id, e.name, e.type, e.mentions, e.articles, json_extract(e.record, '$.metonyms') AS metonyms"
        row = self.conn.execute(f"SELECT {columns} FROM entities e WHERE e.id = ?", (entity_id,)).fetchone()
        if row is None:
            row = self.conn.execute(
                f"""SELECT {columns} FROM entity_redirects r JOIN entities e ON e.id = r.new_id
                    WHERE r.old_id = ?""", (entity_id,)).fetchone()
        return row

    def entity_aliases(self, entity_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT alias, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias", (entity_id,)
        ).fetchall()

    def entity_articles(self, entity_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            """SELECT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? GROUP BY m.article_id ORDER BY min(a.published), m.article_id""",
            (entity_id,))]

    def entity_timeline(self, entity_id: str) -> list[sqlite3.Row]:
        """Mentions of an entity per month of publication."""
        return self.conn.execute(
            """SELECT substr(a.published, 1, 7) AS month, count(*) AS mentions,
                      count(DISTINCT a.id) AS articles
               FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.published IS NOT NULL
               GROUP BY month ORDER BY month""", (entity_id,)).fetchall()

    #: Co-occurrence is counted over at most this many of an entity's articles: ids are
    #: content hashes, so the first ones by id are a fair random sample.
    NEIGHBOUR_SAMPLE = 400

    def entity_neighbours(self, entity_id: str, limit: int = 15) -> list[sqlite3.Row]:
        """Entities named in the same articles, by how many articles they share (over a sample)."""
        return self.conn.execute(
            """WITH mine AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?
                             ORDER BY article_id LIMIT ?),
                    pairs AS (SELECT DISTINCT m.article_id, m.entity_id FROM mine
                              JOIN mentions m ON m.article_id = mine.article_id
                              WHERE m.entity_id IS NOT NULL AND m.entity_id != ?)
               SELECT e.id, e.name, e.type, p.shared
               FROM (SELECT entity_id, count(*) AS shared FROM pairs GROUP BY entity_id
                     ORDER BY shared DESC LIMIT ?) p JOIN entities e ON e.id = p.entity_id
               ORDER BY p.shared DESC, e.mentions DESC""",
            (entity_id, self.NEIGHBOUR_SAMPLE, entity_id, limit)).fetchall()

    def articles_by_ids(self, ids: list[str]) -> list[sqlite3.Row]:
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out += self.conn.execute(
                f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk).fetchall()
        return sorted(out, key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))

    def all_entity_aliases(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, count DESC, alias"):
            out.setdefault(r[0], []).append(r[1])
        return out

    def all_entity_articles(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT DISTINCT entity_id, article_id FROM mentions "
                                   "WHERE entity_id IS NOT NULL ORDER BY entity_id, article_id"):
            out.setdefault(r[0], []).append(r[1])
        return out

    def mentions(self, article_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            """SELECT m.sentence, m.start, m.end, m.text, m.label, m.title, m.entity_id, e.name AS entity_name
               FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id
               WHERE m.article_id = ? ORDER BY m.start, m.id""", (article_id,)).fetchall()

    def time_expressions(self, article_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT sentence, start, end, text, type, value, anchored FROM time_expressions "
            "WHERE article_id = ? ORDER BY start", (article_id,)).fetchall()

    def quantities(self, article_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT sentence, start, end, text, kind, value, unit, qualifier, low, high FROM quantities "
            "WHERE article_id = ? ORDER BY start", (article_id,)).fetchall()

    def amount_facts(self) -> Iterator[tuple[sqlite3.Row, list[sqlite3.Row]]]:
        """Each stored quantity with its sentence and the entity mentions of that sentence."""
        rows = self.conn.execute(
            """SELECT q.id, q.article_id, q.sentence, q.start, q.end, q.text, q.kind, q.value, q.unit,
                      q.qualifier, q.low, q.high, s.text AS sentence_text
               FROM quantities q JOIN sentences s ON s.article_id = q.article_id AND s.idx = q.sentence
               ORDER BY q.article_id, q.start""")
        for q in rows.fetchall():
            mentions = self.conn.execute(
                """SELECT m.start, m.end, m.text, m.label, m.entity_id, e.name AS entity_name
                   FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id
                   WHERE m.article_id = ? AND m.sentence = ? ORDER BY m.start""",
                (q["article_id"], q["sentence"])).fetchall()
            yield q, mentions

    def undated_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]

    def undated_linked_articles(self) -> list[sqlite3.Row]:
        """Undated articles that belong to a storyline, whose other reports may date them."""
        return self.conn.execute(
            """SELECT a.id, a.text, a.published_earliest, a.published_latest, a.published_evidence
               FROM articles a WHERE a.published IS NULL
                 AND EXISTS (SELECT 1 FROM article_events ae WHERE ae.article_id = a.id)
               ORDER BY a.id""").fetchall()

    def story_full_dates(self, article_id: str, month_day: str) -> list[sqlite3.Row]:
        """Full dates ending in `month_day` ('12-06') that dated reports of the article's stories give."""
        return self.conn.execute(
            """SELECT DISTINCT t.value, a.id AS article_id, a.title, a.path, a.source
               FROM time_expressions t JOIN articles a ON a.id = t.article_id
               WHERE substr(t.value, 5) = ? AND length(t.value) = 10 AND t.type = 'DATE'
                 AND a.id != ? AND a.published_basis IN ('metadata', 'header')
                 AND a.id IN (SELECT ae.article_id FROM article_events ae JOIN events e ON e.id = ae.event_id
                              WHERE e.story_id IN (SELECT e2.story_id FROM article_events ae2
                                                   JOIN events e2 ON e2.id = ae2.event_id
                                                   WHERE ae2.article_id = ?))
               ORDER BY t.value, a.id""",
            ("-" + month_day, article_id, article_id)).fetchall()

    def event_mates(self, article_id: str) -> list[sqlite3.Row]:
        """The other original reports of the article's main event, with their dates or windows."""
        return self.conn.execute(
            """SELECT a.id, a.title, a.path, a.published, a.published_basis, a.published_earliest,
                      a.published_latest
               FROM article_events me JOIN article_events ae ON ae.event_id = me.event_id AND ae.role = 'main'
               JOIN articles a ON a.id = ae.article_id
               WHERE me.article_id = ? AND me.role = 'main' AND a.id != ?
                 AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)
               ORDER BY a.id""", (article_id, article_id)).fetchall()

    def place_article(self, article_id: str, published: str | None, window: tuple[str, str],
                      evidence: list[str], times: list | None) -> None:
        """Record a publication date inferred after linking, and the time expressions re-resolved against it.

        Must run inside `transaction()`.
        """
        self.conn.execute(
            """UPDATE articles SET published = ?, published_basis = ?, published_earliest = ?,
                   published_latest = ?, published_evidence = ?, updated_at = ? WHERE id = ?""",
            (published, "inferred" if published else "unknown", window[0], window[1],
             json.dumps(evidence, ensure_ascii=False), _now(), article_id))
        if times is None:
            return  # only a bound: the expressions stay as they were read
        starts = [r[0] for r in self.conn.execute(
            "SELECT start FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,))]
        self.conn.execute("DELETE FROM time_expressions WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            """INSERT INTO time_expressions (article_id, sentence, start, end, text, type, value, anchored)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(article_id, max(bisect.bisect_right(starts, t.start) - 1, 0), t.start, t.end, t.text, t.type,
              t.value, int(t.anchored)) for t in times])

    def runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()

    def skipped(self, run_id: int | None = None) -> list[sqlite3.Row]:
        if run_id is None:
            run_id = self.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        return self.conn.execute(
            "SELECT path, reason FROM skipped WHERE run_id = ? ORDER BY id", (run_id,)
        ).fetchall()
