package cli_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/export"
)

// seedDB ingests the seed article (as plain text, published 2023-02-24)
// into a new database and returns its path.
func seedDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeSeedForms(t, filepath.Join(dir, "in"))
	db := filepath.Join(dir, "dyad.db")
	code, out, errs := batchMain(t, context.Background(), "ingest", filepath.Join(dir, "in", "seed.txt"), "--db", db,
		"--published", "2023-02-24", "--source", seedSource)
	if code != cli.ExitOK {
		t.Fatalf("ingest the seed: exit %d\n%s\n%s", code, out, errs)
	}
	return db
}

// queryJSON runs a query with --format json and decodes its records.
func queryJSON[T any](t *testing.T, db string, args ...string) []T {
	t.Helper()
	args = append([]string{"query", "--db", db, "--format", "json"}, args...)
	code, out, errs := batchMain(t, context.Background(), args...)
	if code != cli.ExitOK {
		t.Fatalf("%v: exit %d\n%s", args, code, errs)
	}
	var recs []T
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("%v: output is not a JSON array: %v\n%s", args, err, out)
	}
	return recs
}

func hasEvent(evs []dyad.EventRecord, source, target, cameoPrefix string, m dyad.Modality) bool {
	for _, e := range evs {
		if e.Source.Code == source && e.Target.Code == target && strings.HasPrefix(e.CAMEO, cameoPrefix) && (m == "" || e.Modality == m) {
			return true
		}
	}
	return false
}

