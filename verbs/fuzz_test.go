package verbs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRead feeds the reader arbitrary dictionaries: it must never panic,
// every error must name a line of the input and wrap ErrFormat, and what
// it loaded must index and code a sentence without panicking. The seed
// corpus is the test dictionaries and testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"petrarch.verbs.txt", "tabari.verbs", "petrarch2.verbs.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{
		"--- A [010] ---\nA {B C}\n- $ * + [011]\n- % * ^ [012:013]\n",
		"&X\n+&X_Y\n&Y\n+Z\n--- A [010] ---\nA\n- &X * &Y [011]\n",
		"A_ [010]\n{ B_ C~ }\n- { D | E_F } * G~_H [011]\n",
		"--- A [010\nA\n- * [\n- ] [\n- * { [011]\n",
		"<!-- a\nmulti-line -->\n<TIME>\nX [1]\n</TIME>\n~~FINISH\n",
		"- * [011]\n+WIRE_+TAP\n&\n+\n--- [---] ---\n",
		"--- A [010] ---\n+A_+B\nANTI-_N'T's {}\n- ^_^_^ * ^ [1]\n",
		// PETRARCH-2: phrases, joined words, answering codes, transformations.
		"&X_Y_\n+P_Q\n--- A [010] ---\nA {}\n+B_C {+D_C}\nRE-E\n- $ {&X_Y Z} * (TO/FOR +) (IN ^) {D E} [:011]\n- % * F_G_&X_Y [012:013]\n~ a (a b A) B = a b Q\n~ a (b . Q) A = a b 014\n",
		"--- A [:010] ---\nA\n- * (TO B) [011]\n- * ((C)) [1]\n- * {C {D}} [1]\n- ) * ( [1]\n- *_X_*Y [1]\n~ a (a b C) A = z b 1\n~ (\n",
	} {
		f.Add(s)
	}
	const doc = "Arnor/PROPN/3/nsubj=ARN and/CCONJ/3/cc A/VERB/0/root the/DET/5/det Gondor/PROPN/3/obj=GON of/ADP/7/case B/PROPN/5/nmod=+ " +
		"did/AUX/10/aux n't/PART/10/advmod C/VERB/3/conj $/SYM/10/obj +/SYM/11/dep ,/PUNCT/3/punct"
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Read("fuzz.verbs", strings.NewReader(src))
		if d == nil {
			t.Fatalf("Read returned no dictionary (error %v)", err)
		}
		if lines := errorLines(t, "fuzz.verbs", err); d.Errors != len(lines) || t.Failed() {
			t.Fatalf("Dict.Errors = %d, %d errors returned: %v", d.Errors, len(lines), err)
		}
		c, err := New(Options{Verbs: []*Dict{d}, MinWords: -1})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		for _, e := range code(t, c, doc, "1995-06-01").Events {
			if e.CAMEO == "" || e.Source.Code == "" || e.Target.Code == "" || e.Source.Code == e.Target.Code {
				t.Fatalf("bad event %+v", e)
			}
		}
	})
}
