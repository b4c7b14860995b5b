package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
)

// TestCodeVerbs codes a sentence with the PETRARCH validation dictionaries:
// the verb dictionary replaces dyad's event rules, and the event names the
// dictionary's line.
func TestCodeVerbs(t *testing.T) {
	dir := dyadtest.Shared(t, "data/petrarch")
	args := []string{"code", "--published", "1995-01-01", "--dict-only",
		"--dict", filepath.Join(dir, "PETR.Validate.actors.txt"), "--dict", filepath.Join(dir, "PETR.Validate.agents.txt"),
		"--verbs", filepath.Join(dir, "PETR.Validate.verbs.txt")}
	text := "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."
	code, out, stderr := run(t, text, append(args, "--format", "triples")...)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "1\tARN\tGON\t064\tasserted\n"; out != want {
		t.Errorf("triples %q, want %q", out, want)
	}
	_, table, _ := run(t, text, append(args, "--format", "table")...)
	if !strings.Contains(table, "PETR.Validate.verbs.txt:") {
		t.Errorf("the table does not name the dictionary's line:\n%s", table)
	}
	// The verb dictionary replaces the event rules: both at once is an error.
	rules := filepath.Join(t.TempDir(), "x.rules")
	if err := os.WriteFile(rules, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, text, append(args, "--rules", rules)...); code == cli.ExitOK || !strings.Contains(stderr, "--rules and --verbs") {
		t.Errorf("--rules with --verbs: exit %d, %s", code, stderr)
	}
	if code, _, _ := run(t, text, "code", "--verbs", filepath.Join(dir, "no-such.verbs")); code == cli.ExitOK {
		t.Error("--verbs of a missing file: exit 0")
	}
}
