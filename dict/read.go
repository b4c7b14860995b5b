package dict

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// Load reads the dictionary file at path; its kind comes from DetectKind.
// Like Read it returns what loaded together with the errors of bad lines.
func Load(path string) (*Dict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load dictionary: %w", err)
	}
	defer f.Close()
	return Read(path, f, DetectKind(path))
}

// Read parses a dictionary of the given kind from r; name is used in errors.
// It always returns the entries of the well-formed lines. The error, when not
// nil, joins one *dyad.InputError per malformed line (each names the file and
// line and wraps ErrFormat) and any read error.
func Read(name string, r io.Reader, kind Kind) (*Dict, error) {
	p := &parser{name: name, d: &Dict{Name: name, Kind: kind}, subst: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		p.line++
		if !p.feed(sc.Text()) {
			break
		}
	}
	p.flush()
	if err := sc.Err(); err != nil {
		p.errs = append(p.errs, &dyad.InputError{Input: name, Line: p.line + 1, Offset: -1, Err: err})
	}
	p.d.Errors = len(p.errs)
	return p.d, errors.Join(p.errs...)
}

type parser struct {
	name     string
	d        *Dict
	line     int
	errs     []error
	comments CommentStripper
	block    string // inside <NOUN>...</NOUN> and the like: the closing tag
	cur      *Actor // actor being read
	curStart int
	subst    map[string][]string
}

func (p *parser) errorf(format string, args ...any) {
	p.errs = append(p.errs, &dyad.InputError{Input: p.name, Line: p.line, Offset: -1,
		Err: fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))})
}

// feed handles one raw line; it returns false at an end marker.
func (p *parser) feed(raw string) bool {
	if !utf8.ValidString(raw) {
		raw = latin1(raw)
	}
	raw = strings.TrimRight(raw, "\r")
	text := p.comments.Strip(raw)
	trim := strings.TrimSpace(text)
	if EndMarker(trim) {
		return false
	}
	if p.block != "" {
		if strings.EqualFold(trim, p.block) {
			p.block = ""
		} else if trim != "" {
			p.d.Skipped++
		}
		return true
	}
	if tag, ok := MarkupTag(trim); ok {
		// TABARI's word lists (<NOUN>, <ADJECTIVE>) are skipped with their
		// contents; any other line of markup alone is skipped by itself.
		switch tag {
		case "NOUN", "ADJECTIVE", "VERB", "ADVERB":
			p.block = "</" + tag + ">"
		default:
			p.d.Skipped++
		}
		return true
	}
	body, comment, err := splitComment(text)
	if err != nil {
		p.errorf("%v", err)
		return true
	}
	if strings.TrimSpace(body) == "" {
		return true
	}
	switch p.d.Kind {
	case KindAgents:
		p.agentLine(body, comment)
	case KindDiscards:
		p.discardLine(body)
	default:
		p.actorLine(body, comment)
	}
	return true
}

// EndMarker reports whether a line, trimmed and without its comments, ends
// a TABARI or PETRARCH dictionary: "~~FINISH" or "---STOP---" (the rest of
// the file is not read).
func EndMarker(line string) bool {
	return strings.HasPrefix(line, "~~FINISH") || strings.HasPrefix(line, "---STOP---")
}

// MarkupTag returns the upper-case tag of a line, trimmed and without its
// comments, that is markup alone: "NOUN" for "<NOUN>", "/NOUN" for
// "</NOUN>". ok is false for any other line.
func MarkupTag(line string) (tag string, ok bool) {
	if !strings.HasPrefix(line, "<") || !strings.HasSuffix(line, ">") || strings.ContainsAny(line, "[]") {
		return "", false
	}
	return strings.ToUpper(strings.Trim(line, "<> ")), true
}

// CommentStripper removes the <!-- ... --> comments of the TABARI and
// PETRARCH dictionary formats from the lines of one file, read in order; a
// comment may span lines. The zero value is ready to use.
type CommentStripper struct {
	inside bool // within a comment that began on an earlier line
}

// Strip returns line without its comments.
func (c *CommentStripper) Strip(line string) string {
	var b strings.Builder
	for {
		if c.inside {
			i := strings.Index(line, "-->")
			if i < 0 {
				return b.String()
			}
			line = line[i+3:]
			c.inside = false
			continue
		}
		i := strings.Index(line, "<!")
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		line = line[i+2:]
		c.inside = true
	}
}

// splitComment cuts a line at the first '#' or ';' outside brackets and
// braces. It reports an unbalanced bracket or brace.
func splitComment(s string) (body, comment string, err error) {
	depthSq, depthCu := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			if depthSq > 0 {
				return "", "", fmt.Errorf("nested '[' in %q", strings.TrimSpace(s))
			}
			depthSq++
		case ']':
			if depthSq == 0 {
				return "", "", fmt.Errorf("']' without '[' in %q", strings.TrimSpace(s))
			}
			depthSq--
		case '{':
			depthCu++
		case '}':
			if depthCu == 0 {
				return "", "", fmt.Errorf("'}' without '{' in %q", strings.TrimSpace(s))
			}
			depthCu--
		case '#', ';':
			if depthSq == 0 && depthCu == 0 {
				return s[:i], strings.TrimSpace(s[i+1:]), nil
			}
		}
	}
	if depthSq > 0 {
		return "", "", fmt.Errorf("'[' without ']' in %q", strings.TrimSpace(s))
	}
	if depthCu > 0 {
		return "", "", fmt.Errorf("'{' without '}' in %q", strings.TrimSpace(s))
	}
	return s, "", nil
}

