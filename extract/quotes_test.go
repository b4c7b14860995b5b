package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// compactQuotes renders quotations as "sN speaker|verb|direct|text|rule".
func compactQuotes(qs []dyad.Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, fmt.Sprintf("s%d %s|%s|%v|%s|%s", q.Sentence, q.Speaker.Name, q.Verb, q.Direct, q.Text, q.Rule))
	}
	return out
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, text, actors string
		want               []string
	}{
		{
			name:   "direct, speaker before the verb",
			text:   `"We will win this war," Zelensky said.`,
			actors: "z | UKRGOV | person | Volodymyr Zelensky | Zelensky",
			want:   []string{"s1 Volodymyr Zelensky|say|true|We will win this war|quote.direct.after"},
		},
		{
			name:   "direct, verb before the speaker",
			text:   `"We will win this war," said Zelensky.`,
			actors: "z | UKRGOV | person | Volodymyr Zelensky | Zelensky",
			want:   []string{"s1 Volodymyr Zelensky|say|true|We will win this war|quote.direct.after"},
		},
		{
			name:   "direct after a colon",
			text:   `Zelensky told reporters: "We will win this war."`,
			actors: "z | UKRGOV | person | Volodymyr Zelensky | Zelensky",
			want:   []string{"s1 Volodymyr Zelensky|tell|true|We will win this war|quote.direct.before"},
		},
		{
			name:   "curly single quotation marks",
			text:   `‘We are ready to talk,’ she said.`,
			actors: "b | SWEGOV | person | Anna Berg | she",
			want:   []string{"s1 Anna Berg|say|true|We are ready to talk|quote.direct.after"},
		},
		{
			name:   "an attribution in a sentence of its own",
			text:   `"We will win!" Zelensky said. Shelling went on.`,
			actors: "z | UKRGOV | person | Volodymyr Zelensky | Zelensky",
			want:   []string{"s1 Volodymyr Zelensky|say|true|We will win!|quote.direct.after"},
		},
		{
			name:   "a scare quote is no quotation",
			text:   `Moscow calls the war a "special military operation".`,
			actors: "r | RUS | state | Russia | Moscow=RUSGOV",
		},
		{
			name:   "reported speech with a time between the verb and the clause",
			text:   `Speaking to reporters, Kanaani said on Friday that Iran would respond.`,
			actors: "k | IRNGOV | person | Nasser Kanaani | Kanaani\ni | IRN | state | Iran | Iran",
			want:   []string{"s1 Nasser Kanaani|say|false|Iran would respond|quote.indirect.after"},
		},
		{
			name:   "reported speech before its attribution, with an addressee and a time",
			text:   `Iran will respond to any attack, Kanaani told reporters on Friday.`,
			actors: "k | IRNGOV | person | Nasser Kanaani | Kanaani\ni | IRN | state | Iran | Iran",
			want:   []string{"s1 Nasser Kanaani|tell|false|Iran will respond to any attack|quote.indirect.before"},
		},
		{
			name:   "a verb of saying that needs that",
			text:   `Russia has denied the accusations. The ministry announced the visit.`,
			actors: "r | RUS | state | Russia | Russia",
		},
		{
			name:   "a noun phrase after the verb is no clause",
			text:   `The EU added five people to its list, which was published on Monday.`,
			actors: "eu | IGOEU | organisation | European Union | The EU",
		},
		{
			name:   "a speaker with a relative clause",
			text:   `Kanaani, who spoke in Moscow, said talks would continue.`,
			actors: "k | IRNGOV | person | Nasser Kanaani | Kanaani\nr | RUS | state | Russia | Moscow=RUSGOV",
			want:   []string{"s1 Nasser Kanaani|say|false|talks would continue|quote.indirect.after"},
		},
		{
			name:   "a participle takes the subject of its clause",
			text:   `Tehran rejected the report, saying that it was baseless.`,
			actors: "i | IRN | state | Iran | Tehran=IRNGOV",
			want:   []string{"s1 Iran|say|false|it was baseless|quote.indirect.participle"},
		},
		{
			name:   "quoted as saying",
			text:   `He was quoted as saying that the deal was dead.`,
			actors: "k | IRNGOV | person | Nasser Kanaani | He",
			want:   []string{"s1 Nasser Kanaani|say|false|the deal was dead|quote.indirect.after"},
		},
		{
			name:   "an addressee that is an actor",
			text:   `The minister warned Russia that sanctions would follow.`,
			actors: "m | FRAGOV | person | Jean Roux | The minister\nr | RUS | state | Russia | Russia",
			want:   []string{"s1 Jean Roux|warn|false|sanctions would follow|quote.indirect.after"},
		},
		{
			name:   "according to",
			text:   `According to the ministry, 12 soldiers were killed in the attack.`,
			actors: "m | UKRMIL | organisation | Ukrainian defence ministry | the ministry",
			want:   []string{"s1 Ukrainian defence ministry|according to|false|12 soldiers were killed in the attack|quote.indirect.according"},
		},
		{
			name:   "a speaker the actor stage left unresolved",
			text:   `"Talks will resume," Berg said. The minister said the date was not fixed.`,
			actors: "b | SWEGOV | person | Anna Berg | Berg",
			want: []string{
				"s1 Anna Berg|say|true|Talks will resume|quote.direct.after",
				"s2 Anna Berg|say|false|the date was not fixed|quote.indirect.after+speaker.previous",
			},
		},
		{
			name:   "an unresolved noun phrase speaker stays as written",
			text:   `A senior official said the talks had failed.`,
			actors: "",
			want:   []string{"s1 A senior official|say|false|the talks had failed|quote.indirect.after"},
		},
		{
			name:   "an unclosed quotation is dropped",
			text:   "\"We will fight on,\n\nThe markets fell on Monday.",
			actors: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, tt.text, "2024-01-01", tt.actors)
			run(t, d)
			if diff := cmp.Diff(tt.want, compactQuotes(d.Quotes)); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
			for _, q := range d.Quotes {
				if q.Span.Start < 0 || q.Span.End > len(d.Text) || q.Span.Start >= q.Span.End {
					t.Errorf("span %v out of the text", q.Span)
				}
			}
		})
	}
}

