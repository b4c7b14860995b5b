// Package conllu reads and writes the CoNLL-U format of Universal Dependencies
// treebanks (https://universaldependencies.org/format.html).
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
)

// Word is one syntactic word line (integer ID) of a sentence.
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // -1 when "_"
	Deprel string
	Deps   string
	Misc   string
}

// Multiword is a range line ("3-4 can't") over syntactic words First..Last.
type Multiword struct {
	First, Last int
	Form        string
	Misc        string
}

// Sentence is one sentence: its comments, words and multiword tokens.
type Sentence struct {
	ID         string   // from "# sent_id = "
	Text       string   // from "# text = "
	Comments   []string // every comment line without "# ", in order
	Words      []Word
	Multiwords []Multiword
	Line       int // line of the sentence's first line in its file
}

// ErrFormat is the cause of every malformed-input error.
var ErrFormat = errors.New("malformed CoNLL-U")

// Reader reads sentences one at a time.
type Reader struct {
	name string
	sc   *bufio.Scanner
	line int
}

// NewReader returns a Reader over r; name is used in errors.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	return &Reader{name: name, sc: sc}
}

func (r *Reader) errorf(format string, args ...any) error {
	return &dyad.InputError{Input: r.name, Line: r.line, Offset: -1,
		Err: fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))}
}

// Next returns the next sentence, or io.EOF after the last. A malformed line
// gives an *dyad.InputError naming the file and line; the reader then skips to
// the next sentence, so a caller may go on.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	var bad error
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" || strings.TrimSpace(line) == "" {
			if s == nil && bad == nil {
				continue
			}
			if bad != nil {
				return nil, bad
			}
			if len(s.Words) == 0 {
				return nil, r.errorf("sentence at line %d has no words", s.Line)
			}
			if err := s.check(); err != nil {
				return nil, &dyad.InputError{Input: r.name, Line: s.Line, Offset: -1, Err: err}
			}
			return s, nil
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if bad != nil {
			continue
		}
		if strings.HasPrefix(line, "#") {
			c := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			s.Comments = append(s.Comments, c)
			if v, ok := strings.CutPrefix(c, "sent_id = "); ok {
				s.ID = v
			} else if v, ok := strings.CutPrefix(c, "text = "); ok {
				s.Text = v
			}
			continue
		}
		if err := r.addLine(s, line); err != nil {
			bad = err
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, &dyad.InputError{Input: r.name, Line: r.line + 1, Offset: -1, Err: err}
	}
	if bad != nil {
		return nil, bad
	}
	if s != nil && len(s.Words) > 0 {
		if err := s.check(); err != nil {
			return nil, &dyad.InputError{Input: r.name, Line: s.Line, Offset: -1, Err: err}
		}
		return s, nil
	}
	if s != nil {
		return nil, r.errorf("sentence at line %d has no words", s.Line)
	}
	return nil, io.EOF
}

func (r *Reader) addLine(s *Sentence, line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return r.errorf("want 10 tab-separated fields, got %d", len(f))
	}
	id := f[0]
	if strings.Contains(id, ".") { // empty node of enhanced dependencies
		return nil
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return r.errorf("bad multiword range %q", id)
		}
		s.Multiwords = append(s.Multiwords, Multiword{First: first, Last: last, Form: f[1], Misc: f[9]})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n < 1 {
		return r.errorf("bad word id %q", id)
	}
	if n != len(s.Words)+1 {
		return r.errorf("word id %d out of sequence (want %d)", n, len(s.Words)+1)
	}
	head := -1
	if f[6] != "_" {
		head, err = strconv.Atoi(f[6])
		if err != nil || head < 0 {
			return r.errorf("bad head %q", f[6])
		}
	}
	s.Words = append(s.Words, Word{ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
		Feats: f[5], Head: head, Deprel: f[7], Deps: f[8], Misc: f[9]})
	return nil
}

func (s *Sentence) check() error {
	for _, w := range s.Words {
		if w.Head > len(s.Words) {
			return fmt.Errorf("%w: word %d has head %d beyond the sentence's %d words", ErrFormat, w.ID, w.Head, len(s.Words))
		}
	}
	for _, m := range s.Multiwords {
		if m.Last > len(s.Words) {
			return fmt.Errorf("%w: multiword %d-%d beyond the sentence's %d words", ErrFormat, m.First, m.Last, len(s.Words))
		}
	}
	return nil
}

// ReadAll reads every sentence of r. It returns the sentences read and the
// first error; malformed sentences are skipped and all their errors joined.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	var errs []error
	for {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ie *dyad.InputError
			if !errors.As(err, &ie) {
				return out, err
			}
			errs = append(errs, err)
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Write writes s in CoNLL-U, ending with a blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	mw := 0
	for _, wd := range s.Words {
		for mw < len(s.Multiwords) && s.Multiwords[mw].First == wd.ID {
			m := s.Multiwords[mw]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, orUnderscore(m.Misc))
			mw++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, orUnderscore(wd.Lemma),
			orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), orUnderscore(wd.Feats), head,
			orUnderscore(wd.Deprel), orUnderscore(wd.Deps), orUnderscore(wd.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// Tokens converts the words of s to dyad tokens. Offsets are not known from
// CoNLL-U alone, so Start and End are -1 unless Misc carries TokenRange=a:b.
func (s *Sentence) Tokens() []dyad.Token {
	toks := make([]dyad.Token, len(s.Words))
	for i, w := range s.Words {
		start, end := -1, -1
		if v := miscValue(w.Misc, "TokenRange"); v != "" {
			if a, b, ok := strings.Cut(v, ":"); ok {
				if x, err := strconv.Atoi(a); err == nil {
					if y, err := strconv.Atoi(b); err == nil {
						start, end = x, y
					}
				}
			}
		}
		toks[i] = dyad.Token{Start: start, End: end, Form: w.Form, UPOS: w.UPOS, XPOS: w.XPOS,
			Lemma: w.Lemma, Feats: w.Feats, Head: w.Head, Rel: w.Deprel}
	}
	return toks
}

func miscValue(misc, key string) string {
	for kv := range strings.SplitSeq(misc, "|") {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}
