package parse_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

// Parse one sentence: tokenize, tag, then parse, and print each word with
// its relation and head.
func ExampleModel_Parse() {
	tagger, err := tag.Default()
	if err != nil {
		log.Fatal(err)
	}
	parser, err := parse.Default()
	if err != nil {
		log.Fatal(err)
	}
	toks := tokenize.New().Tokens("Tehran has categorically denied the accusations.")
	tagger.Tag(toks)
	parser.Parse(toks)
	for i, t := range toks {
		head := "ROOT"
		if t.Head > 0 {
			head = toks[t.Head-1].Form
		}
		fmt.Println(i+1, t.Form, t.Rel, head)
	}
}

// The parser is a stage of the pipeline: it parses every sentence of a Doc
// that the tokenizer and tagger have filled.
func ExampleModel_Annotate() {
	ctx := context.Background()
	tagger, err := tag.Default()
	if err != nil {
		log.Fatal(err)
	}
	parser, err := parse.Default()
	if err != nil {
		log.Fatal(err)
	}
	d := &dyad.Doc{Text: "The motion was backed by 141 nations. Seven voted against."}
	for _, stage := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{tokenize.New(), tagger, parser} {
		if err := stage.Annotate(ctx, d); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(len(d.Sentences), "sentences parsed")
}