// TestQuerySeed queries the coded seed article with each kind of filter
// and reads every format back.
func TestQuerySeed(t *testing.T) {
	db := seedDB(t)

	t.Run("dyad", func(t *testing.T) {
		evs := queryJSON[dyad.EventRecord](t, db, "events", "--dyad", "RUS,IGOUNO")
		if !hasEvent(evs, "IGOUNO", "RUS", "111", "") {
			t.Errorf("--dyad RUS,IGOUNO does not find IGOUNO -> RUS 111: %+v", evs)
		}
		for _, e := range evs {
			pair := e.Source.Code[:3] + e.Target.Code[:3]
			if pair != "IGORUS" && pair != "RUSIGO" {
				t.Errorf("--dyad RUS,IGOUNO gave %s -> %s", e.Source.Code, e.Target.Code)
			}
		}
	})
	t.Run("cameo root", func(t *testing.T) {
		evs := queryJSON[dyad.EventRecord](t, db, "events", "--cameo", "11")
		if len(evs) == 0 || !hasEvent(evs, "IGOUNO", "RUS", "111", "") {
			t.Errorf("--cameo 11: %+v", evs)
		}
		for _, e := range evs {
			if !strings.HasPrefix(e.CAMEO, "11") {
				t.Errorf("--cameo 11 gave %s", e.CAMEO)
			}
		}
	})
	t.Run("modality denied", func(t *testing.T) {
		evs := queryJSON[dyad.EventRecord](t, db, "events", "--modality", "denied")
		found := false
		for _, e := range evs {
			if e.Modality != dyad.Denied {
				t.Errorf("--modality denied gave a %s event", e.Modality)
			}
			if strings.HasPrefix(e.Source.Code, "IRN") && strings.HasPrefix(e.Target.Code, "RUS") && strings.HasPrefix(e.CAMEO, "07") {
				found = true
			}
		}
		if !found {
			t.Errorf("--modality denied does not find Iran's denied supply of drones to Russia: %+v", evs)
		}
		// It is never asserted.
		for _, e := range queryJSON[dyad.EventRecord](t, db, "events", "--source", "IRN", "--target", "RUS", "--cameo", "07", "--modality", "asserted") {
			t.Errorf("an asserted supply of military aid: %+v", e)
		}
	})
	t.Run("dates and text", func(t *testing.T) {
		all := queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")
		// The day of an event: its own date, else the article's.
		day := func(e dyad.EventRecord) string {
			if e.DatePrecision == dyad.PrecisionDay {
				return e.Date
			}
			return e.Published
		}
		var other string
		for _, e := range all {
			if d := day(e); d != "2023-02-24" {
				other = d
			}
		}
		if other == "" {
			t.Fatal("every event of the seed is of the day of publication: no date to select")
		}
		want, wantOthers := 0, 0
		for _, e := range all {
			switch day(e) {
			case other:
				want++
			case "2023-02-24":
				wantOthers++
			}
		}
		evs := queryJSON[dyad.EventRecord](t, db, "events", "--from", other, "--to", other)
		for _, e := range evs {
			if day(e) != other {
				t.Errorf("--from %s --to %s gave an event of %s", other, other, day(e))
			}
		}
		if len(evs) != want {
			t.Errorf("--from %s --to %s: %d events, want %d", other, other, len(evs), want)
		}
		if evs := queryJSON[dyad.EventRecord](t, db, "events", "--from", "2023-02-24", "--to", "2023-02-24"); len(evs) != wantOthers {
			t.Errorf("events of 2023-02-24: %d, want %d", len(evs), wantOthers)
		}
		if evs := queryJSON[dyad.EventRecord](t, db, "events", "--text", "drones"); len(evs) == 0 {
			t.Errorf("--text drones finds no event")
		}
		if evs := queryJSON[dyad.EventRecord](t, db, "events", "--text", "penguins"); len(evs) != 0 {
			t.Errorf("--text penguins finds %d events", len(evs))
		}
	})
	t.Run("paging", func(t *testing.T) {
		all := queryJSON[dyad.EventRecord](t, db, "events")
		if len(all) < 3 {
			t.Fatalf("%d events", len(all))
		}
		code, _, errs := batchMain(t, context.Background(), "query", "--db", db, "--format", "json", "events", "--limit", "2")
		if code != cli.ExitOK || !strings.Contains(errs, "--after "+all[1].Cursor) {
			t.Errorf("a full page does not tell the next cursor: %q", errs)
		}
		rest := queryJSON[dyad.EventRecord](t, db, "events", "--after", all[1].Cursor)
		if len(rest) != len(all)-2 || rest[0].ID != all[2].ID {
			t.Errorf("after the second event: %d events from %s", len(rest), rest[0].ID)
		}
	})
	t.Run("quotes", func(t *testing.T) {
		qs := queryJSON[dyad.QuoteRecord](t, db, "quotes", "--speaker", "Dmytro Kuleba")
		var direct []dyad.QuoteRecord
		for _, q := range qs {
			if q.Speaker.Name != "Dmytro Kuleba" {
				t.Errorf("--speaker Dmytro Kuleba gave %q", q.Speaker.Name)
			}
			if q.Direct {
				direct = append(direct, q)
			}
		}
		if len(direct) == 0 {
			t.Errorf("no direct quotation of Kuleba: %+v", qs)
		}
		if qs := queryJSON[dyad.QuoteRecord](t, db, "quotes", "--speaker", "IRNGOV", "--text", "political desire"); len(qs) != 1 {
			t.Errorf("Kanaani's quotation on political desire: %+v", qs)
		}
	})
	t.Run("votes", func(t *testing.T) {
		vs := queryJSON[dyad.VoteRecord](t, db, "votes", "--body", "IGOUNO", "--country", "RUS", "--position", "no")
		if len(vs) != 1 || vs[0].Yes != 141 || vs[0].No != 7 || vs[0].Abstain != 32 {
			t.Errorf("the General Assembly vote with Russia against: %+v", vs)
		}
		if vs := queryJSON[dyad.VoteRecord](t, db, "votes", "--country", "USA", "--position", "no"); len(vs) != 0 {
			t.Errorf("a vote with the USA against: %+v", vs)
		}
	})
	t.Run("articles and actors", func(t *testing.T) {
		as := queryJSON[dyad.ArticleRecord](t, db, "articles", "--text", `"special military operation"`, "--source", seedSource)
		if len(as) != 1 || as[0].Published != "2023-02-24" {
			t.Errorf("articles: %+v", as)
		}
		acts := queryJSON[dyad.ActorRecord](t, db, "actors", "--code", "IGOUNO")
		if len(acts) == 0 || len(acts[0].Mentions) == 0 {
			t.Errorf("actors --code IGOUNO: %+v", acts)
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, errs := batchMain(t, context.Background(), "query", "--db", db, "--format", "csv", "events", "--cameo", "11")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		evs := queryJSON[dyad.EventRecord](t, db, "events", "--cameo", "11")
		if len(rows) != len(evs)+1 || strings.Join(rows[0], ",") != strings.Join(export.CSVColumns, ",") {
			t.Fatalf("%d CSV rows for %d events; header %v", len(rows), len(evs), rows[0])
		}
		for i, e := range evs {
			if r := rows[i+1]; r[1] != e.ID || r[4] != e.Source.Code || r[6] != e.Target.Code || r[8] != e.CAMEO || r[26] == "" {
				t.Errorf("row %d %v is not event %+v", i+1, r, e)
			}
		}
		for _, kind := range []string{"quotes", "votes", "articles", "actors"} {
			code, out, errs := batchMain(t, context.Background(), "query", "--db", db, "--format", "csv", kind)
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if code != cli.ExitOK || err != nil || len(rows) < 2 {
				t.Errorf("%s as CSV: exit %d, %d rows, %v %s", kind, code, len(rows), err, errs)
			}
		}
	})
	t.Run("table", func(t *testing.T) {
		code, out, errs := batchMain(t, context.Background(), "query", "--db", db, "events", "--dyad", "RUS,IGOUNO")
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "DATE") || !strings.Contains(out, "Criticize or denounce") {
			t.Errorf("table:\n%s", out)
		}
		// Aligned: every line has its CAMEO column at the same place.
		col := strings.Index(lines[0], "CAMEO")
		for _, l := range lines[1:] {
			if len(l) <= col || l[col-1] != ' ' || l[col] == ' ' {
				t.Errorf("line not aligned with the header:\n%s\n%s", lines[0], l)
			}
		}
	})
}

