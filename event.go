package dyad

// Modality says how the article presents an event.
type Modality string

// The modalities. A negated or denied event is never asserted.
const (
	Asserted     Modality = "asserted"
	Planned      Modality = "planned"
	Claimed      Modality = "claimed"
	Denied       Modality = "denied"
	Negated      Modality = "negated"
	Hypothetical Modality = "hypothetical"
	Historical   Modality = "historical"
)

// Date precisions.
const (
	PrecisionDay     = "day"
	PrecisionMonth   = "month"
	PrecisionYear    = "year"
	PrecisionUnknown = "unknown"
)

// Participant is the source or target of an event: an actor id of the
// article (may be empty for an actor known only by code) and its code.
type Participant struct {
	Actor string `json:"actor,omitempty"`
	Code  string `json:"code"`
}

// PLOVER is an event's type and mode in the PLOVER ontology.
type PLOVER struct {
	Type string `json:"type"`
	Mode string `json:"mode,omitempty"`
}

// Location is where an event took place.
type Location struct {
	Name    string   `json:"name"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

// Event is one coded event: source did CAMEO to target.
type Event struct {
	ID            string      `json:"id"`
	Sentence      int         `json:"sentence"`
	Source        Participant `json:"source"`
	Target        Participant `json:"target"`
	CAMEO         string      `json:"cameo"`
	CAMEOName     string      `json:"cameo_name"`
	Goldstein     float64     `json:"goldstein"`
	QuadClass     int         `json:"quad_class"`
	PLOVER        PLOVER      `json:"plover"`
	Modality      Modality    `json:"modality"`
	Date          string      `json:"date,omitempty"`
	DatePrecision string      `json:"date_precision"`
	Location      *Location   `json:"location,omitempty"`
	AttributedTo  string      `json:"attributed_to,omitempty"` // actor id of the speaker
	Claim         string      `json:"claim,omitempty"`         // claim id when the event is a claim's proposition or stance
	Rule          string      `json:"rule"`
	Span          Span        `json:"span"`
}

// Proposition is what a claim asserts happened.
type Proposition struct {
	Source string `json:"source"`
	Target string `json:"target"`
	CAMEO  string `json:"cameo"`
}

// Stance kinds.
const (
	StanceAssert  = "assert"
	StanceDeny    = "deny"
	StanceConfirm = "confirm"
)

// Stance is one actor's position on a claim, carried by one of its events.
type Stance struct {
	Actor  string `json:"actor"`
	Code   string `json:"code"`
	Stance string `json:"stance"`
	Event  string `json:"event"`
}

// Claim links an accusation, its proposition and its denials into one thread.
type Claim struct {
	ID          string      `json:"id"`
	Proposition Proposition `json:"proposition"`
	Event       string      `json:"event,omitempty"` // the proposition's own event id
	Stances     []Stance    `json:"stances"`
}
