// Package server is dyad's HTTP face: a JSON API over a dyad.Store (articles,
// events, actors, quotes, claims, votes, dyad timelines and the actor
// network, coding and ingest) documented by the OpenAPI file it serves at
// /api/openapi.json, and a web UI rendered on the server with html/template,
// its charts and network drawn as SVG in Go, with one small script of its own.
// Templates, styles, the script and the OpenAPI file are embedded.
//
// New builds the handler once (templates parsed, static files hashed); Run
// and Serve put it behind an http.Server with a timeout on every phase and
// shut it down gracefully when their context ends. Reads are open; writing
// (POST /api/articles and POST /api/code) needs the bearer token given in
// Options.Token. Every response carries a Content-Security-Policy without
// inline script, and all article text is escaped.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// Coder codes one article; *pipeline.Pipeline is one.
type Coder interface {
	Code(ctx context.Context, a dyad.Article, raw []byte) (*dyad.Doc, error)
}

// Defaults of Options.
const (
	DefaultMaxBody           = 10 << 20
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 120 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownTimeout   = 10 * time.Second
)

// Options configure a Server. Zero values take the defaults above.
type Options struct {
	// Token is the bearer token that writing requires. Without one, writing
	// is refused (403).
	Token string
	// CORS lists the origins allowed to call the API from a browser ("*" for
	// any). Empty: no cross-origin access.
	CORS []string
	// MaxBody bounds a request body in bytes; larger ones get 413.
	MaxBody int64
	// Log receives request errors and the server's start and stop (nil:
	// discarded).
	Log *slog.Logger

	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
}

func (o *Options) defaults() {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	for _, d := range []struct {
		p *time.Duration
		v time.Duration
	}{
		{&o.ReadHeaderTimeout, DefaultReadHeaderTimeout}, {&o.ReadTimeout, DefaultReadTimeout},
		{&o.WriteTimeout, DefaultWriteTimeout}, {&o.IdleTimeout, DefaultIdleTimeout},
		{&o.ShutdownTimeout, DefaultShutdownTimeout},
	} {
		if *d.p <= 0 {
			*d.p = d.v
		}
	}
}

// Server is the API and UI over one store. It is an http.Handler, safe for
// concurrent use.
type Server struct {
	store   dyad.Store
	coder   Coder
	opt     Options
	log     *slog.Logger
	mux     *http.ServeMux
	routes  []route
	handler http.Handler
	pages   map[string]*template.Template
	static  map[string]string // file name -> version for cache busting
	coding  chan struct{}     // bounds concurrent coding to the CPUs
}

// route is one registered endpoint. API routes answer JSON and errors as
// JSON; write routes need the token.
type route struct {
	method, path string
	api, write   bool
	h            func(http.ResponseWriter, *http.Request) error
}

// New returns the server over store. coder codes POSTed text; nil disables
// coding and ingest (503).
func New(store dyad.Store, coder Coder, opt Options) (*Server, error) {
	if store == nil {
		return nil, fmt.Errorf("server: %w: no store", dyad.ErrInvalid)
	}
	opt.defaults()
	s := &Server{store: store, coder: coder, opt: opt, log: opt.Log, mux: http.NewServeMux(),
		coding: make(chan struct{}, runtime.GOMAXPROCS(0))}
	if err := s.loadAssets(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.routes = []route{
		{method: "GET", path: "/api/openapi.json", api: true, h: s.apiOpenAPI},
		{method: "GET", path: "/api/stats", api: true, h: s.apiStats},
		{method: "GET", path: "/api/articles", api: true, h: s.apiArticles},
		{method: "POST", path: "/api/articles", api: true, write: true, h: s.apiIngest},
		{method: "GET", path: "/api/articles/{id}", api: true, h: s.apiArticle},
		{method: "GET", path: "/api/events", api: true, h: s.apiEvents},
		{method: "GET", path: "/api/actors", api: true, h: s.apiActors},
		{method: "GET", path: "/api/quotes", api: true, h: s.apiQuotes},
		{method: "GET", path: "/api/claims", api: true, h: s.apiClaims},
		{method: "GET", path: "/api/votes", api: true, h: s.apiVotes},
		{method: "GET", path: "/api/dyads/{a}/{b}/timeline", api: true, h: s.apiTimeline},
		{method: "GET", path: "/api/network", api: true, h: s.apiNetwork},
		{method: "POST", path: "/api/code", api: true, write: true, h: s.apiCode},

		{method: "GET", path: "/{$}", h: s.pageSearch},
		{method: "GET", path: "/articles/{id}", h: s.pageArticle},
		{method: "GET", path: "/events", h: s.pageEvents},
		{method: "GET", path: "/dyads", h: s.pageDyadForm},
		{method: "GET", path: "/dyads/{a}/{b}", h: s.pageDyad},
		{method: "GET", path: "/network", h: s.pageNetwork},
		{method: "GET", path: "/votes", h: s.pageVotes},
		{method: "GET", path: "/static/{file}", h: s.serveStatic},
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.HandleFunc("/", s.notFound)
	s.handler = s.logRequests(s.recoverer(s.secure(s.cors(s.mux))))
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// wrap turns a route's handler into an http.Handler: the token check for
// writes, and errors rendered as JSON (API) or an HTML page (UI).
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		if rt.write {
			err = s.authorize(r)
		}
		if err == nil {
			err = rt.h(w, r)
		}
		if err == nil {
			return
		}
		if rt.api {
			s.apiError(w, r, err)
		} else {
			s.pageError(w, r, err)
		}
	})
}

