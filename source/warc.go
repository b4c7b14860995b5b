package source

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/nlnwa/gowarc/v3"
)

// warc reads the HTML pages of a web archive: response records with a 2xx
// status and an HTML body, and resource records of HTML. Other records are
// skipped. A bad record is an error naming its offset; reading stops at a
// record the archive cannot be read past.
func (r *reader) warc(ctx context.Context, name string, in *bufio.Reader) {
	wr, err := gowarc.NewWarcFileReaderFromStream(in, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(4<<20),
	)
	if err != nil {
		r.fail(name, 0, fmt.Errorf("%w: %w", ErrFormat, err))
		return
	}
	defer wr.Close()
	pages, failed := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			r.emit(Item{}, err)
			return
		}
		rec, err := nextRecord(wr)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rec.Close()
			if !errors.Is(err, ErrFormat) {
				err = fmt.Errorf("%w: %w", ErrFormat, err)
			}
			r.fail(name, rec.Offset, err)
			return
		}
		it, ok, err := r.warcRecord(name, rec)
		rec.Close()
		switch {
		case err != nil:
			failed++
			id := ""
			if rec.WarcRecord != nil {
				id = rec.WarcRecord.RecordId()
			}
			if !r.emit(Item{}, &dyad.InputError{Input: name, Record: id, Offset: rec.Offset, Err: err}) {
				return
			}
		case ok:
			pages++
			if !r.emit(it, nil) {
				return
			}
		}
	}
	if pages == 0 && failed == 0 {
		r.fail(name, -1, fmt.Errorf("%w: no HTML responses in the archive", ErrEmpty))
	}
}

// nextRecord is wr.Next with a panic in the parser taken as a malformed
// record: the archive comes from outside.
func nextRecord(wr *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: WARC parser failed: %v", ErrFormat, p)
		}
	}()
	return wr.Next()
}

// warcRecord reads one record; ok is false for records that hold no page.
func (r *reader) warcRecord(name string, rec gowarc.Record) (it Item, ok bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			it, ok, err = Item{}, false, fmt.Errorf("%w: WARC record: %v", ErrFormat, p)
		}
	}()
	wr := rec.WarcRecord
	if wr == nil {
		return Item{}, false, nil
	}
	var (
		body        io.Reader
		contentType string
	)
	switch wr.Type() {
	case gowarc.Response:
		hb, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
		if !isHTTP {
			return Item{}, false, nil
		}
		if c := hb.HttpStatusCode(); c < 200 || c > 299 {
			return Item{}, false, nil
		}
		h := hb.HttpHeader()
		if h == nil {
			return Item{}, false, nil
		}
		contentType = h.Get("Content-Type")
		if body, err = hb.PayloadBytes(); err != nil {
			return Item{}, false, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if strings.EqualFold(h.Get("Transfer-Encoding"), "chunked") {
			body = httputil.NewChunkedReader(body)
		}
		if enc := strings.ToLower(h.Get("Content-Encoding")); enc == "gzip" || enc == "x-gzip" {
			zr, err := gzip.NewReader(body)
			if err != nil {
				return Item{}, false, fmt.Errorf("%w: gzip body: %w", ErrFormat, err)
			}
			defer zr.Close()
			body = zr
		}
	case gowarc.Resource:
		contentType = wr.WarcHeader().Get(gowarc.ContentType)
		if body, err = wr.Block().RawBytes(); err != nil {
			return Item{}, false, fmt.Errorf("%w: %w", ErrFormat, err)
		}
	default:
		return Item{}, false, nil
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return Item{}, false, nil
	}
	max := r.opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(body, max+1))
	if err != nil {
		return Item{}, false, fmt.Errorf("%w: reading the record: %w", ErrFormat, err)
	}
	if int64(len(data)) > max {
		return Item{}, false, fmt.Errorf("%w: record larger than %d bytes", ErrTooLarge, max)
	}
	target := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	it, err = readHTML(data, contentType, name, target)
	if ie := (*dyad.InputError)(nil); errors.As(err, &ie) {
		return Item{}, false, ie.Err
	}
	it.Input = fmt.Sprintf("%s#offset-%d", name, rec.Offset)
	if it.Article.URL == "" {
		it.Article.URL = target
	}
	return it, true, nil
}
