package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

// TestKilledWriter kills a process in the middle of writing articles
// (SIGKILL, no chance to clean up) and checks that the file is intact and
// every article in it is whole: each transaction is all or nothing.
func TestKilledWriter(t *testing.T) {
	if path := os.Getenv("DYAD_SQLITE_WRITER"); path != "" {
		writeForever(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "dyad.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriter$")
	cmd.Env = append(os.Environ(), "DYAD_SQLITE_WRITER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	sc := bufio.NewScanner(out)
	for committed < 30 && sc.Scan() {
		committed++
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < 30 {
		t.Fatalf("the writer stopped after %d articles", committed)
	}

	ctx := context.Background()
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var check string
	if err := s.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity check: %q, %v", check, err)
	}
	arts, err := s.Articles(ctx, dyad.ArticleFilter{Page: dyad.Page{Limit: dyad.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < committed {
		t.Errorf("%d articles after the kill, %d were committed", len(arts), committed)
	}
	for i, a := range arts {
		got, err := s.Doc(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := storetest.Variant(i)
		want.Article.ID = a.ID
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("article %d is not whole after the kill (-want +got):\n%s", i, diff)
		}
	}
	t.Logf("%d articles committed before the kill, %d stored", committed, len(arts))
}

// writeForever stores variants of the seed doc and prints a line after each
// commit, until it is killed.
func writeForever(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		if _, _, err := s.Put(ctx, storetest.Variant(i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(i)
	}
}
