package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// TestGolden runs the whole pipeline over each case of testdata/golden and
// compares the document JSON with the case's want.json. A case holds either
// article.txt or shared.txt (the path of an input under ../shared, such as
// the seed), an optional meta.json (article fields) and optional dictionary
// files dict*.txt. `go test ./pipeline -update` rewrites want.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	def := newPipeline(t, pipeline.Options{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var text []byte
			var art dyad.Article
			var dicts []string
			var want, expect []byte
			for _, f := range ar.Files {
				switch {
				case f.Name == "article.txt":
					text = f.Data
				case f.Name == "shared.txt":
					text, err = os.ReadFile(dyadtest.Shared(t, strings.TrimSpace(string(f.Data))))
					if err != nil {
						t.Fatal(err)
					}
				case f.Name == "meta.json":
					if err := json.Unmarshal(f.Data, &art); err != nil {
						t.Fatalf("meta.json: %v", err)
					}
				case strings.HasPrefix(f.Name, "dict"):
					p := filepath.Join(t.TempDir(), f.Name)
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
					dicts = append(dicts, p)
				case f.Name == "want.json":
					want = f.Data
				case f.Name == "expect":
					expect = f.Data
				}
			}
			p := def
			if len(dicts) > 0 {
				p = newPipeline(t, pipeline.Options{Dicts: dicts})
			}
			d, err := p.Code(context.Background(), art, text)
			if err != nil {
				t.Fatal(err)
			}
			checkExpect(t, d, string(expect))
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(d); err != nil {
				t.Fatal(err)
			}
			if *dyadtest.Update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want.json" {
						ar.Files[i].Data = got.Bytes()
						want = got.Bytes()
					}
				}
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.json", Data: got.Bytes()})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("document differs (-want +got); rerun with -update and review:\n%s", diff)
			}
		})
	}
}

func newPipeline(t testing.TB, opt pipeline.Options) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkExpect holds a document to a case's expectations, one a line:
//
//	S SRC>TGT CODE MODALITY [by NAME]   an event in sentence S must exist
//	! S SRC>TGT CODE MODALITY           no such event may exist
//	no-event S                          sentence S codes nothing
//	todo ...                            a known gap: logged, not failed
//
// Actor codes and CAMEO codes match by prefix; CODE may list a|b.
func checkExpect(t *testing.T, d *dyad.Doc, expect string) {
	t.Helper()
	names := map[string]string{}
	for _, a := range d.Actors {
		names[a.ID] = a.Name
	}
	for _, line := range strings.Split(expect, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == "no-event" {
			if got := eventsIn(d, atoi(t, f[1])); len(got) > 0 {
				t.Errorf("s%s: want no event, got %v", f[1], got)
			}
			continue
		}
		todo := f[0] == "todo" // a known gap: reported, not failed
		if todo {
			f = f[1:]
		}
		neg := f[0] == "!"
		if neg {
			f = f[1:]
		}
		if len(f) < 4 {
			t.Fatalf("bad expect line %q", line)
		}
		sent := atoi(t, f[0])
		src, tgt, _ := strings.Cut(f[1], ">")
		by := ""
		if len(f) >= 6 && f[4] == "by" {
			by = f[5]
		}
		found := false
		for _, e := range d.Events {
			if e.Sentence != sent || !strings.HasPrefix(e.Source.Code, src) || !strings.HasPrefix(e.Target.Code, tgt) || string(e.Modality) != f[3] {
				continue
			}
			codeOK := false
			for _, c := range strings.Split(f[2], "|") {
				codeOK = codeOK || strings.HasPrefix(e.CAMEO, c)
			}
			if codeOK && (by == "" || strings.Contains(names[e.AttributedTo], by)) {
				found = true
			}
		}
		switch {
		case todo && found != neg:
			t.Logf("known gap now works, drop its todo: %q", line)
		case todo:
			t.Logf("known gap: %q; s%d has %v", line, sent, eventsIn(d, sent))
		case neg && found:
			t.Errorf("unwanted event %q; s%d has %v", line, sent, eventsIn(d, sent))
		case !neg && !found:
			t.Errorf("missing event %q; s%d has %v", line, sent, eventsIn(d, sent))
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("bad sentence number %q", s)
	}
	return n
}
