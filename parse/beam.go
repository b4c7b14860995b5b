package parse

import (
	"cmp"
	"math"
	"slices"

	"github.com/dyadhq/dyad"
)

// Beam search over the same transition system: the k best partial parses
// are kept at every step, ranked by the sum of their transition scores.
// The label of an arc is still chosen greedily, by the label classifier,
// when the arc is made.

// candidate is one way to extend a beam item.
type candidate struct {
	item  int32
	t     uint8
	score float32
}

// beam is the scratch space of a beam search.
type beam struct {
	cur, next []state
	score     []float32
	nscore    []float32
	// hist[step] holds, per item of the beam after the step, its parent
	// item and move.
	hist  [][]histEntry
	cands []candidate
}

type histEntry struct {
	parent int32
	m      move
}

// copyFrom makes s a copy of o.
func (s *state) copyFrom(o *state) {
	s.n, s.none, s.b = o.n, o.none, o.b
	s.stack = append(s.stack[:0], o.stack...)
	s.head = append(s.head[:0], o.head...)
	s.label = append(s.label[:0], o.label...)
	s.l1 = append(s.l1[:0], o.l1...)
	s.l2 = append(s.l2[:0], o.l2...)
	s.r1 = append(s.r1[:0], o.r1...)
	s.r2 = append(s.r2[:0], o.r2...)
	s.nl = append(s.nl[:0], o.nl...)
	s.nr = append(s.nr[:0], o.nr...)
	s.ls = append(s.ls[:0], o.ls...)
	s.rs = append(s.rs[:0], o.rs...)
}

func (bm *beam) reset(k, n int, noLabel uint8) {
	bm.cur = growStates(bm.cur, k)[:1]
	bm.next = growStates(bm.next, k)
	bm.cur[0].reset(n, noLabel)
	bm.score = append(bm.score[:0], 0)
	bm.hist = bm.hist[:0]
}

// growStates returns a with at least n states, reusing its storage.
func growStates(a []state, n int) []state {
	a = a[:cap(a)]
	for len(a) < n {
		a = append(a, state{})
	}
	return a
}

// expand scores the transitions of every item and returns the valid
// candidates, best first (ties broken by item, then transition).
func (bm *beam) expand(score func(i int, st *state) [numTransitions]float32) []candidate {
	bm.cands = bm.cands[:0]
	for i := range bm.cur {
		st := &bm.cur[i]
		sc := score(i, st)
		base := bm.score[i]
		if st.canShift() {
			bm.cands = append(bm.cands, candidate{int32(i), shift, base + sc[shift]})
		}
		if st.canLeft() {
			bm.cands = append(bm.cands, candidate{int32(i), left, base + sc[left]})
		}
		if st.canRight() {
			bm.cands = append(bm.cands, candidate{int32(i), right, base + sc[right]})
		}
	}
	slices.SortFunc(bm.cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.item, b.item); c != 0 {
			return c
		}
		return cmp.Compare(a.t, b.t)
	})
	return bm.cands
}

// advance makes the new beam of the first k candidates; label gives the
// label of an arc made by transition t from state st.
func (bm *beam) advance(k int, label func(st *state, t int) uint8) {
	bm.advanceWithin(k, float32(math.Inf(1)), label)
}

// advanceWithin is advance keeping only the candidates that score within
// margin of the best.
func (bm *beam) advanceWithin(k int, margin float32, label func(st *state, t int) uint8) {
	cands := bm.cands[:min(k, len(bm.cands))]
	for i := 1; i < len(cands); i++ {
		if cands[i].score < cands[0].score-margin {
			cands = cands[:i]
			break
		}
	}
	for len(bm.next) < len(cands) {
		bm.next = append(bm.next, state{})
	}
	bm.next = bm.next[:len(cands)]
	bm.nscore = bm.nscore[:0]
	step := len(bm.hist)
	if cap(bm.hist) > step {
		bm.hist = bm.hist[:step+1]
	} else {
		bm.hist = append(bm.hist, nil)
	}
	h := bm.hist[step][:0]
	for j, c := range cands {
		parent := &bm.cur[c.item]
		var l uint8
		if c.t != shift {
			l = label(parent, int(c.t))
		}
		ns := &bm.next[j]
		ns.copyFrom(parent)
		ns.apply(int(c.t), l)
		bm.nscore = append(bm.nscore, c.score)
		h = append(h, histEntry{parent: c.item, m: move{t: c.t, l: l}})
	}
	bm.hist[step] = h
	bm.cur, bm.next = bm.next, bm.cur[:cap(bm.cur)]
	bm.score, bm.nscore = bm.nscore, bm.score
}

// path returns the moves that led to item i of the beam after step last.
func (bm *beam) path(last, i int, out []move) []move {
	out = out[:0]
	for step := last; step >= 0; step-- {
		e := bm.hist[step][i]
		out = append(out, e.m)
		i = int(e.parent)
	}
	slices.Reverse(out)
	return out
}

