package table

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// element is one XML element of a rendering, with its text content.
type element struct {
	name  string
	attr  map[string]string
	text  string
	depth int
}

// parseXML reads s as one well-formed XML element, strictly, as
// encoding/xml does: every character allowed by XML 1.0, every reference
// known, tags balanced, nothing but white space outside the root. It
// returns the elements in document order.
func parseXML(s string) ([]element, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	var els []element
	var open []int // indexes into els
	roots := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 {
				roots++
			}
			e := element{name: t.Name.Local, attr: map[string]string{}, depth: len(open)}
			for _, a := range t.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			els = append(els, e)
			open = append(open, len(els)-1)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 {
				if strings.TrimSpace(string(t)) != "" {
					return nil, fmt.Errorf("text outside the root element: %q", t)
				}
				continue
			}
			els[open[len(open)-1]].text += string(t)
		default:
			return nil, fmt.Errorf("unexpected %T in a rendering", t)
		}
	}
	if roots != 1 {
		return nil, fmt.Errorf("%d root elements, want 1", roots)
	}
	return els, nil
}

// svgOfImg checks that html is one <img> whose source is an SVG data: URI,
// and returns that SVG and the image's attributes.
func svgOfImg(html string) (string, map[string]string, error) {
	els, err := parseXML(html)
	if err != nil {
		return "", nil, fmt.Errorf("chart HTML is not well-formed XML: %v", err)
	}
	if len(els) != 1 || els[0].name != "img" {
		return "", nil, fmt.Errorf("chart HTML is not one <img>: %s", html)
	}
	src, ok := strings.CutPrefix(els[0].attr["src"], "data:image/svg+xml;base64,")
	if !ok {
		return "", nil, errors.New("chart image's source is not an SVG data: URI")
	}
	svg, err := base64.StdEncoding.DecodeString(src)
	if err != nil {
		return "", nil, err
	}
	return string(svg), els[0].attr, nil
}

// hostile are strings a renderer must carry safely: markup, references,
// control characters, non-characters, bytes that are not UTF-8 and an
// encoded surrogate.
var hostile = []string{
	"Kim \uFFFE Jong \uFFFF",
	"a\x00b\x01c\x1b[31m red\x7f\u0085\u009f",
	"bad \xff\xfe UTF-8 \xed\xa0\x80 and \xc3",
	`<script>alert("x")</script> & 'q' ]]> <![CDATA[ x ]]> &amp; &nbsp;`,
	"\uFDD0 \uFDEF \U0001FFFE \U0010FFFF \U0010FFFD",
	"tab\tnew\nline\rreturn",
	"윤석열 岸田文雄 Shinzō \u202Eevil\u202C",
	"",
}
