package parse

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tag"
)

// The experiments behind the choice of the parser's recipe, held out of the
// normal test run by their flags. They tune on EWT dev with the parser
// trained on EWT train alone:
//
//	# train with jackknifed tags (10 folds); dev and test tagged by a
//	# tagger trained on train (about 12 minutes on one core)
//	go test ./parse -run TestMakeJackknife -mkjk -expdir /tmp/jk -timeout 2h
//	# train a parser, logging dev per epoch (greedy: about 10 minutes; with
//	# -exp-beam 4, about 30)
//	go test ./parse -run TestExperiment -exp -expdir /tmp/jk -exp-beam 4 -exp-epochs 10 \
//		-exp-out /tmp/b4.parser.gz -timeout 5h -v
//	# score a model on dev with other beams and margins, and time it
//	go test ./parse -run TestBeamCurve -curve /tmp/b4.parser.gz -expdir /tmp/jk \
//		-beams 1,2,4,8 -margins 0,512,256,128 -v
var (
	expDir    = flag.String("expdir", "", "folder of the tagged train, dev and test CoNLL-U files of -mkjk, -exp and -curve")
	mkjk      = flag.Bool("mkjk", false, "write the jackknifed train and the tagged dev and test to -expdir")
	exp       = flag.Bool("exp", false, "train a parser on -expdir train and log its dev scores per epoch")
	expEpochs = flag.Int("exp-epochs", 15, "epochs of -exp")
	expBeam   = flag.Int("exp-beam", 0, "beam width of -exp")
	expOut    = flag.String("exp-out", "", "file to write the -exp model to")
	curve     = flag.String("curve", "", "model to score on -expdir dev with each of -beams and -margins")
	beams     = flag.String("beams", "1,2,4,8", "beam widths of -curve")
	margins   = flag.String("margins", "0", "beam margins of -curve (0: the whole beam)")
)

func readPart(t testing.TB, path string) []*conllu.Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writePart writes sents with the tags of toks.
func writePart(t testing.TB, path string, sents []*conllu.Sentence, toks [][]dyad.Token) {
	t.Helper()
	var buf bytes.Buffer
	for i, s := range sents {
		c := *s
		c.Words = slices.Clone(s.Words)
		for j := range c.Words {
			w, tk := &c.Words[j], toks[i][j]
			w.UPOS, w.XPOS, w.Lemma, w.Feats = tk.UPOS, tk.XPOS, tk.Lemma, tk.Feats
		}
		if err := conllu.Write(&buf, &c); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMakeJackknife(t *testing.T) {
	if !*mkjk {
		t.Skip("run with -mkjk -expdir DIR")
	}
	ewt := func(p string) string { return dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-"+p+".conllu") }
	train, dev, test := readPart(t, ewt("train")), readPart(t, ewt("dev")), readPart(t, ewt("test"))
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	toks := tokensOf(train)
	if _, err := jackknife(context.Background(), train, toks, Options{Folds: 10, Workers: 1}, log); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*expDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writePart(t, filepath.Join(*expDir, "train.conllu"), train, toks)
	tm, err := tag.Train(context.Background(), train, nil, tag.Options{}, log)
	if err != nil {
		t.Fatal(err)
	}
	for name, sents := range map[string][]*conllu.Sentence{"dev": dev, "test": test} {
		toks := tokensOf(sents)
		for _, ts := range toks {
			retag(tm, ts)
		}
		writePart(t, filepath.Join(*expDir, name+".conllu"), sents, toks)
	}
}

func TestExperiment(t *testing.T) {
	if !*exp {
		t.Skip("run with -exp -expdir DIR")
	}
	train := tokensOf(readPart(t, filepath.Join(*expDir, "train.conllu")))
	dev := tokensOf(readPart(t, filepath.Join(*expDir, "dev.conllu")))
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	m, err := learn(context.Background(), train, dev, Options{Epochs: *expEpochs, Beam: *expBeam}, log)
	if err != nil {
		t.Fatal(err)
	}
	if *expOut != "" {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*expOut, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("model: %d bytes, %d features", buf.Len(), m.Features())
	}
}

// TestBeamCurve scores a model on dev with other beam widths and margins
// than its own, with the mean number of items the beam kept and the
// parser's speed in sentences per CPU second of its thread.
func TestBeamCurve(t *testing.T) {
	if *curve == "" {
		t.Skip("run with -curve MODEL -expdir DIR")
	}
	f, err := os.Open(*curve)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dev := tokensOf(readPart(t, filepath.Join(*expDir, "dev.conllu")))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, k := range numbers(t, *beams) {
		for _, margin := range numbers(t, *margins) {
			if k < 2 && margin > 0 {
				continue
			}
			m.beam, m.margin = int(k), float32(margin)
			if margin == 0 {
				m.margin = float32(math.Inf(1))
			}
			wk := &worker{scores: make([]int32, len(m.labels))}
			var sc Scores
			cpu := threadCPU()
			for _, g := range dev {
				pred := slices.Clone(g)
				m.parseWith(wk, pred)
				sc.Add(g, pred)
			}
			cpu = threadCPU() - cpu
			t.Logf("beam %d margin %g: %.2f items, %.0f sentences/cpu-s: %v",
				int(k), margin, float64(wk.items)/float64(max(wk.steps, 1)), float64(len(dev))/cpu, sc)
		}
	}
}

func numbers(t *testing.T, s string) []float64 {
	var out []float64
	for f := range strings.SplitSeq(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			t.Fatal(fmt.Errorf("bad number list %q: %w", s, err))
		}
		out = append(out, x)
	}
	return out
}

// threadCPU returns the CPU time of the calling OS thread in seconds.
func threadCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
