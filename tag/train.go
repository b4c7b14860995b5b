package tag

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
)

// Options tune training. The zero value gives the defaults.
type Options struct {
	// Epochs is the number of passes over the training data (default 12).
	// With dev sentences, the epoch that scores best on them is kept.
	Epochs int
	// Seed orders the sentences of each epoch (default 1); member i of the
	// ensemble uses Seed+i.
	Seed int64
	// FixedCount and FixedRatio make a form's tag fixed when it occurs at
	// least FixedCount times (default 20) with one class at least FixedRatio
	// of the time (default 0.97).
	FixedCount int
	FixedRatio float64
	// Rare is the count up to which a training form is treated as unknown
	// while training (no lexicon class, no word identity: default 3), so
	// that the weights learn how unseen words look.
	Rare int
	// Prune drops averaged weights smaller than this in absolute value
	// (default 0.01).
	Prune float64
	// Members is the number of perceptrons averaged (default 3).
	Members int
	// KeepDevOut keeps the model trained on train alone. By default, once
	// dev has chosen the number of epochs, the model is trained again on
	// train and dev together for that many epochs.
	KeepDevOut bool
	// LemmaRule is the number of word types a suffix rule of the
	// lemmatizer needs (default 2).
	LemmaRule int
}

func (o *Options) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.Members <= 0 {
		o.Members = 3
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.FixedCount <= 0 {
		o.FixedCount = 20
	}
	if o.FixedRatio <= 0 {
		o.FixedRatio = 0.97
	}
	if o.Rare <= 0 {
		o.Rare = 3
	}
	if o.Prune <= 0 {
		o.Prune = 0.01
	}
	if o.LemmaRule <= 0 {
		o.LemmaRule = 2
	}
}

// ErrNoData is returned by Train when there is nothing to learn from; it is
// also a dyad.ErrInvalid.
var ErrNoData = fmt.Errorf("no training sentences: %w", dyad.ErrInvalid)

// Train learns a model from gold sentences. The model is the average of
// opt.Members perceptrons that differ in the order they see the sentences.
// With dev sentences, the epoch that scores best on them sets each one's
// number of epochs, and unless opt.KeepDevOut they are then trained again on
// train and dev together. The same data and options always give the same
// model. log receives one line per epoch; it may be nil.
func Train(ctx context.Context, train, dev []*conllu.Sentence, opt Options, log *slog.Logger) (*Model, error) {
	opt.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("tag: train: %w", ErrNoData)
	}
	epochs := make([]int, opt.Members)
	for i := range epochs {
		epochs[i] = opt.Epochs
	}
	m, err := fit(ctx, train, dev, opt, epochs, log)
	if err != nil || len(dev) == 0 {
		return m, err
	}
	sc := Evaluate(m, dev)
	log.Info("tag: trained", "epochs", epochs, "dev_upos", sc.UPOS, "dev_xpos", sc.XPOS, "dev_lemma", sc.Lemma)
	if opt.KeepDevOut {
		return m, nil
	}
	log.Info("tag: training again on train and dev")
	return fit(ctx, append(slices.Clip(train), dev...), nil, opt, epochs, log)
}

// fit trains the members on train, member i for epochs[i] epochs, and
// averages them. With dev, epochs[i] is set to the member's best epoch.
func fit(ctx context.Context, train, dev []*conllu.Sentence, opt Options, epochs []int, log *slog.Logger) (*Model, error) {
	m, err := newFromData(train, opt)
	if err != nil {
		return nil, fmt.Errorf("tag: train: %w", err)
	}
	gold := m.goldClasses(train)
	members := make([]*weights, len(epochs))
	for i := range members {
		o := opt
		o.Seed, o.Epochs = opt.Seed+int64(i), epochs[i]
		members[i], epochs[i], err = m.learn(ctx, train, gold, dev, o, log.With("member", i+1))
		if err != nil {
			return nil, fmt.Errorf("tag: train: %w", err)
		}
	}
	m.weights, m.rare = mergeWeights(members), nil
	m.sumLocal()
	return m, nil
}

