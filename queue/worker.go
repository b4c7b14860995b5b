package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Result is what became of a job, for the worker's log.
type Result struct {
	ID     string // the stored article's id
	Added  bool   // false when the store already had the article
	Events int    // events coded
}

// Handler codes and stores one job. It returns only once the article is
// committed, or known to be stored already. An error wrapping
// dyad.ErrUnavailable (the store is down) is retried in place, with backoff,
// without counting against the job; one wrapping dyad.ErrInvalid or
// dyad.ErrConflict (the job can never succeed) dead-letters the job at once;
// any other error, a panic included, has the job delivered again later, up
// to Config.MaxDeliver times.
type Handler func(ctx context.Context, j Job) (Result, error)

// Coded is what a Coder made of a job: the document to store or, when the
// article is stored already (the job came again after its commit), the
// stored article's id.
type Coded struct {
	Doc *dyad.Doc // nil: stored already
	ID  string    // with a nil Doc, the stored article
}

// Coder codes one job's article without storing it; the worker stores the
// documents of several jobs in one transaction (Worker.Store). Its errors
// are taken as a Handler's are.
type Coder func(ctx context.Context, j Job) (Coded, error)

// Store is what a worker with a Coder writes to; every dyad.Store is one.
// PutMany stores a batch in one transaction, with a result per document (see
// dyad.Store); Put stores a batch of one. The worker acknowledges a job only
// after its document's transaction committed.
type Store interface {
	Put(ctx context.Context, d *dyad.Doc) (id string, added bool, err error)
	PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error)
}

// Defaults of Worker.
const (
	DefaultGrace     = 30 * time.Second
	DefaultRetryMin  = time.Second
	DefaultRetryMax  = time.Minute
	DefaultProgress  = 30 * time.Second
	DefaultBatch     = 64
	DefaultBatchWait = 100 * time.Millisecond
)

// Worker takes jobs from a queue, codes at most Concurrency at a time and
// stores them. Set Queue and either Handle (each job coded and stored by one
// call) or Code and Store (jobs coded one by one, their documents stored in
// batches of up to Batch per transaction), then call Run once.
//
// Whatever the batch, each job is settled by its own document's result:
// acknowledged once the transaction that stored it committed (or it was
// found stored), dead-lettered alone when the store refuses its document,
// kept and retried with the whole batch while the store is unavailable,
// given back for later when the batch failed for another reason.
type Worker struct {
	Queue *Queue
	// Handle codes and stores one job (when Code is nil).
	Handle Handler
	// Code codes one job; Store then stores its document.
	Code  Coder
	Store Store
	// Batch is the most documents stored in one transaction (default 64;
	// 1: each on its own, by the goroutine that coded it). A worker holds
	// at most Concurrency+2*Batch jobs: those being coded, a batch being
	// written and the next one filling meanwhile; with a Batch of 1,
	// Concurrency.
	Batch int
	// BatchWait is the longest the first document of a batch waits for the
	// batch to fill before it is written (default 100ms), unless the batch
	// before is still being written then.
	BatchWait time.Duration
	// Name names the worker in logs and dead letters (default host:pid).
	Name string
	// Concurrency is the number of jobs coded at once (default 1).
	Concurrency int
	// Grace is how long the jobs in hand may go on after Run's context is
	// cancelled; then they are given back to the queue (default 30s).
	Grace time.Duration
	// RetryMin and RetryMax bound the delay before a failed job is
	// delivered again, and between the attempts of a job or batch whose
	// store is unavailable (defaults 1s and 1m).
	RetryMin, RetryMax time.Duration
	// Progress is the interval of the "worker progress" log lines (default
	// 30s; negative: none).
	Progress time.Duration
	// Log receives progress, retries and dead letters (nil: nothing).
	Log *slog.Logger

	done, duplicates, retried, failed, dead, batches atomic.Int64
	inFlight                                         atomic.Int64
}

