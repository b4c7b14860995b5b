package postgres_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/postgres"
	"github.com/dyadhq/dyad/storetest"
)

// Open the shared archive, store a coded article twice (as a redelivered job
// does) and ask who condemned Russia. The database must exist; Open creates
// and upgrades the schema.
func Example() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, "postgres://dyad@db.internal:5432/dyad", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	doc := storetest.Seed() // a coded doc, as the pipeline gives it
	id, added, err := s.Put(ctx, doc)
	if err != nil {
		log.Fatal(err)
	}
	again, addedAgain, _ := s.Put(ctx, doc)
	fmt.Println(added, addedAgain, again == id)

	events, err := s.Events(ctx, dyad.EventFilter{Target: "RUS", CAMEO: "11"})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range events {
		fmt.Println(e.Source.Code, e.CAMEO, e.Target.Code, e.Date, e.Modality)
	}
}
