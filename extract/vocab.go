package extract

import (
	"embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dyadhq/dyad"
)

// data holds the vocabularies of the extractors. Each file opens with a
// comment header that says what it holds, where its facts came from and the
// format of its lines.
//
//go:embed data/*.txt
var data embed.FS

// vocab is the decoded content of the data files, read once and shared
// read-only by every stage.
type vocab struct {
	speech    phrases[verbForm]
	numbers   map[string]numWord
	modifiers phrases[modKind] // keyed by their first word, matched backwards from a number
	units     phrases[unitForm]
	bodies    phrases[*body]
	positions phrases[string]
	motions   phrases[struct{}]
	outcomes  phrases[string]
	triggers  phrases[struct{}]
	continues phrases[string]   // verb phrase -> gerund ("called for" -> "calling for")
	carriers  phrases[struct{}] // verbs that carry a position noun: "cast (a veto)"
	unitNames map[string]*unit
	roles     map[string]role // lower-case word -> the phrase sets it opens
}

// role is a set of bits saying which vocabularies a word opens a phrase of,
// so a sentence is read with one map lookup per token.
type role uint16

const (
	rSpeech role = 1 << iota
	rNumber
	rUnit
	rModifier
	rBody
	rPosition
	rMotion
	rOutcome
	rTrigger
	rContinue
)

// addRoles marks the first word of every phrase of p with r.
func addRoles[T any](m map[string]role, p phrases[T], r role) {
	for w := range p {
		m[w] |= r
	}
}

var loadVocab = sync.OnceValues(func() (*vocab, error) { return readVocab(data) })

// mustVocab returns the embedded vocabulary. The package's tests validate
// the embedded files, so a failure here is a programming error.
func mustVocab() *vocab {
	v, err := loadVocab()
	if err != nil {
		panic(fmt.Sprintf("extract: bad embedded data: %v", err))
	}
	return v
}

// readVocab decodes and validates every data file of fsys.
func readVocab(fsys embed.FS) (*vocab, error) {
	read := func(name string) (string, error) {
		b, err := fsys.ReadFile("data/" + name)
		if err != nil {
			return "", fmt.Errorf("extract: read %s: %w", name, err)
		}
		return string(b), nil
	}
	v := &vocab{}
	for _, name := range []string{"speech.txt", "numbers.txt", "modifiers.txt", "units.txt", "votes.txt"} {
		content, err := read(name)
		if err != nil {
			return nil, err
		}
		switch name {
		case "speech.txt":
			v.speech, err = parseSpeech(name, content)
		case "numbers.txt":
			v.numbers, err = parseNumbers(name, content)
		case "modifiers.txt":
			v.modifiers, err = parseModifiers(name, content)
		case "units.txt":
			v.units, err = parseUnits(name, content)
		case "votes.txt":
			err = parseVotes(name, content, v)
		}
		if err != nil {
			return nil, err
		}
	}
	v.roles = map[string]role{}
	addRoles(v.roles, v.speech, rSpeech)
	addRoles(v.roles, v.units, rUnit)
	addRoles(v.roles, v.modifiers, rModifier)
	addRoles(v.roles, v.bodies, rBody)
	addRoles(v.roles, v.positions, rPosition)
	addRoles(v.roles, v.motions, rMotion)
	addRoles(v.roles, v.outcomes, rOutcome)
	addRoles(v.roles, v.triggers, rTrigger)
	addRoles(v.roles, v.continues, rContinue)
	for w := range v.numbers {
		v.roles[w] |= rNumber
	}
	v.roles["according"] |= rSpeech // "according to", read by rule
	v.roles["a"] |= rNumber
	v.roles["an"] |= rNumber
	v.unitNames = map[string]*unit{}
	for _, list := range v.units {
		for _, ph := range list {
			v.unitNames[ph.val.unit.name] = ph.val.unit
		}
	}
	return v, nil
}

// eachLine calls fn with every line of content that is neither blank nor a
// comment. An error from fn becomes an InputError naming the file and line.
func eachLine(name, content string, fn func(line string) error) error {
	for n, line := range strings.Split(content, "\n") {
		s := strings.TrimSpace(line)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := fn(s); err != nil {
			return &dyad.InputError{Input: name, Line: n + 1, Offset: -1, Err: fmt.Errorf("%w: %w", dyad.ErrInvalid, err)}
		}
	}
	return nil
}

