package source

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/mmcdole/gofeed"
)

// feed reads an RSS, Atom or JSON feed: one item per entry, its text from
// the full content when there is one, else the description, with the HTML
// stripped. The feed's title is the items' source.
func (r *reader) feed(ctx context.Context, name string, data []byte) {
	if looksBinary(data[:min(len(data), sniffLen)]) {
		r.fail(name, 0, ErrBinary)
		return
	}
	// The XML decoder rejects invalid UTF-8; repair it unless the feed
	// declares another encoding, which the parser converts itself.
	if !utf8.Valid(data) && xmlEncoding(data[:min(len(data), 1024)]) == nil {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	f, err := parseFeed(data)
	if err != nil {
		ie := &dyad.InputError{Input: name, Offset: -1, Err: fmt.Errorf("%w: feed: %w", ErrFormat, err)}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			ie.Line = se.Line
		}
		r.emit(Item{}, ie)
		return
	}
	if len(f.Items) == 0 {
		r.fail(name, -1, fmt.Errorf("%w: the feed has no items", ErrEmpty))
		return
	}
	source := oneLine(fragmentText(f.Title))
	license := spdx(f.Copyright)
	for i, item := range f.Items {
		if err := ctx.Err(); err != nil {
			r.emit(Item{}, err)
			return
		}
		input := fmt.Sprintf("%s#item-%d", name, i+1)
		if item == nil {
			continue
		}
		body := item.Content
		if strings.TrimSpace(fragmentText(body)) == "" {
			body = item.Description
		}
		a := dyad.Article{
			Title:   oneLine(fragmentText(item.Title)),
			Source:  source,
			URL:     absURL(item.Link, f.Link),
			License: license,
		}
		// The day as written, in the feed's own time zone; the parsed times
		// may have been moved to UTC.
		for _, d := range []string{normDate(item.Published), day(item.PublishedParsed),
			normDate(item.Updated), day(item.UpdatedParsed)} {
			if d != "" {
				a.Published = d
				break
			}
		}
		if !r.emit(Item{Article: a, Text: fragmentText(body), Input: input}, nil) {
			return
		}
	}
}

// parseFeed runs gofeed, taking a panic in it as a malformed feed: its input
// comes from outside.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}
