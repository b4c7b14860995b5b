package extract

import (
	"fmt"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

// compactAmounts renders amounts as "text=value[low,high] unit|counts|~".
func compactAmounts(as []dyad.Amount) []string {
	var out []string
	for _, a := range as {
		s := fmt.Sprintf("%s=%g[%g,%g] %s|%s", a.Text, a.Value, a.Low, a.High, a.Unit, a.Counts)
		if a.Approximate {
			s += "|~"
		}
		out = append(out, s)
	}
	return out
}

func TestAmounts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The motion was backed by 141 nations.", []string{"141 nations=141[141,141] nations|nations"}},
		{"Seven countries voted against.", []string{"Seven countries=7[7,7] countries|countries voted against"}},
		{"They sold tens of billions of dollars in arms.", []string{"tens of billions of dollars=1e+10[1e+10,1e+11] USD|arms|~"}},
		{"It cost 1.2 million euros.", []string{"1.2 million euros=1.2e+06[1.2e+06,1.2e+06] EUR|"}},
		{"The fund holds $4.2bn.", []string{"$4.2bn=4.2e+09[4.2e+09,4.2e+09] USD|"}},
		{"Dozens of people were hurt.", []string{"Dozens of people=24[24,144] people|people|~"}},
		{"About 300 troops and nearly 2,000 civilians left.", []string{
			"About 300 troops=300[300,300] troops|troops|~",
			"nearly 2,000 civilians=2000[2000,2000] civilians|civilians|~",
		}},
		{"Two hundred and fifty thousand people marched.", []string{"Two hundred and fifty thousand people=250000[250000,250000] people|people"}},
		{"Between 10 and 20 soldiers died.", []string{"Between 10 and 20 soldiers=10[10,20] troops|soldiers|~"}},
		{"China agreed to roll over $3.4 billion in loans.", []string{"$3.4 billion=3.4e+09[3.4e+09,3.4e+09] USD|loans"}},
		{"The group received over $5 million.", []string{"over $5 million=5e+06[5e+06,5e+06] USD||~"}},
		{"Turnout was 41.5 percent of voters.", []string{"41.5 percent=41.5[41.5,41.5] percent|voters"}},
		{"A dozen drones and twenty-one missiles were fired.", []string{
			"A dozen drones=12[12,12] drones|drones",
			"twenty-one missiles=21[21,21] missiles|missiles",
		}},
		// not amounts: years, days, times, identifiers, "the one", names
		{"In 2022, on March 3, at 10 am, Resolution 2334 was cited by the one side.", nil},
		{"It is licensed under Creative Commons Attribution 4.0 International.", nil},
		{"No one came, and one of them left.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := newDoc(t, tt.text, "2024-01-01", "")
			if err := amounts.Annotate(ctx(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, compactAmounts(d.Amounts)); diff != "" {
				t.Errorf("amounts (-want +got):\n%s", diff)
			}
			for _, a := range d.Amounts {
				if got := d.Text[a.Span.Start:a.Span.End]; got != a.Text {
					t.Errorf("text %q but span holds %q", a.Text, got)
				}
			}
		})
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"141", 141, true}, {"1,200", 1200, true}, {"1,200,000", 1200000, true}, {"4.2", 4.2, true},
		{"1,20", 0, false}, {"1,2000", 0, false}, {",200", 0, false}, {"4.", 0, false}, {"4.2.1", 0, false},
		{"12a", 0, false}, {"", 0, false}, {"1.5,000", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDigits(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDigits(%q) = %g, %v; want %g, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
