package extract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/when"
)

// Votes assembles roll-call votes from the sentences that describe them: the
// body, the motion, the date and place, the yes/no/abstain counts, each
// named country's position, whether each list of countries is complete, and
// a verdict on whether the counts, the lists and the body's size agree. It
// reads tallies itself ("backed by 141 nations with 32 abstaining", "passed
// 52-48", "141-7-32") and takes countries and bodies from d.Actors. It is
// safe for concurrent use.
type Votes struct {
	v *vocab
}

// NewVotes returns the vote extractor over the embedded vocabulary
// (data/votes.txt, data/numbers.txt).
func NewVotes() *Votes { return &Votes{v: mustVocab()} }

// voteFacts is what one sentence says about a vote.
type voteFacts struct {
	si      int
	also    []int // sentences that continue this one (the motion goes on)
	body    *bodyRef
	motion  string
	bare    bool   // the motion is only named ("the bill"), not described
	mspan   [2]int // tokens of the motion, to keep dates inside it out
	outcome string
	counts  []countFact
	lists   []listFact
	date    string
	place   string
	rules   []string
	contrib bool
}

type bodyRef struct {
	b    *body
	code string
	text string // as written
	i, j int
}

type countFact struct {
	pos  string
	n    int
	rule string
}

type listFact struct {
	pos     string
	items   []listItem
	partial bool // "among the 32", "including"
	frame   int  // "the seven countries who voted against were ...": 7; -1 when not given
	rule    string
}

type listItem struct {
	name    string
	country string // "" when no state mention covers the name
	span    dyad.Span
}

// Annotate sets d.Votes to the votes described in d, in text order.
func (vs *Votes) Annotate(ctx context.Context, d *dyad.Doc) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract votes %s: %w", d.Article.ID, err)
	}
	vw := newView(d, vs.v)
	pub, hasPub := when.ParseDay(d.Article.Published)
	var votes []dyad.Vote
	var cur []*voteFacts
	flush := func() {
		if v, ok := vs.assemble(cur); ok {
			votes = append(votes, v)
		}
		cur = nil
	}
	for si := range vw.sents {
		s := &vw.sents[si]
		if len(cur) > 0 {
			last := cur[len(cur)-1]
			if last.motion != "" && !last.bare && last.last() == si-1 {
				if ext, ok := vs.continuation(vw, s); ok {
					last.motion += ", " + ext
					last.rules = append(last.rules, "vote.motion.continued")
					last.also = append(last.also, si)
					continue
				}
			}
		}
		if !vs.v.isVoteSentence(s) && !vs.hasBodyMotion(s) {
			continue
		}
		f := vs.facts(vw, s, si)
		if hasPub {
			f.date = vs.date(s, f, pub)
		}
		if !f.contrib {
			continue
		}
		if len(cur) > 0 && (si-cur[len(cur)-1].last() > 3 || conflicts(cur, f)) {
			flush()
		}
		cur = append(cur, f)
	}
	flush()
	if votes == nil {
		votes = []dyad.Vote{}
	}
	d.Votes = votes
	return nil
}

// last returns the index of the last sentence of f.
func (f *voteFacts) last() int {
	if len(f.also) > 0 {
		return f.also[len(f.also)-1]
	}
	return f.si
}

// conflicts reports whether a sentence's facts belong to another vote than
// the facts gathered so far: another body, or a second full tally.
func conflicts(cur []*voteFacts, f *voteFacts) bool {
	for _, c := range cur {
		if c.body != nil && f.body != nil && c.body.b != f.body.b {
			return true
		}
		if hasRule(c.rules, "vote.tally.dash") && hasRule(f.rules, "vote.tally.dash") {
			return true
		}
	}
	return false
}

func hasRule(rules []string, r string) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

