// Package event codes events from parsed sentences: for every predicate that
// a rule matches it finds the source and target actors, the CAMEO code with
// its Goldstein value, quad class and PLOVER type, the modality, the date,
// the place, the speaker the event is attributed to, and the claim thread
// that links accusations to their denials. Rules are data (rules/*.rules).
package event

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/when"
)

//go:embed rules/*.rules
var builtin embed.FS

// Options configure a Coder.
type Options struct {
	// Lookup describes a CAMEO code (the coder copies its name, scores and
	// PLOVER mapping into each event); it also validates rule codes.
	// cameo.Lookup is the usual one. Required.
	Lookup func(code string) (cameo.Code, bool)
	// Place resolves a place name ("New York", "eastern Ukraine") to a location.
	Place func(name string) (dyad.Location, bool)
	// Resolve gives the actor code of a name or demonym that no actor
	// mention covers ("Indian" in "Indian positions"); optional.
	Resolve func(phrase, date string) (code string, ok bool)
	// Rules are extra rule files (name -> contents) read after the built-in ones.
	Rules map[string][]byte
	// NoBuiltin drops the built-in rules.
	NoBuiltin bool
}

// Coder is the event-coding stage. It is safe for concurrent use.
type Coder struct {
	ix      *index
	lookup  func(string) (cameo.Code, bool)
	place   func(string) (dyad.Location, bool)
	resolve func(phrase, date string) (string, bool)
	nrules  int
}

// New loads and indexes the rules.
func New(opt Options) (*Coder, error) {
	if opt.Lookup == nil {
		return nil, errors.New("event: Options.Lookup is required")
	}
	valid := func(code string) bool { _, ok := opt.Lookup(code); return ok }
	var all []*Rule
	var errs []error
	if !opt.NoBuiltin {
		names, _ := fs.Glob(builtin, "rules/*.rules")
		sort.Strings(names)
		for _, n := range names {
			b, err := builtin.ReadFile(n)
			if err != nil {
				return nil, err
			}
			rs, err := ParseRules(strings.NewReader(string(b)), "event/"+n, valid)
			if err != nil {
				errs = append(errs, err)
			}
			if !strings.HasSuffix(n, "phoenix.rules") {
				for _, r := range rs {
					r.Bonus = 5
				}
			}
			all = append(all, rs...)
		}
	}
	extra := make([]string, 0, len(opt.Rules))
	for n := range opt.Rules {
		extra = append(extra, n)
	}
	sort.Strings(extra)
	for _, n := range extra {
		rs, err := ParseRules(strings.NewReader(string(opt.Rules[n])), n, valid)
		if err != nil {
			errs = append(errs, err)
		}
		for _, r := range rs {
			r.Bonus = 8
		}
		all = append(all, rs...)
	}
	seen := map[string]*Rule{}
	for _, r := range all {
		if p, dup := seen[r.ID]; dup {
			errs = append(errs, &dyad.InputError{Input: r.File, Line: r.Line, Offset: -1,
				Err: fmt.Errorf("%w: duplicate rule id %q (first at %s:%d)", ErrRule, r.ID, p.File, p.Line)})
			continue
		}
		seen[r.ID] = r
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("event: load rules: %w", err)
	}
	place := opt.Place
	if place == nil {
		place = func(string) (dyad.Location, bool) { return dyad.Location{}, false }
	}
	return &Coder{ix: newIndex(all), lookup: opt.Lookup, place: place, resolve: opt.Resolve, nrules: len(all)}, nil
}

// Rules returns the number of rules loaded.
func (c *Coder) Rules() int { return c.nrules }

// party is one resolved actor in a role.
type party struct {
	tok   int
	actor *dyad.Actor
	code  string
}

