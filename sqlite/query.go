package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// dialect is how this package writes the conditions of filters.
var dialect = sqlstore.Dialect{
	Style:     sqlstore.Question,
	Article:   func(t string) string { return t + ".article = (SELECT pk FROM articles WHERE id = ?)" },
	EqualFold: func(col string) string { return col + " = ? COLLATE NOCASE" },
}

// articleText adds a full-text condition on the article pk column col.
func articleText(w *sqlstore.Where, col, text string) {
	if text != "" {
		w.Add(col+" IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", ftsQuery(text))
	}
}

// ftsQuery turns a user's search into an FTS5 query: every term of
// dyad.SearchTerms as a quoted string, all required. Quoting makes FTS5's own
// operators plain words.
func ftsQuery(text string) string {
	terms := dyad.SearchTerms(text)
	for i, t := range terms {
		terms[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(terms, " AND ")
}

// Articles lists article metadata; see dyad.Store.
func (s *Store) Articles(ctx context.Context, f dyad.ArticleFilter) ([]dyad.ArticleRecord, error) {
	w, err := dialect.ArticleWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	articleText(w, "a.pk", f.Text)
	n, _ := f.Size()
	query := `SELECT ` + sqlstore.ArticleRecordCols("length(CAST(a.text AS BLOB))") + ` FROM articles a` +
		w.String() + ` ORDER BY a.pk LIMIT ?`
	out, err := sqlstore.Collect(ctx, eachOf(s.r), sqlstore.ScanArticleRecord, nil, query, append(w.Args, n)...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", unavailable(err))
	}
	return out, nil
}

// events is the table of dyad.Event records.
var events = table{name: "events", alias: "e", scan: "NOT INDEXED"}

// Events lists events; see dyad.Store.
func (s *Store) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.EventRecord, error) {
	l, ok, err := eventListing(f)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	if !ok {
		return nil, nil
	}
	return list(ctx, s, "list events", l, sqlstore.ScanEventRecord, nil)
}

// list runs the listing l and returns the records scan makes of its rows.
// With inner, it reads their inner rows too, with one statement prepared
// for the page, in the read transaction of the listing. Errors are wrapped
// with op.
func list[R any](ctx context.Context, s *Store, op string, l *listing,
	scan func(sqlstore.Row, *R, *sqlstore.Key) error, inner *sqlstore.Inner[R]) ([]R, error) {
	var out []R
	err := s.read(ctx, inner != nil || l.snapshot(), func(q querier) error {
		query, args, ok, err := l.query(ctx, q)
		if err != nil || !ok {
			return err
		}
		if inner == nil {
			out, err = sqlstore.Collect(ctx, eachOf(q), scan, nil, query, args...)
			return err
		}
		var keys []sqlstore.Key
		out, err = sqlstore.Collect(ctx, eachOf(q), scan, &keys, query, args...)
		if err != nil || len(keys) == 0 {
			return err
		}
		st, err := q.PrepareContext(ctx, inner.SQL(sqlstore.Question))
		if err != nil {
			return err
		}
		defer st.Close()
		for i, k := range keys {
			rows, err := st.QueryContext(ctx, k.Article, k.Ord)
			err = scanAll(rows, err, func(row sqlstore.Row) error { return inner.Scan(row, &out[i]) })
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, unavailable(err))
	}
	return out, nil
}

// read runs fn on the readers, in one read transaction when tx is set.
func (s *Store) read(ctx context.Context, tx bool, fn func(q querier) error) error {
	if !tx {
		return fn(s.r)
	}
	t, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer t.Rollback()
	return fn(t)
}

// eventListing returns the listing of the events matching f, or ok false
// when no event can match.
func eventListing(f dyad.EventFilter) (l *listing, ok bool, err error) {
	w, err := dialect.EventWhere(f)
	if err != nil {
		return nil, false, err
	}
	l = &listing{t: events, cols: sqlstore.EventRecordCols, w: *w, keyed: f.Article != ""}
	l.limit, _ = f.Size()
	if f.Text != "" {
		l.in("e.article", true, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ftsQuery(f.Text))
	}

	// The drivers, in order of preference.
	terms, coded := codeTerms(f)
	if coded {
		if len(terms) == 0 {
			return nil, false, nil
		}
		var d driver
		for _, t := range terms {
			var routes []route
			if t.source != "" {
				routes = append(routes, route{index: "events_source_order", col: "source_code", span: prefixSpan(t.source)})
			}
			if t.target != "" {
				routes = append(routes, route{index: "events_target_order", col: "target_code", span: prefixSpan(t.target)})
			}
			d.terms = append(d.terms, routes)
		}
		l.drivers = append(l.drivers, d)
	}
	if f.CAMEO != "" {
		l.drivers = append(l.drivers, one(route{index: "events_cameo_order", col: "cameo", span: prefixSpan(f.CAMEO)}))
	}
	if f.Modality != "" {
		l.drivers = append(l.drivers, one(route{index: "events_modality_order", col: "modality", vals: []any{string(f.Modality)}}))
	}
	if f.QuadClass != 0 {
		l.drivers = append(l.drivers, one(route{index: "events_quad_order", col: "quad_class", vals: []any{f.QuadClass}}))
	}
	if f.From != "" || f.To != "" {
		l.drivers = append(l.drivers, one(route{index: "events_day_order", col: "day", span: dateSpan(f.From, f.To)}))
	}
	return l, true, nil
}

// codeTerm is one way for an event to match the actor codes of a filter:
// its source code begins with source and its target code with target ("":
// any).
type codeTerm struct{ source, target string }

// codeTerms returns the actor-code filters of f (Actor, Source, Target,
// Dyad) as a disjunction of terms, and whether f has any. No terms means no
// event can match.
func codeTerms(f dyad.EventFilter) ([]codeTerm, bool) {
	terms := []codeTerm{{}}
	coded := false
	and := func(alts ...codeTerm) {
		coded = true
		var out []codeTerm
		for _, t := range terms {
			for _, a := range alts {
				src, ok1 := narrower(t.source, a.source)
				tgt, ok2 := narrower(t.target, a.target)
				c := codeTerm{src, tgt}
				if ok1 && ok2 && !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
		terms = out
	}
	if f.Actor != "" {
		and(codeTerm{source: f.Actor}, codeTerm{target: f.Actor})
	}
	if f.Source != "" {
		and(codeTerm{source: f.Source})
	}
	if f.Target != "" {
		and(codeTerm{target: f.Target})
	}
	if f.Dyad[0] != "" {
		and(codeTerm{f.Dyad[0], f.Dyad[1]}, codeTerm{f.Dyad[1], f.Dyad[0]})
	}
	return terms, coded
}

// narrower returns the prefix that a code must have to begin with both a
// and b ("" is no condition), and false when no code can.
func narrower(a, b string) (string, bool) {
	switch {
	case strings.HasPrefix(a, b):
		return a, true
	case strings.HasPrefix(b, a):
		return b, true
	}
	return "", false
}

// quotes is the table of dyad.Quote records: a rowid table (for its
// full-text index) whose UNIQUE (article, ord) index gives paging order.
var quotes = table{name: "quotes", alias: "q", rowid: "qk"}

// Quotes lists quotations; see dyad.Store.
func (s *Store) Quotes(ctx context.Context, f dyad.QuoteFilter) ([]dyad.QuoteRecord, error) {
	l, err := quoteListing(f)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	return list(ctx, s, "list quotes", l, sqlstore.ScanQuoteRecord, nil)
}

// quoteListing returns the listing of the quotations matching f.
func quoteListing(f dyad.QuoteFilter) (*listing, error) {
	w, err := dialect.QuoteWhere(f)
	if err != nil {
		return nil, err
	}
	l := &listing{t: quotes, cols: sqlstore.QuoteRecordCols, w: *w, keyed: f.Article != ""}
	l.limit, _ = f.Size()
	if f.Text != "" {
		l.in("q.qk", false, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", ftsQuery(f.Text))
	}
	published(l, "q.article", f.Dates)
	if f.Speaker != "" {
		l.drivers = append(l.drivers, driver{terms: [][]route{
			{{index: "quotes_speaker_code_order", col: "speaker_code", span: prefixSpan(f.Speaker)}},
			{{index: "quotes_speaker_name_order", col: "speaker_name", collate: " COLLATE NOCASE", vals: []any{f.Speaker}}},
		}})
	}
	return l, nil
}

// published adds the condition that the article (its pk in col) was
// published within d.
func published(l *listing, col string, d dyad.Dates) {
	var w sqlstore.Where
	w.Dates("published", d)
	if len(w.Conds) > 0 {
		l.in(col, true, "SELECT pk FROM articles"+w.String(), w.Args...)
	}
}

// votes is the table of dyad.Vote records.
var votes = table{name: "votes", alias: "v", scan: "NOT INDEXED"}

// Votes lists roll-call votes with their positions; see dyad.Store.
func (s *Store) Votes(ctx context.Context, f dyad.VoteFilter) ([]dyad.VoteRecord, error) {
	l, err := voteListing(f)
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	return list(ctx, s, "list votes", l, sqlstore.ScanVoteRecord, sqlstore.VotePositions)
}

// voteListing returns the listing of the votes matching f.
func voteListing(f dyad.VoteFilter) (*listing, error) {
	w, err := dialect.VoteWhere(f)
	if err != nil {
		return nil, err
	}
	l := &listing{t: votes, cols: sqlstore.VoteRecordCols, w: *w, keyed: f.Article != ""}
	l.limit, _ = f.Size()
	if f.Text != "" {
		l.in("v.article", true, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ftsQuery(f.Text))
	}
	if f.Body != "" {
		l.drivers = append(l.drivers, one(route{index: "votes_body_order", col: "body", span: prefixSpan(f.Body)}))
	}
	if f.From != "" || f.To != "" {
		l.drivers = append(l.drivers, one(route{index: "votes_day_order", col: "day", span: dateSpan(f.From, f.To)}))
	}
	return l, nil
}

// actors is the table of dyad.Actor records.
var actors = table{name: "actors", alias: "ac", scan: "NOT INDEXED"}

// Actors lists the actors of articles with their mentions; see dyad.Store.
func (s *Store) Actors(ctx context.Context, f dyad.ActorFilter) ([]dyad.ActorRecord, error) {
	l, err := actorListing(f)
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	return list(ctx, s, "list actors", l, sqlstore.ScanActorRecord, sqlstore.ActorMentions)
}

// actorListing returns the listing of the actors matching f.
func actorListing(f dyad.ActorFilter) (*listing, error) {
	w, err := dialect.ActorWhere(f)
	if err != nil {
		return nil, err
	}
	l := &listing{t: actors, cols: sqlstore.ActorRecordCols, w: *w, keyed: f.Article != ""}
	l.limit, _ = f.Size()
	published(l, "ac.article", f.Dates)
	if f.Code != "" {
		l.drivers = append(l.drivers, one(route{index: "actors_code_order", col: "code", span: prefixSpan(f.Code)}))
	}
	if f.Name != "" {
		l.drivers = append(l.drivers, one(route{index: "actors_name_order", col: "name", collate: " COLLATE NOCASE",
			vals: []any{f.Name}}))
	}
	if f.Kind != "" {
		l.drivers = append(l.drivers, one(route{index: "actors_kind_order", col: "kind", vals: []any{string(f.Kind)}}))
	}
	return l, nil
}

// Stats counts what is stored; see dyad.Store.
func (s *Store) Stats(ctx context.Context) (dyad.Stats, error) {
	var st dyad.Stats
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("stats: %w", unavailable(err))
	}
	defer tx.Rollback()
	var first, last sql.NullString
	var pages, pageSize int64
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM sentences), (SELECT count(*) FROM actors),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM events), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM amounts), (SELECT count(*) FROM votes),
		(SELECT min(published) FROM articles WHERE published <> ''),
		(SELECT max(published) FROM articles WHERE published <> ''),
		(SELECT user_version FROM pragma_user_version), (SELECT page_count FROM pragma_page_count),
		(SELECT page_size FROM pragma_page_size)`).Scan(&st.Articles, &st.Sentences, &st.Actors,
		&st.Mentions, &st.Events, &st.Claims, &st.Quotes, &st.Amounts, &st.Votes, &first, &last,
		&st.Schema, &pages, &pageSize)
	if err != nil {
		return st, fmt.Errorf("stats: %w", unavailable(err))
	}
	st.First, st.Last = first.String, last.String
	st.Bytes = pages * pageSize
	return st, nil
}
