package extract

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/when"
)

// Quotes finds the quotations of an article: direct quotations in straight
// or curly quotation marks (also when they run over several sentences or
// paragraphs, or are split by their attribution: "...," he said, "..."), and
// reported speech after a verb of saying ("Kanaani said Tehran and Moscow
// have cooperated", "..., the spokesman stressed"). Each gets its speaker,
// resolved through the actor mentions of the Doc (a pronoun the actor stage
// linked to a person is that person), the verb, and its text. It is safe for
// concurrent use.
type Quotes struct {
	v *vocab
}

// NewQuotes returns the quotation extractor over the embedded verbs of
// saying (data/speech.txt).
func NewQuotes() *Quotes { return &Quotes{v: mustVocab()} }

// Annotate sets d.Quotes to the quotations of d in text order. Text is the
// quoted words without the quotation marks and without a trailing comma or
// period; for a quotation split by its attribution it is both parts joined
// by a space and Span runs from the first word of the first part to the
// last of the second. Rules: quote.direct.after ("...," he said),
// quote.direct.before (he said: "..."), quote.direct.split,
// quote.direct.carry (a quotation that goes on after its attribution),
// quote.direct.colon, quote.indirect.after (he said that ...),
// quote.indirect.before (..., he said), quote.indirect.participle (...,
// adding that ...), quote.indirect.according (according to ...). A suffix
// "+speaker.previous" says a bare "he" or "she" was taken to be the last
// person quoted.
func (q *Quotes) Annotate(ctx context.Context, d *dyad.Doc) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract quotes %s: %w", d.Article.ID, err)
	}
	r := &quoteRun{q: q, vw: newView(d, q.v), used: map[[2]int]bool{}}
	r.direct()
	for si := range r.vw.sents {
		r.indirect(si)
	}
	sort.SliceStable(r.out, func(i, j int) bool {
		if r.out[i].Span.Start != r.out[j].Span.Start {
			return r.out[i].Span.Start < r.out[j].Span.Start
		}
		return r.out[i].Direct && !r.out[j].Direct
	})
	r.contextCountries()
	r.carryPronouns()
	if r.out == nil {
		r.out = []dyad.Quote{}
	}
	d.Quotes = r.out
	return nil
}

// quoteRun is the state of one Annotate call.
type quoteRun struct {
	q    *Quotes
	vw   *view
	out  []dyad.Quote
	used map[[2]int]bool // (sentence index, token index) of verbs already attributed
	// inside marks the token ranges of direct quotations per sentence, so
	// reported speech is not read out of a direct quotation.
	inside [][][2]int
}

// pos is a token position in the document.
type pos struct{ si, ti int }

// segment is one stretch of quoted text between an opening and a closing
// quotation mark.
type segment struct {
	open, close pos
	breaks      []pos // reopening marks at paragraph starts inside the quotation
}

// quoteStyle returns the style of a quotation mark token: 'd' for double
// quotes, 's' for single curly quotes, 'g' for guillemets; and whether it can
// open and close.
func quoteStyle(f string) (style byte, opens, closes bool) {
	switch f {
	case `"`, "''", "``":
		return 'd', true, true
	case "“":
		return 'd', true, false
	case "”":
		return 'd', false, true
	case "„":
		return 'd', true, false
	case "‘":
		return 's', true, false
	case "’":
		return 's', false, true
	case "«":
		return 'g', true, false
	case "»":
		return 'g', false, true
	}
	return 0, false, false
}

// segments finds the quoted stretches of the document. A quotation left open
// at the end of a paragraph goes on when the next paragraph opens with a
// quotation mark (the news convention for quotations of several
// paragraphs); otherwise it is dropped.
func (r *quoteRun) segments() []segment {
	var out []segment
	var cur segment
	inside := byte(0)
	text := r.vw.d.Text
	prevEnd := -1
	for si := range r.vw.sents {
		s := &r.vw.sents[si]
		for ti, tk := range s.toks {
			newPara := prevEnd >= 0 && strings.Count(text[prevEnd:tk.Start], "\n") > 0
			prevEnd = tk.End
			style, opens, closes := quoteStyle(tk.Form)
			if newPara && inside != 0 {
				if style == inside && opens && (tk.Form != "’") {
					cur.breaks = append(cur.breaks, pos{si, ti})
					continue
				}
				inside = 0
			}
			if style == 0 {
				continue
			}
			switch {
			case inside != 0 && style == inside && closes:
				cur.close = pos{si, ti}
				out = append(out, cur)
				inside = 0
			case inside == 0 && opens:
				// a straight quote followed by a space does not open
				if tk.Form == `"` && tk.End < len(text) && (text[tk.End] == ' ' || text[tk.End] == '\n') {
					continue
				}
				cur = segment{open: pos{si, ti}}
				inside = style
			case inside != 0 && opens && style == 'd' && inside == 'd':
				// an opening curly quote while one is open: the first was never closed
				cur = segment{open: pos{si, ti}}
			}
		}
	}
	return out
}

