package postgres

import (
	"context"
	"fmt"
	"strconv"

	"github.com/dyadhq/dyad"
	"github.com/jackc/pgx/v5"
)

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
	w.search("a.fts", f.Text)
	n, _ := f.Size()
	limit := w.next(n)
	var out []dyad.ArticleRecord
	err := each(ctx, s.pool, func(rows pgx.Rows) error {
		var r dyad.ArticleRecord
		var pk int64
		var url *string
		a := &r.Article
		if err := rows.Scan(&pk, &a.ID, &url, &a.Source, &a.Title, &a.Published, &a.Dateline, &a.License,
			&r.Hash, &r.Length); err != nil {
			return err
		}
		if url != nil {
			a.URL = *url
		}
		r.Cursor = strconv.FormatInt(pk, 10)
		out = append(out, r)
		return nil
	}, `SELECT a.pk, a.id, a.url, a.source, a.title, a.published, a.dateline, a.license, a.hash,
		octet_length(a.text) FROM articles a`+w.String()+` ORDER BY a.pk LIMIT `+limit, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", classify(err))
	}
	return out, nil
}

// Events lists events; see dyad.Store.
func (s *Store) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.EventRecord, error) {
	w, err := eventWhere(f)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	if err := w.after("e.article", "e.ord", f.After); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	n, _ := f.Size()
	limit := w.next(n)
	var out []dyad.EventRecord
	err = each(ctx, s.pool, func(rows pgx.Rows) error {
		var r dyad.EventRecord
		var pk int64
		var ord int
		if err := scanEvent(rows, &r.Event, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = dyad.FormatCursor(pk, ord)
		out = append(out, r)
		return nil
	}, `SELECT `+eventCols+`, a.id, a.published, e.article, e.ord FROM events e
		JOIN articles a ON a.pk = e.article`+w.String()+` ORDER BY e.article, e.ord LIMIT `+limit, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", classify(err))
	}
	return out, nil
}

// eventWhere returns the conditions of f but its page, over events e
// joined with their articles a.
func eventWhere(f dyad.EventFilter) (*where, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	w := &where{}
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
	w.search("a.fts", f.Text)
	return w, nil
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
		w.add("("+c+" OR lower(q.speaker_name) = lower(?))", append(args, f.Speaker)...)
	}
	if f.Direct != nil {
		w.add("q.direct = ?", *f.Direct)
	}
	w.search("q.fts", f.Text)
	w.dates("a.published", f.Dates)
	n, _ := f.Size()
	limit := w.next(n)
	var out []dyad.QuoteRecord
	err := each(ctx, s.pool, func(rows pgx.Rows) error {
		var r dyad.QuoteRecord
		var pk int64
		var ord int
		if err := scanQuote(rows, &r.Quote, &r.ArticleID, &r.Published, &pk, &ord); err != nil {
			return err
		}
		r.Cursor = dyad.FormatCursor(pk, ord)
		out = append(out, r)
		return nil
	}, `SELECT `+quoteCols+`, a.id, a.published, q.article, q.ord FROM quotes q
		JOIN articles a ON a.pk = q.article`+w.String()+` ORDER BY q.article, q.ord LIMIT `+limit, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", classify(err))
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
	w.search("a.fts", f.Text)
	n, _ := f.Size()
	limit := w.next(n)
	var out []dyad.VoteRecord
	err := s.read(ctx, func(tx pgx.Tx) error {
		out = nil
		var keys [][2]int64
		err := each(ctx, tx, func(rows pgx.Rows) error {
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
		}, `SELECT `+voteCols+`, a.id, a.published, v.article, v.ord FROM votes v
			JOIN articles a ON a.pk = v.article`+w.String()+` ORDER BY v.article, v.ord LIMIT `+limit, w.args...)
		if err != nil {
			return err
		}
		for i, k := range keys {
			if err := loadPositions(ctx, tx, k[0], int(k[1]), &out[i].Vote); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list votes: %w", classify(err))
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
		w.add("lower(ac.name) = lower(?)", f.Name)
	}
	if f.Kind != "" {
		w.add("ac.kind = ?", string(f.Kind))
	}
	w.dates("a.published", f.Dates)
	n, _ := f.Size()
	limit := w.next(n)
	var out []dyad.ActorRecord
	err := s.read(ctx, func(tx pgx.Tx) error {
		out = nil
		var keys [][2]int64
		err := each(ctx, tx, func(rows pgx.Rows) error {
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
		}, `SELECT `+actorCols+`, a.id, a.published, ac.article, ac.ord FROM actors ac
			JOIN articles a ON a.pk = ac.article`+w.String()+` ORDER BY ac.article, ac.ord LIMIT `+limit, w.args...)
		if err != nil {
			return err
		}
		for i, k := range keys {
			if err := loadMentions(ctx, tx, k[0], int(k[1]), &out[i].Actor); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", classify(err))
	}
	return out, nil
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
