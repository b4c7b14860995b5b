package cameo

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// The files of an ontology, as written by cameo/gen.
const (
	FileCodes    = "codes.tsv"
	FileQuads    = "quadclass.tsv"
	FileTypes    = "plover_types.tsv"
	FileModes    = "plover_modes.tsv"
	FileContexts = "plover_contexts.tsv"
	FileOld      = "plover_old.tsv"
	FileRoles    = "actor_roles.tsv"
	FileRegions  = "regions.tsv"
)

// Load reads and validates the tables in the root of fsys. It reports every
// bad line it finds, each as a *dyad.InputError naming the file and line and
// wrapping dyad.ErrInvalid, joined into one error.
func Load(fsys fs.FS) (*Ontology, error) {
	l := &loader{fsys: fsys, o: &Ontology{
		index: map[string]int{}, quads: map[string][2]int{}, typeIdx: map[string]int{},
		old: map[string]oldName{}, roles: map[string]string{}, regions: map[string]string{},
	}}
	l.contexts()
	l.types()
	l.modes()
	l.quadClasses()
	l.codes()
	l.oldNames()
	l.labels(FileRoles, l.o.roles)
	l.labels(FileRegions, l.o.regions)
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.o, nil
}

type loader struct {
	fsys fs.FS
	o    *Ontology
	errs []error
}

// row is one data line of a table.
type row struct {
	line int
	f    []string
}

func (l *loader) errorf(file string, line int, format string, args ...any) {
	l.errs = append(l.errs, &dyad.InputError{Input: file, Line: line, Offset: -1,
		Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), dyad.ErrInvalid)})
}

// table reads a file's data rows; comment lines start with '#', the first
// other line names the columns.
func (l *loader) table(file string, columns ...string) []row {
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.errs = append(l.errs, &dyad.InputError{Input: file, Offset: -1, Err: err})
		return nil
	}
	rows, errs := parseTable(file, data, columns)
	l.errs = append(l.errs, errs...)
	return rows
}

func parseTable(file string, data []byte, columns []string) ([]row, []error) {
	var rows []row
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &dyad.InputError{Input: file, Line: n, Offset: -1,
			Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), dyad.ErrInvalid)})
	}
	header := false
	n := 0
	rest := string(data)
	for rest != "" {
		n++
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			bad(n, "not UTF-8")
			continue
		}
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			if !slices.Equal(f, columns) {
				bad(n, "header is %q, want %q", line, strings.Join(columns, "\t"))
				return nil, errs
			}
			header = true
			continue
		}
		if len(f) != len(columns) {
			bad(n, "want %d tab-separated fields, got %d", len(columns), len(f))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		rows = append(rows, row{line: n, f: f})
	}
	if !header {
		bad(max(n, 1), "no header row")
	}
	return rows, errs
}

var (
	typeRE    = regexp.MustCompile(`^[A-Z]+$`)
	modeRE    = regexp.MustCompile(`^[a-z][a-z-]*$`)
	contextRE = regexp.MustCompile(`^[a-z][a-z_]*$`)
	labelRE   = regexp.MustCompile(`^[A-Z]{3}$`)
)

// score parses a score in [-10, 10]; empty is allowed when optional.
func (l *loader) score(file string, r row, s string, optional bool) (float64, bool) {
	if s == "" && optional {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= -10 && v <= 10) {
		l.errorf(file, r.line, "score %q is not a number in [-10, 10]", s)
		return 0, false
	}
	return v, true
}

func (l *loader) contexts() {
	for _, r := range l.table(FileContexts, "context") {
		c := r.f[0]
		switch {
		case !contextRE.MatchString(c):
			l.errorf(FileContexts, r.line, "bad context %q", c)
		case slices.Contains(l.o.contexts, c):
			l.errorf(FileContexts, r.line, "context %s given twice", c)
		default:
			l.o.contexts = append(l.o.contexts, c)
		}
	}
}

