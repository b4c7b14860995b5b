package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tokenize"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var tok = tokenize.New()

// newDoc tokenizes text and marks the actors given in the test's own
// notation, so the extractors are tested without the actor resolver.
//
// Each line of actors is "ID | CODE | KIND | NAME | PHRASE, PHRASE, ...".
// A phrase marks every occurrence of its words (case-sensitive, whole
// words); "PHRASE@N" marks only those in sentence N, "PHRASE=CODE" gives the
// mention its own code. A phrase inside a longer mention of the same actor
// is not marked again. Blank lines and lines starting with # are skipped.
func newDoc(t testing.TB, text, published, actors string) *dyad.Doc {
	t.Helper()
	d := &dyad.Doc{Article: dyad.Article{ID: "test", Published: published}, Text: text}
	if err := tok.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	sentenceOf := func(off int) int {
		for _, s := range d.Sentences {
			if off >= s.Start && off < s.End {
				return s.N
			}
		}
		return 0
	}
	for ln, line := range strings.Split(actors, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 {
			t.Fatalf("actors line %d: want 5 fields, got %d", ln+1, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		a := dyad.Actor{ID: f[0], Code: f[1], Kind: dyad.ActorKind(f[2]), Name: f[3], Rule: "test"}
		if a.Kind == dyad.KindState && len(a.Code) >= 3 {
			a.Country = a.Code[:3]
		}
		phrases := strings.Split(f[4], ",")
		sort.SliceStable(phrases, func(i, j int) bool { return len(phrases[i]) > len(phrases[j]) })
		for _, ph := range phrases {
			ph = strings.TrimSpace(ph)
			code := ""
			if i := strings.LastIndex(ph, "="); i > 0 {
				ph, code = ph[:i], ph[i+1:]
			}
			only := 0
			if i := strings.LastIndex(ph, "@"); i > 0 {
				n, err := strconv.Atoi(ph[i+1:])
				if err != nil {
					t.Fatalf("actors line %d: bad sentence in %q", ln+1, ph)
				}
				ph, only = ph[:i], n
			}
			found := false
			for off := 0; ; {
				i := strings.Index(text[off:], ph)
				if i < 0 {
					break
				}
				start, end := off+i, off+i+len(ph)
				off = end
				if start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end]) {
					continue
				}
				n := sentenceOf(start)
				if only > 0 && n != only {
					continue
				}
				covered := false
				for _, m := range a.Mentions {
					if start >= m.Start && end <= m.End {
						covered = true
					}
				}
				if covered {
					continue
				}
				found = true
				a.Mentions = append(a.Mentions, dyad.Mention{Sentence: n, Start: start, End: end, Text: ph, Code: code})
			}
			if !found {
				t.Fatalf("actors line %d: phrase %q not found", ln+1, ph)
			}
		}
		sort.Slice(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
		d.Actors = append(d.Actors, a)
	}
	return d
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

var (
	quotes  = NewQuotes()
	amounts = NewAmounts()
	votes   = NewVotes()
)

// run runs the three extractors on d.
func run(t testing.TB, d *dyad.Doc) {
	t.Helper()
	ctx := context.Background()
	for _, st := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{quotes, amounts, votes} {
		if err := st.Annotate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

// output is what a golden file records.
type output struct {
	Quotes  []dyad.Quote  `json:"quotes"`
	Amounts []dyad.Amount `json:"amounts"`
	Votes   []dyad.Vote   `json:"votes"`
}

// goldenCase is one testdata/*.txtar case: an article, its actors and the
// expected output.
type goldenCase struct {
	file string
	ar   *txtar.Archive
	doc  *dyad.Doc
	want string
	has  bool // the case has a want.json
}

// loadCase reads a golden case and builds its Doc (tokenized, actors marked).
//
// A case holds article.txt (or shared.txt naming a file of the shared
// reference folder), actors.txt in newDoc's notation, and want.json. A line
// "published: YYYY-MM-DD" in the comment sets the publication date.
func loadCase(t testing.TB, file string) goldenCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	published := ""
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if v, ok := strings.CutPrefix(line, "published:"); ok {
			published = strings.TrimSpace(v)
		}
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	text, ok := files["article.txt"]
	if rel, shared := files["shared.txt"]; shared {
		b, err := os.ReadFile(dyadtest.Shared(t, strings.TrimSpace(rel)))
		if err != nil {
			t.Fatal(err)
		}
		text, ok = string(b), true
	}
	if !ok {
		t.Fatalf("%s: neither article.txt nor shared.txt", file)
	}
	want, has := files["want.json"]
	return goldenCase{file: file, ar: ar, doc: newDoc(t, text, published, files["actors.txt"]), want: want, has: has}
}

func goldenFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	return files
}

// goldenDocs returns the Docs of every golden case, ready for the extractors.
func goldenDocs(t testing.TB) []*dyad.Doc {
	var docs []*dyad.Doc
	for _, f := range goldenFiles(t) {
		docs = append(docs, loadCase(t, f).doc)
	}
	return docs
}

// TestGolden runs the extractors over every testdata/*.txtar case and
// compares their output with the case's want.json; -update rewrites it.
func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := loadCase(t, file)
			d := c.doc
			run(t, d)
			got, err := json.MarshalIndent(output{d.Quotes, d.Amounts, d.Votes}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *dyadtest.Update {
				ar := c.ar
				found := false
				for i := range ar.Files {
					if ar.Files[i].Name == "want.json" {
						ar.Files[i].Data, found = got, true
					}
				}
				if !found {
					ar.Files = append(ar.Files, txtar.File{Name: "want.json", Data: got})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !c.has {
				t.Fatal("no want.json; run go test -update")
			}
			if diff := cmp.Diff(c.want, string(got)); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// dump prints a compact view of d's extractions, for debugging with -v.
func dump(d *dyad.Doc) string {
	var b bytes.Buffer
	for _, q := range d.Quotes {
		fmt.Fprintf(&b, "Q s%d %s %q direct=%v %q [%s]\n", q.Sentence, q.Speaker.Name, q.Verb, q.Direct, q.Text, q.Rule)
	}
	for _, a := range d.Amounts {
		fmt.Fprintf(&b, "A s%d %q v=%g [%g,%g] unit=%q counts=%q approx=%v [%s]\n", a.Sentence, a.Text, a.Value, a.Low, a.High, a.Unit, a.Counts, a.Approximate, a.Rule)
	}
	for _, v := range d.Votes {
		j, _ := json.Marshal(v)
		fmt.Fprintf(&b, "V %s\n", j)
	}
	return b.String()
}
