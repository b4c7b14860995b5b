package verbs

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The PETRARCH-2 dialect (CAMEO.2.0.txt). Its patterns are
//
//	- UPPER * LOWER [CODE]
//
// where UPPER (the subject's side) and LOWER (the verb's objects and
// prepositional phrases) are sequences of noun phrases and prepositional
// phrases: a word is the head of a noun phrase, "{A B C}" a noun phrase
// headed by C with A and B in it, "(P ...)" a prepositional phrase with
// preposition P ("TO/FOR": either) governing the noun phrases after P, and
// $ + % ^ the slots of the older dialects. Words joined by '_' are a noun
// phrase too ("AIR_STRIKE"), as synset phrases are ("+PRIME_MINISTER"). A
// code may name only the answering side ("[:173]").

// p2tok is a token of a PETRARCH-2 pattern: one of "(){}*" or a word.
type p2tok struct {
	text string
}

// lexP2 splits the text of a PETRARCH-2 pattern into tokens.
func lexP2(s string) []p2tok {
	var out []p2tok
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			out = append(out, p2tok{w.String()})
			w.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
		case strings.ContainsRune("(){}*", r):
			flush()
			out = append(out, p2tok{string(r)})
		default:
			w.WriteRune(r)
		}
	}
	flush()
	return out
}

// pattern2 reads a PETRARCH-2 pattern "UPPER * LOWER [CODE]".
func (p *reader) pattern2(s string) {
	head, code, ok := p.patternHead(s)
	if !ok {
		return
	}
	upper, lower, err := p.parseP2(lexP2(head))
	if err != nil {
		p.errorf("pattern %q: %v", clip(head), err)
		return
	}
	pat := &Pattern{Upper: upper, Lower: lower, Code: code, Line: p.line}
	if pat.Upper == nil {
		pat.Upper = []Constituent{}
	}
	if pat.Lower == nil {
		pat.Lower = []Constituent{}
	}
	e := p.entry
	// PETRARCH-2 keeps its patterns in a tree keyed by their words, so of
	// two identical patterns of a block the later one is the one used.
	key := patternKey(pat)
	for i, old := range e.Patterns {
		if old != nil && old.Upper != nil && patternKey(old) == key {
			e.Patterns[i] = pat
			return
		}
	}
	var refs []Phrase
	for _, cs := range [][]Constituent{pat.Upper, pat.Lower} {
		for _, c := range cs {
			for _, n := range c.Nouns {
				refs = append(refs, append(Phrase{n.Head}, n.Mods...))
			}
		}
	}
	p.addPattern(pat, refs...)
}

// patternKey is a pattern without its code.
func patternKey(p *Pattern) string {
	s := p.String()
	return s[:strings.LastIndexByte(s, '[')]
}

// codeOf2 reads a PETRARCH-2 code: codeOf's, or ":CODE", a code for the
// answering side only.
func codeOf2(g string) (string, error) {
	t := strings.TrimSpace(g)
	if strings.HasPrefix(t, ":") {
		c, err := codeOf(t[1:])
		if err != nil {
			return "", err
		}
		if strings.Contains(c, ":") {
			return "", fmt.Errorf("code [%s] has more than one ':'", t)
		}
		return ":" + c, nil
	}
	return codeOf(t)
}

// parseP2 reads the tokens of a pattern into its upper and lower phrases.
func (p *reader) parseP2(toks []p2tok) (upper, lower []Constituent, err error) {
	verb := false
	add := func(c Constituent) {
		if verb {
			lower = append(lower, c)
		} else {
			upper = append(upper, c)
		}
	}
	for i := 0; i < len(toks); i++ {
		switch t := toks[i].text; t {
		case "*":
			if verb {
				return nil, nil, errors.New("more than one '*'")
			}
			verb = true
		case "(":
			j := i + 1
			for j < len(toks) && toks[j].text != ")" {
				if toks[j].text == "(" || toks[j].text == "*" {
					return nil, nil, fmt.Errorf("%q inside (...)", toks[j].text)
				}
				j++
			}
			if j == len(toks) {
				return nil, nil, errors.New("'(' without ')'")
			}
			c, err := p.prepP2(toks[i+1 : j])
			if err != nil {
				return nil, nil, err
			}
			add(c)
			i = j
		case ")", "}":
			return nil, nil, fmt.Errorf("%q without its opening bracket", t)
		default:
			n, next, err := p.nounP2(toks, i)
			if err != nil {
				return nil, nil, err
			}
			add(Constituent{Nouns: []Noun{n}})
			i = next - 1
		}
	}
	if !verb {
		return nil, nil, errors.New("no '*' for the verb")
	}
	return upper, lower, nil
}

