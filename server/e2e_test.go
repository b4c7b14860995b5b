package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/sqlite"
)

var (
	coderOnce sync.Once
	coder     *pipeline.Pipeline
	coderErr  error
)

// realCoder returns dyad's pipeline, built once per test binary.
func realCoder(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	coderOnce.Do(func() { coder, coderErr = pipeline.New(pipeline.Options{}) })
	if coderErr != nil {
		t.Fatalf("the coder cannot be built: %v", coderErr)
	}
	return coder
}

// seeded is a real HTTP server over a temporary SQLite archive holding the
// seed article, stored through POST /api/articles with the real coder.
type seeded struct {
	s    *Server
	base string
	id   string
}

func newSeeded(t testing.TB) *seeded {
	t.Helper()
	raw, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), t.TempDir()+"/seed.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := New(st, realCoder(t), Options{Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	body, _ := json.Marshal(articleInput{Text: string(raw), Published: "2023-02-24", Source: "Mehr News Agency",
		Title: "Iran's FM to visit Moscow soon", URL: "https://en.mehrnews.com/news/198944/"})
	req, _ := http.NewRequest("POST", ts.URL+"/api/articles", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	var res ingestResult
	httpJSON(t, s, req, http.StatusCreated, &res)
	return &seeded{s: s, base: ts.URL, id: res.ID}
}

// httpJSON sends req over the network and checks the answer as getJSON does.
func httpJSON(t testing.TB, s *Server, req *http.Request, status int, v any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	checkBody(t, s, req.Method, req.URL.RequestURI(), resp.StatusCode, resp.Header, b, status, v)
}

func (sd *seeded) get(t testing.TB, target string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", sd.base+target, nil)
	httpJSON(t, sd.s, req, http.StatusOK, v)
}

