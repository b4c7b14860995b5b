package server

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// The charts are SVG written here, styled with presentation attributes (the
// Content-Security-Policy forbids inline style) and explained with <title>
// elements, which browsers show on hover.

// quadNames and quadColours describe the four quad classes.
var (
	quadNames   = [4]string{"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
	quadColours = [4]string{"#7fb3d5", "#1f618d", "#f0a07c", "#b03a2e"}
	abColour    = "#117a65"
	baColour    = "#6c3483"
)

// svgWriter builds an SVG document.
type svgWriter struct{ strings.Builder }

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(w, format, args...) }

// esc escapes text for SVG content and attributes.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num formats a coordinate.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// niceStep returns a round step that divides max into about n ticks.
func niceStep(max float64, n int) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return math.Max(1, m*mag)
		}
	}
	return math.Max(1, 10*mag)
}

// bucketLabel is the short name of an interval starting on start: its
// month, or the day a week or day starts on, with the year when asked.
func bucketLabel(start, interval string, withYear bool) string {
	t, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return start
	}
	switch {
	case interval == "month" && withYear:
		return t.Format("Jan 2006")
	case interval == "month":
		return t.Format("Jan")
	case withYear:
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}

// timelineSVG draws a dyad's timeline: per interval, bars of cooperation
// above the axis and conflict below (stacked by quad class, both directions
// together), and the mean Goldstein value of each direction as a line on the
// right-hand scale.
func timelineSVG(t *timeline) template.HTML {
	const (
		W, H                  = 960.0, 380.0
		left, right, top, bot = 56.0, 56.0, 44.0, 48.0
	)
	pw, ph := W-left-right, H-top-bot
	var w svgWriter
	w.printf(`<svg class="chart timeline" viewBox="0 0 %s %s" role="img" aria-labelledby="tl-title" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">`, num(W), num(H))
	w.printf(`<title id="tl-title">Events between %s and %s per %s: cooperation above the axis, conflict below; lines: mean Goldstein value</title>`,
		esc(t.A), esc(t.B), esc(t.Interval))
	if len(t.Buckets) == 0 {
		w.printf(`<text class="empty" x="%s" y="%s" text-anchor="middle" fill="#5d6d7e" font-size="16">No events between %s and %s match.</text></svg>`,
			num(W/2), num(H/2), esc(t.A), esc(t.B))
		return template.HTML(w.String())
	}
	maxUp, maxDown := 0, 0
	for _, b := range t.Buckets {
		maxUp = max(maxUp, b.Both.Cooperation())
		maxDown = max(maxDown, b.Both.Conflict())
	}
	step := niceStep(float64(max(maxUp, maxDown)), 4)
	up := math.Max(step, math.Ceil(float64(maxUp)/step)*step)
	down := math.Max(step, math.Ceil(float64(maxDown)/step)*step)
	scale := ph / (up + down)
	zero := top + up*scale
	y := func(v float64) float64 { return zero - v*scale }
	// Goldstein on the right: 0 on the axis, +10 at the top, -10 at the
	// bottom, so cooperative means sit with the cooperation bars.
	gy := func(g float64) float64 {
		if g >= 0 {
			return zero - g/10*(zero-top)
		}
		return zero - g/10*(top+ph-zero)
	}

	// Grid and left axis (event counts).
	w.printf(`<g class="grid" stroke="#e5e8e8" stroke-width="1">`)
	for v := -down; v <= up; v += step {
		w.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s"/>`, num(left), num(W-right), num(y(v)), num(y(v)))
	}
	w.printf(`</g><g class="axis" fill="#566573" text-anchor="end">`)
	for v := -down; v <= up; v += step {
		w.printf(`<text x="%s" y="%s">%s</text>`, num(left-8), num(y(v)+4), num(math.Abs(v)))
	}
	w.printf(`</g><g class="axis" fill="#566573" text-anchor="start">`)
	for g := -10.0; g <= 10; g += 5 {
		label := fmt.Sprintf("%+g", g)
		if g == 0 {
			label = "0"
		}
		w.printf(`<text x="%s" y="%s">%s</text>`, num(W-right+8), num(gy(g)+4), label)
	}
	w.printf(`</g>`)
	w.printf(`<text x="%s" y="%s" fill="#566573" transform="rotate(-90 %s %s)" text-anchor="middle">events (cooperation ↑, conflict ↓)</text>`,
		num(14), num(top+ph/2), num(14), num(top+ph/2))
	w.printf(`<text x="%s" y="%s" fill="#566573" transform="rotate(90 %s %s)" text-anchor="middle">mean Goldstein</text>`,
		num(W-10), num(top+ph/2), num(W-10), num(top+ph/2))

	// Bars.
	n := len(t.Buckets)
	band := pw / float64(n)
	bw := math.Max(1, math.Min(band*0.8, 48))
	cx := func(i int) float64 { return left + band*(float64(i)+0.5) }
	w.printf(`<g class="bars">`)
	for i, b := range t.Buckets {
		x := cx(i) - bw/2
		base := 0.0
		for q := 0; q < 2; q++ { // cooperation, stacked upwards
			if c := b.Both.Quad[q]; c > 0 {
				w.printf(`<rect class="bar q%d" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s to %s: %d %s</title></rect>`,
					q+1, num(x), num(y(base+float64(c))), num(bw), num(float64(c)*scale), quadColours[q], b.Start, b.End, c, quadNames[q])
				base += float64(c)
			}
		}
		base = 0
		for q := 2; q < 4; q++ { // conflict, stacked downwards
			if c := b.Both.Quad[q]; c > 0 {
				w.printf(`<rect class="bar q%d" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s to %s: %d %s</title></rect>`,
					q+1, num(x), num(y(-base)), num(bw), num(float64(c)*scale), quadColours[q], b.Start, b.End, c, quadNames[q])
				base += float64(c)
			}
		}
	}
	w.printf(`</g><line class="zero" x1="%s" x2="%s" y1="%s" y2="%s" stroke="#2c3e50" stroke-width="1.2"/>`, num(left), num(W-right), num(zero), num(zero))

	// Goldstein lines, one per direction, broken where an interval has none.
	for _, d := range []struct {
		name, colour, dash string
		get                func(bucket) tally
	}{
		{t.A + " → " + t.B, abColour, "", func(b bucket) tally { return b.AB }},
		{t.B + " → " + t.A, baColour, "6 4", func(b bucket) tally { return b.BA }},
	} {
		w.printf(`<g class="goldstein" fill="none" stroke="%s" stroke-width="2"`, d.colour)
		if d.dash != "" {
			w.printf(` stroke-dasharray="%s"`, d.dash)
		}
		w.printf(`>`)
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				w.printf(`<polyline points="%s"/>`, strings.Join(pts, " "))
			}
			pts = pts[:0]
		}
		for i, b := range t.Buckets {
			tl := d.get(b)
			if tl.Goldstein == nil {
				flush()
				continue
			}
			pts = append(pts, num(cx(i))+","+num(gy(*tl.Goldstein)))
		}
		flush()
		w.printf(`</g><g class="goldstein-dots" fill="%s">`, d.colour)
		for i, b := range t.Buckets {
			if tl := d.get(b); tl.Goldstein != nil {
				w.printf(`<circle class="dot" cx="%s" cy="%s" r="5" stroke="#fff" stroke-width="1.5"><title>%s, %s to %s: %d events, mean Goldstein %+.2f</title></circle>`,
					num(cx(i)), num(gy(*tl.Goldstein)), esc(d.name), b.Start, b.End, tl.Events, *tl.Goldstein)
			}
		}
		w.printf(`</g>`)
	}

	// Interval labels, thinned to about twelve.
	every := max(1, int(math.Ceil(float64(n)/12)))
	w.printf(`<g class="axis" fill="#566573" text-anchor="middle">`)
	for i := 0; i < n; i += every {
		label := bucketLabel(t.Buckets[i].Start, t.Interval, i == 0 || t.Buckets[i].Start[:4] != t.Buckets[i-every].Start[:4])
		w.printf(`<text x="%s" y="%s">%s</text>`, num(cx(i)), num(H-bot+18), esc(label))
	}
	w.printf(`</g>`)

	// Legend.
	w.printf(`<g class="legend" fill="#2c3e50">`)
	x := left
	for q := 0; q < 4; q++ {
		w.printf(`<rect x="%s" y="12" width="12" height="12" fill="%s"/><text x="%s" y="22">%s</text>`, num(x), quadColours[q], num(x+16), quadNames[q])
		x += 16 + 7.2*float64(len(quadNames[q])) + 14
	}
	for _, d := range []struct{ name, colour, dash string }{{t.A + " → " + t.B, abColour, ""}, {t.B + " → " + t.A, baColour, "6 4"}} {
		w.printf(`<line x1="%s" x2="%s" y1="18" y2="18" stroke="%s" stroke-width="2" stroke-dasharray="%s"/><text x="%s" y="22">%s</text>`,
			num(x), num(x+22), d.colour, d.dash, num(x+26), esc(d.name))
		x += 26 + 7.2*float64(len([]rune(d.name))) + 14
	}
	w.printf(`</g></svg>`)
	return template.HTML(w.String())
}

