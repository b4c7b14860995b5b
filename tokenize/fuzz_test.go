package tokenize

import (
	"testing"
)

// fuzzSeeds are the inputs every fuzz run starts from, beside the corpus in
// testdata/fuzz.
var fuzzSeeds = []string{
	"TEHRAN - Iran’s envoy said “no.” The U.S. did not. J. R. R. Tolkien met Gen. Smith at 5 p.m. Monday.",
	"KYIV, Feb 23 (Reuters) - \"made it clear. Ukraine's must be restored\". can't won't I'm gonna",
	"$4.2bn 3.5% 1,200 141-7-32 https://x.org/a_(b). a@b.co @x #y :) '90s",
	"Москва — «Привет»! العربية، نعم؟ 東京。\u00a0\u200b\u0301",
	"Headline\n\n  Indented\r\nline\u2029para",
	"\xff\xfe\xc3 .\xe2\x80 '\xff 's",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ewt := New(SplitHyphens())
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range []*Tokenizer{tk, ewt} {
			if err := checkTokens(text, tok.Tokens(text), nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := tk.Sentences(text)
		if err := checkSentences(tk, text, sents); err != nil {
			t.Fatal(err)
		}
		if place, span, ok := tk.Dateline(text); ok {
			if place == "" || span.Start < 0 || span.End > len(text) || span.Start >= span.End {
				t.Fatalf("Dateline(%q) = %q, %v", text, place, span)
			}
		}
	})
}
