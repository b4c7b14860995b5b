package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/source"
)

// Read-ahead limits: how many articles, and how many bytes of text, may be
// read but not yet stored. Reading runs ahead of coding so that the total,
// and with it the time left, is known early; the limits bound the memory
// that takes.
const (
	readAheadItems = 4096
	readAheadBytes = 64 << 20
)

// Inputs returns the articles of every path in turn (see source.Read): a
// file, a directory, an http(s) URL or "-". A bad input or record is yielded
// as an error and reading goes on; a cancelled ctx ends it with ctx's error.
func Inputs(ctx context.Context, paths []string, opt source.Options) iter.Seq2[source.Item, error] {
	return func(yield func(source.Item, error) bool) {
		for _, p := range paths {
			for it, err := range source.Read(ctx, p, opt) {
				if !yield(it, err) {
					return
				}
			}
		}
	}
}

// job is one article read, or one input that could not be read.
type job struct {
	seq   int
	path  int // index of the path given to Run
	item  source.Item
	err   error  // the reader's error; nothing to code
	hash  string // content hash of item.Text
	first int    // seq of the first article of this run with the same text, or -1
	size  int64  // bytes of the read-ahead budget held
}

// outcome is a job after a worker had it.
type outcome struct {
	job
	status Status // 0 while the doc still has to be stored
	doc    *dyad.Doc
	id     string
	err    error
	code   time.Duration
}

// Run reads every path in turn, codes each article on opt.Workers workers
// with coder and stores it in s, skipping the articles s already holds. It
// returns the summary of what it did. The error is nil when the run went
// to the end, even if some inputs failed (the summary lists them), and
// ctx's error when it was cancelled; the summary then covers what was done.
func Run(ctx context.Context, s dyad.Store, coder Coder, paths []string, opt Options) (*Summary, error) {
	start := opt.now()
	sum := &Summary{Inputs: make([]InputSummary, len(paths))}
	for i, p := range paths {
		sum.Inputs[i].Path = p
	}

	b := newBudget(readAheadItems, readAheadBytes)
	stop := context.AfterFunc(ctx, b.wake)
	defer stop()
	var read atomic.Int64
	var reading atomic.Bool
	reading.Store(true)
	jobs := make(chan job, readAheadItems)
	go func() {
		defer close(jobs)
		defer reading.Store(false)
		seq := 0
		seen := map[string]int{}
		for i, p := range paths {
			for it, err := range source.Read(ctx, p, opt.Read) {
				if ctx.Err() != nil {
					return
				}
				j := job{seq: seq, path: i, first: -1}
				if err != nil {
					j.err = err
				} else {
					j.item = it
					j.hash = dyad.ContentHash(it.Text)
					j.size = int64(len(it.Text))
					if f, ok := seen[j.hash]; ok {
						j.first = f
					} else {
						seen[j.hash] = seq
					}
				}
				if !b.acquire(ctx, j.size) {
					return
				}
				read.Add(1)
				seq++
				jobs <- j
			}
		}
	}()

	outs := make(chan outcome, opt.workers())
	var wg sync.WaitGroup
	for range opt.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				outs <- work(ctx, s, coder, opt, j)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(outs)
	}()

	// Store in the order read: ingest order does not depend on which
	// worker finished first. Outcomes wait in a batch until it is full or
	// its first has waited opt.batchWait(); the batch's articles are then
	// written in one transaction.
	w := writer{s: s, sum: sum, opt: opt, firsts: map[string]Result{}}
	pending := map[int]outcome{}
	next := 0
	var (
		batch     []outcome
		batchSize int64
		prog      Progress
		in        = outs
		// Stop and Reset leave no stale tick in C (Go 1.23 timers).
		wait = time.NewTimer(opt.batchWait())
	)
	flush := func() {
		for i, r := range w.store(ctx, batch, paths) {
			b.release(batch[i].size)
			if opt.Progress != nil {
				prog.Read, prog.Reading = int(read.Load()), reading.Load()
				prog.Done++
				switch r.Status {
				case Stored:
					prog.Stored++
				case Duplicate:
					prog.Duplicates++
				case Failed:
					prog.Failed++
				case Dropped:
					prog.Dropped++
				}
				prog.Last = r
				opt.Progress(prog)
			}
		}
		clear(batch)
		batch, batchSize = batch[:0], 0
		wait.Stop()
	}
	for in != nil {
		select {
		case o, ok := <-in:
			if !ok {
				in = nil
				break
			}
			pending[o.seq] = o
			for {
				o, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if len(batch) == 0 {
					wait.Reset(opt.batchWait())
				}
				batch = append(batch, o)
				if o.doc != nil {
					batchSize += int64(len(o.doc.Text))
				}
				if len(batch) >= opt.batch() || batchSize >= batchBytes {
					flush()
				}
			}
		case <-wait.C:
			flush()
		}
	}
	flush()
	sum.Elapsed = opt.now().Sub(start)
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	return sum, nil
}

