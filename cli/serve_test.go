package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
)

var serveListening = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// startServe runs `dyad serve` through cli.Main on a free port and returns
// its URL and a func that stops it and returns its exit status.
func startServe(t *testing.T, env map[string]string, args ...string) (base string, stop func() int, log *dyadtest.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log = &dyadtest.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), cli.Env{
			Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: log,
			Getenv: func(k string) string { return env[k] },
		})
	}()
	deadline := time.After(2 * time.Minute)
	for {
		if m := serveListening.FindStringSubmatch(log.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("dyad serve exited with %d before listening: %s", code, log.String())
		case <-deadline:
			cancel()
			t.Fatalf("dyad serve did not say where it listens: %s", log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Error("dyad serve did not stop within 30 s of its context ending")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return base, stop, log
}

func serveGet(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// `dyad serve` on port 0 over a new SQLite file: the seed article POSTed
// with the token from DYAD_TOKEN is coded, stored and served back; a
// cancelled context shuts the server down with status 0.
func TestServeSeed(t *testing.T) {
	raw, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop, log := startServe(t, map[string]string{"DYAD_TOKEN": "s3cret"}, "--db", db)

	body, _ := json.Marshal(map[string]string{"text": string(raw), "published": "2023-02-24", "source": "Mehr News Agency"})
	post := func(auth string) (*http.Response, []byte) {
		req, _ := http.NewRequest("POST", base+"/api/articles", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	if resp, b := post(""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST without the token: %d %s", resp.StatusCode, b)
	}
	resp, b := post("Bearer s3cret")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST the seed: %d %s", resp.StatusCode, b)
	}
	var res struct {
		ID     string `json:"id"`
		Counts struct {
			Events int `json:"events"`
			Votes  int `json:"votes"`
		} `json:"counts"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}

	var votes struct{ Items []dyad.VoteRecord }
	serveGet(t, base+"/api/votes?article="+res.ID, &votes)
	found := false
	for _, v := range votes.Items {
		found = found || v.Yes == 141 && v.No == 7 && v.Abstain == 32
	}
	if !found {
		t.Errorf("no 141/7/32 vote among %+v", votes.Items)
	}
	var evs struct{ Items []dyad.EventRecord }
	serveGet(t, base+"/api/events?source=IGOUNO&target=RUS&cameo=111", &evs)
	if len(evs.Items) == 0 {
		t.Error("no IGOUNO -> RUS 111 event")
	}
	var quotes struct{ Items []dyad.QuoteRecord }
	serveGet(t, base+"/api/quotes?direct=true&text=%22political+desire%22", &quotes)
	if len(quotes.Items) == 0 || !strings.Contains(quotes.Items[0].Speaker.Name, "Kanaani") {
		t.Errorf("Kanaani's quote: %+v", quotes.Items)
	}
	var tl struct {
		Total struct{ AB, BA struct{ Events int } }
	}
	serveGet(t, base+"/api/dyads/IRN/RUS/timeline", &tl)
	if tl.Total.AB.Events == 0 || tl.Total.BA.Events == 0 {
		t.Errorf("IRN-RUS timeline: %+v; want events both ways", tl.Total)
	}
	page, err := http.Get(base + "/articles/" + res.ID)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !bytes.Contains(html, []byte(`class="hl hl-quote direct"`)) {
		t.Errorf("article page: %d, %d bytes, no highlighted direct quote", page.StatusCode, len(html))
	}

	if code := stop(); code != cli.ExitOK {
		t.Errorf("exit status %d after shutdown, want 0: %s", code, log.String())
	}
	if !strings.Contains(log.String(), "shutting down") {
		t.Errorf("no shutdown line in %s", log.String())
	}
	if _, err := http.Get(base + "/api/stats"); err == nil {
		t.Error("still answering after shutdown")
	}
}
