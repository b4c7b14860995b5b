// Package dyadtest provides what dyad's tests share: the location of the
// shared reference data and the -update flag of golden tests.
package dyadtest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Update is set by `go test ./... -update`: golden tests rewrite their files.
var Update = flag.Bool("update", false, "rewrite golden files")

// Root returns the repository root (the folder holding go.mod).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Shared returns the path of rel inside the shared reference folder, which
// lies beside the repository (../shared from the root), or in $DYAD_SHARED.
// The test fails if it is missing: CI always has it.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	base := os.Getenv("DYAD_SHARED")
	if base == "" {
		base = filepath.Join(Root(t), "..", "shared")
	}
	p := filepath.Join(base, rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared reference data missing (%v): set DYAD_SHARED or place shared/ beside the repository", err)
	}
	return p
}

// Buffer is a bytes.Buffer that a logger or a command may write while a test
// reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
