package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/jackc/pgx/v5"
)

// Put stores d in one transaction; see dyad.Store. A redelivered or repeated
// Put of the same text (or URL) writes nothing and returns the stored id.
func (s *Store) Put(ctx context.Context, d *dyad.Doc) (string, bool, error) {
	if err := sqlstore.Check(d); err != nil {
		return "", false, fmt.Errorf("put: %w", err)
	}
	var (
		id    string
		added bool
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		var err error
		id, added, err = put(ctx, tx, d)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("put: %w", classify(err))
	}
	return id, added, nil
}

// PutMany stores docs in one transaction; see dyad.Store. Each document is
// written under a savepoint, so that one refused with ErrInvalid or
// ErrConflict leaves nothing behind while the others are stored.
func (s *Store) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	res := make([]dyad.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		clear(res)
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		for i, d := range docs {
			if err := sqlstore.Check(d); err != nil {
				res[i].Err = fmt.Errorf("put: %w", err)
				continue
			}
			err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error { // a savepoint
				var err error
				res[i].ID, res[i].Added, err = put(ctx, sp, d)
				return err
			})
			if err != nil {
				err = classify(err)
				if !errors.Is(err, dyad.ErrConflict) && !errors.Is(err, dyad.ErrInvalid) {
					return err
				}
				res[i] = dyad.PutResult{Err: fmt.Errorf("put: %w", err)}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("put: %w", classify(err))
	}
	return res, nil
}

// put writes d in tx, which holds the write lock, unless an article with
// its text or URL is stored: the body of Put and PutMany.
func put(ctx context.Context, tx pgx.Tx, d *dyad.Doc) (string, bool, error) {
	hash := dyad.ContentHash(d.Text)
	if found, err := existing(ctx, tx, hash, d.Article.URL); err != nil || found != "" {
		return found, false, err
	}
	ids := sqlstore.Candidates(d, hash)
	a := d.Article
	for _, cand := range ids {
		var pk int64
		err := tx.QueryRow(ctx, `INSERT INTO articles
			(id, hash, url, source, title, published, dateline, license, warnings, nils, text, fts)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
				setweight(to_tsvector('dyad', $12), 'A') || to_tsvector('dyad', $13))
			ON CONFLICT DO NOTHING RETURNING pk`,
			cand, hash, sqlstore.Nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			sqlstore.Warnings(d), sqlstore.DocNils(d), d.Text, fold(a.Title), indexed(d.Text)).Scan(&pk)
		if errors.Is(err, pgx.ErrNoRows) {
			// A unique key is taken. If by the same text or URL (a writer
			// that does not take the lock), that article is the answer;
			// otherwise it is the id: try the next.
			if found, err := existing(ctx, tx, hash, d.Article.URL); err != nil || found != "" {
				return found, false, err
			}
			continue
		}
		if err != nil {
			return "", false, err
		}
		if err := insertLayers(ctx, tx, pk, d); err != nil {
			return "", false, err
		}
		if err := addTotals(ctx, tx, countDoc(d, 1)); err != nil {
			return "", false, err
		}
		return cand, true, nil
	}
	return "", false, fmt.Errorf("%w: article id %q is taken by another article", dyad.ErrConflict, ids[0])
}

