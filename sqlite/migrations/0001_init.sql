-- dyad archive schema, version 1. Every table below articles holds one
-- annotation layer of dyad.Doc; ord keeps each layer's order within its
-- article, so a stored Doc loads back equal. Rows of one article are written
-- in one transaction.

CREATE TABLE articles (
	pk        INTEGER PRIMARY KEY,      -- ingest order; cursors page by it
	id        TEXT NOT NULL UNIQUE,
	hash      TEXT NOT NULL UNIQUE,     -- dyad.ContentHash(text)
	url       TEXT UNIQUE,              -- NULL when unknown
	source    TEXT NOT NULL,
	title     TEXT NOT NULL,
	published TEXT NOT NULL,            -- YYYY-MM-DD or ''
	dateline  TEXT NOT NULL,
	license   TEXT NOT NULL,
	warnings  TEXT NOT NULL,            -- JSON array of strings, or null
	nils      INTEGER NOT NULL,         -- bit set of the layers that were nil slices
	text      TEXT NOT NULL
);
CREATE INDEX articles_source ON articles (source, pk);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE sentences (
	article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	n       INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE actors (
	article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	id      TEXT NOT NULL,
	name    TEXT NOT NULL,
	code    TEXT NOT NULL,
	country TEXT NOT NULL,
	sector  TEXT NOT NULL,
	kind    TEXT NOT NULL,
	office  TEXT NOT NULL,
	gender  TEXT NOT NULL,
	rule    TEXT NOT NULL,
	nils    INTEGER NOT NULL,           -- 1 when Mentions was a nil slice
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);

CREATE TABLE mentions (
	article  INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	actor    INTEGER NOT NULL, -- actors.ord
	ord      INTEGER NOT NULL,
	sentence INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text     TEXT NOT NULL,
	code     TEXT NOT NULL,
	rule     TEXT NOT NULL,
	PRIMARY KEY (article, actor, ord)
) WITHOUT ROWID;

CREATE TABLE events (
	article       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord           INTEGER NOT NULL,
	id            TEXT NOT NULL,
	sentence      INTEGER NOT NULL,
	source_actor  TEXT NOT NULL,
	source_code   TEXT NOT NULL,
	target_actor  TEXT NOT NULL,
	target_code   TEXT NOT NULL,
	cameo         TEXT NOT NULL,
	cameo_name    TEXT NOT NULL,
	goldstein     REAL NOT NULL,
	quad_class    INTEGER NOT NULL,
	plover_type   TEXT NOT NULL,
	plover_mode   TEXT NOT NULL,
	modality      TEXT NOT NULL,
	date          TEXT NOT NULL,
	precision     TEXT NOT NULL,
	located       INTEGER NOT NULL,     -- 1 when the event has a Location
	place         TEXT NOT NULL,
	place_country TEXT NOT NULL,
	lat           REAL,
	lon           REAL,
	attributed_to TEXT NOT NULL,
	claim         TEXT NOT NULL,
	rule          TEXT NOT NULL,
	span_start    INTEGER NOT NULL,
	span_end      INTEGER NOT NULL,
	day           TEXT NOT NULL,        -- date, else the article's published, for date filters
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_day ON events (day);

CREATE TABLE claims (
	article       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord           INTEGER NOT NULL,
	id            TEXT NOT NULL,
	source        TEXT NOT NULL,
	target        TEXT NOT NULL,
	cameo         TEXT NOT NULL,
	event         TEXT NOT NULL,
	nils          INTEGER NOT NULL,     -- 1 when Stances was a nil slice
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE stances (
	article INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	claim   INTEGER NOT NULL, -- claims.ord
	ord     INTEGER NOT NULL,
	actor   TEXT NOT NULL,
	code    TEXT NOT NULL,
	stance  TEXT NOT NULL,
	event   TEXT NOT NULL,
	PRIMARY KEY (article, claim, ord)
) WITHOUT ROWID;

CREATE TABLE quotes (
	qk            INTEGER PRIMARY KEY,  -- rowid for the full-text index
	article       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord           INTEGER NOT NULL,
	sentence      INTEGER NOT NULL,
	speaker_actor TEXT NOT NULL,
	speaker_name  TEXT NOT NULL,
	speaker_code  TEXT NOT NULL,
	verb          TEXT NOT NULL,
	direct        INTEGER NOT NULL,
	text          TEXT NOT NULL,
	span_start    INTEGER NOT NULL,
	span_end      INTEGER NOT NULL,
	rule          TEXT NOT NULL,
	UNIQUE (article, ord)
);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code);
CREATE INDEX quotes_speaker_name ON quotes (speaker_name COLLATE NOCASE);

CREATE TABLE amounts (
	article     INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	text        TEXT NOT NULL,
	value       REAL NOT NULL,
	low         REAL NOT NULL,
	high        REAL NOT NULL,
	unit        TEXT NOT NULL,
	counts      TEXT NOT NULL,
	approximate INTEGER NOT NULL,
	sentence    INTEGER NOT NULL,
	span_start  INTEGER NOT NULL,
	span_end    INTEGER NOT NULL,
	rule        TEXT NOT NULL,
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE votes (
	article          INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord              INTEGER NOT NULL,
	body             TEXT NOT NULL,
	body_name        TEXT NOT NULL,
	motion           TEXT NOT NULL,
	date             TEXT NOT NULL,
	place            TEXT NOT NULL,
	yes              INTEGER NOT NULL,
	no               INTEGER NOT NULL,
	abstain          INTEGER NOT NULL,
	absent           INTEGER NOT NULL,
	complete_yes     INTEGER NOT NULL,
	complete_no      INTEGER NOT NULL,
	complete_abstain INTEGER NOT NULL,
	consistent       INTEGER NOT NULL,
	problems         TEXT NOT NULL,    -- JSON array of strings, or null
	sentences        TEXT NOT NULL,    -- JSON array of sentence numbers, or null
	rule             TEXT NOT NULL,
	day              TEXT NOT NULL,    -- date, else the article's published
	nils             INTEGER NOT NULL, -- 1 when Positions was a nil slice
	PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE INDEX votes_body ON votes (body);
CREATE INDEX votes_day ON votes (day);

CREATE TABLE positions (
	article    INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	vote       INTEGER NOT NULL, -- votes.ord
	ord        INTEGER NOT NULL,
	country    TEXT NOT NULL,
	position   TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	PRIMARY KEY (article, vote, ord)
) WITHOUT ROWID;
CREATE INDEX positions_country ON positions (country, position);

-- Full-text indexes over article title and text, and over quotations. They
-- are external-content tables kept in step by triggers, so the text is
-- stored once.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, text, content = 'articles', content_rowid = 'pk',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
	text, content = 'quotes', content_rowid = 'qk',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
	INSERT INTO quotes_fts (rowid, text) VALUES (new.qk, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
	INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.qk, old.text);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes BEGIN
	INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.qk, old.text);
	INSERT INTO quotes_fts (rowid, text) VALUES (new.qk, new.text);
END;
