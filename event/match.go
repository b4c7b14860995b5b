package event

import (
	"sort"
	"strings"
)

// index holds the rules by head lemma, verbal and nominal apart, and the
// topic rules (@topic) apart from the event rules.
type index struct {
	verbs      map[string][]*Rule
	nouns      map[string][]*Rule
	topicVerbs map[string][]*Rule
	topicNouns map[string][]*Rule
}

func newIndex(rules []*Rule) *index {
	ix := &index{verbs: map[string][]*Rule{}, nouns: map[string][]*Rule{},
		topicVerbs: map[string][]*Rule{}, topicNouns: map[string][]*Rule{}}
	for _, r := range rules {
		m := ix.verbs
		switch {
		case r.Flags.Has(FlagTopic) && r.Nominal:
			m = ix.topicNouns
		case r.Flags.Has(FlagTopic):
			m = ix.topicVerbs
		case r.Nominal:
			m = ix.nouns
		}
		for _, h := range r.Heads {
			m[h] = append(m[h], r)
		}
	}
	// Most specific first; among equals the longer (finer) code, then file order.
	for _, m := range []map[string][]*Rule{ix.verbs, ix.nouns, ix.topicVerbs, ix.topicNouns} {
		for _, rs := range m {
			sort.SliceStable(rs, func(i, j int) bool {
				si, sj := rs[i].Specificity(), rs[j].Specificity()
				if si != sj {
					return si > sj
				}
				return len(rs[i].Code) > len(rs[j].Code)
			})
		}
	}
	return ix
}

// complement returns, in text order, the tokens a rule's words are matched
// against: the head's dependents and their subtrees, leaving out subjects,
// clausal complements, adverbial clauses, parataxis, punctuation and
// coordinated clauses. For a noun, its modifiers on both sides.
func (t *tree) complement(h int, nominal bool) []int {
	var out []int
	var walk func(int)
	walk = func(j int) {
		out = append(out, j)
		for _, k := range t.kids[j] {
			switch t.rel(k) {
			case "punct", "parataxis", "ccomp", "advcl", "acl", "nsubj", "csubj", "reparandum", "discourse", "vocative", "dep", "conj", "cc":
				continue
			}
			walk(k)
		}
	}
	for _, k := range t.kids[h] {
		switch t.rel(k) {
		case "nsubj", "csubj", "expl", "ccomp", "advcl", "parataxis", "punct", "conj", "cc", "mark", "aux", "cop", "discourse", "vocative", "reparandum", "dep":
			continue
		case "acl":
			if !nominal {
				continue
			}
		case "det", "case":
			if nominal {
				continue
			}
		}
		walk(k)
	}
	sort.Ints(out)
	return out
}

// match returns the first rule of rs whose words occur in order in comp,
// with the positions of the words matched (for target anchoring).
func (t *tree) match(rs []*Rule, comp []int) (*Rule, []int) {
	for _, r := range rs {
		if pos, ok := t.matchWords(r.Words, comp, r.gated()); ok {
			return r, pos
		}
	}
	return nil, nil
}

// alternative is a rule that matched as well as the chosen one, with the
// positions of its words.
type alternative struct {
	rule  *Rule
	words []int
}

// alternatives returns the rules after first that match comp with the same
// words' weight: "meet -> obj" and "meet -> with" both match "met with X",
// and the one whose slot is filled should code.
func (t *tree) alternatives(rs []*Rule, first *Rule, comp []int) []alternative {
	var out []alternative
	seen := false
	for _, r := range rs {
		if r == first {
			seen = true
			continue
		}
		if !seen || r.Target == "" {
			continue
		}
		if r.Specificity()-r.Bonus < first.Specificity()-first.Bonus-1 || len(out) == 4 {
			break
		}
		if pos, ok := t.matchWords(r.Words, comp, r.gated()); ok {
			out = append(out, alternative{r, pos})
		}
	}
	return out
}

// gated reports whether r is a verbal rule converted from the Phoenix
// dictionary (no bonus), whose words follow PETRARCH's reading of a pattern:
// a word that is no preposition belongs to the verb phrase itself.
func (r *Rule) gated() bool { return !r.Nominal && r.Bonus == 0 }

// matchWords matches a rule's words in order against comp. For a converted
// verbal rule (gated), a word inside a prepositional phrase counts only when one of
// the prepositions between it and the verb is a word of the rule too: the
// Phoenix pattern "make trip" is "made a trip", not "made his remarks at the
// start of a regional trip", while "add to list of banned parties" keeps its
// words under "to".
func (t *tree) matchWords(words [][]string, comp []int, gated bool) ([]int, bool) {
	pos := make([]int, 0, len(words))
	i := 0
	for _, alts := range words {
		found := false
		for ; i < len(comp); i++ {
			tok := comp[i]
			if gated && !t.reached(tok, comp, pos) {
				continue
			}
			l, f := t.lemma(tok), t.lower(tok)
			sg := strings.TrimSuffix(f, "s")  // "troops": EWT keeps some plurals as lemmas
			es := strings.TrimSuffix(f, "es") // "embargoes", "crosses"
			for _, a := range alts {
				if a == l || a == f || a == sg || a == es {
					found = true
					break
				}
			}
			if found {
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

// reached reports whether tok, a token of comp, may match a word of a verbal
// rule given the tokens already matched (pos): true unless the path from tok
// up to the predicate crosses an oblique prepositional phrase ("at the start
// of a trip") none of whose prepositions was matched.
func (t *tree) reached(tok int, comp, pos []int) bool {
	if r := t.rel(tok); r == "case" || r == "mark" || r == "fixed" {
		return true
	}
	in := func(xs []int, x int) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	gated := false
	for j, hops := tok, 0; j >= 0 && in(comp, j) && hops < 12; j, hops = t.head[j], hops+1 {
		if t.rel(j) != "obl" {
			continue // a phrase within the object ("tons of aid") is the object's
		}
		for _, k := range t.kids[j] {
			if t.rel(k) != "case" || k > j {
				continue
			}
			if in(pos, k) {
				return true
			}
			gated = true
		}
	}
	return !gated
}
