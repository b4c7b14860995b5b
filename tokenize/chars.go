package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// class is the tokenizer's view of one character.
type class uint8

const (
	cSpace  class = iota // separates tokens and belongs to none
	cLetter              // letters, '_', and anything not otherwise classed (invalid bytes)
	cDigit               // decimal digits and other numbers
	cAttach              // combining marks and format characters: join what precedes
	cPunct               // punctuation, symbols and control characters
)

// ascii classifies the ASCII characters.
var ascii = func() (t [utf8.RuneSelf]class) {
	for c := range utf8.RuneSelf {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
			t[c] = cLetter
		case c >= '0' && c <= '9':
			t[c] = cDigit
		default:
			t[c] = cPunct
		}
	}
	return t
}()

// classOf classifies r.
func classOf(r rune) class {
	if r < utf8.RuneSelf {
		return ascii[r]
	}
	switch {
	case IsSpace(r):
		return cSpace
	case r == utf8.RuneError:
		return cLetter
	case unicode.IsLetter(r):
		return cLetter
	case unicode.IsNumber(r):
		return cDigit
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf):
		return cAttach
	case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r):
		return cPunct
	}
	return cLetter // private use, unassigned
}

// IsSpace reports whether the tokenizer treats r as white space: Unicode white
// space plus the zero-width space and the byte-order mark. Every other
// character of a text belongs to exactly one token.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r] == cSpace
	}
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

func isLetter(r rune) bool { return classOf(r) == cLetter }

// isWord reports whether c belongs inside words.
func isWord(c class) bool { return c == cLetter || c == cDigit }

// decode returns the rune at s[i:] and its width; an invalid byte is
// utf8.RuneError of width 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune that ends at s[:i] and its width.
func decodeLast(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// isTerminalRune reports whether r ends sentences: . ! ? … and their
// full-width, Arabic and Devanagari forms.
func isTerminalRune(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '？', '！', '؟', '۔', '।', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// isUpperStart reports whether a word that starts with r may start a
// sentence: a capital, a digit, or a letter of a script without case.
func isUpperStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsNumber(r) {
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r)
}

// lowerASCII writes the ASCII lower case of s into buf and reports whether s
// was short enough and all ASCII.
func lowerASCII(buf []byte, s string) ([]byte, bool) {
	if len(s) > cap(buf) {
		return nil, false
	}
	buf = buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf, true
}
