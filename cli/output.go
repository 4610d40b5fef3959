package cli

import (
	"fmt"
	"io"
	"unicode/utf8"

	"casefile/model"
)

// Everything the commands print reaches a terminal, at once or later (a
// file shown with cat, a pager): names, references and notes that came
// from a bundle, the shared folder or a CSV included. Run wraps standard
// output and standard error in a safeWriter, the one place that keeps
// terminal control sequences out, whatever a command prints and however
// (fmt, tabwriter, encoding/json).

// safeWriter passes text through with its line feeds, tabs and CRLF line
// ends (an ICS or CSV file printed), and writes every other control
// character (ESC of a colour or title sequence, BEL, a lone CR, C1 codes
// such as CSI), every mark that reorders text (bidirectional overrides:
// model.IsUnsafeRune) and every byte that is not UTF-8 as a visible escape:
// \u001b, \u202e, \xff. Inside JSON strings \uXXXX is the same character,
// so JSON output stays valid and means the same. A character split between
// two writes is joined first.
type safeWriter struct {
	w       io.Writer
	pending []byte // an incomplete character, or a CR, from the last Write
}

// safeOutput wraps w unless it already is a safeWriter.
func safeOutput(w io.Writer) io.Writer {
	if _, ok := w.(*safeWriter); ok || w == nil {
		return w
	}
	return &safeWriter{w: w}
}

func (s *safeWriter) Write(p []byte) (int, error) {
	data := p
	if len(s.pending) > 0 {
		data = append(s.pending, p...)
		s.pending = nil
	}
	out := make([]byte, 0, len(data)+16)
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '\r' && i+1 == len(data):
				s.pending = []byte{'\r'} // CRLF or a lone CR: the next byte says
			case b == '\r' && data[i+1] == '\n', b == '\n', b == '\t', b >= 0x20 && b < 0x7f:
				out = append(out, b)
			default:
				out = fmt.Appendf(out, `\u%04x`, b)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1 && !utf8.FullRune(data[i:]):
			s.pending = append([]byte(nil), data[i:]...) // the rest comes next
			i = len(data)
			continue
		case r == utf8.RuneError && n <= 1:
			out = fmt.Appendf(out, `\x%02x`, b)
		case model.IsUnsafeRune(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes what a last Write left pending: a CR or a cut character at
// the very end of the output, escaped.
func (s *safeWriter) flush() {
	if len(s.pending) == 0 {
		return
	}
	var out []byte
	for _, b := range s.pending {
		if b == '\r' {
			out = append(out, `\u000d`...)
		} else {
			out = fmt.Appendf(out, `\x%02x`, b)
		}
	}
	s.pending = nil
	s.w.Write(out)
}

// flushOutput flushes the streams Run wrapped.
func flushOutput(env *Env) {
	for _, w := range []io.Writer{env.Stdout, env.Stderr} {
		if s, ok := w.(*safeWriter); ok {
			s.flush()
		}
	}
}
