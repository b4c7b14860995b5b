package extract

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
)

// TestSeedPipeline runs the real pipeline (tokenizer, tagger, parser, actor
// resolver, then these extractors) over the seed article and checks what
// /work/shared/seed/EXPECTED.md asks of the quotations, the vote and the
// amounts. Unlike the golden seed case, its actors come from the actor
// resolver, so it also checks that the extractors work with real mentions
// and a real parse.
func TestSeedPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the tagger and parser models")
	}
	b, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := &dyad.Doc{Article: dyad.Article{ID: "seed", Published: "2023-02-24"}, Text: string(b)}
	runStages(t, d)
	t.Logf("extractions:\n%s", dump(d))

	type want struct {
		sentence int
		speaker  string
		direct   bool
	}
	for _, w := range []want{
		{4, "Kanaani", true}, {19, "Kuleba", true}, {20, "Kuleba", true},
		{3, "Kanaani", false}, {5, "Kanaani", false}, {10, "Kanaani", false},
		{11, "Kanaani", false}, {12, "Kanaani", false}, {13, "Kanaani", false},
	} {
		if !slices.ContainsFunc(d.Quotes, func(q dyad.Quote) bool {
			return q.Sentence == w.sentence && q.Direct == w.direct && strings.Contains(q.Speaker.Name, w.speaker)
		}) {
			t.Errorf("no quotation of %s in s%d (direct %v)", w.speaker, w.sentence, w.direct)
		}
	}

	if len(d.Votes) != 1 {
		t.Fatalf("got %d votes, want 1", len(d.Votes))
	}
	v := d.Votes[0]
	if !strings.HasPrefix(v.Body, "IGOUNO") || v.Date != "2023-02-23" || v.Yes != 141 || v.No != 7 || v.Abstain != 32 || !v.Consistent {
		t.Errorf("vote = %s %s %d/%d/%d consistent %v, want IGOUNO 2023-02-23 141/7/32 consistent",
			v.Body, v.Date, v.Yes, v.No, v.Abstain, v.Consistent)
	}
	byVote := map[string][]string{}
	for _, p := range v.Positions {
		byVote[p.Vote] = append(byVote[p.Vote], p.Country)
	}
	if got, want := byVote[dyad.VoteNo], []string{"RUS", "BLR", "PRK", "ERI", "MLI", "NIC", "SYR"}; !slices.Equal(got, want) {
		t.Errorf("no votes = %v, want %v", got, want)
	}
	if got, want := byVote[dyad.VoteAbstain], []string{"CHN", "IND", "IRN", "ZAF"}; !slices.Equal(got, want) {
		t.Errorf("abstentions = %v, want %v", got, want)
	}
	if !v.Complete.No || v.Complete.Abstain {
		t.Errorf("complete = %+v, want no complete and abstain partial", v.Complete)
	}

	if !slices.ContainsFunc(d.Amounts, func(a dyad.Amount) bool {
		return a.Text == "tens of billions of dollars" && a.Unit == "USD" && a.Low == 1e10 && a.High == 1e11 && a.Approximate
	}) {
		t.Error(`no approximate USD amount "tens of billions of dollars" [1e10, 1e11]`)
	}
	for _, n := range []float64{141, 32, 7, 1} {
		if !slices.ContainsFunc(d.Amounts, func(a dyad.Amount) bool { return a.Value == n }) {
			t.Errorf("no amount %g", n)
		}
	}
}

// runStages runs the tokenizer, the tagger and parser when their models
// load, the actor resolver and the three extractors over d.
func runStages(t *testing.T, d *dyad.Doc) {
	t.Helper()
	type stage interface {
		Annotate(context.Context, *dyad.Doc) error
	}
	stages := []stage{tok}
	// The extractors use tags and a parse when they are there and work
	// without them, so a model that cannot be loaded is only logged.
	if tagger, err := tag.Default(); err == nil {
		stages = append(stages, tagger)
	} else {
		t.Logf("running without the tagger: %v", err)
	}
	if parser, err := parse.Default(); err == nil {
		stages = append(stages, parser)
	} else {
		t.Logf("running without the parser: %v", err)
	}
	actors, err := actor.New(actor.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, st := range append(stages, actors, quotes, amounts, votes) {
		if err := st.Annotate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVotePositionsInContext checks the positions a parsed article gives:
// a veto named after a no vote refines it, and a state that only talks
// about a veto casts none.
func TestVotePositionsInContext(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the tagger and parser models")
	}
	for _, tc := range []struct{ text, want string }{
		{"The Security Council on Monday failed to adopt a draft resolution on Syria. Eleven members voted in favour, " +
			"with Russia voting against and India abstaining. Russia's vote counted as a veto. " +
			"France condemned the veto and Germany said the council had failed.", "RUS:veto IND:abstain"},
		{"The Security Council vote on the draft failed after China cast a veto. Japan regretted the veto.", "CHN:veto"},
		{"The General Assembly adopted the resolution. Brazil voted against. Argentina criticised the vote.", "BRA:no"},
	} {
		d := &dyad.Doc{Article: dyad.Article{ID: "t", Published: "2024-03-04"}, Text: tc.text}
		runStages(t, d)
		if len(d.Votes) != 1 {
			t.Errorf("%q: %d votes, want 1\n%s", tc.text, len(d.Votes), dump(d))
			continue
		}
		v := d.Votes[0]
		var got []string
		for _, p := range v.Positions {
			got = append(got, p.Country+":"+p.Vote)
		}
		if strings.Join(got, " ") != tc.want || !v.Consistent {
			t.Errorf("%q: positions %v consistent %v %v, want %s consistent", tc.text, got, v.Consistent, v.Problems, tc.want)
		}
	}
}
