package conllu

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

func TestReadEWTDev(t *testing.T) {
	f, err := os.Open(dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := ReadAll(f, "dev")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2001 {
		t.Errorf("got %d sentences, want 2001", len(sents))
	}
	var buf bytes.Buffer
	for _, s := range sents[:50] {
		if err := Write(&buf, s); err != nil {
			t.Fatal(err)
		}
	}
	again, err := ReadAll(&buf, "roundtrip")
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i].Text != sents[i].Text || len(again[i].Words) != len(sents[i].Words) {
			t.Fatalf("sentence %d differs after a round trip", i)
		}
	}
}

func TestMalformedNamesLine(t *testing.T) {
	in := "# text = a b\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\tbad\tdep\t_\t_\n\n" +
		"1\tc\tc\tX\tX\t_\t0\troot\t_\t_\n\n"
	sents, err := ReadAll(strings.NewReader(in), "x.conllu")
	var ie *dyad.InputError
	if !errors.As(err, &ie) || ie.Line != 3 || !errors.Is(err, ErrFormat) {
		t.Fatalf("err = %v, want an InputError at x.conllu:3", err)
	}
	if !strings.Contains(err.Error(), "x.conllu:3") {
		t.Errorf("error %q does not name file:line", err)
	}
	if len(sents) != 1 || sents[0].Words[0].Form != "c" {
		t.Errorf("the good sentence after the bad one was not read: %+v", sents)
	}
}

func FuzzReader(f *testing.F) {
	f.Add("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n")
	f.Add("# text = x\n1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, _ := ReadAll(strings.NewReader(in), "fuzz")
		for _, s := range sents {
			for _, w := range s.Words {
				if w.Head > len(s.Words) {
					t.Fatalf("head %d beyond %d words", w.Head, len(s.Words))
				}
			}
			_ = s.Tokens()
		}
	})
}
