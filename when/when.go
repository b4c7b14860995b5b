// Package when resolves relative and absolute date expressions of news copy
// ("on Friday", "a year ago", "last year", "in March 2022", "yesterday")
// against an article's publication date.
package when

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// Date is a resolved date with its precision; Value is YYYY-MM-DD, YYYY-MM or
// YYYY according to Precision, or "" when unknown.
type Date struct {
	Value     string
	Precision string
	Time      time.Time // the first day the expression denotes
}

// Layout is the publication date format.
const Layout = "2006-01-02"

// ParseDay parses YYYY-MM-DD (or an RFC 3339 time, whose date is kept).
func ParseDay(s string) (time.Time, bool) {
	if t, err := time.Parse(Layout, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// Day returns the day-precision Date of t.
func Day(t time.Time) Date {
	return Date{Value: t.Format(Layout), Precision: dyad.PrecisionDay, Time: t}
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var numbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
}

// IsTemporal reports whether a lower-case word can head a date expression.
func IsTemporal(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if _, ok := weekdays[w]; ok {
		return true
	}
	if _, ok := months[w]; ok && w != "may" {
		return true
	}
	switch w {
	case "yesterday", "today", "tomorrow", "tonight", "ago", "year", "years", "month", "months",
		"week", "weeks", "day", "days", "soon", "weekend", "morning", "evening", "night", "afternoon", "decade", "decades":
		return true
	}
	if n, err := strconv.Atoi(w); err == nil && n >= 1900 && n <= 2100 {
		return true
	}
	return false
}

// Resolve resolves a date expression, given as its lower-case words in text
// order, against the publication day pub. future says the clause is about
// the future ("will meet on Monday" is the next Monday). ok is false when the
// words hold no date expression; a recognised but unanchored expression
// ("soon", "for years") gives precision unknown.
func Resolve(words []string, pub time.Time, future bool) (Date, bool) {
	ws := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.TrimSuffix(strings.ToLower(w), ".")
		if w != "," && w != "" {
			ws = append(ws, w)
		}
	}
	has := func(x string) int {
		for i, w := range ws {
			if w == x {
				return i
			}
		}
		return -1
	}
	unknown := Date{Precision: dyad.PrecisionUnknown}
	// Absolute: a year, with an optional month and day.
	year, month, day := 0, time.Month(0), 0
	for i, w := range ws {
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd")); err == nil {
			switch {
			case n >= 1900 && n <= 2100 && len(w) == 4:
				year = n
			case n >= 1 && n <= 31 && (i > 0 && isMonth(ws[i-1]) || i+1 < len(ws) && isMonth(ws[i+1])):
				day = n
			}
			continue
		}
		if m, ok := months[w]; ok && (w != "may" || i > 0 && (ws[i-1] == "in" || ws[i-1] == "of") || day > 0) {
			month = m
		}
	}
	if year > 0 || month > 0 {
		if year == 0 {
			year = pub.Year()
			if !future && month > pub.Month() {
				year--
			}
			if future && month < pub.Month() {
				year++
			}
		}
		switch {
		case month > 0 && day > 0:
			t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
			return Day(t), true
		case month > 0:
			t := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
			return Date{Value: t.Format("2006-01"), Precision: dyad.PrecisionMonth, Time: t}, true
		default:
			t := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
			return Date{Value: strconv.Itoa(year), Precision: dyad.PrecisionYear, Time: t}, true
		}
	}
	switch {
	case has("yesterday") >= 0:
		return Day(pub.AddDate(0, 0, -1)), true
	case has("today") >= 0 || has("tonight") >= 0:
		return Day(pub), true
	case has("tomorrow") >= 0:
		return Day(pub.AddDate(0, 0, 1)), true
	}
	for _, w := range ws {
		wd, ok := weekdays[w]
		if !ok {
			continue
		}
		next := future || has("next") >= 0
		if has("last") >= 0 {
			next = false
		}
		d := int(wd - pub.Weekday())
		if next {
			if d <= 0 {
				d += 7
			}
		} else if d > 0 {
			d -= 7
		}
		return Day(pub.AddDate(0, 0, d)), true
	}
	// "N units ago", "N units after/before" (measured from the publication day).
	unitAt := -1
	for i, w := range ws {
		if unitOf(w) != "" {
			unitAt = i
			break
		}
	}
	if unitAt >= 0 {
		unit := unitOf(ws[unitAt])
		n := 1
		if unitAt > 0 {
			if v, ok := numbers[ws[unitAt-1]]; ok {
				n = v
			} else if v, err := strconv.Atoi(ws[unitAt-1]); err == nil {
				n = v
			}
		}
		switch {
		case has("ago") >= 0:
			return shift(pub, unit, -n), true
		case has("last") >= 0 || has("past") >= 0 || has("previous") >= 0:
			if has("for") >= 0 || has("over") >= 0 || has("the") >= 0 {
				return unknown, true
			}
			return period(pub, unit, -1), true
		case has("next") >= 0 || has("coming") >= 0:
			return period(pub, unit, 1), true
		case has("this") >= 0:
			return period(pub, unit, 0), true
		case has("in") >= 0 && future:
			return shift(pub, unit, n), true
		}
		return unknown, true
	}
	if has("soon") >= 0 || has("later") >= 0 || has("recently") >= 0 || has("earlier") >= 0 {
		return unknown, true
	}
	return Date{}, false
}

