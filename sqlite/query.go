package sqlite

import (
	"context"
	"database/sql"
	"fmt"
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
	a, o, ok := strings.Cut(cursor, ".")
	pk, err1 := strconv.ParseInt(a, 10, 64)
	ord, err2 := strconv.Atoi(o)
	if !ok || err1 != nil || err2 != nil {
		return fmt.Errorf("%w: bad cursor %q", dyad.ErrInvalid, cursor)
	}
	w.add("("+articleCol+", "+ordCol+") > (?, ?)", pk, ord)
	return nil
}

func cursor(pk int64, ord int) string {
	return strconv.FormatInt(pk, 10) + "." + strconv.Itoa(ord)
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

// Events lists events; see dyad.Store.
func (s *Store) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.EventRecord, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	var w where
	if err := w.after("e.article", "e.ord", f.After); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
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
		w.add("e.quad_class = ?", f.QuadClass)
	}
	if f.Modality != "" {
		w.add("e.modality = ?", string(f.Modality))
	}
	w.dates("e.day", f.Dates)
	w.articleText("e.article", f.Text)
	n, _ := f.Size()
	var out []dyad.EventRecord
	err := each(ctx, s.r, func(rows *sql.Rows) error {
		var r dyad.EventRecord
		var pk int64
		var ord int
		if err := scanEvent(rows, &r.Event, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = cursor(pk, ord)
		out = append(out, r)
		return nil
	}, `SELECT `+eventCols+`, a.id, a.published, e.article, e.ord FROM events e
		JOIN articles a ON a.pk = e.article`+w.String()+` ORDER BY e.article, e.ord LIMIT ?`, append(w.args, n)...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", unavailable(err))
	}
	return out, nil
}

// Quotes lists quotations; see dyad.Store.
func (s *Store) Quotes(ctx context.Context, f dyad.QuoteFilter) ([]dyad.QuoteRecord, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	var w where
	if err := w.after("q.article", "q.ord", f.After); err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	if f.Speaker != "" {
		c, args := prefix("q.speaker_code", f.Speaker)
		w.add("("+c+" OR q.speaker_name = ? COLLATE NOCASE)", append(args, f.Speaker)...)
	}
	if f.Direct != nil {
		w.add("q.direct = ?", b2i(*f.Direct))
	}
	if f.Text != "" {
		w.add("q.qk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", ftsQuery(f.Text))
	}
	w.dates("a.published", f.Dates)
	n, _ := f.Size()
	var out []dyad.QuoteRecord
	err := each(ctx, s.r, func(rows *sql.Rows) error {
		var r dyad.QuoteRecord
		var pk int64
		var ord int
		if err := scanQuote(rows, &r.Quote, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = cursor(pk, ord)
		out = append(out, r)
		return nil
	}, `SELECT `+quoteCols+`, a.id, a.published, q.article, q.ord FROM quotes q
		JOIN articles a ON a.pk = q.article`+w.String()+` ORDER BY q.article, q.ord LIMIT ?`, append(w.args, n)...)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", unavailable(err))
	}
	return out, nil
}

// Votes lists roll-call votes with their positions; see dyad.Store.
func (s *Store) Votes(ctx context.Context, f dyad.VoteFilter) ([]dyad.VoteRecord, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	var w where
	if err := w.after("v.article", "v.ord", f.After); err != nil {
		return nil, fmt.Errorf("list votes: %w", err)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
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
	w.articleText("v.article", f.Text)
	n, _ := f.Size()
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", unavailable(err))
	}
	defer tx.Rollback()
	var out []dyad.VoteRecord
	var keys [][2]int64
	err = each(ctx, tx, func(rows *sql.Rows) error {
		var r dyad.VoteRecord
		var pk int64
		var ord int
		if err := scanVote(rows, &r.Vote, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = cursor(pk, ord)
		out = append(out, r)
		keys = append(keys, [2]int64{pk, int64(ord)})
		return nil
	}, `SELECT `+voteCols+`, a.id, a.published, v.article, v.ord FROM votes v
		JOIN articles a ON a.pk = v.article`+w.String()+` ORDER BY v.article, v.ord LIMIT ?`, append(w.args, n)...)
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", unavailable(err))
	}
	for i, k := range keys {
		if err := loadPositions(ctx, tx, k[0], int(k[1]), &out[i].Vote); err != nil {
			return nil, fmt.Errorf("list votes: %w", unavailable(err))
		}
	}
	return out, nil
}

// Actors lists the actors of articles with their mentions; see dyad.Store.
func (s *Store) Actors(ctx context.Context, f dyad.ActorFilter) ([]dyad.ActorRecord, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	var w where
	if err := w.after("ac.article", "ac.ord", f.After); err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	w.prefix("ac.code", f.Code)
	if f.Name != "" {
		w.add("ac.name = ? COLLATE NOCASE", f.Name)
	}
	if f.Kind != "" {
		w.add("ac.kind = ?", string(f.Kind))
	}
	w.dates("a.published", f.Dates)
	n, _ := f.Size()
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", unavailable(err))
	}
	defer tx.Rollback()
	var out []dyad.ActorRecord
	var keys [][2]int64
	err = each(ctx, tx, func(rows *sql.Rows) error {
		var r dyad.ActorRecord
		var pk int64
		var ord int
		if err := scanActor(rows, &r.Actor, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = cursor(pk, ord)
		out = append(out, r)
		keys = append(keys, [2]int64{pk, int64(ord)})
		return nil
	}, `SELECT `+actorCols+`, a.id, a.published, ac.article, ac.ord FROM actors ac
		JOIN articles a ON a.pk = ac.article`+w.String()+` ORDER BY ac.article, ac.ord LIMIT ?`, append(w.args, n)...)
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", unavailable(err))
	}
	for i, k := range keys {
		if err := loadMentions(ctx, tx, k[0], int(k[1]), &out[i].Actor); err != nil {
			return nil, fmt.Errorf("list actors: %w", unavailable(err))
		}
	}
	return out, nil
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
