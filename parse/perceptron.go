package parse

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/dyadhq/dyad"
)

// learner is an averaged perceptron over hashed features with a sparse row
// of class weights per feature, used only while training.
type learner struct {
	nclass int
	// keep, when not nil, holds the only features that may get weights.
	keep  map[uint32]bool
	index map[uint32]int32
	rows  [][]wcell
	clock float64 // number of updates so far
}

// wcell is one class weight with the running sum for averaging: the
// averaged weight is w - u/clock (Daumé's trick), so untouched weights cost
// nothing.
type wcell struct {
	w   float32
	cls uint16
	u   float64
}

func newLearner(nclass int) *learner {
	return &learner{nclass: nclass, index: make(map[uint32]int32, 1<<20), clock: 1}
}

// score adds the current weights of feats to scores.
func (l *learner) score(feats []uint32, scores []float32) {
	clear(scores)
	for _, f := range feats {
		r, ok := l.index[f]
		if !ok {
			continue
		}
		for _, c := range l.rows[r] {
			scores[c.cls] += c.w
		}
	}
}

// update moves the weights of feats towards class good and away from bad.
func (l *learner) update(feats []uint32, good, bad int) {
	for _, f := range feats {
		r, ok := l.index[f]
		if !ok {
			if l.keep != nil && !l.keep[f] {
				continue
			}
			r = int32(len(l.rows))
			l.index[f] = r
			l.rows = append(l.rows, make([]wcell, 0, 2))
		}
		l.add(r, good, 1)
		l.add(r, bad, -1)
	}
	l.clock++
}

// updateDeltas applies a batch of weight changes as one update.
func (l *learner) updateDeltas(ds []featDelta) {
	slices.SortFunc(ds, func(a, b featDelta) int {
		if c := cmp.Compare(a.f, b.f); c != 0 {
			return c
		}
		return cmp.Compare(a.t, b.t)
	})
	for i := 0; i < len(ds); {
		j, sum := i, 0
		for ; j < len(ds) && ds[j].f == ds[i].f && ds[j].t == ds[i].t; j++ {
			sum += int(ds[j].d)
		}
		if sum != 0 {
			f := ds[i].f
			r, ok := l.index[f]
			if !ok && (l.keep == nil || l.keep[f]) {
				r, ok = int32(len(l.rows)), true
				l.index[f] = r
				l.rows = append(l.rows, make([]wcell, 0, 2))
			}
			if ok {
				l.add(r, int(ds[i].t), float32(sum))
			}
		}
		i = j
	}
	l.clock++
}

func (l *learner) add(r int32, cls int, d float32) {
	row := l.rows[r]
	for i := range row {
		if int(row[i].cls) == cls {
			row[i].w += d
			row[i].u += l.clock * float64(d)
			return
		}
	}
	l.rows[r] = append(row, wcell{w: d, cls: uint16(cls), u: l.clock * float64(d)})
}

// average returns the averaged weights as a compact table, each rounded to
// a whole number of steps; weights that round to zero are dropped.
func (l *learner) average(step float32) (*weights, error) {
	keys := make([]uint32, 0, len(l.index))
	for k := range l.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := newWeightsBuilder(l.nclass, step, len(keys))
	var row []cell
	for _, k := range keys {
		row = row[:0]
		for _, c := range l.rows[l.index[k]] {
			q := math.Round((float64(c.w) - c.u/l.clock) / float64(step))
			if q != 0 {
				row = append(row, cell{cls: c.cls, w: float32(q) * step})
			}
		}
		if len(row) > 0 {
			slices.SortFunc(row, func(a, b cell) int { return int(a.cls) - int(b.cls) })
			b.add(k, row)
		}
	}
	return b.build()
}

// averageDense returns the averaged weights of a learner over the
// transitions as a table with each feature's weights inline, leaving out
// features whose largest weight is below prune in magnitude.
func (l *learner) averageDense(step, prune float32) *transWeights {
	keys := make([]uint32, 0, len(l.index))
	for k := range l.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rows := make([]transRow, 0, len(keys))
	for _, k := range keys {
		var row [numTransitions]float32
		big := false
		for _, c := range l.rows[l.index[k]] {
			q := math.Round((float64(c.w) - c.u/l.clock) / float64(step))
			row[c.cls] = float32(q) * step
			big = big || (q != 0 && math.Abs(q)*float64(step) >= float64(prune))
		}
		if big {
			rows = append(rows, transRow{k, row})
		}
	}
	return newTransWeights(rows)
}

// transWeights is the read-only weight table of the transition classifier:
// an open-addressing hash table (linear probing) whose 16-byte slots hold
// the feature key and its weights for the three transitions, so a lookup
// mostly touches one cache line. Measured against buckets of fingerprints
// and against branch-free probing, this plain layout was the fastest. The
// table is kept less than half full: the time goes into the lookups whose
// probe runs past their first slot, whose branches the processor cannot
// predict, more than into the size of the table once it is beyond the
// caches (on the 2-core test machine, 20 ns per feature at 26% full, 29 ns
// at 53%).
type transWeights struct {
	mask  uint32
	slots []transRow
	nfeat int
}

type transRow struct {
	key uint32
	w   [numTransitions]float32
}

func newTransWeights(rows []transRow) *transWeights {
	size := 1 << 10
	for size*9 < len(rows)*20 { // at most 45% full
		size <<= 1
	}
	t := &transWeights{mask: uint32(size - 1), slots: make([]transRow, size), nfeat: len(rows)}
	for _, r := range rows {
		j := r.key & t.mask
		for t.slots[j].key != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = r
	}
	return t
}

