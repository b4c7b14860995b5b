package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/dyadhq/dyad"
)

// Model is a trained parser. It is read-only after loading and safe for
// concurrent use.
type Model struct {
	labels []string
	root   uint8 // index of the "root" label
	// allowed[0] and allowed[1] are the sets of labels seen on left and on
	// right arcs in training; the label classifier chooses only among them.
	allowed [2]uint64
	trans   *transWeights
	lab     *weights
	step    float32 // weights are whole multiples of step
	beam    int     // beam width; below 2 the parser is greedy
	margin  float32 // the beam keeps the items within margin of the best
	pool    sync.Pool
}

// worker is the scratch space of one Parse call, pooled per Model.
type worker struct {
	items, steps int // beam items and steps so far, to measure the beam
	st           state
	anc          anchorCache
	bm           beam
	labels       map[uint64]uint8 // of a beam's arcs, by their features (sharedLabelOf)
	at           atoms
	feats        []uint32
	hits         []int32
	scores       []int32
}

// Labels returns the relations the model can predict, sorted.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Features returns the number of features with non-zero weights.
func (m *Model) Features() int { return m.trans.nfeat + m.lab.nfeat }

func newModel(labels []string, allowed [2]uint64, trans *transWeights, lab *weights, step float32) (*Model, error) {
	root := slices.Index(labels, "root")
	if root < 0 {
		return nil, fmt.Errorf("%w: parser model has no root label", dyad.ErrInvalid)
	}
	if len(labels) > 63 {
		return nil, fmt.Errorf("%w: parser model has %d labels, at most 63 are supported", dyad.ErrInvalid, len(labels))
	}
	if lab.nclass != len(labels) {
		return nil, fmt.Errorf("%w: parser model has %d label classes for %d labels", dyad.ErrInvalid, lab.nclass, len(labels))
	}
	all := uint64(1)<<len(labels) - 1
	if allowed[0]&^all != 0 || allowed[1]&^all != 0 {
		return nil, fmt.Errorf("%w: parser model allows unknown labels", dyad.ErrInvalid)
	}
	// A label must be possible in at least one direction besides root.
	noRoot := all &^ (1 << root)
	if (allowed[0]|allowed[1])&noRoot == 0 {
		return nil, fmt.Errorf("%w: parser model allows no labels", dyad.ErrInvalid)
	}
	for i := range allowed {
		allowed[i] &^= 1 << root
		if allowed[i] == 0 {
			allowed[i] = noRoot
		}
	}
	m := &Model{labels: labels, root: uint8(root), allowed: allowed, trans: trans, lab: lab, step: step,
		margin: float32(math.Inf(1))}
	m.pool.New = func() any { return &worker{scores: make([]int32, len(labels))} }
	return m, nil
}

// Parse fills Head (1-based, 0 for the root) and Rel of every token from its
// Form, UPOS, XPOS and Lemma. The result is always a single-rooted tree.
func (m *Model) Parse(toks []dyad.Token) {
	if len(toks) == 0 {
		return
	}
	wk := m.pool.Get().(*worker)
	m.parseWith(wk, toks)
	m.pool.Put(wk)
}

// parseWith parses toks with the scratch space of wk.
func (m *Model) parseWith(wk *worker, toks []dyad.Token) {
	if m.beam > 1 {
		m.runBeam(wk, toks, m.beam)
	} else {
		m.run(wk, toks)
	}
	for i := range toks {
		toks[i].Head = int(wk.st.head[i+1])
		toks[i].Rel = m.labels[wk.st.label[i+1]]
	}
}

// run parses toks greedily into wk.st.
func (m *Model) run(wk *worker, toks []dyad.Token) {
	wk.at.fill(toks)
	wk.st.reset(len(toks), uint8(len(m.labels)))
	wk.anc.reset(len(toks))
	for !wk.st.terminal() {
		t := bestTransition(&wk.st, m.scoreState(wk, &wk.st))
		var l uint8
		if t != shift {
			l = m.labelOf(wk, &wk.st, t)
		}
		wk.st.apply(t, l)
	}
}

