package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
)

// GDELTColumns are the 61 columns of a GDELT 2.0 event table, in order.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// Indexes of GDELTColumns that the writer fills.
const (
	gID = iota
	gDay
	gMonthYear
	gYear
	gFraction
	gActor1 // Code; the actor's ten columns follow
)

const (
	gActor2      = gActor1 + 10
	gIsRoot      = gActor2 + 10
	gEventCode   = gIsRoot + 1
	gBaseCode    = gIsRoot + 2
	gRootCode    = gIsRoot + 3
	gQuadClass   = gIsRoot + 4
	gGoldstein   = gIsRoot + 5
	gNumMentions = gIsRoot + 6
	gNumSources  = gIsRoot + 7
	gNumArticles = gIsRoot + 8
	gActionGeo   = gIsRoot + 10 + 2*8 // Type; FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID follow
	gSourceURL   = gActionGeo + 9
)

// GDELTWriter writes a GDELT 2.0 event table.
type GDELTWriter struct {
	w      *bufio.Writer
	header bool
	row    []string
}

// NewGDELT returns a writer of GDELT 2.0 event rows to w, with a header
// line of GDELTColumns first when header is set.
func NewGDELT(w io.Writer, header bool) *GDELTWriter {
	return &GDELTWriter{w: bufio.NewWriter(w), header: header, row: make([]string, len(GDELTColumns))}
}

// Write writes one event as one row.
func (g *GDELTWriter) Write(e Event) error {
	if g.header {
		g.header = false
		if err := g.line(GDELTColumns); err != nil {
			return err
		}
	}
	GDELTRow(g.row, e)
	return g.line(g.row)
}

// Flush writes what is buffered.
func (g *GDELTWriter) Flush() error {
	if g.header {
		g.header = false
		if err := g.line(GDELTColumns); err != nil {
			return err
		}
	}
	return g.w.Flush()
}

func (g *GDELTWriter) line(cells []string) error {
	for i, c := range cells {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		g.w.WriteString(c)
	}
	_, err := g.w.WriteString("\n")
	return err
}

// GDELTRow fills row (of len(GDELTColumns) cells) with the GDELT columns of
// e; see the package doc for the mapping.
func GDELTRow(row []string, e Event) {
	clear(row)
	d := e.Doc
	row[gID] = strconv.FormatUint(GlobalEventID(e.ArticleID, e.ID), 10)
	date, precision := e.Date, e.DatePrecision
	if date == "" {
		date, precision = e.Published, dyad.PrecisionDay
	}
	switch {
	case precision == dyad.PrecisionDay && len(date) == 10:
		if t, err := time.Parse(time.DateOnly, date); err == nil {
			row[gDay] = t.Format("20060102")
			row[gMonthYear] = t.Format("200601")
			row[gYear] = t.Format("2006")
			row[gFraction] = fractionDate(t)
		}
	case precision == dyad.PrecisionMonth && len(date) == 7:
		if t, err := time.Parse("2006-01", date); err == nil {
			row[gMonthYear] = t.Format("200601")
			row[gYear] = t.Format("2006")
		}
	case precision == dyad.PrecisionYear && len(date) == 4:
		if _, err := strconv.Atoi(date); err == nil {
			row[gYear] = date
		}
	}
	gdeltActor(row[gActor1:gActor2], d, e.Source)
	gdeltActor(row[gActor2:gIsRoot], d, e.Target)
	if e.Sentence == 1 {
		row[gIsRoot] = "1"
	} else {
		row[gIsRoot] = "0"
	}
	row[gEventCode] = e.CAMEO
	if len(e.CAMEO) >= 3 {
		row[gBaseCode] = e.CAMEO[:3]
	} else {
		row[gBaseCode] = e.CAMEO
	}
	row[gRootCode] = cameo.Root(e.CAMEO)
	row[gQuadClass] = strconv.Itoa(e.QuadClass)
	row[gGoldstein] = strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	row[gNumMentions], row[gNumSources], row[gNumArticles] = "1", "1", "1"
	if loc := e.Location; loc != nil {
		geo := row[gActionGeo : gActionGeo+8]
		switch {
		case loc.Lat != nil && loc.Lon != nil:
			geo[0] = "4" // WORLDCITY
			if loc.Country == "USA" {
				geo[0] = "3" // USCITY
			}
			geo[5] = strconv.FormatFloat(*loc.Lat, 'f', 4, 64)
			geo[6] = strconv.FormatFloat(*loc.Lon, 'f', 4, 64)
		case loc.Country != "":
			geo[0] = "1" // COUNTRY
		}
		geo[1] = oneLine(loc.Name)
	}
	if d != nil {
		row[gSourceURL] = oneLine(d.Article.URL)
		if row[gSourceURL] == "" {
			row[gSourceURL] = oneLine(d.Article.Source)
		}
	}
}

// fractionDate is GDELT's YYYY.FFFF: the year and the share of it gone by
// on day t, as day of year / (days in the year + 1), so that 1 January is
// .0027 as in GDELT and 31 December stays in its year.
func fractionDate(t time.Time) string {
	days := time.Date(t.Year(), 12, 31, 0, 0, 0, 0, time.UTC).YearDay()
	frac := float64(t.YearDay()) / float64(days+1)
	return strconv.FormatFloat(float64(t.Year())+frac, 'f', 4, 64)
}

// GlobalEventID returns the GDELT event id of event id of article: the
// first 63 bits of the SHA-256 of "article/id", so that it stays the same
// from export to export.
func GlobalEventID(article, id string) uint64 {
	sum := sha256.Sum256([]byte(article + "/" + id))
	return binary.BigEndian.Uint64(sum[:8]) >> 1
}

// internationalTypes are the CAMEO types that begin the code of an actor
// with no country; the part after them names the organisation.
var internationalTypes = map[string]bool{"IGO": true, "IMG": true, "INT": true, "MNC": true, "NGM": true, "NGO": true}

// gdeltActor fills the ten actor columns (Code, Name, CountryCode,
// KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1Code to
// Type3Code) of a participant.
func gdeltActor(cols []string, d *dyad.Doc, p dyad.Participant) {
	cols[0] = p.Code
	if a := actorOf(d, p.Actor); a != nil {
		cols[1] = strings.ToUpper(oneLine(a.Name))
	}
	parts := codeParts(p.Code)
	if len(parts) == 0 {
		return
	}
	var types []string
	rest := parts[1:]
	if internationalTypes[parts[0]] {
		types = append(types, parts[0])
		if len(rest) > 0 {
			cols[3] = rest[0]
			rest = rest[1:]
		}
	} else {
		cols[2] = parts[0]
	}
	for _, r := range rest {
		if _, ok := cameo.ActorRole(r); ok && len(r) == 3 {
			types = append(types, r)
		} else if cols[3] == "" {
			cols[3] = r
		}
	}
	for i := 0; i < len(types) && i < 3; i++ {
		cols[7+i] = types[i]
	}
}
