package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// Bits of articles.nils, actors.nils, claims.nils and votes.nils: which
// slices of the stored value were nil rather than empty, so that a loaded Doc
// equals the one stored.
const (
	nilSentences = 1 << iota
	nilActors
	nilEvents
	nilClaims
	nilQuotes
	nilAmounts
	nilVotes
)

// nilInner is the bit of actors.nils (Mentions), claims.nils (Stances) and
// votes.nils (Positions).
const nilInner = 1

// Put stores d in one transaction; see dyad.Store.
func (s *Store) Put(ctx context.Context, d *dyad.Doc) (string, bool, error) {
	if err := check(d); err != nil {
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
		if err := check(d); err != nil {
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
	err := tx.StmtContext(ctx, s.inserts[selStored]).QueryRowContext(ctx, hash, nullable(d.Article.URL)).Scan(&id)
	switch {
	case err == nil:
		return id, 0, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", 0, fmt.Errorf("put: %w", unavailable(err))
	}
	ids := []string{d.Article.ID}
	if d.Article.ID == "" {
		// The short id of a recoded article may be that of its old text.
		ids = []string{dyad.ArticleID(hash), "a" + hash}
	}
	warnings, _ := json.Marshal(d.Warnings)
	a := d.Article
	for _, cand := range ids {
		// The text and URL are new (checked above), so a conflict can only
		// be on the id: then try the next.
		res, err := tx.StmtContext(ctx, s.inserts[insArticle]).ExecContext(ctx,
			cand, hash, nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			string(warnings), docNils(d), d.Text)
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
	if err := check(d); err != nil {
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
		pk, hash, nullable(d.Article.URL)).Scan(&other)
	if err == nil {
		return fmt.Errorf("replace %s: %w: its text or URL is that of article %s", id, dyad.ErrConflict, other)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("replace %s: %w", id, unavailable(err))
	}
	for _, table := range childTables {
		// The table names are constants of this package.
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE article = ?`, pk); err != nil {
			return fmt.Errorf("replace %s: %w", id, unavailable(err))
		}
	}
	warnings, _ := json.Marshal(d.Warnings)
	a := d.Article
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET hash = ?, url = ?, source = ?, title = ?,
		published = ?, dateline = ?, license = ?, warnings = ?, nils = ?, text = ? WHERE pk = ?`,
		hash, nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
		string(warnings), docNils(d), d.Text, pk); err != nil {
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

// childTables are the tables of annotation layers, keyed by article.
var childTables = []string{"sentences", "actors", "mentions", "events", "claims", "stances",
	"quotes", "amounts", "votes", "positions"}

// check rejects what cannot be stored.
func check(d *dyad.Doc) error {
	if d == nil {
		return fmt.Errorf("%w: nil doc", dyad.ErrInvalid)
	}
	if strings.TrimSpace(d.Text) == "" {
		return fmt.Errorf("%w: article has no text", dyad.ErrInvalid)
	}
	return nil
}

// nullable maps "" to NULL, so that UNIQUE ignores unknown URLs.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func docNils(d *dyad.Doc) int {
	n := 0
	set := func(bit int, isNil bool) {
		if isNil {
			n |= bit
		}
	}
	set(nilSentences, d.Sentences == nil)
	set(nilActors, d.Actors == nil)
	set(nilEvents, d.Events == nil)
	set(nilClaims, d.Claims == nil)
	set(nilQuotes, d.Quotes == nil)
	set(nilAmounts, d.Amounts == nil)
	set(nilVotes, d.Votes == nil)
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// day is the date a record is filtered by: its own, else the article's.
func day(date, published string) string {
	if date != "" {
		return date
	}
	return published
}

// The statements that Put runs for every article, prepared once per store.
var insertSQL = [...]string{
	insSentence: `INSERT INTO sentences (article, ord, n, span_start, span_end) VALUES (?, ?, ?, ?, ?)`,
	insActor: `INSERT INTO actors (article, ord, id, name, code, country, sector, kind, office, gender, rule, nils)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insMention: `INSERT INTO mentions (article, actor, ord, sentence, span_start, span_end, text, code, rule)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insEvent: `INSERT INTO events (article, ord, id, sentence, source_actor, source_code,
			target_actor, target_code, cameo, cameo_name, goldstein, quad_class, plover_type, plover_mode,
			modality, date, precision, located, place, place_country, lat, lon, attributed_to, claim, rule,
			span_start, span_end, day)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insClaim:  `INSERT INTO claims (article, ord, id, source, target, cameo, event, nils) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	insStance: `INSERT INTO stances (article, claim, ord, actor, code, stance, event) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	insQuote: `INSERT INTO quotes (article, ord, sentence, speaker_actor, speaker_name, speaker_code,
			verb, direct, text, span_start, span_end, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insAmount: `INSERT INTO amounts (article, ord, text, value, low, high, unit, counts, approximate,
			sentence, span_start, span_end, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insVote: `INSERT INTO votes (article, ord, body, body_name, motion, date, place, yes, no, abstain,
			absent, complete_yes, complete_no, complete_abstain, consistent, problems, sentences, rule, day, nils)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	insPosition: `INSERT INTO positions (article, vote, ord, country, position, span_start, span_end)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
	selStored: `SELECT id FROM articles WHERE hash = ? OR url = ? LIMIT 1`,
	insArticle: `INSERT INTO articles
			(id, hash, url, source, title, published, dateline, license, warnings, nils, text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
}

// Indexes of insertSQL.
const (
	insSentence = iota
	insActor
	insMention
	insEvent
	insClaim
	insStance
	insQuote
	insAmount
	insVote
	insPosition
	selStored
	insArticle
)

// insertLayers writes every annotation layer of d for article pk.
func (s *Store) insertLayers(ctx context.Context, tx *sql.Tx, pk int64, d *dyad.Doc) error {
	var err error
	if len(d.Sentences) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insSentence])
		for i, x := range d.Sentences {
			if _, err = st.ExecContext(ctx, pk, i, x.N, x.Start, x.End); err != nil {
				return fmt.Errorf("sentence %d: %w", i+1, err)
			}
		}
	}
	if len(d.Actors) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insActor])
		mt := tx.StmtContext(ctx, s.inserts[insMention])
		for i, x := range d.Actors {
			if _, err = st.ExecContext(ctx, pk, i, x.ID, x.Name, x.Code, x.Country, x.Sector, string(x.Kind),
				x.Office, x.Gender, x.Rule, b2i(x.Mentions == nil)); err != nil {
				return fmt.Errorf("actor %s: %w", x.ID, err)
			}
			for j, m := range x.Mentions {
				if _, err = mt.ExecContext(ctx, pk, i, j, m.Sentence, m.Start, m.End, m.Text, m.Code, m.Rule); err != nil {
					return fmt.Errorf("actor %s mention %d: %w", x.ID, j+1, err)
				}
			}
		}
	}
	if len(d.Events) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insEvent])
		for i, x := range d.Events {
			var loc dyad.Location
			var lat, lon sql.NullFloat64
			if x.Location != nil {
				loc = *x.Location
				if loc.Lat != nil {
					lat = sql.NullFloat64{Float64: *loc.Lat, Valid: true}
				}
				if loc.Lon != nil {
					lon = sql.NullFloat64{Float64: *loc.Lon, Valid: true}
				}
			}
			if _, err = st.ExecContext(ctx, pk, i, x.ID, x.Sentence, x.Source.Actor, x.Source.Code,
				x.Target.Actor, x.Target.Code, x.CAMEO, x.CAMEOName, x.Goldstein, x.QuadClass,
				x.PLOVER.Type, x.PLOVER.Mode, string(x.Modality), x.Date, x.DatePrecision,
				b2i(x.Location != nil), loc.Name, loc.Country, lat, lon, x.AttributedTo, x.Claim, x.Rule,
				x.Span.Start, x.Span.End, day(x.Date, d.Article.Published)); err != nil {
				return fmt.Errorf("event %s: %w", x.ID, err)
			}
		}
	}
	if len(d.Claims) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insClaim])
		sst := tx.StmtContext(ctx, s.inserts[insStance])
		for i, x := range d.Claims {
			p := x.Proposition
			if _, err = st.ExecContext(ctx, pk, i, x.ID, p.Source, p.Target, p.CAMEO, x.Event, b2i(x.Stances == nil)); err != nil {
				return fmt.Errorf("claim %s: %w", x.ID, err)
			}
			for j, y := range x.Stances {
				if _, err = sst.ExecContext(ctx, pk, i, j, y.Actor, y.Code, y.Stance, y.Event); err != nil {
					return fmt.Errorf("claim %s stance %d: %w", x.ID, j+1, err)
				}
			}
		}
	}
	if len(d.Quotes) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insQuote])
		for i, x := range d.Quotes {
			if _, err = st.ExecContext(ctx, pk, i, x.Sentence, x.Speaker.Actor, x.Speaker.Name, x.Speaker.Code,
				x.Verb, b2i(x.Direct), x.Text, x.Span.Start, x.Span.End, x.Rule); err != nil {
				return fmt.Errorf("quote %d: %w", i+1, err)
			}
		}
	}
	if len(d.Amounts) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insAmount])
		for i, x := range d.Amounts {
			if _, err = st.ExecContext(ctx, pk, i, x.Text, x.Value, x.Low, x.High, x.Unit, x.Counts,
				b2i(x.Approximate), x.Sentence, x.Span.Start, x.Span.End, x.Rule); err != nil {
				return fmt.Errorf("amount %d: %w", i+1, err)
			}
		}
	}
	if len(d.Votes) > 0 {
		st := tx.StmtContext(ctx, s.inserts[insVote])
		pst := tx.StmtContext(ctx, s.inserts[insPosition])
		for i, x := range d.Votes {
			problems, _ := json.Marshal(x.Problems)
			sents, _ := json.Marshal(x.Sentences)
			if _, err = st.ExecContext(ctx, pk, i, x.Body, x.BodyName, x.Motion, x.Date, x.Place, x.Yes, x.No,
				x.Abstain, x.Absent, b2i(x.Complete.Yes), b2i(x.Complete.No), b2i(x.Complete.Abstain),
				b2i(x.Consistent), string(problems), string(sents), x.Rule, day(x.Date, d.Article.Published),
				b2i(x.Positions == nil)); err != nil {
				return fmt.Errorf("vote %d: %w", i+1, err)
			}
			for j, p := range x.Positions {
				if _, err = pst.ExecContext(ctx, pk, i, j, p.Country, p.Vote, p.Span.Start, p.Span.End); err != nil {
					return fmt.Errorf("vote %d position %d: %w", i+1, j+1, err)
				}
			}
		}
	}
	return nil
}
