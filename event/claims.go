package event

import (
	"strconv"

	"github.com/dyadhq/dyad"
)

// claim is a claim thread under construction.
type claim struct {
	id        string
	prop      dyad.Proposition
	event     string
	asserters []party
	stances   []dyad.Stance
	denials   map[int]bool // sentences with a denial
}

// claimBook holds the claims of one article in order of first mention.
type claimBook struct{ list []*claim }

func propKey(source, target, code string) string {
	root := code
	if len(root) > 2 {
		root = root[:2]
	}
	return country(source) + "|" + country(target) + "|" + root
}

// forProposition returns the claim whose proposition matches e (same source
// and target country, same CAMEO root), creating it if needed.
func (b *claimBook) forProposition(e dyad.Event) *claim {
	if c := b.matching(e); c != nil {
		return c
	}
	c := &claim{id: "c" + strconv.Itoa(len(b.list)+1),
		prop:    dyad.Proposition{Source: e.Source.Code, Target: e.Target.Code, CAMEO: e.CAMEO},
		denials: map[int]bool{}}
	b.list = append(b.list, c)
	return c
}

// open returns the claim against the accused whose proposition no event
// codes ("accused Russia of running a sabotage campaign"), creating it if
// needed, so that a later denial ("Moscow rejected the accusations") joins
// the accusation in one thread. Its proposition names the accused only.
func (b *claimBook) open(accused string) *claim {
	if c := b.uncodedAbout(accused); c != nil {
		return c
	}
	c := &claim{id: "c" + strconv.Itoa(len(b.list)+1),
		prop:    dyad.Proposition{Source: accused},
		denials: map[int]bool{}}
	b.list = append(b.list, c)
	return c
}

// uncodedAbout returns the latest claim with no coded proposition against
// the country of code.
func (b *claimBook) uncodedAbout(code string) *claim {
	for i := len(b.list) - 1; i >= 0; i-- {
		if c := b.list[i]; c.prop.CAMEO == "" && country(c.prop.Source) == country(code) {
			return c
		}
	}
	return nil
}

// fill gives a claim opened by an uncoded accusation the proposition a
// later denial codes: "accused the police of using excessive force ... The
// government denied that officers had fired on civilians".
func (c *claim) fill(e dyad.Event) {
	c.prop = dyad.Proposition{Source: e.Source.Code, Target: e.Target.Code, CAMEO: e.CAMEO}
}

func (b *claimBook) matching(e dyad.Event) *claim {
	k := propKey(e.Source.Code, e.Target.Code, e.CAMEO)
	for _, c := range b.list {
		if propKey(c.prop.Source, c.prop.Target, c.prop.CAMEO) == k {
			return c
		}
	}
	return nil
}

// latestAbout returns the most recent claim against the denier's country, or
// the most recent claim.
func (b *claimBook) latestAbout(code string) *claim {
	for i := len(b.list) - 1; i >= 0; i-- {
		if country(b.list[i].prop.Source) == country(code) {
			return b.list[i]
		}
	}
	if len(b.list) > 0 {
		return b.list[len(b.list)-1]
	}
	return nil
}

func (b *claimBook) setEvent(c *claim, e *dyad.Event) {
	e.Claim = c.id
	if c.event == "" {
		c.event = e.ID
	}
}

func (b *claimBook) id(s string) string { return s }

func (c *claim) assert(p party, event string) {
	c.stances = append(c.stances, dyad.Stance{Actor: actorID(p), Code: p.code, Stance: dyad.StanceAssert, Event: event})
	for _, a := range c.asserters {
		if a.code == p.code && a.actor == p.actor {
			return
		}
	}
	c.asserters = append(c.asserters, party{actor: p.actor, code: p.code, tok: -1})
}

func (c *claim) deny(p party, event string) {
	c.stances = append(c.stances, dyad.Stance{Actor: actorID(p), Code: p.code, Stance: dyad.StanceDeny, Event: event})
	if n := sentenceOf(event); n > 0 {
		c.denials[n] = true
	}
}

func (c *claim) deniedIn(n int) bool { return c.denials[n] }

// sentenceOf reads the sentence number of a temporary event id "t<n>.<i>".
func sentenceOf(id string) int {
	if len(id) < 2 || id[0] != 't' {
		return 0
	}
	n := 0
	for _, r := range id[1:] {
		if r == '.' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func actorID(p party) string {
	if p.actor == nil {
		return ""
	}
	return p.actor.ID
}

// export returns the claims with event ids renamed to their final form.
func (b *claimBook) export(rename map[string]string) []dyad.Claim {
	out := make([]dyad.Claim, 0, len(b.list))
	for _, c := range b.list {
		dc := dyad.Claim{ID: c.id, Proposition: c.prop, Event: rename[c.event]}
		for _, s := range c.stances {
			s.Event = rename[s.Event]
			dc.Stances = append(dc.Stances, s)
		}
		out = append(out, dc)
	}
	return out
}
