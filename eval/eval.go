// Package eval reads the public gold sets of event coding and scores a coder
// against them. Each reader turns one foreign format into Records; Score runs a
// Coder over the records and reports precision, recall and F1 of the coded
// (source, target, CAMEO) triples at three levels, the events produced where
// none are expected, a confusion of CAMEO roots and the worst records; Report
// writes itself as text, JSON or a markdown table row.
//
// The sets, by name (see Sets): petrarch (PETRARCH unit tests, fictional actors),
// tabari (TABARI validation suite), petrarch2-gsr (UniversalPetrarch records
// with real actors), plover-gsr (PLOVER gold standard records, scored by PLOVER
// event type and source country) and cameo-examples (the example sentence of
// each CAMEO code, scored by whether the code is produced).
//
// # Codes and their normal form
//
// Codes are compared as strings after Norm: surrounding space is removed and
// letters are upper-cased. Leading zeros are significant and never added or
// removed, because CAMEO needs them: "010" (make statement, root 01) is not
// "10" (demand). The gold sets give codes with their zeros ("010", "0101"), and
// a coder must too. The root of an event code is its first two characters
// ("1122" -> "11"); the country of an actor code is its first three ("IRNGOV"
// -> "IRN"). An actor written "---" (none) normalises to "", so an expected
// missing target matches a produced empty one; "---GOV" (a government of no
// known country) is kept. TABARI's "~" mark of an agent-only actor is part of
// the code. The validation sets also use codes that are not CAMEO (WEIS codes
// in TABARI, test codes such as "075A"): they are compared the same way.
//
// # Records and errors
//
// Every reader returns the records it could read and, if any record was
// malformed, an error joining one *dyad.InputError per bad record (file, line
// and record id, wrapping dyad.ErrInvalid); the bad record is skipped and the
// rest is read. Errors splits such an error back into its parts.
package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadhq/dyad"
)

// Triple is one expected or produced event: source did Code to target.
type Triple struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

// Norm returns the triple with its codes in normal form.
func (t Triple) Norm() Triple {
	return Triple{Source: NormActor(t.Source), Target: NormActor(t.Target), Code: NormCode(t.Code)}
}

// String returns "SRC TGT CODE", with "---" for a missing actor.
func (t Triple) String() string {
	s, g := t.Source, t.Target
	if s == "" {
		s = "---"
	}
	if g == "" {
		g = "---"
	}
	return s + " " + g + " " + t.Code
}

// Record is one gold sentence (or short text) with what must be coded from it.
type Record struct {
	Set  string `json:"set"`
	ID   string `json:"id"`
	Date string `json:"date,omitempty"` // YYYY-MM-DD
	Text string `json:"text"`

	// Events are the expected triples, normalised.
	Events []Triple `json:"events,omitempty"`
	// NoEvent says the text must yield no event.
	NoEvent bool `json:"no_event,omitempty"`
	// Discard says the coder must discard the text or report an input error
	// (TABARI {###}; PETRARCH error="storydiscard", "dateline", ...);
	// DiscardKind is the gold set's name for it.
	Discard     bool   `json:"discard,omitempty"`
	DiscardKind string `json:"discard_kind,omitempty"`
	// Complex says the gold set does not check the record (TABARI {+++} and
	// the records after TABARI's end-of-validation record; UniversalPetrarch
	// evaluate="false").
	Complex bool `json:"complex,omitempty"`

	// Label is the one CAMEO code a classification record is labelled with
	// (cameo-examples); such records have no Events.
	Label string `json:"label,omitempty"`
	// PLOVER is the expected event of a PLOVER gold record.
	PLOVER *PLOVEREvent `json:"plover,omitempty"`

	Category    string `json:"category,omitempty"`     // the gold set's test category, if any
	Parse       string `json:"parse,omitempty"`        // the gold set's parse of Text
	ParseFormat string `json:"parse_format,omitempty"` // "penn" or "conllu"
	Line        int    `json:"line"`                   // 1-based line of the record in its file
}

// The parse formats of Record.ParseFormat.
const (
	ParsePenn   = "penn"   // Penn Treebank bracketed phrase structure
	ParseCoNLLU = "conllu" // CoNLL-U dependencies
)

// Checked reports whether the record's triples are scored: it expects events
// or expects none, and is neither a discard nor unchecked. Records that only
// set options or give no expectation are not checked.
func (r *Record) Checked() bool {
	return !r.Discard && !r.Complex && (r.NoEvent || len(r.Events) > 0)
}