// isVoteSentence reports whether s speaks of a vote: a vote word, or a
// motion with an outcome ("the bill passed").
func (v *vocab) isVoteSentence(s *sent) bool {
	if s.all&(rTrigger|rOutcome) == 0 {
		return false
	}
	// Without a vote word, a tally or a body, a motion decides a vote
	// only as what passed or failed ("the bill passed", "the proposal was
	// rejected"), not as what an actor rejected or approved ("Hamas
	// rejected an Israeli proposal", "the IMF approved a loan").
	motion, outcome, tally, decided := false, false, false, false
	for i := range s.low {
		if w := s.low[i]; isTallyWord(w) {
			tally = true
		}
		if !s.has(i, rTrigger|rMotion|rOutcome) {
			continue
		}
		if _, _, ok := v.triggers.match(s.low, i); ok {
			return true
		}
		if _, _, ok := v.motions.match(s.low, i); ok {
			motion = true
		}
		if _, _, ok := v.outcomes.match(s.low, i); ok {
			outcome = true
			decided = decided || motion
		}
	}
	return outcome && tally || decided // "the bill passed", "it was adopted 141-7-32"
}

// hasBodyMotion reports whether s names a voting body and a motion.
func (vs *Votes) hasBodyMotion(s *sent) bool {
	if s.all&rBody == 0 || s.all&rMotion == 0 {
		return false
	}
	b, m := false, false
	for i := range s.low {
		if s.has(i, rBody) {
			if _, _, ok := vs.v.bodies.match(s.low, i); ok {
				b = true
			}
		}
		if s.has(i, rMotion) {
			if _, _, ok := vs.v.motions.match(s.low, i); ok {
				m = true
			}
		}
	}
	return b && m
}

// facts reads what sentence s says about a vote.
func (vs *Votes) facts(vw *view, s *sent, si int) *voteFacts {
	v := vs.v
	f := &voteFacts{si: si, mspan: [2]int{-1, -1}}
	for i := 0; i < len(s.low); i++ {
		if f.body == nil && s.has(i, rBody) {
			if b, n, ok := v.bodies.match(s.low, i); ok {
				f.body = vs.bodyRef(vw, s, b, i, i+n)
			}
		}
		if f.outcome == "" && s.has(i, rOutcome) {
			if o, _, ok := v.outcomes.match(s.low, i); ok {
				f.outcome = o
			}
		}
	}
	vs.readMotion(vw, s, f)
	vs.readCounts(s, f)
	vs.readLists(vw, s, f)
	if f.body != nil {
		f.place = vs.place(vw, s, f)
	}
	f.contrib = len(f.counts) > 0 || len(f.lists) > 0 || f.motion != "" && (f.body != nil || f.outcome != "")
	return f
}

// bodyRef resolves the actor code of a body named by tokens [i, j).
func (vs *Votes) bodyRef(vw *view, s *sent, b *body, i, j int) *bodyRef {
	r := &bodyRef{b: b, i: i, j: j, text: s.text(vw.d, i, j)}
	for k := i; k < j; k++ {
		if m := s.mentionCovering(k); m != nil && m.country() == "" && m.actor.Kind != dyad.KindPerson {
			r.code = m.code
			// the mention may name the body more fully: "European Parliament"
			if name := strings.TrimPrefix(strings.TrimPrefix(vw.d.Text[m.start:m.end], "the "), "The "); len(name) > len(r.text) {
				r.text = name
			}
			return r
		}
	}
	if b.code != "*LEG" {
		r.code = b.code
		return r
	}
	// "lawmakers in Japan", "the parliament of Kenya"
	if j+1 < len(s.toks) && (s.low[j] == "in" || s.low[j] == "of") {
		if m := s.mentionStarting(j + 1); m != nil && m.country() != "" {
			r.code = m.country() + "LEG"
			return r
		}
	}
	// "Kenya's parliament", "the Kenyan parliament", "Israeli lawmakers"
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if m := s.mentionCovering(k); m != nil {
			if c := m.country(); c != "" {
				r.code = c + "LEG"
			}
			break
		}
		if s.isPunct(k) && s.low[k] != "'s" && s.low[k] != "’s" {
			break
		}
	}
	return r
}

