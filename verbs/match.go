package verbs

import "strings"

// capture is what a pattern match found: the units its $, + and % matched,
// how much of the text it matched and which tokens.
type capture struct {
	src, tgt, comp int  // unit indices, -1 when the slot is not in the pattern
	compBefore     bool // the % is before the verb
	score          int  // weighted tokens matched, then the number of elements
	used           []int
}

func newCapture() capture { return capture{src: -1, tgt: -1, comp: -1} }

// matcher matches the elements of patterns against one sentence.
type matcher struct {
	st   *sent
	syn  map[string]*SynsetDef
	cap  capture
	left int // steps left before the match gives up
	// groupOf[k] is the unit whose coordination unit k belongs to; ofParent
	// [k] the unit whose prepositional phrase k (or its coordination) is,
	// -1 if none.
	groupOf  []int
	ofParent []int
	// coded, when set, is what a $ or + must match: TABARI's slots are
	// actors, PETRARCH's any noun phrase.
	coded func(k int) bool
}

// maxSteps bounds the search of one pattern: patterns with many gaps over a
// long sentence could otherwise take exponential time.
const maxSteps = 20000

// maxDepth bounds the nesting of synsets inside synsets.
const maxDepth = 8

func newMatcher(st *sent, syn map[string]*SynsetDef) *matcher {
	mt := &matcher{st: st, syn: syn, groupOf: make([]int, len(st.units)), ofParent: make([]int, len(st.units))}
	for k := range mt.groupOf {
		mt.groupOf[k] = k
		mt.ofParent[k] = -1
	}
	for k := range st.units {
		for _, m := range st.units[k].members {
			if m != k && len(st.units[k].members) > len(st.units[mt.groupOf[m]].members) {
				mt.groupOf[m] = k
			}
		}
	}
	for k := range st.units {
		if of := st.units[k].of; of >= 0 {
			mt.ofParent[mt.groupOf[of]] = k
			mt.ofParent[of] = k
		}
	}
	return mt
}

// wordAt reports whether the word element e matches token j.
func (mt *matcher) wordAt(e Elem, j int) bool {
	if j < 0 || j >= len(mt.st.words) {
		return false
	}
	w := mt.st.words[j]
	if e.Stem {
		return strings.HasPrefix(w, e.Text)
	}
	return w == e.Text
}

// phraseEnds returns every end of a match of ph[i:] whose first element
// starts at token j. The next element follows directly when the element is
// joined to it, else anywhere before lim (TABARI's alternatives and synset
// phrases written with blanks).
func (mt *matcher) phraseEnds(ph Phrase, i, j, lim, depth int) []int {
	if i == len(ph) {
		return []int{j}
	}
	if depth > maxDepth || mt.left <= 0 {
		return nil
	}
	mt.left--
	var out []int
	for _, e := range mt.elemEnds(ph[i], j, lim, depth) {
		if i+1 == len(ph) || ph[i].Join {
			out = append(out, mt.phraseEnds(ph, i+1, e, lim, depth)...)
			continue
		}
		for k := e; k < lim && mt.left > 0; k++ {
			out = append(out, mt.phraseEnds(ph, i+1, k, lim, depth)...)
		}
	}
	return out
}

// elemEnds returns the ends of the matches of a word, synset or
// alternative starting at token j.
func (mt *matcher) elemEnds(e Elem, j, lim, depth int) []int {
	if j >= lim {
		return nil
	}
	if e.Kind == Word {
		if mt.wordAt(e, j) {
			return []int{j + 1}
		}
		return nil
	}
	var out []int
	for _, ph := range mt.phrases(e) {
		out = append(out, mt.phraseEnds(ph, 0, j, lim, depth+1)...)
	}
	return out
}

// phrases returns the phrases a synset or an alternative stands for (none
// for an undefined synset or another kind of element).
func (mt *matcher) phrases(e Elem) []Phrase {
	switch e.Kind {
	case Synset:
		if s := mt.syn[e.Text]; s != nil {
			return s.Phrases
		}
	case Alt:
		return e.Alts
	}
	return nil
}