// scoreState returns the transition scores of st: the weights of the
// features that look at the tree, plus the sums of those of its anchors
// (b0, s0, s1, s2), computed once per token and sentence.
func (m *Model) scoreState(wk *worker, st *state) [numTransitions]float32 {
	wk.feats = extractRest(wk.feats[:0], st, &wk.at)
	sc := m.trans.score(wk.feats)
	a := &wk.anc
	for g, x := range [numAnchors]int32{st.bufAt(0), st.stackAt(0), st.stackAt(1), st.stackAt(2)} {
		e := &a.sums[g][x]
		if !e.ok {
			switch g {
			case 0:
				wk.feats = bufferFeatures(wk.feats[:0], &wk.at, x, st.none)
			case 1:
				wk.feats = s0Features(wk.feats[:0], &wk.at, x, st.none)
			case 2:
				wk.feats = s1Features(wk.feats[:0], &wk.at, x)
			default:
				wk.feats = s2Features(wk.feats[:0], &wk.at, x)
			}
			e.sc, e.ok = m.trans.score(wk.feats), true
		}
		sc[0] += e.sc[0]
		sc[1] += e.sc[1]
		sc[2] += e.sc[2]
	}
	s0, s1, b0 := st.stackAt(0), st.stackAt(1), st.bufAt(0)
	for g, xy := range [numPairs][2]int32{{s0, b0}, {s1, s0}, {s1, b0}} {
		e := a.pair(g, xy[0], xy[1])
		if e == nil || e.gen != a.gen {
			switch g {
			case 0:
				wk.feats = s0b0Features(wk.feats[:0], &wk.at, s0, b0, st.none)
			case 1:
				wk.feats = s1s0Features(wk.feats[:0], &wk.at, s1, s0, st.none)
			default:
				wk.feats = s1b0Features(wk.feats[:0], &wk.at, s1, b0)
			}
			ps := m.trans.score(wk.feats)
			if e == nil {
				sc[0] += ps[0]
				sc[1] += ps[1]
				sc[2] += ps[2]
				continue
			}
			e.sc, e.gen = ps, a.gen
		}
		sc[0] += e.sc[0]
		sc[1] += e.sc[1]
		sc[2] += e.sc[2]
	}
	return sc
}

// numAnchors is the number of positions whose features anchorCache keeps.
const numAnchors = 4

// numPairs is the number of pairs of positions whose features
// anchorCache keeps: (s0, b0), (s1, s0) and (s1, b0).
const numPairs = 3

// maxPairTokens bounds the sentences whose pairs anchorCache keeps: it
// keeps (n+2)² sums per pair.
const maxPairTokens = 126

// anchorCache holds, per anchor (b0, s0, s1, s2) and token (0..n+1), the
// summed weights of the anchor's features that look only at the words
// around it, once computed; and the same for pairs of anchors, which a
// beam's items share and a greedy parse meets again after a right arc.
// Pair sums are stamped with the sentence's generation instead of being
// cleared.
type anchorCache struct {
	sums  [numAnchors][]anchorSum
	pairs [numPairs][]pairSum
	gen   uint32
	width int32 // n+2, or 0 when pairs are not kept
}

type anchorSum struct {
	sc [numTransitions]float32
	ok bool
}

type pairSum struct {
	sc  [numTransitions]float32
	gen uint32
}

func (a *anchorCache) reset(n int) {
	for g := range a.sums {
		if cap(a.sums[g]) < n+2 {
			a.sums[g] = make([]anchorSum, n+2)
		}
		a.sums[g] = a.sums[g][:n+2]
		clear(a.sums[g])
	}
	a.width = 0
	if n > maxPairTokens {
		return
	}
	a.width = int32(n + 2)
	a.gen++
	if a.gen == 0 { // wrapped: stale stamps could match
		for g := range a.pairs {
			clear(a.pairs[g])
		}
		a.gen = 1
	}
	for g := range a.pairs {
		if len(a.pairs[g]) < (n+2)*(n+2) {
			a.pairs[g] = make([]pairSum, (n+2)*(n+2))
		}
	}
}

// pair returns the sum of pair g at positions x, y, or nil when pairs are
// not kept.
func (a *anchorCache) pair(g int, x, y int32) *pairSum {
	if a.width == 0 {
		return nil
	}
	return &a.pairs[g][x*a.width+y]
}

// labelOf chooses the relation of the arc that transition t would make in st.
func (m *Model) labelOf(wk *worker, st *state, t int) uint8 {
	h, d := st.arc(t)
	if h == 0 {
		return m.root
	}
	wk.feats = labelFeatures(wk.feats[:0], st, &wk.at, h, d)
	wk.hits = m.lab.score(wk.feats, wk.hits, wk.scores)
	return bestLabel(wk.scores, m.allowed[dirIndex(h, d)])
}

// dirIndex is 0 for a left arc (the dependent precedes the head), else 1.
func dirIndex(h, d int32) int {
	if d < h {
		return 0
	}
	return 1
}

// bestLabel returns the highest-scoring label in the set allowed.
func bestLabel[S int32 | float32](scores []S, allowed uint64) uint8 {
	best, bestScore := -1, S(0)
	for l, sc := range scores {
		if allowed&(1<<l) != 0 && (best < 0 || sc > bestScore) {
			best, bestScore = l, sc
		}
	}
	return uint8(best)
}

