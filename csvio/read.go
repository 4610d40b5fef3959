package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encodings a table is read from or written in.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
)

// MaxFileSize bounds what ReadTable accepts (a clinic's spreadsheet is a
// few MiB at most).
const MaxFileSize = 64 << 20

// Table is a spreadsheet as read: its header row and data rows, with the
// line number each row starts on (1 is the header).
type Table struct {
	Header   []string
	Rows     [][]string
	Lines    []int
	Encoding string
	Comma    rune
}

// Errors about the file as a whole.
var (
	// ErrEmpty: no header row.
	ErrEmpty = errors.New("csv: the file has no header row")
	// ErrTooLarge: larger than MaxFileSize.
	ErrTooLarge = errors.New("csv: the file is too large")
	// ErrMalformed: the CSV cannot be parsed (an unclosed quote...).
	ErrMalformed = errors.New("csv: the file is not valid CSV")
)

// ReadTable reads a whole CSV file: it detects the encoding (UTF-8 when the
// bytes are valid UTF-8, else Windows-1252, which Excel writes in France)
// and the separator (the most frequent of ';', ',' and tab in the header
// line).
func ReadTable(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxFileSize {
		return nil, ErrTooLarge
	}
	t := &Table{Encoding: UTF8}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		if raw, err = charmap.Windows1252.NewDecoder().Bytes(raw); err != nil {
			return nil, ErrMalformed
		}
		t.Encoding = Windows1252
	}
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	t.Comma = ';'
	best := bytes.Count(first, []byte(";"))
	for _, c := range []rune{',', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > best {
			t.Comma, best = c, n
		}
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = t.Comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%w (line %d)", ErrMalformed, pe.StartLine)
			}
			return nil, ErrMalformed
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if t.Header == nil {
		return nil, ErrEmpty
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