// content returns the tokens of a segment, sentence by sentence, without the
// quotation marks and trailing commas or periods.
func (r *quoteRun) content(sg segment) []pos {
	var toks []pos
	isBreak := map[pos]bool{}
	for _, b := range sg.breaks {
		isBreak[b] = true
	}
	for si := sg.open.si; si <= sg.close.si; si++ {
		s := &r.vw.sents[si]
		from, to := 0, len(s.toks)
		if si == sg.open.si {
			from = sg.open.ti + 1
		}
		if si == sg.close.si {
			to = sg.close.ti
		}
		for ti := from; ti < to; ti++ {
			if !isBreak[pos{si, ti}] {
				toks = append(toks, pos{si, ti})
			}
		}
	}
	for len(toks) > 0 {
		last := toks[len(toks)-1]
		switch r.vw.sents[last.si].low[last.ti] {
		case ",", ".", ";", ":":
			toks = toks[:len(toks)-1]
			continue
		}
		break
	}
	return toks
}

// textOf returns the source text of content tokens, paragraph breaks kept
// as a newline, and its span.
func (r *quoteRun) textOf(toks []pos) (string, dyad.Span) {
	if len(toks) == 0 {
		return "", dyad.Span{}
	}
	tok := func(p pos) dyad.Token { return r.vw.sents[p.si].toks[p.ti] }
	text := r.vw.d.Text
	var b strings.Builder
	start := tok(toks[0]).Start
	pieceStart := start
	for i := 1; i < len(toks); i++ {
		prev, cur := tok(toks[i-1]), tok(toks[i])
		if gap := text[prev.End:cur.Start]; strings.TrimSpace(gap) != "" || strings.Contains(gap, "\n") {
			// a reopening mark or a paragraph break lies between
			b.WriteString(text[pieceStart:prev.End])
			if strings.Contains(gap, "\n") {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			pieceStart = cur.Start
		}
	}
	end := tok(toks[len(toks)-1]).End
	b.WriteString(text[pieceStart:end])
	return b.String(), dyad.Span{Start: start, End: end}
}

func (r *quoteRun) words(toks []pos) int {
	n := 0
	for _, p := range toks {
		if !r.vw.sents[p.si].isPunct(p.ti) {
			n++
		}
	}
	return n
}

// direct finds the direct quotations and their attributions.
func (r *quoteRun) direct() {
	segs := r.segments()
	r.inside = make([][][2]int, len(r.vw.sents))
	for _, sg := range segs {
		for si := sg.open.si; si <= sg.close.si; si++ {
			from, to := 0, len(r.vw.sents[si].toks)
			if si == sg.open.si {
				from = sg.open.ti
			}
			if si == sg.close.si {
				to = sg.close.ti + 1
			}
			r.inside[si] = append(r.inside[si], [2]int{from, to})
		}
	}
	last, lastSent := -1, -10 // the last direct quotation in r.out and its closing sentence
	for i := 0; i < len(segs); i++ {
		sg := segs[i]
		toks := r.content(sg)
		if len(toks) == 0 {
			continue
		}
		text, span := r.textOf(toks)
		qt := dyad.Quote{Sentence: r.vw.sents[sg.open.si].s.N, Direct: true, Text: text, Span: span}
		sp, verb, rule, vpos, after, ok := r.attributeAfter(sg)
		if !ok {
			sp, verb, rule, vpos, ok = r.attributeBefore(sg, r.words(toks))
		}
		if ok {
			r.used[[2]int{vpos.si, vpos.ti}] = true
			qt.Speaker, qt.Verb, qt.Rule = sp, verb, rule
			// "...," he said, "...": the second part continues the first
			if after >= 0 && i+1 < len(segs) {
				s := &r.vw.sents[sg.close.si]
				nx := segs[i+1]
				after = r.skipApposition(s, after)
				if nx.open.si == sg.close.si && after < len(s.toks) && s.low[after] == "," && nx.open.ti == after+1 {
					more := r.content(nx)
					if len(more) > 0 {
						t2, sp2 := r.textOf(more)
						qt.Text += " " + t2
						qt.Span.End = sp2.End
						qt.Rule = "quote.direct.split"
						i++
						sg = nx
					}
				}
			}
		} else if sg.open.ti == 0 || r.vw.sents[sg.open.si].isPunct(0) && sg.open.ti <= 1 {
			// a quotation that is a sentence of its own
			if sp, verb, ok2 := r.colonBefore(sg.open.si); ok2 {
				qt.Speaker, qt.Verb, qt.Rule = sp, verb, "quote.direct.colon"
				ok = true
			} else if last >= 0 && sg.open.si-lastSent <= 2 {
				qt.Speaker, qt.Verb, qt.Rule = r.out[last].Speaker, r.out[last].Verb, "quote.direct.carry"
				ok = true
			}
		}
		if !ok {
			continue
		}
		r.out = append(r.out, qt)
		last, lastSent = len(r.out)-1, sg.close.si
	}
}

// attributeAfter reads an attribution right after a closing mark: `"...,"
// he said`, `"...," said Kuleba`. It returns the token after the
// attribution (or -1).
func (r *quoteRun) attributeAfter(sg segment) (sp dyad.Speaker, verb, rule string, vp pos, after int, ok bool) {
	si := sg.close.si
	s := &r.vw.sents[si]
	k := sg.close.ti + 1
	if k < len(s.toks) && s.low[k] == "," {
		k++
	}
	next := false
	if k >= len(s.toks) {
		// `"We will win!" Zelensky said.` split into two sentences: the
		// attribution is the whole of the next one
		if si+1 >= len(r.vw.sents) || strings.Contains(r.vw.d.Text[s.s.End:r.vw.sents[si+1].s.Start], "\n") {
			return sp, "", "", vp, -1, false
		}
		si, k, next = si+1, 0, true
		s = &r.vw.sents[si]
		if len(s.toks) > 10 {
			return sp, "", "", vp, -1, false
		}
	}
	whole := func(e int) bool { return !next || e >= len(s.toks) || e == len(s.toks)-1 && s.isPunct(e) }
	// verb then speaker: "said Kuleba"
	if vf, n, found := r.q.v.speech.match(s.low, k); found && !vf.participle {
		if spk, e, found := r.subjectAfter(s, k+n); found && whole(r.skipTail(s, e)) {
			return spk, vf.verb.lemma, "quote.direct.after", pos{si, k}, e, true
		}
	}
	// speaker then verb: "he said", "Kanaani remarked", "the minister told reporters"
	for v := k + 1; v < len(s.toks) && v <= k+8; v++ {
		if s.isPunct(v) {
			break
		}
		vf, n, found := r.q.v.speech.match(s.low, v)
		if !found || vf.participle {
			continue
		}
		spk, from, found := r.subjectBefore(s, v)
		if !found || from != k {
			continue
		}
		e := v + n
		if vf.verb.obj {
			e = r.skipObject(s, e)
		}
		e = r.skipTail(s, e)
		if !whole(e) {
			return sp, "", "", vp, -1, false
		}
		if next {
			e = -1 // no split quotation across sentences
		}
		return spk, vf.verb.lemma, "quote.direct.after", pos{si, v}, e, true
	}
	return sp, "", "", vp, -1, false
}

// skipApposition skips ", NAME" after an attribution ("said the finance
// minister, Jonas Holm, ...") when a comma follows the name.
func (r *quoteRun) skipApposition(s *sent, k int) int {
	if k+2 >= len(s.toks) || s.low[k] != "," {
		return k
	}
	if m := s.mentionStarting(k + 1); m != nil {
		if e := s.tokenEndingAt(m.end); e >= 0 && e+1 < len(s.toks) && s.low[e+1] == "," {
			return e + 1
		}
	}
	return k
}

// attributeBefore reads an attribution before the opening mark: `he said:
// "..."`, `he said "..."`, or a quotation ending reported speech: `Kuleba
// said the vote "made it clear ..."` (four words or more, so scare quotes
// stay unattributed).
func (r *quoteRun) attributeBefore(sg segment, words int) (sp dyad.Speaker, verb, rule string, vp pos, ok bool) {
	s := &r.vw.sents[sg.open.si]
	o := sg.open.ti
	k := o - 1
	colon := k >= 0 && (s.low[k] == ":" || s.low[k] == ",")
	if colon {
		k--
	}
	for v := k; v >= 0 && v >= k-7; v-- {
		if s.isPunct(v) && s.low[v] != "," || r.insideQuote(sg.open.si, v) {
			break
		}
		vf, n, found := r.q.v.speech.match(s.low, v)
		if !found || r.used[[2]int{sg.open.si, v}] {
			continue
		}
		// the words between the verb and the mark: none, an addressee or a
		// time ("told reporters on Friday:"), or the start of reported speech
		adjacent := v+n == o || colon && v+n == k+1
		if !adjacent && !colon && words < 4 {
			return sp, "", "", vp, false
		}
		if vf.participle && !(v > 0 && s.low[v-1] == ",") {
			continue
		}
		var spk dyad.Speaker
		var found2 bool
		if vf.participle {
			spk, found2 = r.participleSpeaker(s, sg.open.si, v)
		} else {
			spk, _, found2 = r.subjectBefore(s, v)
			if !found2 {
				spk, _, found2 = r.subjectAfter(s, v+n)
			}
		}
		if !found2 {
			continue
		}
		return spk, vf.verb.lemma, "quote.direct.before", pos{sg.open.si, v}, true
	}
	return sp, "", "", vp, false
}

// colonBefore attributes a quotation that opens a sentence to the speaker of
// the sentence before when it ends with a colon ("Kuleba wrote on Twitter:").
func (r *quoteRun) colonBefore(si int) (dyad.Speaker, string, bool) {
	if si == 0 {
		return dyad.Speaker{}, "", false
	}
	s := &r.vw.sents[si-1]
	if len(s.toks) < 3 || s.low[len(s.low)-1] != ":" {
		return dyad.Speaker{}, "", false
	}
	for v := len(s.toks) - 2; v >= 0; v-- {
		vf, _, found := r.q.v.speech.match(s.low, v)
		if !found {
			continue
		}
		if spk, _, ok := r.subjectBefore(s, v); ok {
			r.used[[2]int{si - 1, v}] = true
			return spk, vf.verb.lemma, true
		}
	}
	return dyad.Speaker{}, "", false
}

func (r *quoteRun) insideQuote(si, ti int) bool {
	for _, rg := range r.inside[si] {
		if ti >= rg[0] && ti < rg[1] {
			return true
		}
	}
	return false
}

// pronouns that can be the speaker of a quotation.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true, "it": true}

// skippable words between a speaker and the verb: adverbs and auxiliaries
// ("also said", "has announced", "have been claiming").
var skippable = map[string]bool{
	"also": true, "later": true, "again": true, "further": true, "then": true, "reportedly": true,
	"previously": true, "earlier": true, "recently": true, "repeatedly": true, "once": true, "too": true,
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"will": true, "would": true, "'d": true, "’d": true, "been": true, "be": true,
	"did": true, "does": true, "do": true, "may": true, "might": true, "could": true, "can": true,
	"already": true, "often": true, "always": true, "never": true, "not": true, "n't": true,
}

// subjectBefore finds the speaker of the verb at token v: the mention or
// pronoun that ends just before it (adverbs, auxiliaries and a time in
// between are skipped), else the verb's subject in the parse, else the noun
// phrase before it. from is the speaker's first token.
func (r *quoteRun) subjectBefore(s *sent, v int) (dyad.Speaker, int, bool) {
	k := v - 1
	for k >= 0 {
		low := s.low[k]
		if skippable[low] {
			k--
			continue
		}
		if s.tags && s.toks[k].UPOS == "ADV" && s.mentionEnding(k) == nil {
			k--
			continue
		}
		// an untagged adverb between a subject and its verb: "Tehran has categorically denied"
		if !s.tags && strings.HasSuffix(low, "ly") && k > 0 && !isCapitalized(s.toks[k].Form) &&
			(skippable[s.low[k-1]] || pronouns[s.low[k-1]] || s.mentionEnding(k-1) != nil) {
			k--
			continue
		}
		// "Kanaani was quoted as saying"
		if low == "as" && k > 0 && s.low[k-1] == "quoted" {
			k -= 2
			continue
		}
		// "Kanaani on Friday said"
		if k > 0 && when.IsTemporal(low) && !isUnitWord(low) && (s.low[k-1] == "on" || s.low[k-1] == "last" || s.low[k-1] == "this") {
			k -= 2
			continue
		}
		break
	}
	if k < 0 {
		return dyad.Speaker{}, 0, false
	}
	if m := s.mentionEnding(k); m != nil {
		return m.speaker(), s.tokenAt(m.start), s.tokenAt(m.start) >= 0
	}
	// "The regional governor, Petro Marchenko, wrote"
	if s.low[k] == "," && k > 1 {
		if m := s.mentionEnding(k - 1); m != nil {
			if b := s.tokenAt(m.start); b > 0 && s.low[b-1] == "," {
				if m2 := s.mentionEnding(b - 2); m2 != nil && m2.actor == m.actor {
					return m.speaker(), s.tokenAt(m2.start), s.tokenAt(m2.start) >= 0
				}
				return m.speaker(), b, true
			} else if b >= 0 && m.start < s.toks[k-1].Start {
				return m.speaker(), b, true // the mention spans the apposition
			}
		}
	}
	// "Kanaani, who spoke in Moscow, said", "Erdogan, speaking in Ankara, said"
	if s.low[k] == "," {
		for c := k - 1; c > 0 && c >= k-15; c-- {
			if s.low[c] == "," && (s.low[c+1] == "who" || s.low[c+1] == "whose" || s.isParticiple(c+1)) {
				if m := s.mentionEnding(c - 1); m != nil {
					return m.speaker(), s.tokenAt(m.start), s.tokenAt(m.start) >= 0
				}
				break
			}
		}
	}
	if pronouns[s.low[k]] {
		if s.low[k] == "it" {
			return dyad.Speaker{}, 0, false
		}
		return dyad.Speaker{Name: s.toks[k].Form}, k, true
	}
	// the parse: the verb's nominal subject
	if v < len(s.toks) && s.toks[v].Head >= 0 && s.toks[v].Rel != "" {
		for t := range s.toks {
			if s.toks[t].Head == v+1 && strings.HasPrefix(s.toks[t].Rel, "nsubj") && t < v {
				if m := s.mentionCovering(t); m != nil {
					return m.speaker(), s.tokenAt(m.start), s.tokenAt(m.start) >= 0
				}
			}
		}
	}
	// a noun phrase without a mention: "The report said", "a senior official said"
	nounish := s.isNoun(k) || isCapitalized(s.toks[k].Form) || s.toks[k].UPOS == "ADJ" && k > 0 && s.low[k-1] == "the"
	if !nounish || s.isPunct(k) || functionWords[s.low[k]] {
		return dyad.Speaker{}, 0, false
	}
	b := k
	for b > 0 && k-b < 8 && !s.isPunct(b-1) && !s.isVerbLike(b-1, false) {
		w := s.low[b-1]
		if functionWords[w] && !npInner[w] {
			break
		}
		b--
	}
	for b < k && npInner[s.low[b]] && s.low[b] != "the" && s.low[b] != "a" && s.low[b] != "an" {
		b++ // a phrase does not open with "of" or "for"
	}
	if b > 0 && !s.isPunct(b-1) && !isClauseWord(s.low[b-1]) {
		return dyad.Speaker{}, 0, false
	}
	return dyad.Speaker{Name: s.text(r.vw.d, b, k+1)}, b, true
}

// npInner are function words that may stand inside a speaker's noun phrase
// ("a spokesperson for the ministry", "the head of the agency").
var npInner = map[string]bool{"the": true, "a": true, "an": true, "of": true, "for": true}

// isParticiple reports whether token k is a present participle.
func (s *sent) isParticiple(k int) bool {
	if k >= len(s.toks) {
		return false
	}
	if s.tags {
		return s.toks[k].XPOS == "VBG"
	}
	return strings.HasSuffix(s.low[k], "ing") && len(s.low[k]) > 4 && !isCapitalized(s.toks[k].Form)
}

// isClauseWord reports whether a word can stand right before a clause's
// subject.
func isClauseWord(low string) bool {
	switch low {
	case "and", "but", "while", "as", "when", "after", "before", "because", "since", "although", "though", "whereas", "so":
		return true
	}
	return false
}

// subjectAfter finds an inverted speaker after the verb ("said Kuleba",
// "said the spokesman") and returns the token after it.
func (r *quoteRun) subjectAfter(s *sent, k int) (dyad.Speaker, int, bool) {
	if k >= len(s.toks) {
		return dyad.Speaker{}, 0, false
	}
	if m := s.mentionStarting(k); m != nil {
		if e := s.tokenEndingAt(m.end); e >= 0 {
			return m.speaker(), e + 1, true
		}
	}
	if k+1 < len(s.toks) && (s.low[k] == "the" || s.low[k] == "a" || s.low[k] == "an") {
		if m := s.mentionStarting(k + 1); m != nil {
			if e := s.tokenEndingAt(m.end); e >= 0 {
				return m.speaker(), e + 1, true
			}
		}
		e := k + 1
		for e < len(s.toks) && e-k < 6 && !s.isPunct(e) && !functionWords[s.low[e]] {
			e++
		}
		if e > k+1 && (e == len(s.toks) || s.isPunct(e) || s.low[e] == "on" || s.low[e] == "in") {
			return dyad.Speaker{Name: s.text(r.vw.d, k, e)}, e, true
		}
	}
	return dyad.Speaker{}, 0, false
}

// participleSpeaker finds who speaks in "..., adding that" or "..., saying":
// the speaker of an earlier verb of saying in the sentence, else the
// subject of the clause the participle hangs on.
func (r *quoteRun) participleSpeaker(s *sent, si, v int) (dyad.Speaker, bool) {
	for u := v - 1; u >= 0; u-- {
		vf, _, found := r.q.v.speech.match(s.low, u)
		if !found || vf.participle {
			continue
		}
		if spk, _, ok := r.subjectBefore(s, u); ok {
			return spk, true
		}
		if spk, _, ok := r.subjectAfter(s, u+1); ok {
			return spk, true
		}
	}
	// the parse: the participle's head verb and its subject
	if h := s.toks[v].Head; h > 0 && h <= len(s.toks) && s.toks[v].Rel != "" {
		for t := range s.toks {
			if s.toks[t].Head == h && strings.HasPrefix(s.toks[t].Rel, "nsubj") {
				if m := s.mentionCovering(t); m != nil {
					return m.speaker(), true
				}
			}
		}
	}
	// the mention that opens the sentence: "Tehran has denied ..., pointing out that"
	k := 0
	if k < len(s.low) && s.low[k] == "the" {
		k++
	}
	if k < len(s.toks) {
		if m := s.mentionStarting(k); m != nil {
			return m.speaker(), true
		}
		if m := s.mentionStarting(0); m != nil {
			return m.speaker(), true
		}
	}
	return dyad.Speaker{}, false
}

// skipObject skips the addressee after a verb like "tell": a mention, a
// pronoun, or a short noun phrase ("reporters", "the state news agency").
func (r *quoteRun) skipObject(s *sent, k int) int {
	if k >= len(s.toks) {
		return k
	}
	if m := s.mentionStarting(k); m != nil {
		if e := s.tokenEndingAt(m.end); e >= 0 {
			return e + 1
		}
	}
	switch s.low[k] {
	case "me", "us", "him", "her", "them", "you":
		return k + 1
	}
	e := k
	for e < len(s.toks) && e-k < 4 && !s.isPunct(e) && s.low[e] != "that" && (s.isNoun(e) || s.low[e] == "the" || s.low[e] == "a" || isCapitalized(s.toks[e].Form) || s.toks[e].UPOS == "ADJ") {
		e++
	}
	if e < len(s.toks) && (s.low[e] == "that" || s.low[e] == ":" || s.low[e] == "on" || s.isPunct(e)) {
		return e
	}
	return k
}

// skipTail skips what may follow an attribution: a time ("on Friday"), a
// channel ("in a statement", "on Twitter", "to reporters").
func (r *quoteRun) skipTail(s *sent, k int) int {
	for k < len(s.toks) {
		low := s.low[k]
		if k+1 < len(s.toks) && (low == "on" || low == "last" || low == "this") && when.IsTemporal(s.low[k+1]) {
			k += 2
			continue
		}
		if low == "yesterday" || low == "today" || low == "tonight" {
			k++
			continue
		}
		if (low == "in" || low == "on" || low == "to" || low == "during") && k+1 < len(s.toks) {
			e := k + 1
			for e < len(s.toks) && e-k <= 5 && !s.isPunct(e) && s.low[e] != "that" && !s.finite(e) {
				e++
			}
			if e < len(s.toks) && s.isPunct(e) {
				k = e
				continue
			}
		}
		break
	}
	return k
}

// finiteAux are the finite auxiliaries and copulas that show a clause in
// untagged text.
var finiteAux = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "must": true, "should": true,
	"may": true, "might": true, "shall": true, "does": true, "do": true, "did": true,
	"wo": true, "ca": true, "'re": true, "'ve": true, "'ll": true, "'m": true, "’re": true,
	"’ve": true, "’ll": true, "’m": true, "am": true,
}

