package verbs

import (
	"slices"
	"strings"
)

// p2m matches one PETRARCH-2 pattern against a verb's frame.
type p2m struct {
	st    *sent
	syn   map[string]*SynsetDef
	steps int
}

// The weights of what a pattern matched: the pattern that matched most
// wins.
const (
	p2Word    = 4 // a literal head word
	p2Synset  = 3 // a head word through a synset
	p2Mod     = 2 // each word before the head
	p2Prep    = 3 // a preposition
	p2AnySlot = 1 // $, +, %, ^
)

// matchPattern matches p: its upper phrases against the subject's side of
// the frame and its lower phrases against the verb's; every phrase must
// match. Noun phrases match in text order, and so do prepositional phrases.
func (s *p2state) matchPattern(p *Pattern, f *p2frame, syn map[string]*SynsetDef) (p2bind, bool) {
	m := &p2m{st: s.st, syn: syn, steps: maxSteps}
	b := p2bind{src: -1, tgt: -1, comp: -1}
	if !m.side(p.Upper, f.upNouns, f.upPPs, f.subj, &b) || !m.side(p.Lower, f.nouns, f.pps, f.v, &b) {
		return p2bind{}, false
	}
	return b, true
}

// side matches the phrases of one side of the verb. A prepositional phrase
// matches one that hangs on the side's head (the verb, or the subject) or
// on a phrase matched before it: "- * SUMMIT (IN ^)" takes the summit's
// "in", "- * (TO)" no "to" of the verb's object.
func (m *p2m) side(cs []Constituent, nouns []int, pps []p2pp, head int, b *p2bind) bool {
	b.on = append(b.on[:0:0], head)
	var nc, pc []Constituent
	for _, c := range cs {
		if c.Prep == nil {
			nc = append(nc, c)
		} else {
			pc = append(pc, c)
		}
	}
	return m.nounSeq(nc, nouns, 0, b) && m.ppSeq(pc, pps, 0, b)
}

// restore undoes what a failed branch added to b.
func restore(b *p2bind, saved p2bind) {
	used, on := b.used[:len(saved.used)], b.on[:len(saved.on)]
	*b = saved
	b.used, b.on = used, on
}

// nounSeq matches noun phrases cs, in order, to candidates from index from.
func (m *p2m) nounSeq(cs []Constituent, cands []int, from int, b *p2bind) bool {
	return inOrder(m, cs, cands, from, b, func(c Constituent, t int, b *p2bind) bool {
		return len(c.Nouns) == 1 && m.noun(c.Nouns[0], t, b)
	})
}

// ppSeq matches prepositional phrases cs, in order, to candidates.
func (m *p2m) ppSeq(cs []Constituent, cands []p2pp, from int, b *p2bind) bool {
	return inOrder(m, cs, cands, from, b, m.pp)
}

// inOrder matches phrases cs in order to candidates from index from on,
// each to a candidate after the previous phrase's, with one matching a
// phrase to a candidate; it backtracks until all match or none can.
func inOrder[T any](m *p2m, cs []Constituent, cands []T, from int, b *p2bind, one func(Constituent, T, *p2bind) bool) bool {
	if len(cs) == 0 {
		return true
	}
	for j := from; j < len(cands); j++ {
		if m.steps--; m.steps <= 0 {
			return false
		}
		saved := *b
		if one(cs[0], cands[j], b) && inOrder(m, cs[1:], cands, j+1, b, one) {
			return true
		}
		restore(b, saved)
	}
	return false
}

// pp matches "(P NOUN...)": the preposition, then the first noun phrase to
// the phrase's and the others to noun phrases inside it.
func (m *p2m) pp(c Constituent, cand p2pp, b *p2bind) bool {
	if !slices.Contains(c.Prep, m.st.words[cand.prep]) {
		return false
	}
	if !slices.Contains(b.on, cand.on) && !slices.Contains(b.used, cand.on) {
		return false
	}
	if cand.np >= 0 {
		b.on = append(b.on, cand.np)
	}
	b.score += p2Prep
	if len(c.Nouns) == 0 {
		return true
	}
	if cand.np < 0 || !m.noun(c.Nouns[0], cand.np, b) {
		return false
	}
	if len(c.Nouns) == 1 {
		return true
	}
	var inside []int
	for t := cand.np + 1; t < len(m.st.toks); t++ {
		if m.st.descends(t, cand.np) && isNominal(m.st.toks[t].UPOS) {
			inside = append(inside, t)
		}
	}
	rest := make([]Constituent, len(c.Nouns)-1)
	for i, n := range c.Nouns[1:] {
		rest[i] = Constituent{Nouns: []Noun{n}}
	}
	return m.nounSeq(rest, inside, 0, b)
}

// noun matches a noun phrase of a pattern to the phrase headed by t.
func (m *p2m) noun(n Noun, t int, b *p2bind) bool {
	st := m.st
	nominal := isNominal(st.toks[t].UPOS) || st.unitAt[t] >= 0
	switch n.Head.Kind {
	case Source, Target, Skip:
		if !nominal {
			return false
		}
		switch n.Head.Kind {
		case Source:
			b.src = t
		case Target:
			b.tgt = t
		}
		b.score += p2AnySlot
		return true
	case Compound:
		k := st.unitAt[t]
		if k < 0 || len(st.units[k].members) < 2 {
			return false
		}
		b.comp = t
		b.score += p2AnySlot
		return true
	}
	sc, ok := m.headMods(n.Head, n.Mods, t, 0)
	if !ok {
		return false
	}
	b.score += sc
	b.used = append(b.used, t)
	return true
}

