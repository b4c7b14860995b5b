package parse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/tag"
)

// Train learns a parser (greedy, or with a beam when opt.Beam > 1) from gold
// treebank sentences and keeps the epoch
// that scores best on dev (labelled attachment), or the last epoch without
// dev. The parser learns from the tags it will see at run time: with
// opt.Folds >= 2 the training sentences are tagged by taggers trained on the
// other folds (jackknifing), otherwise their gold tags are used. Dev is
// tagged by the first fold's tagger, which has not seen dev, or else by
// tagger when it is not nil (a tagger trained with dev flatters the dev
// scores), or else keeps its gold tags. The same data and options always
// give the same model. log receives a line per epoch and may be nil.
func Train(ctx context.Context, train, dev []*conllu.Sentence, tagger *tag.Model, opt Options, log *slog.Logger) (*Model, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("train parser: %w: no training sentences", dyad.ErrInvalid)
	}
	trainToks := tokensOf(train)
	if opt.Folds >= 2 {
		fold, err := jackknife(ctx, train, trainToks, opt, log)
		if err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		tagger = fold
	}
	devToks := tokensOf(dev)
	if tagger != nil {
		for _, toks := range devToks {
			retag(tagger, toks)
		}
	}
	return learn(ctx, trainToks, devToks, opt, log)
}

// tokensOf converts sentences to tokens with their gold annotation.
func tokensOf(sents []*conllu.Sentence) [][]dyad.Token {
	out := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		out[i] = s.Tokens()
	}
	return out
}

// retag replaces the tags, lemmas and features of toks with tagger's.
func retag(tagger *tag.Model, toks []dyad.Token) {
	for i := range toks {
		toks[i].UPOS, toks[i].XPOS, toks[i].Lemma, toks[i].Feats = "", "", "", ""
	}
	tagger.Tag(toks)
}

