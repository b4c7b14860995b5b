package event

import (
	"slices"
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
	// demands are the verbal demand rules of one word, which "X must do
	// Y" is matched against (demandAt), in file order.
	demands []*Rule
	voc     *vocab
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
	ix.voc = newVocab(rules)
	for _, r := range rules {
		r.m = ix.voc.compile(r)
		if r.Flags.Has(FlagDemand) && !r.Flags.Has(FlagTopic) && !r.Nominal && len(r.Words) == 1 {
			ix.demands = append(ix.demands, r)
		}
	}
	return ix
}

// complement returns, in text order, the tokens a rule's words are matched
// against: the head's dependents and their subtrees, leaving out subjects,
// clausal complements, adverbial clauses, parataxis, punctuation and
// coordinated clauses. For a noun, its modifiers on both sides.
func (t *tree) complement(h int, nominal bool) []int {
	if t.walk == nil {
		t.walk = make([]int, 0, len(t.toks))
	}
	out := t.walk[:0]
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
		out = t.walkComplement(k, out)
	}
	t.walk = out
	if len(out) == 0 {
		return nil
	}
	out = slices.Clone(out)
	slices.Sort(out)
	return out
}

// walkComplement appends j and the tokens of its subtree that complement
// takes to out.
func (t *tree) walkComplement(j int, out []int) []int {
	out = append(out, j)
	for _, k := range t.kids[j] {
		switch t.rel(k) {
		case "acl":
			// "ordered three diplomats to leave": an object's "to"
			// infinitive the parser hung on the noun is the verb's
			// complement (object control).
			if t.rel(j) != "obj" || t.toks[k].XPOS != "VB" || markOf(t, k) != "to" {
				continue
			}
		case "punct", "parataxis", "ccomp", "advcl", "nsubj", "csubj", "reparandum", "discourse", "vocative", "dep", "conj", "cc":
			continue
		}
		out = t.walkComplement(k, out)
	}
	return out
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
	var w *tokenWords
	defer func() {
		if w != nil {
			w.unload()
		}
	}()
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
		w = t.loadFor(w, r, comp)
		if pos, ok := t.try(w, r, comp); ok {
			out = append(out, alternative{r, pos})
		}
	}
	return out
}

// gated reports whether r is a verbal rule converted from the Phoenix
// dictionary (no bonus), whose words follow PETRARCH's reading of a pattern:
// a word that is no preposition belongs to the verb phrase itself.
func (r *Rule) gated() bool { return !r.Nominal && r.Bonus == 0 }

// A rule's words are matched as integers: every distinct word of an
// index's rules gets an id (vocab), each rule its words' ids (ruleWords),
// and each sentence, once, the ids of its tokens' forms (tokenWords). A
// rule is tried only when each of its words has an id among the
// sentence's, which most of the hundreds of rules of a frequent verb have
// not.

// vocab numbers the distinct words of an index's rules.
type vocab struct {
	ids map[string]int32
}

func newVocab(rules []*Rule) *vocab {
	v := &vocab{ids: map[string]int32{}}
	for _, r := range rules {
		for _, alts := range r.Words {
			for _, a := range alts {
				if _, ok := v.ids[a]; !ok {
					v.ids[a] = int32(len(v.ids))
				}
			}
		}
	}
	return v
}

// id returns the id of w, or -1 if no rule has the word.
func (v *vocab) id(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	return -1
}

// ruleWords is a rule's words as ids of its index's vocabulary.
type ruleWords struct {
	voc   *vocab
	words [][]int32 // per word, the ids of its alternatives
	// key holds the alternatives of the rule's word with the fewest, one
	// that is no preposition if it can (-1 pads it): a sentence without
	// any of them cannot match. keyed is false when every word has more
	// alternatives than key holds, or the rule has no words.
	key   [4]int32
	keyed bool
	gated bool
}

func (v *vocab) compile(r *Rule) ruleWords {
	m := ruleWords{voc: v, words: make([][]int32, len(r.Words)), key: [4]int32{-1, -1, -1, -1}, gated: r.gated()}
	best, bestPrep := -1, false
	for i, alts := range r.Words {
		m.words[i] = make([]int32, len(alts))
		for j, a := range alts {
			m.words[i][j] = v.id(a)
		}
		prep := len(alts) == 1 && isPrep(alts[0])
		if len(alts) <= len(m.key) && (best < 0 || len(alts) < len(r.Words[best]) || len(alts) == len(r.Words[best]) && bestPrep && !prep) {
			best, bestPrep = i, prep
		}
	}
	if best >= 0 {
		copy(m.key[:], m.words[best])
		m.keyed = true
	}
	return m
}

// tokenWords holds a sentence's tokens as ids of one vocabulary, and the
// complement being matched: a tree matches one complement at a time.
type tokenWords struct {
	voc *vocab
	// ids holds, per token, the ids of its lemma, its lower-case form and
	// that form without a final "s" ("troops": EWT keeps some plurals as
	// lemmas) and "es" ("embargoes", "crosses"); -1 for no rule word.
	ids [][4]int32
	// present is a set over the vocabulary: the ids of the sentence's
	// tokens. A rule one of whose words is missing cannot match.
	present []uint64
	inComp  []bool // the complement being matched
	loaded  []int  // the complement inComp holds
	pos     []int  // scratch positions of the words matched
}

