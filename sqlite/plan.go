package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/sqlstore"
)

// Listing queries return rows in (article, ord) order, a page at a time. A
// plain "WHERE filters ORDER BY article, ord LIMIT n" leaves SQLite two bad
// choices when a filter is a range (a code prefix, a date range) or an OR
// over two columns: read every match through an index and sort them all
// before the LIMIT, or walk the whole table in order and test each row.
//
// The planner here does better. The indexes of the listing tables begin
// (col, article, ord) (migrations/0002), so the rows with one value of col
// come out in paging order. A filter on col is turned into its values (the
// distinct codes under a prefix, the days in a range, found by a skip scan
// of the index when the query runs); each value gives one arm, "col = value
// AND every filter", and the arms are merged with UNION ... ORDER BY
// article, ord LIMIT n, which SQLite runs as a merge of index-ordered scans
// that stops at the limit. An OR over source and target is one group of arms
// per side. The indexes also hold the columns the other filters test, so an
// arm skips the rows they reject without reading the table; only the page's
// keys are joined back to the full rows.
//
// When several filters could drive, a bounded count of each one's index
// entries picks the fewest: an arm may have to scan all its entries to find
// its next match. Every arm carries every filter, so the union is exactly the
// matching rows, whichever filter drives.

// maxArms bounds the arms of one query. A filter with more values (a prefix
// of one letter, a date range of years) does not drive; another filter or a
// scan of the table in order does.
const maxArms = 64

// probeLimit bounds the entries counted to compare two filters: a route of
// fewer entries is cheap to read whole, whatever the other filters reject.
// Past it, filters count as equally large and the earlier one in a listing's
// order of preference drives. Counting costs some 60 ns an entry.
const probeLimit = 256

// table is a listing's table as the planner sees it.
type table struct {
	name  string // SQL name
	alias string // alias in every arm and condition
	// scan is the FROM clause hint of an arm that reads the table in its own
	// (article, ord) order when no index drives: "NOT INDEXED" for a WITHOUT
	// ROWID table keyed (article, ord), "" to let SQLite pick.
	scan string
	// rowid is the rowid column of a rowid table: the arms select it too, to
	// read the page's rows by it.
	rowid string
}

// span is a range of the values of a column: col > lo, or >= lo when loIncl;
// and, when hiSet, col < hi, or <= hi when hiIncl.
type span struct {
	lo            string
	loIncl        bool
	hi            string
	hiSet, hiIncl bool
}

// prefixSpan returns the span of the values that begin with p.
func prefixSpan(p string) *span {
	return &span{lo: p, loIncl: true, hi: p + sqlstore.MaxRune, hiSet: true}
}

// dateSpan returns the span of the known days from from to to (inclusive;
// either may be "" for open). Unknown days are "", which no span holds.
func dateSpan(from, to string) *span {
	s := &span{lo: from, loIncl: from != ""}
	if to != "" {
		s.hi, s.hiSet, s.hiIncl = to, true, true
	}
	return s
}

// upper returns the span's upper bound on col, or "".
func (s *span) upper(col string) (string, []any) {
	switch {
	case !s.hiSet:
		return "", nil
	case s.hiIncl:
		return col + " <= ?", []any{s.hi}
	}
	return col + " < ?", []any{s.hi}
}

// cond returns the condition "col is in the span".
func (s *span) cond(col string) (string, []any) {
	op := " > ?"
	if s.loIncl {
		op = " >= ?"
	}
	c, args := col+op, []any{s.lo}
	if u, uargs := s.upper(col); u != "" {
		c, args = c+" AND "+u, append(args, uargs...)
	}
	return c, args
}

// set is a condition "col IN (query)" over a set of keys computed once per
// query: inline in a single arm, a materialised common table shared by
// several.
type set struct {
	col   string // qualified column
	query string
	args  []any
	// drives is set when col is the table's article column: the set's
	// articles, in order, can then drive a listing as a route.
	drives bool
}

// route is one way to read a table's matching rows in (article, ord) order:
// one arm per value of col, read through index. The values are vals, or
// when span is set every value of col in it, found when the query runs. A
// route of a set instead reads the table by primary key, one article of the
// set after the other.
type route struct {
	index   string // an index on (col, article, ord)
	col     string // column name, without the alias
	collate string // " COLLATE NOCASE" when the index is
	vals    []any
	span    *span
	set     *set
}

// driver is one filter that can drive a listing: the union of its terms,
// each term a choice of routes that hold all its rows (the sides of a dyad).
type driver struct {
	terms [][]route
}

// one returns a driver of one route.
func one(r route) driver { return driver{terms: [][]route{{r}}} }

// listing is one listing query under construction: the table, its filters
// and the drivers to choose from, in order of preference.
type listing struct {
	t       table
	cols    string // the columns selected, of the table (its alias) and of articles (a)
	w       sqlstore.Where
	sets    []*set
	drivers []driver
	// keyed is set when the filters fix the article: its primary key drives.
	keyed bool
	limit int
}

// in adds the condition "col IN (query)"; drives as in set.
func (l *listing) in(col string, drives bool, query string, args ...any) {
	l.sets = append(l.sets, &set{col: col, query: query, args: args, drives: drives})
}

