// Package sqlstore holds what dyad's two SQL stores, package sqlite and
// package postgres, have in common: the schema is the same table for table,
// so the conditions a filter becomes, the columns a record is read from, the
// rows a document is written as and the keys events are counted by are
// written once here. Each store keeps what really differs: its placeholders
// (a Style), full-text search (FTS5 or tsvector), how an article is inserted
// (upserts, locks), its connections, transactions and migrations, and how
// its errors are classified.
//
// Nothing here does I/O by itself: queries run through an Each, the store's
// way to run one query in its transaction or pool, and rows are scanned
// through Row, which both *sql.Rows and pgx.Rows satisfy.
package sqlstore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
)

// Style is how a database writes the placeholders of parameters.
type Style int

// The placeholder styles.
const (
	// Question is "?" for every parameter, in order (SQLite).
	Question Style = iota
	// Dollar numbers the parameters: $1, $2, ... (PostgreSQL).
	Dollar
)

// Query returns query with its ? placeholders written in style s.
func (s Style) Query(query string) string { return s.bind(query, 0) }

// bind writes the ? placeholders of q in style s, numbering them after the
// n parameters that come before q.
func (s Style) bind(q string, n int) string {
	if s == Question || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(q, '?')
		if i < 0 {
			break
		}
		n++
		b.WriteString(q[:i])
		b.WriteString("$" + strconv.Itoa(n))
		q = q[i+1:]
	}
	b.WriteString(q)
	return b.String()
}

// Where collects the conditions of a query and their parameters. Every
// condition is a constant of the program in which ? stands for the next
// parameter (and no ? stands for anything else); every value from a filter
// is a parameter. Add writes the
// placeholders in Style as it goes, so the parameters of Conds are Args in
// order.
type Where struct {
	Style Style
	Conds []string
	Args  []any
}

// Add appends cond, whose placeholders stand for args.
func (w *Where) Add(cond string, args ...any) {
	w.Conds = append(w.Conds, w.Style.bind(cond, len(w.Args)))
	w.Args = append(w.Args, args...)
}

// String returns the WHERE clause, with a leading space, or "" when there
// are no conditions.
func (w *Where) String() string {
	if len(w.Conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.Conds, " AND ")
}

// Next adds one more parameter v that follows the conditions (a LIMIT) and
// returns its placeholder.
func (w *Where) Next(v any) string {
	w.Args = append(w.Args, v)
	return w.Style.bind("?", len(w.Args)-1)
}

// MaxRune sorts after every character a code may hold (in SQLite's binary
// collation and PostgreSQL's "C"), so code >= p AND code < p+MaxRune
// selects the codes that begin with p, using an index; % and _ in p are
// plain characters.
const MaxRune = "\U0010FFFF"

// Prefix returns the condition "col starts with p" for a constant column,
// with ? placeholders, and its parameters.
func Prefix(col, p string) (string, []any) {
	return "(" + col + " >= ? AND " + col + " < ?)", []any{p, p + MaxRune}
}

// Prefix adds the condition "col starts with p" unless p is "".
func (w *Where) Prefix(col, p string) {
	if p != "" {
		c, args := Prefix(col, p)
		w.Add(c, args...)
	}
}

// Dates adds the condition that the constant column col holds a known day
// within d, unless d is open at both ends.
func (w *Where) Dates(col string, d dyad.Dates) {
	if d.From == "" && d.To == "" {
		return
	}
	w.Add(col + " <> ''")
	if d.From != "" {
		w.Add(col+" >= ?", d.From)
	}
	if d.To != "" {
		w.Add(col+" <= ?", d.To)
	}
}

// After adds the condition that a record keyed (articleCol, ordCol) comes
// after cursor (a dyad.FormatCursor), unless cursor is "". A bad cursor
// gives dyad.ErrInvalid.
func (w *Where) After(articleCol, ordCol, cursor string) error {
	if cursor == "" {
		return nil
	}
	pk, ord, err := dyad.ParseCursor(cursor)
	if err != nil {
		return err
	}
	w.Add("("+articleCol+", "+ordCol+") > (?, ?)", pk, ord)
	return nil
}

// Dialect is what the conditions of the two stores' filters differ in,
// besides full-text search, which each store adds itself.
type Dialect struct {
	Style Style
	// Article returns the condition that a record of the table under alias
	// t belongs to the article whose id is the one parameter.
	Article func(t string) string
	// EqualFold returns the condition that the column col equals the one
	// parameter, ignoring case as the database folds it.
	EqualFold func(col string) string
}

// begin validates the filter f and returns the conditions of its cursor
// after and its article over the table under alias t, the first of every
// listing.
func (d *Dialect) begin(f interface{ Validate() error }, t, after, article string) (*Where, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	w := &Where{Style: d.Style}
	if err := w.After(t+".article", t+".ord", after); err != nil {
		return nil, err
	}
	if article != "" {
		w.Add(d.Article(t), article)
	}
	return w, nil
}

