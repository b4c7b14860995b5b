package article

import (
	"context"
	"strings"
	"testing"

	"github.com/dyadhq/dyad"
)

func TestLicense(t *testing.T) {
	tests := map[string]string{
		"All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.": "CC-BY-4.0",
		"This work is licensed under a Creative Commons Attribution-ShareAlike 3.0 Unported License.":                 "CC-BY-SA-3.0",
		"Creative Commons Attribution-NonCommercial-NoDerivatives 4.0":                                                "CC-BY-NC-ND-4.0",
		"Released under CC BY-SA 4.0.":                 "CC-BY-SA-4.0",
		"Copyright 2023 Reuters. All rights reserved.": "",
		"Photo: CC0.":                       "CC0-1.0",
		"under a Public Domain Dedication":  "CC0-1.0",
		"(cc-by 2.0)":                       "CC-BY-2.0",
		"The accused occupied a cc by-way.": "",
	}
	for in, want := range tests {
		if got := License(in); got != want {
			t.Errorf("License(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLicense checks that the quick check never hides a licence that the
// patterns find.
func FuzzLicense(f *testing.F) {
	for _, s := range []string{"Creative Commons Attribution 4.0", "CC BY-SA 3.0", "CC0", "public domain dedication",
		"xcc-by 4.0", "Public\tdomain", "creative  commons", "CC-BY-NC-4.0.", "All content by Mehr News Agency is LICENSED under"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHoldLicence(s) {
			if got := license(s); got != "" {
				t.Errorf("license(%q) = %q, but the quick check said no", s, got)
			}
		}
		want := ""
		if m := byRE.FindStringSubmatch(s); m != nil {
			want = strings.TrimSpace(m[1])
		}
		if got := sourceLine(s); got != want {
			t.Errorf("sourceLine(%q) = %q, the pattern alone gives %q", s, got, want)
		}
	})
}

func TestMetaSource(t *testing.T) {
	d := &dyad.Doc{Text: "TEHRAN - Something happened. All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.", Article: dyad.Article{Published: "2023-02-24"}}
	if err := (Meta{}).Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Article.Source != "Mehr News Agency" || d.Article.License != "CC-BY-4.0" || d.Article.ID == "" {
		t.Errorf("got %+v", d.Article)
	}
	d = &dyad.Doc{Text: "KYIV, Feb 23 (Reuters) - Ukraine said."}
	(Meta{}).Annotate(context.Background(), d)
	if d.Article.Source != "Reuters" || len(d.Warnings) != 1 {
		t.Errorf("got %+v %v", d.Article, d.Warnings)
	}
}

func TestText(t *testing.T) {
	s, bad := Text([]byte("ok\xff\x00x"))
	if s != "ok\uFFFD x" || bad != 2 {
		t.Errorf("Text = %q, %d", s, bad)
	}
	if ID("a  b\n") != ID("a b") {
		t.Error("ID depends on whitespace")
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte("abc\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _ := Text(b)
		for i, r := range s {
			if r == 0 {
				t.Fatalf("NUL at %d", i)
			}
		}
		_ = License(s)
	})
}
