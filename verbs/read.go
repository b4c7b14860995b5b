package verbs

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
)

// Load reads the verb dictionary at path. Like Read it returns what loaded
// together with the errors of the malformed lines.
func Load(path string) (*Dict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load verb dictionary: %w", err)
	}
	defer f.Close()
	return Read(path, f)
}

// Read parses a PETRARCH, PETRARCH-2 or TABARI verb dictionary from r; name
// is used in errors and rule ids. A file with blocks and a pattern that
// names a prepositional phrase "(...)" or a noun phrase "{...}" (not a
// TABARI alternative "{ A | B }") is PETRARCH-2; otherwise the dialect is
// that of the first verb or block: a line "--- NAME [CODE] ---" makes it
// PETRARCH, a verb line TABARI.
//
// Read always returns the entries of the well-formed lines. The error, when
// not nil, joins one *dyad.InputError per malformed line (each names the file
// and line and wraps ErrFormat) and any read error; the bad line is skipped
// (a bad block header skips its whole block).
func Read(name string, r io.Reader) (*Dict, error) {
	p := &reader{name: name, d: &Dict{Name: name, Synsets: map[string]*SynsetDef{}}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		p.errs = append(p.errs, p.lineError(len(lines)+1, err))
	}
	p.d.Format = detect(lines)
	for _, l := range lines {
		p.line++
		if !p.feed(l) {
			break
		}
	}
	p.finish()
	p.d.Errors = len(p.errs)
	return p.d, errors.Join(p.errs...)
}

type reader struct {
	name     string
	d        *Dict
	line     int
	errs     []error
	comments dict.CommentStripper
	skipTo   string     // inside <TIME>...</TIME>: the closing tag
	entry    *Entry     // the block or verb line patterns go to; nil after a bad header
	badBody  bool       // the current block's header was malformed: skip to the next
	syn      *SynsetDef // synset whose +phrases are being read
	// synNoPlural is set when the synset's name ended with '_'.
	synNoPlural bool
	lastV       *Verb // the last verb read (TABARI "{ FORMS }" lines add to it)
	// refs are the patterns and phrases that name synsets, checked at the end.
	refs []synRef
}

type synRef struct {
	name string
	line int
	drop func() // removes the pattern or phrase that names an undefined synset
}

// errorf reports the current line as malformed.
func (p *reader) errorf(format string, args ...any) {
	p.errorAt(p.line, format, args...)
}

// errorAt reports a line as malformed.
func (p *reader) errorAt(line int, format string, args ...any) {
	p.errs = append(p.errs, p.lineError(line, fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))))
}

// lineError names the file and line of an error.
func (p *reader) lineError(line int, err error) error {
	return &dyad.InputError{Input: p.name, Line: line, Offset: -1, Err: err}
}

// feed handles one raw line; it returns false at an end marker.
func (p *reader) feed(raw string) bool {
	if !utf8.ValidString(raw) {
		raw = latin1(raw)
	}
	text := p.comments.Strip(strings.TrimRight(raw, "\r"))
	trim := strings.TrimSpace(text)
	if dict.EndMarker(trim) {
		return false
	}
	if p.skipTo != "" {
		if strings.EqualFold(trim, p.skipTo) {
			p.skipTo = ""
		}
		return true
	}
	if tag, ok := dict.MarkupTag(trim); ok {
		// TABARI sections: <SYNSETS> ... </SYNSETS> hold synsets read as
		// everywhere else; <TIME> ... </TIME> (time shifts) is skipped.
		if tag == "TIME" {
			p.skipTo = "</TIME>"
		}
		p.syn = nil
		return true
	}
	body, err := stripComment(text)
	if err != nil {
		p.errorf("%v", err)
		if strings.HasPrefix(trim, "---") && p.setFormat(PETRARCH) {
			// A bad block header: skip the block.
			p.entry, p.lastV, p.badBody, p.syn = nil, nil, true, nil
		}
		return true
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return true
	}
	switch {
	case strings.HasPrefix(body, "---"):
		p.syn = nil
		p.header(body)
	case body[0] == '~' && p.d.Format == PETRARCH2:
		p.syn = nil
		p.transform(body[1:])
	case body[0] == '-' && p.d.Format == PETRARCH2:
		p.syn = nil
		p.pattern2(body[1:])
	case body[0] == '&':
		p.synsetHeader(body)
	case body[0] == '+' && p.syn != nil:
		p.synsetPhrase(body[1:])
	case body[0] == '-':
		p.syn = nil
		p.pattern(body[1:])
	case body[0] == '{':
		p.syn = nil
		p.formsLine(body)
	default:
		p.syn = nil
		p.verbLine(body)
	}
	return true
}

