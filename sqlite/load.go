package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dyadhq/dyad"
)

// querier is what loading needs of a *sql.Tx or *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Doc loads the article id with its text and every layer; see dyad.Store.
func (s *Store) Doc(ctx context.Context, id string) (*dyad.Doc, error) {
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, unavailable(err))
	}
	defer tx.Rollback()
	d, err := loadDoc(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, err)
	}
	return d, nil
}

func loadDoc(ctx context.Context, q querier, id string) (*dyad.Doc, error) {
	var (
		d        dyad.Doc
		pk       int64
		url      sql.NullString
		warnings string
		nils     int
	)
	a := &d.Article
	err := q.QueryRowContext(ctx, `SELECT pk, id, url, source, title, published, dateline, license,
		warnings, nils, text FROM articles WHERE id = ?`, id).Scan(&pk, &a.ID, &url, &a.Source, &a.Title,
		&a.Published, &a.Dateline, &a.License, &warnings, &nils, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %w", dyad.ErrNotFound)
	}
	if err != nil {
		return nil, unavailable(err)
	}
	a.URL = url.String
	if err := json.Unmarshal([]byte(warnings), &d.Warnings); err != nil {
		return nil, fmt.Errorf("warnings: %w", err)
	}
	empty := func(bit int) bool { return nils&bit == 0 }
	if empty(nilSentences) {
		d.Sentences = []dyad.Sentence{}
	}
	if empty(nilActors) {
		d.Actors = []dyad.Actor{}
	}
	if empty(nilEvents) {
		d.Events = []dyad.Event{}
	}
	if empty(nilClaims) {
		d.Claims = []dyad.Claim{}
	}
	if empty(nilQuotes) {
		d.Quotes = []dyad.Quote{}
	}
	if empty(nilAmounts) {
		d.Amounts = []dyad.Amount{}
	}
	if empty(nilVotes) {
		d.Votes = []dyad.Vote{}
	}
	steps := []func(context.Context, querier, int64, *dyad.Doc) error{
		loadSentences, loadActors, loadEvents, loadClaims, loadQuotes, loadAmounts, loadVotes,
	}
	for _, step := range steps {
		if err := step(ctx, q, pk, &d); err != nil {
			return nil, unavailable(err)
		}
	}
	return &d, nil
}

// each runs query and calls scan for each row.
func each(ctx context.Context, q querier, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	return scanAll(rows, err, scan)
}

// scanAll calls scan for each of rows, the result of a query that failed
// with err unless it is nil, and closes them.
func scanAll(rows *sql.Rows, err error, scan func(*sql.Rows) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func loadSentences(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	return each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Sentence
		if err := rows.Scan(&x.N, &x.Start, &x.End); err != nil {
			return err
		}
		d.Sentences = append(d.Sentences, x)
		return nil
	}, `SELECT n, span_start, span_end FROM sentences WHERE article = ? ORDER BY ord`, pk)
}

const actorCols = `ac.id, ac.name, ac.code, ac.country, ac.sector, ac.kind, ac.office, ac.gender, ac.rule, ac.nils`

func scanActor(rows *sql.Rows, x *dyad.Actor, extra ...any) error {
	var kind string
	var nils int
	err := rows.Scan(append([]any{&x.ID, &x.Name, &x.Code, &x.Country, &x.Sector, &kind, &x.Office,
		&x.Gender, &x.Rule, &nils}, extra...)...)
	x.Kind = dyad.ActorKind(kind)
	if nils&nilInner == 0 {
		x.Mentions = []dyad.Mention{}
	}
	return err
}

func loadActors(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	err := each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Actor
		if err := scanActor(rows, &x); err != nil {
			return err
		}
		d.Actors = append(d.Actors, x)
		return nil
	}, `SELECT `+actorCols+` FROM actors ac WHERE article = ? ORDER BY ord`, pk)
	if err != nil || len(d.Actors) == 0 {
		return err
	}
	return each(ctx, q, func(rows *sql.Rows) error {
		var i int
		var m dyad.Mention
		if err := rows.Scan(&i, &m.Sentence, &m.Start, &m.End, &m.Text, &m.Code, &m.Rule); err != nil {
			return err
		}
		if i < 0 || i >= len(d.Actors) {
			return fmt.Errorf("mention of missing actor %d", i)
		}
		d.Actors[i].Mentions = append(d.Actors[i].Mentions, m)
		return nil
	}, `SELECT actor, sentence, span_start, span_end, text, code, rule FROM mentions
		WHERE article = ? ORDER BY actor, ord`, pk)
}

