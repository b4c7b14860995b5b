package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/queue/natstest"
	"github.com/google/go-cmp/cmp"
)

// recorder is a handler that counts its calls per job text and fails or
// blocks as a test asks.
type recorder struct {
	mu    sync.Mutex
	calls map[string]int
	done  map[string]int
	fail  func(j Job, call int) error // nil: succeed
}

func newRecorder(fail func(Job, int) error) *recorder {
	return &recorder{calls: map[string]int{}, done: map[string]int{}, fail: fail}
}

func (r *recorder) handle(ctx context.Context, j Job) (Result, error) {
	r.mu.Lock()
	r.calls[j.Text]++
	n := r.calls[j.Text]
	r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(j, n); err != nil {
			return Result{}, err
		}
	}
	r.mu.Lock()
	r.done[j.Text]++
	r.mu.Unlock()
	return Result{ID: dyad.ArticleID(dyad.ContentHash(j.Text)), Added: true}, nil
}

func (r *recorder) doneCounts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.done {
		out[k] = v
	}
	return out
}

func jobs(n int) []Job {
	var js []Job
	for i := range n {
		js = append(js, Job{Article: dyad.Article{Title: fmt.Sprintf("Report %d", i), Published: "2024-05-01"},
			Text: fmt.Sprintf("Report %d: France praised Germany for its aid.", i), Input: fmt.Sprintf("test#%d", i)})
	}
	return js
}

func openQueue(t *testing.T, url string, cfg Config) *Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if cfg.Stream == "" {
		cfg.Stream = natstest.Stream(t, "T")
	}
	q, err := Open(ctx, url, cfg, Update, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func publish(t *testing.T, q *Queue, js []Job) {
	t.Helper()
	for _, j := range js {
		if _, err := q.Publish(context.Background(), j); err != nil {
			t.Fatal(err)
		}
	}
}

// startWorkers runs n workers with handler h until the test ends or stop is
// called.
func startWorkers(t *testing.T, q *Queue, n int, h Handler) (ws []*Worker, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		w := &Worker{Queue: q, Handle: h, Name: fmt.Sprintf("w%d", i), Concurrency: 2, Grace: time.Second,
			RetryMin: 50 * time.Millisecond, RetryMax: 200 * time.Millisecond, Progress: -1}
		ws = append(ws, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(ctx); err != nil {
				t.Error(err)
			}
		}()
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

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// drained reports whether q holds no job, waiting or in flight.
func drained(t *testing.T, q *Queue) bool {
	st, err := q.Status(context.Background())
	if err != nil {
		t.Logf("status: %v", err)
		return false
	}
	return st.Jobs == 0 && st.InFlight == 0
}

func once(js []Job) map[string]int {
	m := map[string]int{}
	for _, j := range js {
		m[j.Text] = 1
	}
	return m
}

// TestMachineServer runs jobs through the machine's NATS server: three
// workers, each job handled once, a job published twice queued once.
func TestMachineServer(t *testing.T) {
	q := openQueue(t, natstest.URL(t), Config{})
	defer deleteStreams(t, q)
	js := jobs(30)
	publish(t, q, js)
	if dup, err := q.Publish(context.Background(), js[3]); err != nil || !dup {
		t.Errorf("publish of a job again = %v, %v; want duplicate", dup, err)
	}
	st, err := q.Status(context.Background())
	if err != nil || st.Jobs != 30 || st.Waiting != 30 {
		t.Fatalf("status after publishing: %+v, %v; want 30 jobs waiting", st, err)
	}
	r := newRecorder(nil)
	ws, stop := startWorkers(t, q, 3, r.handle)
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	if diff := cmp.Diff(once(js), r.doneCounts()); diff != "" {
		t.Errorf("jobs handled (-want +got):\n%s", diff)
	}
	var total int64
	for _, w := range ws {
		total += w.Counts().Done
	}
	if total != 30 {
		t.Errorf("workers counted %d jobs done, want 30", total)
	}
}

// deleteStreams removes a test's streams from a shared server.
func deleteStreams(t *testing.T, q *Queue) {
	if err := q.Delete(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestDeadLetters(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxDeliver: 3, AckWait: 5 * time.Second})
	js := jobs(12)
	js[2].Text += " poison"
	js[5].Text += " invalid"
	js[8].Text += " panic"
	publish(t, q, js)
	r := newRecorder(func(j Job, call int) error {
		switch {
		case strings.HasSuffix(j.Text, "poison"):
			return errors.New("the coder failed")
		case strings.HasSuffix(j.Text, "invalid"):
			return fmt.Errorf("%w: not an article", dyad.ErrInvalid)
		case strings.HasSuffix(j.Text, "panic"):
			panic("stage exploded")
		}
		return nil
	})
	_, stop := startWorkers(t, q, 2, r.handle)
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()

	want := once(js)
	delete(want, js[2].Text)
	delete(want, js[5].Text)
	delete(want, js[8].Text)
	if diff := cmp.Diff(want, r.doneCounts()); diff != "" {
		t.Errorf("jobs done (-want +got):\n%s", diff)
	}
	r.mu.Lock()
	calls := map[string]int{"poison": r.calls[js[2].Text], "invalid": r.calls[js[5].Text], "panic": r.calls[js[8].Text]}
	r.mu.Unlock()
	if diff := cmp.Diff(map[string]int{"poison": 3, "invalid": 1, "panic": 3}, calls); diff != "" {
		t.Errorf("attempts of the failing jobs (-want +got):\n%s", diff)
	}
	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dl := range dls {
		got[dl.Job.Text] = fmt.Sprintf("%d %v %v", dl.Deliveries, dl.Job.Input != "", dl.Worker != "")
		if !strings.Contains(dl.Error, map[string]string{js[2].Text: "the coder failed", js[5].Text: "not an article",
			js[8].Text: "stage exploded"}[dl.Job.Text]) {
			t.Errorf("dead letter of %q has error %q", dl.Job.Text, dl.Error)
		}
	}
	wantDead := map[string]string{js[2].Text: "3 true true", js[5].Text: "1 true true", js[8].Text: "3 true true"}
	if diff := cmp.Diff(wantDead, got); diff != "" {
		t.Errorf("dead letters (-want +got):\n%s", diff)
	}
	st, err := q.Status(context.Background())
	if err != nil || st.Dead != 3 || st.Jobs != 0 {
		t.Errorf("status: %+v, %v; want 3 dead, no jobs", st, err)
	}
}

// TestUnavailableStore keeps a job while the store is down: retried in
// place, never redelivered, never dead-lettered, done when the store is
// back.
func TestUnavailableStore(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxDeliver: 2, AckWait: 2 * time.Second})
	js := jobs(3)
	publish(t, q, js)
	r := newRecorder(func(j Job, call int) error {
		if j.Text == js[1].Text && call <= 6 {
			return fmt.Errorf("put: %w: connection refused", dyad.ErrUnavailable)
		}
		return nil
	})
	ws, stop := startWorkers(t, q, 1, r.handle)
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	if diff := cmp.Diff(once(js), r.doneCounts()); diff != "" {
		t.Errorf("jobs done (-want +got):\n%s", diff)
	}
	c := ws[0].Counts()
	if c.Retried != 6 || c.Dead != 0 || c.Failed != 0 || c.Done != 3 {
		t.Errorf("counts %+v; want 6 retried in place, 3 done, nothing failed or dead", c)
	}
}

