package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// querier is what reading needs of a *sql.Tx or *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Doc loads the article id with its text and every layer; see dyad.Store.
func (s *Store) Doc(ctx context.Context, id string) (*dyad.Doc, error) {
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, unavailable(err))
	}
	defer tx.Rollback()
	d, err := sqlstore.LoadDoc(ctx, sqlstore.Question, eachOf(tx), id)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, unavailable(err))
	}
	return d, nil
}

// each runs query and calls scan for each row.
func each(ctx context.Context, q querier, scan func(sqlstore.Row) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	return scanAll(rows, err, scan)
}

// eachOf returns each over q.
func eachOf(q querier) sqlstore.Each {
	return func(ctx context.Context, scan func(sqlstore.Row) error, query string, args ...any) error {
		return each(ctx, q, scan, query, args...)
	}
}

// scanAll calls scan for each of rows, the result of a query that failed
// with err unless it is nil, and closes them.
func scanAll(rows *sql.Rows, err error, scan func(sqlstore.Row) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.EachRow(rows, scan)
}
