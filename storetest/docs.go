package storetest

import (
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
)

// builder makes hand-built docs whose spans are found in their text, so the
// spans are right by construction.
type builder struct {
	d   dyad.Doc
	pos int // where the next sentence is searched from
}

func newBuilder(a dyad.Article, sentences ...string) *builder {
	b := &builder{d: dyad.Doc{Article: a, Text: strings.Join(sentences, " ")}}
	b.d.Sentences = []dyad.Sentence{}
	for i, s := range sentences {
		start := strings.Index(b.d.Text[b.pos:], s) + b.pos
		b.d.Sentences = append(b.d.Sentences, dyad.Sentence{N: i + 1, Start: start, End: start + len(s)})
		b.pos = start + len(s)
	}
	b.d.Actors = []dyad.Actor{}
	b.d.Events = []dyad.Event{}
	b.d.Claims = []dyad.Claim{}
	b.d.Quotes = []dyad.Quote{}
	b.d.Amounts = []dyad.Amount{}
	b.d.Votes = []dyad.Vote{}
	return b
}

// span returns the span of the n-th (1-based) occurrence of s in sentence
// sent (1-based). A missing string is a mistake in the suite: it panics.
func (b *builder) span(sent int, s string, n int) dyad.Span {
	st := b.d.Sentences[sent-1]
	from := st.Start
	for ; n > 0; n-- {
		i := strings.Index(b.d.Text[from:st.End], s)
		if i < 0 {
			panic(fmt.Sprintf("storetest: %q (occurrence %d) not in sentence %d", s, n, sent))
		}
		from += i
		if n > 1 {
			from += len(s)
		}
	}
	return dyad.Span{Start: from, End: from + len(s)}
}

// mention returns a mention of the first occurrence of s in sentence sent.
func (b *builder) mention(sent int, s, code, rule string) dyad.Mention {
	sp := b.span(sent, s, 1)
	return dyad.Mention{Sentence: sent, Start: sp.Start, End: sp.End, Text: s, Code: code, Rule: rule}
}

func float(f float64) *float64 { return &f }