func isMonth(w string) bool { _, ok := months[w]; return ok }

func unitOf(w string) string {
	switch w {
	case "day", "days":
		return "day"
	case "week", "weeks":
		return "week"
	case "month", "months":
		return "month"
	case "year", "years":
		return "year"
	case "decade", "decades":
		return "decade"
	}
	return ""
}

// shift moves pub by n units; the result keeps day precision as wire copy
// means it ("a year ago" on 2023-02-24 is 2022-02-24).
func shift(pub time.Time, unit string, n int) Date {
	switch unit {
	case "day":
		return Day(pub.AddDate(0, 0, n))
	case "week":
		return Day(pub.AddDate(0, 0, 7*n))
	case "month":
		t := pub.AddDate(0, n, 0)
		return Date{Value: t.Format("2006-01"), Precision: dyad.PrecisionMonth, Time: t}
	case "year":
		return Day(pub.AddDate(n, 0, 0))
	case "decade":
		t := pub.AddDate(10*n, 0, 0)
		return Date{Value: strconv.Itoa(t.Year()), Precision: dyad.PrecisionYear, Time: t}
	}
	return Date{Precision: dyad.PrecisionUnknown}
}

// period names the calendar unit containing pub shifted by n ("last year").
func period(pub time.Time, unit string, n int) Date {
	switch unit {
	case "year":
		y := pub.Year() + n
		return Date{Value: strconv.Itoa(y), Precision: dyad.PrecisionYear, Time: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)}
	case "month":
		t := time.Date(pub.Year(), pub.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return Date{Value: t.Format("2006-01"), Precision: dyad.PrecisionMonth, Time: t}
	case "week":
		t := pub.AddDate(0, 0, 7*n)
		return Date{Value: t.Format("2006-01"), Precision: dyad.PrecisionMonth, Time: t}
	case "day":
		return Day(pub.AddDate(0, 0, n))
	}
	return Date{Precision: dyad.PrecisionUnknown}
}

// Start returns the first day of a Date value (YYYY-MM-DD, YYYY-MM or YYYY).
func Start(v string) (time.Time, bool) {
	for _, layout := range []string{Layout, "2006-01", "2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Offset dates what a duration phrase measures from: dir -1 for "one year
// after X" and "three months since X" (X lies the duration before from),
// +1 for "two days before X" (X lies after from). words are the duration's
// lower-case words ("precisely", "one", "year"); from is the date of the
// clause the phrase hangs on. The result has the precision of the unit (a
// day for days, weeks and years, as wire copy means "a year after the
// invasion"; a month for months; a year for decades), never finer than
// from's, and a vague count ("several years", "a few days", "weeks") keeps
// only the year or the month. ok is false when the words hold no duration.
func Offset(words []string, from Date, dir int) (Date, bool) {
	unit, n, vague := "", 1, false
	for i, w := range words {
		w = strings.TrimSuffix(strings.ToLower(w), ".")
		if u := unitOf(w); u != "" || w == "hour" || w == "hours" {
			unit = u
			if u == "" {
				unit = "hour"
			}
			// A bare plural ("weeks after") is a vague count; bare "hours"
			// stay within the day.
			counted := false
			if i > 0 {
				prev := strings.ToLower(words[i-1])
				_, isNum := numbers[prev]
				_, err := strconv.Atoi(prev)
				counted = isNum || err == nil
				switch prev {
				case "several", "few", "many", "some":
					vague = true
				}
				if v, ok := numbers[prev]; ok {
					n = v
				} else if v, err := strconv.Atoi(prev); err == nil {
					n = v
				}
			}
			if !counted && strings.HasSuffix(w, "s") {
				vague = unit != "hour"
				n = 0
				if unit != "hour" {
					n = 2
				}
			}
			break
		}
	}
	if unit == "" || from.Time.IsZero() || dir == 0 {
		return Date{}, false
	}
	var d Date
	if unit == "hour" {
		d = Day(from.Time.AddDate(0, 0, dir*(n/24)))
	} else {
		d = shift(from.Time, unit, dir*n)
	}
	prec := d.Precision
	if vague {
		prec = dyad.PrecisionYear
		if unit == "day" || unit == "week" || unit == "hour" {
			prec = dyad.PrecisionMonth
		}
	}
	if rank(from.Precision) > rank(prec) {
		prec = from.Precision
	}
	return atPrecision(d.Time, prec), true
}

func rank(p string) int {
	switch p {
	case dyad.PrecisionDay:
		return 0
	case dyad.PrecisionMonth:
		return 1
	case dyad.PrecisionYear:
		return 2
	}
	return 3
}

func atPrecision(t time.Time, p string) Date {
	switch p {
	case dyad.PrecisionDay:
		return Day(t)
	case dyad.PrecisionMonth:
		return Date{Value: t.Format("2006-01"), Precision: p, Time: t}
	case dyad.PrecisionYear:
		return Date{Value: strconv.Itoa(t.Year()), Precision: p, Time: t}
	}
	return Date{Precision: dyad.PrecisionUnknown}
}