// Counts are what a worker did so far.
type Counts struct {
	Done       int64 `json:"done"`       // jobs finished and acknowledged: stored or found stored
	Duplicates int64 `json:"duplicates"` // of Done, those the store already had
	Retried    int64 `json:"retried"`    // attempts (of a job or a batch) repeated because the store was unavailable
	Failed     int64 `json:"failed"`     // deliveries that failed and were given back for later
	Dead       int64 `json:"dead"`       // jobs dead-lettered
	Batches    int64 `json:"batches"`    // transactions committed by the worker's Store (none with a Handler)
	InFlight   int64 `json:"in_flight"`  // jobs in hand now
}

// Counts returns what the worker did so far.
func (w *Worker) Counts() Counts {
	return Counts{Done: w.done.Load(), Duplicates: w.duplicates.Load(), Retried: w.retried.Load(),
		Failed: w.failed.Load(), Dead: w.dead.Load(), Batches: w.batches.Load(), InFlight: w.inFlight.Load()}
}

func (w *Worker) defaults() {
	if w.Name == "" {
		host, _ := os.Hostname()
		w.Name = host + ":" + strconv.Itoa(os.Getpid())
	}
	if w.Concurrency <= 0 {
		w.Concurrency = 1
	}
	if w.Batch <= 0 {
		w.Batch = DefaultBatch
	}
	if w.BatchWait <= 0 {
		w.BatchWait = DefaultBatchWait
	}
	if w.Grace <= 0 {
		w.Grace = DefaultGrace
	}
	if w.RetryMin <= 0 {
		w.RetryMin = DefaultRetryMin
	}
	if w.RetryMax < w.RetryMin {
		w.RetryMax = max(DefaultRetryMax, w.RetryMin)
	}
	if w.Progress == 0 {
		w.Progress = DefaultProgress
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
}

// consumer creates or updates the workers' durable consumer: explicit acks,
// the ack wait and in-flight bound of the config. It sets no delivery limit
// of its own: the worker counts deliveries and dead-letters (a server-side
// limit would leave a job that hit it in the stream, undone and unseen).
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	c, err := q.js.CreateOrUpdateConsumer(ctx, q.cfg.Stream, jetstream.ConsumerConfig{
		Durable:       q.cfg.Consumer,
		Description:   "dyad workers",
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    -1,
		MaxAckPending: q.cfg.MaxAckPending,
		MaxWaiting:    4096,
		FilterSubject: q.cfg.Subject(),
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, classify(err))
	}
	return c, nil
}

// Run takes and handles jobs until ctx is cancelled, then lets the jobs in
// hand finish (for up to Grace), gives back those that do not, and returns
// nil. It returns an error only when it cannot start: the consumer cannot be
// made.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	switch {
	case w.Queue == nil:
		return fmt.Errorf("worker: %w: no queue", dyad.ErrInvalid)
	case w.Code == nil && w.Handle == nil:
		return fmt.Errorf("worker: %w: no handler or coder", dyad.ErrInvalid)
	case w.Code != nil && w.Handle != nil:
		return fmt.Errorf("worker: %w: a handler and a coder: set one", dyad.ErrInvalid)
	case w.Code != nil && w.Store == nil:
		return fmt.Errorf("worker: %w: a coder without a store", dyad.ErrInvalid)
	}
	cons, err := w.Queue.consumer(ctx)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	cfg := w.Queue.cfg
	batch := 0
	if w.Code != nil {
		batch = w.Batch
	}
	w.Log.Info("worker started", "worker", w.Name, "stream", cfg.Stream, "consumer", cfg.Consumer,
		"concurrency", w.Concurrency, "batch", batch, "ack_wait", cfg.AckWait, "max_deliver", cfg.MaxDeliver)

	// Jobs in hand outlive ctx by the grace period.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	var grace *time.Timer
	var graceMu sync.Mutex
	stopGrace := context.AfterFunc(ctx, func() {
		graceMu.Lock()
		grace = time.AfterFunc(w.Grace, cancelJobs)
		graceMu.Unlock()
	})
	defer func() {
		stopGrace()
		graceMu.Lock()
		if grace != nil {
			grace.Stop()
		}
		graceMu.Unlock()
	}()

	start := time.Now()
	if w.Progress > 0 {
		t := time.NewTicker(w.Progress)
		defer t.Stop()
		go func() {
			for {
				select {
				case <-t.C:
					w.logProgress("worker progress", start)
				case <-jobCtx.Done():
					return
				}
			}
		}()
	}
	// One writer stores the coded documents in batches; it ends when the
	// coders have, after writing what they gave it.
	var writes chan *held
	var writer sync.WaitGroup
	if batch > 1 {
		// The next batch fills while one is written.
		writes = make(chan *held, w.Batch)
		writer.Go(func() { w.write(jobCtx, writes) })
	}
	var wg sync.WaitGroup
	var consMu sync.Mutex
	for range w.Concurrency {
		wg.Go(func() { w.loop(ctx, jobCtx, cons, &consMu, writes) })
	}
	wg.Wait()
	if writes != nil {
		close(writes)
	}
	writer.Wait()
	w.logProgress("worker stopped", start)
	return nil
}