// mentionsSQL selects the mentions of one stored actor: article, actor.
const mentionsSQL = `SELECT sentence, span_start, span_end, text, code, rule FROM mentions
	WHERE article = ? AND actor = ? ORDER BY ord`

// loadMentions fills the mentions of one stored actor with st, mentionsSQL
// prepared once for all the actors of a page.
func loadMentions(ctx context.Context, st *sql.Stmt, pk int64, ord int, x *dyad.Actor) error {
	rows, err := st.QueryContext(ctx, pk, ord)
	return scanAll(rows, err, func(rows *sql.Rows) error {
		var m dyad.Mention
		if err := rows.Scan(&m.Sentence, &m.Start, &m.End, &m.Text, &m.Code, &m.Rule); err != nil {
			return err
		}
		x.Mentions = append(x.Mentions, m)
		return nil
	})
}

const eventCols = `e.id, e.sentence, e.source_actor, e.source_code, e.target_actor, e.target_code,
	e.cameo, e.cameo_name, e.goldstein, e.quad_class, e.plover_type, e.plover_mode, e.modality, e.date,
	e.precision, e.located, e.place, e.place_country, e.lat, e.lon, e.attributed_to, e.claim, e.rule,
	e.span_start, e.span_end`

func scanEvent(rows *sql.Rows, x *dyad.Event, extra ...any) error {
	var (
		modality string
		located  bool
		loc      dyad.Location
		lat, lon sql.NullFloat64
	)
	err := rows.Scan(append([]any{&x.ID, &x.Sentence, &x.Source.Actor, &x.Source.Code, &x.Target.Actor,
		&x.Target.Code, &x.CAMEO, &x.CAMEOName, &x.Goldstein, &x.QuadClass, &x.PLOVER.Type, &x.PLOVER.Mode,
		&modality, &x.Date, &x.DatePrecision, &located, &loc.Name, &loc.Country, &lat, &lon,
		&x.AttributedTo, &x.Claim, &x.Rule, &x.Span.Start, &x.Span.End}, extra...)...)
	x.Modality = dyad.Modality(modality)
	if located {
		if lat.Valid {
			loc.Lat = &lat.Float64
		}
		if lon.Valid {
			loc.Lon = &lon.Float64
		}
		x.Location = &loc
	}
	return err
}

func loadEvents(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	return each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Event
		if err := scanEvent(rows, &x); err != nil {
			return err
		}
		d.Events = append(d.Events, x)
		return nil
	}, `SELECT `+eventCols+` FROM events e WHERE article = ? ORDER BY ord`, pk)
}

func loadClaims(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	err := each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Claim
		var nils int
		p := &x.Proposition
		if err := rows.Scan(&x.ID, &p.Source, &p.Target, &p.CAMEO, &x.Event, &nils); err != nil {
			return err
		}
		if nils&nilInner == 0 {
			x.Stances = []dyad.Stance{}
		}
		d.Claims = append(d.Claims, x)
		return nil
	}, `SELECT id, source, target, cameo, event, nils FROM claims WHERE article = ? ORDER BY ord`, pk)
	if err != nil || len(d.Claims) == 0 {
		return err
	}
	return each(ctx, q, func(rows *sql.Rows) error {
		var i int
		var y dyad.Stance
		if err := rows.Scan(&i, &y.Actor, &y.Code, &y.Stance, &y.Event); err != nil {
			return err
		}
		if i < 0 || i >= len(d.Claims) {
			return fmt.Errorf("stance of missing claim %d", i)
		}
		d.Claims[i].Stances = append(d.Claims[i].Stances, y)
		return nil
	}, `SELECT claim, actor, code, stance, event FROM stances WHERE article = ? ORDER BY claim, ord`, pk)
}

const quoteCols = `q.sentence, q.speaker_actor, q.speaker_name, q.speaker_code, q.verb, q.direct, q.text,
	q.span_start, q.span_end, q.rule`

