package postgres

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/jackc/pgx/v5"
)

// dialect is how this package writes the conditions of filters: the
// listings join every record with its article (a).
var dialect = sqlstore.Dialect{
	Style:     sqlstore.Dollar,
	Article:   func(string) string { return "a.id = ?" },
	EqualFold: func(col string) string { return "lower(" + col + ") = lower(?)" },
}

// Articles lists article metadata; see dyad.Store.
func (s *Store) Articles(ctx context.Context, f dyad.ArticleFilter) ([]dyad.ArticleRecord, error) {
	w, err := dialect.ArticleWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	search(w, "a.fts", f.Text)
	n, _ := f.Size()
	limit := w.Next(n)
	query := `SELECT ` + sqlstore.ArticleRecordCols("octet_length(a.text)") + ` FROM articles a` + w.String() +
		` ORDER BY a.pk LIMIT ` + limit
	out, err := sqlstore.Collect(ctx, eachOf(s.pool), sqlstore.ScanArticleRecord, nil, query, w.Args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", classify(err))
	}
	return out, nil
}

// table is a table of listed records: its name, the alias of its
// conditions and the columns of a record.
type table struct{ name, alias, cols string }

var (
	events = table{"events", "e", sqlstore.EventRecordCols}
	quotes = table{"quotes", "q", sqlstore.QuoteRecordCols}
	votes  = table{"votes", "v", sqlstore.VoteRecordCols}
	actors = table{"actors", "ac", sqlstore.ActorRecordCols}
)

// list returns the records that scan makes of the rows of t, joined with
// their articles (a), that match w: the page p in (article, ord) order.
// With inner, it reads their inner rows too, in one snapshot. Errors are
// wrapped with op.
func list[R any](ctx context.Context, s *Store, op string, t table, w *sqlstore.Where, p dyad.Page,
	scan func(sqlstore.Row, *R, *sqlstore.Key) error, inner *sqlstore.Inner[R]) ([]R, error) {
	n, _ := p.Size()
	limit := w.Next(n)
	a := t.alias
	query := `SELECT ` + t.cols + ` FROM ` + t.name + ` ` + a + ` JOIN articles a ON a.pk = ` + a + `.article` +
		w.String() + ` ORDER BY ` + a + `.article, ` + a + `.ord LIMIT ` + limit
	var out []R
	var err error
	if inner == nil {
		out, err = sqlstore.Collect(ctx, eachOf(s.pool), scan, nil, query, w.Args...)
	} else {
		err = s.read(ctx, func(tx pgx.Tx) error {
			var keys []sqlstore.Key
			var err error
			out, err = sqlstore.Collect(ctx, eachOf(tx), scan, &keys, query, w.Args...)
			if err != nil {
				return err
			}
			return inner.Fill(ctx, sqlstore.Dollar, eachOf(tx), out, keys)
		})
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, classify(err))
	}
	return out, nil
}

// Events lists events; see dyad.Store.
func (s *Store) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.EventRecord, error) {
	w, err := eventWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return list(ctx, s, "list events", events, w, f.Page, sqlstore.ScanEventRecord, nil)
}

// eventWhere returns the conditions of f over events e joined with their
// articles a.
func eventWhere(f dyad.EventFilter) (*sqlstore.Where, error) {
	w, err := dialect.EventWhere(f)
	if err != nil {
		return nil, err
	}
	search(w, "a.fts", f.Text)
	return w, nil
}

// Quotes lists quotations; see dyad.Store.
func (s *Store) Quotes(ctx context.Context, f dyad.QuoteFilter) ([]dyad.QuoteRecord, error) {
	w, err := dialect.QuoteWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	search(w, "q.fts", f.Text)
	w.Dates("a.published", f.Dates)
	return list(ctx, s, "list quotes", quotes, w, f.Page, sqlstore.ScanQuoteRecord, nil)
}

// Votes lists roll-call votes with their positions; see dyad.Store.
func (s *Store) Votes(ctx context.Context, f dyad.VoteFilter) ([]dyad.VoteRecord, error) {
	w, err := dialect.VoteWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	search(w, "a.fts", f.Text)
	return list(ctx, s, "list votes", votes, w, f.Page, sqlstore.ScanVoteRecord, sqlstore.VotePositions)
}

// Actors lists the actors of articles with their mentions; see dyad.Store.
func (s *Store) Actors(ctx context.Context, f dyad.ActorFilter) ([]dyad.ActorRecord, error) {
	w, err := dialect.ActorWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	w.Dates("a.published", f.Dates)
	return list(ctx, s, "list actors", actors, w, f.Page, sqlstore.ScanActorRecord, sqlstore.ActorMentions)
}

// Stats counts what is stored; see dyad.Store. The counts come from the
// totals the writers keep, so Stats costs the same on any archive.
func (s *Store) Stats(ctx context.Context) (dyad.Stats, error) {
	var st dyad.Stats
	var first, last *string
	err := s.pool.QueryRow(ctx, `SELECT t.articles, t.sentences, t.actors, t.mentions, t.events, t.claims,
		t.quotes, t.amounts, t.votes,
		(SELECT min(published) FROM articles WHERE published <> ''),
		(SELECT max(published) FROM articles WHERE published <> ''),
		(SELECT max(version) FROM schema_migrations), pg_database_size(current_database())
		FROM totals t`).Scan(&st.Articles, &st.Sentences, &st.Actors, &st.Mentions, &st.Events, &st.Claims,
		&st.Quotes, &st.Amounts, &st.Votes, &first, &last, &st.Schema, &st.Bytes)
	if err != nil {
		return st, fmt.Errorf("stats: %w", classify(err))
	}
	if first != nil {
		st.First = *first
	}
	if last != nil {
		st.Last = *last
	}
	return st, nil
}