// bestTransition returns the highest-scoring valid transition.
func bestTransition(s *state, sc [numTransitions]float32) int {
	best, bestScore := -1, float32(math.Inf(-1))
	if s.canShift() {
		best, bestScore = shift, sc[shift]
	}
	if s.canLeft() && (best < 0 || sc[left] > bestScore) {
		best, bestScore = left, sc[left]
	}
	if s.canRight() && (best < 0 || sc[right] > bestScore) {
		best = right
	}
	return best
}

// Annotate parses every sentence of d. Tokens must already be tagged.
func (m *Model) Annotate(ctx context.Context, d *dyad.Doc) error {
	for i := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("parse: %w", err)
			}
		}
		m.Parse(d.Sentences[i].Tokens)
	}
	return nil
}

// The model file is gzip over: a magic line; the feature set version; the
// weight step; for a beam model (version 6), the beam width and the margin
// in steps (0 for none); the labels;
// the sets of labels allowed on left and on right arcs; the transition
// table (feature count, then per feature in key order: key delta and one
// weight per transition); the label table (feature count, then per feature
// in key order: key delta, cell count and cells of class and weight). Every
// number is a varint; weights are whole numbers of steps, zigzag encoded.
const magic = "dyad-parser 5\n"

// magicBeam starts the files of models that parse with a beam; a greedy
// model is still written as version 5.
const magicBeam = "dyad-parser 6\n"

// maxBeam bounds the beam width a model file may ask for.
const maxBeam = 64

// featureVersion names the feature templates of features.go. A model holds
// hashes of features, so a model trained with other templates would load
// but parse badly: Read refuses it. Bump it whenever a template changes.
const featureVersion = 4

// Save writes m to w in the gzip-compressed model format. The same model
// always gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	var buf [binary.MaxVarintLen64]byte
	put := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	putW := func(w float32) {
		q := int64(math.Round(float64(w) / float64(m.step)))
		put(uint64(q<<1) ^ uint64(q>>63))
	}
	if m.beam > 1 {
		bw.WriteString(magicBeam)
	} else {
		bw.WriteString(magic)
	}
	put(featureVersion)
	put(uint64(math.Float32bits(m.step)))
	if m.beam > 1 {
		put(uint64(m.beam))
		margin := uint64(0)
		if !math.IsInf(float64(m.margin), 1) {
			margin = uint64(math.Round(float64(m.margin) / float64(m.step)))
		}
		put(margin)
	}
	put(uint64(len(m.labels)))
	for _, l := range m.labels {
		put(uint64(len(l)))
		bw.WriteString(l)
	}
	put(m.allowed[0])
	put(m.allowed[1])

	rows := m.trans.rows()
	put(uint64(len(rows)))
	prev := uint32(0)
	for _, r := range rows {
		put(uint64(r.key - prev))
		prev = r.key
		for _, x := range r.w {
			putW(x)
		}
	}

	put(uint64(m.lab.nfeat))
	prev = 0
	m.lab.each(func(key uint32, row []cell) {
		put(uint64(key - prev))
		prev = key
		put(uint64(len(row)))
		for _, c := range row {
			put(uint64(c.cls))
			putW(c.w)
		}
	})
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	return nil
}

// Read reads a model written by Save. A damaged or foreign file gives an
// error wrapping dyad.ErrInvalid.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read parser: %w: %w", dyad.ErrInvalid, err)
	}
	defer zr.Close()
	// Decoding from memory is twice as fast as from a buffered reader.
	raw, err := io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read parser: %w: %w", dyad.ErrInvalid, err)
	}
	if len(raw) > maxModelBytes {
		return nil, fmt.Errorf("read parser: %w: larger than %d bytes", dyad.ErrInvalid, maxModelBytes)
	}
	m, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	return m, nil
}

// maxModelBytes bounds the decompressed size of a model Read accepts.
const maxModelBytes = 1 << 30

// decoder reads varints from a decompressed model and remembers the first
// error.
type decoder struct {
	b   []byte
	off int
	err error
}

// truncated is the error of a model that ends too soon.
var truncated = fmt.Errorf("%w: truncated model: %w", dyad.ErrInvalid, io.ErrUnexpectedEOF)

// bytes returns the next n bytes.
func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.err = truncated
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", dyad.ErrInvalid, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b[d.off:])
	switch {
	case n == 0:
		d.err = truncated
	case n < 0:
		d.err = fmt.Errorf("%w: varint overflows 64 bits", dyad.ErrInvalid)
	default:
		d.off += n
	}
	return x
}

// weight reads a zigzag weight in steps.
func (d *decoder) weight(step float32) float32 {
	z := d.uint()
	q := int64(z>>1) ^ -int64(z&1)
	if q > 1<<24 || q < -1<<24 {
		d.fail("weight out of range")
		return 0
	}
	return float32(q) * step
}

