package verbs

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/dyadhq/dyad"
)

// composeFile is the table of how a stance joins the act it governs; see
// its header.
//
//go:embed compose.txt
var composeFile string

// composeTable maps a mode (the root of the governing code) and a code
// prefix of the act to the joined code.
type composeTable map[string]map[string]joined

// joined is a joined code and the line of the table that gives it.
type joined struct {
	code string
	line int
}

var loadCompose = sync.OnceValues(func() (composeTable, error) {
	return readCompose("compose.txt", composeFile)
})

// readCompose reads the table; a bad line is an error naming it.
func readCompose(name, src string) (composeTable, error) {
	t := composeTable{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(format string, args ...any) error {
			return &dyad.InputError{Input: name, Line: i + 1, Offset: -1,
				Err: fmt.Errorf("%w: %s", dyad.ErrInvalid, fmt.Sprintf(format, args...))}
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, bad("want mode, act and code, got %q", line)
		}
		for _, c := range f {
			if !digits(c) {
				return nil, bad("%q is not a code", c)
			}
		}
		if len(f[0]) != 2 || len(f[1]) < 2 || len(f[2]) < 3 {
			return nil, bad("mode %q must be a root, act %q a code or root, result %q a code", f[0], f[1], f[2])
		}
		if t[f[0]] == nil {
			t[f[0]] = map[string]joined{}
		}
		if old, dup := t[f[0]][f[1]]; dup {
			return nil, bad("%s %s is listed twice (first at line %d)", f[0], f[1], old.line)
		}
		t[f[0]][f[1]] = joined{f[2], i + 1}
	}
	return t, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// join returns the code of mode applied to act and the rule that says so
// ("compose.txt:LINE"); "" when the table has none.
func (t composeTable) join(mode, act string) (code, rule string) {
	m := t[mode]
	if m == nil {
		return "", ""
	}
	for n := len(act); n >= 2; n-- {
		if r, ok := m[act[:n]]; ok {
			return r.code, "compose.txt:" + strconv.Itoa(r.line)
		}
	}
	return "", ""
}