// readMotion finds the noun phrase naming what was voted on. A motion with
// a modifier ("a resolution condemning ...") is preferred to a bare one
// ("the bill"), which is kept only when nothing better is found.
func (vs *Votes) readMotion(vw *view, s *sent, f *voteFacts) {
	for i := 0; i < len(s.low); i++ {
		_, n, ok := vs.v.motions.match(s.low, i)
		if !ok {
			continue
		}
		k := i + n
		start := i
		for b := i - 1; b >= 0 && b >= i-4; b-- {
			l := s.low[b]
			if l == "a" || l == "an" || l == "the" || l == "this" || l == "that" || l == "its" {
				start = b
				break
			}
			if s.isPunct(b) && l != "-" || s.isVerbLike(b, false) || functionWords[l] {
				break
			}
		}
		if k >= len(s.low) || s.isPunct(k) || !motionModifier(s, k) {
			if f.motion == "" && start < i {
				f.motion, f.bare, f.mspan = s.text(vw.d, start, k), true, [2]int{start, k}
			}
			continue
		}
		end := k
		for end < len(s.low) {
			l := s.low[end]
			if l == ";" || l == "," && end+1 < len(s.low) && s.low[end+1] == "with" {
				break
			}
			// the body, a tally or a date ends the motion: "... at the UN
			// Security Council", "... 150-20-5 last week"
			if _, _, ok := vs.v.bodies.match(s.low, end); ok {
				for end > k && (functionWords[s.low[end-1]]) {
					end--
				}
				break
			}
			if _, ok := splitDash(l); ok {
				break
			}
			if end+1 < len(s.low) && (l == "on" || l == "last" || l == "this" || l == "next") && when.IsTemporal(s.low[end+1]) && !isUnitWord(s.low[end+1]) {
				break
			}
			if l == "by" && end+1 < len(s.low) && (vs.v.startsNumeral(s.low[end+1]) && s.low[end+1] != "a" || s.low[end+1] == "a" && end+2 < len(s.low) && s.low[end+2] == "vote") {
				break
			}
			end++
		}
		for end > k && s.isPunct(end-1) {
			end--
		}
		f.motion, f.bare = s.text(vw.d, start, end), false
		f.mspan = [2]int{start, end}
		return
	}
	if f.motion == "" || f.bare {
		vs.purposeMotion(vw, s, f)
	}
}

// purposeMotion reads a motion given as the purpose of the vote: "voted
// 13-0 on Friday to authorise the mission" gives "to authorise the mission".
func (vs *Votes) purposeMotion(vw *view, s *sent, f *voteFacts) {
	for i := 0; i+2 < len(s.low); i++ {
		if s.low[i] != "voted" && s.low[i] != "votes" && s.low[i] != "vote" {
			continue
		}
		k := i + 1
		for k+1 < len(s.low) && k-i < 12 && s.low[k] != "." && s.low[k] != ";" {
			if s.low[k] == "to" && vs.infinitive(s, k+1) {
				break
			}
			k++
		}
		if k+1 >= len(s.low) || s.low[k] != "to" || !vs.infinitive(s, k+1) {
			continue
		}
		end := len(s.low)
		for end > k+2 && s.isPunct(end-1) {
			end--
		}
		for c := k + 2; c < end; c++ {
			if s.low[c] == "," || s.low[c] == ";" {
				end = c
				break
			}
		}
		f.motion, f.bare, f.mspan = s.text(vw.d, k, end), false, [2]int{k, end}
		return
	}
}

// infinitive reports whether token k after "to" is a verb, not a number or
// a noun phrase ("voted 141 to 5", "voted to approve").
func (vs *Votes) infinitive(s *sent, k int) bool {
	t := s.toks[k]
	if s.tags {
		return t.XPOS == "VB"
	}
	low := s.low[k]
	return low != "" && low[0] >= 'a' && low[0] <= 'z' && !functionWords[low] && !vs.v.startsNumeral(low)
}

// motionModifier reports whether token k, right after a motion noun, opens a
// modifier that says what the motion is about.
func motionModifier(s *sent, k int) bool {
	switch s.low[k] {
	case "on", "to", "that", "which", "calling", "demanding", "condemning", "urging", "against", "for", "seeking", "deploring", "reaffirming", "expressing", "requesting", "backing", "recognising", "recognizing":
		return true
	}
	t := s.toks[k]
	if s.tags {
		return t.XPOS == "VBG" || t.XPOS == "VBN" && k+1 < len(s.low) && s.low[k+1] == "by"
	}
	return strings.HasSuffix(s.low[k], "ing") && len(s.low[k]) > 4
}