// stripComment cuts a line at the first '#' or ';' outside brackets and
// braces and reports unbalanced brackets or braces.
func stripComment(s string) (string, error) {
	sq, cu := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			if sq > 0 {
				return "", fmt.Errorf("nested '[' in %q", clip(s))
			}
			sq++
		case ']':
			if sq == 0 {
				return "", fmt.Errorf("']' without '[' in %q", clip(s))
			}
			sq--
		case '{':
			if cu > 0 {
				return "", fmt.Errorf("nested '{' in %q", clip(s))
			}
			cu++
		case '}':
			if cu == 0 {
				return "", fmt.Errorf("'}' without '{' in %q", clip(s))
			}
			cu--
		case '#', ';':
			if sq == 0 && cu == 0 {
				return s[:i], nil
			}
		}
	}
	if sq > 0 {
		return "", fmt.Errorf("'[' without ']' in %q", clip(s))
	}
	if cu > 0 {
		return "", fmt.Errorf("'{' without '}' in %q", clip(s))
	}
	return s, nil
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// latin1 reads bytes that are not UTF-8 as ISO 8859-1.
func latin1(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(rune(s[i]))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// setFormat fixes the dialect at the first block or verb; a file that mixes
// them is an error.
func (p *reader) setFormat(f Format) bool {
	if p.d.Format == 0 {
		p.d.Format = f
	}
	return p.d.Format == f || f == PETRARCH && p.d.Format == PETRARCH2
}

// detect returns PETRARCH2 for a file with block headers and a pattern
// that names a prepositional phrase or a noun phrase in PETRARCH-2's way,
// else 0: the first block or verb decides.
func detect(lines []string) Format {
	var cs dict.CommentStripper
	headers, p2 := false, false
	for _, raw := range lines {
		body, err := stripComment(cs.Strip(raw))
		if err != nil {
			continue
		}
		body = strings.TrimSpace(body)
		switch {
		case strings.HasPrefix(body, "---"):
			headers = true
		case strings.HasPrefix(body, "-"):
			head, _, _ := strings.Cut(body, "[")
			if strings.ContainsAny(head, "()") || strings.Contains(head, "{") && !strings.Contains(head, "|") {
				p2 = true
			}
		}
		if headers && p2 {
			return PETRARCH2
		}
	}
	return 0
}

// codeOf reads the code of a [...] group: one code, or two joined by ':'.
// Codes are upper-cased.
func codeOf(g string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(g))
	if c == "" {
		return "", errors.New("empty code []")
	}
	parts := strings.Split(c, ":")
	if len(parts) > 2 {
		return "", fmt.Errorf("code [%s] has more than one ':'", c)
	}
	for _, part := range parts {
		if part == "" {
			return "", fmt.Errorf("code [%s] has an empty side", c)
		}
		for _, r := range part {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-+#?!", r)) {
				return "", fmt.Errorf("code [%s] has the character %q", c, r)
			}
		}
	}
	return c, nil
}

// readCode reads the code of a [...] group in the file's dialect: codeOf2
// for PETRARCH-2, else codeOf.
func (p *reader) readCode(g string) (string, error) {
	if p.d.Format == PETRARCH2 {
		return codeOf2(g)
	}
	return codeOf(g)
}

// splitBrackets returns the text before the first '[', the first [...]
// group, whether there was one, and the text after all groups.
func splitBrackets(s string) (head, code string, has bool, rest string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, "", false, ""
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return s, "", false, ""
	}
	head, code, rest = s[:i], s[i+1:i+j], s[i+j+1:]
	// Further groups ("--- DELAY [120] [031:031] ---") are ignored, as
	// PETRARCH does.
	for {
		k := strings.IndexByte(rest, '[')
		if k < 0 {
			break
		}
		l := strings.IndexByte(rest[k:], ']')
		if l < 0 {
			break
		}
		rest = rest[:k] + rest[k+l+1:]
	}
	return head, code, true, rest
}

