package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/source"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/when"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// IngestCmd reads articles, codes them and stores them in the database.
type IngestCmd struct {
	Paths     []string      `arg:"" help:"Files, directories (read recursively), http(s) URLs, or - for standard input."`
	DB        string        `help:"SQLite database file (${default})." default:"dyad.db" placeholder:"FILE"`
	Workers   int           `help:"Articles coded at once (0: one per core)." default:"0"`
	Batch     int           `help:"Most articles written in one transaction; a batch waits at most 250ms to fill (1: one transaction per article)." default:"256"`
	Published string        `help:"Publication date YYYY-MM-DD for articles whose input gives none." placeholder:"DATE"`
	Source    string        `help:"Source name (news outlet) for articles whose input gives none." placeholder:"NAME"`
	MaxBytes  int64         `help:"Largest input (or WARC record, or JSONL line) read, in bytes." default:"52428800"`
	Timeout   time.Duration `help:"Time limit of each URL fetch." default:"30s"`
	NATS      string        `help:"Publish article jobs to this NATS JetStream server instead of coding here." placeholder:"URL"`
	Queue     queueFlags    `embed:"" group:"With --nats"`
	Coder     coderFlags    `embed:""`
}

// coderFlags configure the coder of ingest and recode.
type coderFlags struct {
	Dict     []string `help:"TABARI/PETRARCH actor or agent dictionary file to add (repeatable)." type:"existingfile"`
	DictOnly bool     `help:"Use only the --dict dictionaries, not the built-in actors."`
	Rules    []string `help:"Extra event rule file (repeatable)." type:"existingfile"`
}

// pipeline builds the coder; maxBytes bounds one article.
func (c coderFlags) pipeline(maxBytes int) (*pipeline.Pipeline, error) {
	rules := map[string][]byte{}
	for _, r := range c.Rules {
		b, err := os.ReadFile(r)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		rules[r] = b
	}
	return pipeline.New(pipeline.Options{Dicts: c.Dict, ReplaceActors: c.DictOnly, Rules: rules, MaxBytes: maxBytes})
}

// Run ingests every path. Each failing input or article is reported and
// the rest goes on; the summary is printed at the end, also when
// interrupted.
func (c *IngestCmd) Run(ctx context.Context, env *Env) error {
	if c.NATS != "" {
		return ingestViaNATS(ctx, env, c)
	}
	if c.Published != "" {
		if _, ok := when.ParseDay(c.Published); !ok {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", c.Published)
		}
	}
	if c.Workers < 0 || c.MaxBytes < 0 || c.Batch < 0 {
		return fmt.Errorf("--workers, --batch and --max-bytes must not be negative")
	}
	p, err := c.Coder.pipeline(int(c.MaxBytes))
	if err != nil {
		return err
	}
	s, err := sqlite.Open(ctx, c.DB, env.Log)
	if err != nil {
		return err
	}
	defer s.Close()

	prog := newProgress(env, "ingest")
	sum, runErr := ingest.Run(ctx, s, p, c.Paths, ingest.Options{
		Workers:   c.Workers,
		Batch:     c.Batch,
		Published: c.Published,
		Source:    c.Source,
		Read:      source.Options{MaxBytes: c.MaxBytes, Timeout: c.Timeout, Stdin: env.Stdin},
		Progress:  prog.update,
		Now:       env.Now,
	})
	prog.finish()
	if err := writeIngestSummary(env.Stdout, sum, c.DB); err != nil {
		return err
	}
	if runErr != nil {
		return runErr
	}
	if sum.Failed > 0 {
		return ErrPartial
	}
	return nil
}

// writeIngestSummary prints what a run did, per path, and every failure.
func writeIngestSummary(w io.Writer, sum *ingest.Summary, db string) error {
	rate := 0.0
	if secs := sum.Elapsed.Seconds(); secs > 0 {
		rate = float64(sum.Stored) / secs
	}
	fmt.Fprintf(w, "ingest into %s: %d read, %d stored (%d events), %d duplicates skipped, %d failed",
		db, sum.Read, sum.Stored, sum.Events, sum.Duplicates, sum.Failed)
	if sum.Dropped > 0 {
		fmt.Fprintf(w, ", %d dropped (interrupted)", sum.Dropped)
	}
	fmt.Fprintf(w, "\n%s elapsed, %.1f articles/s; coding %s, storing %s\n",
		sum.Elapsed.Round(time.Millisecond), rate, sum.Code.Round(time.Millisecond), sum.Store.Round(time.Millisecond))
	if len(sum.Inputs) > 1 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "INPUT\tREAD\tSTORED\tDUPLICATES\tFAILED\n")
		for _, in := range sum.Inputs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", in.Path, in.Read, in.Stored, in.Duplicates, in.Failed)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(sum.Failures) > 0 {
		fmt.Fprintf(w, "failed:\n")
		for _, f := range sum.Failures {
			fmt.Fprintf(w, "  %s: %v\n", f.Input, trimInput(f.Err, f.Input))
		}
	}
	return nil
}

// trimInput drops the input's name from an error that starts with it.
func trimInput(err error, input string) string {
	var ie *dyad.InputError
	if errors.As(err, &ie) && ie.Input == input && ie.Line == 0 && ie.Record == "" && ie.Offset < 0 {
		return ie.Err.Error()
	}
	return err.Error()
}

// progress shows how a batch goes: a bar with rate and time left on a
// terminal, a log line every logEvery otherwise. Failures are reported as
// they happen.
type progress struct {
	env   *Env
	what  string
	tty   bool
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
}

const logEvery = 10 * time.Second

func newProgress(env *Env, what string) *progress {
	p := &progress{env: env, what: what, start: env.Now()}
	p.last = p.start
	if f, ok := env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
	}
	return p
}

func (p *progress) update(pr ingest.Progress) {
	if r := pr.Last; r.Status == ingest.Failed {
		if p.bar != nil {
			p.bar.Clear()
		}
		fmt.Fprintf(p.env.Stderr, "dyad: %s: %s\n", r.Input, trimInput(r.Err, r.Input))
	}
	if p.tty {
		// While reading goes on the total may grow: keep the bar one short
		// of full, or it takes itself for finished and stops drawing.
		total := pr.Read
		if pr.Reading {
			total++
		}
		if p.bar == nil {
			p.bar = progressbar.NewOptions(max(total, 1),
				progressbar.OptionSetWriter(p.env.Stderr),
				progressbar.OptionSetDescription(p.what),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("articles"),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
			)
		}
		if total != p.bar.GetMax() && total > 0 {
			p.bar.ChangeMax(total)
		}
		p.bar.Describe(fmt.Sprintf("%s (%d stored, %d duplicate, %d failed)", p.what, pr.Stored, pr.Duplicates, pr.Failed))
		p.bar.Set(pr.Done)
		return
	}
	now := p.env.Now()
	if now.Sub(p.last) < logEvery {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start)
	rate := float64(pr.Done) / elapsed.Seconds()
	args := []any{"done", pr.Done, "read", pr.Read, "stored", pr.Stored, "duplicates", pr.Duplicates,
		"failed", pr.Failed, "rate", fmt.Sprintf("%.1f/s", rate)}
	if !pr.Reading && rate > 0 {
		eta := time.Duration(float64(pr.Read-pr.Done) / rate * float64(time.Second))
		args = append(args, "eta", eta.Round(time.Second).String())
	}
	p.env.Log.Info(p.what+" progress", args...)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.env.Stderr)
	}
}
