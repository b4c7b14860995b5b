package dyad

// ActorKind says what sort of thing an actor is.
type ActorKind string

// The kinds of actor.
const (
	KindState        ActorKind = "state"
	KindOrganisation ActorKind = "organisation"
	KindGroup        ActorKind = "group"
	KindPerson       ActorKind = "person"
)

// Actor is one entity of an article with all its mentions. Code is a CAMEO
// actor code (country or IGO root plus optional roles: IRNGOV, IGOUNO, WST).
type Actor struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Code     string    `json:"code"`
	Country  string    `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Sector   string    `json:"sector,omitempty"`  // CAMEO role: GOV, MIL, MED, ...
	Kind     ActorKind `json:"kind"`
	Office   string    `json:"office,omitempty"` // for people: office held on the article's date
	Gender   string    `json:"gender,omitempty"` // m, f, or "" when unknown
	Rule     string    `json:"rule"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place in the text that refers to an actor. Code is the code
// of this mention when it differs from the actor's ("Tehran" as a government
// is IRNGOV while Iran is IRN).
type Mention struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Code     string `json:"code,omitempty"`
	Rule     string `json:"rule,omitempty"`
}