// header reads a PETRARCH block header "--- NAME [CODE] ---".
func (p *reader) header(body string) {
	p.entry, p.lastV, p.badBody = nil, nil, true
	if !p.setFormat(PETRARCH) {
		p.errorf("block header %q in a TABARI dictionary", clip(body))
		return
	}
	s := strings.Trim(body, "- \t")
	head, g, has, _ := splitBrackets(s)
	code := "---"
	if has {
		c, err := p.readCode(g)
		if err != nil {
			p.errorf("block header: %v", err)
			return
		}
		code = c
	}
	name := strings.ToUpper(strings.Join(strings.Fields(head), " "))
	if name == "" {
		p.errorf("block header %q without a name", clip(body))
		return
	}
	p.entry = &Entry{Name: name, Code: code, Line: p.line}
	p.badBody = false
	p.d.Entries = append(p.d.Entries, p.entry)
}

// synsetHeader reads "&NAME"; a final '_' means its phrases get no plurals.
func (p *reader) synsetHeader(body string) {
	p.syn = nil
	f := strings.Fields(body)
	if len(f) != 1 {
		p.errorf("synset name %q has blanks", clip(body))
		return
	}
	name := strings.ToUpper(f[0])
	noPlural := strings.HasSuffix(name, "_")
	name = strings.TrimRight(name, "_")
	check := name
	if p.d.Format == PETRARCH2 {
		// PETRARCH-2 names may join words: &FIGHT_OF_WORDS.
		check = strings.ReplaceAll(name, "_", "")
	}
	if len(check) < 2 || !validWord(check[1:]) {
		p.errorf("bad synset name %q", f[0])
		return
	}
	if old, ok := p.d.Synsets[name]; ok {
		p.errorf("synset %s defined again (first at line %d)", name, old.Line)
		return
	}
	p.syn = &SynsetDef{Name: name, Line: p.line}
	p.d.Synsets[name] = p.syn
	p.synNoPlural = noPlural
}

// synsetPhrase reads a "+PHRASE" line of the synset being read.
func (p *reader) synsetPhrase(s string) {
	toks, err := lex(s)
	if err != nil {
		p.errorf("synset phrase: %v", err)
		return
	}
	items, err := p.parseItems(toks)
	if err != nil {
		p.errorf("synset phrase: %v", err)
		return
	}
	var ph Phrase
	exactEnd := len(toks) > 0 && toks[len(toks)-1].kind == lJoin
	for _, it := range items {
		if it.verb || it.e.Kind != Word && it.e.Kind != Synset {
			p.errorf("synset phrase %q may hold only words and synsets", clip(s))
			return
		}
		ph = append(ph, it.e)
	}
	if len(ph) == 0 {
		p.errorf("empty synset phrase")
		return
	}
	ph[len(ph)-1].Join = false
	p.addPhrase(ph)
	// PETRARCH adds the regular plural of a noun phrase's last word, unless
	// the set or the phrase ends with '_' (TABARI's stems match it anyway).
	last := ph[len(ph)-1]
	if !p.synNoPlural && !exactEnd && last.Kind == Word {
		pl := slices.Clone(ph)
		pl[len(pl)-1].Text = plural(last.Text)
		p.addPhrase(pl)
	}
}

// addPhrase adds a phrase to the synset being read; a phrase that names an
// undefined synset is dropped at the end.
func (p *reader) addPhrase(ph Phrase) {
	syn := p.syn
	syn.Phrases = append(syn.Phrases, ph)
	idx := len(syn.Phrases) - 1
	p.noteRefs(ph, func() { syn.Phrases[idx] = nil })
}

// noteRefs remembers the synsets a phrase names, to check at the end.
func (p *reader) noteRefs(ph Phrase, drop func()) {
	for _, e := range ph {
		switch e.Kind {
		case Synset:
			p.refs = append(p.refs, synRef{name: e.Text, line: p.line, drop: drop})
		case Alt:
			for _, a := range e.Alts {
				p.noteRefs(a, drop)
			}
		}
	}
}

// patternHead splits a pattern line of the current entry into its text
// and its code, reporting a line without an entry or a code; ok is false
// when the line is to be skipped.
func (p *reader) patternHead(s string) (head, code string, ok bool) {
	if p.badBody {
		return "", "", false
	}
	if p.entry == nil {
		p.errorf("pattern before any verb")
		return "", "", false
	}
	head, g, has, rest := splitBrackets(s)
	if !has {
		p.errorf("pattern %q without a [code]", clip(s))
		return "", "", false
	}
	if strings.TrimSpace(rest) != "" {
		p.errorf("text %q after the code of a pattern", clip(rest))
		return "", "", false
	}
	code, err := p.readCode(g)
	if err != nil {
		p.errorf("pattern: %v", err)
		return "", "", false
	}
	return head, code, true
}

