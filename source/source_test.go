package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
)

// readAll collects what Read yields for path.
func readAll(t testing.TB, path string, opt Options) ([]Item, []error) {
	t.Helper()
	var items []Item
	var errs []error
	for it, err := range Read(context.Background(), path, opt) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

// failure is an expected error: the text it starts with and its cause.
type failure struct {
	prefix string
	cause  error
}

func checkErrors(t *testing.T, errs []error, want []failure) {
	t.Helper()
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(want))
	}
	for i, err := range errs {
		var ie *dyad.InputError
		if !errors.As(err, &ie) {
			t.Errorf("error %q is not a *dyad.InputError", err)
		}
		if !strings.HasPrefix(err.Error(), want[i].prefix) || !errors.Is(err, want[i].cause) {
			t.Errorf("error %q: want it to start with %q and wrap %v", err, want[i].prefix, want[i].cause)
		}
	}
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		items []Item
		errs  []failure
	}{
		{file: "page.html", items: []Item{{
			Article: dyad.Article{Title: "Ministers meet in Geneva", Source: "Example Wire", Published: "2024-03-05", License: "CC-BY-4.0"},
			Text: "GENEVA - The foreign ministers of Norway and Kenya met in Geneva on Tuesday to discuss a ceasefire proposal, officials from both governments said after the talks had ended.\n\n" +
				"The Norwegian minister said the two countries would work together on humanitarian access, and that a second meeting would take place in Nairobi next month.\n\n" +
				"Kenya’s minister called the talks “frank and useful” and thanked Norway for hosting earlier rounds of negotiation in Oslo.",
			Input: "testdata/fixtures/page.html",
		}}},
		{file: "cp1251.html", items: []Item{{
			Article: dyad.Article{Title: "Переговоры в Женеве"},
			Text: "ЖЕНЕВА - Министры иностранных дел Норвегии и Кении встретились во вторник в Женеве, чтобы обсудить предложение о прекращении огня.\n\n" +
				"Норвежский министр сказал, что две страны будут вместе работать над гуманитарным доступом, а следующая встреча пройдёт в Найроби.",
			Input: "testdata/fixtures/cp1251.html",
		}}},
		{file: "feed.rss", items: []Item{
			{Article: dyad.Article{Title: "Ministers meet in Geneva", Source: "Example Wire - World", URL: "https://wire.example/world/ministers-meet",
				Published: "2024-03-05", License: "CC-BY-SA-4.0"},
				Text:  "GENEVA - The foreign ministers of Norway and Kenya met on Tuesday.\n\nThey discussed a ceasefire & humanitarian access.",
				Input: "testdata/fixtures/feed.rss#item-1"},
			{Article: dyad.Article{Title: "Talks to resume & continue", Source: "Example Wire - World", URL: "https://wire.example/world/talks-resume",
				Published: "2024-03-06", License: "CC-BY-SA-4.0"},
				Text:  "NAIROBI - Talks will resume next month, officials said.",
				Input: "testdata/fixtures/feed.rss#item-2"},
		}},
		{file: "feed.atom", items: []Item{
			{Article: dyad.Article{Title: "Norway hosts talks", Source: "Example Atom Desk", URL: "https://atom.example/norway-hosts-talks", Published: "2024-03-04"},
				Text: "OSLO - Norway hosted a round of talks on Monday.", Input: "testdata/fixtures/feed.atom#item-1"},
			{Article: dyad.Article{Title: "Kenya welcomes proposal", Source: "Example Atom Desk", URL: "https://atom.example/kenya-welcomes", Published: "2024-03-05"},
				Text: "NAIROBI - Kenya welcomed the ceasefire proposal on Tuesday.", Input: "testdata/fixtures/feed.atom#item-2"},
		}},
		{file: "news.warc", items: []Item{
			{Article: dyad.Article{Title: "First archived page", URL: "https://archive.example/first", Published: "2024-02-01"},
				Text:  "BERLIN - Germany and France agreed on Monday to coordinate their positions before the summit, diplomats said.\n\nThe agreement covers trade and defence.",
				Input: "testdata/fixtures/news.warc#offset-520"},
			{Article: dyad.Article{Title: "Second archived page", URL: "https://archive.example/second"},
				Text:  "PARIS - France praised Germany for its support during the negotiations on Thursday.",
				Input: "testdata/fixtures/news.warc#offset-1499"},
		}},
		{file: "news.warc.gz", items: []Item{
			{Article: dyad.Article{Title: "First archived page", URL: "https://archive.example/first", Published: "2024-02-01"},
				Text:  "BERLIN - Germany and France agreed on Monday to coordinate their positions before the summit, diplomats said.\n\nThe agreement covers trade and defence.",
				Input: "testdata/fixtures/news.warc.gz#offset-385"},
			{Article: dyad.Article{Title: "Second archived page", URL: "https://archive.example/second"},
				Text:  "PARIS - France praised Germany for its support during the negotiations on Thursday.",
				Input: "testdata/fixtures/news.warc.gz#offset-1032"},
		}},
		{file: "truncated.warc.gz",
			items: []Item{{Article: dyad.Article{Title: "First archived page", URL: "https://archive.example/first", Published: "2024-02-01"},
				Text:  "BERLIN - Germany and France agreed on Monday to coordinate their positions before the summit, diplomats said.\n\nThe agreement covers trade and defence.",
				Input: "testdata/fixtures/truncated.warc.gz#offset-385"}},
			errs: []failure{{"testdata/fixtures/truncated.warc.gz at byte 1032:", ErrFormat}}},
		{file: "articles.jsonl",
			items: []Item{
				{Article: dyad.Article{Title: "Talks in Ankara", Source: "JSON Wire", URL: "https://jsonl.example/1", Published: "2024-01-12"},
					Text: "ANKARA - Turkey and Greece held talks on Friday.", Input: "testdata/fixtures/articles.jsonl:1"},
				{Article: dyad.Article{Title: "Greece on talks", Published: "2024-01-12", License: "CC-BY-4.0"},
					Text: "ATHENS - Greece said the talks were constructive.\n\nA second round is planned.", Input: "testdata/fixtures/articles.jsonl:4"},
			},
			errs: []failure{{"testdata/fixtures/articles.jsonl:2:", ErrFormat}, {"testdata/fixtures/articles.jsonl:5:", ErrEmpty}}},
		{file: "header.txt", items: []Item{{
			Article: dyad.Article{Title: "Ministers meet in Geneva", Source: "Example Wire", URL: "https://wire.example/world/ministers-meet",
				Published: "2024-03-05", License: "CC-BY-4.0"},
			Text:  "GENEVA - The foreign ministers of Norway and Kenya met in Geneva on Tuesday.\n\nThey discussed a ceasefire.",
			Input: "testdata/fixtures/header.txt",
		}}},
		{file: "latin1.txt", items: []Item{{Text: "Caf\uFFFD talks in Z\uFFFDrich: the ministers met.", Input: "testdata/fixtures/latin1.txt"}}},
		{file: "broken.rss", errs: []failure{{"testdata/fixtures/broken.rss:16:", ErrFormat}}},
		{file: "garbage.bin", errs: []failure{{"testdata/fixtures/garbage.bin", ErrBinary}}},
		{file: "empty.txt", errs: []failure{{"testdata/fixtures/empty.txt", ErrEmpty}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items, errs := readAll(t, filepath.Join("testdata", "fixtures", tt.file), Options{})
			if diff := cmp.Diff(tt.items, items); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			checkErrors(t, errs, tt.errs)
		})
	}
}

