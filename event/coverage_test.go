package event

import (
	"sort"
	"testing"

	"github.com/dyadhq/dyad/cameo"
)

// reachable returns the CAMEO codes the built-in rules can produce: a rule's
// own code, the intent or threat code of a planned act, a family verb's code
// refined by any act or topic it may take as its complement, and the
// refusal of a negated cooperation.
func reachable(c *Coder) map[string]bool {
	actSet, baseSet := map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	add := func(rs map[string][]*Rule, topic bool) {
		for _, list := range rs {
			for _, r := range list {
				if r.Code == "---" || seen[r.ID] {
					continue
				}
				seen[r.ID] = true
				actSet[r.Code] = true
				if !topic && familyOf(r.Code) != famNone {
					baseSet[r.Code] = true
				}
			}
		}
	}
	add(c.ix.verbs, false)
	add(c.ix.nouns, false)
	add(c.ix.topicVerbs, true)
	add(c.ix.topicNouns, true)
	out := map[string]bool{}
	for _, list := range []map[string][]*Rule{c.ix.verbs, c.ix.nouns} {
		for _, rs := range list {
			for _, r := range rs {
				if r.Code != "---" {
					out[r.Code] = true
				}
			}
		}
	}
	for a := range actSet {
		if i, ok := intentCode(a); ok {
			out[i] = true
		}
		if r, ok := familyCode("120", a, false); ok && familyOf(a) == famNone {
			out[r] = true
		}
		for b := range baseSet {
			for _, targeted := range []bool{false, true} {
				if s, ok := familyCode(b, a, targeted); ok && refines(b, s) {
					out[s] = true
				}
			}
		}
	}
	return out
}

// TestCodebookCoverage holds the rules to the whole codebook: every code
// with a description can be produced by some rule or family composition.
func TestCodebookCoverage(t *testing.T) {
	c, err := New(Options{Lookup: func(code string) (cameo.Code, bool) {
		k, ok := cameo.Lookup(code)
		return cameo.Code{Name: k.Name}, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	got := reachable(c)
	var missing []string
	for _, k := range cameo.All() {
		if len(k.Code) < 3 || got[k.Code] {
			continue
		}
		missing = append(missing, k.Code+" "+k.Name)
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no rule produces %s", m)
	}
}
