package eval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dyadhq/dyad"
)

func tr(s string) Triple {
	f := strings.Fields(s)
	return Triple{Source: f[0], Target: f[1], Code: f[2]}.Norm()
}

func pr(s string) Produced { return Produced{Triple: tr(s)} }

// table codes each record with the events listed for its id.
func table(m map[string][]Produced) Coder {
	return func(_ context.Context, r Record) ([]Produced, error) {
		if p, ok := m[r.ID]; ok {
			return p, nil
		}
		return nil, fmt.Errorf("no output for %s", r.ID)
	}
}

var approx = cmpopts.EquateApprox(0, 1e-9)

func tripleRecords() ([]Record, map[string][]Produced) {
	recs := []Record{
		{ID: "A", Line: 1, Text: "a", Events: []Triple{tr("ARN GON 036"), tr("ARN GON 036"), tr("GON ARN 112")}},
		{ID: "B", Line: 2, Text: "b", Events: []Triple{tr("IRNGOV RUS 062")}},
		{ID: "C", Line: 3, Text: "c", NoEvent: true},
		{ID: "D", Line: 4, Text: "d", NoEvent: true},
		{ID: "E", Line: 5, Text: "e", Discard: true},
		{ID: "F", Line: 6, Text: "f", Complex: true, Events: []Triple{tr("ARN GON 036")}},
		{ID: "G", Line: 7, Text: "g"},
	}
	out := map[string][]Produced{
		// Not in normal form, and not sorted: Score must do both.
		"A": {pr("XYZ ABC 190"), pr("GON ARN 111"), pr("ARN GON 042"), {Triple: Triple{"arn", " gon", "036 "}}},
		"B": {pr("IRN RUSMIL 061")},
		"C": {pr("ARN GON 010")},
		"D": nil,
	}
	return recs, out
}

