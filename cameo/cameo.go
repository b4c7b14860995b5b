// Package cameo is the CAMEO event ontology and its PLOVER mapping as data:
// the 312 CAMEO event codes with name, Goldstein value, quad class, codebook
// description, usage notes and example; the PLOVER v2 event types and modes,
// and the type (and mode, where the crosswalk gives one) of every CAMEO code;
// the PLOVER 0.5b1 names of older gold sets; and the CAMEO actor role and
// region codes.
//
// The tables are TSV files in data/, written by `go run ./cameo/gen` from the
// reference data sets (the andybega/icews CAMEO codebook, MIT; GDELT's codebook
// lists; the Phoenix pipeline, MIT; the PLOVER manual and crosswalk, CC BY-SA
// 4.0) and embedded in the binary. They are parsed and validated once, on first
// use; a bad line is an error that names its file and line.
//
// Goldstein is GDELT's table (CAMEO.goldsteinscale.txt), because that is what
// analysts compare event data against; the codebook's and Phoenix's values, which
// differ on 016, 022, 124, 1246 and 163-166, are kept as GoldsteinCodebook and
// GoldsteinPhoenix. GDELT's table lacks 1213, which takes the codebook's value.
//
// Quad classes are Phoenix's classes by root (1 verbal cooperation, 2 material
// cooperation, 3 verbal conflict, 4 material conflict), except that Phoenix puts
// 01 and 02 in a neutral class 0 and dyad, like GDELT, counts them as verbal
// cooperation; PhoenixQuadClass keeps Phoenix's own value.
//
// PLOVER drops CAMEO 01 (statements) and 02 (appeals). So that every code has a
// PLOVER type, 02 codes map as their parallel 10 (demand) codes (v2 REQUEST
// covers all requests), 015 and 016 follow the manual's suggestion (AGREE,
// REJECT), and the other 01 codes carry dyad's choice; Code.PLOVERBasis says
// which rule gave each mapping, so a user can leave the dyad choices out.
//
// Codes are strings and their leading zeros matter: "010" (make statement,
// root 01) is not "10" (demand).
package cameo

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Code is one CAMEO event code.
type Code struct {
	Code              string   `json:"code"` // "036"
	Name              string   `json:"name"` // "Express intent to meet or negotiate"
	Goldstein         float64  `json:"goldstein"`
	GoldsteinCodebook float64  `json:"goldstein_codebook"`
	GoldsteinPhoenix  float64  `json:"goldstein_phoenix"`
	HasPhoenix        bool     `json:"has_phoenix"`        // Phoenix's table has the code
	QuadClass         int      `json:"quad_class"`         // 1..4
	PhoenixQuadClass  int      `json:"phoenix_quad_class"` // 0..4, 0 neutral
	PLOVERType        string   `json:"plover_type"`        // "AGREE"
	PLOVERMode        string   `json:"plover_mode,omitempty"`
	PLOVERContexts    []string `json:"plover_contexts,omitempty"`
	PLOVERBasis       string   `json:"plover_basis"` // crosswalk, root, appeal, manual or dyad
	PLOVERNote        string   `json:"plover_note,omitempty"`
	Description       string   `json:"description,omitempty"`
	Usage             string   `json:"usage,omitempty"`
	Example           string   `json:"example,omitempty"`
	Root              string   `json:"root"`   // "03"
	Parent            string   `json:"parent"` // "03" for 036, "" for a root
}

// The bases of a code's PLOVER mapping.
const (
	BasisCrosswalk = "crosswalk" // CAMEO2PLOVER-2021, modes renamed to v2 where noted
	BasisRoot      = "root"      // a root takes the mapping of its X0 code
	BasisAppeal    = "appeal"    // an 02 code maps as its parallel 10 code
	BasisManual    = "manual"    // the manual's note on 015 and 016
	BasisDyad      = "dyad"      // dyad's choice for an 01 code PLOVER drops
)

// PLOVERType is one PLOVER v2 event type.
type PLOVERType struct {
	Name        string       `json:"name"`
	QuadClass   int          `json:"quad_class"`
	Score       float64      `json:"score"`
	Description string       `json:"description"`
	Modes       []PLOVERMode `json:"modes,omitempty"`
}

// PLOVERMode is one mode of a PLOVER event type.
type PLOVERMode struct {
	Name        string  `json:"name"`
	Score       float64 `json:"score"`
	HasScore    bool    `json:"has_score"`
	Description string  `json:"description"`
}

// Ontology is a loaded, validated set of tables. It is read-only and safe for
// concurrent use.
type Ontology struct {
	codes    []Code // sorted by code
	index    map[string]int
	quads    map[string][2]int // root -> quad, Phoenix quad
	types    []PLOVERType
	typeIdx  map[string]int
	contexts []string
	old      map[string]oldName
	roles    map[string]string
	regions  map[string]string
}

type oldName struct{ typ, mode string }

//go:embed data/*.tsv
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultOnt  *Ontology
	defaultErr  error
)

