package csvio

import (
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Excel's "Texte Unicode (*.txt)" export, which French clinics use to keep
// Arabic or Cyrillic names that its "CSV (séparateur : point-virgule)"
// export turns into "?", is UTF-16 little-endian with a byte-order mark,
// its columns separated by tabs. Other tools write UTF-16 big-endian with
// a mark. ReadTable reads both, by their mark.
const (
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// ErrNUL: the file holds NUL characters, which no spreadsheet saved as
// text has: UTF-16 without its byte-order mark, or not a text file (a
// workbook .xlsx or .ods renamed .csv, an image).
var ErrNUL error = textError{"csv: the file holds NUL characters (UTF-16 without a byte-order mark, or not text)", "csv.err.nul"}

// textError names its translation key (i18n.Error reads MessageKey).
type textError struct{ msg, key string }

func (e textError) Error() string      { return e.msg }
func (e textError) MessageKey() string { return e.key }

// unicodeText recognises a UTF-16 file by its byte-order mark and returns
// its text as UTF-8, decoded as it is read (no copy of the whole file),
// with the encoding's name; other files come back as they are, encoding
// "". A NUL character in the text is refused (ErrNUL): read as
// Windows-1252, UTF-16 without a mark would give a table of NULs and
// letters instead of an error.
func unicodeText(raw []byte) (text io.Reader, head []byte, encoding string, err error) {
	var order unicode.Endianness
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		order, encoding = unicode.LittleEndian, UTF16LE
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		order, encoding = unicode.BigEndian, UTF16BE
	default:
		if bytes.IndexByte(raw, 0) >= 0 {
			return nil, nil, "", ErrNUL
		}
		return bytes.NewReader(raw), raw, "", nil
	}
	for i := 2; i+1 < len(raw); i += 2 {
		if raw[i] == 0 && raw[i+1] == 0 {
			return nil, nil, "", ErrNUL
		}
	}
	// The header line, decoded on its own, for the separator's detection:
	// at most the first 64 KiB of the file.
	decoder := func() transform.Transformer { return unicode.UTF16(order, unicode.ExpectBOM).NewDecoder() }
	head, _, _ = transform.Bytes(decoder(), raw[:min(len(raw), 64<<10)&^1])
	return transform.NewReader(bytes.NewReader(raw), decoder()), head, encoding, nil
}
