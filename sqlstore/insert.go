package sqlstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// Bits of articles.nils: which layers of the stored Doc were nil rather
// than empty, so that a loaded Doc equals the one stored.
const (
	NilSentences = 1 << iota
	NilActors
	NilEvents
	NilClaims
	NilQuotes
	NilAmounts
	NilVotes
)

// NilInner is the bit of actors.nils (Mentions), claims.nils (Stances) and
// votes.nils (Positions).
const NilInner = 1

// DocNils returns the articles.nils of d.
func DocNils(d *dyad.Doc) int {
	n := 0
	set := func(bit int, isNil bool) {
		if isNil {
			n |= bit
		}
	}
	set(NilSentences, d.Sentences == nil)
	set(NilActors, d.Actors == nil)
	set(NilEvents, d.Events == nil)
	set(NilClaims, d.Claims == nil)
	set(NilQuotes, d.Quotes == nil)
	set(NilAmounts, d.Amounts == nil)
	set(NilVotes, d.Votes == nil)
	return n
}

// innerNils returns the nils of an actor, claim or vote whose inner slice
// is nil when isNil.
func innerNils(isNil bool) int {
	if isNil {
		return NilInner
	}
	return 0
}

// Check rejects what cannot be stored, with dyad.ErrInvalid: no document,
// or one without text.
func Check(d *dyad.Doc) error {
	if d == nil {
		return fmt.Errorf("%w: nil doc", dyad.ErrInvalid)
	}
	if strings.TrimSpace(d.Text) == "" {
		return fmt.Errorf("%w: article has no text", dyad.ErrInvalid)
	}
	return nil
}

// Nullable maps "" to NULL, so that UNIQUE ignores unknown URLs.
func Nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Warnings returns the articles.warnings of d: its warnings as JSON.
func Warnings(d *dyad.Doc) string {
	b, _ := json.Marshal(d.Warnings)
	return string(b)
}

// Candidates returns the ids to try, in order, for a new article d with
// the content hash hash: its own when set, else the short id of the hash
// and, since that of a recoded article may be the id of its old text, "a"
// and the whole hash.
func Candidates(d *dyad.Doc, hash string) []string {
	if d.Article.ID != "" {
		return []string{d.Article.ID}
	}
	return []string{dyad.ArticleID(hash), "a" + hash}
}

// Table is a table of the annotation layers, keyed by article.
type Table int

// The tables of the layers, in the order Insert fills them and Replace
// empties them.
const (
	Sentences Table = iota
	Actors
	Mentions
	Events
	Claims
	Stances
	Quotes
	Amounts
	Votes
	Positions
	NumTables = int(Positions) + 1
)

var tableNames = [NumTables]string{"sentences", "actors", "mentions", "events", "claims", "stances",
	"quotes", "amounts", "votes", "positions"}

// String returns the table's SQL name.
func (t Table) String() string { return tableNames[t] }

// InsertSQL returns the statement that inserts a row of t, with ?
// placeholders for the values Insert gives.
func (t Table) InsertSQL() string { return insertSQL[t] }

