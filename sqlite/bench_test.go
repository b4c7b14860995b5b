package sqlite

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/storetest"
)

// BenchmarkPut stores full seed-like docs (storetest.Variant: 9 sentences,
// 7 actors, 6 events, a claim, 2 quotes, 3 amounts, a vote of 11 positions)
// and reports documents per second and database bytes per article.
func BenchmarkPut(b *testing.B) {
	benchPut(b, storetest.Variant)
}

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
	benchPut(b, func(i int) *dyad.Doc {
		d := storetest.Variant(i)
		d.Text = text + fmt.Sprintf(" (Update %d.)", i)
		d.Sentences = sents
		return d
	})
}

func benchPut(b *testing.B, doc func(int) *dyad.Doc) {
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
	for i := 0; i < b.N; i++ {
		if _, added, err := s.Put(ctx, docs[i]); err != nil || !added {
			b.Fatalf("put %d: added %v, %v", i, added, err)
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

// BenchmarkEvents queries events by actor over 1,000 stored articles.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir()+"/bench.db", nil)
	if err != nil {
		b.Fatal(err)
	}
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