// Default returns the ontology of the embedded tables, loading and validating
// them on first use.
func Default() (*Ontology, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultOnt, defaultErr = Load(sub)
	})
	return defaultOnt, defaultErr
}

// must returns the default ontology. The embedded tables are checked by the
// package's tests, so a failure here is a programmer error.
func must() *Ontology {
	o, err := Default()
	if err != nil {
		panic("cameo: embedded tables: " + err.Error())
	}
	return o
}

// Lookup returns the code's entry in the default ontology.
func Lookup(code string) (Code, bool) { return must().Lookup(code) }

// All returns every code of the default ontology, sorted.
func All() []Code { return must().All() }

// ActorRole returns the label of a CAMEO actor role (type) code: "GOV" is
// "Government".
func ActorRole(code string) (string, bool) { return must().ActorRole(code) }

// Region returns the label of a CAMEO region code: "WST" is "The West".
func Region(code string) (string, bool) { return must().Region(code) }

// PLOVERFromOld returns the PLOVER v2 type of an event name of PLOVER 0.5b1
// ("DEMAND" is "REQUEST") or of v2 itself, or "" when the name is neither.
func PLOVERFromOld(name string) string { return must().PLOVERFromOld(name) }

// PLOVERModeFromOld returns the v2 mode implied by a PLOVER 0.5b1 event name
// ("INVESTIGATE" is ACCUSE with mode "investigate"), or "".
func PLOVERModeFromOld(name string) string { return must().PLOVERModeFromOld(name) }

// PLOVERTypes returns the names of the 16 PLOVER v2 event types in the order
// of the manual.
func PLOVERTypes() []string { return must().PLOVERTypes() }

// Root returns the two-digit root of a CAMEO code ("03" for "0362"), or "" when
// code is not two to four digits.
func Root(code string) string {
	if !isCode(code) {
		return ""
	}
	return code[:2]
}

// Parent returns the code one level up: "036" for "0361", "03" for "036", ""
// for a root or a string that is not a code.
func Parent(code string) string {
	if !isCode(code) || len(code) == 2 {
		return ""
	}
	return code[:len(code)-1]
}

func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Lookup returns the entry of code (surrounding spaces ignored).
func (o *Ontology) Lookup(code string) (Code, bool) {
	i, ok := o.index[strings.TrimSpace(code)]
	if !ok {
		return Code{}, false
	}
	return o.codes[i].clone(), true
}

// All returns every code, sorted.
func (o *Ontology) All() []Code {
	out := make([]Code, len(o.codes))
	for i, c := range o.codes {
		out[i] = c.clone()
	}
	return out
}

// Children returns the codes directly below code, sorted.
func (o *Ontology) Children(code string) []Code {
	var out []Code
	for _, c := range o.codes {
		if c.Parent == code {
			out = append(out, c.clone())
		}
	}
	return out
}

// ActorRole returns the label of a CAMEO actor role code.
func (o *Ontology) ActorRole(code string) (string, bool) {
	s, ok := o.roles[strings.ToUpper(strings.TrimSpace(code))]
	return s, ok
}

// Region returns the label of a CAMEO region code.
func (o *Ontology) Region(code string) (string, bool) {
	s, ok := o.regions[strings.ToUpper(strings.TrimSpace(code))]
	return s, ok
}

// PLOVERFromOld returns the v2 type of a PLOVER 0.5b1 or v2 event name, or "".
func (o *Ontology) PLOVERFromOld(name string) string {
	n := strings.ToUpper(strings.TrimSpace(name))
	if v, ok := o.old[n]; ok {
		return v.typ
	}
	if _, ok := o.typeIdx[n]; ok {
		return n
	}
	return ""
}

// PLOVERModeFromOld returns the v2 mode implied by a PLOVER 0.5b1 event name
// ("INVESTIGATE" is ACCUSE with mode "investigate"), or "".
func (o *Ontology) PLOVERModeFromOld(name string) string {
	return o.old[strings.ToUpper(strings.TrimSpace(name))].mode
}

// PLOVERTypes returns the names of the PLOVER v2 event types.
func (o *Ontology) PLOVERTypes() []string {
	out := make([]string, len(o.types))
	for i, t := range o.types {
		out[i] = t.Name
	}
	return out
}

// PLOVERType returns a PLOVER v2 event type with its modes.
func (o *Ontology) PLOVERType(name string) (PLOVERType, bool) {
	i, ok := o.typeIdx[strings.ToUpper(strings.TrimSpace(name))]
	if !ok {
		return PLOVERType{}, false
	}
	t := o.types[i]
	t.Modes = slices.Clone(t.Modes)
	return t, true
}

// PLOVERContexts returns the PLOVER v2 contexts.
func (o *Ontology) PLOVERContexts() []string { return slices.Clone(o.contexts) }

// QuadClass returns the quad class of a root or of any code below it.
func (o *Ontology) QuadClass(code string) (int, bool) {
	q, ok := o.quads[Root(strings.TrimSpace(code))]
	return q[0], ok
}

func (c Code) clone() Code {
	c.PLOVERContexts = slices.Clone(c.PLOVERContexts)
	return c
}
