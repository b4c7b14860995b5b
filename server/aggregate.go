package server

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// defaultModalities are the events the timeline and the network count
// unless told otherwise: what the articles present as having happened or as
// announced, not what someone claims, denies or supposes.
var defaultModalities = []dyad.Modality{dyad.Asserted, dyad.Historical, dyad.Planned}

// tally counts events by quad class with their mean Goldstein value.
type tally struct {
	Events    int      `json:"events"`
	Quad      [4]int   `json:"quad"`      // verbal cooperation, material cooperation, verbal conflict, material conflict
	Goldstein *float64 `json:"goldstein"` // mean; null without events
	sum       float64
}

// add counts the events of c.
func (t *tally) add(c *dyad.EventCount) {
	t.Events += c.Events
	if c.QuadClass >= 1 && c.QuadClass <= 4 {
		t.Quad[c.QuadClass-1] += c.Events
	}
	t.sum += c.GoldsteinSum
	m := mean2(t.sum, t.Events)
	t.Goldstein = &m
}

// Cooperation counts the verbal and material cooperation.
func (t tally) Cooperation() int { return t.Quad[0] + t.Quad[1] }

// Conflict counts the verbal and material conflict.
func (t tally) Conflict() int { return t.Quad[2] + t.Quad[3] }

// mean2 returns sum/n rounded to two decimals, half away from zero. The
// mean is first rounded to nine decimals, so that the noise of adding
// floating-point values in one order or another (each store adds up its
// groups, the server the groups of a bucket) cannot tip a mean that lies
// half way, such as -0.525, one way or the other.
func mean2(sum float64, n int) float64 {
	nano := math.Round(sum / float64(n) * 1e9)
	cents := math.Trunc((math.Abs(nano) + 5e6) / 1e7)
	return math.Copysign(cents, nano) / 100
}

// timelineQuery selects a dyad's timeline.
type timelineQuery struct {
	A, B       string
	Interval   string // day, week or month
	CAMEO      string
	Modalities []dyad.Modality
	dyad.Dates
}

// bucket is one interval of a timeline, in both directions.
type bucket struct {
	Start string `json:"start"`
	End   string `json:"end"`
	AB    tally  `json:"ab"`   // A as source, B as target
	BA    tally  `json:"ba"`   // B as source, A as target
	Both  tally  `json:"both"` // either direction
}

// timeline is a dyad's events per interval.
type timeline struct {
	A          string          `json:"a"`
	B          string          `json:"b"`
	Interval   string          `json:"interval"`
	From       string          `json:"from,omitempty"`
	To         string          `json:"to,omitempty"`
	CAMEO      string          `json:"cameo,omitempty"`
	Modalities []dyad.Modality `json:"modalities"`
	Buckets    []bucket        `json:"buckets"`
	Total      bucket          `json:"total"` // Start and End: the first and last day with events
	Undated    int             `json:"undated"`
	// Scanned is the number of events the filter matched, before the
	// modalities were chosen. Every one is counted, so Truncated is always
	// false; both stay for the clients that read them.
	Scanned   int  `json:"scanned"`
	Truncated bool `json:"truncated"`
}

// maxBuckets bounds the intervals of one timeline.
const maxBuckets = 5000

