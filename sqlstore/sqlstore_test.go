package sqlstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// The dialects of the two stores, as they configure them.
var (
	question = Dialect{
		Style:     Question,
		Article:   func(t string) string { return t + ".article = (SELECT pk FROM articles WHERE id = ?)" },
		EqualFold: func(col string) string { return col + " = ? COLLATE NOCASE" },
	}
	dollar = Dialect{
		Style:     Dollar,
		Article:   func(string) string { return "a.id = ?" },
		EqualFold: func(col string) string { return "lower(" + col + ") = lower(?)" },
	}
)

func TestStyleQuery(t *testing.T) {
	for _, tt := range []struct {
		style    Style
		in, want string
		before   int
	}{
		{Question, "a = ? AND b IN (?, ?)", "a = ? AND b IN (?, ?)", 0},
		{Dollar, "a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)", 0},
		{Dollar, "no parameters", "no parameters", 0},
		{Dollar, "?", "$4", 3},
		{Dollar, "x ?? y", "x $11$12 y", 10},
	} {
		if got := tt.style.bind(tt.in, tt.before); got != tt.want {
			t.Errorf("style %d bind(%q, %d) = %q, want %q", tt.style, tt.in, tt.before, got, tt.want)
		}
	}
	if got, want := Dollar.Query("a = ? OR b = ?"), "a = $1 OR b = $2"; got != want {
		t.Errorf("Query = %q, want %q", got, want)
	}
}

func TestWhere(t *testing.T) {
	for _, style := range []Style{Question, Dollar} {
		w := Where{Style: style}
		if got := w.String(); got != "" {
			t.Errorf("empty where: %q", got)
		}
		w.Add("a = ?", 1)
		w.Prefix("code", "IRN")
		w.Prefix("code", "") // no condition
		w.Dates("day", dyad.Dates{From: "2023-01-01"})
		w.Dates("day", dyad.Dates{}) // no condition
		if err := w.After("x.article", "x.ord", "12.3"); err != nil {
			t.Fatal(err)
		}
		got := w.String() + " LIMIT " + w.Next(10)
		want := " WHERE a = ? AND (code >= ? AND code < ?) AND day <> '' AND day >= ?" +
			" AND (x.article, x.ord) > (?, ?) LIMIT ?"
		if style == Dollar {
			want = " WHERE a = $1 AND (code >= $2 AND code < $3) AND day <> '' AND day >= $4" +
				" AND (x.article, x.ord) > ($5, $6) LIMIT $7"
		}
		if got != want {
			t.Errorf("style %d:\n got %s\nwant %s", style, got, want)
		}
		wantArgs := []any{1, "IRN", "IRN" + MaxRune, "2023-01-01", int64(12), 3, 10}
		if diff := cmp.Diff(wantArgs, w.Args); diff != "" {
			t.Errorf("style %d args (-want +got):\n%s", style, diff)
		}
	}
}

func TestWhereBadCursor(t *testing.T) {
	var w Where
	for _, c := range []string{"x", "1", "1.x", "x.1"} {
		if err := w.After("a", "o", c); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("cursor %q: %v, want ErrInvalid", c, err)
		}
	}
	if len(w.Conds) != 0 {
		t.Errorf("bad cursors added %q", w.Conds)
	}
}

// clause is the WHERE clause and arguments a filter becomes.
type clause struct {
	SQL  string
	Args []any
}

func where(w *Where, err error) (clause, error) {
	if err != nil {
		return clause{}, err
	}
	return clause{w.String(), w.Args}, nil
}

