package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/eval"
	"github.com/dyadhq/dyad/pipeline"
)

// evalMain runs dyad with args and returns its exit status and output.
func evalMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// evalJSON runs a set with --format json and decodes the result.
func evalJSON(t *testing.T, args ...string) *cli.SetResult {
	t.Helper()
	code, out, errs := evalMain(t, append(args, "--format", "json")...)
	if code != cli.ExitOK {
		t.Fatalf("dyad %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	var res cli.SetResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not a SetResult: %v\n%s", err, out)
	}
	return &res
}

// TestEvalSets scores the first records of each public set: the reader
// must read the whole file, and every run must code and score the records.
func TestEvalSets(t *testing.T) {
	data := dyadtest.Shared(t, "data")
	const limit = 5
	tests := []struct {
		set       string
		read      int // records read from the file
		malformed int // and the malformed ones skipped (see eval's TestSharedSets)
		runs      []string
		// what each run's report must have
		triples, labels, plover bool
		dicts                   bool     // the set's own dictionaries replace the built-in actors
		verbs                   []string // per run, the set's own verb dictionary that codes it ("": dyad's rules)
	}{
		{set: "petrarch", read: 284, runs: []string{"PETR.Validate dictionaries"}, triples: true, dicts: true,
			verbs: []string{"PETR.Validate.verbs.txt"}},
		{set: "tabari", read: 478, malformed: 3, runs: []string{"TABARI validation dictionaries"}, triples: true, dicts: true,
			verbs: []string{"TABARI.Demo.verbs"}},
		{set: "petrarch2-gsr", read: 78, runs: []string{"built-in", "Phoenix dictionaries"}, triples: true,
			verbs: []string{"", "CAMEO.2.0.txt"}},
		{set: "plover-gsr", read: 321, malformed: 1, runs: []string{"built-in"}, plover: true},
		{set: "cameo-examples", read: 277, runs: []string{"built-in"}, labels: true},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			res := evalJSON(t, "eval", tt.set, "--data", data, "--limit", "5", "--errors", "2")
			if res.Set != tt.set || res.Read != tt.read || res.Malformed != tt.malformed || len(res.MalformedErrors) != tt.malformed ||
				res.Limit != limit || res.Counts.Records != limit {
				t.Errorf("set %q: read %d (want %d), %d malformed (want %d) %q, limit %d, %d records kept",
					res.Set, res.Read, tt.read, res.Malformed, tt.malformed, res.MalformedErrors, res.Limit, res.Counts.Records)
			}
			if want := "dyad eval " + tt.set + " --limit 5"; res.Command != want {
				t.Errorf("command = %q, want %q", res.Command, want)
			}
			var names []string
			for _, run := range res.Runs {
				names = append(names, run.Name)
			}
			if diff := cmp.Diff(tt.runs, names); diff != "" {
				t.Fatalf("runs (-want +got):\n%s", diff)
			}
			for i, run := range res.Runs {
				verbs := ""
				if i < len(tt.verbs) {
					verbs = tt.verbs[i]
				}
				r := run.Report
				if r == nil {
					t.Fatalf("run %s has no report", run.Name)
				}
				if r.Records != limit || r.Failed != 0 {
					t.Errorf("run %s: %d records, %d coder failures %v", run.Name, r.Records, r.Failed, r.Failures)
				}
				if n := r.Scored + r.Failed + r.Skipped.Discard + r.Skipped.Complex + r.Skipped.Unchecked; n != limit {
					t.Errorf("run %s: scored and skipped add up to %d, want %d", run.Name, n, limit)
				}
				if (r.Triples != nil) != tt.triples || (r.Labels != nil) != tt.labels || (r.PLOVER != nil) != tt.plover {
					t.Errorf("run %s: triples %v labels %v PLOVER %v, want %v %v %v", run.Name,
						r.Triples != nil, r.Labels != nil, r.PLOVER != nil, tt.triples, tt.labels, tt.plover)
				}
				// Every scored record of a triple set expects events or none.
				if tr := r.Triples; tr != nil && tr.Records+tr.NoEvent.Records != r.Scored {
					t.Errorf("run %s: %d records with events and %d without, but %d scored", run.Name, tr.Records, tr.NoEvent.Records, r.Scored)
				}
				if len(r.Worst) > 2 {
					t.Errorf("run %s: %d worst records, want at most 2", run.Name, len(r.Worst))
				}
				if run.Verbs == "" {
					t.Errorf("run %s does not say which verb rules coded it", run.Name)
				}
				if tt.dicts && (len(run.Dicts) != 2 || !run.ReplaceActors) {
					t.Errorf("run %s: dicts %v replace %v", run.Name, run.Dicts, run.ReplaceActors)
				}
				if verbs != "" && (filepath.Base(run.VerbFile) != verbs || run.UnusedVerbs != "" ||
					!strings.Contains(run.Verbs, verbs)) {
					t.Errorf("run %s: verb file %q, verbs %q, unused %q; want the set's own %s",
						run.Name, run.VerbFile, run.Verbs, run.UnusedVerbs, verbs)
				}
				if verbs == "" && run.VerbFile != "" {
					t.Errorf("run %s: coded with the verb dictionary %s", run.Name, run.VerbFile)
				}
			}
		})
	}
}

