// Package storetest is the conformance suite of dyad.Store: every
// implementation (package sqlite, package postgres) runs Run in its tests and
// must pass it unchanged. It also provides hand-built docs for store tests and
// benchmarks.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// Run runs the conformance suite. open must return a new, empty store each
// time it is called; the suite closes it.
func Run(t *testing.T, open func(t *testing.T) dyad.Store) {
	fresh := func(t *testing.T) dyad.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
		return s
	}
	tests := []struct {
		name string
		run  func(t *testing.T, s dyad.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Dedupe", testDedupe},
		{"IDs", testIDs},
		{"PutMany", testPutMany},
		{"NotFound", testNotFound},
		{"Replace", testReplace},
		{"Articles", testArticles},
		{"Events", testEvents},
		{"EventCounts", testEventCounts},
		{"Quotes", testQuotes},
		{"Votes", testVotes},
		{"Actors", testActors},
		{"Paging", testPaging},
		{"ConcurrentPut", testConcurrentPut},
		{"Invalid", testInvalid},
		{"Stats", testStats},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, fresh(t)) })
	}
}

// put stores d and fails the test unless it is added.
func put(t *testing.T, s dyad.Store, d *dyad.Doc) string {
	t.Helper()
	id, added, err := s.Put(context.Background(), d)
	if err != nil {
		t.Fatalf("put %q: %v", d.Article.Title, err)
	}
	if !added {
		t.Fatalf("put %q: not added (duplicate of %s)", d.Article.Title, id)
	}
	return id
}

// corpus stores the three hand-built articles and returns their ids in
// order: seed, kuleba, invasion.
func corpus(t *testing.T, s dyad.Store) (seed, kul, inv string) {
	t.Helper()
	return put(t, s, Seed()), put(t, s, kuleba()), put(t, s, invasion())
}

func testRoundTrip(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	// A place may lack coordinates, or have one of them.
	places := &dyad.Doc{Text: "Places without coordinates.", Events: []dyad.Event{
		{ID: "e1", Location: &dyad.Location{Name: "Somewhere"}},
		{ID: "e2", Location: &dyad.Location{Name: "Halfway", Lat: float(1.5)}},
		{ID: "e3"},
	}}
	for _, d := range []*dyad.Doc{Seed(), kuleba(), invasion(), {Text: "Only text, every layer nil."}, places} {
		id := put(t, s, d)
		if id == "" {
			t.Fatal("put returned an empty id")
		}
		want := *d
		want.Article.ID = id
		got, err := s.Doc(ctx, id)
		if err != nil {
			t.Fatalf("doc %s: %v", id, err)
		}
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("doc %s after a round trip (-want +got):\n%s", id, diff)
		}
		if d.Article.ID != "" {
			t.Errorf("put changed the doc's id to %q", d.Article.ID)
		}
	}
}

func testDedupe(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	id := put(t, s, Seed())

	same := Seed()
	again, added, err := s.Put(ctx, same)
	if err != nil || added || again != id {
		t.Errorf("second put of the same doc = %q, %v, %v; want %q, false, nil", again, added, err, id)
	}

	// The same text laid out differently, from another URL: the same article.
	spaced := Seed()
	spaced.Text = "  " + strings.ReplaceAll(spaced.Text, ". ", ".\n\n") + "\n"
	spaced.Article.URL = "https://mirror.example/copy"
	spaced.Article.Title = "A copy"
	if got, added, err := s.Put(ctx, spaced); err != nil || added || got != id {
		t.Errorf("put of the same text with other white space = %q, %v, %v; want %q, false, nil", got, added, err, id)
	}

	// Another text at the same URL: the same article.
	other := kuleba()
	other.Article.URL = Seed().Article.URL
	if got, added, err := s.Put(ctx, other); err != nil || added || got != id {
		t.Errorf("put of another text at the same URL = %q, %v, %v; want %q, false, nil", got, added, err, id)
	}

	// Nothing was written by the duplicates.
	got, err := s.Doc(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := Seed()
	want.Article.ID = id
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a duplicate changed the stored doc (-want +got):\n%s", diff)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 {
		t.Errorf("after duplicates: %d articles, want 1", st.Articles)
	}

	// Two texts without URL are two articles.
	a, b := numbered(1), numbered(2)
	put(t, s, a)
	put(t, s, b)
}

