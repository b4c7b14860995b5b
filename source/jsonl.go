package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dyadhq/dyad"
)

// jsonArticle is one line of a JSONL input. Text is the article's text;
// HTML, when there is no text, a page to read as HTML.
type jsonArticle struct {
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Date      string `json:"date"`
	Dateline  string `json:"dateline"`
	License   string `json:"license"`
	Licence   string `json:"licence"`
}

// jsonl reads one article per line. A bad line is an error naming
// file:line; the next line is read all the same.
func (r *reader) jsonl(ctx context.Context, name string, in *bufio.Reader) {
	max := r.opt.maxBytes()
	items := 0
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			r.emit(Item{}, err)
			return
		}
		b, tooLong, err := readLine(in, max)
		if err != nil && !errors.Is(err, io.EOF) {
			r.emit(Item{}, &dyad.InputError{Input: name, Line: line, Offset: -1, Err: fmt.Errorf("%w: %w", ErrFormat, err)})
			return
		}
		last := err != nil
		lineErr := func(cause error) bool {
			return r.emit(Item{}, &dyad.InputError{Input: name, Line: line, Offset: -1, Err: cause})
		}
		b = bytes.TrimSpace(b)
		switch {
		case tooLong:
			if !lineErr(fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, max)) {
				return
			}
		case len(b) == 0:
		default:
			items++
			it, cause := jsonItem(b, fmt.Sprintf("%s:%d", name, line))
			if cause != nil {
				if !lineErr(cause) {
					return
				}
			} else if !r.emit(it, nil) {
				return
			}
		}
		if last {
			break
		}
	}
	if items == 0 {
		r.fail(name, -1, ErrEmpty)
	}
}

// jsonItem decodes one JSONL line.
func jsonItem(b []byte, input string) (Item, error) {
	var j jsonArticle
	if err := json.Unmarshal(b, &j); err != nil {
		return Item{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	it := Item{Input: input, Text: tidyText(j.Text)}
	if it.Text == "" && j.HTML != "" {
		h, err := readHTML([]byte(j.HTML), "text/html; charset=utf-8", input, j.URL)
		if err != nil {
			return Item{}, err
		}
		it = h
	}
	if j.Published == "" {
		j.Published = j.Date
	}
	if j.License == "" {
		j.License = j.Licence
	}
	a := &it.Article
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&a.Title, oneLine(j.Title)}, {&a.URL, j.URL}, {&a.Source, oneLine(j.Source)},
		{&a.Published, normDate(j.Published)}, {&a.Dateline, oneLine(j.Dateline)}, {&a.License, normLicense(j.License)},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if j.Text == "" && j.HTML == "" {
		return Item{}, fmt.Errorf("%w: the line has no \"text\"", ErrEmpty)
	}
	return it, nil
}

// readLine reads one line of at most max bytes. A longer line is read to
// its end and reported as too long, without keeping it.
func readLine(in *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := in.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, tooLong, err
		}
	}
}
