// Package dict reads the actor, agent and discard dictionaries of the TABARI
// and PETRARCH event coders, so users can bring the Phoenix dictionaries or
// their own to dyad. It only parses: the actor package decides what the
// entries mean for an article.
//
// # What is supported
//
// Every format:
//   - comments: '#' and ';' to the end of the line (outside [...] and {...}),
//     and XML comments <!-- ... -->, also over several lines ("<! --" too);
//   - blank lines; lines of markup alone such as <NOUN> ... </NOUN> or
//     <ADJECTIVE> ... </ADJECTIVE> (TABARI word lists, skipped with their
//     contents and counted in Dict.Skipped);
//   - the end markers ~~FINISH and ---STOP---: the rest of the file is ignored;
//   - phrases: words joined by '_' (consecutive) or ' ' (PETRARCH allows
//     other words between; the connector is kept in Phrase.Loose), upper-cased;
//     a phrase ending with '_' is exact (Phrase.Exact).
//
// Actor dictionaries (Phoenix.Countries.actors.txt and the like):
//   - NAME_ [CODE] primary phrases, +SYNONYM lines, and code lines indented
//     with a tab or spaces ("\t[IRNGOV 20130803-20170803]");
//   - codes with dates in either layout: TABARI's inline "NAME [CODE <date]
//     [CODE]" and PETRARCH's indented lines; "<date" before, ">date" after,
//     "date-date" between, all inclusive, blanks allowed around the signs;
//   - dates YYMMDD (00-30 read as 20YY, others as 19YY, as KEDS, TABARI and
//     PETRARCH do) or YYYYMMDD, checked against the calendar;
//   - the special codes "---" (null), "###" (discard) and "+++" (complex),
//     codes without a country root ("[ELI]") and slash groups ("[ELR/GAL]").
//
// Agent dictionaries (Phoenix.agents.txt, PETR.Validate.agents.txt,
// TABARI Validate.agents):
//   - PHRASE [~CODE] adds CODE after the actor's code, PHRASE [CODE~] before
//     it (Agent.Prefix); blanks inside the brackets are ignored;
//   - plurals: an explicit list in {...} replaces the regular plural, {}
//     means none; otherwise the regular English plural of the last word is
//     generated (PETRARCH's behaviour, with "-ys" after a vowel);
//   - substitution sets "!PERSON! = MAN, MEN, WOMAN" used as "CONGRESS!PERSON!"
//     expand to one agent per member, without further plurals.
//
// Discard lists: one phrase a line; a leading '+' marks a story-level discard.
//
// A malformed line (an unclosed bracket, a code without a code, a date that
// is not a date, a synonym before any actor, an undefined substitution set)
// is reported as a *dyad.InputError naming the file and line, wrapping
// ErrFormat (and so dyad.ErrInvalid); the other lines still load, and an
// entry keeps its well-formed codes.
package dict

