// Package queue distributes articles to `dyad worker` processes on any
// number of machines through a NATS JetStream work queue
// (github.com/nats-io/nats.go/jetstream); nothing of the distribution is
// home-made.
//
// `dyad ingest --nats` publishes one Job per article to the stream (Publish).
// The stream has work-queue retention: a job stays in it, on disk, until a
// worker acknowledges it, and every worker pulls from one shared durable
// consumer, so each job goes to one worker at a time. A Worker acknowledges
// a job only after its handler returned, that is after the article was
// committed to the store, and waits for the server to confirm the
// acknowledgement (a double ack). A worker that dies, is killed or loses its
// connection while holding jobs never acknowledges them: the server delivers
// them again to another worker once the acknowledgement wait has passed.
// Long jobs tell the server they are in progress, so the wait can be short
// enough for a quick recovery and still longer than the slowest article.
// A worker given a Coder and a Store codes jobs concurrently and writes
// their documents in batches, one transaction each (Store.PutMany), which
// spreads the cost of a commit over many articles; each job of a batch is
// still settled by its own document's result, after the commit.
// Because the store deduplicates by content hash, a job that is done twice
// (its acknowledgement lost) stores one article.
//
// A job whose handler fails is delivered again after a growing delay; once
// it has been delivered Config.MaxDeliver times it is moved, with its error,
// to the dead-letter stream (Stream+"_DEAD") and the rest goes on. A job
// that never reports a result (it kills every worker that takes it) is
// moved there on the delivery after. Errors that say the store is
// unavailable are not the job's fault: the worker retries them in place,
// with backoff, for as long as it takes, keeping the job.
//
// Publishers and workers find or create the streams; jobs published twice
// within Config.Duplicates (the same text) are stored once.
package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults of Config.
const (
	DefaultStream        = "DYAD"
	DefaultConsumer      = "workers"
	DefaultReplicas      = 1
	DefaultMaxAge        = 7 * 24 * time.Hour
	DefaultMaxMsgSize    = 1<<20 - deadMargin // NATS's default max_payload, less room for a dead letter's error
	DefaultMaxJobs       = 1_000_000
	DefaultDuplicates    = 20 * time.Minute
	DefaultAckWait       = 2 * time.Minute
	DefaultMaxDeliver    = 5
	DefaultMaxAckPending = 1000
	DefaultDeadMaxAge    = 30 * 24 * time.Hour
)

// Config names a queue and sets its limits. The zero value of each field
// means its default. The stream settings (Replicas to Duplicates) apply when
// the stream is created, or when Open is told to update it.
type Config struct {
	// Stream is the JetStream stream of jobs: letters, digits, - and _.
	// Its subject is the lower-cased name and ".jobs"; the dead letters go
	// to the stream Stream+"_DEAD", subject lower-cased name and ".dead".
	Stream string
	// Replicas is the number of copies of each stream in a NATS cluster
	// (1 to 5; 3 survives the loss of a server).
	Replicas int
	// MaxAge drops a job that has waited this long without being done.
	MaxAge time.Duration
	// MaxMsgSize is the largest job in bytes, the article's text and
	// metadata as JSON. It cannot exceed the server's max_payload.
	MaxMsgSize int32
	// MaxJobs is the most jobs the stream holds; a publisher waits while it
	// is full, so a back-fill cannot outrun the workers without bound.
	MaxJobs int64
	// Duplicates is the window within which a job published again (the same
	// text) is recognised and stored once.
	Duplicates time.Duration

	// Consumer is the durable consumer all workers share.
	Consumer string
	// AckWait is how long the server waits for a worker's acknowledgement
	// (or sign of progress) before it gives the job to another worker.
	AckWait time.Duration
	// MaxDeliver is the number of deliveries of a failing job before it is
	// dead-lettered.
	MaxDeliver int
	// MaxAckPending bounds the jobs in flight over all workers.
	MaxAckPending int
}

// deadMargin is the room a dead letter needs beyond its job: the error and
// the record around it.
const deadMargin = 64 << 10

