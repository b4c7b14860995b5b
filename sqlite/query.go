package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
)

// where collects the conditions of a query. Every condition is a constant of
// this package; every value from a filter is a parameter.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// maxRune sorts after every character a code may hold, so code >= p AND
// code < p+maxRune selects the codes that begin with p, using the index.
const maxRune = "\U0010FFFF"

// prefix returns the condition "col starts with p" for a constant column.
func prefix(col, p string) (string, []any) {
	return "(" + col + " >= ? AND " + col + " < ?)", []any{p, p + maxRune}
}

func (w *where) prefix(col, p string) {
	if p != "" {
		c, args := prefix(col, p)
		w.add(c, args...)
	}
}

// dates adds the range condition over the constant column col.
func (w *where) dates(col string, d dyad.Dates) {
	if d.From == "" && d.To == "" {
		return
	}
	w.add(col + " <> ''")
	if d.From != "" {
		w.add(col+" >= ?", d.From)
	}
	if d.To != "" {
		w.add(col+" <= ?", d.To)
	}
}

// articleText adds a full-text condition on the article pk column col.
func (w *where) articleText(col, text string) {
	if text != "" {
		w.add(col+" IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", ftsQuery(text))
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

// after adds the cursor condition for records keyed (article, ord).
func (w *where) after(articleCol, ordCol, cursor string) error {
	if cursor == "" {
		return nil
	}
	pk, ord, err := dyad.ParseCursor(cursor)
	if err != nil {
		return err
	}
	w.add("("+articleCol+", "+ordCol+") > (?, ?)", pk, ord)
	return nil
}

// Articles lists article metadata; see dyad.Store.
func (s *Store) Articles(ctx context.Context, f dyad.ArticleFilter) ([]dyad.ArticleRecord, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	var w where
	if f.After != "" {
		pk, err := strconv.ParseInt(f.After, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w: bad cursor %q", dyad.ErrInvalid, f.After)
		}
		w.add("a.pk > ?", pk)
	}
	if f.Source != "" {
		w.add("a.source = ?", f.Source)
	}
	if f.URL != "" {
		w.add("a.url = ?", f.URL)
	}
	w.dates("a.published", f.Dates)
	w.articleText("a.pk", f.Text)
	n, _ := f.Size()
	var out []dyad.ArticleRecord
	err := each(ctx, s.r, func(rows *sql.Rows) error {
		var r dyad.ArticleRecord
		var pk int64
		var url sql.NullString
		a := &r.Article
		if err := rows.Scan(&pk, &a.ID, &url, &a.Source, &a.Title, &a.Published, &a.Dateline, &a.License,
			&r.Hash, &r.Length); err != nil {
			return err
		}
		a.URL = url.String
		r.Cursor = strconv.FormatInt(pk, 10)
		out = append(out, r)
		return nil
	}, `SELECT a.pk, a.id, a.url, a.source, a.title, a.published, a.dateline, a.license, a.hash,
		length(CAST(a.text AS BLOB)) FROM articles a`+w.String()+` ORDER BY a.pk LIMIT ?`, append(w.args, n)...)
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
	var out []dyad.EventRecord
	err = s.read(ctx, l.snapshot(), func(q querier) error {
		query, args, ok, err := l.query(ctx, q)
		if err != nil || !ok {
			return err
		}
		return each(ctx, q, func(rows *sql.Rows) error {
			var r dyad.EventRecord
			var pk int64
			var ord int
			if err := scanEvent(rows, &r.Event, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
				return err
			}
			r.Cursor = dyad.FormatCursor(pk, ord)
			out = append(out, r)
			return nil
		}, query, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("list events: %w", unavailable(err))
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
	if err := f.Validate(); err != nil {
		return nil, false, err
	}
	l = &listing{t: events, cols: eventCols + ", a.id, a.published, e.article, e.ord"}
	l.limit, _ = f.Size()
	w := &l.w
	if err := w.after("e.article", "e.ord", f.After); err != nil {
		return nil, false, err
	}
	if f.Article != "" {
		w.add("e.article = (SELECT pk FROM articles WHERE id = ?)", f.Article)
		l.keyed = true
	}
	if f.Actor != "" {
		c1, a1 := prefix("e.source_code", f.Actor)
		c2, a2 := prefix("e.target_code", f.Actor)
		w.add("("+c1+" OR "+c2+")", append(a1, a2...)...)
	}
	w.prefix("e.source_code", f.Source)
	w.prefix("e.target_code", f.Target)
	if f.Dyad[0] != "" {
		s1, a1 := prefix("e.source_code", f.Dyad[0])
		t1, a2 := prefix("e.target_code", f.Dyad[1])
		s2, a3 := prefix("e.source_code", f.Dyad[1])
		t2, a4 := prefix("e.target_code", f.Dyad[0])
		args := append(append(append(a1, a2...), a3...), a4...)
		w.add("(("+s1+" AND "+t1+") OR ("+s2+" AND "+t2+"))", args...)
	}
	w.prefix("e.cameo", f.CAMEO)
	if f.QuadClass != 0 {
		w.add(quadCond, f.QuadClass)
	}
	if f.Modality != "" {
		w.add(modalityCond, string(f.Modality))
	}
	w.dates("e.day", f.Dates)
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

// The conditions of an event filter's quad class and modality (see count).
const (
	quadCond     = "e.quad_class = ?"
	modalityCond = "e.modality = ?"
)

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
	var out []dyad.QuoteRecord
	err = s.read(ctx, l.snapshot(), func(q querier) error {
		query, args, ok, err := l.query(ctx, q)
		if err != nil || !ok {
			return err
		}
		return each(ctx, q, func(rows *sql.Rows) error {
			var r dyad.QuoteRecord
			var pk int64
			var ord int
			if err := scanQuote(rows, &r.Quote, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
				return err
			}
			r.Cursor = dyad.FormatCursor(pk, ord)
			out = append(out, r)
			return nil
		}, query, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", unavailable(err))
	}
	return out, nil
}

// quoteListing returns the listing of the quotations matching f.
func quoteListing(f dyad.QuoteFilter) (*listing, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	l := &listing{t: quotes, cols: quoteCols + ", a.id, a.published, q.article, q.ord"}
	l.limit, _ = f.Size()
	w := &l.w
	if err := w.after("q.article", "q.ord", f.After); err != nil {
		return nil, err
	}
	if f.Article != "" {
		w.add("q.article = (SELECT pk FROM articles WHERE id = ?)", f.Article)
		l.keyed = true
	}
	if f.Speaker != "" {
		c, args := prefix("q.speaker_code", f.Speaker)
		w.add("("+c+" OR q.speaker_name = ? COLLATE NOCASE)", append(args, f.Speaker)...)
	}
	if f.Direct != nil {
		w.add("q.direct = ?", b2i(*f.Direct))
	}
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
	var w where
	w.dates("published", d)
	if len(w.conds) > 0 {
		l.in(col, true, "SELECT pk FROM articles"+w.String(), w.args...)
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
	var out []dyad.VoteRecord
	err = s.read(ctx, true, func(q querier) error {
		query, args, ok, err := l.query(ctx, q)
		if err != nil || !ok {
			return err
		}
		var keys [][2]int64
		err = each(ctx, q, func(rows *sql.Rows) error {
			var r dyad.VoteRecord
			var pk int64
			var ord int
			if err := scanVote(rows, &r.Vote, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
				return err
			}
			r.Cursor = dyad.FormatCursor(pk, ord)
			out = append(out, r)
			keys = append(keys, [2]int64{pk, int64(ord)})
			return nil
		}, query, args...)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		st, err := q.PrepareContext(ctx, positionsSQL)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, k := range keys {
			if err := loadPositions(ctx, st, k[0], int(k[1]), &out[i].Vote); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", unavailable(err))
	}
	return out, nil
}

// voteListing returns the listing of the votes matching f.
func voteListing(f dyad.VoteFilter) (*listing, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	l := &listing{t: votes, cols: voteCols + ", a.id, a.published, v.article, v.ord"}
	l.limit, _ = f.Size()
	w := &l.w
	if err := w.after("v.article", "v.ord", f.After); err != nil {
		return nil, err
	}
	if f.Article != "" {
		w.add("v.article = (SELECT pk FROM articles WHERE id = ?)", f.Article)
		l.keyed = true
	}
	w.prefix("v.body", f.Body)
	switch {
	case f.Position != "":
		w.add(`EXISTS (SELECT 1 FROM positions p WHERE p.article = v.article AND p.vote = v.ord
			AND p.country = ? AND p.position = ?)`, f.Country, f.Position)
	case f.Country != "":
		w.add(`EXISTS (SELECT 1 FROM positions p WHERE p.article = v.article AND p.vote = v.ord
			AND p.country = ?)`, f.Country)
	}
	w.dates("v.day", f.Dates)
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
	var out []dyad.ActorRecord
	err = s.read(ctx, true, func(q querier) error {
		query, args, ok, err := l.query(ctx, q)
		if err != nil || !ok {
			return err
		}
		var keys [][2]int64
		err = each(ctx, q, func(rows *sql.Rows) error {
			var r dyad.ActorRecord
			var pk int64
			var ord int
			if err := scanActor(rows, &r.Actor, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
				return err
			}
			r.Cursor = dyad.FormatCursor(pk, ord)
			out = append(out, r)
			keys = append(keys, [2]int64{pk, int64(ord)})
			return nil
		}, query, args...)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		st, err := q.PrepareContext(ctx, mentionsSQL)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, k := range keys {
			if err := loadMentions(ctx, st, k[0], int(k[1]), &out[i].Actor); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", unavailable(err))
	}
	return out, nil
}

// actorListing returns the listing of the actors matching f.
func actorListing(f dyad.ActorFilter) (*listing, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	l := &listing{t: actors, cols: actorCols + ", a.id, a.published, ac.article, ac.ord"}
	l.limit, _ = f.Size()
	w := &l.w
	if err := w.after("ac.article", "ac.ord", f.After); err != nil {
		return nil, err
	}
	if f.Article != "" {
		w.add("ac.article = (SELECT pk FROM articles WHERE id = ?)", f.Article)
		l.keyed = true
	}
	w.prefix("ac.code", f.Code)
	if f.Name != "" {
		w.add("ac.name = ? COLLATE NOCASE", f.Name)
	}
	if f.Kind != "" {
		w.add("ac.kind = ?", string(f.Kind))
	}
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