func testIDs(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	d := Seed()
	d.Article.ID = "mehr-2023-02-24"
	if id := put(t, s, d); id != "mehr-2023-02-24" {
		t.Errorf("put with id %q returned %q", d.Article.ID, id)
	}
	k := kuleba()
	k.Article.ID = "mehr-2023-02-24"
	if _, _, err := s.Put(ctx, k); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("put of another article with a taken id: err = %v, want ErrConflict", err)
	}
	inv := invasion()
	id := put(t, s, inv)
	if want := dyad.ArticleID(dyad.ContentHash(inv.Text)); id != want {
		t.Errorf("id of an article without one = %q, want %q", id, want)
	}
	for _, d := range []*dyad.Doc{nil, {Text: " \n\t"}} {
		if _, _, err := s.Put(ctx, d); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("put of an article without text: err = %v, want ErrInvalid", err)
		}
	}
}

func testPutMany(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	if res, err := s.PutMany(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("PutMany of nothing = %v, %v; want no results, nil", res, err)
	}
	first := put(t, s, Seed())

	taken := kuleba()
	taken.Article.ID = first // a set id that another article holds
	again := numbered(1)     // the same text as an earlier doc of the batch
	batch := []*dyad.Doc{numbered(1), Seed(), {Text: " "}, taken, invasion(), again}
	res, err := s.PutMany(ctx, batch)
	if err != nil {
		t.Fatalf("PutMany: %v", err)
	}
	if len(res) != len(batch) {
		t.Fatalf("PutMany gave %d results for %d docs", len(res), len(batch))
	}
	if !res[0].Added || res[0].Err != nil || res[0].ID == "" {
		t.Errorf("new doc: %+v, want added", res[0])
	}
	if res[1].Added || res[1].Err != nil || res[1].ID != first {
		t.Errorf("stored doc: %+v, want not added with id %q", res[1], first)
	}
	if !errors.Is(res[2].Err, dyad.ErrInvalid) || res[2].Added {
		t.Errorf("doc without text: %+v, want ErrInvalid", res[2])
	}
	if !errors.Is(res[3].Err, dyad.ErrConflict) || res[3].Added {
		t.Errorf("doc with a taken id: %+v, want ErrConflict", res[3])
	}
	if !res[4].Added || res[4].Err != nil {
		t.Errorf("new doc after refused ones: %+v, want added", res[4])
	}
	if res[5].Added || res[5].Err != nil || res[5].ID != res[0].ID {
		t.Errorf("repeat within the batch: %+v, want not added with id %q", res[5], res[0].ID)
	}

	// What was stored is whole; what was refused left nothing behind.
	for _, i := range []int{0, 4} {
		got, err := s.Doc(ctx, res[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		want := batch[i]
		want.Article.ID = res[i].ID
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("doc %d as stored by PutMany (-want +got):\n%s", i, diff)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 {
		t.Errorf("after PutMany: %d articles, want 3", st.Articles)
	}
	if _, err := s.Doc(ctx, dyad.ArticleID(dyad.ContentHash(taken.Text))); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("the refused doc was stored under its own id: err = %v", err)
	}

	// The articles and quotations of a batch are searchable.
	res, err = s.PutMany(ctx, []*dyad.Doc{kuleba(), numbered(2)})
	if err != nil || len(res) != 2 || !res[0].Added || !res[1].Added {
		t.Fatalf("second PutMany = %+v, %v", res, err)
	}
	arts, err := s.Articles(ctx, dyad.ArticleFilter{Text: "full-scale invasion"})
	if err != nil || !cmp.Equal(ids(arts), []string{res4ID(t, s, invasion())}) {
		t.Errorf("text search after PutMany = %v, %v", ids(arts), err)
	}
	arts, err = s.Articles(ctx, dyad.ArticleFilter{Text: "bulletin"})
	if err != nil || len(arts) != 2 {
		t.Errorf("text search for both batches' bulletins = %v, %v; want 2", ids(arts), err)
	}
	qs, err := s.Quotes(ctx, dyad.QuoteFilter{Text: "support remains"})
	if err != nil || len(qs) != 1 || qs[0].ArticleID != res[0].ID {
		t.Errorf("quote search after PutMany = %+v, %v; want the quote of %s", qs, err, res[0].ID)
	}
}

// res4ID returns the id under which d is stored.
func res4ID(t *testing.T, s dyad.Store, d *dyad.Doc) string {
	t.Helper()
	id, added, err := s.Put(context.Background(), d)
	if err != nil || added {
		t.Fatalf("put of a stored doc = %q, %v, %v", id, added, err)
	}
	return id
}

func testNotFound(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	if _, err := s.Doc(ctx, "nope"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("doc of an unknown id: err = %v, want ErrNotFound", err)
	}
	if err := s.Replace(ctx, "nope", Seed()); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("replace of an unknown id: err = %v, want ErrNotFound", err)
	}
	if evs, err := s.Events(ctx, dyad.EventFilter{Article: "nope"}); err != nil || len(evs) != 0 {
		t.Errorf("events of an unknown article = %v, %v; want none", evs, err)
	}
}

func testReplace(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, kul, _ := corpus(t, s)

	recoded := Seed()
	recoded.Article.ID = "ignored"
	recoded.Events = recoded.Events[:2]
	recoded.Events[1].CAMEO = "064"
	recoded.Claims = nil
	recoded.Warnings = []string{"recoded"}
	if err := s.Replace(ctx, seed, recoded); err != nil {
		t.Fatalf("replace: %v", err)
	}
	got, err := s.Doc(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	want := *recoded
	want.Article.ID = seed
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("doc after replace (-want +got):\n%s", diff)
	}
	// The article keeps its place in ingest order.
	arts, err := s.Articles(ctx, dyad.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 || arts[0].ID != seed || arts[1].ID != kul {
		t.Errorf("articles after replace: %v", ids(arts))
	}
	// The old events are gone, the new ones are found.
	evs, err := s.Events(ctx, dyad.EventFilter{Article: seed})
	if err != nil {
		t.Fatal(err)
	}
	if got := eventKeys(evs); !cmp.Equal(got, []string{"e1 036", "e2 064"}) {
		t.Errorf("events after replace: %v", got)
	}
	// Replacing with another article's text is a conflict.
	if err := s.Replace(ctx, seed, kuleba()); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("replace with another article's text: err = %v, want ErrConflict", err)
	}
	// A recode with a new text moves the dedupe key with it.
	changed := Seed()
	changed.Text += " Correction appended."
	changed.Article.URL = ""
	if err := s.Replace(ctx, seed, changed); err != nil {
		t.Fatal(err)
	}
	if id, added, err := s.Put(ctx, changed); err != nil || added || id != seed {
		t.Errorf("put of the replaced text = %q, %v, %v; want %q, false, nil", id, added, err, seed)
	}
	// The new text and quotations are searchable, the old ones gone.
	if arts, err := s.Articles(ctx, dyad.ArticleFilter{Text: "correction"}); err != nil || !cmp.Equal(ids(arts), []string{seed}) {
		t.Errorf("text search after replace = %v, %v; want [%s]", ids(arts), err, seed)
	}
	if qs, err := s.Quotes(ctx, dyad.QuoteFilter{Article: seed}); err == nil && len(qs) > 0 {
		words := strings.Fields(qs[0].Text)
		got, err := s.Quotes(ctx, dyad.QuoteFilter{Text: strings.Trim(words[len(words)-1], ".,;:!?”\"")})
		if err != nil || !slices.ContainsFunc(got, func(q dyad.QuoteRecord) bool { return q.ArticleID == seed }) {
			t.Errorf("quote search after replace for %q: %v, %v", qs[0].Text, len(got), err)
		}
	}
	if _, added, err := s.Put(ctx, Seed()); err != nil || !added {
		t.Errorf("put of the old text after replace: added %v, err %v; want added", added, err)
	}
}

func ids(arts []dyad.ArticleRecord) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

func eventKeys(evs []dyad.EventRecord) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.ID+" "+e.CAMEO)
	}
	return out
}

