package event

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
	"github.com/google/go-cmp/cmp"
)

// testLookup is a small stand-in ontology so these tests need no other package.
func testLookup(code string) (cameo.Code, bool) {
	if len(code) < 2 || len(code) > 4 {
		return cameo.Code{}, false
	}
	root, err := strconv.Atoi(code[:2])
	if err != nil || root < 1 || root > 20 {
		return cameo.Code{}, false
	}
	quad := 1
	switch {
	case root >= 6 && root <= 8:
		quad = 2
	case root >= 9 && root <= 13 || root == 16:
		quad = 3
	case root >= 14:
		quad = 4
	}
	return cameo.Code{Name: "code " + code, QuadClass: quad}, true
}

// doc builds a parsed sentence from "form/lemma/UPOS/head/rel" tokens; actors
// maps a token form to an actor code (one actor per code).
func doc(t *testing.T, sentences []string, actors map[string]string) *dyad.Doc {
	t.Helper()
	d := &dyad.Doc{Article: dyad.Article{Published: "2023-02-24"}}
	var text strings.Builder
	byCode := map[string]*dyad.Actor{}
	var order []string
	for si, s := range sentences {
		if si > 0 {
			text.WriteByte(' ')
		}
		sent := dyad.Sentence{N: si + 1, Start: text.Len()}
		for i, f := range strings.Fields(s) {
			p := strings.Split(f, "/")
			if len(p) != 5 {
				t.Fatalf("bad token %q", f)
			}
			head, err := strconv.Atoi(p[3])
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				text.WriteByte(' ')
			}
			form := strings.ReplaceAll(p[0], "_", " ")
			tok := dyad.Token{Start: text.Len(), Form: form, Lemma: p[1], UPOS: p[2], Head: head, Rel: p[4]}
			text.WriteString(form)
			tok.End = text.Len()
			sent.Tokens = append(sent.Tokens, tok)
			if code, ok := actors[form]; ok {
				a := byCode[code]
				if a == nil {
					a = &dyad.Actor{ID: "a" + strconv.Itoa(len(byCode)+1), Name: form, Code: code}
					byCode[code] = a
					order = append(order, code)
				}
				a.Mentions = append(a.Mentions, dyad.Mention{Sentence: si + 1, Start: tok.Start, End: tok.End, Text: form})
			}
		}
		sent.End = text.Len()
		d.Sentences = append(d.Sentences, sent)
	}
	d.Text = text.String()
	for _, c := range order {
		d.Actors = append(d.Actors, *byCode[c])
	}
	return d
}

