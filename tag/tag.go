// Package tag assigns part-of-speech tags (Universal POS and Penn Treebank
// XPOS), lemmas and morphological features to tokens.
//
// The tagger is a greedy averaged perceptron (Collins 2002) that predicts the
// joint UPOS and XPOS of each word from left to right. Its features are the
// word, its affixes and shape, the words and lexicon classes around it and the
// two tags already predicted; frequent unambiguous words take their tag from
// a lexicon. Lemmas come from a (form, XPOS) lexicon and, for unseen words,
// from suffix rewrite rules learned per XPOS. Features (the UD FEATS column)
// come from a (form, tag) lexicon with a per-tag default.
//
// The embedded model (Default) is trained on Universal Dependencies English
// EWT, CC BY-SA 4.0; see model/README.md.
package tag

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/dyadhq/dyad"
)

// Model is a trained tagger, lemmatizer and feature predictor. It is safe
// for concurrent use.
type Model struct {
	classes []class // joint UPOS and XPOS, sorted
	xpos    []string

	weights *weights  // of the perceptron
	vecs    []float32 // per lexicon form: the scores of its local features

	lex map[string]lexEntry // normalised form -> its most frequent class

	lemmas []map[string]string // per XPOS: normalised form -> lemma
	rules  []map[string]script // per XPOS: suffix -> rewrite for unseen words
	known  map[string]bool     // every lemma of the training data
	// keepTitle, per XPOS, says where an unknown title-case word keeps its
	// case in its lemma: bit 1 mid-sentence, bit 2 sentence-initial.
	keepTitle []uint8

	morph      []map[string]string // per class: lower-case form -> FEATS
	classMorph []string            // per class: most frequent FEATS

	openQuote, closeQuote int // classes of “ and ”, or -1

	rare map[string]bool // while training: the forms seen at most Options.Rare times

	pool sync.Pool // *state
}

// class is one joint tag.
type class struct {
	UPOS, XPOS string
	x          int // index into Model.xpos
}

// lexEntry is what the lexicon knows of a form: its most frequent class and
// whether that class is certain enough to skip the perceptron.
type lexEntry struct {
	class uint8
	fixed bool
	vec   int32 // the row of Model.vecs, or -1
}

// value is the lexicon's feature value for the form.
func (e lexEntry) value() uint64 { return uint64(e.class) + 1 }

// state is the scratch memory of one Tag call.
type state struct {
	norm, low []byte
	offs      []int // per token: end of its normalised form in norm, of its lower case in low
	toks      []tokFeat
	lex       []lexEntry // per token: the lexicon's entry for its normalised form
	inLex     []bool
	fs        []uint64
	scores    []float32
	tags      []int
}

// unknownWord stands for the form of every unknown word in features.
const unknownWord = 0x554e4b574f5244 // "UNKWORD"

// unknownClass marks the class feature of a word that is not in the lexicon.
const unknownClass = 0x554e4b // "UNK"

// tagValue is the value of a predicted tag in features; -1 and -2 are the
// positions before the sentence.
func tagValue(c int) uint64 { return uint64(c + 3) }

// getState returns scratch memory for a sentence of n tokens.
func (m *Model) getState(n int) *state {
	s, _ := m.pool.Get().(*state)
	if s == nil {
		s = &state{}
	}
	s.reset(n)
	if len(s.scores) != len(m.classes) {
		s.scores = make([]float32, len(m.classes))
	}
	return s
}

// reset readies s for a sentence of n tokens.
func (s *state) reset(n int) {
	s.norm, s.low, s.offs = s.norm[:0], s.low[:0], s.offs[:0]
	if cap(s.toks) < n {
		s.toks = make([]tokFeat, n)
		s.tags = make([]int, n)
		s.lex = make([]lexEntry, n)
		s.inLex = make([]bool, n)
	}
	s.toks, s.tags, s.lex, s.inLex = s.toks[:n], s.tags[:n], s.lex[:n], s.inLex[:n]
}

// prepare normalises the forms and computes every token's features.
func (m *Model) prepare(s *state, forms func(i int) string, n int) {
	for i := range n {
		s.norm = normalize(s.norm, forms(i))
		s.offs = append(s.offs, len(s.norm))
	}
	prev := 0
	for i := range n {
		end := s.offs[i]
		s.low = lowerAppend(s.low, s.norm[prev:end])
		s.offs = append(s.offs, len(s.low))
		prev = end
	}
	caps, letters := 0, 0
	for i := range n {
		nw, lw := s.normOf(i), s.lowOf(i)
		t := &s.toks[i]
		t.word, t.lower = fnv(nw), fnv(lw)
		t.affixes(lw)
		t.shape, t.shapeLen, t.hyphen, t.digit, t.title, t.upper = shapeOf(nw)
		t.known = false
		en, okn := m.lex[string(nw)]
		s.lex[i], s.inLex[i] = en, okn
		el, okl := en, okn
		if !bytes.Equal(nw, lw) {
			el, okl = m.lex[string(lw)]
		}
		// While training, rare forms count as unknown, as a form seen
		// once would be without its own occurrence: the features then
		// learn how unknown words look.
		if m.rare != nil {
			okn = okn && !m.rare[string(nw)]
			okl = okl && !m.rare[string(lw)]
		}
		switch {
		case okn:
			t.class = en.value()
			t.known = true
		case okl:
			t.class = el.value()
		default:
			t.class = pair(unknownClass, t.shape)
		}
		if okl {
			t.lowerClass = el.value()
		} else {
			t.lowerClass = unknownClass
		}
		if t.title || t.upper {
			caps++
		}
		if hasLetter(lw) {
			letters++
		}
		if t.lowerClass == unknownClass && !t.known {
			// An unknown word (while training, a rare one) is known by
			// its affixes and shape only, so the weights learned on rare
			// words serve unseen ones.
			t.word, t.lower = unknownWord, unknownWord
		}
	}
	// How capitalised the sentence is: headlines and titles capitalise
	// common nouns, and all-caps text capitalises everything.
	var c uint64
	switch {
	case letters == 0:
		c = 0
	case caps*10 < letters*3:
		c = 1
	case caps*10 < letters*6:
		c = 2
	default:
		c = 3
	}
	for i := range n {
		s.toks[i].caps = c
	}
}

