package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/postgres"
	"github.com/dyadhq/dyad/sqlite"
)

// RecodeCmd codes every stored article again, after the dictionaries, rules
// or the coder changed.
type RecodeCmd struct {
	DB      string     `help:"SQLite database file (${default})." default:"dyad.db" placeholder:"FILE"`
	Workers int        `help:"Articles coded at once (0: one per core)." default:"0"`
	Coder   coderFlags `embed:""`
}

// Run recodes the database and prints how the events changed.
func (c *RecodeCmd) Run(ctx context.Context, env *Env) error {
	if c.Workers < 0 {
		return fmt.Errorf("--workers must not be negative")
	}
	s, err := openExisting(ctx, c.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := c.Coder.pipeline(0)
	if err != nil {
		return err
	}
	prog := newProgress(env, "recode")
	sum, runErr := ingest.Recode(ctx, s, p, ingest.RecodeOptions{Workers: c.Workers, Progress: prog.update, Now: env.Now})
	prog.finish()
	w := env.Stdout
	fmt.Fprintf(w, "recode %s: %d articles recoded, %d with changed events; events %d -> %d (%d new, %d gone); %d failed\n",
		c.DB, sum.Articles, sum.Changed, sum.EventsBefore, sum.EventsAfter, sum.Added, sum.Removed, len(sum.Failures))
	fmt.Fprintf(w, "%s elapsed; coding %s, storing %s\n", sum.Elapsed.Round(time.Millisecond),
		sum.Code.Round(time.Millisecond), sum.Store.Round(time.Millisecond))
	if len(sum.Failures) > 0 {
		fmt.Fprintf(w, "failed (old coding kept):\n")
		for _, f := range sum.Failures {
			fmt.Fprintf(w, "  %s: %v\n", f.Input, f.Err)
		}
	}
	if runErr != nil {
		return runErr
	}
	if len(sum.Failures) > 0 {
		return ErrPartial
	}
	return nil
}

// openExisting opens the SQLite database at path, which must exist: the
// commands that read a database do not create an empty one.
func openExisting(ctx context.Context, path string, env *Env) (dyad.Store, error) {
	if postgres.IsURL(path) {
		return postgres.Open(ctx, path, env.Log)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("database %s: %w (run dyad ingest first, or give --db)", path, dyad.ErrNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	return sqlite.Open(ctx, path, env.Log)
}
