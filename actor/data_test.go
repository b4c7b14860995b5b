package actor

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
)

// TestBuiltinData loads the embedded knowledge and checks its size.
func TestBuiltinData(t *testing.T) {
	kb := newKnowledge()
	if err := loadBuiltin(dataFS, kb); err != nil {
		t.Fatal(err)
	}
	if n := len(kb.countries); n < 249 {
		t.Errorf("%d countries, want every ISO 3166-1 country and territory (249+)", n)
	}
	if n := len(kb.people); n < 300 {
		t.Errorf("%d people, want 300 or more", n)
	}
	for _, code := range []string{"IRN", "RUS", "UKR", "USA", "CHN", "KSV", "PSE", "TWN"} {
		if _, ok := kb.countries[code]; !ok {
			t.Errorf("country %s missing", code)
		}
	}
}

// TestDataErrors checks that a bad line of a knowledge file is reported with
// its file and line, and that the other lines still load.
func TestDataErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"data/countries.tsv": {Data: []byte("# header\ncode\tiso2\tname\tofficial\tnames\tdemonyms\tcapitals\tregion\n" +
			"IRN\tIR\tIran\tIslamic Republic of Iran\tIran\tIranian\tTehran\tAsia\n" +
			"iran\tXX\tBad\t\t\t\t\t\n")},
		"data/aliases.tsv": {Data: []byte("code\ttype\ttext\tnote\nIRN\tcapital\tTeheran\t\nZZZ\tname\tNowhere\t\nIRN\tplanet\tX\t\n")},
		"data/cities.tsv":  {Data: []byte("name\tcountry\tlat\tlon\tpopulation\tfeature\nTabriz\tIRN\t38.08\t46.29\t1558693\tPPLA\nX\tIRN\tnorth\t1\t1\tPPL\n")},
		"data/igos.tsv":    {Data: []byte("name\taliases\tcodes\tkind\tnote\nUnited Nations\tUN\tIGOUNO\torganisation\t\nBad\t\t[X 2004017]\torganisation\t\nOdd\t\tIGO\tthing\t\n")},
		"data/media.tsv":   {Data: []byte("name\taliases\tcodes\tkind\tnote\n")},
		"data/groups.tsv":  {Data: []byte("name\taliases\tcode\tkind\tnote\n")},
		"data/roles.tsv":   {Data: []byte("phrase\tsector\ttype\tnote\nminister\tGOV\tperson\t\nMinister\tGOV\tperson\t\nspy\tXYZ\tperson\t\nthing\tGOV\tstuff\t\nrioter\tOPP\tperson\t=nobody\n")},
		"data/people.tsv": {Data: []byte("name\taliases\tcountry\toffice\tsector\tstart\tend\tgender\tsource\n" +
			"Ali Test\t\tIRN\tminister\tGOV\t2020-01\t2021\tm\tfm\n" +
			"Bad Dates\t\tIRN\tminister\tGOV\t2021-05-01\t2020-01-01\tm\tfm\n" +
			"No Source\t\tIRN\tminister\tGOV\t2021\t\tm\t\n" +
			"Wrong Land\t\tXYZ\tminister\tGOV\t2021\t\tm\tfm\n" +
			"Bad Gender\t\tIRN\tminister\tGOV\t2021\t\tx\tfm\n" +
			"Bad Start\t\tIRN\tminister\tGOV\t21-01\t\tm\tfm\n")},
	}
	kb := newKnowledge()
	err := loadBuiltin(fsys, kb)
	var got []string
	for _, e := range unwrapAll(err) {
		var ie *dyad.InputError
		if !errors.As(e, &ie) {
			t.Fatalf("error %v is not an InputError", e)
		}
		if !errors.Is(e, dyad.ErrInvalid) {
			t.Errorf("error %v does not wrap ErrInvalid", e)
		}
		got = append(got, ie.Input+":"+itoa(ie.Line))
	}
	want := []string{
		"actor/data/countries.tsv:4",
		"actor/data/aliases.tsv:3", "actor/data/aliases.tsv:4",
		"actor/data/cities.tsv:3",
		"actor/data/igos.tsv:3", "actor/data/igos.tsv:4",
		"actor/data/roles.tsv:3", "actor/data/roles.tsv:4", "actor/data/roles.tsv:5", "actor/data/roles.tsv:6",
		"actor/data/people.tsv:3", "actor/data/people.tsv:4", "actor/data/people.tsv:5", "actor/data/people.tsv:6", "actor/data/people.tsv:7",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
	// The good lines loaded.
	for _, key := range []string{"iran", "teheran", "tehran", "tabriz", "un", "minister", "ali test"} {
		if !kb.hasPhrase(key) && !kb.hasPhrase(key+"\x00UN") {
			t.Errorf("phrase %q not loaded", key)
		}
	}
	if p := kb.people["Ali Test"]; p == nil || len(p.terms) != 1 || p.terms[0].from != 20200101 || p.terms[0].to != 20211231 {
		t.Errorf("Ali Test = %+v; want one term 2020-01-01..2021-12-31", p)
	}
}

func unwrapAll(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unwrapAll(e)...)
		}
		return out
	}
	return []error{err}
}

func TestNormWord(t *testing.T) {
	for in, want := range map[string]string{
		"Côte": "cote", "U.S.": "u.s", "d’Ivoire": "d'ivoire", "Kiev": "kiev", "TEHRAN": "tehran",
		"Erdoğan": "erdogan", ".": ".", "Ki-moon": "ki-moon",
	} {
		if got := normWord(in); got != want {
			t.Errorf("normWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSimpleTokens(t *testing.T) {
	var got []string
	for _, tk := range simpleTokens(`"Iran’s U.S.-backed (foes), the countries’ Kiev."`, 0) {
		got = append(got, tk.Form)
	}
	want := strings.Fields(`" Iran’s U.S.-backed ( foes ) , the countries’ Kiev . "`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("simpleTokens (-want +got):\n%s", diff)
	}
}
