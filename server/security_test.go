package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

func newTextLogger(w *dyadtest.Buffer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

var listeningRE = regexp.MustCompile(`listening on (http://[0-9.:\[\]a-f]+)`)

// waitListening waits for the "listening on" line and returns the URL.
func waitListening(t testing.TB, logs *dyadtest.Buffer) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := listeningRE.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no 'listening on' line in %q", logs.String())
	return ""
}

// scriptDoc is an article whose text, title and annotations carry markup.
func scriptDoc() *dyad.Doc {
	text := `Officials said <script>alert("pwned")</script> and "<img src=x onerror=alert(1)>" in Paris & Rome.`
	i := strings.Index(text, "<script>")
	j := strings.Index(text, "Paris")
	return &dyad.Doc{
		Article: dyad.Article{Title: `<script>alert("title")</script>`, Source: `<b>Wire</b>`, Published: "2024-02-01",
			URL: `javascript:alert(1)`},
		Text:      text,
		Sentences: []dyad.Sentence{{N: 1, Start: 0, End: len(text)}},
		Actors: []dyad.Actor{{ID: "a1", Name: `Paris"><script>alert(2)</script>`, Code: "FRAGOV", Kind: dyad.KindState,
			Office: `<i>office</i>`, Rule: `rule"><script>`,
			Mentions: []dyad.Mention{{Sentence: 1, Start: j, End: j + 5, Text: "Paris"}}}},
		Events: []dyad.Event{{ID: "e1", Sentence: 1, Source: dyad.Participant{Actor: "a1", Code: "FRAGOV"},
			Target: dyad.Participant{Code: "ITA"}, CAMEO: "010", CAMEOName: `<script>x</script>`, QuadClass: 1,
			PLOVER: dyad.PLOVER{Type: "AGREE"}, Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown,
			Rule: `"><script>alert(3)</script>`, Span: dyad.Span{Start: i, End: i + 30}}},
		Quotes: []dyad.Quote{{Sentence: 1, Speaker: dyad.Speaker{Name: "<script>"}, Verb: "said", Direct: true,
			Text: text[i : i+40], Span: dyad.Span{Start: i, End: i + 40}}},
	}
}

// Stored markup is shown as text, never run: the page holds no script
// element but its own, and the API escapes it too.
func TestStoredScriptIsInert(t *testing.T) {
	s := newTestServer(t, scriptDoc())
	id := seedID(t, s)
	for _, path := range []string{"/articles/" + id, "/?q=officials", "/events?actor=FRA"} {
		rec := do(t, s, "GET", path, "", nil)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		body := rec.Body.String()
		scripts := regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(body, -1)
		for _, sc := range scripts {
			if !strings.Contains(sc, `src="/static/app.js?v=`) {
				t.Errorf("%s: script element %q", path, sc)
			}
		}
		for _, bad := range []string{"<img src=x", `href="javascript:`, "<b>Wire", "<i>office"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: unescaped %q", path, bad)
			}
		}
	}
	body := do(t, s, "GET", "/articles/"+id, "", nil).Body.String()
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Error("article text is not shown escaped")
	}
	rec := do(t, s, "GET", "/api/articles/"+id, "", nil)
	if strings.Contains(rec.Body.String(), "<script>") || !strings.Contains(rec.Body.String(), `\u003cscript\u003e`) {
		t.Errorf("JSON does not escape markup: %.200s", rec.Body)
	}
}

// Every response carries the security headers; the policy allows no
// inline script.
func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, seedDoc())
	for _, path := range []string{"/", "/api/stats", "/nowhere", "/api/nowhere", "/static/app.js"} {
		rec := do(t, s, "GET", path, "", nil)
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: X-Content-Type-Options %q, X-Frame-Options %q", path, h.Get("X-Content-Type-Options"), h.Get("X-Frame-Options"))
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: CORS without --cors", path)
		}
	}
	// No page holds inline script or inline style, which the policy would block.
	id := seedID(t, s)
	for _, path := range []string{"/", "/articles/" + id, "/dyads/IRN/RUS", "/network", "/votes", "/events"} {
		body := do(t, s, "GET", path, "", nil).Body.String()
		if m := regexp.MustCompile(`<script>|<script [^s]|\sstyle="|<style|\son[a-z]+="`).FindString(body); m != "" {
			t.Errorf("%s: inline script or style %q", path, m)
		}
	}
}

