package postgres

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/jackc/pgx/v5"
)

// querier is what reading needs of a pgx.Tx or the pool.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// snapshot is the transaction of a read that takes several queries: every
// query sees the same committed state.
var snapshot = pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}

// read runs f in a snapshot transaction.
func (s *Store) read(ctx context.Context, f func(tx pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, snapshot, f)
}

// Doc loads the article id with its text and every layer; see dyad.Store.
func (s *Store) Doc(ctx context.Context, id string) (*dyad.Doc, error) {
	var d *dyad.Doc
	err := s.read(ctx, func(tx pgx.Tx) error {
		var err error
		d, err = sqlstore.LoadDoc(ctx, sqlstore.Dollar, eachOf(tx), id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, classify(err))
	}
	return d, nil
}

// each runs query and calls scan for each row.
func each(ctx context.Context, q querier, scan func(sqlstore.Row) error, query string, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.EachRow(rows, scan)
}

// eachOf returns each over q.
func eachOf(q querier) sqlstore.Each {
	return func(ctx context.Context, scan func(sqlstore.Row) error, query string, args ...any) error {
		return each(ctx, q, scan, query, args...)
	}
}
