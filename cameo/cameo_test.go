package cameo

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad/dyadtest"
)

func TestDefaultLoads(t *testing.T) {
	o, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(o.All()); n != 312 {
		t.Errorf("got %d codes, want 312", n)
	}
	if got := PLOVERTypes(); len(got) != 16 {
		t.Errorf("got %d PLOVER types, want 16: %v", len(got), got)
	}
}

func TestEveryCodeIsComplete(t *testing.T) {
	types := PLOVERTypes()
	for _, c := range All() {
		if c.Name == "" {
			t.Errorf("%s has no name", c.Code)
		}
		if c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v outside [-10, 10]", c.Code, c.Goldstein)
		}
		if c.QuadClass < 1 || c.QuadClass > 4 {
			t.Errorf("%s: quad class %d", c.Code, c.QuadClass)
		}
		if !slices.Contains(types, c.PLOVERType) {
			t.Errorf("%s: PLOVER type %q is not a v2 type", c.Code, c.PLOVERType)
		}
		if c.Root != Root(c.Code) || c.Parent != Parent(c.Code) {
			t.Errorf("%s: root %q parent %q", c.Code, c.Root, c.Parent)
		}
		if c.Parent != "" {
			if _, ok := Lookup(c.Parent); !ok {
				t.Errorf("%s: parent %s missing", c.Code, c.Parent)
			}
		}
		if q, _ := must().QuadClass(c.Root); q != c.QuadClass {
			t.Errorf("%s: quad class %d, its root's is %d", c.Code, c.QuadClass, q)
		}
	}
}

// summary is the part of a Code the table test checks.
type summary struct {
	Name                   string
	Goldstein              float64
	GoldsteinCodebook      float64
	Quad                   int
	PLOVERType, PLOVERMode string
	Basis                  string
}

func sum(c Code) summary {
	return summary{c.Name, c.Goldstein, c.GoldsteinCodebook, c.QuadClass, c.PLOVERType, c.PLOVERMode, c.PLOVERBasis}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code string
		want summary
	}{
		{"036", summary{"Express intent to meet or negotiate", 4, 4, 1, "AGREE", "", BasisCrosswalk}},
		{" 036 ", summary{"Express intent to meet or negotiate", 4, 4, 1, "AGREE", "", BasisCrosswalk}},
		{"190", summary{"Use conventional military force", -10, -10, 4, "ASSAULT", "", BasisCrosswalk}},
		{"19", summary{"FIGHT", -10, -10, 4, "ASSAULT", "", BasisRoot}},
		{"112", summary{"Accuse", -2, -2, 3, "ACCUSE", "disapprove", BasisCrosswalk}},
		{"072", summary{"Provide military aid", 8.3, 8.3, 2, "AID", "", BasisCrosswalk}},
		// GDELT's -2; the codebook says -5 and Phoenix 3.4.
		{"016", summary{"Deny responsibility", -2, -5, 1, "REJECT", "", BasisManual}},
		{"022", summary{"Appeal for diplomatic cooperation (such as policy support)", 3.2, 3.4, 1, "REQUEST", "assist", BasisAppeal}},
		{"010", summary{"Make statement", 0, 0, 1, "SUPPORT", "", BasisDyad}},
		{"0841", summary{"Return, release person(s)", 7, 7, 2, "RETREAT", "release", BasisCrosswalk}},
		{"163", summary{"Impose embargo, boycott, or sanctions", -8, -8, 3, "COERCE", "restrict", BasisCrosswalk}},
		{"186", summary{"Assassinate", -10, -10, 4, "ASSAULT", "targeted", BasisCrosswalk}},
		// GDELT's table lacks 1213: the codebook's value stands in.
		{"1213", summary{"Reject judicial cooperation", -4, -4, 3, "REJECT", "assist", BasisCrosswalk}},
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.code)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", tt.code)
			continue
		}
		if diff := cmp.Diff(tt.want, sum(c)); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", tt.code, diff)
		}
	}
	for _, code := range []string{"", "36", "0036", "999", "21", "abc", "01a"} {
		if c, ok := Lookup(code); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", code, c.Code)
		}
	}
}

func TestGoldsteinAlternatives(t *testing.T) {
	c, _ := Lookup("016")
	if !c.HasPhoenix || c.GoldsteinPhoenix != 3.4 {
		t.Errorf("016 Phoenix value = %v (has %v), want 3.4", c.GoldsteinPhoenix, c.HasPhoenix)
	}
	c, _ = Lookup("019") // Phoenix's table lacks it
	if c.HasPhoenix {
		t.Errorf("019 has a Phoenix value %v, want none", c.GoldsteinPhoenix)
	}
}

