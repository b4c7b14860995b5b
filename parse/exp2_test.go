package parse

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/tag"
)

func TestExpTagger(t *testing.T) {
	if os.Getenv("PARSE_EXP2") == "" {
		t.Skip()
	}
	d := "/work/shared/data/ud-english-ewt/"
	dv, te := readSents(t, d+"en_ewt-ud-dev.conllu"), readSents(t, d+"en_ewt-ud-test.conllu")
	f, _ := os.Open("/tmp/exp_tagger.gz")
	tg, err := tag.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev %+v", tag.Evaluate(tg, dv))
	t.Logf("test %+v", tag.Evaluate(tg, te))
	g, _ := os.Open("/tmp/parse_exp.gz")
	m, err := Read(g)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev gold %v", Evaluate(m, nil, dv))
	t.Logf("dev pred %v", Evaluate(m, tg, dv))
	t.Logf("test gold %v", Evaluate(m, nil, te))
	t.Logf("test pred %v", Evaluate(m, tg, te))
}

func BenchmarkExpParse(b *testing.B) {
	x := loadExp(&testing.T{})
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, _ := Read(g)
	sents := x.Test
	runtime.LockOSThread()
	c0 := cpuNow()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, s := range sents {
			m.Parse(s)
		}
		n++
	}
	b.ReportMetric(float64(n*len(sents))/b.Elapsed().Seconds(), "sent/s")
	b.ReportMetric(float64(n*len(sents))/(cpuNow()-c0), "sent/cpu-s")
}

func BenchmarkExpTag(b *testing.B) {
	d := "/work/shared/data/ud-english-ewt/"
	te := readSents(&testing.T{}, d+"en_ewt-ud-test.conllu")
	f, _ := os.Open("/tmp/exp_tagger.gz")
	tg, _ := tag.Read(f)
	var sents [][]dyad.Token
	for _, s := range te {
		sents = append(sents, s.Tokens())
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, s := range sents {
			tg.Tag(s)
		}
		n++
	}
	b.ReportMetric(float64(n*len(sents))/b.Elapsed().Seconds(), "sent/s")
}

func TestExpErrors(t *testing.T) {
	if os.Getenv("PARSE_EXP2") == "" {
		t.Skip()
	}
	d := "/work/shared/data/ud-english-ewt/"
	te := readSents(t, d+"en_ewt-ud-test.conllu")
	f, _ := os.Open("/tmp/exp_tagger.gz")
	tg, _ := tag.Read(f)
	g, _ := os.Open("/tmp/parse_exp.gz")
	m, _ := Read(g)
	type c struct{ n, head, lab int }
	by := map[string]*c{}
	var tagWrongHeadWrong, tagWrong, tagRightHeadWrong, tagRight int
	for _, s := range te {
		gold := s.Tokens()
		pred := slices.Clone(gold)
		retag(tg, pred)
		m.Parse(pred)
		for i := range gold {
			r := universal(gold[i].Rel)
			if by[r] == nil {
				by[r] = &c{}
			}
			by[r].n++
			ok := pred[i].Head == gold[i].Head
			if ok {
				by[r].head++
				if universal(pred[i].Rel) == r {
					by[r].lab++
				}
			}
			tw := pred[i].XPOS != gold[i].XPOS || (gold[i].Head > 0 && pred[gold[i].Head-1].XPOS != gold[gold[i].Head-1].XPOS)
			if tw {
				tagWrong++
				if !ok {
					tagWrongHeadWrong++
				}
			} else {
				tagRight++
				if !ok {
					tagRightHeadWrong++
				}
			}
		}
	}
	t.Logf("tag wrong (dep or gold head): %d words, head wrong %.1f%%; tags right: %d words, head wrong %.1f%%", tagWrong, 100*float64(tagWrongHeadWrong)/float64(tagWrong), tagRight, 100*float64(tagRightHeadWrong)/float64(tagRight))
	keys := []string{}
	for k := range by {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return (by[b].n - by[b].head) - (by[a].n - by[a].head) })
	for _, k := range keys {
		x := by[k]
		t.Logf("%-12s n=%5d headErr=%4d (%.1f%%) labErr|head=%4d", k, x.n, x.n-x.head, 100*float64(x.n-x.head)/float64(x.n), x.head-x.lab)
	}
}

