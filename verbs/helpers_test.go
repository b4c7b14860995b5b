package verbs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
)

// testDoc builds a one-sentence document from a compact description, so
// that the tests do not depend on the tagger and parser models. Tokens are
// separated by blanks and written "Form/UPOS", optionally followed by
// "/HEAD/REL" (HEAD 1-based, 0 for the root) and by a mention mark:
//
//	=ARN    an actor mention coded ARN (rule actor.dict)
//	=+      the token continues the previous mention
//	=@GOV   a role noun the actor stage coded GOV alone (actor.role.sector)
//	=^ARN   a pronoun standing for an actor coded ARN (coref.pronoun)
//
// Without any HEAD the sentence is unparsed.
func testDoc(t testing.TB, spec, published string) *dyad.Doc {
	t.Helper()
	d := &dyad.Doc{Article: dyad.Article{ID: "test", Published: published}}
	s := dyad.Sentence{N: 1}
	var text strings.Builder
	type ment struct {
		start, end int
		code, rule string
	}
	var ments []ment
	for i, f := range strings.Fields(spec) {
		f, mark, _ := strings.Cut(f, "=")
		parts := strings.Split(f, "/")
		if len(parts) != 2 && len(parts) != 4 {
			t.Fatalf("token %q: want Form/UPOS or Form/UPOS/HEAD/REL", f)
		}
		if i > 0 {
			text.WriteByte(' ')
		}
		tok := dyad.Token{Start: text.Len(), Form: parts[0], UPOS: parts[1], Lemma: strings.ToLower(parts[0])}
		text.WriteString(parts[0])
		tok.End = text.Len()
		if len(parts) == 4 {
			h, err := strconv.Atoi(parts[2])
			if err != nil {
				t.Fatalf("token %q: %v", f, err)
			}
			tok.Head, tok.Rel = h, parts[3]
		}
		if tok.UPOS == "PRON" && strings.HasSuffix(strings.ToLower(tok.Form), "s") {
			tok.Feats = "Poss=Yes"
		}
		s.Tokens = append(s.Tokens, tok)
		switch {
		case mark == "":
		case mark == "+":
			if len(ments) == 0 {
				t.Fatalf("token %q continues no mention", f)
			}
			ments[len(ments)-1].end = tok.End
		case strings.HasPrefix(mark, "@"):
			ments = append(ments, ment{tok.Start, tok.End, mark[1:], "actor.role.sector"})
		case strings.HasPrefix(mark, "^"):
			ments = append(ments, ment{tok.Start, tok.End, mark[1:], "coref.pronoun"})
		default:
			ments = append(ments, ment{tok.Start, tok.End, mark, "actor.dict"})
		}
	}
	d.Text = text.String()
	s.Start, s.End = 0, len(d.Text)
	d.Sentences = []dyad.Sentence{s}
	for i, m := range ments {
		d.Actors = append(d.Actors, dyad.Actor{ID: fmt.Sprintf("a%d", i+1), Code: m.code, Rule: m.rule,
			Mentions: []dyad.Mention{{Sentence: 1, Start: m.start, End: m.end, Text: d.Text[m.start:m.end], Rule: m.rule}}})
	}
	return d
}

// code builds the document of spec (see testDoc) and codes it with c.
func code(t testing.TB, c *Coder, spec, published string) *dyad.Doc {
	t.Helper()
	d := testDoc(t, spec, published)
	if err := c.Annotate(t.Context(), d); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	return d
}

// triples returns the events of d as "SRC TGT CODE", with the modality
// when it is not asserted.
func triples(d *dyad.Doc) []string {
	var out []string
	for _, e := range d.Events {
		s := e.Source.Code + " " + e.Target.Code + " " + e.CAMEO
		if e.Modality != dyad.Asserted {
			s += " " + string(e.Modality)
		}
		out = append(out, s)
	}
	return out
}

// sortedTriples returns the triples of d in order.
func sortedTriples(d *dyad.Doc) []string {
	out := triples(d)
	slices.Sort(out)
	return out
}
