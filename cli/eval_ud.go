package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/parse"
)

// EvalUDCmd scores the tagger, lemmatizer and parser on a CoNLL-U treebank,
// first with its gold tokenization, then with dyad's own tokenization of the
// sentences' text, aligned by character spans as in the CoNLL 2018 shared
// task.
type EvalUDCmd struct {
	Gold   string `required:"" help:"Gold treebank (CoNLL-U) with # text lines." type:"existingfile"`
	Format string `help:"Output format." enum:"text,json" default:"text"`
}

// UDScores are the figures of `dyad eval ud`, in percent.
type UDScores struct {
	File string `json:"file"`
	// Gold tokenization: accuracies over the treebank's words.
	Gold struct {
		Sentences int     `json:"sentences"`
		Words     int     `json:"words"`
		UPOS      float64 `json:"upos"`
		XPOS      float64 `json:"xpos"`
		Lemma     float64 `json:"lemma"`
		UAS       float64 `json:"uas"`
		LAS       float64 `json:"las"`
		ExactLAS  float64 `json:"las_with_subtypes"`
		Seconds   float64 `json:"seconds"`
	} `json:"gold_tokenization"`
	// Raw text: F1 of dyad's own sentences, tokens and words against gold.
	Raw struct {
		Sentences F1 `json:"sentences"`
		Tokens    F1 `json:"tokens"`
		Words     F1 `json:"words"`
		UPOS      F1 `json:"upos"`
		XPOS      F1 `json:"xpos"`
		Lemma     F1 `json:"lemma"`
		UAS       F1 `json:"uas"`
		LAS       F1 `json:"las"`
		// Unfound counts gold tokens whose form was not found in the text.
		Unfound int     `json:"unfound_gold_tokens"`
		Seconds float64 `json:"seconds"`
	} `json:"raw_text"`
}

