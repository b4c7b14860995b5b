package eval

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
)

// Produced is one event a coder produced, with the rule that produced it and
// how the text presents it.
type Produced struct {
	Triple
	Rule     string        `json:"rule,omitempty"`
	Modality dyad.Modality `json:"modality,omitempty"`
}

// String returns the triple with its modality (when not asserted) and rule.
func (p Produced) String() string {
	s := p.Triple.String()
	if p.Modality != "" && p.Modality != dyad.Asserted {
		s += " (" + string(p.Modality) + ")"
	}
	if p.Rule != "" {
		s += " [" + p.Rule + "]"
	}
	return s
}

// Coder codes the text of one record. Score may call it from several
// goroutines at once (Options.Workers).
type Coder func(ctx context.Context, r Record) ([]Produced, error)

// Options tune Score.
type Options struct {
	// Worst is how many of the worst records to report: 0 means 10, a
	// negative number none.
	Worst int
	// Workers is how many records are coded at once: 0 means GOMAXPROCS.
	Workers int
	// AllModalities scores negated and denied events too. By default they are
	// dropped before scoring: such an event is never asserted.
	AllModalities bool
}

// Report is the result of scoring one gold set.
type Report struct {
	Set      string        `json:"set"`
	Records  int           `json:"records"` // records given
	Scored   int           `json:"scored"`  // records coded and scored
	Skipped  Skipped       `json:"skipped"`
	Failed   int           `json:"failed"` // records the coder returned an error for
	Failures []Failure     `json:"failures,omitempty"`
	Triples  *TripleScores `json:"triples,omitempty"`
	Labels   *LabelScores  `json:"labels,omitempty"`
	PLOVER   *PLOVERScores `json:"plover,omitempty"`
	// Documents is set by a caller that also compares whole documents with
	// expected ones (dyad's golden corpus); Score leaves it nil.
	Documents *DocumentScores `json:"documents,omitempty"`
	Worst     []Result        `json:"worst,omitempty"`
}

// DocumentScores counts the cases whose whole produced document equals the
// expected one, byte for byte.
type DocumentScores struct {
	Cases  int      `json:"cases"` // cases with an expected document, coded
	Equal  int      `json:"equal"`
	Share  float64  `json:"share"`            // Equal / Cases
	Differ []string `json:"differ,omitempty"` // ids of the cases that differ, in order
}

// NewDocumentScores counts equal documents; equal maps each case id to
// whether its document was equal, and ids gives their order.
func NewDocumentScores(ids []string, equal map[string]bool) *DocumentScores {
	d := &DocumentScores{Cases: len(ids)}
	for _, id := range ids {
		if equal[id] {
			d.Equal++
		} else {
			d.Differ = append(d.Differ, id)
		}
	}
	d.Share = ratio(d.Equal, d.Cases)
	return d
}

// Skipped counts the records that are not scored.
type Skipped struct {
	Discard   int `json:"discard"`   // the coder must discard them
	Complex   int `json:"complex"`   // the gold set does not check them
	Unchecked int `json:"unchecked"` // no expectation at all (option records, no coding)
}

