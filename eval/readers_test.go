package eval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

// where is the place an error names.
type where struct {
	Line   int
	Record string
}

// read runs a reader over a testdata file and splits its errors into places,
// checking that each is an InputError that wraps dyad.ErrInvalid.
func read(t *testing.T, f func(r *bytes.Reader, name string) ([]Record, error), file string) ([]Record, []where) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := f(bytes.NewReader(b), file)
	var ws []where
	for _, e := range Errors(err) {
		var ie *dyad.InputError
		if !errors.As(e, &ie) || ie.Input != file || !errors.Is(e, dyad.ErrInvalid) {
			t.Errorf("error %v is not an invalid-input error naming %s", e, file)
			continue
		}
		ws = append(ws, where{ie.Line, ie.Record})
	}
	return recs, ws
}

func TestReadPETRARCH(t *testing.T) {
	recs, errs := read(t, func(r *bytes.Reader, n string) ([]Record, error) { return ReadPETRARCH(r, n) }, "petrarch.xml")
	want := []Record{
		{Set: "petrarch", ID: "T-01", Date: "2023-02-24", Category: "DEMO", Line: 5,
			Text:   "Arnor said it will meet Gondor next week.",
			Events: []Triple{{"ARN", "GON", "036"}, {"GON", "", "010"}},
			Parse:  "(ROOT (S (NP (NNP Arnor)) (VP (VBD said))))", ParseFormat: ParsePenn},
		{Set: "petrarch", ID: "T-02", Date: "2023-02-25", Category: "DEMO", Line: 18,
			Text: "Nothing happened between Arnor & Gondor.", NoEvent: true},
		{Set: "petrarch", ID: "T-03", Date: "2023-02-26", Category: "ERROR", Line: 23,
			Text: "The volleyball match ended in a draw.", Discard: true, DiscardKind: "storydiscard"},
		{Set: "petrarch", ID: "T-06", Date: "2023-02-28", Category: "PATTERN", Line: 38,
			Text:  "Gondor protested .",
			Parse: "(ROOT (S (NP (NNP Gondor)) (VP (VBD protested)) (. .)))", ParseFormat: ParsePenn},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]where{{28, "T-04"}, {33, "T-05"}}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(recs) == 4 && (!recs[0].Checked() || !recs[1].Checked() || recs[2].Checked() || recs[3].Checked()) {
		t.Error("Checked: want T-01 and T-02 checked, T-03 (discard) and T-06 (no coding) not")
	}
}