func testArticles(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, kul, inv := corpus(t, s)
	tests := []struct {
		name string
		f    dyad.ArticleFilter
		want []string
	}{
		{"all", dyad.ArticleFilter{}, []string{seed, kul, inv}},
		{"source", dyad.ArticleFilter{Source: "Kyiv Daily"}, []string{kul, inv}},
		{"url", dyad.ArticleFilter{URL: "https://kyiv.example/kuleba-vote"}, []string{kul}},
		{"from", dyad.ArticleFilter{Dates: dyad.Dates{From: "2023-02-24"}}, []string{seed, kul}},
		{"to", dyad.ArticleFilter{Dates: dyad.Dates{To: "2023-02-24"}}, []string{seed, inv}},
		{"day", dyad.ArticleFilter{Dates: dyad.Dates{From: "2023-02-25", To: "2023-02-25"}}, []string{kul}},
		{"text word", dyad.ArticleFilter{Text: "drones"}, []string{seed}},
		{"text stem", dyad.ArticleFilter{Text: "drone"}, []string{seed}},
		{"text case", dyad.ArticleFilter{Text: "UKRAINE"}, []string{seed, kul, inv}},
		{"text all words", dyad.ArticleFilter{Text: "Ukraine Thursday"}, []string{seed, inv}},
		{"text title", dyad.ArticleFilter{Text: "welcomes"}, []string{kul}},
		{"text phrase", dyad.ArticleFilter{Text: `"illegal aggression"`}, []string{kul}},
		{"text phrase absent", dyad.ArticleFilter{Text: `"aggression illegal"`}, nil},
		{"text operators are words", dyad.ArticleFilter{Text: `drones OR NEAR(troops) AND *`}, nil},
		{"text and source", dyad.ArticleFilter{Text: "Russia", Source: "Mehr News Agency"}, []string{seed}},
		{"limit", dyad.ArticleFilter{Page: dyad.Page{Limit: 2}}, []string{seed, kul}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Articles(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
		})
	}
	got, err := s.Articles(ctx, dyad.ArticleFilter{URL: Seed().Article.URL})
	if err != nil || len(got) != 1 {
		t.Fatalf("articles by url: %v, %v", got, err)
	}
	want := Seed().Article
	want.ID = seed
	if diff := cmp.Diff(want, got[0].Article); diff != "" {
		t.Errorf("article record (-want +got):\n%s", diff)
	}
	if got[0].Hash != dyad.ContentHash(Seed().Text) || got[0].Length != len(Seed().Text) || got[0].Cursor == "" {
		t.Errorf("article record hash %q, length %d, cursor %q", got[0].Hash, got[0].Length, got[0].Cursor)
	}
}

