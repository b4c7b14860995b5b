package tokenize

import (
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// maxQuote is how far, in bytes, a quotation opened inside a sentence is
// followed to its closing mark; a longer or unclosed one does not hold its
// sentences together.
const maxQuote = 1000

// wrapWidth is the longest line, in characters, of hard-wrapped text. Text
// with many longer lines has one paragraph per line.
const wrapWidth = 100

// sentences returns the dateline place, if any, and the sentences of text.
func (t *Tokenizer) sentences(text string) (string, []dyad.Sentence) {
	toks := t.Tokens(text)
	place, force := "", -1
	if d, ok := t.dateline(text); ok {
		place = text[d.place.Start:d.place.End]
		a := 0
		for a < len(toks) && toks[a].Start < d.span.Start {
			a++
		}
		b := a
		for b < len(toks) && toks[b].Start < d.span.End {
			b++
		}
		toks = append(toks[:a], toks[b:]...)
		force = a
	}
	return place, t.split(text, toks, force)
}

// split groups toks into sentences. A sentence always starts at toks[force].
func (t *Tokenizer) split(text string, toks []dyad.Token, force int) []dyad.Sentence {
	sents := make([]dyad.Sentence, 0, len(toks)/16+1)
	emit := func(a, b int) {
		sents = append(sents, dyad.Sentence{N: len(sents) + 1, Start: toks[a].Start, End: toks[b-1].End, Tokens: toks[a:b:b]})
	}
	var lines lineStats
	start, quoteEnd := 0, -1
	mid := false // the sentence so far holds more than opening marks
	for k := 0; k < len(toks); k++ {
		if k > start && (k == force || t.paragraphBreak(text, toks[k-1], toks[k], &lines)) {
			emit(start, k)
			start, quoteEnd, mid = k, -1, false
		}
		if mid && toks[k].End > quoteEnd {
			if end := t.quotation(text, toks, k); end > 0 {
				quoteEnd = end
			}
		}
		if !mid && !isOpener(text, toks[k]) {
			mid = true
		}
		if !t.mayEnd(toks[k].Form) {
			continue
		}
		e := k
		for e+1 < len(toks) && toks[e+1].Start == toks[e].End && isCloser(text, toks[e+1]) {
			e++
		}
		next := e + 1
		if next >= len(toks) || next == force || toks[e].End < quoteEnd || toks[next].Start == toks[e].End && !isWideTerminal(toks[k].Form) {
			continue
		}
		if t.endsBefore(text, toks, k, next) {
			emit(start, next)
			start, quoteEnd, mid = next, -1, false
			k = e
		}
	}
	if start < len(toks) {
		emit(start, len(toks))
	}
	return sents
}

// mayEnd reports whether a token may end a sentence: terminal punctuation or
// a word ending in a period (an abbreviation).
func (t *Tokenizer) mayEnd(form string) bool {
	return isTerminal(form) || len(form) > 1 && form[len(form)-1] == '.'
}

// isTerminal reports whether form is terminal punctuation (".", "?!", "…").
func isTerminal(form string) bool {
	if form == "" {
		return false
	}
	for _, r := range form {
		if !isTerminalRune(r) {
			return false
		}
	}
	return true
}

// isWideTerminal reports whether form ends with a full-width terminal mark
// (。！？), which ends a sentence without a following space.
func isWideTerminal(form string) bool {
	r, _ := utf8.DecodeLastRuneInString(form)
	return r == '。' || r == '！' || r == '？'
}

// endsBefore decides whether the sentence that toks[k] may end does end
// before toks[next], the first token after it and its closing marks.
func (t *Tokenizer) endsBefore(text string, toks []dyad.Token, k, next int) bool {
	w := next
	for w < len(toks) && isOpener(text, toks[w]) {
		w++
	}
	if w == len(toks) {
		return true
	}
	word := toks[w].Form
	r, _ := decode(word, 0)
	c := classOf(r)
	if isTerminal(toks[k].Form) {
		switch c {
		case cLetter:
			return isUpperStart(r) || next == k+1 && t.plainWordEnds(text, toks, k)
		case cPunct:
			return !strings.ContainsRune(",;:)]}%", r) && !isTerminalRune(r)
		}
		return true
	}
	switch t.abbrevOf(text, toks[k].Start, toks[k].End) {
	case abbrevEnd, abbrevInitial, abbrevDotted:
		return t.lx.starters[word]
	case abbrevLoose:
		if c != cLetter || !isUpperStart(r) || t.lx.continuations[word] || strings.ToUpper(word) == word {
			return false
		}
		return w+1 >= len(toks) || !strings.EqualFold(toks[w+1].Form, "time")
	}
	return false
}

// plainWordEnds reports whether the terminal toks[k] ends its sentence even
// before a word in lower case, as informal text has it ("last night. i
// can't", "really??? i"): a question or exclamation mark, or a period after
// a word of two or more letters or digits that is no known abbreviation.
// An ellipsis does not, nor anything followed by a closing quote or bracket.
func (t *Tokenizer) plainWordEnds(text string, toks []dyad.Token, k int) bool {
	f := toks[k].Form
	if k == 0 || toks[k-1].End != toks[k].Start {
		return false
	}
	if f[0] == '!' || f[0] == '?' {
		return true
	}
	if f != "." {
		return false
	}
	prev := toks[k-1].Form
	if len(prev) < 2 {
		return false
	}
	for _, r := range prev {
		if c := classOf(r); !isWord(c) && c != cAttach && r != '\'' && r != '’' {
			return false
		}
	}
	_, abbrev := t.lx.abbrevs[prev+"."]
	return !abbrev
}

// isOpenerRune reports whether r opens a quotation or bracket.
func isOpenerRune(r rune) bool {
	switch r {
	case '(', '[', '{', '“', '‘', '«', '‹', '„', '‚', '¿', '¡', '"', '\'', '`':
		return true
	}
	return false
}

// isOpener reports whether tk opens a quotation or bracket. A straight quote
// opens when it follows a space or an opening mark and a word follows it.
func isOpener(text string, tk dyad.Token) bool {
	switch tk.Form {
	case "(", "[", "{", "“", "‘", "«", "‹", "„", "‚", "¿", "¡", "``":
		return true
	case `"`, "'":
		return straightOpens(text, tk)
	}
	return false
}

// isCloser reports whether tk closes a quotation or bracket.
func isCloser(text string, tk dyad.Token) bool {
	switch tk.Form {
	case ")", "]", "}", "”", "’", "»", "›", "''":
		return true
	case `"`, "'":
		return !straightOpens(text, tk)
	}
	return false
}

// straightOpens reports whether the straight quote tk opens a quotation: it
// follows the start, a space, a bracket or a dash, and no space follows it.
func straightOpens(text string, tk dyad.Token) bool {
	if tk.End >= len(text) {
		return false
	}
	if r, _ := decode(text, tk.End); IsSpace(r) {
		return false
	}
	if tk.Start == 0 {
		return true
	}
	r, _ := decodeLast(text, tk.Start)
	switch r {
	case '(', '[', '{', '-', '–', '—', '/', '“', '‘':
		return true
	}
	return IsSpace(r)
}

// quotation returns the end of the closing mark when toks[k] opens a double
// quotation inside a sentence (not at its start), the quotation
// starts with a word in lower case (a fragment woven into the sentence) and it
// closes within maxQuote bytes and the same paragraph; otherwise -1. Such a
// quotation ("the vote "made it clear ... aggression. Ukraine's ... must be
// restored".") stays in the sentence that quotes it, while a quoted sentence
// ("It read, "The people ... Fallujah. Let ..."") is split like any other.
func (t *Tokenizer) quotation(text string, toks []dyad.Token, k int) int {
	open := toks[k].Form
	var close, close2 string
	switch open {
	case "“":
		close = "”"
	case "«":
		close = "»"
	case "„":
		close, close2 = "“", "”"
	case "``":
		close = "''"
	case `"`:
		if !straightOpens(text, toks[k]) {
			return -1
		}
		close = `"`
	default:
		return -1
	}
	if k+1 >= len(toks) {
		return -1
	}
	if r, _ := decode(toks[k+1].Form, 0); classOf(r) != cLetter || isUpperStart(r) {
		return -1 // a quoted sentence, not a fragment woven into this one
	}
	limit := toks[k].Start + maxQuote
	for i := k + 1; i < len(toks) && toks[i].Start < limit; i++ {
		if newlines(text[toks[i-1].End:toks[i].Start]) >= 2 {
			return -1
		}
		switch f := toks[i].Form; {
		case f == close || f == close2 && close2 != "":
			return toks[i].End
		case f == open && open != `"`:
			return -1
		}
	}
	return -1
}

// newlines counts the line breaks in the white space s; a paragraph
// separator counts as two.
func newlines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			n++
		case '\r':
			if i+1 == len(s) || s[i+1] != '\n' {
				n++
			}
		case 0xE2: // U+2028 line and U+2029 paragraph separators
			if strings.HasPrefix(s[i:], "\u2029") {
				n += 2
			} else if strings.HasPrefix(s[i:], "\u2028") {
				n++
			}
		}
	}
	return n
}

