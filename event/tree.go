package event

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// tree is a parsed sentence with child lists, built once per sentence.
// Indices are 0-based token positions; head -1 means root.
type tree struct {
	toks []dyad.Token
	head []int
	kids [][]int
}

func newTree(toks []dyad.Token) *tree {
	toks = repair(toks)
	t := &tree{toks: toks, head: make([]int, len(toks)), kids: make([][]int, len(toks))}
	for i, tk := range toks {
		h := tk.Head - 1
		if tk.Head <= 0 || h >= len(toks) || h == i {
			h = -1
		}
		t.head[i] = h
		if h >= 0 {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	return t
}

// rel returns the relation of i without its subtype ("nsubj:pass" -> "nsubj").
func (t *tree) rel(i int) string {
	r := t.toks[i].Rel
	if j := strings.IndexByte(r, ':'); j >= 0 {
		return r[:j]
	}
	return r
}

func (t *tree) lemma(i int) string {
	l := t.toks[i].Lemma
	if l == "" || l == "_" {
		l = t.toks[i].Form
	}
	return strings.ToLower(l)
}

func (t *tree) lower(i int) string { return strings.ToLower(t.toks[i].Form) }

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
//     passive subject of a root verb without a passive auxiliary (or
//     another subject) is an active subject.
//   - A sentence whose root is a noun with a finite-looking verb hung on it
//     as a reduced relative ("Nigerian authorities jailed 52 members", root
//     "authorities", "jailed" acl): the verb is the root and the noun its
//     subject. Only when the noun has no copula and the verb no subject.
//   - An infinitive under a verb of intent or appeal attached as a purpose
//     clause ("agreed in principle on Saturday to provide aid", advcl) is
//     its complement (xcomp).
func repair(toks []dyad.Token) []dyad.Token {
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
			if h < 0 || h >= len(toks) || get(h).Head != 0 {
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
