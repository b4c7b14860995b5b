package actor_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/tokenize"
)

var (
	builtinOnce sync.Once
	builtin     *actor.Resolver
	builtinErr  error
)

func resolver(t testing.TB) *actor.Resolver {
	t.Helper()
	builtinOnce.Do(func() { builtin, builtinErr = actor.New(actor.Options{}) })
	if builtinErr != nil {
		t.Fatal(builtinErr)
	}
	return builtin
}

// annotate tokenizes text and resolves its actors on date.
func annotate(t testing.TB, r *actor.Resolver, text, date string) *dyad.Doc {
	t.Helper()
	d := &dyad.Doc{Text: text, Article: dyad.Article{ID: "t", Published: date}}
	if err := tokenize.New().Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := r.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// mentionLines renders every mention as "text -> actor name code (mention code) rule".
func mentionLines(d *dyad.Doc) []string {
	var out []string
	for _, a := range d.Actors {
		for _, m := range a.Mentions {
			code := a.Code
			if m.Code != "" {
				code = m.Code
			}
			out = append(out, fmt.Sprintf("s%d %s -> %s %s %s", m.Sentence, m.Text, a.Name, code, m.Rule))
		}
	}
	return out
}

func has(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func TestDatedResolution(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		phrase, date string
		want         actor.Match
	}{
		// Before, during and after an office.
		{"Dmytro Kuleba", "2019-06-01", actor.Match{Name: "Dmytro Kuleba", Code: "UKR", Country: "UKR", Kind: dyad.KindPerson, Rule: "actor.person.known"}},
		{"Dmytro Kuleba", "2023-02-24", actor.Match{Name: "Dmytro Kuleba", Code: "UKRGOV", Country: "UKR", Sector: "GOV", Kind: dyad.KindPerson, Office: "foreign minister", Rule: "actor.person.known"}},
		{"Dmytro Kuleba", "2025-01-01", actor.Match{Name: "Dmytro Kuleba", Code: "UKRELI", Country: "UKR", Sector: "ELI", Kind: dyad.KindPerson, Rule: "actor.person.known"}},
		// The same name in two offices of two bodies.
		{"Mark Rutte", "2015-03-01", actor.Match{Name: "Mark Rutte", Code: "NLDGOV", Country: "NLD", Sector: "GOV", Kind: dyad.KindPerson, Office: "prime minister", Rule: "actor.person.known"}},
		{"Mark Rutte", "2025-03-01", actor.Match{Name: "Mark Rutte", Code: "IGOWSTNAT", Kind: dyad.KindPerson, Office: "secretary general", Rule: "actor.person.known"}},
		// Terms that end and start on one day: the later one holds.
		{"Hossein Amir-Abdollahian", "2024-05-19", actor.Match{Name: "Hossein Amir-Abdollahian", Code: "IRNGOV", Country: "IRN", Sector: "GOV", Kind: dyad.KindPerson, Office: "foreign minister", Rule: "actor.person.known"}},
		{"Vladimir Putin", "2010-01-01", actor.Match{Name: "Vladimir Putin", Code: "RUSGOV", Country: "RUS", Sector: "GOV", Kind: dyad.KindPerson, Office: "prime minister", Rule: "actor.person.known"}},
		{"Vladimir Putin", "2023-02-24", actor.Match{Name: "Vladimir Putin", Code: "RUSGOV", Country: "RUS", Sector: "GOV", Kind: dyad.KindPerson, Office: "president", Rule: "actor.person.known"}},
		// A surname alone is a person only while in office.
		{"Kuleba", "2023-02-24", actor.Match{Name: "Dmytro Kuleba", Code: "UKRGOV", Country: "UKR", Sector: "GOV", Kind: dyad.KindPerson, Office: "foreign minister", Rule: "actor.person.surname"}},
		// No date: the latest office.
		{"Nasser Kanaani", "", actor.Match{Name: "Nasser Kanaani", Code: "IRNGOV", Country: "IRN", Sector: "GOV", Kind: dyad.KindPerson, Office: "foreign ministry spokesman", Rule: "actor.person.known"}},
		// Dated organisation codes.
		{"the Taliban", "2020-01-01", actor.Match{Name: "Taliban", Code: "AFGREB", Country: "AFG", Sector: "REB", Kind: dyad.KindGroup, Rule: "actor.org.name"}},
		{"the Taliban", "2022-01-01", actor.Match{Name: "Taliban", Code: "AFGGOV", Country: "AFG", Sector: "GOV", Kind: dyad.KindGroup, Rule: "actor.org.name"}},
	}
	for _, tt := range tests {
		got, ok := r.Lookup(tt.phrase, tt.date)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tt.phrase, tt.date)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q, %q) (-want +got):\n%s", tt.phrase, tt.date, diff)
		}
	}
	if m, ok := r.Lookup("Kuleba", "2010-01-01"); ok {
		t.Errorf("Lookup(Kuleba, 2010) = %+v; a surname out of office should not match", m)
	}
}

