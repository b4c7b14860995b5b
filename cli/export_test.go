package cli_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/export"
	"github.com/google/go-cmp/cmp"
)

func exportOut(t *testing.T, db string, args ...string) string {
	t.Helper()
	args = append([]string{"export", "--db", db}, args...)
	code, out, errs := batchMain(t, context.Background(), args...)
	if code != cli.ExitOK {
		t.Fatalf("%v: exit %d\n%s", args, code, errs)
	}
	return out
}

// TestExportSeed exports the coded seed in every format and reads each
// back against the store's events.
func TestExportSeed(t *testing.T) {
	db := seedDB(t)
	events := queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")
	if len(events) == 0 {
		t.Fatal("no event in the seed")
	}

	t.Run("csv", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(exportOut(t, db, "--format", "csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(export.CSVColumns, rows[0]); diff != "" {
			t.Fatalf("header (-want +got):\n%s", diff)
		}
		type ev struct {
			Article, ID, Source, Target, CAMEO, Modality, Date string
			Goldstein                                          float64
			Quad                                               int
			Span                                               dyad.Span
		}
		var got, want []ev
		for _, r := range rows[1:] {
			g, err := strconv.ParseFloat(r[10], 64)
			if err != nil {
				t.Fatal(err)
			}
			q, _ := strconv.Atoi(r[11])
			s, _ := strconv.Atoi(r[24])
			e, _ := strconv.Atoi(r[25])
			got = append(got, ev{r[0], r[1], r[4], r[6], r[8], r[14], r[15], g, q, dyad.Span{Start: s, End: e}})
		}
		for _, e := range events {
			want = append(want, ev{e.ArticleID, e.ID, e.Source.Code, e.Target.Code, e.CAMEO, string(e.Modality), e.Date,
				e.Goldstein, e.QuadClass, e.Span})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("CSV read back (-store +csv):\n%s", diff)
		}
	})
	t.Run("gdelt", func(t *testing.T) {
		out := exportOut(t, db, "--format", "gdelt", "--dyad", "RUS,IGOUNO")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		found := false
		for _, l := range lines {
			cells := strings.Split(l, "\t")
			if len(cells) != len(export.GDELTColumns) {
				t.Fatalf("%d cells, want %d: %q", len(cells), len(export.GDELTColumns), l)
			}
			if cells[5] == "IGOUNO" && cells[15] == "RUS" && cells[26] == "111" && cells[28] == "11" {
				found = true
			}
		}
		if !found {
			t.Errorf("no IGOUNO -> RUS 111 row:\n%s", out)
		}
		withHeader := exportOut(t, db, "--format", "gdelt", "--dyad", "RUS,IGOUNO", "--header")
		if withHeader != strings.Join(export.GDELTColumns, "\t")+"\n"+out {
			t.Errorf("--header does not add exactly the header line")
		}
	})
	t.Run("plover", func(t *testing.T) {
		sc := bufio.NewScanner(strings.NewReader(exportOut(t, db, "--format", "plover")))
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			var r export.PLOVERRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("line %d: %v", n+1, err)
			}
			e := events[n]
			if r.ID != e.ArticleID+"-"+e.ID || r.EventType != e.PLOVER.Type || r.SourceCode != e.Source.Code ||
				r.TargetCode != e.Target.Code || r.Modality != e.Modality || r.EventText == "" {
				t.Errorf("line %d: %+v is not event %+v", n+1, r, e)
			}
			n++
		}
		if n != len(events) {
			t.Errorf("%d PLOVER lines, %d events", n, len(events))
		}
	})
	t.Run("jsonl to a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "docs.jsonl")
		if stdout := exportOut(t, db, "--format", "jsonl", "--out", out); stdout != "" {
			t.Errorf("stdout %q with --out", stdout)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			dyad.Doc
			Text string `json:"text"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Events) != len(events) || !strings.HasPrefix(d.Text, "TEHRAN") || d.Article.Published != "2023-02-24" {
			t.Errorf("document: %d events, text %.20q, article %+v", len(d.Events), d.Text, d.Article)
		}
		if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
			t.Errorf("export left %d files, want 1", len(entries))
		}
	})
	t.Run("bad filter", func(t *testing.T) {
		code, _, errs := batchMain(t, context.Background(), "export", "--db", db, "--format", "csv", "--quad", "9")
		if code == cli.ExitOK || !strings.Contains(errs, "invalid input") {
			t.Errorf("exit %d, %q", code, errs)
		}
		code, _, _ = batchMain(t, context.Background(), "export", "--db", db, "--format", "xml")
		if code != cli.ExitUsage {
			t.Errorf("--format xml: exit %d, want %d", code, cli.ExitUsage)
		}
	})
}
