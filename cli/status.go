package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/postgres"
	"github.com/dyadhq/dyad/queue"
)

// StatusCmd shows the state of a scaled-out deployment: the job queue and
// the shared database.
type StatusCmd struct {
	NATS   string `help:"NATS server URL of the job queue (none: no queue)." env:"DYAD_NATS" placeholder:"URL"`
	DB     string `help:"Database: a postgres:// URL or a SQLite file (none: no database)." env:"DYAD_DB" placeholder:"URL"`
	Stream string `help:"JetStream stream of the article jobs." default:"DYAD" env:"DYAD_STREAM"`
	Dead   int    `help:"Dead letters to list (oldest first)." default:"10"`
	JSON   bool   `help:"Print JSON."`
}

// status is what `dyad status --json` prints.
type status struct {
	Queue       *queue.Status      `json:"queue,omitempty"`
	DeadLetters []statusDeadLetter `json:"dead_letters,omitempty"`
	Store       *dyad.Stats        `json:"store,omitempty"`
}

// statusDeadLetter is a dead letter without its text.
type statusDeadLetter struct {
	Seq        uint64       `json:"seq"`
	Time       time.Time    `json:"time"`
	Input      string       `json:"input,omitempty"`
	Article    dyad.Article `json:"article"`
	Bytes      int          `json:"bytes"`
	Error      string       `json:"error"`
	Deliveries int          `json:"deliveries"`
	Worker     string       `json:"worker,omitempty"`
}

// Run prints the queue's depth, the jobs in flight, the dead letters and
// what the database holds.
func (c *StatusCmd) Run(ctx context.Context, env *Env) error {
	if c.NATS == "" && c.DB == "" {
		return fmt.Errorf("%w: give --nats, --db or both", dyad.ErrInvalid)
	}
	var st status
	if c.NATS != "" {
		q, err := queue.Open(ctx, c.NATS, queue.Config{Stream: c.Stream}, queue.Existing, env.Log)
		if err != nil {
			return err
		}
		defer q.Close()
		qs, err := q.Status(ctx)
		if err != nil {
			return err
		}
		st.Queue = &qs
		if c.Dead > 0 && qs.Dead > 0 {
			dls, err := q.DeadLetters(ctx, c.Dead)
			if err != nil {
				return err
			}
			for _, dl := range dls {
				st.DeadLetters = append(st.DeadLetters, statusDeadLetter{Seq: dl.Seq, Time: dl.Time, Input: dl.Job.Input,
					Article: dl.Job.Article, Bytes: len(dl.Job.Text), Error: dl.Error, Deliveries: dl.Deliveries,
					Worker: dl.Worker})
			}
		}
	}
	if c.DB != "" {
		if !postgres.IsURL(c.DB) {
			// A status does not create an empty database.
			if _, err := os.Stat(c.DB); errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("database %s: %w", c.DB, dyad.ErrNotFound)
			}
		}
		s, err := openStore(ctx, c.DB, env.Log)
		if err != nil {
			return err
		}
		defer s.Close()
		ss, err := s.Stats(ctx)
		if err != nil {
			return err
		}
		st.Store = &ss
	}
	if c.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(st)
	}
	return writeStatus(env.Stdout, st, env.Now())
}

// writeStatus prints st as a table.
func writeStatus(w io.Writer, st status, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if q := st.Queue; q != nil {
		fmt.Fprintf(tw, "queue\t%s\n", q.Stream)
		oldest := ""
		if !q.Oldest.IsZero() {
			oldest = fmt.Sprintf(", oldest queued %s ago", now.Sub(q.Oldest).Round(time.Second))
		}
		fmt.Fprintf(tw, "  jobs\t%d\t(%s%s)\n", q.Jobs, bytesText(q.Bytes), oldest)
		fmt.Fprintf(tw, "  waiting\t%d\n", q.Waiting)
		fmt.Fprintf(tw, "  in flight\t%d\t(%d delivered more than once)\n", q.InFlight, q.Redelivered)
		fmt.Fprintf(tw, "  idle pulls\t%d\n", q.Pulls)
		fmt.Fprintf(tw, "  dead letters\t%d\n", q.Dead)
	}
	if s := st.Store; s != nil {
		span := ""
		if s.First != "" {
			span = fmt.Sprintf("\t(published %s to %s)", s.First, s.Last)
		}
		fmt.Fprintf(tw, "store\tschema %d, %s\n", s.Schema, bytesText(uint64(max(s.Bytes, 0))))
		fmt.Fprintf(tw, "  articles\t%d%s\n", s.Articles, span)
		for _, row := range []struct {
			name string
			n    int
		}{{"events", s.Events}, {"claims", s.Claims}, {"quotes", s.Quotes}, {"votes", s.Votes},
			{"actors", s.Actors}, {"mentions", s.Mentions}, {"amounts", s.Amounts}, {"sentences", s.Sentences}} {
			fmt.Fprintf(tw, "  %s\t%d\n", row.name, row.n)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(st.DeadLetters) > 0 {
		fmt.Fprintf(w, "dead letters (oldest first):\n")
		for _, dl := range st.DeadLetters {
			name := dl.Input
			if name == "" {
				name = dl.Article.URL
			}
			if name == "" {
				name = fmt.Sprintf("%q", dl.Article.Title)
			}
			msg, _, _ := strings.Cut(dl.Error, "\n") // a panic's stack stays in --json
			fmt.Fprintf(w, "  #%d %s %s after %d deliveries (worker %s): %s\n", dl.Seq,
				dl.Time.UTC().Format(time.RFC3339), name, dl.Deliveries, dl.Worker, msg)
		}
	}
	return nil
}

// bytesText writes a size in bytes for people.
func bytesText(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
