package sqlstore

import (
	"context"
	"strings"

	"github.com/dyadhq/dyad"
)

// RootCode returns the SQL of dyad.RootCode over the column col, where
// length is the database's function that counts the characters of a string
// (SQLite's length, PostgreSQL's char_length): substr counts characters in
// both, as RootCode does.
func RootCode(col, length string) string {
	return "CASE WHEN substr(" + col + ", 1, 3) = 'IGO' AND " + length + "(" + col + ") >= 6 THEN substr(" + col +
		", 1, 6) ELSE substr(" + col + ", 1, 3) END"
}

// CountKeys returns the SQL expressions of the keys of dyad.Store.EventCounts
// over the event columns, each named with the qualifier q ("e." or ""):
// length is as in RootCode, and collate (a COLLATE clause with a leading
// space, or "") follows every text key, so that it sorts byte by byte
// whatever the column's collation.
func CountKeys(q, length, collate string) map[dyad.EventKey]string {
	text := func(x string) string { return x + collate }
	root := func(col string) string {
		r := RootCode(q+col, length)
		if collate == "" {
			return r
		}
		return "(" + r + ")" + collate
	}
	return map[dyad.EventKey]string{
		dyad.ByDay:        text(q + "day"),
		dyad.BySource:     text(q + "source_code"),
		dyad.ByTarget:     text(q + "target_code"),
		dyad.BySourceRoot: root("source_code"),
		dyad.ByTargetRoot: root("target_code"),
		dyad.ByQuadClass:  q + "quad_class",
		dyad.ByModality:   text(q + "modality"),
	}
}

// CountQuery returns the query that counts events by the keys by, in their
// order: it selects the keys' expressions (of keys) and then aggregates
// (the number of events and the sum of their Goldstein values) from from,
// grouped and sorted by the keys.
func CountQuery(keys map[dyad.EventKey]string, by []dyad.EventKey, aggregates, from string) string {
	exprs := make([]string, len(by))
	for i, k := range by {
		exprs[i] = keys[k]
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	for _, e := range exprs {
		b.WriteString(e + ", ")
	}
	b.WriteString(aggregates + " FROM " + from)
	if len(exprs) > 0 {
		list := strings.Join(exprs, ", ")
		b.WriteString(" GROUP BY " + list + " ORDER BY " + list)
	}
	return b.String()
}

// Counts runs a CountQuery with each and returns its rows that count any
// events; none gives an empty slice.
func Counts(ctx context.Context, each Each, by []dyad.EventKey, query string, args ...any) ([]dyad.EventCount, error) {
	out := []dyad.EventCount{}
	err := each(ctx, func(row Row) error {
		out = append(out, dyad.EventCount{}) // scanned in place
		c := &out[len(out)-1]
		dest := make([]any, 0, len(by)+2)
		for _, k := range by {
			dest = append(dest, countField(c, k))
		}
		err := row.Scan(append(dest, &c.Events, &c.GoldsteinSum)...)
		if err != nil || c.Events == 0 {
			out = out[:len(out)-1]
		}
		return err
	}, query, args...)
	return out, err
}

// countField returns the field of c that holds key k.
func countField(c *dyad.EventCount, k dyad.EventKey) any {
	switch k {
	case dyad.ByDay:
		return &c.Day
	case dyad.BySource, dyad.BySourceRoot:
		return &c.Source
	case dyad.ByTarget, dyad.ByTargetRoot:
		return &c.Target
	case dyad.ByQuadClass:
		return &c.QuadClass
	}
	return &c.Modality
}
