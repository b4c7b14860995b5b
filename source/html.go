package source

import (
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/dyadhq/dyad"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxElements bounds the elements readability scores; a larger page is
// read by the plain fallback (its cost grows faster than its size).
const maxElements = 50000

// readHTML reads a web page: the main text by readability, the title, date,
// site name, canonical URL and licence from its meta tags. pageURL is where
// it was fetched from ("" for a file).
func readHTML(data []byte, contentType, name, pageURL string) (Item, error) {
	if looksBinary(data[:min(len(data), sniffLen)]) {
		return Item{}, inputError(name, 0, ErrBinary)
	}
	doc, err := html.Parse(strings.NewReader(decodeDeclared(data, contentType)))
	if err != nil {
		return Item{}, inputError(name, -1, fmt.Errorf("%w: %w", ErrFormat, err))
	}
	m := scanMeta(doc)
	a := dyad.Article{Title: m.title, Source: m.site, License: m.license, Published: normDate(m.date)}
	a.URL = absURL(m.url, pageURL)
	if a.URL == "" {
		a.URL = absURL(pageURL, "")
	}
	base, _ := url.Parse(a.URL)

	var text string
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	if art, err := p.ParseDocument(doc, base); err == nil {
		if art.Node != nil {
			text = collapseSpaces(render.InnerText(art.Node))
		}
		if a.Title == "" {
			a.Title = oneLine(art.Title())
		}
		if a.Source == "" {
			a.Source = oneLine(art.SiteName())
		}
		if a.Published == "" {
			if t, err := art.PublishedTime(); err == nil {
				a.Published = day(&t)
			}
		}
	}
	if text == "" {
		text = plainText(doc)
	}
	return Item{Article: a, Text: text, Input: name}, nil
}

// meta is what a page says about itself in its head.
type meta struct {
	title, site, date, url, license string
}

// The meta names of each field, best first.
var (
	titleMeta   = []string{"og:title", "twitter:title", "dc.title", "dcterms.title"}
	siteMeta    = []string{"og:site_name", "application-name", "dc.publisher", "dcterms.publisher"}
	dateMeta    = []string{"article:published_time", "og:article:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "dcterms.date", "publication_date", "pubdate", "publishdate", "date", "parsely-pub-date", "sailthru.date"}
	urlMeta     = []string{"canonical", "og:url"}
	licenseMeta = []string{"license", "dcterms.license", "dc.rights", "dcterms.rights"}
)

// scanMeta collects meta tags, link relations and the title of doc.
func scanMeta(doc *html.Node) meta {
	found := map[string]string{}
	set := func(k, v string) {
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if k != "" && v != "" && found[k] == "" {
			found[k] = v
		}
	}
	var title string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 200 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				v := attr(n, "content")
				set(attr(n, "property"), v)
				set(attr(n, "name"), v)
				set(attr(n, "itemprop"), v)
			case atom.Link, atom.A:
				for _, rel := range strings.Fields(attr(n, "rel")) {
					if rel == "canonical" || rel == "license" {
						set(rel, attr(n, "href"))
					}
				}
			case atom.Time:
				if attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate") {
					set("datepublished", attr(n, "datetime"))
				}
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			case atom.Svg, atom.Math:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	first := func(keys []string) string {
		for _, k := range keys {
			if v := found[k]; v != "" {
				return v
			}
		}
		return ""
	}
	m := meta{
		title:   oneLine(first(titleMeta)),
		site:    oneLine(first(siteMeta)),
		date:    first(dateMeta),
		url:     first(urlMeta),
		license: spdx(first(licenseMeta)),
	}
	if m.title == "" {
		m.title = oneLine(title)
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// oneLine collapses all white space of s to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// absURL resolves ref against base and returns it if it is an http(s) URL.
func absURL(ref, base string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if base != "" {
		if b, err := url.Parse(base); err == nil {
			u = b.ResolveReference(u)
		}
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// spdx returns the SPDX id of a licence it recognises, else "".
func spdx(s string) string {
	if l := normLicense(s); strings.HasPrefix(l, "CC-") || strings.HasPrefix(l, "CC0-") {
		return l
	}
	return ""
}

// plainText is the fallback when readability finds no article: the text of
// the body without scripts, styles, navigation and forms.
func plainText(doc *html.Node) string {
	var drop []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Form,
				atom.Iframe, atom.Svg, atom.Head, atom.Button, atom.Select:
				drop = append(drop, n)
				return
			}
		}
		if n.Type == html.CommentNode {
			drop = append(drop, n)
			return
		}
		if depth > 500 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return collapseSpaces(render.InnerText(doc))
}

// fragmentText returns the text of an HTML fragment (a feed item's
// content), or of plain text with entities.
func fragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpaces(s)
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return collapseSpaces(s)
	}
	return plainText(doc)
}
