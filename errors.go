package dyad

import (
	"errors"
	"strconv"
)

// The kinds of error. Wrap them with %w; errors.Is finds them through every
// layer, and the HTTP server maps each to one status.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid input")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("unavailable")
)

// InputError is an error at a position of an outside input: a file and line,
// a record id, or a byte offset. It unwraps to its cause.
type InputError struct {
	Input  string // file name, URL or other name of the input
	Line   int    // 1-based line, 0 when not known
	Record string // record id, "" when not known
	Offset int64  // byte offset, -1 when not known
	Err    error
}

func (e *InputError) Error() string {
	s := e.Input
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Record != "" {
		s += " record " + e.Record
	}
	if e.Offset >= 0 && e.Line == 0 {
		s += " at byte " + strconv.FormatInt(e.Offset, 10)
	}
	return s + ": " + e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }
