package source

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

var isoDay = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])`)

// normDate returns the calendar day of a date as written (in its own time
// zone, not UTC): YYYY-MM-DD, or "" when s is not a date. It takes ISO 8601,
// RFC 822/1123 (feeds), and the many forms dateparse knows.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	if m := isoDay.FindStringSubmatch(s); m != nil {
		d := m[1] + "-" + m[2] + "-" + m[3]
		if _, err := time.Parse(time.DateOnly, d); err == nil {
			return d
		}
		return ""
	}
	t, err := parseAny(s)
	if err != nil || t.Year() < 1000 || t.Year() > 9999 {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseAny is dateparse.ParseAny, with a panic in it taken as "not a date":
// its input comes from outside.
func parseAny(s string) (t time.Time, err error) {
	defer func() {
		if recover() != nil {
			t, err = time.Time{}, errNotDate
		}
	}()
	return dateparse.ParseAny(s, dateparse.PreferMonthFirst(false))
}

type dateError struct{}

func (dateError) Error() string { return "not a date" }

var errNotDate error = dateError{}

// day returns t's calendar day in its own zone, or "" for the zero time.
func day(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

var ccLicense = regexp.MustCompile(`(?i)creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)`)

// normLicense returns the SPDX id of a licence given as a Creative Commons
// URL or name ("CC BY 4.0", "Creative Commons Attribution 4.0"), or s as
// written when it is not one of those.
func normLicense(s string) string {
	s = strings.TrimSpace(s)
	if m := ccLicense.FindStringSubmatch(s); m != nil {
		kind := strings.ToUpper(m[2])
		if strings.EqualFold(m[1], "publicdomain") {
			if kind == "ZERO" {
				return "CC0-" + m[3]
			}
			return s
		}
		return "CC-" + kind + "-" + m[3]
	}
	l := strings.ToLower(s)
	if !strings.Contains(l, "creative commons") && !strings.HasPrefix(l, "cc ") && !strings.HasPrefix(l, "cc-") {
		return s
	}
	var codes []string
	for _, w := range []struct{ word, code string }{
		{"attribution", "BY"}, {"by", "BY"}, {"noncommercial", "NC"}, {"non-commercial", "NC"}, {"nc", "NC"},
		{"noderivatives", "ND"}, {"no derivatives", "ND"}, {"nd", "ND"}, {"sharealike", "SA"},
		{"share alike", "SA"}, {"share-alike", "SA"}, {"sa", "SA"},
	} {
		if containsWord(l, w.word) && !slices.Contains(codes, w.code) {
			codes = append(codes, w.code)
		}
	}
	if v := version.FindString(l); v != "" && len(codes) > 0 {
		return "CC-" + strings.Join(codes, "-") + "-" + v
	}
	return s
}

var version = regexp.MustCompile(`\d\.\d`)

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isLetter(s[j-1])
		after := j+len(w) == len(s) || !isLetter(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
