package dict_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
	"github.com/dyadhq/dyad/dyadtest"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    dict.Date
		wantErr bool
	}{
		{"090120", 20090120, false},
		{"300101", 20300101, false},
		{"310101", 19310101, false},
		{"510724", 19510724, false},
		{"19411207", 19411207, false},
		{"2023-02-24", 20230224, false},
		{"20120229", 20120229, false},
		{"20100229", 0, true},
		{"20100931", 0, true},
		{"2004017", 0, true},
		{"1920030320", 0, true},
		{"", 0, true},
		{"12ab56", 0, true},
	}
	for _, tt := range tests {
		got, err := dict.ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestReadActors(t *testing.T) {
	const src = `<!-- a header
over two lines -->
# comment
IRAN_  [IRN] # the country
+IRANIAN
+ISLAMIC_REPUBLIC_OF_IRAN
HASSAN_ROUHANI_
+ROUHANI
	[IRNGOVLEG 19800528-20000526]
	[IRNGOV >130804] # president
	[IRNELI]
ALBRIGHT  [USAGOV 991201-010114] [---] ;ems 02 Feb 2001
GOLLUM
	[HOB < 950601]
	[HOBGOV 950601 - 990815]
+SMEAGOL  
BAD_DATE [ABC 2004017-20061201]
	[950601-990815]
NASGUL  [###]
CARLOS SANTOS_CRUZ_	[IGOUNO]
<NOUN>
BEES
</NOUN>
~~FINISH
AFTER_THE_END [ZZZ]
`
	d, err := dict.Read("test.actors", strings.NewReader(src), dict.KindActors)
	want := []dict.Actor{
		{Phrase: dict.Phrase{Words: []string{"IRAN"}, Exact: true}, Line: 4, Comment: "the country",
			Synonyms: []dict.Phrase{{Words: []string{"IRANIAN"}}, {Words: []string{"ISLAMIC", "REPUBLIC", "OF", "IRAN"}}},
			Codes:    []dict.Code{{Code: "IRN", Line: 4}}},
		{Phrase: dict.Phrase{Words: []string{"HASSAN", "ROUHANI"}, Exact: true}, Line: 7,
			Synonyms: []dict.Phrase{{Words: []string{"ROUHANI"}}},
			Codes: []dict.Code{
				{Code: "IRNGOVLEG", From: 19800528, To: 20000526, Line: 9},
				{Code: "IRNGOV", From: 20130804, Line: 10},
				{Code: "IRNELI", Line: 11}}},
		{Phrase: dict.Phrase{Words: []string{"ALBRIGHT"}}, Line: 12, Comment: "ems 02 Feb 2001",
			Codes: []dict.Code{{Code: "USAGOV", From: 19991201, To: 20010114, Line: 12}, {Code: "---", Line: 12}}},
		{Phrase: dict.Phrase{Words: []string{"GOLLUM"}}, Line: 13,
			Synonyms: []dict.Phrase{{Words: []string{"SMEAGOL"}}},
			Codes:    []dict.Code{{Code: "HOB", To: 19950601, Line: 14}, {Code: "HOBGOV", From: 19950601, To: 19990815, Line: 15}}},
		{Phrase: dict.Phrase{Words: []string{"BAD", "DATE"}}, Line: 17},
		{Phrase: dict.Phrase{Words: []string{"NASGUL"}}, Line: 19, Codes: []dict.Code{{Code: "###", Line: 19}}},
		{Phrase: dict.Phrase{Words: []string{"CARLOS", "SANTOS", "CRUZ"}, Loose: []bool{true, false}, Exact: true}, Line: 20,
			Codes: []dict.Code{{Code: "IGOUNO", Line: 20}}},
	}
	if diff := cmp.Diff(want, d.Actors); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}
	if d.Skipped != 1 {
		t.Errorf("Skipped = %d, want 1", d.Skipped)
	}
	// Two bad lines: a 7-digit date (17) and a code line without a code (18).
	if diff := cmp.Diff([]int{17, 18}, errorLines(t, "test.actors", err)); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
}

func TestCodeOn(t *testing.T) {
	a := dict.Actor{Codes: []dict.Code{
		{Code: "HOBCIV", To: 20080120},
		{Code: "ORCHOB", From: 20100109, To: 20100112},
		{Code: "HOBMIL", From: 20080120, To: 20121109},
		{Code: "HOB"},
	}}
	tests := []struct {
		day  dict.Date
		want string
	}{
		{20070101, "HOBCIV"},
		{20100110, "ORCHOB"},
		{20110101, "HOBMIL"},
		{20200101, "HOB"},
		{0, "HOB"},
	}
	for _, tt := range tests {
		c, ok := a.CodeOn(tt.day)
		if !ok || c.Code != tt.want {
			t.Errorf("CodeOn(%v) = %q, %v; want %q", tt.day, c.Code, ok, tt.want)
		}
	}
	if _, ok := (&dict.Actor{}).CodeOn(20200101); ok {
		t.Error("CodeOn of an actor without codes: ok")
	}
}