// finite reports whether token k is a finite verb.
func (s *sent) finite(k int) bool {
	t := s.toks[k]
	if s.tags {
		switch t.XPOS {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
		return strings.Contains(t.Feats, "VerbForm=Fin")
	}
	return finiteAux[s.low[k]]
}

// hasFinite reports whether tokens [i, j) hold a finite verb.
func (s *sent) hasFinite(i, j int) bool {
	for k := i; k < j; k++ {
		if s.finite(k) {
			return true
		}
	}
	return false
}

// isVerbOfSaying checks a matched form is used as a verb.
func (r *quoteRun) isVerbOfSaying(s *sent, i, n int, vf verbForm) bool {
	t := s.toks[i]
	if s.tags {
		return t.UPOS == "VERB" || strings.HasPrefix(t.XPOS, "VB")
	}
	if !vf.ambiguous {
		return true
	}
	if i+n < len(s.low) && s.low[i+n] == "that" {
		return true
	}
	if i > 0 {
		p := s.low[i-1]
		return skippable[p] || pronouns[p] || s.mentionEnding(i-1) != nil
	}
	return false
}

// indirect finds the reported speech of sentence si.
func (r *quoteRun) indirect(si int) {
	s := &r.vw.sents[si]
	v := r.q.v
	if s.all&rSpeech == 0 {
		return
	}
	r.according(si)
	if s.all&rSpeech == 0 {
		return
	}
	for i := 0; i < len(s.toks); i++ {
		if !s.has(i, rSpeech) {
			continue
		}
		vf, n, found := v.speech.match(s.low, i)
		if !found || r.used[[2]int{si, i}] || r.insideQuote(si, i) || !r.isVerbOfSaying(s, i, n, vf) {
			continue
		}
		r.used[[2]int{si, i}] = true
		if negated(s, i) {
			continue // "did not say how many", "never said"
		}
		if vf.participle && i > 0 && (s.low[i-1] == ",") {
			spk, ok := r.participleSpeaker(s, si, i)
			if !ok {
				continue
			}
			if from, to, ok := r.complement(s, i+n, vf.verb); ok {
				r.addIndirect(s, spk, vf.verb.lemma, "quote.indirect.participle", from, to)
			}
			continue
		}
		if vf.participle && !(i > 0 && (skippable[s.low[i-1]] || s.low[i-1] == "as")) {
			continue // "Speaking with Sputnik", a gerund
		}
		spk, from, ok := r.subjectBefore(s, i)
		inverted := false
		if !ok && i > 0 && (s.low[i-1] == "and" || s.low[i-1] == "but") {
			// "X said ... and warned that ...": the subject is shared
			if spk, ok = r.participleSpeaker(s, si, i); ok {
				if from, to, ok := r.complement(s, i+n, vf.verb); ok {
					r.addIndirect(s, spk, vf.verb.lemma, "quote.indirect.after", from, to)
				}
				continue
			}
		}
		if !ok {
			if spk, _, ok = r.subjectAfter(s, i+n); !ok {
				continue
			}
			inverted = true
			from = i
		}
		// "..., the spokesman stressed." / "..., said the spokesman."
		end := i + n
		if inverted {
			_, end, _ = r.subjectAfter(s, i+n)
		} else if vf.verb.obj {
			end = r.skipObject(s, end) // "..., he told reporters."
		}
		tail := r.skipTail(s, end)
		closes := tail >= len(s.toks) || s.isPunct(tail) && (tail == len(s.toks)-1 || s.low[tail] == "," && tail+1 < len(s.toks) && r.isParticipleOfSaying(s, tail+1))
		b := from
		if b > 0 && (s.low[b-1] == "the" || s.low[b-1] == "a") {
			b--
		}
		if closes && b >= 1 && s.low[b-1] == "," {
			c := 0
			for c < b-1 && r.insideQuote(si, c) {
				c++
			}
			if words := b - 1 - c; words >= 3 && !r.insideQuote(si, b-2) {
				r.addIndirect(s, spk, vf.verb.lemma, "quote.indirect.before", c, b-1)
			}
			continue
		}
		if inverted {
			continue
		}
		if from, to, ok := r.complement(s, i+n, vf.verb); ok {
			r.addIndirect(s, spk, vf.verb.lemma, "quote.indirect.after", from, to)
		}
	}
}

// negated reports whether the verb at token i is negated ("did not say",
// "never said", "didn't say").
func negated(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.low[k] {
		case "not", "n't", "never", "nt":
			return true
		case "did", "does", "do", "has", "have", "had", "would", "will", "could", "also", "yet":
			continue
		}
		return false
	}
	return false
}

