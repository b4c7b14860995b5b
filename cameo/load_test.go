package cameo

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyadhq/dyad"
)

// tables returns the embedded tables as a writable file system.
func tables(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{FileCodes, FileQuads, FileTypes, FileModes, FileContexts, FileOld, FileRoles, FileRegions} {
		b, err := fs.ReadFile(embedded, "data/"+name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

// lineOf returns the 1-based line of the first line of file starting with prefix.
func lineOf(t *testing.T, m fstest.MapFS, file, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(string(m[file].Data), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line starting %q", file, prefix)
	return 0
}

func replaceLine(m fstest.MapFS, file string, line int, with string) {
	ls := strings.Split(string(m[file].Data), "\n")
	ls[line-1] = with
	m[file] = &fstest.MapFile{Data: []byte(strings.Join(ls, "\n"))}
}

func TestLoadRejectsBadLines(t *testing.T) {
	tests := []struct {
		name, file, prefix, with, msg string
	}{
		{"missing parent", FileCodes, "036\t",
			"0991\tInvestigate something\t-2\t-2\t\tACCUSE\tinvestigate\t\tcrosswalk\t\t\t\t", "parent 099 is missing"},
		{"goldstein out of range", FileCodes, "036\t",
			"036\tExpress intent to meet or negotiate\t11\t4\t4\tAGREE\t\tdiplomatic\tcrosswalk\t\t\t\t", "not a number in [-10, 10]"},
		{"unknown PLOVER type", FileCodes, "036\t",
			"036\tExpress intent to meet or negotiate\t4\t4\t4\tPROMISE\t\tdiplomatic\tcrosswalk\t\t\t\t", "unknown PLOVER type"},
		{"mode of another type", FileCodes, "036\t",
			"036\tExpress intent to meet or negotiate\t4\t4\t4\tAGREE\tvisit\tdiplomatic\tcrosswalk\t\t\t\t", "not a mode of AGREE"},
		{"unknown context", FileCodes, "036\t",
			"036\tExpress intent to meet or negotiate\t4\t4\t4\tAGREE\t\tsport\tcrosswalk\t\t\t\t", "unknown PLOVER context"},
		{"too few fields", FileCodes, "036\t", "036\tExpress intent to meet", "want 13 tab-separated fields"},
		{"repeated code", FileCodes, "037\t",
			"036\tExpress intent to meet or negotiate\t4\t4\t4\tAGREE\t\tdiplomatic\tcrosswalk\t\t\t\t", "given twice"},
		{"bad code", FileCodes, "036\t",
			"36x\tExpress intent to meet or negotiate\t4\t4\t4\tAGREE\t\tdiplomatic\tcrosswalk\t\t\t\t", "not two to four digits"},
		{"bad header", FileCodes, "code\t", "code\tname", "header is"},
		{"quad out of range", FileQuads, "04\t", "04\tCONSULT\t5\t1", "not 1-4"},
		{"mode of unknown type", FileModes, "CONSULT\tvisit", "CONFER\tvisit\t4\tx", "unknown PLOVER type"},
		{"old name to unknown type", FileOld, "DEMAND\t", "DEMAND\tINSIST\t\tx", "unknown PLOVER type"},
		{"role code shape", FileRoles, "GOV\t", "GOVT\tGovernment", "three capital letters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tables(t)
			line := lineOf(t, m, tt.file, tt.prefix)
			msg := tt.msg
			replaceLine(m, tt.file, line, tt.with)
			_, err := Load(m)
			if err == nil {
				t.Fatal("Load accepted the bad line")
			}
			if !errors.Is(err, dyad.ErrInvalid) {
				t.Errorf("error %v does not wrap dyad.ErrInvalid", err)
			}
			var ie *dyad.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InputError", err)
			}
			found := false
			for _, e := range unjoin(err) {
				if errors.As(e, &ie) && ie.Input == tt.file && ie.Line == line && strings.Contains(e.Error(), msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s:%d saying %q; got:\n%v", tt.file, line, msg, err)
			}
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestLoadMissingFile(t *testing.T) {
	m := tables(t)
	delete(m, FileRegions)
	_, err := Load(m)
	var ie *dyad.InputError
	if !errors.As(err, &ie) || ie.Input != FileRegions || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want a missing %s", err, FileRegions)
	}
}

func TestLoadEmbeddedAgain(t *testing.T) {
	o, err := Load(tables(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.All()) != len(All()) {
		t.Errorf("loaded %d codes, default has %d", len(o.All()), len(All()))
	}
}

// FuzzLoad replaces one table with arbitrary bytes: Load must not panic, and
// what it accepts must be a consistent ontology.
func FuzzLoad(f *testing.F) {
	names := []string{FileCodes, FileQuads, FileTypes, FileModes, FileContexts, FileOld, FileRoles, FileRegions}
	base := tables(f)
	for i, n := range names {
		f.Add(uint8(i), base[n].Data)
	}
	f.Add(uint8(0), []byte("code\tname\n"))
	f.Add(uint8(0), []byte("#only a comment\n"))
	f.Add(uint8(1), []byte("root\tname\tquad\tphoenix_quad\n01\tX\t1\t0\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		o, err := Load(m)
		if err != nil {
			var ie *dyad.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InputError", err)
			}
			return
		}
		types := o.PLOVERTypes()
		for _, c := range o.All() {
			if c.Name == "" || c.QuadClass < 1 || c.QuadClass > 4 || c.Goldstein < -10 || c.Goldstein > 10 {
				t.Fatalf("accepted an incomplete code %+v", c)
			}
			if !containsString(types, c.PLOVERType) {
				t.Fatalf("code %s has unknown type %q", c.Code, c.PLOVERType)
			}
			if c.Parent != "" {
				if _, ok := o.Lookup(c.Parent); !ok {
					t.Fatalf("code %s has no parent", c.Code)
				}
			}
		}
	})
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func BenchmarkLoad(b *testing.B) {
	m := tables(b)
	for b.Loop() {
		if _, err := Load(m); err != nil {
			b.Fatal(err)
		}
	}
}
