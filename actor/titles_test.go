package actor_test

import (
	"context"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

// annotateTagged tokenizes, tags and parses text before resolving its actors.
func annotateTagged(t *testing.T, text, date string) *dyad.Doc {
	t.Helper()
	tg, err := tag.Default()
	if err != nil {
		t.Skipf("no tagger model: %v", err)
	}
	ps, err := parse.Default()
	if err != nil {
		t.Skipf("no parser model: %v", err)
	}
	d := &dyad.Doc{Text: text, Article: dyad.Article{ID: "t", Published: date}}
	for _, s := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{tokenize.New(tokenize.SplitHyphens()), tg, ps, resolver(t)} {
		if err := s.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestTitlesAndRoles(t *testing.T) {
	tests := []struct {
		name, text, date string
		want             []string // mention lines that must be there
		not              []string // and lines that must not
	}{
		{"a title names a known person out of office by surname",
			"President Bush has threatened further action against Russia.", "2000-01-01",
			[]string{"s1 President Bush -> George H. W. Bush USAGOV actor.title.apposition"}, nil},
		{"a former office keeps the elite code",
			"Former President Reagan criticized the plan.", "2000-01-01",
			[]string{"s1 Former President Reagan -> Ronald Reagan USAELI actor.title.apposition"}, nil},
		{"a surname alone out of office stays unknown",
			"Bush has threatened further action against Russia.", "2000-01-01",
			nil, []string{"s1 Bush -> George H. W. Bush USAGOV actor.person.surname"}},
		{"adjectives between a possessive country and its role",
			"Israel's high court opened a hearing.", "2000-01-01",
			[]string{"s1 Israel's high court -> Israel ISRJUD actor.country.role"}, nil},
		{"adjectives between a demonym and its role",
			"Irish nationalist guerrillas wounded two soldiers.", "2000-01-01",
			[]string{"s1 Irish nationalist guerrillas -> Ireland IRLREB actor.demonym.role"}, nil},
		{"a title of a named state is not the person before",
			"Putin offered to negotiate with the president of Armenia.", "2000-01-01",
			nil, []string{"s1 the president -> Vladimir Putin RUSGOV coref.title"}},
		{"a body goes with the most salient government, not the nearest",
			"Indian Foreign Minister Subrahmanyam Jaishankar will fly to Dhaka on Monday for talks with Bangladeshi officials, the ministry said.", "2024-01-10",
			[]string{"s1 the ministry -> India INDGOV coref.definite"}, []string{"s1 the ministry -> Bangladesh BGDGOV coref.definite"}},
		{"a hyphenated particle belongs to the name",
			"Lebanese Prime Minister Najib al-Mikati visited Paris.", "2024-01-10",
			[]string{"s1 Lebanese Prime Minister Najib al-Mikati -> Najib al-Mikati LBNGOV actor.title.apposition"}, nil},
		{"a separate particle belongs to the name",
			"Dutch Foreign Minister Pieter van der Berg visited Paris.", "2024-01-10",
			[]string{"s1 Dutch Foreign Minister Pieter van der Berg -> Pieter van der Berg NLDGOV actor.title.apposition"}, nil},
		{"a possessive pronoun gives a role noun its state",
			"The council urged Moscow to withdraw its troops from the border.", "2024-01-10",
			[]string{"s1 troops -> Russia RUSMIL actor.role.possessive"}, nil},
		{"a noun between does not hide the owner of a state's body",
			"The Greek Defence Ministry rejected the claim, saying its forces had not entered the area.", "2024-01-10",
			[]string{"s1 forces -> Greece GRCMIL actor.role.possessive"}, nil},
		{"several bodies are a group",
			"Seven opposition parties in Nepal organized a strike.", "2000-01-01",
			[]string{"s1 opposition parties -> Nepal NPLOPP actor.role.country"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := mentionLines(annotateTagged(t, tt.text, tt.date))
			for _, w := range tt.want {
				if !has(lines, w) {
					t.Errorf("missing %q in\n%q", w, lines)
				}
			}
			for _, w := range tt.not {
				if has(lines, w) {
					t.Errorf("unexpected %q in\n%q", w, lines)
				}
			}
		})
	}
}
