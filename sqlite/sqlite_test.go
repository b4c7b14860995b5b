package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/storetest"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dyad.Store { return open(t) })
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Put(ctx, storetest.Seed()); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Schema != SchemaVersion() || st.Schema < 1 {
		t.Fatalf("schema %d (want %d), %v", st.Schema, SchemaVersion(), err)
	}
	var mode string
	if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v; want wal", mode, err)
	}
	s.Close()

	// Opening again keeps the data and applies nothing twice.
	s, err = Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Articles != 1 {
		t.Errorf("reopened: %+v, %v", st, err)
	}
	// A file from a newer program is refused.
	if _, err := s.w.ExecContext(ctx, "PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path, nil); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("open of a newer schema: err = %v, want ErrConflict", err)
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "no", "such", "dir", "x.db"), nil); !errors.Is(err, dyad.ErrUnavailable) {
		t.Errorf("open in a missing folder: err = %v, want ErrUnavailable", err)
	}
}
