package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/ingest/ingesttest"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/source"
	"github.com/dyadhq/dyad/sqlite"
)

// The benchmark corpora: short synthetic articles (ingesttest: five
// sentences, about 450 bytes), and copies of the seed article (4.5 kB, 21
// sentences) each made distinct by a last sentence.
var corpora = []struct {
	name  string
	write func(tb testing.TB, dir string, n int)
}{
	{"short", func(tb testing.TB, dir string, n int) {
		if _, err := ingesttest.WriteDir(dir, n); err != nil {
			tb.Fatal(err)
		}
	}},
	{"seed", func(tb testing.TB, dir string, n int) {
		raw, err := os.ReadFile(dyadtest.Shared(tb, "seed/mehr-2023-02-24-iran-russia.txt"))
		if err != nil {
			tb.Fatal(err)
		}
		for i := range n {
			text := fmt.Sprintf("Published: 2023-02-24\nURL: https://example.org/seed/%d\n\n%s Update %d follows.\n", i, raw, i)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%05d.txt", i)), []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}},
}

// BenchmarkIngest ingests b.N articles with the real coder on every core
// into a new SQLite file, end to end, and reports articles/s,
// articles/s/core and dbbytes/article (the checkpointed file).
func BenchmarkIngest(b *testing.B) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			c.write(b, dir, b.N)
			path := filepath.Join(b.TempDir(), "bench.db")
			ctx := context.Background()
			s, err := sqlite.Open(ctx, path, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			sum, err := ingest.Run(ctx, s, p, []string{dir}, ingest.Options{})
			b.StopTimer()
			if err != nil || sum.Stored != b.N {
				b.Fatalf("stored %d of %d: %v %v", sum.Stored, b.N, err, sum.Failures)
			}
			if err := s.Close(); err != nil { // checkpoints the WAL into the file
				b.Fatal(err)
			}
			info, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			rate := float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(rate, "articles/s")
			b.ReportMetric(rate/float64(runtime.GOMAXPROCS(0)), "articles/s/core")
			b.ReportMetric(float64(info.Size())/float64(b.N), "dbbytes/article")
			b.ReportMetric(float64(sum.Events)/float64(b.N), "events/article")
		})
	}
}

// BenchmarkCodeThenStore codes b.N articles one after the other, then
// stores them in batches of ingest.DefaultBatch, on one goroutine, and reports the time
// of each per article and storing's share of coding (store/code-%): what
// the store adds to the coder's work, without the two competing for cores.
func BenchmarkCodeThenStore(b *testing.B) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			c.write(b, dir, b.N)
			ctx := context.Background()
			var items []source.Item
			for it, err := range source.Read(ctx, dir, source.Options{}) {
				if err != nil {
					b.Fatal(err)
				}
				items = append(items, it)
			}
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			docs := make([]*dyad.Doc, 0, len(items))
			t0 := time.Now()
			for _, it := range items {
				d, err := p.Code(ctx, it.Article, []byte(it.Text))
				if err != nil {
					b.Fatal(err)
				}
				for i := range d.Sentences {
					d.Sentences[i].Tokens = nil
				}
				docs = append(docs, d)
			}
			coding := time.Since(t0)
			// Stored in batches, as Run writes them.
			t1 := time.Now()
			for i := 0; i < len(docs); i += ingest.DefaultBatch {
				res, err := s.PutMany(ctx, docs[i:min(i+ingest.DefaultBatch, len(docs))])
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range res {
					if r.Err != nil || !r.Added {
						b.Fatalf("put: added %v, %v", r.Added, r.Err)
					}
				}
			}
			storing := time.Since(t1)
			b.StopTimer()
			b.ReportMetric(float64(coding.Microseconds())/1000/float64(b.N), "code-ms/article")
			b.ReportMetric(float64(storing.Microseconds())/1000/float64(b.N), "store-ms/article")
			b.ReportMetric(100*storing.Seconds()/coding.Seconds(), "store/code-%")
		})
	}
}
