package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dyadhq/dyad"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// testEventCounts compares EventCounts with the counts made from Events on
// the same corpus, for many filters and groupings.
func testEventCounts(t *testing.T, s dyad.Store) {
	ctx := context.Background()
	_, kul, _ := corpus(t, s)
	for _, d := range countDocs() {
		put(t, s, d)
	}
	keySets := [][]dyad.EventKey{
		nil,
		{dyad.ByDay},
		{dyad.BySource, dyad.ByTarget},
		{dyad.BySourceRoot, dyad.ByTargetRoot, dyad.ByQuadClass, dyad.ByModality},
		{dyad.ByModality, dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass},
		{dyad.ByTargetRoot, dyad.ByDay},
	}
	tests := []struct {
		name string
		f    dyad.EventFilter
	}{
		{"all", dyad.EventFilter{}},
		{"dyad", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}}},
		{"dyad reversed", dyad.EventFilter{Dyad: [2]string{"RUS", "IRN"}}},
		{"dyad of a code and its own prefix", dyad.EventFilter{Dyad: [2]string{"IRN", "IRNGOV"}}},
		{"dyad of organisations", dyad.EventFilter{Dyad: [2]string{"IGO", "IRN"}}},
		{"actor", dyad.EventFilter{Actor: "IRN"}},
		{"actor organisation", dyad.EventFilter{Actor: "IGOUNO"}},
		{"source and target", dyad.EventFilter{Source: "IRN", Target: "RUS"}},
		{"source within a dyad", dyad.EventFilter{Source: "IRNGOV", Dyad: [2]string{"IRN", "RUS"}}},
		{"actor within a dyad", dyad.EventFilter{Actor: "RUSGOV", Dyad: [2]string{"IRN", "RUS"}}},
		{"cameo root", dyad.EventFilter{CAMEO: "11"}},
		{"cameo four digits", dyad.EventFilter{CAMEO: "1123"}},
		{"quad class", dyad.EventFilter{QuadClass: 4}},
		{"modality", dyad.EventFilter{Modality: dyad.Claimed}},
		{"from", dyad.EventFilter{Dates: dyad.Dates{From: "2023-01-01"}}},
		{"to", dyad.EventFilter{Dates: dyad.Dates{To: "2022-12-31"}}},
		{"month", dyad.EventFilter{Dates: dyad.Dates{From: "2023-02-01", To: "2023-02-28"}}},
		{"text", dyad.EventFilter{Text: "talks"}},
		{"text and actor", dyad.EventFilter{Text: "talks", Actor: "RUS"}},
		{"text and dyad", dyad.EventFilter{Text: "Russia", Dyad: [2]string{"IRN", "RUS"}}},
		{"article", dyad.EventFilter{Article: kul}},
		{"dyad, cameo and dates", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, CAMEO: "0",
			Dates: dyad.Dates{From: "2023-01-01", To: "2023-12-31"}}},
		{"actor, quad class, modality and dates", dyad.EventFilter{Actor: "IRN", QuadClass: 1, Modality: dyad.Asserted,
			Dates: dyad.Dates{To: "2023-12-31"}}},
		{"page ignored", dyad.EventFilter{Actor: "IRN", Page: dyad.Page{Limit: 1}}},
		{"invalid page ignored", dyad.EventFilter{Actor: "IRN", Page: dyad.Page{Limit: -1, After: "not a cursor"}}},
		{"codes that exclude each other", dyad.EventFilter{Source: "IRN", Dyad: [2]string{"RUS", "USA"}}},
		{"no such actor", dyad.EventFilter{Actor: "CHN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			f.Page = dyad.Page{Limit: dyad.MaxLimit}
			evs, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) == dyad.MaxLimit {
				t.Fatal("the corpus has more events than a page")
			}
			for _, by := range keySets {
				got, err := s.EventCounts(ctx, tt.f, by...)
				if err != nil {
					t.Fatalf("by %v: %v", by, err)
				}
				if diff := gocmp.Diff(CountEvents(evs, by), got, cmpopts.EquateEmpty(),
					cmpopts.EquateApprox(0, 1e-9)); diff != "" {
					t.Errorf("by %v (-want +got):\n%s", by, diff)
				}
			}
		})
	}

	bad := []struct {
		name string
		f    dyad.EventFilter
		by   []dyad.EventKey
	}{
		{"unknown key", dyad.EventFilter{}, []dyad.EventKey{"cameo"}},
		{"key twice", dyad.EventFilter{}, []dyad.EventKey{dyad.ByDay, dyad.ByModality, dyad.ByDay}},
		{"code and root", dyad.EventFilter{}, []dyad.EventKey{dyad.BySourceRoot, dyad.ByTarget, dyad.BySource}},
		{"bad filter", dyad.EventFilter{QuadClass: 5}, []dyad.EventKey{dyad.ByDay}},
		{"half a dyad", dyad.EventFilter{Dyad: [2]string{"IRN", ""}}, nil},
	}
	for _, tt := range bad {
		if _, err := s.EventCounts(ctx, tt.f, tt.by...); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%s: error %v, want ErrInvalid", tt.name, err)
		}
	}
}

