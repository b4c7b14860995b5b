// Command gen regenerates the tables that package cameo embeds (cameo/data/*.tsv)
// from the public reference data sets in ../shared/data:
//
//   - cameo/cameo_codes.tsv: the CAMEO codebook (andybega/icews, MIT);
//   - cameo/gdelt_CAMEO.goldsteinscale.txt, type and region code lists (GDELT codebook);
//   - cameo/phoenix_goldstein_scale.tsv, phoenix_quadclass.tsv (Phoenix pipeline, MIT);
//   - plover/PLOVER_MANUAL.tex, CAMEO2PLOVER-2021.txt, plover_event_mode_scores.tsv,
//     plover_contexts.txt (openeventdata/PLOVER, CC BY-SA 4.0).
//
// Run it from the repository root:
//
//	go run ./cameo/gen [-data ../shared/data] [-out cameo/data]
//
// The output is deterministic: the same inputs always give byte-identical files.
// Every choice the generator makes where its sources disagree or fall silent is
// a table in this file with its reason, and is repeated in the headers of the
// files it writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "folder of the reference data sets")
	out := flag.String("out", filepath.Join("cameo", "data"), "folder to write the tables to")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	src, err := readSources(data)
	if err != nil {
		return err
	}
	tables, err := build(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, t := range tables {
		if err := t.write(filepath.Join(out, t.name)); err != nil {
			return err
		}
	}
	return nil
}
