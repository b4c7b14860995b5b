package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/dict"
	"github.com/dyadhq/dyad/verbs"
)

// verbCoder builds the event stage that codes with the TABARI, PETRARCH or
// PETRARCH-2 verb dictionary at path. The actor and agent dictionaries
// among dicts expand slash groups and compose role codes as those coders
// do, and the discard dictionaries skip sentences and stories. Malformed
// lines of the verb dictionary are skipped; their number and the first few
// are printed on stderr with the label. It returns the stage, a description
// of the verbs for reports, and the number of malformed lines.
func verbCoder(path string, dicts []string, stderr io.Writer, label string) (*verbs.Coder, string, int, error) {
	vd, err := verbs.Load(path)
	var pe *os.PathError
	if errors.As(err, &pe) || vd == nil {
		return nil, "", 0, fmt.Errorf("verb dictionary: %w", err)
	}
	bad := 0
	if err != nil {
		errs := splitErrs(err)
		bad = len(errs)
		fmt.Fprintf(stderr, "dyad: %s: verb dictionary %s: %d malformed lines skipped\n", label, path, bad)
		for _, e := range errs[:min(len(errs), maxShown)] {
			fmt.Fprintf(stderr, "  %v\n", e)
		}
	}
	opt := verbs.Options{Verbs: []*verbs.Dict{vd}, Lookup: cameo.Lookup}
	for _, p := range dicts {
		d, err := dict.Load(p)
		if errors.As(err, &pe) || d == nil {
			return nil, "", 0, fmt.Errorf("dictionary: %w", err)
		}
		switch d.Kind {
		case dict.KindActors:
			opt.Actors = append(opt.Actors, d)
		case dict.KindAgents:
			opt.Agents = append(opt.Agents, d)
		case dict.KindDiscards:
			opt.Discards = append(opt.Discards, d)
		}
	}
	c, err := verbs.New(opt)
	if err != nil {
		return nil, "", 0, err
	}
	n := vd.Counts()
	desc := fmt.Sprintf("the %s verb dictionary %s (%d verbs, %d patterns, %d synsets)", vd.Format, path, n.Verbs, n.Patterns, n.Synsets)
	if bad > 0 {
		desc += fmt.Sprintf("; %d malformed lines skipped", bad)
	}
	return c, desc, bad, nil
}

// splitErrs splits a joined error into its parts.
func splitErrs(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
