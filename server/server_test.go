package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/dyadhq/dyad/storetest"
)

const testToken = "test-token-0123456789"

// newTestServer returns a server over a fresh SQLite archive holding docs,
// with the test token and a coder that fails the test if used unless set
// with opts.
func newTestServer(t testing.TB, docs ...*dyad.Doc) *Server {
	t.Helper()
	return newTestServerWith(t, nil, Options{Token: testToken}, docs...)
}

func newTestServerWith(t testing.TB, coder Coder, opt Options, docs ...*dyad.Doc) *Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/test.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, d := range docs {
		if _, _, err := st.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if coder == nil {
		coder = fakeCoder{}
	}
	s, err := New(st, coder, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeCoder codes a text as one sentence with one actor per capitalised
// word pair it knows; enough to test the handlers around the coder.
type fakeCoder struct{}

func (fakeCoder) Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error) {
	text := string(raw)
	d := &dyad.Doc{Article: a, Text: text, Sentences: []dyad.Sentence{{N: 1, Start: 0, End: len(text)}},
		Actors: []dyad.Actor{}, Events: []dyad.Event{}, Claims: []dyad.Claim{}, Quotes: []dyad.Quote{},
		Amounts: []dyad.Amount{}, Votes: []dyad.Vote{}}
	if i := strings.Index(text, "France"); i >= 0 {
		d.Actors = append(d.Actors, dyad.Actor{ID: "a1", Name: "France", Code: "FRA", Kind: dyad.KindState, Rule: "fake",
			Mentions: []dyad.Mention{{Sentence: 1, Start: i, End: i + 6, Text: "France"}}})
	}
	return d, nil
}

func seedDoc() *dyad.Doc { return storetest.Seed() }

// seedID returns the id of the first stored article.
func seedID(t testing.TB, s *Server) string {
	t.Helper()
	recs, err := s.store.Articles(context.Background(), dyad.ArticleFilter{Page: dyad.Page{Limit: 1}})
	if err != nil || len(recs) == 0 {
		t.Fatalf("no article stored: %v", err)
	}
	return recs[0].ID
}

// do sends one request to s.
func do(t testing.TB, s *Server, method, target, body string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

var (
	specOnce sync.Once
	theSpec  *spec
)

// getJSON sends a GET, checks the status, validates the body against the
// OpenAPI schema of its route and decodes it into v.
func getJSON(t testing.TB, s *Server, target string, status int, v any) {
	t.Helper()
	rec := do(t, s, "GET", target, "", nil)
	checkJSON(t, s, "GET", target, rec, status, v)
}

func checkJSON(t testing.TB, s *Server, method, target string, rec *httptest.ResponseRecorder, status int, v any) {
	t.Helper()
	checkBody(t, s, method, target, rec.Code, rec.Header(), rec.Body.Bytes(), status, v)
}

// checkBody checks a response's status and JSON content type, validates the
// body against the OpenAPI schema of the route and status, and decodes it
// into v (when not nil).
func checkBody(t testing.TB, s *Server, method, target string, code int, h http.Header, body []byte, status int, v any) {
	t.Helper()
	if code != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, target, code, status, body)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: Content-Type %q", method, target, ct)
	}
	specOnce.Do(func() { theSpec = loadSpec(t) })
	r := httptest.NewRequest(method, target, nil)
	_, pattern := s.mux.Handler(r)
	if _, route, ok := strings.Cut(pattern, " "); ok && strings.HasPrefix(route, "/api/") {
		theSpec.checkResponse(t, method, route, status, body)
	} else if status < 300 {
		t.Errorf("%s %s: matched no API route (%q)", method, target, pattern)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s %s: %v", method, target, err)
		}
	}
}

func eventKey(e dyad.Event) string {
	return fmt.Sprintf("%s>%s %s %s", e.Source.Code, e.Target.Code, e.CAMEO, e.Modality)
}

