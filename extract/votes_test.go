package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

func ctx() context.Context { return context.Background() }

// compactVote renders a vote's counts, positions and verdict.
func compactVote(v dyad.Vote) string {
	var pos []string
	for _, p := range v.Positions {
		pos = append(pos, p.Country+":"+p.Vote)
	}
	return fmt.Sprintf("%s|%s|%d/%d/%d/%d|%s|complete=%v/%v/%v|consistent=%v|%s",
		v.Body, v.Date, v.Yes, v.No, v.Abstain, v.Absent, strings.Join(pos, " "),
		v.Complete.Yes, v.Complete.No, v.Complete.Abstain, v.Consistent, strings.Join(v.Problems, "; "))
}

func TestVotes(t *testing.T) {
	tests := []struct {
		name, text, actors string
		want               []string
	}{
		{
			name:   "a tally with yes, no and abstentions in words",
			text:   "The General Assembly adopted the resolution by 141 votes to 5, with 35 abstentions.",
			actors: "un | IGOUNO | organisation | UN General Assembly | General Assembly",
			want:   []string{"IGOUNO||141/5/35/-1||complete=false/false/false|consistent=true|"},
		},
		{
			name:   "a three-part dash tally",
			text:   "The resolution was adopted 141-7-32 by the General Assembly on Thursday.",
			actors: "",
			want:   []string{"IGOUNO|2024-01-04|141/7/32/-1||complete=false/false/false|consistent=true|"},
		},
		{
			name:   "a legislature takes its country from the text; people are no country positions",
			text:   "Israel's Knesset passed the bill 60-2 on Monday. The two lawmakers who voted against were Ayman Odeh and Ahmad Tibi.",
			actors: "isr | ISR | state | Israel | Israel",
			want:   []string{"ISRLEG|2024-01-01|60/2/-1/-1||complete=false/false/false|consistent=true|"},
		},
		{
			name:   "a Security Council veto by a permanent member voting no",
			text:   "The Security Council rejected the draft resolution on Ukraine. Russia and China voted against, and 13 members voted in favour.",
			actors: "r | RUS | state | Russia | Russia\nc | CHN | state | China | China\nu | UKR | state | Ukraine | Ukraine",
			want:   []string{"IGOUNO||13/-1/-1/-1|RUS:veto CHN:veto|complete=false/false/false|consistent=true|"},
		},
		{
			name:   "a no vote in the General Assembly is no veto",
			text:   "The General Assembly adopted the resolution on Ukraine. Russia voted against.",
			actors: "r | RUS | state | Russia | Russia\nu | UKR | state | Ukraine | Ukraine",
			want:   []string{"IGOUNO||-1/-1/-1/-1|RUS:no|complete=false/false/false|consistent=true|"},
		},
		{
			name:   "two votes of two bodies",
			text:   "The Security Council failed to adopt the draft resolution on Gaza 12-1-2. The General Assembly then passed a resolution calling for a ceasefire 153-10-23.",
			actors: "",
			want: []string{
				"IGOUNO||12/1/2/-1||complete=false/false/false|consistent=true|",
				"IGOUNO||153/10/23/-1||complete=false/false/false|consistent=true|",
			},
		},
		{
			name:   "a country listed twice",
			text:   "The motion passed 100-3-2. Russia, Belarus and Syria voted against. Russia and Iran abstained.",
			actors: "r | RUS | state | Russia | Russia\nb | BLR | state | Belarus | Belarus\ns | SYR | state | Syria | Syria\ni | IRN | state | Iran | Iran",
			want:   []string{"||100/3/2/-1|RUS:no BLR:no SYR:no IRN:abstain|complete=false/true/true|consistent=false|RUS is listed as voting both no and abstain"},
		},
		{
			name:   "a unanimous vote of a body of known size",
			text:   "The Security Council unanimously adopted a resolution on Haiti on Monday.",
			actors: "",
			want:   []string{"IGOUNO|2024-01-01|15/0/0/-1||complete=false/false/false|consistent=true|"},
		},
		{
			name:   "a legislature without a country in the text",
			text:   "The Knesset passed the bill 60-2 with no abstentions.",
			actors: "",
			want:   []string{"||60/2/0/-1||complete=false/false/false|consistent=true|no country found for Knesset"},
		},
		{
			name:   "the word vote alone makes no vote",
			text:   "Kuleba said the vote made it clear that Russia must end its aggression.",
			actors: "r | RUS | state | Russia | Russia",
		},
		{
			name:   "an actor rejecting a proposal casts no vote",
			text:   "Hamas rejected an Israeli proposal for a 30-day truce.",
			actors: "r | ISR | state | Israel | Israeli",
		},
		{
			name: "a motion that failed is a vote",
			text: "The proposal was rejected on Friday.",
			want: []string{"|2024-01-05|-1/-1/-1/-1||complete=false/false/false|consistent=true|"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, tt.text, "2024-01-06", tt.actors)
			if err := votes.Annotate(ctx(), d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range d.Votes {
				got = append(got, compactVote(v))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("votes (-want +got):\n%s", diff)
			}
		})
	}
}
