package event

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dyadhq/dyad"
)

// Rule is one verb or noun pattern. A rule matches a predicate token whose
// lemma is one of Heads when every word of Words is found, in order, among
// the predicate's complement tokens (the dependents after a verb, or any
// dependent of a noun). The most specific matching rule wins.
type Rule struct {
	ID      string
	Code    string   // CAMEO code, or "---" for a pattern that blocks any event
	Nominal bool     // the head is a noun ("invasion of Ukraine")
	Heads   []string // lemmas, lower case
	Words   [][]string
	Target  string // slot the target comes from: obj, iobj, poss, or a preposition
	Source  string // slot the source comes from, "" for the subject
	Flags   Flag
	Bonus   int // added to Specificity: hand-written and user rules beat converted ones
	File    string
	Line    int

	m ruleWords // Words as ids of its index's vocabulary (match.go)
}

// Flag marks a rule's special behaviour.
type Flag uint16

// The rule flags.
const (
	FlagRecip  Flag = 1 << iota // reciprocal: coordinated or "with" actors act on each other
	FlagSay                     // verb of saying: no event; its complement is attributed to its subject
	FlagAccuse                  // accusation: its complement is a claimed proposition
	FlagDeny                    // denial: its complement is a denied proposition
	FlagDemand                  // the complement states what is demanded; the target is its actor
	FlagSelf                    // no target needed (the event stands without one)
	FlagTopic                   // names an act only as what is asked for, promised, refused or protested for; codes no event
)

var flagNames = map[string]Flag{
	"recip": FlagRecip, "say": FlagSay, "accuse": FlagAccuse, "deny": FlagDeny,
	"demand": FlagDemand, "self": FlagSelf, "topic": FlagTopic,
}

// Has reports whether f includes g.
func (f Flag) Has(g Flag) bool { return f&g != 0 }

// Specificity orders matching rules: more words win, then an explicit target.
func (r *Rule) Specificity() int {
	n := 0
	for _, w := range r.Words {
		if len(w) == 1 && isPrep(w[0]) {
			n += 2 // a preposition says little: "call for" vs "call for withdrawal"
		} else {
			n += 10
		}
	}
	if r.Target != "" {
		n++
	}
	return n + r.Bonus
}

var (
	idRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	codeRE = regexp.MustCompile(`^([01][0-9]|20)[0-9]{0,2}$`)
	wordRE = regexp.MustCompile(`^[a-z0-9'][a-z0-9'._-]*$`)
)

var slots = map[string]bool{"obj": true, "iobj": true, "poss": true, "subj": true, "agent": true}

// ErrRule is the cause of every rule-file error.
var ErrRule = errors.New("bad rule")

// ParseRules reads a rule file. The format, one rule a line:
//
//	ID CODE HEAD [WORD...] [-> SLOT] [<- SLOT] [@FLAG...]   # comment
//
// HEAD is lemma|lemma (a verb) or n:lemma|lemma (a noun); each WORD is
// lemma|lemma; SLOT is obj, iobj, poss, subj, agent or a preposition.
// Errors name file:line; a bad line is skipped and the rest is read.
func ParseRules(r io.Reader, file string, valid func(code string) bool) ([]*Rule, error) {
	var rules []*Rule
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		f := strings.Fields(strings.ToLower(text))
		if len(f) == 0 {
			continue
		}
		rule, err := parseRule(f, valid)
		if err != nil {
			errs = append(errs, &dyad.InputError{Input: file, Line: line, Offset: -1, Err: fmt.Errorf("%w: %w", ErrRule, err)})
			continue
		}
		rule.File, rule.Line = file, line
		rules = append(rules, rule)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &dyad.InputError{Input: file, Line: line + 1, Offset: -1, Err: err})
	}
	return rules, errors.Join(errs...)
}

func parseRule(f []string, valid func(string) bool) (*Rule, error) {
	if len(f) < 3 {
		return nil, fmt.Errorf("want ID CODE HEAD, got %d fields", len(f))
	}
	r := &Rule{ID: f[0], Code: f[1]}
	if !idRE.MatchString(r.ID) {
		return nil, fmt.Errorf("bad id %q", r.ID)
	}
	if r.Code != "---" {
		if !codeRE.MatchString(r.Code) {
			return nil, fmt.Errorf("bad CAMEO code %q", r.Code)
		}
		if valid != nil && !valid(r.Code) {
			return nil, fmt.Errorf("unknown CAMEO code %q", r.Code)
		}
	}
	head := f[2]
	if h, ok := strings.CutPrefix(head, "n:"); ok {
		r.Nominal, head = true, h
	}
	for _, h := range strings.Split(head, "|") {
		if !wordRE.MatchString(h) {
			return nil, fmt.Errorf("bad head lemma %q", h)
		}
		r.Heads = append(r.Heads, h)
	}
	for i := 3; i < len(f); i++ {
		w := f[i]
		switch {
		case w == "->" || w == "<-":
			if i+1 >= len(f) {
				return nil, fmt.Errorf("%s without a slot", w)
			}
			slot := f[i+1]
			if !validSlot(slot) {
				return nil, fmt.Errorf("bad slot %q", slot)
			}
			if w == "->" {
				r.Target = slot
			} else {
				r.Source = slot
			}
			i++
		case strings.HasPrefix(w, "@"):
			fl, ok := flagNames[w[1:]]
			if !ok {
				return nil, fmt.Errorf("unknown flag %q", w)
			}
			r.Flags |= fl
		default:
			alts := strings.Split(w, "|")
			for _, a := range alts {
				if !wordRE.MatchString(a) {
					return nil, fmt.Errorf("bad word %q", a)
				}
			}
			r.Words = append(r.Words, alts)
		}
	}
	return r, nil
}

func validSlot(s string) bool {
	for _, p := range strings.Split(s, "|") {
		if !slots[p] && !wordRE.MatchString(p) {
			return false
		}
	}
	return true
}

func isPrep(w string) bool {
	switch w {
	case "to", "with", "against", "on", "in", "at", "for", "from", "into", "over", "toward", "towards", "of", "by", "upon", "onto", "about", "between", "out", "off", "up", "down":
		return true
	}
	return false
}