// jackknife tags each of opt.Folds contiguous folds of train with a tagger
// trained on the other folds, writing the tags into toks, and returns the
// first fold's tagger. The folds are trained in parallel, opt.Workers at a
// time.
func jackknife(ctx context.Context, train []*conllu.Sentence, toks [][]dyad.Token, opt Options, log *slog.Logger) (*tag.Model, error) {
	k := opt.Folds
	workers := max(1, opt.Workers)
	sem := make(chan struct{}, workers)
	errs := make([]error, k)
	var first *tag.Model
	var wg sync.WaitGroup
	for f := range k {
		lo, hi := f*len(train)/k, (f+1)*len(train)/k
		rest := make([]*conllu.Sentence, 0, len(train)-(hi-lo))
		rest = append(append(rest, train[:lo]...), train[hi:]...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			tm, err := tag.Train(ctx, rest, nil, opt.Tag, nil)
			if err != nil {
				errs[f] = fmt.Errorf("jackknife fold %d: %w", f+1, err)
				return
			}
			if f == 0 {
				first = tm
			}
			for _, t := range toks[lo:hi] {
				retag(tm, t)
			}
			sc := tag.Evaluate(tm, train[lo:hi])
			log.Info("jackknife tagger", "fold", f+1, "of", k, "upos", fmt.Sprintf("%.2f", 100*sc.UPOS),
				"xpos", fmt.Sprintf("%.2f", 100*sc.XPOS), "took", time.Since(start).Round(time.Millisecond))
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return first, nil
}

// example is one training sentence: its tokens with the tags the parser
// will see, and its gold tree made projective.
type example struct {
	toks  []dyad.Token
	head  []int32 // index 1..n; 0 unused
	label []uint8
	at    atoms
}

// learn trains a parser on tagged sentences with gold trees, keeping the
// epoch that scores best on dev (LAS), or the last epoch without dev.
func learn(ctx context.Context, train, dev [][]dyad.Token, opt Options, log *slog.Logger) (*Model, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	opt = opt.withDefaults()
	labels := labelSet(train)
	if len(labels) > 63 {
		return nil, fmt.Errorf("train parser: %w: %d relations, at most 63 are supported", dyad.ErrInvalid, len(labels))
	}
	root := slices.Index(labels, "root")
	if root < 0 {
		return nil, fmt.Errorf("train parser: %w: no root relation in the training data", dyad.ErrInvalid)
	}
	lid := make(map[string]uint8, len(labels))
	for i, l := range labels {
		lid[l] = uint8(i)
	}
	exs := make([]*example, 0, len(train))
	for i, toks := range train {
		ex, err := newExample(toks, lid)
		if err != nil {
			return nil, fmt.Errorf("train parser: sentence %d: %w", i+1, err)
		}
		exs = append(exs, ex)
	}
	nl := len(labels)
	var allowed [2]uint64
	for _, ex := range exs {
		for d := 1; d < len(ex.head)-1; d++ {
			if h := ex.head[d]; h != 0 {
				allowed[dirIndex(h, int32(d))] |= 1 << ex.label[d]
			}
		}
	}
	tr := &trainer{
		opt: opt, nl: nl, root: uint8(root), allowed: allowed,
		tl: newLearner(numTransitions), ll: newLearner(nl),
		rng:     rand.New(rand.NewPCG(uint64(opt.Seed), 0x64796164)),
		feats:   make([]uint32, 0, 256),
		lfeats:  make([]uint32, 0, 64),
		scores:  make([]float32, numTransitions),
		lscores: make([]float32, nl),
	}
	tl, ll := tr.tl, tr.ll
	if opt.MinCount > 1 {
		tr.countFeatures(exs)
	}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var best *Model
	bestLAS := -1.0
	for epoch := range opt.Epochs {
		start := time.Now()
		tr.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		tr.explore = epoch >= opt.ExploreFrom
		tr.steps, tr.wrong, tr.arcs, tr.wrongLabel = 0, 0, 0, 0
		for k, i := range order {
			if k%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("train parser: %w", err)
				}
			}
			if opt.Beam > 1 {
				tr.beamSentence(exs[i])
			} else {
				tr.sentence(exs[i])
			}
		}
		wrong, steps, wrongLabel, arcs := tr.wrong, tr.steps, tr.wrongLabel, tr.arcs
		trans := tl.averageDense(opt.Step, opt.Prune)
		lab, err := ll.average(opt.Step)
		if err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		m, err := newModel(labels, allowed, trans, lab, opt.Step)
		if err != nil {
			return nil, fmt.Errorf("train parser: %w", err)
		}
		if opt.Beam > 1 {
			m.beam = opt.Beam
			if opt.Margin > 0 {
				m.margin = opt.Margin
			}
		}
		attrs := []any{"epoch", epoch + 1, "transition_error", fmt.Sprintf("%.2f%%", pct(wrong, steps)),
			"label_error", fmt.Sprintf("%.2f%%", pct(wrongLabel, arcs)),
			"features", m.Features(), "took", time.Since(start).Round(time.Millisecond)}
		if len(dev) > 0 {
			sc := evalTokens(m, dev)
			attrs = append(attrs, "dev_uas", fmt.Sprintf("%.2f", sc.UAS()), "dev_las", fmt.Sprintf("%.2f", sc.LAS()))
			if sc.LAS() > bestLAS {
				best, bestLAS = m, sc.LAS()
			}
		} else {
			best = m
		}
		log.Info("parser epoch", attrs...)
	}
	return best, nil
}

// trainer holds what the training of one model shares across sentences.
type trainer struct {
	opt     Options
	nl      int
	root    uint8
	allowed [2]uint64
	tl, ll  *learner
	rng     *rand.Rand
	explore bool

	st              state
	or              oracle
	feats, lfeats   []uint32
	scores, lscores []float32
	gold            []move

	bm    beam
	gst   state
	path  []move
	delta []featDelta

	steps, wrong, arcs, wrongLabel int
}

// sentence trains on one sentence with the dynamic oracle: the
// transition classifier is updated wherever its best transition is not of
// least cost, and the parser then follows either the oracle or, when
// exploring, its own prediction.
func (tr *trainer) sentence(ex *example) {
	st, or := &tr.st, &tr.or
	st.reset(len(ex.toks), uint8(tr.nl))
	or.head, or.label = ex.head, ex.label
	or.reset(st)
	for !st.terminal() {
		tr.feats = extract(tr.feats[:0], st, &ex.at)
		tr.tl.score(tr.feats, tr.scores)
		sc := [numTransitions]float32(tr.scores)
		pred := bestTransition(st, sc)
		gold, costs := bestZeroCost(st, or, sc)
		tr.steps++
		next := pred
		if costs[pred] > costs[gold] {
			tr.wrong++
			tr.tl.update(tr.feats, gold, pred)
			if !tr.explore || tr.rng.Float64() >= tr.opt.Explore {
				next = gold
			}
		}
		var l uint8
		if next != shift {
			l = tr.label(ex, st, next, true)
		} else {
			or.shift(st.b)
		}
		st.apply(next, l)
	}
}

