package actor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

// seedDoc reads the seed article and tokenizes it. (The tagger and parser
// are not needed: the resolver reads capitalisation when tags are absent.)
func seedDoc(t testing.TB, _ bool) *dyad.Doc {
	t.Helper()
	raw, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := &dyad.Doc{Text: string(raw), Article: dyad.Article{ID: "seed", Published: "2023-02-24", Source: "Mehr News Agency"}}
	if err := tokenize.New().Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSeed checks the actors table of shared/seed/EXPECTED.md on tokens
// alone (capitalisation stands in for tags).
func TestSeed(t *testing.T) {
	d := seedDoc(t, false)
	if err := resolver(t).Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	checkSeed(t, d)
	golden(t, "seed.json", d.Actors)
}

// TestSeedTagged checks the same table over the full language pipeline:
// tokens, tags, lemmas and the dependency parse.
func TestSeedTagged(t *testing.T) {
	d := seedDoc(t, false)
	tg, err := tag.Default()
	if err != nil {
		t.Skipf("no tagger model: %v", err)
	}
	ps, err := parse.Default()
	if err != nil {
		t.Skipf("no parser model: %v", err)
	}
	for _, s := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{tg, ps, resolver(t)} {
		if err := s.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	checkSeed(t, d)
}

func checkSeed(t *testing.T, d *dyad.Doc) {
	t.Helper()
	if len(d.Sentences) != 21 {
		t.Fatalf("%d sentences, want 21", len(d.Sentences))
	}
	byName := map[string]*dyad.Actor{}
	for i := range d.Actors {
		byName[d.Actors[i].Name] = &d.Actors[i]
	}
	type m struct {
		s          int
		text, code string
	}
	tests := []struct {
		name, code string
		kind       dyad.ActorKind
		office     string
		mentions   []m // each must be present (code "" is the actor's)
	}{
		{"Nasser Kanaani", "IRNGOV", dyad.KindPerson, "foreign ministry spokesman", []m{
			{1, "Iranian Foreign Ministry spokesman Nasser Kanaani", ""}, {2, "Kanaani", ""},
			{3, "the ministry spokesman", ""}, {4, "Kanaani", ""}, {5, "He", ""}, {10, "Kanaani", ""},
			{11, "he", ""}, {12, "he", ""}, {13, "The official", ""}}},
		{"Hossein Amir-Abdollahian", "IRNGOV", dyad.KindPerson, "foreign minister", []m{
			{1, "Iran’s Foreign Minister Hossein Amir Abdollahian", ""}}},
		{"Dmytro Kuleba", "UKRGOV", dyad.KindPerson, "foreign minister", []m{
			{19, "Ukrainian Foreign Minister Dmytro Kuleba", ""}, {20, "he", ""}}},
		{"Iran", "IRN", dyad.KindState, "", []m{
			{2, "Tehran", "IRNGOV"}, {3, "the Islamic Republic of Iran", ""}, {4, "Iran", ""},
			{9, "Tehran", "IRNGOV"}, {12, "Iran", ""}, {13, "Iran", ""}, {17, "Iran", ""}}},
		{"Russia", "RUS", dyad.KindState, "", []m{
			{1, "the Russian officials", "RUSGOV"}, {2, "Moscow", "RUSGOV"}, {3, "the Russian Federation", ""},
			{7, "Moscow", "RUSGOV"}, {14, "Russia", ""}, {18, "Russia", ""}}},
		{"Ukraine", "UKR", dyad.KindState, "", []m{
			{7, "Kiev", "UKRGOV"}, {13, "Kiev", "UKRGOV"}, {15, "Ukraine", ""}}},
		{"the West", "WST", dyad.KindGroup, "", []m{
			{8, "Western nations", ""}, {10, "Those", ""}, {11, "these powers", ""}, {13, "the West", ""}}},
		{"UN General Assembly", "IGOUNO", dyad.KindOrganisation, "", []m{
			{14, "UN General Assembly", ""}, {15, "It", ""}}},
		{"Sputnik", "RUSMED", dyad.KindOrganisation, "", []m{{2, "Sputnik", ""}}},
		{"Mehr News Agency", "IRNMED", dyad.KindOrganisation, "", []m{{21, "Mehr News Agency", ""}}},
	}
	for _, tt := range tests {
		a := byName[tt.name]
		if a == nil {
			t.Errorf("actor %q missing", tt.name)
			continue
		}
		if a.Code != tt.code || a.Kind != tt.kind || a.Office != tt.office {
			t.Errorf("%s: code %s kind %s office %q; want %s %s %q", tt.name, a.Code, a.Kind, a.Office, tt.code, tt.kind, tt.office)
		}
		for _, want := range tt.mentions {
			found := false
			for _, got := range a.Mentions {
				if got.Sentence == want.s && strings.EqualFold(got.Text, want.text) && got.Code == want.code {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: mention s%d %q %s missing", tt.name, want.s, want.text, want.code)
			}
		}
	}
	// No mention may go to the wrong actor.
	for _, a := range d.Actors {
		for _, mm := range a.Mentions {
			if (mm.Text == "it" && mm.Sentence == 13) || mm.Sentence == 21 && a.Name != "Mehr News Agency" {
				t.Errorf("%s: unexpected mention %+v", a.Name, mm)
			}
		}
	}
}

// golden compares v, as indented JSON, with testdata/name; -update rewrites it.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *dyadtest.Update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./actor -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
	}
}