// pred is one matched predicate of a sentence before it becomes events.
type pred struct {
	head  int
	rule  *Rule
	words []int
	src   []party
	tgt   []party
	mod   dyad.Modality
	say   int // head of the speech predicate this one is attributed to, -1 if none
	must  bool
	alts  []alternative // equally specific rules with other target slots

	inner    *pred  // of a "must" demand: the predicate the verb itself matched
	sub      string // the finer code its complement gives (content.go), or ""
	subRule  string // the id of the rule that coded that complement
	absorbed bool   // its act is the complement of a family predicate: not coded alone
	adopted  bool   // its targets are its complement's ("agreed to lift sanctions on Iran"): not reciprocal
	earlier  bool   // its target made an act told earlier ("welcomed the visit"), coded there
	each     bool   // its targets are its sources, each the others' ("each other's diplomats")
}

// code returns the CAMEO code p codes: its rule's, or the finer one its
// complement gives.
func (p *pred) code() string {
	if p.sub != "" {
		return p.sub
	}
	return p.rule.Code
}

// ruleID returns the id of the rule behind p's code, with the rule of the
// complement that refined it.
func (p *pred) ruleID() string {
	if p.sub != "" {
		return p.rule.ID + "+" + p.subRule
	}
	return p.rule.ID
}

// Annotate codes the events of d. It needs tokens with tags and a parse, and
// the actors of the actor stage.
func (c *Coder) Annotate(ctx context.Context, d *dyad.Doc) error {
	pub, hasPub := when.ParseDay(d.Article.Published)
	ment := mentionIndex(d)
	var claims claimBook
	var events []dyad.Event
	for si := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := &d.Sentences[si]
		if len(s.Tokens) == 0 || isBoilerplate(d.Text[s.Start:s.End]) {
			continue
		}
		sc := &sentenceCoder{c: c, d: d, s: s, t: newTree(s.Tokens), ment: ment, pub: pub, hasPub: hasPub, prev: events}
		evs := sc.code(&claims)
		events = append(events, evs...)
	}
	// Stable ids in text order.
	sort.SliceStable(events, func(i, j int) bool {
		if events[i].Sentence != events[j].Sentence {
			return events[i].Sentence < events[j].Sentence
		}
		return events[i].Span.Start < events[j].Span.Start
	})
	rename := map[string]string{}
	for i := range events {
		id := "e" + strconv.Itoa(i+1)
		rename[events[i].ID] = id
		events[i].ID = id
	}
	for i := range events {
		if events[i].Claim != "" {
			events[i].Claim = claims.id(events[i].Claim)
		}
	}
	d.Events = events
	d.Claims = claims.export(rename)
	return nil
}

// isBoilerplate reports a licence or copyright notice, which never codes.
func isBoilerplate(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "creative commons") || strings.Contains(l, "all rights reserved") ||
		strings.Contains(l, "licensed under") || strings.HasPrefix(l, "copyright") || strings.HasPrefix(l, "©")
}

// mention is an actor mention located by byte span.
type mention struct {
	span  dyad.Span
	actor *dyad.Actor
	code  string
}

type mentions []mention

func mentionIndex(d *dyad.Doc) mentions {
	var ms mentions
	for ai := range d.Actors {
		a := &d.Actors[ai]
		for _, m := range a.Mentions {
			code := m.Code
			if code == "" {
				code = a.Code
			}
			ms = append(ms, mention{span: dyad.Span{Start: m.Start, End: m.End}, actor: a, code: code})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].span.Start < ms[j].span.Start })
	return ms
}

// at returns the narrowest mention covering the byte span.
func (ms mentions) at(sp dyad.Span) *mention {
	var best *mention
	i := sort.Search(len(ms), func(i int) bool { return ms[i].span.Start > sp.Start })
	for j := i - 1; j >= 0 && j >= i-16; j-- {
		m := &ms[j]
		if m.span.Contains(sp) && (best == nil || m.span.Len() < best.span.Len()) {
			best = m
		}
	}
	return best
}

type sentenceCoder struct {
	c      *Coder
	d      *dyad.Doc
	s      *dyad.Sentence
	t      *tree
	ment   mentions
	pub    time.Time
	hasPub bool
	tx     *[]timex
	prev   []dyad.Event // events of the sentences before
	coded  []bool       // tokens that head a coded predicate
}
