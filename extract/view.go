package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// ment is one actor mention placed in its sentence.
type ment struct {
	start, end int // bytes
	actor      *dyad.Actor
	code       string // the mention's own code, else the actor's
}

// speaker returns the mention as a quotation's speaker.
func (m *ment) speaker() dyad.Speaker {
	return dyad.Speaker{Actor: m.actor.ID, Name: m.actor.Name, Code: m.code}
}

// country returns the ISO 3166-1 alpha-3 code of a mention of a state, or "".
func (m *ment) country() string {
	if m.actor.Kind != "" && m.actor.Kind != dyad.KindState {
		return ""
	}
	if c := m.actor.Country; len(c) == 3 {
		return c
	}
	if len(m.code) >= 3 && isCode(m.code[:3]) && !strings.HasPrefix(m.code, "IGO") && !strings.HasPrefix(m.code, "NGO") {
		return m.code[:3]
	}
	return ""
}

// sent is one sentence seen by a stage: its tokens with their lower-case
// forms and vocabulary roles, and the actor mentions that start inside it.
type sent struct {
	s     *dyad.Sentence
	toks  []dyad.Token
	low   []string
	roles []role
	ments []ment // sorted by start
	tags  bool   // the tagger has run
	all   role   // the union of the tokens' roles
}

// has reports whether token i opens a phrase of a vocabulary.
func (s *sent) has(i int, r role) bool { return i >= 0 && i < len(s.roles) && s.roles[i]&r != 0 }

// view is a document prepared for matching.
type view struct {
	d     *dyad.Doc
	sents []sent
}

// newView indexes d: lower-case forms and roles per token and actor
// mentions per sentence.
func newView(d *dyad.Doc, v *vocab) *view {
	vw := &view{d: d, sents: make([]sent, len(d.Sentences))}
	n := 0
	for i := range d.Sentences {
		n += len(d.Sentences[i].Tokens)
	}
	lows, roles := make([]string, n), make([]role, n)
	lt := lowerText(d.Text)
	for i := range d.Sentences {
		s := &d.Sentences[i]
		low, rl := lows[:len(s.Tokens):len(s.Tokens)], roles[:len(s.Tokens):len(s.Tokens)]
		lows, roles = lows[len(s.Tokens):], roles[len(s.Tokens):]
		tags := false
		var all role
		for j, tk := range s.Tokens {
			if tk.Start >= 0 && tk.End <= len(lt) && tk.End-tk.Start == len(tk.Form) && d.Text[tk.Start:tk.End] == tk.Form {
				low[j] = lt[tk.Start:tk.End]
			} else {
				low[j] = lower(tk.Form)
			}
			if w := low[j]; w != "" && !(w[0] >= '0' && w[0] <= '9') {
				rl[j] = v.roles[w]
				all |= rl[j]
			}
			if tk.XPOS != "" || tk.UPOS != "" {
				tags = true
			}
		}
		vw.sents[i] = sent{s: s, toks: s.Tokens, low: low, roles: rl, tags: tags, all: all}
	}
	for ai := range d.Actors {
		a := &d.Actors[ai]
		for _, m := range a.Mentions {
			si := vw.sentenceAt(m.Start)
			if si < 0 || m.End <= m.Start {
				continue
			}
			code := m.Code
			if code == "" {
				code = a.Code
			}
			vw.sents[si].ments = append(vw.sents[si].ments, ment{start: m.Start, end: m.End, actor: a, code: code})
		}
	}
	for i := range vw.sents {
		ms := vw.sents[i].ments
		if len(ms) > 1 {
			sort.Sort(byStart(ms))
		}
	}
	return vw
}

// byStart orders mentions by start, the longest first among equal starts.
type byStart []ment

func (b byStart) Len() int      { return len(b) }
func (b byStart) Swap(i, j int) { b[i], b[j] = b[j], b[i] }
func (b byStart) Less(i, j int) bool {
	if b[i].start != b[j].start {
		return b[i].start < b[j].start
	}
	if b[i].end != b[j].end {
		return b[i].end > b[j].end
	}
	return b[i].actor.ID < b[j].actor.ID
}

