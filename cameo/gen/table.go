package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// table is one generated TSV file: comment lines, a header row, data rows.
type table struct {
	name    string
	comment []string
	columns []string
	rows    [][]string
}

func (t *table) add(fields ...string) { t.rows = append(t.rows, fields) }

func (t *table) write(path string) error {
	b, err := t.bytes()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// bytes renders the table; a field holding a tab or line break is an error.
func (t *table) bytes() ([]byte, error) {
	var b bytes.Buffer
	for _, c := range t.comment {
		if strings.ContainsAny(c, "\n\r") {
			return nil, fmt.Errorf("%s: comment line %q holds a line break", t.name, c)
		}
		if c == "" {
			b.WriteString("#\n")
		} else {
			b.WriteString("# " + c + "\n")
		}
	}
	b.WriteString(strings.Join(t.columns, "\t") + "\n")
	for _, r := range t.rows {
		if len(r) != len(t.columns) {
			return nil, fmt.Errorf("%s: row %q has %d fields, want %d", t.name, r, len(r), len(t.columns))
		}
		for _, f := range r {
			if strings.ContainsAny(f, "\t\n\r") {
				return nil, fmt.Errorf("%s: field %q holds a tab or line break", t.name, f)
			}
		}
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.Bytes(), nil
}