func TestFamilies(t *testing.T) {
	o := must()
	for _, c := range append(o.Children("19"), mustLookup(t, "19")) {
		if c.QuadClass != 4 {
			t.Errorf("%s %s: quad class %d, want 4", c.Code, c.Name, c.QuadClass)
		}
	}
	for _, c := range o.Children("112") {
		if c.QuadClass != 3 || c.PLOVERType != "ACCUSE" {
			t.Errorf("%s: quad %d type %s, want 3 ACCUSE", c.Code, c.QuadClass, c.PLOVERType)
		}
	}
	got := []string{}
	for _, c := range o.Children("112") {
		got = append(got, c.Code)
	}
	if diff := cmp.Diff([]string{"1121", "1122", "1123", "1124", "1125"}, got); diff != "" {
		t.Errorf("children of 112 (-want +got):\n%s", diff)
	}
	// Codes of a root with one PLOVER type all keep it, whatever their level.
	for _, c := range All() {
		if c.Root == "04" && c.PLOVERType != "CONSULT" {
			t.Errorf("%s: %s, want CONSULT", c.Code, c.PLOVERType)
		}
	}
}

func mustLookup(t *testing.T, code string) Code {
	t.Helper()
	c, ok := Lookup(code)
	if !ok {
		t.Fatalf("no code %s", code)
	}
	return c
}

