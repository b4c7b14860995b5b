package event_test

import (
	"context"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/eval"
	"github.com/dyadhq/dyad/event"
	"github.com/dyadhq/dyad/pipeline"
)

// noEvents stands in for the event stage when the corpus is prepared, so
// that the documents carry tokens, tags, the parse and actors, and nothing
// of the stage under measurement.
type noEvents struct{}

func (noEvents) Annotate(context.Context, *dyad.Doc) error { return nil }

// parsedCorpus returns the record texts of every gold set in ../shared/data
// (the corpus of pipeline.BenchmarkCode) run through the pipeline up to the
// actor stage, and an event coder wired as the pipeline wires it.
func parsedCorpus(tb testing.TB) ([]*dyad.Doc, *event.Coder) {
	tb.Helper()
	ctx := context.Background()
	dir := dyadtest.Shared(tb, "data")
	p, err := pipeline.New(pipeline.Options{Events: noEvents{}})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []*dyad.Doc
	for _, set := range []string{"petrarch", "tabari", "petrarch2-gsr", "plover-gsr", "cameo-examples"} {
		recs, _ := eval.Load(ctx, dir, set)
		if len(recs) == 0 {
			tb.Fatalf("no records in %s", set)
		}
		for _, r := range recs {
			d, err := p.Code(ctx, dyad.Article{Published: r.Date}, []byte(r.Text))
			if err != nil {
				tb.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	actors, err := actor.New(actor.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	// As the pipeline's resolver: names repeat, answers are remembered.
	type answer struct {
		code string
		ok   bool
	}
	cache := map[string]answer{}
	resolve := func(phrase, date string) (string, bool) {
		key := phrase + "|" + date
		if a, ok := cache[key]; ok {
			return a.code, a.ok
		}
		code, ok := actors.Demonym(phrase)
		if !ok {
			m, found := actors.Lookup(phrase, date)
			code, ok = m.Code, found && m.Kind != "" && m.Code != ""
		}
		cache[key] = answer{code, ok}
		return code, ok
	}
	c, err := event.New(event.Options{Lookup: cameo.Lookup, Place: actors.Place, Resolve: resolve})
	if err != nil {
		tb.Fatal(err)
	}
	return docs, c
}

// BenchmarkAnnotate measures the event stage alone on one core over the
// pre-parsed corpus: sentences/s.
func BenchmarkAnnotate(b *testing.B) {
	docs, c := parsedCorpus(b)
	ctx := context.Background()
	sentences := 0
	for _, d := range docs {
		sentences += len(d.Sentences)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if err := c.Annotate(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
