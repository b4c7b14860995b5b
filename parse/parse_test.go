package parse_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

func readTreebank(t testing.TB, part string) []*conllu.Sentence {
	t.Helper()
	path := dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-"+part+".conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// parserFile, when set, replaces the embedded model in the tests and
// benchmarks that use models, to measure a candidate model:
//
//	go test ./parse -run TestEmbeddedFloors -v -parser /tmp/en_ewt.parser.gz
var parserFile = flag.String("parser", "", "parser model file to use instead of the embedded one")

var (
	fileParserOnce sync.Once
	fileParser     *parse.Model
	fileParserErr  error
)

func models(t testing.TB) (*tag.Model, *parse.Model) {
	t.Helper()
	tagger, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	if *parserFile != "" {
		fileParserOnce.Do(func() {
			f, err := os.Open(*parserFile)
			if err != nil {
				fileParserErr = err
				return
			}
			defer f.Close()
			fileParser, fileParserErr = parse.Read(f)
		})
		if fileParserErr != nil {
			t.Fatal(fileParserErr)
		}
		return tagger, fileParser
	}
	parser, err := parse.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tagger, parser
}

// Accuracy of the embedded model on UD English EWT test, gold tokenization,
// tags from the embedded tagger, punctuation included (CoNLL 2018 scoring).
// The target of the parser's issue is UAS 87.0 and LAS 84.0; the model does
// not reach it yet (UAS 85.9, LAS 82.9 when trained), so the test guards
// what it reaches, to catch any loss, and logs the distance to the target.
const (
	targetUAS, targetLAS = 87.0, 84.0
	floorUAS, floorLAS   = 85.6, 82.6
)

func TestEmbeddedFloors(t *testing.T) {
	tagger, parser := models(t)
	test := readTreebank(t, "test")
	sc := parse.Evaluate(parser, tagger, test)
	t.Logf("EWT test, predicted tags: %v", sc)
	t.Logf("distance to the target: UAS %+.2f, LAS %+.2f", sc.UAS()-targetUAS, sc.LAS()-targetLAS)
	if sc.Words != 25094 {
		t.Errorf("scored %d words, want 25094", sc.Words)
	}
	if sc.UAS() < floorUAS || sc.LAS() < floorLAS {
		t.Errorf("UAS %.2f LAS %.2f, want at least %.2f and %.2f", sc.UAS(), sc.LAS(), floorUAS, floorLAS)
	}
	gold := parse.Evaluate(parser, nil, test)
	t.Logf("EWT test, gold tags: %v", gold)
}

// seedDoc tokenizes, tags and parses the seed article.
func seedDoc(t *testing.T) *dyad.Doc {
	t.Helper()
	text, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tagger, parser := models(t)
	d := &dyad.Doc{Article: dyad.Article{ID: "seed"}, Text: string(text)}
	ctx := context.Background()
	for _, st := range []interface {
		Annotate(context.Context, *dyad.Doc) error
	}{tokenize.New(), tagger, parser} {
		if err := st.Annotate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// find returns the sentence containing phrase and the index of the first
// token with form word in it.
func find(t *testing.T, d *dyad.Doc, phrase, word string) (dyad.Sentence, int) {
	t.Helper()
	for _, s := range d.Sentences {
		if !strings.Contains(d.Text[s.Start:s.End], phrase) {
			continue
		}
		for i, tok := range s.Tokens {
			if tok.Form == word {
				return s, i
			}
		}
	}
	t.Fatalf("no sentence with %q and token %q", phrase, word)
	return dyad.Sentence{}, 0
}

func describe(s dyad.Sentence) string {
	var b strings.Builder
	for i, t := range s.Tokens {
		head := "ROOT"
		if t.Head > 0 {
			head = s.Tokens[t.Head-1].Form
		}
		b.WriteString("\n  ")
		b.WriteString(strings.Join([]string{itoa(i + 1), t.Form, t.XPOS, t.Rel, "->", head}, " "))
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestSeed(t *testing.T) {
	d := seedDoc(t)
	for _, s := range d.Sentences {
		checkTree(t, s.Tokens)
	}

	t.Run("denied", func(t *testing.T) {
		s, i := find(t, d, "Tehran has categorically denied", "Tehran")
		tok := s.Tokens[i]
		if tok.Rel != "nsubj" || tok.Head < 1 || s.Tokens[tok.Head-1].Form != "denied" {
			t.Errorf("Tehran is not nsubj of denied:%s", describe(s))
		}
	})

	t.Run("backed by", func(t *testing.T) {
		s, i := find(t, d, "The motion was backed by 141 nations", "nations")
		tok := s.Tokens[i]
		ok := tok.Head >= 1 && s.Tokens[tok.Head-1].Form == "backed"
		switch tok.Rel {
		case "obl:agent":
		case "obl":
			by := false
			for _, c := range s.Tokens {
				if c.Head == i+1 && c.Rel == "case" && c.Form == "by" {
					by = true
				}
			}
			ok = ok && by
		default:
			ok = false
		}
		if !ok {
			t.Errorf("nations is not the agent of backed:%s", describe(s))
		}
	})

	t.Run("Tehran and Moscow", func(t *testing.T) {
		s, i := find(t, d, "Tehran and Moscow have cooperated", "Tehran")
		tehran := s.Tokens[i]
		var moscow dyad.Token
		for _, c := range s.Tokens {
			if c.Form == "Moscow" {
				moscow = c
			}
		}
		if moscow.Rel != "conj" || moscow.Head != i+1 {
			t.Errorf("Moscow is not a conjunct of Tehran:%s", describe(s))
		}
		if tehran.Rel != "nsubj" || tehran.Head < 1 || s.Tokens[tehran.Head-1].Form != "cooperated" {
			t.Errorf("Tehran is not nsubj of cooperated:%s", describe(s))
		}
	})
}

// checkTree fails unless toks form a single-rooted tree with labels.
func checkTree(t *testing.T, toks []dyad.Token) {
	t.Helper()
	roots := 0
	for i, tok := range toks {
		if tok.Head < 0 || tok.Head > len(toks) || tok.Head == i+1 {
			t.Fatalf("token %d has head %d", i+1, tok.Head)
		}
		if tok.Rel == "" {
			t.Fatalf("token %d has no relation", i+1)
		}
		if (tok.Head == 0) != (tok.Rel == "root") {
			t.Fatalf("token %d: head %d with relation %s", i+1, tok.Head, tok.Rel)
		}
		if tok.Head == 0 {
			roots++
		}
		x, steps := i+1, 0
		for x != 0 {
			x = toks[x-1].Head
			if steps++; steps > len(toks) {
				t.Fatalf("token %d is in a cycle", i+1)
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots", roots)
	}
}

func TestParseAlwaysTree(t *testing.T) {
	_, parser := models(t)
	tests := [][]dyad.Token{
		{{Form: "Hello"}},
		{{Form: "."}, {Form: "."}, {Form: "."}},
		{{Form: "Iran", UPOS: "PROPN", XPOS: "NNP"}, {Form: "denied", UPOS: "VERB", XPOS: "VBD"}, {Form: "it", UPOS: "PRON", XPOS: "PRP"}},
		{{Form: "the"}, {Form: "the"}, {Form: "the"}, {Form: "the"}, {Form: "the"}, {Form: "the"}},
		{{Form: ""}, {Form: "\xff"}, {Form: "ü"}},
	}
	long := make([]dyad.Token, 300)
	for i := range long {
		long[i] = dyad.Token{Form: "and", UPOS: "CCONJ", XPOS: "CC"}
	}
	tests = append(tests, long)
	for _, toks := range tests {
		parser.Parse(toks)
		checkTree(t, toks)
	}
	parser.Parse(nil) // no tokens, no panic
}

func TestSaveReadRoundTrip(t *testing.T) {
	_, parser := models(t)
	var a, b bytes.Buffer
	if err := parser.Save(&a); err != nil {
		t.Fatal(err)
	}
	again, err := parse.Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("a model read back saves to different bytes")
	}
	if diff := cmp.Diff(parser.Labels(), again.Labels()); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestReadRejectsDamage(t *testing.T) {
	_, parser := models(t)
	var good bytes.Buffer
	if err := parser.Save(&good); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good.Bytes()[:good.Len()/2],
		"gzip of text": func() []byte {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write([]byte("dyad-parser 2\nrubbish"))
			zw.Close()
			return b.Bytes()
		}(),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := parse.Read(bytes.NewReader(in))
			if !errors.Is(err, dyad.ErrInvalid) {
				t.Errorf("err = %v, want one wrapping dyad.ErrInvalid", err)
			}
		})
	}
}

// TestTrainDeterministic trains twice on a slice of EWT and wants the same
// bytes, and a model that learned something.
func TestTrainDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two models")
	}
	train := readTreebank(t, "train")[:1500]
	dev := readTreebank(t, "dev")[:300]
	var out [2]bytes.Buffer
	var m *parse.Model
	for i := range out {
		var err error
		m, err = parse.Train(context.Background(), train, dev, nil, parse.Options{Epochs: 2, Seed: 7}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("two runs on the same data gave different models")
	}
	if sc := parse.Evaluate(m, nil, dev); sc.UAS() < 70 {
		t.Errorf("a small model scores %v on dev, want UAS >= 70", sc)
	}
}

func TestTrainRejectsBadTrees(t *testing.T) {
	cycle := &conllu.Sentence{Words: []conllu.Word{
		{ID: 1, Form: "a", Head: 2, Deprel: "dep"},
		{ID: 2, Form: "b", Head: 1, Deprel: "dep"},
		{ID: 3, Form: "c", Head: 0, Deprel: "root"},
	}}
	_, err := parse.Train(context.Background(), []*conllu.Sentence{cycle}, nil, nil, parse.Options{Epochs: 1}, nil)
	if !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("err = %v, want one wrapping dyad.ErrInvalid", err)
	}
}

// TestConcurrent parses the same sentences from several goroutines and
// wants the results of one.
func TestConcurrent(t *testing.T) {
	tagger, parser := models(t)
	var sents [][]dyad.Token
	for _, s := range readTreebank(t, "dev")[:400] {
		toks := s.Tokens()
		for i := range toks {
			toks[i] = dyad.Token{Form: toks[i].Form, Head: -1}
		}
		tagger.Tag(toks)
		sents = append(sents, toks)
	}
	want := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		want[i] = slices.Clone(s)
		parser.Parse(want[i])
	}
	var wg sync.WaitGroup
	got := make([][][]dyad.Token, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range sents {
				toks := slices.Clone(s)
				parser.Parse(toks)
				got[g] = append(got[g], toks)
			}
		}()
	}
	wg.Wait()
	for g := range got {
		if diff := cmp.Diff(want, got[g]); diff != "" {
			t.Fatalf("goroutine %d (-want +got):\n%s", g, diff)
		}
	}
}