func triples(d *dyad.Doc) []string {
	names := map[string]string{}
	for _, a := range d.Actors {
		names[a.ID] = a.Name
	}
	var out []string
	for _, e := range d.Events {
		s := fmt.Sprintf("%d %s>%s %s %s", e.Sentence, e.Source.Code, e.Target.Code, e.CAMEO, e.Modality)
		if e.AttributedTo != "" {
			s += " by " + names[e.AttributedTo]
		}
		if e.Claim != "" {
			s += " " + e.Claim
		}
		if testing.Verbose() {
			s += " [" + e.Rule + "]"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func newTestCoder(t *testing.T) *Coder {
	t.Helper()
	c, err := New(Options{Lookup: testLookup})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCoder(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Iran": "IRN", "Tehran": "IRNGOV", "Moscow": "RUSGOV", "Russia": "RUS", "Iraq": "IRQ",
		"Ukraine": "UKR", "Kanaani": "IRNGOV", "West": "WST", "Abdollahian": "IRNGOV", "Assembly": "IGOUNO", "it": "IRN"}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"passive", []string{"Iran/Iran/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass attacked/attack/VERB/0/root by/by/ADP/5/case Iraq/Iraq/PROPN/3/obl:agent ././PUNCT/3/punct"},
			[]string{"1 IRQ>IRN 190 asserted"}},
		{"coordination", []string{"Tehran/Tehran/PROPN/5/nsubj and/and/CCONJ/3/cc Moscow/Moscow/PROPN/1/conj have/have/AUX/5/aux cooperated/cooperate/VERB/0/root on/on/ADP/8/case defense/defense/NOUN/8/compound matters/matter/NOUN/5/obl for/for/ADP/10/case years/year/NOUN/5/obl ././PUNCT/5/punct"},
			[]string{"1 IRNGOV>RUSGOV 062 historical", "1 RUSGOV>IRNGOV 062 historical"}},
		{"reported-speech-attribution", []string{"Kanaani/Kanaani/PROPN/2/nsubj said/say/VERB/0/root Tehran/Tehran/PROPN/5/nsubj will/will/AUX/5/aux visit/visit/VERB/2/ccomp Moscow/Moscow/PROPN/5/obj ././PUNCT/2/punct"},
			[]string{"1 IRNGOV>RUSGOV 036 planned by Kanaani"}},
		{"reported-attack-is-accusation", []string{"Kanaani/Kanaani/PROPN/2/nsubj said/say/VERB/0/root Russia/Russia/PROPN/4/nsubj attacked/attack/VERB/2/ccomp Ukraine/Ukraine/PROPN/4/obj ././PUNCT/2/punct"},
			[]string{"1 IRNGOV>RUS 1123 asserted c1", "1 RUS>UKR 190 claimed by Kanaani c1"}},
		{"negation", []string{"Iran/Iran/PROPN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod supply/supply/VERB/0/root drones/drone/NOUN/4/obj to/to/ADP/7/case Russia/Russia/PROPN/4/obl ././PUNCT/4/punct"},
			[]string{"1 IRN>RUS 072 negated"}},
		{"claim-and-denial", []string{
			"The/the/DET/2/det West/West/PROPN/3/nsubj claimed/claim/VERB/0/root that/that/SCONJ/6/mark Iran/Iran/PROPN/6/nsubj supplied/supply/VERB/3/ccomp drones/drone/NOUN/6/obj to/to/ADP/9/case Russia/Russia/PROPN/6/obl ././PUNCT/3/punct",
			"Tehran/Tehran/PROPN/2/nsubj denied/deny/VERB/0/root the/the/DET/4/det accusations/accusation/NOUN/2/obj ,/,/PUNCT/6/punct saying/say/VERB/2/advcl it/it/PRON/10/nsubj has/have/AUX/10/aux not/not/PART/10/advmod transferred/transfer/VERB/6/ccomp drones/drone/NOUN/10/obj to/to/ADP/13/case Russia/Russia/PROPN/10/obl ././PUNCT/2/punct"},
			[]string{"1 IRN>RUS 072 claimed c1", "1 WST>IRN 112 asserted c1", "2 IRN>RUS 072 denied by Tehran c1", "2 IRNGOV>WST 016 asserted c1"}},
		{"nominal-and-condemnation", []string{"The/the/DET/3/det General/General/PROPN/3/compound Assembly/Assembly/PROPN/4/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/7/nmod:poss 's/'s/PART/5/case invasion/invasion/NOUN/4/obj of/of/ADP/9/case Ukraine/Ukraine/PROPN/7/nmod ././PUNCT/4/punct"},
			[]string{"1 IGOUNO>RUS 111 asserted", "1 RUS>UKR 190 asserted"}},
		{"planned-xcomp", []string{"Abdollahian/Abdollahian/PROPN/3/nsubj is/be/AUX/3/aux set/set/VERB/0/root to/to/PART/5/mark pay/pay/VERB/3/xcomp a/a/DET/7/det visit/visit/NOUN/5/obj to/to/ADP/9/case Moscow/Moscow/PROPN/7/nmod soon/soon/ADV/5/advmod ././PUNCT/3/punct"},
			[]string{"1 IRNGOV>RUSGOV 036 planned"}},
		{"weapon-subject", []string{"Iraq/Iraq/PROPN/3/nmod:poss air/air/NOUN/3/compound strikes/strike/NOUN/4/nsubj hit/hit/VERB/0/root Iran/Iran/PROPN/4/obj ././PUNCT/4/punct"},
			[]string{"1 IRQ>IRN 195 asserted"}},
		{"uncoded-accusation-and-denial", []string{
			"Iraq/Iraq/PROPN/2/nsubj accused/accuse/VERB/0/root Iran/Iran/PROPN/2/obj of/of/ADP/5/mark running/run/VERB/2/advcl a/a/DET/7/det campaign/campaign/NOUN/5/obj ././PUNCT/2/punct",
			"Tehran/Tehran/PROPN/2/nsubj rejected/reject/VERB/0/root the/the/DET/4/det accusations/accusation/NOUN/2/obj ././PUNCT/2/punct"},
			[]string{"1 IRQ>IRN 112 asserted c1", "2 IRNGOV>IRQ 016 asserted c1"}},
		{"no-event", []string{"The/the/DET/2/det weather/weather/NOUN/4/nsubj was/be/AUX/4/cop nice/nice/ADJ/0/root ././PUNCT/4/punct"}, nil},
		{"licence-line", []string{"All/all/DET/2/det Content/content/NOUN/5/nsubj:pass by/by/ADP/4/case Iran/Iran/PROPN/2/nmod is/be/AUX/5/aux:pass licensed/license/VERB/0/root under/under/ADP/10/case a/a/DET/10/det Creative/Creative/PROPN/9/compound Commons/Commons/PROPN/10/compound License/License/PROPN/5/obl ././PUNCT/5/punct"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := doc(t, tc.in, actors)
			if err := c.Annotate(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClaimThread(t *testing.T) {
	c := newTestCoder(t)
	d := doc(t, []string{
		"The/the/DET/2/det West/West/PROPN/3/nsubj claimed/claim/VERB/0/root that/that/SCONJ/6/mark Iran/Iran/PROPN/6/nsubj supplied/supply/VERB/3/ccomp drones/drone/NOUN/6/obj to/to/ADP/9/case Russia/Russia/PROPN/6/obl ././PUNCT/3/punct",
		"Tehran/Tehran/PROPN/2/nsubj denied/deny/VERB/0/root the/the/DET/4/det accusations/accusation/NOUN/2/obj ././PUNCT/2/punct"},
		map[string]string{"Iran": "IRN", "Tehran": "IRNGOV", "Russia": "RUS", "West": "WST"})
	if err := c.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 1 {
		t.Fatalf("claims = %+v, want one thread", d.Claims)
	}
	cl := d.Claims[0]
	want := dyad.Proposition{Source: "IRN", Target: "RUS", CAMEO: "072"}
	if cl.Proposition != want {
		t.Errorf("proposition = %+v, want %+v", cl.Proposition, want)
	}
	var stances []string
	for _, s := range cl.Stances {
		stances = append(stances, s.Code+" "+s.Stance)
		if s.Event == "" {
			t.Errorf("stance %+v has no event", s)
		}
	}
	if diff := cmp.Diff([]string{"WST assert", "IRNGOV deny"}, stances); diff != "" {
		t.Errorf("stances (-want +got):\n%s", diff)
	}
}

func TestDeterministic(t *testing.T) {
	c := newTestCoder(t)
	in := []string{"Tehran/Tehran/PROPN/5/nsubj and/and/CCONJ/3/cc Moscow/Moscow/PROPN/1/conj have/have/AUX/5/aux cooperated/cooperate/VERB/0/root ././PUNCT/5/punct"}
	acts := map[string]string{"Tehran": "IRNGOV", "Moscow": "RUSGOV"}
	var first string
	for i := 0; i < 5; i++ {
		d := doc(t, in, acts)
		if err := c.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(d.Events)
		if i == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, got)
		}
	}
}

func TestRuleErrors(t *testing.T) {
	in := "ok.rule 190 attack -> obj\nbad rule\nx.y 999 attack\nz.z 111 criticize @nope\n"
	rules, err := ParseRules(strings.NewReader(in), "test.rules", func(string) bool { return true })
	if len(rules) != 1 {
		t.Errorf("got %d good rules, want 1", len(rules))
	}
	for _, want := range []string{"test.rules:2", "test.rules:3", "test.rules:4"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}

func TestBuiltinRulesLoad(t *testing.T) {
	c := newTestCoder(t)
	if c.Rules() < 4000 {
		t.Errorf("only %d rules loaded", c.Rules())
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add("a.b 190 attack|invade war -> against @recip\n")
	f.Add("n.x 042 n:visit -> to\n")
	f.Fuzz(func(t *testing.T, in string) {
		rules, _ := ParseRules(strings.NewReader(in), "fuzz", nil)
		for _, r := range rules {
			if r.ID == "" || len(r.Heads) == 0 {
				t.Fatalf("accepted an incomplete rule %+v", r)
			}
		}
	})
}
