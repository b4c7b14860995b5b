package extract

import (
	"errors"
	"testing"

	"github.com/dyadhq/dyad"
)

func TestEmbeddedVocab(t *testing.T) {
	v, err := readVocab(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		ok   bool
	}{
		{"say", len(v.speech["said"]) > 0},
		{"point out", len(v.speech["pointing"]) > 0},
		{"seven", v.numbers["seven"].value == 7},
		{"tens", v.numbers["tens"].high == 100},
		{"USD", v.unitNames["USD"] != nil && v.isCurrencySymbol("$")},
		{"Security Council veto", len(v.bodies["security"]) > 0 && v.bodies["security"][0].val.veto["RUS"]},
		{"abstain", len(v.positions["abstained"]) > 0},
		{"called for", len(v.continues["called"]) > 0},
	} {
		if !c.ok {
			t.Errorf("embedded vocabulary lacks %s", c.what)
		}
	}
}

// TestVocabErrors checks that a bad line is an InputError naming its file
// and line, of kind ErrInvalid.
func TestVocabErrors(t *testing.T) {
	parse := map[string]func(name, content string) error{
		"speech":    func(n, c string) error { _, err := parseSpeech(n, c); return err },
		"numbers":   func(n, c string) error { _, err := parseNumbers(n, c); return err },
		"modifiers": func(n, c string) error { _, err := parseModifiers(n, c); return err },
		"units":     func(n, c string) error { _, err := parseUnits(n, c); return err },
		"votes":     func(n, c string) error { return parseVotes(n, c, &vocab{}) },
	}
	tests := []struct {
		file, content string
		line          int
	}{
		{"speech", "# header\nsay: says said\nsay2 says", 3},
		{"speech", "say: says | loud", 1},
		{"speech", "say: Says", 1},
		{"speech", "say: says\ntell: says", 2},
		{"speech", "say:", 1},
		{"numbers", "one unit 1\ntwo unit x", 2},
		{"numbers", "one unit 1\none unit 1", 2},
		{"numbers", "tens plural 10", 1},
		{"numbers", "tens plural 100 10", 1},
		{"numbers", "one units 1", 1},
		{"modifiers", "about approx\nover more", 2},
		{"units", "USD currency: $\nUSD currency: dollar", 2},
		{"units", "USD money: $", 1},
		{"units", "USD currency", 1},
		{"votes", "body IGOUNO x | General Assembly", 1},
		{"votes", "body IGOUNO 15 veto=RUSSIA | Security Council", 1},
		{"votes", "position maybe | perhaps", 1},
		{"votes", "\n\nmotion - | bill | bill", 3},
		{"votes", "outcome won | won", 1},
		{"votes", "continue called | called", 1},
		{"votes", "weird - | x", 1},
		{"votes", "trigger - | vote |  | ", 1},
	}
	for _, tt := range tests {
		err := parse[tt.file](tt.file+".txt", tt.content)
		var ie *dyad.InputError
		if !errors.As(err, &ie) || ie.Line != tt.line || ie.Input != tt.file+".txt" || !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%s %q: got %v, want an invalid-input error at line %d", tt.file, tt.content, err, tt.line)
		}
	}
}

// FuzzVocab checks that the data file parsers never panic and fail only
// with an InputError of kind ErrInvalid.
func FuzzVocab(f *testing.F) {
	for _, name := range []string{"speech.txt", "numbers.txt", "modifiers.txt", "units.txt", "votes.txt"} {
		b, err := data.ReadFile("data/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("say: says | obj that\n")
	f.Add("body *LEG 0 veto=USA | x\n")
	f.Fuzz(func(t *testing.T, content string) {
		errs := []error{}
		_, err := parseSpeech("f", content)
		errs = append(errs, err)
		_, err = parseNumbers("f", content)
		errs = append(errs, err)
		_, err = parseModifiers("f", content)
		errs = append(errs, err)
		_, err = parseUnits("f", content)
		errs = append(errs, err)
		errs = append(errs, parseVotes("f", content, &vocab{}))
		for _, err := range errs {
			var ie *dyad.InputError
			if err != nil && (!errors.As(err, &ie) || !errors.Is(err, dyad.ErrInvalid) || ie.Line < 1) {
				t.Errorf("bad error %v", err)
			}
		}
	})
}