// phrases is a set of word sequences, indexed by their first word, each with
// a value. Matching prefers the longest phrase.
type phrases[T any] map[string][]phrase[T]

type phrase[T any] struct {
	words []string
	val   T
}

// add adds a phrase given as its lower-case words and rejects duplicates.
func (p phrases[T]) add(words []string, val T) error {
	if len(words) == 0 {
		return errors.New("empty phrase")
	}
	for _, w := range words {
		if w == "" {
			return errors.New("empty word in phrase")
		}
	}
	for _, old := range p[words[0]] {
		if equalWords(old.words, words) {
			return fmt.Errorf("duplicate %q", strings.Join(words, " "))
		}
	}
	list := append(p[words[0]], phrase[T]{words: words, val: val})
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	p[words[0]] = list
	return nil
}

// match returns the value and length of the longest phrase that starts at
// low[i].
func (p phrases[T]) match(low []string, i int) (T, int, bool) {
	var zero T
	if i < 0 || i >= len(low) {
		return zero, 0, false
	}
	for _, ph := range p[low[i]] {
		if i+len(ph.words) > len(low) {
			continue
		}
		if equalWords(ph.words, low[i:i+len(ph.words)]) {
			return ph.val, len(ph.words), true
		}
	}
	return zero, 0, false
}

// matchEnding returns the value and length of the longest phrase that ends
// at low[j] (inclusive).
func (p phrases[T]) matchEnding(low []string, j int) (T, int, bool) {
	var zero T
	best, bestN := zero, 0
	for i := max(0, j-7); i <= j; i++ {
		for _, ph := range p[low[i]] {
			if i+len(ph.words) == j+1 && equalWords(ph.words, low[i:j+1]) && len(ph.words) > bestN {
				best, bestN = ph.val, len(ph.words)
			}
		}
	}
	return best, bestN, bestN > 0
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// splitWords splits a data form written with "_" between words.
func splitWords(form string) []string { return strings.Split(form, "_") }

// speechVerb is one verb of saying.
type speechVerb struct {
	lemma string
	obj   bool // the addressee may stand between the verb and the clause
	that  bool // reported speech needs "that" or a colon
}

// verbForm is one written form of a verb of saying.
type verbForm struct {
	verb       *speechVerb
	ambiguous  bool // also a noun: a verb only when tagged so or in a verb's place
	participle bool // "adding", "saying"
}

// parseSpeech decodes the verbs of saying (format in data/speech.txt).
func parseSpeech(name, content string) (phrases[verbForm], error) {
	p := phrases[verbForm]{}
	err := eachLine(name, content, func(line string) error {
		lemma, rest, ok := strings.Cut(line, ":")
		lemma = strings.TrimSpace(lemma)
		if !ok || lemma == "" {
			return errors.New(`want "LEMMA: FORM ... [| FLAG ...]"`)
		}
		forms, flags, _ := strings.Cut(rest, "|")
		v := &speechVerb{lemma: lemma}
		for _, f := range strings.Fields(flags) {
			switch f {
			case "obj":
				v.obj = true
			case "that":
				v.that = true
			default:
				return fmt.Errorf("unknown flag %q", f)
			}
		}
		fs := strings.Fields(forms)
		if len(fs) == 0 {
			return fmt.Errorf("verb %q has no forms", lemma)
		}
		for _, f := range fs {
			vf := verbForm{verb: v}
			if strings.HasSuffix(f, "?") {
				vf.ambiguous = true
				f = strings.TrimSuffix(f, "?")
			}
			if f != strings.ToLower(f) {
				return fmt.Errorf("form %q must be lower case", f)
			}
			words := splitWords(f)
			vf.participle = strings.HasSuffix(words[0], "ing")
			if err := p.add(words, vf); err != nil {
				return err
			}
		}
		return nil
	})
	return p, err
}

// numKind is the role of a number word.
type numKind uint8

const (
	numUnit    numKind = iota + 1 // one .. nineteen
	numTens                       // twenty .. ninety
	numHundred                    // hundred
	numScale                      // thousand, million, ...
	numSuffix                     // bn, k after digits
	numDozen                      // dozen
	numPlural                     // tens, dozens, hundreds: a range
	numFew                        // several, few: a range before a scale word
)

var numKinds = map[string]numKind{
	"unit": numUnit, "tens": numTens, "hundred": numHundred, "scale": numScale,
	"suffix": numSuffix, "dozen": numDozen, "plural": numPlural, "few": numFew,
}

// numWord is one number word: its value, and for ranges its upper bound.
type numWord struct {
	kind  numKind
	value float64
	high  float64
}

// parseNumbers decodes the number words (format in data/numbers.txt).
func parseNumbers(name, content string) (map[string]numWord, error) {
	m := map[string]numWord{}
	err := eachLine(name, content, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 3 || len(f) > 4 {
			return errors.New(`want "WORD KIND VALUE [HIGH]"`)
		}
		kind, ok := numKinds[f[1]]
		if !ok {
			return fmt.Errorf("unknown kind %q", f[1])
		}
		if f[0] != strings.ToLower(f[0]) {
			return fmt.Errorf("word %q must be lower case", f[0])
		}
		if _, dup := m[f[0]]; dup {
			return fmt.Errorf("duplicate %q", f[0])
		}
		w := numWord{kind: kind}
		var err error
		if w.value, err = strconv.ParseFloat(f[2], 64); err != nil || w.value < 0 {
			return fmt.Errorf("bad value %q", f[2])
		}
		ranged := kind == numPlural || kind == numFew
		if ranged != (len(f) == 4) {
			return fmt.Errorf("kind %s wants %s", f[1], map[bool]string{true: "VALUE HIGH", false: "one VALUE"}[ranged])
		}
		if ranged {
			if w.high, err = strconv.ParseFloat(f[3], 64); err != nil || w.high <= w.value {
				return fmt.Errorf("bad upper bound %q", f[3])
			}
		}
		m[f[0]] = w
		return nil
	})
	return m, err
}

