package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// commentCodes maps the CAMEO 01 codes (public statements), which PLOVER v2
// drops, to the v2 type whose definition covers them best. Two follow note 2 of
// the manual's "CAMEO to PLOVER translation"; the rest are dyad's own choices,
// marked with basis "dyad" so a user can leave them out.
var commentCodes = map[string]mapping{
	"010": {typ: "SUPPORT", basis: "dyad", note: "PLOVER drops CAMEO 01; a plain statement is kept under SUPPORT, the generic verbal-cooperation type (quad 1, as CAMEO 01)"},
	"011": {typ: "REJECT", basis: "dyad", note: "declining to comment is a refusal; REJECT covers all rejections and refusals"},
	"012": {typ: "ACCUSE", mode: "disapprove", basis: "dyad", note: "a pessimistic comment expresses a negative view; ACCUSE disapprove"},
	"013": {typ: "SUPPORT", basis: "dyad", note: "an optimistic comment is verbal cooperation"},
	"014": {typ: "AGREE", basis: "dyad", note: "considering a policy option indicates willingness to act; AGREE"},
	"015": {typ: "AGREE", basis: "manual", note: "the manual's CAMEO-to-PLOVER note 2 suggests AGREE for 015"},
	"016": {typ: "REJECT", basis: "manual", note: "the manual's CAMEO-to-PLOVER note 2 suggests REJECT for 016"},
	"017": {typ: "SUPPORT", basis: "dyad", note: "a symbolic act is verbal cooperation"},
	"018": {typ: "SUPPORT", basis: "dyad", note: "an empathetic comment commends or supports; SUPPORT"},
	"019": {typ: "SUPPORT", basis: "dyad", note: "expressing accord approves a policy or actor; SUPPORT"},
}

// modeFixes replaces crosswalk modes that are not modes of the type in the v2
// manual ("TYPE/mode" keys). An unknown invalid mode stops the generator.
var modeFixes = map[string]struct{ mode, note string }{
	"ASSAULT/assassinate":   {"targeted", "mode assassinate is v2 targeted (assassinations and executions)"},
	"ASSAULT/massacre":      {"targeted", "mode massacre is commented out of v2; targeted covers deliberate mass killings"},
	"ASSAULT/cleansing":     {"", "mode cleansing is commented out of v2"},
	"ASSAULT/seize":         {"destroy", "mode seize is not an ASSAULT mode; destroy is v2's intentional destruction of property"},
	"ASSAULT/pro_autocracy": {"", "pro_autocracy is a context, not a mode; moved to the context"},
	"COERCE/ban":            {"restrict", "mode ban is v2 restrict (banning from political life)"},
	"THREATEN/ban":          {"restrict", "mode ban is v2 restrict (banning of political activities)"},
	"THREATEN/political":    {"restrict", "mode political is not v2; restrict covers restrictions on political activity"},
	"RETREAT/return":        {"", "mode return is commented out of v2"},
	"RETREAT/ease":          {"", "ease is no longer a mode (the crosswalk's own note)"},
}

// contextFixes renames crosswalk contexts missing from v2's context list; an
// empty replacement drops the context. An unknown context stops the generator.
var contextFixes = map[string]struct{ context, note string }{
	"democracy":    {"pro_democracy", "context democracy is v2 pro_democracy"},
	"humanitarian": {"", "context humanitarian is not a v2 context; dropped"},
}

// oldTypes maps the PLOVER 0.5b1 event names of PLOVER_GSR_CAMEO.txt to v2.
var oldTypes = []struct{ old, typ, mode, note string }{
	{"AGREE", "AGREE", "", "unchanged"},
	{"CONSULT", "CONSULT", "", "unchanged"},
	{"SUPPORT", "SUPPORT", "", "unchanged"},
	{"CONCEDE", "CONCEDE", "", "unchanged"},
	{"COOPERATE", "COOPERATE", "", "unchanged"},
	{"AID", "AID", "", "unchanged"},
	{"RETREAT", "RETREAT", "", "unchanged"},
	{"DEMAND", "REQUEST", "", "DEMAND (CAMEO 10) is v2 REQUEST: all requests, demands and orders"},
	{"DISAPPROVE", "ACCUSE", "", "DISAPPROVE (CAMEO 11) is v2 ACCUSE (modes disapprove, allege)"},
	{"INVESTIGATE", "ACCUSE", "investigate", "INVESTIGATE (CAMEO 09) is v2 ACCUSE with mode investigate"},
	{"REJECT", "REJECT", "", "unchanged"},
	{"THREATEN", "THREATEN", "", "unchanged"},
	{"PROTEST", "PROTEST", "", "unchanged"},
	{"MOBILIZE", "MOBILIZE", "", "unchanged"},
	{"SANCTION", "SANCTION", "", "unchanged"},
	{"COERCE", "COERCE", "", "unchanged"},
	{"ASSAULT", "ASSAULT", "", "ASSAULT (CAMEO 18) and FIGHT (CAMEO 19, 20) are merged into v2 ASSAULT"},
	{"FIGHT", "ASSAULT", "", "FIGHT (CAMEO 19, 20) and ASSAULT (CAMEO 18) are merged into v2 ASSAULT"},
}

