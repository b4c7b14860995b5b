package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/queue/natstest"
	"github.com/google/go-cmp/cmp"
)

// memStore is a Store in memory that refuses or fails as a test asks. It
// keeps articles by text, as the real stores do by content hash.
type memStore struct {
	mu      sync.Mutex
	added   map[string]int // times each text was added: at most 1
	batches [][]string     // the texts of every call, in order
	calls   int
	manys   int // calls of PutMany
	// refuse, when it gives an error, refuses a document (its result).
	refuse func(d *dyad.Doc) error
	// fail, when it gives an error, fails a whole call, after committing
	// it when commit is true (the commit's reply was lost).
	fail func(call int, docs []*dyad.Doc) (commit bool, err error)
	// delay blocks each call for so long, or until its context ends.
	delay time.Duration
}

func newMemStore() *memStore { return &memStore{added: map[string]int{}} }

func (s *memStore) Put(ctx context.Context, d *dyad.Doc) (string, bool, error) {
	res, err := s.write(ctx, []*dyad.Doc{d})
	if err != nil {
		return "", false, err
	}
	return res[0].ID, res[0].Added, res[0].Err
}

func (s *memStore) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	s.mu.Lock()
	s.manys++
	s.mu.Unlock()
	return s.write(ctx, docs)
}

