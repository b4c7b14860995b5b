package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/jackc/pgx/v5"
)

// Bits of articles.nils, actors.nils, claims.nils and votes.nils: which
// slices of the stored value were nil rather than empty, so that a loaded Doc
// equals the one stored. The same bits as package sqlite.
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

// Put stores d in one transaction; see dyad.Store. A redelivered or repeated
// Put of the same text (or URL) writes nothing and returns the stored id.
func (s *Store) Put(ctx context.Context, d *dyad.Doc) (string, bool, error) {
	if err := check(d); err != nil {
		return "", false, fmt.Errorf("put: %w", err)
	}
	var (
		id    string
		added bool
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		var err error
		id, added, err = put(ctx, tx, d)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("put: %w", classify(err))
	}
	return id, added, nil
}

// PutMany stores docs in one transaction; see dyad.Store. Each document is
// written under a savepoint, so that one refused with ErrInvalid or
// ErrConflict leaves nothing behind while the others are stored.
func (s *Store) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	res := make([]dyad.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		clear(res)
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		for i, d := range docs {
			if err := check(d); err != nil {
				res[i].Err = fmt.Errorf("put: %w", err)
				continue
			}
			err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error { // a savepoint
				var err error
				res[i].ID, res[i].Added, err = put(ctx, sp, d)
				return err
			})
			if err != nil {
				err = classify(err)
				if !errors.Is(err, dyad.ErrConflict) && !errors.Is(err, dyad.ErrInvalid) {
					return err
				}
				res[i] = dyad.PutResult{Err: fmt.Errorf("put: %w", err)}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("put: %w", classify(err))
	}
	return res, nil
}

// put writes d in tx, which holds the write lock, unless an article with
// its text or URL is stored: the body of Put and PutMany.
func put(ctx context.Context, tx pgx.Tx, d *dyad.Doc) (string, bool, error) {
	hash := dyad.ContentHash(d.Text)
	if found, err := existing(ctx, tx, hash, d.Article.URL); err != nil || found != "" {
		return found, false, err
	}
	ids := []string{d.Article.ID}
	if d.Article.ID == "" {
		// The short id of a recoded article may be that of its old text.
		ids = []string{dyad.ArticleID(hash), "a" + hash}
	}
	warnings, _ := json.Marshal(d.Warnings)
	a := d.Article
	for _, cand := range ids {
		var pk int64
		err := tx.QueryRow(ctx, `INSERT INTO articles
			(id, hash, url, source, title, published, dateline, license, warnings, nils, text, fts)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
				setweight(to_tsvector('dyad', $12), 'A') || to_tsvector('dyad', $13))
			ON CONFLICT DO NOTHING RETURNING pk`,
			cand, hash, nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			string(warnings), docNils(d), d.Text, fold(a.Title), indexed(d.Text)).Scan(&pk)
		if errors.Is(err, pgx.ErrNoRows) {
			// A unique key is taken. If by the same text or URL (a writer
			// that does not take the lock), that article is the answer;
			// otherwise it is the id: try the next.
			if found, err := existing(ctx, tx, hash, d.Article.URL); err != nil || found != "" {
				return found, false, err
			}
			continue
		}
		if err != nil {
			return "", false, err
		}
		if err := insertLayers(ctx, tx, pk, d); err != nil {
			return "", false, err
		}
		if err := addTotals(ctx, tx, countDoc(d, 1)); err != nil {
			return "", false, err
		}
		return cand, true, nil
	}
	return "", false, fmt.Errorf("%w: article id %q is taken by another article", dyad.ErrConflict, ids[0])
}

