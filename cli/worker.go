package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/postgres"
	"github.com/dyadhq/dyad/queue"
	"github.com/dyadhq/dyad/sqlite"
)

// queueFlags name the job queue and set its limits. `dyad worker` applies
// the limits to the streams; the other commands only need the name.
type queueFlags struct {
	Stream     string        `help:"JetStream stream of the article jobs; dead letters go to <stream>_DEAD." default:"DYAD" env:"DYAD_STREAM"`
	Replicas   int           `help:"Copies of each stream in a NATS cluster (1 to 5)." default:"1"`
	MaxAge     time.Duration `help:"Drop a job not done in this time." default:"168h"`
	MaxMsgSize int32         `help:"Largest job (article text and metadata), in bytes." default:"983040"`
	MaxJobs    int64         `help:"Most jobs queued; publishers wait while the queue is full." default:"1000000"`
}

// WorkerCmd codes the articles of a NATS JetStream work queue into a shared
// database. Run as many as there are cores to spare, on as many machines.
type WorkerCmd struct {
	NATS        string        `help:"NATS server URL (several separated by commas for a cluster)." required:"" env:"DYAD_NATS" placeholder:"URL"`
	DB          string        `help:"Database: a postgres:// URL (shared by every worker) or a SQLite file (one machine)." required:"" env:"DYAD_DB" placeholder:"URL"`
	Concurrency int           `help:"Jobs coded at once by this worker (0: one per core)." default:"0"`
	Batch       int           `help:"Most articles written to the database in one transaction (1: each on its own)." default:"64"`
	BatchWait   time.Duration `help:"Longest time a coded article waits for its batch to fill before it is written." default:"100ms"`
	Name        string        `help:"Name of this worker in logs and dead letters (default host:pid)."`
	AckWait     time.Duration `help:"Time a job may go without a sign of progress before it is given to another worker." default:"2m"`
	MaxDeliver  int           `help:"Deliveries of a failing job before it is dead-lettered." default:"5"`
	MaxInFlight int           `help:"Jobs in flight over all workers." default:"1000"`
	Grace       time.Duration `help:"On SIGTERM, time the jobs in hand may take to finish before they are given back." default:"30s"`
	Retry       time.Duration `help:"First delay before a failed job is retried (it doubles up to 60 times this)." default:"1s"`
	Progress    time.Duration `help:"Interval of the progress log lines (0: none)." default:"30s"`
	Connect     time.Duration `help:"At start, time to wait for the database and the queue to answer." default:"1m"`
	MaxBytes    int           `help:"Largest article coded, in bytes." default:"67108864"`
	Queue       queueFlags    `embed:""`
	Coder       coderFlags    `embed:""`
}

// testPanicEnv names the variable of the fault tests: when it is set, the
// worker's coder panics on every article whose text contains its value, so
// that a poison article can be made from outside the process.
const testPanicEnv = "DYAD_TEST_PANIC_MARKER"

