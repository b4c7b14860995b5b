package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/ingest/ingesttest"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/postgres"
	"github.com/dyadhq/dyad/postgres/pgtest"
	"github.com/dyadhq/dyad/queue"
	"github.com/dyadhq/dyad/queue/natstest"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
)

// The corpus of the scale-out tests: synthetic wire articles (package
// ingesttest) and the seed article, read where it is.
const scaleArticles = 200

// scaleCorpus writes the synthetic articles into a new folder and returns
// the paths to ingest: that folder and the seed article.
func scaleCorpus(t testing.TB) []string {
	t.Helper()
	dir := t.TempDir()
	if _, err := ingesttest.WriteDir(dir, scaleArticles); err != nil {
		t.Fatal(err)
	}
	return []string{dir, dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt")}
}

// The ingest flags of every run: the seed article's file gives no date or
// outlet.
var scaleFlags = []string{"--published", "2023-02-24", "--source", "Mehr News Agency"}

var (
	sharedPipeline     *pipeline.Pipeline
	sharedPipelineErr  error
	sharedPipelineOnce sync.Once
)

// testPipeline builds the coder once per test binary.
func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	sharedPipelineOnce.Do(func() { sharedPipeline, sharedPipelineErr = pipeline.New(pipeline.Options{}) })
	if sharedPipelineErr != nil {
		t.Fatal(sharedPipelineErr)
	}
	return sharedPipeline
}

var (
	referenceDocs map[string]*dyad.Doc
	referenceErr  error
	referenceOnce sync.Once
)

// reference returns the fault-free result, by content hash: the corpus
// ingested in the embedded mode (`dyad ingest` into SQLite, no services).
func reference(t *testing.T) map[string]*dyad.Doc {
	t.Helper()
	referenceOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dyad-reference")
		if err != nil {
			referenceErr = err
			return
		}
		defer os.RemoveAll(dir)
		paths := []string{filepath.Join(dir, "corpus"), dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt")}
		if err := os.Mkdir(paths[0], 0o755); err != nil {
			referenceErr = err
			return
		}
		if _, err := ingesttest.WriteDir(paths[0], scaleArticles); err != nil {
			referenceErr = err
			return
		}
		ctx := context.Background()
		s, err := sqlite.Open(ctx, filepath.Join(dir, "reference.db"), nil)
		if err != nil {
			referenceErr = err
			return
		}
		defer s.Close()
		sum, err := ingest.Run(ctx, s, testPipeline(t), paths, ingest.Options{Published: scaleFlags[1], Source: scaleFlags[3]})
		if err != nil {
			referenceErr = err
			return
		}
		if sum.Failed > 0 || sum.Stored != scaleArticles+1 {
			referenceErr = fmt.Errorf("reference ingest: %+v", sum.InputSummary)
			return
		}
		referenceDocs, referenceErr = docsByHash(ctx, s)
	})
	if referenceErr != nil {
		t.Fatal(referenceErr)
	}
	return referenceDocs
}

// docsByHash loads every article of s, by content hash.
func docsByHash(ctx context.Context, s dyad.Store) (map[string]*dyad.Doc, error) {
	out := map[string]*dyad.Doc{}
	after := ""
	for {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{Page: dyad.Page{After: after, Limit: 500}})
		if err != nil {
			return nil, err
		}
		if len(arts) == 0 {
			return out, nil
		}
		for _, a := range arts {
			d, err := s.Doc(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			if _, dup := out[a.Hash]; dup {
				return nil, fmt.Errorf("two articles with hash %s", a.Hash)
			}
			out[a.Hash] = d
		}
		after = arts[len(arts)-1].Cursor
	}
}

// sameDocs compares the articles of got with want, Doc by Doc in content
// hash order: the same articles, with every layer equal, and no others.
func sameDocs(t *testing.T, want map[string]*dyad.Doc, got dyad.Store) {
	t.Helper()
	docs, err := docsByHash(context.Background(), got)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for h := range want {
		hashes = append(hashes, h)
	}
	for h := range docs {
		if want[h] == nil {
			hashes = append(hashes, h)
		}
	}
	sort.Strings(hashes)
	for _, h := range hashes {
		switch w, g := want[h], docs[h]; {
		case g == nil:
			t.Errorf("article %s (%s) is missing", w.Article.ID, w.Article.URL)
		case w == nil:
			t.Errorf("article %s (%s) should not be there", g.Article.ID, g.Article.URL)
		default:
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("article %s differs from the embedded run's (-embedded +queue):\n%s", w.Article.ID, diff)
			}
		}
	}
	st, err := got.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(want) {
		t.Errorf("%d articles stored, want %d", st.Articles, len(want))
	}
}

