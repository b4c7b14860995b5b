package verbs

import (
	"strings"
	"testing"
)

// TestPattern matches single patterns around a verb: joins and gaps, words
// before and after the verb, synsets and alternatives, stems, and the
// slots' noun phrases.
func TestPattern(t *testing.T) {
	tests := []struct {
		name    string
		dialect string // "petrarch" or "tabari"
		pattern string
		spec    string // the verb is the token written V/VERB
		match   bool
		src     string // words of the $ phrase, if any
		tgt     string
	}{
		{"joined words", "petrarch", "- * NEW_&T_RELATIONS", "Arnor/PROPN V/VERB new/ADJ economic/ADJ relations/NOUN", true, "", ""},
		{"joined words, a word between", "petrarch", "- * NEW_&T_RELATIONS", "Arnor/PROPN V/VERB new/ADJ global/ADJ economic/ADJ relations/NOUN", false, "", ""},
		{"a gap", "petrarch", "- * IMPROVED &T RELATIONS", "Arnor/PROPN V/VERB improved/ADJ global/ADJ military/ADJ relations/NOUN", true, "", ""},
		{"a synset's plural", "petrarch", "- * &T TIES", "Arnor/PROPN V/VERB militaries/NOUN ties/NOUN", true, "", ""},
		{"joined to the verb", "petrarch", "- PLANES_*", "Gondor/PROPN planes/NOUN V/VERB Arnor/PROPN", true, "", ""},
		{"not joined to the verb", "petrarch", "- PLANES_*", "Gondor/PROPN planes/NOUN then/ADV V/VERB Arnor/PROPN", false, "", ""},
		{"before with a gap", "petrarch", "- SAID * TO ATTEND", "he/PRON said/VERB it/PRON would/AUX V/VERB to/PART attend/VERB", true, "", ""},
		{"whole words in PETRARCH", "petrarch", "- * RESOLUTION", "Arnor/PROPN V/VERB resolutions/NOUN", false, "", ""},
		{"stems in TABARI", "tabari", "- * RESOLUTION", "Arnor/PROPN V/VERB resolutions/NOUN", true, "", ""},
		{"a whole word in TABARI", "tabari", "- * RESOLUTION_", "Arnor/PROPN V/VERB resolutions/NOUN", false, "", ""},
		{"alternatives", "tabari", "- * { GENEVA_ | INTERNATIONAL } CONVENTIONS", "Arnor/PROPN V/VERB international/ADJ conventions/NOUN", true, "", ""},
		{"source and target", "petrarch", "- + WAS_ * TO_ ^ FROM $",
			"the/DET hostage/NOUN was/AUX V/VERB to/ADP the/DET border/NOUN from/ADP Gondor/PROPN", true, "Gondor", "the hostage"},
		{"target before the verb", "petrarch", "- NOTED + *", "Arnor/PROPN noted/VERB that/SCONJ Gondor/PROPN V/VERB", true, "", "Gondor"},
		{"a skip needs a phrase", "petrarch", "- * AT ^ +", "Ithilen/PROPN V/VERB at/ADP noon/ADV", false, "", ""},
		{"compound", "petrarch", "- % *", "Arnor/PROPN and/CCONJ Gondor/PROPN V/VERB", true, "", ""},
		{"no compound", "petrarch", "- % *", "Arnor/PROPN V/VERB", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "&T\n+MILITARY\n+ECONOMIC\n--- V [010] ---\nV\n" + tt.pattern + " [011]\n"
			if tt.dialect == "tabari" {
				src = "<SYNSETS>\n&T\n+MILITARY\n</SYNSETS>\nV [010]\n" + tt.pattern + " [011]\n"
			}
			d, err := Read("test.verbs", strings.NewReader(src))
			if err != nil || len(d.Entries) != 1 || len(d.Entries[0].Patterns) != 1 {
				t.Fatalf("dictionary: %v", err)
			}
			doc := testDoc(t, tt.spec, "")
			st := newSent(&doc.Sentences[0])
			v := -1
			for i, w := range st.words {
				if w == "V" {
					v = i
				}
			}
			isVerb := make([]bool, len(st.toks))
			isVerb[v] = true
			st.buildUnits(nil, isVerb)
			mt := newMatcher(st, d.Synsets)
			cp, ok := mt.pattern(d.Entries[0].Patterns[0], v, v+1, 0, len(st.toks))
			if ok != tt.match {
				t.Fatalf("match %v, want %v", ok, tt.match)
			}
			words := func(k int) string {
				if k < 0 {
					return ""
				}
				s, e := st.span(k)
				var ws []string
				for _, tk := range st.toks[s:e] {
					ws = append(ws, tk.Form)
				}
				return strings.Join(ws, " ")
			}
			if ok && (words(cp.src) != tt.src || words(cp.tgt) != tt.tgt) {
				t.Errorf("source %q, target %q; want %q, %q", words(cp.src), words(cp.tgt), tt.src, tt.tgt)
			}
		})
	}
}

// TestPatternChoice checks which of several matching patterns codes: the
// one that matches more of the text, literal words before synset words,
// then the one of more elements, then the first.
func TestPatternChoice(t *testing.T) {
	c := newCoder(t, "petrarch.verbs.txt", Options{})
	tests := []struct{ spec, want string }{
		{"Arnor/PROPN=ARN did/AUX n't/PART clash/VERB over/ADP efforts/NOUN of/ADP Gondor/PROPN=GON", "904"},
		{"Arnor/PROPN=ARN clashed/VERB over/ADP efforts/NOUN of/ADP Gondor/PROPN=GON", "121"},
		{"Arnor/PROPN=ARN contributed/VERB dollars/NOUN and/CCONJ rupees/NOUN to/ADP Gondor/PROPN=GON", "071"},
	}
	for _, tt := range tests {
		d := code(t, c, tt.spec, "")
		if len(d.Events) != 1 || d.Events[0].CAMEO != tt.want {
			t.Errorf("%s: events %v, want one coded %s", tt.spec, triples(d), tt.want)
		}
	}
}