// continuation reads a sentence that goes on describing the motion: "It
// called for the withdrawal of troops" gives "calling for the withdrawal of
// troops".
func (vs *Votes) continuation(vw *view, s *sent) (string, bool) {
	i := 0
	switch {
	case len(s.low) > 2 && s.low[0] == "it":
		i = 1
	case len(s.low) > 3 && s.low[0] == "the":
		if _, n, ok := vs.v.motions.match(s.low, 1); ok {
			i = 1 + n
		}
	}
	if i == 0 {
		return "", false
	}
	g, n, ok := vs.v.continues.match(s.low, i)
	if !ok {
		return "", false
	}
	end := len(s.toks)
	for end > i+n && s.isPunct(end-1) {
		end--
	}
	if end <= i+n {
		return "", false
	}
	return g + " " + s.text(vw.d, i+n, end), true
}

// readCounts reads the tallies of s.
func (vs *Votes) readCounts(s *sent, f *voteFacts) {
	v := vs.v
	add := func(pos string, n float64, rule string) {
		f.counts = append(f.counts, countFact{pos: pos, n: int(n), rule: rule})
		f.rules = append(f.rules, rule)
	}
	for i := 0; i < len(s.low); i++ {
		low := s.low[i]
		switch {
		case low == "unanimously" || low == "unanimous":
			// everyone present voted yes; the count is the body's size when known
			if f.body != nil && f.body.b.members > 0 {
				add(dyad.VoteYes, float64(f.body.b.members), "vote.tally.unanimous")
			}
			add(dyad.VoteNo, 0, "vote.tally.unanimous")
			add(dyad.VoteAbstain, 0, "vote.tally.unanimous")
			continue
		case low == "no" && i+1 < len(s.low) && (s.low[i+1] == "abstentions" || s.low[i+1] == "abstention"):
			add(dyad.VoteAbstain, 0, "vote.tally.count")
			continue
		}
		if !v.startsNumeral(low) || low == "a" || low == "an" {
			continue
		}
		if parts, ok := splitDash(low); ok {
			if len(parts) == 3 || parts[0] >= parts[1] {
				add(dyad.VoteYes, parts[0], "vote.tally.dash")
				add(dyad.VoteNo, parts[1], "vote.tally.dash")
				if len(parts) == 3 {
					add(dyad.VoteAbstain, parts[2], "vote.tally.dash")
				}
			}
			continue
		}
		n, ok := v.readNumeral(s, i)
		if !ok || n.plural || n.rule == "amount.range.few" || n.value != float64(int(n.value)) {
			continue
		}
		k := n.j
		// skip the counted noun and "votes": "141 nations", "13 votes"
		if uf, l, ok := v.units.match(s.low, k); ok && uf.unit.kind == "count" {
			k += l
		}
		if k < len(s.low) && (s.low[k] == "votes" || s.low[k] == "vote") {
			k++
		}
		// "by 141 votes to 7", "141 to 7"
		if k+1 < len(s.low) && s.low[k] == "to" {
			if m, ok := v.readNumeral(s, k+1); ok && !m.plural && m.value < n.value {
				rule := "vote.tally.to"
				if k > n.j {
					rule = "vote.tally.votes-to"
				}
				add(dyad.VoteYes, n.value, rule)
				add(dyad.VoteNo, m.value, rule)
				i = m.j - 1
				continue
			}
		}
		// "backed by 141 nations"
		if i >= 2 && s.low[i-1] == "by" {
			_, _, isOutcome := v.outcomes.matchEnding(s.low, i-2)
			pos, _, isPos := v.positions.matchEnding(s.low, i-2)
			if isOutcome && !(isPos && pos != dyad.VoteYes) || isPos && pos == dyad.VoteYes {
				add(dyad.VoteYes, n.value, "vote.tally.by-with")
				i = k - 1
				continue
			}
		}
		// "32 abstaining", "seven voting against", "the 32 countries to abstain"
		p := k
		if p < len(s.low) && (s.low[p] == "who" || s.low[p] == "that" || s.low[p] == "which" || s.low[p] == "to") {
			p++
		}
		if pos, l, ok := v.positions.match(s.low, p); ok {
			bare := l == 1 && (s.low[p] == "for" || s.low[p] == "against")
			if bare && p != n.j && s.low[p-1] != "votes" {
				continue
			}
			if pos == dyad.VoteVeto {
				pos = dyad.VoteNo
			}
			add(pos, n.value, "vote.tally.count")
			i = p + l - 1
		}
	}
}