// modKind is what a word before a number says about it.
type modKind uint8

const (
	modApprox modKind = iota + 1
	modMin
	modMax
	modID
	modParticle
)

var modKinds = map[string]modKind{"approx": modApprox, "min": modMin, "max": modMax, "id": modID, "particle": modParticle}

// parseModifiers decodes the number modifiers (format in data/modifiers.txt).
func parseModifiers(name, content string) (phrases[modKind], error) {
	p := phrases[modKind]{}
	err := eachLine(name, content, func(line string) error {
		f := strings.Fields(line)
		if len(f) != 2 {
			return errors.New(`want "PHRASE KIND"`)
		}
		kind, ok := modKinds[f[1]]
		if !ok {
			return fmt.Errorf("unknown kind %q", f[1])
		}
		if f[0] != strings.ToLower(f[0]) {
			return fmt.Errorf("phrase %q must be lower case", f[0])
		}
		return p.add(splitWords(f[0]), kind)
	})
	return p, err
}

// unit is what a number measures.
type unit struct {
	name string // USD, percent, people, ...
	kind string // currency, percent, time, measure, count
}

// unitForm is one written form of a unit; prefix forms ("$") stand before
// the number.
type unitForm struct {
	unit   *unit
	prefix bool
}

var unitKinds = map[string]bool{"currency": true, "percent": true, "time": true, "measure": true, "count": true}

// parseUnits decodes the units (format in data/units.txt).
func parseUnits(name, content string) (phrases[unitForm], error) {
	p := phrases[unitForm]{}
	names := map[string]bool{}
	err := eachLine(name, content, func(line string) error {
		head, forms, ok := strings.Cut(line, ":")
		h := strings.Fields(head)
		if !ok || len(h) != 2 {
			return errors.New(`want "UNIT KIND: FORM ..."`)
		}
		if !unitKinds[h[1]] {
			return fmt.Errorf("unknown kind %q", h[1])
		}
		if names[h[0]] {
			return fmt.Errorf("duplicate unit %q", h[0])
		}
		names[h[0]] = true
		u := &unit{name: h[0], kind: h[1]}
		fs := strings.Fields(forms)
		if len(fs) == 0 {
			return fmt.Errorf("unit %q has no forms", h[0])
		}
		for _, f := range fs {
			if f != strings.ToLower(f) {
				return fmt.Errorf("form %q must be lower case", f)
			}
			uf := unitForm{unit: u, prefix: u.kind == "currency" && isSymbolForm(f)}
			if err := p.add(splitWords(f), uf); err != nil {
				return err
			}
		}
		return nil
	})
	return p, err
}

