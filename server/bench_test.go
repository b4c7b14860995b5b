package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
)

// loadArticles is the size of the load test's archive.
const loadArticles = 10_000

// loadStore opens an archive of loadArticles synthetic articles
// (storetest.Variant: 7 actors, 6 events, 2 quotes, a claim and a vote
// each), stored directly with Put. It is built in dir, or once in
// $DYAD_LOAD_CACHE and reused from there by later runs.
func loadStore(b *testing.B, dir string) dyad.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "load.db")
	if cache := os.Getenv("DYAD_LOAD_CACHE"); cache != "" {
		path = filepath.Join(cache, fmt.Sprintf("load-%d.db", loadArticles))
		if st, err := sqlite.Open(ctx, path, nil); err == nil {
			if stats, err := st.Stats(ctx); err == nil && stats.Articles == loadArticles {
				return st
			}
			st.Close()
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}
	start := time.Now()
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range loadArticles {
		if _, added, err := st.Put(ctx, storetest.Variant(i)); err != nil || !added {
			b.Fatalf("put %d: added %v, %v", i, added, err)
		}
	}
	b.Logf("built an archive of %d articles in %v", loadArticles, time.Since(start).Round(time.Second))
	return st
}

// BenchmarkEventsAPI is the load test of GET /api/events: clients on
// loopback ask a mix of filtered and paged queries over 10,000 articles
// (60,000 events), and the dyad timeline and the actor network over them
// (2 clients each). It reports requests per second and the median and 99th
// percentile latency. Bound it with -benchtime, e.g.
//
//	go test -run '^$' -bench EventsAPI -benchtime 2000x ./server/
func BenchmarkEventsAPI(b *testing.B) {
	st := loadStore(b, b.TempDir())
	defer st.Close()
	s, err := New(st, nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}

	// A cursor half way through, for deep pages.
	mid, err := st.Events(context.Background(), dyad.EventFilter{Page: dyad.Page{Limit: dyad.MaxLimit}, Actor: "RUS"})
	if err != nil || len(mid) == 0 {
		b.Fatal("no events", err)
	}
	deep := mid[len(mid)-1].Cursor
	queries := []string{
		"/api/events",
		"/api/events?actor=IRN&limit=50",
		"/api/events?dyad=IRN,RUS&limit=20",
		"/api/events?cameo=111&limit=100",
		"/api/events?quad=4",
		"/api/events?modality=claimed&from=2023-02-01&to=2023-02-28",
		"/api/events?after=" + url.QueryEscape(deep) + "&limit=100",
		"/api/events?text=drones&limit=25",
	}
	b.Run("mix", func(b *testing.B) { loadRun(b, client, ts.URL, queries, 8) })
	for i, q := range queries {
		b.Run(fmt.Sprintf("q%d", i), func(b *testing.B) { loadRun(b, client, ts.URL, []string{q}, 8) })
	}
	b.Run("timeline", func(b *testing.B) {
		loadRun(b, client, ts.URL, []string{"/api/dyads/IRN/RUS/timeline?interval=week"}, 2)
	})
	b.Run("network", func(b *testing.B) {
		loadRun(b, client, ts.URL, []string{"/api/network"}, 2)
	})
	b.Run("network-actor", func(b *testing.B) {
		loadRun(b, client, ts.URL, []string{"/api/network?actor=RUS&level=code"}, 2)
	})
}

// loadTimeLimit bounds one load run: past it, no new request is sent and
// the figures cover the requests done.
const loadTimeLimit = 20 * time.Second

// loadRun sends b.N requests (or as many as loadTimeLimit allows) from
// clients goroutines, round-robin over queries, and reports req/s, p50-ms
// and p99-ms.
func loadRun(b *testing.B, client *http.Client, base string, queries []string, clients int) {
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var failed atomic.Value
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) || time.Since(start) > loadTimeLimit {
					return
				}
				t0 := time.Now()
				resp, err := client.Get(base + queries[int(i)%len(queries)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					failed.CompareAndSwap(nil, fmt.Errorf("%s: %w", queries[int(i)%len(queries)], err))
					return
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) float64 {
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