// F1 is a precision, recall and F1 score in percent.
type F1 struct {
	Gold      int     `json:"gold"`
	System    int     `json:"system"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newF1(gold, system, correct int) F1 {
	f := F1{Gold: gold, System: system, Correct: correct}
	if system > 0 {
		f.Precision = 100 * float64(correct) / float64(system)
	}
	if gold > 0 {
		f.Recall = 100 * float64(correct) / float64(gold)
	}
	if gold+system > 0 {
		f.F1 = 200 * float64(correct) / float64(gold+system)
	}
	return f
}

// Run runs the command.
func (c *EvalUDCmd) Run(ctx context.Context, env *Env) error {
	gold, err := readTreebank(c.Gold)
	if err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	nlp, err := newLanguage()
	if err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	sc := UDScores{File: c.Gold}
	if err := evalGoldTokens(ctx, nlp, gold, &sc); err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	if err := evalRawText(ctx, nlp, c.Gold, gold, &sc); err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	if c.Format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sc)
	}
	g, r := sc.Gold, sc.Raw
	fmt.Fprintf(env.Stdout, "%s: %d sentences, %d words\n\n", sc.File, g.Sentences, g.Words)
	fmt.Fprintf(env.Stdout, "gold tokenization (accuracy %%, %.2fs)\n", g.Seconds)
	fmt.Fprintf(env.Stdout, "  UPOS  %6.2f\n  XPOS  %6.2f\n  Lemma %6.2f\n  UAS   %6.2f\n  LAS   %6.2f  (with subtypes %.2f)\n\n",
		g.UPOS, g.XPOS, g.Lemma, g.UAS, g.LAS, g.ExactLAS)
	fmt.Fprintf(env.Stdout, "dyad tokenization of the text (%.2fs)\n", r.Seconds)
	fmt.Fprintf(env.Stdout, "  %-9s %9s %9s %9s\n", "metric", "precision", "recall", "F1")
	for _, row := range []struct {
		name string
		f    F1
	}{{"Sentences", r.Sentences}, {"Tokens", r.Tokens}, {"Words", r.Words}, {"UPOS", r.UPOS},
		{"XPOS", r.XPOS}, {"Lemma", r.Lemma}, {"UAS", r.UAS}, {"LAS", r.LAS}} {
		fmt.Fprintf(env.Stdout, "  %-9s %9.2f %9.2f %9.2f\n", row.name, row.f.Precision, row.f.Recall, row.f.F1)
	}
	return nil
}

// evalGoldTokens tags and parses the treebank's own words.
func evalGoldTokens(ctx context.Context, nlp *language, gold []*conllu.Sentence, sc *UDScores) error {
	start := time.Now()
	var ps parse.Scores
	var upos, xpos, lemma, words int
	for i, s := range gold {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		g := s.Tokens()
		pred := make([]dyad.Token, len(g))
		for j, t := range g {
			pred[j] = dyad.Token{Form: t.Form, Head: -1}
		}
		nlp.tagger.Tag(pred)
		nlp.parser.Parse(pred)
		for j := range g {
			words++
			if pred[j].UPOS == g[j].UPOS {
				upos++
			}
			if pred[j].XPOS == g[j].XPOS {
				xpos++
			}
			if pred[j].Lemma == g[j].Lemma {
				lemma++
			}
		}
		if err := ps.Add(g, pred); err != nil {
			return err
		}
	}
	g := &sc.Gold
	g.Sentences, g.Words = len(gold), words
	if words > 0 {
		g.UPOS, g.XPOS, g.Lemma = 100*float64(upos)/float64(words), 100*float64(xpos)/float64(words), 100*float64(lemma)/float64(words)
	}
	g.UAS, g.LAS, g.ExactLAS = ps.UAS(), ps.LAS(), ps.ExactLAS()
	g.Seconds = time.Since(start).Seconds()
	return nil
}

// span is a byte range of the reconstructed text.
type span struct{ start, end int }

// goldWord is a gold syntactic word with the span of its surface token (the
// whole multiword token for a part of one) and its position in that token.
type goldWord struct {
	tok  dyad.Token
	span span
	part int
	sent int // index of its sentence in the treebank
}

// evalRawText rebuilds the text of the treebank from its # text lines
// (sentences of a paragraph joined by a space, paragraphs and documents by
// a blank line), runs the whole pipeline on it and aligns the result with
// the gold words by character spans.
func evalRawText(ctx context.Context, nlp *language, name string, gold []*conllu.Sentence, sc *UDScores) error {
	start := time.Now()
	var b strings.Builder
	var goldWords []goldWord
	var goldTokens, goldSents []span
	unfound := 0
	for i, s := range gold {
		if s.Text == "" {
			return &dyad.InputError{Input: name, Line: s.Line, Offset: -1,
				Err: fmt.Errorf("%w: the sentence has no # text line to tokenize", dyad.ErrInvalid)}
		}
		if i > 0 {
			if startsParagraph(s) {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		base := b.Len()
		b.WriteString(s.Text)
		ws, toks, bad := alignGold(s, base, i)
		unfound += bad
		goldWords = append(goldWords, ws...)
		goldTokens = append(goldTokens, toks...)
		if len(toks) > 0 {
			goldSents = append(goldSents, span{toks[0].start, toks[len(toks)-1].end})
		}
	}
	text := b.String()
	d := &dyad.Doc{Article: dyad.Article{ID: "gold"}, Text: text}
	if err := nlp.annotate(ctx, d); err != nil {
		return err
	}
	// System words and tokens. A token of dyad is a syntactic word; words
	// that share a span form one surface token.
	type sysWord struct {
		tok  dyad.Token
		span span
		part int
		sent int
	}
	var sysWords []sysWord
	var sysTokens, sysSents []span
	for si, s := range d.Sentences {
		if len(s.Tokens) == 0 {
			continue
		}
		sysSents = append(sysSents, span{s.Tokens[0].Start, s.Tokens[len(s.Tokens)-1].End})
		part := 0
		for j, t := range s.Tokens {
			sp := span{t.Start, t.End}
			if j > 0 && sp == sysWords[len(sysWords)-1].span {
				part++
			} else {
				part = 0
				sysTokens = append(sysTokens, sp)
			}
			sysWords = append(sysWords, sysWord{tok: t, span: sp, part: part, sent: si})
		}
	}
	// Align words as the CoNLL 2018 evaluation does: a word of a gold
	// single-word token with the system word of the same span; the words of
	// a gold multiword token ("don't" = "do" + "n't") with the system words
	// inside its span, by the longest common subsequence of their forms.
	sysToGold := make([]int, len(sysWords))
	for i := range sysToGold {
		sysToGold[i] = -1
	}
	sysForms := make([]string, len(sysWords))
	for i, w := range sysWords {
		sysForms[i] = w.tok.Form
	}
	aligned := 0
	for g := 0; g < len(goldWords); {
		w := goldWords[g]
		end := g + 1
		for end < len(goldWords) && goldWords[end].span == w.span && goldWords[end].part > 0 {
			end++
		}
		if w.span.start < 0 {
			g = end
			continue
		}
		// System words inside the gold token's span.
		lo := sort.Search(len(sysWords), func(i int) bool { return sysWords[i].span.start >= w.span.start })
		hi := lo
		for hi < len(sysWords) && sysWords[hi].span.end <= w.span.end {
			hi++
		}
		if end-g == 1 {
			if hi-lo == 1 && sysWords[lo].span == w.span {
				sysToGold[lo] = g
				aligned++
			}
		} else {
			forms := make([]string, end-g)
			for k := range forms {
				forms[k] = goldWords[g+k].tok.Form
			}
			for _, p := range lcsPairs(forms, sysForms[lo:hi]) {
				sysToGold[lo+p[1]] = g + p[0]
				aligned++
			}
		}
		g = end
	}
	// Heads become indices into the word lists through the index of each
	// sentence's first word.
	goldFirst := make([]int, len(gold)) // index in goldWords of each sentence's first word
	for i := range goldFirst {
		goldFirst[i] = -1
	}
	for i, w := range goldWords {
		if goldFirst[w.sent] < 0 {
			goldFirst[w.sent] = i
		}
	}
	sysFirst := make([]int, len(d.Sentences))
	for i := range sysFirst {
		sysFirst[i] = -1
	}
	for i, w := range sysWords {
		if sysFirst[w.sent] < 0 {
			sysFirst[w.sent] = i
		}
	}
	var upos, xpos, lemma, uas, las int
	for i, w := range sysWords {
		g := sysToGold[i]
		if g < 0 {
			continue
		}
		gw := goldWords[g]
		if w.tok.UPOS == gw.tok.UPOS {
			upos++
		}
		if w.tok.XPOS == gw.tok.XPOS {
			xpos++
		}
		if w.tok.Lemma == gw.tok.Lemma {
			lemma++
		}
		sysHead := -1
		if w.tok.Head > 0 {
			sysHead = sysFirst[w.sent] + w.tok.Head - 1
		}
		gHead := -1
		if gw.tok.Head > 0 {
			gHead = goldFirst[gw.sent] + gw.tok.Head - 1
		}
		var ok bool
		switch {
		case sysHead < 0 || gHead < 0:
			ok = sysHead == gHead
		default:
			ok = sysToGold[sysHead] == gHead
		}
		if ok {
			uas++
			if universalRel(w.tok.Rel) == universalRel(gw.tok.Rel) {
				las++
			}
		}
	}
	r := &sc.Raw
	r.Sentences = newF1(len(goldSents), len(sysSents), countCommon(goldSents, sysSents))
	r.Tokens = newF1(len(goldTokens), len(sysTokens), countCommon(goldTokens, sysTokens))
	nw, ns := len(goldWords), len(sysWords)
	r.Words = newF1(nw, ns, aligned)
	r.UPOS = newF1(nw, ns, upos)
	r.XPOS = newF1(nw, ns, xpos)
	r.Lemma = newF1(nw, ns, lemma)
	r.UAS = newF1(nw, ns, uas)
	r.LAS = newF1(nw, ns, las)
	r.Unfound = unfound
	r.Seconds = time.Since(start).Seconds()
	return nil
}

// lcsPairs aligns two short lists of word forms by their longest common
// subsequence, comparing forms case-insensitively, and returns the index
// pairs of the aligned words.
func lcsPairs(a, b []string) [][2]int {
	n, m := len(a), len(b)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if strings.EqualFold(a[i], b[j]) {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case strings.EqualFold(a[i], b[j]):
			out = append(out, [2]int{i, j})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

func universalRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// startsParagraph reports whether s opens a document or a paragraph.
func startsParagraph(s *conllu.Sentence) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(c, "newdoc") || strings.HasPrefix(c, "newpar") {
			return true
		}
	}
	return false
}

// alignGold finds the span of every surface token of s in its text, which
// starts at base in the rebuilt text. A token that cannot be found where
// expected gets no span (start -1) and is counted as bad.
func alignGold(s *conllu.Sentence, base, sent int) (words []goldWord, toks []span, bad int) {
	text := s.Text
	pos := 0
	toksOf := s.Tokens()
	mw := 0
	for i := 0; i < len(s.Words); {
		form := s.Words[i].Form
		last := i
		if mw < len(s.Multiwords) && s.Multiwords[mw].First == i+1 {
			form = s.Multiwords[mw].Form
			last = s.Multiwords[mw].Last - 1
			mw++
		}
		for pos < len(text) {
			r, n := utf8.DecodeRuneInString(text[pos:])
			if !unicode.IsSpace(r) {
				break
			}
			pos += n
		}
		sp := span{-1, -1}
		if end, ok := matchForm(text, pos, form); ok {
			sp = span{base + pos, base + end}
			pos = end
			toks = append(toks, sp)
		} else {
			bad++
		}
		for k := i; k <= last; k++ {
			words = append(words, goldWord{tok: toksOf[k], span: sp, part: k - i, sent: sent})
		}
		i = last + 1
	}
	return words, toks, bad
}

// matchForm matches form at text[pos:], allowing spaces inside the text
// that the form leaves out ("555 1234" written as one token), and returns
// the end of the match.
func matchForm(text string, pos int, form string) (int, bool) {
	if strings.HasPrefix(text[pos:], form) {
		return pos + len(form), true
	}
	i, j := pos, 0
	for j < len(form) && i < len(text) {
		switch {
		case text[i] == form[j]:
			i++
			j++
		case text[i] == ' ':
			i++
		case form[j] == ' ':
			j++
		default:
			return 0, false
		}
	}
	return i, j == len(form)
}

// countCommon counts the spans present in both sorted lists.
func countCommon(a, b []span) int {
	less := func(x, y span) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return x.end - y.end
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, less)
	slices.SortFunc(b, less)
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := less(a[i], b[j]); {
		case c == 0:
			n++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return n
}