func TestReadPETRARCH2(t *testing.T) {
	recs, errs := read(t, func(r *bytes.Reader, n string) ([]Record, error) { return ReadPETRARCH2(r, n) }, "petrarch2.xml")
	parse1 := "1\tWestern\twestern\tADJ\tJJ\tDegree=Pos\t2\tamod\t_\t_\n" +
		"2\tnations\tnation\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t_\t_\n" +
		"3\taccused\taccuse\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n" +
		"4\tIran\tIran\tPROPN\tNNP\tNumber=Sing\t3\tobj\t_\tSpaceAfter=No\n" +
		"5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_"
	want := []Record{
		{Set: "petrarch2-gsr", ID: "U-01", Date: "2023-02-24", Category: "GOLD", Line: 8,
			Text: "Western nations accused Iran.", Events: []Triple{{"WST", "IRN", "112"}},
			Parse: parse1, ParseFormat: ParseCoNLLU},
		{Set: "petrarch2-gsr", ID: "U-02", Date: "2023-02-25", Category: "GOLD", Line: 23,
			Text: "Nothing happened.", NoEvent: true, ParseFormat: ParseCoNLLU,
			Parse: "1\tNothing\tnothing\tPRON\tNN\t_\t2\tnsubj\t_\t_\n2\thappened\thappen\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_"},
		{Set: "petrarch2-gsr", ID: "U-03", Date: "2023-02-26", Category: "TEST", Line: 38,
			Text: "Russia attacked Ukraine.", Events: []Triple{{"RUS", "UKR", "190"}}, Complex: true},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]where{{43, ""}, {47, "U-05"}}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadTABARI(t *testing.T) {
	recs, errs := read(t, func(r *bytes.Reader, n string) ([]Record, error) { return ReadTABARI(r, n) }, "tabari.txt")
	want := []Record{
		{Set: "tabari", ID: "DEMO-01", Date: "2023-02-24", Line: 7,
			Text:   "Arnor is about to restore full diplomatic ties with Gondor, a senior official said on Saturday.",
			Events: []Triple{{"ARN", "GON", "064"}, {"GON", "", "031"}}},
		{Set: "tabari", ID: "DEMO-02", Date: "2023-02-25", Line: 15, Text: "Gondor said nothing.", NoEvent: true},
		{Set: "tabari", ID: "OPT-01", Date: "2023-02-26", Line: 19, Text: "Changing an option; this record is not a test."},
		{Set: "tabari", ID: "DEMO-03", Date: "2023-02-27", Line: 24, Text: "The volleyball crowds burned the stadium.",
			Discard: true, DiscardKind: "discard"},
		{Set: "tabari", ID: "DEMO-04", Date: "2023-02-28", Line: 29, Text: "A complex case that is not checked.", Complex: true},
		{Set: "tabari", ID: "YYYY-01", Date: "2023-03-01", Line: 34, Text: "Fornost restored ties with Gondor.",
			Events: []Triple{{"FOR", "GON", "064"}}},
		{Set: "tabari", ID: "DEMO-05", Date: "2023-03-03", Line: 49, Text: "A disabled expectation only."},
		{Set: "tabari", ID: "FINAL-01", Date: "1999-01-01", Line: 53,
			Text: "This is the end of the standard validation records. Press Q."},
		{Set: "tabari", ID: "AFTER-01", Date: "2023-03-04", Line: 56, Text: "Gondor has called for a boycott of Osgiliath.",
			Events: []Triple{{"GON", "OSG", "172"}}, Complex: true},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]where{{38, "BAD-DATE"}, {42, "BAD-01"}, {47, ""}}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadPLOVER(t *testing.T) {
	recs, errs := read(t, func(r *bytes.Reader, n string) ([]Record, error) { return ReadPLOVER(r, n) }, "plover.json")
	want := []Record{
		{Set: "plover-gsr", ID: "TEST-DEMAND-0001", Date: "2000-01-01", Category: "DEMAND", Line: 7,
			Text: "Arnor and Gondor rebels demanded that Mordor (the dark land) withdraw.",
			PLOVER: &PLOVEREvent{Type: "REQUEST", OldType: "DEMAND", Context: "military", EventText: "demanded",
				Source: []PLOVERActor{{"Arnor", "ARN", "GOV"}, {"Gondor rebels", "GON", "REB"}},
				Target: []PLOVERActor{{"Mordor", "MOR", ""}},
				Markup: "(SRC: Arnor) and (SRC: Gondor rebels) (EVT: demanded ) that (TAR: Mordor (the dark land)) (EVT: withdraw}.",
				// "demanded " keeps its space in the text but not in the span.
				MarkupText: "Arnor and Gondor rebels demanded  that Mordor (the dark land) withdraw.",
				Spans: []MarkupSpan{
					{[]string{"SRC"}, 0, 5, "Arnor"},
					{[]string{"SRC"}, 10, 23, "Gondor rebels"},
					{[]string{"EVT"}, 24, 32, "demanded"},
					{[]string{"TAR"}, 39, 61, "Mordor (the dark land)"},
					{[]string{"EVT"}, 62, 70, "withdraw"},
				}}},
		{Set: "plover-gsr", ID: "TEST-INVESTIGATE-0001", Date: "2000-01-01", Category: "INVESTIGATE", Line: 20,
			Text: "Arnor sent inspectors to Gondor.",
			PLOVER: &PLOVEREvent{Type: "ACCUSE", OldType: "INVESTIGATE", Mode: "investigate",
				Source:     []PLOVERActor{{"Arnor", "ARN", ""}},
				Markup:     "(SRC: Arnor) (EVT: sent) inspectors (LOC: to (TAR: Gondor)).)",
				MarkupText: "Arnor sent inspectors to Gondor.)",
				Spans: []MarkupSpan{
					{[]string{"SRC"}, 0, 5, "Arnor"},
					{[]string{"EVT"}, 6, 10, "sent"},
					{[]string{"LOC"}, 22, 31, "to Gondor"},
					{[]string{"TAR"}, 25, 31, "Gondor"},
				}}},
		{Set: "plover-gsr", ID: "TEST-FIGHT-0001", Date: "2000-01-01", Category: "FIGHT", Line: 44,
			Text: "Civilians were shelled in Osgiliath.",
			PLOVER: &PLOVEREvent{Type: "ASSAULT", OldType: "FIGHT", Mode: "heavy-weapons", Location: "Osgiliath",
				Target: []PLOVERActor{{"civilians", "GON", "CVL"}}}},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]where{{30, "TEST-AGREE-0001"}, {38, "TEST-BOAST-0001"}}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadCAMEOExamples(t *testing.T) {
	recs, errs := read(t, func(r *bytes.Reader, n string) ([]Record, error) { return ReadCAMEOExamples(r, n) }, "cameo.tsv")
	want := []Record{
		{Set: "cameo-examples", ID: "036", Label: "036", Category: "Express intent to meet or negotiate", Line: 2,
			Text: "Arnor offered on Monday to meet Gondor."},
		{Set: "cameo-examples", ID: "1122", Label: "1122", Category: "Accuse of human rights abuses", Line: 6,
			Text: "Gondor accused Arnor of torture."},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]where{{4, "0a1"}, {5, ""}, {7, "036"}}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if _, err := ReadCAMEOExamples(strings.NewReader("code\tname\n"), "x.tsv"); err == nil {
		t.Error("a wrong header was accepted")
	}
}

func TestParseMarkup(t *testing.T) {
	tests := []struct {
		in, text string
		spans    []MarkupSpan
	}{
		{"plain (text) only", "plain (text) only", nil},
		{"(SRC/TAR: Jordan) and (SRC/TAR: Britain) agreed", "Jordan and Britain agreed",
			[]MarkupSpan{{[]string{"SRC", "TAR"}, 0, 6, "Jordan"}, {[]string{"SRC", "TAR"}, 11, 18, "Britain"}}},
		{"an (EVT: open span", "an open span", []MarkupSpan{{[]string{"EVT"}, 3, 12, "open span"}}},
		{"stray) paren } brace", "stray) paren } brace", nil},
		{"(TAR:President X) left", "President X left", []MarkupSpan{{[]string{"TAR"}, 0, 11, "President X"}}},
	}
	for _, tt := range tests {
		text, spans := parseMarkup(tt.in)
		if text != tt.text {
			t.Errorf("parseMarkup(%q) text = %q, want %q", tt.in, text, tt.text)
		}
		if diff := cmp.Diff(tt.spans, spans, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("parseMarkup(%q) spans (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestLoadUnknownSet(t *testing.T) {
	_, err := Load(context.Background(), t.TempDir(), "acled")
	if !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	_, err = Load(context.Background(), t.TempDir(), "tabari")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want a missing file", err)
	}
}

// TestSharedSets reads every gold set in ../shared/data and checks its counts
// against what the files hold (see each reader's doc comment for how records
// are told apart).
func TestSharedSets(t *testing.T) {
	dir := dyadtest.Shared(t, "data")
	tests := []struct {
		set  string
		want Counts
		errs []where // malformed records, skipped
	}{
		// 257 records with 359 events, 19 no-event, 7 discard/error, and
		// PATTERN-06, which has no EventCoding (nothing to check).
		{"petrarch", Counts{Records: 284, WithEvents: 257, Events: 359, NoEvent: 19, Discard: 7, Checked: 276}, nil},
		// 481 record headers: 478 records and 3 malformed ones (a 7- and a
		// 9-digit date; MISC-01 expects an event and none). 28 are complex: 21
		// marked {+++} and the 7 read after FINAL-01. Checked: 398 records with
		// 511 events, and 16 no-event. (The data README's 465 records, 394 with
		// 503 triples and 19 no-event count only headers of a six-digit date and
		// one id, and also count {---} that are disabled or contradicted.)
		{"tabari", Counts{Records: 478, WithEvents: 403, Events: 520, NoEvent: 16, Discard: 7, Complex: 28, Checked: 414},
			[]where{{1060, "ACTORSYN-01"}, {3397, "YYYY-03"}, {4043, "MISC-01"}}},
		// 66 records with 80 events, 12 no-event. abc12_3's empty <Text> is
		// rebuilt from its parse; AFP0808020905_1's date is YYMMDD.
		{"petrarch2-gsr", Counts{Records: 78, WithEvents: 66, Events: 80, NoEvent: 12, Checked: 78}, nil},
		// 322 records; AGREE-0007 gives its target as the string "diplomatic".
		{"plover-gsr", Counts{Records: 321, PLOVER: 321}, []where{{116, "PLOVER-GSR01-AGREE-0007"}}},
		{"cameo-examples", Counts{Records: 277, Labelled: 277}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			recs, err := Load(context.Background(), dir, tt.set)
			if diff := cmp.Diff(tt.want, Count(recs)); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			var ws []where
			for _, e := range Errors(err) {
				var ie *dyad.InputError
				if !errors.As(e, &ie) {
					t.Fatalf("error %v is not an InputError", e)
				}
				ws = append(ws, where{ie.Line, ie.Record})
			}
			if diff := cmp.Diff(tt.errs, ws); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			ids := map[string]bool{}
			for _, r := range recs {
				if r.Set != tt.set || r.ID == "" || r.Text == "" || r.Line == 0 {
					t.Fatalf("incomplete record %+v", r)
				}
				if r.Date != "" && len(r.Date) != 10 {
					t.Errorf("%s: date %q", r.ID, r.Date)
				}
				ids[r.ID] = true
			}
		})
	}
}

// TestSharedRecords spot-checks records of the shared sets.
func TestSharedRecords(t *testing.T) {
	dir := dyadtest.Shared(t, "data")
	find := func(set, id string) Record {
		t.Helper()
		recs, _ := Load(context.Background(), dir, set)
		for _, r := range recs {
			if r.ID == id {
				return r
			}
		}
		t.Fatalf("%s has no record %s", set, id)
		return Record{}
	}
	r := find("petrarch", "DEMO-02")
	if diff := cmp.Diff([]Triple{{"DAGGOV", "GON", "032"}, {"GON", "DAGGOV", "033"}}, r.Events); diff != "" {
		t.Errorf("petrarch DEMO-02 events (-want +got):\n%s", diff)
	}
	if r.ParseFormat != ParsePenn || !strings.HasPrefix(r.Parse, "(ROOT") {
		t.Errorf("petrarch DEMO-02 parse %q", r.Parse[:min(20, len(r.Parse))])
	}
	r = find("tabari", "DEMO-04")
	if diff := cmp.Diff([]Triple{{"DAG", "GON", "032"}, {"GON", "DAG", "033"}}, r.Events); diff != "" {
		t.Errorf("tabari DEMO-04 events (-want +got):\n%s", diff)
	}
	if r = find("tabari", "CONV-05"); r.Events[0] != (Triple{"~MIL", "~MOSREB", "064"}) {
		t.Errorf("tabari CONV-05: %v", r.Events)
	}
	r = find("petrarch2-gsr", "abc12_3")
	if !strings.HasPrefix(r.Text, "Boko Haram has launched many similar attacks") || r.Events[0] != (Triple{"NGAREB", "NGAMUS", "190"}) {
		t.Errorf("petrarch2-gsr abc12_3: %q %v", r.Text, r.Events)
	}
	r = find("plover-gsr", "PLOVER-GSR01-INVESTIGATE-0002")
	if p := r.PLOVER; p.Type != "ACCUSE" || p.Mode != "investigate" || len(p.Source) != 2 || p.Source[1].Sector != "CVL" {
		t.Errorf("plover INVESTIGATE-0002: %+v", p)
	}
	r = find("cameo-examples", "036")
	if r.Label != "036" || !strings.Contains(r.Text, "visit") {
		t.Errorf("cameo-examples 036: %+v", r)
	}
}

func BenchmarkRead(b *testing.B) {
	dir := dyadtest.Shared(b, "data")
	for _, s := range Sets() {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s.Path)))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if recs, _ := s.Read(bytes.NewReader(data), s.Name); len(recs) == 0 {
					b.Fatal("no records")
				}
			}
		})
	}
}