// Failure is a record the coder failed on.
type Failure struct {
	ID    string `json:"id"`
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// PRF is precision, recall and F1 from true and false positives and false
// negatives; each is 0 when its denominator is.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (p *PRF) finish() {
	p.Precision = ratio(p.TP, p.TP+p.FP)
	p.Recall = ratio(p.TP, p.TP+p.FN)
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TripleScores scores the triples of the records that expect events. Each
// record's expected and produced triples are compared as multisets, at three
// levels: exact (source, target, code); root (source, target, code root); and
// country (source country, target country, code root). Events produced on
// records that expect none are counted apart, in NoEvent, not as false
// positives.
type TripleScores struct {
	Records   int           `json:"records"`  // records that expect events
	Expected  int           `json:"expected"` // their expected triples
	Produced  int           `json:"produced"` // triples produced for them
	Exact     PRF           `json:"exact"`
	Root      PRF           `json:"root"`
	Country   PRF           `json:"country"`
	NoEvent   NoEventScores `json:"no_event"`
	Confusion []Confusion   `json:"confusion,omitempty"`
}

// NoEventScores counts events produced on records that expect none.
type NoEventScores struct {
	Records    int     `json:"records"`     // records that expect no event
	WithEvents int     `json:"with_events"` // of which the coder produced some
	Events     int     `json:"events"`      // how many
	Share      float64 `json:"share"`       // WithEvents / Records
}

// Confusion is how often an expected CAMEO root was produced as another. ""
// stands for no event: an expected event nothing answered, or a produced one
// nothing expected.
type Confusion struct {
	Expected string `json:"expected"`
	Produced string `json:"produced"`
	N        int    `json:"n"`
}

// LabelScores scores records labelled with one CAMEO code: the share whose
// label is among the produced codes, in full and at root level.
type LabelScores struct {
	Records   int     `json:"records"`
	Full      int     `json:"full"`
	Root      int     `json:"root"`
	None      int     `json:"none"` // records with no produced event
	FullShare float64 `json:"full_share"`
	RootShare float64 `json:"root_share"`
}

// PLOVERScores scores PLOVER gold records. A record's type is right when a
// produced event's CAMEO code maps to the expected PLOVER v2 type; its source
// is right when a produced event's source country is the country of one of
// the expected source actors (records without a source are left out); both
// are right when one produced event does both.
type PLOVERScores struct {
	Records        int     `json:"records"`
	TypeHits       int     `json:"type_hits"`
	TypeAccuracy   float64 `json:"type_accuracy"`
	SourceRecords  int     `json:"source_records"`
	SourceHits     int     `json:"source_hits"`
	SourceAccuracy float64 `json:"source_accuracy"`
	BothHits       int     `json:"both_hits"`
	BothAccuracy   float64 `json:"both_accuracy"`
}

// Result is one record's outcome, as the worst records list shows it.
type Result struct {
	ID       string     `json:"id"`
	Line     int        `json:"line"`
	Text     string     `json:"text"`
	Expected []Triple   `json:"expected,omitempty"`
	Label    string     `json:"label,omitempty"`
	PLOVER   string     `json:"plover,omitempty"` // expected type and source codes
	Produced []Produced `json:"produced,omitempty"`
	Missed   []Triple   `json:"missed,omitempty"` // expected, not produced (exact)
	Extra    []Produced `json:"extra,omitempty"`  // produced, not expected (exact)
	Errors   int        `json:"errors"`           // how wrong: misses plus extras
}

// Score codes every scorable record of recs with code and scores the result.
// Records that expect events or none are scored by triples, labelled records
// by label, PLOVER records by type and source; the rest are counted as
// skipped. A coder error on one record is counted and the rest go on; only a
// cancelled ctx stops Score.
func Score(ctx context.Context, set string, recs []Record, code Coder, opt Options) (*Report, error) {
	if opt.Worst == 0 {
		opt.Worst = 10
	}
	rep := &Report{Set: set, Records: len(recs)}
	var todo []int
	for i := range recs {
		r := &recs[i]
		switch {
		case r.Label != "" || r.PLOVER != nil || r.Checked():
			todo = append(todo, i)
		case r.Discard:
			rep.Skipped.Discard++
		case r.Complex:
			rep.Skipped.Complex++
		default:
			rep.Skipped.Unchecked++
		}
	}
	outs, err := run(ctx, recs, todo, code, opt)
	if err != nil {
		return nil, err
	}
	var (
		ts      TripleScores
		ls      LabelScores
		ps      PLOVERScores
		conf    = map[[2]string]int{}
		results []Result
		hasT    bool
	)
	for k, i := range todo {
		r := &recs[i]
		o := outs[k]
		if o.err != nil {
			rep.Failed++
			rep.Failures = append(rep.Failures, Failure{ID: r.ID, Line: r.Line, Error: o.err.Error()})
			continue
		}
		rep.Scored++
		prod := o.prod
		if !opt.AllModalities {
			prod = slices.DeleteFunc(prod, func(p Produced) bool {
				return p.Modality == dyad.Negated || p.Modality == dyad.Denied
			})
		}
		for j := range prod {
			prod[j].Triple = prod[j].Triple.Norm()
		}
		slices.SortStableFunc(prod, func(a, b Produced) int { return strings.Compare(a.Triple.String(), b.Triple.String()) })
		res := Result{ID: r.ID, Line: r.Line, Text: r.Text, Produced: prod}
		switch {
		case r.Label != "":
			ls.Records++
			res.Label = NormCode(r.Label)
			full, root := false, false
			for _, p := range prod {
				full = full || p.Code == res.Label
				root = root || CodeRoot(p.Code) == CodeRoot(res.Label)
			}
			if len(prod) == 0 {
				ls.None++
			}
			if full {
				ls.Full++
			} else {
				res.Errors++
			}
			if root {
				ls.Root++
			}
		case r.PLOVER != nil:
			ps.Records++
			e := r.PLOVER
			var srcs []string
			for _, a := range e.Source {
				srcs = append(srcs, Country(a.Code))
			}
			res.PLOVER = e.Type + " by " + strings.Join(srcs, ",")
			typeHit, srcHit, both := false, false, false
			for _, p := range prod {
				t := ploverTypeOf(p.Code) == e.Type
				s := slices.Contains(srcs, Country(p.Source))
				typeHit, srcHit, both = typeHit || t, srcHit || s, both || (t && s)
			}
			if typeHit {
				ps.TypeHits++
			} else {
				res.Errors++
			}
			if len(srcs) > 0 {
				ps.SourceRecords++
				if srcHit {
					ps.SourceHits++
				} else {
					res.Errors++
				}
				if both {
					ps.BothHits++
				}
			}
		default:
			hasT = true
			res.Expected = r.Events
			scoreTriples(&ts, r, prod, &res)
			confuse(conf, r.Events, prod)
		}
		if res.Errors > 0 {
			results = append(results, res)
		}
	}
	if hasT {
		for _, p := range []*PRF{&ts.Exact, &ts.Root, &ts.Country} {
			p.finish()
		}
		ts.NoEvent.Share = ratio(ts.NoEvent.WithEvents, ts.NoEvent.Records)
		for k, n := range conf {
			ts.Confusion = append(ts.Confusion, Confusion{Expected: k[0], Produced: k[1], N: n})
		}
		slices.SortFunc(ts.Confusion, func(a, b Confusion) int {
			return cmp.Or(b.N-a.N, strings.Compare(a.Expected, b.Expected), strings.Compare(a.Produced, b.Produced))
		})
		rep.Triples = &ts
	}
	if ls.Records > 0 {
		ls.FullShare, ls.RootShare = ratio(ls.Full, ls.Records), ratio(ls.Root, ls.Records)
		rep.Labels = &ls
	}
	if ps.Records > 0 {
		ps.TypeAccuracy = ratio(ps.TypeHits, ps.Records)
		ps.SourceAccuracy = ratio(ps.SourceHits, ps.SourceRecords)
		ps.BothAccuracy = ratio(ps.BothHits, ps.SourceRecords)
		rep.PLOVER = &ps
	}
	if opt.Worst > 0 {
		slices.SortStableFunc(results, func(a, b Result) int { return cmp.Or(b.Errors-a.Errors, a.Line-b.Line) })
		rep.Worst = results[:min(opt.Worst, len(results))]
	}
	return rep, nil
}

type outcome struct {
	prod []Produced
	err  error
}

// run codes recs[todo] with up to opt.Workers goroutines; the outcomes are in
// the order of todo.
func run(ctx context.Context, recs []Record, todo []int, code Coder, opt Options) ([]outcome, error) {
	outs := make([]outcome, len(todo))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(todo), 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				p, err := code(ctx, recs[todo[k]])
				outs[k] = outcome{prod: slices.Clone(p), err: err}
			}
		}()
	}
	var err error
