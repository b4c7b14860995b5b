package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/dyadtest"
)

// TestCommittedTablesAreCurrent regenerates every table in memory and compares
// it with the committed file: run `go run ./cameo/gen` when this fails.
func TestCommittedTablesAreCurrent(t *testing.T) {
	src, err := readSources(dyadtest.Shared(t, "data"))
	if err != nil {
		t.Fatal(err)
	}
	tables, err := build(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		want, err := tb.bytes()
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "data", tb.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cameo/data/%s is not what the generator writes; run go run ./cameo/gen", tb.name)
		}
	}
}

func TestLatexText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"All \\plcat{CONSULT} events---visits ``and'' calls", "All CONSULT events\u2014visits \u201cand\u201d calls"},
		{`See Section \ref{sec:recip} on \txt{actor}s`, "See the manual on actors"},
		{`\begin{itemize} \item one \item two \end{itemize}`, "\u2022 one \u2022 two"},
	}
	for _, tt := range tests {
		got, err := latexText(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("latexText(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := latexText(`\footnote{x}`); err == nil || !strings.Contains(err.Error(), `\footnote`) {
		t.Errorf("an unknown command was not refused: %v", err)
	}
}

func TestCrosswalkConflict(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "xw.txt")
	in := "# header\n03: AGREE\n030: AGREE, , diplomatic # a\n030: CONSULT, , # b\n"
	if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := readCrosswalk(p, map[string]bool{"030": true})
	if err == nil || !strings.Contains(err.Error(), "xw.txt:4") {
		t.Errorf("err = %v, want a conflict at line 4", err)
	}
}
