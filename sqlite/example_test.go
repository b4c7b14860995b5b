package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
)

// Open an archive, store a coded article, and ask who condemned Russia.
func Example() {
	dir, err := os.MkdirTemp("", "dyad")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "dyad.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	doc := storetest.Seed() // a coded doc, as the pipeline gives it
	id, added, err := s.Put(ctx, doc)
	if err != nil {
		log.Fatal(err)
	}
	_, again, _ := s.Put(ctx, doc)
	fmt.Println(id != "", added, again)

	events, err := s.Events(ctx, dyad.EventFilter{Target: "RUS", CAMEO: "11"})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range events {
		fmt.Println(e.Source.Code, e.CAMEO, e.Target.Code, e.Date, e.Modality)
	}
	// Output:
	// true true false
	// IGOUNO 111 RUS 2023-02-23 asserted
}
