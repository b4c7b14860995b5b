package source

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/dyadhq/dyad"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// readText reads a plain-text article. It may open with a header block of
// "Key: value" lines (Title, Published or Date, Source, URL, Dateline,
// License or Licence; keys ignore case) ended by a blank line.
func readText(data []byte, name string) (Item, error) {
	if looksBinary(data[:min(len(data), sniffLen)]) {
		return Item{}, inputError(name, 0, ErrBinary)
	}
	text := decodeText(data)
	it := Item{Input: name}
	it.Article, text = parseHeader(text)
	it.Text = tidyText(text)
	return it, nil
}

// decodeText returns data as UTF-8: UTF-16 with a byte-order mark is
// converted, a UTF-8 mark dropped, and invalid bytes become U+FFFD.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return strings.ToValidUTF8(string(out), "\uFFFD")
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// decodeDeclared returns data as UTF-8, decoded from the encoding declared
// by a byte-order mark, the HTTP content type, a meta tag or an XML
// declaration. Without a declaration it is taken as UTF-8 and repaired.
func decodeDeclared(data []byte, contentType string) string {
	head := data[:min(len(data), 1024)]
	enc, name, certain := charset.DetermineEncoding(head, contentType)
	switch {
	case certain:
	case name == "utf-8":
		return decodeText(data)
	case name != "windows-1252":
		// Found by a meta tag.
	case bytes.Contains(bytes.ToLower(head), []byte("charset")):
		// A meta tag that names windows-1252 itself.
	default:
		// DetermineEncoding's guess, not a declaration.
		if enc = xmlEncoding(head); enc == nil {
			return decodeText(data)
		}
	}
	if enc == encoding.Nop {
		return decodeText(data)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decodeText(data)
	}
	return strings.ToValidUTF8(string(bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))), "\uFFFD")
}

var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// xmlEncoding returns the encoding an XML declaration names, or nil.
func xmlEncoding(head []byte) encoding.Encoding {
	m := xmlDecl.FindSubmatch(head)
	if m == nil {
		return nil
	}
	e, _ := charset.Lookup(string(m[1]))
	return e
}

var headerLine = regexp.MustCompile(`^(?i)(title|published|date|source|url|dateline|license|licence):[ \t]*(.*?)[ \t\r]*$`)

// parseHeader splits a header block off text. Without one (a first line
// that is not a known key, or no blank line after the keys) the whole text
// is the body.
func parseHeader(text string) (dyad.Article, string) {
	var a dyad.Article
	rest := text
	for n := 0; ; n++ {
		line, after, found := strings.Cut(rest, "\n")
		if !found {
			return dyad.Article{}, text
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			if n == 0 {
				return dyad.Article{}, text
			}
			return a, after
		}
		m := headerLine.FindStringSubmatch(line)
		if m == nil {
			return dyad.Article{}, text
		}
		v := m[2]
		switch strings.ToLower(m[1]) {
		case "title":
			a.Title = v
		case "published", "date":
			a.Published = normDate(v)
		case "source":
			a.Source = v
		case "url":
			a.URL = v
		case "dateline":
			a.Dateline = v
		case "license", "licence":
			a.License = normLicense(v)
		}
		rest = after
	}
}

// tidyText makes line ends \n, removes white space at line ends and keeps
// at most one blank line between paragraphs; it leaves the words alone.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\f\v\u00a0")
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// collapseSpaces makes every run of spaces and tabs in a line one space and
// trims each line: for text extracted from markup, where layout white
// space means nothing.
func collapseSpaces(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\f' || r == '\v' || r == '\r'
		}), " ")
	}
	return tidyText(strings.Join(lines, "\n"))
}
