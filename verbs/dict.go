package verbs

import (
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// ErrFormat is the cause of every malformed-line error. It wraps dyad.ErrInvalid.
var ErrFormat = fmt.Errorf("%w: malformed verb dictionary line", dyad.ErrInvalid)

// Format is the dialect of a verb dictionary.
type Format int

// The dialects.
const (
	// PETRARCH dictionaries group verbs in blocks headed "--- NAME [CODE] ---";
	// the verbs of a block share its patterns, and words match whole.
	PETRARCH Format = iota + 1
	// TABARI dictionaries give every verb its own patterns; a word is a stem
	// unless it ends with '_' (or '='), and a '~' after a word keeps it a stem.
	TABARI
)

// String returns "PETRARCH" or "TABARI".
func (f Format) String() string {
	switch f {
	case PETRARCH:
		return "PETRARCH"
	case TABARI:
		return "TABARI"
	}
	return "unknown"
}

// Kind is the kind of a pattern element.
type Kind uint8

// The kinds of element.
const (
	Word     Kind = iota + 1 // a literal word
	Synset                   // &NAME: any phrase of a synonym set
	Alt                      // { A | B }: any of the alternative phrases (TABARI)
	Source                   // $: the event's source, an actor phrase
	Target                   // +: the event's target, an actor phrase
	Compound                 // %: a coordinated actor phrase, source and target at once
	Skip                     // ^: skip one noun phrase
)

// Elem is one element of a pattern, a verb form or a phrase.
type Elem struct {
	Kind Kind `json:"kind"`
	// Text is the upper-case word (Word) or the synset's name with its '&'.
	Text string `json:"text,omitempty"`
	// Stem is set when the word matches every word that starts with it
	// (TABARI roots).
	Stem bool `json:"stem,omitempty"`
	// Join is set when the next element must follow this one directly
	// ('_'); otherwise other words may come between them.
	Join bool `json:"join,omitempty"`
	// Alts are the phrases of an Alt element.
	Alts []Phrase `json:"alts,omitempty"`
}

// Phrase is a sequence of words and synsets whose words follow each other.
type Phrase []Elem

// String writes the phrase back in dictionary syntax.
func (p Phrase) String() string {
	var b strings.Builder
	for i, e := range p {
		b.WriteString(e.String())
		if i < len(p)-1 {
			if e.Join {
				b.WriteByte('_')
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// String writes the element back in dictionary syntax.
func (e Elem) String() string {
	switch e.Kind {
	case Word, Synset:
		return e.Text
	case Source:
		return "$"
	case Target:
		return "+"
	case Compound:
		return "%"
	case Skip:
		return "^"
	case Alt:
		var parts []string
		for _, a := range e.Alts {
			parts = append(parts, a.String())
		}
		return "{ " + strings.Join(parts, " | ") + " }"
	}
	return "?"
}

// Form is one way a verb is written: its words, the one of them that is the
// verb itself (Anchor) and, for TABARI roots, whether that word is a stem.
// "WIRE_+TAP" is Words WIRE TAP with Anchor 1.
type Form struct {
	Words  Phrase `json:"words"`
	Anchor int    `json:"anchor"`
}

// Verb is a verb of an entry with all its forms and its own code.
type Verb struct {
	Forms []Form `json:"forms"`
	// Code is the code of the verb alone, when no pattern matches; "---"
	// codes nothing.
	Code string `json:"code"`
	Line int    `json:"line"`
}

// Pattern is one "- words * words [CODE]" line: the elements before the verb
// (in text order) and after it, and the code.
type Pattern struct {
	Before Phrase `json:"before,omitempty"`
	After  Phrase `json:"after,omitempty"`
	// VerbJoin is set when the first element after the verb must follow it
	// directly ("*_UPON").
	VerbJoin bool   `json:"verb_join,omitempty"`
	Code     string `json:"code"`
	Line     int    `json:"line"`
}

// String writes the pattern back in dictionary syntax.
func (p *Pattern) String() string {
	var b strings.Builder
	b.WriteString("- ")
	if len(p.Before) > 0 {
		b.WriteString(p.Before.String())
		if p.Before[len(p.Before)-1].Join {
			b.WriteByte('_')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('*')
	if len(p.After) > 0 {
		if p.VerbJoin {
			b.WriteByte('_')
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(p.After.String())
	}
	b.WriteString(" [" + p.Code + "]")
	return b.String()
}

// Entry is a PETRARCH verb block or a TABARI verb line: verbs that share
// patterns.
type Entry struct {
	Name     string     `json:"name"`
	Code     string     `json:"code"` // the block's code, the default of its verbs
	Line     int        `json:"line"`
	Verbs    []*Verb    `json:"verbs"`
	Patterns []*Pattern `json:"patterns,omitempty"`
}

// SynsetDef is a synonym set: &NAME and its phrases.
type SynsetDef struct {
	Name    string   `json:"name"`
	Phrases []Phrase `json:"phrases"`
	Line    int      `json:"line"`
}

// Dict is the content of one verb dictionary file.
type Dict struct {
	Name    string                `json:"name"`
	Format  Format                `json:"format"`
	Synsets map[string]*SynsetDef `json:"synsets"`
	Entries []*Entry              `json:"entries"`
	// Errors counts the malformed lines, which were skipped.
	Errors int `json:"errors"`
}

// Counts summarises a Dict.
type Counts struct {
	Entries  int
	Verbs    int
	Forms    int
	Patterns int
	Synsets  int
	Errors   int
}

// Counts returns the number of entries of d.
func (d *Dict) Counts() Counts {
	c := Counts{Entries: len(d.Entries), Synsets: len(d.Synsets), Errors: d.Errors}
	for _, e := range d.Entries {
		c.Verbs += len(e.Verbs)
		c.Patterns += len(e.Patterns)
		for _, v := range e.Verbs {
			c.Forms += len(v.Forms)
		}
	}
	return c
}

// String formats the counts for a report.
func (c Counts) String() string {
	s := fmt.Sprintf("%d entries, %d verbs (%d forms), %d patterns, %d synsets", c.Entries, c.Verbs, c.Forms, c.Patterns, c.Synsets)
	if c.Errors > 0 {
		s += fmt.Sprintf(", %d malformed lines", c.Errors)
	}
	return s
}

// NullCode reports whether code produces no event: "---" (none), "+++"
// (complex) or "###" (discard), alone or on both sides of a pair.
func NullCode(code string) bool {
	switch code {
	case "---", "+++", "###", "":
		return true
	}
	return false
}

// SplitCode splits a paired code "032:033" into the code of the source's
// event and that of the target's answering event; an unpaired code has no
// answer ("").
func SplitCode(code string) (forward, back string) {
	f, b, _ := strings.Cut(code, ":")
	return f, b
}
