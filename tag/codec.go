package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/dyadhq/dyad"
)

// The model file is gzip-compressed binary: a magic string, then sections of
// unsigned varints, length-prefixed strings and raw weights, every list in a
// fixed order, so the same model always gives the same bytes.
const (
	magic   = "dyad-tag"
	version = 1
	// maxModel bounds the decompressed size Read accepts.
	maxModel = 1 << 30
)

// ErrModel is the cause of every error reading a malformed model; it is
// also a dyad.ErrInvalid.
var ErrModel = fmt.Errorf("malformed tagger model: %w", dyad.ErrInvalid)

type encoder struct {
	b []byte
}

func (e *encoder) uint(v uint64)   { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)       { e.uint(uint64(v)) }
func (e *encoder) str(s string)    { e.int(len(s)); e.b = append(e.b, s...) }
func (e *encoder) float(v float32) { e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(v)) }
func (e *encoder) strs(ss []string) {
	e.int(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// Save writes the model to w.
func (m *Model) Save(w io.Writer) error {
	var e encoder
	e.b = append(e.b, magic...)
	e.int(version)
	e.strs(m.xpos)
	e.int(len(m.classes))
	for _, c := range m.classes {
		e.str(c.UPOS)
		e.int(c.x)
	}
	// Weights: sorted ids as deltas, row lengths, classes, weights.
	mw := m.weights
	e.int(len(mw.keys))
	var prev uint64
	for _, k := range mw.keys {
		e.uint(k - prev)
		prev = k
	}
	for r := range mw.keys {
		e.int(int(mw.start[r+1] - mw.start[r]))
	}
	e.b = append(e.b, mw.cls...)
	for _, v := range mw.w {
		e.float(v)
	}
	// Lexicon.
	forms := sortedKeys(m.lex)
	e.int(len(forms))
	for _, f := range forms {
		le := m.lex[f]
		e.str(f)
		fixed := 0
		if le.fixed {
			fixed = 1
		}
		e.int(int(le.class)<<1 | fixed)
	}
	// Lemmas and rules, per XPOS.
	for x := range m.xpos {
		forms := sortedKeys(m.lemmas[x])
		e.int(len(forms))
		for _, f := range forms {
			e.str(f)
			e.str(m.lemmas[x][f])
		}
		sufs := sortedKeys(m.rules[x])
		e.int(len(sufs))
		for _, s := range sufs {
			r := m.rules[x][s]
			e.str(s)
			e.int(r.Strip)
			e.str(r.Add)
		}
	}
	e.strs(sortedKeys(m.known))
	e.b = append(e.b, m.keepTitle...)
	// Morphological features, per class.
	for c := range m.classes {
		e.str(m.classMorph[c])
		forms := sortedKeys(m.morph[c])
		e.int(len(forms))
		for _, f := range forms {
			e.str(f)
			e.str(m.morph[c][f])
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("tag: save: %w", err)
	}
	if _, err := zw.Write(e.b); err != nil {
		return fmt.Errorf("tag: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("tag: save: %w", err)
	}
	return nil
}

type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = &dyad.InputError{Input: "tagger model", Offset: int64(d.off),
			Err: fmt.Errorf("%w: %s", ErrModel, fmt.Sprintf(format, args...))}
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.off += n
	return v
}

// count reads a length that cannot exceed the bytes left, each item taking
// at least one byte.
func (d *decoder) count() int {
	v := d.uint()
	if v > uint64(len(d.b)-d.off) {
		d.fail("count %d exceeds the %d bytes left", v, len(d.b)-d.off)
		return 0
	}
	return int(v)
}

// below reads an index that must be less than n.
func (d *decoder) below(n int) int {
	v := d.uint()
	if v >= uint64(n) {
		d.fail("index %d out of range %d", v, n)
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.fail("want %d bytes, %d left", n, len(d.b)-d.off)
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

// Read reads a model written by Save.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("tag: read model: %w: %w", ErrModel, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, maxModel+1))
	if err != nil {
		return nil, fmt.Errorf("tag: read model: %w: %w", ErrModel, err)
	}
	if len(b) > maxModel {
		return nil, fmt.Errorf("tag: read model: %w: larger than %d bytes", ErrModel, maxModel)
	}
	m, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("tag: read model: %w", err)
	}
	return m, nil
}

func decode(b []byte) (*Model, error) {
	d := &decoder{b: b}
	if string(d.bytes(len(magic))) != magic {
		d.fail("not a dyad tagger model")
		return nil, d.err
	}
	if v := d.uint(); v != version && d.err == nil {
		d.fail("version %d, want %d", v, version)
	}
	m := &Model{}
	nx := d.count()
	for range nx {
		m.xpos = append(m.xpos, d.str())
	}
	nc := d.count()
	if nc == 0 || nc > 255 {
		d.fail("%d classes", nc)
	}
	for range nc {
		if d.err != nil {
			break
		}
		u := d.str()
		x := d.below(nx)
		if d.err == nil {
			m.classes = append(m.classes, class{UPOS: u, XPOS: m.xpos[x], x: x})
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if !slices.IsSortedFunc(m.classes, func(a, b class) int {
		if a.UPOS != b.UPOS {
			return strings.Compare(a.UPOS, b.UPOS)
		}
		return strings.Compare(a.XPOS, b.XPOS)
	}) {
		d.fail("classes out of order")
	}

	m.weights = d.weights(nc)
	if d.err != nil {
		return nil, d.err
	}

	nl := d.count()
	m.lex = make(map[string]lexEntry, nl)
	for range nl {
		f := d.str()
		v := d.below(2 * nc)
		m.lex[f] = lexEntry{class: uint8(v >> 1), fixed: v&1 == 1, vec: -1}
	}
	m.lemmas = make([]map[string]string, nx)
	m.rules = make([]map[string]script, nx)
	for x := range nx {
		n := d.count()
		m.lemmas[x] = make(map[string]string, n)
		for range n {
			f := d.str()
			m.lemmas[x][f] = d.str()
		}
		n = d.count()
		m.rules[x] = make(map[string]script, n)
		for range n {
			s := d.str()
			strip := d.count()
			m.rules[x][s] = script{Strip: strip, Add: d.str()}
		}
	}
	nk := d.count()
	m.known = make(map[string]bool, nk)
	for range nk {
		m.known[d.str()] = true
	}
	m.keepTitle = slices.Clone(d.bytes(nx))
	m.classMorph = make([]string, nc)
	m.morph = make([]map[string]string, nc)
	for c := range nc {
		m.classMorph[c] = d.str()
		n := d.count()
		m.morph[c] = make(map[string]string, n)
		for range n {
			f := d.str()
			m.morph[c][f] = d.str()
		}
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("%d bytes after the end", len(d.b)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	m.setQuotes()
	m.sumLocal()
	return m, nil
}

// weights reads perceptron weights over nc classes.
func (d *decoder) weights(nc int) *weights {
	nf := d.count()
	w := &weights{keys: make([]uint64, 0, nf)}
	var k uint64
	for range nf {
		delta := d.uint()
		if d.err != nil {
			return nil
		}
		if delta == 0 || k+delta < k { // ids are non-zero and strictly increasing
			d.fail("feature ids not increasing")
			return nil
		}
		k += delta
		w.keys = append(w.keys, k)
	}
	w.start = make([]uint32, 1, nf+1)
	total := 0
	for range nf {
		n := d.count()
		if d.err != nil {
			return nil
		}
		total += n
		if total > len(d.b) {
			d.fail("rows longer than the model")
			return nil
		}
		w.start = append(w.start, uint32(total))
	}
	w.cls = slices.Clone(d.bytes(total))
	for _, c := range w.cls {
		if int(c) >= nc {
			d.fail("weight of class %d of %d", c, nc)
			return nil
		}
	}
	wb := d.bytes(4 * total)
	if d.err != nil {
		return nil
	}
	w.w = make([]float32, total)
	for i := range w.w {
		w.w[i] = math.Float32frombits(binary.LittleEndian.Uint32(wb[4*i:]))
	}
	w.table = newTable(w.keys, w.start, w.cls, w.w)
	return w
}
