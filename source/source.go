// Package source reads articles from foreign formats: plain text (with an
// optional header block), HTML pages, RSS and Atom feeds, WARC files, JSON
// Lines, directories of any of these, and URLs fetched over HTTP.
//
// Read detects each input's format by its name and by sniffing its first
// bytes, decodes it to valid UTF-8 (declared encodings such as windows-1251
// are converted, invalid bytes become U+FFFD) and yields one Item per
// article. A bad input or record never stops the rest: it is yielded as an
// error, a *dyad.InputError naming the input and the position, and reading
// goes on.
package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// Item is one article read from an input.
type Item struct {
	Article dyad.Article // metadata found in the input; Published is YYYY-MM-DD or ""
	Text    string       // the article's text, valid UTF-8, paragraphs separated by blank lines
	Input   string       // where it came from: a file or URL, with "#item-N" (feeds), "#offset-N" (WARC) or ":LINE" (JSONL)
}

// Format is an input format.
type Format string

// The formats Read knows.
const (
	Text  Format = "text"  // plain text, optionally with a header block
	HTML  Format = "html"  // a web page
	Feed  Format = "feed"  // RSS, Atom or JSON Feed
	WARC  Format = "warc"  // web archive, records gzipped or not
	JSONL Format = "jsonl" // one JSON article per line: {text, title, url, source, published}
)

// Defaults of Options.
const (
	DefaultMaxBytes  = 50 << 20
	DefaultTimeout   = 30 * time.Second
	DefaultUserAgent = "dyad/1 (event coder; +https://github.com/dyadhq/dyad)"
)

// Options control Read. The zero value is ready to use.
type Options struct {
	// Format forces the format of every input; "" detects it.
	Format Format
	// MaxBytes is the largest input read, in bytes (0: DefaultMaxBytes).
	// For WARC it bounds each record's payload and for JSONL each line, so
	// archives of any size stream through.
	MaxBytes int64
	// Client fetches URLs (nil: a client with Timeout).
	Client *http.Client
	// Timeout bounds each fetch when Client is nil (0: DefaultTimeout).
	Timeout time.Duration
	// UserAgent is sent with every request (0: DefaultUserAgent).
	UserAgent string
	// Stdin is read for the path "-".
	Stdin io.Reader
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// The causes of input errors. Each wraps dyad.ErrInvalid.
var (
	ErrEmpty    = fmt.Errorf("%w: no text", dyad.ErrInvalid)
	ErrTooLarge = fmt.Errorf("%w: input too large", dyad.ErrInvalid)
	ErrBinary   = fmt.Errorf("%w: binary data, not text", dyad.ErrInvalid)
	ErrFormat   = fmt.Errorf("%w: malformed input", dyad.ErrInvalid)
)

// inputError returns the *dyad.InputError of input at offset (-1: unknown).
func inputError(input string, offset int64, err error) error {
	return &dyad.InputError{Input: input, Offset: offset, Err: err}
}

// Read returns the articles of path: a file, a directory (read recursively,
// in name order, skipping hidden entries), an http(s) URL, or "-" for
// opt.Stdin. Each bad input or record is yielded as an error and reading
// goes on; only a cancelled ctx ends it early, with ctx's error.
func Read(ctx context.Context, path string, opt Options) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		r := reader{opt: opt, yield: yield}
		r.path(ctx, path)
	}
}

// reader carries one Read call's state.
type reader struct {
	opt     Options
	yield   func(Item, error) bool
	stopped bool
}

// emit yields an item or error and reports whether to go on.
func (r *reader) emit(it Item, err error) bool {
	if r.stopped {
		return false
	}
	if err == nil {
		it.Text = strings.ToValidUTF8(it.Text, "\uFFFD")
		if strings.TrimSpace(it.Text) == "" {
			err = inputError(it.Input, -1, ErrEmpty)
			it = Item{}
		}
	}
	if !r.yield(it, err) {
		r.stopped = true
	}
	return !r.stopped
}

// fail yields err for input and reports whether to go on.
func (r *reader) fail(input string, offset int64, err error) bool {
	var ie *dyad.InputError
	if !errors.As(err, &ie) {
		err = inputError(input, offset, err)
	}
	return r.emit(Item{}, err)
}

func (r *reader) path(ctx context.Context, path string) {
	if err := ctx.Err(); err != nil {
		r.emit(Item{}, err)
		return
	}
	switch {
	case path == "-":
		if r.opt.Stdin == nil {
			r.fail("-", -1, fmt.Errorf("%w: no standard input", dyad.ErrInvalid))
			return
		}
		r.stream(ctx, "-", r.opt.Stdin, "", "", -1)
	case strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://"):
		r.fetch(ctx, path)
	default:
		info, err := os.Stat(path)
		if err != nil {
			r.fail(path, -1, err)
			return
		}
		if info.IsDir() {
			r.dir(ctx, path)
			return
		}
		r.file(ctx, path, info)
	}
}