feed:
	for k := range todo {
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		case next <- k:
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("eval: scoring stopped: %w", err)
	}
	return outs, nil
}

// ploverTypeOf returns the PLOVER type of a CAMEO code, or of its parent when
// the code is not in the codebook, or "".
func ploverTypeOf(code string) string {
	for c := NormCode(code); c != ""; c = cameo.Parent(c) {
		if k, ok := cameo.Lookup(c); ok {
			return k.PLOVERType
		}
	}
	return ""
}

// levelKeys are the three comparison levels of triples.
var levelKeys = []func(Triple) string{
	func(t Triple) string { return t.Source + "|" + t.Target + "|" + t.Code },
	func(t Triple) string { return t.Source + "|" + t.Target + "|" + CodeRoot(t.Code) },
	func(t Triple) string { return Country(t.Source) + "|" + Country(t.Target) + "|" + CodeRoot(t.Code) },
}

// matches counts the multiset intersection of expected and produced under key.
func matches(exp []Triple, prod []Produced, key func(Triple) string) int {
	n := map[string]int{}
	for _, e := range exp {
		n[key(e)]++
	}
	m := 0
	for _, p := range prod {
		if k := key(p.Triple); n[k] > 0 {
			n[k]--
			m++
		}
	}
	return m
}

func scoreTriples(ts *TripleScores, r *Record, prod []Produced, res *Result) {
	if len(r.Events) == 0 { // a record that expects no event
		ts.NoEvent.Records++
		if len(prod) > 0 {
			ts.NoEvent.WithEvents++
			ts.NoEvent.Events += len(prod)
			res.Extra = prod
			res.Errors = len(prod)
		}
		return
	}
	ts.Records++
	ts.Expected += len(r.Events)
	ts.Produced += len(prod)
	for i, p := range []*PRF{&ts.Exact, &ts.Root, &ts.Country} {
		m := matches(r.Events, prod, levelKeys[i])
		p.TP += m
		p.FP += len(prod) - m
		p.FN += len(r.Events) - m
	}
	// Misses and extras at the exact level, for the worst records list.
	left := slices.Clone(prod)
	for _, e := range r.Events {
		if j := slices.IndexFunc(left, func(p Produced) bool { return p.Triple == e }); j >= 0 {
			left = slices.Delete(left, j, j+1)
		} else {
			res.Missed = append(res.Missed, e)
		}
	}
	res.Extra = left
	res.Errors = len(res.Missed) + len(res.Extra)
}

