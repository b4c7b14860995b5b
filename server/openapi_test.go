package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// spec is the parsed OpenAPI document, with a small validator for the
// subset of JSON Schema it uses: $ref, allOf, type (one or a list), required,
// properties, items and enum. An object may hold only the properties its
// schema declares, so the document has to list every field the server sends.
type spec struct {
	doc map[string]any
}

func loadSpec(t testing.TB) *spec {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &spec{doc: doc}
}

func (s *spec) resolve(schema map[string]any) map[string]any {
	for {
		ref, ok := schema["$ref"].(string)
		if !ok {
			return schema
		}
		var cur any = s.doc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[part]
		}
		schema = cur.(map[string]any)
	}
}

// flatten merges the allOf parts of an object schema.
func (s *spec) flatten(schema map[string]any) (props map[string]any, required []string, hasProps bool) {
	schema = s.resolve(schema)
	props = map[string]any{}
	if p, ok := schema["properties"].(map[string]any); ok {
		hasProps = true
		for k, v := range p {
			props[k] = v
		}
	}
	for _, r := range asList(schema["required"]) {
		required = append(required, r.(string))
	}
	for _, part := range asList(schema["allOf"]) {
		p, r, h := s.flatten(part.(map[string]any))
		for k, v := range p {
			props[k] = v
		}
		required = append(required, r...)
		hasProps = hasProps || h
	}
	return props, required, hasProps
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// validate returns the places where v breaks schema.
func (s *spec) validate(path string, v any, schema map[string]any) []string {
	schema = s.resolve(schema)
	var errs []string
	if parts := asList(schema["allOf"]); len(parts) > 0 && schema["type"] == nil {
		schema = map[string]any{"type": "object"}
		for k, v := range s.resolve(parts[0].(map[string]any)) {
			if k != "properties" && k != "required" {
				schema[k] = v
			}
		}
		props, req, _ := s.flatten(map[string]any{"allOf": parts})
		schema["properties"] = props
		r := make([]any, len(req))
		for i, x := range req {
			r[i] = x
		}
		schema["required"] = r
	}
	if t := schema["type"]; t != nil {
		var types []string
		switch x := t.(type) {
		case string:
			types = []string{x}
		case []any:
			for _, y := range x {
				types = append(types, y.(string))
			}
		}
		got := jsonType(v)
		if !slices.Contains(types, got) && !(got == "integer" && slices.Contains(types, "number")) {
			return []string{fmt.Sprintf("%s: %s, want %v", path, got, types)}
		}
	}
	if enum := asList(schema["enum"]); len(enum) > 0 && !slices.Contains(enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v not in %v", path, v, enum))
	}
	switch x := v.(type) {
	case map[string]any:
		props, required, hasProps := s.flatten(schema)
		for _, r := range required {
			if _, ok := x[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: missing required %q", path, r))
			}
		}
		if !hasProps {
			break
		}
		for k, val := range x {
			p, ok := props[k]
			if !ok {
				errs = append(errs, fmt.Sprintf("%s: field %q is not in the schema", path, k))
				continue
			}
			errs = append(errs, s.validate(path+"."+k, val, p.(map[string]any))...)
		}
	case []any:
		items, ok := schema["items"].(map[string]any)
		if !ok {
			break
		}
		if n, ok := schema["minItems"].(float64); ok && len(x) < int(n) {
			errs = append(errs, fmt.Sprintf("%s: %d items, want at least %v", path, len(x), n))
		}
		if n, ok := schema["maxItems"].(float64); ok && len(x) > int(n) {
			errs = append(errs, fmt.Sprintf("%s: %d items, want at most %v", path, len(x), n))
		}
		for i, it := range x {
			errs = append(errs, s.validate(path+"["+strconv.Itoa(i)+"]", it, items)...)
		}
	}
	return errs
}

// operation returns the spec's operation for a route pattern.
func (s *spec) operation(method, path string) (map[string]any, bool) {
	p, ok := s.doc["paths"].(map[string]any)[path].(map[string]any)
	if !ok {
		return nil, false
	}
	op, ok := p[strings.ToLower(method)].(map[string]any)
	return op, ok
}

// checkResponse validates a response body against the schema the spec
// gives for the route and status.
func (s *spec) checkResponse(t testing.TB, method, route string, status int, body []byte) {
	t.Helper()
	op, ok := s.operation(method, route)
	if !ok {
		t.Errorf("%s %s is not in openapi.json", method, route)
		return
	}
	resp, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if !ok {
		t.Errorf("%s %s: status %d is not documented", method, route, status)
		return
	}
	resp = s.resolve(resp)
	schema, ok := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	if !ok {
		t.Errorf("%s %s %d: no JSON schema", method, route, status)
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s %s %d: body is not JSON: %v", method, route, status, err)
		return
	}
	for _, e := range s.validate("$", v, schema) {
		t.Errorf("%s %s %d: %s", method, route, status, e)
	}
}

// The documented paths are exactly the API routes the server registers.
func TestOpenAPIRoutes(t *testing.T) {
	s := newTestServer(t)
	sp := loadSpec(t)
	var routes, documented []string
	for _, rt := range s.routes {
		if rt.api {
			routes = append(routes, rt.method+" "+rt.path)
		}
		if strings.HasPrefix(rt.path, "/api/") != rt.api {
			t.Errorf("route %s %s: api flag %v disagrees with its path", rt.method, rt.path, rt.api)
		}
	}
	for path, item := range sp.doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(routes)
	slices.Sort(documented)
	if diff := cmp.Diff(documented, routes); diff != "" {
		t.Errorf("openapi.json paths (-want) against registered API routes (+got):\n%s", diff)
	}
	// Every write route, and only those, says it needs the token.
	for _, rt := range s.routes {
		if !rt.api {
			continue
		}
		op, _ := sp.operation(rt.method, rt.path)
		_, secured := op["security"]
		if secured != rt.write {
			t.Errorf("%s %s: documented security %v, route write %v", rt.method, rt.path, secured, rt.write)
		}
	}
}

var knownRE = regexp.MustCompile(`\(known: ([^)]*)\)`)

// The documented query parameters of each route are exactly the ones its
// handler reads: an unknown parameter's error lists the known ones.
func TestOpenAPIParameters(t *testing.T) {
	s := newTestServer(t, seedDoc())
	sp := loadSpec(t)
	for _, rt := range s.routes {
		if !rt.api {
			continue
		}
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			path := strings.NewReplacer("{id}", seedID(t, s), "{a}", "IRN", "{b}", "RUS").Replace(rt.path)
			hdr := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/plain"}
			if rt.path == "/api/articles" && rt.method == "POST" {
				hdr["Content-Type"] = "application/json"
			}
			rec := do(t, s, rt.method, path+"?zz_unknown=1", "some text", hdr)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body)
			}
			var body apiErrorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			m := knownRE.FindStringSubmatch(body.Error.Message)
			if m == nil {
				t.Fatalf("message %q lists no known parameters", body.Error.Message)
			}
			var known []string
			for _, k := range strings.Split(m[1], ", ") {
				if k != "" {
					known = append(known, k)
				}
			}
			op, _ := sp.operation(rt.method, rt.path)
			var documented []string
			for _, p := range asList(op["parameters"]) {
				p := sp.resolve(p.(map[string]any))
				if p["in"] == "query" {
					documented = append(documented, p["name"].(string))
				}
			}
			slices.Sort(known)
			slices.Sort(documented)
			if diff := cmp.Diff(documented, known); diff != "" {
				t.Errorf("documented query parameters (-want) against those the handler reads (+got):\n%s", diff)
			}
		})
	}
}

