package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// fuzzRead reads data as format ("" detects it) and checks what every input
// must give: no panic, items of valid non-empty UTF-8 text with a valid day
// or none, and errors that are *dyad.InputError.
func fuzzRead(t *testing.T, format Format, name string, data []byte) {
	r := reader{opt: Options{Format: format, MaxBytes: 1 << 20}}
	r.yield = func(it Item, err error) bool {
		if err != nil {
			var ie *dyad.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InputError", err)
			}
			return true
		}
		if !utf8.ValidString(it.Text) || strings.TrimSpace(it.Text) == "" {
			t.Fatalf("item text %q", it.Text)
		}
		a := it.Article
		for _, s := range []string{a.Title, a.Source, a.URL, a.Published, a.License} {
			if !utf8.ValidString(s) {
				t.Fatalf("article field %q is not UTF-8", s)
			}
		}
		if a.Published != "" {
			if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
				t.Fatalf("published %q", a.Published)
			}
		}
		return true
	}
	r.stream(context.Background(), name, bytes.NewReader(data), "", "", int64(len(data)))
}

// addFixtures seeds a fuzz corpus with the fixtures of testdata.
func addFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", "fixtures", p))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
}

func FuzzText(f *testing.F) {
	addFixtures(f, "*.txt")
	f.Add([]byte("Title: x\nPublished: 2024-01-01\n\nbody"))
	f.Add([]byte("\xff\xfeh\x00i\x00"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, Text, "fuzz.txt", data) })
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, "*.html")
	f.Add([]byte(`<html><head><meta charset="koi8-r"><meta property="article:published_time" content="Tue, 1 Jan 2999"></head><body><p>x`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, HTML, "fuzz.html", data) })
}

func FuzzFeed(f *testing.F) {
	addFixtures(f, "*.rss", "*.atom")
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><description>x</description></item></channel></rss>`))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"content_text": "x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, Feed, "fuzz.rss", data) })
}

func FuzzWARC(f *testing.F) {
	addFixtures(f, "*.warc", "*.warc.gz")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, WARC, "fuzz.warc", data) })
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, "*.jsonl")
	f.Add([]byte(`{"html": "<p>x</p>", "published": "1/2/2023"}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, JSONL, "fuzz.jsonl", data) })
}

// FuzzDetect reads anything with the format detected.
func FuzzDetect(f *testing.F) {
	addFixtures(f, "*")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "", "fuzz", data) })
}