func (s *memStore) write(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	if s.delay > 0 && !sleep(ctx, s.delay) {
		return nil, fmt.Errorf("put: %w", ctx.Err())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	var texts []string
	for _, d := range docs {
		texts = append(texts, d.Text)
	}
	s.batches = append(s.batches, texts)
	commit, err := true, error(nil)
	if s.fail != nil {
		commit, err = s.fail(s.calls, docs)
	}
	res := make([]dyad.PutResult, len(docs))
	if commit {
		for i, d := range docs {
			id := dyad.ArticleID(dyad.ContentHash(d.Text))
			switch {
			case s.refuse != nil && s.refuse(d) != nil:
				res[i].Err = fmt.Errorf("put: %w", s.refuse(d))
			case s.added[d.Text] > 0:
				res[i].ID = id
			default:
				s.added[d.Text]++
				res[i] = dyad.PutResult{ID: id, Added: true}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (s *memStore) addedCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.added {
		out[k] = v
	}
	return out
}

// batchOf returns the texts of the first call that had text.
func (s *memStore) batchOf(text string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.batches {
		if slices.Contains(b, text) {
			return b
		}
	}
	return nil
}

// docCoder codes a job into a document with its text, counting calls.
type docCoder struct {
	mu    sync.Mutex
	calls map[string]int
}

func (c *docCoder) code(ctx context.Context, j Job) (Coded, error) {
	c.mu.Lock()
	if c.calls == nil {
		c.calls = map[string]int{}
	}
	c.calls[j.Text]++
	c.mu.Unlock()
	return Coded{Doc: &dyad.Doc{Article: j.Article, Text: j.Text}}, nil
}

// startBatchWorker runs one worker that codes with c and writes to s in
// batches, until the test ends or stop is called.
func startBatchWorker(t *testing.T, q *Queue, s *memStore, w *Worker) (*Worker, func()) {
	t.Helper()
	c := &docCoder{}
	w.Queue, w.Code, w.Store = q, c.code, s
	if w.Name == "" {
		w.Name = "batcher"
	}
	if w.Concurrency == 0 {
		w.Concurrency = 4
	}
	if w.Grace == 0 {
		w.Grace = time.Second
	}
	w.RetryMin, w.RetryMax, w.Progress = 50*time.Millisecond, 200*time.Millisecond, -1
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

// TestBatchStore: jobs coded four at a time are written in batches of at
// most Batch, each stored once and acknowledged.
func TestBatchStore(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{})
	js := jobs(40)
	publish(t, q, js)
	s := newMemStore()
	w, stop := startBatchWorker(t, q, s, &Worker{Batch: 8, BatchWait: time.Second})
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	if diff := cmp.Diff(once(js), s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	biggest := 0
	for _, b := range s.batches {
		biggest = max(biggest, len(b))
	}
	if biggest > 8 || biggest < 2 {
		t.Errorf("largest batch %d; want 2 to 8 (batches %d)", biggest, len(s.batches))
	}
	c := w.Counts()
	if c.Done != 40 || c.Batches != int64(len(s.batches)) || c.Failed != 0 || c.Dead != 0 || c.InFlight != 0 {
		t.Errorf("counts %+v; want 40 done in %d batches", c, len(s.batches))
	}
}

// TestBatchOne: a Batch of 1 writes each document on its own with Put, as
// a worker did before batches.
func TestBatchOne(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{})
	js := jobs(10)
	publish(t, q, js)
	s := newMemStore()
	w, stop := startBatchWorker(t, q, s, &Worker{Batch: 1, Concurrency: 2})
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	if diff := cmp.Diff(once(js), s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	if s.manys != 0 || len(s.batches) != 10 {
		t.Errorf("%d PutMany calls, %d calls in all; want 10 Puts", s.manys, len(s.batches))
	}
	if c := w.Counts(); c.Done != 10 || c.Batches != 10 {
		t.Errorf("counts %+v; want 10 done in 10 transactions", c)
	}
}

// TestBatchRefused: a document the store refuses in a batch dead-letters
// its job alone, on its first delivery; the rest of the batch is stored.
func TestBatchRefused(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxDeliver: 3})
	js := jobs(20)
	js[7].Text += " refused"
	publish(t, q, js)
	s := newMemStore()
	s.refuse = func(d *dyad.Doc) error {
		if strings.HasSuffix(d.Text, " refused") {
			return fmt.Errorf("%w: the store will not have it", dyad.ErrInvalid)
		}
		return nil
	}
	// The batches wait long enough to fill: the refused one has company.
	w, stop := startBatchWorker(t, q, s, &Worker{Batch: 20, BatchWait: 2 * time.Second})
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	want := once(js)
	delete(want, js[7].Text)
	if diff := cmp.Diff(want, s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	if b := s.batchOf(js[7].Text); len(b) < 2 {
		t.Errorf("the refused document came in a batch of %d; the test wants company", len(b))
	}
	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dls) != 1 || dls[0].Job.Text != js[7].Text || dls[0].Deliveries != 1 ||
		!strings.Contains(dls[0].Error, "will not have it") {
		t.Errorf("dead letters %+v; want the refused job alone, after 1 delivery", dls)
	}
	if c := w.Counts(); c.Done != 19 || c.Dead != 1 || c.Failed != 0 {
		t.Errorf("counts %+v; want 19 done, 1 dead", c)
	}
}

// TestBatchOutage: while the store is unavailable, batches are kept and
// retried without counting against their jobs; a batch whose commit was
// not confirmed comes again and is found stored: every article is stored
// once, none lost, none dead-lettered.
func TestBatchOutage(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxDeliver: 1, AckWait: 2 * time.Second})
	js := jobs(30)
	publish(t, q, js)
	s := newMemStore()
	down := fmt.Errorf("put: %w: connection refused", dyad.ErrUnavailable)
	s.fail = func(call int, docs []*dyad.Doc) (bool, error) {
		switch {
		case call <= 2: // refused before anything is written
			return false, down
		case call == 3: // written, but the reply to the commit is lost
			return true, fmt.Errorf("put: %w: connection reset during commit", dyad.ErrUnavailable)
		case call <= 6:
			return false, down
		}
		return true, nil
	}
	w, stop := startBatchWorker(t, q, s, &Worker{Batch: 10, BatchWait: 300 * time.Millisecond})
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	if diff := cmp.Diff(once(js), s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	c := w.Counts()
	if c.Done != 30 || c.Retried < 5 || c.Failed != 0 || c.Dead != 0 || c.Duplicates < 1 {
		t.Errorf("counts %+v; want 30 done, 5 or more retries, the unconfirmed batch found stored, nothing failed", c)
	}
	if st, err := q.Status(context.Background()); err != nil || st.Dead != 0 {
		t.Errorf("status %+v, %v; want no dead letters", st, err)
	}
}

// TestBatchFails: a batch that fails as a whole, not for want of a store,
// is written again one document at a time, so that only the job whose
// document breaks the store is retried and then dead-lettered.
func TestBatchFails(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{MaxDeliver: 2, AckWait: 5 * time.Second})
	js := jobs(12)
	js[4].Text += " breaks"
	publish(t, q, js)
	s := newMemStore()
	s.fail = func(call int, docs []*dyad.Doc) (bool, error) {
		for _, d := range docs {
			if strings.HasSuffix(d.Text, " breaks") {
				return false, errors.New("put: the driver choked")
			}
		}
		return true, nil
	}
	w, stop := startBatchWorker(t, q, s, &Worker{Batch: 12, BatchWait: time.Second})
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	stop()
	want := once(js)
	delete(want, js[4].Text)
	if diff := cmp.Diff(want, s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dls) != 1 || dls[0].Job.Text != js[4].Text || dls[0].Deliveries != 2 || !strings.Contains(dls[0].Error, "choked") {
		t.Errorf("dead letters %+v; want the breaking job alone, after 2 deliveries", dls)
	}
	if c := w.Counts(); c.Done != 11 || c.Dead != 1 || c.Failed != 1 {
		t.Errorf("counts %+v; want 11 done, 1 failed once, then dead", c)
	}
}

// TestBatchWait: a lone job does not wait for a batch to fill: it is
// stored, in a batch of one, soon after BatchWait.
func TestBatchWait(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{})
	js := jobs(1)
	publish(t, q, js)
	s := newMemStore()
	_, stop := startBatchWorker(t, q, s, &Worker{Batch: 64, BatchWait: 100 * time.Millisecond})
	// Generous: the bound is BatchWait and a commit, far below this.
	waitFor(t, "the lone job to be stored", 20*time.Second, func() bool { return s.addedCounts()[js[0].Text] == 1 })
	waitFor(t, "the queue to drain", 20*time.Second, func() bool { return drained(t, q) })
	stop()
	if len(s.batches) != 1 || len(s.batches[0]) != 1 {
		t.Errorf("batches %v; want one of one", s.batches)
	}
}

