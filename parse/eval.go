package parse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/tag"
)

// Scores counts attachment decisions against a gold standard. Punctuation
// is included, as in the CoNLL 2018 shared task.
type Scores struct {
	Words    int `json:"words"`
	Heads    int `json:"heads"`     // words with the right head
	Labelled int `json:"labelled"`  // right head and universal relation (subtype ignored)
	Exact    int `json:"exact"`     // right head and exact relation, subtype included
	Sents    int `json:"sentences"` // sentences
	Complete int `json:"complete"`  // sentences with every head and relation right
}

// Add compares one sentence's predicted tokens with gold tokens of the same
// tokenization.
func (s *Scores) Add(gold, pred []dyad.Token) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("%w: %d gold words but %d predicted", dyad.ErrInvalid, len(gold), len(pred))
	}
	s.Sents++
	all := true
	for i := range gold {
		s.Words++
		if gold[i].Head != pred[i].Head {
			all = false
			continue
		}
		s.Heads++
		if universal(gold[i].Rel) == universal(pred[i].Rel) {
			s.Labelled++
		}
		if gold[i].Rel == pred[i].Rel {
			s.Exact++
		} else {
			all = false
		}
	}
	if all {
		s.Complete++
	}
	return nil
}

// Evaluate parses the words of gold and scores the heads and relations. With
// a tagger, the words are tagged by it first (predicted tags); without, their
// gold tags are used.
func Evaluate(m *Model, tagger *tag.Model, gold []*conllu.Sentence) Scores {
	var sc Scores
	for _, s := range gold {
		g := s.Tokens()
		pred := slices.Clone(g)
		if tagger != nil {
			retag(tagger, pred)
		}
		m.Parse(pred)
		sc.Add(g, pred)
	}
	return sc
}

// universal strips a relation's language-specific subtype: "nsubj:pass"
// becomes "nsubj".
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// UAS is the unlabelled attachment score in percent.
func (s Scores) UAS() float64 { return pct(s.Heads, s.Words) }

// LAS is the labelled attachment score in percent, comparing universal
// relations as the CoNLL 2018 evaluation does.
func (s Scores) LAS() float64 { return pct(s.Labelled, s.Words) }

// ExactLAS is the labelled attachment score in percent with subtypes.
func (s Scores) ExactLAS() float64 { return pct(s.Exact, s.Words) }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// String gives the scores in one line.
func (s Scores) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (with subtypes %.2f) over %d words", s.UAS(), s.LAS(), s.ExactLAS(), s.Words)
}
