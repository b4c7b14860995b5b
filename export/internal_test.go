package export

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

// TestGDELTIndexes checks the column indexes the writer fills against the
// names.
func TestGDELTIndexes(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	for i, want := range map[int]string{
		gID: "GlobalEventID", gFraction: "FractionDate", gActor1: "Actor1Code", gActor1 + 9: "Actor1Type3Code",
		gActor2: "Actor2Code", gIsRoot: "IsRootEvent", gEventCode: "EventCode", gRootCode: "EventRootCode",
		gGoldstein: "GoldsteinScale", gNumArticles: "NumArticles", gActionGeo: "ActionGeo_Type",
		gActionGeo + 5: "ActionGeo_Lat", gActionGeo + 6: "ActionGeo_Long", gSourceURL: "SOURCEURL",
	} {
		if GDELTColumns[i] != want {
			t.Errorf("column %d is %s, want %s", i, GDELTColumns[i], want)
		}
	}
}

// TestEventsPaging reads events across pages of the store, with and
// without a limit, and after a cursor.
func TestEventsPaging(t *testing.T) {
	defer func(n int) { pageSize = n }(pageSize)
	pageSize = 4
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 3 {
		if _, _, err := s.Put(ctx, storetest.Variant(i)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Events(ctx, dyad.EventFilter{Page: dyad.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	read := func(f dyad.EventFilter) []string {
		var got []string
		for e, err := range Events(ctx, s, f) {
			if err != nil {
				t.Fatal(err)
			}
			if e.Doc.Article.ID != e.ArticleID {
				t.Fatalf("event of %s with the document of %s", e.ArticleID, e.Doc.Article.ID)
			}
			got = append(got, e.Cursor)
		}
		return got
	}
	var want []string
	for _, e := range all {
		want = append(want, e.Cursor)
	}
	for _, tc := range []struct {
		name string
		f    dyad.EventFilter
		want []string
	}{
		{"all", dyad.EventFilter{}, want},
		{"limit 9", dyad.EventFilter{Page: dyad.Page{Limit: 9}}, want[:9]},
		{"after 5", dyad.EventFilter{Page: dyad.Page{After: want[4]}}, want[5:]},
		{"after 5, limit 4", dyad.EventFilter{Page: dyad.Page{After: want[4], Limit: 4}}, want[5:9]},
	} {
		if diff := cmp.Diff(tc.want, read(tc.f)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}
