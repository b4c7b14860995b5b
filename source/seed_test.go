package source

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

// seedForms writes the seed article as plain text, an HTML page, an RSS item,
// a WARC response record (gzipped) and a JSONL line into dir.
func seedForms(t *testing.T, dir string) (text string, paths []string) {
	t.Helper()
	raw, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text = string(raw)
	const (
		url    = "https://en.mehrnews.com/news/197972/iran-russia"
		title  = "Iranian FM to visit Moscow soon"
		source = "Mehr News Agency"
	)
	// Paragraphs: the seed's runs of three spaces mark them.
	var paras strings.Builder
	for _, p := range strings.Split(text, "   ") {
		fmt.Fprintf(&paras, "<p>%s</p>\n", html.EscapeString(strings.TrimSpace(p)))
	}
	page := fmt.Sprintf(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s - %s</title>
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<meta property="article:published_time" content="2023-02-24T12:10:00+03:30">
<link rel="canonical" href="%s"></head>
<body><nav><a href="/">Home</a></nav><article><h1>%s</h1>
%s</article><footer>Mehr News Agency</footer></body></html>
`, title, source, title, source, url, title, paras.String())
	rss := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>https://en.mehrnews.com</link>
<item><title>%s</title><link>%s</link><pubDate>Fri, 24 Feb 2023 12:10:00 +0330</pubDate>
<description>%s</description></item></channel></rss>
`, source, title, url, html.EscapeString(paras.String()))
	body := []byte(page)
	httpResp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
	block := append([]byte(httpResp), body...)
	record := fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:5eed0000-0000-4000-8000-000000000001>\r\n"+
		"WARC-Date: 2023-02-24T10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"+
		"Content-Length: %d\r\n\r\n", url, len(block))
	var warc bytes.Buffer
	zw := gzip.NewWriter(&warc)
	zw.Write([]byte(record))
	zw.Write(block)
	zw.Write([]byte("\r\n\r\n"))
	zw.Close()
	line, err := json.Marshal(map[string]string{"text": text, "title": title, "url": url, "source": source, "published": "2023-02-24"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"seed.txt":     raw,
		"seed.html":    []byte(page),
		"seed.rss":     []byte(rss),
		"seed.warc.gz": warc.Bytes(),
		"seed.jsonl":   append(line, '\n'),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		write(t, p, data)
		paths = append(paths, p)
	}
	return text, paths
}

// TestSeedForms checks that every reader gives the seed article's text, so
// that ingesting its five forms stores one article and skips four duplicates.
func TestSeedForms(t *testing.T) {
	text, paths := seedForms(t, t.TempDir())
	want := dyad.ContentHash(text)
	for _, p := range paths {
		items, errs := readAll(t, p, Options{})
		if len(errs) > 0 || len(items) != 1 {
			t.Errorf("%s: %d items, errors %v; want 1 item", filepath.Base(p), len(items), errs)
			continue
		}
		it := items[0]
		if got := dyad.ContentHash(it.Text); got != want {
			t.Errorf("%s: the text differs from the seed's:\n got %q\nwant %q", filepath.Base(p),
				dyad.NormalizeText(it.Text), dyad.NormalizeText(text))
		}
		if filepath.Ext(p) != ".txt" {
			if it.Article.Published != "2023-02-24" || it.Article.URL == "" || it.Article.Title == "" {
				t.Errorf("%s: article %+v", filepath.Base(p), it.Article)
			}
		}
	}
	// The directory of all five gives five items with one hash.
	items, errs := readAll(t, filepath.Dir(paths[0]), Options{})
	hashes := map[string]int{}
	for _, it := range items {
		hashes[dyad.ContentHash(it.Text)]++
	}
	if len(errs) > 0 || len(items) != 5 || hashes[want] != 5 {
		t.Errorf("directory of the seed's forms: %d items, hashes %v, errors %v", len(items), hashes, errs)
	}
}
