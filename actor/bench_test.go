package actor_test

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tokenize"
)

// benchDocs reads the sentences of UD English EWT dev (2,001 sentences of
// web text, CC BY-SA 4.0) and tokenizes them into documents of 20 sentences.
func benchDocs(b *testing.B) (docs []*dyad.Doc, sentences int) {
	f, err := os.Open(dyadtest.Shared(b, "data/ud-english-ewt/en_ewt-ud-dev.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if t, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
			texts = append(texts, t)
		}
	}
	tok := tokenize.New()
	for i := 0; i < len(texts); i += 20 {
		j := min(i+20, len(texts))
		d := &dyad.Doc{Text: strings.Join(texts[i:j], "\n\n"), Article: dyad.Article{Published: "2015-06-01"}}
		if err := tok.Annotate(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		sentences += len(d.Sentences)
		docs = append(docs, d)
	}
	return docs, sentences
}

// BenchmarkAnnotate measures actor resolution over EWT dev; sentences/s is
// the figure to compare with the parser's.
func BenchmarkAnnotate(b *testing.B) {
	docs, n := benchDocs(b)
	r, err := actor.New(actor.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if err := r.Annotate(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkSeed measures the seed article (21 sentences).
func BenchmarkSeed(b *testing.B) {
	d := seedDoc(b, false)
	r, err := actor.New(actor.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if err := r.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Sentences))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkNew measures loading and indexing the built-in knowledge.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := actor.New(actor.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewPhoenix measures loading the built-in knowledge plus the
// Phoenix country dictionary (18,390 actors).
func BenchmarkNewPhoenix(b *testing.B) {
	path := dyadtest.Shared(b, "data/phoenix/Phoenix.Countries.actors.txt")
	for b.Loop() {
		if _, err := actor.New(actor.Options{Dicts: []string{path}}); err != nil {
			b.Fatal(err)
		}
	}
}