// runMain runs dyad in-process with args and env overrides; it returns the
// exit status and the output.
func runMain(t testing.TB, ctx context.Context, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb lockedBuffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		return os.Getenv(k)
	}}
	code := Main(ctx, args, env)
	return code, out.String(), errb.String()
}

// lockedBuffer is a bytes.Buffer that a logger and a command may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// publishCorpus runs `dyad ingest --nats` over paths into stream.
func publishCorpus(t *testing.T, natsURL, stream string, paths ...string) {
	t.Helper()
	args := append([]string{"ingest", "--nats", natsURL}, scaleFlags...)
	code, out, errs := runMain(t, context.Background(), map[string]string{"DYAD_STREAM": stream}, append(args, paths...)...)
	if code != ExitOK {
		t.Fatalf("ingest --nats: exit %d\n%s\n%s", code, out, errs)
	}
	t.Logf("ingest --nats: %s", strings.TrimSpace(out))
}

// waitDrained waits until the queue holds no job, waiting or in flight.
func waitDrained(t *testing.T, q *queue.Queue, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		st, err := q.Status(context.Background())
		if err == nil && st.Jobs == 0 && st.InFlight == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the queue did not drain in %s: %+v, %v", limit, st, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openTestQueue opens the queue of cfg; its streams are deleted when the
// test ends (the machine's server is shared).
func openTestQueue(t testing.TB, url string, cfg queue.Config) *queue.Queue {
	t.Helper()
	q, err := queue.Open(context.Background(), url, cfg, queue.Update, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Delete(ctx); err != nil {
			t.Logf("delete the test's streams: %v", err)
		}
		q.Close()
	})
	return q
}

func openTestPostgres(t testing.TB, url string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestQueueMatchesEmbedded ingests the corpus through the machine's NATS
// JetStream with three workers (goroutines running the worker loop, sharing
// one coder) into the machine's PostgreSQL, and checks that the database
// holds exactly the articles, with every layer, that the embedded mode
// stores in SQLite.
func TestQueueMatchesEmbedded(t *testing.T) {
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "EQ")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream})

	paths := scaleCorpus(t)
	publishCorpus(t, natsURL, stream, paths...)
	// Published again: the queue recognises every job.
	code, out, _ := runMain(t, context.Background(), map[string]string{"DYAD_STREAM": stream},
		append(append([]string{"ingest", "--nats", natsURL}, scaleFlags...), paths...)...)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("0 published, %d already queued", scaleArticles+1)) {
		t.Errorf("second ingest --nats: exit %d, %s", code, out)
	}

	store := openTestPostgres(t, pgURL)
	_, stop := goroutineWorkers(t, q, store, 3, queue.DefaultBatch)
	waitDrained(t, q, 5*time.Minute)
	stop()
	sameDocs(t, want, store)

	// The comparison covers every layer: the corpus has them all.
	var events, quotes, votes, claims int
	for _, d := range want {
		events, quotes, votes, claims = events+len(d.Events), quotes+len(d.Quotes), votes+len(d.Votes), claims+len(d.Claims)
	}
	t.Logf("compared %d articles: %d events, %d claims, %d quotes, %d votes", len(want), events, claims, quotes, votes)
	if events == 0 || quotes == 0 || votes == 0 {
		t.Errorf("the corpus yields %d events, %d quotes, %d votes: too little to compare", events, quotes, votes)
	}

	st, err := q.Status(context.Background())
	if err != nil || st.Dead != 0 {
		t.Errorf("queue after the run: %+v, %v; want no dead letters", st, err)
	}
}