// parseDay returns the day an event is placed on from its day as the
// store counts it (dyad.ByDay): a month or year counts from its first day.
func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) >= len(layout) {
			if t, err := time.Parse(layout, s[:len(layout)]); err == nil && (len(s) == len(layout) || layout == time.DateOnly) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// bucketStart returns the first day of the interval holding t.
func bucketStart(t time.Time, interval string) time.Time {
	switch interval {
	case "week": // ISO weeks start on Monday
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// bucketNext returns the first day of the interval after the one starting at t.
func bucketNext(t time.Time, interval string) time.Time {
	switch interval {
	case "week":
		return t.AddDate(0, 0, 7)
	case "month":
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// timeline counts a dyad's events per interval, filling the intervals
// without events between the first and the last (or from and to).
func (s *Server) timeline(ctx context.Context, q timelineQuery) (*timeline, error) {
	if q.A == q.B {
		return nil, fmt.Errorf("%w: a dyad needs two different actors, got %s twice", dyad.ErrInvalid, q.A)
	}
	f := dyad.EventFilter{Dyad: [2]string{q.A, q.B}, CAMEO: q.CAMEO, Dates: q.Dates}
	if len(q.Modalities) == 1 {
		f.Modality = q.Modalities[0]
	}
	t := &timeline{A: q.A, B: q.B, Interval: q.Interval, From: q.From, To: q.To, CAMEO: q.CAMEO,
		Modalities: q.Modalities, Buckets: []bucket{}}
	counts, err := s.store.EventCounts(ctx, f, dyad.ByDay, dyad.BySource, dyad.ByTarget, dyad.ByQuadClass, dyad.ByModality)
	if err != nil {
		return nil, fmt.Errorf("timeline %s-%s: %w", q.A, q.B, err)
	}
	byStart := map[time.Time]*bucket{}
	for i := range counts {
		c := &counts[i]
		t.Scanned += c.Events
		if !slices.Contains(q.Modalities, c.Modality) {
			continue
		}
		day, ok := parseDay(c.Day)
		if !ok {
			t.Undated += c.Events
			continue
		}
		start := bucketStart(day, q.Interval)
		b := byStart[start]
		if b == nil {
			b = &bucket{}
			byStart[start] = b
		}
		ab := strings.HasPrefix(c.Source, q.A) && strings.HasPrefix(c.Target, q.B)
		for _, x := range []*bucket{b, &t.Total} {
			if ab {
				x.AB.add(c)
			} else {
				x.BA.add(c)
			}
			x.Both.add(c)
		}
	}
	if len(byStart) == 0 {
		return t, nil
	}
	starts := make([]time.Time, 0, len(byStart))
	for st := range byStart {
		starts = append(starts, st)
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	first, last := starts[0], starts[len(starts)-1]
	if q.From != "" {
		d, _ := time.Parse(time.DateOnly, q.From)
		first = bucketStart(d, q.Interval)
	}
	if q.To != "" {
		d, _ := time.Parse(time.DateOnly, q.To)
		last = bucketStart(d, q.Interval)
	}
	t.Total.Start = starts[0].Format(time.DateOnly)
	t.Total.End = bucketNext(starts[len(starts)-1], q.Interval).AddDate(0, 0, -1).Format(time.DateOnly)
	for st := first; !st.After(last); st = bucketNext(st, q.Interval) {
		if len(t.Buckets) == maxBuckets {
			return nil, fmt.Errorf("%w: more than %d %s intervals; choose a longer interval or narrow from and to",
				dyad.ErrInvalid, maxBuckets, q.Interval)
		}
		b := bucket{}
		if x := byStart[st]; x != nil {
			b = *x
		}
		b.Start = st.Format(time.DateOnly)
		b.End = bucketNext(st, q.Interval).AddDate(0, 0, -1).Format(time.DateOnly)
		t.Buckets = append(t.Buckets, b)
	}
	return t, nil
}

// networkQuery selects the events of the network.
type networkQuery struct {
	Actor      string
	CAMEO      string
	QuadClass  int
	Modalities []dyad.Modality
	Text       string
	Level      string // root: countries and organisations; code: full actor codes
	Nodes      int    // the most connected nodes kept
	dyad.Dates
}

// node is one actor of the network.
type node struct {
	ID     string `json:"id"`
	Events int    `json:"events"` // as source or target
	Out    int    `json:"out"`
	In     int    `json:"in"`
}

// edge is the events from one actor to another.
type edge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	tally
}

// network is actors as nodes and their events as weighted, directed edges.
type network struct {
	Level      string          `json:"level"`
	From       string          `json:"from,omitempty"`
	To         string          `json:"to,omitempty"`
	CAMEO      string          `json:"cameo,omitempty"`
	QuadClass  int             `json:"quad_class,omitempty"`
	Modalities []dyad.Modality `json:"modalities"`
	Nodes      []node          `json:"nodes"`
	Edges      []edge          `json:"edges"`
	Omitted    int             `json:"omitted"` // nodes left out beyond the most connected
	// Scanned and Truncated are as in timeline.
	Scanned   int  `json:"scanned"`
	Truncated bool `json:"truncated"`
}

// network builds the actor network of the matching events.
func (s *Server) network(ctx context.Context, q networkQuery) (*network, error) {
	f := dyad.EventFilter{Actor: q.Actor, CAMEO: q.CAMEO, QuadClass: q.QuadClass, Text: q.Text, Dates: q.Dates}
	if len(q.Modalities) == 1 {
		f.Modality = q.Modalities[0]
	}
	n := &network{Level: q.Level, From: q.From, To: q.To, CAMEO: q.CAMEO, QuadClass: q.QuadClass, Modalities: q.Modalities}
	// At root level a node is a state or group (IRN for IRNGOV) or an
	// organisation (IGOUNO for IGOUNOLEG).
	codes := []dyad.EventKey{dyad.BySourceRoot, dyad.ByTargetRoot}
	if q.Level == "code" {
		codes = []dyad.EventKey{dyad.BySource, dyad.ByTarget}
	}
	counts, err := s.store.EventCounts(ctx, f, append(codes, dyad.ByQuadClass, dyad.ByModality)...)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	nodes := map[string]*node{}
	edges := map[[2]string]*edge{}
	for i := range counts {
		c := &counts[i]
		n.Scanned += c.Events
		src, tgt := c.Source, c.Target
		if !slices.Contains(q.Modalities, c.Modality) || src == "" || tgt == "" || src == tgt {
			continue
		}
		k := [2]string{src, tgt}
		e := edges[k]
		if e == nil {
			e = &edge{Source: src, Target: tgt}
			edges[k] = e
		}
		e.add(c)
		for _, id := range k {
			if nodes[id] == nil {
				nodes[id] = &node{ID: id}
			}
			nodes[id].Events += c.Events
		}
		nodes[src].Out += c.Events
		nodes[tgt].In += c.Events
	}
	n.Nodes = make([]node, 0, len(nodes))
	for _, x := range nodes {
		n.Nodes = append(n.Nodes, *x)
	}
	slices.SortFunc(n.Nodes, func(a, b node) int { return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(a.ID, b.ID)) })
	if len(n.Nodes) > q.Nodes {
		n.Omitted = len(n.Nodes) - q.Nodes
		n.Nodes = n.Nodes[:q.Nodes]
	}
	kept := map[string]bool{}
	for _, x := range n.Nodes {
		kept[x.ID] = true
	}
	n.Edges = []edge{}
	for k, e := range edges {
		if kept[k[0]] && kept[k[1]] {
			n.Edges = append(n.Edges, *e)
		}
	}
	slices.SortFunc(n.Edges, func(a, b edge) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
	return n, nil
}

// claimFilter selects claim threads.
type claimFilter struct {
	Article string // article id
	Actor   string // code prefix of the proposition's source or target, or of a stance
	CAMEO   string // prefix of the proposition's code
	Text    string // full-text search of the article
	dyad.Dates
	dyad.Page
}

// claimRecord is one claim thread with the article it came from.
type claimRecord struct {
	dyad.Claim
	ArticleID string `json:"article_id"`
	Published string `json:"published,omitempty"`
	Cursor    string `json:"cursor"`
}

func (f claimFilter) match(c *dyad.Claim) bool {
	if f.CAMEO != "" && !strings.HasPrefix(c.Proposition.CAMEO, f.CAMEO) {
		return false
	}
	if f.Actor == "" {
		return true
	}
	if strings.HasPrefix(c.Proposition.Source, f.Actor) || strings.HasPrefix(c.Proposition.Target, f.Actor) {
		return true
	}
	return slices.ContainsFunc(c.Stances, func(s dyad.Stance) bool { return strings.HasPrefix(s.Code, f.Actor) })
}

// claimDocs bounds the articles one claims request reads.
const claimDocs = 500

// claims lists claim threads. The store keeps claims within their article,
// so this walks the matching articles in ingest order. A cursor is the
// cursor of the article before the one it stopped in ("" for the first), a
// colon, and the number of that article's claims already given. One request
// reads at most claimDocs articles, so a page may be short, or even empty,
// and still have a next cursor.
func (s *Server) claims(ctx context.Context, f claimFilter) (list[claimRecord], error) {
	size, err := f.Size()
	if err != nil {
		return list[claimRecord]{}, err
	}
	out := list[claimRecord]{Items: []claimRecord{}}
	before, skip := "", 0
	if f.After != "" {
		i := strings.LastIndexByte(f.After, ':')
		k, err := strconv.Atoi(f.After[i+1:])
		if i < 0 || err != nil || k < 0 || f.Article != "" && i > 0 {
			return out, fmt.Errorf("%w: bad cursor %q", dyad.ErrInvalid, f.After)
		}
		before, skip = f.After[:i], k
	}
	// emit adds the matching claims of d after the first skip; it reports
	// whether the page is full.
	emit := func(d *dyad.Doc, before string, skip int) bool {
		for i := skip; i < len(d.Claims); i++ {
			if !f.match(&d.Claims[i]) {
				continue
			}
			c := before + ":" + strconv.Itoa(i+1)
			out.Items = append(out.Items, claimRecord{Claim: d.Claims[i], ArticleID: d.Article.ID,
				Published: d.Article.Published, Cursor: c})
			if len(out.Items) == size {
				out.Next = c
				return true
			}
		}
		return false
	}
	if f.Article != "" {
		d, err := s.store.Doc(ctx, f.Article)
		if err != nil {
			return out, err
		}
		emit(d, "", skip)
		return out, nil
	}
	af := dyad.ArticleFilter{Text: f.Text, Dates: f.Dates, Page: dyad.Page{After: before}}
	for read := 0; read < claimDocs; {
		af.Limit = min(100, claimDocs-read)
		recs, err := s.store.Articles(ctx, af)
		if err != nil {
			return out, err
		}
		for _, rec := range recs {
			d, err := s.store.Doc(ctx, rec.ID)
			if err != nil {
				return out, err
			}
			read++
			if emit(d, af.After, skip) {
				return out, nil
			}
			skip = 0
			af.After = rec.Cursor
		}
		if len(recs) < af.Limit {
			return out, nil
		}
	}
	out.Next = af.After + ":0"
	return out, nil
}
