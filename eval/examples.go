package eval

import (
	"bufio"
	"io"
	"regexp"
	"strings"

	"github.com/dyadhq/dyad"
)

var exampleCodeRE = regexp.MustCompile(`^[0-9]{2,4}$`)

// ReadCAMEOExamples reads the example sentences of the CAMEO codebook
// (cameo_codes.tsv: code, name, goldstein, description, usage_notes, example,
// tab-separated, one header line). Each code with an example is a record
// labelled with that code (Record.Label); codes without one are not records.
func ReadCAMEOExamples(r io.Reader, name string) ([]Record, error) {
	const header = "code\tname\tgoldstein\tdescription\tusage_notes\texample"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Record
	var errs []error
	n := 0
	seen := map[string]int{}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			if line != header {
				return nil, recordErr(name, 1, "", "header is %q, want %q", clip(line), header)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			errs = append(errs, recordErr(name, n, "", "want 6 tab-separated fields, got %d", len(f)))
			continue
		}
		code := strings.TrimSpace(f[0])
		if !exampleCodeRE.MatchString(code) {
			errs = append(errs, recordErr(name, n, code, "code %q is not two to four digits", clip(code)))
			continue
		}
		if prev, dup := seen[code]; dup {
			errs = append(errs, recordErr(name, n, code, "code given twice (first at line %d)", prev))
			continue
		}
		seen[code] = n
		text := oneLine(f[5])
		if text == "" {
			continue
		}
		out = append(out, Record{Set: "cameo-examples", ID: code, Label: code, Text: text, Category: oneLine(f[1]), Line: n})
	}
	if n == 0 {
		errs = append(errs, recordErr(name, 1, "", "empty file"))
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &dyad.InputError{Input: name, Line: n + 1, Offset: -1, Err: err})
	}
	return out, joinErrs(errs)
}
