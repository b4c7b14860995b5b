// Package ingest is dyad's batch runner: it reads articles from files,
// directories, feeds, archives and URLs (package source), codes them on
// several workers with one shared coder (package pipeline) and writes each
// article with its whole extraction to a store in one transaction.
//
// An article already in the store, by content hash or URL, is found before
// it is coded, so running the same ingest twice does no work the second
// time; copies of one article within a run (the same story as a web page, a
// feed item and an archive record) are coded once. Articles are stored in
// the order they were read, whatever the number of workers, so the store's
// ingest order, and every listing and export that follows it, is the same
// from run to run.
//
// A bad input or article never stops the run: each gets a status, and the
// Summary says what was read, stored, skipped as a duplicate or failed, and
// why. Cancelling the context stops reading; articles being coded finish or
// are dropped whole, and the store is left consistent, as it is after the
// process is killed (each article is one transaction).
//
// Recode re-codes what a store holds, after the dictionaries or rules
// changed, keeping each article's id and place.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/article"
	"github.com/dyadhq/dyad/source"
)

// Coder codes one article. *pipeline.Pipeline is one; it must be safe for
// concurrent use, as every worker shares it.
type Coder interface {
	Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error)
}

// Options control Run. The zero value is ready to use.
type Options struct {
	// Workers is the number of articles coded at once (0: GOMAXPROCS).
	Workers int
	// Published and Source fill in an article's publication date
	// (YYYY-MM-DD) and outlet when its input does not give them.
	Published string
	Source    string
	// Read configures the readers (size limit, HTTP client, stdin).
	Read source.Options
	// Progress, when set, is called after each article is done, from one
	// goroutine at a time.
	Progress func(Progress)
	// Now is the clock that times coding and storing (nil: time.Now).
	Now func() time.Time
	// Batch is the most articles written in one transaction (0:
	// DefaultBatch; 1 writes each on its own). Coded articles wait at most
	// BatchWait for a batch to fill, so a batch is what the coders finished
	// meanwhile: batching spreads the cost of a commit (and of flushing the
	// full-text index) over many articles without holding any back long.
	// A crash loses at most the batch being written, which a re-run codes
	// again.
	Batch int
	// BatchWait is how long the first article of a batch may wait (0:
	// DefaultBatchWait).
	BatchWait time.Duration
}

// The batch defaults; see Options.Batch.
const (
	DefaultBatch     = 256
	DefaultBatchWait = 250 * time.Millisecond
	// batchBytes ends a batch early when its texts reach this size.
	batchBytes = 16 << 20
)

func (o Options) batch() int {
	if o.Batch > 0 {
		return o.Batch
	}
	return DefaultBatch
}

func (o Options) batchWait() time.Duration {
	if o.BatchWait > 0 {
		return o.BatchWait
	}
	return DefaultBatchWait
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Status is what became of one article or input.
type Status int

// The statuses.
const (
	Stored    Status = iota + 1 // coded and written
	Duplicate                   // already stored, or read earlier in this run: not coded
	Failed                      // could not be read, coded or stored
	Dropped                     // not finished when the run was cancelled
)

// String returns the status's name: stored, duplicate, failed or dropped.
func (s Status) String() string {
	switch s {
	case Stored:
		return "stored"
	case Duplicate:
		return "duplicate"
	case Failed:
		return "failed"
	case Dropped:
		return "dropped"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is what became of one article, or of an input that could not be
// read.
type Result struct {
	// Input is where the article came from (a file, URL, "file#item-2",
	// "file:12"), or the input that failed.
	Input string
	// Path is the path or URL given to Run that Input belongs to.
	Path   string
	Status Status
	// ID is the stored article's id: the new one, or for a duplicate the
	// id of the article it duplicates ("" when that failed).
	ID string
	// Events is the number of events coded (Stored only).
	Events int
	// Err says why it failed (Failed only).
	Err error
	// Code and Store are the time spent coding and writing the article.
	Code, Store time.Duration
}

// Progress is the state of a run after an article is done.
type Progress struct {
	// Read is the number of articles and failed inputs read so far;
	// Reading says whether the readers may still find more.
	Read    int
	Reading bool
	// Done counts the articles and inputs finished, by any status.
	Done                                int
	Stored, Duplicates, Failed, Dropped int
	// Last is the result just finished.
	Last Result
}

// Failure is one input or article that failed, and why.
type Failure struct {
	Input string
	Err   error
}

// InputSummary counts what became of the articles of one path.
type InputSummary struct {
	Path                                string
	Read                                int // articles read (not counting unreadable inputs)
	Stored, Duplicates, Failed, Dropped int // Failed counts unreadable inputs too
}

// Summary is the outcome of a run.
type Summary struct {
	InputSummary // totals over every path; Path is ""
	// Events is the number of events of the stored articles.
	Events int
	// Inputs has one entry per path, in the order given.
	Inputs []InputSummary
	// Failures lists every failure in input order.
	Failures []Failure
	// Code and Store total the time spent coding (summed over the workers)
	// and storing; Elapsed is the run's wall time.
	Code, Store, Elapsed time.Duration
}

func (s *InputSummary) add(r Result) {
	if r.Status != Failed || r.Err == nil || !isInputError(r) {
		s.Read++
	}
	switch r.Status {
	case Stored:
		s.Stored++
	case Duplicate:
		s.Duplicates++
	case Failed:
		s.Failed++
	case Dropped:
		s.Dropped++
	}
}

// isInputError reports whether r is an input that could not be read, as
// opposed to an article that was read and then failed.
func isInputError(r Result) bool {
	var ie readError
	return errors.As(r.Err, &ie)
}

// readError marks a reader's error, so that the summary does not count it
// as an article read.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

// Existing returns the id of the article of the store that has text's
// content hash or the URL url ("" for none), and whether there is one. It
// is how Run skips an article before coding it: cheap lookups by URL and by
// the ids the store gives an article with this text.
func Existing(ctx context.Context, s dyad.Store, url, text string) (string, bool, error) {
	if url != "" {
		arts, err := s.Articles(ctx, dyad.ArticleFilter{URL: url, Page: dyad.Page{Limit: 1}})
		if err != nil {
			return "", false, fmt.Errorf("look up %s: %w", url, err)
		}
		if len(arts) > 0 {
			return arts[0].ID, true, nil
		}
	}
	hash := dyad.ContentHash(text)
	// The coder names an article by its text (article.ID); a store names
	// one that has no id by its hash.
	for _, id := range []string{article.ID(text), dyad.ArticleID(hash), "a" + hash} {
		d, err := s.Doc(ctx, id)
		switch {
		case errors.Is(err, dyad.ErrNotFound):
			continue
		case err != nil:
			return "", false, fmt.Errorf("look up article %s: %w", id, err)
		case dyad.ContentHash(d.Text) == hash:
			return id, true, nil
		}
	}
	return "", false, nil
}
