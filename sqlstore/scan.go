package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/dyadhq/dyad"
)

// Row is the row being read: *sql.Rows and pgx.Rows both are one.
type Row interface {
	Scan(dest ...any) error
}

// EachRow calls scan for each of rows, which the caller closes, and
// returns the first error of scan or of rows.
func EachRow(rows interface {
	Row
	Next() bool
	Err() error
}, scan func(Row) error) error {
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Each runs query with args and calls scan for each row of its result, in
// a store's transaction or pool; its error is the query's or scan's, as
// they are.
type Each func(ctx context.Context, scan func(Row) error, query string, args ...any) error

// Key is where a listed record is kept: the pk of its article and its
// place there.
type Key struct {
	Article int64
	Ord     int
}

// Cursor returns the record's dyad.FormatCursor.
func (k Key) Cursor() string { return dyad.FormatCursor(k.Article, k.Ord) }

// The columns of the layers' tables that a stored record is read from,
// under the aliases the listings use (ac, e, q, v), in the order of the
// Scan functions.
const (
	ActorCols = `ac.id, ac.name, ac.code, ac.country, ac.sector, ac.kind, ac.office, ac.gender, ac.rule, ac.nils`
	EventCols = `e.id, e.sentence, e.source_actor, e.source_code, e.target_actor, e.target_code,
	e.cameo, e.cameo_name, e.goldstein, e.quad_class, e.plover_type, e.plover_mode, e.modality, e.date,
	e.precision, e.located, e.place, e.place_country, e.lat, e.lon, e.attributed_to, e.claim, e.rule,
	e.span_start, e.span_end`
	QuoteCols = `q.sentence, q.speaker_actor, q.speaker_name, q.speaker_code, q.verb, q.direct, q.text,
	q.span_start, q.span_end, q.rule`
	VoteCols = `v.body, v.body_name, v.motion, v.date, v.place, v.yes, v.no, v.abstain, v.absent,
	v.complete_yes, v.complete_no, v.complete_abstain, v.consistent, v.problems, v.sentences, v.rule, v.nils`
)

// The columns of a listed record: those of its table, then its article's id
// and publication date (of articles a) and its Key, in the order of the
// ScanRecord functions.
const (
	ActorRecordCols = ActorCols + ", a.id, a.published, ac.article, ac.ord"
	EventRecordCols = EventCols + ", a.id, a.published, e.article, e.ord"
	QuoteRecordCols = QuoteCols + ", a.id, a.published, q.article, q.ord"
	VoteRecordCols  = VoteCols + ", a.id, a.published, v.article, v.ord"
)

// The Scan functions make the slice of destinations whole at once: Row is
// an interface, so whatever they pass it is on the heap. Both drivers scan
// text into string types such as dyad.Modality.

// ScanActor scans a row of ActorCols, then extra, into x. Its mentions are
// read separately.
func ScanActor(row Row, x *dyad.Actor, extra ...any) error {
	var nils int
	if err := row.Scan(append(append(make([]any, 0, 10+len(extra)), &x.ID, &x.Name, &x.Code, &x.Country,
		&x.Sector, &x.Kind, &x.Office, &x.Gender, &x.Rule, &nils), extra...)...); err != nil {
		return err
	}
	if nils&NilInner == 0 {
		x.Mentions = []dyad.Mention{}
	}
	return nil
}

// ScanEvent scans a row of EventCols, then extra, into x.
func ScanEvent(row Row, x *dyad.Event, extra ...any) error {
	var (
		located bool
		loc     dyad.Location
	)
	// The coordinates are scanned into their pointers, which stay nil for
	// NULL: both drivers allocate a float only for a value.
	if err := row.Scan(append(append(make([]any, 0, 25+len(extra)), &x.ID, &x.Sentence, &x.Source.Actor,
		&x.Source.Code, &x.Target.Actor, &x.Target.Code, &x.CAMEO, &x.CAMEOName, &x.Goldstein, &x.QuadClass,
		&x.PLOVER.Type, &x.PLOVER.Mode, &x.Modality, &x.Date, &x.DatePrecision, &located, &loc.Name, &loc.Country,
		&loc.Lat, &loc.Lon, &x.AttributedTo, &x.Claim, &x.Rule, &x.Span.Start, &x.Span.End), extra...)...); err != nil {
		return err
	}
	if located {
		x.Location = &loc
	}
	return nil
}

// ScanQuote scans a row of QuoteCols, then extra, into x.
func ScanQuote(row Row, x *dyad.Quote, extra ...any) error {
	return row.Scan(append(append(make([]any, 0, 10+len(extra)), &x.Sentence, &x.Speaker.Actor, &x.Speaker.Name,
		&x.Speaker.Code, &x.Verb, &x.Direct, &x.Text, &x.Span.Start, &x.Span.End, &x.Rule), extra...)...)
}

// ScanVote scans a row of VoteCols, then extra, into x. Its positions are
// read separately.
func ScanVote(row Row, x *dyad.Vote, extra ...any) error {
	var problems, sents string
	var nils int
	c := &x.Complete
	if err := row.Scan(append(append(make([]any, 0, 17+len(extra)), &x.Body, &x.BodyName, &x.Motion, &x.Date,
		&x.Place, &x.Yes, &x.No, &x.Abstain, &x.Absent, &c.Yes, &c.No, &c.Abstain, &x.Consistent, &problems,
		&sents, &x.Rule, &nils), extra...)...); err != nil {
		return err
	}
	if nils&NilInner == 0 {
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

// ScanActorRecord scans a row of ActorRecordCols into r and its key k.
func ScanActorRecord(row Row, r *dyad.ActorRecord, k *Key) error {
	err := ScanActor(row, &r.Actor, &r.ArticleID, &r.Published, &k.Article, &k.Ord)
	r.Cursor = k.Cursor()
	return err
}

// ScanEventRecord scans a row of EventRecordCols into r and its key k.
func ScanEventRecord(row Row, r *dyad.EventRecord, k *Key) error {
	err := ScanEvent(row, &r.Event, &r.ArticleID, &r.Published, &k.Article, &k.Ord)
	r.Cursor = k.Cursor()
	return err
}

// ScanQuoteRecord scans a row of QuoteRecordCols into r and its key k.
func ScanQuoteRecord(row Row, r *dyad.QuoteRecord, k *Key) error {
	err := ScanQuote(row, &r.Quote, &r.ArticleID, &r.Published, &k.Article, &k.Ord)
	r.Cursor = k.Cursor()
	return err
}

// ScanVoteRecord scans a row of VoteRecordCols into r and its key k.
func ScanVoteRecord(row Row, r *dyad.VoteRecord, k *Key) error {
	err := ScanVote(row, &r.Vote, &r.ArticleID, &r.Published, &k.Article, &k.Ord)
	r.Cursor = k.Cursor()
	return err
}

// Collect runs query with each and returns the records scan makes of its
// rows. When keys is not nil, the records' keys are appended to it. Each
// record is scanned in its place in the result.
func Collect[R any](ctx context.Context, each Each, scan func(Row, *R, *Key) error, keys *[]Key, query string,
	args ...any) ([]R, error) {
	var out []R
	var k Key // of each row in turn
	err := each(ctx, func(row Row) error {
		var zero R
		out = append(out, zero)
		if err := scan(row, &out[len(out)-1], &k); err != nil {
			out = out[:len(out)-1]
			return err
		}
		if keys != nil {
			*keys = append(*keys, k)
		}
		return nil
	}, query, args...)
	return out, err
}

// Inner is how the inner rows of a listed record are read: the positions
// of a vote, the mentions of an actor. Its query takes the record's Key as
// its two parameters. Scan appends a row to the record; after an error,
// the record is not to be used.
type Inner[R any] struct {
	sql  [2]string // by Style
	scan func(Row, *R) error
}

// SQL returns the query in style s.
func (in *Inner[R]) SQL(s Style) string { return in.sql[s] }

// Scan scans one row of the query into r.
func (in *Inner[R]) Scan(row Row, r *R) error { return in.scan(row, r) }

// Fill reads the inner rows of each of rs, whose keys are keys, with each.
func (in *Inner[R]) Fill(ctx context.Context, s Style, each Each, rs []R, keys []Key) error {
	for i, k := range keys {
		r := &rs[i]
		if err := each(ctx, func(row Row) error { return in.scan(row, r) }, in.sql[s], k.Article, k.Ord); err != nil {
			return err
		}
	}
	return nil
}

func styled(query string) [2]string { return [2]string{query, Dollar.Query(query)} }

// VotePositions reads the positions of a listed vote.
var VotePositions = &Inner[dyad.VoteRecord]{
	sql: styled(`SELECT country, position, span_start, span_end FROM positions
	WHERE article = ? AND vote = ? ORDER BY ord`),
	scan: func(row Row, r *dyad.VoteRecord) error {
		r.Positions = append(r.Positions, dyad.Position{})
		p := &r.Positions[len(r.Positions)-1]
		return row.Scan(&p.Country, &p.Vote, &p.Span.Start, &p.Span.End)
	},
}

// ActorMentions reads the mentions of a listed actor.
var ActorMentions = &Inner[dyad.ActorRecord]{
	sql: styled(`SELECT sentence, span_start, span_end, text, code, rule FROM mentions
	WHERE article = ? AND actor = ? ORDER BY ord`),
	scan: func(row Row, r *dyad.ActorRecord) error {
		r.Mentions = append(r.Mentions, dyad.Mention{})
		m := &r.Mentions[len(r.Mentions)-1]
		return row.Scan(&m.Sentence, &m.Start, &m.End, &m.Text, &m.Code, &m.Rule)
	},
}

// The queries of LoadDoc, indexed by the load constants.
const (
	loadArticle = iota
	loadSentences
	loadActors
	loadMentions
	loadEvents
	loadClaims
	loadStances
	loadQuotes
	loadAmounts
	loadVotes
	loadPositions
	numLoads
)

// loadSQL holds the queries of LoadDoc in each Style. All but the first
// take the article's pk.
var loadSQL = func() (q [2][numLoads]string) {
	for i, s := range [numLoads]string{
		loadArticle: `SELECT pk, id, url, source, title, published, dateline, license,
		warnings, nils, text FROM articles WHERE id = ?`,
		loadSentences: `SELECT n, span_start, span_end FROM sentences WHERE article = ? ORDER BY ord`,
		loadActors:    `SELECT ` + ActorCols + ` FROM actors ac WHERE article = ? ORDER BY ord`,
		loadMentions: `SELECT actor, sentence, span_start, span_end, text, code, rule FROM mentions
		WHERE article = ? ORDER BY actor, ord`,
		loadEvents:  `SELECT ` + EventCols + ` FROM events e WHERE article = ? ORDER BY ord`,
		loadClaims:  `SELECT id, source, target, cameo, event, nils FROM claims WHERE article = ? ORDER BY ord`,
		loadStances: `SELECT claim, actor, code, stance, event FROM stances WHERE article = ? ORDER BY claim, ord`,
		loadQuotes:  `SELECT ` + QuoteCols + ` FROM quotes q WHERE article = ? ORDER BY ord`,
		loadAmounts: `SELECT text, value, low, high, unit, counts, approximate, sentence, span_start, span_end, rule
		FROM amounts WHERE article = ? ORDER BY ord`,
		loadVotes: `SELECT ` + VoteCols + ` FROM votes v WHERE article = ? ORDER BY ord`,
		loadPositions: `SELECT vote, country, position, span_start, span_end FROM positions WHERE article = ?
		ORDER BY vote, ord`,
	} {
		q[Question][i], q[Dollar][i] = s, Dollar.Query(s)
	}
	return q
}()

// LoadDoc reads the stored article id with its text and every layer, with
// each in style s. Each should run in one read transaction, so that the
// layers are those of one committed state. An unknown id gives
// dyad.ErrNotFound; errors of each are returned as they are.
func LoadDoc(ctx context.Context, s Style, each Each, id string) (*dyad.Doc, error) {
	var (
		d        dyad.Doc
		pk       int64
		url      sql.NullString
		warnings string
		nils     int
		found    bool
	)
	q := &loadSQL[s]
	a := &d.Article
	err := each(ctx, func(row Row) error {
		found = true
		return row.Scan(&pk, &a.ID, &url, &a.Source, &a.Title, &a.Published, &a.Dateline, &a.License,
			&warnings, &nils, &d.Text)
	}, q[loadArticle], id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("article %w", dyad.ErrNotFound)
	}
	a.URL = url.String
	if err := json.Unmarshal([]byte(warnings), &d.Warnings); err != nil {
		return nil, fmt.Errorf("warnings: %w", err)
	}
	empty := func(bit int) bool { return nils&bit == 0 }
	if empty(NilSentences) {
		d.Sentences = []dyad.Sentence{}
	}
	if empty(NilActors) {
		d.Actors = []dyad.Actor{}
	}
	if empty(NilEvents) {
		d.Events = []dyad.Event{}
	}
	if empty(NilClaims) {
		d.Claims = []dyad.Claim{}
	}
	if empty(NilQuotes) {
		d.Quotes = []dyad.Quote{}
	}
	if empty(NilAmounts) {
		d.Amounts = []dyad.Amount{}
	}
	if empty(NilVotes) {
		d.Votes = []dyad.Vote{}
	}
	l := loader{each: each, q: q, pk: pk}
	if err := l.layers(ctx, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// loader reads the layers of the stored article pk.
type loader struct {
	each Each
	q    *[numLoads]string
	pk   int64
}

// layers reads every layer of d.
func (l *loader) layers(ctx context.Context, d *dyad.Doc) error {
	if err := layer(ctx, l, loadSentences, &d.Sentences, func(row Row, x *dyad.Sentence) error {
		return row.Scan(&x.N, &x.Start, &x.End)
	}); err != nil {
		return err
	}
	if err := layer(ctx, l, loadActors, &d.Actors, func(row Row, x *dyad.Actor) error {
		return ScanActor(row, x)
	}); err != nil {
		return err
	}
	if err := inner(ctx, l, loadMentions, d.Actors, "mention of missing actor", func(row Row, i *int, m *dyad.Mention) error {
		return row.Scan(i, &m.Sentence, &m.Start, &m.End, &m.Text, &m.Code, &m.Rule)
	}, func(x *dyad.Actor, m dyad.Mention) { x.Mentions = append(x.Mentions, m) }); err != nil {
		return err
	}
	if err := layer(ctx, l, loadEvents, &d.Events, func(row Row, x *dyad.Event) error {
		return ScanEvent(row, x)
	}); err != nil {
		return err
	}
	if err := layer(ctx, l, loadClaims, &d.Claims, func(row Row, x *dyad.Claim) error {
		var nils int
		p := &x.Proposition
		if err := row.Scan(&x.ID, &p.Source, &p.Target, &p.CAMEO, &x.Event, &nils); err != nil {
			return err
		}
		if nils&NilInner == 0 {
			x.Stances = []dyad.Stance{}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := inner(ctx, l, loadStances, d.Claims, "stance of missing claim", func(row Row, i *int, y *dyad.Stance) error {
		return row.Scan(i, &y.Actor, &y.Code, &y.Stance, &y.Event)
	}, func(x *dyad.Claim, y dyad.Stance) { x.Stances = append(x.Stances, y) }); err != nil {
		return err
	}
	if err := layer(ctx, l, loadQuotes, &d.Quotes, func(row Row, x *dyad.Quote) error {
		return ScanQuote(row, x)
	}); err != nil {
		return err
	}
	if err := layer(ctx, l, loadAmounts, &d.Amounts, func(row Row, x *dyad.Amount) error {
		return row.Scan(&x.Text, &x.Value, &x.Low, &x.High, &x.Unit, &x.Counts, &x.Approximate,
			&x.Sentence, &x.Span.Start, &x.Span.End, &x.Rule)
	}); err != nil {
		return err
	}
	if err := layer(ctx, l, loadVotes, &d.Votes, func(row Row, x *dyad.Vote) error {
		return ScanVote(row, x)
	}); err != nil {
		return err
	}
	return inner(ctx, l, loadPositions, d.Votes, "position of missing vote", func(row Row, i *int, p *dyad.Position) error {
		return row.Scan(i, &p.Country, &p.Vote, &p.Span.Start, &p.Span.End)
	}, func(x *dyad.Vote, p dyad.Position) { x.Positions = append(x.Positions, p) })
}

// layer appends to xs what scan makes of each row of the query q[i].
func layer[T any](ctx context.Context, l *loader, i int, xs *[]T, scan func(Row, *T) error) error {
	return l.each(ctx, func(row Row) error {
		var x T
		if err := scan(row, &x); err != nil {
			return err
		}
		*xs = append(*xs, x)
		return nil
	}, l.q[i], l.pk)
}

// inner reads the rows of the query q[i] into the records of an inner layer
// of parents (the mentions of actors): scan reads the index of the parent
// and the record, add adds it to its parent. A row of no parent is an
// error, of a message that begins with missing.
func inner[P, C any](ctx context.Context, l *loader, i int, parents []P, missing string,
	scan func(Row, *int, *C) error, add func(*P, C)) error {
	if len(parents) == 0 {
		return nil
	}
	return l.each(ctx, func(row Row) error {
		var n int
		var x C
		if err := scan(row, &n, &x); err != nil {
			return err
		}
		if n < 0 || n >= len(parents) {
			return fmt.Errorf("%s %d", missing, n)
		}
		add(&parents[n], x)
		return nil
	}, l.q[i], l.pk)
}

// ArticleRecordCols returns the columns of an article's record, of
// articles a, in the order of ScanArticleRecord; size is the SQL of the
// length of its text in bytes.
func ArticleRecordCols(size string) string {
	return "a.pk, a.id, a.url, a.source, a.title, a.published, a.dateline, a.license, a.hash, " + size
}

// ScanArticleRecord scans a row of ArticleRecordCols into r and its key k:
// an article's key is its pk, and so is its cursor.
func ScanArticleRecord(row Row, r *dyad.ArticleRecord, k *Key) error {
	var url sql.NullString
	a := &r.Article
	err := row.Scan(&k.Article, &a.ID, &url, &a.Source, &a.Title, &a.Published, &a.Dateline, &a.License,
		&r.Hash, &r.Length)
	a.URL = url.String
	r.Cursor = strconv.FormatInt(k.Article, 10)
	return err
}
