package tokenize

import (
	"testing"
)

// BenchmarkTokenize splits the documents of UD English EWT test (CC BY-SA
// 4.0) into sentences and tokens and reports sentences per second.
func BenchmarkTokenize(b *testing.B) {
	docs, err := goldDocs(readEWT(b, "test"))
	if err != nil {
		b.Fatal(err)
	}
	tok := New()
	sents, bytes := 0, 0
	for _, d := range docs {
		sents += len(d.sents)
		bytes += len(d.text)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			tok.Sentences(d.text)
		}
	}
	b.ReportMetric(float64(sents)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