// prepP2 reads the inside of "(P NOUN...)".
func (p *reader) prepP2(toks []p2tok) (Constituent, error) {
	if len(toks) == 0 {
		return Constituent{}, errors.New("empty ()")
	}
	w := strings.ToUpper(toks[0].text)
	if strings.ContainsAny(w, "{}_&$+%^") {
		return Constituent{}, fmt.Errorf("(%s ...) does not start with a preposition", toks[0].text)
	}
	c := Constituent{}
	for _, alt := range strings.Split(w, "/") {
		if !validWord(alt) {
			return Constituent{}, fmt.Errorf("bad preposition %q", w)
		}
		c.Prep = append(c.Prep, alt)
	}
	for i := 1; i < len(toks); {
		n, next, err := p.nounP2(toks, i)
		if err != nil {
			return Constituent{}, err
		}
		c.Nouns = append(c.Nouns, n)
		i = next
	}
	return c, nil
}

// nounP2 reads the noun phrase that starts at toks[i]: a word, words joined
// by '_', a synset, a slot or "{...}". It returns the index after it.
func (p *reader) nounP2(toks []p2tok, i int) (Noun, int, error) {
	t := toks[i].text
	switch t {
	case "$":
		return Noun{Head: Elem{Kind: Source}}, i + 1, nil
	case "+":
		return Noun{Head: Elem{Kind: Target}}, i + 1, nil
	case "%":
		return Noun{Head: Elem{Kind: Compound}}, i + 1, nil
	case "^":
		return Noun{Head: Elem{Kind: Skip}}, i + 1, nil
	case "(", ")", "*", "}":
		return Noun{}, 0, fmt.Errorf("unexpected %q", t)
	case "{":
		j := i + 1
		var elems []Elem
		for ; j < len(toks) && toks[j].text != "}"; j++ {
			switch toks[j].text {
			case "{", "(", ")", "*", "$", "+", "%", "^":
				return Noun{}, 0, fmt.Errorf("%q inside {...}", toks[j].text)
			}
			es, err := p.wordsP2(toks[j].text)
			if err != nil {
				return Noun{}, 0, err
			}
			elems = append(elems, es...)
		}
		if j == len(toks) {
			return Noun{}, 0, errors.New("'{' without '}'")
		}
		if len(elems) == 0 {
			return Noun{}, 0, errors.New("empty {}")
		}
		return newNoun(elems), j + 1, nil
	}
	es, err := p.wordsP2(t)
	if err != nil {
		return Noun{}, 0, err
	}
	return newNoun(es), i + 1, nil
}

// newNoun makes a noun phrase of its words: the last is the head.
func newNoun(es []Elem) Noun {
	n := Noun{Head: es[len(es)-1]}
	if len(es) > 1 {
		n.Mods = es[:len(es)-1]
	}
	return n
}

// wordsP2 reads a written word of a PETRARCH-2 pattern: a synset, or words
// joined by '_' (each split at hyphens and contractions as tokenizers
// split them).
func (p *reader) wordsP2(w string) ([]Elem, error) {
	w = strings.ToUpper(w)
	var syn []Elem
	if i := strings.IndexByte(w, '&'); i >= 0 {
		// A synset, alone or after joined words ("FIGHTER_&AIRCRAFT"); its
		// name may join words too.
		name := strings.TrimRight(w[i:], "_")
		if len(name) < 2 || !validWord(strings.ReplaceAll(name[1:], "_", "")) {
			return nil, fmt.Errorf("bad synset name %q", w[i:])
		}
		if i > 0 && w[i-1] != '_' {
			return nil, fmt.Errorf("bad word %q", w)
		}
		syn, w = []Elem{{Kind: Synset, Text: name}}, w[:i]
	}
	var out []Elem
	for _, part := range strings.Split(w, "_") {
		if part == "" {
			continue
		}
		if strings.ContainsAny(part, "$+%^&") {
			return nil, fmt.Errorf("bad word %q", part)
		}
		its, err := p.word(part)
		if err != nil {
			return nil, err
		}
		for _, it := range its {
			e := it.e
			e.Join, e.Stem = false, false
			out = append(out, e)
		}
	}
	out = append(out, syn...)
	if len(out) == 0 {
		return nil, fmt.Errorf("bad word %q", w)
	}
	return out, nil
}

