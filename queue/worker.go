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

// Result is what a handler did with a job, for the worker's log.
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

// Defaults of Worker.
const (
	DefaultGrace    = 30 * time.Second
	DefaultRetryMin = time.Second
	DefaultRetryMax = time.Minute
	DefaultProgress = 30 * time.Second
)

// Worker takes jobs from a queue, at most Concurrency at a time, and gives
// them to Handle. Set the fields, then call Run once.
type Worker struct {
	Queue  *Queue
	Handle Handler
	// Name names the worker in logs and dead letters (default host:pid).
	Name string
	// Concurrency is the number of jobs handled at once, which is also the
	// most jobs this worker holds (default 1).
	Concurrency int
	// Grace is how long the jobs in hand may go on after Run's context is
	// cancelled; then they are given back to the queue (default 30s).
	Grace time.Duration
	// RetryMin and RetryMax bound the delay before a failed job is
	// delivered again, and between the attempts of a job whose store is
	// unavailable (defaults 1s and 1m).
	RetryMin, RetryMax time.Duration
	// Progress is the interval of the "worker progress" log lines (default
	// 30s; negative: none).
	Progress time.Duration
	// Log receives progress, retries and dead letters (nil: nothing).
	Log *slog.Logger

	done, duplicates, retried, failed, dead atomic.Int64
	inFlight                                atomic.Int64
}

// Counts are what a worker did so far.
type Counts struct {
	Done       int64 `json:"done"`       // jobs finished and acknowledged: stored or found stored
	Duplicates int64 `json:"duplicates"` // of Done, those the store already had
	Retried    int64 `json:"retried"`    // attempts repeated because the store was unavailable
	Failed     int64 `json:"failed"`     // deliveries that failed and were given back for later
	Dead       int64 `json:"dead"`       // jobs dead-lettered
	InFlight   int64 `json:"in_flight"`  // jobs in hand now
}

// Counts returns what the worker did so far.
func (w *Worker) Counts() Counts {
	return Counts{Done: w.done.Load(), Duplicates: w.duplicates.Load(), Retried: w.retried.Load(),
		Failed: w.failed.Load(), Dead: w.dead.Load(), InFlight: w.inFlight.Load()}
}

func (w *Worker) defaults() {
	if w.Name == "" {
		host, _ := os.Hostname()
		w.Name = host + ":" + strconv.Itoa(os.Getpid())
	}
	if w.Concurrency <= 0 {
		w.Concurrency = 1
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
	if w.Queue == nil || w.Handle == nil {
		return fmt.Errorf("worker: %w: no queue or handler", dyad.ErrInvalid)
	}
	cons, err := w.Queue.consumer(ctx)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	cfg := w.Queue.cfg
	w.Log.Info("worker started", "worker", w.Name, "stream", cfg.Stream, "consumer", cfg.Consumer,
		"concurrency", w.Concurrency, "ack_wait", cfg.AckWait, "max_deliver", cfg.MaxDeliver)

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
	var wg sync.WaitGroup
	var consMu sync.Mutex
	for range w.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx, jobCtx, cons, &consMu)
		}()
	}
	wg.Wait()
	w.logProgress("worker stopped", start)
	return nil
}

func (w *Worker) logProgress(msg string, start time.Time) {
	c := w.Counts()
	elapsed := time.Since(start)
	w.Log.Info(msg, "worker", w.Name, "done", c.Done, "duplicates", c.Duplicates, "failed", c.Failed,
		"dead", c.Dead, "retried", c.Retried, "in_flight", c.InFlight,
		"rate", fmt.Sprintf("%.2f/s", float64(c.Done)/elapsed.Seconds()), "elapsed", elapsed.Round(time.Second).String())
}

// loop pulls one job at a time and handles it, until ctx is cancelled.
func (w *Worker) loop(ctx, jobCtx context.Context, cons jetstream.Consumer, consMu *sync.Mutex) {
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
		w.process(jobCtx, msg)
	}
}