// phraseStarts returns every start of a match of ph[:i+1] whose last
// element ends at token end (exclusive).
func (mt *matcher) phraseStarts(ph Phrase, i, end, lo, depth int) []int {
	if i < 0 {
		return []int{end}
	}
	if depth > maxDepth || mt.left <= 0 {
		return nil
	}
	mt.left--
	var out []int
	for _, s := range mt.elemStarts(ph[i], end, lo, depth) {
		if i == 0 || ph[i-1].Join {
			out = append(out, mt.phraseStarts(ph, i-1, s, lo, depth)...)
			continue
		}
		for k := s; k > lo && mt.left > 0; k-- {
			out = append(out, mt.phraseStarts(ph, i-1, k, lo, depth)...)
		}
	}
	return out
}

// elemStarts returns the starts of the matches of a word, synset or
// alternative ending at token end (exclusive).
func (mt *matcher) elemStarts(e Elem, end, lo, depth int) []int {
	if end <= lo {
		return nil
	}
	if e.Kind == Word {
		if mt.wordAt(e, end-1) {
			return []int{end - 1}
		}
		return nil
	}
	var out []int
	for _, ph := range mt.phrases(e) {
		out = append(out, mt.phraseStarts(ph, len(ph)-1, end, lo, depth+1)...)
	}
	return out
}

// unitFrom returns the noun phrase that token j is in (the coordination
// it starts or belongs to, else the unit) and where the phrase may end:
// with the prepositional phrase after it ("the leaders of Gondor", as
// PETRARCH's noun phrases take one) and without. As in PETRARCH, a slot may
// match anywhere inside a phrase and skips the rest of it. ok is false when
// j is in none.
func (mt *matcher) unitFrom(j int) (k int, ends []int, ok bool) {
	st := mt.st
	if j < 0 || j >= len(st.toks) {
		return 0, nil, false
	}
	k = st.unitAt[j]
	if k < 0 {
		return 0, nil, false
	}
	if g := mt.groupOf[k]; g != k {
		if s, _ := st.span(g); s <= j {
			k = g
		}
	}
	_, end := st.span(k)
	if of := st.units[k].of; of >= 0 {
		if g := mt.groupOf[of]; st.units[g].of < 0 {
			_, e := st.span(g)
			ends = append(ends, e)
		}
	}
	return k, append(ends, end), true
}

// unitTo returns the noun phrase that token end-1 is in and where it may
// start: with the phrase whose prepositional phrase it is and without.
func (mt *matcher) unitTo(end int) (k int, starts []int, ok bool) {
	st := mt.st
	if end <= 0 || end > len(st.toks) {
		return 0, nil, false
	}
	if k = mt.unitEnding(end); k < 0 {
		return 0, nil, false
	}
	start, _ := st.span(k)
	if p := mt.ofParent[k]; p >= 0 && st.units[k].of < 0 {
		ps, _ := st.span(mt.groupOf[p])
		return mt.groupOf[p], []int{ps, start}, true
	}
	return k, []int{start}, true
}

// unitEnding returns the noun phrase that token end-1 is in: the
// coordination it belongs to when that ends there too, else the unit; -1
// when it is in none.
func (mt *matcher) unitEnding(end int) int {
	k := mt.st.unitAt[end-1]
	if k < 0 {
		return -1
	}
	if g := mt.groupOf[k]; g != k {
		if _, e := mt.st.span(g); e >= end {
			k = g
		}
	}
	return k
}

// slot applies a $, +, % or ^ element to unit k; false when it does not fit.
func (mt *matcher) slot(e Elem, k int) bool {
	if (e.Kind == Source || e.Kind == Target) && mt.coded != nil && !mt.coded(k) {
		return false
	}
	switch e.Kind {
	case Source:
		mt.cap.src = k
	case Target:
		mt.cap.tgt = k
	case Compound:
		if len(mt.st.units[k].members) < 2 {
			return false
		}
		mt.cap.comp = k
	case Skip:
	default:
		return false
	}
	mt.cap.score += 2
	return true
}

// weight is what a matched token scores: a literal word more than a word
// of a synset or alternative, so "* DOLLAR" beats "* &CURRENCY".
func weight(e Elem) int {
	if e.Kind == Word {
		return 4
	}
	return 3
}

func isSlot(k Kind) bool { return k == Source || k == Target || k == Compound || k == Skip }

