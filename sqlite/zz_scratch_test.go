package sqlite

import (
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"
)

// Temporary: explores query plans. Removed before hand-off.
func TestZZScratch(t *testing.T) {
	dbp := os.Getenv("KDB")
	qf := os.Getenv("KQ")
	if dbp == "" || qf == "" {
		t.Skip()
	}
	db, err := sql.Open("sqlite", "file:"+dbp)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw, _ := os.ReadFile(qf)
	for _, q := range strings.Split(string(raw), "\n;;\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		t.Logf("=== %s", q)
		rows, err := db.Query("EXPLAIN QUERY PLAN " + q)
		if err != nil {
			t.Errorf("plan: %v", err)
			continue
		}
		for rows.Next() {
			var id, parent, nu int
			var detail string
			rows.Scan(&id, &parent, &nu, &detail)
			t.Logf("  %d %d %s", id, parent, detail)
		}
		rows.Close()
		if os.Getenv("KPLANONLY") != "" {
			continue
		}
		start := time.Now()
		n := 0
		for range 5 {
			rows, err := db.Query(q)
			if err != nil {
				t.Errorf("query: %v", err)
				break
			}
			for rows.Next() {
				n++
			}
			rows.Close()
		}
		t.Logf("  rows %d, %v per query", n/5, time.Since(start)/5)
	}
}