// isSymbolForm reports whether a currency form is a symbol ("$", "us$").
func isSymbolForm(f string) bool {
	for _, r := range f {
		if r >= 'a' && r <= 'z' {
			return strings.HasSuffix(f, "$")
		}
	}
	return true
}

// body is a voting body.
type body struct {
	name    string
	code    string // CAMEO code; "*LEG" takes its country from the text
	members int    // 0 when unknown
	veto    map[string]bool
}

var positionNames = map[string]bool{
	dyad.VoteYes: true, dyad.VoteNo: true, dyad.VoteAbstain: true, dyad.VoteAbsent: true, dyad.VoteVeto: true,
}

// parseVotes decodes the vote vocabulary (format in data/votes.txt) into v.
func parseVotes(name, content string, v *vocab) error {
	v.bodies, v.positions, v.motions = phrases[*body]{}, phrases[string]{}, phrases[struct{}]{}
	v.outcomes, v.triggers, v.continues = phrases[string]{}, phrases[struct{}]{}, phrases[string]{}
	v.carriers = phrases[struct{}]{}
	return eachLine(name, content, func(line string) error {
		fields, rest, ok := strings.Cut(line, "|")
		f := strings.Fields(fields)
		if !ok || len(f) < 2 {
			return errors.New(`want "KIND FIELDS | PHRASE ..."`)
		}
		var list [][]string
		for _, ph := range strings.Split(rest, "|") {
			words := strings.Fields(strings.ToLower(ph))
			if len(words) == 0 {
				return errors.New("empty phrase")
			}
			list = append(list, words)
		}
		addAll := func(add func([]string) error) error {
			for _, words := range list {
				if err := add(words); err != nil {
					return err
				}
			}
			return nil
		}
		switch f[0] {
		case "body":
			if len(f) < 3 || len(f) > 4 {
				return errors.New(`want "body CODE MEMBERS [veto=CODE,...] | NAME | PHRASE ..."`)
			}
			b := &body{name: strings.TrimSpace(strings.Split(rest, "|")[0]), code: f[1]}
			if b.code != "*LEG" && !isCode(b.code) {
				return fmt.Errorf("bad actor code %q", b.code)
			}
			n, err := strconv.Atoi(f[2])
			if err != nil || n < 0 {
				return fmt.Errorf("bad member count %q", f[2])
			}
			b.members = n
			if len(f) == 4 {
				codes, ok := strings.CutPrefix(f[3], "veto=")
				if !ok {
					return fmt.Errorf("unknown field %q", f[3])
				}
				b.veto = map[string]bool{}
				for _, c := range strings.Split(codes, ",") {
					if !isCode(c) || len(c) != 3 {
						return fmt.Errorf("bad country code %q", c)
					}
					b.veto[c] = true
				}
			}
			return addAll(func(w []string) error { return v.bodies.add(w, b) })
		case "position":
			if !positionNames[f[1]] || len(f) != 2 {
				return fmt.Errorf("unknown position %q", strings.Join(f[1:], " "))
			}
			return addAll(func(w []string) error { return v.positions.add(w, f[1]) })
		case "motion", "trigger", "carrier":
			if len(f) != 2 || f[1] != "-" {
				return fmt.Errorf(`want "%s - | PHRASE ..."`, f[0])
			}
			set := v.motions
			switch f[0] {
			case "trigger":
				set = v.triggers
			case "carrier":
				set = v.carriers
			}
			return addAll(func(w []string) error { return set.add(w, struct{}{}) })
		case "continue":
			if len(f) != 2 || !strings.HasSuffix(splitWords(f[1])[0], "ing") {
				return fmt.Errorf("want a gerund, got %q", strings.Join(f[1:], " "))
			}
			gerund := strings.Join(splitWords(f[1]), " ")
			return addAll(func(w []string) error { return v.continues.add(w, gerund) })
		case "outcome":
			if len(f) != 2 || f[1] != "passed" && f[1] != "failed" {
				return fmt.Errorf("unknown outcome %q", strings.Join(f[1:], " "))
			}
			return addAll(func(w []string) error { return v.outcomes.add(w, f[1]) })
		}
		return fmt.Errorf("unknown record kind %q", f[0])
	})
}

// isCode reports whether s looks like a CAMEO actor code: 3 to 15 capital
// letters or digits.
func isCode(s string) bool {
	if len(s) < 3 || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