func TestRootParent(t *testing.T) {
	tests := []struct{ in, root, parent string }{
		{"0362", "03", "036"}, {"036", "03", "03"}, {"03", "03", ""}, {"190", "19", "19"},
		{"1", "", ""}, {"12345", "", ""}, {"1a2", "", ""}, {"", "", ""},
	}
	for _, tt := range tests {
		if got := Root(tt.in); got != tt.root {
			t.Errorf("Root(%q) = %q, want %q", tt.in, got, tt.root)
		}
		if got := Parent(tt.in); got != tt.parent {
			t.Errorf("Parent(%q) = %q, want %q", tt.in, got, tt.parent)
		}
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		f          func(string) (string, bool)
		code, want string
		ok         bool
	}{
		{ActorRole, "GOV", "Government", true},
		{ActorRole, "mil", "Military", true},
		{ActorRole, "UNO", "United Nations", true},
		{ActorRole, "XYZ", "", false},
		{Region, "WST", "The West", true},
		{Region, "MEA", "Middle East", true},
		{Region, "GOV", "", false},
	}
	for _, tt := range tests {
		got, ok := tt.f(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %q %v, want %q %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPLOVERFromOld(t *testing.T) {
	tests := map[string]string{
		"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE",
		"ASSAULT": "ASSAULT", "agree": "AGREE", "REQUEST": "REQUEST", "SANCTION": "SANCTION",
		"DOCUMENT": "", "": "", "YIELD": "",
	}
	for in, want := range tests {
		if got := PLOVERFromOld(in); got != want {
			t.Errorf("PLOVERFromOld(%q) = %q, want %q", in, got, want)
		}
	}
	if m := must().PLOVERModeFromOld("INVESTIGATE"); m != "investigate" {
		t.Errorf("mode of INVESTIGATE = %q", m)
	}
}

func TestPLOVERTypes(t *testing.T) {
	want := []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
		"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
	if diff := cmp.Diff(want, PLOVERTypes()); diff != "" {
		t.Errorf("PLOVERTypes (-want +got):\n%s", diff)
	}
	a, ok := must().PLOVERType("assault")
	if !ok || a.QuadClass != 4 || len(a.Modes) != 15 {
		t.Errorf("ASSAULT: quad %d, %d modes", a.QuadClass, len(a.Modes))
	}
	c, _ := must().PLOVERType("CONSULT")
	var modes []string
	for _, m := range c.Modes {
		modes = append(modes, m.Name)
	}
	if diff := cmp.Diff([]string{"visit", "third-party", "multilateral", "phone"}, modes); diff != "" {
		t.Errorf("CONSULT modes (-want +got):\n%s", diff)
	}
}

// TestAgreesWithSources checks the embedded table against the reference data
// it was generated from: the codebook's codes and names, GDELT's Goldstein
// values and Phoenix's quad classes.
func TestAgreesWithSources(t *testing.T) {
	read := func(rel string) [][]string {
		f, err := os.Open(dyadtest.Shared(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out [][]string
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			out = append(out, strings.Split(sc.Text(), "\t"))
		}
		return out[1:]
	}
	book := read("data/cameo/cameo_codes.tsv")
	if len(book) != len(All()) {
		t.Errorf("codebook has %d codes, table %d", len(book), len(All()))
	}
	for _, r := range book {
		c, ok := Lookup(r[0])
		// The table capitalises the first letter of the three names the
		// codebook writes in lower case.
		name := strings.TrimSpace(r[1])
		if !ok || c.Name != strings.ToUpper(name[:1])+name[1:] {
			t.Errorf("codebook %s %q: table has %q", r[0], r[1], c.Name)
		}
	}
	for _, r := range read("data/cameo/gdelt_CAMEO.goldsteinscale.txt") {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := Lookup(r[0]); c.Goldstein != v {
			t.Errorf("%s: Goldstein %v, GDELT %v", r[0], c.Goldstein, v)
		}
	}
	for _, r := range read("data/cameo/phoenix_quadclass.tsv") {
		q, _ := strconv.Atoi(r[1])
		c, _ := Lookup(r[0])
		if c.PhoenixQuadClass != q || (q > 0 && c.QuadClass != q) || (q == 0 && c.QuadClass != 1) {
			t.Errorf("root %s: quad %d (Phoenix %d), source %d", r[0], c.QuadClass, c.PhoenixQuadClass, q)
		}
	}
}

// TestSeedCodes looks up every code the seed article's expected reading
// accepts: each must exist, and the events must fall where the reading puts them.
func TestSeedCodes(t *testing.T) {
	b, err := os.ReadFile(dyadtest.Shared(t, "seed/EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, events, ok := strings.Cut(string(b), "## Events")
	if !ok {
		t.Fatal("EXPECTED.md has no Events section")
	}
	events, _, _ = strings.Cut(events, "\n## ")
	codeRE := regexp.MustCompile(`\b[0-9]{2,4}\b`)
	var codes []string
	for _, line := range strings.Split(events, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 6 || !strings.Contains(line, "|") {
			continue
		}
		codes = append(codes, codeRE.FindAllString(cells[4], -1)...)
	}
	// Propositions of claims are written "CAMEO 072" elsewhere in the file.
	for _, m := range regexp.MustCompile(`CAMEO ([0-9]{2,4})\b`).FindAllStringSubmatch(string(b), -1) {
		codes = append(codes, m[1])
	}
	if len(codes) < 11 {
		t.Fatalf("found only %d codes in the seed's events table: %v", len(codes), codes)
	}
	for _, code := range codes {
		c, ok := Lookup(code)
		if !ok {
			t.Errorf("seed code %s is not a CAMEO code", code)
			continue
		}
		if c.PLOVERType == "" {
			t.Errorf("seed code %s has no PLOVER type", code)
		}
	}
	want := map[string][2]any{
		"036": {1, "AGREE"}, "042": {1, "CONSULT"}, "062": {2, "COOPERATE"}, "190": {4, "ASSAULT"},
		"193": {4, "ASSAULT"}, "195": {4, "ASSAULT"}, "112": {3, "ACCUSE"}, "1122": {3, "ACCUSE"},
		"072": {2, "AID"}, "016": {1, "REJECT"}, "111": {3, "ACCUSE"}, "1056": {3, "REQUEST"},
		"10": {3, "REQUEST"}, "1123": {3, "ACCUSE"},
	}
	for code, w := range want {
		if !slices.Contains(codes, code) {
			t.Errorf("seed events table no longer lists %s", code)
		}
		c := mustLookup(t, code)
		if c.QuadClass != w[0] || c.PLOVERType != w[1] {
			t.Errorf("%s: quad %d %s, want %v %v", code, c.QuadClass, c.PLOVERType, w[0], w[1])
		}
	}
}

func TestLookupReturnsCopies(t *testing.T) {
	c := mustLookup(t, "091")
	if len(c.PLOVERContexts) == 0 {
		t.Fatal("091 has no contexts")
	}
	c.PLOVERContexts[0] = "changed"
	if again := mustLookup(t, "091"); again.PLOVERContexts[0] == "changed" {
		t.Error("Lookup shares its contexts slice with the table")
	}
}

func BenchmarkLookup(b *testing.B) {
	codes := []string{"036", "190", "1122", "010", "999"}
	must()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Lookup(codes[i%len(codes)])
	}
}
