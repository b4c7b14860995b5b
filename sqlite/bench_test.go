package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/storetest"
)

// BenchmarkPut stores full seed-like docs (storetest.Variant: 9 sentences,
// 7 actors, 6 events, a claim, 2 quotes, 3 amounts, a vote of 11 positions)
// and reports documents per second and database bytes per article.
func BenchmarkPut(b *testing.B) {
	for _, n := range putBatches {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchPut(b, n, storetest.Variant) })
	}
}

// putBatches are the batch sizes the Put benchmarks try: 1 is Put, more is
// PutMany.
var putBatches = []int{1, 16, 64}

// BenchmarkPutSeedText is BenchmarkPut with the text of the seed article
// itself (4.5 kB, 21 sentences) under the same annotations.
func BenchmarkPutSeedText(b *testing.B) {
	raw, err := os.ReadFile(dyadtest.Shared(b, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	var sents []dyad.Sentence
	start := 0
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], ". ")
		if j < 0 {
			sents = append(sents, dyad.Sentence{N: len(sents) + 1, Start: start, End: len(text)})
			break
		}
		i += j + 1
		sents = append(sents, dyad.Sentence{N: len(sents) + 1, Start: start, End: i})
		start = i + 1
	}
	for _, n := range putBatches {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) {
			benchPut(b, n, func(i int) *dyad.Doc {
				d := storetest.Variant(i)
				d.Text = text + fmt.Sprintf(" (Update %d.)", i)
				d.Sentences = sents
				return d
			})
		})
	}
}

func benchPut(b *testing.B, batch int, doc func(int) *dyad.Doc) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir()+"/bench.db", nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := make([]*dyad.Doc, b.N)
	for i := range docs {
		docs[i] = doc(i)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += batch {
		if batch == 1 {
			if _, added, err := s.Put(ctx, docs[i]); err != nil || !added {
				b.Fatalf("put %d: added %v, %v", i, added, err)
			}
			continue
		}
		res, err := s.PutMany(ctx, docs[i:min(i+batch, b.N)])
		if err != nil {
			b.Fatalf("put many from %d: %v", i, err)
		}
		for j, r := range res {
			if r.Err != nil || !r.Added {
				b.Fatalf("put %d: added %v, %v", i+j, r.Added, r.Err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(s.path)
	if err != nil {
		b.Fatal(err)
	}
	if st.Articles >= 100 {
		b.ReportMetric(float64(info.Size())/float64(st.Articles), "dbbytes/article")
	}
}

// benchArticles is the size of the archive the listing benchmarks query:
// storetest.Variant docs, six events each.
const benchArticles = 5000

var bench struct {
	once sync.Once
	dir  string
	s    *Store
	err  error
}

// benchStore returns the listing benchmarks' archive, built once per run in
// a temporary folder that TestMain removes.
func benchStore(b *testing.B) *Store {
	b.Helper()
	bench.once.Do(func() {
		ctx := context.Background()
		if bench.dir, bench.err = os.MkdirTemp("", "dyad-sqlite-bench"); bench.err != nil {
			return
		}
		if bench.s, bench.err = Open(ctx, filepath.Join(bench.dir, "bench.db"), nil); bench.err != nil {
			return
		}
		for i := range benchArticles {
			if _, _, err := bench.s.Put(ctx, storetest.Variant(i)); err != nil {
				bench.err = err
				return
			}
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.s != nil {
		bench.s.Close()
	}
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// BenchmarkEvents lists events under the filters of the server's load test
// over an archive of 5,000 articles (30,000 events), one page per op; "scan"
// reads every IRN-RUS event in pages of dyad.MaxLimit, as a timeline does.
func BenchmarkEvents(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	mid, err := s.Events(ctx, dyad.EventFilter{Actor: "RUS", Page: dyad.Page{Limit: benchArticles * 2}})
	if err != nil || len(mid) == 0 {
		b.Fatal("no events", err)
	}
	deep := mid[len(mid)-1].Cursor
	feb := dyad.Dates{From: "2023-02-01", To: "2023-02-28"}
	for _, bb := range []struct {
		name string
		f    dyad.EventFilter
	}{
		{"first", dyad.EventFilter{}},
		{"actor", dyad.EventFilter{Actor: "IRN", Page: dyad.Page{Limit: 50}}},
		{"dyad", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, Page: dyad.Page{Limit: 20}}},
		{"cameo", dyad.EventFilter{CAMEO: "111"}},
		{"quad", dyad.EventFilter{QuadClass: 4}},
		{"modality-dates", dyad.EventFilter{Modality: dyad.Claimed, Dates: feb}},
		{"deep", dyad.EventFilter{Page: dyad.Page{After: deep}}},
		{"text", dyad.EventFilter{Text: "drones", Page: dyad.Page{Limit: 25}}},
		{"actor-quad-dates", dyad.EventFilter{Actor: "RUS", QuadClass: 3, Dates: feb}},
		{"deep-dyad", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, Page: dyad.Page{After: deep}}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Events(ctx, bb.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			f := dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}, Page: dyad.Page{Limit: dyad.MaxLimit}}
			n := 0
			for {
				evs, err := s.Events(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				n += len(evs)
				if len(evs) < dyad.MaxLimit {
					break
				}
				f.After = evs[len(evs)-1].Cursor
			}
			if n != 3*benchArticles {
				b.Fatalf("%d IRN-RUS events, want %d", n, 3*benchArticles)
			}
		}
	})
}

// BenchmarkEventCounts counts the events of the archive of BenchmarkEvents
// as the server's timeline and network ask for them: "timeline" the 15,000
// IRN-RUS events by day, codes, quad class and modality (what "scan" of
// BenchmarkEvents reads whole), "network" all 30,000 events by root codes,
// quad class and modality, and the network under other filters.
func BenchmarkEventCounts(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	timeline := []dyad.EventKey{dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass, dyad.ByModality}
	network := []dyad.EventKey{dyad.BySourceRoot, dyad.ByTargetRoot, dyad.ByQuadClass, dyad.ByModality}
	for _, bb := range []struct {
		name   string
		f      dyad.EventFilter
		by     []dyad.EventKey
		events int
	}{
		{"timeline", dyad.EventFilter{Dyad: [2]string{"IRN", "RUS"}}, timeline, 3 * benchArticles},
		{"network", dyad.EventFilter{}, network, 6 * benchArticles},
		{"network-actor", dyad.EventFilter{Actor: "RUS"}, network, 4 * benchArticles},
		{"network-cameo-dates", dyad.EventFilter{CAMEO: "11", Dates: dyad.Dates{From: "2023-01-01"}}, network, 2 * benchArticles},
		{"network-text", dyad.EventFilter{Text: "drones"}, network, 6 * benchArticles},
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

// BenchmarkOthers lists actors, quotes and votes by code over the archive of
// BenchmarkEvents, one page of 100 per op.
func BenchmarkOthers(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for _, bb := range []struct {
		name string
		list func() error
	}{
		{"actors", func() error { _, err := s.Actors(ctx, dyad.ActorFilter{Code: "IRN"}); return err }},
		{"actors-name", func() error {
			_, err := s.Actors(ctx, dyad.ActorFilter{Name: "ukraine", Kind: dyad.KindState})
			return err
		}},
		{"quotes", func() error { _, err := s.Quotes(ctx, dyad.QuoteFilter{Speaker: "IRN"}); return err }},
		{"votes", func() error { _, err := s.Votes(ctx, dyad.VoteFilter{Body: "IGO", Country: "IRN"}); return err }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if err := bb.list(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
