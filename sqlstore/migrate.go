package sqlstore

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered step of a store's schema.
type Migration struct {
	Version int
	Name    string // the file's name
	SQL     string
}

// Migrations reads the files NNNN_name.sql of the folder dir of fsys in
// version order and checks that the versions run 1, 2, 3, ... without gaps.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// Version returns the schema version that the migrations of dir in fsys
// bring a store to: the number of the last. They are embedded in the
// program, so an error is a programmer's and panics.
func Version(fsys fs.FS, dir string) int {
	ms, err := Migrations(fsys, dir)
	if err != nil {
		panic(err)
	}
	return len(ms)
}
