package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewDocumentScores(t *testing.T) {
	tests := []struct {
		name  string
		ids   []string
		equal map[string]bool
		want  *DocumentScores
	}{
		{"none", nil, nil, &DocumentScores{}},
		{"all equal", []string{"a", "b"}, map[string]bool{"a": true, "b": true},
			&DocumentScores{Cases: 2, Equal: 2, Share: 1}},
		{"one differs", []string{"b", "a", "c"}, map[string]bool{"a": true, "c": false, "x": true},
			&DocumentScores{Cases: 3, Equal: 1, Share: 1.0 / 3, Differ: []string{"b", "c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, NewDocumentScores(tt.ids, tt.equal)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentsReported(t *testing.T) {
	r := &Report{Set: "golden", Records: 3, Scored: 3,
		Documents: NewDocumentScores([]string{"seed", "vote"}, map[string]bool{"seed": true})}
	cells := r.MarkdownCells()
	if len(cells) != len(MarkdownColumns) {
		t.Fatalf("%d cells for %d columns", len(cells), len(MarkdownColumns))
	}
	if got, want := cells[len(cells)-1], "1/2 (50.0%)"; got != want {
		t.Errorf("documents cell = %q, want %q", got, want)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"documents: 1 of 2 equal", "differing: vote"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	if got := r.MarkdownRow(); !strings.HasPrefix(got, "| golden | 3 | 3 | – |") || !strings.HasSuffix(got, "| 1/2 (50.0%) |\n") {
		t.Errorf("MarkdownRow = %q", got)
	}
	if n := strings.Count(strings.SplitN(MarkdownHeader, "\n", 2)[0], "|") - 1; n != len(MarkdownColumns) {
		t.Errorf("header has %d columns, want %d", n, len(MarkdownColumns))
	}
}

func TestClipText(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"two\nlines  here", 20, "two lines here"},
		{"Ωmega is long", 5, "Ωmega…"},
		{"exact", 5, "exact"},
	}
	for _, tt := range tests {
		if got := clipText(tt.in, tt.n); got != tt.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