// label returns the label for the arc of transition t in st. On a gold arc
// the label classifier learns, and the gold label is returned unless the
// trainer explores (and may) follow a wrong prediction.
func (tr *trainer) label(ex *example, st *state, t int, learn bool) uint8 {
	h, d := st.arc(t)
	if h == 0 {
		return tr.root
	}
	tr.lfeats = labelFeatures(tr.lfeats[:0], st, &ex.at, h, d)
	tr.ll.score(tr.lfeats, tr.lscores)
	pl := bestLabel(tr.lscores, tr.allowed[dirIndex(h, d)]&^(1<<tr.root))
	if !learn || ex.head[d] != h {
		return pl
	}
	tr.arcs++
	l := ex.label[d]
	if pl != l {
		tr.wrongLabel++
		tr.ll.update(tr.lfeats, int(l), int(pl))
		if tr.explore && tr.rng.Float64() < tr.opt.Explore {
			return pl
		}
	}
	return l
}

// move is one transition with the label of its arc.
type move struct{ t, l uint8 }

// goldSequence returns the transitions and labels that build the (projective)
// gold tree of ex, preferring left-arc, then right-arc, then shift.
func (tr *trainer) goldSequence(ex *example) []move {
	st, or := &tr.st, &tr.or
	st.reset(len(ex.toks), uint8(tr.nl))
	or.head, or.label = ex.head, ex.label
	or.reset(st)
	seq := tr.gold[:0]
	for !st.terminal() {
		_, la, ra := or.costs(st)
		t := shift
		switch {
		case st.canLeft() && la == 0:
			t = left
		case st.canRight() && ra == 0:
			t = right
		case !st.canShift():
			t = right // cannot happen for a projective tree
		}
		var l uint8
		if t == shift {
			or.shift(st.b)
		} else {
			_, d := st.arc(t)
			l = ex.label[d]
		}
		seq = append(seq, move{t: uint8(t), l: l})
		st.apply(t, l)
	}
	tr.gold = seq
	return seq
}

// countFeatures restricts both learners to the features seen at least
// opt.MinCount times along the gold transition sequences.
func (tr *trainer) countFeatures(exs []*example) {
	tc := make(map[uint32]int32, 1<<22)
	lc := make(map[uint32]int32, 1<<20)
	for _, ex := range exs {
		gold := tr.goldSequence(ex)
		st := &tr.st
		st.reset(len(ex.toks), uint8(tr.nl))
		for _, s := range gold {
			tr.feats = extract(tr.feats[:0], st, &ex.at)
			for _, f := range tr.feats {
				tc[f]++
			}
			if s.t != shift {
				if h, d := st.arc(int(s.t)); h != 0 {
					tr.lfeats = labelFeatures(tr.lfeats[:0], st, &ex.at, h, d)
					for _, f := range tr.lfeats {
						lc[f]++
					}
				}
			}
			st.apply(int(s.t), s.l)
		}
	}
	keep := func(c map[uint32]int32) map[uint32]bool {
		k := make(map[uint32]bool, len(c)/2)
		for f, n := range c {
			if int(n) >= tr.opt.MinCount {
				k[f] = true
			}
		}
		return k
	}
	tr.tl.keep, tr.ll.keep = keep(tc), keep(lc)
}

// bestZeroCost returns the best-scoring valid transition of least cost
// under the dynamic oracle, and the costs of all (invalid ones MaxInt32).
func bestZeroCost(s *state, o *oracle, sc [numTransitions]float32) (int, [numTransitions]int) {
	costs := [numTransitions]int{math.MaxInt32, math.MaxInt32, math.MaxInt32}
	sh, la, ra := o.costs(s)
	if s.canShift() {
		costs[shift] = sh
	}
	if s.canLeft() {
		costs[left] = la
	}
	if s.canRight() {
		costs[right] = ra
	}
	best := -1
	for t, c := range costs {
		if c == math.MaxInt32 {
			continue
		}
		if best < 0 || c < costs[best] || c == costs[best] && sc[t] > sc[best] {
			best = t
		}
	}
	return best, costs
}

