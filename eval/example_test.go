package eval_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad/eval"
)

func ExampleScore() {
	// A gold set in TABARI's format: one record, one expected event.
	recs, err := eval.ReadTABARI(strings.NewReader("230224  DEMO-01\n"+
		"Arnor restored diplomatic ties with Gondor.\n"+
		"/*\\n{ ARN / GON / 064 } */\n"), "example.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A coder: here one that always says Arnor shared information with Gondor.
	coder := func(ctx context.Context, r eval.Record) ([]eval.Produced, error) {
		return []eval.Produced{{Triple: eval.Triple{Source: "ARN", Target: "GON", Code: "064"}, Rule: "example"}}, nil
	}
	rep, err := eval.Score(context.Background(), "example", recs, coder, eval.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact F1 %.2f\n", rep.Triples.Exact.F1)
	fmt.Print(rep.MarkdownRow())
	// Output:
	// exact F1 1.00
	// | example | 1 | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | – | – | – | – |
}

func ExampleLoad() {
	// The reference data lie beside the repository, in ../shared/data.
	recs, err := eval.Load(context.Background(), "../shared/data", "petrarch2-gsr")
	if err != nil {
		fmt.Println(err)
		return
	}
	c := eval.Count(recs)
	fmt.Println(c.Records, "records,", c.WithEvents, "with", c.Events, "events,", c.NoEvent, "with none")
	// With the data present this prints: 78 records, 66 with 80 events, 12 with none
}