func scanQuote(rows *sql.Rows, x *dyad.Quote, extra ...any) error {
	return rows.Scan(append([]any{&x.Sentence, &x.Speaker.Actor, &x.Speaker.Name, &x.Speaker.Code,
		&x.Verb, &x.Direct, &x.Text, &x.Span.Start, &x.Span.End, &x.Rule}, extra...)...)
}

func loadQuotes(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	return each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Quote
		if err := scanQuote(rows, &x); err != nil {
			return err
		}
		d.Quotes = append(d.Quotes, x)
		return nil
	}, `SELECT `+quoteCols+` FROM quotes q WHERE article = ? ORDER BY ord`, pk)
}

func loadAmounts(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	return each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Amount
		if err := rows.Scan(&x.Text, &x.Value, &x.Low, &x.High, &x.Unit, &x.Counts, &x.Approximate,
			&x.Sentence, &x.Span.Start, &x.Span.End, &x.Rule); err != nil {
			return err
		}
		d.Amounts = append(d.Amounts, x)
		return nil
	}, `SELECT text, value, low, high, unit, counts, approximate, sentence, span_start, span_end, rule
		FROM amounts WHERE article = ? ORDER BY ord`, pk)
}

const voteCols = `v.body, v.body_name, v.motion, v.date, v.place, v.yes, v.no, v.abstain, v.absent,
	v.complete_yes, v.complete_no, v.complete_abstain, v.consistent, v.problems, v.sentences, v.rule, v.nils`

func scanVote(rows *sql.Rows, x *dyad.Vote, extra ...any) error {
	var problems, sents string
	var nils int
	c := &x.Complete
	if err := rows.Scan(append([]any{&x.Body, &x.BodyName, &x.Motion, &x.Date, &x.Place, &x.Yes, &x.No,
		&x.Abstain, &x.Absent, &c.Yes, &c.No, &c.Abstain, &x.Consistent, &problems, &sents, &x.Rule,
		&nils}, extra...)...); err != nil {
		return err
	}
	if nils&nilInner == 0 {
		x.Positions = []dyad.Position{}
	}
	if err := json.Unmarshal([]byte(problems), &x.Problems); err != nil {
		return fmt.Errorf("vote problems: %w", err)
	}
	if err := json.Unmarshal([]byte(sents), &x.Sentences); err != nil {
		return fmt.Errorf("vote sentences: %w", err)
	}
	return nil
}

func loadVotes(ctx context.Context, q querier, pk int64, d *dyad.Doc) error {
	err := each(ctx, q, func(rows *sql.Rows) error {
		var x dyad.Vote
		if err := scanVote(rows, &x); err != nil {
			return err
		}
		d.Votes = append(d.Votes, x)
		return nil
	}, `SELECT `+voteCols+` FROM votes v WHERE article = ? ORDER BY ord`, pk)
	if err != nil || len(d.Votes) == 0 {
		return err
	}
	return each(ctx, q, func(rows *sql.Rows) error {
		var i int
		var p dyad.Position
		if err := rows.Scan(&i, &p.Country, &p.Vote, &p.Span.Start, &p.Span.End); err != nil {
			return err
		}
		if i < 0 || i >= len(d.Votes) {
			return fmt.Errorf("position of missing vote %d", i)
		}
		d.Votes[i].Positions = append(d.Votes[i].Positions, p)
		return nil
	}, `SELECT vote, country, position, span_start, span_end FROM positions WHERE article = ? ORDER BY vote, ord`, pk)
}

// positionsSQL selects the positions of one stored vote: article, vote.
const positionsSQL = `SELECT country, position, span_start, span_end FROM positions
	WHERE article = ? AND vote = ? ORDER BY ord`

// loadPositions fills the positions of one stored vote with st,
// positionsSQL prepared once for all the votes of a page.
func loadPositions(ctx context.Context, st *sql.Stmt, pk int64, ord int, x *dyad.Vote) error {
	rows, err := st.QueryContext(ctx, pk, ord)
	return scanAll(rows, err, func(rows *sql.Rows) error {
		var p dyad.Position
		if err := rows.Scan(&p.Country, &p.Vote, &p.Span.Start, &p.Span.End); err != nil {
			return err
		}
		x.Positions = append(x.Positions, p)
		return nil
	})
}
