package event

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/google/go-cmp/cmp"
)

// wordsMatch is the definition the matcher implements, with strings: a
// rule's words in order among comp, each equal to a token's lemma, its
// lower-case form, or that form without a final "s" or "es"; for a gated
// rule, a token under an oblique phrase only if one of the phrase's
// prepositions was matched.
func wordsMatch(t *tree, words [][]string, comp []int, gated bool) ([]int, bool) {
	pos := []int{}
	i := 0
	for _, alts := range words {
		found := false
		for ; i < len(comp); i++ {
			tok := comp[i]
			if gated && !reachedDef(t, tok, comp, pos) {
				continue
			}
			f := t.lower(tok)
			forms := []string{t.lemma(tok), f, strings.TrimSuffix(f, "s"), strings.TrimSuffix(f, "es")}
			if slices.ContainsFunc(alts, func(a string) bool { return slices.Contains(forms, a) }) {
				found = true
				pos = append(pos, tok)
				i++
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return pos, true
}

func reachedDef(t *tree, tok int, comp, pos []int) bool {
	if r := t.rel(tok); r == "case" || r == "mark" || r == "fixed" {
		return true
	}
	gated := false
	for j, hops := tok, 0; j >= 0 && slices.Contains(comp, j) && hops < 12; j, hops = t.head[j], hops+1 {
		if t.rel(j) != "obl" {
			continue
		}
		for _, k := range t.kids[j] {
			if t.rel(k) == "case" && k < j {
				if slices.Contains(pos, k) {
					return true
				}
				gated = true
			}
		}
	}
	return !gated
}

// TestMatchAgreesWithWords holds the matcher (rule words and tokens as
// vocabulary ids, rules skipped whose words the sentence lacks) to the
// string definition, for every rule list of the built-in rules that a token
// of the UD English EWT test set heads, over the verbal and the nominal
// complement and the clause a demand is matched on.
func TestMatchAgreesWithWords(t *testing.T) {
	c, err := New(Options{Lookup: func(code string) (cameo.Code, bool) {
		k, ok := cameo.Lookup(code)
		return cameo.Code{Name: k.Name}, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	path := dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-test.conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	type hit struct {
		ID  string
		Pos []int
	}
	first := func(rs []*Rule, t *tree, comp []int) hit {
		for _, r := range rs {
			if pos, ok := wordsMatch(t, r.Words, comp, r.gated()); ok {
				return hit{r.ID, pos}
			}
		}
		return hit{}
	}
	tried, matched := 0, 0
	for _, s := range sents {
		toks := make([]dyad.Token, len(s.Words))
		for i, w := range s.Words {
			toks[i] = dyad.Token{Form: w.Form, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS, Head: w.Head, Rel: w.Deprel}
		}
		tr := newTree(toks)
		for i := range tr.toks {
			for _, m := range []map[string][]*Rule{c.ix.verbs, c.ix.nouns, c.ix.topicVerbs, c.ix.topicNouns} {
				rs := lookupLemma(m, tr.lemma(i), tr.lower(i))
				if len(rs) == 0 {
					continue
				}
				for _, nominal := range []bool{false, true} {
					comp := tr.complement(i, nominal)
					r, pos := tr.match(rs, comp)
					got := hit{Pos: pos}
					if r != nil {
						got.ID = r.ID
						matched++
					}
					tried++
					if diff := cmp.Diff(first(rs, tr, comp), got); diff != "" {
						t.Fatalf("%s token %d %q: match (-want +got):\n%s", s.ID, i+1, tr.toks[i].Form, diff)
					}
					if r == nil || r.Target == "" {
						continue
					}
					var want []hit
					seen := false
					for _, q := range rs {
						if q == r {
							seen = true
							continue
						}
						if !seen || q.Target == "" {
							continue
						}
						if q.Specificity()-q.Bonus < r.Specificity()-r.Bonus-1 || len(want) == 4 {
							break
						}
						if p, ok := wordsMatch(tr, q.Words, comp, q.gated()); ok {
							want = append(want, hit{q.ID, p})
						}
					}
					var alts []hit
					for _, a := range tr.alternatives(rs, r, comp) {
						alts = append(alts, hit{a.rule.ID, a.words})
					}
					if diff := cmp.Diff(want, alts); diff != "" {
						t.Fatalf("%s token %d %q: alternatives (-want +got):\n%s", s.ID, i+1, tr.toks[i].Form, diff)
					}
				}
			}
			comp := append([]int{i}, tr.complement(i, false)...)
			for _, r := range c.ix.demands {
				_, want := wordsMatch(tr, r.Words, comp, r.gated())
				if _, got := tr.matchRule(r, comp); got != want {
					t.Fatalf("%s token %d %q: demand rule %s matches %v, want %v", s.ID, i+1, tr.toks[i].Form, r.ID, got, want)
				}
			}
		}
	}
	if tried < 5000 || matched < 1000 {
		t.Errorf("only %d rule lists tried and %d matched: the test set was not read", tried, matched)
	}
	t.Logf("%d sentences, %d rule lists tried, %d matched", len(sents), tried, matched)
}
