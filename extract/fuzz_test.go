package extract

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// FuzzExtract runs the three extractors over any text, with the capitalised
// words marked as mentions of states, and checks that they never panic and
// that every record points into the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`"We will win," he said, "and soon."`,
		"The motion was backed by 141 nations with 32 abstaining and seven voting against.",
		"China, India and Iran were among the 32 countries to abstain. The bill passed 52-48.",
		"“Unclosed\n\n“quote” said X: ‘a’ «b» \"",
		"tens of billions of $ 4.2bn between $10 and $ - 1,2,3 one-two twenty-",
		"According to , said that , adding that",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &dyad.Doc{Article: dyad.Article{Published: "2024-01-01"}, Text: text}
		if err := tok.Annotate(ctx(), d); err != nil {
			t.Skip()
		}
		markCapitals(d)
		run(t, d)
		in := func(sp dyad.Span) bool { return sp.Start >= 0 && sp.End <= len(text) && sp.Start < sp.End }
		for _, q := range d.Quotes {
			if !in(q.Span) || q.Sentence < 1 || q.Sentence > len(d.Sentences) {
				t.Fatalf("quote %+v outside the text", q)
			}
		}
		for _, a := range d.Amounts {
			if !in(a.Span) || text[a.Span.Start:a.Span.End] != a.Text || a.Low > a.High {
				t.Fatalf("amount %+v does not match the text", a)
			}
		}
		for _, v := range d.Votes {
			for _, p := range v.Positions {
				if !in(p.Span) {
					t.Fatalf("position %+v outside the text", p)
				}
			}
			if v.Yes < -1 || v.No < -1 || v.Abstain < -1 || v.Absent < -1 {
				t.Fatalf("vote %+v has a bad count", v)
			}
		}
	})
}

// markCapitals makes each capitalised token a mention of a state coded from
// its first letters, so fuzzing reaches the code that reads lists.
func markCapitals(d *dyad.Doc) {
	for _, s := range d.Sentences {
		for _, tk := range s.Tokens {
			if !isCapitalized(tk.Form) || len(tk.Form) < 3 {
				continue
			}
			code := strings.ToUpper(tk.Form[:3])
			if !isCode(code) {
				continue
			}
			d.Actors = append(d.Actors, dyad.Actor{
				ID: "a" + code, Name: tk.Form, Code: code, Country: code, Kind: dyad.KindState,
				Mentions: []dyad.Mention{{Sentence: s.N, Start: tk.Start, End: tk.End, Text: tk.Form}},
			})
		}
	}
}

// TestDeterministicAndConcurrent runs the extractors from many goroutines
// over the golden articles and checks every run gives the same output.
func TestDeterministicAndConcurrent(t *testing.T) {
	docs := goldenDocs(t)
	want := make([]output, len(docs))
	for i, d := range docs {
		run(t, d)
		want[i] = output{d.Quotes, d.Amounts, d.Votes}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(docs))
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, src := range docs {
				d := &dyad.Doc{Article: src.Article, Text: src.Text, Sentences: src.Sentences, Actors: src.Actors}
				for _, st := range []interface {
					Annotate(context.Context, *dyad.Doc) error
				}{quotes, amounts, votes} {
					if err := st.Annotate(ctx(), d); err != nil {
						errs <- err.Error()
						return
					}
				}
				if diff := cmp.Diff(want[i], output{d.Quotes, d.Amounts, d.Votes}); diff != "" {
					errs <- diff
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestCanceled checks that a canceled context stops every extractor with an
// error that still is context.Canceled.
func TestCanceled(t *testing.T) {
	c, cancel := context.WithCancel(context.Background())
	cancel()
	d := newDoc(t, "He said it would rain.", "", "")
	for _, st := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{quotes, amounts, votes} {
		if err := st.Annotate(c, d); !errors.Is(err, context.Canceled) {
			t.Errorf("%T: got %v, want context.Canceled", st, err)
		}
	}
}
