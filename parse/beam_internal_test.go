package parse

import (
	"slices"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tag"
)

// TestBeamOfOneIsGreedy wants a beam of one item to parse as the greedy
// parser does, and the cached feature sums to give the scores of the whole
// feature set.
func TestBeamOfOneIsGreedy(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	dev := tokensOf(readPart(t, dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-dev.conllu")))[:300]
	wk := &worker{scores: make([]int32, len(m.labels))}
	for _, toks := range dev {
		retag(tg, toks)
		m.run(wk, toks)
		head, label := slices.Clone(wk.st.head), slices.Clone(wk.st.label)
		m.runBeam(wk, toks, 1)
		if !slices.Equal(head, wk.st.head) || !slices.Equal(label, wk.st.label) {
			t.Fatalf("a beam of one parses %v, the greedy parser %v", wk.st.head, head)
		}
		// The cached sums add up to the scores of all the features.
		wk.at.fill(toks)
		wk.st.reset(len(toks), uint8(len(m.labels)))
		wk.anc.reset(len(toks))
		for _, mv := range movesOf(head) {
			got := m.scoreState(wk, &wk.st)
			want := m.trans.score(extract(nil, &wk.st, &wk.at))
			if got != want {
				t.Fatalf("cached scores %v, want %v", got, want)
			}
			wk.st.apply(mv, 0)
		}
	}
}

// movesOf returns the arc-hybrid transitions that build the projective
// tree head (index 1..n).
func movesOf(head []int32) []int {
	n := len(head) - 2
	ex := &example{head: slices.Clone(head[:n+2]), label: make([]uint8, n+2)}
	ex.head[0] = 0
	projectivize(ex.head[:n+1])
	tr := &trainer{nl: 1}
	ex.toks = make([]dyad.Token, n)
	var out []int
	for _, mv := range tr.goldSequence(ex) {
		out = append(out, int(mv.t))
	}
	return out
}