// confuse adds a record's pairs of expected and produced roots to conf. It
// pairs, in turn: the same root with the same actors, the same root with
// other actors, then other roots with the same actors; what is left is
// missed (produced "") or spurious (expected "").
func confuse(conf map[[2]string]int, exp []Triple, prod []Produced) {
	usedE := make([]bool, len(exp))
	usedP := make([]bool, len(prod))
	sameActors := func(e Triple, p Produced) bool { return e.Source == p.Source && e.Target == p.Target }
	sameRoot := func(e Triple, p Produced) bool { return CodeRoot(e.Code) == CodeRoot(p.Code) }
	pass := func(ok func(Triple, Produced) bool) {
		for i, e := range exp {
			if usedE[i] {
				continue
			}
			for j, p := range prod {
				if !usedP[j] && ok(e, p) {
					usedE[i], usedP[j] = true, true
					conf[[2]string{CodeRoot(e.Code), CodeRoot(p.Code)}]++
					break
				}
			}
		}
	}
	pass(func(e Triple, p Produced) bool { return sameRoot(e, p) && sameActors(e, p) })
	pass(sameRoot)
	pass(sameActors)
	for i, e := range exp {
		if !usedE[i] {
			conf[[2]string{CodeRoot(e.Code), ""}]++
		}
	}
	for j, p := range prod {
		if !usedP[j] {
			conf[[2]string{"", CodeRoot(p.Code)}]++
		}
	}
}

// FromEvents turns a coded document's events into what Score compares: each
// event's source and target codes and CAMEO code, with its rule and modality.
// A coder over dyad's stages is then
//
//	func(ctx context.Context, r eval.Record) ([]eval.Produced, error) {
//		d := r.Doc()
//		for _, s := range stages {
//			if err := s.Annotate(ctx, d); err != nil {
//				return nil, err
//			}
//		}
//		return eval.FromEvents(d.Events), nil
//	}
func FromEvents(evs []dyad.Event) []Produced {
	out := make([]Produced, 0, len(evs))
	for _, e := range evs {
		out = append(out, Produced{
			Triple:   Triple{Source: e.Source.Code, Target: e.Target.Code, Code: e.CAMEO}.Norm(),
			Rule:     e.Rule,
			Modality: e.Modality,
		})
	}
	return out
}