// goroutineWorkers runs n workers in this process, each coding one job at a
// time and writing up to batch articles per transaction; stop ends them
// and waits.
func goroutineWorkers(t testing.TB, q *queue.Queue, store dyad.Store, n, batch int) (ws []*queue.Worker, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := jobCoder{store: store, coder: testPipeline(t)}
	var wg sync.WaitGroup
	for i := range n {
		w := &queue.Worker{Queue: q, Code: c.code, Store: store, Batch: batch, Name: fmt.Sprintf("g%d", i),
			Concurrency: 1, Progress: -1, Grace: 10 * time.Second, RetryMin: 100 * time.Millisecond,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		ws = append(ws, w)
		wg.Go(func() {
			if err := w.Run(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
		})
	}
	t.Cleanup(stop)
	return ws, stop
}

// buildDyad builds cmd/dyad into the test's temporary folder (the build
// cache makes all but the first build a link).
func buildDyad(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds dyad and runs worker processes")
	}
	bin := filepath.Join(t.TempDir(), "dyad")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dyad")
	cmd.Dir = dyadtest.Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// workerProc is a `dyad worker` process.
type workerProc struct {
	name string
	cmd  *exec.Cmd
	log  lockedBuffer
	done chan error
}

// startWorker starts a worker process; it is stopped (SIGTERM) when the
// test ends if it still runs.
func startWorker(t *testing.T, bin, name, natsURL, db, stream string, env []string, extra ...string) *workerProc {
	t.Helper()
	args := append([]string{"-v", "worker", "--nats", natsURL, "--db", db, "--stream", stream, "--name", name,
		"--concurrency", "2", "--ack-wait", "3s", "--retry", "200ms", "--progress", "0", "--grace", "5s"}, extra...)
	w := &workerProc{name: name, cmd: exec.Command(bin, args...), done: make(chan error, 1)}
	w.cmd.Env = append(os.Environ(), env...)
	w.cmd.Stdout = &w.log
	w.cmd.Stderr = &w.log
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.done <- w.cmd.Wait() }()
	t.Cleanup(func() {
		w.stop(t)
		if t.Failed() {
			t.Logf("log of worker %s:\n%s", w.name, w.log.String())
		}
	})
	return w
}

// stop ends the worker with SIGTERM and waits for it.
func (w *workerProc) stop(t *testing.T) {
	if w.cmd.ProcessState != nil {
		return
	}
	w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(30 * time.Second):
		w.cmd.Process.Kill()
		<-w.done
		t.Errorf("worker %s did not stop on SIGTERM", w.name)
	}
}

// kill ends the worker with SIGKILL: no chance to give its jobs back.
func (w *workerProc) kill(t *testing.T) {
	if err := w.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-w.done
}

var jobLine = regexp.MustCompile(`msg="job (started|done)" worker=\S+ job=(\d+) delivery=(\d+)`)

// jobs returns the job sequence numbers a worker's log shows as started
// and as done, with their deliveries.
func (w *workerProc) jobs() (started, done map[string]string) {
	started, done = map[string]string{}, map[string]string{}
	for _, m := range jobLine.FindAllStringSubmatch(w.log.String(), -1) {
		if m[1] == "started" {
			started[m[2]] = m[3]
		} else {
			done[m[2]] = m[3]
		}
	}
	return started, done
}

// held returns the jobs a worker started and did not finish.
func (w *workerProc) held() []string {
	started, done := w.jobs()
	var out []string
	for seq := range started {
		if _, ok := done[seq]; !ok {
			out = append(out, seq)
		}
	}
	sort.Strings(out)
	return out
}

// withParam adds a query parameter to a database URL.
func withParam(url, k, v string) string {
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + k + "=" + v
}

