package postgres

import (
	"context"
	"sync"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/storetest"
)

// BenchmarkPut stores full seed-like docs (storetest.Variant: 9 sentences,
// 7 actors, 6 events, a claim, 2 quotes, 3 amounts, a vote of 11 positions)
// from one goroutine and reports documents per second.
func BenchmarkPut(b *testing.B) {
	benchPut(b, 1)
}

// BenchmarkPutParallel is BenchmarkPut from 4 goroutines, as 4 workers
// write: the write lock serializes the inserts, the round trips overlap.
func BenchmarkPutParallel(b *testing.B) {
	benchPut(b, 4)
}

func benchPut(b *testing.B, writers int) {
	ctx := context.Background()
	s := open(b)
	defer s.Close()
	docs := make([]*dyad.Doc, b.N)
	for i := range docs {
		docs[i] = storetest.Variant(i)
	}
	b.ResetTimer()
	var wg sync.WaitGroup
	next := make(chan *dyad.Doc)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				if _, added, err := s.Put(ctx, d); err != nil || !added {
					b.Errorf("put: added %v, %v", added, err)
				}
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkEvents queries events by dyad over 1,000 stored articles.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	s := open(b)
	defer s.Close()
	for i := range 1000 {
		if _, _, err := s.Put(ctx, storetest.Variant(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		evs, err := s.Events(ctx, dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, Page: dyad.Page{Limit: 100}})
		if err != nil || len(evs) != 100 {
			b.Fatalf("%d events, %v", len(evs), err)
		}
	}
}

// BenchmarkSearch runs a full-text search of articles over 1,000 stored
// articles.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s := open(b)
	defer s.Close()
	for i := range 1000 {
		if _, _, err := s.Put(ctx, storetest.Variant(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Text: `drones "General Assembly"`, Page: dyad.Page{Limit: 100}})
		if err != nil || len(arts) != 100 {
			b.Fatalf("%d articles, %v", len(arts), err)
		}
	}
}

// BenchmarkEventCounts counts events over 1,000 stored articles as the
// server's timeline (the 3,000 IRN-RUS events by day, codes, quad class and
// modality) and network (all 6,000 by root codes, quad class and modality)
// ask for them.
func BenchmarkEventCounts(b *testing.B) {
	ctx := context.Background()
	s := open(b)
	defer s.Close()
	for i := range 1000 {
		if _, _, err := s.Put(ctx, storetest.Variant(i)); err != nil {
			b.Fatal(err)
		}
	}
	for _, bb := range []struct {
		name   string
		f      dyad.EventFilter
		by     []dyad.EventKey
		events int
	}{
		{"timeline", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}},
			[]dyad.EventKey{dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass, dyad.ByModality}, 3000},
		{"network", dyad.EventFilter{},
			[]dyad.EventKey{dyad.BySourceRoot, dyad.ByTargetRoot, dyad.ByQuadClass, dyad.ByModality}, 6000},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				counts, err := s.EventCounts(ctx, bb.f, bb.by...)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, c := range counts {
					n += c.Events
				}
				if n != bb.events {
					b.Fatalf("counted %d events, want %d", n, bb.events)
				}
			}
		})
	}
}