// The validator itself catches what it must, so a passing check means
// something.
func TestSchemaValidator(t *testing.T) {
	sp := loadSpec(t)
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	tests := []struct {
		name   string
		schema string
		body   string
		errs   int
	}{
		{"good error", "Error", `{"error":{"code":"invalid","message":"m","status":400}}`, 0},
		{"unknown code", "Error", `{"error":{"code":"oops","message":"m","status":400}}`, 1},
		{"missing field", "Error", `{"error":{"code":"invalid","status":400}}`, 1},
		{"extra field", "Error", `{"error":{"code":"invalid","message":"m","status":400,"x":1}}`, 1},
		{"wrong type", "Tally", `{"events":"2","quad":[1,1,0,0],"goldstein":1.5}`, 1},
		{"null mean", "Tally", `{"events":0,"quad":[0,0,0,0],"goldstein":null}`, 0},
		{"short quad", "Tally", `{"events":0,"quad":[0,0,0],"goldstein":null}`, 1},
		{"record via allOf", "EventList", `{"items":[{"id":"e1"}],"next":""}`, 14},
		{"record extra", "ArticleList", `{"items":[{"id":"a","hash":"h","length":1,"cursor":"1","bogus":true}],"next":""}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tt.body), &v); err != nil {
				t.Fatal(err)
			}
			errs := sp.validate("$", v, ref(tt.schema))
			if len(errs) != tt.errs {
				t.Errorf("%d errors, want %d: %q", len(errs), tt.errs, errs)
			}
		})
	}
}
