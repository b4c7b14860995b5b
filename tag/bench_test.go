package tag

import (
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
)

// BenchmarkTag tags and lemmatizes the sentences of EWT test, one at a time.
func BenchmarkTag(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	gold := readEWT(b, "test")
	sents := make([][]dyad.Token, len(gold))
	words := 0
	for i, s := range gold {
		for _, w := range s.Words {
			sents[i] = append(sents[i], dyad.Token{Form: w.Form, Head: -1})
		}
		words += len(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		m.Tag(sents[n%len(sents)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(n)*float64(words)/float64(len(sents))/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkDefault decodes the embedded model.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Read(stringsReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
