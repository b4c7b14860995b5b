package server

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// The kinds of highlight, outermost first: where two spans start and end
// together, the earlier kind encloses the later.
const (
	hlSentence = iota
	hlQuote
	hlEvent
	hlPosition
	hlMention
)

// mark is one span of the text to highlight.
type mark struct {
	span  dyad.Span
	kind  int
	id    string // element id, on the first piece only
	ref   string // id of the card that explains it
	class string
	title string
}

// highlight returns text as HTML with every mark wrapped in an element:
// sentences in <span class="sent">, the others in <mark> carrying their
// card's id and a title. Marks that cross are split so the elements nest.
// Every piece of text and every attribute is escaped; a mark outside the
// text or empty is dropped, and its ends are moved out of the middle of a
// UTF-8 sequence.
func highlight(text string, marks []mark) template.HTML {
	ms := make([]mark, 0, len(marks))
	for _, m := range marks {
		s, e := m.span.Start, m.span.End
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		for s > 0 && !utf8.RuneStart(text[s]) {
			s--
		}
		for e < len(text) && !utf8.RuneStart(text[e]) {
			e++
		}
		m.span = dyad.Span{Start: s, End: e}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b mark) int {
		return cmp.Or(cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(b.span.End, a.span.End), cmp.Compare(a.kind, b.kind))
	})
	bounds := []int{0, len(text)}
	for _, m := range ms {
		bounds = append(bounds, m.span.Start, m.span.End)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	var b strings.Builder
	b.Grow(len(text) + 200*len(ms))
	var stack []int // indexes into ms of the open elements, outermost first
	next := 0
	for i, p := range bounds {
		// Close what ends here, reopening what was open inside it and goes on.
		if k := slices.IndexFunc(stack, func(j int) bool { return ms[j].span.End <= p }); k >= 0 {
			for j := len(stack) - 1; j >= k; j-- {
				b.WriteString(closeTag(ms[stack[j]].kind))
			}
			rest := slices.DeleteFunc(slices.Clone(stack[k:]), func(j int) bool { return ms[j].span.End <= p })
			stack = stack[:k]
			for _, j := range rest {
				writeOpen(&b, &ms[j], false)
				stack = append(stack, j)
			}
		}
		for ; next < len(ms) && ms[next].span.Start == p; next++ {
			writeOpen(&b, &ms[next], true)
			stack = append(stack, next)
		}
		if i+1 < len(bounds) {
			b.WriteString(template.HTMLEscapeString(text[p:bounds[i+1]]))
		}
	}
	return template.HTML(b.String())
}

func closeTag(kind int) string {
	if kind == hlSentence {
		return "</span>"
	}
	return "</mark>"
}

// writeOpen writes the opening tag of m; first says whether this is its
// first piece, which alone carries the element id.
func writeOpen(b *strings.Builder, m *mark, first bool) {
	esc := template.HTMLEscapeString
	if m.kind == hlSentence {
		b.WriteString(`<span class="sent"`)
	} else {
		b.WriteString(`<mark class="hl ` + esc(m.class) + `" tabindex="0"`)
	}
	if first && m.id != "" {
		b.WriteString(` id="` + esc(m.id) + `"`)
	}
	if m.ref != "" {
		b.WriteString(` data-ref="` + esc(m.ref) + `"`)
	}
	if m.title != "" {
		b.WriteString(` title="` + esc(m.title) + `"`)
	}
	b.WriteString(">")
}