import (
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// ErrFormat is the cause of every malformed-line error. It wraps dyad.ErrInvalid.
var ErrFormat = fmt.Errorf("%w: malformed dictionary line", dyad.ErrInvalid)

// Kind is the kind of a dictionary file.
type Kind int

// The kinds of dictionary.
const (
	KindActors Kind = iota + 1
	KindAgents
	KindDiscards
)

// String returns "actors", "agents" or "discards".
func (k Kind) String() string {
	switch k {
	case KindActors:
		return "actors"
	case KindAgents:
		return "agents"
	case KindDiscards:
		return "discards"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// DetectKind guesses a file's kind from its name: a name containing "agent"
// is an agent dictionary, one containing "discard" a discard list, any other
// an actor dictionary.
func DetectKind(name string) Kind {
	n := strings.ToLower(name)
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	switch {
	case strings.Contains(n, "agent"):
		return KindAgents
	case strings.Contains(n, "discard"):
		return KindDiscards
	}
	return KindActors
}

// Phrase is a dictionary phrase: upper-case words in order.
type Phrase struct {
	Words []string `json:"words"`
	// Loose[i] is true when Words[i] and Words[i+1] were joined by a blank
	// rather than '_' (PETRARCH then allows other words between them).
	Loose []bool `json:"loose,omitempty"`
	// Exact is true when the phrase ended with '_'.
	Exact bool `json:"exact,omitempty"`
}

// String returns the words joined by single blanks.
func (p Phrase) String() string { return strings.Join(p.Words, " ") }

// Code is one code of an actor with the dates it applies to. From and To are
// inclusive; a zero bound is open, so a Code with both zero is a default.
type Code struct {
	Code string `json:"code"`
	From Date   `json:"from,omitempty"`
	To   Date   `json:"to,omitempty"`
	Line int    `json:"line"`
}

// Dated reports whether c has a date restriction.
func (c Code) Dated() bool { return c.From != 0 || c.To != 0 }

// Applies reports whether c applies on day d. An undated code applies always;
// a dated code never applies on an unknown day (d == 0).
func (c Code) Applies(d Date) bool {
	if !c.Dated() {
		return true
	}
	if d == 0 {
		return false
	}
	return (c.From == 0 || d >= c.From) && (c.To == 0 || d <= c.To)
}

// Alternatives returns the codes of a slash group ("ELR/GAL": ELR and GAL),
// each of which PETRARCH codes as an actor of its own; a plain code is its
// only alternative.
func (c Code) Alternatives() []string {
	if !strings.Contains(c.Code, "/") {
		return []string{c.Code}
	}
	var out []string
	for _, part := range strings.Split(c.Code, "/") {
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Primary returns the first code of a slash group ("ELR" for "ELR/GAL"),
// or the code itself.
func (c Code) Primary() string {
	if i := strings.IndexByte(c.Code, '/'); i > 0 {
		return c.Code[:i]
	}
	return c.Code
}

// Null reports whether the code is one of the special codes that produce no
// actor: "---" (null), "###" (discard) and "+++" (complex).
func (c Code) Null() bool {
	switch c.Code {
	case "---", "###", "+++":
		return true
	}
	return false
}

// Actor is one actor record: a primary phrase, its synonyms and its codes.
type Actor struct {
	Phrase   Phrase   `json:"phrase"`
	Synonyms []Phrase `json:"synonyms,omitempty"`
	Codes    []Code   `json:"codes,omitempty"`
	Comment  string   `json:"comment,omitempty"`
	Line     int      `json:"line"`
}

// CodeOn returns the actor's code on day d (0 when unknown): the first dated
// code that applies, else the last undated one. ok is false when none applies.
func (a *Actor) CodeOn(d Date) (c Code, ok bool) {
	for _, c := range a.Codes {
		if c.Dated() && c.Applies(d) {
			return c, true
		}
	}
	for i := len(a.Codes) - 1; i >= 0; i-- {
		if !a.Codes[i].Dated() {
			return a.Codes[i], true
		}
	}
	return Code{}, false
}

// Agent is one agent record: a role phrase and the code it adds to an actor.
type Agent struct {
	Phrase  Phrase   `json:"phrase"`
	Plurals []Phrase `json:"plurals,omitempty"`
	Code    string   `json:"code"`
	// Prefix is true for CODE~ (the code goes before the actor's code).
	Prefix  bool   `json:"prefix,omitempty"`
	Comment string `json:"comment,omitempty"`
	Line    int    `json:"line"`
}

// Discard is one discard phrase.
type Discard struct {
	Phrase Phrase `json:"phrase"`
	Story  bool   `json:"story,omitempty"` // '+': discard the whole story
	Line   int    `json:"line"`
}

// Dict is the content of one dictionary file.
type Dict struct {
	Name     string
	Kind     Kind
	Actors   []Actor
	Agents   []Agent
	Discards []Discard
	Skipped  int // lines skipped inside <NOUN>/<ADJECTIVE>-style blocks
	Errors   int // malformed lines
}

// Counts summarises a Dict.
type Counts struct {
	Actors     int // actor records
	Synonyms   int // synonym phrases of actors
	Codes      int // actor codes
	DatedCodes int // actor codes with a date restriction
	Agents     int // agent records (after expanding substitution sets)
	AgentForms int // agent phrases including plurals
	Discards   int
	Skipped    int
	Errors     int
}

// Counts returns the numbers of entries of d.
func (d *Dict) Counts() Counts {
	c := Counts{Actors: len(d.Actors), Agents: len(d.Agents), Discards: len(d.Discards),
		Skipped: d.Skipped, Errors: d.Errors}
	for i := range d.Actors {
		c.Synonyms += len(d.Actors[i].Synonyms)
		c.Codes += len(d.Actors[i].Codes)
		for _, code := range d.Actors[i].Codes {
			if code.Dated() {
				c.DatedCodes++
			}
		}
	}
	for i := range d.Agents {
		c.AgentForms += 1 + len(d.Agents[i].Plurals)
	}
	return c
}

// String formats the counts for a log line or a report.
func (c Counts) String() string {
	var b strings.Builder
	if c.Actors > 0 {
		fmt.Fprintf(&b, "%d actors, %d synonyms, %d codes (%d dated)", c.Actors, c.Synonyms, c.Codes, c.DatedCodes)
	}
	if c.Agents > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d agents (%d forms)", c.Agents, c.AgentForms)
	}
	if c.Discards > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d discards", c.Discards)
	}
	if b.Len() == 0 {
		b.WriteString("no entries")
	}
	if c.Skipped > 0 {
		fmt.Fprintf(&b, ", %d lines skipped", c.Skipped)
	}
	if c.Errors > 0 {
		fmt.Fprintf(&b, ", %d malformed lines", c.Errors)
	}
	return b.String()
}
