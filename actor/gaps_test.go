package actor_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad/actor"
)

// TestSectorActors checks role nouns that head a noun phrase with no
// country before them: the sector alone, or the country of an of/from/in/at
// modifier.
func TestSectorActors(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		text string
		want []string // mentions that must be there
		not  []string // mentions that must not
	}{
		{text: "Rebels rejected the plan on Monday.",
			want: []string{"s1 Rebels -> rebels REB actor.role.sector"}},
		{text: "Journalists appealed to the government to free their colleague.",
			want: []string{"s1 Journalists -> journalists MED actor.role.sector"}},
		{text: "Militants clashed with protesters in the capital.",
			want: []string{"s1 Militants -> militants REB actor.role.sector", "s1 protesters -> protesters OPP actor.role.sector"}},
		{text: "Journalists appealed to the government.", not: []string{"s1 government -> government GOV actor.role.sector"}},
		{text: "The opposition boycotted the vote.",
			want: []string{"s1 opposition -> opposition OPP actor.role.sector"}},
		{text: "An international aid agency said it would send food.",
			want: []string{"s1 aid agency -> aid agency NGO actor.role.sector"}},
		{text: "Rebels in Nepal rejected the plan.",
			want: []string{"s1 Rebels -> Nepal NPLREB actor.role.country", "s1 Nepal -> Nepal NPL actor.country.name"}},
		{text: "Journalists at Sudan's newspaper protested.",
			want: []string{"s1 Journalists -> Sudan SDNMED actor.role.country"}},
		{text: "Members of parliament from Kenya's ruling party walked out.",
			want: []string{"s1 Members of parliament -> Kenya KENLEG actor.role.country"}},
		{text: "A journalist was arrested.",
			want: []string{"s1 journalist -> journalist MED actor.role.sector"}},
		// A country before the role still gives the country's code.
		{text: "Iranian officials met.",
			want: []string{"s1 Iranian officials -> Iran IRNGOV actor.demonym.role"}},
		// Modifiers of a noun, titles without a determiner, a state's own
		// sector after a preposition and "from" a place are not actors.
		{text: "The police station was closed.", not: []string{"s1 police -> police COP actor.role.sector"}},
		{text: "In general, the talks went well.", not: []string{"s1 general -> general MIL actor.role.sector"}},
		{text: "The UN called for the withdrawal of troops from Ukraine.",
			not: []string{"s1 troops -> troops MIL actor.role.sector", "s1 troops -> Ukraine UKRMIL actor.role.country"}},
	}
	for _, tt := range tests {
		got := mentionLines(annotate(t, r, tt.text, "2023-02-24"))
		for _, w := range tt.want {
			if !has(got, w) {
				t.Errorf("%q: missing %q in\n%v", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if has(got, n) {
				t.Errorf("%q: unexpected %q in\n%v", tt.text, n, got)
			}
		}
	}
}

// TestSectorCoreference checks that "they" still finds a plural sector actor
// and that a pronoun after a named person still finds the person.
func TestSectorCoreference(t *testing.T) {
	r := resolver(t)
	got := mentionLines(annotate(t, r, "Rebels seized the town. They said the army had fled.", "2023-02-24"))
	for _, w := range []string{"s1 Rebels -> rebels REB actor.role.sector", "s2 They -> rebels REB coref.pronoun"} {
		if !has(got, w) {
			t.Errorf("missing %q in\n%v", w, got)
		}
	}
}

// writeDicts writes small TABARI-style dictionaries to a temporary folder.
func writeDicts(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestDictAgentsAndCodes checks dictionary actors with dictionary agents,
// slash groups and stems.
func TestDictAgentsAndCodes(t *testing.T) {
	paths := writeDicts(t, map[string]string{
		"test.actors.txt": "BREE  [BRE]\nCALENARDHON  [CAL]\nLORIEN  [ELR/GAL]\nKUWAIT [KUW]\nARNOR_ [ARN]\nOSGILIATH [OSG]\n+MINAS_TIRITH\n",
		"test.agents.txt": "PRIME_MINISTER  [~GOV]\nGOVERNMENT  [~GOV]\nLEADER [~GOV]\nNON-GOVERNMENTAL_ORGANISATION [NGO~]\n",
	})
	r, err := actor.New(actor.Options{Dicts: paths, ReplaceBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ phrase, code string }{
		{"Bree Prime Minister Romendacil", "BREGOV"},
		{"The Calenardhon government", "CALGOV"},
		{"Calenardhon leaders", "CALGOV"},
		{"Osgiliath non-governmental organisation", "NGOOSG"},
		{"Lorien", "ELR"},
		{"Kuwaiti", "KUW"},
		{"Kuwait", "KUW"},
		{"Arnor", "ARN"},
		{"Minas Tirith", "OSG"},
	}
	for _, tt := range tests {
		m, ok := r.Lookup(tt.phrase, "2005-01-01")
		if !ok {
			t.Errorf("Lookup(%q): nothing", tt.phrase)
			continue
		}
		if diff := cmp.Diff(tt.code, m.Code); diff != "" {
			t.Errorf("Lookup(%q) code (-want +got):\n%s", tt.phrase, diff)
		}
	}
	// An exact entry (ARNOR_) is no stem.
	if m, ok := r.Lookup("Arnorian", "2005-01-01"); ok && m.Code == "ARN" {
		t.Errorf("Lookup(Arnorian) = %+v, want no ARN", m)
	}
}

// TestDictWinsOverBuiltin checks that a user dictionary's reading of a
// phrase beats the built-in one, also when it matches as a stem.
func TestDictWinsOverBuiltin(t *testing.T) {
	paths := writeDicts(t, map[string]string{
		"mine.actors.txt": "KUWAIT [XKW]\nHAMAS [ABCREB]\n",
	})
	r, err := actor.New(actor.Options{Dicts: paths})
	if err != nil {
		t.Fatal(err)
	}
	for phrase, want := range map[string]string{"Kuwaiti": "XKW", "Kuwait": "XKW", "Hamas": "ABCREB"} {
		m, ok := r.Lookup(phrase, "2005-01-01")
		if !ok || m.Code != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", phrase, m.Code, ok, want)
		}
	}
}

// TestHistoricalOffices checks office-holders of 1980-2010 on their dates.
func TestHistoricalOffices(t *testing.T) {
	r := resolver(t)
	tests := []struct{ phrase, date, code, office string }{
		{"Ronald Reagan", "1985-06-01", "USAGOV", "president"},
		{"George Bush", "1990-08-02", "USAGOV", "president"},
		{"George Bush", "2003-03-20", "USAGOV", "president"},
		{"Mikhail Gorbachev", "1987-12-08", "RUSGOV", "general secretary of the soviet communist party"},
		{"Saddam Hussein", "1990-08-02", "IRQGOV", "president"},
		{"Margaret Thatcher", "1982-04-02", "GBRGOV", "prime minister"},
		{"Benjamin Netanyahu", "1997-01-15", "ISRGOV", "prime minister"},
		{"Colin Powell", "2002-05-01", "USAGOV", "secretary of state"},
		{"Yasser Arafat", "1995-09-28", "PSEGOV", "chairman of the palestine liberation organization"},
		{"Hafez al-Assad", "1991-10-30", "SYRGOV", "president"},
		{"Turgut Ozal", "1991-01-17", "TURGOV", "president"},
		// Out of office: an elite.
		{"Margaret Thatcher", "1995-01-01", "GBRELI", ""},
	}
	for _, tt := range tests {
		m, ok := r.Lookup(tt.phrase, tt.date)
		if !ok {
			t.Errorf("Lookup(%q, %s): nothing", tt.phrase, tt.date)
			continue
		}
		if diff := cmp.Diff(tt.code+"|"+tt.office, m.Code+"|"+m.Office); diff != "" {
			t.Errorf("Lookup(%q, %s) (-want +got):\n%s", tt.phrase, tt.date, diff)
		}
	}
	// "George Bush" is a different person in 1990 and 2003.
	a, _ := r.Lookup("George Bush", "1990-08-02")
	b, _ := r.Lookup("George Bush", "2003-03-20")
	if a.Name == b.Name {
		t.Errorf("George Bush is %q in 1990 and in 2003", a.Name)
	}
}

// TestSectorActorsByRole checks that countryless role mentions become one
// actor only when their role's head noun and number agree, not because
// they share a code: "Opposition leaders" and "protesters" are both OPP
// but two groups; "Protesters" later in the text is the first group again.
func TestSectorActorsByRole(t *testing.T) {
	r := resolver(t)
	d := annotate(t, r, "Protesters marched on Tuesday. Opposition leaders said they would hold rallies. "+
		"A journalist said protesters were beaten. Journalists were detained. Demonstrators dispersed.", "2026-11-18")
	byText := map[string]string{}
	for _, a := range d.Actors {
		for _, m := range a.Mentions {
			byText[m.Text+"@"+itoa(m.Sentence)] = a.ID
		}
	}
	same := func(x, y string, want bool) {
		t.Helper()
		ax, ok1 := byText[x]
		ay, ok2 := byText[y]
		if !ok1 || !ok2 {
			t.Fatalf("no mention %q or %q in\n%v", x, y, mentionLines(d))
		}
		if (ax == ay) != want {
			t.Errorf("%s (%s) and %s (%s): same actor %v, want %v\n%v", x, ax, y, ay, ax == ay, want, mentionLines(d))
		}
	}
	same("Protesters@1", "Opposition leaders@2", false)
	same("Protesters@1", "protesters@3", true)
	same("Opposition leaders@2", "they@2", true)
	same("journalist@3", "Journalists@4", false)
	same("protesters@3", "Demonstrators@5", true) // roles.tsv: demonstrator =protester
	for _, w := range []string{"s1 Protesters -> protesters OPP actor.role.sector",
		"s2 Opposition leaders -> opposition leaders OPP actor.role.sector"} {
		if !has(mentionLines(d), w) {
			t.Errorf("missing %q in\n%v", w, mentionLines(d))
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
