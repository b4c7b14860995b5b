package server

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/dyadhq/dyad"
)

// assets are the UI's templates and static files.
//
//go:embed templates/*.html static/*
var assets embed.FS

// openAPI is the API's description, served at /api/openapi.json.
//
//go:embed openapi.json
var openAPI []byte

// pageNames are the templates of the pages; each is parsed with layout.html.
var pageNames = []string{"search", "article", "events", "dyad", "network", "votes", "error"}

// parsePages parses every page with the layout, once.
func parsePages(funcs template.FuncMap) (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// versions returns a short content hash of every static file, appended to
// its URL so browsers may cache it for long.
func versions(fsys fs.FS) (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out, err
}

// staticURL returns the versioned URL of a static file; a missing file is
// a mistake in a template and fails its execution.
func (s *Server) staticURL(name string) (string, error) {
	v, ok := s.static[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + name + "?v=" + v, nil
}

// serveStatic serves an embedded static file; a versioned URL is cached for
// a year.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	v, ok := s.static[name]
	if !ok {
		return fmt.Errorf("%w: no file %s", dyad.ErrNotFound, name)
	}
	b, err := assets.ReadFile("static/" + name)
	if err != nil {
		return err
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("ETag", `"`+v+`"`)
	if r.URL.Query().Get("v") == v {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if strings.Contains(r.Header.Get("If-None-Match"), `"`+v+`"`) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	_, err = w.Write(b)
	return err
}