// isParticipleOfSaying reports whether token k is "adding", "saying", ...
func (r *quoteRun) isParticipleOfSaying(s *sent, k int) bool {
	vf, _, ok := r.q.v.speech.match(s.low, k)
	return ok && vf.participle
}

// complement returns the reported clause after a verb of saying that ends
// at token k: "(that) CLAUSE", up to the end of the sentence or a following
// ", adding". A bare clause must hold a finite verb; verbs flagged "that"
// need "that" or a colon.
func (r *quoteRun) complement(s *sent, k int, verb *speechVerb) (int, int, bool) {
	if verb.obj {
		k = r.skipObject(s, k)
	}
	k = r.skipTail(s, k)
	if k < len(s.toks) && s.low[k] == "," {
		// "said, however, that" is rare; a comma here ends the attribution
		return 0, 0, false
	}
	that := false
	if k < len(s.toks) && (s.low[k] == "that" || s.low[k] == ":") {
		that = true
		k++
	}
	if verb.that && !that {
		return 0, 0, false
	}
	end := k
	for end < len(s.toks) {
		if s.low[end] == ";" || s.low[end] == "," && end+1 < len(s.toks) && r.isParticipleOfSaying(s, end+1) {
			break
		}
		// "... and warned that ...", "..., but warned that ...": a second
		// verb of saying starts its own report
		if (s.low[end] == "and" || s.low[end] == "but") && end+1 < len(s.toks) && s.has(end+1, rSpeech) {
			if vf, _, ok := r.q.v.speech.match(s.low, end+1); ok && !vf.participle {
				if end > k && s.low[end-1] == "," {
					end--
				}
				break
			}
		}
		// "..., he noted.": an attribution at the end belongs to another report
		if s.low[end] == "," && r.trailingAttribution(s, end+1) {
			break
		}
		end++
	}
	for end > k && s.isPunct(end-1) && !isQuoteMark(s.toks[end-1].Form) {
		end--
	}
	if end-k < 2 {
		return 0, 0, false
	}
	if !that {
		// the clause's own verb comes before any comma or relative pronoun:
		// "added five people to the list, which was ..." reports nothing
		stop := k
		for stop < end && s.low[stop] != "," && s.low[stop] != "which" && s.low[stop] != "who" && s.low[stop] != "that" {
			stop++
		}
		if !s.hasFinite(k, stop) {
			return 0, 0, false
		}
	}
	// a clause that opens with a preposition is no clause ("said on Friday")
	switch s.low[k] {
	case "with", "to", "for", "about", "of", "in", "on", "at", "by":
		if !that {
			return 0, 0, false
		}
	}
	return k, end, true
}

