package postgres

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/postgres/pgtest"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/dyadhq/dyad/storetest"
	"github.com/google/go-cmp/cmp"
)

func open(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dyad.Store { return open(t) })
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)

	// Workers starting together migrate once and all open.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	stores := make([]*Store, 4)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(ctx, url, nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	s := stores[0]
	if _, _, err := s.Put(ctx, storetest.Seed()); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Schema != SchemaVersion() || st.Schema < 1 {
		t.Fatalf("schema %d (want %d), %v", st.Schema, SchemaVersion(), err)
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != SchemaVersion() {
		t.Errorf("%d migrations recorded, %v; want %d", n, err, SchemaVersion())
	}

	// Opening again keeps the data.
	again, err := Open(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := again.Stats(ctx); err != nil || st.Articles != 1 {
		t.Errorf("reopened: %+v, %v", st, err)
	}
	again.Close()

	// A database from a newer program is refused.
	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (999, 'future')`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url, nil); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("open of a newer schema: err = %v, want ErrConflict", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := Open(ctx, "postgres://%zz", nil); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("open of a malformed URL: err = %v, want ErrInvalid", err)
	}
	// Nothing listens on port 1.
	if _, err := Open(ctx, "postgres://postgres@127.0.0.1:1/x?connect_timeout=2", nil); !errors.Is(err, dyad.ErrUnavailable) {
		t.Errorf("open of a server that is not there: err = %v, want ErrUnavailable", err)
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, "dyad.db": false, "/var/dyad/postgres.db": false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTerminatedBackend kills the store's connections on the server (as a
// database restart or failover does) and checks that the error is
// ErrUnavailable, that nothing was half written, and that the store recovers
// on its own: the pool opens new connections.
func TestTerminatedBackend(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	u, err := neturl.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", "dyad-terminated")
	u.RawQuery = q.Encode()
	s, err := Open(ctx, u.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	admin := pgtest.Connect(t)
	defer admin.Close(ctx)

	// Hold the write lock from another session, so that a Put waits inside
	// its transaction, then terminate the Put's backend.
	blocker, err := s.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blocker.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, _, err := s.Put(ctx, storetest.Variant(1))
		done <- err
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var killed int
		if err := admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE application_name = 'dyad-terminated' AND wait_event_type = 'Lock'`).Scan(&killed); err != nil {
			t.Fatal(err)
		}
		if killed > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the put never waited for the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := <-done; !errors.Is(err, dyad.ErrUnavailable) {
		t.Errorf("put on a terminated backend: err = %v, want ErrUnavailable", err)
	}
	blocker.Rollback(ctx)
	if st, err := s.Stats(ctx); err != nil || st.Articles != 0 || st.Events != 0 {
		t.Errorf("after the failed put: %+v, %v; want nothing stored", st, err)
	}
	// The same put now succeeds on a new connection, once.
	if _, added, err := s.Put(ctx, storetest.Variant(1)); err != nil || !added {
		t.Fatalf("put after the termination: added %v, %v", added, err)
	}
	if _, added, err := s.Put(ctx, storetest.Variant(1)); err != nil || added {
		t.Errorf("second put after the termination: added %v, %v; want a no-op", added, err)
	}
}

