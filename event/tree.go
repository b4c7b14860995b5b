package event

import (
	"sort"
	"strings"

	"github.com/dyadhq/dyad"
)

// tree is a parsed sentence with child lists, built once per sentence.
// Indices are 0-based token positions; head -1 means root.
type tree struct {
	toks []dyad.Token
	head []int
	kids [][]int
	rels []string    // relations without subtype (rel)
	lems []string    // lower-case lemmas (lemma)
	lows []string    // lower-case forms (lower)
	w    *tokenWords // the tokens as rule words, built on first match (match.go)
	walk []int       // scratch of complement
}

func newTree(toks []dyad.Token) *tree {
	toks = repair(toks)
	n := len(toks)
	strs := make([]string, 3*n)
	ints := make([]int, 3*n+1) // heads, then where each token's children start, then the children
	t := &tree{toks: toks, head: ints[:n:n], kids: make([][]int, n),
		rels: strs[:n:n], lems: strs[n : 2*n : 2*n], lows: strs[2*n:]}
	for i, tk := range toks {
		r := tk.Rel
		if j := strings.IndexByte(r, ':'); j >= 0 {
			r = r[:j]
		}
		l := tk.Lemma
		if l == "" || l == "_" {
			l = tk.Form
		}
		t.rels[i], t.lems[i], t.lows[i] = r, strings.ToLower(l), strings.ToLower(tk.Form)
	}
	start, kids := ints[n:2*n+1], ints[2*n+1:]
	for i, tk := range toks {
		h := tk.Head - 1
		if tk.Head <= 0 || h >= len(toks) || h == i {
			h = -1
		}
		t.head[i] = h
		if h >= 0 {
			start[h+1]++
		}
	}
	for i := range n {
		start[i+1] += start[i]
	}
	// Each token's children in text order, in one array.
	for i, h := range t.head {
		if h >= 0 {
			k := start[h] + len(t.kids[h])
			t.kids[h] = kids[start[h] : k+1 : start[h+1]]
			kids[k] = i
		}
	}
	return t
}

// rel returns the relation of i without its subtype ("nsubj:pass" -> "nsubj").
func (t *tree) rel(i int) string { return t.rels[i] }

// lemma returns the lemma of i in lower case, or its form if it has none.
func (t *tree) lemma(i int) string { return t.lems[i] }

// lower returns the form of i in lower case.
func (t *tree) lower(i int) string { return t.lows[i] }

// child returns the first child of i whose full relation is one of rels.
func (t *tree) child(i int, rels ...string) int {
	for _, k := range t.kids[i] {
		for _, r := range rels {
			if t.toks[k].Rel == r {
				return k
			}
		}
	}
	return -1
}

