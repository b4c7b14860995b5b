package tokenize

import (
	"strings"
	"unicode"

	"github.com/dyadhq/dyad"
)

// datelineSpan is a dateline found at the start of an article: the place
// ("TEHRAN") and the whole dateline through its dash.
type datelineSpan struct {
	place dyad.Span
	span  dyad.Span
}

// maxHeadline is the longest first line taken for a headline when looking
// for a dateline on the line after it.
const maxHeadline = 200

// dateline finds a wire-copy dateline at the start of text, or at the start
// of the line after a one-line headline.
func (t *Tokenizer) dateline(text string) (datelineSpan, bool) {
	p := skipSpace(text, 0)
	if d, ok := t.datelineAt(text, p); ok {
		return d, true
	}
	nl := strings.IndexByte(text[p:], '\n')
	if nl <= 0 || nl > maxHeadline {
		return datelineSpan{}, false
	}
	line := strings.TrimRight(text[p:p+nl], " \t\r")
	if line == "" {
		return datelineSpan{}, false
	}
	if r, _ := decodeLast(line, len(line)); isTerminalRune(r) {
		return datelineSpan{}, false
	}
	return t.datelineAt(text, skipSpace(text, p+nl))
}

// skipSpace returns the offset of the first non-space character from i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := decode(text, i)
		if !IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// skipBlanks skips spaces and tabs, not line breaks, and returns the new
// offset and how many it skipped.
func skipBlanks(text string, i int) (int, int) {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || strings.HasPrefix(text[j:], "\u00a0")) {
		if text[j] == ' ' || text[j] == '\t' {
			j++
		} else {
			j += len("\u00a0")
		}
	}
	return j, j - i
}

// datelineAt parses a dateline at text[p:]: a place in capitals (NEW YORK),
// an optional tail after a comma (", Feb 23", ", Ukraine"), an optional
// agency in brackets ("(Reuters)"), and a dash, followed by the story.
func (t *Tokenizer) datelineAt(text string, p int) (datelineSpan, bool) {
	var none datelineSpan
	i, words, letters, firstEnd := p, 0, 0, p
	for words < 4 {
		j, n := capsWord(text, i)
		if n == 0 {
			break
		}
		if words == 0 {
			firstEnd = j
		}
		words++
		letters += n
		i = j
		if i+1 < len(text) && text[i] == ' ' {
			if _, n := capsWord(text, i+1); n > 0 {
				i++
				continue
			}
		}
		break
	}
	if words == 0 || letters < 2 || t.lx.datelineStop[text[p:firstEnd]] {
		return none, false
	}
	placeEnd := i
	if i < len(text) && text[i] == ',' {
		j := i + 1
		for j < len(text) && j-i <= 40 {
			c := text[j]
			if !isWordByte(c) && c != ' ' && c != '.' && c != ',' {
				break
			}
			j++
		}
		tail := strings.TrimSpace(text[i+1 : j])
		if tail == "" {
			return none, false
		}
		for w := range strings.FieldsSeq(strings.ReplaceAll(tail, ",", " ")) {
			if c := w[0]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return none, false
			}
		}
		i = i + 1 + strings.Index(text[i+1:j], tail) + len(tail)
	}
	i, sp := skipBlanks(text, i)
	if i < len(text) && text[i] == '(' {
		k := strings.IndexByte(text[i:min(len(text), i+32)], ')')
		if k < 2 {
			return none, false
		}
		for _, r := range text[i+1 : i+k] {
			if !unicode.IsLetter(r) && r != ' ' && r != '.' && r != '&' && r != '-' {
				return none, false
			}
		}
		i, sp = skipBlanks(text, i+k+1)
	}
	dash := 0
	switch {
	case strings.HasPrefix(text[i:], "--"):
		dash = 2
	case strings.HasPrefix(text[i:], "-"):
		dash = 1
	case strings.HasPrefix(text[i:], "–"), strings.HasPrefix(text[i:], "—"), strings.HasPrefix(text[i:], "―"):
		dash = len("–")
	}
	if dash == 0 {
		return none, false
	}
	end := i + dash
	body, sp2 := skipBlanks(text, end)
	if dash <= 2 && (sp == 0 || sp2 == 0) {
		return none, false // a hyphen needs spaces: "TEHRAN - ", not "UPDATE 1-"
	}
	if body >= len(text) {
		return none, false
	}
	if r, _ := decode(text, body); IsSpace(r) || !isWord(classOf(r)) && !isOpenerRune(r) {
		return none, false
	}
	return datelineSpan{place: dyad.Span{Start: p, End: placeEnd}, span: dyad.Span{Start: p, End: end}}, true
}

// capsWord scans a word in capitals at text[i:] (letters in capitals, with
// inner periods, apostrophes and hyphens) and returns its end and how many
// capitals it holds, or 0 when there is no such word.
func capsWord(text string, i int) (int, int) {
	j, caps := i, 0
scan:
	for j < len(text) {
		r, n := decode(text, j)
		switch {
		case unicode.IsUpper(r):
			caps++
		case caps > 0 && (r == '.' || r == '\'' || r == '’' || r == '-' || classOf(r) == cAttach):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return i, 0 // a word that is not all capitals
		default:
			break scan
		}
		j += n
	}
	for j > i && (text[j-1] == '-' || text[j-1] == '\'') {
		j--
	}
	if strings.HasSuffix(text[i:j], "’") {
		j -= len("’")
	}
	return j, caps
}