// TestDirectory reads all fixtures at once: every good item comes out, each
// bad input is one error, and the bad ones do not stop the rest.
func TestDirectory(t *testing.T) {
	items, errs := readAll(t, "testdata/fixtures", Options{})
	if len(items) != 15 {
		t.Errorf("got %d items from testdata, want 15", len(items))
	}
	var inputs []string
	for _, err := range errs {
		var ie *dyad.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v is not an InputError", err)
		}
		inputs = append(inputs, filepath.Base(ie.Input))
	}
	want := []string{"articles.jsonl", "articles.jsonl", "broken.rss", "empty.txt", "garbage.bin", "truncated.warc.gz"}
	if diff := cmp.Diff(want, inputs); diff != "" {
		t.Errorf("inputs with errors (-want +got):\n%s", diff)
	}
	for _, it := range items {
		if strings.TrimSpace(it.Text) == "" || !strings.HasPrefix(it.Input, "testdata/fixtures/") {
			t.Errorf("bad item %+v", it)
		}
	}
}

func TestStopEarly(t *testing.T) {
	n := 0
	for range Read(context.Background(), "testdata/fixtures", Options{}) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("read %d, want to stop at 3", n)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	for it, err := range Read(ctx, "testdata/fixtures", Options{}) {
		if err == nil {
			t.Errorf("item %s after cancel", it.Input)
		}
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("errors after cancel: %v", errs)
	}
}

