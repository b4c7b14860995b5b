package extract

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tag"
)

// benchCorpus returns the golden articles (news, dense in quotations, numbers
// and votes) and the UD English EWT dev sentences (web text, read in place
// from the shared folder) in documents of 20 sentences, tokenized, tagged
// and with their actors resolved, so the extractors see what the pipeline
// gives them.
func benchCorpus(b *testing.B) (news, web []*dyad.Doc) {
	b.Helper()
	news = goldenDocs(b)
	f, err := os.Open(dyadtest.Shared(b, "data/ud-english-ewt/en_ewt-ud-dev.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var texts []string
	var cur []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if t, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
			cur = append(cur, t)
			if len(cur) == 20 {
				texts, cur = append(texts, strings.Join(cur, "\n")), nil
			}
		}
	}
	if len(cur) > 0 {
		texts = append(texts, strings.Join(cur, "\n"))
	}
	for i, t := range texts {
		web = append(web, &dyad.Doc{Article: dyad.Article{ID: "ewt" + string(rune('a'+i%26)), Published: "2024-01-01"}, Text: t})
	}
	tagger, terr := tag.Default()
	resolver, err := actor.New(actor.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range web {
		ctx := context.Background()
		if err := tok.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
		if terr == nil {
			if err := tagger.Annotate(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		if err := resolver.Annotate(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	return news, web
}

// BenchmarkExtract measures each extractor and the three together over the
// news and web corpora; sentences/s is the figure to compare with the
// parser's.
func BenchmarkExtract(b *testing.B) {
	news, web := benchCorpus(b)
	type stage interface {
		Annotate(context.Context, *dyad.Doc) error
	}
	for _, corpus := range []struct {
		name string
		docs []*dyad.Doc
	}{{"news", news}, {"web", web}} {
		sentences := 0
		for _, d := range corpus.docs {
			sentences += len(d.Sentences)
		}
		for _, st := range []struct {
			name   string
			stages []stage
		}{
			{"quotes", []stage{quotes}},
			{"amounts", []stage{amounts}},
			{"votes", []stage{votes}},
			{"all", []stage{quotes, amounts, votes}},
		} {
			b.Run(corpus.name+"/"+st.name, func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					for _, d := range corpus.docs {
						for _, s := range st.stages {
							if err := s.Annotate(ctx, d); err != nil {
								b.Fatal(err)
							}
						}
					}
				}
				b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
			})
		}
	}
}
