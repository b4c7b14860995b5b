package extract

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// Amounts finds the numbers of an article, in digits ("141", "1.2 million",
// "$4.2bn") and in words ("seven", "two dozen", "tens of billions"), with the
// unit they are in (USD, percent, people, nations, years), what they count,
// and whether they are approximate. It is safe for concurrent use.
type Amounts struct {
	v *vocab
}

// NewAmounts returns the amount extractor over the embedded vocabulary
// (data/numbers.txt, data/modifiers.txt, data/units.txt).
func NewAmounts() *Amounts { return &Amounts{v: mustVocab()} }

// Annotate sets d.Amounts to the amounts of d's sentences, in text order.
// Value is the number, or the lower bound of a range ("tens of billions":
// Low 1e10, High 1e11); Low and High equal Value for a single number.
// Years, days of the month, times of day and identifiers ("Resolution
// 2334") are not amounts.
func (a *Amounts) Annotate(ctx context.Context, d *dyad.Doc) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract amounts %s: %w", d.Article.ID, err)
	}
	vw := newView(d, a.v)
	var out []dyad.Amount
	for si := range vw.sents {
		out = a.sentence(vw, &vw.sents[si], out)
	}
	if out == nil {
		out = []dyad.Amount{}
	}
	d.Amounts = out
	return nil
}