func (w *Worker) logProgress(msg string, start time.Time) {
	c := w.Counts()
	elapsed := time.Since(start)
	w.Log.Info(msg, "worker", w.Name, "done", c.Done, "duplicates", c.Duplicates, "failed", c.Failed,
		"dead", c.Dead, "retried", c.Retried, "batches", c.Batches, "in_flight", c.InFlight,
		"rate", fmt.Sprintf("%.2f/s", float64(c.Done)/elapsed.Seconds()), "elapsed", elapsed.Round(time.Second).String())
}

// loop pulls one job at a time and codes it, until ctx is cancelled. A
// coded document goes to writes when there is a writer, else it is stored
// here.
func (w *Worker) loop(ctx, jobCtx context.Context, cons jetstream.Consumer, consMu *sync.Mutex, writes chan<- *held) {
	fails := 0
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		consMu.Lock()
		c := cons
		consMu.Unlock()
		msg, err := c.Next(jetstream.FetchContext(fctx))
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) ||
				errors.Is(err, jetstream.ErrNoMessages) {
				fails = 0
				continue
			}
			fails++
			if fails == 1 || fails%20 == 0 {
				w.Log.Warn("queue fetch failed; retrying", "worker", w.Name, "err", err, "failures", fails)
			}
			if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrConsumerDeleted) {
				if nc, err := w.Queue.consumer(ctx); err == nil {
					consMu.Lock()
					cons = nc
					consMu.Unlock()
				}
			}
			sleep(ctx, backoff(fails, 100*time.Millisecond, 5*time.Second))
			continue
		}
		fails = 0
		h := w.take(jobCtx, msg)
		if h == nil {
			continue
		}
		res, doc, err := w.attempt(jobCtx, h)
		switch {
		case err != nil || doc == nil:
			w.settle(jobCtx, h, res, err)
		case writes == nil:
			h.doc, h.res = doc, res
			w.commit(jobCtx, []*held{h})
		default:
			h.doc, h.res, h.coded = doc, res, time.Now()
			select {
			case writes <- h:
			case <-jobCtx.Done():
				w.settle(jobCtx, h, res, jobCtx.Err())
			}
		}
	}
}

// held is a job in hand: delivered, decoded, not yet settled.
type held struct {
	msg   jetstream.Msg
	meta  *jetstream.MsgMetadata
	job   Job
	n     int // delivery
	log   *slog.Logger
	start time.Time
	stop  func() // ends the in-progress signals
	doc   *dyad.Doc
	res   Result
	coded time.Time // when doc was handed to the writer
	batch int       // documents in the transaction that stored doc
}

