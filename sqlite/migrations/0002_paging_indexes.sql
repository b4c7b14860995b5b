-- dyad archive schema, version 2: indexes that list filtered records in
-- paging order (see plan.go). Listings page by (article, ord). An index
-- whose columns begin (col, article, ord) gives the rows with one value of
-- col in paging order, so a listing merges such scans, one per value, and
-- stops at its LIMIT instead of sorting every match. The columns after
-- (article, ord) are those the other filters test, so that a scan skips the
-- rows they reject without reading the table. They replace the single-column
-- indexes of version 1.

-- Events: by source, target, CAMEO code, quad class, modality or day.
DROP INDEX events_source;
DROP INDEX events_target;
DROP INDEX events_cameo;
DROP INDEX events_day;
CREATE INDEX events_source_order ON events
	(source_code, article, ord, target_code, cameo, quad_class, modality, day);
CREATE INDEX events_target_order ON events
	(target_code, article, ord, source_code, cameo, quad_class, modality, day);
CREATE INDEX events_cameo_order ON events
	(cameo, article, ord, source_code, target_code, quad_class, modality, day);
CREATE INDEX events_quad_order ON events
	(quad_class, article, ord, source_code, target_code, cameo, modality, day);
CREATE INDEX events_modality_order ON events
	(modality, article, ord, source_code, target_code, cameo, quad_class, day);
CREATE INDEX events_day_order ON events
	(day, article, ord, source_code, target_code, cameo, quad_class, modality);

-- Actors: by code, name or kind, each covering the other two.
DROP INDEX actors_code;
DROP INDEX actors_name;
CREATE INDEX actors_code_order ON actors (code, article, ord, name, kind);
CREATE INDEX actors_name_order ON actors (name COLLATE NOCASE, article, ord, code, kind);
CREATE INDEX actors_kind_order ON actors (kind, article, ord, code, name);

-- Quotes: a rowid table, whose version 1 indexes end in qk (the rowid), not
-- in (article, ord). The listing reads the page's quotes by qk, so qk follows
-- (article, ord) in the order.
DROP INDEX quotes_speaker_code;
DROP INDEX quotes_speaker_name;
CREATE INDEX quotes_speaker_code_order ON quotes
	(speaker_code, article, ord, qk, speaker_name, direct);
CREATE INDEX quotes_speaker_name_order ON quotes
	(speaker_name COLLATE NOCASE, article, ord, qk, speaker_code, direct);

-- Votes: by body or day, each covering the other.
DROP INDEX votes_body;
DROP INDEX votes_day;
CREATE INDEX votes_body_order ON votes (body, article, ord, day);
CREATE INDEX votes_day_order ON votes (day, article, ord, body);