func (l *loader) types() {
	for _, r := range l.table(FileTypes, "type", "quad", "score", "description") {
		name := r.f[0]
		if !typeRE.MatchString(name) {
			l.errorf(FileTypes, r.line, "bad type name %q", name)
			continue
		}
		if _, dup := l.o.typeIdx[name]; dup {
			l.errorf(FileTypes, r.line, "type %s given twice", name)
			continue
		}
		q, err := strconv.Atoi(r.f[1])
		if err != nil || q < 1 || q > 4 {
			l.errorf(FileTypes, r.line, "quad class %q is not 1 to 4", r.f[1])
			continue
		}
		sc, _ := l.score(FileTypes, r, r.f[2], false)
		if r.f[3] == "" {
			l.errorf(FileTypes, r.line, "type %s has no description", name)
		}
		l.o.typeIdx[name] = len(l.o.types)
		l.o.types = append(l.o.types, PLOVERType{Name: name, QuadClass: q, Score: sc, Description: r.f[3]})
	}
}

func (l *loader) modes() {
	for _, r := range l.table(FileModes, "type", "mode", "score", "description") {
		i, ok := l.o.typeIdx[r.f[0]]
		if !ok {
			l.errorf(FileModes, r.line, "unknown PLOVER type %q", r.f[0])
			continue
		}
		t := &l.o.types[i]
		name := r.f[1]
		if !modeRE.MatchString(name) {
			l.errorf(FileModes, r.line, "bad mode name %q", name)
			continue
		}
		if slices.ContainsFunc(t.Modes, func(m PLOVERMode) bool { return m.Name == name }) {
			l.errorf(FileModes, r.line, "mode %s of %s given twice", name, t.Name)
			continue
		}
		sc, has := l.score(FileModes, r, r.f[2], true)
		t.Modes = append(t.Modes, PLOVERMode{Name: name, Score: sc, HasScore: has, Description: r.f[3]})
	}
}

func (l *loader) quadClasses() {
	for _, r := range l.table(FileQuads, "root", "name", "quad", "phoenix_quad") {
		root := r.f[0]
		if !isCode(root) || len(root) != 2 || root < "01" || root > "20" {
			l.errorf(FileQuads, r.line, "root %q is not 01 to 20", root)
			continue
		}
		if _, dup := l.o.quads[root]; dup {
			l.errorf(FileQuads, r.line, "root %s given twice", root)
			continue
		}
		q, err1 := strconv.Atoi(r.f[2])
		pq, err2 := strconv.Atoi(r.f[3])
		if err1 != nil || q < 1 || q > 4 || err2 != nil || pq < 0 || pq > 4 {
			l.errorf(FileQuads, r.line, "quad classes %q, %q are not 1-4 and 0-4", r.f[2], r.f[3])
			continue
		}
		l.o.quads[root] = [2]int{q, pq}
	}
}

var bases = []string{BasisCrosswalk, BasisRoot, BasisAppeal, BasisManual, BasisDyad}