// goldsteinColour is an edge's colour: red for conflict, grey for neutral,
// blue for cooperation.
func goldsteinColour(g *float64) (colour, class string) {
	switch {
	case g == nil:
		return "#95a5a6", "neutral"
	case *g <= -5:
		return "#b03a2e", "conflict-strong"
	case *g < -1:
		return "#e67e22", "conflict"
	case *g <= 1:
		return "#95a5a6", "neutral"
	case *g < 5:
		return "#5dade2", "cooperation"
	}
	return "#1f618d", "cooperation-strong"
}

// layout places the network's nodes: each connected part is laid out on
// its own with a force-directed layout (Fruchterman and Reingold) starting
// from a circle in the nodes' order, so the same network is always drawn the
// same way; the parts, largest first, are then packed in rows and the whole
// is fitted to the w by h canvas.
func layout(n *network, w, h float64) map[string][2]float64 {
	const edgeLen, gap = 110.0, 90.0
	idx := map[string]int{}
	for i, x := range n.Nodes {
		idx[x.ID] = i
	}
	adj := make([][]int, len(n.Nodes))
	for _, e := range n.Edges {
		i, j := idx[e.Source], idx[e.Target]
		adj[i] = append(adj[i], j)
		adj[j] = append(adj[j], i)
	}
	// The connected parts, each in the nodes' order; largest first.
	part := make([]int, len(n.Nodes))
	for i := range part {
		part[i] = -1
	}
	var parts [][]int
	for i := range n.Nodes {
		if part[i] >= 0 {
			continue
		}
		p := len(parts)
		queue := []int{i}
		part[i] = p
		for q := 0; q < len(queue); q++ {
			for _, j := range adj[queue[q]] {
				if part[j] < 0 {
					part[j] = p
					queue = append(queue, j)
				}
			}
		}
		slices.Sort(queue)
		parts = append(parts, queue)
	}
	slices.SortStableFunc(parts, func(a, b []int) int { return len(b) - len(a) })

	pos := make([][2]float64, len(n.Nodes))
	type box struct{ minX, minY, maxX, maxY float64 }
	boxes := make([]box, len(parts))
	for pi, nodes := range parts {
		local := map[int]int{}
		for li, i := range nodes {
			local[i] = li
		}
		k := len(nodes)
		p := make([][2]float64, k)
		r := edgeLen * math.Sqrt(float64(k)) / 2
		for li := range nodes {
			a := 2 * math.Pi * float64(li) / float64(k)
			p[li] = [2]float64{r * math.Cos(a), r * math.Sin(a)}
		}
		temp := edgeLen
		for iter := 0; iter < 300 && k > 1; iter++ {
			disp := make([][2]float64, k)
			for a := 0; a < k; a++ {
				for b := a + 1; b < k; b++ {
					dx, dy := p[a][0]-p[b][0], p[a][1]-p[b][1]
					d := math.Max(0.01, math.Hypot(dx, dy))
					f := edgeLen * edgeLen / d
					disp[a][0] += dx / d * f
					disp[a][1] += dy / d * f
					disp[b][0] -= dx / d * f
					disp[b][1] -= dy / d * f
				}
			}
			for _, a := range nodes {
				for _, b := range adj[a] {
					la, lb := local[a], local[b]
					dx, dy := p[la][0]-p[lb][0], p[la][1]-p[lb][1]
					d := math.Max(0.01, math.Hypot(dx, dy))
					f := d * d / edgeLen / 2 // each edge is seen from both ends
					disp[la][0] -= dx / d * f
					disp[la][1] -= dy / d * f
				}
			}
			for li := range p {
				disp[li][0] -= p[li][0] * 0.02
				disp[li][1] -= p[li][1] * 0.02
				d := math.Max(0.01, math.Hypot(disp[li][0], disp[li][1]))
				step := math.Min(d, temp)
				p[li][0] += disp[li][0] / d * step
				p[li][1] += disp[li][1] / d * step
			}
			temp = math.Max(1, temp*0.985)
		}
		bx := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for li, i := range nodes {
			pos[i] = p[li]
			bx.minX, bx.maxX = math.Min(bx.minX, p[li][0]), math.Max(bx.maxX, p[li][0])
			bx.minY, bx.maxY = math.Min(bx.minY, p[li][1]), math.Max(bx.maxY, p[li][1])
		}
		boxes[pi] = bx
	}
	// Pack the parts in rows about as wide as the canvas is in proportion.
	total := 0.0
	for _, b := range boxes {
		total += (b.maxX - b.minX + gap) * (b.maxY - b.minY + gap)
	}
	rowWidth := math.Max(boxes[0].maxX-boxes[0].minX+gap, math.Sqrt(total*w/h))
	x, y, rowH := 0.0, 0.0, 0.0
	for pi, nodes := range parts {
		b := boxes[pi]
		bw, bh := b.maxX-b.minX+gap, b.maxY-b.minY+gap
		if x > 0 && x+bw > rowWidth {
			x, y, rowH = 0, y+rowH, 0
		}
		for _, i := range nodes {
			pos[i][0] += x - b.minX
			pos[i][1] += y - b.minY
		}
		x += bw
		rowH = math.Max(rowH, bh)
	}
	// Fit to the canvas, spreading a small drawing a little.
	const mx, my = 70.0, 48.0
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	scale := math.Min(1.4, math.Min((w-2*mx)/math.Max(1, maxX-minX), (h-2*my)/math.Max(1, maxY-minY)))
	out := map[string][2]float64{}
	for i, x := range n.Nodes {
		out[x.ID] = [2]float64{w/2 + (pos[i][0]-(minX+maxX)/2)*scale, h/2 + (pos[i][1]-(minY+maxY)/2)*scale}
	}
	return out
}