// process handles one delivered job and settles it: acknowledged after the
// handler succeeded, given back for later after a failure, dead-lettered
// when it can never succeed or has had its deliveries.
func (w *Worker) process(ctx context.Context, msg jetstream.Msg) {
	w.inFlight.Add(1)
	defer w.inFlight.Add(-1)
	cfg := w.Queue.cfg
	meta, err := msg.Metadata()
	if err != nil {
		// Not a JetStream message: nothing to settle.
		w.Log.Error("message without JetStream metadata dropped", "worker", w.Name, "err", err)
		return
	}
	n := int(meta.NumDelivered)
	log := w.Log.With("worker", w.Name, "job", meta.Sequence.Stream, "delivery", n)
	job, err := decodeJob(msg.Data())
	if err != nil {
		w.deadLetter(ctx, msg, meta, err, log)
		return
	}
	log = log.With("input", job.Input)
	if n > cfg.MaxDeliver {
		w.deadLetter(ctx, msg, meta, fmt.Errorf("no result after %d deliveries: the workers that took it "+
			"died, hung or lost their connection", n-1), log)
		return
	}
	log.Debug("job started")
	stop := w.keepAlive(msg, log)
	start := time.Now()
	res, err := w.attempt(ctx, job, log)
	stop()
	switch {
	case err == nil:
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		aerr := msg.DoubleAck(actx)
		cancel()
		if aerr != nil {
			// The article is stored; the job will come again and be found so.
			log.Warn("ack not confirmed; the job will be delivered again and found stored", "err", aerr)
		}
		w.done.Add(1)
		if !res.Added {
			w.duplicates.Add(1)
		}
		log.Debug("job done", "article", res.ID, "added", res.Added, "events", res.Events,
			"took", time.Since(start).Round(time.Millisecond).String())
	case ctx.Err() != nil:
		// Stopping: give the job back at once for another worker.
		if err := msg.Nak(); err != nil {
			log.Warn("job not given back; it will be delivered again after the ack wait", "err", err)
		}
		log.Info("job given back: worker stopping")
	case errors.Is(err, dyad.ErrInvalid), errors.Is(err, dyad.ErrConflict):
		w.deadLetter(ctx, msg, meta, err, log)
	case n >= cfg.MaxDeliver:
		w.deadLetter(ctx, msg, meta, err, log)
	default:
		w.failed.Add(1)
		d := backoff(n, w.RetryMin, w.RetryMax)
		if err := msg.NakWithDelay(d); err != nil {
			log.Warn("job not given back; it will be delivered again after the ack wait", "err", err)
		}
		log.Warn("job failed; it will be delivered again", "err", err, "retry_in", d.Round(time.Millisecond).String(),
			"deliveries_left", cfg.MaxDeliver-n)
	}
}

// attempt calls the handler, again and again with backoff while the store
// is unavailable and ctx lasts.
func (w *Worker) attempt(ctx context.Context, job Job, log *slog.Logger) (Result, error) {
	for try := 1; ; try++ {
		res, err := w.call(ctx, job)
		if err == nil || !errors.Is(err, dyad.ErrUnavailable) || ctx.Err() != nil {
			return res, err
		}
		w.retried.Add(1)
		d := backoff(try, w.RetryMin, w.RetryMax)
		log.Warn("store unavailable; job kept and retried", "err", err, "attempt", try,
			"retry_in", d.Round(time.Millisecond).String())
		if !sleep(ctx, d) {
			return res, err
		}
	}
}

// call runs the handler, turning a panic into an error.
func (w *Worker) call(ctx context.Context, job Job) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v\n%s", r, debug.Stack())
		}
	}()
	return w.Handle(ctx, job)
}

// keepAlive tells the server, every third of the ack wait, that msg is in
// progress, so that a long job is not given to another worker. It returns
// the function that stops it.
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
