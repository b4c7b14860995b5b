package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/dyadhq/dyad"
)

// RecodeOptions control Recode. The zero value is ready to use.
type RecodeOptions struct {
	// Workers is the number of articles coded at once (0: GOMAXPROCS).
	Workers int
	// Progress, when set, is called after each article, from one goroutine
	// at a time. Read is the number of articles in the store.
	Progress func(Progress)
	// Now is the clock that times coding and storing (nil: time.Now).
	Now func() time.Time
}

// RecodeSummary is the outcome of Recode.
type RecodeSummary struct {
	// Articles is the number of articles recoded and replaced; Changed how
	// many of them got different events.
	Articles, Changed int
	// EventsBefore and EventsAfter count the events of those articles;
	// Added and Removed the events that are new or gone (an event is its
	// sentence, span, source and target codes, CAMEO code, modality, date
	// and place; ids are not compared).
	EventsBefore, EventsAfter int
	Added, Removed            int
	// Failures lists the articles that could not be loaded, coded or
	// replaced; they keep their old coding.
	Failures []Failure
	// Code and Store total the time spent coding and writing; Elapsed is
	// the wall time.
	Code, Store, Elapsed time.Duration
}

// Recode codes every article of s again with coder and replaces its
// annotations, keeping its id and place in ingest order. A failing article
// keeps its old coding and is listed in the summary. The error is nil when
// every article was tried, else why not (a cancelled ctx, an unreadable
// store).
func Recode(ctx context.Context, s dyad.Store, coder Coder, opt RecodeOptions) (*RecodeSummary, error) {
	o := Options{Workers: opt.Workers, Now: opt.Now}
	start := o.now()
	sum := &RecodeSummary{}
	st, err := s.Stats(ctx)
	if err != nil {
		return sum, fmt.Errorf("recode: %w", err)
	}

	type recoded struct {
		id       string
		old, new []dyad.Event
		doc      *dyad.Doc
		err      error
		code     time.Duration
	}
	ids := make(chan string, o.workers())
	var listErr error
	go func() {
		defer close(ids)
		f := dyad.ArticleFilter{Page: dyad.Page{Limit: dyad.MaxLimit}}
		for {
			arts, err := s.Articles(ctx, f)
			if err != nil {
				listErr = err
				return
			}
			for _, a := range arts {
				select {
				case ids <- a.ID:
				case <-ctx.Done():
					return
				}
			}
			if len(arts) < f.Limit {
				return
			}
			f.After = arts[len(arts)-1].Cursor
		}
	}()
	outs := make(chan recoded, o.workers())
	var wg sync.WaitGroup
	for range o.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				r := recoded{id: id}
				old, err := s.Doc(ctx, id)
				if err != nil {
					r.err = err
					outs <- r
					continue
				}
				t0 := o.now()
				d, err := coder.Code(ctx, old.Article, []byte(old.Text))
				r.code = o.now().Sub(t0)
				if err != nil {
					r.err = fmt.Errorf("code %s: %w", id, err)
				} else {
					for i := range d.Sentences {
						d.Sentences[i].Tokens = nil
					}
					r.old, r.new, r.doc = old.Events, d.Events, d
				}
				outs <- r
			}
		}()
	}
	go func() {
		wg.Wait()
		close(outs)
	}()

	var prog Progress
	for r := range outs {
		res := Result{Input: r.id, ID: r.id, Code: r.code}
		switch {
		case ctx.Err() != nil:
			res.Status = Dropped
		case r.err != nil:
			res.Status, res.Err = Failed, r.err
		default:
			t0 := o.now()
			err := s.Replace(ctx, r.id, r.doc)
			res.Store = o.now().Sub(t0)
			if err != nil {
				res.Status, res.Err = Failed, err
				break
			}
			res.Status, res.Events = Stored, len(r.new)
			sum.Articles++
			sum.EventsBefore += len(r.old)
			sum.EventsAfter += len(r.new)
			added, removed := diffEvents(r.old, r.new)
			sum.Added += added
			sum.Removed += removed
			if added+removed > 0 {
				sum.Changed++
			}
		}
		if res.Status == Failed {
			sum.Failures = append(sum.Failures, Failure{Input: r.id, Err: res.Err})
		}
		sum.Code += res.Code
		sum.Store += res.Store
		if opt.Progress != nil {
			prog.Read = st.Articles
			prog.Done++
			switch res.Status {
			case Stored:
				prog.Stored++
			case Failed:
				prog.Failed++
			case Dropped:
				prog.Dropped++
			}
			prog.Last = res
			opt.Progress(prog)
		}
	}
	sum.Elapsed = o.now().Sub(start)
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("recode: %w", err)
	}
	if listErr != nil {
		return sum, fmt.Errorf("recode: list articles: %w", listErr)
	}
	return sum, nil
}

// eventKey is what makes two codings of an event the same.
type eventKey struct {
	sentence       int
	span           dyad.Span
	source, target string
	cameo          string
	modality       dyad.Modality
	date, place    string
}

func keyOf(e dyad.Event) eventKey {
	k := eventKey{sentence: e.Sentence, span: e.Span, source: e.Source.Code, target: e.Target.Code,
		cameo: e.CAMEO, modality: e.Modality, date: e.Date}
	if e.Location != nil {
		k.place = e.Location.Name
	}
	return k
}

// diffEvents counts the events of new that old lacks and those of old that
// new lacks, as multisets.
func diffEvents(old, new []dyad.Event) (added, removed int) {
	count := map[eventKey]int{}
	for _, e := range old {
		count[keyOf(e)]++
	}
	for _, e := range new {
		k := keyOf(e)
		if count[k] > 0 {
			count[k]--
		} else {
			added++
		}
	}
	for _, n := range count {
		removed += n
	}
	return added, removed
}
