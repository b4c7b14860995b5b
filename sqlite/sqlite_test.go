package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
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

// TestUpgrade opens an archive written with schema version 1 and checks
// that the upgrade keeps every record and lists them as a new archive does.
func TestUpgrade(t *testing.T) {
	ctx := context.Background()
	docs := []*dyad.Doc{storetest.Seed()}
	for i := range 40 {
		docs = append(docs, storetest.Variant(i))
	}
	write := func(path string, version int) *Store {
		s, err := openVersion(ctx, path, nil, version)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if _, _, err := s.Put(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	old := filepath.Join(t.TempDir(), "v1.db")
	s := write(old, 1)
	if st, err := s.Stats(ctx); err != nil || st.Schema != 1 {
		t.Fatalf("old archive: schema %d, %v", st.Schema, err)
	}
	s.Close()
	upgraded, err := Open(ctx, old, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer upgraded.Close()
	fresh := write(filepath.Join(t.TempDir(), "new.db"), 0)
	defer fresh.Close()

	stats := func(s *Store) dyad.Stats {
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Bytes = 0
		return st
	}
	if diff := cmp.Diff(stats(fresh), stats(upgraded)); diff != "" {
		t.Errorf("stats (-new +upgraded):\n%s", diff)
	}
	if st := stats(upgraded); st.Schema != SchemaVersion() {
		t.Errorf("upgraded to schema %d, want %d", st.Schema, SchemaVersion())
	}
	// The same filters list the same records.
	for _, f := range []dyad.EventFilter{{}, {Actor: "IRN"}, {Dyad: [2]string{"IRN", "RUS"}, CAMEO: "0"},
		{Modality: dyad.Claimed, Dates: dyad.Dates{From: "2023-02-01"}}, {QuadClass: 3, Page: dyad.Page{Limit: 7}}} {
		want, err1 := fresh.Events(ctx, f)
		got, err2 := upgraded.Events(ctx, f)
		if err1 != nil || err2 != nil || len(want) == 0 {
			t.Fatalf("events of %+v: %d, %v, %v", f, len(want), err1, err2)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("events of %+v (-new +upgraded):\n%s", f, diff)
		}
	}
	wantQ, err1 := fresh.Quotes(ctx, dyad.QuoteFilter{Speaker: "IRN"})
	gotQ, err2 := upgraded.Quotes(ctx, dyad.QuoteFilter{Speaker: "IRN"})
	if err1 != nil || err2 != nil || len(wantQ) == 0 {
		t.Fatalf("quotes: %d, %v, %v", len(wantQ), err1, err2)
	}
	if diff := cmp.Diff(wantQ, gotQ); diff != "" {
		t.Errorf("quotes (-new +upgraded):\n%s", diff)
	}
	// The upgraded file has the indexes of a new one.
	indexes := func(s *Store) []string {
		var names []string
		err := each(ctx, s.r, func(row sqlstore.Row) error {
			var n string
			names = append(names, n)
			return row.Scan(&names[len(names)-1])
		}, `SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if diff := cmp.Diff(indexes(fresh), indexes(upgraded)); diff != "" {
		t.Errorf("indexes (-new +upgraded):\n%s", diff)
	}
}
