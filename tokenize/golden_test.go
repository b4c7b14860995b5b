package tokenize

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

// TestGolden runs Annotate over the article of each testdata/golden/*.txtar
// and compares its sentences and tokens with the file's "sentences" section.
// `go test ./tokenize -update` rewrites that section.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var article, want *txtar.File
			for i := range ar.Files {
				switch ar.Files[i].Name {
				case "article.txt":
					article = &ar.Files[i]
				case "sentences":
					want = &ar.Files[i]
				}
			}
			if article == nil {
				t.Fatalf("%s has no article.txt section", file)
			}
			d := &dyad.Doc{Text: string(article.Data)}
			if err := tk.Annotate(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if err := checkSentences(tk, d.Text, d.Sentences); err != nil {
				t.Error(err)
			}
			got := render(d)
			if *dyadtest.Update {
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "sentences"})
					want = &ar.Files[len(ar.Files)-1]
				}
				want.Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want == nil {
				t.Fatalf("%s has no sentences section; run go test -update", file)
			}
			if diff := cmp.Diff(string(want.Data), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", file, diff)
			}
		})
	}
}

// render prints the dateline and, per sentence, its number, span and text,
// then its tokens separated by " | ".
func render(d *dyad.Doc) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "dateline: %q\n", d.Article.Dateline)
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "%d [%d,%d) %q\n", s.N, s.Start, s.End, d.Text[s.Start:s.End])
		fmt.Fprintf(&b, "    %s\n", strings.Join(forms(s.Tokens), " | "))
	}
	return b.Bytes()
}