// existing returns the id of the article stored with hash or url, or "".
func existing(ctx context.Context, tx pgx.Tx, hash, url string) (string, error) {
	var id string
	err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1 OR url = $2 LIMIT 1`,
		hash, nullable(url)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// Replace overwrites the article id with d; see dyad.Store.
func (s *Store) Replace(ctx context.Context, id string, d *dyad.Doc) error {
	if err := check(d); err != nil {
		return fmt.Errorf("replace %s: %w", id, err)
	}
	hash := dyad.ContentHash(d.Text)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		var pk int64
		err := tx.QueryRow(ctx, `SELECT pk FROM articles WHERE id = $1`, id).Scan(&pk)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("article %w", dyad.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var other string
		err = tx.QueryRow(ctx, `SELECT id FROM articles WHERE pk <> $1 AND (hash = $2 OR url = $3) LIMIT 1`,
			pk, hash, nullable(d.Article.URL)).Scan(&other)
		if err == nil {
			return fmt.Errorf("%w: its text or URL is that of article %s", dyad.ErrConflict, other)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var removed counts
		for _, table := range childTables {
			// The table names are constants of this package.
			tag, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE article = $1`, pk)
			if err != nil {
				return err
			}
			if c := removed.of(table); c != nil {
				*c = -int(tag.RowsAffected())
			}
		}
		if err := addTotals(ctx, tx, removed); err != nil {
			return err
		}
		warnings, _ := json.Marshal(d.Warnings)
		a := d.Article
		if _, err := tx.Exec(ctx, `UPDATE articles SET hash = $1, url = $2, source = $3, title = $4,
			published = $5, dateline = $6, license = $7, warnings = $8, nils = $9, text = $10,
			fts = setweight(to_tsvector('dyad', $11), 'A') || to_tsvector('dyad', $12) WHERE pk = $13`,
			hash, nullable(a.URL), a.Source, a.Title, a.Published, a.Dateline, a.License,
			string(warnings), docNils(d), d.Text, fold(a.Title), indexed(d.Text), pk); err != nil {
			return err
		}
		if err := insertLayers(ctx, tx, pk, d); err != nil {
			return err
		}
		return addTotals(ctx, tx, countDoc(d, 0))
	})
	if err != nil {
		return fmt.Errorf("replace %s: %w", id, classify(err))
	}
	return nil
}

// childTables are the tables of annotation layers, keyed by article.
var childTables = []string{"sentences", "actors", "mentions", "events", "claims", "stances",
	"quotes", "amounts", "votes", "positions"}

// counts are changes to the totals table.
type counts struct {
	articles, sentences, actors, mentions, events, claims, quotes, amounts, votes int
}

// of returns the count of a child table, or nil for one without a total.
func (c *counts) of(table string) *int {
	switch table {
	case "sentences":
		return &c.sentences
	case "actors":
		return &c.actors
	case "mentions":
		return &c.mentions
	case "events":
		return &c.events
	case "claims":
		return &c.claims
	case "quotes":
		return &c.quotes
	case "amounts":
		return &c.amounts
	case "votes":
		return &c.votes
	}
	return nil
}

// countDoc returns the rows d adds, with articles articles.
func countDoc(d *dyad.Doc, articles int) counts {
	c := counts{articles: articles, sentences: len(d.Sentences), actors: len(d.Actors), events: len(d.Events),
		claims: len(d.Claims), quotes: len(d.Quotes), amounts: len(d.Amounts), votes: len(d.Votes)}
	for _, a := range d.Actors {
		c.mentions += len(a.Mentions)
	}
	return c
}

// addTotals adds c to the totals, in the writer's transaction.
func addTotals(ctx context.Context, tx pgx.Tx, c counts) error {
	_, err := tx.Exec(ctx, `UPDATE totals SET articles = articles + $1, sentences = sentences + $2,
		actors = actors + $3, mentions = mentions + $4, events = events + $5, claims = claims + $6,
		quotes = quotes + $7, amounts = amounts + $8, votes = votes + $9`,
		c.articles, c.sentences, c.actors, c.mentions, c.events, c.claims, c.quotes, c.amounts, c.votes)
	return err
}

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
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
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

