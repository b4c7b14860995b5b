package server

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	xhtml "golang.org/x/net/html"

	"github.com/dyadhq/dyad"
)

func TestHighlight(t *testing.T) {
	sp := func(s, e int) dyad.Span { return dyad.Span{Start: s, End: e} }
	tests := []struct {
		name  string
		text  string
		marks []mark
		want  string
	}{
		{"none", "a < b & c", nil, "a &lt; b &amp; c"},
		{"one", "Iran and Russia", []mark{{span: sp(0, 4), kind: hlMention, ref: "ac-a1", class: "m", title: `Iran "IRN"`}},
			`<mark class="hl m" tabindex="0" data-ref="ac-a1" title="Iran &#34;IRN&#34;">Iran</mark> and Russia`},
		{"nested", "Iran met Russia.", []mark{
			{span: sp(0, 16), kind: hlSentence, id: "s1"},
			{span: sp(0, 15), kind: hlEvent, ref: "ev-e1", class: "e"},
			{span: sp(9, 15), kind: hlMention, ref: "ac-a2", class: "m"},
			{span: sp(0, 4), kind: hlMention, ref: "ac-a1", class: "m"},
		}, `<span class="sent" id="s1"><mark class="hl e" tabindex="0" data-ref="ev-e1"><mark class="hl m" tabindex="0" data-ref="ac-a1">Iran</mark> met <mark class="hl m" tabindex="0" data-ref="ac-a2">Russia</mark></mark>.</span>`},
		{"same span, kinds in order", "Iran", []mark{
			{span: sp(0, 4), kind: hlMention, ref: "m"},
			{span: sp(0, 4), kind: hlQuote, ref: "q"},
			{span: sp(0, 4), kind: hlEvent, ref: "e"},
		}, `<mark class="hl " tabindex="0" data-ref="q"><mark class="hl " tabindex="0" data-ref="e"><mark class="hl " tabindex="0" data-ref="m">Iran</mark></mark></mark>`},
		{"crossing is split", "One. Two three.", []mark{
			{span: sp(0, 4), kind: hlSentence, id: "s1"},
			{span: sp(5, 15), kind: hlSentence, id: "s2"},
			{span: sp(2, 9), kind: hlQuote, ref: "q1"},
		}, `<span class="sent" id="s1">On<mark class="hl " tabindex="0" data-ref="q1">e.</mark></span><mark class="hl " tabindex="0" data-ref="q1"> <span class="sent" id="s2">Two </span></mark><span class="sent">three.</span>`},
		{"out of range and empty dropped", "abc", []mark{{span: sp(2, 9), ref: "x"}, {span: sp(1, 1), ref: "y"}, {span: sp(-1, 2), ref: "z"}}, "abc"},
		{"mid-rune ends widened", "é!", []mark{{span: sp(1, 2), kind: hlMention, ref: "r"}}, `<mark class="hl " tabindex="0" data-ref="r">é</mark>!`},
		{"markup in text", `<script>alert(1)</script>`, []mark{{span: sp(8, 16), kind: hlEvent, ref: `"><b>`}},
			`&lt;script&gt;<mark class="hl " tabindex="0" data-ref="&#34;&gt;&lt;b&gt;">alert(1)</mark>&lt;/script&gt;`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(highlight(tt.text, tt.marks))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			checkHighlight(t, tt.text, got)
		})
	}
}

// checkHighlight checks that out is well nested, holds only span and mark
// elements, and reads as text exactly.
func checkHighlight(t *testing.T, text, out string) {
	t.Helper()
	z := xhtml.NewTokenizer(strings.NewReader(out))
	var stack []string
	var plain strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if len(stack) != 0 {
				t.Fatalf("unclosed %v in %q", stack, out)
			}
			// The tokenizer reads text as a browser does: CR LF and CR
			// as LF, NUL as U+FFFD.
			want := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(text)
			if plain.String() != want {
				t.Fatalf("text %q reads back as %q", text, plain.String())
			}
			return
		case xhtml.TextToken:
			plain.Write(z.Text())
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			if n := string(name); n != "span" && n != "mark" {
				t.Fatalf("element %s in %q", n, out)
			}
			stack = append(stack, string(name))
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> closes %v in %q", name, stack, out)
			}
			stack = stack[:len(stack)-1]
		default:
			t.Fatalf("token %v in %q", tt, out)
		}
	}
}

// Any text and any spans give well-nested, escaped HTML that reads as the
// text.
func FuzzHighlight(f *testing.F) {
	f.Add("Iran met Russia in <b>Moscow</b>.", []byte{0, 4, 9, 15, 2, 20, 5, 5})
	f.Add("“Relations”, he said. Then more.", []byte{0, 20, 3, 30, 1, 2, 22, 31})
	f.Fuzz(func(t *testing.T, text string, spans []byte) {
		var marks []mark
		for i := 0; i+1 < len(spans); i += 2 {
			marks = append(marks, mark{span: dyad.Span{Start: int(spans[i]), End: int(spans[i+1])},
				kind: i / 2 % 5, ref: "r", id: "x", title: text})
		}
		checkHighlight(t, text, string(highlight(text, marks)))
	})
}

// Any query string gives either an error or an event filter the store
// accepts.
func FuzzEventParams(f *testing.F) {
	for _, q := range []string{"actor=IRN&limit=5", "dyad=IRN,RUS&cameo=19&quad=4", "from=2023-01-01&to=2022-01-01",
		"text=%22a+b%22&modality=claimed", "limit=%zz", "after=1.2", "dyad=,"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p := newParams(q)
		ef := p.eventFilter(100)
		if err := p.done(); err != nil {
			return
		}
		if err := ef.Validate(); err != nil {
			t.Fatalf("%q: accepted, but the store would refuse it: %v", q, err)
		}
	})
}