// work checks, codes or skips one job.
func work(ctx context.Context, s dyad.Store, coder Coder, opt Options, j job) outcome {
	o := outcome{job: j}
	switch {
	case j.err != nil:
		o.status, o.err = Failed, readError{j.err}
		return o
	case ctx.Err() != nil:
		o.status = Dropped
		return o
	case j.first >= 0:
		o.status = Duplicate // of an article of this run; the writer knows its id
		return o
	}
	a := j.item.Article
	if a.Published == "" {
		a.Published = opt.Published
	}
	if a.Source == "" {
		a.Source = opt.Source
	}
	id, found, err := Existing(ctx, s, a.URL, j.item.Text)
	switch {
	case ctx.Err() != nil:
		o.status = Dropped
		return o
	case err != nil:
		o.status, o.err = Failed, err
		return o
	case found:
		o.status, o.id = Duplicate, id
		return o
	}
	t0 := opt.now()
	d, err := coder.Code(ctx, a, []byte(j.item.Text))
	o.code = opt.now().Sub(t0)
	switch {
	case ctx.Err() != nil:
		o.status = Dropped
	case err != nil:
		o.status, o.err = Failed, fmt.Errorf("code: %w", err)
	default:
		// The store keeps sentence spans, not tokens; dropping them now
		// keeps the articles waiting for their turn small.
		for i := range d.Sentences {
			d.Sentences[i].Tokens = nil
		}
		o.doc = d
	}
	return o
}

// writer stores outcomes in order and keeps the summary.
type writer struct {
	s      dyad.Store
	sum    *Summary
	opt    Options
	firsts map[string]Result // by content hash: what became of the first copy
}

// store writes the coded articles of batch in one transaction and returns
// what became of each outcome, in order. If the batch cannot be written as a
// whole, each article is written on its own, so that one article's failure
// is its own.
func (w *writer) store(ctx context.Context, batch []outcome, paths []string) []Result {
	var docs []*dyad.Doc
	for _, o := range batch {
		if o.doc != nil {
			docs = append(docs, o.doc)
		}
	}
	// Coded articles are stored even if the run is being cancelled, so
	// that the work is not lost.
	ctx = context.WithoutCancel(ctx)
	var puts []dyad.PutResult
	var each time.Duration
	if len(docs) > 0 {
		t0 := w.opt.now()
		var err error
		if len(docs) > 1 {
			puts, err = w.s.PutMany(ctx, docs)
		}
		if len(docs) == 1 || err != nil {
			puts = make([]dyad.PutResult, len(docs))
			for i, d := range docs {
				puts[i].ID, puts[i].Added, puts[i].Err = w.s.Put(ctx, d)
			}
		}
		each = w.opt.now().Sub(t0) / time.Duration(len(docs))
	}
	out := make([]Result, len(batch))
	for i, o := range batch {
		var put *dyad.PutResult
		if o.doc != nil {
			put, puts = &puts[0], puts[1:]
		}
		out[i] = w.finish(o, put, each, paths)
	}
	return out
}

// finish records what became of o, given what storing it did (put, nil if
// it was not coded) and the time that took.
func (w *writer) finish(o outcome, put *dyad.PutResult, took time.Duration, paths []string) Result {
	r := Result{Input: o.item.Input, Path: paths[o.path], Status: o.status, ID: o.id, Err: o.err, Code: o.code}
	if o.job.err != nil {
		r.Input = errInput(o.job.err, paths[o.path])
	}
	switch {
	case put != nil:
		r.Store = took
		switch {
		case put.Err != nil:
			r.Status, r.Err = Failed, fmt.Errorf("store: %w", put.Err)
		case put.Added:
			r.Status, r.ID, r.Events = Stored, put.ID, len(o.doc.Events)
		default:
			r.Status, r.ID = Duplicate, put.ID
		}
	case o.status == Duplicate && o.first >= 0:
		f := w.firsts[o.hash]
		switch f.Status {
		case Stored, Duplicate:
			r.ID = f.ID
		case Failed:
			r.Status, r.Err = Failed, fmt.Errorf("same text as %s, which failed: %w", f.Input, f.Err)
		default:
			r.Status = Dropped
		}
	}
	if o.hash != "" && o.first < 0 {
		w.firsts[o.hash] = r
	}
	for _, s := range []*InputSummary{&w.sum.InputSummary, &w.sum.Inputs[o.path]} {
		s.add(r)
	}
	if r.Status == Failed {
		w.sum.Failures = append(w.sum.Failures, Failure{Input: r.Input, Err: r.Err})
	}
	w.sum.Events += r.Events
	w.sum.Code += r.Code
	w.sum.Store += r.Store
	return r
}

// errInput is the input a reader's error names, else the path.
func errInput(err error, path string) string {
	var ie *dyad.InputError
	if errors.As(err, &ie) && ie.Input != "" {
		return ie.Input
	}
	return path
}

// budget bounds the articles read but not yet stored, by count and bytes.
type budget struct {
	mu       sync.Mutex
	cond     *sync.Cond
	n, max   int
	bytes    int64
	maxBytes int64
}

func newBudget(max int, maxBytes int64) *budget {
	b := &budget{max: max, maxBytes: maxBytes}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until size more bytes fit (one article always fits when
// nothing else is held) and reports false if ctx ended first.
func (b *budget) acquire(ctx context.Context, size int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ctx.Err() == nil && (b.n >= b.max || b.n > 0 && b.bytes+size > b.maxBytes) {
		b.cond.Wait()
	}
	if ctx.Err() != nil {
		return false
	}
	b.n++
	b.bytes += size
	return true
}

func (b *budget) release(size int64) {
	b.mu.Lock()
	b.n--
	b.bytes -= size
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) wake() {
	b.mu.Lock()
	b.mu.Unlock()
	b.cond.Broadcast()
}