// The seed article, coded by the real pipeline and stored through the API,
// comes back from every endpoint as ../shared/seed/EXPECTED.md describes.
// These are the acceptance checks of `dyad serve`: a failure here may be
// the coder's, so each check says what it expected.
func TestSeedEndToEnd(t *testing.T) {
	sd := newSeeded(t)
	id := sd.id

	t.Run("article", func(t *testing.T) {
		var d docJSON
		sd.get(t, "/api/articles/"+id, &d)
		raw, _ := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
		if dyad.ContentHash(d.Text) != dyad.ContentHash(string(raw)) {
			t.Errorf("stored text differs from the seed file")
		}
		if len(d.Sentences) != 21 {
			t.Errorf("%d sentences, want 21", len(d.Sentences))
		}
		if d.Article.Source != "Mehr News Agency" || d.Article.Published != "2023-02-24" {
			t.Errorf("article %+v", d.Article)
		}
		var arts list[dyad.ArticleRecord]
		sd.get(t, "/api/articles?text=drones&source=Mehr+News+Agency", &arts)
		if len(arts.Items) != 1 || arts.Items[0].ID != id {
			t.Errorf("search for drones: %+v", arts.Items)
		}
	})

	t.Run("vote 141/7/32", func(t *testing.T) {
		var votes list[dyad.VoteRecord]
		sd.get(t, "/api/votes?article="+id, &votes)
		var v *dyad.VoteRecord
		for i := range votes.Items {
			if votes.Items[i].Yes == 141 {
				v = &votes.Items[i]
			}
		}
		if v == nil {
			t.Fatalf("no vote of 141 yes: %+v", votes.Items)
		}
		if v.No != 7 || v.Abstain != 32 || !strings.HasPrefix(v.Body, "IGOUNO") {
			t.Errorf("vote %s %d/%d/%d, want IGOUNO 141/7/32", v.Body, v.Yes, v.No, v.Abstain)
		}
		var no, abstain []string
		for _, p := range v.Positions {
			switch p.Vote {
			case dyad.VoteNo:
				no = append(no, p.Country)
			case dyad.VoteAbstain:
				abstain = append(abstain, p.Country)
			}
		}
		slices.Sort(no)
		slices.Sort(abstain)
		if want := []string{"BLR", "ERI", "MLI", "NIC", "PRK", "RUS", "SYR"}; !slices.Equal(no, want) {
			t.Errorf("no: %v, want %v", no, want)
		}
		if want := []string{"CHN", "IND", "IRN", "ZAF"}; !slices.Equal(abstain, want) {
			t.Errorf("abstain: %v, want %v", abstain, want)
		}
		var byCountry list[dyad.VoteRecord]
		sd.get(t, "/api/votes?country=PRK&position=no", &byCountry)
		if len(byCountry.Items) != 1 {
			t.Errorf("votes where PRK voted no: %d, want 1", len(byCountry.Items))
		}
	})

	t.Run("IGOUNO condemns RUS", func(t *testing.T) {
		var evs list[dyad.EventRecord]
		sd.get(t, "/api/events?article="+id+"&source=IGOUNO&target=RUS&cameo=111", &evs)
		if len(evs.Items) == 0 {
			var all list[dyad.EventRecord]
			sd.get(t, "/api/events?article="+id+"&limit=1000", &all)
			t.Fatalf("no IGOUNO -> RUS 111 event; the article has %v", summariseEvents(all.Items))
		}
		e := evs.Items[0]
		if e.Modality != dyad.Asserted || e.Sentence != 14 || e.Date != "2023-02-23" || e.Rule == "" {
			t.Errorf("IGOUNO -> RUS 111: s%d %s dated %q rule %q; want s14, asserted, 2023-02-23", e.Sentence, e.Modality, e.Date, e.Rule)
		}
		if e.Location == nil || !strings.Contains(e.Location.Name, "New York") {
			t.Errorf("IGOUNO -> RUS 111 located %+v, want New York", e.Location)
		}
	})

	t.Run("Kanaani's quote", func(t *testing.T) {
		var qs list[dyad.QuoteRecord]
		sd.get(t, "/api/quotes?article="+id+"&direct=true", &qs)
		found := false
		for _, q := range qs.Items {
			if strings.Contains(q.Text, "Relations between Iran and Russia are dependent on the political desire of the two nations") {
				found = true
				if !strings.Contains(q.Speaker.Name, "Kanaani") || !strings.HasPrefix(q.Speaker.Code, "IRN") || q.Sentence != 4 {
					t.Errorf("the quote of s4 is given to %+v in s%d, want Nasser Kanaani (IRNGOV) in s4", q.Speaker, q.Sentence)
				}
			}
		}
		if !found {
			t.Errorf("no direct quote \"Relations between Iran and Russia ...\" among %d", len(qs.Items))
		}
		var byText list[dyad.QuoteRecord]
		sd.get(t, "/api/quotes?text=%22political+desire%22", &byText)
		if len(byText.Items) == 0 {
			t.Error("quote search for \"political desire\" found nothing")
		}
	})

	t.Run("IRN-RUS timeline", func(t *testing.T) {
		var tl timeline
		sd.get(t, "/api/dyads/IRN/RUS/timeline?interval=month", &tl)
		i := slices.IndexFunc(tl.Buckets, func(b bucket) bool { return b.Start == "2023-02-01" })
		if i < 0 {
			t.Fatalf("no February 2023 in the IRN-RUS timeline: %+v", tl.Buckets)
		}
		b := tl.Buckets[i]
		if b.AB.Quad[1] == 0 || b.BA.Quad[1] == 0 {
			t.Errorf("February 2023: material cooperation IRN->RUS %d, RUS->IRN %d; want both (062 of s2)", b.AB.Quad[1], b.BA.Quad[1])
		}
		if b.AB.Goldstein == nil || *b.AB.Goldstein <= 0 {
			t.Errorf("February 2023: IRN->RUS mean Goldstein %v, want cooperative (> 0)", b.AB.Goldstein)
		}
		// The drone supply is claimed and denied, never counted as happened.
		var claimed timeline
		sd.get(t, "/api/dyads/IRN/RUS/timeline?modality=claimed,denied", &claimed)
		if claimed.Total.AB.Quad[1] == 0 {
			t.Errorf("no claimed or denied IRN->RUS material cooperation (the drones): %+v", claimed.Total)
		}
		var all timeline
		sd.get(t, "/api/dyads/IRN/RUS/timeline?modality=all", &all)
		if all.Total.Both.Events < tl.Total.Both.Events+claimed.Total.Both.Events {
			t.Errorf("all modalities %d < happened %d + claimed or denied %d", all.Total.Both.Events, tl.Total.Both.Events, claimed.Total.Both.Events)
		}
	})

	t.Run("claim thread", func(t *testing.T) {
		var cs list[claimRecord]
		sd.get(t, "/api/claims?article="+id, &cs)
		ok := false
		for _, c := range cs.Items {
			if !strings.HasPrefix(c.Proposition.Source, "IRN") || !strings.HasPrefix(c.Proposition.Target, "RUS") || !strings.HasPrefix(c.Proposition.CAMEO, "07") {
				continue
			}
			var assert, deny bool
			for _, st := range c.Stances {
				assert = assert || st.Stance == dyad.StanceAssert && strings.HasPrefix(st.Code, "WST")
				deny = deny || st.Stance == dyad.StanceDeny && strings.HasPrefix(st.Code, "IRN")
			}
			ok = assert && deny
		}
		if !ok {
			t.Errorf("no claim IRN->RUS 07x asserted by WST and denied by IRN: %+v", cs.Items)
		}
	})

	t.Run("actors and network", func(t *testing.T) {
		var as list[dyad.ActorRecord]
		sd.get(t, "/api/actors?article="+id+"&kind=person", &as)
		i := slices.IndexFunc(as.Items, func(a dyad.ActorRecord) bool { return strings.Contains(a.Name, "Kanaani") })
		if i < 0 {
			t.Fatalf("no person Kanaani among %d", len(as.Items))
		}
		if k := as.Items[i]; !strings.HasPrefix(k.Code, "IRN") || len(k.Mentions) < 4 || !strings.Contains(strings.ToLower(k.Office), "spokesman") {
			t.Errorf("Kanaani: code %s, %d mentions, office %q", k.Code, len(k.Mentions), k.Office)
		}
		var n network
		sd.get(t, "/api/network?from=2023-01-01", &n)
		edges := map[string]bool{}
		for _, e := range n.Edges {
			edges[e.Source+">"+e.Target] = true
		}
		for _, want := range []string{"IRN>RUS", "IGOUNO>RUS", "WST>IRN"} {
			if !edges[want] {
				t.Errorf("network lacks %s: %v", want, edges)
			}
		}
	})
}

func summariseEvents(evs []dyad.EventRecord) []string {
	var out []string
	for _, e := range evs {
		out = append(out, "s"+strconv.Itoa(e.Sentence)+" "+eventKey(e.Event))
	}
	return out
}
