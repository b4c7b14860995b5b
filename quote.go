package dyad

// Speaker is who a quotation is attributed to.
type Speaker struct {
	Actor string `json:"actor,omitempty"`
	Name  string `json:"name"`
	Code  string `json:"code,omitempty"`
}

// Quote is a direct or reported quotation with its resolved speaker.
type Quote struct {
	Sentence int     `json:"sentence"`
	Speaker  Speaker `json:"speaker"`
	Verb     string  `json:"verb"`
	Direct   bool    `json:"direct"`
	Text     string  `json:"text"`
	Span     Span    `json:"span"`
	Rule     string  `json:"rule,omitempty"`
}

// Amount is a number in the text with what it counts. Low and High bound an
// approximate amount ("tens of billions": 1e10 to 1e11).
type Amount struct {
	Text        string  `json:"text"`
	Value       float64 `json:"value"`
	Low         float64 `json:"low"`
	High        float64 `json:"high"`
	Unit        string  `json:"unit,omitempty"`
	Counts      string  `json:"counts,omitempty"`
	Approximate bool    `json:"approximate"`
	Sentence    int     `json:"sentence"`
	Span        Span    `json:"span"`
	Rule        string  `json:"rule,omitempty"`
}

// Vote positions.
const (
	VoteYes     = "yes"
	VoteNo      = "no"
	VoteAbstain = "abstain"
	VoteAbsent  = "absent"
	VoteVeto    = "veto"
)

// Position is one named country's vote.
type Position struct {
	Country string `json:"country"`
	Vote    string `json:"vote"`
	Span    Span   `json:"span"`
}

// Completeness says, per position, whether the article lists every voter.
type Completeness struct {
	Yes     bool `json:"yes"`
	No      bool `json:"no"`
	Abstain bool `json:"abstain"`
}

// Vote is one roll-call vote assembled from one or more sentences. Counts are
// -1 when the article does not give them.
type Vote struct {
	Body       string       `json:"body"`
	BodyName   string       `json:"body_name"`
	Motion     string       `json:"motion"`
	Date       string       `json:"date,omitempty"`
	Place      string       `json:"place,omitempty"`
	Yes        int          `json:"yes"`
	No         int          `json:"no"`
	Abstain    int          `json:"abstain"`
	Absent     int          `json:"absent"`
	Positions  []Position   `json:"positions"`
	Complete   Completeness `json:"complete"`
	Consistent bool         `json:"consistent"`
	Problems   []string     `json:"problems,omitempty"`
	Sentences  []int        `json:"sentences"`
	Rule       string       `json:"rule,omitempty"`
}