func TestNameVariants(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		phrase, code, rule string
	}{
		{"Kiev", "UKRGOV", "actor.capital.government"},
		{"Kyiv", "UKRGOV", "actor.capital.government"},
		{"Burma", "MMR", "actor.country.name"},
		{"Myanmar", "MMR", "actor.country.name"},
		{"Ivory Coast", "CIV", "actor.country.name"},
		{"Côte d'Ivoire", "CIV", "actor.country.name"},
		{"Cote d’Ivoire", "CIV", "actor.country.name"},
		{"the Russian Federation", "RUS", "actor.country.name"},
		{"U.S.", "USA", "actor.country.name"},
		{"the United States", "USA", "actor.country.name"},
		{"Britain", "GBR", "actor.country.name"},
		{"Turkiye", "TUR", "actor.country.name"},
		{"Türkiye", "TUR", "actor.country.name"},
		{"Iranian officials", "IRNGOV", "actor.demonym.role"},
		{"the Russian officials", "RUSGOV", "actor.demonym.role"},
		{"Russian troops", "RUSMIL", "actor.demonym.role"},
		{"US officials", "USAGOV", "actor.country.role"},
		{"Iran's Foreign Ministry", "IRNGOV", "actor.country.role"},
		{"Moscow", "RUSGOV", "actor.capital.government"},
		{"the Kremlin", "RUSGOV", "actor.org.name"},
		{"Western nations", "WST", "actor.group.name"},
		{"the West", "WST", "actor.group.name"},
		{"UN General Assembly", "IGOUNO", "actor.org.name"},
		{"Nato", "IGOWSTNAT", "actor.org.name"},
		{"NATO", "IGOWSTNAT", "actor.org.name"},
		{"WHO", "IGOUNOHLHWHO", "actor.org.name"},
		{"Sputnik", "RUSMED", "actor.org.name"},
		{"Mehr News Agency", "IRNMED", "actor.org.name"},
		{"Russians", "RUS", "actor.demonym.people"},
	}
	for _, tt := range tests {
		got, ok := r.Lookup(tt.phrase, "2023-02-24")
		if !ok || got.Code != tt.code || got.Rule != tt.rule {
			t.Errorf("Lookup(%q) = %q %q, %v; want %q %q", tt.phrase, got.Code, got.Rule, ok, tt.code, tt.rule)
		}
	}
	// Words that must not be read as actors.
	for _, phrase := range []string{"who", "us", "turkey", "china", "the military"} {
		if m, ok := r.Lookup(phrase, "2023-02-24"); ok {
			t.Errorf("Lookup(%q) = %+v, want nothing", phrase, m)
		}
	}
}