// listStop are capitalised words that never name a country in a list.
var listStop = map[string]bool{
	"the": true, "and": true, "but": true, "while": true, "with": true, "in": true, "on": true, "of": true,
	"it": true, "they": true, "he": true, "she": true, "we": true, "among": true, "only": true,
}

// readLists reads the lists of countries of s and the position each takes.
func (vs *Votes) readLists(vw *view, s *sent, f *voteFacts) {
	for i := 0; i < len(s.toks); i++ {
		m := s.mentionStarting(i)
		if m == nil || m.country() == "" || f.body != nil && i >= f.body.i && i < f.body.j {
			continue
		}
		if f.mspan[0] >= 0 && i >= f.mspan[0] && i < f.mspan[1] {
			continue
		}
		start, end, items := vs.list(vw, s, i)
		lf := listFact{frame: -1}
		lf.items = items
		if pos, frame, partial, ok := vs.positionBefore(s, start); ok {
			lf.pos, lf.frame, lf.partial, lf.rule = pos, frame, partial, "vote.list.predicate"
		} else if pos, frame, partial, ok := vs.positionAfter(s, end); ok {
			// "Twelve countries, including Russia, voted against"
			if start > 0 && (s.low[start-1] == "including" || s.low[start-1] == "among") {
				partial = true
			}
			lf.pos, lf.frame, lf.partial, lf.rule = pos, frame, partial, "vote.list.subject"
			if partial {
				lf.rule = "vote.list.among"
			}
		} else {
			i = end - 1
			continue
		}
		f.lists = append(f.lists, lf)
		f.rules = append(f.rules, lf.rule)
		i = end - 1
	}
}

// list reads a coordinated list of country names that contains the state
// mention at token i: "China, India, Iran and South Africa". Names without
// a state mention are kept with an empty country. It returns the list's
// tokens [start, end) and its items.
func (vs *Votes) list(vw *view, s *sent, i int) (int, int, []listItem) {
	var items []listItem
	item := func(k int) (listItem, int, bool) {
		if k < len(s.toks) && s.low[k] == "the" && k+1 < len(s.toks) {
			if m := s.mentionStarting(k + 1); m != nil && m.country() != "" {
				k++
			}
		}
		if k >= len(s.toks) {
			return listItem{}, k, false
		}
		if m := s.mentionStarting(k); m != nil {
			c := m.country()
			if c == "" {
				return listItem{}, k, false
			}
			e := s.tokenEndingAt(m.end)
			if e < 0 {
				return listItem{}, k, false
			}
			return listItem{name: vw.d.Text[m.start:m.end], country: c, span: dyad.Span{Start: m.start, End: m.end}}, e + 1, true
		}
		e := k
		for e < len(s.toks) && e-k < 4 && isCapitalized(s.toks[e].Form) && !listStop[s.low[e]] && s.mentionCovering(e) == nil {
			e++
		}
		if e == k {
			return listItem{}, k, false
		}
		sp := s.span(k, e)
		return listItem{name: vw.d.Text[sp.Start:sp.End], span: sp}, e, true
	}
	first, k, _ := item(i)
	items = append(items, first)
	for k < len(s.toks) {
		sep := k
		for sep < len(s.toks) && (s.low[sep] == "," || s.low[sep] == "and" || s.low[sep] == "&") {
			sep++
		}
		if sep == k {
			break
		}
		it, e, ok := item(sep)
		if !ok {
			break
		}
		items = append(items, it)
		k = e
	}
	start := i
	// names before the first mention: "Eritrea, Mali and Syria" with Eritrea unknown
	for start >= 2 && s.low[start-1] == "," {
		e := start - 1
		b := e
		for b > 0 && e-b < 4 && isCapitalized(s.toks[b-1].Form) && !listStop[s.low[b-1]] && s.mentionCovering(b-1) == nil {
			b--
		}
		if b == e {
			break
		}
		sp := s.span(b, e)
		items = append([]listItem{{name: vw.d.Text[sp.Start:sp.End], span: sp}}, items...)
		start = b
	}
	return start, k, items
}

