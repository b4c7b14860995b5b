package postgres

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// countKeys are the SQL expressions of the keys of dyad.Store.EventCounts.
// PostgreSQL's char_length counts characters, as dyad.RootCode does. Text
// keys sort byte by byte, as the contract says, whatever the column's
// collation.
var countKeys = sqlstore.CountKeys("e.", "char_length", ` COLLATE "C"`)

// EventCounts counts the events matching f by the keys by; see dyad.Store.
// The filters are those of Events (eventWhere), in one GROUP BY query; the
// articles are joined only when a filter tests them.
func (s *Store) EventCounts(ctx context.Context, f dyad.EventFilter, by ...dyad.EventKey) ([]dyad.EventCount, error) {
	if err := dyad.ValidateEventKeys(by); err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	f.Page = dyad.Page{} // ignored, as the contract says
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	w, err := eventWhere(f)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	from := "events e"
	if f.Article != "" || f.Text != "" {
		from += " JOIN articles a ON a.pk = e.article"
	}
	query := sqlstore.CountQuery(countKeys, by, "count(*), coalesce(sum(e.goldstein), 0)", from+w.String())
	out, err := sqlstore.Counts(ctx, eachOf(s.pool), by, query, w.Args...)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", classify(err))
	}
	return out, nil
}
