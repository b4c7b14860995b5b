package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/article"
	"github.com/dyadhq/dyad/ingest"
	"github.com/dyadhq/dyad/ingest/ingesttest"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fakeCoder codes a text as one sentence with an event per occurrence of
// one of its verbs, so that tests do not depend on the real coder. Texts
// holding "CODER FAILS" fail.
type fakeCoder struct {
	verbs map[string]string // verb -> CAMEO code
	delay func(text string) time.Duration
	calls atomic.Int64
}

func newFakeCoder() *fakeCoder {
	return &fakeCoder{verbs: map[string]string{"condemned": "122", "praised": "051", "accused": "112"}}
}

func (c *fakeCoder) Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error) {
	c.calls.Add(1)
	text := string(raw)
	if c.delay != nil {
		select {
		case <-time.After(c.delay(text)):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if strings.Contains(text, "CODER FAILS") {
		return nil, errors.New("the coder cannot read this")
	}
	if a.ID == "" {
		a.ID = article.ID(text) // as the pipeline's metadata stage does
	}
	d := &dyad.Doc{Article: a, Text: text,
		Sentences: []dyad.Sentence{{N: 1, Start: 0, End: len(text), Tokens: []dyad.Token{{Start: 0, End: 1, Form: text[:1]}}}},
		Actors:    []dyad.Actor{}, Events: []dyad.Event{}, Claims: []dyad.Claim{}, Quotes: []dyad.Quote{},
		Amounts: []dyad.Amount{}, Votes: []dyad.Vote{}}
	words := strings.Fields(text)
	for i, w := range words {
		code, ok := c.verbs[strings.Trim(w, ".,")]
		if !ok || i == 0 || i+1 == len(words) {
			continue
		}
		start := strings.Index(text, w)
		d.Events = append(d.Events, dyad.Event{ID: fmt.Sprintf("e%d", len(d.Events)+1), Sentence: 1,
			Source: dyad.Participant{Code: code3(words[i-1])}, Target: dyad.Participant{Code: code3(words[i+1])},
			CAMEO: code, Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown, Rule: "fake." + w,
			Span: dyad.Span{Start: start, End: start + len(w)}})
	}
	return d, nil
}

// code3 makes a pretend actor code of a word.
func code3(w string) string {
	return strings.ToUpper(w[:min(3, len(w))])
}

func openStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// counts is the part of a summary the tests compare.
type counts struct {
	Read, Stored, Duplicates, Failed, Dropped int
}

func countsOf(s ingest.InputSummary) counts {
	return counts{s.Read, s.Stored, s.Duplicates, s.Failed, s.Dropped}
}

// TestRunSkipsDuplicates ingests articles, a copy of one in another format
// and one with a URL already seen, then the same again: the second run
// codes nothing.
func TestRunSkipsDuplicates(t *testing.T) {
	dir := t.TempDir()
	arts := ingesttest.Articles(6)
	for _, a := range arts[:5] {
		write(t, filepath.Join(dir, "in", a.Name), a.File)
	}
	// The same text as article 0, as a JSON line; and article 5's text
	// under article 1's URL.
	write(t, filepath.Join(dir, "in", "copies.jsonl"), fmt.Sprintf("{\"text\": %q}\n{\"text\": %q, \"url\": %q}\n",
		arts[0].Body, arts[5].Body, arts[1].URL))
	s := openStore(t, filepath.Join(dir, "dyad.db"))
	ctx := context.Background()

	c := newFakeCoder()
	sum, err := ingest.Run(ctx, s, c, []string{filepath.Join(dir, "in")}, ingest.Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(counts{Read: 7, Stored: 5, Duplicates: 2}, countsOf(sum.InputSummary)); diff != "" {
		t.Errorf("first run (-want +got):\n%s\nfailures: %v", diff, sum.Failures)
	}
	// The copy of article 0 is known in the run and not coded; the text
	// under a known URL is coded only if its namesake is not yet stored
	// when a worker takes it (the store refuses it then).
	if got := c.calls.Load(); got != 5 && got != 6 {
		t.Errorf("first run coded %d articles, want 5 or 6", got)
	}

	c2 := newFakeCoder()
	sum, err = ingest.Run(ctx, s, c2, []string{filepath.Join(dir, "in")}, ingest.Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(counts{Read: 7, Duplicates: 7}, countsOf(sum.InputSummary)); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if got := c2.calls.Load(); got != 0 {
		t.Errorf("second run coded %d articles, want none", got)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 5 {
		t.Errorf("%d articles stored, want 5", st.Articles)
	}
}

// TestRunOrder checks that articles are stored in the order read, whatever
// order the workers finish in.
func TestRunOrder(t *testing.T) {
	dir := t.TempDir()
	arts, err := ingesttest.WriteDir(dir, 40)
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	c := newFakeCoder()
	// Early articles are slow: later ones finish first.
	c.delay = func(text string) time.Duration {
		for i, a := range arts {
			if strings.Contains(text, a.Body) {
				return time.Duration(len(arts)-i) * 300 * time.Microsecond
			}
		}
		return 0
	}
	sum, err := ingest.Run(context.Background(), s, c, []string{dir}, ingest.Options{Workers: 8})
	if err != nil || sum.Stored != len(arts) {
		t.Fatalf("stored %d of %d, %v (failures %v)", sum.Stored, len(arts), err, sum.Failures)
	}
	recs, err := s.Articles(context.Background(), dyad.ArticleFilter{Page: dyad.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, r := range recs {
		got = append(got, r.URL)
	}
	for _, a := range arts {
		want = append(want, a.URL)
	}
	sort.Strings(want) // the directory is read in name order
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ingest order (-want +got):\n%s", diff)
	}
}

// batchStore records the sizes of the batches written, and can refuse
// whole batches.
type batchStore struct {
	dyad.Store
	mu      sync.Mutex
	batches []int
	refuse  bool // PutMany fails as a whole
}

func (s *batchStore) PutMany(ctx context.Context, docs []*dyad.Doc) ([]dyad.PutResult, error) {
	s.mu.Lock()
	s.batches = append(s.batches, len(docs))
	refuse := s.refuse
	s.mu.Unlock()
	if refuse {
		return nil, fmt.Errorf("%w: the disk is full", dyad.ErrUnavailable)
	}
	return s.Store.PutMany(ctx, docs)
}

// TestRunBatches checks that articles are written in batches, in order,
// that a batch cannot hold an article back longer than BatchWait, and that
// a batch the store refuses as a whole is written article by article.
func TestRunBatches(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		t.Run(fmt.Sprintf("refuse=%v", refuse), func(t *testing.T) {
			dir := t.TempDir()
			arts, err := ingesttest.WriteDir(dir, 50)
			if err != nil {
				t.Fatal(err)
			}
			// A repeated text within a batch is a duplicate of the first.
			write(t, filepath.Join(dir, "zz-copy.txt"), arts[0].Body)
			s := &batchStore{Store: openStore(t, filepath.Join(t.TempDir(), "dyad.db")), refuse: refuse}
			sum, err := ingest.Run(context.Background(), s, newFakeCoder(), []string{dir},
				ingest.Options{Workers: 2, Batch: 8, BatchWait: time.Hour})
			if err != nil || sum.Stored != len(arts) || sum.Duplicates != 1 || sum.Failed != 0 {
				t.Fatalf("stored %d of %d, %d duplicates, %d failed, %v %v",
					sum.Stored, len(arts), sum.Duplicates, sum.Failed, err, sum.Failures)
			}
			total := 0
			for _, n := range s.batches {
				if n > 8 {
					t.Errorf("a batch of %d articles, more than Batch", n)
				}
				total += n
			}
			// The last batch is written when the input ends, not after BatchWait.
			if total != len(arts) || len(s.batches) < len(arts)/8 {
				t.Errorf("batches %v: %d articles, want %d in batches of up to 8", s.batches, total, len(arts))
			}
			st, err := s.Stats(context.Background())
			if err != nil || st.Articles != len(arts) {
				t.Errorf("store holds %d articles, want %d (%v)", st.Articles, len(arts), err)
			}
		})
	}
	// An article does not wait longer than BatchWait for its batch to
	// fill: the second article's coding waits until the first is stored.
	dir := t.TempDir()
	if _, err := ingesttest.WriteDir(dir, 2); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	first := make(chan struct{})
	c := &waitingCoder{fakeCoder: newFakeCoder(), first: first}
	sum, err := ingest.Run(context.Background(), s, c, []string{dir}, ingest.Options{
		Workers: 1, Batch: 64, BatchWait: time.Millisecond,
		Progress: func(p ingest.Progress) {
			if p.Stored == 1 {
				close(first)
			}
		}})
	if err != nil || sum.Stored != 2 || c.timedOut.Load() {
		t.Errorf("stored %d, %v; the second article's coder timed out waiting for the first to be stored: %v",
			sum.Stored, err, c.timedOut.Load())
	}
}

// waitingCoder codes its second article only once first is closed, or
// after 20 seconds.
type waitingCoder struct {
	*fakeCoder
	first    chan struct{}
	timedOut atomic.Bool
}

func (c *waitingCoder) Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error) {
	if c.calls.Load() == 1 {
		select {
		case <-c.first:
		case <-time.After(20 * time.Second):
			c.timedOut.Store(true)
		}
	}
	return c.fakeCoder.Code(ctx, a, raw)
}

// TestRunFailures gives unreadable inputs and an article the coder fails
// on: each is a failure with its input and cause, the rest is stored, and
// the summary counts per path.
func TestRunFailures(t *testing.T) {
	dir := t.TempDir()
	arts := ingesttest.Articles(3)
	good := filepath.Join(dir, "good")
	for _, a := range arts {
		write(t, filepath.Join(good, a.Name), a.File)
	}
	bad := filepath.Join(dir, "bad")
	write(t, filepath.Join(bad, "empty.txt"), "  \n")
	write(t, filepath.Join(bad, "binary.bin"), "\x00\x01\x02\x03 binary")
	write(t, filepath.Join(bad, "fails.txt"), "Somewhere a report that CODER FAILS on.")
	write(t, filepath.Join(bad, "lines.jsonl"), "{\"text\": \"France praised Greece warmly.\"}\n{not json\n")
	missing := filepath.Join(dir, "missing.txt")
	s := openStore(t, filepath.Join(dir, "dyad.db"))

	var mu sync.Mutex
	var seen []ingest.Result
	sum, err := ingest.Run(context.Background(), s, newFakeCoder(), []string{good, bad, missing}, ingest.Options{
		Workers: 2,
		Progress: func(p ingest.Progress) {
			mu.Lock()
			seen = append(seen, p.Last)
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []counts{
		{Read: 3, Stored: 3},
		{Read: 2, Stored: 1, Failed: 4},
		{Failed: 1},
	}
	for i, in := range sum.Inputs {
		if diff := cmp.Diff(want[i], countsOf(in)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", in.Path, diff)
		}
	}
	if diff := cmp.Diff(counts{Read: 5, Stored: 4, Failed: 5}, countsOf(sum.InputSummary)); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	failed := map[string]error{}
	for _, f := range sum.Failures {
		failed[filepath.Base(strings.SplitN(f.Input, ":", 2)[0])] = f.Err
	}
	for name, check := range map[string]func(error) bool{
		"empty.txt": func(err error) bool {
			return errors.Is(err, dyad.ErrInvalid) && strings.Contains(err.Error(), "no text")
		},
		"binary.bin": func(err error) bool {
			return errors.Is(err, dyad.ErrInvalid) && strings.Contains(err.Error(), "binary")
		},
		"fails.txt":   func(err error) bool { return strings.Contains(err.Error(), "cannot read this") },
		"lines.jsonl": func(err error) bool { return errors.Is(err, dyad.ErrInvalid) },
		"missing.txt": func(err error) bool { return errors.Is(err, os.ErrNotExist) },
	} {
		if err, ok := failed[name]; !ok || !check(err) {
			t.Errorf("%s: failure %v (found %v)", name, err, ok)
		}
	}
	if len(seen) != 9 {
		t.Errorf("progress called %d times, want 9 (one per article or unreadable input)", len(seen))
	}
}

// TestRunCancel cancels a run midway: it returns the context's error, the
// summary accounts for every article read, and every stored article is
// whole.
func TestRunCancel(t *testing.T) {
	dir := t.TempDir()
	if _, err := ingesttest.WriteDir(dir, 60); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	c := newFakeCoder()
	c.delay = func(string) time.Duration { return 2 * time.Millisecond }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Small batches, so that the cancel comes while most articles are
	// still to be coded.
	sum, err := ingest.Run(ctx, s, c, []string{dir}, ingest.Options{Workers: 4, Batch: 2, Progress: func(p ingest.Progress) {
		if p.Stored == 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sum.Stored < 10 || sum.Stored >= 60 {
		t.Errorf("stored %d articles, want 10 to 59", sum.Stored)
	}
	if sum.Read != sum.Stored+sum.Duplicates+sum.Failed+sum.Dropped {
		t.Errorf("summary does not add up: %+v", sum.InputSummary)
	}
	bg := context.Background()
	recs, err := s.Articles(bg, dyad.ArticleFilter{Page: dyad.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != sum.Stored {
		t.Errorf("%d articles in the store, the summary says %d", len(recs), sum.Stored)
	}
	for _, r := range recs {
		d, err := s.Doc(bg, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := newFakeCoder().Code(bg, d.Article, []byte(d.Text))
		if len(d.Sentences) != 1 || len(d.Events) != len(want.Events) {
			t.Errorf("article %s: %d sentences and %d events, want 1 and %d", r.ID, len(d.Sentences), len(d.Events), len(want.Events))
		}
	}
}

// TestRunDefaults fills in the publication date and source an input lacks.
func TestRunDefaults(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "France praised Greece for its help.")
	write(t, filepath.Join(dir, "b.txt"), "Published: 2020-05-06\nSource: Own Wire\n\nGreece praised France in turn.")
	s := openStore(t, filepath.Join(dir, "dyad.db"))
	_, err := ingest.Run(context.Background(), s, newFakeCoder(), []string{dir},
		ingest.Options{Published: "2024-01-02", Source: "Default Wire"})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := s.Articles(context.Background(), dyad.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, r := range recs {
		got = append(got, [2]string{r.Published, r.Source})
	}
	want := [][2]string{{"2024-01-02", "Default Wire"}, {"2020-05-06", "Own Wire"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestExisting finds a stored article by URL and by text, and nothing else.
func TestExisting(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	ctx := context.Background()
	c := newFakeCoder()
	d, _ := c.Code(ctx, dyad.Article{URL: "https://example.org/a"}, []byte("France praised  Greece."))
	id, _, err := s.Put(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url, text string
		want      bool
	}{
		{"https://example.org/a", "another text", true},
		{"", "France praised Greece.", true}, // white space differs
		{"https://example.org/b", "France praised Greece.\n", true},
		{"https://example.org/b", "France praised Spain.", false},
		{"", "", false},
	} {
		got, found, err := ingest.Existing(ctx, s, tc.url, tc.text)
		if err != nil || found != tc.want || (found && got != id) {
			t.Errorf("Existing(%q, %q) = %q, %v, %v; want %v", tc.url, tc.text, got, found, err, tc.want)
		}
	}
}

// TestRecode recodes a store with a coder that knows one more verb: ids and
// order stay, the summary counts the new events.
func TestRecode(t *testing.T) {
	dir := t.TempDir()
	arts, err := ingesttest.WriteDir(dir, 12)
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	ctx := context.Background()
	old := newFakeCoder()
	delete(old.verbs, "accused")
	if _, err := ingest.Run(ctx, s, old, []string{dir}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Articles(ctx, dyad.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ingest.Recode(ctx, s, newFakeCoder(), ingest.RecodeOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	accused := 0
	changed := 0
	for _, a := range arts {
		n := strings.Count(a.Body, " accused ")
		accused += n
		if n > 0 {
			changed++
		}
	}
	if accused == 0 {
		t.Fatal("the corpus has no accusation: the test tests nothing")
	}
	got := []int{sum.Articles, sum.Changed, sum.Added, sum.Removed, sum.EventsAfter - sum.EventsBefore, len(sum.Failures)}
	want := []int{len(arts), changed, accused, 0, accused, 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles, changed, added, removed, growth, failures (-want +got):\n%s", diff)
	}
	after, err := s.Articles(ctx, dyad.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after, cmpopts.IgnoreFields(dyad.ArticleRecord{}, "Cursor")); diff != "" {
		t.Errorf("articles changed by recode (-before +after):\n%s", diff)
	}
	evs, err := s.Events(ctx, dyad.EventFilter{CAMEO: "112", Page: dyad.Page{Limit: 1000}})
	if err != nil || len(evs) != accused {
		t.Errorf("%d accusations stored after recode, want %d (%v)", len(evs), accused, err)
	}
}