// take checks a delivered job: it returns it in hand, its in-progress
// signals going, or settles it at once (dead-lettered: not a job, or too
// many deliveries) and returns nil.
func (w *Worker) take(ctx context.Context, msg jetstream.Msg) *held {
	cfg := w.Queue.cfg
	meta, err := msg.Metadata()
	if err != nil {
		// Not a JetStream message: nothing to settle.
		w.Log.Error("message without JetStream metadata dropped", "worker", w.Name, "err", err)
		return nil
	}
	w.inFlight.Add(1)
	n := int(meta.NumDelivered)
	log := w.Log.With("worker", w.Name, "job", meta.Sequence.Stream, "delivery", n)
	job, err := decodeJob(msg.Data())
	if err != nil {
		w.deadLetter(ctx, msg, meta, err, log)
		w.inFlight.Add(-1)
		return nil
	}
	log = log.With("input", job.Input)
	if n > cfg.MaxDeliver {
		w.deadLetter(ctx, msg, meta, fmt.Errorf("no result after %d deliveries: the workers that took it "+
			"died, hung or lost their connection", n-1), log)
		w.inFlight.Add(-1)
		return nil
	}
	log.Debug("job started")
	return &held{msg: msg, meta: meta, job: job, n: n, log: log, start: time.Now(), stop: w.keepAlive(msg, log)}
}

// settle ends a job in hand by what became of it: acknowledged after it
// was stored, given back for later after a failure, dead-lettered when it
// can never succeed or has had its deliveries.
func (w *Worker) settle(ctx context.Context, h *held, res Result, err error) {
	defer w.inFlight.Add(-1)
	h.stop()
	cfg := w.Queue.cfg
	log := h.log
	switch {
	case err == nil:
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		aerr := h.msg.DoubleAck(actx)
		cancel()
		if aerr != nil {
			// The article is stored; the job will come again and be found so.
			log.Warn("ack not confirmed; the job will be delivered again and found stored", "err", aerr)
		}
		w.done.Add(1)
		if !res.Added {
			w.duplicates.Add(1)
		}
		log.Debug("job done", "article", res.ID, "added", res.Added, "events", res.Events, "batch", h.batch,
			"took", time.Since(h.start).Round(time.Millisecond).String())
	case ctx.Err() != nil:
		// Stopping: give the job back at once for another worker.
		if err := h.msg.Nak(); err != nil {
			log.Warn("job not given back; it will be delivered again after the ack wait", "err", err)
		}
		log.Info("job given back: worker stopping")
	case errors.Is(err, dyad.ErrInvalid), errors.Is(err, dyad.ErrConflict):
		w.deadLetter(ctx, h.msg, h.meta, err, log)
	case h.n >= cfg.MaxDeliver:
		w.deadLetter(ctx, h.msg, h.meta, err, log)
	default:
		w.failed.Add(1)
		d := backoff(h.n, w.RetryMin, w.RetryMax)
		if err := h.msg.NakWithDelay(d); err != nil {
			log.Warn("job not given back; it will be delivered again after the ack wait", "err", err)
		}
		log.Warn("job failed; it will be delivered again", "err", err, "retry_in", d.Round(time.Millisecond).String(),
			"deliveries_left", cfg.MaxDeliver-h.n)
	}
}

// attempt codes (or, with a Handler, codes and stores) a job, again and
// again with backoff while the store is unavailable and ctx lasts. It
// returns the document to store, or nil when there is none: the handler
// stored it or the coder found it stored.
func (w *Worker) attempt(ctx context.Context, h *held) (Result, *dyad.Doc, error) {
	for try := 1; ; try++ {
		res, doc, err := w.call(ctx, h.job)
		if err == nil || !errors.Is(err, dyad.ErrUnavailable) || ctx.Err() != nil {
			return res, doc, err
		}
		w.retried.Add(1)
		d := backoff(try, w.RetryMin, w.RetryMax)
		h.log.Warn("store unavailable; job kept and retried", "err", err, "attempt", try,
			"retry_in", d.Round(time.Millisecond).String())
		if !sleep(ctx, d) {
			return res, doc, err
		}
	}
}

// call runs the handler or the coder, turning a panic into an error.
func (w *Worker) call(ctx context.Context, job Job) (res Result, doc *dyad.Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v\n%s", r, debug.Stack())
		}
	}()
	if w.Code == nil {
		res, err = w.Handle(ctx, job)
		return res, nil, err
	}
	c, err := w.Code(ctx, job)
	if err != nil || c.Doc == nil {
		return Result{ID: c.ID}, nil, err
	}
	return Result{Events: len(c.Doc.Events)}, c.Doc, nil
}