// lineStats describes the lines of a text, computed when first needed.
type lineStats struct {
	done      bool
	perLine   bool // one paragraph per line
	wrapWidth int  // the longest line of wrapped text, in characters
}

func (l *lineStats) init(text string) {
	l.done = true
	lines, long := 0, 0
	for line := range strings.Lines(text) {
		n := 0
		for range strings.TrimRight(line, " \t\r\n") {
			n++
		}
		if n == 0 {
			continue
		}
		lines++
		if n > wrapWidth {
			long++
		} else if n > l.wrapWidth {
			l.wrapWidth = n
		}
	}
	l.perLine = long > 0 && long*4 >= lines
}

// paragraphBreak reports whether the white space between prev and next ends
// a paragraph: a blank line, an indented line, a line break in text with one
// paragraph per line, or, in wrapped text, a line break after a short line
// (a headline) before a capitalised one.
func (t *Tokenizer) paragraphBreak(text string, prev, next dyad.Token, l *lineStats) bool {
	gap := text[prev.End:next.Start]
	nl := newlines(gap)
	if nl == 0 {
		return false
	}
	if nl >= 2 {
		return true
	}
	last := strings.LastIndexAny(gap, "\n\r\u2028")
	if last >= 0 && strings.TrimLeft(gap[last:], "\n\r\u2028") != "" {
		return true // indented
	}
	if !l.done {
		l.init(text)
	}
	if l.perLine {
		return true
	}
	r, _ := decode(next.Form, 0)
	if !isUpperStart(r) || l.wrapWidth < 40 {
		return false
	}
	lineStart := strings.LastIndexByte(text[:prev.End], '\n') + 1
	n := 0
	for range text[lineStart:prev.End] {
		n++
	}
	return n*2 < l.wrapWidth
}