func TestPlace(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		name, country string
		position      bool
	}{
		{"Moscow", "RUS", true},
		{"New York", "USA", false},
		{"eastern Ukraine", "UKR", false},
		{"the West Bank", "PSE", false},
		{"Mumbai", "IND", true},
		{"Ukraine", "UKR", false},
	}
	for _, tt := range tests {
		loc, ok := r.Place(tt.name)
		if !ok || loc.Country != tt.country || (loc.Lat != nil) != tt.position {
			t.Errorf("Place(%q) = %+v, %v; want country %s, position %v", tt.name, loc, ok, tt.country, tt.position)
		}
	}
	if loc, ok := r.Place("Sputnik"); ok {
		t.Errorf("Place(Sputnik) = %+v, want none", loc)
	}
}

func TestCoreference(t *testing.T) {
	r := resolver(t)
	tests := []struct {
		name, text string
		want       []string // lines that must be among the mentions
		not        []string // lines that must not
	}{
		{"pronoun he after a title",
			"Russian Foreign Minister Sergei Lavrov arrived in Ankara on Monday. He met Turkish officials.",
			[]string{"s1 Russian Foreign Minister Sergei Lavrov -> Sergei Lavrov RUSGOV actor.title.apposition",
				"s2 He -> Sergei Lavrov RUSGOV coref.pronoun",
				"s2 Turkish officials -> Türkiye TURGOV actor.demonym.role"}, nil},
		{"pronoun she by gender",
			"German Foreign Minister Annalena Baerbock met Sergei Lavrov in Moscow. She said talks were hard.",
			[]string{"s2 She -> Annalena Baerbock DEUGOV coref.pronoun",
				"s1 Moscow -> Russia RUS actor.capital.place"},
			[]string{"s2 She -> Sergei Lavrov RUSGOV coref.pronoun"}},
		{"it after an organisation",
			"The UN Security Council met on Monday. It called for a ceasefire.",
			[]string{"s2 It -> UN Security Council IGOUNO coref.pronoun"}, nil},
		{"it inside the sentence, skipping a pair",
			"Tehran denied the charge, saying it had sent no drones to Russia or Ukraine.",
			[]string{"s1 it -> Iran IRNGOV coref.pronoun"}, nil},
		{"they after a group",
			"Western nations imposed new sanctions. They said more would follow.",
			[]string{"s2 They -> the West WST coref.pronoun"}, nil},
		{"title description",
			"Iran's Foreign Minister Hossein Amir Abdollahian met Nasser Kanaani in Tehran. The minister said the talks went well.",
			[]string{"s2 The minister -> Hossein Amir-Abdollahian IRNGOV coref.title",
				"s1 Tehran -> Iran IRN actor.capital.place"},
			[]string{"s2 The minister -> Nasser Kanaani IRNGOV coref.title"}},
		{"spokesman description",
			"Iran's Foreign Minister Hossein Amir Abdollahian met Nasser Kanaani. The spokesman said the talks went well.",
			[]string{"s2 The spokesman -> Nasser Kanaani IRNGOV coref.title"}, nil},
		{"generic official description",
			"Ukrainian Foreign Minister Dmytro Kuleba spoke on Friday. The official stated that aid would come.",
			[]string{"s2 The official -> Dmytro Kuleba UKRGOV coref.title"}, nil},
		{"definite country",
			"Russia launched the invasion a year ago. The war in the country has not stopped.",
			[]string{"s2 the country -> Russia RUS coref.definite"}, nil},
		{"demonstrative and relative plural",
			"Western nations accuse Iran. Those who accuse Iran sell arms themselves, and these powers want war.",
			[]string{"s2 Those -> the West WST coref.relative", "s2 these powers -> the West WST coref.demonstrative"}, nil},
		{"surname after a full name",
			"Iranian Foreign Ministry spokesman Nasser Kanaani spoke on Friday. Kanaani said relations were good.",
			[]string{"s2 Kanaani -> Nasser Kanaani IRNGOV actor.person.surname"}, nil},
		{"unknown person with a title, then by surname",
			"Ukrainian Deputy Defence Minister Ivan Petrenko visited Poland. Petrenko said he was satisfied.",
			[]string{"s1 Ukrainian Deputy Defence Minister Ivan Petrenko -> Ivan Petrenko UKRGOV actor.title.apposition",
				"s2 Petrenko -> Ivan Petrenko UKRGOV actor.person.surname",
				"s2 he -> Ivan Petrenko UKRGOV coref.pronoun"}, nil},
		{"apposition after an unknown name",
			"Olena Marchenko, the Ukrainian foreign ministry spokeswoman, said talks would resume.",
			[]string{"s1 Olena Marchenko -> Olena Marchenko UKRGOV actor.title.apposition"}, nil},
		{"it blocked by a plain noun",
			"The official stated that although there has always been goodwill between Iran and Ukraine, it has suffered since last year.",
			nil,
			[]string{"s1 it -> Iran IRN coref.pronoun", "s1 it -> Ukraine UKR coref.pronoun"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(t, r, tt.text, "2023-02-24")
			got := mentionLines(d)
			for _, w := range tt.want {
				if !has(got, w) {
					t.Errorf("missing %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, w := range tt.not {
				if has(got, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}

func TestTitles(t *testing.T) {
	r := resolver(t)
	tests := []struct{ text, date, want string }{
		{"Former Iranian President Hassan Rouhani criticised the deal.", "2023-10-10",
			"s1 Former Iranian President Hassan Rouhani -> Hassan Rouhani IRNELI actor.title.apposition"},
		{"Former Ukrainian Defence Minister Ivan Petrenko spoke.", "2023-10-10",
			"s1 Former Ukrainian Defence Minister Ivan Petrenko -> Ivan Petrenko UKRELI actor.title.apposition"},
		{"Chinese Foreign Ministry spokeswoman Mao Ning told a briefing in Beijing.", "2023-10-10",
			"s1 Chinese Foreign Ministry spokeswoman Mao Ning -> Mao Ning CHNGOV actor.title.apposition"},
		{"Hamas fighters attacked Israeli troops.", "2023-10-10", "s1 Hamas fighters -> Hamas PSEREB actor.org.name"},
		{"Hamas fighters attacked Israeli troops.", "2023-10-10", "s1 Israeli troops -> Israel ISRMIL actor.demonym.role"},
		{"NATO Secretary General Jens Stoltenberg met him.", "2023-10-10",
			"s1 NATO Secretary General Jens Stoltenberg -> Jens Stoltenberg IGOWSTNAT actor.title.apposition"},
		{"Putin met Xi in Beijing.", "2023-10-10", "s1 Xi -> Xi Jinping CHNGOV actor.person.surname"},
		{"Moscow's position is clear, the Kremlin said.", "2023-10-10", "s1 Moscow -> Russia RUSGOV actor.capital.government"},
		{"The Iranian government denied it.", "2023-10-10", "s1 The Iranian government -> Iran IRNGOV actor.demonym.role"},
	}
	for _, tt := range tests {
		got := mentionLines(annotate(t, r, tt.text, tt.date))
		if !has(got, tt.want) {
			t.Errorf("%q: missing %q; got:\n%s", tt.text, tt.want, strings.Join(got, "\n"))
		}
	}
}

func TestMentionAt(t *testing.T) {
	r := resolver(t)
	d := annotate(t, r, "Ukrainian Foreign Minister Dmytro Kuleba said Moscow must leave.", "2023-02-24")
	start := strings.Index(d.Text, "Kuleba")
	a, m := actor.MentionAt(d, dyad.Span{Start: start, End: start + len("Kuleba")})
	if a == nil || a.Name != "Dmytro Kuleba" || m.Text != "Ukrainian Foreign Minister Dmytro Kuleba" {
		t.Fatalf("MentionAt(Kuleba) = %+v, %+v", a, m)
	}
	start = strings.Index(d.Text, "Moscow")
	a, m = actor.MentionAt(d, dyad.Span{Start: start, End: start + 6})
	if a == nil || actor.CodeOf(a, m) != "RUSGOV" {
		t.Fatalf("MentionAt(Moscow) = %+v, %+v; want RUSGOV", a, m)
	}
	start = strings.Index(d.Text, "leave")
	if a, m := actor.MentionAt(d, dyad.Span{Start: start, End: start + 5}); a != nil || m != nil {
		t.Errorf("MentionAt(leave) = %+v, %+v; want none", a, m)
	}
}

func TestDeterministic(t *testing.T) {
	r := resolver(t)
	d1 := seedDoc(t, false)
	d2 := seedDoc(t, false)
	var wg sync.WaitGroup
	for _, d := range []*dyad.Doc{d1, d2} {
		wg.Add(1)
		go func(d *dyad.Doc) {
			defer wg.Done()
			if err := r.Annotate(context.Background(), d); err != nil {
				t.Error(err)
			}
		}(d)
	}
	wg.Wait()
	if diff := cmp.Diff(d1.Actors, d2.Actors); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
	for i, a := range d1.Actors {
		if want := fmt.Sprintf("a%d", i+1); a.ID != want {
			t.Errorf("actor %d has id %q, want %q", i, a.ID, want)
		}
		if i > 0 && a.Mentions[0].Start < d1.Actors[i-1].Mentions[0].Start {
			t.Errorf("actor %s comes before %s but is first mentioned later", a.ID, d1.Actors[i-1].ID)
		}
		for _, m := range a.Mentions {
			if d1.Text[m.Start:m.End] != m.Text || m.Rule == "" {
				t.Errorf("mention %+v: text or rule wrong", m)
			}
		}
	}
}

func TestAnnotateErrors(t *testing.T) {
	r := resolver(t)
	d := &dyad.Doc{Text: "Iran", Article: dyad.Article{Published: "2023-02-30"}}
	if err := r.Annotate(context.Background(), d); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("bad date: err = %v, want ErrInvalid", err)
	}
	d = &dyad.Doc{Text: "Iran", Sentences: []dyad.Sentence{{N: 1, Tokens: []dyad.Token{{Start: 0, End: 9, Form: "Iran"}}}}}
	if err := r.Annotate(context.Background(), d); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("token out of the text: err = %v, want ErrInvalid", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d = seedDoc(t, false)
	if err := r.Annotate(ctx, d); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// TestDicts loads the foreign dictionaries of the shared reference data.
func TestDicts(t *testing.T) {
	countries := dyadtest.Shared(t, "data/phoenix/Phoenix.Countries.actors.txt")
	agents := dyadtest.Shared(t, "data/phoenix/Phoenix.agents.txt")
	start := time.Now()
	r, err := actor.New(actor.Options{Dicts: []string{countries, agents}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built-in knowledge and Phoenix countries and agents loaded in %v", time.Since(start))
	reps := r.Reports()
	if len(reps) != 2 || reps[0].Counts.Actors != 18390 || reps[1].Counts.Agents != 3301 {
		t.Fatalf("reports = %+v", reps)
	}
	for _, e := range reps[0].Errors {
		var ie *dyad.InputError
		if !errors.As(e, &ie) || ie.Line == 0 || !strings.HasSuffix(ie.Input, "Phoenix.Countries.actors.txt") {
			t.Errorf("error %v does not name the file and line", e)
		}
	}
	if len(reps[0].Errors) != 9 {
		t.Errorf("%d malformed lines reported, want 9", len(reps[0].Errors))
	}
	tests := []struct {
		phrase, date, code string
	}{
		{"Mahmoud Ahmadinejad", "2008-01-01", "IRNGOV"}, // dictionary only: built-in people start later
		{"Mahmoud Ahmadinejad", "2015-01-01", "IRNELI"},
		{"Hassan Rouhani", "2015-01-01", "IRNGOV"},
		{"Tehran", "2015-01-01", "IRNGOV"}, // the built-in capital keeps its reading
		{"Hamid Karzai", "2005-01-01", "AFGGOV"},
		{"Iranian agriculturalists", "2015-01-01", "IRNAGR"}, // an agent of the dictionary
	}
	for _, tt := range tests {
		got, ok := r.Lookup(tt.phrase, tt.date)
		if !ok || got.Code != tt.code {
			t.Errorf("Lookup(%q, %s) = %+v, %v; want %s", tt.phrase, tt.date, got, ok, tt.code)
		}
	}

	// Replacing the built-in knowledge with the PETRARCH validation actors.
	petr := dyadtest.Shared(t, "data/petrarch/PETR.Validate.actors.txt")
	r, err = actor.New(actor.Options{Dicts: []string{petr}, ReplaceBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ phrase, date, code string }{
		{"Sam Gamgee", "2007-01-01", "HOBCIV"},
		{"Sam Gamgee", "2010-01-10", "ORCHOB"},
		{"Sam Gamgee", "2011-01-01", "HOBMIL"},
		{"Sam Gamgee", "2014-01-01", "HOBELI"},
		{"Gondor", "2014-01-01", "GON"},
		{"Minas Tirith", "2014-01-01", "GON"},
	} {
		got, ok := r.Lookup(tt.phrase, tt.date)
		if !ok || got.Code != tt.code {
			t.Errorf("replaced: Lookup(%q, %s) = %+v, %v; want %s", tt.phrase, tt.date, got, ok, tt.code)
		}
	}
	if m, ok := r.Lookup("Sputnik", "2023-01-01"); ok {
		t.Errorf("replaced: Lookup(Sputnik) = %+v, want none", m)
	}
	if m, ok := r.Lookup("Boromir", "2023-01-01"); ok {
		t.Errorf("Lookup(Boromir) = %+v; a null code makes no actor", m)
	}
}

func TestMissingDict(t *testing.T) {
	_, err := actor.New(actor.Options{Dicts: []string{"/nonexistent/x.actors"}})
	if err == nil {
		t.Fatal("New with a missing dictionary: no error")
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("Iranian Foreign Ministry spokesman Nasser Kanaani said Tehran and Moscow cooperate. He added it was fine.")
	f.Add("The UN General Assembly met. It voted. Those who abstained, these powers, they...")
	f.Add("Kiev’s U.S.-backed “de-Nazify” Côte d'Ivoire's Ki-moon, the Ukrainian foreign minister,")
	f.Add("")
	r := resolver(f)
	tok := tokenize.New()
	f.Fuzz(func(t *testing.T, text string) {
		d := &dyad.Doc{Text: text, Article: dyad.Article{Published: "2023-02-24"}}
		if err := tok.Annotate(context.Background(), d); err != nil {
			return
		}
		if err := r.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for i, a := range d.Actors {
			if a.ID != fmt.Sprintf("a%d", i+1) || len(a.Mentions) == 0 {
				t.Fatalf("actor %+v", a)
			}
			for _, m := range a.Mentions {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
					t.Fatalf("mention %+v out of the text", m)
				}
			}
		}
		if _, ok := r.Lookup(text, "2023-02-24"); ok && strings.TrimSpace(text) == "" {
			t.Fatal("blank phrase found")
		}
	})
}

func ExampleResolver_Lookup() {
	r, err := actor.New(actor.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []struct{ phrase, date string }{
		{"Dmytro Kuleba", "2023-02-24"},
		{"Dmytro Kuleba", "2025-01-01"},
		{"Iranian officials", "2023-02-24"},
		{"Kiev", "2023-02-24"},
		{"Western nations", "2023-02-24"},
	} {
		m, _ := r.Lookup(q.phrase, q.date)
		fmt.Printf("%s on %s: %s (%s)\n", q.phrase, q.date, m.Code, m.Rule)
	}
	// Output:
	// Dmytro Kuleba on 2023-02-24: UKRGOV (actor.person.known)
	// Dmytro Kuleba on 2025-01-01: UKRELI (actor.person.known)
	// Iranian officials on 2023-02-24: IRNGOV (actor.demonym.role)
	// Kiev on 2023-02-24: UKRGOV (actor.capital.government)
	// Western nations on 2023-02-24: WST (actor.group.name)
}