// authorize checks the bearer token of a write.
func (s *Server) authorize(r *http.Request) error {
	if s.opt.Token == "" {
		return fmt.Errorf("%w: writing is disabled; start dyad serve with --token or DYAD_TOKEN", errForbidden)
	}
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return fmt.Errorf("%w: send Authorization: Bearer <token>", errUnauthorized)
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.opt.Token)) != 1 {
		return fmt.Errorf("%w: wrong token", errUnauthorized)
	}
	return nil
}

// notFound answers what no route matches: 405 when another method would
// match, else 404; as JSON under /api/.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var err error = fmt.Errorf("%w: no page %s", dyad.ErrNotFound, r.URL.Path)
	var allow []string
	for _, m := range []string{"GET", "POST"} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pattern := s.mux.Handler(r2); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		err = fmt.Errorf("%w: %s %s (allowed: %s)", errMethod, r.Method, r.URL.Path, strings.Join(allow, ", "))
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/api" {
		s.apiError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

// contentSecurityPolicy allows only the server's own script and style; SVG
// is drawn with attributes, so no inline style or script is needed.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure sets the security headers of every response.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// cors answers cross-origin API requests from the configured origins only.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.opt.CORS) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Origin")
		if !slices.Contains(s.opt.CORS, origin) && !slices.Contains(s.opt.CORS, "*") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
			w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a handler's panic into a logged 500.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.apiError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler sent.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs every request at debug level: method, path, status and
// time taken.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"took", time.Since(start).Round(time.Microsecond))
	})
}

// Run listens on addr ("127.0.0.1:8080"; port 0 picks a free one) and
// serves until ctx ends, then shuts down gracefully. It logs "listening on"
// with the actual address.
func (s *Server) Run(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully, waiting up
// to Options.ShutdownTimeout for requests in flight. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.opt.ReadHeaderTimeout,
		ReadTimeout:       s.opt.ReadTimeout,
		WriteTimeout:      s.opt.WriteTimeout,
		IdleTimeout:       s.opt.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	url := "http://" + ln.Addr().String()
	s.log.Info("listening on "+url, "addr", ln.Addr().String())
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() && s.opt.Token == "" {
		s.log.Warn("serving on a non-loopback address without a token: anyone who can reach " + url +
			" can read the archive (writing stays disabled); set --token or DYAD_TOKEN, or bind to 127.0.0.1")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opt.ShutdownTimeout)
	defer cancel()
	s.log.Info("shutting down", "addr", ln.Addr().String())
	err := srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// loadAssets parses the page templates and versions the static files.
func (s *Server) loadAssets() error {
	st, err := fs.Sub(assets, "static")
	if err != nil {
		return err
	}
	s.static, err = versions(st)
	if err != nil {
		return err
	}
	s.pages, err = parsePages(s.funcs())
	return err
}