func TestFilterWhere(t *testing.T) {
	yes := true
	feb := dyad.Dates{From: "2023-02-01", To: "2023-02-28"}
	tests := []struct {
		name         string
		build        func(d *Dialect) (*Where, error)
		question     clause
		dollar       clause // "" SQL: as question with numbered placeholders
		dollarDiffer bool
	}{
		{
			name:     "no filter",
			build:    func(d *Dialect) (*Where, error) { return d.EventWhere(dyad.EventFilter{}) },
			question: clause{"", nil},
		},
		{
			name: "articles",
			build: func(d *Dialect) (*Where, error) {
				return d.ArticleWhere(dyad.ArticleFilter{Source: "Mehr", URL: "u", Dates: feb, Text: "drones",
					Page: dyad.Page{After: "41"}})
			},
			question: clause{" WHERE a.pk > ? AND a.source = ? AND a.url = ? AND a.published <> ''" +
				" AND a.published >= ? AND a.published <= ?", []any{int64(41), "Mehr", "u", feb.From, feb.To}},
		},
		{
			name: "events",
			build: func(d *Dialect) (*Where, error) {
				return d.EventWhere(dyad.EventFilter{Article: "a1", Actor: "IRN", Source: "IRNGOV", Target: "RUS",
					CAMEO: "04", QuadClass: 1, Modality: dyad.Claimed, Dates: dyad.Dates{To: "2024-01-01"},
					Text: "drones", Page: dyad.Page{After: "3.4"}})
			},
			question: clause{" WHERE (e.article, e.ord) > (?, ?) AND e.article = (SELECT pk FROM articles WHERE id = ?)" +
				" AND ((e.source_code >= ? AND e.source_code < ?) OR (e.target_code >= ? AND e.target_code < ?))" +
				" AND (e.source_code >= ? AND e.source_code < ?) AND (e.target_code >= ? AND e.target_code < ?)" +
				" AND (e.cameo >= ? AND e.cameo < ?) AND e.quad_class = ? AND e.modality = ?" +
				" AND e.day <> '' AND e.day <= ?",
				[]any{int64(3), 4, "a1", "IRN", "IRN" + MaxRune, "IRN", "IRN" + MaxRune, "IRNGOV", "IRNGOV" + MaxRune,
					"RUS", "RUS" + MaxRune, "04", "04" + MaxRune, 1, "claimed", "2024-01-01"}},
			dollar: clause{" WHERE (e.article, e.ord) > ($1, $2) AND a.id = $3" +
				" AND ((e.source_code >= $4 AND e.source_code < $5) OR (e.target_code >= $6 AND e.target_code < $7))" +
				" AND (e.source_code >= $8 AND e.source_code < $9) AND (e.target_code >= $10 AND e.target_code < $11)" +
				" AND (e.cameo >= $12 AND e.cameo < $13) AND e.quad_class = $14 AND e.modality = $15" +
				" AND e.day <> '' AND e.day <= $16",
				[]any{int64(3), 4, "a1", "IRN", "IRN" + MaxRune, "IRN", "IRN" + MaxRune, "IRNGOV", "IRNGOV" + MaxRune,
					"RUS", "RUS" + MaxRune, "04", "04" + MaxRune, 1, "claimed", "2024-01-01"}},
			dollarDiffer: true,
		},
		{
			name: "dyad",
			build: func(d *Dialect) (*Where, error) {
				return d.EventWhere(dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}})
			},
			question: clause{" WHERE (((e.source_code >= ? AND e.source_code < ?) AND (e.target_code >= ? AND e.target_code < ?))" +
				" OR ((e.source_code >= ? AND e.source_code < ?) AND (e.target_code >= ? AND e.target_code < ?)))",
				[]any{"IRN", "IRN" + MaxRune, "RUS", "RUS" + MaxRune, "RUS", "RUS" + MaxRune, "IRN", "IRN" + MaxRune}},
		},
		{
			name: "quotes",
			build: func(d *Dialect) (*Where, error) {
				return d.QuoteWhere(dyad.QuoteFilter{Speaker: "IRN", Direct: &yes, Text: "nuclear", Dates: feb})
			},
			question: clause{" WHERE ((q.speaker_code >= ? AND q.speaker_code < ?) OR q.speaker_name = ? COLLATE NOCASE)" +
				" AND q.direct = ?", []any{"IRN", "IRN" + MaxRune, "IRN", true}},
			dollar: clause{" WHERE ((q.speaker_code >= $1 AND q.speaker_code < $2) OR lower(q.speaker_name) = lower($3))" +
				" AND q.direct = $4", []any{"IRN", "IRN" + MaxRune, "IRN", true}},
			dollarDiffer: true,
		},
		{
			name: "votes by position",
			build: func(d *Dialect) (*Where, error) {
				return d.VoteWhere(dyad.VoteFilter{Body: "IGOUNO", Country: "IRN", Position: dyad.VoteNo, Dates: feb})
			},
			question: clause{" WHERE (v.body >= ? AND v.body < ?) AND EXISTS (SELECT 1 FROM positions p" +
				" WHERE p.article = v.article AND p.vote = v.ord\n\t\t\tAND p.country = ? AND p.position = ?)" +
				" AND v.day <> '' AND v.day >= ? AND v.day <= ?",
				[]any{"IGOUNO", "IGOUNO" + MaxRune, "IRN", "no", feb.From, feb.To}},
		},
		{
			name:  "votes by country",
			build: func(d *Dialect) (*Where, error) { return d.VoteWhere(dyad.VoteFilter{Country: "IRN"}) },
			question: clause{" WHERE EXISTS (SELECT 1 FROM positions p WHERE p.article = v.article AND p.vote = v.ord" +
				"\n\t\t\tAND p.country = ?)", []any{"IRN"}},
		},
		{
			name: "actors",
			build: func(d *Dialect) (*Where, error) {
				return d.ActorWhere(dyad.ActorFilter{Article: "a1", Code: "USA", Name: "Wang Yi",
					Kind: dyad.KindPerson, Dates: feb})
			},
			question: clause{" WHERE ac.article = (SELECT pk FROM articles WHERE id = ?) AND (ac.code >= ? AND ac.code < ?)" +
				" AND ac.name = ? COLLATE NOCASE AND ac.kind = ?",
				[]any{"a1", "USA", "USA" + MaxRune, "Wang Yi", "person"}},
			dollar: clause{" WHERE a.id = $1 AND (ac.code >= $2 AND ac.code < $3)" +
				" AND lower(ac.name) = lower($4) AND ac.kind = $5",
				[]any{"a1", "USA", "USA" + MaxRune, "Wang Yi", "person"}},
			dollarDiffer: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := where(tt.build(&question))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.question, got); diff != "" {
				t.Errorf("question (-want +got):\n%s", diff)
			}
			want := tt.dollar
			if !tt.dollarDiffer {
				want = clause{Dollar.Query(tt.question.SQL), tt.question.Args}
			}
			got, err = where(tt.build(&dollar))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("dollar (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFilterWhereInvalid(t *testing.T) {
	for name, build := range map[string]func() (*Where, error){
		"event cursor":   func() (*Where, error) { return dollar.EventWhere(dyad.EventFilter{Page: dyad.Page{After: "7"}}) },
		"event quad":     func() (*Where, error) { return dollar.EventWhere(dyad.EventFilter{QuadClass: 5}) },
		"article cursor": func() (*Where, error) { return dollar.ArticleWhere(dyad.ArticleFilter{Page: dyad.Page{After: "7.1"}}) },
		"quote limit":    func() (*Where, error) { return dollar.QuoteWhere(dyad.QuoteFilter{Page: dyad.Page{Limit: -1}}) },
		"vote position":  func() (*Where, error) { return dollar.VoteWhere(dyad.VoteFilter{Position: dyad.VoteNo}) },
		"actor dates": func() (*Where, error) {
			return dollar.ActorWhere(dyad.ActorFilter{Dates: dyad.Dates{From: "2024-02-30"}})
		},
	} {
		if w, err := build(); !errors.Is(err, dyad.ErrInvalid) || w != nil {
			t.Errorf("%s: %v, %v; want ErrInvalid", name, w, err)
		}
	}
}