// TestLostWorker: a worker that loses its connection while it holds a job
// (as a killed one does) never acknowledges it, and another worker gets it
// after the ack wait.
func TestLostWorker(t *testing.T) {
	srv := natstest.Start(t)
	cfg := Config{Stream: natstest.Stream(t, "LOST"), AckWait: 2 * time.Second}
	qa := openQueue(t, srv.URL(), cfg)
	js := jobs(1)
	publish(t, qa, js)

	holding := make(chan struct{})
	release := make(chan struct{})
	var handledByA bool
	a := &Worker{Queue: qa, Name: "a", Progress: -1, Grace: time.Second, Handle: func(ctx context.Context, j Job) (Result, error) {
		close(holding)
		<-release
		handledByA = true
		return Result{}, nil
	}}
	ctxA, cancelA := context.WithCancel(context.Background())
	doneA := make(chan struct{})
	go func() {
		a.Run(ctxA)
		close(doneA)
	}()
	<-holding
	qa.nc.Close() // the connection is gone, as when the process is killed

	qb := openQueue(t, srv.URL(), cfg)
	r := newRecorder(nil)
	start := time.Now()
	_, stop := startWorkers(t, qb, 1, r.handle)
	waitFor(t, "worker b to get the job", 30*time.Second, func() bool { return r.doneCounts()[js[0].Text] == 1 })
	if wait := time.Since(start); wait > 20*time.Second {
		t.Errorf("redelivery took %s; ack wait is 2s", wait)
	}
	waitFor(t, "the queue to drain", 30*time.Second, func() bool { return drained(t, qb) })
	stop()
	close(release)
	cancelA()
	<-doneA
	if !handledByA {
		t.Error("worker a's handler did not return")
	}
	if c := a.Counts(); c.Done != 1 {
		// a's handler succeeded but its ack could not be sent: counted
		// done, acknowledged by nobody; b did the job again.
		t.Logf("worker a counts: %+v", c)
	}
}