// candidates returns the drivers with those of the sets last.
func (l *listing) candidates() []driver {
	if l.keyed {
		return nil
	}
	ds := l.drivers
	for _, s := range l.sets {
		if s.drives {
			ds = append(ds[:len(ds):len(ds)], one(route{set: s}))
		}
	}
	return ds
}

// probes returns the routes whose values must be found, or whose rows
// counted, before the arms can be written, and whether to count.
func probes(ds []driver) (routes []*route, count bool) {
	count = len(ds) > 1
	for _, d := range ds {
		for _, term := range d.terms {
			count = count || len(term) > 1
		}
	}
	for _, d := range ds {
		for _, term := range d.terms {
			for i := range term {
				if r := &term[i]; r.span != nil || count {
					routes = append(routes, r)
				}
			}
		}
	}
	return routes, count
}

// snapshot reports whether the listing runs more than one query, which must
// then see the same rows: run it in a read transaction.
func (l *listing) snapshot() bool {
	routes, _ := probes(l.candidates())
	return len(routes) > 0
}

// arm is one arm of a listing: col = val through index; or with index "" a
// read of the table in order, through set when it is set.
type arm struct {
	index, col, collate string
	val                 any
	set                 *set
}

// plan chooses the driver and returns its arms, or ok false when the
// driver has no rows at all.
func (l *listing) plan(ctx context.Context, q querier) ([]arm, bool, error) {
	ds := l.candidates()
	if len(ds) == 0 {
		return []arm{{}}, true, nil
	}
	routes, count := probes(ds)
	vals, counts, err := l.probe(ctx, q, routes, count)
	if err != nil {
		return nil, false, err
	}
	best, bestSize := -1, 0
	var bestArms []arm
	for i, d := range ds {
		arms, size, ok := choose(d, vals, counts)
		if !ok {
			continue
		}
		size = min(size, probeLimit) // past the limit, sizes are unknown
		if best < 0 || size < bestSize {
			best, bestSize, bestArms = i, size, arms
		}
	}
	switch {
	case best < 0:
		return []arm{{}}, true, nil
	case len(bestArms) == 0 || count && bestSize == 0:
		return nil, false, nil // the driver has no rows
	}
	return bestArms, true, nil
}

// choose picks the smallest route of each of d's terms and returns their
// arms, without repeats, and their count of rows. ok is false when d has
// more than maxArms arms.
func choose(d driver, vals map[*route][]any, counts map[*route]int) (arms []arm, size int, ok bool) {
	seen := map[arm]bool{}
	for _, term := range d.terms {
		var pick *route
		for i := range term {
			r := &term[i]
			if len(routeVals(r, vals)) > maxArms {
				continue
			}
			if pick == nil || counts[r] < counts[pick] ||
				counts[r] == counts[pick] && len(routeVals(r, vals)) < len(routeVals(pick, vals)) {
				pick = r
			}
		}
		if pick == nil {
			return nil, 0, false
		}
		size += counts[pick]
		if pick.set != nil {
			arms = append(arms, arm{set: pick.set})
			continue
		}
		for _, v := range routeVals(pick, vals) {
			a := arm{index: pick.index, col: pick.col, collate: pick.collate, val: v}
			if !seen[a] {
				seen[a] = true
				arms = append(arms, a)
			}
		}
	}
	return arms, size, len(arms) <= maxArms
}

// routeVals returns the values of r's arms: none for a set, which reads
// the table once.
func routeVals(r *route, vals map[*route][]any) []any {
	switch {
	case r.set != nil:
		return []any{nil}
	case r.span != nil:
		return vals[r]
	}
	return r.vals
}

// probe runs one query that finds the values of the routes with a span (up
// to maxArms+1 of them) and, when count is set, counts each route's entries
// up to probeLimit.
func (l *listing) probe(ctx context.Context, q querier, routes []*route, count bool) (map[*route][]any, map[*route]int, error) {
	if len(routes) == 0 {
		return nil, nil, nil
	}
	var parts []string
	var args []any
	for i, r := range routes {
		from := l.t.name + " INDEXED BY " + r.index
		if r.span != nil {
			// A skip scan: each step seeks the smallest value above the last.
			lower, largs := r.span.cond(r.col)
			upper, uargs := r.span.upper(r.col)
			next := r.col + " > x.v"
			if upper != "" {
				next += " AND " + upper
			}
			parts = append(parts, fmt.Sprintf(`SELECT %d, v FROM (WITH RECURSIVE x(v) AS (
				SELECT (SELECT min(%s) FROM %s WHERE %s)
				UNION ALL SELECT (SELECT min(%s) FROM %s WHERE %s) FROM x WHERE x.v IS NOT NULL)
				SELECT v FROM x WHERE v IS NOT NULL LIMIT %d)`,
				i, r.col, from, lower, r.col, from, next, maxArms+1))
			args = append(append(args, largs...), uargs...)
		}
		if !count {
			continue
		}
		var c string
		var cargs []any
		switch {
		case r.set != nil:
			c, cargs = r.set.query, r.set.args
		case r.span != nil:
			where, wargs := r.span.cond(r.col)
			c, cargs = "SELECT 1 FROM "+from+" WHERE "+where, wargs
		case len(r.vals) == 0:
			c = "SELECT 1 WHERE 0"
		default:
			c = "SELECT 1 FROM " + from + " WHERE " + r.col + r.collate + " IN (" +
				strings.TrimSuffix(strings.Repeat("?, ", len(r.vals)), ", ") + ")"
			cargs = r.vals
		}
		parts = append(parts, fmt.Sprintf(`SELECT %d, count(*) FROM (%s LIMIT %d)`, -1-i, c, probeLimit))
		args = append(args, cargs...)
	}
	vals := map[*route][]any{}
	counts := map[*route]int{}
	err := each(ctx, q, func(row sqlstore.Row) error {
		var i int
		var v any
		if err := row.Scan(&i, &v); err != nil {
			return err
		}
		if i >= 0 {
			vals[routes[i]] = append(vals[routes[i]], v)
			return nil
		}
		n, ok := v.(int64)
		if !ok {
			return fmt.Errorf("plan: count of type %T", v)
		}
		counts[routes[-1-i]] = int(n)
		return nil
	}, strings.Join(parts, " UNION ALL "), args...)
	return vals, counts, err
}

