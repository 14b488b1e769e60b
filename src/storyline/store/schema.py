"""The knowledge base schema, as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. Append, never edit: a
file made by an older Storyline is brought up to date when it is opened for writing.
"""

MIGRATIONS: list[str] = [
    # 1: articles, their sentences (with a full-text index), removed furniture, build runs
    """
    CREATE TABLE articles (
        id                 TEXT PRIMARY KEY,
        locator            TEXT NOT NULL UNIQUE,
        path               TEXT NOT NULL,
        reader             TEXT NOT NULL,
        source             TEXT,
        url                TEXT,
        title              TEXT,
        published          TEXT,
        published_basis    TEXT NOT NULL
                           CHECK (published_basis IN ('metadata', 'header', 'inferred', 'unknown')),
        published_earliest TEXT,
        published_latest   TEXT,
        raw_text           TEXT NOT NULL,
        text               TEXT NOT NULL,
        raw_hash           TEXT NOT NULL,
        content_hash       TEXT NOT NULL,
        clean_version      INTEGER NOT NULL,
        metadata           TEXT NOT NULL DEFAULT '{}',
        added_at           TEXT NOT NULL,
        updated_at         TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_content_hash ON articles(content_hash);

    CREATE TABLE sentences (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        paragraph   INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        UNIQUE (article_id, idx)
    );

    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END;

    CREATE TABLE removed_lines (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        reason      TEXT NOT NULL,
        text        TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    );

    CREATE TABLE runs (
        id           INTEGER PRIMARY KEY,
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        status       TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
        paths        TEXT NOT NULL,
        read         INTEGER NOT NULL DEFAULT 0,
        new          INTEGER NOT NULL DEFAULT 0,
        updated      INTEGER NOT NULL DEFAULT 0,
        unchanged    INTEGER NOT NULL DEFAULT 0,
        skipped      INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE skipped (
        id      INTEGER PRIMARY KEY,
        run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        path    TEXT NOT NULL,
        reason  TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