// TestLongJob: a job that takes longer than the ack wait is kept by its
// worker (in-progress acks), not given to another.
func TestLongJob(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{AckWait: time.Second})
	js := jobs(1)
	publish(t, q, js)
	r := newRecorder(func(j Job, call int) error {
		time.Sleep(3500 * time.Millisecond)
		return nil
	})
	_, stop := startWorkers(t, q, 2, r.handle)
	waitFor(t, "the queue to drain", 30*time.Second, func() bool { return drained(t, q) })
	stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.calls[js[0].Text]; n != 1 {
		t.Errorf("a 3.5 s job with a 1 s ack wait was handled %d times, want 1", n)
	}
}

// TestServerRestart stops the NATS server in the middle of a run and starts
// it again with the same store: every job is done, none is lost or
// dead-lettered.
func TestServerRestart(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{AckWait: 3 * time.Second})
	js := jobs(40)
	publish(t, q, js)
	r := newRecorder(func(j Job, call int) error {
		time.Sleep(50 * time.Millisecond)
		return nil
	})
	_, stop := startWorkers(t, q, 2, r.handle)
	waitFor(t, "some jobs to be done", 30*time.Second, func() bool { return len(r.doneCounts()) >= 5 })
	srv.Stop()
	time.Sleep(time.Second)
	srv.Restart()
	waitFor(t, "the queue to drain", 2*time.Minute, func() bool { return drained(t, q) })
	stop()
	got := r.doneCounts()
	for _, j := range js {
		if got[j.Text] < 1 {
			t.Errorf("job %q never done", j.Input)
		}
	}
	st, err := q.Status(context.Background())
	if err != nil || st.Dead != 0 {
		t.Errorf("status after the restart: %+v, %v; want no dead letters", st, err)
	}
}

// TestStopGivesBack: a worker stopped with jobs in hand that do not finish
// within the grace period gives them back at once.
func TestStopGivesBack(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{AckWait: time.Minute})
	publish(t, q, jobs(1))
	started := make(chan struct{})
	w := &Worker{Queue: q, Name: "slow", Progress: -1, Grace: 200 * time.Millisecond,
		Handle: func(ctx context.Context, j Job) (Result, error) {
			close(started)
			<-ctx.Done()
			return Result{}, ctx.Err()
		}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	<-started
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Given back, not waiting out the minute of ack wait.
	r := newRecorder(nil)
	_, stop := startWorkers(t, q, 1, r.handle)
	waitFor(t, "another worker to take the job", 20*time.Second, func() bool { return len(r.doneCounts()) == 1 })
	stop()
}