// CountEvents groups evs as Store.EventCounts does, by the contract: the
// reference that stores' own tests compare their counts with.
func CountEvents(evs []dyad.EventRecord, by []dyad.EventKey) []dyad.EventCount {
	groups := map[dyad.EventCount]*dyad.EventCount{}
	var out []*dyad.EventCount
	for _, e := range evs {
		var k dyad.EventCount
		for _, key := range by {
			switch key {
			case dyad.ByDay:
				k.Day = e.Date
				if k.Day == "" {
					k.Day = e.Published
				}
			case dyad.BySource:
				k.Source = e.Source.Code
			case dyad.ByTarget:
				k.Target = e.Target.Code
			case dyad.BySourceRoot:
				k.Source = dyad.RootCode(e.Source.Code)
			case dyad.ByTargetRoot:
				k.Target = dyad.RootCode(e.Target.Code)
			case dyad.ByQuadClass:
				k.QuadClass = e.QuadClass
			case dyad.ByModality:
				k.Modality = e.Modality
			}
		}
		g := groups[k]
		if g == nil {
			g = &dyad.EventCount{Day: k.Day, Source: k.Source, Target: k.Target, QuadClass: k.QuadClass, Modality: k.Modality}
			groups[k] = g
			out = append(out, g)
		}
		g.Events++
		g.GoldsteinSum += e.Goldstein
	}
	slices.SortFunc(out, func(a, b *dyad.EventCount) int {
		for _, key := range by {
			var c int
			switch key {
			case dyad.ByDay:
				c = cmp.Compare(a.Day, b.Day)
			case dyad.BySource, dyad.BySourceRoot:
				c = cmp.Compare(a.Source, b.Source)
			case dyad.ByTarget, dyad.ByTargetRoot:
				c = cmp.Compare(a.Target, b.Target)
			case dyad.ByQuadClass:
				c = cmp.Compare(a.QuadClass, b.QuadClass)
			case dyad.ByModality:
				c = cmp.Compare(a.Modality, b.Modality)
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	rows := make([]dyad.EventCount, len(out))
	for i, g := range out {
		rows[i] = *g
	}
	return rows
}

// countDocs returns 25 short articles whose events vary every key of
// EventCounts: codes of states, their parts and organisations (short,
// long, missing, not ASCII), own dates of a day, month or year or none,
// articles with and without a publication date, every modality, quad class
// and several CAMEO codes and Goldstein values.
func countDocs() []*dyad.Doc {
	codes := []string{"IRN", "RUS", "IRNGOV", "RUSMIL", "IGOUNO", "IGOUNOLEG", "IGOEU", "IGO", "WST", "USA",
		"", "ÅLDGOV", "UKRGOV", "IRNMIL"}
	dates := []string{"", "2023-02-24", "2023-02", "2023", "2022-12-31", "", "2023-03-05"}
	published := []string{"2023-03-01", "", "2024-01-15", "2023-02-10"}
	modalities := []dyad.Modality{dyad.Asserted, dyad.Planned, dyad.Claimed, dyad.Denied, dyad.Negated,
		dyad.Hypothetical, dyad.Historical}
	cameos := []struct {
		code string
		g    float64
		quad int
	}{
		{"010", 0, 1}, {"036", 4, 1}, {"0233", 7.4, 2}, {"111", -2, 3}, {"112", -2, 3}, {"1123", -2, 3},
		{"190", -10, 4}, {"193", -10, 4}, {"051", 3.4, 1}, {"016", -0.1, 1}, {"072", 8.3, 2}, {"173", -5, 4},
	}
	words := []string{"talks", "drones", "Russia", "border"}
	var docs []*dyad.Doc
	k := 0
	for i := range 24 {
		text := fmt.Sprintf("Count bulletin %d on %s: the events below.", i, words[i%len(words)])
		b := newBuilder(dyad.Article{Source: "Counts", Published: published[i%len(published)]}, text)
		for j := range 1 + i%5 {
			k++
			c := cameos[(k*7)%len(cameos)]
			src, tgt := codes[k%len(codes)], codes[(k*5+i)%len(codes)]
			b.d.Events = append(b.d.Events, dyad.Event{
				ID: fmt.Sprintf("e%d", j+1), Sentence: 1,
				Source: dyad.Participant{Code: src}, Target: dyad.Participant{Code: tgt},
				CAMEO: c.code, CAMEOName: "event " + c.code, Goldstein: c.g, QuadClass: c.quad,
				Modality: modalities[(k*3)%len(modalities)], Date: dates[(k+i)%len(dates)],
				DatePrecision: dyad.PrecisionUnknown, Rule: "counts", Span: b.span(1, "events", 1),
			})
		}
		docs = append(docs, &b.d)
	}
	// Events that match both directions of a dyad whose codes nest.
	b := newBuilder(dyad.Article{Source: "Counts", Published: "2023-02-24"}, "Iran's ministries met in Tehran.")
	for i, p := range [][2]string{{"IRNGOV", "IRNGOV"}, {"IRNGOV", "IRNMIL"}, {"IRN", "IRNGOV"}} {
		b.d.Events = append(b.d.Events, dyad.Event{
			ID: fmt.Sprintf("e%d", i+1), Sentence: 1, Source: dyad.Participant{Code: p[0]}, Target: dyad.Participant{Code: p[1]},
			CAMEO: "040", CAMEOName: "Consult", Goldstein: 1, QuadClass: 1, Modality: dyad.Asserted,
			DatePrecision: dyad.PrecisionUnknown, Rule: "counts", Span: b.span(1, "met", 1),
		})
	}
	return append(docs, &b.d)
}
