package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
)

func runUD(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(context.Background(), args, cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestParseCommand(t *testing.T) {
	text := "Tehran has categorically denied the accusations.  The motion was backed by 141 nations.\n"
	code, out, errs := runUD(t, text, "parse")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sents, err := conllu.ReadAll(strings.NewReader(out), "stdout")
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out)
	}
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2:\n%s", len(sents), out)
	}
	for i, s := range sents {
		if s.ID == "" || s.Text == "" {
			t.Errorf("sentence %d lacks sent_id or text:\n%s", i+1, out)
		}
		roots := 0
		for _, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			if w.UPOS == "" || w.Deprel == "" {
				t.Errorf("sentence %d word %d is untagged or unlabelled", i+1, w.ID)
			}
			// TokenRange must point at the word in the input.
			var a, b int
			found := false
			for kv := range strings.SplitSeq(w.Misc, "|") {
				if v, ok := strings.CutPrefix(kv, "TokenRange="); ok {
					ai, bi, _ := strings.Cut(v, ":")
					a, b = udAtoi(ai), udAtoi(bi)
					found = true
				}
			}
			if !found || a < 0 || b > len(text) || a >= b || text[a:b] != w.Form {
				t.Errorf("sentence %d word %q: MISC %q does not give its range", i+1, w.Form, w.Misc)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots", i+1, roots)
		}
	}
	if got := sents[1].Text; got != "The motion was backed by 141 nations." {
		t.Errorf("second sentence text = %q", got)
	}
}

func udAtoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = 10*n + int(c-'0')
	}
	return n
}

func TestParseCommandFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte("Iran denied it."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runUD(t, "", "parse", path)
	if code != cli.ExitOK || !strings.Contains(out, "# text = Iran denied it.") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	code, _, errs = runUD(t, "", "parse", filepath.Join(t.TempDir(), "missing.txt"))
	if code == cli.ExitOK || !strings.Contains(errs, "missing.txt") {
		t.Errorf("a missing file gives exit %d and %q", code, errs)
	}
}

func TestEvalUDMalformed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.conllu")
	in := "# text = a b\n1\ta\ta\tX\tX\t_\t2\tdep\t_\t_\n2\tb\tb\tX\tX\t_\tnope\troot\t_\t_\n\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runUD(t, "", "eval", "ud", "--gold", path)
	if code == cli.ExitOK {
		t.Fatal("a malformed file gives exit 0")
	}
	if !strings.Contains(errs, path+":3") {
		t.Errorf("stderr %q does not name %s:3", errs, path)
	}
}

func TestEvalUD(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the EWT test set")
	}
	gold := dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-test.conllu")
	code, out, errs := runUD(t, "", "eval", "ud", "--gold", gold, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sc cli.UDScores
	if err := json.Unmarshal([]byte(out), &sc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
	g, r := sc.Gold, sc.Raw
	if g.Words != 25094 || g.UAS < 80 || g.LAS < 75 || g.UPOS < 90 {
		t.Errorf("gold tokenization scores are off: %+v", g)
	}
	if r.Tokens.F1 < 90 || r.Words.F1 < 90 || r.UAS.F1 < 70 || r.Sentences.F1 < 50 {
		t.Errorf("raw text scores are off: %+v", r)
	}
	if r.UAS.F1 > r.Words.F1 || r.LAS.F1 > r.UAS.F1 {
		t.Errorf("scores out of order: words %.2f UAS %.2f LAS %.2f", r.Words.F1, r.UAS.F1, r.LAS.F1)
	}
	code, out, errs = runUD(t, "", "eval", "ud", "--gold", gold)
	if code != cli.ExitOK || !strings.Contains(out, "LAS") {
		t.Errorf("text format: exit %d\n%s\n%s", code, out, errs)
	}
}

func TestTrainCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("trains small models")
	}
	// A small treebank cut from EWT dev: 200 sentences to train on, 50 for dev.
	f, err := os.Open(dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	sents, err := conllu.ReadAll(f, "dev")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, ss []*conllu.Sentence) string {
		var b bytes.Buffer
		for _, s := range ss {
			if err := conllu.Write(&b, s); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	train, dev := write("train.conllu", sents[:200]), write("dev.conllu", sents[200:250])
	out := filepath.Join(dir, "out")
	code, _, errs := runUD(t, "", "train", "--train", train, "--dev", dev, "--out", out,
		"--epochs", "2", "--tag-epochs", "2", "--folds", "2")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, p := range []string{"tag/model/en_ewt.tagger.gz", "parse/model/en_ewt.parser.gz"} {
		if st, err := os.Stat(filepath.Join(out, p)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
	}
	for _, want := range []string{"jackknife tagger", "parser epoch", "dev_uas", "parser written"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the log lacks %q:\n%s", want, errs)
		}
	}
	bad := write("bad.conllu", nil)
	if err := os.WriteFile(bad, []byte("1\tx\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runUD(t, "", "train", "--train", bad, "--out", out)
	if code == cli.ExitOK || !strings.Contains(errs, bad+":1") {
		t.Errorf("a malformed treebank gives exit %d and %q", code, errs)
	}
}
