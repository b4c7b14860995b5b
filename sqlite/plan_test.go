package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

// The vocabulary of the random archive: codes that share prefixes, CAMEO
// codes with four-digit children, every modality, days with gaps.
var (
	randCodes = []string{"IRN", "IRNGOV", "IRNMIL", "IRQ", "RUS", "RUSGOV", "RUSMIL", "USA", "USAGOV",
		"UKR", "IGOUNO", "IGOUNOLEG", "IGO", "CHN", "WST", ""}
	randCAMEO = []string{"010", "016", "036", "042", "051", "062", "072", "111", "1111", "112", "1123",
		"172", "190", "193", "0874"}
	randModalities = []dyad.Modality{dyad.Asserted, dyad.Planned, dyad.Claimed, dyad.Denied, dyad.Negated,
		dyad.Hypothetical, dyad.Historical}
	randNames = []string{"Nasser Kanaani", "nasser kanaani", "Dmytro Kuleba", "Antony Blinken", "Wang Yi"}
	randKinds = []dyad.ActorKind{dyad.KindState, dyad.KindOrganisation, dyad.KindGroup, dyad.KindPerson}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// randDay returns a day in 2022 to 2024, or "" now and then.
func randDay(r *rand.Rand) string {
	if r.IntN(10) == 0 {
		return ""
	}
	return fmt.Sprintf("%d-%02d-%02d", 2022+r.IntN(3), 1+r.IntN(12), 1+r.IntN(28))
}

// randDoc returns a small coded article numbered i whose layers are drawn
// from the vocabulary above.
func randDoc(r *rand.Rand, i int) *dyad.Doc {
	d := &dyad.Doc{
		Article: dyad.Article{Source: "Random", Published: randDay(r)},
		Text:    fmt.Sprintf("Random article %d about drones and talks.", i),
	}
	if r.IntN(3) == 0 {
		d.Text = fmt.Sprintf("Random article %d about sanctions.", i)
	}
	for j := range r.IntN(8) {
		e := dyad.Event{ID: fmt.Sprintf("e%d", j+1), Sentence: 1,
			Source: dyad.Participant{Code: pick(r, randCodes)}, Target: dyad.Participant{Code: pick(r, randCodes)},
			CAMEO: pick(r, randCAMEO), QuadClass: 1 + r.IntN(4), Modality: pick(r, randModalities),
			DatePrecision: dyad.PrecisionUnknown, Rule: "random"}
		if r.IntN(3) == 0 {
			e.Date, e.DatePrecision = randDay(r), dyad.PrecisionDay
		}
		d.Events = append(d.Events, e)
	}
	for j := range r.IntN(5) {
		d.Actors = append(d.Actors, dyad.Actor{ID: fmt.Sprintf("a%d", j+1), Name: pick(r, randNames),
			Code: pick(r, randCodes), Kind: pick(r, randKinds), Rule: "random"})
	}
	for range r.IntN(4) {
		d.Quotes = append(d.Quotes, dyad.Quote{Sentence: 1, Direct: r.IntN(2) == 0, Rule: "random",
			Speaker: dyad.Speaker{Name: pick(r, randNames), Code: pick(r, randCodes)},
			Text:    pick(r, []string{"we will talk", "no drones were sent", "sanctions must end"})})
	}
	for range r.IntN(2) {
		v := dyad.Vote{Body: pick(r, randCodes), Date: randDay(r), Rule: "random"}
		for range r.IntN(4) {
			v.Positions = append(v.Positions, dyad.Position{Country: pick(r, []string{"IRN", "RUS", "USA", "CHN"}),
				Vote: pick(r, []string{dyad.VoteYes, dyad.VoteNo, dyad.VoteAbstain})})
		}
		d.Votes = append(d.Votes, v)
	}
	return d
}

// randArchive stores n random articles, a few seed variants among them, and
// recodes some, so that ingest order and primary keys disagree with qk.
func randArchive(t testing.TB, seed uint64, n int) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "dyad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	r := rand.New(rand.NewPCG(seed, 1))
	var ids []string
	for i := range n {
		d := randDoc(r, i)
		if i%17 == 0 {
			d = storetest.Variant(i)
		}
		id, _, err := s.Put(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for i := 0; i < n; i += 7 {
		d := randDoc(r, n+i)
		if err := s.Replace(ctx, ids[i], d); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// randEventFilter returns a filter of a few random fields.
func randEventFilter(r *rand.Rand) dyad.EventFilter {
	var f dyad.EventFilter
	code := func() string { return randPrefix(r) }
	for range 1 + r.IntN(3) {
		switch r.IntN(10) {
		case 0:
			f.Actor = code()
		case 1:
			f.Source = code()
		case 2:
			f.Target = code()
		case 3:
			f.Dyad = [2]string{code(), code()}
		case 4:
			c := pick(r, randCAMEO)
			f.CAMEO = c[:1+r.IntN(len(c))]
		case 5:
			f.QuadClass = 1 + r.IntN(4)
		case 6:
			f.Modality = pick(r, randModalities)
		case 7:
			f.Dates = randDates(r)
		case 8:
			f.Text = pick(r, []string{"drones", "sanctions", "accuse"})
		case 9:
			f.Actor = code()
			f.Modality = pick(r, randModalities)
		}
	}
	return f
}

// refDialect writes the conditions of the plain queries: the article by
// its id, through the join.
var refDialect = sqlstore.Dialect{
	Style:     sqlstore.Question,
	Article:   func(string) string { return "a.id = ?" },
	EqualFold: dialect.EqualFold,
}

// refEvents lists the cursors of the events matching f with the plain query
// the planner replaces: every filter in one WHERE, sorted. It pages when f
// does.
func refEvents(t testing.TB, s *Store, f dyad.EventFilter) []string {
	t.Helper()
	w, err := refDialect.EventWhere(f)
	if err != nil {
		t.Fatal(err)
	}
	articleText(w, "e.article", f.Text)
	limit := -1
	if f.Limit != 0 {
		limit, _ = f.Size()
	}
	return refKeys(t, s, `SELECT e.article, e.ord FROM events e JOIN articles a ON a.pk = e.article`+
		w.String()+` ORDER BY e.article, e.ord LIMIT ?`, append(w.Args, limit))
}

func refKeys(t testing.TB, s *Store, query string, args []any) []string {
	t.Helper()
	var keys []string
	err := each(context.Background(), s.r, func(row sqlstore.Row) error {
		var pk int64
		var ord int
		if err := row.Scan(&pk, &ord); err != nil {
			return err
		}
		keys = append(keys, dyad.FormatCursor(pk, ord))
		return nil
	}, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// pages lists every record through pages of limit, returning the cursors.
func pages[R any](t *testing.T, limit int, list func(after string, limit int) ([]R, error), cur func(R) string) []string {
	t.Helper()
	var got []string
	after := ""
	for range 10000 {
		rs, err := list(after, limit)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			got = append(got, cur(r))
		}
		if len(rs) < limit {
			return got
		}
		after = got[len(got)-1]
	}
	t.Fatal("paging does not end")
	return nil
}

// TestEventsMatchReference compares the planned listings with the plain
// query over random archives and filters, page by page.
func TestEventsMatchReference(t *testing.T) {
	ctx := context.Background()
	s := randArchive(t, 1, 400)
	r := rand.New(rand.NewPCG(2, 2))
	for i := range 200 {
		f := randEventFilter(r)
		want := refEvents(t, s, f)
		limit := []int{2, 7, 50, dyad.MaxLimit}[i%4]
		got := pages(t, limit, func(after string, limit int) ([]dyad.EventRecord, error) {
			g := f
			g.Page = dyad.Page{After: after, Limit: limit}
			return s.Events(ctx, g)
		}, func(e dyad.EventRecord) string { return e.Cursor })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("events of %+v by %d (-want +got):\n%s", f, limit, diff)
		}
	}
}

// FuzzEvents compares the planned listing with the plain query for any
// filter, codes and dates of any bytes, and cursors included: both must agree
// on the page, or the filter must be invalid.
func FuzzEvents(f *testing.F) {
	f.Add("IRN", "", "", "", "", "", 0, "", "", "", "", 3)
	f.Add("", "IGO", "RUS", "", "", "11", 3, "asserted", "2023-02-01", "", "", 0)
	f.Add("", "", "", "IRN", "IR", "0", 0, "", "", "2023-12-31", "5.2", 2)
	f.Add("I\U0010FFFF", "I", "\xff", "U", "USA", "1", 4, "claimed", "2022-01-01", "2024-01-01", "1.0", 50)
	s := randArchive(f, 6, 150)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, actor, source, target, a, b, cameo string, quad int, modality, from, to, after string, limit int) {
		ef := dyad.EventFilter{Actor: actor, Source: source, Target: target, Dyad: [2]string{a, b}, CAMEO: cameo,
			QuadClass: quad, Modality: dyad.Modality(modality), Dates: dyad.Dates{From: from, To: to},
			Page: dyad.Page{After: after, Limit: limit}}
		evs, err := s.Events(ctx, ef)
		if err != nil {
			if !errors.Is(err, dyad.ErrInvalid) {
				t.Fatalf("events of %+v: %v", ef, err)
			}
			return
		}
		if ef.Validate() != nil {
			t.Fatalf("events of invalid %+v: no error", ef)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.Cursor)
		}
		if diff := cmp.Diff(refEvents(t, s, ef), got); diff != "" {
			t.Fatalf("events of %+v (-want +got):\n%s", ef, diff)
		}
	})
}

// randDates returns a random date range, often open at one end.
func randDates(r *rand.Rand) dyad.Dates {
	a, b := randDay(r), randDay(r)
	if a > b && b != "" {
		a, b = b, a
	}
	return dyad.Dates{From: a, To: b}
}

// randPrefix returns a prefix of a code of the vocabulary.
func randPrefix(r *rand.Rand) string {
	c := pick(r, randCodes[:len(randCodes)-1])
	return c[:1+r.IntN(len(c))]
}

// TestOthersMatchReference is TestEventsMatchReference for quotes, votes
// and actors.
func TestOthersMatchReference(t *testing.T) {
	ctx := context.Background()
	s := randArchive(t, 4, 300)
	r := rand.New(rand.NewPCG(5, 5))
	limits := []int{3, 10, 50}
	for i := range 100 {
		var qf dyad.QuoteFilter
		if r.IntN(2) == 0 {
			qf.Speaker = randPrefix(r)
		} else if r.IntN(2) == 0 {
			qf.Speaker = pick(r, randNames)
		}
		if r.IntN(3) == 0 {
			d := r.IntN(2) == 0
			qf.Direct = &d
		}
		if r.IntN(3) == 0 {
			qf.Text = pick(r, []string{"drones", "talk", "sanctions"})
		}
		if r.IntN(3) == 0 {
			qf.Dates = randDates(r)
		}
		w, err := refDialect.QuoteWhere(qf)
		if err != nil {
			t.Fatal(err)
		}
		if qf.Text != "" {
			w.Add("q.qk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", ftsQuery(qf.Text))
		}
		w.Dates("a.published", qf.Dates)
		want := refKeys(t, s, `SELECT q.article, q.ord FROM quotes q JOIN articles a ON a.pk = q.article`+
			w.String()+` ORDER BY q.article, q.ord`, w.Args)
		got := pages(t, limits[i%3], func(after string, limit int) ([]dyad.QuoteRecord, error) {
			f := qf
			f.Page = dyad.Page{After: after, Limit: limit}
			return s.Quotes(ctx, f)
		}, func(q dyad.QuoteRecord) string { return q.Cursor })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("quotes of %+v (-want +got):\n%s", qf, diff)
		}

		var vf dyad.VoteFilter
		if r.IntN(2) == 0 {
			vf.Body = randPrefix(r)
		}
		if r.IntN(3) == 0 {
			vf.Country = pick(r, []string{"IRN", "RUS", "USA", "CHN"})
			if r.IntN(2) == 0 {
				vf.Position = pick(r, []string{dyad.VoteYes, dyad.VoteNo, dyad.VoteAbstain})
			}
		}
		if r.IntN(3) == 0 {
			vf.Dates = randDates(r)
		}
		if r.IntN(4) == 0 {
			vf.Text = "drones"
		}
		if w, err = refDialect.VoteWhere(vf); err != nil {
			t.Fatal(err)
		}
		articleText(w, "v.article", vf.Text)
		want = refKeys(t, s, `SELECT v.article, v.ord FROM votes v`+w.String()+` ORDER BY v.article, v.ord`, w.Args)
		got = pages(t, limits[i%3], func(after string, limit int) ([]dyad.VoteRecord, error) {
			f := vf
			f.Page = dyad.Page{After: after, Limit: limit}
			return s.Votes(ctx, f)
		}, func(v dyad.VoteRecord) string { return v.Cursor })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("votes of %+v (-want +got):\n%s", vf, diff)
		}

		var af dyad.ActorFilter
		if r.IntN(2) == 0 {
			af.Code = randPrefix(r)
		}
		if r.IntN(3) == 0 {
			af.Name = pick(r, randNames)
		}
		if r.IntN(3) == 0 {
			af.Kind = pick(r, randKinds)
		}
		if r.IntN(3) == 0 {
			af.Dates = randDates(r)
		}
		if w, err = refDialect.ActorWhere(af); err != nil {
			t.Fatal(err)
		}
		w.Dates("a.published", af.Dates)
		want = refKeys(t, s, `SELECT ac.article, ac.ord FROM actors ac JOIN articles a ON a.pk = ac.article`+
			w.String()+` ORDER BY ac.article, ac.ord`, w.Args)
		got = pages(t, limits[i%3], func(after string, limit int) ([]dyad.ActorRecord, error) {
			f := af
			f.Page = dyad.Page{After: after, Limit: limit}
			return s.Actors(ctx, f)
		}, func(a dyad.ActorRecord) string { return a.Cursor })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("actors of %+v (-want +got):\n%s", af, diff)
		}
	}
}

