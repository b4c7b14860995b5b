-- dyad archive schema, version 3: the full-text indexes of new articles and
-- quotations are fed by the writer, once per transaction, instead of by
-- AFTER INSERT triggers. FTS5 writes its pending terms to disk at every
-- statement savepoint, so a trigger made each stored article flush the index
-- on its own; one INSERT ... SELECT over a transaction's new rows flushes it
-- once for a whole batch of articles (see put.go). Deletes and updates keep
-- their triggers.
DROP TRIGGER articles_ai;
DROP TRIGGER quotes_ai;
