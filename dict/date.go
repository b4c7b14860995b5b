package dict

import (
	"errors"
	"fmt"
	"strconv"
)

// Date is a calendar day as the number YYYYMMDD (20230224), so that dates
// compare as integers. Zero means unknown or open.
type Date int

// NewDate returns the Date of year y, month m and day d, or an error when the
// day does not exist.
func NewDate(y, m, d int) (Date, error) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, fmt.Errorf("no such day %04d-%02d-%02d", y, m, d)
	}
	return Date(y*10000 + m*100 + d), nil
}

// Year returns the year of d.
func (d Date) Year() int { return int(d) / 10000 }

// Month returns the month of d, 1 to 12.
func (d Date) Month() int { return int(d) / 100 % 100 }

// Day returns the day of the month of d.
func (d Date) Day() int { return int(d) % 100 }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), d.Month(), d.Day())
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

var errDate = errors.New("not a date")

// ParseDate reads a date as dictionaries write it, YYMMDD (years 00-30 are
// 20YY, others 19YY) or YYYYMMDD, or as ISO 8601 YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	digits := s
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		digits = s[:4] + s[5:7] + s[8:]
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, fmt.Errorf("%w: %q", errDate, s)
		}
	}
	var y, m, d int
	switch len(digits) {
	case 6:
		y, _ = strconv.Atoi(digits[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
		m, _ = strconv.Atoi(digits[2:4])
		d, _ = strconv.Atoi(digits[4:6])
	case 8:
		y, _ = strconv.Atoi(digits[:4])
		m, _ = strconv.Atoi(digits[4:6])
		d, _ = strconv.Atoi(digits[6:8])
	default:
		return 0, fmt.Errorf("%w: %q has %d digits, want 6 (YYMMDD) or 8 (YYYYMMDD)", errDate, s, len(digits))
	}
	date, err := NewDate(y, m, d)
	if err != nil {
		return 0, fmt.Errorf("%w: %q: %v", errDate, s, err)
	}
	return date, nil
}