// write gathers the coded documents of in into batches and commits them,
// until in is closed. A batch is written when it has Batch documents, or
// BatchWait after its first one came, whichever is first.
func (w *Worker) write(ctx context.Context, in <-chan *held) {
	var (
		batch []*held
		timer *time.Timer
		wait  <-chan time.Time
	)
	flush := func() {
		if timer != nil {
			timer.Stop()
			timer, wait = nil, nil
		}
		if len(batch) > 0 {
			w.commit(ctx, batch)
			batch = nil
		}
	}
	for {
		select {
		case h, ok := <-in:
			if !ok {
				flush()
				return
			}
			batch = append(batch, h)
			if len(batch) == 1 {
				// The wait counts from when the document was coded: it may
				// have waited while the batch before was written.
				timer = time.NewTimer(w.BatchWait - time.Since(h.coded))
				wait = timer.C
			}
			if len(batch) >= w.Batch {
				flush()
			}
		case <-wait:
			// Documents that came while the batch before was written are
			// taken with this one.
			var closed bool
			batch, closed = w.gather(in, batch)
			flush()
			if closed {
				return
			}
		}
	}
}

// gather moves the documents waiting in in to batch, up to Batch, without
// waiting; it reports whether in is closed.
func (w *Worker) gather(in <-chan *held, batch []*held) ([]*held, bool) {
	for len(batch) < w.Batch {
		select {
		case h, ok := <-in:
			if !ok {
				return batch, true
			}
			batch = append(batch, h)
		default:
			return batch, false
		}
	}
	return batch, false
}

// commit stores the documents of hs in one transaction (retried while the
// store is unavailable) and settles each job by its document's result.
func (w *Worker) commit(ctx context.Context, hs []*held) {
	docs := make([]*dyad.Doc, len(hs))
	for i, h := range hs {
		docs[i] = h.doc
	}
	log := w.Log.With("worker", w.Name, "batch", len(hs), "first_job", hs[0].meta.Sequence.Stream)
	start := time.Now()
	puts, err := w.put(ctx, docs, log)
	if err == nil {
		log.Debug("batch stored", "took", time.Since(start).Round(time.Millisecond).String())
	}
	var wg sync.WaitGroup
	for i, h := range hs {
		h.batch = len(hs)
		res, herr := h.res, err
		if err == nil {
			res.ID, res.Added, herr = puts[i].ID, puts[i].Added, puts[i].Err
			if herr != nil {
				herr = fmt.Errorf("store %s: %w", h.job.Input, herr)
			}
		}
		// Acknowledgements wait for the server's reply: send them together.
		wg.Go(func() { w.settle(ctx, h, res, herr) })
	}
	wg.Wait()
}

// put stores docs in one transaction and returns a result per document: a
// document the store refuses has its error there. While the store is
// unavailable it retries with backoff until ctx ends. A batch that fails
// as a whole for another reason is written again one document at a time,
// so that the failure stays with the document that causes it.
func (w *Worker) put(ctx context.Context, docs []*dyad.Doc, log *slog.Logger) ([]dyad.PutResult, error) {
	for try := 1; ; try++ {
		puts, err := w.putOnce(ctx, docs)
		if err == nil {
			w.batches.Add(1)
			return puts, nil
		}
		switch {
		case ctx.Err() != nil:
			return nil, err
		case errors.Is(err, dyad.ErrUnavailable):
			w.retried.Add(1)
			d := backoff(try, w.RetryMin, w.RetryMax)
			log.Warn("store unavailable; batch kept and retried", "err", err, "attempt", try,
				"retry_in", d.Round(time.Millisecond).String())
			if !sleep(ctx, d) {
				return nil, err
			}
		case len(docs) == 1:
			return nil, err
		default:
			log.Warn("batch failed; its documents are stored one by one", "err", err)
			puts = make([]dyad.PutResult, len(docs))
			for i := range docs {
				one, err := w.put(ctx, docs[i:i+1], log)
				if err != nil {
					puts[i].Err = err
				} else {
					puts[i] = one[0]
				}
			}
			return puts, nil
		}
	}
}