// children returns the children of i whose full relation is one of rels.
func (t *tree) children(i int, rels ...string) []int {
	var out []int
	for _, k := range t.kids[i] {
		for _, r := range rels {
			if t.toks[k].Rel == r {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// caseOf returns the lemma of i's case marker (preposition), or "".
func (t *tree) caseOf(i int) string {
	for _, k := range t.kids[i] {
		if t.rel(k) == "case" && t.toks[k].UPOS != "PART" {
			return t.lemma(k)
		}
	}
	return ""
}

// hasChildLemma reports whether i has a child with relation rel (base) and one of lemmas.
func (t *tree) hasChildLemma(i int, rel string, lemmas ...string) bool {
	for _, k := range t.kids[i] {
		if rel != "" && t.rel(k) != rel {
			continue
		}
		l := t.lemma(k)
		for _, x := range lemmas {
			if l == x {
				return true
			}
		}
	}
	return false
}

// conjuncts returns i and the tokens coordinated with it.
func (t *tree) conjuncts(i int) []int {
	out := []int{i}
	for _, k := range t.kids[i] {
		if t.toks[k].Rel == "conj" && !t.isVerbal(k) {
			out = append(out, t.conjuncts(k)...)
		}
	}
	return out
}

func (t *tree) isVerbal(i int) bool {
	switch t.toks[i].UPOS {
	case "VERB", "AUX":
		return true
	}
	return false
}

// subtreeSpan returns the byte span of i's subtree.
func (t *tree) subtreeSpan(i int) dyad.Span {
	s := dyad.Span{Start: t.toks[i].Start, End: t.toks[i].End}
	var walk func(int)
	walk = func(j int) {
		for _, k := range t.kids[j] {
			if t.toks[k].Start < s.Start {
				s.Start = t.toks[k].Start
			}
			if t.toks[k].End > s.End {
				s.End = t.toks[k].End
			}
			walk(k)
		}
	}
	walk(i)
	return s
}

// ancestorVia walks up from i while the relation is in rels and returns the
// first ancestor reached through a relation not in rels; i itself if none.
func (t *tree) top(i int, rels ...string) int {
	for {
		h := t.head[i]
		if h < 0 {
			return i
		}
		ok := false
		for _, r := range rels {
			if t.toks[i].Rel == r {
				ok = true
				break
			}
		}
		if !ok {
			return i
		}
		i = h
	}
}

// controlVerbs take an infinitive as their complement ("agreed to provide"),
// which the parser sometimes attaches as a purpose clause.
var controlVerbs = map[string]bool{"try": true, "attempt": true, "ask": true, "urge": true, "demand": true,
	"call": true, "appeal": true, "refuse": true, "decline": true, "fail": true, "threaten": true, "seek": true}

// repair returns a copy of a sentence's tokens with common misparses of wire
// copy undone, so that the coder reads the clause the writer meant; the
// document's own tokens are left as they are.
//   - A subject attached to an auxiliary is the subject of its verb.
//   - An agent without "by" is an oblique (or, bare, the object), and a
//     passive subject of a root or reported verb without a passive
//     auxiliary (or another subject) is an active subject.
//   - A sentence whose root is a noun with a finite-looking verb hung on it
//     as a reduced relative ("Nigerian authorities jailed 52 members", root
//     "authorities", "jailed" acl): the verb is the root and the noun its
//     subject. Only when the noun has no copula and the verb no subject.
//   - An infinitive under a verb of intent or appeal attached as a purpose
//     clause ("agreed in principle on Saturday to provide aid", advcl) is
//     its complement (xcomp).
//   - Coordinated subjects read as two subjects of the verb: see coordSubjects.
//   - A reduced relative clause on a passive's subject read as a clause of
//     its own: see reducedRelative.
//   - The subject of a complement clause read as the object of the verb
//     above: see clauseSubject.
//   - A hyphenated participle ("government-held") read as a clause: see
//     hyphenParticiple.
//   - A closing ", Reuters reports." read as a noun phrase: see
//     trailingReport.
//   - A subject split into adjacent subjects: see joinSubjects.
//   - A reported clause read as a noun phrase: see reportedClause.
//   - A gerund with its object read as an adjective on a noun ("accused
//     Turkish forces of shelling villages"): see gerundComplement.
//   - A clause after a duration read as a noun phrase on the duration ("a
//     week after the army fired artillery"): see durationClause.
//   - A closing ", an Israeli official said." read as the root's
//     complement: see trailingSaid.
func repair(toks []dyad.Token) []dyad.Token {
	toks = coordSubjects(toks)
	toks = reducedRelative(toks)
	toks = clauseSubject(toks)
	toks = hyphenParticiple(toks)
	toks = trailingReport(toks)
	toks = joinSubjects(toks)
	toks = reportedClause(toks)
	toks = gerundComplement(toks)
	toks = durationClause(toks)
	toks = trailingSaid(toks)
	var out []dyad.Token
	edit := func() {
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
	}
	get := func(i int) dyad.Token {
		if out != nil {
			return out[i]
		}
		return toks[i]
	}
	for i, tk := range toks {
		if tk.Head != 0 || (tk.UPOS != "NOUN" && tk.UPOS != "PROPN") {
			continue
		}
		verb := -1
		for k, kt := range toks {
			if kt.Head-1 != i {
				continue
			}
			if kt.Rel == "cop" || kt.Rel == "nsubj" {
				verb = -1
				break
			}
			if verb < 0 && kt.Rel == "acl" && kt.UPOS == "VERB" && k > i && (kt.XPOS == "VBD" || kt.XPOS == "VBZ" || kt.XPOS == "VBP" || kt.XPOS == "VBN") {
				verb = k
			}
		}
		if verb < 0 {
			break
		}
		hasSubj := false
		for _, kt := range toks {
			hasSubj = hasSubj || kt.Head-1 == verb && strings.HasPrefix(kt.Rel, "nsubj")
		}
		if hasSubj {
			break
		}
		edit()
		out[verb].Head, out[verb].Rel = 0, "root"
		out[i].Head, out[i].Rel = verb+1, "nsubj"
		// The noun's trailing punctuation and later clauses belong to the verb.
		for k := range out {
			if k > verb && out[k].Head-1 == i {
				out[k].Head = verb + 1
			}
		}
		break
	}
	// An agent needs "by": "according to the US government" and a bare
	// noun after the verb ("hosted ... Ryutaro Hashimoto") are no agents.
	// And a passive subject of a root verb with no passive auxiliary is the
	// subject of an active clause ("Boris Yeltsin on Saturday hosted").
	for k := range toks {
		tk := get(k)
		switch tk.Rel {
		case "obl:agent":
			cs := ""
			for _, kt := range toks {
				if kt.Head-1 == k && kt.Rel == "case" {
					cs = strings.ToLower(kt.Form)
				}
			}
			if cs == "by" {
				continue
			}
			edit()
			out[k].Rel = "obl"
			if cs == "" {
				out[k].Rel = "obj"
			}
		case "nsubj:pass":
			h := tk.Head - 1
			if h < 0 || h >= len(toks) || get(h).Head != 0 && get(h).Rel != "ccomp" {
				continue
			}
			other := false // a passive auxiliary, or a subject of its own
			for j := range toks {
				kt := get(j)
				other = other || kt.Head-1 == h && (kt.Rel == "aux:pass" || kt.Rel == "nsubj")
			}
			if !other {
				edit()
				out[k].Rel = "nsubj"
			}
		}
	}
	// A subject hung on an auxiliary ("parties ... have organized", the
	// subject under "have") belongs to the auxiliary's verb.
	for k := range toks {
		tk := get(k)
		h := tk.Head - 1
		if !strings.HasPrefix(tk.Rel, "nsubj") || h < 0 || h >= len(toks) {
			continue
		}
		if ht := get(h); (ht.Rel == "aux" || ht.Rel == "aux:pass") && ht.Head > 0 {
			edit()
			out[k].Head = ht.Head
		}
	}
	for k := range toks {
		tk := get(k)
		h := tk.Head - 1
		if tk.Rel != "advcl" || h < 0 || h >= len(toks) {
			continue
		}
		ht := get(h)
		if ht.UPOS != "VERB" && ht.UPOS != "ADJ" {
			continue
		}
		l := strings.ToLower(ht.Lemma)
		if !planVerbs[l] && !controlVerbs[l] {
			continue
		}
		to := false
		for _, kt := range toks {
			if kt.Head-1 == k && kt.Rel == "mark" && strings.EqualFold(kt.Form, "to") {
				to = true
			}
		}
		if to {
			edit()
			out[k].Rel = "xcomp"
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// reportVerbs introduce reported speech at the end of a wire sentence
// ("..., police said").
var reportVerbs = map[string]bool{"say": true, "report": true, "add": true, "state": true, "announce": true, "tell": true}

// reportedClause undoes a misparse of "X <verb>ed Y ..., police said" in
// which the verb of the reported clause was read as an adjective, a noun or
// a verb without subject, so that X became a second subject of "said"
// ("Irish nationalist guerrillas wounded two British soldiers ..., police
// said", "wounded" an adjective of "soldiers"; "The Palestinians reject
// proposed Israeli changes ..., Erakat said", "reject" a noun). It applies
// only when a reporting verb at the root has two or more subjects with a
// comma between the first and the last and the first is followed at once by a verb of the root
// without a subject of its own, an "-ed" adjective, or a singular noun after
// a plural subject. That word becomes the verb of a complement clause of the root,
// the first subject its subject, and the head of the noun phrase after it
// its object. It returns toks itself when nothing changes, else a copy.
func reportedClause(toks []dyad.Token) []dyad.Token {
	root := -1
	for i, tk := range toks {
		if tk.Head == 0 {
			if root >= 0 {
				return toks
			}
			root = i
		}
	}
	if root < 0 || toks[root].UPOS != "VERB" || !reportVerbs[strings.ToLower(toks[root].Lemma)] {
		return toks
	}
	var subj []int
	for i, tk := range toks {
		if tk.Head-1 == root && strings.HasPrefix(tk.Rel, "nsubj") {
			subj = append(subj, i)
		}
	}
	if len(subj) < 2 {
		return toks
	}
	s1, s2 := subj[0], subj[len(subj)-1]
	comma := false
	for k := s1 + 1; k < s2; k++ {
		comma = comma || toks[k].Form == ","
	}
	w := s1 + 1
	if !comma || w >= s2 || w >= len(toks) {
		return toks
	}
	wt := toks[w]
	hasSubj := false
	for _, tk := range toks {
		hasSubj = hasSubj || tk.Head-1 == w && strings.HasPrefix(tk.Rel, "nsubj")
	}
	form := strings.ToLower(wt.Form)
	switch {
	case hasSubj:
		return toks
	case wt.UPOS == "VERB" && wt.Head-1 == root && (wt.XPOS == "VBD" || wt.XPOS == "VBN" || wt.XPOS == "VBP" || wt.XPOS == "VBZ"):
	case wt.UPOS == "ADJ" && strings.HasSuffix(form, "ed") && len(form) > 4:
	case wt.UPOS == "NOUN" && wt.XPOS == "NN" && (toks[s1].XPOS == "NNS" || toks[s1].XPOS == "NNPS"):
	default:
		return toks
	}
	// The object: the head of the phrase after the verb, the first noun
	// whose head lies outside it.
	obj := -1
	for k := w + 1; k < s2 && toks[k].Form != ","; k++ {
		h := toks[k].Head - 1
		if h == w {
			break // the verb already has its dependents
		}
		if h > w && h <= s2 && h != root && h != s2 {
			continue
		}
		if u := toks[k].UPOS; u == "NOUN" || u == "PROPN" || u == "PRON" {
			obj = k
		}
		break
	}
	out := make([]dyad.Token, len(toks))
	copy(out, toks)
	if wt.UPOS != "VERB" {
		out[w].UPOS, out[w].XPOS = "VERB", "VBD"
		if wt.UPOS == "NOUN" {
			out[w].XPOS = "VBP"
		}
	}
	out[w].Head, out[w].Rel = root+1, "ccomp"
	out[s1].Head, out[s1].Rel = w+1, "nsubj"
	if obj >= 0 {
		out[obj].Head, out[obj].Rel = w+1, "obj"
	}
	// What hung on the subject or the object after the verb is the clause's.
	for k := w + 1; k < s2; k++ {
		if h := out[k].Head - 1; (h == s1 || h == root) && k != obj && out[k].Rel != "punct" {
			out[k].Head = w + 1
			if strings.HasPrefix(out[k].Rel, "nmod") {
				out[k].Rel = "obl"
			}
		}
	}
	return out
}

// joinSubjects undoes a subject noun phrase split by the parser into two or
// more adjacent subjects of one verb ("Lt. Gen. | Prosper | Avril resigned",
// "Human rights organization | Amnesty International demanded"): the last
// becomes the head of the phrase and the earlier ones its compounds, so the
// coder finds the actor the phrase names. Only nouns and names before the
// verb, with nothing between them and no punctuation in them, are joined. It returns toks itself when
// nothing changes, else a copy.
func joinSubjects(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	// last returns the last token of i's subtree to the right (a parse is
	// projective enough for adjacent noun phrases).
	last := func(i int) int {
		m := i
		for changed := true; changed; {
			changed = false
			for k := m + 1; k < len(toks); k++ {
				h := toks[k].Head - 1
				if h >= i && h <= m && k > m {
					m, changed = k, true
				}
			}
		}
		return m
	}
	// The verbs of the subjects before them: only a verb named twice has
	// adjacent subjects to join.
	var buf [16]int
	verbs := buf[:0]
	for i, tk := range toks {
		if v := tk.Head - 1; i < v && strings.HasPrefix(tk.Rel, "nsubj") {
			verbs = append(verbs, v)
		}
	}
	for v := range toks {
		named := 0
		for _, x := range verbs {
			if x == v {
				named++
			}
		}
		if named < 2 {
			continue
		}
		var subj []int
		for i, tk := range toks {
			if tk.Head-1 == v && i < v && strings.HasPrefix(tk.Rel, "nsubj") {
				subj = append(subj, i)
			}
		}
		ok := true
		for n, i := range subj {
			if u := toks[i].UPOS; u != "NOUN" && u != "PROPN" {
				ok = false
			}
			if n > 0 && last(subj[n-1])+1 != i {
				ok = false
			}
		}
		for k := subj[0]; k < subj[len(subj)-1]; k++ {
			ok = ok && toks[k].UPOS != "PUNCT" // "A member of parliament, Mohammed Mamoun,": an apposition
		}
		if !ok {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		h := subj[len(subj)-1]
		for _, i := range subj[:len(subj)-1] {
			out[i].Head, out[i].Rel = h+1, "compound"
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// coordSubjects undoes a coordination of subjects that the parser read as
// two subjects of one verb, the conjunction hung on the verb ("The US,
// Russia, and Switzerland met": "Switzerland" a second subject of "met",
// "and" a cc of "met"): a later subject before the verb with a coordinating
// conjunction of the verb between it and the earlier one becomes a conjunct
// of the earlier, and the conjunction its cc. A verb cannot have two
// subjects, so the coordination is the only reading. It returns toks itself
// when nothing changes, else a copy.
func coordSubjects(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	get := func(i int) dyad.Token {
		if out != nil {
			return out[i]
		}
		return toks[i]
	}
	for v := range toks {
		var subj []int
		for i := 0; i < v; i++ {
			if tk := get(i); tk.Head-1 == v && strings.HasPrefix(tk.Rel, "nsubj") {
				subj = append(subj, i)
			}
		}
		for n := 1; n < len(subj); n++ {
			a, b := subj[0], subj[n]
			cc := -1
			for k := a + 1; k < b; k++ {
				if tk := get(k); tk.Head-1 == v && tk.Rel == "cc" {
					cc = k
				}
			}
			if u := get(b).UPOS; cc < 0 || u != "NOUN" && u != "PROPN" || get(a).Rel != get(b).Rel {
				continue
			}
			if out == nil {
				out = make([]dyad.Token, len(toks))
				copy(out, toks)
			}
			out[b].Head, out[b].Rel = a+1, "conj"
			out[cc].Head = b + 1
			for k := a + 1; k < b; k++ { // the commas of the list
				if out[k].Head-1 == v && out[k].Rel == "punct" {
					out[k].Head = b + 1
				}
			}
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// subtree returns, in text order, the tokens of i's subtree without its
// punctuation and clauses (as complement walks them).
func (t *tree) subtree(i int) []int {
	out := []int{i}
	for _, k := range t.kids[i] {
		switch t.rel(k) {
		case "punct", "parataxis", "ccomp", "advcl", "acl", "conj", "cc":
			continue
		}
		out = append(out, t.subtree(k)...)
	}
	sort.Ints(out)
	return out
}

// reducedRelative undoes a misparse of a passive sentence whose subject
// carries a reduced relative clause ("The civilians imprisoned for acting
// against Moscow were released by Putin"): the participle was read as a
// clause with the noun as its subject, and the passive verb was left with no
// subject. The noun becomes the passive's subject and the participle its
// modifier. Only a participle right after its noun, without auxiliary, on a
// passive verb to its right that has no subject. It returns toks itself
// when nothing changes, else a copy.
func reducedRelative(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	for v, vt := range toks {
		h := vt.Head - 1
		if vt.UPOS != "VERB" || vt.XPOS != "VBN" && vt.XPOS != "VBD" || vt.Rel != "advcl" || h <= v || h >= len(toks) {
			continue
		}
		n, pass, subj, aux := -1, false, false, false
		for k, kt := range toks {
			switch {
			case kt.Head-1 == v && kt.Rel == "nsubj" && k == v-1:
				n = k
			case kt.Head-1 == v && strings.HasPrefix(kt.Rel, "aux"), kt.Head-1 == v && kt.Rel == "mark":
				aux = true
			case kt.Head-1 == h && kt.Rel == "aux:pass":
				pass = true
			case kt.Head-1 == h && strings.HasPrefix(kt.Rel, "nsubj"):
				subj = true
			}
		}
		if n < 0 || aux || !pass || subj {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		out[n].Head, out[n].Rel = h+1, "nsubj:pass"
		out[v].Head, out[v].Rel = n+1, "acl"
		out[v].XPOS = "VBN"
	}
	if out == nil {
		return toks
	}
	return out
}

// clauseSubject undoes a misparse of "X hoped French officials would be
// indicted": the subject of the complement clause read as the object of
// the verb above, the clause left with no subject. When a verb's object is
// followed at once by an auxiliary of the verb's complement clause and that
// clause has no subject, the object becomes the clause's subject (passive
// when the clause is). It returns toks itself when nothing changes, else a
// copy.
func clauseSubject(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	for c, ct := range toks {
		v := ct.Head - 1
		if ct.Rel != "ccomp" || ct.UPOS != "VERB" || v < 0 || v >= len(toks) {
			continue
		}
		o, first, subj, pass := -1, len(toks), false, false
		for k, kt := range toks {
			switch {
			case kt.Head-1 == v && kt.Rel == "obj" && k < c:
				o = k
			case kt.Head-1 == c && strings.HasPrefix(kt.Rel, "nsubj"), kt.Head-1 == c && kt.Rel == "mark":
				subj = true
			case kt.Head-1 == c && strings.HasPrefix(kt.Rel, "aux") && k < first:
				first = k
				fallthrough
			case kt.Head-1 == c && kt.Rel == "aux:pass":
				pass = pass || kt.Rel == "aux:pass"
			}
		}
		if o < 0 || subj || first == len(toks) || first != o+1 {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		out[o].Head, out[o].Rel = c+1, "nsubj"
		if pass {
			out[o].Rel = "nsubj:pass"
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// hyphenParticiple undoes a misparse of a hyphenated participle before a
// noun ("bombarded a government-held part of Aleppo"): the participle was
// read as a clause under the verb, with the word before the hyphen as its
// subject and the noun as its object. The noun takes the participle's place
// (as the object of a verb above), the participle becomes its modifier and
// the first word the participle's. It returns toks itself when nothing
// changes, else a copy.
func hyphenParticiple(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	for v := 2; v+1 < len(toks); v++ {
		vt, n, x := toks[v], v+1, v-2
		h := vt.Head - 1
		if vt.UPOS != "VERB" || vt.XPOS != "VBN" || toks[v-1].Form != "-" || toks[n].Head-1 != v || toks[n].Rel != "obj" ||
			toks[x].Head-1 != v || h < 0 || h >= len(toks) || toks[h].UPOS != "VERB" {
			continue
		}
		switch vt.Rel {
		case "ccomp", "xcomp", "advcl", "parataxis":
		default:
			continue
		}
		if u := toks[n].UPOS; u != "NOUN" && u != "PROPN" {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		out[n].Head, out[n].Rel = h+1, "obj"
		out[v].Head, out[v].Rel = n+1, "amod"
		out[x].Rel = "obl:npmod"
		for k := 0; k < x; k++ { // "a government-held part": the article is the noun's
			if out[k].Head-1 == x && out[k].Rel == "det" {
				out[k].Head = n + 1
			}
		}
		// What hung on the participle after the noun belongs to the verb.
		for k := n + 1; k < len(toks); k++ {
			if out[k].Head-1 == v {
				out[k].Head = h + 1
			}
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// trailingReport undoes a misparse of the reporting clause that closes wire
// copy (", Reuters reports."): "reports" read as a plural noun with the
// agency as its compound, hung on a verb of the sentence, where an actor in
// it can be taken for a target. After a comma, with only punctuation after
// it, the word becomes a verb of saying beside the root and the name before
// it its subject. It returns toks itself when nothing changes, else a copy.
func trailingReport(toks []dyad.Token) []dyad.Token {
	root := -1
	for i, tk := range toks {
		if tk.Head == 0 {
			root = i
		}
	}
	r := len(toks) - 1
	for r >= 0 && toks[r].UPOS == "PUNCT" {
		r--
	}
	if r < 2 || root < 0 || r == root || toks[r].UPOS != "NOUN" {
		return toks
	}
	switch strings.ToLower(toks[r].Form) {
	case "reports", "says", "writes", "notes":
	default:
		return toks
	}
	first := r
	for first > 0 && toks[first-1].Head-1 == r && (toks[first-1].Rel == "compound" || toks[first-1].Rel == "flat" || toks[first-1].Rel == "det" || toks[first-1].Rel == "amod") {
		first--
	}
	if first == r || first == 0 || toks[first-1].Form != "," {
		return toks
	}
	out := make([]dyad.Token, len(toks))
	copy(out, toks)
	out[r].UPOS, out[r].XPOS, out[r].Lemma = "VERB", "VBZ", strings.TrimSuffix(strings.ToLower(toks[r].Form), "s")
	out[r].Head, out[r].Rel = root+1, "parataxis"
	out[r-1].Head, out[r-1].Rel = r+1, "nsubj"
	for k := first; k < r-1; k++ {
		if out[k].Head-1 == r {
			out[k].Head = r // the name's other words hang on its head
		}
	}
	out[first-1].Head = r + 1
	return out
}

// trailingSaid undoes a misparse of the reporting clause that closes wire
// copy (", an Israeli official said."): the verb of saying, the last word
// before the closing punctuation, after a comma, with a subject of its own
// and nothing else said, read as a complement clause (ccomp) of the root
// before it. It becomes a clause beside the root (parataxis), as the parser
// reads most such clauses. It returns toks itself when nothing changes,
// else a copy.
func trailingSaid(toks []dyad.Token) []dyad.Token {
	r := len(toks) - 1
	for r >= 0 && toks[r].UPOS == "PUNCT" {
		r--
	}
	if r < 3 || toks[r].UPOS != "VERB" || toks[r].Rel != "ccomp" {
		return toks
	}
	switch strings.ToLower(toks[r].Lemma) {
	case "say", "add", "report", "write", "note", "tell":
	default:
		return toks
	}
	root := toks[r].Head - 1
	if root < 0 || root >= r || toks[root].Head != 0 {
		return toks
	}
	subj, first := -1, r
	for k, kt := range toks {
		if kt.Head-1 != r || kt.UPOS == "PUNCT" {
			continue
		}
		if kt.Rel != "nsubj" {
			return toks // "said" has more than its subject: not a closing tag
		}
		subj = k
	}
	if subj < 0 {
		return toks
	}
	for k := range toks { // the subject's first word
		if k < first && under(toks, k, subj) {
			first = k
		}
	}
	if first == 0 || toks[first-1].Form != "," {
		return toks
	}
	out := make([]dyad.Token, len(toks))
	copy(out, toks)
	out[r].Rel = "parataxis"
	return out
}

// under reports whether token k is in the subtree of token h (0-based).
func under(toks []dyad.Token, k, h int) bool {
	for i := 0; i < len(toks) && k >= 0; i++ {
		if k == h {
			return true
		}
		k = toks[k].Head - 1
	}
	return false
}

// gerundComplement undoes a misparse of a gerund clause after "of", "for"
// or "with" ("accused Turkish forces of shelling villages", "blamed X for
// attacking Y", "charged X with aiding Y"): the gerund was read as an
// adjective on its object, which was read as the preposition's noun. The
// gerund becomes a clause (advcl under a verb, acl under a noun) marked by
// the preposition, with the noun as its object. Only a gerund right after
// the preposition whose noun has no determiner. It returns toks itself when
// nothing changes, else a copy.
func gerundComplement(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	for g := 1; g+1 < len(toks); g++ {
		gt, p := toks[g], toks[g-1]
		n := gt.Head - 1
		prep := strings.ToLower(p.Form)
		// "respond by imposing sanctions": after "by" an -ing word tagged
		// an adjective is the gerund of a means clause too.
		ing := gt.XPOS == "VBG" || prep == "by" && gt.UPOS == "ADJ" && strings.HasSuffix(strings.ToLower(gt.Form), "ing")
		if !ing || gt.Rel != "amod" || n <= g || n >= len(toks) || p.Head-1 != n || p.Rel != "case" {
			continue
		}
		switch prep {
		case "of", "for", "with", "by":
		default:
			continue
		}
		nt := toks[n]
		x := nt.Head - 1
		if u := nt.UPOS; u != "NOUN" && u != "PROPN" || x < 0 || x >= len(toks) || !strings.HasPrefix(nt.Rel, "nmod") && !strings.HasPrefix(nt.Rel, "obl") {
			continue
		}
		det := false
		for _, kt := range toks {
			det = det || kt.Head-1 == n && kt.Rel == "det"
		}
		if det {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		// "accused forces of shelling": the clause hangs on the verb whose
		// object the noun is.
		rel := "acl"
		if xt := out[x]; xt.UPOS == "VERB" {
			rel = "advcl"
		} else if v := xt.Head - 1; xt.Rel == "obj" && v >= 0 && out[v].UPOS == "VERB" {
			x, rel = v, "advcl"
		}
		out[g].Head, out[g].Rel = x+1, rel
		out[g].UPOS, out[g].XPOS = "VERB", "VBG"
		out[g-1].Head, out[g-1].Rel = g+1, "mark"
		out[n].Head, out[n].Rel = g+1, "obj"
	}
	if out == nil {
		return toks
	}
	return out
}

// durationClause undoes a misparse of a clause introduced by "after",
// "before" or "since" behind a duration ("came a week after the army fired
// artillery at South Korea"): the clause's subject was read as the
// preposition's noun on the duration, and its verb as a participle on the
// duration. The verb becomes a clause (advcl) of what the duration hangs on,
// marked by the preposition, with the noun as its subject. Only when the
// verb has no subject of its own and follows the noun. It returns toks
// itself when nothing changes, else a copy.
func durationClause(toks []dyad.Token) []dyad.Token {
	var out []dyad.Token
	for u, ut := range toks {
		switch strings.ToLower(ut.Form) {
		case "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "hour", "hours":
		default:
			continue
		}
		if ut.Head <= 0 {
			continue
		}
		n, c, v := -1, -1, -1
		for k, kt := range toks {
			if kt.Head-1 != u || k <= u {
				continue
			}
			switch {
			case kt.Rel == "nmod" && n < 0:
				for j, jt := range toks {
					if jt.Head-1 == k && jt.Rel == "case" && j < k {
						switch strings.ToLower(jt.Form) {
						case "after", "before", "since":
							n, c = k, j
						}
					}
				}
			case strings.HasPrefix(kt.Rel, "acl") && kt.UPOS == "VERB" && n >= 0 && k > n:
				v = k
			}
		}
		if v < 0 {
			continue
		}
		subj := false
		for _, kt := range toks {
			subj = subj || kt.Head-1 == v && strings.HasPrefix(kt.Rel, "nsubj")
		}
		if subj {
			continue
		}
		if out == nil {
			out = make([]dyad.Token, len(toks))
			copy(out, toks)
		}
		out[n].Head, out[n].Rel = v+1, "nsubj"
		out[c].Head, out[c].Rel = v+1, "mark"
		out[v].Head, out[v].Rel = ut.Head, "advcl"
	}
	if out == nil {
		return toks
	}
	return out
}