// mergeWeights averages weights.
func mergeWeights(ws []*weights) *weights {
	if len(ws) == 1 {
		return ws[0]
	}
	sum := map[uint64]map[uint8]float64{}
	for _, w := range ws {
		for r, k := range w.keys {
			row := sum[k]
			if row == nil {
				row = map[uint8]float64{}
				sum[k] = row
			}
			for j := w.start[r]; j < w.start[r+1]; j++ {
				row[w.cls[j]] += float64(w.w[j])
			}
		}
	}
	out := &weights{start: []uint32{0}}
	n := float64(len(ws))
	for _, k := range sortedKeys(sum) {
		row := sum[k]
		for _, c := range sortedKeys(row) {
			out.cls = append(out.cls, c)
			out.w = append(out.w, float32(row[c]/n))
		}
		out.keys = append(out.keys, k)
		out.start = append(out.start, uint32(len(out.cls)))
	}
	out.table = newTable(out.keys, out.start, out.cls, out.w)
	return out
}

// goldClasses returns the class of every word of sents.
func (m *Model) goldClasses(sents []*conllu.Sentence) [][]int {
	classOf := map[string]int{}
	for i, c := range m.classes {
		classOf[c.UPOS+"\t"+c.XPOS] = i
	}
	gold := make([][]int, len(sents))
	for i, s := range sents {
		gold[i] = make([]int, len(s.Words))
		for j, w := range s.Words {
			gold[i][j] = classOf[w.UPOS+"\t"+w.XPOS]
		}
	}
	return gold
}

// learn trains the perceptron on train, whose classes are gold. With dev
// sentences it returns the weights of the epoch best on them, and that
// epoch.
func (m *Model) learn(ctx context.Context, train []*conllu.Sentence, gold [][]int, dev []*conllu.Sentence,
	opt Options, log *slog.Logger) (*weights, int, error) {
	p := &perceptron{idx: map[uint64]int32{}, nc: len(m.classes)}
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x64796164))
	var best *weights
	bestEpoch, bestScore := 0, -1.0
	st := &state{}
	scores := make([]int64, len(m.classes))
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for n, si := range order {
			if n%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, 0, err
				}
			}
			words := train[si].Words
			st.reset(len(words))
			m.prepare(st, func(i int) string { return words[i].Form }, len(words))
			p1, p2 := tagValue(-1), tagValue(-2)
			for i := range words {
				g := gold[si][i]
				c := -1
				if e, ok := st.lex[i], st.inLex[i]; ok && e.fixed {
					c = int(e.class)
				} else {
					st.fs = m.features(st, i, p1, p2)
					p.scores(st.fs, scores)
					c = argmaxInt(scores)
					p.update(st.fs, g, c)
				}
				if c == g {
					correct++
				}
				total++
				p2, p1 = p1, tagValue(c)
			}
		}
		args := []any{"epoch", epoch, "train_acc", float64(correct) / float64(total)}
		if len(dev) == 0 {
			log.Debug("tag: epoch", args...)
			if epoch == opt.Epochs {
				best, bestEpoch = p.average(opt.Prune), epoch
			}
			continue
		}
		cand := p.average(opt.Prune)
		args = append(args, "features", len(cand.keys), "weights", len(cand.w))
		em := m.shallowCopy()
		em.weights = cand
		em.sumLocal()
		sc := Evaluate(em, dev)
		score := sc.UPOS + sc.XPOS
		log.Info("tag: epoch", append(args, "dev_upos", sc.UPOS, "dev_xpos", sc.XPOS, "dev_lemma", sc.Lemma)...)
		if score > bestScore {
			best, bestEpoch, bestScore = cand, epoch, score
		}
	}
	return best, bestEpoch, nil
}

