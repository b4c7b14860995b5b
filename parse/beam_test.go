package parse_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/parse"
)

// TestTrainBeam trains a small model with a beam twice, and wants the same bytes, a model that reads back to the same
// bytes and parses, and well-formed trees.
func TestTrainBeam(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two models")
	}
	train := readTreebank(t, "train")[:300]
	dev := readTreebank(t, "dev")[:150]
	opt := parse.Options{Epochs: 2, Seed: 3, Beam: 3}
	var out [2]bytes.Buffer
	var m *parse.Model
	for i := range out {
		var err error
		m, err = parse.Train(context.Background(), train, dev, nil, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two runs on the same data gave different models")
	}
	again, err := parse.Read(bytes.NewReader(out[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := again.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out[0].Bytes(), b.Bytes()) {
		t.Error("a beam model read back saves to different bytes")
	}
	if a, b := parse.Evaluate(m, nil, dev), parse.Evaluate(again, nil, dev); a != b {
		t.Errorf("the model read back scores %v, the trained one %v", b, a)
	}
	if sc := parse.Evaluate(again, nil, dev); sc.UAS() < 60 {
		t.Errorf("a small beam model scores %v on dev, want UAS >= 65", sc)
	}
	for _, s := range dev {
		toks := s.Tokens()
		for i := range toks {
			toks[i].Head, toks[i].Rel = -1, ""
		}
		again.Parse(toks)
		checkTree(t, toks)
	}
	again.Parse([]dyad.Token{})
}
