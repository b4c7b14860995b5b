package sqlite

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// randKeys returns a few keys of EventCounts in a random order, never a
// code with its root.
func randKeys(r *rand.Rand) []dyad.EventKey {
	all := []dyad.EventKey{dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass, dyad.ByModality}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	keys := all[:r.IntN(len(all)+1)]
	for i, k := range keys {
		switch {
		case k == dyad.BySource && r.IntN(2) == 0:
			keys[i] = dyad.BySourceRoot
		case k == dyad.ByTarget && r.IntN(2) == 0:
			keys[i] = dyad.ByTargetRoot
		}
	}
	return keys
}

// TestEventCountsMatchReference compares the counts with those made from
// the listed events over a random archive, for random filters and keys.
func TestEventCountsMatchReference(t *testing.T) {
	ctx := context.Background()
	s := randArchive(t, 3, 400)
	r := rand.New(rand.NewPCG(4, 4))
	for range 300 {
		f := randEventFilter(r)
		by := randKeys(r)
		var evs []dyad.EventRecord
		g := f
		g.Limit = dyad.MaxLimit
		for {
			page, err := s.Events(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			evs = append(evs, page...)
			if len(page) < g.Limit {
				break
			}
			g.After = page[len(page)-1].Cursor
		}
		got, err := s.EventCounts(ctx, f, by...)
		if err != nil {
			t.Fatalf("counts of %+v by %v: %v", f, by, err)
		}
		if diff := cmp.Diff(storetest.CountEvents(evs, by), got, cmpopts.EquateEmpty(),
			cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Fatalf("counts of %+v by %v (-want +got):\n%s", f, by, diff)
		}
	}
}

// TestCountPlans checks that counts by actor codes, or of everything, read
// only the counting indexes and group what they read without sorting it:
// the one sort allowed is the outer query's, of the arms' groups.
func TestCountPlans(t *testing.T) {
	s := randArchive(t, 3, 300)
	feb := dyad.Dates{From: "2023-02-01", To: "2023-02-28"}
	timeline := []dyad.EventKey{dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass, dyad.ByModality}
	network := []dyad.EventKey{dyad.BySourceRoot, dyad.ByTargetRoot, dyad.ByQuadClass, dyad.ByModality}
	tests := []struct {
		name string
		f    dyad.EventFilter
		by   []dyad.EventKey
		arms int
	}{
		{"everything", dyad.EventFilter{}, network, 1},
		{"everything by day", dyad.EventFilter{}, []dyad.EventKey{dyad.ByDay}, 1},
		{"dyad", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}}, timeline, 2},
		{"dyad, cameo, modality and dates", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, CAMEO: "1",
			Modality: dyad.Asserted, Dates: feb}, timeline, 2},
		{"actor", dyad.EventFilter{Actor: "RUS"}, network, 2},
		{"actor and quad class", dyad.EventFilter{Actor: "IGOUNO", QuadClass: 3}, network, 2},
		{"source", dyad.EventFilter{Source: "IRNGOV"}, []dyad.EventKey{dyad.ByTarget}, 1},
		{"actor and text", dyad.EventFilter{Actor: "RUS", Text: "drones"}, network, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok, err := eventListing(tt.f)
			if err != nil || !ok {
				t.Fatalf("listing: %v, %v", ok, err)
			}
			terms, coded := codeTerms(tt.f)
			if !coded {
				terms = []codeTerm{{}}
			}
			query, args := l.count(terms, tt.by)
			plan := explain(t, s.r, query, args)
			t.Logf("%s\n%s", query, plan)
			reads := 0
			for _, line := range strings.Split(plan, "\n") {
				if strings.HasPrefix(line, "SEARCH e ") || strings.HasPrefix(line, "SCAN e") {
					reads++
					if !strings.Contains(line, "COVERING INDEX events_count_") {
						t.Errorf("an arm does not read a counting index: %s", line)
					}
				}
			}
			if reads != tt.arms {
				t.Errorf("%d arms read events, want %d:\n%s", reads, tt.arms, plan)
			}
			if n := strings.Count(plan, "TEMP B-TREE"); n > 1 || n == 1 && !strings.HasSuffix(plan, "USE TEMP B-TREE FOR GROUP BY") {
				t.Errorf("an arm sorts:\n%s", plan)
			}
		})
	}
}
