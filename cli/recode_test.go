package cli_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/google/go-cmp/cmp"
)

// TestRecode recodes the seed with other actor dictionaries and back: the
// summary counts the changes, ids stay, and the second recode restores the
// first coding exactly.
func TestRecode(t *testing.T) {
	db := seedDB(t)
	ctx := context.Background()
	before := queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")
	arts := queryJSON[dyad.ArticleRecord](t, db, "articles")

	code, out, errs := batchMain(t, ctx, "recode", "--db", db, "--workers", "2")
	if code != cli.ExitOK || !strings.Contains(out, "1 articles recoded, 0 with changed events") {
		t.Fatalf("recode with the same coder: exit %d\n%s\n%s", code, out, errs)
	}
	if diff := cmp.Diff(before, queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")); diff != "" {
		t.Errorf("events changed by a recode with the same coder (-before +after):\n%s", diff)
	}

	// Only the fictional actors of the PETRARCH suite: the seed's actors
	// are unknown, its events change.
	dict := dyadtest.Shared(t, "data/petrarch/PETR.Validate.actors.txt")
	code, out, errs = batchMain(t, ctx, "recode", "--db", db, "--dict-only", "--dict", dict)
	if code != cli.ExitOK || !strings.Contains(out, "1 articles recoded, 1 with changed events") {
		t.Fatalf("recode with other actors: exit %d\n%s\n%s", code, out, errs)
	}
	changed := queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")
	if cmp.Equal(before, changed) {
		t.Fatalf("recoding with other actors changed no event")
	}
	if diff := cmp.Diff(arts, queryJSON[dyad.ArticleRecord](t, db, "articles")); diff != "" {
		t.Errorf("the article changed (-before +after):\n%s", diff)
	}

	code, out, errs = batchMain(t, ctx, "recode", "--db", db)
	if code != cli.ExitOK || !strings.Contains(out, "1 with changed events") {
		t.Fatalf("recode back: exit %d\n%s\n%s", code, out, errs)
	}
	if diff := cmp.Diff(before, queryJSON[dyad.EventRecord](t, db, "events", "--limit", "1000")); diff != "" {
		t.Errorf("recoding back did not restore the events (-first +now):\n%s", diff)
	}
}
