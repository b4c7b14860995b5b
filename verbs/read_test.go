package verbs

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

func load(t *testing.T, name string) *Dict {
	t.Helper()
	d, err := Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return d
}

// loadAs loads a test dictionary that must be in the given dialect.
func loadAs(t *testing.T, name string, f Format) *Dict {
	t.Helper()
	d := load(t, name)
	if d.Format != f {
		t.Fatalf("%s: format %v, want %v", name, d.Format, f)
	}
	return d
}

func entry(t *testing.T, d *Dict, name string) *Entry {
	t.Helper()
	for _, e := range d.Entries {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("%s has no entry %s", d.Name, name)
	return nil
}

// forms writes the forms of an entry's verbs as "WORD WORD" with the verb
// word in brackets and stems marked '*'.
func forms(e *Entry) []string {
	var out []string
	for _, v := range e.Verbs {
		for _, f := range v.Forms {
			var ws []string
			for i, w := range f.Words {
				s := w.Text
				if w.Stem {
					s += "*"
				}
				if i == f.Anchor {
					s = "[" + s + "]"
				}
				ws = append(ws, s)
			}
			out = append(out, strings.Join(ws, " ")+" "+v.Code)
		}
	}
	return out
}

func patterns(e *Entry) []string {
	var out []string
	for _, p := range e.Patterns {
		out = append(out, p.String())
	}
	return out
}

// synonyms returns the phrases of a synset as written.
func synonyms(d *Dict, name string) []string {
	var out []string
	for _, ph := range d.Synsets[name].Phrases {
		out = append(out, ph.String())
	}
	return out
}

// entryTest is what an entry of a dictionary should hold.
type entryTest struct {
	entry    string
	code     string
	forms    []string // nil: not checked
	patterns []string
}

// checkEntries compares the entries of d with the tests.
func checkEntries(t *testing.T, d *Dict, tests []entryTest) {
	t.Helper()
	for _, tt := range tests {
		e := entry(t, d, tt.entry)
		if e.Code != tt.code {
			t.Errorf("%s: code %q, want %q", tt.entry, e.Code, tt.code)
		}
		if tt.forms != nil {
			if diff := cmp.Diff(tt.forms, forms(e)); diff != "" {
				t.Errorf("%s forms (-want +got):\n%s", tt.entry, diff)
			}
		}
		if diff := cmp.Diff(tt.patterns, patterns(e)); diff != "" {
			t.Errorf("%s patterns (-want +got):\n%s", tt.entry, diff)
		}
	}
}

// errorLines returns the sorted lines of the errors Read returned, each of
// which must be a *dyad.InputError naming a line of input and wrapping
// ErrFormat and dyad.ErrInvalid.
func errorLines(t *testing.T, input string, err error) []int {
	t.Helper()
	var lines []int
	for _, e := range splitErrors(err) {
		var ie *dyad.InputError
		if !errors.As(e, &ie) || ie.Input != input || ie.Line < 1 || !errors.Is(e, ErrFormat) || !errors.Is(e, dyad.ErrInvalid) {
			t.Errorf("error %v is not an ErrFormat InputError naming a line of %s", e, input)
			continue
		}
		lines = append(lines, ie.Line)
	}
	slices.Sort(lines)
	return lines
}

func TestReadPETRARCH(t *testing.T) {
	d := loadAs(t, "petrarch.verbs.txt", PETRARCH)
	if diff := cmp.Diff(Counts{Entries: 9, Verbs: 10, Forms: 38, Patterns: 10, Synsets: 3}, d.Counts()); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	checkEntries(t, d, []entryTest{
		{"RESTORE", "064",
			[]string{"[RESTORE] 064", "[RESTORES] 064", "[RESTORED] 064", "[RESTORING] 064"},
			[]string{"- * &TIETYPES TIES [065]", "- NOT * RELATIONS [112]"}},
		{"LEAVE", "032:033",
			[]string{"[LEAVE] 032:033", "[LEFT] 032:033", "[LEAVES] 032:033", "[LEAVING] 032:033",
				"[DEPART] 032:033", "[DEPARTS] 032:033", "[DEPARTED] 032:033", "[DEPARTING] 032:033"}, nil},
		{"CORDON", "1721",
			[]string{"[CORDON] OFF 1721", "[CORDONED] OFF 1721", "[CORDONS] OFF 1721"}, nil},
		{"CLASH", "223", []string{"[CLASH] 223", "[CLASHES] 223", "[CLASHED] 223", "[CLASHING] 223"},
			[]string{"- &NEGAUX * OVER EFFORTS [904]", "- * OVER EFFORTS [121]"}},
		{"SAY", "023?", []string{"[SAY] 023?", "[SAID] 023?", "[SAYS] 023?"}, nil},
		{"AGREE", "081", nil, []string{"- % * [030:030]", "- * WITH % [031]"}},
		{"WARN", "160", nil, []string{"- * AT ^ + [162]"}},
		{"RIOT", "181", nil, []string{"- *_POLICE [---]"}},
	})
	// Plurals for nouns, none for a set whose name ends with '_'; the
	// words of a phrase follow each other.
	if diff := cmp.Diff([]string{"MILITARY", "MILITARIES", "ECONOMIC", "ECONOMICS"}, synonyms(d, "&TIETYPES")); diff != "" {
		t.Errorf("&TIETYPES (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"DOLLARS", "SWISS_FRANCS"}, synonyms(d, "&CURRENCY")); diff != "" {
		t.Errorf("&CURRENCY (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"DID_N'T", "WILL_NOT"}, synonyms(d, "&NEGAUX")); diff != "" {
		t.Errorf("&NEGAUX (-want +got):\n%s", diff)
	}
	// Line numbers, for rule ids.
	if p := entry(t, d, "RESTORE").Patterns[1]; p.Line != 19 {
		t.Errorf("RESTORE's second pattern at line %d, want 19", p.Line)
	}
}

func TestReadTABARI(t *testing.T) {
	d := loadAs(t, "tabari.verbs", TABARI)
	if n := len(d.Entries); n != 8 {
		t.Errorf("%d entries, want 8 (the <TIME> section and what follows ~~FINISH are not read)", n)
	}
	checkEntries(t, d, []entryTest{
		{"CRITICI", "121", []string{"[CRITICI*] 121"}, []string{"- DESPITE $ * [122]"}},
		{"DEPART", "032", []string{"[DEPART] 032"}, nil},
		{"ACT", "100", []string{"[ACT] 100", "[ACTING] 100", "[ACTXD] 100"}, nil},
		{"ASK", "090", []string{"[ASK*] 090"}, []string{"- * FOR { ECONOMIC_SANCTIONS | TOTAL_BOYCOTT | EMBARGO } [172]"}},
		{"ALLOW", "060", []string{"[ALLOW*] 060"}, []string{"- * REAL_PLEASANT [024]", "- IN_* [075]"}},
		{"CALLED_ON", "094", []string{"[CALLED] ON* 094"}, nil},
		{"BRUSH ASIDE REPORTS", "142", []string{"[BRUSH*] ASIDE* REPORTS* 142"}, nil},
	})
	// REAL~_PLEASANT: a stem joined to the next word; IN_*: a whole word
	// joined to the verb.
	allow := entry(t, d, "ALLOW").Patterns
	if w := allow[0].After[0]; !w.Stem || !w.Join {
		t.Errorf("REAL~_ is %+v, want a joined stem", w)
	}
	if w := allow[1].Before[0]; w.Stem || !w.Join {
		t.Errorf("IN_ is %+v, want a joined whole word", w)
	}
	// Synset words are stems in TABARI, and a blank lets words between.
	ph := d.Synsets["&CURRENCY"].Phrases
	if len(ph) < 3 || !ph[0][0].Stem || ph[2].String() != "SWISS FRANC" {
		t.Errorf("&CURRENCY phrases %v", ph)
	}
}

// TestReadErrors checks that every malformed line is reported with its
// file and line, wraps ErrFormat and dyad.ErrInvalid, and that the rest of
// the file still loads.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		lines   []int // lines of the errors
		entries int
		pats    int
	}{
		{"pattern without code", "--- A [010] ---\nA\n- * FOO\n- * BAR [011]\n", []int{3}, 1, 1},
		{"pattern without verb mark", "--- A [010] ---\nA\n- FOO BAR [011]\n", []int{3}, 1, 0},
		{"two verb marks", "--- A [010] ---\nA\n- * FOO * [011]\n", []int{3}, 1, 0},
		{"unclosed bracket", "--- A [010 ---\nA\n- * FOO [011]\n--- B [020] ---\nB\n", []int{1}, 1, 0},
		{"bad code", "--- A [010] ---\nA\n- * FOO [0 1]\n- * BAR [01:02:03]\n- * BAZ []\n", []int{3, 4, 5}, 1, 0},
		{"pattern before any verb", "- * FOO [011]\n--- A [010] ---\nA\n", []int{1}, 1, 0},
		{"verb before any block", "--- A [010] ---\nA\n", nil, 1, 0},
		{"undefined synset", "--- A [010] ---\nA\n- * &NOPE [011]\n- * FOO [012]\n", []int{3}, 1, 1},
		{"synset naming itself", "&X\n+&Y\n&Y\n+&X\n--- A [010] ---\nA\n", []int{3}, 1, 0},
		{"slot in a synset", "&X\n+FOO_$\n+BAR\n--- A [010] ---\nA\n", []int{2}, 1, 0},
		{"header in a TABARI file", "A [010]\n--- B [020] ---\nB\n- * FOO [021]\n", []int{2, 3}, 1, 0},
		{"TABARI verb without code", "A [010]\nB\n- * FOO [021]\n", []int{2}, 1, 0},
		{"stray brace", "A [010]\n- * { FOO | BAR [021]\n- * } [022]\n", []int{2, 3}, 1, 0},
		{"forms without verb", "{ FOO BAR }\nA [010]\n", []int{1}, 1, 0},
		{"nested brackets", "A [0[1]0]\nB [020]\n", []int{1}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("test.verbs", strings.NewReader(tt.src))
			if diff := cmp.Diff(tt.lines, errorLines(t, "test.verbs", err)); diff != "" {
				t.Errorf("error lines (-want +got):\n%s\nerrors: %v", diff, err)
			}
			if d.Errors != len(tt.lines) {
				t.Errorf("Dict.Errors = %d, want %d", d.Errors, len(tt.lines))
			}
			n := 0
			for _, e := range d.Entries {
				n += len(e.Patterns)
			}
			if len(d.Entries) != tt.entries || n != tt.pats {
				t.Errorf("%d entries with %d patterns, want %d with %d", len(d.Entries), n, tt.entries, tt.pats)
			}
		})
	}
}

