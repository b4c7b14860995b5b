package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
)

// countKeys are the SQL expressions of the keys of dyad.Store.EventCounts
// over the columns of the arms of a count. SQLite's length counts
// characters, as dyad.RootCode does.
var countKeys = sqlstore.CountKeys("", "length", "")

// EventCounts counts the events matching f by the keys by; see dyad.Store.
//
// The filters are those of Events (eventListing). A filter on actor codes
// is a union of terms (codeTerms: the two directions of a dyad, the two
// sides of an actor); each term is one arm of the query, which also rejects
// the rows of the terms before it, so that no event is counted twice. An
// arm reads its code range from one of the counting indexes of
// migrations/0004 (unless the article is fixed), which begin with the
// columns the arms group by and hold those the other filters test: it
// counts its groups as it reads them, in index order, without reading the
// table or sorting its rows. Without codes, SQLite picks the index: the
// counting one for everything, another filter's when there is one. The
// outer query merges the arms' groups into the keys asked for.
func (s *Store) EventCounts(ctx context.Context, f dyad.EventFilter, by ...dyad.EventKey) ([]dyad.EventCount, error) {
	if err := dyad.ValidateEventKeys(by); err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	f.Page = dyad.Page{}
	l, ok, err := eventListing(f)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	terms, coded := codeTerms(f)
	if !ok || coded && len(terms) == 0 {
		return []dyad.EventCount{}, nil
	}
	if !coded {
		terms = []codeTerm{{}}
	}
	query, args := l.count(terms, by)
	out, err := sqlstore.Counts(ctx, eachOf(s.r), by, query, args...)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", unavailable(err))
	}
	return out, nil
}

// count returns the query that counts the listing's rows, one arm per
// term, grouped by the keys by in their order.
func (l *listing) count(terms []codeTerm, by []dyad.EventKey) (string, []any) {
	// The arms group by columns that the counting indexes begin with, in
	// any order: the codes, quad class and modality, and the day when asked.
	cols := "source_code, target_code, quad_class, modality"
	if slices.Contains(by, dyad.ByDay) {
		cols += ", day"
	}
	var b strings.Builder
	var args []any
	names := map[*set]string{}
	if len(terms) > 1 && len(l.sets) > 0 {
		// Compute each set once for all the arms.
		b.WriteString("WITH ")
		for i, s := range l.sets {
			names[s] = "set" + strconv.Itoa(i)
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s AS MATERIALIZED (%s)", names[s], s.query)
			args = append(args, s.args...)
		}
		b.WriteString(" ")
	}
	var arms strings.Builder
	for i, t := range terms {
		if i > 0 {
			arms.WriteString(" UNION ALL ")
		}
		a := *l
		a.w = sqlstore.Where{Conds: slices.Clone(l.w.Conds), Args: slices.Clone(l.w.Args)}
		for i, c := range a.w.Conds {
			if c == sqlstore.QuadClassCond || c == sqlstore.ModalityCond {
				// An equality on a column the arm groups by, used as
				// such, makes SQLite sort what the index gives in order;
				// "+" makes it a plain test.
				a.w.Conds[i] = "+" + c
			}
		}
		c, cargs := t.cond()
		a.w.Add(c, cargs...)
		for _, before := range terms[:i] {
			c, cargs := before.cond()
			a.w.Add("NOT "+c, cargs...)
		}
		fmt.Fprintf(&arms, "SELECT %s, count(*) AS n, total(%s.goldstein) AS g FROM %s %s",
			qualify(cols, l.t.alias), l.t.alias, l.t.name, l.t.alias)
		if index := t.countIndex(); index != "" && !l.keyed {
			arms.WriteString(" INDEXED BY " + index)
		}
		args = append(args, a.where(&arms, arm{}, names, true)...)
		arms.WriteString(" GROUP BY " + qualify(cols, l.t.alias))
	}
	b.WriteString(sqlstore.CountQuery(countKeys, by, "coalesce(sum(n), 0), total(g)", "("+arms.String()+")"))
	return b.String(), args
}

// countIndex returns the counting index that reads t's events: the one
// that begins with the code of the longer prefix, the source's when they
// are as long; "" when t tests no code.
func (t codeTerm) countIndex() string {
	switch {
	case t.source == "" && t.target == "":
		return ""
	case len(t.target) > len(t.source):
		return "events_count_target"
	}
	return "events_count_source"
}

// cond returns the condition that an event matches t.
func (t codeTerm) cond() (string, []any) {
	var conds []string
	var args []any
	for _, p := range []struct{ col, prefix string }{{"e.source_code", t.source}, {"e.target_code", t.target}} {
		if p.prefix != "" {
			c, a := sqlstore.Prefix(p.col, p.prefix)
			conds, args = append(conds, c), append(args, a...)
		}
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return "(" + strings.Join(conds, " AND ") + ")", args
}

// qualify returns the comma-separated columns cols with the alias a.
func qualify(cols, a string) string {
	return a + "." + strings.ReplaceAll(cols, ", ", ", "+a+".")
}
