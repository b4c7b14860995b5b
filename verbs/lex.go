package verbs

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The lexemes of a pattern, verb or phrase.
type lexKind uint8

const (
	lWord  lexKind = iota + 1
	lJoin          // '_'
	lSpace         // blanks
	lOpen          // '{'
	lBar           // '|'
	lClose         // '}'
)

type lexTok struct {
	kind lexKind
	text string
}

// lex splits s into words, '_' joins, blanks and the braces of TABARI
// alternatives.
func lex(s string) ([]lexTok, error) {
	var out []lexTok
	depth := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			j := i
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			out = append(out, lexTok{kind: lSpace})
			i = j
		case c == '_':
			out = append(out, lexTok{kind: lJoin})
			i++
		case c == '{':
			if depth > 0 {
				return nil, errors.New("nested '{'")
			}
			depth++
			out = append(out, lexTok{kind: lOpen})
			i++
		case c == '|':
			if depth == 0 {
				return nil, errors.New("'|' outside {...}")
			}
			out = append(out, lexTok{kind: lBar})
			i++
		case c == '}':
			if depth == 0 {
				return nil, errors.New("'}' without '{'")
			}
			depth--
			out = append(out, lexTok{kind: lClose})
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t_{|}", rune(s[j])) {
				j++
			}
			out = append(out, lexTok{kind: lWord, text: s[i:j]})
			i = j
		}
	}
	if depth > 0 {
		return nil, errors.New("'{' without '}'")
	}
	return out, nil
}

// item is one parsed element, or the verb's place '*'.
type item struct {
	e      Elem
	verb   bool
	anchor bool // written "+WORD": the verb word of a multi-word verb
	tilde  bool // written "WORD~": a stem even when joined
}

// parseItems reads a sequence of elements with their connectors. A word
// followed directly by '_' is a whole word in TABARI unless written "WORD~".
func (p *reader) parseItems(toks []lexTok) ([]item, error) {
	var out []item
	sawJoin, sawSpace := false, false
	add := func(its ...item) {
		if n := len(out); n > 0 {
			out[n-1].e.Join = sawJoin && !sawSpace
			if out[n-1].verb {
				out[n-1].e.Join = sawJoin && !sawSpace
			}
		}
		out = append(out, its...)
		sawJoin, sawSpace = false, false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case lSpace:
			sawSpace = true
		case lJoin:
			if !sawSpace && len(out) > 0 {
				last := &out[len(out)-1]
				if last.e.Kind == Word && !last.tilde {
					last.e.Stem = false
				}
			}
			sawJoin = true
		case lWord:
			its, err := p.word(t.text)
			if err != nil {
				return nil, err
			}
			add(its...)
		case lOpen:
			j := i + 1
			for j < len(toks) && toks[j].kind != lClose {
				j++
			}
			if j == len(toks) {
				return nil, errors.New("'{' without '}'")
			}
			var alts []Phrase
			start := i + 1
			for k := i + 1; k <= j; k++ {
				if toks[k].kind != lBar && toks[k].kind != lClose {
					continue
				}
				sub, err := p.parseItems(toks[start:k])
				if err != nil {
					return nil, err
				}
				var ph Phrase
				for _, it := range sub {
					if it.verb || it.anchor || it.e.Kind != Word && it.e.Kind != Synset {
						return nil, errors.New("an alternative may hold only words and synsets")
					}
					ph = append(ph, it.e)
				}
				if len(ph) == 0 {
					return nil, errors.New("empty alternative in {...}")
				}
				ph[len(ph)-1].Join = false
				alts = append(alts, ph)
				start = k + 1
			}
			add(item{e: Elem{Kind: Alt, Alts: alts}})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q", tokText(t))
		}
	}
	return out, nil
}

func tokText(t lexTok) string {
	switch t.kind {
	case lBar:
		return "|"
	case lClose:
		return "}"
	case lOpen:
		return "{"
	}
	return t.text
}

// word reads one written word: a symbol, a synset name or a literal word
// (split at a contraction, "DIDN'T" being DID N'T as tokenizers split it).
func (p *reader) word(w string) ([]item, error) {
	switch w {
	case "*":
		return []item{{verb: true}}, nil
	case "$":
		return []item{{e: Elem{Kind: Source}}}, nil
	case "+":
		return []item{{e: Elem{Kind: Target}}}, nil
	case "%":
		return []item{{e: Elem{Kind: Compound}}}, nil
	case "^":
		return []item{{e: Elem{Kind: Skip}}}, nil
	}
	w = strings.ToUpper(w)
	if strings.HasPrefix(w, "&") {
		if !validWord(w[1:]) {
			return nil, fmt.Errorf("bad synset name %q", w)
		}
		return []item{{e: Elem{Kind: Synset, Text: w}}}, nil
	}
	anchor := false
	if strings.HasPrefix(w, "+") && len(w) > 1 {
		anchor, w = true, w[1:]
	}
	tilde := strings.HasSuffix(w, "~")
	exact := strings.HasSuffix(w, "=")
	w = strings.TrimRight(w, "~=")
	if !validWord(w) {
		return nil, fmt.Errorf("bad word %q", w)
	}
	// The dialect may not be known yet (TABARI puts its synsets first):
	// words are stems until a PETRARCH dictionary clears them (finish).
	stem := !p.d.Format.blocks() && !exact
	// Tokenizers split hyphens ("anti-", "state-run") as EWT does.
	if i := strings.IndexByte(w, '-'); i >= 0 && len(w) > 1 {
		var out []item
		for k, part := range strings.SplitAfter(w, "-") {
			word, dash := strings.TrimSuffix(part, "-"), strings.HasSuffix(part, "-")
			if word != "" {
				its, err := p.word(word)
				if err != nil {
					return nil, err
				}
				if k == 0 {
					its[0].anchor = anchor
				}
				its[len(its)-1].e.Join = dash
				its[len(its)-1].e.Stem = false
				out = append(out, its...)
			}
			if dash {
				out = append(out, item{e: Elem{Kind: Word, Text: "-", Join: true}})
			}
		}
		out[len(out)-1].e.Join = false
		out[len(out)-1].e.Stem = stem && !strings.HasSuffix(w, "-")
		out[len(out)-1].tilde = tilde
		return out, nil
	}
	if n := len(w); n > 3 && strings.HasSuffix(w, "N'T") {
		return []item{
			{e: Elem{Kind: Word, Text: w[:n-3], Join: true}, anchor: anchor},
			{e: Elem{Kind: Word, Text: "N'T"}},
		}, nil
	}
	if n := len(w); n > 2 && strings.HasSuffix(w, "'S") {
		return []item{
			{e: Elem{Kind: Word, Text: w[:n-2], Join: true}, anchor: anchor},
			{e: Elem{Kind: Word, Text: "'S"}},
		}, nil
	}
	return []item{{e: Elem{Kind: Word, Text: w, Stem: stem}, anchor: anchor, tilde: tilde}}, nil
}

// validWord reports whether w can be a dictionary word: printable, without
// blanks or the symbols of the syntax.
func validWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("[]{}|*$^%&+_~=", r) {
			return false
		}
	}
	return true
}