// putOnce makes one attempt at storing docs: Put for one document,
// PutMany for more. A refused document (ErrInvalid, ErrConflict) has its
// error in its result; a panic of the store is an error of the batch.
func (w *Worker) putOnce(ctx context.Context, docs []*dyad.Doc) (puts []dyad.PutResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			puts, err = nil, fmt.Errorf("store panicked: %v\n%s", r, debug.Stack())
		}
	}()
	if len(docs) == 1 {
		var p dyad.PutResult
		p.ID, p.Added, p.Err = w.Store.Put(ctx, docs[0])
		if p.Err != nil && !errors.Is(p.Err, dyad.ErrInvalid) && !errors.Is(p.Err, dyad.ErrConflict) {
			return nil, p.Err
		}
		return []dyad.PutResult{p}, nil
	}
	puts, err = w.Store.PutMany(ctx, docs)
	if err == nil && len(puts) != len(docs) {
		err = fmt.Errorf("store gave %d results for %d documents", len(puts), len(docs))
	}
	return puts, err
}

// keepAlive tells the server, every third of the ack wait, that msg is in
// progress, so that a long job, or one waiting for its batch, is not given
// to another worker. It returns the function that stops it.
func (w *Worker) keepAlive(msg jetstream.Msg, log *slog.Logger) (stop func()) {
	t := time.NewTicker(w.Queue.cfg.AckWait / 3)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-t.C:
				if err := msg.InProgress(); err != nil {
					log.Debug("in-progress ack failed", "err", err)
				}
			case <-done:
				return
			}
		}
	}()
	return func() {
		t.Stop()
		close(done)
	}
}

// deadLetter is the message of a dead letter: the job and why it failed.
type deadLetter struct {
	Job        json.RawMessage `json:"job"`
	Error      string          `json:"error"`
	Deliveries int             `json:"deliveries"`
	Worker     string          `json:"worker"`
	JobSeq     uint64          `json:"job_seq"`
}

// maxErrorBytes bounds the error kept with a dead letter.
const maxErrorBytes = 32 << 10

// deadLetter publishes the job with cause to the dead-letter stream, then
// acknowledges it; if the publish fails the job is given back for later.
func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, meta *jetstream.MsgMetadata, cause error, log *slog.Logger) {
	cfg := w.Queue.cfg
	text := cause.Error()
	if len(text) > maxErrorBytes {
		text = text[:maxErrorBytes] + "…"
	}
	job := json.RawMessage(msg.Data())
	if !json.Valid(job) {
		job, _ = json.Marshal(string(msg.Data()))
	}
	body, err := json.Marshal(deadLetter{Job: job, Error: text, Deliveries: int(meta.NumDelivered),
		Worker: w.Name, JobSeq: meta.Sequence.Stream})
	if err != nil {
		body = msg.Data()
	}
	dl := nats.NewMsg(cfg.DeadSubject())
	dl.Data = body
	// One dead letter per job, however often this runs for it.
	dl.Header.Set(jetstream.MsgIDHeader, cfg.Stream+"-"+strconv.FormatUint(meta.Sequence.Stream, 10))
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, err := w.Queue.js.PublishMsg(pctx, dl, jetstream.WithExpectStream(cfg.DeadStream())); err != nil {
		w.failed.Add(1)
		log.Error("dead letter not written; job given back", "err", err, "cause", text)
		msg.NakWithDelay(w.RetryMin)
		return
	}
	if err := msg.DoubleAck(pctx); err != nil {
		log.Warn("dead-lettered job not acknowledged; it will come again and be dead-lettered once", "err", err)
	}
	w.dead.Add(1)
	log.Error("job dead-lettered", "err", text, "deliveries", meta.NumDelivered, "dead_stream", cfg.DeadStream())
}
