package main

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// The media types the server answers in.
const (
	jsonType = "application/json"
	csvType  = "text/csv"
)

// negotiate picks the media type of the answer among offers, the first
// being the default: format when the request names one (?format=csv),
// else the offer its Accept header weighs most (RFC 9110, section
// 12.5.1), the first on a tie. Nothing acceptable is a 406 naming the
// offers.
func negotiate(r *http.Request, format string, offers ...string) (string, *httpError) {
	if format != "" {
		for _, o := range offers {
			if o == format {
				return o, nil
			}
		}
		return "", &httpError{Status: http.StatusNotAcceptable, Param: "format",
			Message: fmt.Sprintf("pledge-service: %s answers %s only", r.URL.Path, strings.Join(offers, " or "))}
	}
	accept := strings.Join(r.Header.Values("Accept"), ",")
	if strings.TrimSpace(accept) == "" {
		return offers[0], nil
	}
	best, bestQ := "", 0.0
	for _, o := range offers {
		if q := weight(accept, o); q > bestQ {
			best, bestQ = o, q
		}
	}
	if best == "" {
		return "", &httpError{Status: http.StatusNotAcceptable,
			Message: fmt.Sprintf("pledge-service: Accept %s: %s answers %s", accept, r.URL.Path, strings.Join(offers, " or "))}
	}
	return best, nil
}

// weight returns the quality an Accept header gives the media type mt:
// that of its most particular range that matches (type/subtype, then
// type/*, then */*), 0 when none does.
func weight(accept, mt string) float64 {
	typ, _, _ := strings.Cut(mt, "/")
	q, rank := 0.0, 0
	for r := range strings.SplitSeq(accept, ",") {
		rt, ps, err := mime.ParseMediaType(strings.TrimSpace(r))
		if err != nil {
			continue
		}
		k := 0
		switch {
		case rt == mt:
			k = 3
		case rt == typ+"/*":
			k = 2
		case rt == "*/*":
			k = 1
		default:
			continue
		}
		if k <= rank {
			continue
		}
		rank, q = k, 1
		if v, ok := ps["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				q = f
			} else {
				q = 0
			}
		}
	}
	return q
}