// runBeam parses toks with a beam of k items into wk.st.
func (m *Model) runBeam(wk *worker, toks []dyad.Token, k int) {
	wk.at.fill(toks)
	wk.anc.reset(len(toks))
	clear(wk.labels)
	bm := &wk.bm
	bm.reset(k, len(toks), uint8(len(m.labels)))
	for !bm.cur[0].terminal() {
		bm.expand(func(_ int, st *state) [numTransitions]float32 { return m.scoreState(wk, st) })
		bm.advanceWithin(k, m.margin, func(st *state, t int) uint8 { return m.sharedLabelOf(wk, st, t) })
		wk.items += len(bm.cur)
		wk.steps++
	}
	wk.st.copyFrom(&bm.cur[0])
}

// beamSentence trains the transition classifier on one sentence with beam
// search and the max-violation update of Huang, Fayong and Guo (2012): the
// beam is run to the end beside the gold sequence, and the update is made
// at the step where the best item outscores the gold prefix the most. The
// label classifier learns on the gold sequence.
func (tr *trainer) beamSentence(ex *example) {
	gold := slices.Clone(tr.goldSequence(ex))
	k := tr.opt.Beam
	n := len(ex.toks)
	bm := &tr.bm
	bm.reset(k, n, uint8(tr.nl))
	gs := &tr.gst
	gs.reset(n, uint8(tr.nl))
	goldScore := float32(0)
	goldIdx := 0
	worst, worstStep := float32(0), -1
	for step, g := range gold {
		tr.feats = extract(tr.feats[:0], gs, &ex.at)
		tr.tl.score(tr.feats, tr.scores)
		goldScore += tr.scores[g.t]
		if g.t != shift {
			if h, d := gs.arc(int(g.t)); h != 0 {
				tr.arcs++
				tr.lfeats = labelFeatures(tr.lfeats[:0], gs, &ex.at, h, d)
				tr.ll.score(tr.lfeats, tr.lscores)
				pl := bestLabel(tr.lscores, tr.allowed[dirIndex(h, d)]&^(1<<tr.root))
				if pl != g.l {
					tr.wrongLabel++
					tr.ll.update(tr.lfeats, int(g.l), int(pl))
				}
			}
		}
		gs.apply(int(g.t), g.l)

		bm.expand(func(_ int, st *state) [numTransitions]float32 {
			tr.feats = extract(tr.feats[:0], st, &ex.at)
			tr.tl.score(tr.feats, tr.scores)
			return [numTransitions]float32(tr.scores)
		})
		bm.advance(k, func(st *state, t int) uint8 {
			h, d := st.arc(t)
			if h == 0 {
				return tr.root
			}
			tr.lfeats = labelFeatures(tr.lfeats[:0], st, &ex.at, h, d)
			tr.ll.score(tr.lfeats, tr.lscores)
			return bestLabel(tr.lscores, tr.allowed[dirIndex(h, d)]&^(1<<tr.root))
		})
		tr.steps++
		next := -1
		if goldIdx >= 0 {
			for j, e := range bm.hist[step] {
				if int(e.parent) == goldIdx && e.m.t == g.t {
					next = j
					break
				}
			}
		}
		goldIdx = next
		if goldIdx != 0 {
			if v := bm.score[0] - goldScore; v >= worst {
				worst, worstStep = v, step
			}
		}
	}
	if worstStep < 0 {
		return
	}
	tr.wrong++
	pred := bm.path(worstStep, 0, tr.path)
	tr.path = pred
	tr.delta = tr.replay(ex, gold[:worstStep+1], 1, tr.delta[:0])
	tr.delta = tr.replay(ex, pred, -1, tr.delta)
	tr.tl.updateDeltas(tr.delta)
}

// featDelta is one change of a transition weight.
type featDelta struct {
	f uint32
	t uint8
	d int8
}

// replay follows moves from the initial state and appends, for each,
// the change d to the weight of its transition for every feature.
func (tr *trainer) replay(ex *example, moves []move, d int8, out []featDelta) []featDelta {
	st := &tr.st
	st.reset(len(ex.toks), uint8(tr.nl))
	for _, m := range moves {
		tr.feats = extract(tr.feats[:0], st, &ex.at)
		for _, f := range tr.feats {
			out = append(out, featDelta{f, m.t, d})
		}
		st.apply(int(m.t), m.l)
	}
	return out
}

// sharedLabelOf is labelOf for the items of a beam, which often make the
// same arc in the same surroundings: the label is kept per sentence under a
// 64-bit hash of the label features, and scored only when they are new.
func (m *Model) sharedLabelOf(wk *worker, st *state, t int) uint8 {
	h, d := st.arc(t)
	if h == 0 {
		return m.root
	}
	wk.feats = labelFeatures(wk.feats[:0], st, &wk.at, h, d)
	sig := uint64(dirIndex(h, d))
	for _, f := range wk.feats {
		sig = mix(sig, uint64(f))
	}
	if l, ok := wk.labels[sig]; ok {
		return l
	}
	wk.hits = m.lab.score(wk.feats, wk.hits, wk.scores)
	l := bestLabel(wk.scores, m.allowed[dirIndex(h, d)])
	if wk.labels == nil {
		wk.labels = make(map[uint64]uint8)
	}
	wk.labels[sig] = l
	return l
}