// addPattern adds a pattern to the current entry; refs are its phrases,
// and a pattern that names an undefined synset is dropped at the end.
func (p *reader) addPattern(pat *Pattern, refs ...Phrase) {
	e := p.entry
	e.Patterns = append(e.Patterns, pat)
	idx := len(e.Patterns) - 1
	drop := func() { e.Patterns[idx] = nil }
	for _, ph := range refs {
		p.noteRefs(ph, drop)
	}
}

// pattern reads "- words * words [CODE]".
func (p *reader) pattern(s string) {
	head, code, ok := p.patternHead(s)
	if !ok {
		return
	}
	toks, err := lex(head)
	if err != nil {
		p.errorf("pattern: %v", err)
		return
	}
	items, err := p.parseItems(toks)
	if err != nil {
		p.errorf("pattern %q: %v", clip(head), err)
		return
	}
	verb := -1
	for i, it := range items {
		if it.verb {
			if verb >= 0 {
				p.errorf("pattern %q has more than one '*'", clip(head))
				return
			}
			verb = i
		}
	}
	if verb < 0 {
		p.errorf("pattern %q has no '*' for the verb", clip(head))
		return
	}
	pat := &Pattern{Code: code, Line: p.line, VerbJoin: items[verb].e.Join}
	for _, it := range items[:verb] {
		pat.Before = append(pat.Before, it.e)
	}
	for _, it := range items[verb+1:] {
		pat.After = append(pat.After, it.e)
	}
	p.addPattern(pat, pat.Before, pat.After)
}

// verbLine reads a verb: "WORDS {FORMS} [CODE]". In a PETRARCH block it
// joins the block; in TABARI it starts an entry of its own, and the
// patterns after a bad TABARI verb line are skipped with it.
func (p *reader) verbLine(s string) {
	n := len(p.errs)
	p.readVerb(s)
	if len(p.errs) > n && p.d.Format == TABARI {
		p.entry, p.badBody = nil, true
	}
}

func (p *reader) readVerb(s string) {
	p.lastV = nil
	head, g, has, rest := splitBrackets(s)
	if strings.TrimSpace(rest) != "" {
		p.errorf("text %q after the code of a verb", clip(rest))
		return
	}
	code := ""
	if has {
		c, err := p.readCode(g)
		if err != nil {
			p.errorf("verb: %v", err)
			return
		}
		code = c
	}
	words, forms, braces, err := splitForms(head, p.d.Format == PETRARCH2)
	if err != nil {
		p.errorf("verb %q: %v", clip(head), err)
		return
	}
	if p.d.Format == 0 && p.entry == nil {
		p.setFormat(TABARI)
	}
	tabari := p.d.Format == TABARI
	if !tabari {
		if p.badBody {
			return
		}
		if p.entry == nil {
			p.errorf("verb %q before any block", clip(head))
			return
		}
	}
	base, err := p.verbForm(words)
	if err != nil {
		p.errorf("verb %q: %v", clip(words), err)
		return
	}
	p2 := p.d.Format == PETRARCH2
	if p2 {
		base = hyphenAnchor(base)
	}
	v := &Verb{Line: p.line, Forms: []Form{base}}
	for _, f := range forms {
		form, err := p.verbForm(f)
		if err != nil {
			p.errorf("verb form %q: %v", clip(f), err)
			return
		}
		if p2 {
			form = hyphenAnchor(form)
		}
		v.Forms = append(v.Forms, form)
	}
	if !tabari && !braces {
		v.Forms = append(v.Forms, regularForms(base)...)
	}
	if p2 {
		// PETRARCH-2 reads "RE-EXAMINE" as one word, which a tokenizer may
		// keep whole or split at the hyphen: both are forms.
		for _, f := range v.Forms {
			if j, ok := joinHyphens(f); ok {
				v.Forms = append(v.Forms, j)
			}
		}
	}
	if tabari {
		if code == "" {
			p.errorf("verb %q without a [code]", clip(head))
			return
		}
		p.entry = &Entry{Name: base.Words.String(), Code: code, Line: p.line}
		p.badBody = false
		p.d.Entries = append(p.d.Entries, p.entry)
	}
	if code == "" {
		code = p.entry.Code
	}
	v.Code = code
	p.entry.Verbs = append(p.entry.Verbs, v)
	p.lastV = v
}