// TestEvalSetText checks the text output of a set: the counts read, the
// dictionaries and verbs used, the scores and the worst records.
func TestEvalSetText(t *testing.T) {
	data := dyadtest.Shared(t, "data")
	code, out, errs := evalMain(t, "eval", "petrarch", "--data", data, "--limit", "8", "--errors", "3")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"petrarch: 284 records read from " + filepath.Join(data, "petrarch", "PETR.UnitTest.records.xml"),
		"--limit 8: the first 8 records",
		"PETR.Validate.actors.txt",
		"replacing dyad's built-in actors",
		"verbs: the PETRARCH verb dictionary " + filepath.Join(data, "petrarch", "PETR.Validate.verbs.txt") + " (",
		"triples: ",
		"exact ",
		"no-event records with events: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestEvalSetVerbs checks the choice of verbs: --dyad-rules codes a set
// with dyad's event rules and says the set's own verbs are not used;
// --verbs codes it with the given dictionary.
func TestEvalSetVerbs(t *testing.T) {
	data := dyadtest.Shared(t, "data")
	res := evalJSON(t, "eval", "tabari", "--data", data, "--limit", "3", "--errors", "0", "--dyad-rules")
	run := res.Runs[0]
	if run.Verbs != "dyad's event rules" || run.VerbFile != "" || filepath.Base(run.UnusedVerbs) != "TABARI.Demo.verbs" {
		t.Errorf("--dyad-rules: verbs %q, verb file %q, unused %q", run.Verbs, run.VerbFile, run.UnusedVerbs)
	}
	if want := "dyad eval tabari --dyad-rules --limit 3"; res.Command != want {
		t.Errorf("command = %q, want %q", res.Command, want)
	}
	verbs := filepath.Join(data, "petrarch", "PETR.Validate.verbs.txt")
	res = evalJSON(t, "eval", "tabari", "--data", data, "--limit", "3", "--errors", "0", "--verbs", verbs)
	run = res.Runs[0]
	if run.VerbFile != verbs || !strings.HasPrefix(run.Verbs, "the PETRARCH verb dictionary") {
		t.Errorf("--verbs: verbs %q, verb file %q", run.Verbs, run.VerbFile)
	}
	code, out, _ := evalMain(t, "eval", "petrarch", "--data", data, "--limit", "2", "--errors", "0", "--dyad-rules")
	if code != cli.ExitOK || !strings.Contains(out, "verbs: dyad's event rules (the set's own "+verbs+" is not used)") {
		t.Errorf("--dyad-rules text output (exit %d):\n%s", code, out)
	}
	// The UniversalPetrarch set's Phoenix run is coded with PETRARCH-2's
	// own dictionary, unless --dyad-rules; the built-in run never is.
	cameo := filepath.Join(data, "phoenix", "CAMEO.2.0.txt")
	code, out, _ = evalMain(t, "eval", "petrarch2-gsr", "--data", data, "--limit", "2", "--errors", "0")
	if code != cli.ExitOK || !strings.Contains(out, "verbs: the PETRARCH-2 verb dictionary "+cameo+" (") ||
		strings.Count(out, "verbs: dyad's event rules\n") != 1 {
		t.Errorf("petrarch2-gsr text output (exit %d):\n%s", code, out)
	}
	res = evalJSON(t, "eval", "petrarch2-gsr", "--data", data, "--limit", "2", "--errors", "0", "--dyad-rules")
	if run := res.Runs[1]; run.VerbFile != "" || run.UnusedVerbs != cameo {
		t.Errorf("petrarch2-gsr --dyad-rules: verb file %q, unused %q", run.VerbFile, run.UnusedVerbs)
	}
	// --verbs naming the set's own dictionary does not call it unused.
	res = evalJSON(t, "eval", "petrarch2-gsr", "--data", data, "--limit", "2", "--errors", "0", "--verbs", cameo)
	if run := res.Runs[1]; run.VerbFile != cameo || run.UnusedVerbs != "" {
		t.Errorf("petrarch2-gsr --verbs: verb file %q, unused %q", run.VerbFile, run.UnusedVerbs)
	}
}

// TestEvalPetrarch2Floor holds the Phoenix run of the UniversalPetrarch
// set to the targets: root F1 of at least 0.70, and events on at
// most a tenth of the records that expect none.
func TestEvalPetrarch2Floor(t *testing.T) {
	data := dyadtest.Shared(t, "data")
	res := evalJSON(t, "eval", "petrarch2-gsr", "--data", data, "--errors", "0")
	run := res.Runs[1]
	tr := run.Report.Triples
	if tr == nil {
		t.Fatal("no triple scores")
	}
	if tr.Root.F1 < 0.70 {
		t.Errorf("root F1 %.3f, want at least 0.70 (%+v)", tr.Root.F1, tr.Root)
	}
	if n := tr.NoEvent; n.Records == 0 || 10*n.WithEvents > n.Records {
		t.Errorf("%d of %d no-event records have events, want at most a tenth", n.WithEvents, n.Records)
	}
}

// TestEvalSetMarkdown checks the README rows: one per run, with the
// source, licence and command.
func TestEvalSetMarkdown(t *testing.T) {
	data := dyadtest.Shared(t, "data")
	code, out, errs := evalMain(t, "eval", "petrarch2-gsr", "--data", data, "--limit", "3", "--format", "markdown")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want header, rule and two rows:\n%s", len(lines), out)
	}
	cols := len(eval.MarkdownColumns) + 3
	for i, l := range lines {
		if n := strings.Count(l, "|") - 1; n != cols {
			t.Errorf("line %d has %d cells, want %d: %s", i+1, n, cols, l)
		}
	}
	for i, name := range []string{"petrarch2-gsr (built-in)", "petrarch2-gsr (Phoenix dictionaries)"} {
		row := lines[2+i]
		if !strings.HasPrefix(row, "| "+name+" | 3 | ") {
			t.Errorf("row %d does not start with %q and 3 records: %s", i+1, name, row)
		}
		if !strings.HasSuffix(row, "| openeventdata/UniversalPetrarch PETR2_GSR_validation.xml | MIT | `dyad eval petrarch2-gsr --limit 3` |") {
			t.Errorf("row %d lacks the source, licence or command: %s", i+1, row)
		}
	}
}

