package tokenize

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// appendTokens appends the tokens of text to out.
func (t *Tokenizer) appendTokens(out []dyad.Token, text string) []dyad.Token {
	i := 0
	for i < len(text) {
		r, n := decode(text, i)
		if classOf(r) == cSpace {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n = decode(text, j)
			if classOf(r) == cSpace {
				break
			}
			j += n
		}
		out = t.chunk(out, text, i, j)
		i = j
	}
	return out
}

func tok(text string, i, j int) dyad.Token {
	return dyad.Token{Start: i, End: j, Form: text[i:j], Head: -1}
}

// chunk appends the tokens of text[a:b], a run of non-space characters.
// URLs and e-mail addresses are found first; the rest is split by plain.
func (t *Tokenizer) chunk(out []dyad.Token, text string, a, b int) []dyad.Token {
	for a < b {
		s, e := special(text, a, b)
		if s < 0 {
			return t.plain(out, text, a, b)
		}
		out = t.plain(out, text, a, s)
		out = append(out, tok(text, s, e))
		a = e
	}
	return out
}

// special finds the first URL, e-mail address or @handle in text[a:b]; it
// returns -1, -1 when there is none.
func special(text string, a, b int) (int, int) {
	for k := a; k < b; k++ {
		switch text[k] {
		case ':':
			if k+2 < b && text[k+1] == '/' && text[k+2] == '/' {
				s := k
				for s > a && isASCIILetter(text[s-1]) {
					s--
				}
				if k-s >= 2 && (s == a || !isWordByte(text[s-1])) {
					if e := urlEnd(text, s, k+3, b); e > k+3 {
						return s, e
					}
				}
			}
		case 'w', 'W':
			if k+4 < b && (k == a || !isWordByte(text[k-1])) && strings.EqualFold(text[k:k+4], "www.") && isWordByte(text[k+4]) {
				if e := urlEnd(text, k, k+4, b); e > k+5 {
					return k, e
				}
			}
		case '@':
			if s, e := email(text, a, k, b); s >= 0 {
				return s, e
			}
		}
	}
	return -1, -1
}

// urlEnd returns the end of the URL that starts at s; body is the offset just
// after its scheme or "www.". Closing punctuation at the end is not part of
// it, nor is a closing bracket that opens nowhere in the URL.
func urlEnd(text string, s, body, b int) int {
	var open, close [3]int // ( [ { and ) ] }
	for i := s; i < b; i++ {
		if k := strings.IndexByte("([{", text[i]); k >= 0 {
			open[k]++
		} else if k := strings.IndexByte(")]}", text[i]); k >= 0 {
			close[k]++
		}
	}
	e := b
	for e > body {
		r, n := decodeLast(text, e)
		switch r {
		case '.', ',', ';', ':', '!', '?', '\'', '"', '”', '’', '»', '>', '…':
			e -= n
			continue
		case ')', ']', '}':
			k := strings.IndexByte(")]}", byte(r))
			if open[k] < close[k] {
				close[k]--
				e -= n
				continue
			}
		}
		break
	}
	return e
}

// email returns the span of the e-mail address or @handle around the '@' at
// text[at], or -1, -1.
func email(text string, a, at, b int) (int, int) {
	s := at
	for s > a && isEmailByte(text[s-1]) {
		s--
	}
	for s < at && (text[s] == '.' || text[s] == '-' || text[s] == '\'') {
		s++
	}
	e := at + 1
	letter := false
	for e < b && (isWordByte(text[e]) || text[e] == '.' || text[e] == '-') {
		letter = letter || isASCIILetter(text[e])
		e++
	}
	for e > at+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	if e == at+1 || !letter {
		return -1, -1
	}
	if s < at {
		if s-len("mailto:") >= a && strings.EqualFold(text[s-len("mailto:"):s], "mailto:") {
			s -= len("mailto:")
		}
		return s, e
	}
	// An @handle: letters, digits and '_' after an '@' that opens a word.
	if at > a && isWordByte(text[at-1]) {
		return -1, -1
	}
	e = at + 1
	for e < b && isWordByte(text[e]) {
		e++
	}
	return at, e
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }

func isEmailByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '\''
}

// plain appends the tokens of text[a:b], a run of non-space characters
// without URLs or e-mail addresses.
func (t *Tokenizer) plain(out []dyad.Token, text string, a, b int) []dyad.Token {
	i := a
	for i < b {
		r, n := decode(text, i)
		c := classOf(r)
		switch {
		case isWord(c) || c == cAttach && i == a:
			j := t.wordEnd(text, i, b)
			out, i = t.word(out, text, i, j, b)
		case c == cAttach:
			// A combining mark or joiner after punctuation stays with it.
			if k := len(out) - 1; k >= 0 && out[k].End == i {
				out[k] = tok(text, out[k].Start, i+n)
			} else {
				out = append(out, tok(text, i, i+n))
			}
			i += n
		default:
			j := t.punctEnd(text, a, i, b, r, n)
			out = append(out, tok(text, i, j))
			i = j
		}
	}
	return out
}