// hyphenAnchor makes the last part of a hyphenated verb word its verb
// word ("RE-EXAMINE": EXAMINE), so that the regular endings go there.
func hyphenAnchor(f Form) Form {
	a := f.Anchor
	for a+2 < len(f.Words) && f.Words[a+1].Text == "-" && f.Words[a].Join && f.Words[a+1].Join {
		a += 2
	}
	f.Anchor = a
	return f
}

// joinHyphens returns a form's hyphenated words as single words
// ("RE - EXAMINE" as "RE-EXAMINE"), and whether there were any.
func joinHyphens(f Form) (Form, bool) {
	var out Form
	joined := false
	for i := 0; i < len(f.Words); i++ {
		w := f.Words[i]
		anchor := i == f.Anchor
		for i+2 < len(f.Words) && f.Words[i+1].Text == "-" && f.Words[i].Join && f.Words[i+1].Join {
			w.Text += "-" + f.Words[i+2].Text
			w.Join = f.Words[i+2].Join
			anchor = anchor || i+2 == f.Anchor
			i += 2
			joined = true
		}
		if anchor {
			out.Anchor = len(out.Words)
		}
		out.Words = append(out.Words, w)
	}
	return out, joined
}

// formsLine reads a TABARI "{ FORM FORM }" line: forms of the last verb.
func (p *reader) formsLine(s string) {
	if p.lastV == nil {
		p.errorf("verb forms %q without a verb", clip(s))
		return
	}
	if !strings.HasSuffix(s, "}") {
		p.errorf("text after the verb forms %q", clip(s))
		return
	}
	for _, f := range strings.Fields(strings.Trim(s, "{} \t")) {
		form, err := p.verbForm(f)
		if err != nil {
			p.errorf("verb form %q: %v", clip(f), err)
			continue
		}
		p.lastV.Forms = append(p.lastV.Forms, form)
	}
}

// splitForms separates "GIVE {GAVE GIVEN}" into the verb and its forms;
// braces says there were braces. PETRARCH-2 writes "{}" for a verb that
// has no other form; elsewhere empty braces are an error.
func splitForms(s string, emptyOK bool) (words string, forms []string, braces bool, err error) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return strings.TrimSpace(s), nil, false, nil
	}
	j := strings.IndexByte(s, '}')
	if j < i {
		return "", nil, false, errors.New("unbalanced {...}")
	}
	if strings.TrimSpace(s[j+1:]) != "" {
		return "", nil, false, fmt.Errorf("text %q after the forms", clip(s[j+1:]))
	}
	forms = strings.Fields(s[i+1 : j])
	if len(forms) == 0 && !emptyOK {
		return "", nil, false, errors.New("empty {} of verb forms")
	}
	return strings.TrimSpace(s[:i]), forms, true, nil
}

// verbForm reads the words of a verb; a word written "+WORD" is the verb
// itself in a multi-word verb ("WIRE_+TAP"), else the first word is.
func (p *reader) verbForm(s string) (Form, error) {
	toks, err := lex(s)
	if err != nil {
		return Form{}, err
	}
	items, err := p.parseItems(toks)
	if err != nil {
		return Form{}, err
	}
	var f Form
	anchor := -1
	for _, it := range items {
		if it.verb || it.e.Kind != Word {
			return Form{}, fmt.Errorf("%q is not a word", it.e.String())
		}
		if it.anchor {
			if anchor >= 0 {
				return Form{}, errors.New("more than one '+' verb word")
			}
			anchor = len(f.Words)
		}
		f.Words = append(f.Words, it.e)
	}
	if len(f.Words) == 0 {
		return Form{}, errors.New("no words")
	}
	if anchor < 0 {
		anchor = 0
	}
	f.Anchor = anchor
	f.Words[len(f.Words)-1].Join = false
	return f, nil
}