// Seed returns a hand-built doc modelled on the seed article (Mehr News
// Agency, 2023-02-24): Iran's foreign ministry on relations with Russia,
// the accusation over drones and its denial, and the UN General Assembly
// vote of 141 to 7 with 32 abstentions. The text is the suite's own short
// retelling; the annotations are what a correct coder gives for it.
func Seed() *dyad.Doc {
	b := newBuilder(dyad.Article{
		Title:     "Iran's foreign minister to visit Moscow soon",
		Source:    "Mehr News Agency",
		URL:       "https://en.mehrnews.com/news/example-iran-russia",
		Published: "2023-02-24",
		Dateline:  "TEHRAN",
		License:   "CC-BY-4.0",
	},
		"TEHRAN - Iran's foreign ministry spokesman Nasser Kanaani said on Friday that Foreign Minister Hossein Amir Abdollahian will visit Moscow soon.",
		"Kanaani said Tehran and Moscow have cooperated on defence for years.",
		"“Relations between Iran and Russia depend on the political will of both nations,” Kanaani said.",
		"Western nations accuse Iran of supplying military drones to Russia for the war in Ukraine.",
		"Tehran has denied the accusations.",
		"The UN General Assembly in New York on Thursday condemned Russia's invasion of Ukraine.",
		"The resolution was backed by 141 nations, with 32 abstaining and seven voting against.",
		"China, India, Iran and South Africa were among the 32 countries to abstain.",
		"Russia, Belarus, North Korea, Eritrea, Mali, Nicaragua and Syria voted against.",
	)
	d := &b.d
	d.Actors = []dyad.Actor{
		{ID: "a1", Name: "Nasser Kanaani", Code: "IRNGOV", Country: "IRN", Sector: "GOV", Kind: dyad.KindPerson,
			Office: "spokesman of the Ministry of Foreign Affairs", Gender: "m", Rule: "people.kanaani",
			Mentions: []dyad.Mention{
				b.mention(1, "Iran's foreign ministry spokesman Nasser Kanaani", "", "title+name"),
				b.mention(2, "Kanaani", "", "surname"),
				b.mention(3, "Kanaani", "", "surname"),
			}},
		{ID: "a2", Name: "Hossein Amir Abdollahian", Code: "IRNGOV", Country: "IRN", Sector: "GOV", Kind: dyad.KindPerson,
			Office: "Minister of Foreign Affairs", Gender: "m", Rule: "people.amir-abdollahian",
			Mentions: []dyad.Mention{b.mention(1, "Foreign Minister Hossein Amir Abdollahian", "", "title+name")}},
		{ID: "a3", Name: "Iran", Code: "IRN", Country: "IRN", Kind: dyad.KindState, Rule: "countries.IRN",
			Mentions: []dyad.Mention{
				b.mention(2, "Tehran", "IRNGOV", "capital-as-government"),
				b.mention(3, "Iran", "", "name"),
				b.mention(4, "Iran", "", "name"),
				b.mention(5, "Tehran", "IRNGOV", "capital-as-government"),
				b.mention(8, "Iran", "", "name"),
			}},
		{ID: "a4", Name: "Russia", Code: "RUS", Country: "RUS", Kind: dyad.KindState, Rule: "countries.RUS",
			Mentions: []dyad.Mention{
				b.mention(1, "Moscow", "", "capital"),
				b.mention(2, "Moscow", "RUSGOV", "capital-as-government"),
				b.mention(3, "Russia", "", "name"),
				b.mention(4, "Russia", "", "name"),
				b.mention(6, "Russia", "", "name"),
				b.mention(9, "Russia", "", "name"),
			}},
		{ID: "a5", Name: "Western nations", Code: "WST", Kind: dyad.KindGroup, Rule: "groups.west",
			Mentions: []dyad.Mention{b.mention(4, "Western nations", "", "group")}},
		{ID: "a6", Name: "UN General Assembly", Code: "IGOUNO", Kind: dyad.KindOrganisation, Rule: "igos.unga",
			Mentions: []dyad.Mention{b.mention(6, "The UN General Assembly", "", "name")}},
		{ID: "a7", Name: "Ukraine", Code: "UKR", Country: "UKR", Kind: dyad.KindState, Rule: "countries.UKR",
			Mentions: []dyad.Mention{b.mention(4, "Ukraine", "", "name"), b.mention(6, "Ukraine", "", "name")}},
	}
	d.Events = []dyad.Event{
		{ID: "e1", Sentence: 1, Source: dyad.Participant{Actor: "a2", Code: "IRNGOV"}, Target: dyad.Participant{Actor: "a4", Code: "RUS"},
			CAMEO: "036", CAMEOName: "Express intent to meet or negotiate", Goldstein: 4, QuadClass: 1,
			PLOVER: dyad.PLOVER{Type: "CONSULT", Mode: "visit"}, Modality: dyad.Planned, DatePrecision: dyad.PrecisionUnknown,
			Location:     &dyad.Location{Name: "Moscow", Country: "RUS", Lat: float(55.7558), Lon: float(37.6173)},
			AttributedTo: "a1", Rule: "verbs.visit.future", Span: b.span(1, "will visit Moscow", 1)},
		{ID: "e2", Sentence: 2, Source: dyad.Participant{Actor: "a3", Code: "IRNGOV"}, Target: dyad.Participant{Actor: "a4", Code: "RUSGOV"},
			CAMEO: "062", CAMEOName: "Cooperate militarily", Goldstein: 7.4, QuadClass: 2,
			PLOVER: dyad.PLOVER{Type: "COOPERATE", Mode: "military"}, Modality: dyad.Historical, DatePrecision: dyad.PrecisionUnknown,
			AttributedTo: "a1", Rule: "verbs.cooperate.defence", Span: b.span(2, "have cooperated on defence", 1)},
		{ID: "e3", Sentence: 4, Source: dyad.Participant{Actor: "a5", Code: "WST"}, Target: dyad.Participant{Actor: "a3", Code: "IRN"},
			CAMEO: "112", CAMEOName: "Accuse", Goldstein: -2, QuadClass: 3,
			PLOVER: dyad.PLOVER{Type: "ACCUSE"}, Modality: dyad.Asserted, Date: "2023-02-24", DatePrecision: dyad.PrecisionDay,
			Claim: "c1", Rule: "verbs.accuse", Span: b.span(4, "accuse", 1)},
		{ID: "e4", Sentence: 4, Source: dyad.Participant{Actor: "a3", Code: "IRN"}, Target: dyad.Participant{Actor: "a4", Code: "RUS"},
			CAMEO: "072", CAMEOName: "Provide military aid", Goldstein: 8.3, QuadClass: 2,
			PLOVER: dyad.PLOVER{Type: "AID", Mode: "military"}, Modality: dyad.Claimed, DatePrecision: dyad.PrecisionUnknown,
			AttributedTo: "a5", Claim: "c1", Rule: "verbs.supply.military", Span: b.span(4, "supplying military drones", 1)},
		{ID: "e5", Sentence: 5, Source: dyad.Participant{Actor: "a3", Code: "IRNGOV"}, Target: dyad.Participant{Actor: "a5", Code: "WST"},
			CAMEO: "016", CAMEOName: "Deny responsibility", Goldstein: -0.1, QuadClass: 1,
			PLOVER: dyad.PLOVER{Type: "REJECT"}, Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown,
			Claim: "c1", Rule: "verbs.deny", Span: b.span(5, "has denied the accusations", 1)},
		{ID: "e6", Sentence: 6, Source: dyad.Participant{Actor: "a6", Code: "IGOUNO"}, Target: dyad.Participant{Actor: "a4", Code: "RUS"},
			CAMEO: "111", CAMEOName: "Criticize or denounce", Goldstein: -2, QuadClass: 3,
			PLOVER: dyad.PLOVER{Type: "DISAPPROVE"}, Modality: dyad.Asserted, Date: "2023-02-23", DatePrecision: dyad.PrecisionDay,
			Location: &dyad.Location{Name: "New York", Country: "USA"},
			Rule:     "verbs.condemn", Span: b.span(6, "condemned Russia's invasion of Ukraine", 1)},
	}
	d.Claims = []dyad.Claim{{
		ID: "c1", Proposition: dyad.Proposition{Source: "IRN", Target: "RUS", CAMEO: "072"}, Event: "e4",
		Stances: []dyad.Stance{
			{Actor: "a5", Code: "WST", Stance: dyad.StanceAssert, Event: "e3"},
			{Actor: "a3", Code: "IRNGOV", Stance: dyad.StanceDeny, Event: "e5"},
		},
	}}
	d.Quotes = []dyad.Quote{
		{Sentence: 2, Speaker: dyad.Speaker{Actor: "a1", Name: "Nasser Kanaani", Code: "IRNGOV"}, Verb: "said", Direct: false,
			Text: "Tehran and Moscow have cooperated on defence for years", Span: b.span(2, "Tehran and Moscow have cooperated on defence for years", 1),
			Rule: "quotes.reported"},
		{Sentence: 3, Speaker: dyad.Speaker{Actor: "a1", Name: "Nasser Kanaani", Code: "IRNGOV"}, Verb: "said", Direct: true,
			Text: "Relations between Iran and Russia depend on the political will of both nations",
			Span: b.span(3, "Relations between Iran and Russia depend on the political will of both nations", 1), Rule: "quotes.direct"},
	}
	d.Amounts = []dyad.Amount{
		{Text: "141 nations", Value: 141, Low: 141, High: 141, Counts: "nations", Sentence: 7, Span: b.span(7, "141 nations", 1), Rule: "amounts.count"},
		{Text: "32", Value: 32, Low: 32, High: 32, Counts: "nations", Sentence: 7, Span: b.span(7, "32", 1), Rule: "amounts.count"},
		{Text: "seven", Value: 7, Low: 7, High: 7, Counts: "nations", Sentence: 7, Span: b.span(7, "seven", 1), Rule: "amounts.word"},
	}
	pos := func(sent int, name, country, vote string) dyad.Position {
		return dyad.Position{Country: country, Vote: vote, Span: b.span(sent, name, 1)}
	}
	d.Votes = []dyad.Vote{{
		Body: "IGOUNO", BodyName: "UN General Assembly", Motion: "resolution condemning Russia's invasion of Ukraine",
		Date: "2023-02-23", Place: "New York", Yes: 141, No: 7, Abstain: 32, Absent: -1,
		Positions: []dyad.Position{
			pos(8, "China", "CHN", dyad.VoteAbstain), pos(8, "India", "IND", dyad.VoteAbstain),
			pos(8, "Iran", "IRN", dyad.VoteAbstain), pos(8, "South Africa", "ZAF", dyad.VoteAbstain),
			pos(9, "Russia", "RUS", dyad.VoteNo), pos(9, "Belarus", "BLR", dyad.VoteNo),
			pos(9, "North Korea", "PRK", dyad.VoteNo), pos(9, "Eritrea", "ERI", dyad.VoteNo),
			pos(9, "Mali", "MLI", dyad.VoteNo), pos(9, "Nicaragua", "NIC", dyad.VoteNo),
			pos(9, "Syria", "SYR", dyad.VoteNo),
		},
		Complete:   dyad.Completeness{No: true},
		Consistent: true,
		Sentences:  []int{6, 7, 8, 9},
		Rule:       "votes.tally",
	}}
	return d
}

