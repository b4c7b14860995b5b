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
	// PETRARCH2 dictionaries (CAMEO.2.0.txt) have PETRARCH's blocks, but
	// their patterns name the noun phrases and prepositional phrases around
	// the verb rather than a sequence of words, and they end with verb
	// transformations.
	PETRARCH2
)

// String returns "PETRARCH", "TABARI" or "PETRARCH-2".
func (f Format) String() string {
	switch f {
	case PETRARCH:
		return "PETRARCH"
	case TABARI:
		return "TABARI"
	case PETRARCH2:
		return "PETRARCH-2"
	}
	return "unknown"
}

// blocks reports whether the dialect groups verbs in blocks (PETRARCH and
// PETRARCH-2).
func (f Format) blocks() bool { return f == PETRARCH || f == PETRARCH2 }

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
	VerbJoin bool `json:"verb_join,omitempty"`
	// Upper and Lower are the phrases of a PETRARCH-2 pattern before the
	// verb (the subject's) and after it (the verb's objects and
	// prepositional phrases); Before and After are then empty.
	Upper []Constituent `json:"upper,omitempty"`
	Lower []Constituent `json:"lower,omitempty"`
	Code  string        `json:"code"`
	Line  int           `json:"line"`
}

// Constituent is a phrase of a PETRARCH-2 pattern: a noun phrase (Prep is
// nil) or a prepositional phrase "(PREP NOUN...)" whose preposition is one
// of Prep ("(TO/FOR PROTEST)") and which governs Nouns.
type Constituent struct {
	Prep  []string `json:"prep,omitempty"`
	Nouns []Noun   `json:"nouns,omitempty"`
}

// Noun is a noun phrase of a PETRARCH-2 pattern: its head, a word, a synset
// or one of the slots $ + % ^, and the words or synsets before the head
// that must be in the phrase ("{ARMS SHIPMENT}": ARMS modifies SHIPMENT).
// A word written "A/B" is either.
type Noun struct {
	Head Elem   `json:"head"`
	Mods []Elem `json:"mods,omitempty"`
}

// String writes the noun phrase back in dictionary syntax.
func (n Noun) String() string {
	if len(n.Mods) == 0 {
		return n.Head.String()
	}
	var parts []string
	for _, m := range n.Mods {
		parts = append(parts, m.String())
	}
	return "{" + strings.Join(append(parts, n.Head.String()), " ") + "}"
}

// String writes the phrase back in dictionary syntax.
func (c Constituent) String() string {
	if c.Prep == nil {
		if len(c.Nouns) == 0 {
			return ""
		}
		return c.Nouns[0].String()
	}
	parts := []string{strings.Join(c.Prep, "/")}
	for _, n := range c.Nouns {
		parts = append(parts, n.String())
	}
	return "(" + strings.Join(parts, " ") + ")"
}

// String writes the pattern back in dictionary syntax.
func (p *Pattern) String() string {
	if p.Upper != nil || p.Lower != nil {
		parts := []string{"-"}
		for _, c := range p.Upper {
			parts = append(parts, c.String())
		}
		parts = append(parts, "*")
		for _, c := range p.Lower {
			parts = append(parts, c.String())
		}
		return strings.Join(parts, " ") + " [" + p.Code + "]"
	}
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

// Transform is a PETRARCH-2 verb transformation, "~ a (b c LOWER) UPPER =
// x y CODE": when the verb UPPER has source a and governs a clause whose
// verb LOWER has source b and target c, the two make one event x y CODE.
// The variables are letters; a letter used twice names the same actor, "."
// is any target or none and "_" a source the clause does not name (it is
// the upper verb's). LOWER may be "Q", any verb, and CODE "Q", its code.
type Transform struct {
	Source      string `json:"source"`
	LowerSource string `json:"lower_source"`
	LowerTarget string `json:"lower_target"`
	Lower       string `json:"lower"`
	Upper       string `json:"upper"`
	OutSource   string `json:"out_source"`
	OutTarget   string `json:"out_target"`
	Code        string `json:"code"`
	Line        int    `json:"line"`
}

// String writes the transformation back in dictionary syntax.
func (t *Transform) String() string {
	return fmt.Sprintf("~ %s (%s %s %s) %s = %s %s %s", t.Source, t.LowerSource, t.LowerTarget, t.Lower,
		t.Upper, t.OutSource, t.OutTarget, t.Code)
}

// Dict is the content of one verb dictionary file.
type Dict struct {
	Name    string                `json:"name"`
	Format  Format                `json:"format"`
	Synsets map[string]*SynsetDef `json:"synsets"`
	Entries []*Entry              `json:"entries"`
	// Transforms are the verb transformations of a PETRARCH-2 dictionary.
	Transforms []*Transform `json:"transforms,omitempty"`
	// Errors counts the malformed lines, which were skipped.
	Errors int `json:"errors"`
}

// Counts summarises a Dict.
type Counts struct {
	Entries    int
	Verbs      int
	Forms      int
	Patterns   int
	Synsets    int
	Transforms int
	Errors     int
}

// Counts returns the number of entries of d.
func (d *Dict) Counts() Counts {
	c := Counts{Entries: len(d.Entries), Synsets: len(d.Synsets), Transforms: len(d.Transforms), Errors: d.Errors}
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
	if c.Transforms > 0 {
		s += fmt.Sprintf(", %d transformations", c.Transforms)
	}
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