// TestQueryBadFilters gives filter values the store refuses: each is a
// clear error and a non-zero exit status.
func TestQueryBadFilters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	s := openDB(t, db)
	s.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"events", "--quad", "7"}, "quad class 7"},
		{[]string{"events", "--modality", "rumoured"}, `unknown modality "rumoured"`},
		{[]string{"events", "--cameo", "1x"}, "is not digits"},
		{[]string{"events", "--dyad", "RUS"}, "two actor codes"},
		{[]string{"events", "--from", "2023-02-30"}, "not YYYY-MM-DD"},
		{[]string{"events", "--from", "2023-03-01", "--to", "2023-02-01"}, "is empty"},
		{[]string{"events", "--after", "nonsense"}, "bad cursor"},
		{[]string{"events", "--limit=-3"}, "negative limit"},
		{[]string{"votes", "--position", "maybe", "--country", "RUS"}, "unknown vote position"},
		{[]string{"votes", "--position", "no"}, "needs a country"},
		{[]string{"quotes", "--text", "!!"}, "has no words"},
	} {
		args := append([]string{"query", "--db", db}, tc.args...)
		code, _, errs := batchMain(t, context.Background(), args...)
		if code == cli.ExitOK || !strings.Contains(errs, "invalid input") || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want an invalid-input error with %q", tc.args, code, errs, tc.want)
		}
	}
	code, _, errs := batchMain(t, context.Background(), "query", "--db", filepath.Join(t.TempDir(), "none.db"), "events")
	if code == cli.ExitOK || !strings.Contains(errs, "run dyad ingest first") {
		t.Errorf("missing database: exit %d, %q", code, errs)
	}
}