func TestScoreTriples(t *testing.T) {
	recs, out := tripleRecords()
	rep, err := Score(context.Background(), "hand", recs, table(out), Options{})
	if err != nil {
		t.Fatal(err)
	}
	prf := func(tp, fp, fn int) PRF {
		p := PRF{TP: tp, FP: fp, FN: fn}
		p.finish()
		return p
	}
	want := &TripleScores{
		Records: 2, Expected: 4, Produced: 5,
		// A: 036 matches once of its two (multiset); B matches nothing exactly.
		Exact: prf(1, 4, 3),
		// A: one 036 matches 036 (042 is root 04); 112 matches 111 by root.
		Root: prf(2, 3, 2),
		// B: IRNGOV/RUS 062 and IRN/RUSMIL 061 share countries and root.
		Country: prf(3, 2, 1),
		NoEvent: NoEventScores{Records: 2, WithEvents: 1, Events: 1, Share: 0.5},
		Confusion: []Confusion{
			{"", "01", 1}, {"", "19", 1}, {"03", "03", 1}, {"03", "04", 1}, {"06", "06", 1}, {"11", "11", 1},
		},
	}
	if diff := cmp.Diff(want, rep.Triples, approx); diff != "" {
		t.Errorf("triple scores (-want +got):\n%s", diff)
	}
	if got := rep.Triples.Exact; math.Abs(got.Precision-0.2) > 1e-9 || math.Abs(got.Recall-0.25) > 1e-9 || math.Abs(got.F1-2.0/9) > 1e-9 {
		t.Errorf("exact P/R/F1 = %v %v %v, want 0.2 0.25 0.2222", got.Precision, got.Recall, got.F1)
	}
	if diff := cmp.Diff(Skipped{Discard: 1, Complex: 1, Unchecked: 1}, rep.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if rep.Records != 7 || rep.Scored != 4 || rep.Failed != 0 {
		t.Errorf("records %d scored %d failed %d, want 7 4 0", rep.Records, rep.Scored, rep.Failed)
	}
	var worst []string
	for _, w := range rep.Worst {
		worst = append(worst, fmt.Sprintf("%s:%d", w.ID, w.Errors))
	}
	if diff := cmp.Diff([]string{"A:5", "B:2", "C:1"}, worst); diff != "" {
		t.Errorf("worst (-want +got):\n%s", diff)
	}
	a := rep.Worst[0]
	if diff := cmp.Diff([]Triple{tr("ARN GON 036"), tr("GON ARN 112")}, a.Missed); diff != "" {
		t.Errorf("A missed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Produced{pr("ARN GON 042"), pr("GON ARN 111"), pr("XYZ ABC 190")}, a.Extra); diff != "" {
		t.Errorf("A extra (-want +got):\n%s", diff)
	}
}

func TestScorePerfectAndEmpty(t *testing.T) {
	recs := []Record{{ID: "A", Text: "a", Events: []Triple{tr("ARN GON 036"), tr("GON ARN 036")}}}
	rep, err := Score(context.Background(), "x", recs, table(map[string][]Produced{
		"A": {pr("GON ARN 036"), pr("ARN GON 036")},
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := rep.Triples.Exact; e.Precision != 1 || e.Recall != 1 || e.F1 != 1 || len(rep.Worst) != 0 {
		t.Errorf("perfect output scored %+v, worst %v", e, rep.Worst)
	}
	rep, err = Score(context.Background(), "x", recs, table(map[string][]Produced{"A": nil}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := rep.Triples.Exact; e.Precision != 0 || e.Recall != 0 || e.F1 != 0 || e.FN != 2 {
		t.Errorf("empty output scored %+v", e)
	}
}

func TestScoreModalities(t *testing.T) {
	recs := []Record{{ID: "A", Text: "a", Events: []Triple{tr("IRN RUS 072")}}}
	neg := Produced{Triple: tr("IRN RUS 072"), Rule: "aid.supply", Modality: dyad.Denied}
	out := map[string][]Produced{"A": {neg}}
	rep, _ := Score(context.Background(), "x", recs, table(out), Options{})
	if rep.Triples.Exact.TP != 0 || rep.Triples.Produced != 0 {
		t.Errorf("a denied event was scored as produced: %+v", rep.Triples.Exact)
	}
	rep, _ = Score(context.Background(), "x", recs, table(out), Options{AllModalities: true})
	if rep.Triples.Exact.TP != 1 {
		t.Errorf("AllModalities: TP %d, want 1", rep.Triples.Exact.TP)
	}
	out["A"] = []Produced{{Triple: tr("IRN RUS 072"), Modality: dyad.Claimed}}
	rep, _ = Score(context.Background(), "x", recs, table(out), Options{})
	if rep.Triples.Exact.TP != 1 {
		t.Errorf("a claimed event was not scored: %+v", rep.Triples.Exact)
	}
}

func TestScoreLabels(t *testing.T) {
	recs := []Record{
		{ID: "036", Label: "036", Text: "x"},
		{ID: "1122", Label: "1122", Text: "y"},
		{ID: "190", Label: "190", Text: "z"},
	}
	rep, err := Score(context.Background(), "cameo-examples", recs, table(map[string][]Produced{
		"036": {pr("ARN GON 036")}, "1122": {pr("ARN GON 112")}, "190": nil,
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := &LabelScores{Records: 3, Full: 1, Root: 2, None: 1, FullShare: 1.0 / 3, RootShare: 2.0 / 3}
	if diff := cmp.Diff(want, rep.Labels, approx); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if rep.Triples != nil || rep.PLOVER != nil {
		t.Error("a label set has triple or PLOVER scores")
	}
	if len(rep.Worst) != 2 || rep.Worst[0].ID != "1122" || rep.Worst[1].ID != "190" {
		t.Errorf("worst: %+v", rep.Worst)
	}
}

func TestScorePLOVER(t *testing.T) {
	p := func(typ string, srcs ...string) *PLOVEREvent {
		e := &PLOVEREvent{Type: typ}
		for _, s := range srcs {
			e.Source = append(e.Source, PLOVERActor{Code: s})
		}
		return e
	}
	recs := []Record{
		{ID: "P1", Text: "a", PLOVER: p("REQUEST", "ARN", "GON")},
		{ID: "P2", Text: "b", PLOVER: p("ASSAULT")},
		{ID: "P3", Text: "c", PLOVER: p("ACCUSE", "IGO")},
		{ID: "P4", Text: "d", PLOVER: p("AGREE", "FRA")},
	}
	rep, err := Score(context.Background(), "plover-gsr", recs, table(map[string][]Produced{
		"P1": {pr("ARNGOV MOR 1056")},
		"P2": {pr("XYZ ABC 190")},
		"P3": {pr("IGOUNO X 036"), pr("FRA X 112")},
		"P4": {pr("DEU X 043")},
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := &PLOVERScores{Records: 4, TypeHits: 3, TypeAccuracy: 0.75, SourceRecords: 3, SourceHits: 2,
		SourceAccuracy: 2.0 / 3, BothHits: 1, BothAccuracy: 1.0 / 3}
	if diff := cmp.Diff(want, rep.PLOVER, approx); diff != "" {
		t.Errorf("PLOVER (-want +got):\n%s", diff)
	}
}

func TestPLOVERTypeOf(t *testing.T) {
	for code, want := range map[string]string{"036": "AGREE", "0361": "AGREE", "1056": "REQUEST", "19": "ASSAULT", "903": "", "": "", "075A": ""} {
		if got := ploverTypeOf(code); got != want {
			t.Errorf("ploverTypeOf(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestScoreCoderFailure(t *testing.T) {
	recs := []Record{
		{ID: "A", Line: 3, Text: "a", Events: []Triple{tr("ARN GON 036")}},
		{ID: "B", Line: 9, Text: "b", Events: []Triple{tr("ARN GON 036")}},
	}
	rep, err := Score(context.Background(), "x", recs, table(map[string][]Produced{"A": {pr("ARN GON 036")}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 1 || rep.Scored != 1 || len(rep.Failures) != 1 || rep.Failures[0].ID != "B" || rep.Failures[0].Line != 9 {
		t.Errorf("failures: %+v (failed %d, scored %d)", rep.Failures, rep.Failed, rep.Scored)
	}
	if rep.Triples.Exact.TP != 1 || rep.Triples.Expected != 1 {
		t.Errorf("the failed record was scored: %+v", rep.Triples)
	}
}

func TestScoreCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	recs, _ := tripleRecords()
	var calls atomic.Int32
	code := func(ctx context.Context, r Record) ([]Produced, error) {
		if calls.Add(1) == 1 {
			cancel()
		}
		return nil, nil
	}
	_, err := Score(ctx, "x", recs, code, Options{Workers: 1})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestScoreWorkersAgree(t *testing.T) {
	recs, out := tripleRecords()
	one, err := Score(context.Background(), "x", recs, table(out), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	many, err := Score(context.Background(), "x", recs, table(out), Options{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one, many); diff != "" {
		t.Errorf("reports differ by worker count (-1 +8):\n%s", diff)
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want Triple }{
		{Triple{" irngov ", "---", " 036 "}, Triple{"IRNGOV", "", "036"}},
		{Triple{"---GOV", "-", "010"}, Triple{"---GOV", "", "010"}},
		{Triple{"~mil", "", "075a"}, Triple{"~MIL", "", "075A"}},
	}
	for _, tt := range tests {
		if got := tt.in.Norm(); got != tt.want {
			t.Errorf("%+v.Norm() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	if CodeRoot("010") != "01" || CodeRoot("10") != "10" || CodeRoot("1") != "1" {
		t.Error("CodeRoot keeps leading zeros and takes two characters")
	}
	if Country("IRNGOV") != "IRN" || Country("---GOV") != "---" || Country("---") != "" || Country("US") != "US" {
		t.Error("Country takes the first three characters of a normalised code")
	}
}

func TestFromEvents(t *testing.T) {
	evs := []dyad.Event{
		{Source: dyad.Participant{Code: "IRNGOV"}, Target: dyad.Participant{Code: "wst"}, CAMEO: "016", Rule: "deny", Modality: dyad.Asserted},
		{Source: dyad.Participant{Code: "IRN"}, Target: dyad.Participant{Code: "RUS"}, CAMEO: "072", Rule: "supply", Modality: dyad.Denied},
	}
	want := []Produced{
		{Triple: Triple{"IRNGOV", "WST", "016"}, Rule: "deny", Modality: dyad.Asserted},
		{Triple: Triple{"IRN", "RUS", "072"}, Rule: "supply", Modality: dyad.Denied},
	}
	if diff := cmp.Diff(want, FromEvents(evs)); diff != "" {
		t.Errorf("FromEvents (-want +got):\n%s", diff)
	}
	r := Record{Set: "tabari", ID: "DEMO-01", Date: "2023-02-24", Text: "Arnor met Gondor."}
	d := r.Doc()
	if d.Text != r.Text || d.Article.ID != "tabari/DEMO-01" || d.Article.Published != "2023-02-24" {
		t.Errorf("Doc() = %+v", d)
	}
}