// explain returns SQLite's plan of query as lines of text.
func explain(t *testing.T, q querier, query string, args []any) string {
	t.Helper()
	var lines []string
	err := each(context.Background(), q, func(row sqlstore.Row) error {
		var id, parent, unused int
		var detail string
		if err := row.Scan(&id, &parent, &unused, &detail); err != nil {
			return err
		}
		lines = append(lines, detail)
		return nil
	}, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// The listings of the plan test, as functions of their filter.
func events_(f dyad.EventFilter) func() (*listing, bool, error) {
	return func() (*listing, bool, error) { return eventListing(f) }
}

func quotes_(f dyad.QuoteFilter) func() (*listing, bool, error) {
	return func() (*listing, bool, error) { l, err := quoteListing(f); return l, true, err }
}

func votes_(f dyad.VoteFilter) func() (*listing, bool, error) {
	return func() (*listing, bool, error) { l, err := voteListing(f); return l, true, err }
}

func actors_(f dyad.ActorFilter) func() (*listing, bool, error) {
	return func() (*listing, bool, error) { l, err := actorListing(f); return l, true, err }
}

// TestPlans checks that filtered listings read indexes in paging order,
// test the other filters in the index, and never sort: each case lists the
// indexes its plan must read.
func TestPlans(t *testing.T) {
	ctx := context.Background()
	s := randArchive(t, 3, 300)
	feb := dyad.Dates{From: "2023-02-01", To: "2023-02-28"}
	yes := true
	tests := []struct {
		name    string
		listing func() (*listing, bool, error)
		want    []string
	}{
		{"events", events_(dyad.EventFilter{}), nil},
		{"events by actor", events_(dyad.EventFilter{Actor: "IRN"}), []string{"events_source_order", "events_target_order"}},
		{"events by source", events_(dyad.EventFilter{Source: "IGOUNO"}), []string{"events_source_order"}},
		{"events by dyad", events_(dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}}), []string{"events_source_order"}},
		{"events by cameo", events_(dyad.EventFilter{CAMEO: "11"}), []string{"events_cameo_order"}},
		{"events by quad", events_(dyad.EventFilter{QuadClass: 4}), []string{"events_quad_order"}},
		{"events by modality", events_(dyad.EventFilter{Modality: dyad.Claimed}), []string{"events_modality_order"}},
		{"events by dates", events_(dyad.EventFilter{Dates: feb}), []string{"events_day_order"}},
		{"events by modality and dates", events_(dyad.EventFilter{Modality: dyad.Claimed, Dates: feb}), nil},
		{"events by actor, cameo, quad, dates", events_(dyad.EventFilter{Actor: "RUS", CAMEO: "1", QuadClass: 3, Dates: feb}), nil},
		{"events by text", events_(dyad.EventFilter{Text: "drones"}), nil},
		{"events by actor and text", events_(dyad.EventFilter{Actor: "IGOUNOLEG", Text: "drones"}), []string{"MATERIALIZE set0"}},
		{"events of an article", events_(dyad.EventFilter{Article: "x", Actor: "IRN"}), nil},
		{"events after a cursor", events_(dyad.EventFilter{Actor: "IRN", Page: dyad.Page{After: "100.2"}}),
			[]string{"(article,ord)>(?,?)"}},
		{"quotes", quotes_(dyad.QuoteFilter{}), nil},
		{"quotes by speaker", quotes_(dyad.QuoteFilter{Speaker: "IRN", Direct: &yes}),
			[]string{"quotes_speaker_code_order", "quotes_speaker_name_order"}},
		{"quotes by dates", quotes_(dyad.QuoteFilter{Speaker: "IRN", Dates: feb}), []string{"articles_published"}},
		{"quotes by name", quotes_(dyad.QuoteFilter{Speaker: "nasser KANAANI", Text: "drones"}),
			[]string{"quotes_speaker_name_order"}},
		{"votes", votes_(dyad.VoteFilter{}), nil},
		{"votes by body", votes_(dyad.VoteFilter{Body: "IGO", Country: "IRN"}), []string{"votes_body_order"}},
		{"votes by dates", votes_(dyad.VoteFilter{Dates: feb}), []string{"votes_day_order"}},
		{"actors", actors_(dyad.ActorFilter{}), nil},
		{"actors by code", actors_(dyad.ActorFilter{Code: "IRN"}), []string{"actors_code_order"}},
		{"actors by code and dates", actors_(dyad.ActorFilter{Code: "IRN", Dates: feb}), nil},
		{"actors by name", actors_(dyad.ActorFilter{Name: "wang yi"}), []string{"actors_name_order"}},
		{"actors by kind", actors_(dyad.ActorFilter{Kind: dyad.KindGroup}), []string{"actors_kind_order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok, err := tt.listing()
			if err != nil || !ok {
				t.Fatalf("listing: %v, %v", ok, err)
			}
			tx, err := s.r.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			query, args, ok, err := l.query(ctx, tx)
			if err != nil || !ok {
				t.Fatalf("query: %v, %v", ok, err)
			}
			plan := explain(t, tx, query, args)
			t.Logf("%s\n%s", query, plan)
			if strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("plan sorts:\n%s", plan)
			}
			for _, w := range tt.want {
				if !strings.Contains(plan, w) {
					t.Errorf("plan does not use %s:\n%s", w, plan)
				}
			}
			// The arms test every filter of their table in their index.
			for _, line := range strings.Split(plan, "\n") {
				if strings.Contains(line, "_order (") && !strings.Contains(line, "COVERING INDEX") {
					t.Errorf("arm reads the table: %s", line)
				}
			}
		})
	}
}
