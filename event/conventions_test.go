package event

import (
	"context"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// TestConventions holds the coder to conventions of the CAMEO codebook
// that wire copy needs: coordinated subjects, mutual relations, wishes
// addressed to an actor, help in an act, the topic of talks, and places
// that stand for their country.
func TestConventions(t *testing.T) {
	places := map[string]string{"Iran": "IRN", "Alaska": "USA", "Russia": "RUS"}
	c, err := New(Options{Lookup: testLookup, Place: func(name string) (dyad.Location, bool) {
		code, ok := places[name]
		return dyad.Location{Name: name, Country: code}, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]string{"Reuters": "GBRMED", "Ukraine": "UKR", "US": "USA", "Russia": "RUS", "Switzerland": "CHE", "Brazil": "BRA", "Argentina": "ARG",
		"Obama": "USAGOV", "Putin": "RUSGOV", "Iraq": "IRQ", "Syria": "SYR", "Iran": "IRN", "France": "FRA", "Rwanda": "RWA", "EU": "IGOEUREEC", "military": "RUSMIL"}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"subjects-split-by-the-parser",
			"The/the/DET/2/det US/US/PROPN/8/nsubj ,/,/PUNCT/4/punct Russia/Russia/PROPN/2/conj ,/,/PUNCT/8/punct and/and/CCONJ/8/cc Switzerland/Switzerland/PROPN/8/nsubj met/meet/VERB/0/root",
			[]string{"1 CHE>RUS 040 asserted", "1 CHE>USA 040 asserted", "1 RUS>CHE 040 asserted", "1 RUS>USA 040 asserted", "1 USA>CHE 040 asserted", "1 USA>RUS 040 asserted"}},
		{"coordinated-subjects-of-a-relation",
			"Brazil/Brazil/PROPN/5/nsubj and/and/CCONJ/3/cc Argentina/Argentina/PROPN/1/conj are/be/AUX/5/aux seeking/seek/VERB/0/root to/to/PART/7/mark deepen/deepen/VERB/5/xcomp a/a/DET/9/det partnership/partnership/NOUN/7/obj",
			[]string{"1 ARG>BRA 031 asserted", "1 BRA>ARG 031 asserted"}},
		{"wish-addressed-to-an-actor",
			"Obama/Obama/PROPN/2/nsubj wants/want/VERB/0/root Putin/Putin/PROPN/2/obj to/to/PART/5/mark help/help/VERB/2/xcomp Switzerland/Switzerland/PROPN/5/obj",
			[]string{"1 USAGOV>RUSGOV 023 asserted"}},
		{"help-in-an-act-is-no-aid",
			"France/France/PROPN/2/nsubj helped/help/VERB/0/root to/to/PART/4/mark plan/plan/VERB/2/xcomp killings/killing/NOUN/4/obj",
			nil},
		{"topic-of-talks",
			"Iraq/Iraq/PROPN/2/nsubj met/meet/VERB/0/root with/with/ADP/4/case Syria/Syria/PROPN/2/obl to/to/PART/6/mark discuss/discuss/VERB/2/advcl efforts/effort/NOUN/6/obj to/to/PART/9/mark counter/counter/VERB/7/acl Russia/Russia/PROPN/9/obj",
			[]string{"1 IRQ>SYR 040 asserted", "1 SYR>IRQ 040 asserted"}},
		{"received-from-is-the-giver's-act",
			"Ukraine/Ukraine/PROPN/2/nsubj received/receive/VERB/0/root weapons/weapon/NOUN/2/obj from/from/ADP/5/case Russia/Russia/PROPN/2/obl",
			[]string{"1 RUS>UKR 072 asserted"}},
		{"a host's guest made a visit",
			"Iraq/Iraq/PROPN/2/nsubj hosted/host/VERB/0/root Syria/Syria/PROPN/2/obj",
			[]string{"1 IRQ>SYR 043 asserted", "1 SYR>IRQ 042 asserted"}},
		{"a passive's subject is matched as its object",
			"Evidence/evidence/NOUN/5/nsubj:pass against/against/ADP/3/case Russia/Russia/PROPN/1/nmod was/be/AUX/5/aux:pass presented/present/VERB/0/root by/by/ADP/8/case the/the/DET/8/det US/US/PROPN/5/obl:agent",
			[]string{"1 USA>RUS 1124 asserted"}},
		{"force shown in another country is aimed at it",
			"Russia/Russia/PROPN/3/nsubj is/be/AUX/3/aux conducting/conduct/VERB/0/root military/military/ADJ/5/amod exercises/exercise/NOUN/3/obj in/in/ADP/7/case Iran/Iran/PROPN/3/obl",
			[]string{"1 RUS>IRN 150 asserted"}},
		{"force shown in a place of another country",
			"Russia/Russia/PROPN/2/nsubj held/hold/VERB/0/root naval/naval/ADJ/4/amod exercises/exercise/NOUN/2/obj in/in/ADP/6/case Alaska/Alaska/PROPN/2/obl",
			[]string{"1 RUS>USA 150 asserted"}},
		{"force shown at home has no place target",
			"Russia/Russia/PROPN/2/nsubj held/hold/VERB/0/root naval/naval/ADJ/4/amod exercises/exercise/NOUN/2/obj in/in/ADP/6/case Russia/Russia/PROPN/2/obl",
			[]string{"1 RUS> 150 asserted"}},
		{"protesters who destroy property riot",
			"The/the/DET/2/det building/building/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass demolished/demolish/VERB/0/root by/by/ADP/7/case Ukraine/Ukraine/PROPN/7/compound protesters/protester/NOUN/4/obl:agent",
			[]string{"1 UKR> 145 asserted"}},
		{"a news agency reporting accuses no one",
			"Russia/Russia/PROPN/2/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/2/obj ,/,/PUNCT/6/punct Reuters/Reuters/PROPN/6/compound reports/report/NOUN/2/obl",
			[]string{"1 RUS>UKR 190 asserted by Reuters"}},
		{"an unresolved pronoun in what a speaker says is the speaker",
			"Obama/Obama/PROPN/4/nsubj and/and/CCONJ/3/cc Putin/Putin/PROPN/1/conj said/say/VERB/0/root they/they/PRON/7/nsubj will/will/AUX/7/aux attack/attack/VERB/4/ccomp Iraq/Iraq/PROPN/7/obj",
			[]string{"1 RUSGOV>IRQ 1384 planned by Obama", "1 USAGOV>IRQ 1384 planned by Obama"}},
		{"claiming one's own act is claiming responsibility",
			"The/the/DET/2/det US/US/PROPN/3/nsubj claimed/claim/VERB/0/root that/that/SCONJ/7/mark they/they/PRON/7/nsubj had/have/AUX/7/aux attacked/attack/VERB/3/ccomp Iraq/Iraq/PROPN/7/obj",
			[]string{"1 USA>IRQ 015 asserted c1", "1 USA>IRQ 190 claimed c1"}},
		{"the author of a condemned thing, the object shifted after as",
			"France/France/PROPN/2/nsubj condemned/condemn/VERB/0/root as/as/ADP/5/case unacceptable/unacceptable/ADJ/5/amod allegations/allegation/NOUN/2/obl by/by/ADP/7/case Rwanda/Rwanda/PROPN/5/nmod",
			[]string{"1 FRA>RWA 111 asserted"}},
		{"the author of a condemned thing, by hung on the verb",
			"The/the/DET/2/det US/US/PROPN/3/nsubj condemned/condemn/VERB/0/root the/the/DET/5/det veto/veto/NOUN/3/obj by/by/ADP/7/case Russia/Russia/PROPN/3/obl",
			[]string{"1 USA>RUS 111 asserted"}},
		{"sanctions on coordinated nouns against people of a body",
			"The/the/DET/2/det EU/EU/PROPN/3/nsubj announced/announce/VERB/0/root asset/asset/NOUN/5/compound freezes/freeze/NOUN/3/obj and/and/CCONJ/8/cc travel/travel/NOUN/8/compound bans/ban/NOUN/5/conj against/against/ADP/11/case senior/senior/ADJ/11/amod officers/officer/NOUN/8/nmod in/in/ADP/15/case the/the/DET/15/det Russian/Russian/ADJ/15/amod military/military/NOUN/11/nmod",
			[]string{"1 IGOEUREEC>RUSMIL 163 asserted"}},
		{"thing-in-a-country",
			"Russia/Russia/PROPN/2/nsubj attacked/attack/VERB/0/root the/the/DET/4/det refineries/refinery/NOUN/2/obj in/in/ADP/6/case Iran/Iran/PROPN/4/nmod",
			[]string{"1 RUS>IRN 190 asserted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := codeStates(t, c, []string{tc.in}, actors)
			if diff := cmp.Diff(tc.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEarlierSentences holds the coder to what earlier sentences of the
// article settle: whose visit a definite "the visit" is, and whose thing a
// definite object is ("condemned the veto").
func TestEarlierSentences(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Russia": "RUS", "Iraq": "IRQ", "US": "USA"}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"the visit is the earlier traveller's",
			[]string{"Russia/Russia/PROPN/3/nsubj will/will/AUX/3/aux travel/travel/VERB/0/root to/to/ADP/5/case Iraq/Iraq/PROPN/3/obl",
				"Iraq/Iraq/PROPN/2/nsubj welcomed/welcome/VERB/0/root the/the/DET/4/det visit/visit/NOUN/2/obj"},
			[]string{"1 RUS>IRQ 036 planned", "2 IRQ>RUS 043 asserted"}},
		{"the veto is its earlier owner's",
			[]string{"Russia/Russia/PROPN/3/nmod:poss 's/'s/PART/1/case vote/vote/NOUN/0/root counted/count/VERB/3/acl as/as/ADP/7/case a/a/DET/7/det veto/veto/NOUN/4/obl",
				"The/the/DET/2/det US/US/PROPN/3/nsubj condemned/condemn/VERB/0/root the/the/DET/5/det veto/veto/NOUN/3/obj"},
			[]string{"2 USA>RUS 111 asserted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := codeStates(t, c, tc.in, actors)
			if diff := cmp.Diff(tc.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

// codeStates codes sentences (see doc) whose actors are all states.
func codeStates(t *testing.T, c *Coder, sentences []string, actors map[string]string) *dyad.Doc {
	t.Helper()
	d := doc(t, sentences, actors)
	for i := range d.Actors {
		d.Actors[i].Kind = dyad.KindState
	}
	if err := c.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}
