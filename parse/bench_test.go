package parse_test

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tokenize"
)

// testText rebuilds the raw text of EWT test from its # text lines, a
// blank line between paragraphs.
func testText(b *testing.B) string {
	var sb strings.Builder
	for i, s := range readTreebank(b, "test") {
		if i > 0 {
			par := false
			for _, c := range s.Comments {
				par = par || strings.HasPrefix(c, "newpar") || strings.HasPrefix(c, "newdoc")
			}
			if par {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// BenchmarkPipeline runs tokenize, tag and parse over the text of EWT test
// on one goroutine and reports sentences per second.
func BenchmarkPipeline(b *testing.B) {
	tagger, parser := models(b)
	tok := tokenize.New(tokenize.SplitHyphens())
	text := testText(b)
	ctx := context.Background()
	sents := 0
	b.SetBytes(int64(len(text)))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := threadCPU()
	b.ResetTimer()
	for b.Loop() {
		d := &dyad.Doc{Text: text}
		if err := tok.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
		if err := tagger.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
		if err := parser.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
		sents += len(d.Sentences)
	}
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(sents)/(threadCPU()-cpu0), "sentences/cpu-s")
}

// threadCPU returns the CPU time of the calling OS thread in seconds. On a
// machine shared with other work, rates per CPU second are steadier than
// rates per wall second; the caller locks itself to its thread.
func threadCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkParse parses the tagged words of EWT test and reports sentences
// and tokens per second.
func BenchmarkParse(b *testing.B) {
	tagger, parser := models(b)
	var sents [][]dyad.Token
	words := 0
	for _, s := range readTreebank(b, "test") {
		toks := s.Tokens()
		for i := range toks {
			toks[i] = dyad.Token{Form: toks[i].Form}
		}
		tagger.Tag(toks)
		sents = append(sents, toks)
		words += len(toks)
	}
	n := 0
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := threadCPU()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			parser.Parse(s)
		}
		n++
	}
	sec := b.Elapsed().Seconds()
	cpu := threadCPU() - cpu0
	b.ReportMetric(float64(n*len(sents))/sec, "sentences/s")
	b.ReportMetric(float64(n*words)/sec, "tokens/s")
	b.ReportMetric(float64(n*len(sents))/cpu, "sentences/cpu-s")
}

// BenchmarkRead decodes the embedded model file (or the -parser file), as
// Default does once, and reports the heap it holds.
func BenchmarkRead(b *testing.B) {
	path := "model/en_ewt.parser.gz"
	if *parserFile != "" {
		path = *parserFile
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := parse.Read(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := parse.Read(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
	b.ReportMetric(float64(len(raw))/(1<<20), "MB-file")
	runtime.KeepAlive(m)
}