// positionBefore reads a position stated before a list: "The seven
// countries who voted against were LIST", "Voting against were LIST",
// "Those abstaining included LIST".
func (vs *Votes) positionBefore(s *sent, start int) (pos string, frame int, partial, ok bool) {
	k := start - 1
	if k >= 0 && s.low[k] == ":" {
		k--
	}
	if k < 0 {
		return "", -1, false, false
	}
	switch s.low[k] {
	case "were", "was", "are", "is", ":":
	case "include", "included", "including", "includes":
		partial = true
	default:
		if s.low[start-1] != ":" {
			return "", -1, false, false
		}
		k++
	}
	frame = -1
	for b := k - 1; b >= 0; b-- {
		if s.low[b] == ";" || s.low[b] == "." {
			break
		}
		p, n, found := vs.v.positions.matchEnding(s.low, b)
		if !found || n == 1 && (s.low[b] == "for" || s.low[b] == "against") && b > 0 && !isVoteVerb(s.low[b-1]) {
			continue
		}
		// the count in the subject: "the seven countries who voted against"
		for c := b - n; c >= 0 && c >= b-n-5; c-- {
			if nm, ok := vs.v.readNumeral(s, c); ok && nm.j <= b-n+1 && !nm.plural {
				frame = int(nm.value)
				break
			}
		}
		return p, frame, partial, true
	}
	return "", -1, false, false
}

func isVoteVerb(low string) bool {
	return low == "voted" || low == "voting" || low == "vote" || low == "votes"
}

// positionAfter reads a position stated after a list, in the same clause:
// "LIST abstained", "LIST voting against", "LIST were among the 32
// countries to abstain".
func (vs *Votes) positionAfter(s *sent, end int) (pos string, frame int, partial, ok bool) {
	frame = -1
	for k := end; k < len(s.low) && k < end+12; k++ {
		low := s.low[k]
		if low == ";" || low == "." || low == "while" || low == "whereas" || low == "but" {
			break
		}
		if m := s.mentionStarting(k); m != nil && m.country() != "" && k > end {
			break
		}
		if low == "among" || low == "including" {
			partial = true
		}
		if frame < 0 {
			if nm, found := vs.v.readNumeral(s, k); found && !nm.plural && low != "a" && low != "an" {
				frame = int(nm.value)
			}
		}
		p, n, found := vs.v.positions.match(s.low, k)
		if !found {
			if vs.otherPredicate(s, k) {
				break
			}
			continue
		}
		if n == 1 && (low == "for" || low == "against") {
			continue
		}
		return p, frame, partial, true
	}
	return "", -1, false, false
}

// otherPredicate reports whether token k is a verb of the list's own
// clause that is no vote and carries no position noun: in "the United States
// condemned the veto" the veto is not the United States' vote. Verbs of
// relative and adverbial clauses inside the subject ("Russia and China,
// which have vetoes, voted against") do not count.
func (vs *Votes) otherPredicate(s *sent, k int) bool {
	if !s.tags || s.toks[k].UPOS != "VERB" {
		return false
	}
	switch s.toks[k].Rel {
	case "acl", "acl:relcl", "advcl", "amod", "xcomp":
		return false
	}
	_, _, found := vs.v.carriers.match(s.low, k)
	return !found
}