// newFromData builds everything but the perceptron weights: the classes,
// the lexicon, the lemmatizer and the features table.
func newFromData(train []*conllu.Sentence, opt Options) (*Model, error) {
	classSet := map[class]bool{}
	xposSet := map[string]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			if w.UPOS == "" || w.XPOS == "" || w.UPOS == "_" || w.XPOS == "_" {
				return nil, &dyad.InputError{Input: "train", Line: s.Line, Record: s.ID, Offset: -1,
					Err: fmt.Errorf("%w: word %d %q has no UPOS or XPOS", dyad.ErrInvalid, w.ID, w.Form)}
			}
			classSet[class{UPOS: w.UPOS, XPOS: w.XPOS}] = true
			xposSet[w.XPOS] = true
		}
	}
	if len(classSet) > 255 {
		return nil, fmt.Errorf("%w: %d UPOS and XPOS pairs, at most 255", dyad.ErrInvalid, len(classSet))
	}
	m := &Model{xpos: sortedKeys(xposSet)}
	for c := range classSet {
		m.classes = append(m.classes, c)
	}
	slices.SortFunc(m.classes, func(a, b class) int {
		if c := strings.Compare(a.UPOS, b.UPOS); c != 0 {
			return c
		}
		return strings.Compare(a.XPOS, b.XPOS)
	})
	xi := map[string]int{}
	for i, x := range m.xpos {
		xi[x] = i
	}
	ci := map[class]int{}
	for i := range m.classes {
		m.classes[i].x = xi[m.classes[i].XPOS]
		ci[class{UPOS: m.classes[i].UPOS, XPOS: m.classes[i].XPOS}] = i
	}

	// Lexicon, lemmas and morphological features.
	formClass := map[string][]int{}
	var lt lemmaTrainer
	type fc struct {
		form string
		c    int
	}
	morph := map[fc]map[string]int{}
	classMorph := make([]map[string]int, len(m.classes))
	var buf, prev []byte
	titleVotes := make([][2][2]int, len(m.xpos)) // per XPOS, place (mid, initial): lower-cased, kept
	for _, s := range train {
		for j, w := range s.Words {
			c := ci[class{UPOS: w.UPOS, XPOS: w.XPOS}]
			buf = normalize(buf[:0], w.Form)
			norm := string(buf)
			if isTitle(buf) {
				place := 0
				if j == 0 || opensSentence(prev) {
					place = 1
				}
				switch lemma := string(normalize(nil, w.Lemma)); lemma {
				case norm:
					titleVotes[xi[w.XPOS]][place][1]++
				case strings.ToLower(norm):
					titleVotes[xi[w.XPOS]][place][0]++
				}
			}
			prev = append(prev[:0], buf...)
			if formClass[norm] == nil {
				formClass[norm] = make([]int, len(m.classes))
			}
			formClass[norm][c]++
			lemma := string(normalize(nil, w.Lemma))
			lt.add(norm, xi[w.XPOS], lemma)
			lw := strings.ToLower(norm)
			k := fc{lw, c}
			if morph[k] == nil {
				morph[k] = map[string]int{}
			}
			morph[k][w.Feats]++
			if classMorph[c] == nil {
				classMorph[c] = map[string]int{}
			}
			classMorph[c][w.Feats]++
		}
	}
	m.lex = map[string]lexEntry{}
	m.rare = map[string]bool{}
	for form, counts := range formClass {
		best, total := 0, 0
		for c, n := range counts {
			total += n
			if n > counts[best] {
				best = c
			}
		}
		if total <= opt.Rare {
			m.rare[form] = true
		}
		e := lexEntry{class: uint8(best)}
		if total >= opt.FixedCount && float64(counts[best]) >= opt.FixedRatio*float64(total) {
			e.fixed = true
		}
		m.lex[form] = e
	}
	m.lemmas, m.rules, m.known = lt.build(m.xpos, opt.LemmaRule)
	m.keepTitle = make([]uint8, len(m.xpos))
	for x, v := range titleVotes {
		for place := range 2 {
			if v[place][1] > v[place][0] {
				m.keepTitle[x] |= placeBit(place == 1)
			}
		}
	}

	m.classMorph = make([]string, len(m.classes))
	for c, counts := range classMorph {
		m.classMorph[c] = mostFrequent(counts)
	}
	m.morph = make([]map[string]string, len(m.classes))
	for c := range m.morph {
		m.morph[c] = map[string]string{}
	}
	for k, counts := range morph {
		if f := mostFrequent(counts); f != m.classMorph[k.c] {
			m.morph[k.c][k.form] = f
		}
	}
	m.setQuotes()
	return m, nil
}

