package tokenize

import (
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
)

// Score counts spans found by the tokenizer against gold spans. A found span
// is correct when a gold span has exactly its start and end, as in the CoNLL
// 2018 shared task's evaluation.
type Score struct {
	Gold    int `json:"gold"`
	Found   int `json:"found"`
	Correct int `json:"correct"`
}

// Precision returns Correct/Found, or 0 when nothing was found.
func (s Score) Precision() float64 { return ratio(s.Correct, s.Found) }

// Recall returns Correct/Gold, or 0 when there is no gold span.
func (s Score) Recall() float64 { return ratio(s.Correct, s.Gold) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 { return ratio(2*s.Correct, s.Gold+s.Found) }

// String formats s as precision, recall and F1 with the counts.
func (s Score) String() string {
	return fmt.Sprintf("P %.2f%% R %.2f%% F1 %.2f%% (%d gold, %d found, %d correct)",
		100*s.Precision(), 100*s.Recall(), 100*s.F1(), s.Gold, s.Found, s.Correct)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// UDScore is the result of EvaluateUD: syntactic words (tokens) and
// sentences.
type UDScore struct {
	Docs      int   `json:"docs"`
	Tokens    Score `json:"tokens"`
	Sentences Score `json:"sentences"`
}

// mismatch is a stretch of a document where the found spans and the gold
// spans disagree, for error analysis.
type mismatch struct {
	Doc   int      // 0-based document index
	Gold  []string // gold forms of the stretch
	Found []string // found forms of the stretch
}

// EvaluateUD measures tok against Universal Dependencies sentences (as read
// by package conllu): the sentences of each document ("# newdoc" starts one)
// are joined with a space into one text, which is tokenized with Tokens and
// split with Sentences. Gold tokens are the syntactic words, with the spans
// of a multiword token ("can't") divided among its words when their forms
// spell it. A word that cannot be found in its sentence's text is an error.
func EvaluateUD(tok *Tokenizer, sents []*conllu.Sentence) (UDScore, error) {
	return evaluateUD(tok, sents, nil, nil)
}

// goldDoc is one document of a UD treebank with its gold spans.
type goldDoc struct {
	text  string
	toks  []dyad.Span
	sents []dyad.Span
}

func evaluateUD(tok *Tokenizer, sents []*conllu.Sentence, mismatch, sentmismatch func(mismatch)) (UDScore, error) {
	docs, err := goldDocs(sents)
	if err != nil {
		return UDScore{}, err
	}
	var sc UDScore
	sc.Docs = len(docs)
	for di, d := range docs {
		found := tok.Tokens(d.text)
		spans := make([]dyad.Span, len(found))
		for i, f := range found {
			spans[i] = f.Span()
		}
		add(&sc.Tokens, d.toks, spans)
		if mismatch != nil {
			diffSpans(d.text, di, d.toks, spans, mismatch)
		}
		ss := tok.Sentences(d.text)
		spans = spans[:0]
		for _, s := range ss {
			spans = append(spans, dyad.Span{Start: s.Start, End: s.End})
		}
		add(&sc.Sentences, d.sents, spans)
		if sentmismatch != nil {
			diffSpans(d.text, di, d.sents, spans, sentmismatch)
		}
	}
	return sc, nil
}

// add counts gold and found spans, both sorted and without overlaps, into s.
func add(s *Score, gold, found []dyad.Span) {
	s.Gold += len(gold)
	s.Found += len(found)
	i, j := 0, 0
	for i < len(gold) && j < len(found) {
		g, f := gold[i], found[j]
		switch {
		case g == f:
			s.Correct++
			i++
			j++
		case g.Start < f.Start || g.Start == f.Start && g.End < f.End:
			i++
		default:
			j++
		}
	}
}

// diffSpans reports each stretch where gold and found spans disagree.
func diffSpans(text string, doc int, gold, found []dyad.Span, report func(mismatch)) {
	i, j := 0, 0
	for i < len(gold) && j < len(found) {
		if gold[i] == found[j] {
			i++
			j++
			continue
		}
		// Grow both stretches until they end at the same offset.
		m := mismatch{Doc: doc}
		end := max(gold[i].End, found[j].End)
		for {
			for i < len(gold) && gold[i].Start < end {
				m.Gold = append(m.Gold, text[gold[i].Start:gold[i].End])
				end = max(end, gold[i].End)
				i++
			}
			for j < len(found) && found[j].Start < end {
				m.Found = append(m.Found, text[found[j].Start:found[j].End])
				end = max(end, found[j].End)
				j++
			}
			if (i == len(gold) || gold[i].Start >= end) && (j == len(found) || found[j].Start >= end) {
				break
			}
		}
		report(m)
	}
}

// goldDocs joins the sentences of each document and finds the spans of
// their words.
func goldDocs(sents []*conllu.Sentence) ([]goldDoc, error) {
	var docs []goldDoc
	var b strings.Builder
	var cur *goldDoc
	flush := func() {
		if cur != nil {
			cur.text = b.String()
			docs = append(docs, *cur)
		}
		b.Reset()
		cur = &goldDoc{}
	}
	for _, s := range sents {
		newdoc := cur == nil
		for _, c := range s.Comments {
			if c == "newdoc" || strings.HasPrefix(c, "newdoc ") {
				newdoc = true
			}
		}
		if newdoc {
			flush()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		base := b.Len()
		b.WriteString(s.Text)
		spans, err := wordSpans(s)
		if err != nil {
			return nil, err
		}
		for i := range spans {
			spans[i].Start += base
			spans[i].End += base
		}
		cur.toks = append(cur.toks, spans...)
		if len(spans) > 0 {
			cur.sents = append(cur.sents, dyad.Span{Start: spans[0].Start, End: spans[len(spans)-1].End})
		}
	}
	if cur != nil {
		flush()
	}
	return docs, nil
}

// wordSpans returns the spans in s.Text of the syntactic words of s; the
// words of a multiword token whose forms do not spell it share one span.
func wordSpans(s *conllu.Sentence) ([]dyad.Span, error) {
	var spans []dyad.Span
	pos := 0
	find := func(form string) (int, error) {
		for pos < len(s.Text) && (s.Text[pos] == ' ' || s.Text[pos] == '\t') {
			pos++
		}
		if strings.HasPrefix(s.Text[pos:], form) {
			return pos, nil
		}
		if k := strings.Index(s.Text[pos:], form); k >= 0 && strings.TrimSpace(s.Text[pos:pos+k]) == "" {
			return pos + k, nil
		}
		return 0, &dyad.InputError{Input: "sentence " + s.ID, Line: s.Line, Offset: int64(pos),
			Err: fmt.Errorf("%w: word %q not found in its text", dyad.ErrInvalid, form)}
	}
	mw := 0
	for w := 0; w < len(s.Words); {
		id := s.Words[w].ID
		for mw < len(s.Multiwords) && s.Multiwords[mw].First < id {
			mw++
		}
		if mw < len(s.Multiwords) && s.Multiwords[mw].First == id {
			m := s.Multiwords[mw]
			at, err := find(m.Form)
			if err != nil {
				return nil, err
			}
			words := s.Words[m.First-1 : m.Last]
			var concat strings.Builder
			for _, x := range words {
				concat.WriteString(x.Form)
			}
			if concat.String() == m.Form {
				p := at
				for _, x := range words {
					spans = append(spans, dyad.Span{Start: p, End: p + len(x.Form)})
					p += len(x.Form)
				}
			} else {
				spans = append(spans, dyad.Span{Start: at, End: at + len(m.Form)})
			}
			pos = at + len(m.Form)
			w = m.Last
			continue
		}
		at, err := find(s.Words[w].Form)
		if err != nil {
			return nil, err
		}
		spans = append(spans, dyad.Span{Start: at, End: at + len(s.Words[w].Form)})
		pos = at + len(s.Words[w].Form)
		w++
	}
	return spans, nil
}