// score returns the summed weights of feats for each transition.
func (t *transWeights) score(feats []uint32) [numTransitions]float32 {
	var sc [numTransitions]float32
	slots, mask := t.slots, t.mask
	for _, f := range feats {
		j := f & mask
		for {
			s := &slots[j]
			if s.key == f {
				sc[0] += s.w[0]
				sc[1] += s.w[1]
				sc[2] += s.w[2]
				break
			}
			if s.key == 0 {
				break
			}
			j = (j + 1) & mask
		}
	}
	return sc
}

// rows returns the table's features in key order.
func (t *transWeights) rows() []transRow {
	out := make([]transRow, 0, t.nfeat)
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b transRow) int { return cmp.Compare(a.key, b.key) })
	return out
}

// cell is one non-zero class weight of a feature.
type cell struct {
	cls uint16
	w   float32
}

// weights is the read-only weight table of the label classifier: an
// open-addressing hash table (linear probing, at most half full) of 32-byte
// slots, each with a feature key and up to seven of its class weights in
// whole steps; the rare longer rows continue in an overflow array. Most
// lookups thus touch one cache line.
type weights struct {
	nclass int
	step   float32
	mask   uint32
	slots  []lslot
	more   []lcell
	nfeat  int
}

const inlineCells = 7

type lslot struct {
	key  uint32
	more uint32 // start of the cells after the first inlineCells in weights.more
	n    uint8
	cls  [inlineCells]uint8
	w    [inlineCells]int16
}

type lcell struct {
	cls uint8
	w   int16
}

type weightsBuilder struct {
	nclass int
	step   float32
	keys   []uint32
	rows   [][]cell
}

func newWeightsBuilder(nclass int, step float32, hint int) *weightsBuilder {
	return &weightsBuilder{nclass: nclass, step: step, keys: make([]uint32, 0, hint), rows: make([][]cell, 0, hint)}
}

// add adds a feature; row must be sorted by class, without repeats.
func (b *weightsBuilder) add(k uint32, row []cell) {
	b.keys = append(b.keys, k)
	b.rows = append(b.rows, slices.Clone(row))
}

func (b *weightsBuilder) build() (*weights, error) {
	if b.nclass > 255 {
		return nil, fmt.Errorf("%w: %d classes, at most 255 are supported", dyad.ErrInvalid, b.nclass)
	}
	n := len(b.keys)
	size := 1 << 10
	for size < 2*n {
		size <<= 1
	}
	wt := &weights{nclass: b.nclass, step: b.step, mask: uint32(size - 1), slots: make([]lslot, size), nfeat: n}
	for i, k := range b.keys {
		row := b.rows[i]
		if len(row) > 255 {
			return nil, fmt.Errorf("%w: feature with %d weights", dyad.ErrInvalid, len(row))
		}
		s := lslot{key: k, n: uint8(len(row)), more: uint32(len(wt.more))}
		for j, c := range row {
			q := math.Round(float64(c.w) / float64(b.step))
			if q > math.MaxInt16 || q < -math.MaxInt16 {
				return nil, fmt.Errorf("%w: weight %v out of range", dyad.ErrInvalid, c.w)
			}
			if j < inlineCells {
				s.cls[j], s.w[j] = uint8(c.cls), int16(q)
			} else {
				wt.more = append(wt.more, lcell{uint8(c.cls), int16(q)})
			}
		}
		j := k & wt.mask
		for wt.slots[j].key != 0 {
			j = (j + 1) & wt.mask
		}
		wt.slots[j] = s
	}
	return wt, nil
}

// score sets scores (in steps) to the sum of the weights of feats. It finds
// every feature's slot before it reads any weights, so that the cache
// misses of the lookups overlap; hits holds the slots found.
func (wt *weights) score(feats []uint32, hits []int32, scores []int32) []int32 {
	clear(scores)
	slots, mask := wt.slots, wt.mask
	hits = hits[:0]
	for _, f := range feats {
		j := f & mask
		for {
			k := slots[j].key
			if k == f {
				hits = append(hits, int32(j))
				break
			}
			if k == 0 {
				break
			}
			j = (j + 1) & mask
		}
	}
	for _, j := range hits {
		s := &slots[j]
		n := int(s.n)
		for i := range min(n, inlineCells) {
			scores[s.cls[i]] += int32(s.w[i])
		}
		if n > inlineCells {
			for _, c := range wt.more[s.more : int(s.more)+n-inlineCells] {
				scores[c.cls] += int32(c.w)
			}
		}
	}
	return hits
}

// each calls fn for every feature in key order with its cells.
func (wt *weights) each(fn func(key uint32, row []cell)) {
	idx := make([]int, 0, wt.nfeat)
	for i, s := range wt.slots {
		if s.key != 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(wt.slots[a].key, wt.slots[b].key) })
	var row []cell
	for _, i := range idx {
		s := &wt.slots[i]
		row = row[:0]
		for j := range min(int(s.n), inlineCells) {
			row = append(row, cell{cls: uint16(s.cls[j]), w: float32(s.w[j]) * wt.step})
		}
		if int(s.n) > inlineCells {
			for _, c := range wt.more[s.more : int(s.more)+int(s.n)-inlineCells] {
				row = append(row, cell{cls: uint16(c.cls), w: float32(c.w) * wt.step})
			}
		}
		fn(s.key, row)
	}
}