var insertSQL = [NumTables]string{
	Sentences: `INSERT INTO sentences (article, ord, n, span_start, span_end) VALUES (?, ?, ?, ?, ?)`,
	Actors: `INSERT INTO actors (article, ord, id, name, code, country, sector, kind, office, gender, rule, nils)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Mentions: `INSERT INTO mentions (article, actor, ord, sentence, span_start, span_end, text, code, rule)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Events: `INSERT INTO events (article, ord, id, sentence, source_actor, source_code,
			target_actor, target_code, cameo, cameo_name, goldstein, quad_class, plover_type, plover_mode,
			modality, date, precision, located, place, place_country, lat, lon, attributed_to, claim, rule,
			span_start, span_end, day)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Claims:  `INSERT INTO claims (article, ord, id, source, target, cameo, event, nils) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	Stances: `INSERT INTO stances (article, claim, ord, actor, code, stance, event) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	Quotes: `INSERT INTO quotes (article, ord, sentence, speaker_actor, speaker_name, speaker_code,
			verb, direct, text, span_start, span_end, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Amounts: `INSERT INTO amounts (article, ord, text, value, low, high, unit, counts, approximate,
			sentence, span_start, span_end, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Votes: `INSERT INTO votes (article, ord, body, body_name, motion, date, place, yes, no, abstain,
			absent, complete_yes, complete_no, complete_abstain, consistent, problems, sentences, rule, day, nils)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	Positions: `INSERT INTO positions (article, vote, ord, country, position, span_start, span_end)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
}

// day is the date a record is filtered by: its own, else the article's.
func day(date, published string) string {
	if date != "" {
		return date
	}
	return published
}

// Insert calls insert for every row of d's annotation layers, for the
// article pk: the table and the values of the columns of its InsertSQL, in
// an order that inserts a row before the rows that refer to it. When index
// is not nil, each quotation's values end with one more, index of its
// text: what a store that keeps a quotation's full-text index in its row
// builds it from. An error of insert is returned, wrapped with the row.
//
// The values are in one slice that each row reuses (a slice a row would
// cost a store that executes the row at once): an insert that keeps them
// past its return must copy them.
func Insert(pk int64, d *dyad.Doc, index func(text string) any, insert func(t Table, args ...any) error) error {
	args := make([]any, 0, 28) // the most values of a row: an event's
	for i, x := range d.Sentences {
		args = append(args[:0], pk, i, x.N, x.Start, x.End)
		if err := insert(Sentences, args...); err != nil {
			return fmt.Errorf("sentence %d: %w", i+1, err)
		}
	}
	for i, x := range d.Actors {
		args = append(args[:0], pk, i, x.ID, x.Name, x.Code, x.Country, x.Sector, string(x.Kind),
			x.Office, x.Gender, x.Rule, innerNils(x.Mentions == nil))
		if err := insert(Actors, args...); err != nil {
			return fmt.Errorf("actor %s: %w", x.ID, err)
		}
		for j, m := range x.Mentions {
			args = append(args[:0], pk, i, j, m.Sentence, m.Start, m.End, m.Text, m.Code, m.Rule)
			if err := insert(Mentions, args...); err != nil {
				return fmt.Errorf("actor %s mention %d: %w", x.ID, j+1, err)
			}
		}
	}
	for i, x := range d.Events {
		var loc dyad.Location
		if x.Location != nil {
			loc = *x.Location
		}
		args = append(args[:0], pk, i, x.ID, x.Sentence, x.Source.Actor, x.Source.Code,
			x.Target.Actor, x.Target.Code, x.CAMEO, x.CAMEOName, x.Goldstein, x.QuadClass,
			x.PLOVER.Type, x.PLOVER.Mode, string(x.Modality), x.Date, x.DatePrecision,
			x.Location != nil, loc.Name, loc.Country, loc.Lat, loc.Lon, x.AttributedTo, x.Claim, x.Rule,
			x.Span.Start, x.Span.End, day(x.Date, d.Article.Published))
		if err := insert(Events, args...); err != nil {
			return fmt.Errorf("event %s: %w", x.ID, err)
		}
	}
	for i, x := range d.Claims {
		p := x.Proposition
		args = append(args[:0], pk, i, x.ID, p.Source, p.Target, p.CAMEO, x.Event, innerNils(x.Stances == nil))
		if err := insert(Claims, args...); err != nil {
			return fmt.Errorf("claim %s: %w", x.ID, err)
		}
		for j, y := range x.Stances {
			args = append(args[:0], pk, i, j, y.Actor, y.Code, y.Stance, y.Event)
			if err := insert(Stances, args...); err != nil {
				return fmt.Errorf("claim %s stance %d: %w", x.ID, j+1, err)
			}
		}
	}
	for i, x := range d.Quotes {
		args = append(args[:0], pk, i, x.Sentence, x.Speaker.Actor, x.Speaker.Name,
			x.Speaker.Code, x.Verb, x.Direct, x.Text, x.Span.Start, x.Span.End, x.Rule)
		if index != nil {
			args = append(args, index(x.Text))
		}
		if err := insert(Quotes, args...); err != nil {
			return fmt.Errorf("quote %d: %w", i+1, err)
		}
	}
	for i, x := range d.Amounts {
		args = append(args[:0], pk, i, x.Text, x.Value, x.Low, x.High, x.Unit, x.Counts,
			x.Approximate, x.Sentence, x.Span.Start, x.Span.End, x.Rule)
		if err := insert(Amounts, args...); err != nil {
			return fmt.Errorf("amount %d: %w", i+1, err)
		}
	}
	for i, x := range d.Votes {
		problems, _ := json.Marshal(x.Problems)
		sents, _ := json.Marshal(x.Sentences)
		args = append(args[:0], pk, i, x.Body, x.BodyName, x.Motion, x.Date, x.Place, x.Yes, x.No,
			x.Abstain, x.Absent, x.Complete.Yes, x.Complete.No, x.Complete.Abstain,
			x.Consistent, string(problems), string(sents), x.Rule, day(x.Date, d.Article.Published),
			innerNils(x.Positions == nil))
		if err := insert(Votes, args...); err != nil {
			return fmt.Errorf("vote %d: %w", i+1, err)
		}
		for j, p := range x.Positions {
			args = append(args[:0], pk, i, j, p.Country, p.Vote, p.Span.Start, p.Span.End)
			if err := insert(Positions, args...); err != nil {
				return fmt.Errorf("vote %d position %d: %w", i+1, j+1, err)
			}
		}
	}
	return nil
}