// setQuotes finds the classes of opening and closing quotes.
func (m *Model) setQuotes() {
	m.openQuote, m.closeQuote = -1, -1
	for i, c := range m.classes {
		if c.UPOS == "PUNCT" && c.XPOS == "``" {
			m.openQuote = i
		}
		if c.UPOS == "PUNCT" && c.XPOS == "''" {
			m.closeQuote = i
		}
	}
}

// mostFrequent returns the key with the highest count, the smallest on ties.
func mostFrequent(counts map[string]int) string {
	best, bn := "", -1
	for k, n := range counts {
		if n > bn || n == bn && k < best {
			best, bn = k, n
		}
	}
	if best == "_" {
		return ""
	}
	return best
}

// perceptron is the averaged perceptron being trained. Weights change by
// whole steps, so they and their running totals are integers; averaging is
// lazy (each weight remembers when it last changed).
type perceptron struct {
	idx  map[uint64]int32
	rows [][]weight
	nc   int
	now  int64 // number of updates counted so far (one per trained token)
}

type weight struct {
	cls   uint8
	w     int32
	total int64 // sum of w over the steps before ts
	ts    int64
}

func (p *perceptron) scores(fs []uint64, scores []int64) {
	clear(scores)
	for _, f := range fs {
		r, ok := p.idx[f]
		if !ok {
			continue
		}
		for _, w := range p.rows[r] {
			scores[w.cls] += int64(w.w)
		}
	}
}

// argmaxInt returns the class with the highest score, the lowest on ties.
func argmaxInt(scores []int64) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}

func (p *perceptron) update(fs []uint64, truth, guess int) {
	p.now++
	if truth == guess {
		return
	}
	for _, f := range fs {
		r, ok := p.idx[f]
		if !ok {
			r = int32(len(p.rows))
			p.idx[f] = r
			p.rows = append(p.rows, nil)
		}
		p.add(r, truth, 1)
		p.add(r, guess, -1)
	}
}

func (p *perceptron) add(r int32, c int, d int32) {
	row := p.rows[r]
	for i := range row {
		if int(row[i].cls) == c {
			w := &row[i]
			w.total += (p.now - w.ts) * int64(w.w)
			w.ts = p.now
			w.w += d
			return
		}
	}
	p.rows[r] = append(row, weight{cls: uint8(c), w: d, ts: p.now})
}

// average returns the averaged weights, without those smaller than prune.
func (p *perceptron) average(prune float64) *weights {
	keys := make([]uint64, 0, len(p.idx))
	for k := range p.idx {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := &weights{start: []uint32{0}}
	now := float64(max(p.now, 1))
	for _, k := range keys {
		row := p.rows[p.idx[k]]
		n := len(out.cls)
		for _, w := range row {
			avg := float64(w.total+(p.now-w.ts)*int64(w.w)) / now
			if math.Abs(avg) < prune {
				continue
			}
			out.cls = append(out.cls, w.cls)
			out.w = append(out.w, float32(avg))
		}
		if len(out.cls) == n {
			continue
		}
		sortRow(out.cls[n:], out.w[n:])
		out.keys = append(out.keys, k)
		out.start = append(out.start, uint32(len(out.cls)))
	}
	out.table = newTable(out.keys, out.start, out.cls, out.w)
	return out
}

// sortRow orders one row's weights by class.
func sortRow(cls []uint8, w []float32) {
	for i := 1; i < len(cls); i++ {
		for j := i; j > 0 && cls[j] < cls[j-1]; j-- {
			cls[j], cls[j-1] = cls[j-1], cls[j]
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
}

// shallowCopy copies m without its weights; the lexicons but the first are
// shared.
func (m *Model) shallowCopy() *Model {
	return &Model{
		classes: m.classes, xpos: m.xpos, lex: maps.Clone(m.lex),
		lemmas: m.lemmas, rules: m.rules, known: m.known, keepTitle: m.keepTitle, morph: m.morph, classMorph: m.classMorph,
		openQuote: m.openQuote, closeQuote: m.closeQuote,
	}
}
