package parse

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
)

// FuzzDecode feeds the model decoder arbitrary streams (the content of the
// gzip layer, which the standard library checks): it must return a model or
// an error wrapping dyad.ErrInvalid, never panic, and a model it returns
// must parse into a tree.
func FuzzDecode(f *testing.F) {
	train := []*conllu.Sentence{{Words: []conllu.Word{
		{ID: 1, Form: "Iran", UPOS: "PROPN", XPOS: "NNP", Head: 2, Deprel: "nsubj"},
		{ID: 2, Form: "denied", UPOS: "VERB", XPOS: "VBD", Head: 0, Deprel: "root"},
		{ID: 3, Form: "it", UPOS: "PRON", XPOS: "PRP", Head: 2, Deprel: "obj"},
		{ID: 4, Form: ".", UPOS: "PUNCT", XPOS: ".", Head: 2, Deprel: "punct"},
	}}}
	m, err := Train(context.Background(), train, nil, nil, Options{Epochs: 2, MinCount: 1}, nil)
	if err != nil {
		f.Fatal(err)
	}
	var z bytes.Buffer
	if err := m.Save(&z); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(&z)
	if err != nil {
		f.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(plain)
	f.Add(plain[:len(plain)/2])
	// and a model that parses with a beam
	mb, err := Train(context.Background(), train, nil, nil, Options{Epochs: 2, MinCount: 1, Beam: 2, Margin: 1}, nil)
	if err != nil {
		f.Fatal(err)
	}
	z.Reset()
	if err := mb.Save(&z); err != nil {
		f.Fatal(err)
	}
	if err := zr.Reset(&z); err != nil {
		f.Fatal(err)
	}
	beamPlain, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(beamPlain)
	f.Add([]byte{})
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := decode(in)
		if err != nil {
			if !errors.Is(err, dyad.ErrInvalid) {
				t.Fatalf("err = %v, want one wrapping dyad.ErrInvalid", err)
			}
			return
		}
		toks := []dyad.Token{{Form: "a"}, {Form: "b"}, {Form: "c"}}
		m.Parse(toks)
		roots := 0
		for i, tk := range toks {
			if tk.Head < 0 || tk.Head > len(toks) || tk.Head == i+1 || tk.Rel == "" {
				t.Fatalf("token %d: head %d rel %q", i+1, tk.Head, tk.Rel)
			}
			if tk.Head == 0 {
				roots++
			}
		}
		if roots != 1 {
			t.Fatalf("%d roots", roots)
		}
	})
}
