package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
)

// flateStream finds a stream object's dictionary as this package writes
// it, Flate-compressed, up to the start of its data.
var flateStream = regexp.MustCompile(`<<([^\n]*) /Length (\d+) /Filter /FlateDecode >>\nstream\n`)

// Uncompressed returns a PDF written by this package with its streams
// decompressed, for tests and for reading the content of a page: what the
// writer drew is then plain text ("(Nom : Zoé) Tj"). The cross-reference
// table is not rewritten (PDF readers rebuild it); a stream that does not
// inflate is left as it is.
func Uncompressed(doc []byte) []byte {
	var out bytes.Buffer
	for {
		m := flateStream.FindSubmatchIndex(doc)
		if m == nil {
			out.Write(doc)
			return out.Bytes()
		}
		n, _ := strconv.Atoi(string(doc[m[4]:m[5]]))
		end := m[1] + n
		if end > len(doc) {
			out.Write(doc)
			return out.Bytes()
		}
		raw, err := inflate(doc[m[1]:end])
		if err != nil {
			out.Write(doc[:end])
			doc = doc[end:]
			continue
		}
		out.Write(doc[:m[0]])
		out.WriteString("<<" + string(doc[m[2]:m[3]]) + " /Length " + strconv.Itoa(len(raw)) + " >>\nstream\n")
		out.Write(raw)
		doc = doc[end:]
	}
}

func inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(r, 64<<20))
}