// brackets splits s into the text before the first '[' and the contents of
// each [...] group. splitComment has checked the balance.
func brackets(s string) (head string, groups []string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, nil
	}
	head, s = s[:i], s[i:]
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return head, groups
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return head, groups
		}
		groups = append(groups, s[i+1:i+j])
		s = s[i+j+1:]
	}
}

func (p *parser) flush() {
	if p.cur != nil {
		p.d.Actors = append(p.d.Actors, *p.cur)
		p.cur = nil
	}
}

func (p *parser) actorLine(body, comment string) {
	trim := strings.TrimSpace(body)
	switch {
	case strings.HasPrefix(trim, "["):
		// A code line of the current actor.
		if p.cur == nil {
			p.errorf("code line %q before any actor", trim)
			return
		}
		head, groups := brackets(trim)
		if strings.TrimSpace(head) != "" {
			p.errorf("text before a code in %q", trim)
		}
		p.addCodes(groups)
		if after := strings.TrimSpace(trim[strings.LastIndexByte(trim, ']')+1:]); after != "" {
			p.errorf("text %q after a code", after)
		}
	case strings.HasPrefix(trim, "+"):
		if p.cur == nil {
			p.errorf("synonym %q before any actor", trim)
			return
		}
		head, groups := brackets(trim[1:])
		ph, ok := p.phrase(head)
		if !ok {
			return
		}
		p.cur.Synonyms = append(p.cur.Synonyms, ph)
		p.addCodes(groups)
	default:
		p.flush()
		head, groups := brackets(trim)
		ph, ok := p.phrase(head)
		if !ok {
			return
		}
		p.cur = &Actor{Phrase: ph, Comment: comment, Line: p.line}
		p.addCodes(groups)
	}
}

func (p *parser) addCodes(groups []string) {
	for _, g := range groups {
		c, err := parseCode(g)
		if err != nil {
			p.errorf("%v", err)
			continue
		}
		c.Line = p.line
		p.cur.Codes = append(p.cur.Codes, c)
	}
}

// parseCode reads the inside of [...] in an actor dictionary.
func parseCode(g string) (Code, error) {
	s := strings.TrimSpace(g)
	if s == "" {
		return Code{}, fmt.Errorf("empty code []")
	}
	code := s
	rest := ""
	if i := strings.IndexAny(s, " \t<>"); i >= 0 {
		code, rest = s[:i], strings.TrimSpace(s[i:])
	}
	if code == "" || (code[0] >= '0' && code[0] <= '9') {
		return Code{}, fmt.Errorf("code missing in [%s]", s)
	}
	code = strings.ToUpper(code)
	if err := checkCode(code); err != nil {
		return Code{}, err
	}
	c := Code{Code: code}
	if rest == "" {
		return c, nil
	}
	rest = strings.Join(strings.Fields(rest), "")
	var err error
	switch {
	case rest[0] == '<':
		c.To, err = ParseDate(rest[1:])
	case rest[0] == '>':
		c.From, err = ParseDate(rest[1:])
	default:
		from, to, ok := strings.Cut(rest, "-")
		if !ok {
			return Code{}, fmt.Errorf("date restriction %q is not <date, >date or date-date", rest)
		}
		if c.From, err = ParseDate(from); err != nil {
			break
		}
		if c.To, err = ParseDate(to); err != nil {
			break
		}
		if c.To < c.From {
			return Code{}, fmt.Errorf("date range %q ends before it starts", rest)
		}
	}
	if err != nil {
		return Code{}, fmt.Errorf("[%s]: %w", s, err)
	}
	return c, nil
}

func checkCode(code string) error {
	for _, r := range code {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("-#+/~", r):
		default:
			return fmt.Errorf("bad character %q in code %q", r, code)
		}
	}
	return nil
}

// phrase parses a phrase string, reporting an empty one.
func (p *parser) phrase(s string) (Phrase, bool) {
	ph := makePhrase(s)
	if len(ph.Words) == 0 {
		p.errorf("empty phrase in %q", strings.TrimSpace(s))
		return ph, false
	}
	return ph, true
}

