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
