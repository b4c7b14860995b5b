package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// Put stores d in one transaction; see dyad.Store.
func (s *Store) Put(ctx context.Context, d *dyad.Doc) (string, bool, error) {
	if err := sqlstore.Check(d); err != nil {
		return "", false, fmt.Errorf("put: %w", err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return "", false, fmt.Errorf("put: %w", unavailable(err))
	}
	defer tx.Rollback()
	id, pk, err := s.put(ctx, tx, d)
	if err != nil || pk == 0 {
		return id, false, err
	}
	if err := indexText(ctx, tx, pk); err != nil {
		return "", false, fmt.Errorf("put %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return "", false, fmt.Errorf("put %s: %w", id, unavailable(err))
	}
	return id, true, nil
}

// PutMany stores docs in one transaction; see dyad.Store. put refuses a
// document (a taken id) before it writes any of it, so no savepoint is
// needed to keep a refused one out: savepoints would make SQLite journal
// pages and flush the full-text index for each document.
func (s *Store) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	res := make([]dyad.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", unavailable(err))
	}
	defer tx.Rollback()
	var first int64 // pk of the first article added
	for i, d := range docs {
		if err := sqlstore.Check(d); err != nil {
			res[i].Err = fmt.Errorf("put: %w", err)
			continue
		}
		id, pk, err := s.put(ctx, tx, d)
		switch {
		case errors.Is(err, dyad.ErrConflict):
			res[i].Err = err
		case err != nil:
			return nil, err
		default:
			res[i].ID, res[i].Added = id, pk != 0
			if first == 0 {
				first = pk
			}
		}
	}
	if first != 0 {
		if err := indexText(ctx, tx, first); err != nil {
			return nil, fmt.Errorf("put: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: %w", unavailable(err))
	}
	return res, nil
}

// put writes d in tx unless an article with its text or URL is stored: the
// body of Put and PutMany. It returns the article's id and, if it wrote it,
// its pk (else 0). It returns ErrConflict before writing anything; any other
// error may leave part of d written, and the transaction must be rolled
// back. The full-text index is left to indexText.
func (s *Store) put(ctx context.Context, tx *sql.Tx, d *dyad.Doc) (string, int64, error) {
	hash := dyad.ContentHash(d.Text)
	var id string
	err := tx.StmtContext(ctx, s.inserts[selStored]).QueryRowContext(ctx, hash,
		sqlstore.Nullable(d.Article.URL)).Scan(&id)
	switch {
	case err == nil:
		return id, 0, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", 0, fmt.Errorf("put: %w", unavailable(err))
	}
	ids := sqlstore.Candidates(d, hash)
	a := d.Article
	for _, cand := range ids {
		// The text and URL are new (checked above), so a conflict can only
		// be on the id: then try the next.
		res, err := tx.StmtContext(ctx, s.inserts[insArticle]).ExecContext(ctx,
			cand, hash, sqlstore.Nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			sqlstore.Warnings(d), sqlstore.DocNils(d), d.Text)
		if err != nil {
			return "", 0, fmt.Errorf("put: %w", unavailable(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return "", 0, fmt.Errorf("put: %w", err)
		}
		if n == 0 {
			continue
		}
		pk, err := res.LastInsertId()
		if err != nil {
			return "", 0, fmt.Errorf("put: %w", err)
		}
		id = cand
		if err := s.insertLayers(ctx, tx, pk, d); err != nil {
			return "", 0, fmt.Errorf("put %s: %w", id, unavailable(err))
		}
		return id, pk, nil
	}
	return "", 0, fmt.Errorf("put: %w: article id %q is taken by another article", dyad.ErrConflict, ids[0])
}

// indexText adds the articles from pk first on, and their quotations, to
// the full-text indexes: the rows that tx added, since it holds the only
// write lock and new rows take ascending pks.
func indexText(ctx context.Context, tx *sql.Tx, first int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text)
		SELECT pk, title, text FROM articles WHERE pk >= ?`, first); err != nil {
		return fmt.Errorf("index articles: %w", unavailable(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts (rowid, text)
		SELECT qk, text FROM quotes WHERE article >= ?`, first); err != nil {
		return fmt.Errorf("index quotes: %w", unavailable(err))
	}
	return nil
}

// Replace overwrites the article id with d; see dyad.Store.
func (s *Store) Replace(ctx context.Context, id string, d *dyad.Doc) error {
	if err := sqlstore.Check(d); err != nil {
		return fmt.Errorf("replace %s: %w", id, err)
	}
	hash := dyad.ContentHash(d.Text)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	defer tx.Rollback()
	var pk int64
	err = tx.QueryRowContext(ctx, `SELECT pk FROM articles WHERE id = ?`, id).Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("replace %s: article %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	var other string
	err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE pk <> ? AND (hash = ? OR url = ?) LIMIT 1`,
		pk, hash, sqlstore.Nullable(d.Article.URL)).Scan(&other)
	if err == nil {
		return fmt.Errorf("replace %s: %w: its text or URL is that of article %s", id, dyad.ErrConflict, other)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	for t := range sqlstore.NumTables {
		// The table names are constants of package sqlstore.
		table := sqlstore.Table(t).String()
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE article = ?`, pk); err != nil {
			return fmt.Errorf("replace %s: %w", id, unavailable(err))
		}
	}
	a := d.Article
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET hash = ?, url = ?, source = ?, title = ?,
		published = ?, dateline = ?, license = ?, warnings = ?, nils = ?, text = ? WHERE pk = ?`,
		hash, sqlstore.Nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
		sqlstore.Warnings(d), sqlstore.DocNils(d), d.Text, pk); err != nil {
		if isConstraint(err) {
			return fmt.Errorf("replace %s: %w: %w", id, dyad.ErrConflict, err)
		}
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	if err := s.insertLayers(ctx, tx, pk, d); err != nil {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	// The article's text is reindexed by its update trigger; its new
	// quotations are indexed here.
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts (rowid, text)
		SELECT qk, text FROM quotes WHERE article = ?`, pk); err != nil {
		return fmt.Errorf("replace %s: index quotes: %w", id, unavailable(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	return nil
}

// The statements that Put runs for every article, prepared once per store:
// the inserts of the layers (Table.InsertSQL, indexed by sqlstore.Table),
// then these.
const (
	selStored = sqlstore.NumTables + iota
	insArticle
	numInserts
)

var insertSQL = func() (q [numInserts]string) {
	for t := range sqlstore.NumTables {
		q[t] = sqlstore.Table(t).InsertSQL()
	}
	q[selStored] = `SELECT id FROM articles WHERE hash = ? OR url = ? LIMIT 1`
	q[insArticle] = `INSERT INTO articles
			(id, hash, url, source, title, published, dateline, license, warnings, nils, text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	return q
}()

// insertLayers writes every annotation layer of d for article pk, with the
// statements prepared for them.
func (s *Store) insertLayers(ctx context.Context, tx *sql.Tx, pk int64, d *dyad.Doc) error {
	var stmts [sqlstore.NumTables]*sql.Stmt // of tx, made when first used
	return sqlstore.Insert(pk, d, nil, func(t sqlstore.Table, args ...any) error {
		if stmts[t] == nil {
			stmts[t] = tx.StmtContext(ctx, s.inserts[t])
		}
		_, err := stmts[t].ExecContext(ctx, args...)
		return err
	})
}