// transform reads a verb transformation "a (b c LOWER) UPPER = x y CODE".
func (p *reader) transform(s string) {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	f := strings.Fields(s)
	if len(f) != 11 || f[1] != "(" || f[5] != ")" || f[7] != "=" {
		p.errorf("transformation %q is not \"a (b c VERB) VERB = x y CODE\"", clip(s))
		return
	}
	t := &Transform{Source: f[0], LowerSource: f[2], LowerTarget: f[3], Lower: strings.ToUpper(f[4]),
		Upper: strings.ToUpper(f[6]), OutSource: f[8], OutTarget: f[9], Code: strings.ToUpper(f[10]), Line: p.line}
	for _, v := range []string{t.Source, t.LowerSource, t.LowerTarget, t.OutSource, t.OutTarget} {
		if !transformVar(v) {
			p.errorf("transformation: %q is not a variable (a letter, '.' or '_')", v)
			return
		}
	}
	if !isVariable(t.Source) {
		p.errorf("transformation: the source %q is not a letter", t.Source)
		return
	}
	bound := map[string]bool{t.Source: true, t.LowerSource: true, t.LowerTarget: true}
	for _, v := range []string{t.OutSource, t.OutTarget} {
		if !isVariable(v) || !bound[v] {
			p.errorf("transformation: %q in the result is not a variable of the pattern", v)
			return
		}
	}
	for _, v := range []string{t.Lower, t.Upper} {
		if v != "Q" && !validWord(strings.ReplaceAll(v, "_", "")) {
			p.errorf("transformation: bad verb %q", v)
			return
		}
	}
	if t.Upper == "Q" {
		p.errorf("transformation: the upper verb must be a verb, not Q")
		return
	}
	if t.Code != "Q" {
		c, err := codeOf(t.Code)
		if err != nil || strings.Contains(c, ":") {
			p.errorf("transformation: bad code %q", t.Code)
			return
		}
	}
	p.d.Transforms = append(p.d.Transforms, t)
}

func transformVar(v string) bool { return v == "." || v == "_" || isVariable(v) }

func isVariable(v string) bool { return len(v) == 1 && v[0] >= 'a' && v[0] <= 'z' }

// checkTransforms drops the transformations that name a verb the
// dictionary does not have.
func (p *reader) checkTransforms() {
	if len(p.d.Transforms) == 0 {
		return
	}
	known := p.d.verbCodes()
	var keep []*Transform
	for _, t := range p.d.Transforms {
		bad := ""
		for _, v := range []string{t.Lower, t.Upper} {
			if _, ok := known[v]; v != "Q" && !ok {
				bad = v
			}
		}
		if bad != "" {
			p.errorAt(t.Line, "transformation names %s, which is no verb of the dictionary", bad)
			continue
		}
		keep = append(keep, t)
	}
	p.d.Transforms = keep
}

// verbCodes maps every verb form of the dictionary, its words joined by
// '_' as transformations name them, to the code of its first verb.
func (d *Dict) verbCodes() map[string]string {
	codes := map[string]string{}
	for _, e := range d.Entries {
		for _, v := range e.Verbs {
			for _, f := range v.Forms {
				var ws []string
				for _, w := range f.Words {
					ws = append(ws, w.Text)
				}
				if k := strings.Join(ws, "_"); codes[k] == "" {
					codes[k] = v.Code
				}
			}
		}
	}
	return codes
}