// The conditions of an event filter's quad class and modality, as
// EventWhere adds them in the Question style.
const (
	QuadClassCond = "e.quad_class = ?"
	ModalityCond  = "e.modality = ?"
)

// ArticleWhere validates f and returns its conditions over articles a, all
// but its full-text search: the cursor (an article's pk), source, URL and
// publication dates. Errors wrap dyad.ErrInvalid.
func (d *Dialect) ArticleWhere(f dyad.ArticleFilter) (*Where, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	w := &Where{Style: d.Style}
	if f.After != "" {
		pk, err := strconv.ParseInt(f.After, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bad cursor %q", dyad.ErrInvalid, f.After)
		}
		w.Add("a.pk > ?", pk)
	}
	if f.Source != "" {
		w.Add("a.source = ?", f.Source)
	}
	if f.URL != "" {
		w.Add("a.url = ?", f.URL)
	}
	w.Dates("a.published", f.Dates)
	return w, nil
}

// EventWhere validates f and returns its conditions over events e, all but
// its full-text search: the cursor, the article, the actor codes, CAMEO
// code, quad class, modality and the events' days. Errors wrap
// dyad.ErrInvalid.
func (d *Dialect) EventWhere(f dyad.EventFilter) (*Where, error) {
	w, err := d.begin(f, "e", f.After, f.Article)
	if err != nil {
		return nil, err
	}
	if f.Actor != "" {
		c1, a1 := Prefix("e.source_code", f.Actor)
		c2, a2 := Prefix("e.target_code", f.Actor)
		w.Add("("+c1+" OR "+c2+")", append(a1, a2...)...)
	}
	w.Prefix("e.source_code", f.Source)
	w.Prefix("e.target_code", f.Target)
	if f.Dyad[0] != "" {
		s1, a1 := Prefix("e.source_code", f.Dyad[0])
		t1, a2 := Prefix("e.target_code", f.Dyad[1])
		s2, a3 := Prefix("e.source_code", f.Dyad[1])
		t2, a4 := Prefix("e.target_code", f.Dyad[0])
		args := append(append(append(a1, a2...), a3...), a4...)
		w.Add("(("+s1+" AND "+t1+") OR ("+s2+" AND "+t2+"))", args...)
	}
	w.Prefix("e.cameo", f.CAMEO)
	if f.QuadClass != 0 {
		w.Add(QuadClassCond, f.QuadClass)
	}
	if f.Modality != "" {
		w.Add(ModalityCond, string(f.Modality))
	}
	w.Dates("e.day", f.Dates)
	return w, nil
}

// QuoteWhere validates f and returns its conditions over quotations q, all
// but its full-text search and dates (of the article, which the stores
// test differently): the cursor, the article, the speaker and directness.
// Errors wrap dyad.ErrInvalid.
func (d *Dialect) QuoteWhere(f dyad.QuoteFilter) (*Where, error) {
	w, err := d.begin(f, "q", f.After, f.Article)
	if err != nil {
		return nil, err
	}
	if f.Speaker != "" {
		c, args := Prefix("q.speaker_code", f.Speaker)
		w.Add("("+c+" OR "+d.EqualFold("q.speaker_name")+")", append(args, f.Speaker)...)
	}
	if f.Direct != nil {
		w.Add("q.direct = ?", *f.Direct)
	}
	return w, nil
}

// VoteWhere validates f and returns its conditions over votes v, all but
// its full-text search: the cursor, the article, the body, a country's
// position and the votes' days. Errors wrap dyad.ErrInvalid.
func (d *Dialect) VoteWhere(f dyad.VoteFilter) (*Where, error) {
	w, err := d.begin(f, "v", f.After, f.Article)
	if err != nil {
		return nil, err
	}
	w.Prefix("v.body", f.Body)
	switch {
	case f.Position != "":
		w.Add(`EXISTS (SELECT 1 FROM positions p WHERE p.article = v.article AND p.vote = v.ord
			AND p.country = ? AND p.position = ?)`, f.Country, f.Position)
	case f.Country != "":
		w.Add(`EXISTS (SELECT 1 FROM positions p WHERE p.article = v.article AND p.vote = v.ord
			AND p.country = ?)`, f.Country)
	}
	w.Dates("v.day", f.Dates)
	return w, nil
}

// ActorWhere validates f and returns its conditions over actors ac, all but
// its dates (of the article, which the stores test differently): the
// cursor, the article, the code, name and kind. Errors wrap
// dyad.ErrInvalid.
func (d *Dialect) ActorWhere(f dyad.ActorFilter) (*Where, error) {
	w, err := d.begin(f, "ac", f.After, f.Article)
	if err != nil {
		return nil, err
	}
	w.Prefix("ac.code", f.Code)
	if f.Name != "" {
		w.Add(d.EqualFold("ac.name"), f.Name)
	}
	if f.Kind != "" {
		w.Add("ac.kind = ?", string(f.Kind))
	}
	return w, nil
}
