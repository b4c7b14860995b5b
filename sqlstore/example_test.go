package sqlstore_test

import (
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// A dialect turns a filter into the WHERE clause of its store, here with
// PostgreSQL's numbered placeholders; the store adds its full-text search
// and the LIMIT.
func ExampleDialect_EventWhere() {
	d := sqlstore.Dialect{
		Style:     sqlstore.Dollar,
		Article:   func(string) string { return "a.id = ?" },
		EqualFold: func(col string) string { return "lower(" + col + ") = lower(?)" },
	}
	w, err := d.EventWhere(dyad.EventFilter{Source: "IRN", QuadClass: 4})
	if err != nil {
		panic(err)
	}
	fmt.Println(w.String()[1:] + " LIMIT " + w.Next(100))
	fmt.Printf("%#v\n", w.Args)
	// Output:
	// WHERE (e.source_code >= $1 AND e.source_code < $2) AND e.quad_class = $3 LIMIT $4
	// []interface {}{"IRN", "IRN\U0010ffff", 4, 100}
}
