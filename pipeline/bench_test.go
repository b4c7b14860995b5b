package pipeline_test

import (
	"context"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/eval"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/tokenize"
)

// benchCorpus is the fixed corpus of the end-to-end benchmarks: the record
// texts of every gold set in ../shared/data (PETRARCH, TABARI, PETRARCH-2
// GSR, PLOVER GSR, CAMEO codebook examples), one article per record.
func benchCorpus(b *testing.B) []eval.Record {
	b.Helper()
	dir := dyadtest.Shared(b, "data")
	var all []eval.Record
	for _, set := range []string{"petrarch", "tabari", "petrarch2-gsr", "plover-gsr", "cameo-examples"} {
		recs, _ := eval.Load(context.Background(), dir, set)
		if len(recs) == 0 {
			b.Fatalf("no records in %s", set)
		}
		all = append(all, recs...)
	}
	return all
}

// BenchmarkCode measures `dyad code` end to end on one core: sentences/s.
func BenchmarkCode(b *testing.B) {
	recs := benchCorpus(b)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	sentences := 0
	b.ResetTimer()
	for b.Loop() {
		sentences = 0
		for _, r := range recs {
			d, err := p.Code(ctx, dyad.Article{Published: r.Date}, []byte(r.Text))
			if err != nil {
				b.Fatal(err)
			}
			sentences += len(d.Sentences)
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkTokenizeCorpus is the tokenizer alone over the same corpus: the
// practical ceiling of BenchmarkCode.
func BenchmarkTokenizeCorpus(b *testing.B) {
	recs := benchCorpus(b)
	tok := tokenize.New(tokenize.SplitHyphens())
	sentences := 0
	b.ResetTimer()
	for b.Loop() {
		sentences = 0
		for _, r := range recs {
			sentences += len(tok.Sentences(r.Text))
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
