package verbs

import (
	"slices"
	"strings"
	"unicode"

	"github.com/dyadhq/dyad"
)

// party is one actor code in a role, with the actor it came from.
type party struct {
	code  string
	actor string // actor id, "" for a code built from agents alone
	text  string // the mention's words, upper-case
}

// unit is a noun phrase of a sentence: a run of determiners, modifiers and
// nouns ending in a noun (possessors inside), widened to cover any actor
// mention that overlaps it. Units are what $, +, ^ and % match, and what
// sources and targets are taken from.
type unit struct {
	start, end int // tokens [start, end)
	head       int // the token the parse attaches outside the phrase
	// actor is the first actor mention of the unit; agents are the codes of
	// role nouns ("officials" GOV) in it.
	actor  *party
	agents []string
	coref  bool // the actor is a pronoun or other coreferent, not a name
	// actStart, actEnd are the tokens of the actor's mention; actRole is
	// set when the mention includes role nouns ("Bree Prime Minister").
	actStart, actEnd int
	actRole          bool
	// members are the units coordinated with this one, itself first.
	members []int
	// of is the unit of a prepositional phrase that gives this unit its
	// actor ("soldiers from Gondor"), -1 when none.
	of int
}

// sent is one sentence prepared for matching.
type sent struct {
	n      int // Sentence.N
	toks   []dyad.Token
	words  []string // upper-case forms
	lemmas []string // upper-case lemmas
	head   []int    // 0-based head, -1 for the root or when unparsed
	rel    []string
	kids   [][]int
	units  []unit
	unitAt []int // token -> unit index, -1
	// comma[i] is set for a comma or other clause punctuation.
	comma []bool
}

// mentionTok is an actor mention located by tokens.
type mentionTok struct {
	start, end int
	code       string
	actor      string
	rule       string
	text       string
}

func isNominal(upos string) bool {
	switch upos {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	}
	return false
}

// ofCases are the prepositions through which a phrase takes the actor of
// the phrase after it, as PETRARCH merges a noun phrase with its
// prepositional phrase ("the ambassadors of Arnor", "soldiers from Gondor",
// "ties between Gondor and Osgiliath").
var ofCases = map[string]bool{"OF": true, "FROM": true, "IN": true, "AT": true, "FOR": true, "WITHIN": true, "BETWEEN": true}

// newSent prepares the tokens of sentence s for matching; units come later
// (buildUnits), once the verbs are known.
func newSent(s *dyad.Sentence) *sent {
	n := len(s.Tokens)
	st := &sent{n: s.N, toks: s.Tokens, words: make([]string, n), lemmas: make([]string, n),
		head: make([]int, n), rel: make([]string, n), kids: make([][]int, n), unitAt: make([]int, n),
		comma: make([]bool, n)}
	for i, t := range s.Tokens {
		st.words[i] = normWord(t.Form)
		st.lemmas[i] = normWord(t.Lemma)
		st.head[i] = -1
		if t.Head > 0 && t.Head <= n && t.Head != i+1 {
			st.head[i] = t.Head - 1
		}
		st.rel[i] = t.Rel
		st.unitAt[i] = -1
		st.comma[i] = t.Form == "," || t.Form == ";" || t.Form == ":" || t.Form == "--" || t.Form == "(" || t.Form == ")"
	}
	// A parse with a cycle is ignored rather than followed forever.
	for i := range st.head {
		j, steps := i, 0
		for j >= 0 && steps <= n {
			j = st.head[j]
			steps++
		}
		if steps > n {
			for k := range st.head {
				st.head[k] = -1
			}
			break
		}
	}
	for i, h := range st.head {
		if h >= 0 {
			st.kids[h] = append(st.kids[h], i)
		}
	}
	return st
}

