-- dyad archive schema for PostgreSQL, version 1. It mirrors the SQLite
-- schema (sqlite/migrations/0001_init.sql) table for table: every table below
-- articles holds one annotation layer of dyad.Doc, and ord keeps each
-- layer's order within its article, so a stored Doc loads back equal. Rows of
-- one article are written in one transaction. Codes, names and dates that are
-- compared by prefix or range use the "C" collation: byte order, as SQLite.

-- Full-text search: PostgreSQL's parser with the Snowball English stemmer
-- and no stop words (SQLite's porter tokenizer drops none either), so every
-- word of a search must occur. Diacritics are folded by the program before
-- the text reaches to_tsvector (see fold in search.go).
CREATE TEXT SEARCH DICTIONARY dyad_english_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION dyad (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION dyad
	ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
	WITH dyad_english_stem;

CREATE TABLE articles (
	pk        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- ingest order; cursors page by it
	id        text COLLATE "C" NOT NULL UNIQUE,
	hash      text COLLATE "C" NOT NULL UNIQUE,  -- dyad.ContentHash(text): the idempotency key
	url       text COLLATE "C" UNIQUE,           -- NULL when unknown
	source    text COLLATE "C" NOT NULL,
	title     text NOT NULL,
	published text COLLATE "C" NOT NULL,         -- YYYY-MM-DD or ''
	dateline  text NOT NULL,
	license   text NOT NULL,
	warnings  text NOT NULL,                     -- JSON array of strings, or null
	nils      integer NOT NULL,                  -- bit set of the layers that were nil slices
	text      text NOT NULL,
	fts       tsvector NOT NULL                  -- title and (the first 256 KiB of) text, folded
);
CREATE INDEX articles_source ON articles (source, pk);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_fts ON articles USING gin (fts);

CREATE TABLE sentences (
	article    bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord        integer NOT NULL,
	n          integer NOT NULL,
	span_start integer NOT NULL,
	span_end   integer NOT NULL,
	PRIMARY KEY (article, ord)
);

CREATE TABLE actors (
	article bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord     integer NOT NULL,
	id      text NOT NULL,
	name    text NOT NULL,
	code    text COLLATE "C" NOT NULL,
	country text NOT NULL,
	sector  text NOT NULL,
	kind    text NOT NULL,
	office  text NOT NULL,
	gender  text NOT NULL,
	rule    text NOT NULL,
	nils    integer NOT NULL,                    -- 1 when Mentions was a nil slice
	PRIMARY KEY (article, ord)
);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_name ON actors (lower(name));

CREATE TABLE mentions (
	article    bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	actor      integer NOT NULL, -- actors.ord
	ord        integer NOT NULL,
	sentence   integer NOT NULL,
	span_start integer NOT NULL,
	span_end   integer NOT NULL,
	text       text NOT NULL,
	code       text NOT NULL,
	rule       text NOT NULL,
	PRIMARY KEY (article, actor, ord)
);

CREATE TABLE events (
	article       bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord           integer NOT NULL,
	id            text NOT NULL,
	sentence      integer NOT NULL,
	source_actor  text NOT NULL,
	source_code   text COLLATE "C" NOT NULL,
	target_actor  text NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	cameo         text COLLATE "C" NOT NULL,
	cameo_name    text NOT NULL,
	goldstein     double precision NOT NULL,
	quad_class    integer NOT NULL,
	plover_type   text NOT NULL,
	plover_mode   text NOT NULL,
	modality      text NOT NULL,
	date          text NOT NULL,
	precision     text NOT NULL,
	located       boolean NOT NULL,              -- true when the event has a Location
	place         text NOT NULL,
	place_country text NOT NULL,
	lat           double precision,
	lon           double precision,
	attributed_to text NOT NULL,
	claim         text NOT NULL,
	rule          text NOT NULL,
	span_start    integer NOT NULL,
	span_end      integer NOT NULL,
	day           text COLLATE "C" NOT NULL,     -- date, else the article's published, for date filters
	PRIMARY KEY (article, ord)
);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_day ON events (day);

CREATE TABLE claims (
	article bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord     integer NOT NULL,
	id      text NOT NULL,
	source  text NOT NULL,
	target  text NOT NULL,
	cameo   text NOT NULL,
	event   text NOT NULL,
	nils    integer NOT NULL,                    -- 1 when Stances was a nil slice
	PRIMARY KEY (article, ord)
);

CREATE TABLE stances (
	article bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	claim   integer NOT NULL, -- claims.ord
	ord     integer NOT NULL,
	actor   text NOT NULL,
	code    text NOT NULL,
	stance  text NOT NULL,
	event   text NOT NULL,
	PRIMARY KEY (article, claim, ord)
);

CREATE TABLE quotes (
	article       bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord           integer NOT NULL,
	sentence      integer NOT NULL,
	speaker_actor text NOT NULL,
	speaker_name  text NOT NULL,
	speaker_code  text COLLATE "C" NOT NULL,
	verb          text NOT NULL,
	direct        boolean NOT NULL,
	text          text NOT NULL,
	span_start    integer NOT NULL,
	span_end      integer NOT NULL,
	rule          text NOT NULL,
	fts           tsvector NOT NULL,             -- the quotation, folded
	PRIMARY KEY (article, ord)
);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code);
CREATE INDEX quotes_speaker_name ON quotes (lower(speaker_name));
CREATE INDEX quotes_fts ON quotes USING gin (fts);

CREATE TABLE amounts (
	article     bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord         integer NOT NULL,
	text        text NOT NULL,
	value       double precision NOT NULL,
	low         double precision NOT NULL,
	high        double precision NOT NULL,
	unit        text NOT NULL,
	counts      text NOT NULL,
	approximate boolean NOT NULL,
	sentence    integer NOT NULL,
	span_start  integer NOT NULL,
	span_end    integer NOT NULL,
	rule        text NOT NULL,
	PRIMARY KEY (article, ord)
);

CREATE TABLE votes (
	article          bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	ord              integer NOT NULL,
	body             text COLLATE "C" NOT NULL,
	body_name        text NOT NULL,
	motion           text NOT NULL,
	date             text NOT NULL,
	place            text NOT NULL,
	yes              integer NOT NULL,
	no               integer NOT NULL,
	abstain          integer NOT NULL,
	absent           integer NOT NULL,
	complete_yes     boolean NOT NULL,
	complete_no      boolean NOT NULL,
	complete_abstain boolean NOT NULL,
	consistent       boolean NOT NULL,
	problems         text NOT NULL,   -- JSON array of strings, or null
	sentences        text NOT NULL,   -- JSON array of sentence numbers, or null
	rule             text NOT NULL,
	day              text COLLATE "C" NOT NULL, -- date, else the article's published
	nils             integer NOT NULL, -- 1 when Positions was a nil slice
	PRIMARY KEY (article, ord)
);
CREATE INDEX votes_body ON votes (body);
CREATE INDEX votes_day ON votes (day);

CREATE TABLE positions (
	article    bigint NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
	vote       integer NOT NULL, -- votes.ord
	ord        integer NOT NULL,
	country    text NOT NULL,
	position   text NOT NULL,
	span_start integer NOT NULL,
	span_end   integer NOT NULL,
	PRIMARY KEY (article, vote, ord)
);
CREATE INDEX positions_country ON positions (country, position);

-- Running totals of every table, kept by the writers in the transaction of
-- each write, so that Stats needs no count(*) over an archive of hundreds of
-- millions of rows. One row.
CREATE TABLE totals (
	one       boolean PRIMARY KEY DEFAULT true CHECK (one),
	articles  bigint NOT NULL DEFAULT 0,
	sentences bigint NOT NULL DEFAULT 0,
	actors    bigint NOT NULL DEFAULT 0,
	mentions  bigint NOT NULL DEFAULT 0,
	events    bigint NOT NULL DEFAULT 0,
	claims    bigint NOT NULL DEFAULT 0,
	quotes    bigint NOT NULL DEFAULT 0,
	amounts   bigint NOT NULL DEFAULT 0,
	votes     bigint NOT NULL DEFAULT 0
);
INSERT INTO totals DEFAULT VALUES;
