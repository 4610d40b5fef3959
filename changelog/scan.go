package changelog

import "unicode/utf8"

// The one JSON scanner of the vault. Records, log entries and index values
// are JSON that this program wrote (json.Marshal, or the hand encoders in
// codec.go, which write the same bytes); reading them back through
// encoding/json's reflection was a large part of a bulk import, of the
// weekly review and of an export. The scanner walks those bytes instead:
// it tracks strings and nesting and does not validate. Every caller either
// reads bytes json.Marshal produced, or falls back to encoding/json when
// the scanner reports anything it does not expect, so that a result never
// depends on the fast path.

// scanner reads the JSON in b from position i.
type scanner struct {
	b []byte
	i int
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// space moves past white space.
func (s *scanner) space() {
	for s.i < len(s.b) && isSpace(s.b[s.i]) {
		s.i++
	}
}

// lit moves past the literal bytes l, if they come next.
func (s *scanner) lit(l string) bool {
	if len(s.b)-s.i >= len(l) && string(s.b[s.i:s.i+len(l)]) == l {
		s.i += len(l)
		return true
	}
	return false
}

// byte1 moves past c, if it comes next.
func (s *scanner) byte1(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str reads a string written without escapes or control characters, in
// valid UTF-8: such a string decodes to exactly its bytes.
func (s *scanner) str() (string, bool) {
	raw, ok := s.plain()
	return string(raw), ok
}

// plain is str without the copy: the bytes between the quotes.
func (s *scanner) plain() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	ascii := true
	for j := s.i + 1; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			raw := s.b[s.i+1 : j]
			if !ascii && !utf8.Valid(raw) {
				return nil, false
			}
			s.i = j + 1
			return raw, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, false
}

// uint reads an unsigned integer as json.Marshal writes it (no sign, no
// leading zero, no fraction), refusing one that overflows 64 bits.
func (s *scanner) uint() (uint64, bool) {
	var n uint64
	d := 0
	for s.i+d < len(s.b) && s.b[s.i+d] >= '0' && s.b[s.i+d] <= '9' {
		if n > (1<<64-1-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(s.b[s.i+d]-'0')
		d++
	}
	if d == 0 || d > 1 && s.b[s.i] == '0' {
		return 0, false
	}
	s.i += d
	return n, true
}

// skipString moves past the string starting here, escapes included.
func (s *scanner) skipString() bool {
	for j := s.i + 1; j < len(s.b); j++ {
		switch s.b[j] {
		case '\\':
			j++
		case '"':
			s.i = j + 1
			return true
		}
	}
	return false
}

// value moves past one JSON value: an object or array (brackets matched
// outside strings), a string, or a number or literal (up to the next ',',
// '}', ']' or white space, and holding none of '"', '{', '[').
func (s *scanner) value() bool {
	if s.i >= len(s.b) {
		return false
	}
	switch s.b[s.i] {
	case '"':
		return s.skipString()
	case '{', '[':
		depth := 0
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case '"':
				if !s.skipString() {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					s.i++
					return true
				}
			}
			s.i++
		}
		return false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c == ',' || c == '}' || c == ']' || isSpace(c) {
			break
		}
		if c == '"' || c == '{' || c == '[' {
			return false
		}
		s.i++
	}
	return s.i > start
}

// Fields calls fn with the name (the bytes between its quotes; escaped
// reports a name that needs decoding: a backslash, or bytes that are not
// UTF-8) and the raw value of each top-level
// field of the JSON object b, in order, white space allowed. It returns
// false, having perhaps called fn for some fields, when b is not an object
// it can walk or fn returns false.
func Fields(b []byte, fn func(name []byte, escaped bool, raw []byte) bool) bool {
	s := scanner{b: b}
	s.space()
	if !s.byte1('{') {
		return false
	}
	s.space()
	if s.byte1('}') {
		s.space()
		return s.i == len(b)
	}
	for {
		if s.i >= len(b) || b[s.i] != '"' {
			return false
		}
		start := s.i
		if !s.skipString() {
			return false
		}
		name := b[start+1 : s.i-1]
		escaped := false
		ascii := true
		for _, c := range name {
			if c == '\\' {
				escaped = true
				break
			}
			if c >= 0x80 {
				ascii = false
			}
		}
		if !escaped && !ascii && !utf8.Valid(name) {
			escaped = true // encoding/json would replace the bad bytes
		}
		s.space()
		if !s.byte1(':') {
			return false
		}
		s.space()
		vs := s.i
		if !s.value() {
			return false
		}
		if !fn(name, escaped, b[vs:s.i:s.i]) {
			return false
		}
		s.space()
		if s.byte1(',') {
			s.space()
			continue
		}
		if !s.byte1('}') {
			return false
		}
		s.space()
		return s.i == len(b)
	}
}