// makePhrase splits s on blanks and underscores.
func makePhrase(s string) Phrase {
	s = strings.TrimSpace(s)
	var ph Phrase
	if strings.HasSuffix(s, "_") {
		ph.Exact = true
		s = strings.TrimRight(s, "_ \t")
	}
	var word strings.Builder
	loose := false
	emit := func() {
		if word.Len() == 0 {
			return
		}
		if len(ph.Words) > 0 {
			ph.Loose = append(ph.Loose, loose)
		}
		ph.Words = append(ph.Words, strings.ToUpper(word.String()))
		word.Reset()
		loose = false
	}
	for _, r := range s {
		switch r {
		case '_':
			emit()
		case ' ', '\t':
			emit()
			if len(ph.Words) > 0 {
				loose = true
			}
		default:
			word.WriteRune(r)
		}
	}
	emit()
	if !anyTrue(ph.Loose) {
		ph.Loose = nil
	}
	return ph
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func (p *parser) agentLine(body, comment string) {
	trim := strings.TrimSpace(body)
	if strings.HasPrefix(trim, "!") && strings.Contains(trim, "=") {
		name, list, _ := strings.Cut(trim, "=")
		name = strings.TrimSpace(name)
		if len(name) < 3 || !strings.HasSuffix(name, "!") || strings.Count(name, "!") != 2 {
			p.errorf("substitution set name %q is not !NAME!", name)
			return
		}
		var items []string
		for _, it := range strings.Split(list, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, strings.ToUpper(it))
			}
		}
		if len(items) == 0 {
			p.errorf("substitution set %s is empty", name)
			return
		}
		p.subst[strings.ToUpper(strings.Trim(name, "!"))] = items
		return
	}
	head, groups := brackets(trim)
	if len(groups) != 1 {
		p.errorf("agent %q needs exactly one [code]", trim)
		return
	}
	code := strings.ToUpper(strings.Join(strings.Fields(groups[0]), ""))
	prefix := false
	switch {
	case strings.HasPrefix(code, "~") && len(code) > 1:
		code = code[1:]
	case strings.HasSuffix(code, "~") && len(code) > 1:
		code, prefix = code[:len(code)-1], true
	default:
		p.errorf("agent code [%s] needs '~' before or after it", groups[0])
		return
	}
	if err := checkCode(code); err != nil || strings.Contains(code, "~") {
		p.errorf("bad agent code [%s]", groups[0])
		return
	}
	phraseText, plurals, hasBraces := head, "", false
	if i := strings.IndexByte(head, '{'); i >= 0 {
		j := strings.IndexByte(head, '}')
		if j < i {
			p.errorf("'}' before '{' in %q", trim)
			return
		}
		phraseText, plurals, hasBraces = head[:i], head[i+1:j], true
		if strings.TrimSpace(head[j+1:]) != "" {
			p.errorf("text after '}' in %q", trim)
			return
		}
	}
	// Expand a substitution set: one agent per member, no plurals.
	if strings.Count(phraseText, "!") >= 2 {
		i := strings.IndexByte(phraseText, '!')
		j := i + 1 + strings.IndexByte(phraseText[i+1:], '!')
		set, ok := p.subst[strings.ToUpper(phraseText[i+1:j])]
		if !ok {
			p.errorf("substitution set !%s! is not defined", phraseText[i+1:j])
			return
		}
		for _, member := range set {
			ph, ok := p.phrase(phraseText[:i] + member + phraseText[j+1:])
			if !ok {
				return
			}
			p.d.Agents = append(p.d.Agents, Agent{Phrase: ph, Code: code, Prefix: prefix, Comment: comment, Line: p.line})
		}
		return
	}
	ph, ok := p.phrase(phraseText)
	if !ok {
		return
	}
	a := Agent{Phrase: ph, Code: code, Prefix: prefix, Comment: comment, Line: p.line}
	if hasBraces {
		for _, f := range strings.Fields(plurals) {
			a.Plurals = append(a.Plurals, makePhrase(f))
		}
	} else {
		pl := ph
		pl.Words = append([]string(nil), ph.Words...)
		pl.Words[len(pl.Words)-1] = Plural(pl.Words[len(pl.Words)-1])
		a.Plurals = []Phrase{pl}
	}
	p.d.Agents = append(p.d.Agents, a)
}

// Plural returns the regular English plural of an upper- or lower-case noun:
// -ies after a consonant and y, -es after s, x, z, ch and sh, else -s.
func Plural(w string) string {
	if w == "" {
		return w
	}
	upper := strings.ToUpper(w) == w
	s := func(x string) string {
		if upper {
			return strings.ToUpper(x)
		}
		return x
	}
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "y") && len(lw) > 1 && !strings.ContainsRune("aeiou", rune(lw[len(lw)-2])):
		return w[:len(w)-1] + s("ies")
	case strings.HasSuffix(lw, "s"), strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "z"),
		strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "sh"):
		return w + s("es")
	}
	return w + s("s")
}

func (p *parser) discardLine(body string) {
	trim := strings.TrimSpace(body)
	story := strings.HasPrefix(trim, "+")
	if story {
		trim = trim[1:]
	}
	if strings.ContainsAny(trim, "[]{}") {
		p.errorf("unexpected bracket in discard %q", trim)
		return
	}
	ph, ok := p.phrase(trim)
	if !ok {
		return
	}
	p.d.Discards = append(p.d.Discards, Discard{Phrase: ph, Story: story, Line: p.line})
}

func latin1(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}