// place reads where the body met: "in New York", outside the motion.
func (vs *Votes) place(vw *view, s *sent, f *voteFacts) string {
	for k := 0; k+1 < len(s.low); k++ {
		if s.low[k] != "in" && s.low[k] != "at" {
			continue
		}
		if f.mspan[0] >= 0 && k >= f.mspan[0] && k < f.mspan[1] {
			continue
		}
		e := k + 1
		for e < len(s.toks) && e-k <= 4 && isCapitalized(s.toks[e].Form) && !when.IsTemporal(s.low[e]) {
			if m := s.mentionCovering(e); m != nil && (m.actor.Kind == dyad.KindPerson || m.actor.Kind == dyad.KindOrganisation) {
				break
			}
			e++
		}
		if e > k+1 {
			return s.text(vw.d, k+1, e)
		}
	}
	return ""
}

// date resolves the first date expression of s outside the motion ("on
// Thursday"), against the publication day.
func (vs *Votes) date(s *sent, f *voteFacts, pub time.Time) string {
	for k := 0; k < len(s.low); k++ {
		if f.mspan[0] >= 0 && k >= f.mspan[0] && k < f.mspan[1] {
			continue
		}
		low := s.low[k]
		if !when.IsTemporal(low) {
			continue
		}
		from := max(0, k-2)
		to := min(len(s.low), k+3)
		if f.mspan[0] >= 0 && f.mspan[0] > k && to > f.mspan[0] {
			to = f.mspan[0]
		}
		d, ok := when.Resolve(s.low[from:to], pub, false)
		if ok && d.Value != "" {
			return d.Value
		}
	}
	return ""
}

// isUnitWord reports whether a temporal word is a bare duration unit
// ("years"), which dates nothing by itself.
func isUnitWord(low string) bool {
	switch low {
	case "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "soon":
		return true
	}
	return false
}

