package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/queue"
	"github.com/dyadhq/dyad/source"
	"github.com/dyadhq/dyad/when"
)

// ingestViaNATS reads the inputs of c as the embedded mode does and
// publishes one job per article to the NATS JetStream work queue at c.NATS,
// for `dyad worker` processes to code and store. The stream is --stream
// (or $DYAD_STREAM, default DYAD), created with the --queue limits if it is
// missing. Each input or article that
// fails is reported and the rest goes on; a full queue makes it wait.
func ingestViaNATS(ctx context.Context, env *Env, c *IngestCmd) error {
	if c.Published != "" {
		if _, ok := when.ParseDay(c.Published); !ok {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", c.Published)
		}
	}
	if c.MaxBytes < 0 {
		return fmt.Errorf("--max-bytes must not be negative")
	}
	stream := c.Queue.Stream
	if v := env.Getenv("DYAD_STREAM"); v != "" && stream == "DYAD" {
		stream = v // kong reads the process environment; Env may stand in for it
	}
	q, err := queue.Open(ctx, c.NATS, queue.Config{Stream: stream, Replicas: c.Queue.Replicas,
		MaxAge: c.Queue.MaxAge, MaxMsgSize: c.Queue.MaxMsgSize, MaxJobs: c.Queue.MaxJobs}, queue.Create, env.Log)
	if err != nil {
		return err
	}
	defer q.Close()

	start := env.Now()
	prog := newProgress(env, "queue")
	var sum publishSummary
	var p ingest.Progress
	report := func(r ingest.Result) {
		p.Read, p.Done, p.Reading, p.Last = p.Read+1, p.Done+1, true, r
		switch r.Status {
		case ingest.Stored:
			p.Stored++
		case ingest.Duplicate:
			p.Duplicates++
		case ingest.Failed:
			p.Failed++
			sum.failures = append(sum.failures, ingest.Failure{Input: r.Input, Err: r.Err})
		}
		prog.update(p)
	}
	read := source.Options{MaxBytes: c.MaxBytes, Timeout: c.Timeout, Stdin: env.Stdin}
	for it, err := range ingest.Inputs(ctx, c.Paths, read) {
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			report(ingest.Result{Input: failedInput(err), Status: ingest.Failed, Err: err})
			continue
		}
		a := it.Article
		if a.Published == "" {
			a.Published = c.Published
		}
		if a.Source == "" {
			a.Source = c.Source
		}
		dup, err := q.Publish(ctx, queue.Job{Article: a, Text: it.Text, Input: it.Input})
		switch {
		case ctx.Err() != nil:
		case err != nil:
			report(ingest.Result{Input: it.Input, Status: ingest.Failed, Err: err})
		case dup:
			report(ingest.Result{Input: it.Input, Status: ingest.Duplicate})
		default:
			report(ingest.Result{Input: it.Input, Status: ingest.Stored})
		}
	}
	prog.finish()
	sum.read, sum.published, sum.duplicates, sum.failed = p.Read, p.Stored, p.Duplicates, p.Failed
	sum.elapsed = env.Now().Sub(start)
	if err := sum.write(env.Stdout, q.Config().Stream); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if sum.failed > 0 {
		return ErrPartial
	}
	return nil
}

// failedInput is the input a reader's error names.
func failedInput(err error) string {
	var ie *dyad.InputError
	if errors.As(err, &ie) && ie.Input != "" {
		return ie.Input
	}
	return "input"
}

// publishSummary counts what ingest --nats did.
type publishSummary struct {
	read, published, duplicates, failed int
	failures                            []ingest.Failure
	elapsed                             time.Duration
}

func (s publishSummary) write(w io.Writer, stream string) error {
	rate := 0.0
	if secs := s.elapsed.Seconds(); secs > 0 {
		rate = float64(s.published) / secs
	}
	fmt.Fprintf(w, "queued on stream %s: %d read, %d published, %d already queued, %d failed\n",
		stream, s.read, s.published, s.duplicates, s.failed)
	fmt.Fprintf(w, "%s elapsed, %.1f jobs/s; `dyad status` shows the workers' progress\n",
		s.elapsed.Round(time.Millisecond), rate)
	if len(s.failures) > 0 {
		fmt.Fprintf(w, "failed:\n")
		for _, f := range s.failures {
			if _, err := fmt.Fprintf(w, "  %s: %v\n", f.Input, trimInput(f.Err, f.Input)); err != nil {
				return err
			}
		}
	}
	return nil
}