// Run takes jobs until interrupted (SIGINT or SIGTERM), then finishes or
// gives back the jobs in hand and exits 0.
func (c *WorkerCmd) Run(ctx context.Context, env *Env) error {
	if c.Concurrency < 0 || c.MaxBytes < 0 || c.Retry <= 0 || c.Batch < 1 || c.BatchWait <= 0 {
		return fmt.Errorf("%w: --concurrency and --max-bytes must not be negative, --retry, --batch and --batch-wait must be positive", dyad.ErrInvalid)
	}
	if c.Concurrency == 0 {
		c.Concurrency = runtime.GOMAXPROCS(0)
	}
	p, err := c.Coder.pipeline(c.MaxBytes)
	if err != nil {
		return err
	}
	var coder ingest.Coder = p
	if marker := env.Getenv(testPanicEnv); marker != "" {
		env.Log.Warn("test mode: the coder panics on articles that contain the marker", "env", testPanicEnv, "marker", marker)
		coder = panicCoder{Coder: p, marker: marker}
	}
	store, err := retryStart(ctx, env.Log, c.Connect, "database", func() (dyad.Store, error) {
		return openStore(ctx, c.DB, env.Log)
	})
	if err != nil {
		return err
	}
	defer store.Close()
	q, err := retryStart(ctx, env.Log, c.Connect, "queue", func() (*queue.Queue, error) {
		return queue.Open(ctx, c.NATS, c.queueConfig(), queue.Update, env.Log)
	})
	if err != nil {
		return err
	}
	defer q.Close()
	progress := c.Progress
	if progress <= 0 {
		progress = -1
	}
	w := &queue.Worker{
		Queue:       q,
		Code:        jobCoder{store: store, coder: coder}.code,
		Store:       store,
		Batch:       c.Batch,
		BatchWait:   c.BatchWait,
		Name:        c.Name,
		Concurrency: c.Concurrency,
		Grace:       c.Grace,
		RetryMin:    c.Retry,
		RetryMax:    60 * c.Retry,
		Progress:    progress,
		Log:         env.Log,
	}
	return w.Run(ctx)
}

func (c *WorkerCmd) queueConfig() queue.Config {
	return queue.Config{
		Stream:        c.Queue.Stream,
		Replicas:      c.Queue.Replicas,
		MaxAge:        c.Queue.MaxAge,
		MaxMsgSize:    c.Queue.MaxMsgSize,
		MaxJobs:       c.Queue.MaxJobs,
		AckWait:       c.AckWait,
		MaxDeliver:    c.MaxDeliver,
		MaxAckPending: c.MaxInFlight,
	}
}

// openStore opens the store db names: PostgreSQL for a postgres:// URL,
// else the SQLite file.
func openStore(ctx context.Context, db string, log *slog.Logger) (dyad.Store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db, log)
	}
	return sqlite.Open(ctx, db, log)
}

// retryStart calls open until it succeeds, fails for another reason than
// an unavailable service, or limit passes: services started together may
// come up in any order.
func retryStart[T any](ctx context.Context, log *slog.Logger, limit time.Duration, what string, open func() (T, error)) (T, error) {
	deadline := time.Now().Add(limit)
	delay := 250 * time.Millisecond
	for {
		v, err := open()
		if err == nil || !errors.Is(err, dyad.ErrUnavailable) || time.Now().Add(delay).After(deadline) {
			return v, err
		}
		log.Warn(what+" not answering yet; retrying", "err", err, "in", delay)
		select {
		case <-ctx.Done():
			return v, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// jobCoder codes a job's article, as `dyad ingest` does, for the worker
// to store with the articles of other jobs.
type jobCoder struct {
	store dyad.Store
	coder ingest.Coder
}

func (h jobCoder) code(ctx context.Context, j queue.Job) (queue.Coded, error) {
	// A job delivered again after its article was stored (the worker died
	// between the commit and the ack) is found and not coded again.
	id, found, err := ingest.Existing(ctx, h.store, j.Article.URL, j.Text)
	if err != nil {
		return queue.Coded{}, err
	}
	if found {
		return queue.Coded{ID: id}, nil
	}
	d, err := h.coder.Code(ctx, j.Article, []byte(j.Text))
	if err != nil {
		return queue.Coded{}, fmt.Errorf("code %s: %w", j.Input, err)
	}
	for i := range d.Sentences {
		d.Sentences[i].Tokens = nil // not stored
	}
	return queue.Coded{Doc: d}, nil
}

// panicCoder is the coder of the fault tests' poison article (see
// testPanicEnv).
type panicCoder struct {
	ingest.Coder
	marker string
}

func (c panicCoder) Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error) {
	if strings.Contains(string(raw), c.marker) {
		panic("test poison article: text contains " + c.marker)
	}
	return c.Coder.Code(ctx, a, raw)
}
