package extract_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/tokenize"
)

// mention marks the first occurrence of word in text as a mention.
func mention(text, word string) dyad.Mention {
	i := strings.Index(text, word)
	return dyad.Mention{Start: i, End: i + len(word), Text: word}
}

// A vote read from three sentences. The countries are marked by hand here;
// in the pipeline the actor resolver marks them.
func ExampleVotes() {
	text := "The UN General Assembly on Thursday backed a resolution condemning the invasion. " +
		"It was adopted 141-7-32. Russia and Belarus were among the seven countries that voted against."
	d := &dyad.Doc{Article: dyad.Article{Published: "2023-02-24"}, Text: text}
	ctx := context.Background()
	if err := tokenize.New().Annotate(ctx, d); err != nil {
		panic(err)
	}
	for _, c := range []struct{ name, code string }{{"Russia", "RUS"}, {"Belarus", "BLR"}} {
		d.Actors = append(d.Actors, dyad.Actor{ID: c.code, Name: c.name, Code: c.code, Country: c.code,
			Kind: dyad.KindState, Mentions: []dyad.Mention{mention(text, c.name)}})
	}
	if err := extract.NewVotes().Annotate(ctx, d); err != nil {
		panic(err)
	}
	for _, v := range d.Votes {
		fmt.Println(v.BodyName, v.Date, v.Yes, v.No, v.Abstain, v.Consistent)
		fmt.Println(v.Motion)
		for _, p := range v.Positions {
			fmt.Println(p.Country, p.Vote)
		}
		fmt.Println("complete no list:", v.Complete.No)
	}
	// Output:
	// UN General Assembly 2023-02-23 141 7 32 true
	// a resolution condemning the invasion
	// RUS no
	// BLR no
	// complete no list: false
}

// Amounts in words and digits, with what they count.
func ExampleAmounts() {
	d := &dyad.Doc{Text: "Countries selling tens of billions of dollars in arms sent 3,000 troops."}
	ctx := context.Background()
	if err := tokenize.New().Annotate(ctx, d); err != nil {
		panic(err)
	}
	if err := extract.NewAmounts().Annotate(ctx, d); err != nil {
		panic(err)
	}
	for _, a := range d.Amounts {
		fmt.Printf("%q %g..%g %s (%s) approximate=%v\n", a.Text, a.Low, a.High, a.Unit, a.Counts, a.Approximate)
	}
	// Output:
	// "tens of billions of dollars" 1e+10..1e+11 USD (arms) approximate=true
	// "3,000 troops" 3000..3000 troops (troops) approximate=false
}

// A quotation split by its attribution, and reported speech whose "She" the
// actor resolver has linked to the speaker.
func ExampleQuotes() {
	text := `"We will not accept this," Berg said, "and we will say so." She added that talks would go on.`
	d := &dyad.Doc{Text: text}
	ctx := context.Background()
	if err := tokenize.New().Annotate(ctx, d); err != nil {
		panic(err)
	}
	d.Actors = []dyad.Actor{{ID: "a1", Name: "Anna Berg", Code: "SWEGOV", Kind: dyad.KindPerson,
		Mentions: []dyad.Mention{mention(text, "Berg"), mention(text, "She")}}}
	if err := extract.NewQuotes().Annotate(ctx, d); err != nil {
		panic(err)
	}
	for _, q := range d.Quotes {
		fmt.Printf("%s %s direct=%v: %s\n", q.Speaker.Name, q.Verb, q.Direct, q.Text)
	}
	// Output:
	// Anna Berg say direct=true: We will not accept this and we will say so
	// Anna Berg add direct=false: talks would go on
}