// The list endpoints apply their filters; each row is one request and the
// records it must return, summarised.
func TestAPILists(t *testing.T) {
	s := newTestServer(t, seedDoc())
	type events = list[dyad.EventRecord]
	keys := func(l events) []string {
		var out []string
		for _, e := range l.Items {
			out = append(out, eventKey(e.Event))
		}
		return out
	}
	tests := []struct {
		target string
		want   []string
	}{
		{"/api/events?actor=IGOUNO", []string{"IGOUNO>RUS 111 asserted"}},
		{"/api/events?source=wst", []string{"WST>IRN 112 asserted"}},
		{"/api/events?target=RUSGOV", []string{"IRNGOV>RUSGOV 062 historical"}},
		{"/api/events?dyad=IRN,RUS&modality=claimed", []string{"IRN>RUS 072 claimed"}},
		{"/api/events?dyad=RUS,IRN&cameo=06", []string{"IRNGOV>RUSGOV 062 historical"}},
		{"/api/events?cameo=11", []string{"WST>IRN 112 asserted", "IGOUNO>RUS 111 asserted"}},
		{"/api/events?quad=2", []string{"IRNGOV>RUSGOV 062 historical", "IRN>RUS 072 claimed"}},
		{"/api/events?from=2023-02-23&to=2023-02-23", []string{"IGOUNO>RUS 111 asserted"}},
		{"/api/events?text=drones&modality=planned", []string{"IRNGOV>RUS 036 planned"}},
		{"/api/events?text=zebra", nil},
		{"/api/events?article=nope", nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			var got events
			getJSON(t, s, tt.target, http.StatusOK, &got)
			if diff := cmp.Diff(tt.want, keys(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if got.Next != "" {
				t.Errorf("next %q on the only page", got.Next)
			}
		})
	}

	id := seedID(t, s)
	others := []struct {
		target string
		want   []string
		key    func(json.RawMessage) string
	}{
		{"/api/articles?source=Mehr%20News%20Agency", []string{id}, field("id")},
		{"/api/articles?text=%22political+will%22", []string{id}, field("id")},
		{"/api/articles?from=2024-01-01", nil, field("id")},
		{"/api/quotes?speaker=nasser+kanaani", []string{"Tehran and Moscow have cooperated on defence for years",
			"Relations between Iran and Russia depend on the political will of both nations"}, field("text")},
		{"/api/quotes?direct=true&speaker=IRN", []string{"Relations between Iran and Russia depend on the political will of both nations"}, field("text")},
		{"/api/quotes?text=defence", []string{"Tehran and Moscow have cooperated on defence for years"}, field("text")},
		{"/api/actors?code=IGOUNO", []string{"UN General Assembly"}, field("name")},
		{"/api/actors?kind=person", []string{"Nasser Kanaani", "Hossein Amir Abdollahian"}, field("name")},
		{"/api/actors?name=russia&article=" + id, []string{"Russia"}, field("name")},
		{"/api/votes?country=RUS&position=no", []string{"IGOUNO 141/7/32"}, voteKey},
		{"/api/votes?country=rus&position=yes", nil, voteKey},
		{"/api/votes?body=IGO", []string{"IGOUNO 141/7/32"}, voteKey},
		{"/api/claims", []string{"IRN>RUS 072: WST assert, IRNGOV deny"}, claimKey},
		{"/api/claims?actor=WST", []string{"IRN>RUS 072: WST assert, IRNGOV deny"}, claimKey},
		{"/api/claims?cameo=07&article=" + id, []string{"IRN>RUS 072: WST assert, IRNGOV deny"}, claimKey},
		{"/api/claims?actor=USA", nil, claimKey},
	}
	for _, tt := range others {
		t.Run(tt.target, func(t *testing.T) {
			var got list[json.RawMessage]
			getJSON(t, s, tt.target, http.StatusOK, &got)
			var keys []string
			for _, it := range got.Items {
				keys = append(keys, tt.key(it))
			}
			if diff := cmp.Diff(tt.want, keys); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func field(name string) func(json.RawMessage) string {
	return func(m json.RawMessage) string {
		var v map[string]any
		json.Unmarshal(m, &v)
		return fmt.Sprint(v[name])
	}
}

func voteKey(m json.RawMessage) string {
	var v dyad.VoteRecord
	json.Unmarshal(m, &v)
	return fmt.Sprintf("%s %d/%d/%d", v.Body, v.Yes, v.No, v.Abstain)
}

func claimKey(m json.RawMessage) string {
	var c claimRecord
	json.Unmarshal(m, &c)
	var st []string
	for _, s := range c.Stances {
		st = append(st, s.Code+" "+s.Stance)
	}
	return fmt.Sprintf("%s>%s %s: %s", c.Proposition.Source, c.Proposition.Target, c.Proposition.CAMEO, strings.Join(st, ", "))
}

// One article comes back with its text and every layer.
func TestAPIArticle(t *testing.T) {
	s := newTestServer(t, seedDoc())
	id := seedID(t, s)
	var got struct {
		Article dyad.Article `json:"article"`
		Text    string       `json:"text"`
		Events  []dyad.Event `json:"events"`
		Votes   []dyad.Vote  `json:"votes"`
	}
	getJSON(t, s, "/api/articles/"+id, http.StatusOK, &got)
	want := seedDoc()
	if got.Text != want.Text || got.Article.Title != want.Article.Title || len(got.Events) != len(want.Events) || len(got.Votes) != 1 {
		t.Errorf("article %s: title %q, %d bytes, %d events, %d votes", id, got.Article.Title, len(got.Text), len(got.Events), len(got.Votes))
	}
	var e apiErrorBody
	getJSON(t, s, "/api/articles/nope", http.StatusNotFound, &e)
	if e.Error.Code != "not_found" {
		t.Errorf("code %q, want not_found", e.Error.Code)
	}
}

// Walking the pages with the cursor gives every record once, in the order
// of one big page.
func TestAPIPaging(t *testing.T) {
	var docs []*dyad.Doc
	for i := range 12 {
		docs = append(docs, storetest.Variant(i))
	}
	s := newTestServer(t, docs...)
	for _, tt := range []struct {
		path  string
		limit int
	}{
		{"/api/events?actor=IRN", 7},
		{"/api/articles?text=Kanaani", 5},
		{"/api/quotes", 4},
		{"/api/actors?kind=state", 10},
		{"/api/votes", 5},
		{"/api/claims", 5},
		{"/api/claims?actor=IRN", 1},
	} {
		t.Run(tt.path, func(t *testing.T) {
			var all list[map[string]any]
			sep := "?"
			if strings.Contains(tt.path, "?") {
				sep = "&"
			}
			getJSON(t, s, tt.path+sep+"limit=10000", http.StatusOK, &all)
			var walked []map[string]any
			after := ""
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("no end to the pages")
				}
				var page list[map[string]any]
				getJSON(t, s, fmt.Sprintf("%s%slimit=%d&after=%s", tt.path, sep, tt.limit, url.QueryEscape(after)), http.StatusOK, &page)
				if len(page.Items) > tt.limit {
					t.Fatalf("page of %d, limit %d", len(page.Items), tt.limit)
				}
				walked = append(walked, page.Items...)
				if page.Next == "" {
					break
				}
				after = page.Next
			}
			if len(all.Items) < 12 {
				t.Fatalf("only %d records", len(all.Items))
			}
			if diff := cmp.Diff(all.Items, walked); diff != "" {
				t.Errorf("one page (-want) against walked pages (+got):\n%s", diff)
			}
		})
	}
}

// eventDoc returns a one-sentence article published on day holding events.
func eventDoc(n int, published string, events ...dyad.Event) *dyad.Doc {
	text := fmt.Sprintf("Report %d on relations between states.", n)
	d := &dyad.Doc{Article: dyad.Article{Source: "Test Wire", Published: published, Title: fmt.Sprintf("Report %d", n)}, Text: text,
		Sentences: []dyad.Sentence{{N: 1, Start: 0, End: len(text)}}}
	for i, e := range events {
		e.ID = fmt.Sprintf("e%d", i+1)
		e.Sentence = 1
		e.Span = dyad.Span{Start: 0, End: 6}
		e.Rule = "test"
		if e.DatePrecision == "" {
			e.DatePrecision = dyad.PrecisionUnknown
		}
		if e.Modality == "" {
			e.Modality = dyad.Asserted
		}
		d.Events = append(d.Events, e)
	}
	return d
}

func ev(src, tgt, code string, quad int, g float64, mod dyad.Modality, date string) dyad.Event {
	e := dyad.Event{Source: dyad.Participant{Code: src}, Target: dyad.Participant{Code: tgt}, CAMEO: code, CAMEOName: "event " + code,
		QuadClass: quad, Goldstein: g, Modality: mod, Date: date, PLOVER: dyad.PLOVER{Type: "TEST"}}
	if date != "" {
		e.DatePrecision = dyad.PrecisionDay
	}
	return e
}

func timelineDocs() []*dyad.Doc {
	return []*dyad.Doc{
		eventDoc(1, "2023-01-15",
			ev("IRN", "RUS", "036", 1, 4, dyad.Asserted, ""),
			ev("RUSGOV", "IRN", "190", 4, -10, dyad.Asserted, "2023-03-02"),
			ev("IRN", "RUS", "072", 2, 8.3, dyad.Claimed, "")),
		eventDoc(2, "2023-03-10",
			ev("IRNGOV", "RUS", "062", 2, 7.4, dyad.Historical, ""),
			ev("USA", "IRN", "112", 3, -2, dyad.Asserted, "")),
	}
}

// bucketSummary is a bucket without pointers, for comparison.
type bucketSummary struct {
	Start, End      string
	AB, BA, Both    [4]int
	GAB, GBA, GBoth string
}

func summarise(bs []bucket) []bucketSummary {
	g := func(t tally) string {
		if t.Goldstein == nil {
			return "-"
		}
		return fmt.Sprintf("%+.2f", *t.Goldstein)
	}
	var out []bucketSummary
	for _, b := range bs {
		out = append(out, bucketSummary{b.Start, b.End, b.AB.Quad, b.BA.Quad, b.Both.Quad, g(b.AB), g(b.BA), g(b.Both)})
	}
	return out
}

// The timeline counts both directions per interval, fills the empty ones
// and counts only what happened unless told otherwise.
func TestTimeline(t *testing.T) {
	s := newTestServer(t, timelineDocs()...)
	tests := []struct {
		query string
		want  []bucketSummary
	}{
		{"interval=month", []bucketSummary{
			{"2023-01-01", "2023-01-31", [4]int{1, 0, 0, 0}, [4]int{}, [4]int{1, 0, 0, 0}, "+4.00", "-", "+4.00"},
			{"2023-02-01", "2023-02-28", [4]int{}, [4]int{}, [4]int{}, "-", "-", "-"},
			{"2023-03-01", "2023-03-31", [4]int{0, 1, 0, 0}, [4]int{0, 0, 0, 1}, [4]int{0, 1, 0, 1}, "+7.40", "-10.00", "-1.30"},
		}},
		{"interval=month&modality=all", []bucketSummary{
			{"2023-01-01", "2023-01-31", [4]int{1, 1, 0, 0}, [4]int{}, [4]int{1, 1, 0, 0}, "+6.15", "-", "+6.15"},
			{"2023-02-01", "2023-02-28", [4]int{}, [4]int{}, [4]int{}, "-", "-", "-"},
			{"2023-03-01", "2023-03-31", [4]int{0, 1, 0, 0}, [4]int{0, 0, 0, 1}, [4]int{0, 1, 0, 1}, "+7.40", "-10.00", "-1.30"},
		}},
		{"interval=month&from=2023-03-01&modality=asserted,historical", []bucketSummary{
			{"2023-03-01", "2023-03-31", [4]int{0, 1, 0, 0}, [4]int{0, 0, 0, 1}, [4]int{0, 1, 0, 1}, "+7.40", "-10.00", "-1.30"},
		}},
		{"interval=month&cameo=19", []bucketSummary{
			{"2023-03-01", "2023-03-31", [4]int{}, [4]int{0, 0, 0, 1}, [4]int{0, 0, 0, 1}, "-", "-10.00", "-10.00"},
		}},
		{"interval=day&modality=planned", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got timeline
			getJSON(t, s, "/api/dyads/IRN/RUS/timeline?"+tt.query, http.StatusOK, &got)
			if diff := cmp.Diff(tt.want, summarise(got.Buckets)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	var weeks timeline
	getJSON(t, s, "/api/dyads/rus/irn/timeline?interval=week", http.StatusOK, &weeks)
	var starts []string
	for _, b := range weeks.Buckets {
		starts = append(starts, b.Start)
	}
	want := []string{"2023-01-09", "2023-01-16", "2023-01-23", "2023-01-30", "2023-02-06", "2023-02-13", "2023-02-20", "2023-02-27", "2023-03-06"}
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Errorf("weeks (-want +got)\n%s", diff)
	}
	if weeks.A != "RUS" || weeks.Total.AB.Events != 1 || weeks.Total.BA.Events != 2 || weeks.Total.Start != "2023-01-09" || weeks.Total.End != "2023-03-12" {
		t.Errorf("weeks: a %s, total %+v", weeks.A, weeks.Total)
	}
	var e apiErrorBody
	getJSON(t, s, "/api/dyads/IRN/IRN/timeline", http.StatusBadRequest, &e)
	getJSON(t, s, "/api/dyads/IRN/R-S/timeline", http.StatusBadRequest, &e)
	getJSON(t, s, "/api/dyads/IRN/RUS/timeline?interval=year", http.StatusBadRequest, &e)
	getJSON(t, s, "/api/dyads/IRN/RUS/timeline?interval=day&from=1900-01-01", http.StatusBadRequest, &e)
	if !strings.Contains(e.Error.Message, "intervals") {
		t.Errorf("too many days: %q", e.Error.Message)
	}
}

// The network joins codes at the chosen level and keeps the most connected.
func TestNetwork(t *testing.T) {
	s := newTestServer(t, seedDoc())
	summary := func(n network) []string {
		var out []string
		for _, x := range n.Nodes {
			out = append(out, fmt.Sprintf("%s %d", x.ID, x.Events))
		}
		for _, e := range n.Edges {
			out = append(out, fmt.Sprintf("%s>%s %d %+.2f", e.Source, e.Target, e.Events, *e.Goldstein))
		}
		return out
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"IRN 4", "RUS 3", "WST 2", "IGOUNO 1",
			"IRN>RUS 2 +5.70", "IGOUNO>RUS 1 -2.00", "IRN>WST 1 -0.10", "WST>IRN 1 -2.00"}},
		{"nodes=2", []string{"IRN 4", "RUS 3", "IRN>RUS 2 +5.70"}},
		{"level=code&quad=1", []string{"IRNGOV 2", "RUS 1", "WST 1", "IRNGOV>RUS 1 +4.00", "IRNGOV>WST 1 -0.10"}},
		{"modality=claimed", []string{"IRN 1", "RUS 1", "IRN>RUS 1 +8.30"}},
		{"actor=IGOUNO&cameo=111", []string{"IGOUNO 1", "RUS 1", "IGOUNO>RUS 1 -2.00"}},
		{"from=2030-01-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got network
			getJSON(t, s, "/api/network?"+tt.query, http.StatusOK, &got)
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	var got network
	getJSON(t, s, "/api/network?nodes=2", http.StatusOK, &got)
	if got.Omitted != 2 || got.Scanned != 6 || got.Truncated {
		t.Errorf("omitted %d, scanned %d, truncated %v; want 2, 6, false", got.Omitted, got.Scanned, got.Truncated)
	}
}

// Mean Goldstein values are rounded half away from zero, whatever the order
// in which their floating-point values were added.
func TestMean2(t *testing.T) {
	sum := func(gs ...float64) float64 {
		s := 0.0
		for _, g := range gs {
			s += g
		}
		return s
	}
	tests := []struct {
		sum  float64
		n    int
		want float64
	}{
		{sum(4, 8.3), 2, 6.15},
		{sum(-10, 7.4), 2, -1.3},
		{sum(3.4, -3.3, 0, 0), 4, 0.03}, // 0.025
		{sum(0, 0, -3.3, 3.4), 4, 0.03}, // the same in another order
		{sum(-2, -0.1, 0, 0), 4, -0.53}, // -0.525
		{sum(0.1, 0.48), 4, 0.15},       // 0.145, stored as 0.14499...
		{sum(0.4, 0.6), 8, 0.13},        // 0.125, exactly
		{sum(-0.1, 0.1, -0.1), 3, -0.03},
		{sum(-0.01), 10, -0},
		{0, 3, 0},
	}
	for _, tt := range tests {
		if got := mean2(tt.sum, tt.n); got != tt.want {
			t.Errorf("mean2(%v, %d) = %v, want %v", tt.sum, tt.n, got, tt.want)
		}
	}
}

// Coding and ingest go through the coder, with the token.
func TestAPIWrite(t *testing.T) {
	s := newTestServer(t)
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	body := `{"text":"France welcomed the agreement.","title":"Paris","source":"Wire","published":"2024-05-01"}`

	rec := do(t, s, "POST", "/api/articles", body, auth)
	var res ingestResult
	checkJSON(t, s, "POST", "/api/articles", rec, http.StatusCreated, &res)
	if !res.Added || res.Counts.Actors != 1 || rec.Header().Get("Location") != "/api/articles/"+res.ID {
		t.Errorf("ingest: %+v, Location %q", res, rec.Header().Get("Location"))
	}
	rec = do(t, s, "POST", "/api/articles", body, auth)
	var again ingestResult
	checkJSON(t, s, "POST", "/api/articles", rec, http.StatusOK, &again)
	if again.Added || again.ID != res.ID {
		t.Errorf("second ingest: %+v, want the same id %s, not added", again, res.ID)
	}
	var doc docJSON
	getJSON(t, s, "/api/articles/"+res.ID, http.StatusOK, &doc)
	if doc.Text != "France welcomed the agreement." || doc.Article.Published != "2024-05-01" || len(doc.Actors) != 1 {
		t.Errorf("stored: %q %+v", doc.Text, doc.Article)
	}

	plain := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/plain; charset=utf-8"}
	rec = do(t, s, "POST", "/api/code?published=2024-05-02&source=Wire", "France and others.", plain)
	var coded struct {
		Article dyad.Article `json:"article"`
		Text    string       `json:"text"`
		Actors  []dyad.Actor `json:"actors"`
	}
	checkJSON(t, s, "POST", "/api/code", rec, http.StatusOK, &coded)
	if coded.Text != "France and others." || coded.Article.Published != "2024-05-02" || len(coded.Actors) != 1 {
		t.Errorf("code: %+v", coded)
	}
	rec = do(t, s, "POST", "/api/code", body, auth)
	checkJSON(t, s, "POST", "/api/code", rec, http.StatusOK, &coded)
	var st dyad.Stats
	getJSON(t, s, "/api/stats", http.StatusOK, &st)
	if st.Articles != 1 {
		t.Errorf("%d articles stored; /api/code must not store", st.Articles)
	}

	for _, tt := range []struct {
		name, path, body string
		hdr              map[string]string
		status           int
	}{
		{"empty text", "/api/articles", `{"text":"  "}`, auth, 400},
		{"bad date", "/api/articles", `{"text":"x","published":"24 May"}`, auth, 400},
		{"unknown field", "/api/articles", `{"text":"x","body":"y"}`, auth, 400},
		{"not JSON", "/api/articles", `text`, auth, 400},
		{"two values", "/api/articles", `{"text":"x"}{"text":"y"}`, auth, 400},
		{"plain ingest", "/api/articles", "text", plain, 415},
		{"form", "/api/code", "a=b", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"bad published", "/api/code?published=soon", "text", plain, 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, "POST", tt.path, tt.body, tt.hdr)
			var e apiErrorBody
			checkJSON(t, s, "POST", tt.path, rec, tt.status, &e)
		})
	}

	noCoder, err := New(s.store, nil, Options{Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	rec = do(t, noCoder, "POST", "/api/code", body, auth)
	checkJSON(t, noCoder, "POST", "/api/code", rec, http.StatusServiceUnavailable, nil)
}

// Every page renders over the seed, showing what it is for.
func TestPages(t *testing.T) {
	s := newTestServer(t, seedDoc())
	id := seedID(t, s)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"Iran&#39;s foreign minister to visit Moscow soon", "Mehr News Agency", "1 article from 2023-02-24"}},
		{"/?q=drones&from=2023-01-01", 200, []string{"/articles/" + id}},
		{"/?q=zebra", 200, []string{"No article matches."}},
		{"/articles/" + id, 200, []string{`data-ref="ev-e6"`, `class="hl hl-event q3 mod-asserted"`, `data-ref="qt-2"`,
			`class="hl hl-quote direct"`, `data-ref="ac-a1"`, `id="s6"`, "verbs.condemn", "spokesman of the Ministry of Foreign Affairs",
			`class="hl hl-position vote-no"`, "Criticize or denounce"}},
		{"/events?actor=IGOUNO", 200, []string{"Criticize or denounce", "/articles/" + id + "#ev-e6"}},
		{"/dyads", 200, []string{`name="a"`}},
		{"/dyads/IRN/RUS?interval=week", 200, []string{`<svg class="chart timeline"`, `class="bar q1"`, `class="bar q2"`, "Cooperate militarily"}},
		{"/network", 200, []string{`<svg class="chart network"`, `class="edge`, `href="/dyads/IRN/RUS"`}},
		{"/votes?country=IRN", 200, []string{"UN General Assembly", "141", "North Korea", "PRK", "4 of 32 named", "complete list"}},
		{"/articles/nope", 404, []string{"404 Not Found"}},
		{"/events?quad=9", 400, []string{"quad"}},
		{"/nowhere", 404, []string{"404"}},
		{"/static/style.css", 200, []string{".doc-text"}},
		{"/static/app.js", 200, []string{"use strict"}},
		{"/static/nope.css", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := do(t, s, "GET", tt.path, "", nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tt.status, rec.Body)
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	rec := do(t, s, "GET", "/dyads?a=irn&b=rus", "", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/dyads/IRN/RUS" {
		t.Errorf("dyad form: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
}

// Static files are cached for long only at their current version.
func TestStaticCaching(t *testing.T) {
	s := newTestServer(t)
	u, err := s.staticURL("style.css")
	if err != nil {
		t.Fatal(err)
	}
	rec := do(t, s, "GET", u, "", nil)
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned: Cache-Control %q", cc)
	}
	etag := rec.Header().Get("ETag")
	rec = do(t, s, "GET", "/static/style.css", "", map[string]string{"If-None-Match": etag})
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d", rec.Code)
	}
	if _, err := s.staticURL("missing.css"); err == nil {
		t.Error("a missing static file has a URL")
	}
}

// Run serves on a free port, says where, and stops when its context ends.
func TestRun(t *testing.T) {
	var logs dyadtest.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := newTestServerWith(t, nil, Options{Log: log}, seedDoc())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, "127.0.0.1:0") }()
	base := waitListening(t, &logs)
	resp, err := http.Get(base + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"articles":1`) {
		t.Errorf("stats: %d %s", resp.StatusCode, b)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel: %v", err)
	}
	if _, err := http.Get(base + "/api/stats"); err == nil {
		t.Error("still serving after shutdown")
	}
	if !strings.Contains(logs.String(), "msg=request method=GET path=/api/stats status=200") {
		t.Errorf("no access log line in %q", logs.String())
	}
	if strings.Contains(logs.String(), "non-loopback") {
		t.Error("warned about a loopback address")
	}
}

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{fmt.Errorf("x: %w", dyad.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("x: %w", dyad.ErrInvalid), 400, "invalid"},
		{fmt.Errorf("x: %w", dyad.ErrConflict), 409, "conflict"},
		{fmt.Errorf("x: %w", dyad.ErrUnavailable), 503, "unavailable"},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), 503, "unavailable"},
		{fmt.Errorf("x: %w: %w", errTooLarge, dyad.ErrInvalid), 413, "too_large"},
		{errUnauthorized, 401, "unauthorized"},
		{io.ErrUnexpectedEOF, 500, "internal"},
	}
	for _, tt := range tests {
		st, code := errorStatus(tt.err)
		if st != tt.status || code != tt.code {
			t.Errorf("%v: %d %s, want %d %s", tt.err, st, code, tt.status, tt.code)
		}
	}
	// The codes are the ones the OpenAPI file lists.
	sp := loadSpec(t)
	enum := sp.resolve(map[string]any{"$ref": "#/components/schemas/Error"})["properties"].(map[string]any)["error"].(map[string]any)["properties"].(map[string]any)["code"].(map[string]any)["enum"]
	for _, k := range errorKinds {
		if !slices.Contains(asList(enum), any(k.code)) {
			t.Errorf("code %s is not in openapi.json", k.code)
		}
	}
}
