package tag

import (
	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
)

// Scores are accuracies over words (syntactic words with gold
// tokenization), as fractions in [0, 1].
type Scores struct {
	Sentences int
	Words     int
	UPOS      float64
	XPOS      float64
	UPOSXPOS  float64 // both right
	Lemma     float64
	Feats     float64
	// Unknown counts the words not in the model's lexicon; UnknownUPOS
	// is the UPOS accuracy on them.
	Unknown     int
	UnknownUPOS float64
}

// Evaluate tags the forms of gold and compares the result with its UPOS,
// XPOS, lemma and FEATS columns.
func Evaluate(m *Model, gold []*conllu.Sentence) Scores {
	var sc Scores
	var upos, xpos, both, lemma, feats, unkUPOS int
	var toks []dyad.Token
	var buf []byte
	for _, s := range gold {
		toks = toks[:0]
		for _, w := range s.Words {
			toks = append(toks, dyad.Token{Form: w.Form, Head: -1})
		}
		m.Tag(toks)
		sc.Sentences++
		for i, w := range s.Words {
			t := toks[i]
			sc.Words++
			u, x := t.UPOS == w.UPOS, t.XPOS == w.XPOS
			if u {
				upos++
			}
			if x {
				xpos++
			}
			if u && x {
				both++
			}
			if t.Lemma == w.Lemma {
				lemma++
			}
			if t.Feats == w.Feats || t.Feats == "" && w.Feats == "_" {
				feats++
			}
			buf = normalize(buf[:0], w.Form)
			if _, ok := m.lookup(buf, lowerAppend(nil, buf)); !ok {
				sc.Unknown++
				if u {
					unkUPOS++
				}
			}
		}
	}
	if sc.Words > 0 {
		n := float64(sc.Words)
		sc.UPOS, sc.XPOS, sc.UPOSXPOS = float64(upos)/n, float64(xpos)/n, float64(both)/n
		sc.Lemma, sc.Feats = float64(lemma)/n, float64(feats)/n
	}
	if sc.Unknown > 0 {
		sc.UnknownUPOS = float64(unkUPOS) / float64(sc.Unknown)
	}
	return sc
}
