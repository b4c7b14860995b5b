package tag

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/google/go-cmp/cmp"
)

// tagged is what a test checks of one token.
type tagged struct {
	Form, UPOS, XPOS, Lemma string
}

func tagWords(t testing.TB, m *Model, words ...string) []dyad.Token {
	t.Helper()
	toks := make([]dyad.Token, len(words))
	for i, w := range words {
		toks[i] = dyad.Token{Form: w, Head: -1}
	}
	m.Tag(toks)
	return toks
}

func loadDefault(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTagSentences(t *testing.T) {
	m := loadDefault(t)
	tests := []struct {
		name string
		text string // tokens separated by spaces
		want []tagged
	}{
		{"denial", "Tehran has categorically denied the accusations .", []tagged{
			{"Tehran", "PROPN", "NNP", "Tehran"},
			{"has", "AUX", "VBZ", "have"},
			{"denied", "VERB", "VBN", "deny"},
			{"accusations", "NOUN", "NNS", "accusation"},
		}},
		{"progressive", "Western nations have been claiming that Iran has been supplying military drones to Russia .", []tagged{
			{"nations", "NOUN", "NNS", "nation"},
			{"claiming", "VERB", "VBG", "claim"},
			{"supplying", "VERB", "VBG", "supply"},
			{"drones", "NOUN", "NNS", "drone"},
			{"Russia", "PROPN", "NNP", "Russia"},
		}},
		// EWT lemmatizes troops as troops (15 of 15 times in train).
		{"plural", "It called for the withdrawal of troops from Ukraine and a halt to fighting .", []tagged{
			{"called", "VERB", "VBD", "call"},
			{"troops", "NOUN", "NNS", "troops"},
			{"Ukraine", "PROPN", "NNP", "Ukraine"},
		}},
		{"vote", "The motion was backed by 141 nations with 32 abstaining and seven voting against .", []tagged{
			{"was", "AUX", "VBD", "be"},
			{"backed", "VERB", "VBN", "back"},
			{"141", "NUM", "CD", "141"},
			{"abstaining", "VERB", "VBG", "abstain"},
			{"seven", "NUM", "CD", "seven"},
		}},
		{"countries", "China , India , Iran and South Africa were among the 32 countries to abstain in the vote .", []tagged{
			{"were", "AUX", "VBD", "be"},
			{"countries", "NOUN", "NNS", "country"},
			{"abstain", "VERB", "VB", "abstain"},
		}},
		{"past", "The comments came precisely one year after Russia launched what it refers to as a special military operation against Ukraine .", []tagged{
			{"came", "VERB", "VBD", "come"},
			{"launched", "VERB", "VBD", "launch"},
			{"refers", "VERB", "VBZ", "refer"},
		}},
		{"curly possessive", "Iran ’s Foreign Minister Hossein Amir Abdollahian is set to pay a visit to Moscow soon .", []tagged{
			{"Iran", "PROPN", "NNP", "Iran"},
			{"’s", "PART", "POS", "'s"},
			{"Abdollahian", "PROPN", "NNP", "Abdollahian"},
			{"Moscow", "PROPN", "NNP", "Moscow"},
		}},
		{"curly quotes", "“ Relations between Iran and Russia are dependent on the political desire of the two nations , ” Kanaani remarked .", []tagged{
			{"“", "PUNCT", "``", "\""},
			{"Relations", "NOUN", "NNS", "relation"},
			{"”", "PUNCT", "''", "\""},
			{"Kanaani", "PROPN", "NNP", "Kanaani"},
			{"remarked", "VERB", "VBD", "remark"},
		}},
		{"dateline", "TEHRAN - Iranian Foreign Ministry spokesman Nasser Kanaani has announced a visit .", []tagged{
			{"TEHRAN", "PROPN", "NNP", "Tehran"}, // the lexicon knows the name
			{"Iranian", "ADJ", "JJ", "Iranian"},
			{"spokesman", "NOUN", "NN", "spokesman"},
			{"Kanaani", "PROPN", "NNP", "Kanaani"},
			{"announced", "VERB", "VBN", "announce"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tagWords(t, m, strings.Fields(tt.text)...)
			var got []tagged
			for _, w := range tt.want {
				for _, tok := range toks {
					if tok.Form == w.Form {
						got = append(got, tagged{tok.Form, tok.UPOS, tok.XPOS, tok.Lemma})
						break
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLemmaUnseen(t *testing.T) {
	m := loadDefault(t)
	tests := []struct {
		form, xpos, want string
		initial          bool
	}{
		{"denied", "VBN", "deny", false},
		{"supplying", "VBG", "supply", false},
		{"troops", "NNS", "troops", false}, // as EWT has it
		{"platoons", "NNS", "platoon", false},
		{"shipments", "NNS", "shipment", false},
		{"launched", "VBD", "launch", false},
		{"abstaining", "VBG", "abstain", false},
		{"countries", "NNS", "country", false},
		{"was", "VBD", "be", false},
		{"propagandizes", "VBZ", "propagandize", false},
		{"weaponries", "NNS", "weaponry", false},
		{"de-Nazified", "VBN", "de-nazify", false}, // EWT lower-cases the lemmas of common words
		{"Denied", "VBD", "deny", false},
		{"KANAANI", "NNP", "KANAANI", false},
		{"F-16s", "NNS", "f-16s", false}, // words with digits are their own lemma
		{"TEHRAN", "NNP", "Tehran", false},
		{"Ukrainian", "JJ", "Ukrainian", false},
		{"Ukrainian", "JJ", "ukrainian", true},
		{"Narrow", "JJ", "narrow", true},
		{"Weaponry", "NN", "weaponry", false},
	}
	for _, tt := range tests {
		x := -1
		for i, v := range m.xpos {
			if v == tt.xpos {
				x = i
			}
		}
		if x < 0 {
			t.Fatalf("no XPOS %s", tt.xpos)
		}
		nw := normalize(nil, tt.form)
		if got := m.lemma(tt.form, nw, lowerAppend(nil, nw), x, tt.initial); got != tt.want {
			t.Errorf("lemma(%s/%s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
}

// TestEWTFloors fails if the embedded model falls below its targets on UD
// English EWT test (gold tokenization).
func TestEWTFloors(t *testing.T) {
	m := loadDefault(t)
	sc := Evaluate(m, readEWT(t, "test"))
	t.Logf("EWT test: %+v", sc)
	if sc.Words != 25094 {
		t.Errorf("scored %d words, want 25094", sc.Words)
	}
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"UPOS", sc.UPOS, 0.955},
		{"XPOS", sc.XPOS, 0.950},
		{"lemma", sc.Lemma, 0.970},
		{"feats", sc.Feats, 0.92},
	} {
		if f.got < f.want {
			t.Errorf("%s accuracy %.4f, want at least %.3f", f.name, f.got, f.want)
		}
	}
}

// smallModel trains a model on the first n sentences of EWT train.
func smallModel(t testing.TB, n int) (*Model, []byte) {
	t.Helper()
	train := readEWT(t, "train")[:n]
	m, err := Train(context.Background(), train, nil, Options{Epochs: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return m, buf.Bytes()
}

func TestTrainDeterministic(t *testing.T) {
	m1, b1 := smallModel(t, 400)
	_, b2 := smallModel(t, 400)
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings on the same data gave different model bytes")
	}
	m3, err := Read(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	var b3 bytes.Buffer
	if err := m3.Save(&b3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1, b3.Bytes()) {
		t.Error("a model read and saved again changed its bytes")
	}
	dev := readEWT(t, "dev")[:200]
	if diff := cmp.Diff(Evaluate(m1, dev), Evaluate(m3, dev)); diff != "" {
		t.Errorf("read model tags differently (-trained +read):\n%s", diff)
	}
}

func TestTrainErrors(t *testing.T) {
	_, err := Train(context.Background(), nil, nil, Options{}, nil)
	if !errors.Is(err, ErrNoData) || !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("no data: err = %v, want ErrNoData and dyad.ErrInvalid", err)
	}
	bad := &conllu.Sentence{ID: "s1", Line: 7, Words: []conllu.Word{{ID: 1, Form: "x", UPOS: "_", XPOS: "_"}}}
	_, err = Train(context.Background(), []*conllu.Sentence{bad}, nil, Options{}, nil)
	var ie *dyad.InputError
	if !errors.As(err, &ie) || ie.Line != 7 || !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("untagged word: err = %v, want an InputError at line 7", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Train(ctx, readEWT(t, "dev")[:50], nil, Options{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestReadErrors(t *testing.T) {
	_, good := smallModel(t, 100)
	var raw bytes.Buffer
	if _, err := raw.Write(good); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello")},
		{"truncated", good[:len(good)/2]},
		{"not a model", gz(t, []byte("dyad-tagger but not really"))},
		{"bad magic", gz(t, append([]byte("xxxx-tag"), 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(bytes.NewReader(tt.in)); !errors.Is(err, ErrModel) {
				t.Errorf("err = %v, want ErrModel", err)
			}
		})
	}
}

func TestAnnotate(t *testing.T) {
	m := loadDefault(t)
	d := &dyad.Doc{Sentences: []dyad.Sentence{
		{N: 1, Tokens: []dyad.Token{{Form: "He", Head: -1}, {Form: "said", Head: -1}, {Form: "so", Head: -1}}},
		{N: 2},
		{N: 3, Tokens: []dyad.Token{{Form: "Moscow", Head: -1}, {Form: "agreed", Head: -1}}},
	}}
	if err := m.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sentences {
		for _, tok := range s.Tokens {
			got = append(got, tok.Form+"/"+tok.UPOS+"/"+tok.XPOS+"/"+tok.Lemma+"/"+tok.Feats)
		}
	}
	want := []string{
		"He/PRON/PRP/he/Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs",
		"said/VERB/VBD/say/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin",
		"so/ADV/RB/so/",
		"Moscow/PROPN/NNP/Moscow/Number=Sing",
		"agreed/VERB/VBD/agree/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.Annotate(ctx, d); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestTagAllocs(t *testing.T) {
	m := loadDefault(t)
	toks := make([]dyad.Token, 0, 16)
	for _, w := range strings.Fields("The government said on Friday that it had not denied the reports , and that the talks were going well .") {
		toks = append(toks, dyad.Token{Form: w, Head: -1})
	}
	m.Tag(toks)
	if n := testing.AllocsPerRun(20, func() { m.Tag(toks) }); n > 1 {
		t.Errorf("Tag allocates %.0f times per sentence of known words, want at most 1", n)
	}
	m.Tag(nil) // must not panic
}

func TestConcurrentTag(t *testing.T) {
	m := loadDefault(t)
	dev := readEWT(t, "dev")[:300]
	want := Evaluate(m, dev)
	done := make(chan Scores)
	for range 4 {
		go func() { done <- Evaluate(m, dev) }()
	}
	for range 4 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent tagging differs (-want +got):\n%s", diff)
		}
	}
}
