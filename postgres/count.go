package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/jackc/pgx/v5"
)

// rootCode returns the SQL of dyad.RootCode over the column col.
// PostgreSQL's substr and char_length count characters, as RootCode does.
func rootCode(col string) string {
	return "CASE WHEN substr(" + col + ", 1, 3) = 'IGO' AND char_length(" + col + ") >= 6 THEN substr(" + col +
		", 1, 6) ELSE substr(" + col + ", 1, 3) END"
}

// countKeys are the SQL expressions of the keys of dyad.Store.EventCounts.
// Text keys sort byte by byte, as the contract says, whatever the column's
// collation.
var countKeys = map[dyad.EventKey]string{
	dyad.ByDay:        `e.day COLLATE "C"`,
	dyad.BySource:     `e.source_code COLLATE "C"`,
	dyad.ByTarget:     `e.target_code COLLATE "C"`,
	dyad.BySourceRoot: `(` + rootCode("e.source_code") + `) COLLATE "C"`,
	dyad.ByTargetRoot: `(` + rootCode("e.target_code") + `) COLLATE "C"`,
	dyad.ByQuadClass:  `e.quad_class`,
	dyad.ByModality:   `e.modality COLLATE "C"`,
}

// EventCounts counts the events matching f by the keys by; see dyad.Store.
// The filters are those of Events (eventWhere), in one GROUP BY query; the
// articles are joined only when a filter tests them.
func (s *Store) EventCounts(ctx context.Context, f dyad.EventFilter, by ...dyad.EventKey) ([]dyad.EventCount, error) {
	if err := dyad.ValidateEventKeys(by); err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	w, err := eventWhere(f)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	keys := make([]string, len(by))
	for i, k := range by {
		keys[i] = countKeys[k]
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	for _, k := range keys {
		b.WriteString(k + ", ")
	}
	b.WriteString("count(*), coalesce(sum(e.goldstein), 0) FROM events e")
	if f.Article != "" || f.Text != "" {
		b.WriteString(" JOIN articles a ON a.pk = e.article")
	}
	b.WriteString(w.String())
	if len(keys) > 0 {
		list := strings.Join(keys, ", ")
		b.WriteString(" GROUP BY " + list + " ORDER BY " + list)
	}
	out := []dyad.EventCount{}
	err = each(ctx, s.pool, func(rows pgx.Rows) error {
		var c dyad.EventCount
		var modality string
		dest := make([]any, 0, len(by)+2)
		for _, k := range by {
			dest = append(dest, countField(&c, &modality, k))
		}
		if err := rows.Scan(append(dest, &c.Events, &c.GoldsteinSum)...); err != nil {
			return err
		}
		c.Modality = dyad.Modality(modality)
		if c.Events > 0 {
			out = append(out, c)
		}
		return nil
	}, b.String(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", classify(err))
	}
	return out, nil
}

// countField returns the field of c that holds key k; the modality is
// scanned into modality.
func countField(c *dyad.EventCount, modality *string, k dyad.EventKey) any {
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
	return modality
}