// assemble turns the facts of consecutive sentences into one vote.
func (vs *Votes) assemble(fs []*voteFacts) (dyad.Vote, bool) {
	if len(fs) == 0 {
		return dyad.Vote{}, false
	}
	vt := dyad.Vote{Yes: -1, No: -1, Abstain: -1, Absent: -1, Positions: []dyad.Position{}, Consistent: true}
	var b *bodyRef
	var rules []string
	addRule := func(r string) {
		if !hasRule(rules, r) {
			rules = append(rules, r)
		}
	}
	problem := func(count bool, format string, args ...any) {
		vt.Problems = append(vt.Problems, fmt.Sprintf(format, args...))
		if count {
			vt.Consistent = false
		}
	}
	counts := map[string]*int{dyad.VoteYes: &vt.Yes, dyad.VoteNo: &vt.No, dyad.VoteAbstain: &vt.Abstain, dyad.VoteAbsent: &vt.Absent}
	countFrom := map[string]int{}
	bareMotion := false
	for _, f := range fs {
		n := f.si + 1
		vt.Sentences = append(vt.Sentences, n)
		for _, a := range f.also {
			vt.Sentences = append(vt.Sentences, a+1)
		}
		if b == nil && f.body != nil {
			b = f.body
		}
		if f.motion != "" && (vt.Motion == "" || bareMotion && !f.bare) {
			vt.Motion, bareMotion = f.motion, f.bare
		}
		if vt.Date == "" {
			vt.Date = f.date
		}
		if vt.Place == "" {
			vt.Place = f.place
		}
		for _, r := range f.rules {
			addRule(r)
		}
		for _, c := range f.counts {
			p := counts[c.pos]
			switch {
			case *p < 0:
				*p, countFrom[c.pos] = c.n, n
			case *p != c.n:
				problem(true, "%s: %d (s%d) disagrees with %d (s%d); kept %d", c.pos, *p, countFrom[c.pos], c.n, n, *p)
			}
		}
	}
	if b != nil {
		vt.Body, vt.BodyName = b.code, b.b.name
		if b.b.code == "*LEG" {
			vt.BodyName = b.text // a legislature goes by its own name: "Knesset", "parliament"
		}
		if vt.Body == "" {
			problem(false, "no country found for %s", vt.BodyName)
		}
	}
	// positions, list by list
	listed := map[string]int{}
	seen := map[string]string{}
	complete := map[string]bool{}
	partial := map[string]bool{}
	for _, f := range fs {
		n := f.si + 1
		for _, lf := range f.lists {
			pos := lf.pos
			if pos == dyad.VoteVeto {
				pos = dyad.VoteNo
			}
			if lf.partial {
				partial[pos] = true
			}
			if !lf.partial && lf.frame >= 0 {
				if lf.frame == len(lf.items) {
					complete[pos] = true
				} else {
					problem(true, "%s: s%d names %d countries for the %d it announces", pos, n, len(lf.items), lf.frame)
				}
			}
			if lf.partial && lf.frame >= 0 && len(lf.items) > lf.frame {
				problem(true, "%s: s%d names %d countries among %d", pos, n, len(lf.items), lf.frame)
			}
			for _, it := range lf.items {
				listed[pos]++
				if it.country == "" {
					problem(false, "%q (s%d) is not a known state; its %s vote is not recorded", it.name, n, lf.pos)
					continue
				}
				if prev, dup := seen[it.country]; dup {
					switch {
					case prev == dyad.VoteNo && lf.pos == dyad.VoteVeto:
						// "voting against" and then "counted as a veto":
						// a veto is a no vote, said more precisely.
						seen[it.country] = lf.pos
						for j := range vt.Positions {
							if vt.Positions[j].Country == it.country && vt.Positions[j].Vote == dyad.VoteNo {
								vt.Positions[j].Vote = dyad.VoteVeto
								addRule("vote.veto.verb")
							}
						}
					case prev == dyad.VoteVeto && lf.pos == dyad.VoteNo:
					case prev != lf.pos:
						problem(true, "%s is listed as voting both %s and %s", it.country, prev, lf.pos)
					}
					continue
				}
				seen[it.country] = lf.pos
				vote := lf.pos
				switch {
				case vote == dyad.VoteNo && b != nil && b.b.veto[it.country]:
					vote = dyad.VoteVeto
					addRule("vote.veto.permanent")
				case vote == dyad.VoteVeto:
					addRule("vote.veto.verb")
				}
				vt.Positions = append(vt.Positions, dyad.Position{Country: it.country, Vote: vote, Span: it.span})
			}
		}
	}
	for _, pos := range []string{dyad.VoteYes, dyad.VoteNo, dyad.VoteAbstain} {
		c := *counts[pos]
		switch {
		case c < 0 || listed[pos] == 0:
		case listed[pos] > c:
			problem(true, "%s: %d countries named but the tally gives %d", pos, listed[pos], c)
		case listed[pos] == c && !partial[pos]:
			complete[pos] = true
		case listed[pos] < c && complete[pos]:
			problem(true, "%s: the list of %d is said to be complete but the tally gives %d", pos, listed[pos], c)
			complete[pos] = false
		}
	}
	vt.Complete = dyad.Completeness{Yes: complete[dyad.VoteYes], No: complete[dyad.VoteNo], Abstain: complete[dyad.VoteAbstain]}
	if b != nil && b.b.members > 0 {
		total := 0
		for _, p := range []string{dyad.VoteYes, dyad.VoteNo, dyad.VoteAbstain, dyad.VoteAbsent} {
			total += max(0, *counts[p])
		}
		if total > b.b.members {
			problem(true, "%d votes counted but the %s has %d members", total, b.b.name, b.b.members)
		}
	}
	if vt.Yes < 0 && vt.No < 0 && vt.Abstain < 0 && len(vt.Positions) == 0 && vt.Motion == "" {
		return dyad.Vote{}, false
	}
	vt.Rule = strings.Join(rules, ",")
	return vt, true
}

// isTallyWord reports whether w is written as a tally, numbers joined by
// dashes ("141-7-32", "201–87"), not a compound such as "30-day".
func isTallyWord(w string) bool {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '–' })
	if len(parts) < 2 || strings.Count(w, "-")+strings.Count(w, "–") != len(parts)-1 {
		return false
	}
	for _, p := range parts {
		for _, r := range p {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}