func testEvents(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, kul, inv := corpus(t, s)
	key := func(id, ev string) string { return id + "/" + ev }
	S, K, I := func(ev string) string { return key(seed, ev) }, func(ev string) string { return key(kul, ev) },
		func(ev string) string { return key(inv, ev) }
	tests := []struct {
		name string
		f    dyad.EventFilter
		want []string
	}{
		{"all", dyad.EventFilter{}, []string{S("e1"), S("e2"), S("e3"), S("e4"), S("e5"), S("e6"), K("e1"), I("e1"), I("e2")}},
		{"article", dyad.EventFilter{Article: kul}, []string{K("e1")}},
		{"actor country either side", dyad.EventFilter{Actor: "IRN"}, []string{S("e1"), S("e2"), S("e3"), S("e4"), S("e5")}},
		{"actor full code", dyad.EventFilter{Actor: "IRNGOV"}, []string{S("e1"), S("e2"), S("e5")}},
		{"actor igo", dyad.EventFilter{Actor: "IGOUNO"}, []string{S("e6")}},
		{"source", dyad.EventFilter{Source: "RUS"}, []string{I("e1")}},
		{"target", dyad.EventFilter{Target: "RUS"}, []string{S("e1"), S("e2"), S("e4"), S("e6"), K("e1")}},
		{"source and target", dyad.EventFilter{Source: "IRN", Target: "RUS"}, []string{S("e1"), S("e2"), S("e4")}},
		{"dyad", dyad.EventFilter{Dyad: [2]string{"WST", "IRN"}}, []string{S("e3"), S("e5")}},
		{"dyad reversed", dyad.EventFilter{Dyad: [2]string{"IRN", "WST"}}, []string{S("e3"), S("e5")}},
		{"cameo root", dyad.EventFilter{CAMEO: "11"}, []string{S("e3"), S("e6"), K("e1")}},
		{"cameo code", dyad.EventFilter{CAMEO: "111"}, []string{S("e6")}},
		{"cameo parent of four digits", dyad.EventFilter{CAMEO: "112"}, []string{S("e3"), K("e1")}},
		{"quad class", dyad.EventFilter{QuadClass: 4}, []string{I("e1")}},
		{"modality", dyad.EventFilter{Modality: dyad.Claimed}, []string{S("e4")}},
		{"negated", dyad.EventFilter{Modality: dyad.Negated}, []string{I("e2")}},
		// Days: the event's own date, else the article's.
		{"day of event", dyad.EventFilter{Dates: dyad.Dates{From: "2023-02-23", To: "2023-02-23"}}, []string{S("e6")}},
		{"day of article", dyad.EventFilter{Dates: dyad.Dates{From: "2023-02-24", To: "2023-02-24"}},
			[]string{S("e1"), S("e2"), S("e3"), S("e4"), S("e5")}},
		{"before", dyad.EventFilter{Dates: dyad.Dates{To: "2022-12-31"}}, []string{I("e1"), I("e2")}},
		{"text", dyad.EventFilter{Text: "aggression"}, []string{K("e1")}},
		{"combined", dyad.EventFilter{Actor: "RUS", QuadClass: 3, Dates: dyad.Dates{From: "2023-02-24"}}, []string{K("e1")}},
		{"none", dyad.EventFilter{Actor: "CHN"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := s.Events(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, key(e.ArticleID, e.ID))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
	evs, err := s.Events(ctx, dyad.EventFilter{Article: seed, CAMEO: "036"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("events: %v, %v", evs, err)
	}
	want := dyad.EventRecord{Event: Seed().Events[0], ArticleID: seed, Published: "2023-02-24", Cursor: evs[0].Cursor}
	if diff := cmp.Diff(want, evs[0]); diff != "" {
		t.Errorf("event record (-want +got):\n%s", diff)
	}
}

func testQuotes(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, kul, _ := corpus(t, s)
	yes, no := true, false
	tests := []struct {
		name string
		f    dyad.QuoteFilter
		want []string
	}{
		{"all", dyad.QuoteFilter{}, []string{seed + "/2", seed + "/3", kul + "/2"}},
		{"speaker code", dyad.QuoteFilter{Speaker: "IRN"}, []string{seed + "/2", seed + "/3"}},
		{"speaker name", dyad.QuoteFilter{Speaker: "dmytro KULEBA"}, []string{kul + "/2"}},
		{"direct", dyad.QuoteFilter{Direct: &yes}, []string{seed + "/3", kul + "/2"}},
		{"reported", dyad.QuoteFilter{Direct: &no}, []string{seed + "/2"}},
		{"text", dyad.QuoteFilter{Text: "relations Russia"}, []string{seed + "/3"}},
		{"text not in quotes", dyad.QuoteFilter{Text: "drones"}, nil},
		{"article", dyad.QuoteFilter{Article: kul}, []string{kul + "/2"}},
		{"dates", dyad.QuoteFilter{Dates: dyad.Dates{From: "2023-02-25"}}, []string{kul + "/2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, err := s.Quotes(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, q := range qs {
				got = append(got, fmt.Sprintf("%s/%d", q.ArticleID, q.Sentence))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
	qs, err := s.Quotes(ctx, dyad.QuoteFilter{Article: seed, Direct: &yes})
	if err != nil || len(qs) != 1 {
		t.Fatalf("quotes: %v, %v", qs, err)
	}
	want := dyad.QuoteRecord{Quote: Seed().Quotes[1], ArticleID: seed, Published: "2023-02-24", Cursor: qs[0].Cursor}
	if diff := cmp.Diff(want, qs[0]); diff != "" {
		t.Errorf("quote record (-want +got):\n%s", diff)
	}
}

func testVotes(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, _, _ := corpus(t, s)
	tests := []struct {
		name string
		f    dyad.VoteFilter
		n    int
	}{
		{"all", dyad.VoteFilter{}, 1},
		{"body", dyad.VoteFilter{Body: "IGOUNO"}, 1},
		{"other body", dyad.VoteFilter{Body: "IGOEU"}, 0},
		{"country named", dyad.VoteFilter{Country: "IRN"}, 1},
		{"country abstained", dyad.VoteFilter{Country: "IRN", Position: dyad.VoteAbstain}, 1},
		{"country did not vote no", dyad.VoteFilter{Country: "IRN", Position: dyad.VoteNo}, 0},
		{"country not named", dyad.VoteFilter{Country: "FRA"}, 0},
		{"vote day", dyad.VoteFilter{Dates: dyad.Dates{From: "2023-02-23", To: "2023-02-23"}}, 1},
		{"publication day is not the vote's", dyad.VoteFilter{Dates: dyad.Dates{From: "2023-02-24"}}, 0},
		{"text", dyad.VoteFilter{Text: "abstaining"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := s.Votes(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != tt.n {
				t.Errorf("got %d votes, want %d", len(vs), tt.n)
			}
		})
	}
	vs, err := s.Votes(ctx, dyad.VoteFilter{Country: "SYR", Position: dyad.VoteNo})
	if err != nil || len(vs) != 1 {
		t.Fatalf("votes: %v, %v", vs, err)
	}
	want := dyad.VoteRecord{Vote: Seed().Votes[0], ArticleID: seed, Published: "2023-02-24", Cursor: vs[0].Cursor}
	if diff := cmp.Diff(want, vs[0]); diff != "" {
		t.Errorf("vote record (-want +got):\n%s", diff)
	}
}

func testActors(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	seed, kul, inv := corpus(t, s)
	tests := []struct {
		name string
		f    dyad.ActorFilter
		want []string
	}{
		{"code prefix", dyad.ActorFilter{Code: "IRN"}, []string{seed + "/a1", seed + "/a2", seed + "/a3"}},
		{"code", dyad.ActorFilter{Code: "RUS"}, []string{seed + "/a4", kul + "/a2", inv + "/a1"}},
		{"name", dyad.ActorFilter{Name: "nasser kanaani"}, []string{seed + "/a1"}},
		{"kind", dyad.ActorFilter{Kind: dyad.KindOrganisation}, []string{seed + "/a6"}},
		{"article and kind", dyad.ActorFilter{Article: kul, Kind: dyad.KindPerson}, []string{kul + "/a1"}},
		{"dates", dyad.ActorFilter{Code: "RUS", Dates: dyad.Dates{To: "2022-12-31"}}, []string{inv + "/a1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, err := s.Actors(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, a.ArticleID+"/"+a.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
		})
	}
	as, err := s.Actors(ctx, dyad.ActorFilter{Article: seed, Name: "Iran"})
	if err != nil || len(as) != 1 {
		t.Fatalf("actors: %v, %v", as, err)
	}
	want := dyad.ActorRecord{Actor: Seed().Actors[2], ArticleID: seed, Published: "2023-02-24", Cursor: as[0].Cursor}
	if diff := cmp.Diff(want, as[0]); diff != "" {
		t.Errorf("actor record (-want +got):\n%s", diff)
	}
	as, err = s.Actors(ctx, dyad.ActorFilter{Article: inv, Code: "USA"})
	if err != nil || len(as) != 1 || as[0].Mentions != nil {
		t.Errorf("actor without mentions: %+v, %v", as, err)
	}
}

// testPaging pages through articles and events while other articles are
// added and one is replaced: no record is repeated or skipped.
func testPaging(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	var first []string
	for i := range 23 {
		first = append(first, put(t, s, numbered(i)))
	}
	var got []string
	after := ""
	for page := 0; ; page++ {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Page: dyad.Page{After: after, Limit: 5}})
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) == 0 {
			break
		}
		if len(arts) > 5 {
			t.Fatalf("page of %d articles, limit 5", len(arts))
		}
		got = append(got, ids(arts)...)
		after = arts[len(arts)-1].Cursor
		if page == 1 {
			// Changes while paging: a new article, and a recode of one already seen.
			first = append(first, put(t, s, numbered(100)))
			if err := s.Replace(ctx, first[0], numbered(0)); err != nil {
				t.Fatal(err)
			}
		}
		if page > 20 {
			t.Fatal("paging does not end")
		}
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("articles paged (-want +got):\n%s", diff)
	}

	all, err := s.Events(ctx, dyad.EventFilter{Page: dyad.Page{Limit: dyad.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var paged []dyad.EventRecord
	after = ""
	for {
		evs, err := s.Events(ctx, dyad.EventFilter{Source: "FRA", Page: dyad.Page{After: after, Limit: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			break
		}
		paged = append(paged, evs...)
		after = evs[len(evs)-1].Cursor
	}
	if diff := cmp.Diff(all, paged); diff != "" {
		t.Errorf("events paged (-want +got):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, e := range all {
		if seen[e.Cursor] {
			t.Errorf("cursor %q repeated", e.Cursor)
		}
		seen[e.Cursor] = true
	}
	if len(all) != 24 {
		t.Errorf("%d events, want 24", len(all))
	}
}

func testConcurrentPut(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	d := Seed()
	const n = 8
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		idset = map[string]int{}
		added int
		errs  []error
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, ok, err := s.Put(ctx, d)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			idset[id]++
			if ok {
				added++
			}
		}()
	}
	// Readers at the same time.
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Events(ctx, dyad.EventFilter{Actor: "IRN"}); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("concurrent puts: %v", errors.Join(errs...))
	}
	if added != 1 || len(idset) != 1 {
		t.Errorf("%d concurrent puts of one doc: %d added, ids %v; want 1 added, one id", n, added, idset)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 1 || st.Events != len(d.Events) {
		t.Errorf("after concurrent puts: %d articles, %d events; want 1, %d", st.Articles, st.Events, len(d.Events))
	}
}

func testInvalid(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	corpus(t, s)
	checks := []struct {
		name string
		call func() error
	}{
		{"bad date", func() error {
			_, err := s.Events(ctx, dyad.EventFilter{Dates: dyad.Dates{From: "2023-2-1"}})
			return err
		}},
		{"empty range", func() error {
			_, err := s.Articles(ctx, dyad.ArticleFilter{Dates: dyad.Dates{From: "2024-01-02", To: "2024-01-01"}})
			return err
		}},
		{"negative limit", func() error { _, err := s.Quotes(ctx, dyad.QuoteFilter{Page: dyad.Page{Limit: -1}}); return err }},
		{"bad event cursor", func() error { _, err := s.Events(ctx, dyad.EventFilter{Page: dyad.Page{After: "x"}}); return err }},
		{"bad article cursor", func() error {
			_, err := s.Articles(ctx, dyad.ArticleFilter{Page: dyad.Page{After: "1.2.3"}})
			return err
		}},
		{"quad class", func() error { _, err := s.Events(ctx, dyad.EventFilter{QuadClass: 5}); return err }},
		{"cameo letters", func() error { _, err := s.Events(ctx, dyad.EventFilter{CAMEO: "1%"}); return err }},
		{"modality", func() error { _, err := s.Events(ctx, dyad.EventFilter{Modality: "maybe"}); return err }},
		{"half dyad", func() error { _, err := s.Events(ctx, dyad.EventFilter{Dyad: [2]string{"IRN", ""}}); return err }},
		{"position without country", func() error { _, err := s.Votes(ctx, dyad.VoteFilter{Position: dyad.VoteNo}); return err }},
		{"unknown position", func() error { _, err := s.Votes(ctx, dyad.VoteFilter{Country: "IRN", Position: "maybe"}); return err }},
		{"search without words", func() error { _, err := s.Articles(ctx, dyad.ArticleFilter{Text: `" * "`}); return err }},
	}
	for _, c := range checks {
		if err := c.call(); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", c.name, err)
		}
	}
	// Values that look like SQL are only values.
	for _, v := range []string{"' OR 1=1 --", `%`, `_`, `IRN'; DROP TABLE events; --`} {
		evs, err := s.Events(ctx, dyad.EventFilter{Actor: v})
		if err != nil || len(evs) != 0 {
			t.Errorf("events of actor %q = %d, %v; want none", v, len(evs), err)
		}
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Source: v, Text: v + " x"})
		if err != nil || len(arts) != 0 {
			t.Errorf("articles of source %q = %d, %v; want none", v, len(arts), err)
		}
	}
	if st, err := s.Stats(ctx); err != nil || st.Events != 9 {
		t.Errorf("stats after odd queries: %+v, %v", st, err)
	}
}

func testStats(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 0 || st.Schema < 1 {
		t.Errorf("empty store stats: %+v", st)
	}
	corpus(t, s)
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want dyad.Stats
	for _, d := range []*dyad.Doc{Seed(), kuleba(), invasion()} {
		want.Articles++
		want.Sentences += len(d.Sentences)
		want.Actors += len(d.Actors)
		for _, a := range d.Actors {
			want.Mentions += len(a.Mentions)
		}
		want.Events += len(d.Events)
		want.Claims += len(d.Claims)
		want.Quotes += len(d.Quotes)
		want.Amounts += len(d.Amounts)
		want.Votes += len(d.Votes)
	}
	want.First, want.Last = "2022-02-24", "2023-02-25"
	want.Schema, want.Bytes = st.Schema, st.Bytes
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if st.Bytes <= 0 {
		t.Errorf("stats: %d bytes", st.Bytes)
	}
}