// trailingAttribution reports whether tokens from k to the end of the
// sentence are an attribution: a short speaker, a verb of saying and a tail
// ("he noted on Friday.").
func (r *quoteRun) trailingAttribution(s *sent, k int) bool {
	for v := k; v < len(s.toks) && v <= k+5; v++ {
		if s.isPunct(v) {
			return false
		}
		if !s.has(v, rSpeech) {
			continue
		}
		vf, n, ok := r.q.v.speech.match(s.low, v)
		if !ok || vf.participle {
			continue
		}
		if _, from, ok := r.subjectBefore(s, v); !ok || from != k {
			return false
		}
		t := r.skipTail(s, v+n)
		return t >= len(s.toks) || t == len(s.toks)-1 && s.isPunct(t)
	}
	return false
}

func isQuoteMark(f string) bool { st, _, _ := quoteStyle(f); return st != 0 }

// according reads "according to SPEAKER" before or after a clause.
func (r *quoteRun) according(si int) {
	s := &r.vw.sents[si]
	for i := 0; i+2 < len(s.toks); i++ {
		if s.low[i] != "according" || s.low[i+1] != "to" || r.insideQuote(si, i) {
			continue
		}
		spk, e, ok := r.subjectAfter(s, i+2)
		if !ok {
			if m := s.mentionStarting(i + 2); m != nil {
				spk, e, ok = m.speaker(), s.tokenEndingAt(m.end)+1, true
			}
		}
		if !ok {
			continue
		}
		switch {
		case i == 0 && e < len(s.toks) && s.low[e] == ",":
			end := len(s.toks)
			for end > e+1 && s.isPunct(end-1) {
				end--
			}
			if end-e > 3 {
				r.addIndirect(s, spk, "according to", "quote.indirect.according", e+1, end)
			}
		case i > 3 && s.low[i-1] == "," && (e >= len(s.toks) || s.isPunct(e)):
			r.addIndirect(s, spk, "according to", "quote.indirect.according", 0, i-1)
		}
	}
}

