package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/export"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

// seedStore returns a store holding the storetest seed document and two
// variants of it: 18 events in three articles.
func seedStore(t *testing.T) dyad.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, d := range []*dyad.Doc{storetest.Seed(), storetest.Variant(1), storetest.Variant(2)} {
		if _, _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func exportString(t *testing.T, s dyad.Store, opt export.Options) (string, int) {
	t.Helper()
	var b bytes.Buffer
	n, err := export.Export(context.Background(), s, &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), n
}

// csvEvent is an event as the CSV export gives it back.
type csvEvent struct {
	ArticleID, ID, Published         string
	Sentence                         int
	SourceCode, SourceName           string
	TargetCode, TargetName           string
	CAMEO, CAMEOName                 string
	Goldstein                        float64
	QuadClass                        int
	PLOVERType, PLOVERMode, Modality string
	Date, Precision                  string
	LocName, LocCountry              string
	Lat, Lon                         *float64
	AttributedTo, Claim, Rule        string
	Span                             dyad.Span
	SentenceText                     string
}

// TestCSVRoundTrip exports every event as CSV, reads it back with
// encoding/csv and compares it with the store's events.
func TestCSVRoundTrip(t *testing.T) {
	s := seedStore(t)
	ctx := context.Background()
	out, n := exportString(t, s, export.Options{Format: export.CSV})

	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if diff := cmp.Diff(export.CSVColumns, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	var got []csvEvent
	for _, row := range rows[1:] {
		col := map[string]string{}
		for i, name := range rows[0] {
			col[name] = row[i]
		}
		atoi := func(k string) int {
			v, err := strconv.Atoi(col[k])
			if err != nil {
				t.Fatalf("%s %q: %v", k, col[k], err)
			}
			return v
		}
		float := func(k string) *float64 {
			if col[k] == "" {
				return nil
			}
			v, err := strconv.ParseFloat(col[k], 64)
			if err != nil {
				t.Fatalf("%s %q: %v", k, col[k], err)
			}
			return &v
		}
		got = append(got, csvEvent{
			ArticleID: col["article_id"], ID: col["event_id"], Published: col["published"], Sentence: atoi("sentence"),
			SourceCode: col["source_code"], SourceName: col["source_name"],
			TargetCode: col["target_code"], TargetName: col["target_name"],
			CAMEO: col["cameo"], CAMEOName: col["cameo_name"], Goldstein: *float("goldstein"), QuadClass: atoi("quad_class"),
			PLOVERType: col["plover_type"], PLOVERMode: col["plover_mode"], Modality: col["modality"],
			Date: col["date"], Precision: col["date_precision"],
			LocName: col["location_name"], LocCountry: col["location_country"], Lat: float("location_lat"), Lon: float("location_lon"),
			AttributedTo: col["attributed_to"], Claim: col["claim"], Rule: col["rule"],
			Span: dyad.Span{Start: atoi("span_start"), End: atoi("span_end")}, SentenceText: col["sentence_text"],
		})
	}

	evs, err := s.Events(ctx, dyad.EventFilter{Page: dyad.Page{Limit: dyad.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var want []csvEvent
	for _, e := range evs {
		d, err := s.Doc(ctx, e.ArticleID)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, a := range d.Actors {
			names[a.ID] = a.Name
		}
		st := d.Sentences[e.Sentence-1]
		w := csvEvent{ArticleID: e.ArticleID, ID: e.ID, Published: e.Published, Sentence: e.Sentence,
			SourceCode: e.Source.Code, SourceName: names[e.Source.Actor], TargetCode: e.Target.Code, TargetName: names[e.Target.Actor],
			CAMEO: e.CAMEO, CAMEOName: e.CAMEOName, Goldstein: e.Goldstein, QuadClass: e.QuadClass,
			PLOVERType: e.PLOVER.Type, PLOVERMode: e.PLOVER.Mode, Modality: string(e.Modality), Date: e.Date,
			Precision: e.DatePrecision, AttributedTo: names[e.AttributedTo], Claim: e.Claim, Rule: e.Rule, Span: e.Span,
			SentenceText: d.Text[st.Start:st.End]}
		if l := e.Location; l != nil {
			w.LocName, w.LocCountry, w.Lat, w.Lon = l.Name, l.Country, l.Lat, l.Lon
		}
		want = append(want, w)
	}
	if len(want) != 18 || n != len(want) {
		t.Fatalf("%d events stored, %d exported; want 18", len(want), n)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV read back (-store +csv):\n%s", diff)
	}
}

// TestGDELT checks the shape of the GDELT table and the columns of the UN
// General Assembly's condemnation of Russia.
func TestGDELT(t *testing.T) {
	s := seedStore(t)
	out, n := exportString(t, s, export.Options{Format: export.GDELT,
		Filter: dyad.EventFilter{Dyad: [2]string{"RUS", "IGOUNO"}}})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if n != 3 || len(lines) != 3 {
		t.Fatalf("%d rows written, %d lines; want 3:\n%s", n, len(lines), out)
	}
	for _, l := range lines {
		if cells := strings.Split(l, "\t"); len(cells) != len(export.GDELTColumns) {
			t.Fatalf("a row of %d cells, want %d: %q", len(cells), len(export.GDELTColumns), l)
		}
	}
	row := map[string]string{}
	for i, c := range strings.Split(lines[0], "\t") {
		if c != "" {
			row[export.GDELTColumns[i]] = c
		}
	}
	seed, err := s.Articles(context.Background(), dyad.ArticleFilter{Page: dyad.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"GlobalEventID": strconv.FormatUint(export.GlobalEventID(seed[0].ID, "e6"), 10),
		"Day":           "20230223", "MonthYear": "202302", "Year": "2023", "FractionDate": "2023.1475",
		"Actor1Code": "IGOUNO", "Actor1Name": "UN GENERAL ASSEMBLY", "Actor1KnownGroupCode": "UNO", "Actor1Type1Code": "IGO",
		"Actor2Code": "RUS", "Actor2Name": "RUSSIA", "Actor2CountryCode": "RUS",
		"IsRootEvent": "0", "EventCode": "111", "EventBaseCode": "111", "EventRootCode": "11",
		"QuadClass": "3", "GoldsteinScale": "-2", "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
		"ActionGeo_Type": "1", "ActionGeo_FullName": "New York",
		"SOURCEURL": "https://en.mehrnews.com/news/example-iran-russia",
	}
	if diff := cmp.Diff(want, row); diff != "" {
		t.Errorf("GDELT row of the condemnation (-want +got):\n%s", diff)
	}

	// --header adds the column names, also to an empty table.
	out, _ = exportString(t, s, export.Options{Format: export.GDELT, Header: true, Filter: dyad.EventFilter{CAMEO: "999"}})
	if want := strings.Join(export.GDELTColumns, "\t") + "\n"; out != want {
		t.Errorf("empty table with header = %q, want %q", out, want)
	}
}

// TestGDELTRow checks the mapping of dates, codes and places that the seed
// does not show.
func TestGDELTRow(t *testing.T) {
	lat, lon := 38.9, -77.04
	d := &dyad.Doc{Article: dyad.Article{ID: "x", Source: "Wire"}, Actors: []dyad.Actor{{ID: "a1", Name: "Joe Smith"}}}
	for _, tc := range []struct {
		name string
		e    dyad.EventRecord
		want map[string]string
	}{
		{"month precision, known group after the country, US city",
			dyad.EventRecord{ArticleID: "x", Published: "2024-05-06", Event: dyad.Event{ID: "e1", Sentence: 1,
				Source: dyad.Participant{Actor: "a1", Code: "PSEREBHMS"}, Target: dyad.Participant{Code: "USAGOVMIL"},
				CAMEO: "1823", QuadClass: 4, Goldstein: -10, Date: "2023-11", DatePrecision: dyad.PrecisionMonth,
				Location: &dyad.Location{Name: "Washington", Country: "USA", Lat: &lat, Lon: &lon}}},
			map[string]string{"MonthYear": "202311", "Year": "2023",
				"Actor1Code": "PSEREBHMS", "Actor1Name": "JOE SMITH", "Actor1CountryCode": "PSE", "Actor1KnownGroupCode": "HMS", "Actor1Type1Code": "REB",
				"Actor2Code": "USAGOVMIL", "Actor2CountryCode": "USA", "Actor2Type1Code": "GOV", "Actor2Type2Code": "MIL",
				"IsRootEvent": "1", "EventCode": "1823", "EventBaseCode": "182", "EventRootCode": "18", "QuadClass": "4",
				"GoldsteinScale": "-10", "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
				"ActionGeo_Type": "3", "ActionGeo_FullName": "Washington", "ActionGeo_Lat": "38.9000", "ActionGeo_Long": "-77.0400",
				"SOURCEURL": "Wire"}},
		{"no date: the publication day",
			dyad.EventRecord{ArticleID: "x", Published: "2024-12-31", Event: dyad.Event{ID: "e2", Sentence: 3,
				Source: dyad.Participant{Code: "WST"}, CAMEO: "010", QuadClass: 1, DatePrecision: dyad.PrecisionUnknown}},
			map[string]string{"Day": "20241231", "MonthYear": "202412", "Year": "2024", "FractionDate": "2024.9973",
				"Actor1Code": "WST", "Actor1CountryCode": "WST", "IsRootEvent": "0", "EventCode": "010", "EventBaseCode": "010",
				"EventRootCode": "01", "QuadClass": "1", "GoldsteinScale": "0", "NumMentions": "1", "NumSources": "1",
				"NumArticles": "1", "SOURCEURL": "Wire"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			row := make([]string, len(export.GDELTColumns))
			export.GDELTRow(row, export.Event{EventRecord: tc.e, Doc: d})
			got := map[string]string{}
			for i, c := range row {
				if c != "" && export.GDELTColumns[i] != "GlobalEventID" {
					got[export.GDELTColumns[i]] = c
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPLOVER reads the PLOVER lines back and checks the denied-in-advance
// claim of military aid.
func TestPLOVER(t *testing.T) {
	s := seedStore(t)
	out, n := exportString(t, s, export.Options{Format: export.PLOVER, Filter: dyad.EventFilter{Modality: dyad.Claimed}})
	var recs []export.PLOVERRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var r export.PLOVERRecord
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	if n != 3 || len(recs) != 3 {
		t.Fatalf("%d records (%d written), want 3", len(recs), n)
	}
	id := recs[0].StoryID
	want := export.PLOVERRecord{
		ID: id + "-e4", StoryID: id, EventDate: "2023-02-24", DatePrecision: dyad.PrecisionDay,
		EventType: "AID", Mode: "military",
		SourceText: "Iran", SourceCode: "IRN", SourceCountry: "IRN",
		TargetText: "Russia", TargetCode: "RUS", TargetCountry: "RUS",
		QuadCode: 2, EventText: "Western nations accuse Iran of supplying military drones to Russia for the war in Ukraine.",
		CAMEO: "072", Goldstein: 8.3, Modality: dyad.Claimed, AttributedTo: "Western nations", Claim: "c1",
		Rule: "verbs.supply.military", Publisher: "Mehr News Agency", URL: "https://en.mehrnews.com/news/example-iran-russia",
		PubDate: "2023-02-24",
	}
	got := recs[0]
	got.Context = nil // the ontology's, checked below
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	out, _ = exportString(t, s, export.Options{Format: export.PLOVER, Filter: dyad.EventFilter{CAMEO: "036", Page: dyad.Page{Limit: 1}}})
	var r export.PLOVERRecord
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.SourceText != "Foreign Minister Hossein Amir Abdollahian" || r.SourceCountry != "IRN" ||
		!cmp.Equal(r.SourceSectors, []string{"GOV"}) || r.EventLoc == nil || r.EventLoc.Name != "Moscow" {
		t.Errorf("the planned visit: %+v", r)
	}
}

// TestDocs exports whole documents and reads them back equal to the store's.
func TestDocs(t *testing.T) {
	s := seedStore(t)
	ctx := context.Background()
	type docLine struct {
		dyad.Doc
		Text string `json:"text"`
	}
	read := func(out string) []*dyad.Doc {
		var docs []*dyad.Doc
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var d docLine
			if err := json.Unmarshal([]byte(l), &d); err != nil {
				t.Fatal(err)
			}
			d.Doc.Text = d.Text
			docs = append(docs, &d.Doc)
		}
		return docs
	}
	arts, err := s.Articles(ctx, dyad.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out, n := exportString(t, s, export.Options{Format: export.JSONL})
	got := read(out)
	if n != 3 || len(got) != 3 {
		t.Fatalf("%d documents (%d written), want 3", len(got), n)
	}
	for i, a := range arts {
		want, err := s.Doc(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("document %s (-store +export):\n%s", a.ID, diff)
		}
	}
	// A filter selects the documents with a matching event, each once.
	out, n = exportString(t, s, export.Options{Format: export.JSONL, Filter: dyad.EventFilter{Actor: "IRN", Page: dyad.Page{Limit: 2}}})
	got = read(out)
	if n != 2 || len(got) != 2 || got[0].Article.ID != arts[0].ID || got[1].Article.ID != arts[1].ID {
		t.Errorf("documents with an IRN event, at most 2: %d", n)
	}
}

// TestDeterministic exports twice in every format: the bytes are equal.
func TestDeterministic(t *testing.T) {
	s := seedStore(t)
	for _, f := range export.Formats {
		a, _ := exportString(t, s, export.Options{Format: f})
		b, _ := exportString(t, s, export.Options{Format: f})
		if a != b || a == "" {
			t.Errorf("%s: two exports differ or are empty", f)
		}
	}
}

// TestExportInvalid gives bad options: each is dyad.ErrInvalid.
func TestExportInvalid(t *testing.T) {
	s := seedStore(t)
	for _, opt := range []export.Options{
		{Format: "xml"},
		{Format: export.CSV, Filter: dyad.EventFilter{QuadClass: 5}},
		{Format: export.CSV, Filter: dyad.EventFilter{Modality: "rumoured"}},
		{Format: export.JSONL, Filter: dyad.EventFilter{Page: dyad.Page{After: "1.2"}}},
	} {
		if _, err := export.Export(context.Background(), s, &bytes.Buffer{}, opt); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", opt, err)
		}
	}
}
