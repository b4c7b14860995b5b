package export_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/export"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
)

// Export writes the events a filter selects; here the General Assembly's
// condemnation of Russia, as PLOVER JSON Lines.
func ExampleExport() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "export-example")
	defer os.RemoveAll(dir)
	s, err := sqlite.Open(ctx, filepath.Join(dir, "dyad.db"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	if _, _, err := s.Put(ctx, storetest.Seed()); err != nil {
		fmt.Println(err)
		return
	}
	n, err := export.Export(ctx, s, os.Stdout, export.Options{
		Format: export.PLOVER,
		Filter: dyad.EventFilter{Dyad: [2]string{"RUS", "IGOUNO"}},
	})
	fmt.Println(n, err)
	// Output:
	// {"id":"a76e1e870241f7307-e6","story_id":"a76e1e870241f7307","event_date":"2023-02-23","event_type":"DISAPPROVE","source_text":"The UN General Assembly","source_code":"IGOUNO","source_sectors":["IGO"],"target_text":"Russia","target_code":"RUS","target_country":"RUS","quad_code":3,"event_loc":{"name":"New York","country":"USA"},"event_text":"The UN General Assembly in New York on Thursday condemned Russia's invasion of Ukraine.","date_precision":"day","cameo":"111","goldstein":-2,"modality":"asserted","rule":"verbs.condemn","publisher":"Mehr News Agency","url":"https://en.mehrnews.com/news/example-iran-russia","pub_date":"2023-02-24"}
	// 1 <nil>
}

// GDELTRow maps one event to the 61 columns of GDELT 2.0.
func ExampleGDELTRow() {
	e := export.Event{EventRecord: dyad.EventRecord{ArticleID: "a1", Published: "2023-02-24", Event: dyad.Event{
		ID: "e1", Sentence: 2, Source: dyad.Participant{Code: "IRNGOV"}, Target: dyad.Participant{Code: "RUS"},
		CAMEO: "0362", QuadClass: 1, Goldstein: 4, DatePrecision: dyad.PrecisionUnknown}}}
	row := make([]string, len(export.GDELTColumns))
	export.GDELTRow(row, e)
	for i, c := range row {
		if c != "" && i > 0 {
			fmt.Printf("%s=%s ", export.GDELTColumns[i], c)
		}
	}
	fmt.Println()
	// Output:
	// Day=20230224 MonthYear=202302 Year=2023 FractionDate=2023.1503 Actor1Code=IRNGOV Actor1CountryCode=IRN Actor1Type1Code=GOV Actor2Code=RUS Actor2CountryCode=RUS IsRootEvent=0 EventCode=0362 EventBaseCode=036 EventRootCode=03 QuadClass=1 GoldsteinScale=4 NumMentions=1 NumSources=1 NumArticles=1
}
