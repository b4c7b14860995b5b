package event

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
)

// conll builds tokens from "form/lemma/UPOS/XPOS/head/rel" fields.
func conll(t *testing.T, s string) []dyad.Token {
	t.Helper()
	var out []dyad.Token
	for _, f := range strings.Fields(s) {
		p := strings.Split(f, "/")
		if len(p) != 6 {
			t.Fatalf("bad token %q", f)
		}
		h, err := strconv.Atoi(p[4])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dyad.Token{Form: p[0], Lemma: p[1], UPOS: p[2], XPOS: p[3], Head: h, Rel: p[5]})
	}
	return out
}

func arcs(toks []dyad.Token) []string {
	var out []string
	for _, tk := range toks {
		out = append(out, tk.Form+"<"+strconv.Itoa(tk.Head)+":"+tk.Rel)
	}
	return out
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"finite verb hung on a root noun",
			"Nigerian/Nigerian/ADJ/JJ/2/amod authorities/authority/NOUN/NNS/0/root jailed/jail/VERB/VBD/2/acl members/member/NOUN/NNS/3/obj ././PUNCT/./2/punct",
			"Nigerian<2:amod authorities<3:nsubj jailed<0:root members<3:obj .<3:punct"},
		{"a reduced relative under a verb stays",
			"troops/troop/NOUN/NNS/3/nsubj deployed/deploy/VERB/VBN/1/acl arrived/arrive/VERB/VBD/0/root",
			"troops<3:nsubj deployed<1:acl arrived<0:root"},
		{"a noun with a copula stays",
			"it/it/PRON/PRP/3/nsubj is/be/AUX/VBZ/3/cop plan/plan/NOUN/NN/0/root agreed/agree/VERB/VBN/3/acl",
			"it<3:nsubj is<3:cop plan<0:root agreed<3:acl"},
		{"an infinitive under a verb of intent is its complement",
			"Ministers/minister/NOUN/NNS/2/nsubj agreed/agree/VERB/VBD/0/root to/to/PART/TO/4/mark provide/provide/VERB/VB/2/advcl aid/aid/NOUN/NN/4/obj",
			"Ministers<2:nsubj agreed<0:root to<4:mark provide<2:xcomp aid<4:obj"},
		{"a purpose clause of another verb stays",
			"UN/UN/PROPN/NNP/2/nsubj sent/send/VERB/VBD/0/root staff/staff/NOUN/NN/2/obj to/to/PART/TO/5/mark investigate/investigate/VERB/VB/2/advcl",
			"UN<2:nsubj sent<0:root staff<2:obj to<5:mark investigate<2:advcl"},
		{"no agent without by, and an active subject without a passive auxiliary",
			"Yeltsin/Yeltsin/PROPN/NNP/2/nsubj:pass hosted/host/VERB/VBN/0/root Hashimoto/Hashimoto/PROPN/NNP/2/obl:agent ,/,/PUNCT/,/2/punct according/accord/VERB/VBG/7/case to/to/ADP/TO/5/fixed aides/aide/NOUN/NNS/2/obl:agent",
			"Yeltsin<2:nsubj hosted<0:root Hashimoto<2:obj ,<2:punct according<7:case to<5:fixed aides<2:obl"},
		{"a passive with its auxiliary and agent stays",
			"Yeltsin/Yeltsin/PROPN/NNP/3/nsubj:pass was/be/AUX/VBD/3/aux:pass hosted/host/VERB/VBN/0/root by/by/ADP/IN/5/case Hashimoto/Hashimoto/PROPN/NNP/3/obl:agent",
			"Yeltsin<3:nsubj:pass was<3:aux:pass hosted<0:root by<5:case Hashimoto<3:obl:agent"},
		{"a subject hung on an auxiliary",
			"parties/party/NOUN/NNS/2/nsubj have/have/AUX/VBP/3/aux organized/organize/VERB/VBN/0/root strike/strike/NOUN/NN/3/obj",
			"parties<3:nsubj have<3:aux organized<0:root strike<3:obj"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := conll(t, tt.in)
			before := arcs(in)
			got := arcs(repair(in))
			if diff := cmp.Diff(strings.Fields(tt.want), got); diff != "" {
				t.Errorf("repair (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, arcs(in)); diff != "" {
				t.Errorf("repair changed its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSubjectsAndCountries(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Czechia": "CZE", "China": "CHN", "Zimbabwe": "ZWE", "groups": "OPP",
		"Russia": "RUS", "its": "RUS", "Mugabe": "GOV", "Morocco": "MAR", "Hassan": "GOV", "Israel": "ISR"}
	states := map[string]bool{"CZE": true, "CHN": true, "ZWE": true, "RUS": true, "MAR": true, "ISR": true}
	tests := []struct {
		name     string
		sentence string
		want     []string
	}{
		{"an agent phrase without an actor leaves the subject",
			"Czechia/Czechia/PROPN/4/nsubj and/and/CCONJ/1/cc China/China/PROPN/1/conj signed/sign/VERB/0/root an/a/DET/6/det agreement/agreement/NOUN/4/obj by/by/ADP/9/case 50/50/NUM/9/nummod percent/percent/NOUN/4/obl:agent",
			[]string{"1 CHN>CZE 057 asserted", "1 CZE>CHN 057 asserted"}},
		{"a sector takes the country of its place",
			"Opposition/opposition/NOUN/2/compound groups/group/NOUN/5/nsubj in/in/ADP/4/case Zimbabwe/Zimbabwe/PROPN/2/nmod demanded/demand/VERB/0/root action/action/NOUN/5/obj",
			[]string{"1 ZWEOPP> 100 asserted"}},
		{"a title takes the country it is of",
			"King/king/NOUN/2/compound Hassan/Hassan/PROPN/5/nsubj of/of/ADP/4/case Morocco/Morocco/PROPN/2/nmod criticized/criticize/VERB/0/root Israel/Israel/PROPN/5/obj",
			[]string{"1 MARGOV>ISR 111 asserted"}},
		{"the actor's own act has no target",
			"Russia/Russia/PROPN/2/nsubj closed/close/VERB/0/root its/its/PRON/5/nmod:poss southern/southern/ADJ/5/amod borders/border/NOUN/2/obj",
			[]string{"1 RUS> 172 asserted"}},
		{"according to is no predicate",
			"Mugabe/Mugabe/PROPN/2/nsubj spoke/speak/VERB/0/root ,/,/PUNCT/7/punct according/accord/VERB/7/case to/to/ADP/4/fixed the/the/DET/7/det radio/radio/NOUN/2/obl",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, []string{tt.sentence}, actors)
			for i := range d.Actors {
				if states[d.Actors[i].Code] {
					d.Actors[i].Kind, d.Actors[i].Country = dyad.KindState, d.Actors[i].Code
				}
			}
			if err := c.Annotate(t.Context(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}
