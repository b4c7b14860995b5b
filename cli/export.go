package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dyadhq/dyad/export"
)

// ExportCmd writes the stored events in a format for other tools.
type ExportCmd struct {
	Format string     `help:"gdelt (GDELT 2.0 event table), plover (PLOVER JSON Lines), csv (one event per row) or jsonl (whole documents)." enum:"gdelt,plover,csv,jsonl" required:""`
	DB     string     `help:"SQLite database file (${default})." default:"dyad.db" placeholder:"FILE"`
	Out    string     `help:"Output file (default: standard output); written whole or not at all." placeholder:"FILE"`
	Header bool       `help:"gdelt: start with a header line of column names (GDELT's files have none)."`
	Limit  int        `help:"Most events (jsonl: documents) to write (0: all)."`
	After  string     `help:"Start after the event with this cursor (see query events --format json)." placeholder:"CURSOR"`
	Filter eventFlags `embed:""`
}

// Run exports the events that match the filters.
func (c *ExportCmd) Run(ctx context.Context, env *Env) error {
	f, err := c.Filter.filter()
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	f.Limit, f.After = c.Limit, c.After
	s, err := openExisting(ctx, c.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	opt := export.Options{Format: export.Format(c.Format), Filter: f, Header: c.Header}
	if c.Out == "" {
		w := bufio.NewWriter(env.Stdout)
		n, err := export.Export(ctx, s, w, opt)
		if err != nil {
			return err
		}
		env.Log.Debug("exported", "records", n, "format", c.Format)
		return w.Flush()
	}
	// Write beside the target and rename, so a failed export leaves no
	// half-written file.
	tmp, err := os.CreateTemp(filepath.Dir(c.Out), "."+filepath.Base(c.Out)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	n, err := export.Export(ctx, s, w, opt)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", c.Out, err)
	}
	if err := os.Rename(tmp.Name(), c.Out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	env.Log.Info("exported", "records", n, "format", c.Format, "file", c.Out)
	return nil
}