// addIndirect records reported speech over tokens [from, to) of s.
func (r *quoteRun) addIndirect(s *sent, spk dyad.Speaker, verb, rule string, from, to int) {
	if from >= to {
		return
	}
	sp := s.span(from, to)
	r.out = append(r.out, dyad.Quote{
		Sentence: s.s.N, Speaker: spk, Verb: verb, Direct: false,
		Text: r.vw.d.Text[sp.Start:sp.End], Span: sp, Rule: rule,
	})
}

// roleSectors are the CAMEO role codes a speaker may carry without a
// country (the event stage's list of sector codes).
var roleSectors = map[string]bool{
	"GOV": true, "MIL": true, "REB": true, "OPP": true, "COP": true, "JUD": true, "LEG": true,
	"BUS": true, "CVL": true, "MED": true, "EDU": true, "LAB": true, "HLH": true, "ELI": true,
	"RAD": true, "INS": true, "SPY": true, "UAF": true, "REF": true, "AGR": true, "ENV": true,
	"CRM": true, "HRI": true, "PTY": true, "DEV": true, "REL": true, "MOD": true, "SEP": true,
}

// contextCountries gives a speaker known only by a role ("a government
// spokesman said", "health officials said": GOV, HLH) the country the
// event stage gives such a role, following the PLOVER manual's "context of
// the article": the country mentioned nearest to the speaker in its
// sentence, the earlier one on a tie; without one, the article's main
// country (see mainCountry). The speaker's code becomes KENGOV, KENHLH;
// its actor is left as the actor stage made it.
func (r *quoteRun) contextCountries() {
	main, counted := "", false
	for i := range r.out {
		q := &r.out[i]
		if !roleSectors[q.Speaker.Code] || q.Speaker.Actor == "" {
			continue
		}
		si, at := r.vw.speakerMention(q)
		if at < 0 {
			continue
		}
		c := nearestCountry(r.vw.sents[si].ments, at)
		if c == "" {
			if !counted {
				main, counted = r.vw.mainCountry(), true
			}
			c = main
		}
		if c != "" {
			q.Speaker.Code = c + q.Speaker.Code
		}
	}
}