func TestPublishLimits(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxMsgSize: 4096, MaxJobs: 2})
	ctx := context.Background()
	big := Job{Text: strings.Repeat("word ", 1000)}
	if _, err := q.Publish(ctx, big); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("publish of a job above the max size: err = %v, want ErrInvalid", err)
	}
	if _, err := q.Publish(ctx, Job{Text: " \n"}); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("publish of a job without text: err = %v, want ErrInvalid", err)
	}
	publish(t, q, jobs(2))
	// The stream is full: the publisher waits for room until its context ends.
	short, cancel := context.WithTimeout(ctx, 700*time.Millisecond)
	defer cancel()
	if _, err := q.Publish(short, jobs(3)[2]); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("publish to a full stream: err = %v, want it to wait until the deadline", err)
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		in   Config
		ok   bool
	}{
		{"defaults", Config{}, true},
		{"named", Config{Stream: "NEWS-2024_a"}, true},
		{"dot in name", Config{Stream: "a.b"}, false},
		{"wildcard", Config{Stream: "a*"}, false},
		{"space in consumer", Config{Consumer: "my workers"}, false},
		{"replicas", Config{Replicas: 6}, false},
		{"ack wait", Config{AckWait: 10 * time.Millisecond}, false},
		{"max deliver", Config{MaxDeliver: -1}, false},
		{"negative age", Config{MaxAge: -time.Second}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.in.withDefaults()
			if (err == nil) != tt.ok {
				t.Errorf("withDefaults(%+v) = %v, want ok %v", tt.in, err, tt.ok)
			}
			if err != nil && !errors.Is(err, dyad.ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
		})
	}
	c, _ := Config{Stream: "News"}.withDefaults()
	got := []string{c.Subject(), c.DeadStream(), c.DeadSubject(), c.Consumer}
	if diff := cmp.Diff([]string{"news.jobs", "News_DEAD", "news.dead", "workers"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestOpenExisting(t *testing.T) {
	srv := natstest.Start(t)
	ctx := context.Background()
	cfg := Config{Stream: natstest.Stream(t, "X")}
	if _, err := Open(ctx, srv.URL(), cfg, Existing, nil); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("open of a missing stream: err = %v, want ErrNotFound", err)
	}
	q, err := Open(ctx, srv.URL(), cfg, Create, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	q2, err := Open(ctx, srv.URL(), cfg, Existing, nil)
	if err != nil {
		t.Fatalf("open of the created stream: %v", err)
	}
	defer q2.Close()
	if st, err := q2.Status(ctx); err != nil || st.Jobs != 0 || st.Stream != cfg.Stream {
		t.Errorf("status of a new queue: %+v, %v", st, err)
	}
}

func TestOpenUnavailable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := Open(ctx, "nats://127.0.0.1:1", Config{}, Existing, nil); !errors.Is(err, dyad.ErrUnavailable) {
		t.Errorf("open of a server that is not there: err = %v, want ErrUnavailable", err)
	}
}

func TestBackoff(t *testing.T) {
	prev := time.Duration(0)
	for n := 1; n <= 12; n++ {
		d := backoff(n, time.Second, time.Minute)
		if d > time.Minute || d < time.Second*3/4 {
			t.Errorf("backoff(%d) = %s, out of [0.75s, 1m]", n, d)
		}
		if n <= 6 && d < prev*3/4 {
			t.Errorf("backoff(%d) = %s shrank from %s", n, d, prev)
		}
		prev = d
	}
}

// FuzzDecodeJob: any message body is a job with text or an ErrInvalid error.
func FuzzDecodeJob(f *testing.F) {
	for _, s := range []string{`{"article":{"title":"x"},"text":"France praised Germany."}`, `{"text":""}`,
		`{"text":"a"} {"text":"b"}`, `[]`, `null`, `{"text":"x","extra":1}`, ``, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := decodeJob(data)
		if err != nil {
			if !errors.Is(err, dyad.ErrInvalid) {
				t.Fatalf("decode %q: %v is not ErrInvalid", data, err)
			}
			return
		}
		if strings.TrimSpace(j.Text) == "" {
			t.Fatalf("decode %q: a job without text", data)
		}
	})
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"nats://127.0.0.1:4222":        "nats://127.0.0.1:4222",
		"nats://user:secret@host:4222": "nats://***@host:4222",
		"tls://a@x:1,nats://b:c@y:2":   "tls://***@y:2",
		"user:pw@host":                 "***@host",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkPublish publishes seed-sized jobs (4.5 kB of text) to an
// embedded server and reports jobs per second.
func BenchmarkPublish(b *testing.B) {
	srv := natstest.Start(b)
	ctx := context.Background()
	q, err := Open(ctx, srv.URL(), Config{Stream: "BENCH"}, Update, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	text := strings.Repeat("Iran's foreign minister is set to visit Moscow soon for talks. ", 70)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := q.Publish(ctx, Job{Text: fmt.Sprintf("%s (%d)", text, i)}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "jobs/s")
}

// BenchmarkRoundTrip publishes jobs and has one worker with a handler that
// does nothing take and acknowledge them: the queue's own cost per job.
func BenchmarkRoundTrip(b *testing.B) {
	srv := natstest.Start(b)
	ctx := context.Background()
	q, err := Open(ctx, srv.URL(), Config{Stream: "BENCH"}, Update, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	for i := 0; i < b.N; i++ {
		if _, err := q.Publish(ctx, Job{Text: fmt.Sprintf("Job %d.", i)}); err != nil {
			b.Fatal(err)
		}
	}
	var done sync.WaitGroup
	done.Add(b.N)
	b.ResetTimer()
	wctx, cancel := context.WithCancel(ctx)
	w := &Worker{Queue: q, Concurrency: 4, Progress: -1, Handle: func(context.Context, Job) (Result, error) {
		done.Done()
		return Result{Added: true}, nil
	}}
	stopped := make(chan struct{})
	go func() {
		w.Run(wctx)
		close(stopped)
	}()
	done.Wait()
	b.StopTimer()
	cancel()
	<-stopped
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "jobs/s")
}