// NormCode returns an event code in normal form: trimmed and upper-cased.
func NormCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// NormActor returns an actor code in normal form: trimmed and upper-cased,
// with "---" (no actor) as "".
func NormActor(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if strings.Trim(s, "-") == "" {
		return ""
	}
	return s
}

// CodeRoot returns the first two characters of a normalised event code.
func CodeRoot(code string) string {
	code = NormCode(code)
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// Country returns the first three characters of a normalised actor code: the
// country (or IGO, or "---") part.
func Country(actor string) string {
	actor = NormActor(actor)
	if len(actor) < 3 {
		return actor
	}
	return actor[:3]
}

// Set is one gold set this package can read.
type Set struct {
	Name    string // "petrarch"
	Path    string // the file, relative to the reference data folder (slash-separated)
	Read    func(r io.Reader, name string) ([]Record, error)
	Source  string // where the file comes from
	License string
}

var sets = []Set{
	{"petrarch", "petrarch/PETR.UnitTest.records.xml", ReadPETRARCH,
		"openeventdata/petrarch2 data/text/PETR.UnitTest.records.xml", "MIT"},
	{"tabari", "tabari/Validate.text", ReadTABARI,
		"philip-schrodt/TABARI-Code Validate.text", "GPL-3.0 (test data)"},
	{"petrarch2-gsr", "universal-petrarch/PETR2_GSR_validation.xml", ReadPETRARCH2,
		"openeventdata/UniversalPetrarch PETR2_GSR_validation.xml", "MIT"},
	{"plover-gsr", "plover/PLOVER_GSR_CAMEO.txt", ReadPLOVER,
		"openeventdata/PLOVER gold_standard_records PLOVER_GSR_CAMEO.txt", "CC BY-SA 4.0"},
	{"cameo-examples", "cameo/cameo_codes.tsv", ReadCAMEOExamples,
		"andybega/icews data-raw/cameo-codes.csv (examples of the CAMEO codebook)", "MIT"},
}

// Sets returns the gold sets this package reads, in a fixed order.
func Sets() []Set { return append([]Set(nil), sets...) }

// LookupSet returns the set with the given name.
func LookupSet(name string) (Set, bool) {
	for _, s := range sets {
		if s.Name == name {
			return s, true
		}
	}
	return Set{}, false
}

// Load reads the named set from the reference data folder dataDir (normally
// ../shared/data from the repository root). Like the readers it returns every
// record it could read, with an error joining the per-record errors; an
// unknown set or a missing file is an error with no records.
func Load(ctx context.Context, dataDir, name string) ([]Record, error) {
	s, ok := LookupSet(name)
	if !ok {
		return nil, fmt.Errorf("eval: gold set %q: %w", name, dyad.ErrNotFound)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, filepath.FromSlash(s.Path))
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: gold set %s: %w", name, err)
	}
	defer f.Close()
	return s.Read(f, path)
}

// Errors splits an error returned by a reader into its per-record errors.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// recordErr is a bad record's error.
func recordErr(input string, line int, id, format string, args ...any) error {
	return &dyad.InputError{Input: input, Line: line, Record: id, Offset: -1,
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), dyad.ErrInvalid)}
}

// joinErrs joins per-record errors; nil when there are none.
func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// oneLine collapses the white space of a wrapped text into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Counts summarises a set's records.
type Counts struct {
	Records    int `json:"records"`
	WithEvents int `json:"with_events"` // records that expect events (checked or not)
	Events     int `json:"events"`      // their expected events
	NoEvent    int `json:"no_event"`
	Discard    int `json:"discard"`
	Complex    int `json:"complex"`
	Checked    int `json:"checked"` // records scored by triples (Record.Checked)
	Labelled   int `json:"labelled"`
	PLOVER     int `json:"plover"`
}

// Count summarises recs.
func Count(recs []Record) Counts {
	var c Counts
	for i := range recs {
		r := &recs[i]
		c.Records++
		if len(r.Events) > 0 {
			c.WithEvents++
			c.Events += len(r.Events)
		}
		if r.NoEvent {
			c.NoEvent++
		}
		if r.Discard {
			c.Discard++
		}
		if r.Complex {
			c.Complex++
		}
		if r.Checked() {
			c.Checked++
		}
		if r.Label != "" {
			c.Labelled++
		}
		if r.PLOVER != nil {
			c.PLOVER++
		}
	}
	return c
}

// Doc returns a new document holding the record's text, for a coder that runs
// dyad's stages: its article id is "set/id" and its publication date the
// record's date.
func (r *Record) Doc() *dyad.Doc {
	return &dyad.Doc{
		Article: dyad.Article{ID: r.Set + "/" + r.ID, Source: r.Set, Published: r.Date},
		Text:    r.Text,
	}
}
