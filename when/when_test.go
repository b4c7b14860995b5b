package when

import (
	"strings"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
)

func TestResolve(t *testing.T) {
	pub := time.Date(2023, 2, 24, 0, 0, 0, 0, time.UTC) // a Friday
	tests := []struct {
		in     string
		future bool
		want   string
		prec   string
		ok     bool
	}{
		{"on Friday", false, "2023-02-24", dyad.PrecisionDay, true},
		{"on Thursday", false, "2023-02-23", dyad.PrecisionDay, true},
		{"on Monday", true, "2023-02-27", dyad.PrecisionDay, true},
		{"last Saturday", false, "2023-02-18", dyad.PrecisionDay, true},
		{"a year ago", false, "2022-02-24", dyad.PrecisionDay, true},
		{"two weeks ago", false, "2023-02-10", dyad.PrecisionDay, true},
		{"last year", false, "2022", dyad.PrecisionYear, true},
		{"next month", true, "2023-03", dyad.PrecisionMonth, true},
		{"yesterday", false, "2023-02-23", dyad.PrecisionDay, true},
		{"in March 2022", false, "2022-03", dyad.PrecisionMonth, true},
		{"in December", false, "2022-12", dyad.PrecisionMonth, true},
		{"on February 24 , 2022", false, "2022-02-24", dyad.PrecisionDay, true},
		{"on 23 Feb.", false, "2023-02-23", dyad.PrecisionDay, true},
		{"in 2014", false, "2014", dyad.PrecisionYear, true},
		{"soon", true, "", dyad.PrecisionUnknown, true},
		{"for years", false, "", dyad.PrecisionUnknown, true},
		{"in the conflict", false, "", "", false},
		{"may", false, "", "", false},
	}
	for _, tc := range tests {
		got, ok := Resolve(strings.Fields(tc.in), pub, tc.future)
		if ok != tc.ok || got.Value != tc.want || got.Precision != tc.prec {
			t.Errorf("Resolve(%q) = %q %q %v, want %q %q %v", tc.in, got.Value, got.Precision, ok, tc.want, tc.prec, tc.ok)
		}
	}
}

func TestOffset(t *testing.T) {
	pub := Day(time.Date(2023, 2, 24, 0, 0, 0, 0, time.UTC))
	march := Date{Value: "2023-03", Precision: dyad.PrecisionMonth, Time: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		in   string
		from Date
		dir  int
		want string
		prec string
		ok   bool
	}{
		{"precisely one year", pub, -1, "2022-02-24", dyad.PrecisionDay, true},
		{"a year", pub, -1, "2022-02-24", dyad.PrecisionDay, true},
		{"two days", pub, 1, "2023-02-26", dyad.PrecisionDay, true},
		{"three months", pub, -1, "2022-11", dyad.PrecisionMonth, true},
		{"two weeks", pub, -1, "2023-02-10", dyad.PrecisionDay, true},
		{"hours", pub, -1, "2023-02-24", dyad.PrecisionDay, true},
		{"weeks", pub, -1, "2023-02", dyad.PrecisionMonth, true},
		{"years", pub, -1, "2021", dyad.PrecisionYear, true},
		{"48 hours", pub, -1, "2023-02-22", dyad.PrecisionDay, true},
		{"several years", pub, -1, "2020", dyad.PrecisionYear, true},
		{"a few days", pub, -1, "2023-02", dyad.PrecisionMonth, true},
		{"a decade", pub, -1, "2013", dyad.PrecisionYear, true},
		{"two days", march, -1, "2023-02", dyad.PrecisionMonth, true},
		{"the conflict", pub, -1, "", "", false},
	}
	for _, tc := range tests {
		got, ok := Offset(strings.Fields(tc.in), tc.from, tc.dir)
		if ok != tc.ok || got.Value != tc.want || got.Precision != tc.prec {
			t.Errorf("Offset(%q, %s, %d) = %q %q %v, want %q %q %v", tc.in, tc.from.Value, tc.dir, got.Value, got.Precision, ok, tc.want, tc.prec, tc.ok)
		}
	}
}