func TestCountQuery(t *testing.T) {
	by := []dyad.EventKey{dyad.ByDay, dyad.BySourceRoot, dyad.ByQuadClass}
	got := CountQuery(CountKeys("", "length", ""), by, "count(*)", "events")
	root := "CASE WHEN substr(source_code, 1, 3) = 'IGO' AND length(source_code) >= 6" +
		" THEN substr(source_code, 1, 6) ELSE substr(source_code, 1, 3) END"
	want := "SELECT day, " + root + ", quad_class, count(*) FROM events GROUP BY day, " + root +
		", quad_class ORDER BY day, " + root + ", quad_class"
	if got != want {
		t.Errorf("plain:\n got %s\nwant %s", got, want)
	}
	got = CountQuery(CountKeys("e.", "char_length", ` COLLATE "C"`), []dyad.EventKey{dyad.ByTargetRoot, dyad.ByModality},
		"count(*)", "events e")
	root = "(CASE WHEN substr(e.target_code, 1, 3) = 'IGO' AND char_length(e.target_code) >= 6" +
		` THEN substr(e.target_code, 1, 6) ELSE substr(e.target_code, 1, 3) END) COLLATE "C"`
	list := root + `, e.modality COLLATE "C"`
	want = "SELECT " + list + ", count(*) FROM events e GROUP BY " + list + " ORDER BY " + list
	if got != want {
		t.Errorf("collated:\n got %s\nwant %s", got, want)
	}
	if got, want := CountQuery(nil, nil, "count(*)", "events"), "SELECT count(*) FROM events"; got != want {
		t.Errorf("no keys: %s", got)
	}
}

