package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
)

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestCodeSeedJSON(t *testing.T) {
	seed := dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt")
	code, out, stderr := run(t, "", "code", "--published", "2023-02-24", "--source", "Mehr News Agency", seed)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var d dyad.Doc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("output is not one document: %v", err)
	}
	if len(d.Sentences) != 21 || len(d.Events) == 0 || d.Article.License != "CC-BY-4.0" {
		t.Errorf("sentences %d, events %d, licence %q", len(d.Sentences), len(d.Events), d.Article.License)
	}
	// Determinism: the same input gives byte-identical JSON.
	_, again, _ := run(t, "", "code", "--published", "2023-02-24", "--source", "Mehr News Agency", seed)
	if again != out {
		t.Error("two runs over the same input differ")
	}
	// The triples view.
	_, tri, _ := run(t, "", "code", "--published", "2023-02-24", "--format", "triples", seed)
	for _, line := range strings.Split(strings.TrimSpace(tri), "\n") {
		if len(strings.Split(line, "\t")) != 5 {
			t.Errorf("triples line %q has not 5 fields", line)
		}
	}
}

func TestCodeBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("garbage.bin", bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe, 7}, 2000))
	invalid := write("latin1.txt", []byte("Le pr\xe9sident fran\xe7ais a condamn\xe9 la Russie. Paris criticized Moscow."))
	good := write("good.txt", []byte("France condemned Russia on Monday."))
	code, out, stderr := run(t, "", "code", "--published", "2024-01-10", "--format", "jsonl", empty, binary, invalid, good)
	if code != cli.ExitFailed {
		t.Errorf("exit %d, want %d (some inputs failed)", code, cli.ExitFailed)
	}
	for _, name := range []string{"empty.txt", "garbage.bin"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d documents printed, want 2 (latin1 repaired, good):\n%s", n, out)
	}
}

func TestCodeHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "line.txt")
	line := bytes.Repeat([]byte("word, "), 50<<20/6)
	if err := os.WriteFile(p, line, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "code", "--format", "jsonl", p)
	if code != cli.ExitOK && code != cli.ExitFailed {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code == cli.ExitOK {
		var d dyad.Doc
		if err := json.Unmarshal([]byte(out), &d); err != nil || len(d.Events) != 0 {
			t.Errorf("a 50 MB line of words gave %v events (err %v)", len(d.Events), err)
		}
	}
}