// lowerText returns s in lower case, keeping every character's byte length
// so token offsets stay valid (a character whose lower case has another
// length is left as it is). It does not allocate for text in lower case.
func lowerText(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(b[i:], l)
		}
		i += size
	}
	return string(b)
}

// sentenceAt returns the index of the sentence holding byte off, or -1.
func (v *view) sentenceAt(off int) int {
	ss := v.d.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	if i < len(ss) && ss[i].Start <= off {
		return i
	}
	return -1
}

// lower returns the lower case of a token form; it does not allocate for
// forms already in lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// text returns the source text of tokens [i, j) of s.
func (s *sent) text(d *dyad.Doc, i, j int) string {
	if i >= j {
		return ""
	}
	return d.Text[s.toks[i].Start:s.toks[j-1].End]
}

// span returns the byte span of tokens [i, j).
func (s *sent) span(i, j int) dyad.Span {
	return dyad.Span{Start: s.toks[i].Start, End: s.toks[j-1].End}
}

// mentionEnding returns the longest mention that ends with token j, or nil.
func (s *sent) mentionEnding(j int) *ment {
	var best *ment
	end := s.toks[j].End
	for k := range s.ments {
		m := &s.ments[k]
		if m.end == end && (best == nil || m.start < best.start) {
			best = m
		}
	}
	return best
}

// mentionStarting returns the longest mention that starts with token i, or nil.
func (s *sent) mentionStarting(i int) *ment {
	start := s.toks[i].Start
	for k := range s.ments {
		m := &s.ments[k]
		if m.start == start {
			return m // sorted longest first among equal starts
		}
		if m.start > start {
			break
		}
	}
	return nil
}

// mentionCovering returns the narrowest mention covering token i, or nil.
func (s *sent) mentionCovering(i int) *ment {
	var best *ment
	t := s.toks[i]
	for k := range s.ments {
		m := &s.ments[k]
		if m.start > t.Start {
			break
		}
		if m.end >= t.End && (best == nil || m.end-m.start < best.end-best.start) {
			best = m
		}
	}
	return best
}

// tokenAt returns the index of the token starting at byte off, or -1.
func (s *sent) tokenAt(off int) int {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].Start >= off })
	if i < len(s.toks) && s.toks[i].Start == off {
		return i
	}
	return -1
}

// tokenEndingAt returns the index of the token ending at byte off, or -1.
func (s *sent) tokenEndingAt(off int) int {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].End >= off })
	if i < len(s.toks) && s.toks[i].End == off {
		return i
	}
	return -1
}

// isPunct reports whether a token is punctuation (by tag, or by its first
// character when untagged).
func (s *sent) isPunct(i int) bool {
	t := s.toks[i]
	if t.UPOS != "" {
		return t.UPOS == "PUNCT"
	}
	return isPunctForm(t.Form)
}

func isPunctForm(f string) bool {
	if f == "" {
		return true
	}
	c := f[0]
	if c < 0x80 {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '$' || c == '%' || c == '#' || c == '@')
	}
	switch {
	case strings.HasPrefix(f, "“"), strings.HasPrefix(f, "”"), strings.HasPrefix(f, "‘"), strings.HasPrefix(f, "’"),
		strings.HasPrefix(f, "—"), strings.HasPrefix(f, "–"), strings.HasPrefix(f, "«"), strings.HasPrefix(f, "»"),
		strings.HasPrefix(f, "„"), strings.HasPrefix(f, "…"):
		return true
	}
	return false
}

// isCapitalized reports whether a form starts with a capital letter.
func isCapitalized(f string) bool {
	if f == "" {
		return false
	}
	c := f[0]
	if c < 0x80 {
		return c >= 'A' && c <= 'Z'
	}
	r := []rune(f)[0]
	return strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}
