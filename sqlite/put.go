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
	hash := dyad.ContentHash(d.Text)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return "", false, fmt.Errorf("put: %w", unavailable(err))
	}
	defer tx.Rollback()

	var id string
	err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ? OR url = ? LIMIT 1`,
		hash, nullable(d.Article.URL)).Scan(&id)
	switch {
	case err == nil:
		return id, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", false, fmt.Errorf("put: %w", unavailable(err))
	}
	ids := []string{d.Article.ID}
	if d.Article.ID == "" {
		// The short id of a recoded article may be that of its old text.
		ids = []string{dyad.ArticleID(hash), "a" + hash}
	}
	id = ""
	for _, cand := range ids {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, cand).Scan(&taken); err != nil {
			return "", false, fmt.Errorf("put: %w", unavailable(err))
		}
		if taken == 0 {
			id = cand
			break
		}
	}
	if id == "" {
		return "", false, fmt.Errorf("put: %w: article id %q is taken by another article", dyad.ErrConflict, ids[0])
	}
	warnings, _ := json.Marshal(d.Warnings)
	a := d.Article
	res, err := tx.ExecContext(ctx, `INSERT INTO articles
		(id, hash, url, source, title, published, dateline, license, warnings, nils, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, hash, nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
		string(warnings), docNils(d), d.Text)
	if err != nil {
		return "", false, fmt.Errorf("put: %w", unavailable(err))
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return "", false, fmt.Errorf("put: %w", err)
	}
	if err := s.insertLayers(ctx, tx, pk, d); err != nil {
		return "", false, fmt.Errorf("put %s: %w", id, unavailable(err))
	}
	if err := tx.Commit(); err != nil {
		return "", false, fmt.Errorf("put %s: %w", id, unavailable(err))
	}
	return id, true, nil
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

// The insert statements of the annotation layers, prepared once per store.
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
