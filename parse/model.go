package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
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
	pool    sync.Pool
}

// worker is the scratch space of one Parse call, pooled per Model.
type worker struct {
	st     state
	at     atoms
	feats  []uint32
	hits   []int32
	scores []int32
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
	m := &Model{labels: labels, root: uint8(root), allowed: allowed, trans: trans, lab: lab, step: step}
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
	m.run(wk, toks)
	for i := range toks {
		toks[i].Head = int(wk.st.head[i+1])
		toks[i].Rel = m.labels[wk.st.label[i+1]]
	}
	m.pool.Put(wk)
}

// run parses toks greedily into wk.st.
func (m *Model) run(wk *worker, toks []dyad.Token) {
	wk.at.fill(toks)
	wk.st.reset(len(toks), uint8(len(m.labels)))
	for !wk.st.terminal() {
		wk.feats = extract(wk.feats[:0], &wk.st, &wk.at)
		t := bestTransition(&wk.st, m.trans.score(wk.feats))
		var l uint8
		if t != shift {
			l = m.labelOf(wk, &wk.st, t)
		}
		wk.st.apply(t, l)
	}
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
// weight step; the labels;
// the sets of labels allowed on left and on right arcs; the transition
// table (feature count, then per feature in key order: key delta and one
// weight per transition); the label table (feature count, then per feature
// in key order: key delta, cell count and cells of class and weight). Every
// number is a varint; weights are whole numbers of steps, zigzag encoded.
const magic = "dyad-parser 5\n"

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
	bw.WriteString(magic)
	put(featureVersion)
	put(uint64(math.Float32bits(m.step)))
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
	m, err := decode(bufio.NewReaderSize(zr, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	return m, nil
}

// decoder reads varints and remembers the first error.
type decoder struct {
	br  *bufio.Reader
	err error
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
	x, err := binary.ReadUvarint(d.br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.err = fmt.Errorf("%w: truncated model: %w", dyad.ErrInvalid, err)
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

func decode(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: not a dyad parser model", dyad.ErrInvalid)
	}
	d := &decoder{br: br}
	if v := d.uint(); d.err == nil && v != featureVersion {
		return nil, fmt.Errorf("%w: model built for feature set %d, this parser uses %d: retrain it with dyad train", dyad.ErrInvalid, v, featureVersion)
	}
	sb := d.uint()
	step := math.Float32frombits(uint32(sb))
	if d.err == nil && (sb > math.MaxUint32 || !(step > 0) || math.IsInf(float64(step), 0)) {
		d.fail("bad weight step")
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
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: truncated model: %w", dyad.ErrInvalid, io.ErrUnexpectedEOF)
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
	rows := make([]transRow, 0, min(nt, 1<<16))
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
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: trailing data after the model", dyad.ErrInvalid)
	}
	lab, err := b.build()
	if err != nil {
		return nil, err
	}
	return newModel(labels, allowed, newTransWeights(rows), lab, step)
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