// speakerMention returns the sentence index and mention index of the
// mention of q's speaker nearest to the quotation, or -1, -1: the speaker's
// actor with a countryless code equal to the speaker's.
func (vw *view) speakerMention(q *dyad.Quote) (int, int) {
	bs, bk, dist := -1, -1, -1
	for si := range vw.sents {
		for k := range vw.sents[si].ments {
			m := &vw.sents[si].ments[k]
			if m.actor.ID != q.Speaker.Actor || m.code != q.Speaker.Code || m.actor.Country != "" {
				continue
			}
			d := m.start - q.Span.End
			if d < 0 {
				d = q.Span.Start - m.end
			}
			if d < 0 {
				d = 0
			}
			if dist < 0 || d < dist {
				bs, bk, dist = si, k, d
			}
		}
	}
	return bs, bk
}

// mentionCountry returns the country of a mention that names one: a
// state, its capital or demonym, or a role carrying a country ("Kenyan
// police" KENCOP), as the event stage counts them; "" for organisations,
// groups, people and countryless roles.
func mentionCountry(m *ment) string {
	c := m.actor.Country
	if len(c) != 3 || !strings.HasPrefix(m.code, c) || !strings.HasPrefix(m.actor.Code, c) {
		return ""
	}
	return c
}

// nearestCountry returns the country of the country mention of ms nearest
// to ms[at], the earlier one on a tie, or "".
func nearestCountry(ms []ment, at int) string {
	best, dist := "", -1
	for k := range ms {
		c := mentionCountry(&ms[k])
		if k == at || c == "" {
			continue
		}
		d := ms[k].start - ms[at].start
		if d < 0 {
			d = ms[at].start - ms[k].end
		}
		if d < 0 {
			d = 0
		}
		if dist < 0 || d < dist {
			best, dist = c, d
		}
	}
	return best
}