// mapping is a code's PLOVER type, mode and contexts, with its basis.
type mapping struct {
	typ, mode string
	contexts  []string
	basis     string // crosswalk | root | manual | appeal | dyad
	note      string
}

const (
	srcCodebook = "andybega/icews data-raw/cameo-codes.csv (MIT, (c) 2022 Andreas Beger; character encoding repaired)"
	srcGDELT    = "GDELT codebook lists (CAMEO.goldsteinscale.txt, CAMEO.type, CAMEO.region)"
	srcPhoenix  = "openeventdata/phoenix_pipeline (MIT)"
	srcPLOVER   = "openeventdata/PLOVER: PLOVER_MANUAL.tex (v2 draft), CAMEO2PLOVER-2021.txt, plover_event_mode_scores.tsv, plover_contexts.txt (CC BY-SA 4.0, (c) 2021 Open Event Data Alliance)"
	generated   = "Generated by `go run ./cameo/gen` (from the repository root) from ../shared/data; do not edit."
)

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

func ff(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func build(s *sources) ([]*table, error) {
	byCode := map[string]cbRow{}
	for _, r := range s.codebook {
		byCode[r.code] = r
	}
	types := map[string]*ploverType{}
	for i := range s.types {
		types[s.types[i].name] = &s.types[i]
	}
	contexts := map[string]bool{}
	for _, c := range s.contexts {
		contexts[c] = true
	}

	maps := map[string]mapping{}
	var mapErr []string
	var resolve func(code string) (mapping, error)
	resolve = func(code string) (mapping, error) {
		if m, ok := maps[code]; ok {
			return m, nil
		}
		var m mapping
		switch {
		case len(code) == 2:
			// A root takes the mapping of its "not specified below" code X0.
			c, err := resolve(code + "0")
			if err != nil {
				return m, err
			}
			m = c
			m.basis, m.note = "root", joinNote("as "+code+"0", c.note)
		case code[:2] == "01":
			c, ok := commentCodes[code]
			if !ok {
				return m, fmt.Errorf("CAMEO %s: no PLOVER mapping for a 01 code", code)
			}
			m = c
		case code[:2] == "02":
			// CAMEO 02 (appeal) parallels 10 (demand) code for code:
			// 021 appeal for material cooperation, 101 demand it. v2 REQUEST
			// covers all requests, and SUPPORT excludes CAMEO's appeals.
			par := "10" + code[2:]
			if _, ok := byCode[par]; !ok {
				return m, fmt.Errorf("CAMEO %s: no parallel demand code %s", code, par)
			}
			c, err := resolve(par)
			if err != nil {
				return m, err
			}
			m = c
			m.basis, m.note = "appeal", joinNote("an appeal is a request: mapped as the parallel demand code "+par, c.note)
		default:
			x, ok := s.crosswalk[code]
			if !ok {
				return m, fmt.Errorf("CAMEO %s: not in the crosswalk", code)
			}
			m = mapping{typ: x.typ, mode: x.mode, contexts: slices.Clone(x.contexts), basis: "crosswalk"}
			var notes []string
			if fix, ok := modeFixes[m.typ+"/"+m.mode]; ok {
				if m.mode == "pro_autocracy" {
					m.contexts = append([]string{"pro_autocracy"}, m.contexts...)
				}
				m.mode = fix.mode
				notes = append(notes, fix.note)
			}
			var cs []string
			for _, c := range m.contexts {
				if fix, ok := contextFixes[c]; ok {
					notes = append(notes, fix.note)
					c = fix.context
				}
				if c != "" && !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
			}
			m.contexts = cs
			m.note = strings.Join(notes, "; ")
		}
		t := types[m.typ]
		if t == nil {
			return m, fmt.Errorf("CAMEO %s: PLOVER type %q is not in the manual", code, m.typ)
		}
		if m.mode != "" && !slices.ContainsFunc(t.modes, func(pm ploverMode) bool { return pm.name == m.mode }) {
			return m, fmt.Errorf("CAMEO %s: %q is not a mode of %s in the manual", code, m.mode, m.typ)
		}
		for _, c := range m.contexts {
			if !contexts[c] {
				return m, fmt.Errorf("CAMEO %s: %q is not a PLOVER context", code, c)
			}
		}
		maps[code] = m
		return m, nil
	}

	codes := &table{name: "codes.tsv", columns: []string{"code", "name", "goldstein", "goldstein_codebook",
		"goldstein_phoenix", "plover_type", "plover_mode", "plover_context", "plover_basis", "plover_note",
		"description", "usage", "example"}}
	var noGDELT, noPhoenix []string
	for _, r := range s.codebook {
		m, err := resolve(r.code)
		if err != nil {
			mapErr = append(mapErr, err.Error())
			continue
		}
		g, ok := s.gdelt[r.code]
		if !ok {
			g = r.goldstein
			noGDELT = append(noGDELT, r.code)
		}
		ph := ""
		if v, ok := s.phoenix[r.code]; ok {
			ph = ff(v)
		} else {
			noPhoenix = append(noPhoenix, r.code)
		}
		codes.add(r.code, r.name, ff(g), ff(r.goldstein), ph, m.typ, m.mode, strings.Join(m.contexts, ";"),
			m.basis, m.note, r.description, r.usage, r.example)
	}
	if len(mapErr) > 0 {
		return nil, fmt.Errorf("PLOVER mapping:\n\t%s", strings.Join(mapErr, "\n\t"))
	}
	var extraGDELT, extraPhoenix []string
	for c := range s.gdelt {
		if _, ok := byCode[c]; !ok {
			extraGDELT = append(extraGDELT, c)
		}
	}
	for c := range s.phoenix {
		if _, ok := byCode[c]; !ok {
			extraPhoenix = append(extraPhoenix, c)
		}
	}
	slices.Sort(extraGDELT)
	slices.Sort(extraPhoenix)
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "none"
		}
		return strings.Join(xs, " ")
	}
	codes.comment = []string{
		"CAMEO event codes with Goldstein values, PLOVER v2 type, mode and context.",
		generated,
		"",
		"Sources:",
		"  code, name, description, usage, example, goldstein_codebook: " + srcCodebook + ".",
		"  goldstein: " + srcGDELT + ".",
		"  goldstein_phoenix: " + srcPhoenix + ", phoenix_goldstein_scale.",
		"  plover_*: " + srcPLOVER + ".",
		"Licence: this file adapts PLOVER material and is distributed under CC BY-SA 4.0; the codebook text is MIT.",
		"",
		"goldstein is GDELT's table: it is what analysts compare event data against. The three tables",
		"disagree on 016, 022, 124, 1246 and 163-166; the other two are kept as columns.",
		"Codes GDELT's table lacks (the codebook's value is used): " + list(noGDELT) + ".",
		"Codes in GDELT's table but not in the codebook (ignored): " + list(extraGDELT) + ".",
		"Codes Phoenix's table lacks (goldstein_phoenix empty): " + list(noPhoenix) + ".",
		"Codes in Phoenix's table but not in the codebook (ignored): " + list(extraPhoenix) + ".",
		"Crosswalk codes not in the codebook (ignored): " + list(s.xwUnknown) + ".",
		"",
		"plover_basis says where the PLOVER mapping comes from:",
		"  crosswalk  CAMEO2PLOVER-2021.txt (plover_note names any mode or context renamed to its v2 form);",
		"  root       a two-digit root takes the mapping of its code X0 (\"not specified below\");",
		"  appeal     CAMEO 02 (appeal), which PLOVER drops, maps as its parallel 10 (demand) code: v2 REQUEST",
		"             covers all requests, and the manual says SUPPORT is distinct from CAMEO's APPEAL;",
		"  manual     the manual's CAMEO-to-PLOVER note 2 (015 AGREE, 016 REJECT);",
		"  dyad       CAMEO 01 (statements), which PLOVER drops: dyad's choice of the v2 type that fits best.",
		"plover_context holds v2 contexts separated by ';'.",
	}

	quad := &table{name: "quadclass.tsv", columns: []string{"root", "name", "quad", "phoenix_quad"}}
	quad.comment = []string{
		"Quad class of each CAMEO root: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,",
		"4 material conflict.",
		generated,
		"",
		"Source: " + srcPhoenix + ", phoenix_quadclass.tsv; root names from " + srcCodebook + ".",
		"quad is Phoenix's class, except that Phoenix puts 01 and 02 in a neutral class 0, and dyad, like",
		"GDELT, counts them as verbal cooperation (1). phoenix_quad keeps Phoenix's own value.",
		"Phoenix (as the PLOVER manual's quad table for SANCTION) puts 16 (reduce relations) in verbal conflict.",
	}
	for _, r := range s.codebook {
		if len(r.code) != 2 {
			continue
		}
		pq, ok := s.phoenixQ[r.code]
		if !ok {
			return nil, fmt.Errorf("root %s has no Phoenix quad class", r.code)
		}
		q := pq
		if q == 0 {
			q = 1
		}
		quad.add(r.code, r.name, strconv.Itoa(q), strconv.Itoa(pq))
	}

	ptypes := &table{name: "plover_types.tsv", columns: []string{"type", "quad", "score", "description"}}
	pmodes := &table{name: "plover_modes.tsv", columns: []string{"type", "mode", "score", "description"}}
	ploverHead := []string{
		generated,
		"",
		"Source: " + srcPLOVER + ".",
		"Licence: CC BY-SA 4.0 (adapted: LaTeX markup removed).",
		"Types, quad classes and descriptions are the manual's \"Event Categories\" chapter (its first",
		"paragraph per type); modes are the rows of its mode tables that are not commented out; scores are",
		"plover_event_mode_scores.tsv (empty where it gives none).",
	}
	ptypes.comment = append([]string{"PLOVER v2 event types."}, ploverHead...)
	pmodes.comment = append([]string{"PLOVER v2 event modes."}, ploverHead...)
	score := func(v float64, ok bool) string {
		if !ok {
			return ""
		}
		return ff(v)
	}
	for _, t := range s.types {
		ptypes.add(t.name, strconv.Itoa(t.quad), score(t.score, t.hasScore), t.description)
		for _, m := range t.modes {
			pmodes.add(t.name, m.name, score(m.score, m.hasScore), m.description)
		}
	}

	pctx := &table{name: "plover_contexts.tsv", columns: []string{"context"}}
	pctx.comment = []string{"PLOVER v2 contexts.", generated, "", "Source: " + srcPLOVER + ".", "Licence: CC BY-SA 4.0."}
	for _, c := range s.contexts {
		pctx.add(c)
	}

	old := &table{name: "plover_old.tsv", columns: []string{"old", "type", "mode", "note"}}
	old.comment = []string{
		"PLOVER 0.5b1 event names (as in PLOVER_GSR_CAMEO.txt) and the v2 type each became.",
		generated,
		"",
		"The mapping is dyad's reading of the PLOVER manual's CAMEO translation table (" + srcPLOVER + "):",
		"0.5b1 named its categories after CAMEO roots (DEMAND = 10, DISAPPROVE = 11, INVESTIGATE = 09,",
		"ASSAULT = 18, FIGHT = 19 and 20); v2 renamed or merged them.",
	}
	for _, o := range oldTypes {
		if types[o.typ] == nil {
			return nil, fmt.Errorf("old PLOVER name %s: %s is not a v2 type", o.old, o.typ)
		}
		old.add(o.old, o.typ, o.mode, o.note)
	}

	roles := &table{name: "actor_roles.tsv", columns: []string{"code", "label"}}
	roles.comment = []string{"CAMEO actor role (type) codes.", generated, "", "Source: " + srcGDELT + ", CAMEO.type (facts)."}
	for _, r := range s.roles {
		roles.add(r[0], r[1])
	}
	regions := &table{name: "regions.tsv", columns: []string{"code", "label"}}
	regions.comment = []string{"CAMEO region codes.", generated, "", "Source: " + srcGDELT + ", CAMEO.region (facts)."}
	for _, r := range s.regions {
		regions.add(r[0], r[1])
	}
	return []*table{codes, quad, ptypes, pmodes, pctx, old, roles, regions}, nil
}
