package parse

import (
	"context"
	"encoding/gob"
	"log/slog"
	"os"
	"strconv"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/tag"
)

func readSents(t testing.TB, path string) []*conllu.Sentence {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

type expData struct{ Train, Dev, Test [][]dyad.Token }

// loadExp returns EWT with jackknifed train tags, and dev and test tagged by
// a tagger trained on train only.
func loadExp(t *testing.T) expData {
	var x expData
	if f, err := os.Open("/tmp/exp_data.gob"); err == nil {
		defer f.Close()
		if err := gob.NewDecoder(f).Decode(&x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	d := "/work/shared/data/ud-english-ewt/"
	tr, dv, te := readSents(t, d+"en_ewt-ud-train.conllu"), readSents(t, d+"en_ewt-ud-dev.conllu"), readSents(t, d+"en_ewt-ud-test.conllu")
	x.Train = tokensOf(tr)
	if _, err := jackknife(context.Background(), tr, x.Train, Options{Folds: 5, Workers: 2}, slog.Default()); err != nil {
		t.Fatal(err)
	}
	tg, err := tag.Train(context.Background(), tr, nil, tag.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	x.Dev, x.Test = tokensOf(dv), tokensOf(te)
	for _, s := range x.Dev {
		retag(tg, s)
	}
	for _, s := range x.Test {
		retag(tg, s)
	}
	f, _ := os.Create("/tmp/exp_data.gob")
	gob.NewEncoder(f).Encode(&x)
	f.Close()
	return x
}

func TestExperiment(t *testing.T) {
	if os.Getenv("PARSE_EXP") == "" {
		t.Skip()
	}
	x := loadExp(t)
	if os.Getenv("PARSE_ADDDEV") != "" {
		x.Train = append(x.Train, x.Dev...)
	}
	if os.Getenv("PARSE_GOLDTRAIN") != "" {
		x.Train = tokensOf(readSents(t, "/work/shared/data/ud-english-ewt/en_ewt-ud-train.conllu"))
	}
	ep, _ := strconv.Atoi(os.Getenv("PARSE_EPOCHS"))
	mc, _ := strconv.Atoi(os.Getenv("PARSE_MINCOUNT"))
	pr, _ := strconv.ParseFloat(os.Getenv("PARSE_PRUNE"), 32)
	m, err := learn(context.Background(), x.Train, x.Dev, Options{Epochs: ep, MinCount: mc, Prune: float32(pr)}, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test predicted tags: %v", evalTokens(m, x.Test))
	out := os.Getenv("PARSE_OUT")
	if out == "" {
		out = "/tmp/parse_exp.gz"
	}
	f, _ := os.Create(out)
	if err := m.Save(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestExpFinal does what `dyad train --tagger tag/model/en_ewt.tagger.gz
// --with-dev` does for the parser.
func TestExpFinal(t *testing.T) {
	if os.Getenv("PARSE_FINAL") == "" {
		t.Skip()
	}
	d := "/work/shared/data/ud-english-ewt/"
	tr, dv, te := readSents(t, d+"en_ewt-ud-train.conllu"), readSents(t, d+"en_ewt-ud-dev.conllu"), readSents(t, d+"en_ewt-ud-test.conllu")
	tg, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	mc, _ := strconv.Atoi(os.Getenv("PARSE_MINCOUNT"))
	pr, _ := strconv.ParseFloat(os.Getenv("PARSE_PRUNE"), 32)
	var dev []*conllu.Sentence
	if os.Getenv("PARSE_FINAL") == "dev" {
		dev = dv
	} else {
		tr = append(tr, dv...)
	}
	m, err := Train(context.Background(), tr, dev, tg, Options{Epochs: 12, Seed: 1, Folds: 5, Workers: 2, MinCount: mc, Prune: float32(pr), Tag: tag.Options{Seed: 1}}, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test, embedded tagger: %v", Evaluate(m, tg, te))
	f, _ := os.Create(os.Getenv("PARSE_OUT"))
	if err := m.Save(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestExpFinal2(t *testing.T) {
	if os.Getenv("PARSE_FINAL2") == "" {
		t.Skip()
	}
	d := "/work/shared/data/ud-english-ewt/"
	tr, dv, te := readSents(t, d+"en_ewt-ud-train.conllu"), readSents(t, d+"en_ewt-ud-dev.conllu"), readSents(t, d+"en_ewt-ud-test.conllu")
	tg, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	tr = append(tr, dv...)
	var toks [][]dyad.Token
	if f, err := os.Open("/tmp/final_jk.gob"); err == nil {
		gob.NewDecoder(f).Decode(&toks)
		f.Close()
	} else {
		toks = tokensOf(tr)
		if _, err := jackknife(context.Background(), tr, toks, Options{Folds: 5, Workers: 2, Tag: tag.Options{Seed: 1}}, slog.Default()); err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create("/tmp/final_jk.gob")
		gob.NewEncoder(f).Encode(toks)
		f.Close()
	}
	mc, _ := strconv.Atoi(os.Getenv("PARSE_MINCOUNT"))
	pr, _ := strconv.ParseFloat(os.Getenv("PARSE_PRUNE"), 32)
	ep, _ := strconv.Atoi(os.Getenv("PARSE_EPOCHS"))
	ex, _ := strconv.ParseFloat(os.Getenv("PARSE_EXPLORE"), 64)
	ef, _ := strconv.Atoi(os.Getenv("PARSE_EXPLOREFROM"))
	m, err := learn(context.Background(), toks, nil, Options{Epochs: ep, Seed: 1, MinCount: mc, Prune: float32(pr), Explore: ex, ExploreFrom: ef}, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test, embedded tagger: %v", Evaluate(m, tg, te))
	f, _ := os.Create(os.Getenv("PARSE_OUT"))
	if err := m.Save(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
