package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/server"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
)

// A server over a SQLite archive, asked for the votes in which North Korea
// voted no. (dyad serve passes the real coder; reading needs none.)
func ExampleNew() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "dyad-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store, err := sqlite.Open(ctx, dir+"/archive.db", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	if _, _, err := store.Put(ctx, storetest.Seed()); err != nil {
		log.Fatal(err)
	}

	srv, err := server.New(store, nil, server.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(srv) // or srv.Run(ctx, "127.0.0.1:8080")
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/api/votes?country=PRK&position=no")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var votes struct {
		Items []dyad.VoteRecord `json:"items"`
		Next  string            `json:"next"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&votes); err != nil {
		log.Fatal(err)
	}
	for _, v := range votes.Items {
		fmt.Printf("%s on %s: %d yes, %d no, %d abstaining\n", v.BodyName, v.Date, v.Yes, v.No, v.Abstain)
	}
	// Output:
	// UN General Assembly on 2023-02-23: 141 yes, 7 no, 32 abstaining
}