func TestOptions(t *testing.T) {
	t.Run("stdin", func(t *testing.T) {
		items, errs := readAll(t, "-", Options{Stdin: strings.NewReader("Title: From stdin\n\nBody text.\n")})
		want := []Item{{Article: dyad.Article{Title: "From stdin"}, Text: "Body text.", Input: "-"}}
		if diff := cmp.Diff(want, items); diff != "" || len(errs) > 0 {
			t.Errorf("stdin (-want +got):\n%s%v", diff, errs)
		}
	})
	t.Run("forced format", func(t *testing.T) {
		items, _ := readAll(t, "testdata/fixtures/page.html", Options{Format: Text})
		if len(items) != 1 || !strings.HasPrefix(items[0].Text, "<!DOCTYPE html>") {
			t.Errorf("page read as text: %+v", items)
		}
	})
	t.Run("max bytes", func(t *testing.T) {
		_, errs := readAll(t, "testdata/fixtures/page.html", Options{MaxBytes: 100})
		checkErrors(t, errs, []failure{{"testdata/fixtures/page.html", ErrTooLarge}})
	})
	t.Run("long jsonl line", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "long.jsonl")
		long := fmt.Sprintf(`{"text": %q}`, strings.Repeat("word ", 100))
		write(t, path, []byte(`{"text": "first"}`+"\n"+long+"\n"+`{"text": "third"}`))
		items, errs := readAll(t, path, Options{MaxBytes: 100})
		if len(items) != 2 || items[0].Text != "first" || items[1].Text != "third" {
			t.Errorf("items around a long line: %+v", items)
		}
		checkErrors(t, errs, []failure{{path + ":2:", ErrTooLarge}})
	})
	t.Run("gzipped text", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a.txt.gz")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte("Zipped article text.\n"))
		zw.Close()
		write(t, path, buf.Bytes())
		items, errs := readAll(t, path, Options{})
		if len(items) != 1 || items[0].Text != "Zipped article text." || len(errs) > 0 {
			t.Errorf("gzipped text: %+v %v", items, errs)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, errs := readAll(t, "testdata/fixtures/nope.txt", Options{})
		checkErrors(t, errs, []failure{{"testdata/fixtures/nope.txt", os.ErrNotExist}})
	})
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestURL(t *testing.T) {
	cyrillic := "<html><head><title>Заголовок</title></head><body><article><p>МОСКВА - Текст статьи о переговорах министров в Москве во вторник.</p></article></body></html>"
	page, err := charmap.Windows1251.NewEncoder().String(cyrillic)
	if err != nil {
		t.Fatal(err)
	}
	rss, err := os.ReadFile("testdata/fixtures/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var agents []string
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "5000")
		w.Write(bytes.Repeat([]byte("x"), 5000))
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 50 {
			w.Write(bytes.Repeat([]byte("y "), 100))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	items, errs := readAll(t, srv.URL+"/moved", Options{})
	want := []Item{{
		Article: dyad.Article{Title: "Заголовок", URL: srv.URL + "/page"},
		Text:    "МОСКВА - Текст статьи о переговорах министров в Москве во вторник.",
		Input:   srv.URL + "/page",
	}}
	if diff := cmp.Diff(want, items); diff != "" || len(errs) > 0 {
		t.Errorf("page in windows-1251 (-want +got):\n%s%v", diff, errs)
	}
	if len(agents) != 1 || agents[0] != DefaultUserAgent {
		t.Errorf("user agents sent: %q", agents)
	}

	items, errs = readAll(t, srv.URL+"/feed", Options{})
	if len(items) != 2 || len(errs) > 0 || items[1].Article.URL != "https://wire.example/world/talks-resume" {
		t.Errorf("feed: %+v %v", items, errs)
	}

	for _, tt := range []struct {
		path  string
		opt   Options
		cause error
	}{
		{"/missing", Options{}, dyad.ErrNotFound},
		{"/huge", Options{MaxBytes: 1000}, ErrTooLarge},
		{"/stream", Options{MaxBytes: 1000}, ErrTooLarge},
		{"/slow", Options{Timeout: 100 * time.Millisecond}, dyad.ErrUnavailable},
	} {
		_, errs := readAll(t, srv.URL+tt.path, tt.opt)
		checkErrors(t, errs, []failure{{srv.URL + tt.path, tt.cause}})
	}
}

func TestNormDate(t *testing.T) {
	tests := map[string]string{
		"2023-02-24":                      "2023-02-24",
		"2023-02-24T23:30:00-05:00":       "2023-02-24",
		"2023-02-24 08:00":                "2023-02-24",
		"Fri, 24 Feb 2023 23:30:00 -0500": "2023-02-24",
		"Fri, 24 Feb 2023 08:00:00 GMT":   "2023-02-24",
		"24 February 2023":                "2023-02-24",
		"February 24, 2023":               "2023-02-24",
		"2023-02-30":                      "",
		"yesterday":                       "",
		"":                                "",
		"12345678901234567890":            "",
	}
	for in, want := range tests {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormLicense(t *testing.T) {
	tests := map[string]string{
		"https://creativecommons.org/licenses/by/4.0/":       "CC-BY-4.0",
		"http://creativecommons.org/licenses/by-nc-sa/3.0/":  "CC-BY-NC-SA-3.0",
		"https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
		"Creative Commons Attribution 4.0 International":     "CC-BY-4.0",
		"CC BY-SA 4.0":        "CC-BY-SA-4.0",
		"All rights reserved": "All rights reserved",
	}
	for in, want := range tests {
		if got := normLicense(in); got != want {
			t.Errorf("normLicense(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head, contentType string
		want                    Format
	}{
		{"a.txt", "plain words", "", Text},
		{"a", "plain words", "", Text},
		{"a.html", "<div>x</div>", "", HTML},
		{"a", "  <!DOCTYPE html><html>", "", HTML},
		{"a.xml", `<?xml version="1.0"?><rss version="2.0">`, "", Feed},
		{"a", `<feed xmlns="http://www.w3.org/2005/Atom">`, "", Feed},
		{"a", `{"text": "x"}`, "", JSONL},
		{"a.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "", Feed},
		{"a.warc", "WARC/1.1\r\n", "", WARC},
		{"a", "WARC/1.0\r\n", "", WARC},
		{"page", "whatever", "text/html; charset=utf-8", HTML},
		{"a", "x\x00y", "", ""},
	}
	for _, tt := range tests {
		if got := detect(tt.name, []byte(tt.head), tt.contentType); got != tt.want {
			t.Errorf("detect(%q, %q, %q) = %q, want %q", tt.name, tt.head, tt.contentType, got, tt.want)
		}
	}
}