// use records tokens [from, to) as matched, each scoring per (0 for a
// slot, which slot scores). A failed branch undoes it by restoring the
// capture saved before it: what it appended lies beyond the saved length
// of used.
func (mt *matcher) use(from, to, per int) {
	mt.cap.score += per * (to - from)
	for t := from; t < to; t++ {
		mt.cap.used = append(mt.cap.used, t)
	}
}

// after matches ph[i:] from token pos up to lim. join says the element must
// start at pos itself.
func (mt *matcher) after(ph Phrase, i, pos int, join bool, lim int) bool {
	if i == len(ph) {
		return true
	}
	e := ph[i]
	for j := pos; j < lim; j++ {
		if join && j != pos {
			break
		}
		if mt.left--; mt.left <= 0 {
			return false
		}
		saved := mt.cap
		if isSlot(e.Kind) {
			k, ends, ok := mt.unitFrom(j)
			for _, end := range ends {
				if !ok || end > lim || !mt.slot(e, k) {
					break
				}
				mt.use(j, end, 0)
				if mt.after(ph, i+1, end, e.Join, lim) {
					return true
				}
				mt.cap = saved
			}
			continue
		}
		for _, end := range mt.elemEnds(e, j, lim, 0) {
			mt.use(j, end, weight(e))
			if mt.after(ph, i+1, end, e.Join, lim) {
				return true
			}
			mt.cap = saved
		}
	}
	return false
}

// before matches ph[:i+1] backwards so that ph[i] ends at or before token
// end (exclusive), at end itself when ph[i] is joined to what follows it.
func (mt *matcher) before(ph Phrase, i, end, lo int) bool {
	if i < 0 {
		return true
	}
	e := ph[i]
	for j := end; j > lo; j-- {
		if e.Join && j != end {
			break
		}
		if mt.left--; mt.left <= 0 {
			return false
		}
		saved := mt.cap
		if isSlot(e.Kind) {
			k, starts, ok := mt.unitTo(j)
			for si, start := range starts {
				kk := k
				if si == len(starts)-1 {
					// Without the phrase it belongs to: the unit itself.
					kk = mt.unitEnding(j)
				}
				if !ok || start < lo || !mt.slot(e, kk) {
					break
				}
				mt.use(start, j, 0)
				if mt.before(ph, i-1, start, lo) {
					return true
				}
				mt.cap = saved
			}
			continue
		}
		for _, start := range mt.elemStarts(e, j, lo, 0) {
			mt.use(start, j, weight(e))
			if mt.before(ph, i-1, start, lo) {
				return true
			}
			mt.cap = saved
		}
	}
	return false
}

// pattern matches p around a verb that covers tokens [vs, ve): its before
// part in [lo, vs), its after part in [ve, lim).
func (mt *matcher) pattern(p *Pattern, vs, ve, lo, lim int) (capture, bool) {
	mt.cap = newCapture()
	mt.left = maxSteps
	if !mt.after(p.After, 0, ve, p.VerbJoin, lim) {
		return capture{}, false
	}
	afterCap := mt.cap
	mt.cap.used = append([]int(nil), afterCap.used...)
	compAfter := mt.cap.comp
	if !mt.before(p.Before, len(p.Before)-1, vs, lo) {
		return capture{}, false
	}
	mt.cap.compBefore = mt.cap.comp >= 0 && mt.cap.comp != compAfter
	// More matched text wins; between equals, the pattern of more elements.
	mt.cap.score = 16*mt.cap.score + len(p.Before) + len(p.After)
	return mt.cap, true
}

// form matches the words of a verb form around token i, where its verb
// word must be; it returns the tokens the form covers.
func (mt *matcher) form(f Form, i int) (vs, ve int, ok bool) {
	mt.cap = newCapture()
	mt.left = maxSteps
	n := len(mt.st.toks)
	w := f.Words
	if !mt.after(w[f.Anchor+1:], 0, i+1, w[f.Anchor].Join, n) {
		return 0, 0, false
	}
	ve = i + 1
	for _, t := range mt.cap.used {
		ve = max(ve, t+1)
	}
	mt.cap.used = nil
	if !mt.before(w[:f.Anchor], f.Anchor-1, i, 0) {
		return 0, 0, false
	}
	vs = i
	for _, t := range mt.cap.used {
		vs = min(vs, t)
	}
	return vs, ve, true
}