// wordEnd returns the end of the word that starts at text[i]: letters and
// digits, joined by the punctuation that may stand inside a word (3.5, 1,200,
// 10:30, U.S, O'Neill, full-scale, AT&T).
func (t *Tokenizer) wordEnd(text string, i, b int) int {
	j := i
	seg := i // start of the current hyphen-separated part
	run := i // start of the current run of letters and digits
	var prev class
	for j < b {
		r, n := decode(text, j)
		c := classOf(r)
		if isWord(c) || c == cAttach {
			if c != cAttach {
				prev = c
			}
			j += n
			continue
		}
		if c != cPunct || j+n >= b {
			break
		}
		r2, n2 := decode(text, j+n)
		next := classOf(r2)
		if !isWord(next) {
			break
		}
		join := false
		switch r {
		case '.', '&':
			join = true
		case ',':
			join = prev == cDigit && thousands(text, j+n, b)
		case ':':
			join = prev == cDigit && next == cDigit
		case '/':
			// 9/11, 11/10/2000; b/c, w/o
			join = prev == cDigit && next == cDigit ||
				j-run == 1 && isASCIILetter(text[run]) && isASCIILetter(text[j+n]) && n2 == 1 &&
					(j+n+1 >= b || !isWordByte(text[j+n+1]))
		case '\'', '’':
			join = next == cLetter
		case '-', '‐', '‑':
			join = !t.splitHyphens || prev == cDigit && next == cDigit || t.isPrefix(text[seg:j])
			seg = j + n
		}
		if !join {
			break
		}
		j += n
		run = j
	}
	return j
}

// thousands reports whether text[j:b] starts with exactly three digits, as
// after the comma of "1,200".
func thousands(text string, j, b int) bool {
	k := j
	for k < b && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	return k-j == 3
}

// isPrefix reports whether s is a prefix that stays joined to a hyphen.
func (t *Tokenizer) isPrefix(s string) bool {
	var buf [16]byte
	lw, ok := lowerASCII(buf[:0:len(buf)], s)
	return ok && t.lx.prefixes[string(lw)]
}

// word appends the tokens of the word text[i:j] and returns the offset after
// what it took: an abbreviation takes its final period.
func (t *Tokenizer) word(out []dyad.Token, text string, i, j, b int) ([]dyad.Token, int) {
	if j < b && text[j] == '.' && t.abbrevOf(text, i, j+1) != abbrevNone {
		return append(out, tok(text, i, j+1)), j + 1
	}
	return t.splitWord(out, text, i, j), j
}

// abbrevOf returns the class of text[i:j] as an abbreviation ending in a
// period, or abbrevNone.
func (t *Tokenizer) abbrevOf(text string, i, j int) abbrevClass {
	w := text[i:j]
	if cls, ok := t.lx.abbrevs[w]; ok {
		if cls == abbrevNumber && !digitFollows(text, j) {
			return abbrevNone
		}
		return cls
	}
	core := w[:len(w)-1]
	if r, n := decode(core, 0); n == len(core) && r != '_' && classOf(r) == cLetter && r != 0xFFFD {
		return abbrevInitial
	}
	if isDotted(core) {
		return abbrevDotted
	}
	return abbrevNone
}

// digitFollows reports whether the first non-space character from text[j] is
// a digit.
func digitFollows(text string, j int) bool {
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	return j < len(text) && text[j] >= '0' && text[j] <= '9'
}

// isDotted reports whether s is groups of one or two ASCII letters joined by
// periods, as in "U.S", "a.m", "Ph.D".
func isDotted(s string) bool {
	n, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isASCIILetter(c):
			n++
			if n > 2 {
				return false
			}
		case c == '.' && n > 0:
			n = 0
			dots++
		default:
			return false
		}
	}
	return dots > 0 && n > 0
}

// apostrophes are the two ways a clitic is written.
const (
	straightApos = "'"
	curlyApos    = "’"
)

// splitWord appends the syntactic words of text[i:j]: contractions and
// clitics are split, as is a unit written after a number.
func (t *Tokenizer) splitWord(out []dyad.Token, text string, i, j int) []dyad.Token {
	w := text[i:j]
	if t.maySplit(w) {
		var buf [32]byte
		if lw, ok := lowerASCII(buf[:0:len(buf)], w); ok {
			if lens, ok := t.lx.splits[string(lw)]; ok {
				for _, n := range lens {
					out = append(out, tok(text, i, i+n))
					i += n
				}
				return out
			}
		}
	}
	if k := clitic(w); k > 0 {
		return append(out, tok(text, i, i+k), tok(text, i+k, j))
	}
	if c := w[0]; c >= '0' && c <= '9' {
		if k := t.unit(w); k > 0 {
			return append(out, tok(text, i, i+k), tok(text, i+k, j))
		}
	}
	return append(out, tok(text, i, j))
}

