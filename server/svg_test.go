package server

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
)

// wellFormed checks that s parses as XML and counts its elements by name
// and class.
func wellFormed(t *testing.T, s string) map[string]int {
	t.Helper()
	count := map[string]int{}
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return count
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%.500s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			count[se.Name.Local]++
			for _, a := range se.Attr {
				if a.Name.Local == "class" {
					count[se.Name.Local+"."+a.Value]++
				}
			}
		}
	}
}

func TestTimelineSVG(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tl := &timeline{A: "IRN", B: "R<S", Interval: "month", Buckets: []bucket{
		{Start: "2023-01-01", End: "2023-01-31", AB: tally{Events: 2, Quad: [4]int{1, 1, 0, 0}, Goldstein: f(5)},
			Both: tally{Events: 2, Quad: [4]int{1, 1, 0, 0}, Goldstein: f(5)}},
		{Start: "2023-02-01", End: "2023-02-28"},
		{Start: "2023-03-01", End: "2023-03-31", AB: tally{Events: 1, Quad: [4]int{0, 1, 0, 0}, Goldstein: f(7)},
			BA:   tally{Events: 3, Quad: [4]int{0, 0, 2, 1}, Goldstein: f(-6)},
			Both: tally{Events: 4, Quad: [4]int{0, 1, 2, 1}, Goldstein: f(-2.75)}},
	}}
	got := wellFormed(t, string(timelineSVG(tl)))
	want := map[string]int{"rect.bar q1": 1, "rect.bar q2": 2, "rect.bar q3": 1, "rect.bar q4": 1, "circle.dot": 3, "polyline": 0}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d, want %d", k, got[k], n)
		}
	}
	if strings.Contains(string(timelineSVG(tl)), "R<S") {
		t.Error("actor code not escaped")
	}
	tl.Buckets[1].AB = tally{Events: 1, Quad: [4]int{1, 0, 0, 0}, Goldstein: f(1)}
	if got := wellFormed(t, string(timelineSVG(tl))); got["polyline"] != 1 {
		t.Errorf("%d polylines, want 1 joining three months", got["polyline"])
	}
	empty := wellFormed(t, string(timelineSVG(&timeline{A: "IRN", B: "RUS"})))
	if empty["text.empty"] != 1 || empty["rect"] != 0 {
		t.Errorf("empty timeline: %v", empty)
	}
}

func TestNetworkSVG(t *testing.T) {
	g := func(v float64) tally { return tally{Events: 2, Goldstein: &v} }
	n := &network{Nodes: []node{{ID: "IRN", Events: 6}, {ID: "RUS", Events: 5}, {ID: "USA", Events: 3}, {ID: "TUR", Events: 2}, {ID: "SAU", Events: 2}},
		Edges: []edge{{"IRN", "RUS", g(5)}, {"RUS", "IRN", g(-3)}, {"USA", "IRN", g(-8)}, {"TUR", "SAU", g(0)}}}
	svg := string(networkSVG(n, url.Values{"from": {"2023-01-01"}, "actor": {"X"}}))
	got := wellFormed(t, svg)
	if got["circle"] != 5 || got["path.edge cooperation-strong"] != 1 || got["path.edge conflict"] != 1 || got["path.edge conflict-strong"] != 1 || got["path.edge neutral"] != 1 {
		t.Errorf("elements %v", got)
	}
	if !strings.Contains(svg, `href="/dyads/IRN/RUS?from=2023-01-01"`) || strings.Contains(svg, "actor=X") {
		t.Error("edge links do not carry the date filter alone")
	}
	if svg != string(networkSVG(n, url.Values{"from": {"2023-01-01"}})) {
		t.Error("the same network is drawn differently")
	}
	pos := layout(n, 960, 640)
	for a, p := range pos {
		if p[0] < 0 || p[0] > 960 || p[1] < 0 || p[1] > 640 {
			t.Errorf("%s at %v, off the canvas", a, p)
		}
		for b, q := range pos {
			if a < b && math.Hypot(p[0]-q[0], p[1]-q[1]) < 40 {
				t.Errorf("%s and %s overlap: %v %v", a, b, p, q)
			}
		}
	}
	if got := wellFormed(t, string(networkSVG(&network{}, nil))); got["text.empty"] != 1 {
		t.Errorf("empty network: %v", got)
	}
}

func TestTallySVG(t *testing.T) {
	v := &dyad.Vote{Yes: 141, No: 7, Abstain: 32, Absent: -1}
	got := wellFormed(t, string(tallySVG(v)))
	if got["rect.seg yes"] != 1 || got["rect.seg no"] != 1 || got["rect.seg abstain"] != 1 || got["rect.seg absent"] != 0 {
		t.Errorf("segments %v", got)
	}
	if got := wellFormed(t, string(tallySVG(&dyad.Vote{Yes: -1, No: -1, Abstain: -1, Absent: -1}))); got["rect"] != 1 {
		t.Errorf("unknown tally: %v", got)
	}
}

func TestBuckets(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct{ day, interval, start, next string }{
		{"2023-02-24", "day", "2023-02-24", "2023-02-25"},
		{"2023-02-24", "week", "2023-02-20", "2023-02-27"}, // a Friday; weeks start on Monday
		{"2023-02-20", "week", "2023-02-20", "2023-02-27"},
		{"2023-02-26", "week", "2023-02-20", "2023-02-27"}, // a Sunday
		{"2023-02-24", "month", "2023-02-01", "2023-03-01"},
		{"2023-12-31", "month", "2023-12-01", "2024-01-01"},
	}
	for _, tt := range tests {
		st := bucketStart(day(tt.day), tt.interval)
		got := []string{st.Format(time.DateOnly), bucketNext(st, tt.interval).Format(time.DateOnly)}
		if diff := cmp.Diff([]string{tt.start, tt.next}, got); diff != "" {
			t.Errorf("%s per %s (-want +got)\n%s", tt.day, tt.interval, diff)
		}
	}
	// Days as the store counts them: the event's own date, else its
	// article's; a month or year counts from its first day, and what is not
	// a date at all is undated.
	days := []struct{ day, want string }{
		{"2023-02-23", "2023-02-23"},
		{"2022-02", "2022-02-01"},
		{"2022", "2022-01-01"},
		{"2023-02-24T10:00:00Z", "2023-02-24"},
		{"2023-02-30", ""},
		{"2022-13", ""},
		{"soon", ""},
		{"", ""},
	}
	for _, tt := range days {
		d, ok := parseDay(tt.day)
		got := ""
		if ok {
			got = d.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("parseDay(%q) = %q, want %q", tt.day, got, tt.want)
		}
	}
	for _, tt := range []struct {
		max  float64
		want float64
	}{{0, 1}, {3, 1}, {12, 5}, {40, 10}, {180, 50}} {
		if got := niceStep(tt.max, 4); got != tt.want {
			t.Errorf("niceStep(%v) = %v, want %v", tt.max, got, tt.want)
		}
	}
	if got := fmt.Sprint(bucketLabel("2023-02-20", "week", true), "|", bucketLabel("2023-02-01", "month", false)); got != "20 Feb 2023|Feb" {
		t.Errorf("labels %q", got)
	}
}