// sentence appends the amounts of s to out.
func (a *Amounts) sentence(vw *view, s *sent, out []dyad.Amount) []dyad.Amount {
	v := a.v
	first := len(out)
	voteCtx := -1 // computed on demand
	for i := 0; i < len(s.toks); {
		low := s.low[i]
		if low == "" || !(low[0] >= '0' && low[0] <= '9') && !s.has(i, rNumber) && !(s.has(i, rUnit) && v.isCurrencySymbol(low)) && !strings.Contains(low, "-") {
			i++
			continue
		}
		if !v.startsNumeral(low) && !v.isCurrencySymbol(low) {
			i++
			continue
		}
		if parts, ok := splitDash(low); ok && len(s.toks[i].Form) == len(low) {
			if voteCtx < 0 {
				voteCtx = btoi(v.isVoteSentence(s))
			}
			out = a.dashed(vw, s, i, parts, voteCtx == 1, out)
			i++
			continue
		}
		am, next, ok := a.read(vw, s, i)
		if !ok {
			i++
			continue
		}
		// "141 nations with 32 abstaining": the unit carries over
		if am.Unit == "" {
			for k := len(out) - 1; k >= first; k-- {
				if u := v.unitNamed(out[k].Unit); u != nil && u.kind == "count" {
					am.Unit = out[k].Unit
					if am.Counts == "" {
						am.Counts = out[k].Unit
					}
					am.Rule += "+unit.ellipsis"
					break
				}
			}
		}
		out = append(out, am)
		i = next
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// votePosition reports whether a vote position ("voting against",
// "abstaining") starts at token k, which then is no counted noun even when
// tagged one.
func (v *vocab) votePosition(s *sent, k int) bool {
	_, n, ok := v.positions.match(s.low, k)
	return ok && n > 1 || ok && strings.HasSuffix(s.low[k], "ing")
}

// unitNamed returns the unit with the given name, or nil.
func (v *vocab) unitNamed(name string) *unit { return v.unitNames[name] }

// read reads one amount starting at token i and returns it with the token
// after it.
func (a *Amounts) read(vw *view, s *sent, i int) (dyad.Amount, int, bool) {
	v := a.v
	var prefix *unit
	ni := i
	if v.isCurrencySymbol(s.low[i]) {
		if i+1 >= len(s.low) || !v.startsNumeral(s.low[i+1]) {
			return dyad.Amount{}, 0, false
		}
		u, _, _ := v.units.match(s.low, i)
		prefix, ni = u.unit, i+1
	}
	n, ok := v.readNumeral(s, ni)
	if !ok || !a.counts(s, ni, n, prefix) {
		return dyad.Amount{}, 0, false
	}
	start := i
	// "about 300", "more than 140", "between 10 and 20"
	if m, k, ok := v.modifiers.matchEnding(s.low, start-1); ok && start-1 >= 0 {
		switch m {
		case modID:
			return dyad.Amount{}, 0, false
		case modParticle:
			// "roll over $3.4 billion": the verb's particle, no bound.
		default:
			n.approx = true
			start -= k
		}
	}
	end := n.j
	// ranges: "10 to 20", "10-20" split, "between 10 and 20"
	if end+1 < len(s.low) {
		sep := s.low[end]
		between := start > 0 && s.low[start-1] == "between"
		if sep == "to" || sep == "-" || sep == "–" || sep == "and" && between {
			h := end + 1
			if prefix != nil && v.isCurrencySymbol(s.low[h]) && h+1 < len(s.low) {
				h++ // "between $10 billion and $12 billion"
			}
			if hi, ok := v.readNumeral(s, h); ok && hi.value > n.value && !hi.plural {
				n.high, n.j, end = hi.value, hi.j, hi.j
				n.rule = "amount.range.to"
				if between {
					start--
					n.rule = "amount.range.between"
				}
				n.approx = true
			}
		}
	}
	am := dyad.Amount{
		Value: n.value, Low: n.low, High: n.high, Approximate: n.approx,
		Sentence: s.s.N, Rule: n.rule,
	}
	if n.rule == "amount.range.to" || n.rule == "amount.range.between" {
		am.Low = n.value
	}
	// the unit and what is counted
	k := end
	u, ustart := prefix, -1
	if n.plural && k+1 < len(s.low) && s.low[k] == "of" {
		if uf, _, to, ok := v.unitAfter(s, k+1); ok {
			u, ustart, k = uf.unit, k+1, to
		} else if s.isNoun(k + 1) {
			am.Unit, am.Counts = s.low[k+1], s.text(vw.d, k+1, k+2)
			k += 2
		}
	} else if u == nil {
		if uf, _, to, ok := v.unitAfter(s, k); ok {
			u, ustart, k = uf.unit, k, to // the adjectives count too: "Russian soldiers"
		} else if e, head, ok := s.countedNoun(k); ok && !v.votePosition(s, k) {
			am.Unit, am.Counts = s.low[head], s.text(vw.d, k, e)
			k = e
		}
	}
	if u != nil {
		am.Unit = u.name
		switch u.kind {
		case "currency", "percent":
			am.Counts = a.complement(vw, s, k, u.kind)
		case "count":
			am.Counts = s.text(vw.d, ustart, k) + a.postModifier(vw, s, k)
		}
	} else if am.Unit != "" {
		am.Counts += a.postModifier(vw, s, k)
	} else {
		am.Counts = strings.TrimPrefix(a.postModifier(vw, s, k), " ")
	}
	am.Span = dyad.Span{Start: s.toks[start].Start, End: s.toks[k-1].End}
	am.Text = vw.d.Text[am.Span.Start:am.Span.End]
	return am, k, true
}

// unitAfter matches a unit at token k, letting up to two adjectives or
// proper adjectives stand between the number and a counted noun ("10,000
// Russian troops"). It returns the unit and the tokens [from, to) of its noun.
func (v *vocab) unitAfter(s *sent, k int) (uf unitForm, from, to int, ok bool) {
	if uf, l, ok := v.units.match(s.low, k); ok && !uf.prefix {
		return uf, k, k + l, true
	}
	for skip := 1; skip <= 2 && k+skip < len(s.low); skip++ {
		t := s.toks[k+skip-1]
		adj := t.UPOS == "ADJ" || t.UPOS == "" && isCapitalized(t.Form) && !isPunctForm(t.Form)
		if !adj {
			break
		}
		if uf, l, ok := v.units.match(s.low, k+skip); ok && !uf.prefix && uf.unit.kind == "count" {
			return uf, k + skip, k + skip + l, true
		}
	}
	return unitForm{}, 0, 0, false
}

// counts rejects numbers that count nothing: years, days of the month,
// times of day, identifiers, and "one" used as a pronoun.
func (a *Amounts) counts(s *sent, i int, n numeral, prefix *unit) bool {
	low, v := s.low[i], a.v
	var next, prev string
	if n.j < len(s.low) {
		next = s.low[n.j]
	}
	if i > 0 {
		prev = s.low[i-1]
	}
	if c := low[0]; c >= '0' && c <= '9' {
		if prefix != nil {
			return true
		}
		if strings.Contains(s.toks[i].Form, ":") || clockWords[next] {
			return false
		}
		if isYear(low) && n.j == i+1 {
			if _, _, _, ok := v.unitAfter(s, n.j); !ok {
				return false
			}
		}
		if n.value >= 1 && n.value <= 31 && n.value == float64(int(n.value)) && (months[prev] || months[next]) {
			return false
		}
		// "Attribution 4.0 International", "Su 35 Flanker": a number inside a name
		if i > 1 && isCapitalized(s.toks[i-1].Form) && n.j < len(s.toks) && isCapitalized(s.toks[n.j].Form) {
			if _, _, _, ok := v.unitAfter(s, n.j); !ok {
				return false
			}
		}
		return true
	}
	if low == "one" && n.j == i+1 {
		if oneBlockers[prev] || next == "of" || next == "another" || next == "'s" || next == "’s" {
			return false
		}
		if _, _, _, ok := v.unitAfter(s, n.j); ok {
			return true
		}
		if _, _, ok := v.positions.match(s.low, n.j); ok && v.isVoteSentence(s) {
			return true // "one against"
		}
		return n.j < len(s.toks) && (s.isNoun(n.j) || s.toks[n.j].UPOS == "ADJ")
	}
	return true
}

// countedNoun reads the noun phrase a number counts when no unit of the
// vocabulary follows: one noun in untagged text; with tags, adjectives and a
// compound up to its first plural ("two artillery shells", "four suicide
// bombers"), or its first noun when none is plural ("an 800 million ducat
// trade protocol" counts ducats). It returns the end of the phrase and its
// head noun.
func (s *sent) countedNoun(k int) (end, head int, ok bool) {
	if !s.tags {
		return k + 1, k, s.isNoun(k)
	}
	j := k
	for j < len(s.toks) && j-k < 2 && s.toks[j].UPOS == "ADJ" {
		j++
	}
	if !s.isNoun(j) {
		return 0, 0, false
	}
	for e := j; e < len(s.toks) && e-j < 3 && s.isNoun(e); e++ {
		if s.toks[e].XPOS == "NNS" {
			return e + 1, e, true
		}
	}
	return j + 1, j, true
}

// isNoun reports whether token k is a common noun (by tag; in untagged text,
// a lower-case word that is not a function word).
func (s *sent) isNoun(k int) bool {
	if k >= len(s.toks) {
		return false
	}
	t := s.toks[k]
	if s.tags {
		return t.UPOS == "NOUN"
	}
	low := s.low[k]
	if functionWords[low] || isPunctForm(t.Form) || isCapitalized(t.Form) || strings.HasSuffix(low, "ing") {
		return false
	}
	c := low[0]
	return c >= 'a' && c <= 'z'
}

// complement returns what money or a share is of: "$5bn in arms" counts
// arms, "5% of the vote" counts the vote.
func (a *Amounts) complement(vw *view, s *sent, k int, kind string) string {
	if k >= len(s.low) {
		return ""
	}
	switch s.low[k] {
	case "in", "of", "for", "on":
		if kind == "percent" && s.low[k] != "of" {
			return ""
		}
		k++
	case "worth":
		if k+1 < len(s.low) && s.low[k+1] == "of" {
			k += 2
		} else {
			return ""
		}
	default:
		return ""
	}
	if k < len(s.low) && kind == "percent" && (s.low[k] == "the" || s.low[k] == "its" || s.low[k] == "their") {
		k++
	}
	j := k
	for j < len(s.low) && j-k < 4 && !functionWords[s.low[j]] {
		if w := s.low[j]; j > k && (w == "'s" || w == "’s") && j+1 < len(s.low) {
			j++ // "70 percent of China's energy"
			continue
		}
		if s.isPunct(j) || j > k && !s.nominal(j, s.low[j-1]) {
			break
		}
		j++
	}
	return s.text(vw.d, k, j)
}

// nominal reports whether token j can go on a noun phrase after the word
// prev: by tag a noun or adjective. In untagged text a singular word may be
// followed by one more noun ("reconstruction aid"), while a plural ends the
// phrase ("arms sent ..."), and a form in -s or -ed is taken for a verb
// ("farmland lies").
func (s *sent) nominal(j int, prev string) bool {
	if s.tags {
		switch s.toks[j].UPOS {
		case "NOUN", "PROPN", "ADJ":
			return true
		}
		return false
	}
	low := s.low[j]
	if low == "" || low[0] >= '0' && low[0] <= '9' || finiteAux[low] {
		return false
	}
	return !strings.HasSuffix(prev, "s") && !strings.HasSuffix(low, "s") && !strings.HasSuffix(low, "ed")
}

// particles may follow a voting verb inside what an amount counts.
var particles = map[string]bool{"against": true, "for": true, "out": true, "down": true, "up": true, "off": true, "back": true, "yes": true, "no": true}

// postModifier returns the verb phrase that says what a number counts, with
// a leading space: " to abstain", " who voted against", " voting against".
func (a *Amounts) postModifier(vw *view, s *sent, k int) string {
	if k >= len(s.low) {
		return ""
	}
	// a vote: "11 votes in favour", "one against", "32 abstaining"
	if _, n, ok := a.v.positions.match(s.low, k); ok && a.v.isVoteSentence(s) {
		return " " + s.text(vw.d, k, k+n)
	}
	j := k
	switch s.low[k] {
	case "who", "that", "which", "to":
		j++
	}
	if j >= len(s.low) || !s.isVerbLike(j, j > k) {
		return ""
	}
	j++
	if j < len(s.low) && particles[s.low[j]] {
		j++
	} else if j+1 < len(s.low) && s.low[j] == "in" && (s.low[j+1] == "favour" || s.low[j+1] == "favor") {
		j += 2
	}
	return " " + s.text(vw.d, k, j)
}

// isVerbLike reports whether token k is a verb: by tag, or in untagged text
// a participle ("abstaining") or, after who/to, a lower-case word.
func (s *sent) isVerbLike(k int, afterMarker bool) bool {
	t := s.toks[k]
	if s.tags {
		if !afterMarker {
			return t.XPOS == "VBG" // "seven voting against", not "bombers detonated"
		}
		return t.UPOS == "VERB" || t.UPOS == "AUX"
	}
	low := s.low[k]
	if isPunctForm(t.Form) || functionWords[low] || isCapitalized(t.Form) || !(low[0] >= 'a' && low[0] <= 'z') {
		return false
	}
	return strings.HasSuffix(low, "ing") && len(low) > 4 || afterMarker
}

// dashed reads a number written with dashes: a vote tally in a sentence about
// a vote ("passed 52-48", "141-7-32": yes, no, abstain), else an ascending
// range ("10-20").
func (a *Amounts) dashed(vw *view, s *sent, i int, parts []float64, vote bool, out []dyad.Amount) []dyad.Amount {
	tk := s.toks[i]
	if vote && (len(parts) == 3 || parts[0] >= parts[1]) {
		counts := []string{"votes for", "votes against", "abstentions"}
		off := tk.Start
		for pi, p := range strings.FieldsFunc(tk.Form, func(r rune) bool { return r == '-' || r == '–' }) {
			at := strings.Index(vw.d.Text[off:tk.End], p)
			sp := dyad.Span{Start: off + at, End: off + at + len(p)}
			out = append(out, dyad.Amount{
				Text: p, Value: parts[pi], Low: parts[pi], High: parts[pi], Unit: "votes", Counts: counts[pi],
				Sentence: s.s.N, Span: sp, Rule: "amount.tally",
			})
			off = sp.End
		}
		return out
	}
	if len(parts) == 2 && parts[0] < parts[1] {
		am := dyad.Amount{
			Text: tk.Form, Value: parts[0], Low: parts[0], High: parts[1], Approximate: true,
			Sentence: s.s.N, Span: tk.Span(), Rule: "amount.range.dash",
		}
		if uf, _, to, ok := a.v.unitAfter(s, i+1); ok {
			am.Unit = uf.unit.name
			am.Span.End = s.toks[to-1].End
			am.Text = vw.d.Text[am.Span.Start:am.Span.End]
		}
		out = append(out, am)
	}
	return out
}
