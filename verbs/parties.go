package verbs

import (
	"slices"
	"strings"

	"github.com/dyadhq/dyad/dict"
)

// maxNest bounds how deep parties follows prepositional phrases.
const maxNest = 4

// parties returns the actor codes of noun phrase k, one per coordinated
// member, slash group code and so on. allowCoref admits pronouns and other
// coreferent mentions, which only a pattern's slot or a subject may name.
func (c *Coder) parties(st *sent, k int, allowCoref bool, date string) []party {
	return c.partiesDepth(st, k, allowCoref, date, 0)
}

func (c *Coder) partiesDepth(st *sent, k int, allowCoref bool, date string, depth int) []party {
	if depth > maxNest || k < 0 || k >= len(st.units) {
		return nil
	}
	members := st.units[k].members
	bases := make([][]party, len(members))
	agents := make([][]agentCode, len(members))
	viaOf := make([]bool, len(members))
	for i, m := range members {
		bases[i], agents[i], viaOf[i] = c.memberBase(st, m, allowCoref, date, depth)
	}
	if !c.tabari {
		// PETRARCH spreads what the members of a coordination share: a
		// member with roles but no actor takes the prepositional phrase of
		// a later member ("lawmakers and officials in Fornost") or the
		// actor of an earlier one ("Danish media and government").
		for i := range members {
			if len(bases[i]) > 0 || len(agents[i]) == 0 {
				continue
			}
			for j := i + 1; j < len(members) && len(bases[i]) == 0; j++ {
				if viaOf[j] {
					bases[i] = slices.Clone(bases[j])
				}
			}
			for j := i - 1; j >= 0 && len(bases[i]) == 0; j-- {
				if len(bases[j]) > 0 && !viaOf[j] {
					bases[i] = slices.Clone(bases[j])
				}
			}
		}
		// A member that modifies the head of a later one shares its roles:
		// "US and British activists" are US activists too.
		for i, m := range members {
			if len(agents[i]) > 0 || len(bases[i]) == 0 {
				continue
			}
			h := st.units[m].head
			if h < 0 || st.head[h] < 0 {
				continue
			}
			for j := i + 1; j < len(members); j++ {
				u := &st.units[members[j]]
				if st.head[h] >= u.start && st.head[h] < u.end && len(agents[j]) > 0 {
					agents[i] = slices.Clone(agents[j])
					break
				}
			}
		}
	}
	var out []party
	for i := range members {
		for _, p := range c.compose(bases[i], agents[i], viaOf[i]) {
			if !slices.ContainsFunc(out, func(q party) bool { return q.code == p.code }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// agentCode is a role's code and where it goes.
type agentCode struct {
	code   string
	prefix bool // before the actor's code (NGO~)
}

// memberBase returns the actors of one member of a noun phrase, before
// roles are added: its actor, or those of its prepositional complement
// ("soldiers from Gondor", viaOf), and its roles.
func (c *Coder) memberBase(st *sent, m int, allowCoref bool, date string, depth int) (base []party, agents []agentCode, viaOf bool) {
	u := &st.units[m]
	agents = c.agentsOf(st, u)
	switch {
	case u.actor != nil && (!u.coref || allowCoref):
		base = c.expand(*u.actor, date)
	case u.of >= 0:
		base, viaOf = c.partiesDepth(st, u.of, allowCoref, date, depth+1), true
	}
	return base, agents, viaOf
}

// compose adds the roles of a member to its actors, as PETRARCH composes
// codes; roles alone give "---" and their codes (TABARI writes "~MOS").
// TABARI gives the role of a phrase like "the ambassadors of A, B and C" to
// its first actor only.
func (c *Coder) compose(base []party, agents []agentCode, viaOf bool) []party {
	if len(base) == 0 {
		if len(agents) == 0 {
			return nil
		}
		base = []party{{code: "---"}}
	}
	out := slices.Clone(base)
	for i := range out {
		if c.tabari && viaOf && i > 0 {
			break
		}
		out[i].code = composeCode(out[i].code, agents)
		if c.tabari && strings.HasPrefix(out[i].code, "---") && len(out[i].code) > 3 {
			out[i].code = "~" + out[i].code[3:]
		}
	}
	return out
}

// expand returns the actors of a mention: one, or one per code of a slash
// group of the actor dictionaries.
func (c *Coder) expand(p party, date string) []party {
	a, ok := c.slash[p.text]
	if !ok {
		a, ok = c.slash[strings.TrimPrefix(p.text, "THE ")]
	}
	if !ok {
		return []party{p}
	}
	d, _ := dict.ParseDate(strings.ReplaceAll(date, "-", ""))
	code, ok := a.CodeOn(d)
	if !ok || !strings.HasPrefix(code.Code, p.code) && code.Primary() != p.code {
		return []party{p}
	}
	var out []party
	for _, alt := range code.Alternatives() {
		q := p
		q.code = alt
		out = append(out, q)
	}
	return out
}

// agentsOf returns the role codes of a unit, in text order: from the agent
// dictionaries when the coder has them (a "former" among the words makes
// them one ELI, as TABARI and PETRARCH do), else the role nouns the actor
// stage found.
func (c *Coder) agentsOf(st *sent, u *unit) []agentCode {
	if len(c.agents) == 0 {
		out := make([]agentCode, len(u.agents))
		for i, a := range u.agents {
			out[i] = agentCode{code: a}
		}
		return out
	}
	var out []agentCode
	former := false
	for i := u.start; i < u.end; i++ {
		if u.actor != nil && !u.actRole && i >= u.actStart && i < u.actEnd {
			continue
		}
		if st.words[i] == "FORMER" {
			former = true
		}
		best, bestEnd := agentForm{}, -1
		for _, af := range c.agents[st.words[i]] {
			if end, ok := st.agentAt(af, i, u, u.actor != nil && !u.actRole); ok && end > bestEnd {
				best, bestEnd = af, end
			}
		}
		if bestEnd < 0 {
			continue
		}
		out = append(out, agentCode{code: best.code, prefix: best.prefix})
		i = bestEnd - 1
	}
	if former {
		return []agentCode{{code: "ELI"}}
	}
	return out
}

// agentAt matches an agent phrase at token i inside unit u, skipping the
// actor's mention; it returns the end of the match.
func (st *sent) agentAt(af agentForm, i int, u *unit, skipActor bool) (int, bool) {
	j := i
	for w := 0; w < len(af.words); w++ {
		for j < u.end && skipActor && j >= u.actStart && j < u.actEnd {
			j++
		}
		if j >= u.end {
			return 0, false
		}
		if st.words[j] != af.words[w] {
			if w == 0 || w-1 >= len(af.loose) || !af.loose[w-1] {
				return 0, false
			}
			// Loose phrases allow other words between theirs.
			for j < u.end && st.words[j] != af.words[w] {
				j++
			}
			if j >= u.end {
				return 0, false
			}
		}
		j++
	}
	return j, true
}

// composeCode adds role codes to an actor code, each once, as PETRARCH
// does: a code already present (in 3-letter steps) is not added again.
func composeCode(code string, agents []agentCode) string {
	code = dedupeBlocks(code)
	for _, a := range agents {
		if a.code == "" || hasBlock(code, a.code) {
			continue
		}
		if a.prefix {
			code = a.code + code
		} else {
			code += a.code
		}
	}
	return code
}

// hasBlock reports whether sub occurs in code at a multiple of three.
func hasBlock(code, sub string) bool {
	for k := 0; k+len(sub) <= len(code); k += 3 {
		if code[k:k+len(sub)] == sub {
			return true
		}
	}
	return false
}

// dedupeBlocks drops a 3-letter role that repeats one before it
// ("USAGOVGOV" -> "USAGOV").
func dedupeBlocks(code string) string {
	if len(code) <= 3 || len(code)%3 != 0 {
		return code
	}
	out := code[:3]
	for k := 3; k < len(code); k += 3 {
		b := code[k : k+3]
		if !hasBlock(out[3:], b) {
			out += b
		}
	}
	return out
}