// TestWorkerKilled kills a worker process (SIGKILL) while it holds jobs, a
// batch of them coded and waiting to be written (its batches wait up to a
// second to fill), or being written: the jobs go to the worker started
// after it once the ack wait has passed, and the database ends equal to the
// fault-free run: whole articles only, nothing missing, nothing twice.
func TestWorkerKilled(t *testing.T) {
	bin := buildDyad(t)
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "KILL")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, AckWait: 3 * time.Second})
	publishCorpus(t, natsURL, stream, scaleCorpus(t)...)

	a := startWorker(t, bin, "wa", natsURL, pgURL, stream, nil, "--batch", "16", "--batch-wait", "1s")
	var held []string
	deadline := time.Now().Add(3 * time.Minute)
	for {
		_, done := a.jobs()
		if held = a.held(); len(done) >= 2 && len(held) > 0 {
			a.kill(t)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker a never held a job after finishing two:\n%s", a.log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// What a's log shows as started and unfinished when it was killed.
	held = a.held()
	t.Logf("killed worker a holding jobs %v", held)
	b := startWorker(t, bin, "wb", natsURL, pgURL, stream, nil)
	waitDrained(t, q, 5*time.Minute)
	b.stop(t)

	// A job a finished just before the kill may miss its log line; the
	// others must have come again to b.
	_, doneB := b.jobs()
	redelivered := 0
	for _, seq := range held {
		if d, ok := doneB[seq]; ok && d != "1" {
			redelivered++
		}
	}
	if redelivered == 0 {
		t.Errorf("none of the jobs held by the killed worker (%v) was delivered again to the other", held)
	}
	sameDocs(t, want, openTestPostgres(t, pgURL))
	if st, err := q.Status(context.Background()); err != nil || st.Dead != 0 {
		t.Errorf("queue: %+v, %v; want no dead letters", st, err)
	}
}

// TestDatabaseRestart cuts the workers off the database for 2 s in the
// middle of a run (pg_terminate_backend on every worker connection as soon
// as it is made, which is what a server restart or failover does to them;
// the cluster itself is shared by other tests and not restarted): the
// workers keep their jobs and retry with backoff, acknowledge only what was
// committed, and the database ends equal to the fault-free run.
func TestDatabaseRestart(t *testing.T) {
	bin := buildDyad(t)
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "PG")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, AckWait: 3 * time.Second})
	publishCorpus(t, natsURL, stream, scaleCorpus(t)...)

	// The schema is made first: the faults are for a run, not a start.
	store := openTestPostgres(t, pgURL)
	db := withParam(pgURL, "application_name", "dyad-worker-fault")
	ws := []*workerProc{
		startWorker(t, bin, "wa", natsURL, db, stream, nil),
		startWorker(t, bin, "wb", natsURL, db, stream, nil),
	}
	waitJobs(t, ws, 2)
	admin := pgtest.Connect(t)
	defer admin.Close(context.Background())
	// An outage of 2 s: every worker connection is cut as soon as it is
	// made, as while a server restarts.
	terminated := 0
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		var k int
		if err := admin.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid))
			FROM pg_stat_activity WHERE application_name = 'dyad-worker-fault'`).Scan(&k); err != nil {
			t.Fatal(err)
		}
		terminated += k
	}
	waitDrained(t, q, 5*time.Minute)
	for _, w := range ws {
		w.stop(t)
	}
	retried := 0
	for _, w := range ws {
		retried += len(retryLine.FindAllString(w.log.String(), -1))
	}
	t.Logf("%d worker connections terminated, %d attempts retried", terminated, retried)
	if terminated == 0 || retried == 0 {
		t.Errorf("%d connections terminated and %d retries: the fault did not happen", terminated, retried)
	}
	sameDocs(t, want, store)
	if st, err := q.Status(context.Background()); err != nil || st.Dead != 0 {
		t.Errorf("queue: %+v, %v; want no dead letters", st, err)
	}
}

// TestWorkerKilledMidCommit kills a worker process (SIGKILL) in the middle
// of a batch's transaction: a lock held by the test on the totals row, which
// every write updates after inserting an article and its layers, stops the
// worker's first batch there, rows written and not committed. PostgreSQL
// rolls the transaction back; the worker started after it gets the jobs
// once the ack wait has passed, and the database ends equal to the
// fault-free run: whole articles only, each once.
func TestWorkerKilledMidCommit(t *testing.T) {
	bin := buildDyad(t)
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "MIDTX")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, AckWait: 3 * time.Second})
	publishCorpus(t, natsURL, stream, scaleCorpus(t)...)
	store := openTestPostgres(t, pgURL) // the schema is made first
	ctx := context.Background()
	lock, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close(ctx)
	tx, err := lock.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE totals SET articles = articles`); err != nil {
		t.Fatal(err)
	}

	// Another connection watches: a transaction sees the activity of the
	// others as it was when it began.
	admin := pgtest.Connect(t)
	defer admin.Close(ctx)
	db := withParam(pgURL, "application_name", "dyad-worker-midtx")
	a := startWorker(t, bin, "wa", natsURL, db, stream, nil, "--batch", "16", "--batch-wait", "1s")
	// Wait for the worker's transaction to block on the lock, its first
	// article written.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var waiting int
		if err := admin.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = 'dyad-worker-midtx' AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case err := <-a.done:
			t.Fatalf("worker a ended: %v\n%s", err, a.log.String())
		default:
		}
		if strings.Contains(a.log.String(), "batch stored") {
			t.Fatalf("a batch was stored past the lock:\n%s", a.log.String())
		}
		if time.Now().After(deadline) {
			t.Fatalf("the worker's batch never reached the lock:\n%s", a.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	a.kill(t)
	if _, done := a.jobs(); len(done) != 0 {
		t.Errorf("the killed worker reported jobs done before any commit: %v", done)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed worker a in its first batch's transaction, holding jobs %v", a.held())

	b := startWorker(t, bin, "wb", natsURL, pgURL, stream, nil)
	waitDrained(t, q, 5*time.Minute)
	b.stop(t)
	sameDocs(t, want, store)
	if st, err := q.Status(ctx); err != nil || st.Dead != 0 {
		t.Errorf("queue: %+v, %v; want no dead letters", st, err)
	}
}

// retryLine is the log line of a job, or a batch of jobs, kept and retried
// while the database is away.
var retryLine = regexp.MustCompile(`store unavailable; (job|batch) kept and retried`)

// waitJobs waits until the log of every worker shows n jobs done.
func waitJobs(t *testing.T, ws []*workerProc, n int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		least := -1
		for _, w := range ws {
			_, d := w.jobs()
			if least < 0 || len(d) < least {
				least = len(d)
			}
		}
		if least >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the workers did not get going (the slowest did %d jobs)", least)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPoisonArticle adds an article that makes the coder panic (the test
// hook of the worker): the panic is recovered, the job is dead-lettered
// with its error after --max-deliver deliveries, and every other article is
// stored as in the fault-free run.
func TestPoisonArticle(t *testing.T) {
	bin := buildDyad(t)
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "POISON")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, AckWait: 3 * time.Second, MaxDeliver: 3})
	const marker = "XYZZY-POISON-7f3a"
	poison := filepath.Join(t.TempDir(), "poison.txt")
	if err := os.WriteFile(poison, []byte("Title: A poison article\nURL: https://news.example.org/poison\n\n"+
		"France condemned Germany. "+marker+" The talks failed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	publishCorpus(t, natsURL, stream, append(scaleCorpus(t), poison)...)

	env := []string{testPanicEnv + "=" + marker}
	ws := []*workerProc{
		startWorker(t, bin, "wa", natsURL, pgURL, stream, env, "--max-deliver", "3"),
		startWorker(t, bin, "wb", natsURL, pgURL, stream, env, "--max-deliver", "3"),
	}
	waitDrained(t, q, 5*time.Minute)
	for _, w := range ws {
		w.stop(t)
	}
	sameDocs(t, want, openTestPostgres(t, pgURL))

	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dls) != 1 {
		t.Fatalf("%d dead letters, want 1: %+v", len(dls), dls)
	}
	dl := dls[0]
	if dl.Job.Article.URL != "https://news.example.org/poison" || dl.Deliveries != 3 ||
		!strings.Contains(dl.Error, "panicked") || !strings.Contains(dl.Error, marker) {
		t.Errorf("dead letter: url %s, %d deliveries, error %.200q", dl.Job.Article.URL, dl.Deliveries, dl.Error)
	}
	// dyad status shows it.
	code, out, errs := runMain(t, context.Background(), nil, "status", "--nats", natsURL, "--db", pgURL, "--stream", stream)
	if code != ExitOK || !regexp.MustCompile(`dead letters\s+1\n`).MatchString(out) ||
		!strings.Contains(out, "poison.txt after 3 deliveries") {
		t.Errorf("status: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestNATSRestart stops the NATS server (embedded in the test, with its
// store on disk) in the middle of a run and starts it again: the workers
// reconnect, the jobs survive, and the database ends equal to the
// fault-free run.
func TestNATSRestart(t *testing.T) {
	bin := buildDyad(t)
	srv := natstest.Start(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "RESTART")
	q := openTestQueue(t, srv.URL(), queue.Config{Stream: stream, AckWait: 3 * time.Second})
	publishCorpus(t, srv.URL(), stream, scaleCorpus(t)...)

	ws := []*workerProc{
		startWorker(t, bin, "wa", srv.URL(), pgURL, stream, nil),
		startWorker(t, bin, "wb", srv.URL(), pgURL, stream, nil),
	}
	waitJobs(t, ws, 2)
	srv.Stop()
	time.Sleep(2 * time.Second)
	srv.Restart()
	waitDrained(t, q, 5*time.Minute)
	// Each worker reconnects, whether or not jobs were left for it.
	deadline := time.Now().Add(30 * time.Second)
	for _, w := range ws {
		for !strings.Contains(w.log.String(), "queue reconnected") && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if !strings.Contains(w.log.String(), "queue reconnected") {
			t.Errorf("worker %s did not reconnect", w.name)
		}
		w.stop(t)
	}
	sameDocs(t, want, openTestPostgres(t, pgURL))
	if st, err := q.Status(context.Background()); err != nil || st.Dead != 0 {
		t.Errorf("queue: %+v, %v; want no dead letters", st, err)
	}
}

// BenchmarkWorkers measures the throughput of 1, 2 and 4 workers
// (goroutines sharing one coder, one job coded at a time each), writing
// one article per transaction (batch=1) or up to 64 (batch=64), from the
// queue of the machine's NATS server into its PostgreSQL, over b.N articles
// published before the timer starts: short synthetic wire articles (4
// sentences, package ingesttest) and variants of the seed article (4.5 kB,
// 21 sentences).
func BenchmarkWorkers(b *testing.B) {
	seed, err := os.ReadFile(dyadtest.Shared(b, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		b.Fatal(err)
	}
	corpora := []struct {
		name string
		job  func(i int) queue.Job
	}{
		{"wire", func(i int) queue.Job {
			a := ingesttest.Articles(i + 1)[i]
			return queue.Job{Article: dyad.Article{URL: a.URL, Source: "Example Wire",
				Published: fmt.Sprintf("2024-01-%02d", i%28+1)}, Text: a.Body, Input: a.Name}
		}},
		{"seed", func(i int) queue.Job {
			return queue.Job{Article: dyad.Article{Source: "Mehr News Agency", Published: "2023-02-24"},
				Text: fmt.Sprintf("%s\n\n(Update %d.)", seed, i), Input: fmt.Sprintf("seed-%d", i)}
		}},
	}
	testPipeline(b)
	for _, c := range corpora {
		for _, n := range []int{1, 2, 4} {
			for _, batch := range []int{1, queue.DefaultBatch} {
				b.Run(fmt.Sprintf("%s/workers=%d/batch=%d", c.name, n, batch), func(b *testing.B) {
					benchWorkers(b, n, 1, batch, func(s dyad.Store) queue.Coder {
						return jobCoder{store: s, coder: testPipeline(b)}.code
					}, c.job)
				})
			}
		}
	}
}

// BenchmarkWorkerWrites measures the write path alone: one worker (4 jobs
// at a time) whose coder hands out a document coded before the timer
// starts, given each job's text, so that what is measured is taking the
// jobs, writing the articles with all their layers into PostgreSQL and
// acknowledging the jobs, one article per transaction or up to 64: a
// short wire article and the seed article.
func BenchmarkWorkerWrites(b *testing.B) {
	seed, err := os.ReadFile(dyadtest.Shared(b, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{
		{"wire", ingesttest.Articles(1)[0].Body},
		{"seed", string(seed)},
	} {
		d, err := testPipeline(b).Code(context.Background(), dyad.Article{Published: "2024-05-01"}, []byte(c.text))
		if err != nil {
			b.Fatal(err)
		}
		for i := range d.Sentences {
			d.Sentences[i].Tokens = nil
		}
		// Each job's document is d with the job's text (d's and a line):
		// a new article with d's layers.
		code := func(ctx context.Context, j queue.Job) (queue.Coded, error) {
			v := *d
			v.Text = j.Text
			v.Article.ID = ""
			return queue.Coded{Doc: &v}, nil
		}
		for _, batch := range []int{1, queue.DefaultBatch} {
			b.Run(fmt.Sprintf("%s/batch=%d", c.name, batch), func(b *testing.B) {
				benchWorkers(b, 1, 4, batch, func(dyad.Store) queue.Coder { return code }, func(i int) queue.Job {
					return queue.Job{Text: fmt.Sprintf("%s\n(Update %d.)", c.text, i), Input: fmt.Sprintf("%s-%d", c.name, i)}
				})
			})
		}
	}
}

// benchWorkers publishes b.N jobs, then times n workers, each coding
// concurrency jobs at a time with the coder made for the store, writing
// batches of up to batch articles into a new PostgreSQL database.
func benchWorkers(b *testing.B, n, concurrency, batch int, coder func(dyad.Store) queue.Coder, job func(int) queue.Job) {
	natsURL := natstest.URL(b)
	store := openTestPostgres(b, pgtest.NewDatabase(b))
	stream := natstest.Stream(b, "BENCH")
	q := openTestQueue(b, natsURL, queue.Config{Stream: stream})
	ctx := context.Background()
	for i := range b.N {
		if _, err := q.Publish(ctx, job(i)); err != nil {
			b.Fatal(err)
		}
	}
	code := coder(store)
	b.ResetTimer()
	var wg sync.WaitGroup
	wctx, cancel := context.WithCancel(ctx)
	ws := make([]*queue.Worker, n)
	for i := range ws {
		ws[i] = &queue.Worker{Queue: q, Code: code, Store: store, Batch: batch, Name: fmt.Sprintf("g%d", i),
			Concurrency: concurrency, Progress: -1, Grace: 10 * time.Second, RetryMin: 100 * time.Millisecond}
		wg.Go(func() {
			if err := ws[i].Run(wctx); err != nil {
				b.Error(err)
			}
		})
	}
	for {
		st, err := q.Status(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if st.Jobs == 0 && st.InFlight == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.StopTimer()
	cancel()
	wg.Wait()
	var done, batches int64
	for _, w := range ws {
		done, batches = done+w.Counts().Done, batches+w.Counts().Batches
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(done)/float64(max(batches, 1)), "articles/tx")
	if st, err := store.Stats(ctx); err != nil || st.Articles != b.N {
		b.Fatalf("%d articles stored of %d, %v", st.Articles, b.N, err)
	}
}

// faultStore is a PostgreSQL store whose batch writes fail as a test says:
// fail(call) gives the error of the call-th PutMany, returned before the
// batch is written or, if after, once it is committed (the reply to the
// commit lost).
type faultStore struct {
	*postgres.Store
	fail func(call int) (err error, after bool)

	mu      sync.Mutex
	calls   int
	batches [][]*dyad.Doc // the batches written, refused documents included
}

func (s *faultStore) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	s.mu.Lock()
	s.calls++
	call := s.calls
	s.mu.Unlock()
	var ferr error
	after := false
	if s.fail != nil {
		ferr, after = s.fail(call)
	}
	if ferr != nil && !after {
		return nil, ferr
	}
	res, err := s.Store.PutMany(ctx, docs)
	if err == nil {
		s.mu.Lock()
		s.batches = append(s.batches, docs)
		s.mu.Unlock()
	}
	if ferr != nil && err == nil {
		return nil, ferr
	}
	return res, err
}

// batchWorker runs one worker in this process, coding two jobs at a time
// and writing batches to store that wait up to wait to fill.
func batchWorker(t *testing.T, q *queue.Queue, store queue.Store, lookup dyad.Store, wait time.Duration) (*queue.Worker, func()) {
	t.Helper()
	w := &queue.Worker{Queue: q, Code: jobCoder{store: lookup, coder: testPipeline(t)}.code, Store: store,
		Batch: queue.DefaultBatch, BatchWait: wait, Name: "batch", Concurrency: 2, Progress: -1,
		Grace: 10 * time.Second, RetryMin: 100 * time.Millisecond, RetryMax: time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := w.Run(ctx); err != nil {
			t.Error(err)
		}
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			<-done
		})
	}
	t.Cleanup(stop)
	return w, stop
}

// TestWorkerBatchRefused adds to the corpus an article PostgreSQL refuses:
// its job gives it the id of an article stored before (ErrConflict). Its
// job is dead-lettered on its first delivery, alone, and the articles
// written in the same batches are stored as in the fault-free run.
func TestWorkerBatchRefused(t *testing.T) {
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	stream := natstest.Stream(t, "REFUSED")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, MaxDeliver: 3})
	ctx := context.Background()
	pg := openTestPostgres(t, pgURL)
	if _, _, err := pg.Put(ctx, &dyad.Doc{Article: dyad.Article{ID: "taken", Published: "2024-05-01"},
		Text: "Spain praised Italy for its help."}); err != nil {
		t.Fatal(err)
	}
	want, err := docsByHash(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(want, reference(t))
	const url = "https://news.example.org/taken"
	if _, err := q.Publish(ctx, queue.Job{Article: dyad.Article{ID: "taken", URL: url, Published: "2024-05-01"},
		Text: "France condemned Germany. The talks failed.", Input: "taken.txt"}); err != nil {
		t.Fatal(err)
	}
	publishCorpus(t, natsURL, stream, scaleCorpus(t)...)
	store := &faultStore{Store: pg}
	w, stop := batchWorker(t, q, store, pg, time.Second)
	waitDrained(t, q, 5*time.Minute)
	stop()
	sameDocs(t, want, pg)

	dls, err := q.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dls) != 1 || dls[0].Job.Article.URL != url || dls[0].Deliveries != 1 || !strings.Contains(dls[0].Error, "taken") {
		t.Fatalf("dead letters %+v; want the refused job alone, on its first delivery", dls)
	}
	company := 0
	for _, b := range store.batches {
		for _, d := range b {
			if d.Article.URL == url {
				company = len(b) - 1
			}
		}
	}
	if company == 0 {
		t.Errorf("the refused article was written alone; the test wants it in a batch")
	}
	c := w.Counts()
	t.Logf("counts %+v; the refused article's batch had %d others; error %.200q", c, company, dls[0].Error)
	if c.Done != scaleArticles+1 || c.Dead != 1 || c.Failed != 0 || c.Batches >= c.Done {
		t.Errorf("counts %+v; want %d done in fewer transactions, 1 dead", c, scaleArticles+1)
	}
}

// TestWorkerBatchOutage fails batch writes as a database outage does: two
// before anything is written, one after its commit (the reply lost). The
// worker keeps the jobs and writes the batches again: the database ends
// equal to the fault-free run, nothing lost, nothing twice, no job
// failed or dead-lettered.
func TestWorkerBatchOutage(t *testing.T) {
	natsURL := natstest.URL(t)
	pgURL := pgtest.NewDatabase(t)
	want := reference(t)
	stream := natstest.Stream(t, "OUTAGE")
	q := openTestQueue(t, natsURL, queue.Config{Stream: stream, MaxDeliver: 1, AckWait: 3 * time.Second})
	publishCorpus(t, natsURL, stream, scaleCorpus(t)...)
	pg := openTestPostgres(t, pgURL)
	store := &faultStore{Store: pg, fail: func(call int) (error, bool) {
		switch call {
		case 2, 3:
			return fmt.Errorf("put: %w: connection refused", dyad.ErrUnavailable), false
		case 4:
			return fmt.Errorf("put: %w: connection reset during commit", dyad.ErrUnavailable), true
		}
		return nil, false
	}}
	w, stop := batchWorker(t, q, store, pg, 300*time.Millisecond)
	waitDrained(t, q, 5*time.Minute)
	stop()
	sameDocs(t, want, pg)
	c := w.Counts()
	t.Logf("counts %+v", c)
	if c.Done != scaleArticles+1 || c.Retried < 3 || c.Duplicates < 1 || c.Failed != 0 || c.Dead != 0 {
		t.Errorf("counts %+v; want %d done, 3 batch retries, the unconfirmed batch found stored, nothing failed", c, scaleArticles+1)
	}
}

// TestWorkerUsage: a batch of no articles, or no wait, is refused before
// anything is opened.
func TestWorkerUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--batch", "0"},
		{"--batch-wait", "0s"},
		{"--batch=-3"},
	} {
		code, _, errs := runMain(t, context.Background(), nil,
			append([]string{"worker", "--nats", "nats://127.0.0.1:1", "--db", filepath.Join(t.TempDir(), "w.db")}, args...)...)
		if code != ExitFailed || !strings.Contains(errs, "--batch and --batch-wait must be positive") {
			t.Errorf("worker %v: exit %d, stderr %q; want the flags refused", args, code, errs)
		}
	}
}
