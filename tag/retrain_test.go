package tag

import (
	"bytes"
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
)

var (
	retrain = flag.Bool("retrain", false, "train the tagger on UD English EWT and rewrite model/en_ewt.tagger.gz")
	epochs  = flag.Int("epochs", 0, "epochs for -retrain (0: the default)")
	fixedN  = flag.Int("fixed-count", 0, "FixedCount for -retrain")
	fixedR  = flag.Float64("fixed-ratio", 0, "FixedRatio for -retrain")
	prune   = flag.Float64("prune", 0, "Prune for -retrain")
	rare    = flag.Int("rare", 0, "Rare for -retrain")
	seed    = flag.Int64("seed", 0, "Seed for -retrain")
	members = flag.Int("members", 0, "Members for -retrain")
	devOut  = flag.Bool("keep-dev-out", false, "KeepDevOut for -retrain")
	out     = flag.String("out", filepath.Join("model", "en_ewt.tagger.gz"), "where -retrain writes the model")
)

// readEWT reads one part of UD English EWT from the shared data.
func readEWT(t testing.TB, part string) []*conllu.Sentence {
	t.Helper()
	name := "data/ud-english-ewt/en_ewt-ud-" + part + ".conllu"
	f, err := os.Open(dyadtest.Shared(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// TestRetrain rebuilds the embedded model:
//
//	go test ./tag -run TestRetrain -retrain
//
// The other flags above try other options; with -out the embedded model
// stays as it is.
func TestRetrain(t *testing.T) {
	if !*retrain {
		t.Skip("run with -retrain to rebuild the embedded model")
	}
	train, dev, test := readEWT(t, "train"), readEWT(t, "dev"), readEWT(t, "test")
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	m, err := Train(context.Background(), train, dev, Options{Epochs: *epochs, KeepDevOut: *devOut,
		FixedCount: *fixedN, FixedRatio: *fixedR, Prune: *prune, Rare: *rare, Seed: *seed, Members: *members}, log)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("model: %d bytes, %d features, %d weights", buf.Len(), len(m.weights.keys), len(m.weights.w))
	t.Logf("dev:  %+v", Evaluate(again, dev))
	t.Logf("test: %+v", Evaluate(again, test))
}
