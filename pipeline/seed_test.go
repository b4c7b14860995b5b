package pipeline_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/pipeline"
)

// seedDoc codes the seed article of ../shared/seed once per test binary.
func seedDoc(t *testing.T) *dyad.Doc {
	t.Helper()
	text, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := newPipeline(t, pipeline.Options{})
	d, err := p.Code(context.Background(), dyad.Article{Published: "2023-02-24", Source: "Mehr News Agency"}, text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The acceptance checks of ../shared/seed/EXPECTED.md, one table row each.
func TestSeedEvents(t *testing.T) {
	d := seedDoc(t)
	if len(d.Sentences) != 21 {
		t.Fatalf("%d sentences, want 21", len(d.Sentences))
	}
	type want struct {
		sentence int
		src, tgt string   // code prefixes (country level is enough)
		codes    []string // acceptable CAMEO codes or roots ("19" = any 19x)
		modality []dyad.Modality
		gap      string // a known gap: logged with its reason, not failed
	}
	rows := []want{
		{1, "IRN", "RUS", []string{"036", "042"}, []dyad.Modality{dyad.Planned}, ""},
		{2, "IRN", "RUS", []string{"062"}, []dyad.Modality{dyad.Historical}, ""},
		{2, "RUS", "IRN", []string{"062"}, []dyad.Modality{dyad.Historical}, ""},
		{5, "IRN", "RUS", []string{"062"}, []dyad.Modality{dyad.Historical}, ""},
		{6, "RUS", "UKR", []string{"190", "193", "195"}, []dyad.Modality{dyad.Historical},
			"the parser makes 'launched' a conjunct of 'came' with no subject of its own"},
		{7, "RUS", "UKR", []string{"112", "1121", "1122", "1123", "1124"}, []dyad.Modality{dyad.Asserted}, ""},
		{8, "WST", "IRN", []string{"112"}, []dyad.Modality{dyad.Asserted}, ""},
		{8, "IRN", "RUS", []string{"07"}, []dyad.Modality{dyad.Claimed}, ""},
		{9, "IRN", "WST", []string{"016"}, []dyad.Modality{dyad.Asserted}, ""},
		{9, "IRN", "RUS", []string{"07"}, []dyad.Modality{dyad.Denied}, ""},
		{10, "IRN", "WST", []string{"111", "112", "016"}, []dyad.Modality{dyad.Asserted}, ""},
		{14, "IGOUNO", "RUS", []string{"111"}, []dyad.Modality{dyad.Asserted}, ""},
		{14, "RUS", "UKR", []string{"19"}, []dyad.Modality{dyad.Historical}, ""}, // "Russia's invasion of Ukraine a year ago"
		{15, "IGOUNO", "RUS", []string{"10"}, []dyad.Modality{dyad.Asserted}, ""},
		{19, "UKR", "RUS", []string{"1123", "111", "10"}, []dyad.Modality{dyad.Asserted}, ""},
	}
	for _, w := range rows {
		found := false
		for _, e := range d.Events {
			if e.Sentence != w.sentence || !strings.HasPrefix(e.Source.Code, w.src) || !strings.HasPrefix(e.Target.Code, w.tgt) {
				continue
			}
			okCode := slices.ContainsFunc(w.codes, func(c string) bool {
				return e.CAMEO == c || len(c) == 2 && strings.HasPrefix(e.CAMEO, c)
			})
			if okCode && slices.Contains(w.modality, e.Modality) {
				found = true
			}
		}
		if w.gap != "" {
			if found {
				t.Logf("s%d: known gap now works, drop it: %s", w.sentence, w.gap)
			} else {
				t.Logf("s%d: known gap (%s): no %s -> %s %v", w.sentence, w.gap, w.src, w.tgt, w.codes)
			}
			continue
		}
		if !found {
			t.Errorf("s%d: no %s -> %s %v %v event; s%d has %v", w.sentence, w.src, w.tgt, w.codes, w.modality, w.sentence, eventsIn(d, w.sentence))
		}
	}
	for _, e := range d.Events {
		if e.Sentence == 21 {
			t.Errorf("event in the licence notice: %+v", e)
		}
		if strings.HasPrefix(e.Source.Code, "IRN") && strings.HasPrefix(e.Target.Code, "RUS") && strings.HasPrefix(e.CAMEO, "07") && e.Modality == dyad.Asserted {
			t.Errorf("s%d: the drone supply is asserted, but it is only claimed and denied: %+v", e.Sentence, e)
		}
		if e.Rule == "" || e.CAMEOName == "" || e.QuadClass == 0 || e.PLOVER.Type == "" {
			t.Errorf("event without rule, name, quad class or PLOVER type: %+v", e)
		}
	}
	// s14 happened in New York on Thursday 2023-02-23; the invasion it
	// condemns a year before.
	for _, e := range d.Events {
		if e.Sentence == 14 && strings.HasPrefix(e.CAMEO, "19") && e.Date != "2022-02-24" {
			t.Errorf("s14 invasion dated %q, want 2022-02-24", e.Date)
		}
		if e.Sentence == 14 && e.CAMEO == "111" {
			if e.Date != "2023-02-23" {
				t.Errorf("s14 111 dated %q, want 2023-02-23", e.Date)
			}
			if e.Location == nil || !strings.Contains(e.Location.Name, "New York") {
				t.Errorf("s14 111 located %+v, want New York", e.Location)
			}
		}
	}
}

// Reported speech carries its speaker.
func TestSeedAttribution(t *testing.T) {
	d := seedDoc(t)
	kanaani := actorNamed(d, "Kanaani")
	if kanaani == nil {
		t.Fatalf("no actor named Kanaani among %v", actorNames(d))
	}
	for _, s := range []int{2, 5} {
		ok := false
		for _, e := range d.Events {
			ok = ok || e.Sentence == s && e.AttributedTo == kanaani.ID
		}
		if !ok {
			t.Errorf("s%d: no event attributed to Kanaani: %v", s, eventsIn(d, s))
		}
	}
}

// The accusation, its proposition and its denials form one claim thread.
func TestSeedClaim(t *testing.T) {
	d := seedDoc(t)
	var c *dyad.Claim
	for i := range d.Claims {
		p := d.Claims[i].Proposition
		if strings.HasPrefix(p.Source, "IRN") && strings.HasPrefix(p.Target, "RUS") && strings.HasPrefix(p.CAMEO, "07") {
			c = &d.Claims[i]
		}
	}
	if c == nil {
		t.Fatalf("no claim IRN -> RUS 07x among %+v", d.Claims)
	}
	var assert, deny bool
	for _, s := range c.Stances {
		assert = assert || s.Stance == dyad.StanceAssert && strings.HasPrefix(s.Code, "WST")
		deny = deny || s.Stance == dyad.StanceDeny && strings.HasPrefix(s.Code, "IRN")
	}
	if !assert || !deny {
		t.Errorf("claim stances %+v: want WST assert and IRN deny", c.Stances)
	}
}

func TestSeedMetadata(t *testing.T) {
	d := seedDoc(t)
	a := d.Article
	if a.License != "CC-BY-4.0" || a.Dateline != "TEHRAN" || a.Published != "2023-02-24" || a.Source != "Mehr News Agency" {
		t.Errorf("article = %+v", a)
	}
}

func eventsIn(d *dyad.Doc, s int) []string {
	var out []string
	for _, e := range d.Events {
		if e.Sentence == s {
			out = append(out, e.Source.Code+">"+e.Target.Code+" "+e.CAMEO+" "+string(e.Modality)+" ["+e.Rule+"]")
		}
	}
	return out
}

func actorNamed(d *dyad.Doc, name string) *dyad.Actor {
	for i := range d.Actors {
		if strings.Contains(d.Actors[i].Name, name) {
			return &d.Actors[i]
		}
	}
	return nil
}

func actorNames(d *dyad.Doc) []string {
	var out []string
	for _, a := range d.Actors {
		out = append(out, a.Name+"="+a.Code)
	}
	return out
}
