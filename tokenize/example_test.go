package tokenize_test

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/tokenize"
)

func ExampleTokenizer_Annotate() {
	tok := tokenize.New()
	d := &dyad.Doc{Text: "TEHRAN - Iran’s envoy met Gen. Smith. “It can’t wait,” he said."}
	if err := tok.Annotate(context.Background(), d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("dateline:", d.Article.Dateline)
	for _, s := range d.Sentences {
		fmt.Printf("%d %q\n", s.N, d.Text[s.Start:s.End])
	}
	// Output:
	// dateline: TEHRAN
	// 1 "Iran’s envoy met Gen. Smith."
	// 2 "“It can’t wait,” he said."
}

func ExampleTokenizer_Tokens() {
	tok := tokenize.New()
	for _, t := range tok.Tokens("The U.S. can't pay $4.2bn.") {
		fmt.Printf("%d-%d %s\n", t.Start, t.End, t.Form)
	}
	// Output:
	// 0-3 The
	// 4-8 U.S.
	// 9-11 ca
	// 11-14 n't
	// 15-18 pay
	// 19-20 $
	// 20-23 4.2
	// 23-25 bn
	// 25-26 .
}

func ExampleSplitHyphens() {
	for _, tok := range []*tokenize.Tokenizer{tokenize.New(), tokenize.New(tokenize.SplitHyphens())} {
		var forms []string
		for _, t := range tok.Tokens("a full-scale anti-war e-mail") {
			forms = append(forms, t.Form)
		}
		fmt.Println(forms)
	}
	// Output:
	// [a full-scale anti-war e-mail]
	// [a full - scale anti-war e-mail]
}