func (l *loader) codes() {
	const file = FileCodes
	rows := l.table(file, "code", "name", "goldstein", "goldstein_codebook", "goldstein_phoenix",
		"plover_type", "plover_mode", "plover_context", "plover_basis", "plover_note",
		"description", "usage", "example")
	lines := map[string]int{}
	for _, r := range rows {
		f := r.f
		c := Code{Code: f[0], Name: f[1], PLOVERType: f[5], PLOVERMode: f[6], PLOVERBasis: f[8],
			PLOVERNote: f[9], Description: f[10], Usage: f[11], Example: f[12]}
		if !isCode(c.Code) {
			l.errorf(file, r.line, "code %q is not two to four digits", c.Code)
			continue
		}
		if prev, dup := lines[c.Code]; dup {
			l.errorf(file, r.line, "code %s given twice (first at line %d)", c.Code, prev)
			continue
		}
		c.Root, c.Parent = Root(c.Code), Parent(c.Code)
		q, ok := l.o.quads[c.Root]
		if !ok {
			l.errorf(file, r.line, "code %s: root %s has no quad class", c.Code, c.Root)
			continue
		}
		c.QuadClass, c.PhoenixQuadClass = q[0], q[1]
		if c.Name == "" {
			l.errorf(file, r.line, "code %s has no name", c.Code)
			continue
		}
		var okG, okC bool
		c.Goldstein, okG = l.score(file, r, f[2], false)
		c.GoldsteinCodebook, okC = l.score(file, r, f[3], false)
		if !okG || !okC {
			continue
		}
		if f[4] != "" {
			if c.GoldsteinPhoenix, c.HasPhoenix = l.score(file, r, f[4], true); !c.HasPhoenix {
				continue
			}
		}
		ti, ok := l.o.typeIdx[c.PLOVERType]
		if !ok {
			l.errorf(file, r.line, "code %s: unknown PLOVER type %q", c.Code, c.PLOVERType)
			continue
		}
		if c.PLOVERMode != "" && !slices.ContainsFunc(l.o.types[ti].Modes, func(m PLOVERMode) bool { return m.Name == c.PLOVERMode }) {
			l.errorf(file, r.line, "code %s: %q is not a mode of %s", c.Code, c.PLOVERMode, c.PLOVERType)
			continue
		}
		if f[7] != "" {
			c.PLOVERContexts = strings.Split(f[7], ";")
		}
		if i := slices.IndexFunc(c.PLOVERContexts, func(x string) bool { return !slices.Contains(l.o.contexts, x) }); i >= 0 {
			l.errorf(file, r.line, "code %s: unknown PLOVER context %q", c.Code, c.PLOVERContexts[i])
			continue
		}
		if !slices.Contains(bases, c.PLOVERBasis) {
			l.errorf(file, r.line, "code %s: unknown PLOVER basis %q", c.Code, c.PLOVERBasis)
			continue
		}
		lines[c.Code] = r.line
		l.o.codes = append(l.o.codes, c)
	}
	slices.SortFunc(l.o.codes, func(a, b Code) int { return strings.Compare(a.Code, b.Code) })
	for i, c := range l.o.codes {
		l.o.index[c.Code] = i
	}
	for _, c := range l.o.codes {
		if c.Parent != "" {
			if _, ok := l.o.index[c.Parent]; !ok {
				l.errorf(file, lines[c.Code], "code %s: parent %s is missing", c.Code, c.Parent)
			}
		}
	}
	for _, root := range slices.Sorted(maps.Keys(l.o.quads)) {
		if _, ok := l.o.index[root]; !ok && len(rows) > 0 {
			l.errorf(file, 0, "root %s has no code", root)
		}
	}
}

func (l *loader) oldNames() {
	for _, r := range l.table(FileOld, "old", "type", "mode", "note") {
		name, typ, mode := r.f[0], r.f[1], r.f[2]
		if !typeRE.MatchString(name) {
			l.errorf(FileOld, r.line, "bad event name %q", name)
			continue
		}
		if _, dup := l.o.old[name]; dup {
			l.errorf(FileOld, r.line, "event name %s given twice", name)
			continue
		}
		i, ok := l.o.typeIdx[typ]
		if !ok {
			l.errorf(FileOld, r.line, "unknown PLOVER type %q", typ)
			continue
		}
		if mode != "" && !slices.ContainsFunc(l.o.types[i].Modes, func(m PLOVERMode) bool { return m.Name == mode }) {
			l.errorf(FileOld, r.line, "%q is not a mode of %s", mode, typ)
			continue
		}
		l.o.old[name] = oldName{typ: typ, mode: mode}
	}
}

func (l *loader) labels(file string, into map[string]string) {
	for _, r := range l.table(file, "code", "label") {
		switch {
		case !labelRE.MatchString(r.f[0]):
			l.errorf(file, r.line, "code %q is not three capital letters", r.f[0])
		case r.f[1] == "":
			l.errorf(file, r.line, "code %s has no label", r.f[0])
		case into[r.f[0]] != "":
			l.errorf(file, r.line, "code %s given twice", r.f[0])
		default:
			into[r.f[0]] = r.f[1]
		}
	}
}
