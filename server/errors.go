package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/dyadhq/dyad"
)

// The server's own kinds of error, beside dyad's.
var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
	errTooLarge     = errors.New("request body too large")
	errMethod       = errors.New("method not allowed")
	errMediaType    = errors.New("unsupported media type")
)

// errorKinds maps each kind of error to its HTTP status and the stable code
// the JSON error carries, in the order they are tried. Anything else is a
// 500 "internal".
var errorKinds = []struct {
	kind   error
	status int
	code   string
}{
	{errTooLarge, http.StatusRequestEntityTooLarge, "too_large"},
	{errUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{errForbidden, http.StatusForbidden, "forbidden"},
	{errMethod, http.StatusMethodNotAllowed, "method_not_allowed"},
	{errMediaType, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	{dyad.ErrNotFound, http.StatusNotFound, "not_found"},
	{dyad.ErrInvalid, http.StatusBadRequest, "invalid"},
	{dyad.ErrConflict, http.StatusConflict, "conflict"},
	{dyad.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "unavailable"},
}

// errorStatus returns the status and code of err.
func errorStatus(err error) (int, string) {
	for _, k := range errorKinds {
		if errors.Is(err, k.kind) {
			return k.status, k.code
		}
	}
	return http.StatusInternalServerError, "internal"
}

// apiErrorBody is the JSON of every API error.
type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// publicMessage is what a client is told of err: the error itself for its
// own mistakes, a generic line for the server's (which are logged).
func publicMessage(status int, err error) string {
	switch {
	case status == http.StatusServiceUnavailable:
		return "the archive is unavailable or busy; try again"
	case status >= 500:
		return "internal error"
	}
	return err.Error()
}

// apiError writes err as JSON with its status, logging server errors.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status, code := errorStatus(err)
	s.logError(r, status, err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
	}
	writeJSON(w, status, apiErrorBody{apiErrorDetail{Code: code, Message: publicMessage(status, err), Status: status}})
}

func (s *Server) logError(r *http.Request, status int, err error) {
	if status >= 500 && r.Context().Err() == nil {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
}

// writeJSON writes v as JSON. HTML characters are escaped, so a JSON body
// is never read as markup.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client went away; nothing to do
}