// Writing needs the token; without one configured, writing is off.
func TestWriteNeedsToken(t *testing.T) {
	s := newTestServer(t)
	body := `{"text":"France welcomed the agreement."}`
	for _, tt := range []struct {
		name, path, auth string
		status           int
	}{
		{"no header", "/api/articles", "", 401},
		{"wrong token", "/api/articles", "Bearer nope", 401},
		{"basic", "/api/articles", "Basic " + testToken, 401},
		{"code without", "/api/code", "", 401},
		{"code wrong", "/api/code", "Bearer " + testToken + "x", 401},
		{"right", "/api/articles", "Bearer " + testToken, 201},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{"Content-Type": "application/json"}
			if tt.auth != "" {
				hdr["Authorization"] = tt.auth
			}
			rec := do(t, s, "POST", tt.path, body, hdr)
			var e apiErrorBody
			checkJSON(t, s, "POST", tt.path, rec, tt.status, &e)
			if tt.status == 401 && (e.Error.Code != "unauthorized" || rec.Header().Get("WWW-Authenticate") == "") {
				t.Errorf("code %q, WWW-Authenticate %q", e.Error.Code, rec.Header().Get("WWW-Authenticate"))
			}
		})
	}
	open := newTestServerWith(t, nil, Options{})
	rec := do(t, open, "POST", "/api/articles", body, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer "})
	checkJSON(t, open, "POST", "/api/articles", rec, http.StatusForbidden, nil)
}