// insertLayers writes every annotation layer of d for article pk in one
// round trip (a pipelined batch).
func insertLayers(ctx context.Context, tx pgx.Tx, pk int64, d *dyad.Doc) error {
	var b pgx.Batch
	for i, x := range d.Sentences {
		b.Queue(`INSERT INTO sentences (article, ord, n, span_start, span_end) VALUES ($1, $2, $3, $4, $5)`,
			pk, i, x.N, x.Start, x.End)
	}
	for i, x := range d.Actors {
		b.Queue(`INSERT INTO actors (article, ord, id, name, code, country, sector, kind, office, gender, rule, nils)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			pk, i, x.ID, x.Name, x.Code, x.Country, x.Sector, string(x.Kind), x.Office, x.Gender, x.Rule,
			b2i(x.Mentions == nil))
		for j, m := range x.Mentions {
			b.Queue(`INSERT INTO mentions (article, actor, ord, sentence, span_start, span_end, text, code, rule)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				pk, i, j, m.Sentence, m.Start, m.End, m.Text, m.Code, m.Rule)
		}
	}
	for i, x := range d.Events {
		var loc dyad.Location
		if x.Location != nil {
			loc = *x.Location
		}
		b.Queue(`INSERT INTO events (article, ord, id, sentence, source_actor, source_code,
			target_actor, target_code, cameo, cameo_name, goldstein, quad_class, plover_type, plover_mode,
			modality, date, precision, located, place, place_country, lat, lon, attributed_to, claim, rule,
			span_start, span_end, day)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
				$21, $22, $23, $24, $25, $26, $27, $28)`,
			pk, i, x.ID, x.Sentence, x.Source.Actor, x.Source.Code, x.Target.Actor, x.Target.Code,
			x.CAMEO, x.CAMEOName, x.Goldstein, x.QuadClass, x.PLOVER.Type, x.PLOVER.Mode, string(x.Modality),
			x.Date, x.DatePrecision, x.Location != nil, loc.Name, loc.Country, loc.Lat, loc.Lon,
			x.AttributedTo, x.Claim, x.Rule, x.Span.Start, x.Span.End, day(x.Date, d.Article.Published))
	}
	for i, x := range d.Claims {
		p := x.Proposition
		b.Queue(`INSERT INTO claims (article, ord, id, source, target, cameo, event, nils)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			pk, i, x.ID, p.Source, p.Target, p.CAMEO, x.Event, b2i(x.Stances == nil))
		for j, y := range x.Stances {
			b.Queue(`INSERT INTO stances (article, claim, ord, actor, code, stance, event)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, pk, i, j, y.Actor, y.Code, y.Stance, y.Event)
		}
	}
	for i, x := range d.Quotes {
		b.Queue(`INSERT INTO quotes (article, ord, sentence, speaker_actor, speaker_name, speaker_code,
			verb, direct, text, span_start, span_end, rule, fts)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_tsvector('dyad', $13))`,
			pk, i, x.Sentence, x.Speaker.Actor, x.Speaker.Name, x.Speaker.Code, x.Verb, x.Direct, x.Text,
			x.Span.Start, x.Span.End, x.Rule, indexed(x.Text))
	}
	for i, x := range d.Amounts {
		b.Queue(`INSERT INTO amounts (article, ord, text, value, low, high, unit, counts, approximate,
			sentence, span_start, span_end, rule) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			pk, i, x.Text, x.Value, x.Low, x.High, x.Unit, x.Counts, x.Approximate, x.Sentence,
			x.Span.Start, x.Span.End, x.Rule)
	}
	for i, x := range d.Votes {
		problems, _ := json.Marshal(x.Problems)
		sents, _ := json.Marshal(x.Sentences)
		b.Queue(`INSERT INTO votes (article, ord, body, body_name, motion, date, place, yes, no, abstain,
			absent, complete_yes, complete_no, complete_abstain, consistent, problems, sentences, rule, day, nils)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
			pk, i, x.Body, x.BodyName, x.Motion, x.Date, x.Place, x.Yes, x.No, x.Abstain, x.Absent,
			x.Complete.Yes, x.Complete.No, x.Complete.Abstain, x.Consistent, string(problems), string(sents),
			x.Rule, day(x.Date, d.Article.Published), b2i(x.Positions == nil))
		for j, p := range x.Positions {
			b.Queue(`INSERT INTO positions (article, vote, ord, country, position, span_start, span_end)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, pk, i, j, p.Country, p.Vote, p.Span.Start, p.Span.End)
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, &b).Close()
}
