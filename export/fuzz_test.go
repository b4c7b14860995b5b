package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/export"
	"github.com/google/go-cmp/cmp"
)

// FuzzWriters puts outside text (names, sentences, places, URLs) into every
// writer: the CSV row reads back equal, a GDELT row stays one line of 61
// cells, and a PLOVER line is one JSON object.
func FuzzWriters(f *testing.F) {
	f.Add("Nasser Kanaani", "He said \"no\", then left.\nNew line.", "New York", "https://x.org/a?b=1&c=2")
	f.Add("a\tb", "\r\n", ",\"", "\x00")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, name, sentence, place, url string) {
		if !utf8.ValidString(name) || !utf8.ValidString(sentence) || !utf8.ValidString(place) || !utf8.ValidString(url) {
			t.Skip("the store holds UTF-8")
		}
		text := "Intro. " + sentence
		d := &dyad.Doc{Article: dyad.Article{ID: "a1", URL: url, Source: name}, Text: text,
			Sentences: []dyad.Sentence{{N: 1, Start: 0, End: 6}, {N: 2, Start: 7, End: len(text)}},
			Actors:    []dyad.Actor{{ID: "x1", Name: name, Code: "FRAGOV", Mentions: []dyad.Mention{{Sentence: 2, Text: name}}}}}
		e := export.Event{Doc: d, EventRecord: dyad.EventRecord{ArticleID: "a1", Published: "2024-01-02", Event: dyad.Event{
			ID: "e1", Sentence: 2, Source: dyad.Participant{Actor: "x1", Code: "FRAGOV"}, Target: dyad.Participant{Code: "DEU"},
			CAMEO: "051", Goldstein: 3.4, QuadClass: 1, Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown,
			Location: &dyad.Location{Name: place}, AttributedTo: "x1", Rule: name}}}

		var b bytes.Buffer
		w := export.NewCSV(&b)
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		want := make([]string, len(export.CSVColumns))
		export.CSVRow(want, e)
		// encoding/csv reads \r\n inside a quoted field as \n.
		for i := range want {
			want[i] = strings.ReplaceAll(want[i], "\r\n", "\n")
		}
		if len(rows) != 2 {
			t.Fatalf("%d CSV rows, want 2", len(rows))
		}
		if diff := cmp.Diff(want, rows[1]); diff != "" {
			t.Errorf("CSV row read back (-want +got):\n%s", diff)
		}

		b.Reset()
		g := export.NewGDELT(&b, false)
		if err := g.Write(e); err != nil {
			t.Fatal(err)
		}
		g.Flush()
		out := b.String()
		if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") || strings.Contains(out, "\r") {
			t.Fatalf("GDELT row is not one line: %q", out)
		}
		if n := len(strings.Split(strings.TrimSuffix(out, "\n"), "\t")); n != len(export.GDELTColumns) {
			t.Fatalf("GDELT row of %d cells: %q", n, out)
		}

		b.Reset()
		p := export.NewPLOVER(&b)
		if err := p.Write(e); err != nil {
			t.Fatal(err)
		}
		p.Flush()
		var r export.PLOVERRecord
		if strings.Count(b.String(), "\n") != 1 || json.Unmarshal(b.Bytes(), &r) != nil || r.EventText != sentence {
			t.Fatalf("PLOVER line %q", b.String())
		}
	})
}