// TestIdempotentUnderLoad stores the same 20 docs from 6 goroutines at once,
// each in its own order, as redelivered jobs do: every doc is stored once,
// whole, and the totals match the rows.
func TestIdempotentUnderLoad(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	const docs, writers = 20, 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	added := map[int]int{}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range docs {
				i := (k*7 + w*3) % docs
				_, ok, err := s.Put(ctx, storetest.Variant(i))
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					added[i]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for i := range docs {
		if added[i] != 1 {
			t.Errorf("doc %d added %d times", i, added[i])
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rows dyad.Stats
	if err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
		(SELECT count(*) FROM actors), (SELECT count(*) FROM mentions), (SELECT count(*) FROM events),
		(SELECT count(*) FROM claims), (SELECT count(*) FROM quotes), (SELECT count(*) FROM amounts),
		(SELECT count(*) FROM votes)`).Scan(&rows.Articles, &rows.Sentences, &rows.Actors, &rows.Mentions,
		&rows.Events, &rows.Claims, &rows.Quotes, &rows.Amounts, &rows.Votes); err != nil {
		t.Fatal(err)
	}
	rows.First, rows.Last, rows.Schema, rows.Bytes = st.First, st.Last, st.Schema, st.Bytes
	if diff := cmp.Diff(rows, st); diff != "" {
		t.Errorf("totals differ from the rows (-rows +totals):\n%s", diff)
	}
	if st.Articles != docs {
		t.Errorf("%d articles, want %d", st.Articles, docs)
	}
	// Ingest order is commit order: the cursors page every article once.
	arts, err := s.Articles(ctx, dyad.ArticleFilter{Page: dyad.Page{Limit: dyad.MaxLimit}})
	if err != nil || len(arts) != docs {
		t.Fatalf("%d articles listed, %v", len(arts), err)
	}
}

// TestSearchFolding checks what the conformance suite cannot see of the
// full-text search: diacritics, stop words and hostile input.
func TestSearchFolding(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	d := storetest.Seed()
	d.Text += " Talks were held in Zürich and São Paulo, or so the ministry said."
	d.Article.Title = "Éclat in Genève"
	id, _, err := s.Put(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Zurich", "zürich", "sao paulo", `"São Paulo"`, "geneve", "eclat", "or so the", `"the ministry said"`, "!drones"} {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Text: q})
		if err != nil || len(arts) != 1 || arts[0].ID != id {
			t.Errorf("search %q: %v, %v; want the article", q, arts, err)
		}
	}
	for _, q := range []string{"Zurich Berlin", `"Paulo São"`, `x' OR '1'='1`, `zq:* | b`, `drones <-> troops`} {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Text: q})
		if err != nil || len(arts) != 0 {
			t.Errorf("search %q: %v, %v; want nothing", q, arts, err)
		}
	}
}

func TestNulByte(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	d := storetest.Seed()
	d.Text = strings.Replace(d.Text, "Moscow", "Mos\x00cow", 1)
	if _, _, err := s.Put(ctx, d); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("put of a text with a NUL byte: err = %v, want ErrInvalid", err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Articles != 0 {
		t.Errorf("after the refused put: %+v, %v", st, err)
	}
}

// FuzzSearch runs any search text against a stored corpus: it is refused as
// invalid or answered, never an error of the database (the text never
// becomes SQL or tsquery syntax).
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"drones", `"illegal aggression"`, `' OR 1=1 --`, `a & b | !c`, `x:*`, `"unclosed`,
		`<-> <2>`, "\\", "$1", "?", "Zürich", "\x00", "\xff"} {
		f.Add(s)
	}
	ctx := context.Background()
	s := open(f)
	defer s.Close()
	if _, _, err := s.Put(ctx, storetest.Seed()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Articles(ctx, dyad.ArticleFilter{Text: q})
		if err != nil && !errors.Is(err, dyad.ErrInvalid) {
			t.Fatalf("search %q: %v", q, err)
		}
		_, err = s.Quotes(ctx, dyad.QuoteFilter{Text: q, Speaker: q})
		if err != nil && !errors.Is(err, dyad.ErrInvalid) {
			t.Fatalf("quotes %q: %v", q, err)
		}
	})
}

func TestWherePlaceholders(t *testing.T) {
	w := sqlstore.Where{Style: sqlstore.Dollar}
	w.Add("a = ?", 1)
	w.Add("(b >= ? AND b < ?)", 2, 3)
	search(&w, "f", `one "two three"`)
	got := w.String() + " LIMIT " + w.Next(10)
	want := " WHERE a = $1 AND (b >= $2 AND b < $3) AND f @@ (phraseto_tsquery('dyad', $4) && phraseto_tsquery('dyad', $5)) LIMIT $6"
	if got != want {
		t.Errorf("query:\n got %s\nwant %s", got, want)
	}
	if diff := cmp.Diff([]any{1, 2, 3, "one", "two three", 10}, w.Args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Zürich": "Zurich", "São Paulo": "Sao Paulo", "plain": "plain", "Ærø": "Ærø", "Genève": "Geneve",
		"Привет": "Привет", "й": "и", "": "",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("ж", maxIndexed) // 2 bytes each
	if got := indexed(long); len(got) > maxIndexed || len(got) < maxIndexed-1 || !utf8.ValidString(got) {
		t.Errorf("indexed of %d bytes: %d bytes", len(long), len(got))
	}
}

func ExampleIsURL() {
	for _, db := range []string{"postgres://dyad@db.internal/dyad", "dyad.db"} {
		fmt.Println(db, IsURL(db))
	}
	// Output:
	// postgres://dyad@db.internal/dyad true
	// dyad.db false
}
