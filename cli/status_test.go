package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/postgres/pgtest"
	"github.com/dyadhq/dyad/queue"
	"github.com/dyadhq/dyad/queue/natstest"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

func TestWriteStatus(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	st := status{
		Queue: &queue.Status{Stream: "DYAD", Jobs: 12, Bytes: 3 << 20, Waiting: 9, InFlight: 3, Redelivered: 1,
			Pulls: 2, Dead: 1, Oldest: now.Add(-90 * time.Second)},
		DeadLetters: []statusDeadLetter{{Seq: 4, Time: now.Add(-time.Hour), Input: "feed.rss#item-3", Deliveries: 5,
			Worker: "host-a:812", Error: "code feed.rss#item-3: stage parse panicked: index out of range\ngoroutine 7 [running]:"}},
		Store: &dyad.Stats{Articles: 1234, Sentences: 20000, Actors: 9000, Mentions: 30000, Events: 5678, Claims: 12,
			Quotes: 800, Amounts: 400, Votes: 3, First: "2023-01-01", Last: "2024-04-30", Schema: 1, Bytes: 50 << 20},
	}
	var b strings.Builder
	if err := writeStatus(&b, st, now); err != nil {
		t.Fatal(err)
	}
	want := `queue           DYAD
  jobs          12  (3.0 MiB, oldest queued 1m30s ago)
  waiting       9
  in flight     3  (1 delivered more than once)
  idle pulls    2
  dead letters  1
store           schema 1, 50.0 MiB
  articles      1234  (published 2023-01-01 to 2024-04-30)
  events        5678
  claims        12
  quotes        800
  votes         3
  actors        9000
  mentions      30000
  amounts       400
  sentences     20000
dead letters (oldest first):
  #4 2024-05-01T11:00:00Z feed.rss#item-3 after 5 deliveries (worker host-a:812): code feed.rss#item-3: stage parse panicked: index out of range
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
}

func TestBytesText(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 30: "5.0 GiB"} {
		if got := bytesText(n); got != want {
			t.Errorf("bytesText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestStatusUsage(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"status"}, "give --nats, --db or both"},
		{[]string{"status", "--db", missing}, "not found"},
	} {
		code, _, errs := runMain(t, context.Background(), nil, tt.args...)
		if code != ExitFailed || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tt.args, code, errs, tt.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("status created the database it was asked about")
	}
}

// TestStatus shows a queue with jobs waiting and a dead letter, and a
// SQLite and a PostgreSQL database.
func TestStatus(t *testing.T) {
	srv := natstest.Start(t)
	stream := natstest.Stream(t, "STATUS")
	ctx := context.Background()

	// Before anything is queued, the stream is not there.
	code, _, errs := runMain(t, ctx, nil, "status", "--nats", srv.URL(), "--stream", stream)
	if code != ExitFailed || !strings.Contains(errs, "no stream "+stream) {
		t.Errorf("status of a missing stream: exit %d, %q", code, errs)
	}

	q := openTestQueue(t, srv.URL(), queue.Config{Stream: stream, MaxDeliver: 1})
	for i := range 4 {
		if _, err := q.Publish(ctx, queue.Job{Text: fmt.Sprintf("Article %d.", i), Input: fmt.Sprintf("in-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	// One job fails for good: a worker dead-letters it and stops.
	wctx, cancel := context.WithCancel(ctx)
	w := &queue.Worker{Queue: q, Progress: -1, Name: "status-test", Handle: func(ctx context.Context, j queue.Job) (queue.Result, error) {
		defer cancel()
		return queue.Result{}, fmt.Errorf("%w: not news", dyad.ErrInvalid)
	}}
	if err := w.Run(wctx); err != nil {
		t.Fatal(err)
	}

	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	s, err := sqlite.Open(ctx, dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Put(ctx, storetest.Seed()); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errs := runMain(t, ctx, nil, "status", "--nats", srv.URL(), "--stream", stream, "--db", dbPath)
	if code != ExitOK {
		t.Fatalf("status: exit %d, %s", code, errs)
	}
	for _, line := range []string{"queue           " + stream, "  jobs          3 ", "  waiting       3",
		"  in flight     0", "  dead letters  1", "  articles      1  ", "  events        6",
		"in-0 after 1 deliveries (worker status-test): invalid input: not news"} {
		if !strings.Contains(out, line) {
			t.Errorf("status lacks %q:\n%s", line, out)
		}
	}

	code, out, errs = runMain(t, ctx, nil, "status", "--nats", srv.URL(), "--stream", stream, "--db", dbPath, "--json")
	if code != ExitOK {
		t.Fatalf("status --json: exit %d, %s", code, errs)
	}
	var got status
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	if got.Queue == nil || got.Store == nil || got.Queue.Jobs != 3 || got.Queue.Dead != 1 || got.Store.Events != 6 ||
		len(got.DeadLetters) != 1 || got.DeadLetters[0].Input != "in-0" || got.DeadLetters[0].Bytes != len("Article 0.") {
		t.Errorf("status --json:\n%s", out)
	}

	// The store's part from PostgreSQL, when there is a server.
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		ps := openTestPostgres(t, url)
		if _, _, err := ps.Put(ctx, storetest.Seed()); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runMain(t, ctx, nil, "status", "--db", url, "--json")
		if code != ExitOK {
			t.Fatalf("status: exit %d, %s", code, errs)
		}
		var got status
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.Store == nil || got.Queue != nil ||
			got.Store.Articles != 1 || got.Store.Votes != 1 {
			t.Errorf("status --json of PostgreSQL: %v\n%s", err, out)
		}
	})
}