func TestExpPrune(t *testing.T) {
	if os.Getenv("PARSE_EXP3") == "" {
		t.Skip()
	}
	x := loadExp(t)
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, err := Read(g)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("full: %d+%d features: %v", m.trans.nfeat, m.lab.nfeat, evalTokens(m, x.Test))
	for _, th := range []float32{0.1, 0.25, 0.5, 1, 2} {
		var rows []transRow
		for _, s := range m.trans.rows() {
			mx := float32(0)
			for _, w := range s.w {
				mx = max(mx, w, -w)
			}
			if mx >= th {
				rows = append(rows, s)
			}
		}
		pm := &Model{labels: m.labels, root: m.root, allowed: m.allowed, lab: m.lab, step: m.step}
		pm.trans = newTransWeights(rows)
		pm.pool.New = m.pool.New
		start := time.Now()
		sc := evalTokens(pm, x.Test)
		t.Logf("prune trans < %v: %d features: %v (%v)", th, len(rows), sc, time.Since(start))
	}
}

func TestExpPunct(t *testing.T) {
	if os.Getenv("PARSE_EXP4") == "" {
		t.Skip()
	}
	x := loadExp(t)
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, err := Read(g)
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	kinds := map[string]int{}
	for _, gold := range x.Test {
		pred := slices.Clone(gold)
		m.Parse(pred)
		for i := range gold {
			if gold[i].UPOS != "PUNCT" || gold[i].Head == pred[i].Head {
				continue
			}
			// Was the gold head's own attachment right?
			k := gold[i].Form
			gh := gold[i].Head
			if gh > 0 && pred[gh-1].Head != gold[gh-1].Head {
				k += " goldhead-wrong"
			} else {
				k += " goldhead-ok"
			}
			if i == len(gold)-1 {
				k += " final"
			}
			kinds[k]++
			if shown < 25 && i != len(gold)-1 {
				shown++
				line := ""
				for j, tk := range gold {
					line += fmt.Sprintf("%d:%s/%d/%d ", j+1, tk.Form, tk.Head, pred[j].Head)
				}
				t.Logf("punct %d: %s", i+1, line)
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range kinds {
		kvs = append(kvs, kv{k, v})
	}
	slices.SortFunc(kvs, func(a, b kv) int { return b.v - a.v })
	for _, e := range kvs[:min(20, len(kvs))] {
		t.Logf("%5d %s", e.v, e.k)
	}
}

func TestExpTagSlope(t *testing.T) {
	if os.Getenv("PARSE_EXP5") == "" {
		t.Skip()
	}
	x := loadExp(t)
	gold := tokensOf(readSents(t, "/work/shared/data/ud-english-ewt/en_ewt-ud-test.conllu"))
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, err := Read(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, frac := range []int{0, 25, 50, 75, 100} {
		var sc Scores
		n, right := 0, 0
		for i, s := range x.Test {
			pred := slices.Clone(s)
			for j := range pred {
				if (j*7+i*13)%100 < frac {
					pred[j].UPOS, pred[j].XPOS = gold[i][j].UPOS, gold[i][j].XPOS
				}
				n++
				if pred[j].XPOS == gold[i][j].XPOS {
					right++
				}
			}
			m.Parse(pred)
			sc.Add(gold[i], pred)
		}
		t.Logf("xpos acc %.2f: %v", 100*float64(right)/float64(n), sc)
	}
}

func cpuNow() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func TestExpMaxW(t *testing.T) {
	if os.Getenv("PARSE_EXP6") == "" {
		t.Skip()
	}
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, _ := Read(g)
	var mx float32
	hist := map[int]int{}
	for _, s := range m.trans.rows() {
		for _, w := range s.w {
			mx = max(mx, w, -w)
			{
				a := w
				if a < 0 {
					a = -a
				}
				b := 0
				for x := float32(1); x <= a; x *= 4 {
					b++
				}
				hist[b]++
			}
		}
	}
	var lm float32
	t.Logf("max trans %v max label %v hist %v", mx, lm, hist)
}

type oldSlot struct {
	key uint32
	w   [3]float32
}

func TestExpTableSpeed(t *testing.T) {
	if os.Getenv("PARSE_EXP7") == "" {
		t.Skip()
	}
	x := loadExp(t)
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, _ := Read(g)
	var rows []transRow
	th, _ := strconv.ParseFloat(os.Getenv("PARSE_TH"), 32)
	for _, r := range m.trans.rows() {
		mx := float32(0)
		for _, w := range r.w {
			mx = max(mx, w, -w)
		}
		if mx >= float32(th) {
			rows = append(rows, r)
		}
	}
	m.trans = newTransWeights(rows)
	size := 1 << 10
	for size < len(rows)+len(rows)/2 {
		size <<= 1
	}
	old := make([]oldSlot, size)
	mask := uint32(size - 1)
	for _, r := range rows {
		j := r.key & mask
		for old[j].key != 0 {
			j = (j + 1) & mask
		}
		old[j] = oldSlot{r.key, r.w}
	}
	// Branchless buckets of 4 slots with full keys and int32 weights.
	type bslot struct {
		key uint32
		w   [3]int32
	}
	type bbucket [4]bslot
	nb := 1 << 7
	for nb*4 < 2*len(rows) {
		nb <<= 1
	}
	bt := make([]bbucket, nb)
	bmask := uint32(nb - 1)
	for _, r := range rows {
		b := r.key & bmask
	ins:
		for {
			for i := range bt[b] {
				if bt[b][i].key == 0 {
					bt[b][i] = bslot{r.key, [3]int32{int32(r.w[0] * 32), int32(r.w[1] * 32), int32(r.w[2] * 32)}}
					break ins
				}
			}
			b = (b + 1) & bmask
		}
	}
	// Collect feature vectors from greedy parses.
	var all [][]uint32
	wk := m.pool.Get().(*worker)
	for _, s := range x.Test[:800] {
		wk.at.fill(s)
		wk.st.reset(len(s), uint8(len(m.labels)))
		for !wk.st.terminal() {
			f := extract(nil, &wk.st, &wk.at)
			all = append(all, f)
			tt := bestTransition(&wk.st, m.trans.score(f))
			var l uint8
			if tt != shift {
				l = m.labelOf(wk, &wk.st, tt)
			}
			wk.st.apply(tt, l)
		}
	}
	runtime.LockOSThread()
	var sink float32
	bestOld, bestNew, bestB := 1e9, 1e9, 1e9
	for round := 0; round < 5; round++ {
		c := cpuNow()
		for _, f := range all {
			var sc [3]float32
			var touch uint32
			for _, k := range f {
				touch ^= old[k&mask].key
			}
			sc[1] = float32(touch & 1)
			for _, k := range f {
				j := k & mask
				for {
					s := &old[j]
					if s.key == k {
						sc[0] += s.w[0]
						sc[1] += s.w[1]
						sc[2] += s.w[2]
						break
					}
					if s.key == 0 {
						break
					}
					j = (j + 1) & mask
				}
			}
			sink += sc[0]
		}
		bestOld = min(bestOld, cpuNow()-c)
		c = cpuNow()
		for _, f := range all {
			sc := m.trans.score(f)
			sink += sc[0]
		}
		bestNew = min(bestNew, cpuNow()-c)
		c = cpuNow()
		for _, f := range all {
			var s0, s1, s2 int32
			for _, k := range f {
				b := k & bmask
				for {
					bk := &bt[b]
					for i := range bk {
						var m int32
						if bk[i].key == k {
							m = -1
						}
						s0 += bk[i].w[0] & m
						s1 += bk[i].w[1] & m
						s2 += bk[i].w[2] & m
					}
					if bk[3].key == 0 {
						break
					}
					b = (b + 1) & bmask
				}
			}
			sink += float32(s0 + s1 + s2)
		}
		bestB = min(bestB, cpuNow()-c)
	}
	t.Logf("branchless buckets: %.0f ns/tr", 1e9*bestB/float64(len(all)))
	t.Logf("%d transitions: old %.3fs (%.0f ns/tr) new %.3fs (%.0f ns/tr) %v", len(all), bestOld, 1e9*bestOld/float64(len(all)), bestNew, 1e9*bestNew/float64(len(all)), sink != 0)
}

func TestExpPruneLabels(t *testing.T) {
	if os.Getenv("PARSE_EXP8") == "" {
		t.Skip()
	}
	x := loadExp(t)
	g, _ := os.Open(os.Getenv("PARSE_MODEL"))
	m, err := Read(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range []float32{0, 0.25, 0.5, 1, 2} {
		b := newWeightsBuilder(m.lab.nclass, m.step, m.lab.nfeat)
		cells := 0
		m.lab.each(func(key uint32, row []cell) {
			var r []cell
			for _, c := range row {
				if c.w >= th || c.w <= -th {
					r = append(r, c)
				}
			}
			if len(r) > 0 {
				b.add(key, r)
				cells += len(r)
			}
		})
		lw, _ := b.build()
		pm := &Model{labels: m.labels, root: m.root, allowed: m.allowed, trans: m.trans, lab: lw, step: m.step}
		pm.pool.New = m.pool.New
		start := time.Now()
		sc := evalTokens(pm, x.Test)
		t.Logf("prune labels < %v: %d features %d cells: %v (%v)", th, lw.nfeat, cells, sc, time.Since(start))
	}
}