// words returns the tokens of t as ids of voc, computed on first use.
func (t *tree) words(voc *vocab) *tokenWords {
	if t.w != nil && t.w.voc == voc {
		return t.w
	}
	w := &tokenWords{voc: voc, ids: make([][4]int32, len(t.toks)),
		present: make([]uint64, (len(voc.ids)+63)/64), inComp: make([]bool, len(t.toks))}
	for i := range t.toks {
		f := t.lower(i)
		ids := [4]int32{-1, voc.id(f), -1, -1}
		if l := t.lemma(i); l == f {
			ids[0] = ids[1]
		} else {
			ids[0] = voc.id(l)
		}
		if sg := strings.TrimSuffix(f, "s"); len(sg) < len(f) {
			ids[2] = voc.id(sg)
			if es := strings.TrimSuffix(f, "es"); len(es) < len(f) {
				ids[3] = voc.id(es)
			}
		}
		for _, id := range ids {
			if id >= 0 {
				w.present[id>>6] |= 1 << (id & 63)
			}
		}
		w.ids[i] = ids
	}
	t.w = w
	return w
}

// load makes comp the complement that inComp describes.
func (w *tokenWords) load(comp []int) {
	w.unload()
	for _, tok := range comp {
		w.inComp[tok] = true
	}
	w.loaded = comp
}

// unload empties inComp.
func (w *tokenWords) unload() {
	for _, tok := range w.loaded {
		w.inComp[tok] = false
	}
	w.loaded = nil
}

// loadFor returns w, or t's words in r's vocabulary when w is nil or
// holds another one, with comp loaded.
func (t *tree) loadFor(w *tokenWords, r *Rule, comp []int) *tokenWords {
	if w != nil && w.voc == r.m.voc {
		return w
	}
	if w != nil {
		w.unload()
	}
	w = t.words(r.m.voc)
	w.load(comp)
	return w
}

// match returns the first rule of rs whose words occur in order in comp,
// with the positions of the words matched (for target anchoring).
func (t *tree) match(rs []*Rule, comp []int) (*Rule, []int) {
	var w *tokenWords
	defer func() {
		if w != nil {
			w.unload()
		}
	}()
	for _, r := range rs {
		w = t.loadFor(w, r, comp)
		if pos, ok := t.try(w, r, comp); ok {
			return r, pos
		}
	}
	return nil, nil
}

// matchRule matches r's words in order against comp and returns the
// positions of the tokens they matched.
func (t *tree) matchRule(r *Rule, comp []int) ([]int, bool) {
	w := t.loadFor(nil, r, comp)
	defer w.unload()
	return t.try(w, r, comp)
}

// try matches r against the complement loaded in w: it returns the
// positions of the tokens r's words matched.
func (t *tree) try(w *tokenWords, r *Rule, comp []int) ([]int, bool) {
	m := &r.m
	if m.keyed && !w.anyPresent(m.key[:]) {
		return nil, false
	}
	for _, alts := range m.words {
		if !w.anyPresent(alts) {
			return nil, false
		}
	}
	pos, ok := t.matchWords(w, m, comp)
	if !ok {
		return nil, false
	}
	return append(make([]int, 0, len(pos)), pos...), true
}

// anyPresent reports whether one of ids is a word of the sentence.
func (w *tokenWords) anyPresent(ids []int32) bool {
	for _, id := range ids {
		if id >= 0 && w.present[id>>6]&(1<<(id&63)) != 0 {
			return true
		}
	}
	return false
}

// matchWords matches a rule's words in order against comp and returns the
// positions matched, in w's scratch. For a converted verbal rule (gated), a
// word inside a prepositional phrase counts only when one of the
// prepositions between it and the verb is a word of the rule too: the
// Phoenix pattern "make trip" is "made a trip", not "made his remarks at
// the start of a regional trip", while "add to list of banned parties"
// keeps its words under "to".
func (t *tree) matchWords(w *tokenWords, m *ruleWords, comp []int) ([]int, bool) {
	pos := w.pos[:0]
	defer func() { w.pos = pos[:0] }()
	i := 0
	for _, alts := range m.words {
		found := false
		for ; i < len(comp); i++ {
			tok := comp[i]
			if !isAny(&w.ids[tok], alts) || m.gated && !t.reached(tok, w.inComp, pos) {
				continue
			}
			found = true
			pos = append(pos, tok)
			i++
			break
		}
		if !found {
			return nil, false
		}
	}
	return pos, true
}

// isAny reports whether one of a token's ids is one of alts.
func isAny(ids *[4]int32, alts []int32) bool {
	for _, a := range alts {
		if a == ids[0] || a == ids[1] || a == ids[2] || a == ids[3] {
			return true
		}
	}
	return false
}

// reached reports whether tok, a token of the complement (inComp), may
// match a word of a verbal rule given the tokens already matched (pos):
// true unless the path from tok up to the predicate crosses an oblique
// prepositional phrase ("at the start of a trip") none of whose
// prepositions was matched.
func (t *tree) reached(tok int, inComp []bool, pos []int) bool {
	if r := t.rel(tok); r == "case" || r == "mark" || r == "fixed" {
		return true
	}
	gated := false
	for j, hops := tok, 0; j >= 0 && inComp[j] && hops < 12; j, hops = t.head[j], hops+1 {
		if t.rel(j) != "obl" {
			continue // a phrase within the object ("tons of aid") is the object's
		}
		for _, k := range t.kids[j] {
			if k > j || t.rel(k) != "case" {
				continue
			}
			if slices.Contains(pos, k) {
				return true
			}
			gated = true
		}
	}
	return !gated
}
