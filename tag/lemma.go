package tag

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// script rewrites the end of a word into its lemma: drop Strip bytes, then
// append Add ("denied": strip 3, add "y").
type script struct {
	Strip int
	Add   string
}

// apply returns the lemma of src, or false if src is too short.
func (s script) apply(src []byte) (string, bool) {
	if s.Strip > len(src) || (s.Strip > 0 && s.Strip < len(src) && !utf8.RuneStart(src[len(src)-s.Strip])) {
		return "", false
	}
	return string(src[:len(src)-s.Strip]) + s.Add, true
}

// scriptOf returns the rewrite that turns src into lemma.
func scriptOf(src, lemma string) script {
	p := 0
	for p < len(src) && p < len(lemma) && src[p] == lemma[p] {
		p++
	}
	for p > 0 && p < len(src) && !utf8.RuneStart(src[p]) {
		p--
	}
	return script{Strip: len(src) - p, Add: lemma[p:]}
}

// properXPOS reports whether an XPOS names a proper noun or an address,
// whose lemma keeps the word's case.
func properXPOS(x string) bool { return x == "NNP" || x == "NNPS" || x == "ADD" }

// hasDigit reports whether b has an ASCII digit: such words (numbers,
// codes, dates) are their own lemma unless the lexicon says otherwise.
func hasDigit(b []byte) bool {
	for _, c := range b {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

// maxSuffix is the longest suffix, in runes, that a lemma rule looks at.
const maxSuffix = 7

// lemma returns the lemma of a word with normalised form nw and lower case
// lw tagged with XPOS x.
//
// An unknown title-case word keeps its case when the training data say that
// words of its XPOS at its place do: mid-sentence adjectives are mostly
// names of peoples (Ukrainian), sentence-initial ones are not.
func (m *Model) lemma(form string, nw, lw []byte, x int, initial bool) string {
	if x < len(m.lemmas) {
		if l, ok := m.lemmas[x][string(nw)]; ok {
			return l
		}
		if l, ok := m.lemmas[x][string(lw)]; ok {
			return l
		}
	}
	src := lw
	if properXPOS(m.xpos[x]) || x < len(m.keepTitle) && m.keepTitle[x]&placeBit(initial) != 0 && isTitle(nw) {
		src = nw
	}
	if x < len(m.rules) && !hasDigit(src) {
		if l, same := ruleLemma(m.rules[x], m.known, src); !same {
			return l
		}
	}
	if string(src) == form {
		return form
	}
	return string(src)
}

// placeBit is the bit of Model.keepTitle for a word's place in its sentence.
func placeBit(initial bool) uint8 {
	if initial {
		return 2
	}
	return 1
}

// isTitle reports whether b is a capital followed by at least one letter
// and no other capitals.
func isTitle(b []byte) bool {
	r, n := utf8.DecodeRune(b)
	if !unicode.IsUpper(r) || n == len(b) {
		return false
	}
	for _, r := range string(b[n:]) {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// opensSentence reports whether a word after the normalised form prev is
// in a sentence-initial place.
func opensSentence(prev []byte) bool {
	switch string(prev) {
	case ".", "!", "?", ":", ";", "\"", "``", "(", "[", "-", "--", "\u2014", "\u2013", "*", ">":
		return true
	}
	return false
}

// nextRune returns the offset after the rune at off, or len(b)+1 at the end.
func nextRune(b []byte, off int) int {
	if off >= len(b) {
		return len(b) + 1
	}
	_, sz := utf8.DecodeRune(b[off:])
	return off + sz
}

// lemmaTrainer collects (form, XPOS, lemma) counts.
type lemmaTrainer struct {
	counts map[lemmaKey]int
}

type lemmaKey struct {
	form, lemma string
	x           int
}

func (lt *lemmaTrainer) add(norm string, x int, lemma string) {
	if lt.counts == nil {
		lt.counts = map[lemmaKey]int{}
	}
	lt.counts[lemmaKey{norm, lemma, x}]++
}

// build returns the lexicon and the suffix rules. A form's lexicon lemma is
// its most frequent one; the lower-case form is entered too, from the
// lower-case occurrences if there are any, else from all. Rules are learned
// from word types (each form.rare), which resemble unseen words better than
// tokens do; a rule needs minRule types, and a rule that says the same as
// its shorter suffix is dropped.
func (lt *lemmaTrainer) build(xpos []string, minRule int) (lex []map[string]string, rules []map[string]script, known map[string]bool) {
	type fx struct {
		form string
		x    int
	}
	type cand struct {
		lemma string
		n     int
	}
	bestOf := func(cs []cand) string {
		slices.SortFunc(cs, func(a, b cand) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return strings.Compare(a.lemma, b.lemma)
		})
		return cs[0].lemma
	}
	exact := map[fx][]cand{}
	lower := map[fx][]cand{}
	for k, n := range lt.counts {
		exact[fx{k.form, k.x}] = append(exact[fx{k.form, k.x}], cand{k.lemma, n})
		lf := strings.ToLower(k.form)
		if lf != k.form {
			lower[fx{lf, k.x}] = append(lower[fx{lf, k.x}], cand{k.lemma, n})
		}
	}
	lex = make([]map[string]string, len(xpos))
	for i := range lex {
		lex[i] = map[string]string{}
	}
	for k, cs := range exact {
		lex[k.x][k.form] = bestOf(cs)
	}
	for k, cs := range lower {
		if _, ok := lex[k.x][k.form]; ok {
			continue
		}
		l := bestOf(cs)
		if !properXPOS(xpos[k.x]) {
			l = strings.ToLower(l)
		}
		lex[k.x][k.form] = l
	}

	// Suffix statistics over types, in the case the rules will see.
	type sk struct {
		x      int
		suffix string
	}
	stats := map[sk]map[script]int{}
	keys := make([]fx, 0, len(exact))
	for k := range exact {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if hasDigit([]byte(k.form)) {
			continue
		}
		src := k.form
		if !properXPOS(xpos[k.x]) {
			src = strings.ToLower(src)
		}
		lem := lex[k.x][k.form]
		if !properXPOS(xpos[k.x]) {
			lem = strings.ToLower(lem)
		}
		sc := scriptOf(src, lem)
		off := len(src)
		for n := 0; ; n++ {
			key := sk{k.x, src[off:]}
			if stats[key] == nil {
				stats[key] = map[script]int{}
			}
			stats[key][sc]++
			if n == maxSuffix || off == 0 {
				break
			}
			_, sz := utf8.DecodeLastRuneInString(src[:off])
			off -= sz
		}
	}
	rules = make([]map[string]script, len(xpos))
	for i := range rules {
		rules[i] = map[string]script{}
	}
	best := func(m map[script]int) (script, int) {
		var b script
		bn, total := -1, 0
		for s, n := range m {
			total += n
			if n > bn || n == bn && (s.Strip < b.Strip || s.Strip == b.Strip && s.Add < b.Add) {
				b, bn = s, n
			}
		}
		return b, total
	}
	for key, m := range stats {
		s, total := best(m)
		if total < minRule {
			continue
		}
		if key.suffix != "" {
			// Drop a rule its parent (one rune shorter) already gives.
			_, sz := utf8.DecodeRuneInString(key.suffix)
			if pm, ok := stats[sk{key.x, key.suffix[sz:]}]; ok {
				if ps, _ := best(pm); ps == s {
					continue
				}
			}
		}
		rules[key.x][key.suffix] = s
	}
	// The known lemmas, in the case the rules give them.
	known = map[string]bool{}
	for k := range lt.counts {
		l := k.lemma
		if !properXPOS(xpos[k.x]) {
			l = strings.ToLower(l)
		}
		known[l] = true
	}
	// Drop the lexicon entries that are their own lemma when the rules
	// agree; the others stay, so that a known word's lemma is never built.
	for x, m := range lex {
		for form, l := range m {
			if l != form {
				continue
			}
			src := []byte(form)
			if !properXPOS(xpos[x]) {
				src = []byte(strings.ToLower(form))
			}
			if string(src) != form {
				continue
			}
			if _, same := ruleLemma(rules[x], known, src); same || hasDigit(src) {
				delete(m, form)
			}
		}
	}
	return lex, rules, known
}

// ruleLemma applies the suffix rules to src. Each suffix of src that has a
// rule, longest first, proposes a lemma ("" is the XPOS's default); the
// first proposal that is a known lemma wins, else the first proposal. same
// reports that the lemma is src itself (and then it is not built).
func ruleLemma(rules map[string]script, known map[string]bool, src []byte) (lemma string, same bool) {
	off := len(src)
	for range maxSuffix {
		if off == 0 {
			break
		}
		_, sz := utf8.DecodeLastRune(src[:off])
		off -= sz
	}
	first, firstSame, found := "", true, false
	for ; off <= len(src); off = nextRune(src, off) {
		r, ok := rules[string(src[off:])]
		if !ok {
			continue
		}
		if r.Strip == 0 && r.Add == "" {
			if known[string(src)] {
				return "", true
			}
			if !found {
				first, firstSame, found = "", true, true
			}
			continue
		}
		l, ok := r.apply(src)
		if !ok {
			continue
		}
		if known[l] {
			return l, false
		}
		if !found {
			first, firstSame, found = l, false, true
		}
	}
	return first, firstSame
}

// sortedKeys returns the keys of m in order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
