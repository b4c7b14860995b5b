-- dyad archive schema, version 4: indexes that count events without
-- reading them (Store.EventCounts, behind the timelines and the network).
-- Each begins with the columns a count groups by (the codes, quad class and
-- modality, then the day), so that SQLite aggregates a range of codes as it
-- reads it, in index order, with no sort; and it holds every column that
-- the filters test or the count adds up (the CAMEO code, the Goldstein
-- value, and the article, which every index of a WITHOUT ROWID table
-- carries), so that the table itself is not read. One begins with the
-- source, for an actor or dyad filter's source side, the other with the
-- target.
CREATE INDEX events_count_source ON events
	(source_code, target_code, quad_class, modality, day, cameo, goldstein);
CREATE INDEX events_count_target ON events
	(target_code, source_code, quad_class, modality, day, cameo, goldstein);