func (s *state) normOf(i int) []byte {
	start := 0
	if i > 0 {
		start = s.offs[i-1]
	}
	return s.norm[start:s.offs[i]]
}

func (s *state) lowOf(i int) []byte {
	n := len(s.toks)
	start := 0
	if i > 0 {
		start = s.offs[n+i-1]
	}
	return s.low[start:s.offs[n+i]]
}

// lookup finds a form in the lexicon, exactly or in lower case.
func (m *Model) lookup(nw, lw []byte) (lexEntry, bool) {
	if e, ok := m.lex[string(nw)]; ok {
		return e, true
	}
	e, ok := m.lex[string(lw)]
	return e, ok
}

// predict tags the prepared tokens from left to right.
func (m *Model) predict(s *state) {
	p1, p2 := tagValue(-1), tagValue(-2)
	nc := len(m.classes)
	for i := range s.toks {
		c := -1
		e, ok := s.lex[i], s.inLex[i]
		switch {
		case ok && e.fixed:
			c = int(e.class)
		case ok && e.vec >= 0:
			// The form's local features are summed already.
			copy(s.scores, m.vecs[int(e.vec)*nc:int(e.vec+1)*nc])
			s.fs = m.outer(s, i, p1, p2, s.fs[:0])
			m.weights.add(s.fs, s.scores)
			c = argmax(s.scores)
		default:
			clear(s.scores)
			s.fs = m.features(s, i, p1, p2)
			m.weights.add(s.fs, s.scores)
			c = argmax(s.scores)
		}
		s.tags[i] = c
		p2, p1 = p1, tagValue(c)
	}
}

// features returns the features of token i given the two tags predicted
// before it.
func (m *Model) features(s *state, i int, p1, p2 uint64) []uint64 {
	return m.outer(s, i, p1, p2, local(s.fs[:0], &s.toks[i]))
}

// outer appends the features of token i that look beyond its form.
func (m *Model) outer(s *state, i int, p1, p2 uint64, fs []uint64) []uint64 {
	fs = around(fs, s.toks, i)
	next := uint64(hEnd)
	if i+1 < len(s.toks) {
		next = s.toks[i+1].class
	}
	return dynamic(fs, &s.toks[i], next, p1, p2)
}

// sumLocal computes, for every form of the lexicon whose tag is not fixed,
// the scores of its local features.
func (m *Model) sumLocal() {
	nc := len(m.classes)
	forms := sortedKeys(m.lex)
	n := 0
	for _, f := range forms {
		if !m.lex[f].fixed {
			n++
		}
	}
	m.vecs = make([]float32, n*nc)
	s := m.getState(1)
	var fs []uint64
	n = 0
	for _, f := range forms {
		e := m.lex[f]
		if e.fixed {
			e.vec = -1
			m.lex[f] = e
			continue
		}
		s.reset(1)
		m.prepare(s, func(int) string { return f }, 1)
		fs = local(fs[:0], &s.toks[0])
		m.weights.add(fs, m.vecs[n*nc:(n+1)*nc])
		e.vec = int32(n)
		m.lex[f] = e
		n++
	}
}

// Tag fills UPOS, XPOS, Lemma and Feats of the tokens of one sentence from
// their forms. Other fields are left alone. It allocates only to build the
// lemma of a word the lexicon does not know.
func (m *Model) Tag(toks []dyad.Token) {
	if len(toks) == 0 {
		return
	}
	s := m.getState(len(toks))
	m.prepare(s, func(i int) string { return toks[i].Form }, len(toks))
	m.predict(s)
	for i := range toks {
		t := &toks[i]
		c := m.fixQuote(t.Form, s.tags[i])
		cl := &m.classes[c]
		t.UPOS, t.XPOS = cl.UPOS, cl.XPOS
		t.Lemma = m.lemma(t.Form, s.normOf(i), s.lowOf(i), cl.x, i == 0 || opensSentence(s.normOf(i-1)))
		t.Feats = m.feats1(s.lowOf(i), c)
	}
	m.pool.Put(s)
}

// fixQuote gives typographic quotes the class their direction says: EWT
// writes most quotes as a straight " and tells opening from closing only by
// its XPOS.
func (m *Model) fixQuote(form string, c int) int {
	switch {
	case form == "\u201c" && m.openQuote >= 0:
		return m.openQuote
	case form == "\u201d" && m.closeQuote >= 0:
		return m.closeQuote
	}
	return c
}

func (m *Model) feats1(lw []byte, c int) string {
	if f, ok := m.morph[c][string(lw)]; ok {
		return f
	}
	return m.classMorph[c]
}

// Annotate tags every sentence of d. Sentences without tokens are skipped.
func (m *Model) Annotate(ctx context.Context, d *dyad.Doc) error {
	for i := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("tag: %w", err)
			}
		}
		m.Tag(d.Sentences[i].Tokens)
	}
	return nil
}

//go:embed model/en_ewt.tagger.gz
var embedded string

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model trained on UD English EWT, decoding it
// on the first call.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Read(strings.NewReader(embedded))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("tag: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

func hasLetter(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