// TestBatchLongCommit: a batch whose commit takes longer than the ack wait
// keeps its jobs (in-progress signals): each is coded and stored once.
func TestBatchLongCommit(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{AckWait: time.Second})
	js := jobs(6)
	publish(t, q, js)
	s := newMemStore()
	s.delay = 3500 * time.Millisecond
	c := &docCoder{}
	w := &Worker{Queue: q, Code: c.code, Store: s, Batch: 6, BatchWait: 500 * time.Millisecond, Concurrency: 2,
		Progress: -1, Grace: 10 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx)
		close(done)
	}()
	waitFor(t, "the queue to drain", time.Minute, func() bool { return drained(t, q) })
	cancel()
	<-done
	if diff := cmp.Diff(once(js), s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if diff := cmp.Diff(once(js), c.calls); diff != "" {
		t.Errorf("jobs coded (-want +got):\n%s", diff)
	}
}

// TestBatchStopGivesBack: a worker stopped while its batch cannot be
// written gives the batch's jobs back when the grace period ends, acked by
// nobody, and another worker stores them.
func TestBatchStopGivesBack(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{AckWait: time.Minute})
	js := jobs(5)
	publish(t, q, js)
	stuck := newMemStore()
	stuck.delay = time.Hour
	c := &docCoder{}
	w := &Worker{Queue: q, Code: c.code, Store: stuck, Batch: 5, BatchWait: 50 * time.Millisecond,
		Concurrency: 2, Progress: -1, Grace: 300 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "the worker to hold the jobs", 20*time.Second, func() bool { return w.Counts().InFlight == 5 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := w.Counts(); got.Done != 0 || got.InFlight != 0 {
		t.Errorf("stopped worker's counts %+v; want nothing done, nothing held", got)
	}
	// Given back, not waiting out the minute of ack wait.
	s := newMemStore()
	_, stop := startBatchWorker(t, q, s, &Worker{Name: "next", Batch: 5, BatchWait: 50 * time.Millisecond})
	waitFor(t, "another worker to store the jobs", 20*time.Second, func() bool { return len(s.addedCounts()) == 5 })
	stop()
	if diff := cmp.Diff(once(js), s.addedCounts()); diff != "" {
		t.Errorf("articles stored (-want +got):\n%s", diff)
	}
}

func TestWorkerSetup(t *testing.T) {
	srv := natstest.Start(t)
	q := openQueue(t, srv.URL(), Config{})
	c := &docCoder{}
	for name, w := range map[string]*Worker{
		"nothing":         {Queue: q},
		"coder, no store": {Queue: q, Code: c.code},
		"both":            {Queue: q, Code: c.code, Store: newMemStore(), Handle: newRecorder(nil).handle},
		"no queue":        {Code: c.code, Store: newMemStore()},
	} {
		if err := w.Run(context.Background()); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%s: Run = %v, want ErrInvalid", name, err)
		}
	}
}