// labelSet returns the sorted relations of the training data.
func labelSet(sents [][]dyad.Token) []string {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, t := range s {
			seen[t.Rel] = true
		}
	}
	var out []string
	for l := range seen {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

func newExample(toks []dyad.Token, lid map[string]uint8) (*example, error) {
	n := len(toks)
	if n == 0 {
		return nil, fmt.Errorf("%w: empty sentence", dyad.ErrInvalid)
	}
	ex := &example{toks: toks, head: make([]int32, n+2), label: make([]uint8, n+2)}
	roots := 0
	for i, t := range toks {
		if t.Head < 0 || t.Head > n || t.Head == i+1 {
			return nil, fmt.Errorf("%w: word %d has head %d", dyad.ErrInvalid, i+1, t.Head)
		}
		if t.Head == 0 {
			roots++
		}
		ex.head[i+1] = int32(t.Head)
		ex.label[i+1] = lid[t.Rel]
	}
	if roots != 1 {
		return nil, fmt.Errorf("%w: %d roots", dyad.ErrInvalid, roots)
	}
	if !acyclic(ex.head[:n+1]) {
		return nil, fmt.Errorf("%w: heads form a cycle", dyad.ErrInvalid)
	}
	projectivize(ex.head[:n+1])
	ex.at.fill(toks)
	return ex, nil
}

// acyclic reports whether every token reaches the root.
func acyclic(head []int32) bool {
	n := len(head) - 1
	for i := 1; i <= n; i++ {
		x, steps := int32(i), 0
		for x != 0 {
			x = head[x]
			if steps++; steps > n {
				return false
			}
		}
	}
	return true
}

// projectivize lifts non-projective arcs, the shortest first, to the head's
// head until the tree is projective (index 0 is the root, 1..n the tokens).
func projectivize(head []int32) {
	for {
		best, bestLen := int32(-1), int32(math.MaxInt32)
		for d := int32(1); d < int32(len(head)); d++ {
			h := head[d]
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(head, h, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 {
			return
		}
		head[best] = head[head[best]]
	}
}

// dominates reports whether h is an ancestor of k.
func dominates(head []int32, h, k int32) bool {
	for k != 0 {
		k = head[k]
		if k == h {
			return true
		}
	}
	return h == 0
}

// evalTokens parses copies of gold sentences (tags as given) and scores them.
func evalTokens(m *Model, gold [][]dyad.Token) Scores {
	var sc Scores
	var pred []dyad.Token
	for _, g := range gold {
		pred = append(pred[:0], g...)
		m.Parse(pred)
		sc.Add(g, pred)
	}
	return sc
}

// Options control training.
type Options struct {
	Epochs      int     // passes over the training data; 0 means 15
	Seed        int64   // seed of the shuffling and exploration; 0 means 1
	Explore     float64 // probability of following a wrong prediction; 0 means 0.9, <0 never
	ExploreFrom int     // first epoch (0-based) that explores; 0 means 1, <0 the first
	Step        float32 // weights are rounded to multiples of Step; 0 means 1/32
	Prune       float32 // transition features whose weights are all below Prune in magnitude are dropped; 0 means 0.25, <0 none
	MinCount    int     // features seen fewer times on the gold paths get no weight; 0 means 2, 1 keeps all
	Folds       int     // jackknife folds for predicted training tags; <2 trains on gold tags
	Workers     int     // jackknife taggers trained at once; 0 means 1
	Tag         tag.Options
	// Beam is the beam width: the parser is trained with beam search and
	// max-violation updates (beam.go) and parses with the same beam. Below
	// 2 it is greedy, trained with the dynamic oracle and exploration.
	Beam int
	// Margin, when above 0, makes a beam model keep only the items that
	// score within Margin of the best (in the units of the weights), which
	// parses faster for little loss; 0 keeps the whole beam.
	Margin float32
}

func (o Options) withDefaults() Options {
	if o.Epochs <= 0 {
		o.Epochs = 15
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	switch {
	case o.ExploreFrom == 0:
		o.ExploreFrom = 1
	case o.ExploreFrom < 0:
		o.ExploreFrom = 0
	}
	if o.Step <= 0 {
		o.Step = 1.0 / 32
	}
	switch {
	case o.Prune == 0:
		o.Prune = 0.25
	case o.Prune < 0:
		o.Prune = 0
	}
	return o
}