// existing returns the id of the article stored with hash or url, or "".
func existing(ctx context.Context, tx pgx.Tx, hash, url string) (string, error) {
	var id string
	err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1 OR url = $2 LIMIT 1`,
		hash, sqlstore.Nullable(url)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// Replace overwrites the article id with d; see dyad.Store.
func (s *Store) Replace(ctx context.Context, id string, d *dyad.Doc) error {
	if err := sqlstore.Check(d); err != nil {
		return fmt.Errorf("replace %s: %w", id, err)
	}
	hash := dyad.ContentHash(d.Text)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		var pk int64
		err := tx.QueryRow(ctx, `SELECT pk FROM articles WHERE id = $1`, id).Scan(&pk)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("article %w", dyad.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var other string
		err = tx.QueryRow(ctx, `SELECT id FROM articles WHERE pk <> $1 AND (hash = $2 OR url = $3) LIMIT 1`,
			pk, hash, sqlstore.Nullable(d.Article.URL)).Scan(&other)
		if err == nil {
			return fmt.Errorf("%w: its text or URL is that of article %s", dyad.ErrConflict, other)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var removed counts
		for t := range sqlstore.NumTables {
			// The table names are constants of package sqlstore.
			table := sqlstore.Table(t).String()
			tag, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE article = $1`, pk)
			if err != nil {
				return err
			}
			removed.rows[t] = -int(tag.RowsAffected())
		}
		if err := addTotals(ctx, tx, removed); err != nil {
			return err
		}
		a := d.Article
		if _, err := tx.Exec(ctx, `UPDATE articles SET hash = $1, url = $2, source = $3, title = $4,
			published = $5, dateline = $6, license = $7, warnings = $8, nils = $9, text = $10,
			fts = setweight(to_tsvector('dyad', $11), 'A') || to_tsvector('dyad', $12) WHERE pk = $13`,
			hash, sqlstore.Nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			sqlstore.Warnings(d), sqlstore.DocNils(d), d.Text, fold(a.Title), indexed(d.Text), pk); err != nil {
			return err
		}
		if err := insertLayers(ctx, tx, pk, d); err != nil {
			return err
		}
		return addTotals(ctx, tx, countDoc(d, 0))
	})
	if err != nil {
		return fmt.Errorf("replace %s: %w", id, classify(err))
	}
	return nil
}

// counts are changes to the totals table: of articles, and of the rows of
// each layer's table (stances and positions have no total).
type counts struct {
	articles int
	rows     [sqlstore.NumTables]int
}

// countDoc returns the rows d adds, with articles articles.
func countDoc(d *dyad.Doc, articles int) counts {
	c := counts{articles: articles}
	c.rows[sqlstore.Sentences] = len(d.Sentences)
	c.rows[sqlstore.Actors] = len(d.Actors)
	c.rows[sqlstore.Events] = len(d.Events)
	c.rows[sqlstore.Claims] = len(d.Claims)
	c.rows[sqlstore.Quotes] = len(d.Quotes)
	c.rows[sqlstore.Amounts] = len(d.Amounts)
	c.rows[sqlstore.Votes] = len(d.Votes)
	for _, a := range d.Actors {
		c.rows[sqlstore.Mentions] += len(a.Mentions)
	}
	return c
}

// addTotals adds c to the totals, in the writer's transaction.
func addTotals(ctx context.Context, tx pgx.Tx, c counts) error {
	r := &c.rows
	_, err := tx.Exec(ctx, `UPDATE totals SET articles = articles + $1, sentences = sentences + $2,
		actors = actors + $3, mentions = mentions + $4, events = events + $5, claims = claims + $6,
		quotes = quotes + $7, amounts = amounts + $8, votes = votes + $9`,
		c.articles, r[sqlstore.Sentences], r[sqlstore.Actors], r[sqlstore.Mentions], r[sqlstore.Events],
		r[sqlstore.Claims], r[sqlstore.Quotes], r[sqlstore.Amounts], r[sqlstore.Votes])
	return err
}

// insertSQL holds the statements that insert the rows of the layers
// (Table.InsertSQL, numbered); a quotation's row also holds the
// full-text index of its text.
var insertSQL = func() (q [sqlstore.NumTables]string) {
	for t := range sqlstore.NumTables {
		q[t] = sqlstore.Dollar.Query(sqlstore.Table(t).InsertSQL())
	}
	q[sqlstore.Quotes] = `INSERT INTO quotes (article, ord, sentence, speaker_actor, speaker_name, speaker_code,
			verb, direct, text, span_start, span_end, rule, fts)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_tsvector('dyad', $13))`
	return q
}()

// quoteIndex returns what a quotation's fts column is made of (to_tsvector
// of it): its folded text.
func quoteIndex(text string) any { return indexed(text) }

// insertLayers writes every annotation layer of d for article pk in one
// round trip (a pipelined batch).
func insertLayers(ctx context.Context, tx pgx.Tx, pk int64, d *dyad.Doc) error {
	var b pgx.Batch
	err := sqlstore.Insert(pk, d, quoteIndex, func(t sqlstore.Table, args ...any) error {
		b.Queue(insertSQL[t], slices.Clone(args)...) // the batch keeps them
		return nil
	})
	if err != nil || b.Len() == 0 {
		return err
	}
	return tx.SendBatch(ctx, &b).Close()
}