// A body over the limit is refused with 413, whether or not it says its
// length.
func TestBodyLimit(t *testing.T) {
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	s := newTestServer(t)
	big := `{"text":"` + strings.Repeat("a", DefaultMaxBody) + `"}`
	rec := do(t, s, "POST", "/api/articles", big, auth)
	var e apiErrorBody
	checkJSON(t, s, "POST", "/api/articles", rec, http.StatusRequestEntityTooLarge, &e)
	if e.Error.Code != "too_large" {
		t.Errorf("code %q", e.Error.Code)
	}
	small := newTestServerWith(t, nil, Options{Token: testToken, MaxBody: 64})
	// Without Content-Length: the reader stops at the limit.
	r, _ := http.NewRequest("POST", "/api/code", strings.NewReader(strings.Repeat("b", 65)))
	r.ContentLength = -1
	r.Header.Set("Authorization", "Bearer "+testToken)
	r.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	small.ServeHTTP(w, r)
	checkJSON(t, small, "POST", "/api/code", w, http.StatusRequestEntityTooLarge, nil)
	rec = do(t, small, "POST", "/api/code", strings.Repeat("b", 64), map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/plain"})
	checkJSON(t, small, "POST", "/api/code", rec, http.StatusOK, nil)
}

// Malformed query parameters are 400 with a JSON message naming them.
func TestBadParameters(t *testing.T) {
	s := newTestServer(t, seedDoc())
	tests := []struct{ target, mention string }{
		{"/api/events?limit=abc", "limit"},
		{"/api/events?limit=-1", "limit"},
		{"/api/events?limit=10001", "limit"},
		{"/api/events?from=2023-13-01", "from"},
		{"/api/events?from=2023-03-01&to=2023-02-01", "empty"},
		{"/api/events?quad=7", "quad"},
		{"/api/events?modality=sure", "modality"},
		{"/api/events?dyad=IRN", "dyad"},
		{"/api/events?actor=I%3BR", "actor"},
		{"/api/events?cameo=abc", "cameo"},
		{"/api/events?after=bogus", "cursor"},
		{"/api/events?actor=IRN&actor=RUS", "2 times"},
		{"/api/events?text=%22%22", "text"},
		{"/api/events?limit=%zz", "malformed"},
		{"/api/events?colour=red", "colour"},
		{"/api/quotes?direct=maybe", "direct"},
		{"/api/votes?position=sideways&country=RUS", "position"},
		{"/api/votes?position=no", "country"},
		{"/api/votes?country=RUSS", "country"},
		{"/api/actors?kind=planet", "kind"},
		{"/api/claims?after=x", "cursor"},
		{"/api/network?nodes=1", "nodes"},
		{"/api/network?level=street", "level"},
		{"/api/dyads/IRN/RUS/timeline?modality=all,sure", "modality"},
		{"/api/articles?text=%21%21", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			var e apiErrorBody
			getJSON(t, s, tt.target, http.StatusBadRequest, &e)
			if e.Error.Code != "invalid" || e.Error.Status != 400 || !strings.Contains(e.Error.Message, tt.mention) {
				t.Errorf("error %+v does not mention %q", e.Error, tt.mention)
			}
		})
	}
	// Unknown routes and methods answer JSON under /api/.
	rec := do(t, s, "DELETE", "/api/events", "", nil)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET" || !strings.Contains(rec.Body.String(), "method_not_allowed") {
		t.Errorf("DELETE /api/events: %d, Allow %q: %s", rec.Code, rec.Header().Get("Allow"), rec.Body)
	}
	rec = do(t, s, "GET", "/api/nowhere", "", nil)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"not_found"`) {
		t.Errorf("GET /api/nowhere: %d %s", rec.Code, rec.Body)
	}
}

// CORS answers only the configured origins.
func TestCORS(t *testing.T) {
	s := newTestServerWith(t, nil, Options{CORS: []string{"https://analyst.example"}}, seedDoc())
	rec := do(t, s, "GET", "/api/stats", "", map[string]string{"Origin": "https://analyst.example"})
	if rec.Header().Get("Access-Control-Allow-Origin") != "https://analyst.example" {
		t.Errorf("allowed origin: %q", rec.Header().Get("Access-Control-Allow-Origin"))
	}
	rec = do(t, s, "GET", "/api/stats", "", map[string]string{"Origin": "https://evil.example"})
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %q", rec.Header().Get("Access-Control-Allow-Origin"))
	}
	rec = do(t, s, "OPTIONS", "/api/code", "", map[string]string{"Origin": "https://analyst.example", "Access-Control-Request-Method": "POST"})
	if rec.Code != http.StatusNoContent || !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, s, "GET", "/", "", map[string]string{"Origin": "https://analyst.example"})
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS on a page")
	}
}

// A server on a non-loopback address without a token says so.
func TestNonLoopbackWarning(t *testing.T) {
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Skipf("cannot listen on all interfaces: %v", err)
	}
	var logs dyadtest.Buffer
	s := newTestServerWith(t, nil, Options{Log: newTextLogger(&logs)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	waitListening(t, &logs)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "non-loopback") {
		t.Errorf("no warning in %q", logs.String())
	}
}

// The server's every phase has a timeout.
func TestTimeoutsSet(t *testing.T) {
	var o Options
	o.defaults()
	for name, d := range map[string]time.Duration{"ReadHeader": o.ReadHeaderTimeout, "Read": o.ReadTimeout,
		"Write": o.WriteTimeout, "Idle": o.IdleTimeout, "Shutdown": o.ShutdownTimeout} {
		if d <= 0 {
			t.Errorf("%s timeout %v", name, d)
		}
	}
	// A client that never finishes its headers is cut off.
	s := newTestServerWith(t, nil, Options{ReadHeaderTimeout: 100 * time.Millisecond, Log: slog.New(slog.DiscardHandler)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, ln)
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /api/stats HTTP/1.1\r\nHost: x\r\n"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	n, err := c.Read(buf)
	if err == nil && !strings.Contains(string(buf[:n]), "408") {
		t.Errorf("slow headers answered %q", buf[:n])
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the server kept a connection with unfinished headers open for 5 s")
	}
}