func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestReadShared reads the verb dictionaries of the PETRARCH and TABARI
// validation suites and Phoenix's PETRARCH-2 dictionary.
func TestReadShared(t *testing.T) {
	tests := []struct {
		file     string
		format   Format
		counts   Counts
		errLines []int // the malformed lines
	}{
		{"petrarch/PETR.Validate.verbs.txt", PETRARCH, Counts{Entries: 261, Verbs: 269, Forms: 1071, Patterns: 474, Synsets: 17}, nil},
		// TABARI's test file has a synset phrase "PESO_$", which neither
		// TABARI nor PETRARCH allows.
		{"tabari/TABARI.Demo.verbs", TABARI, Counts{Entries: 283, Verbs: 283, Forms: 289, Patterns: 407, Synsets: 5, Errors: 1}, []int{7}},
		// CAMEO.2.0.txt has two patterns with a stray ")" (2374, 7606) and
		// four that name synsets it does not define (&FIGHT_CRIM,
		// &FIGHT_GAMES, &WEATHER, &DEMONSTRATION); of its 4,668 patterns
		// 287 repeat an earlier one of their block.
		{"phoenix/CAMEO.2.0.txt", PETRARCH2,
			Counts{Entries: 397, Verbs: 1817, Forms: 7313, Patterns: 4375, Synsets: 40, Transforms: 8, Errors: 6},
			[]int{2374, 2406, 3887, 7606, 8443, 8444}},
	}
	for _, tt := range tests {
		path := dyadtest.Shared(t, filepath.Join("data", tt.file))
		d, err := Load(path)
		if d == nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if diff := cmp.Diff(tt.errLines, errorLines(t, path, err)); diff != "" {
			t.Errorf("%s: error lines (-want +got):\n%s\n%v", tt.file, diff, err)
		}
		if d.Format != tt.format {
			t.Errorf("%s: format %v", tt.file, d.Format)
		}
		if diff := cmp.Diff(tt.counts, d.Counts()); diff != "" {
			t.Errorf("%s counts (-want +got):\n%s", tt.file, diff)
		}
	}
}
