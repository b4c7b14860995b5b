package tag_test

import (
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/tag"
)

func ExampleModel_Tag() {
	m, err := tag.Default()
	if err != nil {
		panic(err)
	}
	var toks []dyad.Token
	for _, w := range strings.Fields("Tehran has categorically denied the accusations .") {
		toks = append(toks, dyad.Token{Form: w, Head: -1})
	}
	m.Tag(toks)
	for _, t := range toks {
		fmt.Println(t.Form, t.UPOS, t.XPOS, t.Lemma)
	}
	// Output:
	// Tehran PROPN NNP Tehran
	// has AUX VBZ have
	// categorically ADV RB categorically
	// denied VERB VBN deny
	// the DET DT the
	// accusations NOUN NNS accusation
	// . PUNCT . .
}