// regularForms returns the regular English forms of a verb: -S, -ED and
// -ING of the verb word ("-ES", "-IES", "-D", dropping a final E).
func regularForms(base Form) []Form {
	w := base.Words[base.Anchor].Text
	if w == "" || base.Words[base.Anchor].Stem {
		return nil
	}
	var out []string
	switch {
	case strings.HasSuffix(w, "E"):
		out = []string{w + "S", w + "D", w[:len(w)-1] + "ING"}
	case consonantY(w):
		out = []string{w[:len(w)-1] + "IES", w[:len(w)-1] + "IED", w + "ING"}
	case sibilant(w):
		out = []string{w + "ES", w + "ED", w + "ING"}
	default:
		out = []string{w + "S", w + "ED", w + "ING"}
	}
	forms := make([]Form, len(out))
	for i, o := range out {
		f := Form{Words: slices.Clone(base.Words), Anchor: base.Anchor}
		f.Words[base.Anchor].Text = o
		forms[i] = f
	}
	return forms
}

// plural returns the regular plural of an upper-case noun.
func plural(w string) string {
	switch {
	case consonantY(w):
		return w[:len(w)-1] + "IES"
	case sibilant(w):
		return w + "ES"
	}
	return w + "S"
}

// consonantY reports whether an upper-case word ends with a consonant and
// Y, which becomes IE before an ending.
func consonantY(w string) bool {
	return len(w) > 1 && strings.HasSuffix(w, "Y") && !strings.ContainsRune("AEIOU", rune(w[len(w)-2]))
}

// sibilant reports whether an upper-case word ends with S, X, Z, CH or SH,
// which take -ES.
func sibilant(w string) bool {
	return strings.HasSuffix(w, "S") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "Z") ||
		strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH")
}

// finish checks that every named synset is defined and drops the patterns
// and phrases that name one that is not, or that names itself through
// other synsets.
func (p *reader) finish() {
	for _, r := range p.refs {
		if _, ok := p.d.Synsets[r.name]; !ok {
			p.errorAt(r.line, "synset %s is not defined", r.name)
			r.drop()
		}
	}
	// A synset may name others; a cycle would never end.
	state := map[string]int{} // 1: being visited, 2: done
	var visit func(name string) bool
	visit = func(name string) bool {
		switch state[name] {
		case 1:
			return false
		case 2:
			return true
		}
		state[name] = 1
		s := p.d.Synsets[name]
		for i, ph := range s.Phrases {
			for _, n := range phraseRefs(ph) {
				if _, def := p.d.Synsets[n]; def && !visit(n) {
					// The phrase closes a cycle: it goes, and the cycle with it.
					p.errorAt(s.Line, "synset %s names itself through %s", name, n)
					s.Phrases[i] = nil
					break
				}
			}
		}
		state[name] = 2
		return true
	}
	names := make([]string, 0, len(p.d.Synsets))
	for n := range p.d.Synsets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		visit(n)
	}
	for _, s := range p.d.Synsets {
		s.Phrases = slices.DeleteFunc(s.Phrases, func(ph Phrase) bool { return ph == nil })
	}
	for _, e := range p.d.Entries {
		e.Patterns = slices.DeleteFunc(e.Patterns, func(pt *Pattern) bool { return pt == nil })
	}
	p.checkTransforms()
	if p.d.Format == 0 {
		p.d.Format = PETRARCH
	}
	if p.d.Format.blocks() {
		// PETRARCH matches whole words, and the words of a synset or
		// alternative phrase follow each other.
		for _, s := range p.d.Synsets {
			for _, ph := range s.Phrases {
				wholeWords(ph, true)
			}
		}
		for _, e := range p.d.Entries {
			for _, v := range e.Verbs {
				for _, f := range v.Forms {
					wholeWords(f.Words, false)
				}
			}
			for _, pt := range e.Patterns {
				wholeWords(pt.Before, false)
				wholeWords(pt.After, false)
				for _, cs := range [][]Constituent{pt.Upper, pt.Lower} {
					for _, c := range cs {
						for i := range c.Nouns {
							c.Nouns[i].Head.Stem = false
							wholeWords(c.Nouns[i].Mods, false)
						}
					}
				}
			}
		}
	}
}

// wholeWords clears the stem marks of a phrase and, when join is set (a
// synset or alternative phrase), joins its elements.
func wholeWords(ph Phrase, join bool) {
	for i := range ph {
		ph[i].Stem = false
		if join && i < len(ph)-1 {
			ph[i].Join = true
		}
		for _, a := range ph[i].Alts {
			wholeWords(a, true)
		}
	}
}

func phraseRefs(ph Phrase) []string {
	var out []string
	for _, e := range ph {
		switch e.Kind {
		case Synset:
			out = append(out, e.Text)
		case Alt:
			for _, a := range e.Alts {
				out = append(out, phraseRefs(a)...)
			}
		}
	}
	return out
}
