package tag

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/conllu"
)

// tinyTreebank is a few hand-tagged sentences, enough to train a model in
// no time.
const tinyTreebank = `1	Tehran	Tehran	PROPN	NNP	Number=Sing	3	nsubj	_	_
2	has	have	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	3	aux	_	_
3	denied	deny	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	accusations	accusation	NOUN	NNS	Number=Plur	3	obj	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

1	“	"	PUNCT	` + "``" + `	_	3	punct	_	_
2	He	he	PRON	PRP	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	so	so	ADV	RB	_	3	advmod	_	_
5	”	"	PUNCT	''	_	3	punct	_	_

1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	motion	motion	NOUN	NN	Number=Sing	4	nsubj:pass	_	_
3	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	4	aux:pass	_	_
4	backed	back	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	by	by	ADP	IN	_	7	case	_	_
6	141	141	NUM	CD	NumForm=Digit|NumType=Card	7	nummod	_	_
7	nations	nation	NOUN	NNS	Number=Plur	4	obl	_	_
8	.	.	PUNCT	.	_	4	punct	_	_

`

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzRead feeds the model decoder (what Read runs after gunzip) with bytes:
// a model is outside input when a user passes one. Whatever the bytes, it
// returns a model that tags without panicking, or an ErrModel.
func FuzzRead(f *testing.F) {
	sents, err := conllu.ReadAll(strings.NewReader(tinyTreebank), "tiny")
	if err != nil {
		f.Fatal(err)
	}
	m, err := Train(context.Background(), sents, nil, Options{Epochs: 2, Members: 1}, nil)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	raw := gunzip(f, buf.Bytes())
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Add([]byte(magic + "\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decode(b)
		if err != nil {
			if !errors.Is(err, ErrModel) {
				t.Fatalf("err = %v, want ErrModel", err)
			}
			return
		}
		tagWords(t, m, "The", "motion", "was", "backed", "by", "141", "nations", ".")
	})
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