// kuleba returns a second article: Ukraine's foreign minister on the vote,
// a day later, from another outlet.
func kuleba() *dyad.Doc {
	b := newBuilder(dyad.Article{
		Title:     "Kuleba welcomes the General Assembly vote",
		Source:    "Kyiv Daily",
		URL:       "https://kyiv.example/kuleba-vote",
		Published: "2023-02-25",
	},
		"Ukrainian Foreign Minister Dmytro Kuleba said the vote showed that Russia must end its illegal aggression.",
		"“Global support for Ukraine remains strong,” he tweeted.",
	)
	d := &b.d
	d.Actors = []dyad.Actor{
		{ID: "a1", Name: "Dmytro Kuleba", Code: "UKRGOV", Country: "UKR", Sector: "GOV", Kind: dyad.KindPerson,
			Office: "Minister of Foreign Affairs", Rule: "people.kuleba",
			Mentions: []dyad.Mention{
				b.mention(1, "Ukrainian Foreign Minister Dmytro Kuleba", "", "title+name"),
				b.mention(2, "he", "", "pronoun"),
			}},
		{ID: "a2", Name: "Russia", Code: "RUS", Country: "RUS", Kind: dyad.KindState, Rule: "countries.RUS",
			Mentions: []dyad.Mention{b.mention(1, "Russia", "", "name")}},
	}
	d.Events = []dyad.Event{
		{ID: "e1", Sentence: 1, Source: dyad.Participant{Actor: "a1", Code: "UKRGOV"}, Target: dyad.Participant{Actor: "a2", Code: "RUS"},
			CAMEO: "1123", CAMEOName: "Accuse of aggression", Goldstein: -2, QuadClass: 3,
			PLOVER: dyad.PLOVER{Type: "ACCUSE", Mode: "aggression"}, Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown,
			Rule: "verbs.aggression", Span: b.span(1, "Russia must end its illegal aggression", 1)},
	}
	d.Quotes = []dyad.Quote{
		{Sentence: 2, Speaker: dyad.Speaker{Actor: "a1", Name: "Dmytro Kuleba", Code: "UKRGOV"}, Verb: "tweeted", Direct: true,
			Text: "Global support for Ukraine remains strong", Span: b.span(2, "Global support for Ukraine remains strong", 1),
			Rule: "quotes.direct"},
	}
	d.Warnings = []string{"pronoun he resolved across sentences"}
	return &b.d
}

