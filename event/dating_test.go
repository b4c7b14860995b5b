package event

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRelativeDates dates a clause or event noun governed by "after",
// "before" or "since" with a duration from the date of the clause the
// phrase hangs on (publication, 2023-02-24, when that clause names none).
func TestRelativeDates(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Russia": "RUS", "Ukraine": "UKR", "Iran": "IRN", "Iraq": "IRQ", "UN": "IGOUNO"}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"a year after, the clause hung on its subject by the parser",
			"The/the/DET/2/det comments/comment/NOUN/3/nsubj came/come/VERB/0/root precisely/precisely/ADV/3/advmod one/one/NUM/6/nummod year/year/NOUN/3/obl:unmarked after/after/ADP/8/case Russia/Russia/PROPN/9/nsubj attacked/attack/VERB/3/parataxis Ukraine/Ukraine/PROPN/9/obj",
			[]string{"1 RUS>UKR 190 historical 2022-02-24 day"}},
		{"a year after, at the start of the sentence; the main clause keeps its own date",
			"One/one/NUM/2/nummod year/year/NOUN/5/obl:npmod after/after/SCONJ/5/mark Russia/Russia/PROPN/5/nsubj attacked/attack/VERB/9/advcl Ukraine/Ukraine/PROPN/5/obj ,/,/PUNCT/5/punct Iran/Iran/PROPN/9/nsubj met/meet/VERB/0/root Iraq/Iraq/PROPN/9/obj",
			[]string{"1 IRN>IRQ 040 asserted 2023-02-24 day", "1 IRQ>IRN 040 asserted 2023-02-24 day", "1 RUS>UKR 190 historical 2022-02-24 day"}},
		{"two days before, from the date of the main clause",
			"The/the/DET/2/det meeting/meeting/NOUN/3/nsubj came/come/VERB/0/root on/on/ADP/6/case 1/1/NUM/6/nummod February/February/PROPN/3/obl two/two/NUM/8/nummod days/day/NOUN/3/obl:npmod before/before/SCONJ/11/mark Russia/Russia/PROPN/11/nsubj attacked/attack/VERB/3/advcl Ukraine/Ukraine/PROPN/11/obj",
			[]string{"1 RUS>UKR 190 asserted 2023-02-03 day"}},
		{"three months since, with the precision of the unit",
			"It/it/PRON/5/expl has/have/AUX/5/aux been/be/AUX/5/cop three/three/NUM/5/nummod months/month/NOUN/0/root since/since/SCONJ/8/mark Russia/Russia/PROPN/8/nsubj attacked/attack/VERB/5/advcl Ukraine/Ukraine/PROPN/8/obj",
			[]string{"1 RUS>UKR 190 historical 2022-11 month"}},
		{"a year after an event noun, from a dated main clause",
			"The/the/DET/2/det UN/UN/PROPN/3/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/3/obj yesterday/yesterday/NOUN/3/obl:tmod ,/,/PUNCT/8/punct a/a/DET/8/det year/year/NOUN/3/obl:npmod after/after/ADP/12/case Russia/Russia/PROPN/12/nmod:poss 's/'s/PART/10/case invasion/invasion/NOUN/8/nmod of/of/ADP/14/case Ukraine/Ukraine/PROPN/12/nmod",
			[]string{"1 IGOUNO>RUS 111 asserted 2023-02-23 day", "1 RUS>UKR 190 historical 2022-02-23 day"}},
		{"the governed clause's own date wins",
			"Two/two/NUM/2/nummod days/day/NOUN/5/obl:npmod after/after/SCONJ/5/mark Russia/Russia/PROPN/5/nsubj attacked/attack/VERB/12/advcl Ukraine/Ukraine/PROPN/5/obj on/on/ADP/9/case 3/3/NUM/9/nummod February/February/PROPN/5/obl ,/,/PUNCT/5/punct Iran/Iran/PROPN/12/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/12/obj",
			[]string{"1 IRN>RUS 111 asserted 2023-02-24 day", "1 RUS>UKR 190 asserted 2023-02-03 day"}},
		{"since without a duration dates nothing",
			"Since/since/SCONJ/3/mark Russia/Russia/PROPN/3/nsubj attacked/attack/VERB/7/advcl Ukraine/Ukraine/PROPN/3/obj ,/,/PUNCT/3/punct Iran/Iran/PROPN/7/nsubj met/meet/VERB/0/root Iraq/Iraq/PROPN/7/obj",
			[]string{"1 IRN>IRQ 040 asserted 2023-02-24 day", "1 IRQ>IRN 040 asserted 2023-02-24 day", "1 RUS>UKR 190 asserted 2023-02-24 day"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := codeStates(t, c, []string{tc.in}, actors)
			var got []string
			for _, e := range d.Events {
				got = append(got, fmt.Sprintf("%d %s>%s %s %s %s %s", e.Sentence, e.Source.Code, e.Target.Code, e.CAMEO, e.Modality, e.Date, e.DatePrecision))
			}
			sort.Strings(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}