// TestEvalGolden codes a golden corpus of two cases: one whose want.json is
// the pipeline's own output, so it must be equal, and one whose want.json
// was made from another text, so it must differ.
func TestEvalGolden(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	meta := `{"published": "2023-02-24"}`
	want := func(text string) string {
		d, err := p.Code(context.Background(), dyad.Article{Published: "2023-02-24"}, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	same := "Iran condemned the attack on Syria.\n"
	other := "Russia met with China in Beijing.\n"
	write := func(name, text, wantJSON string) {
		body := "-- article.txt --\n" + text + "-- meta.json --\n" + meta + "\n-- want.json --\n" + wantJSON
		if err := os.WriteFile(filepath.Join(dir, name+".txtar"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-equal", same, want(same))
	write("b-differs", same, want(other))
	if err := os.WriteFile(filepath.Join(dir, "c-broken.txtar"), []byte("-- meta.json --\n{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := evalMain(t, "eval", "golden", "--golden", dir, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var res cli.SetResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Read != 2 || res.Malformed != 1 || !strings.Contains(errs, "c-broken") {
		t.Errorf("read %d cases with %d malformed, stderr %q; want 2, 1 and c-broken named", res.Read, res.Malformed, errs)
	}
	if len(res.Runs) != 1 || res.Runs[0].Report == nil {
		t.Fatalf("runs: %+v", res.Runs)
	}
	r := res.Runs[0].Report
	if diff := cmp.Diff(&eval.DocumentScores{Cases: 2, Equal: 1, Share: 0.5, Differ: []string{"b-differs"}}, r.Documents); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if r.Scored != 2 || r.Triples == nil {
		t.Errorf("scored %d, triples %v", r.Scored, r.Triples)
	}
}

// TestEvalGoldenCorpus reads dyad's own corpus, whatever it holds.
func TestEvalGoldenCorpus(t *testing.T) {
	res := evalJSON(t, "eval", "golden", "--data", dyadtest.Shared(t, "data"), "--limit", "1", "--errors", "0")
	if res.Read == 0 || res.Malformed != 0 || res.Counts.Records != 1 || len(res.Runs) != 1 {
		t.Errorf("read %d cases, %d malformed, %d kept, %d runs", res.Read, res.Malformed, res.Counts.Records, len(res.Runs))
	}
}

// TestEvalMissingData: a data folder that is not there is a clear error
// and a failing exit status.
func TestEvalMissingData(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	for _, set := range []string{"petrarch", "cameo-examples"} {
		code, out, errs := evalMain(t, "eval", set, "--data", missing)
		if code == cli.ExitOK {
			t.Errorf("%s: exit 0 with a missing data folder; stdout:\n%s", set, out)
		}
		if !strings.Contains(errs, "reference data folder") || !strings.Contains(errs, missing) || !strings.Contains(errs, "--data") {
			t.Errorf("%s: stderr does not say which folder is missing and how to give it: %q", set, errs)
		}
	}
	code, _, errs := evalMain(t, "eval", "golden", "--golden", missing)
	if code == cli.ExitOK || !strings.Contains(errs, missing) {
		t.Errorf("golden: exit %d, stderr %q", code, errs)
	}
}

// TestEvalMalformedRecords: malformed records are counted and shown on
// standard error, and the rest is scored with exit status 0.
func TestEvalMalformedRecords(t *testing.T) {
	data := t.TempDir()
	if err := os.MkdirAll(filepath.Join(data, "petrarch"), 0o755); err != nil {
		t.Fatal(err)
	}
	xml := `<Sentences>
<Sentence date="20230224" id="OK-01" category="test">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="111"/>
<Text>Arnor condemned Gondor.</Text>
</Sentence>
<Sentence date="20230224" category="test">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="111"/>
<Text>This record has no id.</Text>
</Sentence>
<Sentence date="2023-99" id="BAD-DATE">
<EventCoding noevents="true"/>
<Text>Nor a good date.</Text>
</Sentence>
</Sentences>
`
	if err := os.WriteFile(filepath.Join(data, "petrarch", "PETR.UnitTest.records.xml"), []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	actors := filepath.Join(t.TempDir(), "test.actors.txt")
	if err := os.WriteFile(actors, []byte("ARNOR [ARN]\nGONDOR [GON]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := evalMain(t, "eval", "petrarch", "--data", data, "--dict", actors, "--dict-only", "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "2 malformed records skipped") || !strings.Contains(errs, "BAD-DATE") {
		t.Errorf("stderr does not report the two malformed records: %q", errs)
	}
	var res cli.SetResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Read != 1 || res.Malformed != 2 || len(res.MalformedErrors) != 2 {
		t.Errorf("read %d, malformed %d %q", res.Read, res.Malformed, res.MalformedErrors)
	}
	if len(res.Runs) != 1 || res.Runs[0].Name != "--dict" || !res.Runs[0].ReplaceActors ||
		len(res.Runs[0].Dicts) != 1 || res.Runs[0].Dicts[0] != actors || res.Runs[0].Report.Scored != 1 {
		t.Errorf("runs: %+v", res.Runs)
	}
	if want := "dyad eval petrarch --dict " + actors + " --dict-only"; res.Command != want {
		t.Errorf("command = %q, want %q", res.Command, want)
	}
}