// dir reads every regular file below root, in lexical order.
func (r *reader) dir(ctx context.Context, root string) {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if !r.fail(p, -1, err) {
				return fs.SkipAll
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			r.fail(p, -1, err)
		} else {
			r.file(ctx, p, info)
		}
		if r.stopped {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && ctx.Err() != nil {
		r.emit(Item{}, ctx.Err())
	}
}

func (r *reader) file(ctx context.Context, path string, info fs.FileInfo) {
	if info.Size() == 0 {
		r.fail(path, -1, ErrEmpty)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		r.fail(path, -1, err)
		return
	}
	defer f.Close()
	r.stream(ctx, path, f, "", "", info.Size())
}

// fetch gets url and reads the response by its content type and content.
func (r *reader) fetch(ctx context.Context, url string) {
	client := r.opt.Client
	if client == nil {
		timeout := r.opt.Timeout
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		client = &http.Client{Timeout: timeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		r.fail(url, -1, fmt.Errorf("%w: %w", dyad.ErrInvalid, err))
		return
	}
	ua := r.opt.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/plain;q=0.8, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			r.emit(Item{}, ctx.Err())
			return
		}
		r.fail(url, -1, fmt.Errorf("%w: %w", dyad.ErrUnavailable, err))
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		cause := dyad.ErrUnavailable
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
			cause = dyad.ErrNotFound
		}
		r.fail(url, -1, fmt.Errorf("%w: HTTP %s", cause, resp.Status))
		return
	}
	if resp.ContentLength > r.opt.maxBytes() && !streams(formatOfType(resp.Header.Get("Content-Type"))) {
		r.fail(url, -1, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, resp.ContentLength, r.opt.maxBytes()))
		return
	}
	final := url
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL.String()
	}
	r.stream(ctx, final, resp.Body, resp.Header.Get("Content-Type"), final, resp.ContentLength)
}

// streams reports whether a format is read record by record.
func streams(f Format) bool { return f == WARC || f == JSONL }

// sniffLen is how much of an input is looked at to tell its format.
const sniffLen = 4096

// stream detects the format of in and reads it. name is used in errors;
// contentType and url come from HTTP, when the input was fetched; size is
// the input's length when known, else -1.
func (r *reader) stream(ctx context.Context, name string, in io.Reader, contentType, url string, size int64) {
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(sniffLen)
	if len(head) == 0 {
		r.fail(name, -1, ErrEmpty)
		return
	}
	format := r.opt.Format
	if isGzip(head) && format != WARC && !gzipHoldsWARC(head) {
		// A gzipped file of another format: read what it holds.
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.fail(name, 0, fmt.Errorf("%w: gzip: %w", ErrFormat, err))
			return
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		head, _ = br.Peek(sniffLen)
		if len(head) == 0 {
			r.fail(name, -1, ErrEmpty)
			return
		}
		name = strings.TrimSuffix(name, ".gz")
		size = -1
	}
	if format == "" {
		format = detect(name, head, contentType)
	}
	switch format {
	case WARC:
		r.warc(ctx, name, br)
		return
	case JSONL:
		r.jsonl(ctx, name, br)
		return
	case "":
		r.fail(name, 0, ErrBinary)
		return
	}
	max := r.opt.maxBytes()
	if size > max {
		r.fail(name, -1, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, size, max))
		return
	}
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		r.fail(name, int64(len(data)), fmt.Errorf("%w: %w", ErrFormat, err))
		return
	}
	if int64(len(data)) > max {
		r.fail(name, -1, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max))
		return
	}
	switch format {
	case HTML:
		it, err := readHTML(data, contentType, name, url)
		r.emit(it, err)
	case Feed:
		r.feed(ctx, name, data)
	default:
		it, err := readText(data, name)
		r.emit(it, err)
	}
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gzipHoldsWARC reports whether the gzip member at the start of head holds
// a WARC record.
func gzipHoldsWARC(head []byte) bool {
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	buf := make([]byte, 5)
	n, _ := io.ReadFull(zr, buf)
	return bytes.Equal(buf[:n], []byte("WARC/"))
}

// detect tells a format from a name, the first bytes and an HTTP content
// type; "" means binary data.
func detect(name string, head []byte, contentType string) Format {
	if f := formatOfType(contentType); f != "" && f != Text {
		return f
	}
	lower := strings.ToLower(name)
	if bytes.HasPrefix(head, []byte("WARC/")) || isGzip(head) {
		return WARC
	}
	if looksBinary(head) {
		return ""
	}
	switch ext := filepath.Ext(strings.TrimSuffix(lower, ".gz")); ext {
	case ".warc", ".arc":
		return WARC
	case ".jsonl", ".ndjson":
		return JSONL
	case ".rss", ".atom":
		return Feed
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".txt", ".text", ".md":
		return Text
	}
	return sniff(head)
}

// formatOfType maps an HTTP content type to a format ("" when unknown).
func formatOfType(contentType string) Format {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return HTML
	case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
		return Feed
	case "application/warc":
		return WARC
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		return JSONL
	case "text/plain":
		return Text
	}
	return ""
}

// sniff tells a format from the first bytes of a text input.
func sniff(head []byte) Format {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(s)
	switch {
	case len(s) > 0 && s[0] == '{':
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return Feed
		}
		return JSONL
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return HTML
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<rss")),
		bytes.HasPrefix(lower, []byte("<feed")), bytes.HasPrefix(lower, []byte("<rdf:rdf")):
		for _, tag := range []string{"<rss", "<feed", "<rdf:rdf", "<channel"} {
			if bytes.Contains(lower, []byte(tag)) {
				return Feed
			}
		}
		if bytes.Contains(lower, []byte("<html")) {
			return HTML
		}
		return Feed
	case len(s) > 0 && s[0] == '<' && (bytes.Contains(lower, []byte("<body")) ||
		bytes.Contains(lower, []byte("<head")) || bytes.Contains(lower, []byte("<p>"))):
		return HTML
	}
	return Text
}

// looksBinary reports whether b is not text: it has NUL bytes (and no UTF-16
// byte-order mark), or many control characters.
func looksBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return false
	}
	control := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			control++
		}
	}
	return control*20 > len(b)
}