func TestReadAgents(t *testing.T) {
	const src = `!PERSON! = MAN, MEN, WOMAN
FOREIGN_MINISTER [~GOVFRM] # jap
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
MILITARY_FACTORY [~MIL]
ARMY [~MIL]
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
NOMARKER!NONE! [~ABC]
NO_TILDE [GOV]
`
	d, err := dict.Read("test.agents", strings.NewReader(src), dict.KindAgents)
	ph := func(s string) dict.Phrase { return dict.Phrase{Words: strings.Split(s, " ")} }
	want := []dict.Agent{
		{Phrase: ph("FOREIGN MINISTER"), Plurals: []dict.Phrase{ph("FOREIGN MINISTERS")}, Code: "GOVFRM", Comment: "jap", Line: 2},
		{Phrase: ph("POLICE"), Code: "COP", Line: 3},
		{Phrase: ph("ATTORNEY GENERAL"), Plurals: []dict.Phrase{ph("ATTORNEYS GENERAL")}, Code: "GOV", Line: 4},
		{Phrase: ph("CONGRESSMAN"), Code: "LEG", Line: 5},
		{Phrase: ph("CONGRESSMEN"), Code: "LEG", Line: 5},
		{Phrase: ph("CONGRESSWOMAN"), Code: "LEG", Line: 5},
		{Phrase: ph("HUMAN RIGHTS BODY"), Plurals: []dict.Phrase{ph("HUMAN RIGHTS BODIES")}, Code: "NGO", Prefix: true, Line: 6},
		{Phrase: ph("MILITARY FACTORY"), Plurals: []dict.Phrase{ph("MILITARY FACTORIES")}, Code: "MIL", Line: 7},
		{Phrase: ph("ARMY"), Plurals: []dict.Phrase{ph("ARMIES")}, Code: "MIL", Line: 8},
	}
	if diff := cmp.Diff(want, d.Agents); diff != "" {
		t.Errorf("agents (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{9, 10, 11, 12}, errorLines(t, "test.agents", err)); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
}

func TestReadDiscards(t *testing.T) {
	d, err := dict.Read("x.discards", strings.NewReader("# c\nMONTHS LATER\n+World Golf Championships   # pas\nBAD [X]\n"), dict.KindDiscards)
	want := []dict.Discard{
		{Phrase: dict.Phrase{Words: []string{"MONTHS", "LATER"}, Loose: []bool{true}}, Line: 2},
		{Phrase: dict.Phrase{Words: []string{"WORLD", "GOLF", "CHAMPIONSHIPS"}, Loose: []bool{true, true}}, Story: true, Line: 3},
	}
	if diff := cmp.Diff(want, d.Discards); diff != "" {
		t.Errorf("discards (-want +got):\n%s", diff)
	}
	if err == nil || !strings.Contains(err.Error(), "x.discards:4:") {
		t.Errorf("err = %v, want one naming x.discards:4", err)
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"MINISTER": "MINISTERS", "ARMY": "ARMIES", "ATTORNEY": "ATTORNEYS", "BUS": "BUSES",
		"CHURCH": "CHURCHES", "box": "boxes", "spokesman": "spokesmans", "": "",
	} {
		if got := dict.Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectKind(t *testing.T) {
	for name, want := range map[string]dict.Kind{
		"/x/Phoenix.agents.txt":           dict.KindAgents,
		"tabari/Validate.agents":          dict.KindAgents,
		"Phoenix.discards.txt":            dict.KindDiscards,
		"Phoenix.Countries.actors.txt":    dict.KindActors,
		"agents/TABARI.Demo.actors":       dict.KindActors,
		"my-own-dictionary.txt":           dict.KindActors,
		"PETR.Validate.discards.txt":      dict.KindDiscards,
		"PETR.Validate.agents.txt":        dict.KindAgents,
		"Phoenix.MilNonState.actors.txt":  dict.KindActors,
		"Phoenix.International.actors.tx": dict.KindActors,
	} {
		if got := dict.DetectKind(name); got != want {
			t.Errorf("DetectKind(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestReference loads every dictionary of the shared reference data and
// checks its counts and the lines known to be malformed.
func TestReference(t *testing.T) {
	tests := []struct {
		path      string
		want      dict.Counts
		errorLine []int
	}{
		{"phoenix/Phoenix.Countries.actors.txt",
			dict.Counts{Actors: 18390, Synonyms: 7526, Codes: 28381, DatedCodes: 26102, Errors: 9},
			[]int{2039, 14190, 15346, 18010, 22508, 22519, 31715, 43613, 51384}},
		{"phoenix/Phoenix.International.actors.txt",
			dict.Counts{Actors: 7841, Synonyms: 66, Codes: 7895, DatedCodes: 451, Errors: 1}, []int{40}},
		{"phoenix/Phoenix.MilNonState.actors.txt",
			dict.Counts{Actors: 1021, Synonyms: 772, Codes: 1021, DatedCodes: 1}, nil},
		{"phoenix/Phoenix.agents.txt", dict.Counts{Agents: 3301, AgentForms: 5152, Errors: 2}, []int{544, 1927}},
		{"phoenix/Phoenix.discards.txt", dict.Counts{Discards: 506}, nil},
		{"petrarch/PETR.Validate.actors.txt", dict.Counts{Actors: 128, Synonyms: 33, Codes: 138, DatedCodes: 13}, nil},
		{"petrarch/PETR.Validate.agents.txt", dict.Counts{Agents: 95, AgentForms: 165}, nil},
		{"petrarch/PETR.Validate.discards.txt", dict.Counts{Discards: 9}, nil},
		{"tabari/TABARI.Demo.actors", dict.Counts{Actors: 120, Synonyms: 5, Codes: 131, DatedCodes: 12, Skipped: 13}, nil},
		{"tabari/Validate.agents", dict.Counts{Agents: 86, AgentForms: 172}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			path := dyadtest.Shared(t, "data/"+tt.path)
			start := time.Now()
			d, err := dict.Load(path)
			took := time.Since(start)
			if d == nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d.Counts()); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errorLine, errorLines(t, path, err)); diff != "" {
				t.Errorf("malformed lines (-want +got):\n%s", diff)
			}
			t.Logf("%s: %v in %v", tt.path, d.Counts(), took)
		})
	}
}

func BenchmarkLoadPhoenixCountries(b *testing.B) {
	path := dyadtest.Shared(b, "data/phoenix/Phoenix.Countries.actors.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, _ := dict.Read(path, strings.NewReader(string(data)), dict.KindActors)
		if len(d.Actors) != 18390 {
			b.Fatalf("%d actors", len(d.Actors))
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("IRAN_ [IRN]\n+IRANIAN\n\t[IRNGOV 20130803-20170803]\n", 1)
	f.Add("!P! = MAN, MEN\nCONGRESS!P! [~LEG]\nPOLICE {} [~COP]\nX {Y Z} [NGO~]\n", 2)
	f.Add("+STORY LEVEL\nMONTHS LATER\n", 3)
	f.Add("<!-- c\n -->\nA [B <990101] [C >20000101] [D 1-2]\n<NOUN>\nX\n</NOUN>\n~~FINISH\n", 1)
	f.Add("[ ] [[ ]] {{ }} # ; <! -- -->", 2)
	f.Fuzz(func(t *testing.T, src string, k int) {
		kind := dict.Kind(1 + (k%3+3)%3)
		d, err := dict.Read("fuzz", strings.NewReader(src), kind)
		if d == nil {
			t.Fatal("nil Dict")
		}
		if lines := errorLines(t, "fuzz", err); d.Errors != len(lines) || t.Failed() {
			t.Fatalf("Errors = %d, but %d errors returned: %v", d.Errors, len(lines), err)
		}
		for _, a := range d.Actors {
			if len(a.Phrase.Words) == 0 {
				t.Fatalf("actor without words at line %d", a.Line)
			}
			for _, c := range a.Codes {
				if c.From != 0 && c.To != 0 && c.To < c.From {
					t.Fatalf("code %+v ends before it starts", c)
				}
			}
		}
		for _, a := range d.Agents {
			if len(a.Phrase.Words) == 0 || a.Code == "" {
				t.Fatalf("bad agent %+v", a)
			}
		}
	})
}

// errorLines returns the lines of the errors Read returned, in order, each
// of which must be a *dyad.InputError naming a line of input and wrapping
// ErrFormat and dyad.ErrInvalid.
func errorLines(t *testing.T, input string, err error) []int {
	t.Helper()
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	var lines []int
	for _, e := range errs {
		var ie *dyad.InputError
		if !errors.As(e, &ie) || ie.Input != input || ie.Line < 1 || !errors.Is(e, dict.ErrFormat) || !errors.Is(e, dyad.ErrInvalid) {
			t.Errorf("error %v is not an ErrFormat InputError naming a line of %s", e, input)
			continue
		}
		lines = append(lines, ie.Line)
	}
	return lines
}

func ExampleRead() {
	const src = "HASSAN_ROUHANI_\n+ROUHANI\n\t[IRNGOVLEG 19800528-20000526]\n\t[IRNGOV >20130803]\n"
	d, err := dict.Read("example.actors", strings.NewReader(src), dict.KindActors)
	if err != nil {
		fmt.Println(err)
	}
	a := d.Actors[0]
	for _, day := range []dict.Date{19900101, 20150601, 20050101} {
		c, ok := a.CodeOn(day)
		fmt.Println(a.Phrase, a.Synonyms[0], day, c.Code, ok)
	}
	fmt.Println(d.Counts())
	// Output:
	// HASSAN ROUHANI ROUHANI 1990-01-01 IRNGOVLEG true
	// HASSAN ROUHANI ROUHANI 2015-06-01 IRNGOV true
	// HASSAN ROUHANI ROUHANI 2005-01-01  false
	// 1 actors, 1 synonyms, 2 codes (2 dated)
}
