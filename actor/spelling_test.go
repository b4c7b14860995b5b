package actor_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
)

// TestCasingAndPlaces covers names typed with odd capitals, a lower-case
// name after a title, the regions that are places and not actors, and the
// military of an organisation.
func TestCasingAndPlaces(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		name, text string
		want       []string // lines that must be among the mentions
		not        []string // lines that must not
	}{
		{"a name with a late capital",
			"The Secretary of State wants to help iSrael.",
			[]string{"s1 iSrael -> Israel ISR actor.country.name"}, nil},
		{"a lower-case name after a title",
			"President obama expressed sorrow.",
			[]string{"s1 President obama -> Barack Obama USAGOV actor.title.apposition"}, nil},
		{"a lower-case word without a title stays a word",
			"The turkey was roasted and china was set on the table.",
			nil, []string{"s1 turkey -> Türkiye TUR actor.country.name", "s1 china -> China CHN actor.country.name"}},
		{"a region is no actor",
			"Russia held exercises in Alaska.",
			nil, []string{"s1 Alaska -> United States USA actor.country.name"}},
		{"an organisation's troops are its military",
			"Hundreds of UN troops withdrew.",
			[]string{"s1 UN troops -> United Nations IGOUNOMIL actor.org.name"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(t, r, tt.text, "2015-06-20")
			got := mentionLines(d)
			for _, w := range tt.want {
				if !has(got, w) {
					t.Errorf("missing %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, w := range tt.not {
				if has(got, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
	for name, country := range map[string]string{"Alaska": "USA", "South Carolina": "USA", "the Gaza Strip": "PSE"} {
		if loc, ok := r.Place(name); !ok || loc.Country != country {
			t.Errorf("Place(%q) = %+v, %v; want %s", name, loc, ok, country)
		}
	}
}

// TestPronounNotItsClauseSubject: "it" is never the subject of its own
// clause, so that subject does not hide the antecedent before it.
func TestPronounNotItsClauseSubject(t *testing.T) {
	tg, err := tag.Default()
	if err != nil {
		t.Skipf("no tagger model: %v", err)
	}
	ps, err := parse.Default()
	if err != nil {
		t.Skipf("no parser model: %v", err)
	}
	d := annotate(t, resolver(t), "Israel said a mortar bomb was fired at it from the Gaza Strip.", "2014-09-02")
	d.Actors = nil
	for _, s := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{tg, ps, resolver(t)} {
		if err := s.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if got := mentionLines(d); !has(got, "s1 it -> Israel ISR coref.pronoun") {
		t.Errorf("it not resolved to Israel; got:\n%s", strings.Join(got, "\n"))
	}
}