// headMods matches a head and the words before it to token t and its
// modifiers; a synset head matches when a phrase of it does, the phrase's
// last word being the head. It returns the best score.
func (m *p2m) headMods(head Elem, mods []Elem, t, depth int) (int, bool) {
	if m.steps--; depth > maxDepth || m.steps <= 0 {
		return 0, false
	}
	pre := m.st.premods(t)
	best, found := 0, false
	try := func(hs int, extra []Elem) {
		seq := append(slices.Clone(mods), extra...)
		if sc, ok := m.modSeq(seq, pre, 0, depth); ok && (!found || hs+sc > best) {
			best, found = hs+sc, true
		}
	}
	// A token the tokenizer kept whole ("cease-fire") matches the words
	// the dictionary splits at its hyphens.
	whole := func(before []Elem, last Elem) ([]Elem, bool) {
		rest, joined := hyphenTail(before, last)
		return rest, joined != last.Text && (joined == m.st.words[t] || joined == m.st.lemmas[t])
	}
	switch head.Kind {
	case Word:
		if m.wordIs(head, t) {
			try(p2Word, nil)
		} else if rest, ok := whole(mods, head); ok {
			mods = rest
			try(p2Word, nil)
		}
	case Synset:
		s := m.syn[head.Text]
		if s == nil {
			return 0, false
		}
		for _, ph := range s.Phrases {
			last := ph[len(ph)-1]
			switch last.Kind {
			case Word:
				if m.wordIs(last, t) {
					try(p2Synset, ph[:len(ph)-1])
				} else if rest, ok := whole(ph[:len(ph)-1], last); ok {
					try(p2Synset, rest)
				}
			case Synset:
				if sc, ok := m.headMods(last, append(slices.Clone(mods), ph[:len(ph)-1]...), t, depth+1); ok && (!found || sc > best) {
					best, found = sc, true
				}
			}
		}
	}
	return best, found
}

// hyphenTail joins the words that end with last across hyphens ("CEASE",
// "-", "FIRE": "CEASE-FIRE") and returns the elements before them.
func hyphenTail(before []Elem, last Elem) ([]Elem, string) {
	joined := last.Text
	k := len(before)
	for k >= 2 && before[k-1].Kind == Word && before[k-1].Text == "-" && before[k-2].Kind == Word {
		joined = before[k-2].Text + "-" + joined
		k -= 2
	}
	return before[:k], joined
}

// modSeq matches words and synsets, in order, to the modifier tokens pre.
func (m *p2m) modSeq(elems []Elem, pre []int, from, depth int) (int, bool) {
	if len(elems) == 0 {
		return 0, true
	}
	if m.steps--; depth > maxDepth || m.steps <= 0 {
		return 0, false
	}
	e := elems[0]
	switch e.Kind {
	case Word:
		for j := from; j < len(pre); j++ {
			if m.steps--; m.steps <= 0 {
				return 0, false
			}
			if m.wordIs(e, pre[j]) {
				if sc, ok := m.modSeq(elems[1:], pre, j+1, depth); ok {
					return p2Mod + sc, true
				}
			}
		}
	case Synset:
		s := m.syn[e.Text]
		if s == nil {
			return 0, false
		}
		for _, ph := range s.Phrases {
			if sc, ok := m.modSeq(append(slices.Clone(ph), elems[1:]...), pre, from, depth+1); ok {
				return sc, true
			}
		}
	}
	return 0, false
}

// wordIs reports whether token t is the word e (or one of "A/B"), by its
// form or its lemma.
func (m *p2m) wordIs(e Elem, t int) bool {
	if e.Kind != Word {
		return false
	}
	w, l := m.st.words[t], m.st.lemmas[t]
	for alt := range strings.SplitSeq(e.Text, "/") {
		if alt == w || alt == l {
			return true
		}
	}
	return false
}

// premods returns the tokens before t in its noun phrase: its chunk and the
// determiners, modifiers and compounds the parse hangs on it.
func (st *sent) premods(t int) []int {
	var out []int
	if k := st.unitAt[t]; k >= 0 {
		for i := st.units[k].start; i < t; i++ {
			out = append(out, i)
		}
	}
	var walk func(h, depth int)
	walk = func(h, depth int) {
		if depth > 4 {
			return
		}
		for _, k := range st.kids[h] {
			if k >= t {
				continue
			}
			base, _, _ := strings.Cut(st.rel[k], ":")
			switch {
			case base == "det" || base == "amod" || base == "compound" || base == "flat" || base == "nummod" ||
				base == "punct" || base == "advmod" || st.rel[k] == "nmod:poss":
				out = append(out, k)
				walk(k, depth+1)
			}
		}
	}
	walk(t, 0)
	slices.Sort(out)
	return slices.Compact(out)
}