// wordCount counts the words of the sentence: tokens with a letter or
// digit, not counting clitics such as 's and n't.
func (st *sent) wordCount() int {
	n := 0
	for _, w := range st.words {
		if strings.HasPrefix(w, "'") || strings.HasPrefix(w, "N'") {
			continue
		}
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// allCaps reports a sentence written in capitals, where capitals say
// nothing of names.
func (st *sent) allCaps() bool {
	letters, upper := 0, 0
	for _, t := range st.toks {
		if strings.IndexFunc(t.Form, unicode.IsLetter) < 0 {
			continue
		}
		letters++
		if strings.ToUpper(t.Form) == t.Form {
			upper++
		}
	}
	return letters > 0 && upper*5 >= letters*4
}

// normWord upper-cases a token and unifies its apostrophes.
func normWord(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.ReplaceAll(s, "‘", "'")
	return strings.ToUpper(s)
}

// possessive reports a possessive pronoun or determiner ("their", "its").
func (st *sent) possessive(i int) bool {
	t := st.toks[i]
	return t.UPOS == "PRON" && (strings.Contains(t.Feats, "Poss=Yes") || t.XPOS == "PRP$")
}

// chunkClass classifies a token for the noun phrase chunker: 'd' a
// determiner (or possessive), 'm' a modifier, 'h' a possible head, 'p' a
// possessive 's, 0 nothing of a noun phrase.
func (st *sent) chunkClass(i int, isVerb []bool) byte {
	if isVerb[i] {
		return 0
	}
	t := st.toks[i]
	switch t.UPOS {
	case "DET":
		return 'd'
	case "PRON":
		if st.possessive(i) {
			return 'd'
		}
		return 'h'
	case "NOUN", "PROPN", "NUM", "X", "SYM":
		return 'h'
	case "ADJ":
		return 'm'
	case "PART":
		if st.words[i] == "'S" || st.words[i] == "'" {
			return 'p'
		}
	case "VERB":
		if st.rel[i] == "amod" || st.rel[i] == "compound" {
			return 'm' // "the affected villages"
		}
	case "PUNCT":
		if t.Form == "-" {
			return 'j'
		}
	case "CCONJ":
		return 'c'
	}
	return 0
}

// buildUnits finds the noun phrases of the sentence: runs of determiners,
// modifiers and nouns ending in a noun (with possessives inside: "Dagolath's
// first Deputy Prime Minister Telemar"), joined with the actor mentions that
// overlap them, then their coordination and prepositional complements.
func (st *sent) buildUnits(ments []mentionTok, isVerb []bool) {
	n := len(st.toks)
	type span struct{ start, end int }
	var spans []span
	for i := 0; i < n; {
		c := st.chunkClass(i, isVerb)
		if c != 'd' && c != 'm' && c != 'h' {
			i++
			continue
		}
		lastHead := -1
		seenHead := false
		j := i
		for ; j < n; j++ {
			c := st.chunkClass(j, isVerb)
			switch c {
			case 'd':
				if seenHead {
					goto done
				}
			case 'm':
			case 'h':
				if st.toks[j].UPOS == "PRON" && !st.possessive(j) {
					// A pronoun is a phrase of its own.
					if j > i {
						goto done
					}
					lastHead = j
					j++
					goto done
				}
				lastHead, seenHead = j, true
			case 'p':
				if lastHead != j-1 {
					goto done
				}
				seenHead = false // "Gondor's government": the possessor continues
			case 'j':
				if j+1 >= n || st.chunkClass(j+1, isVerb) == 0 || j == i {
					goto done
				}
			case 'c':
				// "awful and evil minister": adjectives coordinated inside.
				if !(j > i && st.toks[j-1].UPOS == "ADJ" && j+1 < n && st.toks[j+1].UPOS == "ADJ") {
					goto done
				}
			default:
				goto done
			}
		}
	done:
		if lastHead >= 0 {
			spans = append(spans, span{i, lastHead + 1})
			i = lastHead + 1
		} else {
			i = max(j, i+1)
		}
	}
	// Mentions widen the phrases they overlap, joining them if they span
	// several ("the Prince of Dol Amroth").
	for _, m := range ments {
		if m.start < 0 || m.end > n || m.start >= m.end {
			continue
		}
		merged := span{m.start, m.end}
		out := spans[:0:0]
		for _, sp := range spans {
			if sp.start < merged.end && merged.start < sp.end {
				merged = span{min(sp.start, merged.start), max(sp.end, merged.end)}
				continue
			}
			out = append(out, sp)
		}
		spans = append(out, merged)
		slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	}
	for _, sp := range spans {
		u := unit{start: sp.start, end: sp.end, of: -1, head: -1}
		// The head is the token whose parse head lies outside the phrase,
		// preferring a noun; without a parse, the last token.
		for i := sp.start; i < sp.end; i++ {
			h := st.head[i]
			if h >= sp.start && h < sp.end {
				continue
			}
			if u.head < 0 || !isNominal(st.toks[u.head].UPOS) && isNominal(st.toks[i].UPOS) {
				u.head = i
			}
		}
		if u.head < 0 || !st.parsed() {
			u.head = sp.end - 1
		}
		st.units = append(st.units, u)
		for i := sp.start; i < sp.end; i++ {
			st.unitAt[i] = len(st.units) - 1
		}
	}
	// The actor and agents of each unit, from its mentions in text order.
	for _, m := range ments {
		if m.start < 0 || m.start >= n {
			continue
		}
		k := st.unitAt[m.start]
		if k < 0 {
			continue
		}
		u := &st.units[k]
		switch {
		case strings.HasPrefix(m.rule, "actor.role.sector"):
			u.agents = append(u.agents, m.code)
		case u.actor == nil || u.coref && !strings.HasPrefix(m.rule, "coref."):
			u.actor = &party{code: m.code, actor: m.actor, text: m.text}
			u.coref = strings.HasPrefix(m.rule, "coref.")
			u.actStart, u.actEnd = m.start, m.end
			u.actRole = strings.HasSuffix(m.rule, ".role") || m.rule == "actor.title.apposition"
		}
	}
	for k := range st.units {
		u := &st.units[k]
		u.members = []int{k}
		// Coordination as the parse gives it, and lists written "A, B and C".
		for _, c := range st.conjuncts(u.head) {
			if j := st.unitAt[c]; j >= 0 && j != k && !slices.Contains(u.members, j) {
				u.members = append(u.members, j)
			}
		}
		for _, j := range st.list(k) {
			if !slices.Contains(u.members, j) {
				u.members = append(u.members, j)
			}
		}
		// The phrase right after "of", "from", "in" ... gives its actor.
		if e := u.end; e+1 < n && ofCases[st.words[e]] && st.toks[e].UPOS == "ADP" {
			if j := st.unitAt[e+1]; j >= 0 && st.units[j].start == e+1 {
				u.of = j
			}
		}
	}
	// A member of a coordination that another member's list includes is
	// not the head of one.
	for k := range st.units {
		if len(st.units[k].members) < 2 {
			continue
		}
		for _, j := range st.units[k].members[1:] {
			if j < k {
				st.units[k].members = []int{k}
				break
			}
		}
	}
}

// list returns the units coordinated after unit k in a list written
// "A, B and C" or "A and B" (also "or", "nor"), when the list ends with a
// conjunction.
func (st *sent) list(k int) []int {
	var out []int
	end := st.units[k].end
	for j := k + 1; j < len(st.units); j++ {
		u := &st.units[j]
		gap := st.words[end:u.start]
		conj := false
		switch {
		case len(gap) == 1 && isConj(gap[0]):
			conj = true
		case len(gap) == 2 && gap[0] == "," && isConj(gap[1]):
			conj = true
		case len(gap) == 1 && gap[0] == ",":
		default:
			return nil
		}
		out = append(out, j)
		if conj {
			return out
		}
		end = u.end
	}
	return nil
}

func isConj(w string) bool { return w == "AND" || w == "OR" || w == "NOR" }

// conjuncts returns the tokens coordinated with h ("Rohan", "Fornost" and
// "Bree" for "Mordor" in "Mordor, Rohan, Fornost and Bree").
func (st *sent) conjuncts(h int) []int {
	var out []int
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 8 {
			return
		}
		for _, c := range st.kids[i] {
			if st.rel[c] == "conj" && isNominal(st.toks[c].UPOS) {
				out = append(out, c)
				walk(c, depth+1)
			}
		}
	}
	walk(h, 0)
	return out
}

// caseOf returns the upper-case preposition of a nominal, "" if none.
func (st *sent) caseOf(i int) string {
	for _, c := range st.kids[i] {
		if st.rel[c] == "case" {
			return st.words[c]
		}
	}
	return ""
}

// span returns the tokens a unit and its coordinated units cover.
func (st *sent) span(k int) (start, end int) {
	u := &st.units[k]
	start, end = u.start, u.end
	for _, m := range u.members {
		start, end = min(start, st.units[m].start), max(end, st.units[m].end)
	}
	return start, end
}

// descends reports whether token i is h or lies below it.
func (st *sent) descends(i, h int) bool {
	for steps := 0; i >= 0 && steps <= len(st.toks); steps++ {
		if i == h {
			return true
		}
		i = st.head[i]
	}
	return false
}

// clauseHead returns the head of the clause of verb token v: the verb
// itself, or what an auxiliary or copula belongs to.
func (st *sent) clauseHead(v int) int {
	switch st.rel[v] {
	case "aux", "aux:pass", "cop":
		if h := st.head[v]; h >= 0 {
			return h
		}
	}
	return v
}

// lowerEnd returns the end of the stretch after the verb that belongs to
// its clause: the tokens below the clause head, up to a coordinated or
// parenthetical clause.
func (st *sent) lowerEnd(c, from int) int {
	n := len(st.toks)
	if !st.parsed() {
		return n
	}
	var cuts []int
	for _, k := range st.kids[c] {
		switch st.rel[k] {
		case "conj", "parataxis":
			if !isNominal(st.toks[k].UPOS) {
				cuts = append(cuts, k)
			}
		}
	}
	j := from
	for ; j < n; j++ {
		if !st.descends(j, c) {
			break
		}
		cut := false
		for _, k := range cuts {
			if st.descends(j, k) {
				cut = true
			}
		}
		if cut {
			break
		}
	}
	return j
}

// parsed reports whether the sentence has a dependency parse.
func (st *sent) parsed() bool {
	for _, h := range st.head {
		if h >= 0 {
			return true
		}
	}
	return false
}

// subject returns the subject token of clause head h, following
// coordination and control upwards; -1 if none.
func (st *sent) subject(h int) int {
	for depth := 0; h >= 0 && depth < 8; depth++ {
		for _, k := range st.kids[h] {
			switch st.rel[k] {
			case "nsubj", "nsubj:pass", "csubj", "nsubj:outer":
				return k
			}
		}
		switch st.rel[h] {
		case "conj", "xcomp":
			h = st.head[h]
		case "acl":
			return st.head[h]
		default:
			return -1
		}
	}
	return -1
}

// passive reports whether clause head h is passive, and returns its "by"
// agent when it has one.
func (st *sent) passive(h int) (bool, int) {
	pass, agent := false, -1
	for _, k := range st.kids[h] {
		switch st.rel[k] {
		case "aux:pass", "nsubj:pass":
			pass = true
		case "obl:agent":
			agent = k
		}
	}
	if agent < 0 {
		for _, k := range st.kids[h] {
			if st.rel[k] == "obl" && st.caseOf(k) == "BY" {
				agent = k
			}
		}
	}
	return pass, agent
}

// newClause reports whether clause head h starts a clause of its own beside
// the clauses of heads: it is coordinated with ("condemned X and promised
// Y") or set beside one of them or one of the clauses they are in.
func (st *sent) newClause(h int, heads []int) bool {
	switch st.rel[h] {
	case "conj", "parataxis":
	default:
		return false
	}
	p := st.head[h]
	if p < 0 {
		return false
	}
	for _, c := range heads {
		if st.descends(c, p) {
			return true
		}
	}
	return false
}
