package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// word is one unit of matching: a token, or tokens joined without blanks by
// a hyphen ("Ki" "-" "moon"), with its possessive ending removed.
type word struct {
	tok        int // index of its (first) token in the sentence
	last       int // index of its last token
	start, end int // bytes of the word without the possessive
	form       string
	norm       string
	upper      bool // starts with a capital letter
	poss       bool // followed by 's or ’
	quoted     bool // inside quotation marks
	punct      bool
	quote      bool // a quotation mark
	upos       string
	xpos       string
	rel        string
	head       int // token head (1-based), -1 unknown
	feats      string
}

func isHyphen(s string) bool {
	switch s {
	case "-", "‐", "‑":
		return true
	}
	return false
}

// particleName reports whether a word is a name particle hyphenated to a
// capitalised name ("al-Sudani", "el-Sisi", "bin-Zayed"), which is a name
// word though it starts in lower case.
func particleName(s string) bool {
	i := strings.IndexAny(s, "-‐‑")
	if i <= 0 || !nameParticles[s[:i]] {
		return false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	r, _ := utf8.DecodeRuneInString(s[i+n:])
	return unicode.IsUpper(r)
}

func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "«", "»", "„", "``", "''":
		return true
	}
	return false
}

func possessiveSuffix(s string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(s) > len(suf) && strings.HasSuffix(s, suf) {
			return len(suf)
		}
	}
	return 0
}

func isPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// buildWords turns a sentence's tokens into words.
func buildWords(text string, toks []dyad.Token) []word {
	ws := make([]word, 0, len(toks))
	inQuote := false
	for ti := 0; ti < len(toks); ti++ {
		t := toks[ti]
		form := t.Form
		if form == "" {
			form = text[t.Start:t.End]
		}
		// A split possessive: "Iran" "’s", or a bare apostrophe after a plural.
		if n := len(ws); n > 0 && t.Start == ws[n-1].end && !ws[n-1].punct {
			switch form {
			case "'s", "’s", "'S", "’S", "'", "’":
				ws[n-1].poss = true
				ws[n-1].last = ti
				continue
			}
		}
		w := word{tok: ti, last: ti, start: t.Start, end: t.End, upos: t.UPOS, xpos: t.XPOS, rel: t.Rel, head: t.Head, feats: t.Feats}
		// Join hyphenated words split by the tokenizer.
		for ti+2 < len(toks) && toks[ti+1].Start == toks[ti].End && isHyphen(toks[ti+1].Form) &&
			toks[ti+2].Start == toks[ti+1].End && !isPunct(toks[ti+2].Form) {
			ti += 2
			w.end = toks[ti].End
			w.last = ti
			form = text[w.start:w.end]
		}
		if n := possessiveSuffix(form); n > 0 {
			form = form[:len(form)-n]
			w.end -= n
			w.poss = true
		}
		w.form = form
		w.norm = normWord(form)
		r, _ := utf8.DecodeRuneInString(form)
		w.upper = unicode.IsUpper(r) || miscased(form) || particleName(form)
		w.punct = isPunct(form)
		if isQuote(form) {
			w.quote = true
			if form == "“" || form == "«" || form == "„" || form == "``" {
				inQuote = true
			} else if form == "”" || form == "»" || form == "''" {
				inQuote = false
			} else {
				inQuote = !inQuote
			}
			ws = append(ws, w)
			continue
		}
		w.quoted = inQuote
		ws = append(ws, w)
	}
	return ws
}

// simpleTokens splits text into tokens at blanks and at punctuation on the
// edges of words (keeping abbreviations such as "U.S." whole). It serves
// Lookup, whose phrases come without tokens.
func simpleTokens(text string, base int) []dyad.Token {
	var out []dyad.Token
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		field := text[i:j]
		// Peel leading punctuation.
		lead := 0
		for lead < len(field) {
			r, n := utf8.DecodeRuneInString(field[lead:])
			if !strings.ContainsRune("\"“”‘(['«", r) {
				break
			}
			out = append(out, dyad.Token{Start: base + i + lead, End: base + i + lead + n, Form: field[lead : lead+n], Head: -1})
			lead += n
		}
		// Peel trailing punctuation, keeping an abbreviation's final dot.
		end := len(field)
		var tail []dyad.Token
		for end > lead {
			r, n := utf8.DecodeLastRuneInString(field[lead:end])
			if !strings.ContainsRune("\"“”’,;:!?)]'».", r) {
				break
			}
			if r == '.' && strings.Count(field[lead:end], ".") > 1 {
				break
			}
			if (r == '\'' || r == '’') && end-lead > n {
				break // a possessive plural stays: buildWords reads it
			}
			tail = append([]dyad.Token{{Start: base + i + end - n, End: base + i + end, Form: field[end-n : end], Head: -1}}, tail...)
			end -= n
		}
		if end > lead {
			out = append(out, dyad.Token{Start: base + i + lead, End: base + i + end, Form: field[lead:end], Head: -1})
		}
		out = append(out, tail...)
		i = j
	}
	return out
}

// miscased reports a word of letters whose first letter is lower case but
// whose second is a capital ("iSrael"): a name typed with the shift key
// late, read as capitalized. Words such as "iPhone" are names too.
func miscased(form string) bool {
	rs := []rune(form)
	if len(rs) < 3 || !unicode.IsLower(rs[0]) || !unicode.IsUpper(rs[1]) {
		return false
	}
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