var streamName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,200}$`)

// withDefaults returns c with its zero fields set, or ErrInvalid.
func (c Config) withDefaults() (Config, error) {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.Replicas == 0 {
		c.Replicas = DefaultReplicas
	}
	if c.MaxAge == 0 {
		c.MaxAge = DefaultMaxAge
	}
	if c.MaxMsgSize == 0 {
		c.MaxMsgSize = DefaultMaxMsgSize
	}
	if c.MaxJobs == 0 {
		c.MaxJobs = DefaultMaxJobs
	}
	if c.Duplicates == 0 {
		c.Duplicates = DefaultDuplicates
	}
	if c.AckWait == 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver == 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.MaxAckPending == 0 {
		c.MaxAckPending = DefaultMaxAckPending
	}
	switch {
	case !streamName.MatchString(c.Stream):
		return c, fmt.Errorf("%w: stream name %q: use letters, digits, - and _", dyad.ErrInvalid, c.Stream)
	case !streamName.MatchString(c.Consumer):
		return c, fmt.Errorf("%w: consumer name %q: use letters, digits, - and _", dyad.ErrInvalid, c.Consumer)
	case c.Replicas < 1 || c.Replicas > 5:
		return c, fmt.Errorf("%w: %d replicas: want 1 to 5", dyad.ErrInvalid, c.Replicas)
	case c.MaxAge < 0 || c.MaxMsgSize < 0 || c.MaxJobs < 0 || c.Duplicates < 0 || c.MaxAckPending < 0:
		return c, fmt.Errorf("%w: negative queue limit", dyad.ErrInvalid)
	case c.AckWait < time.Second:
		return c, fmt.Errorf("%w: ack wait %s: want at least 1s", dyad.ErrInvalid, c.AckWait)
	case c.MaxDeliver < 1:
		return c, fmt.Errorf("%w: max deliver %d: want at least 1", dyad.ErrInvalid, c.MaxDeliver)
	case c.Duplicates > c.MaxAge:
		c.Duplicates = c.MaxAge
	}
	return c, nil
}

// Subject is the subject jobs are published to.
func (c Config) Subject() string { return strings.ToLower(c.Stream) + ".jobs" }

// DeadStream is the stream of dead letters.
func (c Config) DeadStream() string { return c.Stream + "_DEAD" }

// DeadSubject is the subject dead letters are published to.
func (c Config) DeadSubject() string { return strings.ToLower(c.Stream) + ".dead" }

// Job is one article to code and store.
type Job struct {
	Article dyad.Article `json:"article"`
	Text    string       `json:"text"`
	// Input is where the article was read (a file, URL, "file#item-2"),
	// for messages.
	Input string `json:"input,omitempty"`
}

// decodeJob parses a job message, or gives an ErrInvalid error.
func decodeJob(data []byte) (Job, error) {
	var j Job
	// Unknown fields are allowed: a newer publisher may add some.
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&j); err != nil {
		return Job{}, fmt.Errorf("%w: job is not a dyad job: %w", dyad.ErrInvalid, err)
	}
	if dec.More() {
		return Job{}, fmt.Errorf("%w: job has data after its end", dyad.ErrInvalid)
	}
	if strings.TrimSpace(j.Text) == "" {
		return Job{}, fmt.Errorf("%w: job has no text", dyad.ErrInvalid)
	}
	return j, nil
}

// Queue is a connection to the job queue. It is safe for concurrent use.
type Queue struct {
	cfg Config
	nc  *nats.Conn
	js  jetstream.JetStream
	log *slog.Logger
}

// Setup says what Open does with the job and dead-letter streams.
type Setup int

// The setups.
const (
	// Existing uses the streams as they are; a missing one gives an error
	// wrapping dyad.ErrNotFound (what `dyad status` does).
	Existing Setup = iota
	// Create creates the missing streams with the config's limits and
	// leaves existing ones as they are (what `dyad ingest --nats` does).
	Create
	// Update creates the missing streams and brings existing ones to the
	// config's limits (what `dyad worker` does: the operator sets the
	// limits with the worker's flags).
	Update
)

// Open connects to the NATS server at url (nats://host:port, several
// separated by commas for a cluster) and finds, creates or updates the job
// and dead-letter streams as setup says. The connection reconnects by
// itself, for ever, when the server goes away. log receives connection
// events (nil: none). A server that does not answer gives an error wrapping
// dyad.ErrUnavailable.
func Open(ctx context.Context, url string, cfg Config, setup Setup, log *slog.Logger) (*Queue, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("open queue: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	q := &Queue{cfg: cfg, log: log}
	q.nc, err = nats.Connect(url,
		nats.Name("dyad"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, time.Second),
		nats.Timeout(5*time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil { // nil: closed by us
				log.Warn("queue disconnected", "stream", cfg.Stream, "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("queue reconnected", "stream", cfg.Stream, "server", nc.ConnectedUrlRedacted())
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("open queue at %s: %w: %w", redact(url), dyad.ErrUnavailable, err)
	}
	if mp := q.nc.MaxPayload(); int64(cfg.MaxMsgSize)+deadMargin > mp {
		q.nc.Close()
		return nil, fmt.Errorf("open queue: %w: max message size %d and %d bytes for a dead letter's error "+
			"are above the server's max_payload %d", dyad.ErrInvalid, cfg.MaxMsgSize, deadMargin, mp)
	}
	q.js, err = jetstream.New(q.nc)
	if err != nil {
		q.nc.Close()
		return nil, fmt.Errorf("open queue: %w", err)
	}
	for _, sc := range []jetstream.StreamConfig{q.jobStream(), q.deadStream()} {
		if err := q.ensure(ctx, sc, setup); err != nil {
			q.nc.Close()
			return nil, fmt.Errorf("open queue: stream %s: %w", sc.Name, err)
		}
	}
	return q, nil
}

// Config returns the queue's configuration, defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// Close drains the connection: what was published is flushed and
// subscriptions end.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
		q.nc.Close()
		return err
	}
	for !q.nc.IsClosed() {
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// Delete removes the job and dead-letter streams with every job and dead
// letter in them, and the workers' consumer.
func (q *Queue) Delete(ctx context.Context) error {
	var errs []error
	for _, name := range []string{q.cfg.Stream, q.cfg.DeadStream()} {
		if err := q.js.DeleteStream(ctx, name); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			errs = append(errs, fmt.Errorf("delete stream %s: %w", name, classify(err)))
		}
	}
	return errors.Join(errs...)
}

// jobStream is the configuration of the stream of jobs: a work queue on disk
// that refuses new jobs when full rather than dropping old ones.
func (q *Queue) jobStream() jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        q.cfg.Stream,
		Description: "dyad article jobs",
		Subjects:    []string{q.cfg.Subject()},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Discard:     jetstream.DiscardNew,
		MaxMsgs:     q.cfg.MaxJobs,
		MaxBytes:    -1,
		MaxAge:      q.cfg.MaxAge,
		MaxMsgSize:  q.cfg.MaxMsgSize,
		Replicas:    q.cfg.Replicas,
		Duplicates:  q.cfg.Duplicates,
	}
}

// deadStream is the configuration of the dead letters: kept for 30 days for
// someone to read, fix and publish again.
func (q *Queue) deadStream() jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        q.cfg.DeadStream(),
		Description: "dyad article jobs that failed every delivery, with their errors",
		Subjects:    []string{q.cfg.DeadSubject()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Discard:     jetstream.DiscardOld,
		MaxMsgs:     -1,
		MaxBytes:    -1,
		MaxAge:      DefaultDeadMaxAge,
		MaxMsgSize:  q.cfg.MaxMsgSize + deadMargin, // the job and its error
		Replicas:    q.cfg.Replicas,
		Duplicates:  q.cfg.Duplicates,
	}
}

// ensure finds, creates or updates the stream sc.
func (q *Queue) ensure(ctx context.Context, sc jetstream.StreamConfig, setup Setup) error {
	if setup == Update {
		_, err := q.js.CreateOrUpdateStream(ctx, sc)
		return classify(err)
	}
	_, err := q.js.Stream(ctx, sc.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) && setup == Existing {
		return fmt.Errorf("%w: no stream %s on the server (nothing was queued yet)", dyad.ErrNotFound, sc.Name)
	}
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = q.js.CreateStream(ctx, sc)
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			err = nil // another process made it first
		}
	}
	return classify(err)
}

// Publish queues j. It returns true when the server already had the same job
// (the same text) from the last Config.Duplicates. While the stream is full
// or the server unreachable it retries, with backoff, until ctx ends. A job
// larger than Config.MaxMsgSize gives an ErrInvalid error.
func (q *Queue) Publish(ctx context.Context, j Job) (duplicate bool, err error) {
	if strings.TrimSpace(j.Text) == "" {
		return false, fmt.Errorf("publish: %w: article has no text", dyad.ErrInvalid)
	}
	data, err := json.Marshal(j)
	if err != nil {
		return false, fmt.Errorf("publish: %w", err)
	}
	if len(data) > int(q.cfg.MaxMsgSize) {
		return false, fmt.Errorf("publish: %w: job of %d bytes is above the queue's max message size %d",
			dyad.ErrInvalid, len(data), q.cfg.MaxMsgSize)
	}
	msg := nats.NewMsg(q.cfg.Subject())
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, dyad.ContentHash(j.Text))
	for attempt := 1; ; attempt++ {
		ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithExpectStream(q.cfg.Stream))
		if err == nil {
			return ack.Duplicate, nil
		}
		err = classify(err)
		if !errors.Is(err, dyad.ErrUnavailable) || ctx.Err() != nil {
			return false, fmt.Errorf("publish: %w", err)
		}
		d := backoff(attempt, 100*time.Millisecond, 10*time.Second)
		q.log.Debug("queue busy or unreachable, publish retried", "stream", q.cfg.Stream, "in", d, "err", err)
		if !sleep(ctx, d) {
			return false, fmt.Errorf("publish: %w", ctx.Err())
		}
	}
}

// Status is the state of a queue.
type Status struct {
	Stream string `json:"stream"`
	// Jobs is the number of jobs in the stream: waiting or being worked on.
	Jobs  uint64 `json:"jobs"`
	Bytes uint64 `json:"bytes"`
	// Waiting is the number of jobs no worker has taken yet; InFlight the
	// number taken and not yet acknowledged; Redelivered the number of
	// those that were delivered more than once.
	Waiting     uint64 `json:"waiting"`
	InFlight    int    `json:"in_flight"`
	Redelivered int    `json:"redelivered"`
	// Pulls is the number of pull requests of idle workers.
	Pulls int `json:"pulls"`
	// Dead is the number of dead letters kept.
	Dead uint64 `json:"dead"`
	// Oldest is when the oldest job still in the stream was published.
	Oldest time.Time `json:"oldest,omitempty"`
}

// Status reports the queue's depth, the jobs in flight and the dead letters.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	st := Status{Stream: q.cfg.Stream}
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if err != nil {
		return st, fmt.Errorf("queue status: %w", classify(err))
	}
	info, err := s.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue status: %w", classify(err))
	}
	st.Jobs, st.Bytes, st.Waiting = info.State.Msgs, info.State.Bytes, info.State.Msgs
	if info.State.Msgs > 0 {
		st.Oldest = info.State.FirstTime
	}
	c, err := q.js.Consumer(ctx, q.cfg.Stream, q.cfg.Consumer)
	switch {
	case errors.Is(err, jetstream.ErrConsumerNotFound):
		// No worker has started yet: every job waits.
	case err != nil:
		return st, fmt.Errorf("queue status: %w", classify(err))
	default:
		ci, err := c.Info(ctx)
		if err != nil {
			return st, fmt.Errorf("queue status: %w", classify(err))
		}
		st.Waiting, st.InFlight, st.Redelivered, st.Pulls = ci.NumPending, ci.NumAckPending, ci.NumRedelivered, ci.NumWaiting
	}
	d, err := q.js.Stream(ctx, q.cfg.DeadStream())
	if err != nil {
		return st, fmt.Errorf("queue status: %w", classify(err))
	}
	di, err := d.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue status: %w", classify(err))
	}
	st.Dead = di.State.Msgs
	return st, nil
}

// DeadLetter is a job that was given up on, with why.
type DeadLetter struct {
	Seq        uint64    `json:"seq"` // in the dead-letter stream
	Time       time.Time `json:"time"`
	Job        Job       `json:"job"`
	Error      string    `json:"error"`
	Deliveries int       `json:"deliveries"`
	Worker     string    `json:"worker,omitempty"`
	JobSeq     uint64    `json:"job_seq"` // in the job stream
}

// DeadLetters returns up to max dead letters, oldest first.
func (q *Queue) DeadLetters(ctx context.Context, max int) ([]DeadLetter, error) {
	s, err := q.js.Stream(ctx, q.cfg.DeadStream())
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", classify(err))
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", classify(err))
	}
	var out []DeadLetter
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && len(out) < max && info.State.Msgs > 0; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // deleted, or aged out meanwhile
		}
		if err != nil {
			return out, fmt.Errorf("dead letters: %w", classify(err))
		}
		dl := DeadLetter{Seq: m.Sequence, Time: m.Time}
		var rec deadLetter
		if err := json.Unmarshal(m.Data, &rec); err != nil {
			dl.Error = fmt.Sprintf("unreadable dead letter: %v", err)
			dl.Job.Text = string(m.Data)
		} else {
			dl.Error, dl.Deliveries, dl.Worker, dl.JobSeq = rec.Error, rec.Deliveries, rec.Worker, rec.JobSeq
			if j, err := decodeJob(rec.Job); err == nil {
				dl.Job = j
			} else {
				dl.Job.Text = string(rec.Job)
			}
		}
		out = append(out, dl)
	}
	return out, nil
}

// classify marks the errors of an unreachable or overloaded server (no
// connection, a timeout, no JetStream responders, a full stream) as
// dyad.ErrUnavailable, and a job too large for the stream as
// dyad.ErrInvalid, keeping the cause.
func classify(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var jerr jetstream.JetStreamError
	if errors.As(err, &jerr) && jerr.APIError() != nil {
		switch api := jerr.APIError(); {
		case api.ErrorCode == jetstream.JSErrCodeStreamMessageExceedsMaximum:
			return fmt.Errorf("%w: %w", dyad.ErrInvalid, err)
		case api.Code == 503, api.Code == 408, api.ErrorCode == 10077: // unavailable, timeout, store failed or full
			return fmt.Errorf("%w: %w", dyad.ErrUnavailable, err)
		}
		return err
	}
	switch {
	case errors.Is(err, nats.ErrTimeout), errors.Is(err, nats.ErrNoResponders),
		errors.Is(err, nats.ErrConnectionClosed), errors.Is(err, nats.ErrDisconnected),
		errors.Is(err, nats.ErrConnectionReconnecting), errors.Is(err, nats.ErrNoServers),
		errors.Is(err, nats.ErrConnectionDraining), errors.Is(err, nats.ErrStaleConnection),
		errors.Is(err, jetstream.ErrNoStreamResponse), errors.Is(err, jetstream.ErrJetStreamNotEnabled):
		return fmt.Errorf("%w: %w", dyad.ErrUnavailable, err)
	}
	return err
}

// backoff returns the delay before attempt n (1-based): doubling from min,
// at most max, with jitter so that workers do not retry in step.
func backoff(n int, min, max time.Duration) time.Duration {
	d := min
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	// Jitter of up to a quarter.
	return d - time.Duration(rand.Int64N(int64(d)/4+1))
}

// sleep waits d or until ctx ends, and reports whether it waited d.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// redact drops the user and password from a server URL for messages.
func redact(url string) string {
	if at := strings.LastIndex(url, "@"); at >= 0 {
		if scheme := strings.Index(url, "://"); scheme >= 0 && scheme < at {
			return url[:scheme+3] + "***" + url[at:]
		}
		return "***" + url[at:]
	}
	return url
}