// query plans the listing and returns its SQL and arguments, or ok false
// when the page is sure to be empty. The query selects l.cols from the
// table (under its alias) joined with its article (a). q must be the read
// transaction the query then runs in when l.snapshot(), so that the values
// found for the arms are those of the rows it sees.
func (l *listing) query(ctx context.Context, q querier) (query string, args []any, ok bool, err error) {
	arms, ok, err := l.plan(ctx, q)
	if err != nil || !ok {
		return "", nil, ok, err
	}
	t, a := l.t.name, l.t.alias
	// Without drivers, SQLite may use the sets as it likes.
	free := len(l.candidates()) == 0
	var b strings.Builder
	if len(arms) == 1 && arms[0].index == "" {
		// The table in its own order, or its rows of a set of articles: no
		// keys to join back.
		fmt.Fprintf(&b, "SELECT %s FROM %s %s %s JOIN articles a ON a.pk = %s.article", l.cols, t, a, l.t.scan, a)
		args = l.where(&b, arms[0], nil, free)
		fmt.Fprintf(&b, " ORDER BY %s.article, %s.ord LIMIT ?", a, a)
		return b.String(), append(args, l.limit), true, nil
	}
	b.WriteString("WITH ")
	names := map[*set]string{}
	for i, s := range l.sets {
		if len(arms) > 1 {
			// Compute each set once for all the arms.
			names[s] = "set" + strconv.Itoa(i)
			fmt.Fprintf(&b, "%s AS MATERIALIZED (%s), ", names[s], s.query)
			args = append(args, s.args...)
		}
	}
	b.WriteString("k AS (")
	for i, arm := range arms {
		if i > 0 {
			b.WriteString(" UNION ")
		}
		fmt.Fprintf(&b, "SELECT %s.article, %s.ord", a, a)
		if l.t.rowid != "" {
			fmt.Fprintf(&b, ", %s.%s", a, l.t.rowid)
		}
		fmt.Fprintf(&b, " FROM %s %s ", t, a)
		if arm.index == "" {
			b.WriteString(l.t.scan)
		} else {
			b.WriteString("INDEXED BY " + arm.index)
		}
		args = append(args, l.where(&b, arm, names, free)...)
	}
	join := fmt.Sprintf("%s.article = k.article AND %s.ord = k.ord", a, a)
	if l.t.rowid != "" {
		join = fmt.Sprintf("%s.%s = k.%s", a, l.t.rowid, l.t.rowid)
	}
	fmt.Fprintf(&b, ` ORDER BY article, ord LIMIT ?)
		SELECT %s FROM k JOIN %s %s ON %s JOIN articles a ON a.pk = k.article
		ORDER BY k.article, k.ord`, l.cols, t, a, join)
	return b.String(), append(args, l.limit), true, nil
}

// where writes the WHERE clause of arm (its driving value, the filters and
// the sets, those of names by name) and returns its arguments. Unless free,
// a set that does not drive is only tested ("+col"), never used to seek,
// since the arm reads its rows from the driving index.
func (l *listing) where(b *strings.Builder, arm arm, names map[*set]string, free bool) []any {
	var all []string
	var args []any
	if arm.index != "" {
		all = append(all, l.t.alias+"."+arm.col+" = ?"+arm.collate)
		args = append(args, arm.val)
	}
	all = append(all, l.w.Conds...)
	args = append(args, l.w.Args...)
	for _, s := range l.sets {
		col := s.col
		if arm.set != s && !free {
			col = "+" + col
		}
		if name, ok := names[s]; ok {
			all = append(all, col+" IN "+name)
		} else {
			all = append(all, col+" IN ("+s.query+")")
			args = append(args, s.args...)
		}
	}
	if len(all) > 0 {
		b.WriteString(" WHERE " + strings.Join(all, " AND "))
	}
	return args
}