// key reads a key delta and returns the next key after prev.
func (d *decoder) key(prev uint32, first bool) uint32 {
	k := d.uint()
	if d.err == nil && (k == 0 && !first || uint64(prev)+k > math.MaxUint32 || uint64(prev)+k == 0) {
		d.fail("feature keys out of order")
	}
	return prev + uint32(k)
}

func decode(raw []byte) (*Model, error) {
	d := &decoder{b: raw}
	head := d.bytes(len(magic))
	if d.err != nil || string(head) != magic && string(head) != magicBeam {
		return nil, fmt.Errorf("%w: not a dyad parser model", dyad.ErrInvalid)
	}
	if v := d.uint(); d.err == nil && v != featureVersion {
		return nil, fmt.Errorf("%w: model built for feature set %d, this parser uses %d: retrain it with dyad train", dyad.ErrInvalid, v, featureVersion)
	}
	sb := d.uint()
	step := math.Float32frombits(uint32(sb))
	if d.err == nil && (sb > math.MaxUint32 || !(step > 0) || math.IsInf(float64(step), 0)) {
		d.fail("bad weight step")
	}
	beam, margin := 0, float32(math.Inf(1))
	if string(head) == magicBeam {
		b, q := d.uint(), d.uint()
		if d.err == nil && (b < 2 || b > maxBeam || q > 1<<24) {
			d.fail("bad beam %d or margin %d", b, q)
		}
		beam = int(b)
		if q > 0 {
			margin = float32(q) * step
		}
	}
	nl := d.uint()
	if d.err == nil && (nl == 0 || nl > 63) {
		d.fail("bad label count %d", nl)
	}
	if d.err != nil {
		return nil, d.err
	}
	labels := make([]string, nl)
	for i := range labels {
		n := d.uint()
		if d.err != nil {
			return nil, d.err
		}
		if n == 0 || n > 64 {
			return nil, fmt.Errorf("%w: bad label length %d", dyad.ErrInvalid, n)
		}
		b := d.bytes(int(n))
		if d.err != nil {
			return nil, d.err
		}
		labels[i] = string(b)
		if i > 0 && labels[i] <= labels[i-1] {
			return nil, fmt.Errorf("%w: labels not sorted and unique at %q", dyad.ErrInvalid, labels[i])
		}
	}
	allowed := [2]uint64{d.uint(), d.uint()}

	nt := d.uint()
	if d.err == nil && nt > 1<<26 {
		d.fail("bad feature count %d", nt)
	}
	rows := make([]transRow, 0, min(nt, uint64(len(raw)/4))) // a row takes at least 4 bytes
	key := uint32(0)
	for i := uint64(0); i < nt && d.err == nil; i++ {
		key = d.key(key, i == 0)
		r := transRow{key: key}
		for j := range r.w {
			r.w[j] = d.weight(step)
		}
		rows = append(rows, r)
	}

	nf := d.uint()
	if d.err == nil && nf > 1<<26 {
		d.fail("bad feature count %d", nf)
	}
	b := newWeightsBuilder(len(labels), step, int(min(nf, 1<<16)))
	key = 0
	var row []cell
	for i := uint64(0); i < nf && d.err == nil; i++ {
		key = d.key(key, i == 0)
		n := d.uint()
		if d.err == nil && (n == 0 || n > uint64(len(labels))) {
			d.fail("feature %d has %d weights for %d labels", i, n, len(labels))
		}
		row = row[:0]
		for j := uint64(0); j < n && d.err == nil; j++ {
			c := d.uint()
			w := d.weight(step)
			if d.err == nil && (c >= uint64(len(labels)) || (j > 0 && c <= uint64(row[j-1].cls))) {
				d.fail("bad class %d at feature %d", c, i)
			}
			row = append(row, cell{cls: uint16(c), w: w})
		}
		b.add(key, row)
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(d.b) {
		return nil, fmt.Errorf("%w: trailing data after the model", dyad.ErrInvalid)
	}
	lab, err := b.build()
	if err != nil {
		return nil, err
	}
	m, err := newModel(labels, allowed, newTransWeights(rows), lab, step)
	if err != nil {
		return nil, err
	}
	m.beam, m.margin = beam, margin
	return m, nil
}

//go:embed model/en_ewt.parser.gz
var embedded []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return Read(bytes.NewReader(embedded))
})

// Default returns the embedded English model, trained on UD English EWT. It
// is decoded once; every call returns the same Model.
func Default() (*Model, error) {
	m, err := defaultModel()
	if err != nil {
		return nil, fmt.Errorf("default parser model: %w", err)
	}
	return m, nil
}