// maySplit reports whether w may be in the table of words to split, so that
// most words need no look-up.
func (t *Tokenizer) maySplit(w string) bool {
	if len(w) > 31 {
		return false
	}
	c := w[0] | 0x20
	return c >= 'a' && c <= 'z' && t.lx.splitLens[c-'a']&(1<<len(w)) != 0
}

// clitic returns where a clitic starts in w ("n't", "'s", "'m", "'d", "'re",
// "'ve", "'ll" in any case, with either apostrophe), or 0.
func clitic(w string) int {
	for _, apos := range [...]string{straightApos, curlyApos} {
		k := strings.LastIndex(w, apos)
		if k <= 0 {
			continue
		}
		rest := w[k+len(apos):]
		switch {
		case strings.EqualFold(rest, "t") && k >= 2 && (w[k-1] == 'n' || w[k-1] == 'N'):
			return k - 1 // n't
		case strings.EqualFold(rest, "s") && w[k-1] >= '0' && w[k-1] <= '9':
			return 0 // a plural: the 1990's
		case strings.EqualFold(rest, "s") || strings.EqualFold(rest, "m") || strings.EqualFold(rest, "d") ||
			strings.EqualFold(rest, "re") || strings.EqualFold(rest, "ve") || strings.EqualFold(rest, "ll"):
			return k
		}
	}
	return 0
}

// unit returns where a unit written after a number starts in w ("4.2bn",
// "10am", "65k"), or 0. Ordinals and decades (2nd, 1980s) have no unit.
func (t *Tokenizer) unit(w string) int {
	k := len(w)
	for k > 0 && isASCIILetter(w[k-1]) {
		k--
	}
	if k == len(w) || k == 0 || w[k-1] < '0' || w[k-1] > '9' {
		return 0
	}
	for i := 0; i < k; i++ {
		if c := w[i]; (c < '0' || c > '9') && c != '.' && c != ',' && c != ':' {
			return 0
		}
	}
	u := w[k:]
	if len(u) == 1 {
		if t.lx.units[u] {
			return k
		}
		return 0
	}
	var buf [8]byte
	if lu, ok := lowerASCII(buf[:0:len(buf)], u); ok && t.lx.units[string(lu)] {
		return k
	}
	return 0
}

// punctEnd returns the end of the punctuation token that starts with r (of
// width n) at text[i]: an emoticon, a #hashtag, a run of . ! ? (an ellipsis,
// "?!"), or a run of one repeated mark ("--", "”"); brackets and double
// quotes stand alone. Marks and joiners that follow stay with it.
func (t *Tokenizer) punctEnd(text string, a, i, b int, r rune, n int) int {
	switch r {
	case ':', ';', '=', '^', '<':
		if e := t.emoticon(text, a, i, b); e > 0 {
			return e
		}
	case '\'', '’':
		// An abbreviated year: '68, '90s.
		if j := i + n; j+2 <= b && isDigit(text[j]) && isDigit(text[j+1]) && (i == a || !isWordByte(text[i-1])) {
			j += 2
			if j < b && text[j] == 's' {
				j++
			}
			if j == b || !isWordByte(text[j]) {
				return j
			}
		}
	case '.':
		// A file name extension standing alone: .doc, .vcf
		if i == a && i+1 < b && isASCIILetter(text[i+1]) {
			j := i + 1
			for j < b && isWordByte(text[j]) {
				j++
			}
			if j-i <= 5 && (j == b || !isWordByte(text[j]) && text[j] != '.') {
				return j
			}
		}
	case '#':
		if i+1 < b && isASCIILetter(text[i+1]) && (i == a || !isWordByte(text[i-1])) {
			j := i + 1
			for j < b {
				r2, n2 := decode(text, j)
				if c := classOf(r2); !isWord(c) && c != cAttach {
					break
				}
				j += n2
			}
			return j
		}
	}
	j := i + n
	switch r {
	case '.', '!', '?':
		if r == '.' && j < b && text[j] == '.' {
			for j < b && text[j] == '.' { // an ellipsis stands apart from "?"
				j++
			}
			break
		}
		for j < b && (text[j] == '!' || text[j] == '?' || r != '.' && text[j] == '.' && j+1 < b && text[j+1] != '.') {
			j++
		}
	case '(', ')', '[', ']', '{', '}', '"', '“', '”', '‘', '’', '«', '»', '‹', '›', '„', '‚':
	default:
		for j < b {
			r2, n2 := decode(text, j)
			if r2 != r || r == 0xFFFD {
				break
			}
			j += n2
		}
	}
	for j < b {
		r2, n2 := decode(text, j)
		if classOf(r2) != cAttach {
			break
		}
		j += n2
	}
	return j
}

// emoticon returns the end of an emoticon at text[i], or 0. It must not
// touch a word on its right, nor a digit on its left (10:30).
func (t *Tokenizer) emoticon(text string, a, i, b int) int {
	if i > a && text[i-1] >= '0' && text[i-1] <= '9' {
		return 0
	}
	for _, e := range t.lx.emoticons {
		end := i + len(e)
		if end <= b && text[i:end] == e && (end == b || !isWordByte(text[end])) {
			return end
		}
	}
	return 0
}
