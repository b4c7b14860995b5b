// Package ingesttest makes corpora for the tests and benchmarks of batch
// ingest: short synthetic news articles, each with a text and URL of its
// own, made from a few sentence templates over different countries and
// verbs so that the coder finds events in them.
package ingesttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Article is one synthetic article: a plain-text file with a header block.
type Article struct {
	Name string // file name, article-NNNN.txt
	URL  string
	Body string // the text without the header
	File string // the whole file: header block, blank line, body
}

type country struct{ name, adj, capital string }

var countries = []country{
	{"France", "French", "Paris"}, {"Germany", "German", "Berlin"}, {"Russia", "Russian", "Moscow"},
	{"China", "Chinese", "Beijing"}, {"Iran", "Iranian", "Tehran"}, {"Turkey", "Turkish", "Ankara"},
	{"Japan", "Japanese", "Tokyo"}, {"India", "Indian", "New Delhi"}, {"Brazil", "Brazilian", "Brasilia"},
	{"Egypt", "Egyptian", "Cairo"}, {"Ukraine", "Ukrainian", "Kyiv"}, {"Greece", "Greek", "Athens"},
	{"Pakistan", "Pakistani", "Islamabad"}, {"Mexico", "Mexican", "Mexico City"}, {"Poland", "Polish", "Warsaw"},
	{"Nigeria", "Nigerian", "Abuja"}, {"Canada", "Canadian", "Ottawa"},
}

// The sentence templates: %[1]s and %[2]s are the two countries' names,
// %[3]s and %[4]s their adjectives, %[5]s and %[6]s their capitals, %[7]d a
// number of the article's own.
var templates = []string{
	"%[1]s condemned %[2]s over the border incident.",
	"The %[3]s foreign minister met his %[4]s counterpart in %[6]s on Tuesday.",
	"%[1]s accused %[2]s of violating the ceasefire agreement.",
	"%[1]s and %[2]s signed an agreement on trade and energy.",
	"%[1]s imposed new sanctions on %[2]s.",
	"%[1]s praised %[2]s for its help after the earthquake.",
	"%[1]s threatened to expel the %[4]s ambassador.",
	"The president of %[1]s called for talks with %[2]s.",
	"%[2]s rejected the proposal from %[1]s.",
	"Troops from %[1]s attacked positions held by forces of %[2]s.",
	"%[1]s promised economic aid to %[2]s.",
	"%[2]s denied that it had sent weapons to rebels fighting %[1]s.",
}

// Articles returns n articles, the same n every time.
func Articles(n int) []Article {
	arts := make([]Article, n)
	for i := range arts {
		a := countries[i%len(countries)]
		b := countries[(i*7+3)%len(countries)]
		if a == b {
			b = countries[(i+1)%len(countries)]
		}
		var body strings.Builder
		body.WriteString(strings.ToUpper(a.capital) + " - ")
		for k := range 3 {
			t := templates[(i*5+k*3)%len(templates)]
			fmt.Fprintf(&body, t+" ", a.name, b.name, a.adj, b.adj, a.capital, b.capital, i)
		}
		fmt.Fprintf(&body, "Officials in %s said %d people attended the meeting.", a.capital, 20+i)
		url := fmt.Sprintf("https://news.example.org/world/%04d", i)
		title := fmt.Sprintf("%s and %s: report %d", a.name, b.name, i)
		file := fmt.Sprintf("Title: %s\nPublished: 2024-%02d-%02d\nSource: Example Wire\nURL: %s\n\n%s\n",
			title, i%12+1, i%28+1, url, body.String())
		arts[i] = Article{Name: fmt.Sprintf("article-%04d.txt", i), URL: url, Body: body.String(), File: file}
	}
	return arts
}

// WriteDir writes n articles (see Articles) into dir as text files and
// returns them.
func WriteDir(dir string, n int) ([]Article, error) {
	arts := Articles(n)
	for _, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.File), 0o644); err != nil {
			return nil, err
		}
	}
	return arts, nil
}