// TestQuoteSpeakerContextCountry checks that a speaker known only by a role
// gets the country events give such a role: the nearest country named in
// its sentence, else the article's main country, else none.
func TestQuoteSpeakerContextCountry(t *testing.T) {
	tests := []struct {
		name, text, actors string
		want               []string
	}{
		{
			name:   "a country in the sentence",
			text:   "Health officials said Kenya had recorded 40 cases.",
			actors: "h | HLH | group | health officials | Health officials\nk | KEN | state | Kenya | Kenya",
			want:   []string{"s1 health officials HLH>KENHLH"},
		},
		{
			name: "the article's main country",
			text: "Kenyan police fired on protesters in Nairobi. Kenya's president flew to Uganda. " +
				"A government spokesman said the police had acted with restraint.",
			actors: "k | KEN | state | Kenya | Kenyan police=KENCOP, Nairobi, Kenya\n" +
				"u | UGA | state | Uganda | Uganda\ng | GOV | person | government spokesman | government spokesman",
			want: []string{"s3 government spokesman GOV>KENGOV"},
		},
		{
			name:   "the nearest of two countries",
			text:   "Officials said Uganda had turned back Kenyan traders.",
			actors: "o | GOV | group | officials | Officials\nu | UGA | state | Uganda | Uganda\nk | KEN | state | Kenya | Kenyan traders=KENBUS",
			want:   []string{"s1 officials GOV>UGAGOV"},
		},
		{
			name: "no main country among several",
			text: "Qatar and Egypt will host talks in Cairo. Israel and Qatar agreed. " +
				"The strikes killed 14 people, health officials said.",
			actors: "q | QAT | state | Qatar | Qatar\ne | EGY | state | Egypt | Egypt, Cairo\n" +
				"i | ISR | state | Israel | Israel\nh | GOV | group | health officials | health officials",
			want: []string{"s3 health officials GOV>GOV"},
		},
		{
			name:   "no country in the article",
			text:   "A government spokesman said the talks had failed.",
			actors: "g | GOV | person | government spokesman | government spokesman",
			want:   []string{"s1 government spokesman GOV>GOV"},
		},
		{
			name:   "a speaker with a country keeps it",
			text:   "Kenyan officials said Uganda had closed the border.",
			actors: "k | KEN | state | Kenya | Kenyan officials=KENGOV\nu | UGA | state | Uganda | Uganda",
			want:   []string{"s1 Kenya KENGOV>KENGOV"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, tt.text, "2024-01-01", tt.actors)
			codes := map[string]string{}
			for _, a := range d.Actors {
				codes[a.ID] = a.Code
				for _, m := range a.Mentions {
					if m.Code != "" {
						codes[a.ID+"@"+m.Text] = m.Code
					}
				}
			}
			run(t, d)
			var got []string
			for _, q := range d.Quotes {
				before := codes[q.Speaker.Actor]
				for k, c := range codes {
					if strings.HasPrefix(k, q.Speaker.Actor+"@") {
						before = c
					}
				}
				got = append(got, fmt.Sprintf("s%d %s %s>%s", q.Sentence, q.Speaker.Name, before, q.Speaker.Code))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("speakers (-want +got):\n%s", diff)
			}
		})
	}
}