// networkSVG draws the network: nodes sized by their events, directed
// edges as curves (the two directions of a pair bend apart) as wide as their
// events and coloured by their mean Goldstein value. Nodes link to their
// events and edges to their dyad's page; q's filters go along.
func networkSVG(n *network, q url.Values) template.HTML {
	var w svgWriter
	drawNetwork(&w, n, q)
	return template.HTML(w.String())
}

// drawNetwork writes the network's SVG to w.
func drawNetwork(w *svgWriter, n *network, q url.Values) {
	const W, H = 960.0, 640.0
	w.printf(`<svg class="chart network" viewBox="0 0 %s %s" role="img" aria-labelledby="net-title" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">`, num(W), num(H))
	w.printf(`<title id="net-title">Actor network: %d actors, %d directed relations</title>`, len(n.Nodes), len(n.Edges))
	if len(n.Nodes) == 0 {
		w.printf(`<text class="empty" x="%s" y="%s" text-anchor="middle" fill="#5d6d7e" font-size="16">No events match.</text></svg>`, num(W/2), num(H/2))
		return
	}
	w.printf(`<defs>`)
	for _, c := range []string{"conflict-strong", "conflict", "neutral", "cooperation", "cooperation-strong"} {
		var colour string
		for _, g := range []float64{-8, -3, 0, 3, 8} {
			if col, cl := goldsteinColour(&g); cl == c {
				colour = col
			}
		}
		w.printf(`<marker id="arrow-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`, c, colour)
	}
	w.printf(`</defs>`)
	pos := layout(n, W, H)
	maxNode, maxEdge := 1, 1
	for _, x := range n.Nodes {
		maxNode = max(maxNode, x.Events)
	}
	for _, e := range n.Edges {
		maxEdge = max(maxEdge, e.Events)
	}
	radius := func(events int) float64 { return 6 + 16*math.Sqrt(float64(events)/float64(maxNode)) }
	events := map[string]int{}
	for _, x := range n.Nodes {
		events[x.ID] = x.Events
	}
	link := func(path string, extra url.Values) string {
		v := url.Values{}
		for _, k := range []string{"from", "to", "cameo", "quad"} {
			if s := q.Get(k); s != "" {
				v.Set(k, s)
			}
		}
		for k, s := range extra {
			v[k] = s
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	w.printf(`<g class="edges" fill="none">`)
	for _, e := range n.Edges {
		a, b := pos[e.Source], pos[e.Target]
		dx, dy := b[0]-a[0], b[1]-a[1]
		d := math.Max(1, math.Hypot(dx, dy))
		ux, uy := dx/d, dy/d
		ra, rb := radius(events[e.Source])+2, radius(events[e.Target])+4
		x1, y1 := a[0]+ux*ra, a[1]+uy*ra
		x2, y2 := b[0]-ux*rb, b[1]-uy*rb
		// Bend to the right of the direction of travel.
		mx, my := (x1+x2)/2-uy*d*0.12, (y1+y2)/2+ux*d*0.12
		colour, class := goldsteinColour(e.Goldstein)
		width := 1 + 5*float64(e.Events)/float64(maxEdge)
		g := 0.0
		if e.Goldstein != nil {
			g = *e.Goldstein
		}
		w.printf(`<a href="%s"><path class="edge %s" d="M%s,%sQ%s,%s %s,%s" stroke="%s" stroke-width="%s" marker-end="url(#arrow-%s)"><title>%s → %s: %d events, mean Goldstein %+.2f (%d cooperation, %d conflict)</title></path></a>`,
			esc(link("/dyads/"+url.PathEscape(e.Source)+"/"+url.PathEscape(e.Target), nil)), class,
			num(x1), num(y1), num(mx), num(my), num(x2), num(y2), colour, num(width), class,
			esc(e.Source), esc(e.Target), e.Events, g, e.Cooperation(), e.Conflict())
	}
	w.printf(`</g><g class="nodes">`)
	for _, x := range n.Nodes {
		p := pos[x.ID]
		r := radius(x.Events)
		w.printf(`<a href="%s"><g class="node"><circle cx="%s" cy="%s" r="%s" fill="#d6eaf8" stroke="#1b4f72" stroke-width="1.5"/><text x="%s" y="%s" text-anchor="middle" fill="#17202a" font-weight="600" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">%s</text><title>%s: %d events (%d as source, %d as target)</title></g></a>`,
			esc(link("/events", url.Values{"actor": {x.ID}})), num(p[0]), num(p[1]), num(r), num(p[0]), num(p[1]-r-5),
			esc(x.ID), esc(x.ID), x.Events, x.Out, x.In)
	}
	w.printf(`</g>`)
	// The legend of the edge colours, top left.
	w.printf(`<g class="legend" fill="#2c3e50" font-size="11"><text x="12" y="18" font-weight="600">mean Goldstein</text>`)
	for i, g := range []struct {
		v     float64
		label string
	}{{-8, "≤ −5"}, {-3, "−5 to −1"}, {0, "−1 to +1"}, {3, "+1 to +5"}, {8, "≥ +5"}} {
		colour, _ := goldsteinColour(&g.v)
		y := 30 + 16*float64(i)
		w.printf(`<line x1="12" x2="34" y1="%s" y2="%s" stroke="%s" stroke-width="4"/><text x="40" y="%s">%s</text>`, num(y), num(y), colour, num(y+4), g.label)
	}
	w.printf(`</g></svg>`)
}

// tallySVG draws a vote's tally as one stacked bar.
func tallySVG(v *dyad.Vote) template.HTML {
	parts := []struct {
		name   string
		n      int
		colour string
	}{{"yes", v.Yes, "#1e8449"}, {"no", v.No, "#b03a2e"}, {"abstain", v.Abstain, "#b7950b"}, {"absent", v.Absent, "#aab7b8"}}
	total := 0
	for _, p := range parts {
		total += max(p.n, 0)
	}
	var w svgWriter
	w.printf(`<svg class="tally" viewBox="0 0 600 28" preserveAspectRatio="none" role="img" xmlns="http://www.w3.org/2000/svg"><title>Yes %s, no %s, abstain %s</title>`,
		count(v.Yes), count(v.No), count(v.Abstain))
	if total == 0 {
		w.printf(`<rect width="600" height="28" fill="#eaeded"/></svg>`)
		return template.HTML(w.String())
	}
	x := 0.0
	for _, p := range parts {
		if p.n <= 0 {
			continue
		}
		wd := 600 * float64(p.n) / float64(total)
		w.printf(`<rect class="seg %s" x="%s" width="%s" height="28" fill="%s"><title>%s: %d</title></rect>`, p.name, num(x), num(wd), p.colour, p.name, p.n)
		x += wd
	}
	w.printf(`</svg>`)
	return template.HTML(w.String())
}

// count formats a vote count, -1 being unknown.
func count(n int) string {
	if n < 0 {
		return "unknown"
	}
	return strconv.Itoa(n)
}
