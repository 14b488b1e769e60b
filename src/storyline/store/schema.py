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
    # 2: what the annotators find in each article, and canonical entities across articles
    """
    ALTER TABLE articles ADD COLUMN pipeline TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN published_evidence TEXT;

    CREATE TABLE entities (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        type      TEXT NOT NULL,
        mentions  INTEGER NOT NULL,
        articles  INTEGER NOT NULL,
        record    TEXT NOT NULL          -- the linker's state for this entity (JSON)
    );
    CREATE INDEX entities_type ON entities(type);

    CREATE TABLE entity_aliases (
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias      TEXT NOT NULL,
        count      INTEGER NOT NULL,
        PRIMARY KEY (entity_id, alias)
    );
    CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

    CREATE TABLE mentions (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence    INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        label       TEXT NOT NULL,
        title       TEXT,
        entity_id   TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE time_expressions (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence    INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        type        TEXT NOT NULL,       -- TIMEX3 type: DATE, TIME, DURATION, SET
        value       TEXT NOT NULL,       -- TIMEX3 value: 2021-12-20, 2021-W51, P3D, PAST_REF...
        anchored    INTEGER NOT NULL     -- 1 when resolved against the publication date
    );
    CREATE INDEX time_expressions_article ON time_expressions(article_id);
    CREATE INDEX time_expressions_value ON time_expressions(value);

    CREATE TABLE quantities (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence    INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        kind        TEXT NOT NULL,       -- money, percent, measure, count, number
        value       REAL NOT NULL,       -- scale applied: Rs 40,000 crore -> 4e11
        unit        TEXT NOT NULL,       -- ISO 4217 code, 'percent', a unit, the counted noun
        qualifier   TEXT,                -- over, about, up to...
        low         REAL,
        high        REAL
    );
    CREATE INDEX quantities_article ON quantities(article_id);
    """,
    # 3: near-duplicates, events and storylines, and the linkers' saved states
    """
    CREATE TABLE link_state (
        name        TEXT PRIMARY KEY,    -- duplicates, events, stories
        state       BLOB NOT NULL,       -- the linker's records, JSON compressed with zlib
        updated_at  TEXT NOT NULL
    );

    CREATE TABLE stories (
        id        INTEGER PRIMARY KEY,
        title     TEXT NOT NULL,
        first     TEXT,
        last      TEXT,
        events    INTEGER NOT NULL,
        articles  INTEGER NOT NULL
    );

    CREATE TABLE events (
        id        INTEGER PRIMARY KEY,
        story_id  INTEGER REFERENCES stories(id) DEFERRABLE INITIALLY DEFERRED,
        title     TEXT,
        first     TEXT,                  -- first and last publication day of its reports
        last      TEXT,
        articles  INTEGER NOT NULL,
        outlets   INTEGER NOT NULL
    );
    CREATE INDEX events_story ON events(story_id);

    CREATE TABLE article_events (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id    INTEGER NOT NULL REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
        role        TEXT NOT NULL CHECK (role IN ('main', 'mentioned')),
        score       REAL NOT NULL,
        PRIMARY KEY (article_id, event_id)
    );
    CREATE INDEX article_events_event ON article_events(event_id);

    CREATE TABLE duplicates (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        original_id  TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        matched_id   TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        similarity   REAL NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('article', 'paragraphs'))
    );
    CREATE INDEX duplicates_original ON duplicates(original_id);
    """,
    # 4: an index for the entities that share articles
    """
    CREATE INDEX mentions_article_entity ON mentions(article_id, entity_id);
    """,
    # 5: claims (a value a sentence states about a subject) and their comparisons across sources
    """
    CREATE TABLE claims (
        id             INTEGER PRIMARY KEY,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence       INTEGER NOT NULL,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        text           TEXT NOT NULL,      -- the value as written: 'Rs 40,000 crore', 'on Monday'
        kind           TEXT NOT NULL,      -- date, money, count, percent, measure
        attribute      TEXT NOT NULL,      -- 'date of call', 'value', 'number killed'
        value          TEXT NOT NULL,      -- normalized: TIMEX3 date ('2020-10', 'XXXX-WXX-1') or number
        number         REAL,
        unit           TEXT NOT NULL DEFAULT '',
        low            REAL,
        high           REAL,
        qualifier      TEXT,               -- over, about, up to...; for dates from, by, after
        tolerance      REAL NOT NULL DEFAULT 0,
        modality       TEXT NOT NULL CHECK (modality IN ('stated', 'expected', 'denied', 'reported')),
        speaker        TEXT,
        scope          TEXT NOT NULL CHECK (scope IN ('event', 'entity')),
        relative       TEXT,               -- 'year+1': a year given relative to an unknown date
        anchored       INTEGER NOT NULL DEFAULT 0,
        subject_text   TEXT NOT NULL DEFAULT '',
        subject_start  INTEGER,
        subject_end    INTEGER,
        subject_id     TEXT,               -- set when linked: an entity id, or 'event/N'
        event_id       INTEGER
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE INDEX claims_subject ON claims(subject_id, attribute);

    CREATE TABLE comparisons (
        id           INTEGER PRIMARY KEY,
        claim_a      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        claim_b      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        verdict      TEXT NOT NULL CHECK (verdict IN ('agree', 'conflict', 'more_precise')),
        explanation  TEXT NOT NULL,
        weight       REAL NOT NULL,        -- how much it matters, for ordering
        UNIQUE (claim_a, claim_b)
    );
    CREATE INDEX comparisons_b ON comparisons(claim_b);
    CREATE INDEX comparisons_verdict ON comparisons(verdict, weight);
    """,
    # 7: the ids of entities that were merged into others or renamed, so that old links still lead somewhere
    """
    CREATE TABLE entity_redirects (
        old_id  TEXT PRIMARY KEY,
        new_id  TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