// invasion returns a third article, a year earlier: Russia invades Ukraine;
// a negated event; nil layers where nothing was found.
func invasion() *dyad.Doc {
	b := newBuilder(dyad.Article{
		Source:    "Kyiv Daily",
		Published: "2022-02-24",
	},
		"Russia launched a full-scale invasion of Ukraine on Thursday.",
		"The United States said it would not send troops.",
	)
	d := &b.d
	d.Actors = []dyad.Actor{
		{ID: "a1", Name: "Russia", Code: "RUS", Country: "RUS", Kind: dyad.KindState, Rule: "countries.RUS",
			Mentions: []dyad.Mention{b.mention(1, "Russia", "", "name")}},
		{ID: "a2", Name: "Ukraine", Code: "UKR", Country: "UKR", Kind: dyad.KindState, Rule: "countries.UKR",
			Mentions: []dyad.Mention{b.mention(1, "Ukraine", "", "name")}},
		{ID: "a3", Name: "United States", Code: "USA", Country: "USA", Kind: dyad.KindState, Rule: "countries.USA",
			Mentions: nil},
	}
	d.Events = []dyad.Event{
		{ID: "e1", Sentence: 1, Source: dyad.Participant{Actor: "a1", Code: "RUS"}, Target: dyad.Participant{Actor: "a2", Code: "UKR"},
			CAMEO: "190", CAMEOName: "Use conventional military force", Goldstein: -10, QuadClass: 4,
			PLOVER: dyad.PLOVER{Type: "FIGHT"}, Modality: dyad.Asserted, Date: "2022-02-24", DatePrecision: dyad.PrecisionDay,
			Location: &dyad.Location{Name: "Ukraine"},
			Rule:     "verbs.invade", Span: b.span(1, "launched a full-scale invasion of Ukraine", 1)},
		{ID: "e2", Sentence: 2, Source: dyad.Participant{Code: "USA"}, Target: dyad.Participant{Code: "UKR"},
			CAMEO: "074", CAMEOName: "Provide military protection or peacekeeping", Goldstein: 8.5, QuadClass: 2,
			PLOVER: dyad.PLOVER{Type: "AID", Mode: "military"}, Modality: dyad.Negated, DatePrecision: dyad.PrecisionUnknown,
			Rule: "verbs.send.troops", Span: b.span(2, "would not send troops", 1)},
	}
	d.Claims = nil
	d.Quotes = nil
	d.Amounts = nil
	d.Votes = nil
	return d
}

// numbered returns a small distinct article number i, with one event.
func numbered(i int) *dyad.Doc {
	b := newBuilder(dyad.Article{
		Source:    "Wire",
		Published: fmt.Sprintf("2024-01-%02d", i%28+1),
	}, fmt.Sprintf("Bulletin %d: France praised Germany.", i))
	d := &b.d
	d.Events = []dyad.Event{{ID: "e1", Sentence: 1,
		Source: dyad.Participant{Code: "FRA"}, Target: dyad.Participant{Code: "DEU"},
		CAMEO: "051", CAMEOName: "Praise or endorse", Goldstein: 3.4, QuadClass: 1, Modality: dyad.Asserted,
		DatePrecision: dyad.PrecisionUnknown, Rule: "verbs.praise", Span: b.span(1, "praised", 1)}}
	return d
}

// Variant returns Seed with a text and URL of its own, numbered i: a full
// article that is no duplicate of another variant, for benchmarks and load.
func Variant(i int) *dyad.Doc {
	d := Seed()
	d.Text += fmt.Sprintf(" (Update %d.)", i)
	d.Article.URL += fmt.Sprintf("?v=%d", i)
	return d
}
