package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad/dyadtest"
)

// TestReportGolden renders the hand-made reports as text, JSON and markdown
// and compares them with testdata/report.golden.*; -update rewrites them.
func TestReportGolden(t *testing.T) {
	recs, out := tripleRecords()
	tri, err := Score(context.Background(), "hand", recs, table(out), Options{Worst: 2})
	if err != nil {
		t.Fatal(err)
	}
	lab, err := Score(context.Background(), "labels", []Record{
		{ID: "036", Label: "036", Text: "Arnor offered to meet Gondor.", Line: 2},
		{ID: "190", Label: "190", Text: "Gondor shelled Arnor.", Line: 3},
	}, table(map[string][]Produced{
		"036": {{Triple: tr("ARN GON 036"), Rule: "verb.offer-meet"}},
		"190": {{Triple: tr("GON ARN 111"), Rule: "verb.shell"}},
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports := []*Report{tri, lab}
	var text, js, md bytes.Buffer
	for _, r := range reports {
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		text.WriteString("\n")
		if err := r.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteMarkdown(&md, reports); err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		file string
		got  []byte
	}{{"report.golden.txt", text.Bytes()}, {"report.golden.json", js.Bytes()}, {"report.golden.md", md.Bytes()}} {
		path := filepath.Join("testdata", g.file)
		if *dyadtest.Update {
			if err := os.WriteFile(path, g.got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./eval -update to create it)", err)
		}
		if diff := cmp.Diff(string(want), string(g.got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", g.file, diff)
		}
	}
	var back []Report
	dec := json.NewDecoder(&js)
	for dec.More() {
		var r Report
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		back = append(back, r)
	}
	if diff := cmp.Diff([]Report{*tri, *lab}, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

func TestMarkdownRowShape(t *testing.T) {
	head := strings.Split(strings.TrimSpace(MarkdownHeader), "\n")
	row := (&Report{Set: "empty"}).MarkdownRow()
	if n, m := strings.Count(head[0], "|"), strings.Count(row, "|"); n != m || strings.Count(head[1], "|") != n {
		t.Errorf("header has %d cells, row %d: %q", n, m, row)
	}
}

// oracle codes every record with exactly what it expects.
func oracle(_ context.Context, r Record) ([]Produced, error) {
	var out []Produced
	for _, e := range r.Events {
		out = append(out, Produced{Triple: e, Rule: "oracle"})
	}
	if r.Label != "" {
		out = append(out, Produced{Triple: Triple{Code: r.Label}})
	}
	if p := r.PLOVER; p != nil {
		// A code of the expected type, by the first source actor.
		for _, c := range []string{"036", "040", "051", "080", "060", "070", "084", "100", "112", "120", "130", "140", "160", "150", "170", "190"} {
			if ploverTypeOf(c) == p.Type {
				src := ""
				if len(p.Source) > 0 {
					src = p.Source[0].Code
				}
				out = append(out, Produced{Triple: Triple{Source: src, Code: c}})
				break
			}
		}
	}
	return out, nil
}

// TestScoreSharedSets scores every shared set with a coder that knows the
// answers and with one that codes nothing, so the whole path from file to
// report is exercised on the real data.
func TestScoreSharedSets(t *testing.T) {
	dir := dyadtest.Shared(t, "data")
	for _, s := range Sets() {
		recs, _ := Load(context.Background(), dir, s.Name)
		rep, err := Score(context.Background(), s.Name, recs, oracle, Options{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case rep.Triples != nil:
			if e := rep.Triples.Exact; e.F1 != 1 || rep.Triples.NoEvent.WithEvents != 0 {
				t.Errorf("%s: the oracle scored %+v", s.Name, e)
			}
		case rep.Labels != nil:
			if rep.Labels.FullShare != 1 {
				t.Errorf("%s: the oracle scored %+v", s.Name, rep.Labels)
			}
		case rep.PLOVER != nil:
			if rep.PLOVER.TypeAccuracy != 1 || rep.PLOVER.SourceAccuracy != 1 {
				t.Errorf("%s: the oracle scored %+v", s.Name, rep.PLOVER)
			}
		default:
			t.Errorf("%s: nothing scored", s.Name)
		}
		none, err := Score(context.Background(), s.Name, recs, func(context.Context, Record) ([]Produced, error) { return nil, nil }, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if tr := none.Triples; tr != nil && (tr.Exact.Recall != 0 || tr.Exact.FN != tr.Expected || tr.NoEvent.Share != 0) {
			t.Errorf("%s: coding nothing scored %+v", s.Name, tr)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	dir := dyadtest.Shared(b, "data")
	recs, _ := Load(context.Background(), dir, "tabari")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Score(context.Background(), "tabari", recs, oracle, Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