func TestMigrations(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_more.sql": {Data: []byte("two")},
		"m/0001_init.sql": {Data: []byte("one")},
	}
	ms, err := Migrations(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	want := []Migration{{1, "0001_init.sql", "one"}, {2, "0002_more.sql", "two"}}
	if diff := cmp.Diff(want, ms); diff != "" {
		t.Errorf("migrations (-want +got):\n%s", diff)
	}
	if v := Version(fsys, "m"); v != 2 {
		t.Errorf("version %d, want 2", v)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"a gap":      {"m/0001_init.sql": {}, "m/0003_x.sql": {}},
		"a bad name": {"m/0001_init.sql": {}, "m/init.sql": {}},
		"not sql":    {"m/0001_init.txt": {}},
		"version 0":  {"m/0000_init.sql": {}},
	} {
		if _, err := Migrations(fsys, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// row is one call of Insert's insert function.
type row struct {
	Table Table
	Args  []any
}

func TestInsert(t *testing.T) {
	lat := 35.7
	d := &dyad.Doc{
		Article:   dyad.Article{Published: "2023-02-24"},
		Text:      "text",
		Sentences: []dyad.Sentence{{N: 1, Start: 0, End: 4}},
		Actors: []dyad.Actor{{ID: "A1", Code: "IRN", Kind: dyad.KindState,
			Mentions: []dyad.Mention{{Sentence: 1, Start: 0, End: 4, Text: "Iran"}}}, {ID: "A2"}},
		Events: []dyad.Event{{ID: "E1", Sentence: 2, CAMEO: "042", Location: &dyad.Location{Name: "Tehran", Lat: &lat},
			Modality: dyad.Asserted, Span: dyad.Span{Start: 3, End: 9}}},
		Claims: []dyad.Claim{{ID: "C1", Stances: []dyad.Stance{{Actor: "A1", Stance: "denies"}}}},
		Quotes: []dyad.Quote{{Text: "We will respond", Direct: true}},
		Votes:  []dyad.Vote{{Body: "IGOUNO", Date: "2023-02-23", Positions: []dyad.Position{{Country: "IRN", Vote: "no"}}}},
	}
	var got []row
	err := Insert(7, d, func(text string) any { return "index of " + text }, func(t Table, args ...any) error {
		got = append(got, row{t, slices.Clone(args)}) // args is reused

		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{Sentences, []any{int64(7), 0, 1, 0, 4}},
		{Actors, []any{int64(7), 0, "A1", "", "IRN", "", "", "state", "", "", "", 0}},
		{Mentions, []any{int64(7), 0, 0, 1, 0, 4, "Iran", "", ""}},
		{Actors, []any{int64(7), 1, "A2", "", "", "", "", "", "", "", "", NilInner}},
		{Events, []any{int64(7), 0, "E1", 2, "", "", "", "", "042", "", 0.0, 0, "", "", "asserted", "", "",
			true, "Tehran", "", &lat, (*float64)(nil), "", "", "", 3, 9, "2023-02-24"}},
		{Claims, []any{int64(7), 0, "C1", "", "", "", "", 0}},
		{Stances, []any{int64(7), 0, 0, "A1", "", "denies", ""}},
		{Quotes, []any{int64(7), 0, 0, "", "", "", "", true, "We will respond", 0, 0, "", "index of We will respond"}},
		{Votes, []any{int64(7), 0, "IGOUNO", "", "", "2023-02-23", "", 0, 0, 0, 0, false, false, false, false,
			"null", "null", "", "2023-02-23", 0}},
		{Positions, []any{int64(7), 0, 0, "IRN", "no", 0, 0}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	for _, r := range got {
		n := strings.Count(r.Table.InsertSQL(), "?")
		if r.Table == Quotes {
			n++ // the index
		}
		if n != len(r.Args) {
			t.Errorf("%s: %d values for %d placeholders", r.Table, len(r.Args), n)
		}
	}

	// An error names the row and keeps its cause.
	boom := errors.New("boom")
	err = Insert(7, d, nil, func(t Table, args ...any) error {
		if t == Stances {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || err.Error() != "claim C1 stance 1: boom" {
		t.Errorf("error %v", err)
	}
}

// fakeEach answers the queries of LoadDoc from a table of rows by query
// prefix, and records the queries.
type fakeEach struct {
	rows    map[string][][]any
	queries []string
}

type fakeRow []any

func (r fakeRow) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return errors.New("column count")
	}
	for i, v := range r {
		switch d := dest[i].(type) {
		case *int64:
			*d = v.(int64)
		case *int:
			*d = v.(int)
		case *string:
			*d = v.(string)
		default:
			if s, ok := dest[i].(interface{ Scan(any) error }); ok {
				if err := s.Scan(v); err != nil {
					return err
				}
				continue
			}
			return errors.New("unexpected destination")
		}
	}
	return nil
}

func (f *fakeEach) each(ctx context.Context, scan func(Row) error, query string, args ...any) error {
	f.queries = append(f.queries, query)
	for prefix, rows := range f.rows {
		if strings.HasPrefix(query, prefix) {
			for _, r := range rows {
				if err := scan(fakeRow(r)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func TestLoadDoc(t *testing.T) {
	ctx := context.Background()
	f := &fakeEach{}
	if _, err := LoadDoc(ctx, Dollar, f.each, "a1"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
	if len(f.queries) != 1 || !strings.HasSuffix(f.queries[0], "WHERE id = $1") {
		t.Errorf("queries %q", f.queries)
	}

	// An article of empty layers but sentences, with a bad reference.
	f = &fakeEach{rows: map[string][][]any{
		"SELECT pk, id":        {{int64(5), "a1", nil, "Mehr", "T", "2023-02-24", "", "", `["w"]`, NilActors, "text"}},
		"SELECT n, span_start": {{1, 0, 4}},
		"SELECT id, source":    {{"C1", "", "", "", "", 0}},
		"SELECT claim, actor":  {{3, "A1", "", "denies", ""}},
	}}
	_, err := LoadDoc(ctx, Question, f.each, "a1")
	if err == nil || err.Error() != "stance of missing claim 3" {
		t.Errorf("stance of a missing claim: %v", err)
	}
	delete(f.rows, "SELECT claim, actor")
	d, err := LoadDoc(ctx, Question, f.each, "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := &dyad.Doc{
		Article:   dyad.Article{ID: "a1", Source: "Mehr", Title: "T", Published: "2023-02-24"},
		Text:      "text",
		Warnings:  []string{"w"},
		Sentences: []dyad.Sentence{{N: 1, Start: 0, End: 4}},
		Events:    []dyad.Event{},
		Claims:    []dyad.Claim{{ID: "C1", Stances: []dyad.Stance{}}},
		Quotes:    []dyad.Quote{},
		Amounts:   []dyad.Amount{},
		Votes:     []dyad.Vote{},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("doc (-want +got):\n%s", diff)
	}
}