// mainCountry returns the article's main country: the country of more than
// half of its country mentions (see mentionCountry); "" when no country
// has that many. A story among several states ("talks between Israel and
// Hamas in Cairo, Qatari officials said") has no main country, and a
// role's speaker there is better left without a country than given the
// wrong one.
func (vw *view) mainCountry() string {
	count := map[string]int{}
	total := 0
	for i := range vw.sents {
		for k := range vw.sents[i].ments {
			if c := mentionCountry(&vw.sents[i].ments[k]); c != "" {
				count[c]++
				total++
			}
		}
	}
	for c, n := range count {
		if 2*n > total {
			return c
		}
	}
	return ""
}

// carryPronouns gives a speaker the actor stage left unresolved, a bare
// "he" or "she" or a definite description ("the official"), the speaker of
// the last quotation by a person.
func (r *quoteRun) carryPronouns() {
	var last *dyad.Speaker
	actors := map[string]*dyad.Actor{}
	for i := range r.vw.d.Actors {
		a := &r.vw.d.Actors[i]
		actors[a.ID] = a
	}
	for i := range r.out {
		q := &r.out[i]
		if q.Speaker.Actor == "" && last != nil {
			name := strings.ToLower(q.Speaker.Name)
			a := actors[last.Actor]
			pronoun := name == "he" && a.Gender != "f" || name == "she" && a.Gender != "m"
			if pronoun || isDescription(q.Speaker.Name) {
				q.Speaker = *last
				q.Rule += "+speaker.previous"
			}
			continue
		}
		if a := actors[q.Speaker.Actor]; a != nil && a.Kind == dyad.KindPerson {
			sp := q.Speaker
			last = &sp
		}
	}
}

// isDescription reports whether a speaker's name is a short definite
// description in lower case ("The official", "the minister").
func isDescription(name string) bool {
	rest, ok := strings.CutPrefix(name, "the ")
	if !ok {
		rest, ok = strings.CutPrefix(name, "The ")
	}
	if !ok || rest == "" || strings.Count(rest, " ") > 1 {
		return false
	}
	return strings.ToLower(rest) == rest
}
