package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Encodings a table is read from or written in.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
)

// Caps on what ReadTable accepts, so that a file cannot make it allocate
// without bound: the whole file (a clinic's spreadsheet is a few MiB at
// most), one row (a record, quoted lines included), and what is kept of
// the file once read.
const (
	MaxFileSize = 64 << 20
	MaxRowBytes = 256 << 10
	MaxRowCells = 1024
	MaxRows     = 100_000
	MaxCells    = 4_000_000
)

// The caps the reader applies; tests lower them.
var (
	maxRows  = MaxRows
	maxCells = MaxCells
)

// Table is a spreadsheet as read: its header row and data rows, with the
// line number each row starts on (1 is the header). Empty cells at the
// end of a data row are not kept.
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
	// ErrRowTooLarge: a row (a record, with the lines its quotes span)
	// has more than MaxRowCells cells or MaxRowBytes bytes.
	ErrRowTooLarge error = keyedError{"csv: a row has too many cells or bytes", "csv.err.row_too_large"}
	// ErrTooManyRows: more than MaxRows rows or MaxCells cells.
	ErrTooManyRows error = keyedError{"csv: the file has too many rows or cells", "csv.err.too_many_rows"}
)

// keyedError names its translation key (i18n.Error reads MessageKey).
type keyedError struct{ msg, key string }

func (e keyedError) Error() string      { return e.msg }
func (e keyedError) MessageKey() string { return e.key }

// ReadTable reads a whole CSV file: it detects the encoding (UTF-16 by its
// byte-order mark, as Excel's "Unicode text" export writes it; UTF-8 when
// the bytes are valid UTF-8; else Windows-1252, which Excel's CSV export
// writes in France; a NUL character is refused, ErrNUL) and the separator
// (the most frequent of ';', ',' and tab in the header line). A file (an
// *os.File, or anything with Stat) larger than MaxFileSize is refused
// before it is read.
func ReadTable(r io.Reader) (*Table, error) {
	size := int64(-1)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			if size = fi.Size(); size > MaxFileSize {
				return nil, ErrTooLarge
			}
		}
	}
	var buf bytes.Buffer
	if size >= 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxFileSize+1)); err != nil {
		return nil, err
	}
	raw := buf.Bytes()
	if len(raw) > MaxFileSize {
		return nil, ErrTooLarge
	}
	t := &Table{Encoding: UTF8}
	text, _, enc, err := unicodeText(raw) // UTF-16 (encoding.go); NULs refused
	if err != nil {
		return nil, err
	}
	if enc != "" {
		if raw, err = io.ReadAll(text); err != nil {
			return nil, ErrMalformed
		}
		t.Encoding = enc
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	text = bytes.NewReader(raw)
	if enc == "" && !utf8.Valid(raw) {
		// Decoded as it is read: a copy of the whole file would take up
		// to three times its size.
		text = transform.NewReader(text, charmap.Windows1252.NewDecoder())
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
	cr := csv.NewReader(&rowLimiter{r: text, rows: rowScanner{comma: byte(t.Comma)}})
	cr.Comma = t.Comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true // blank rows cost nothing; kept rows are copied
	cells := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case errors.Is(err, ErrRowTooLarge):
				return nil, err
			case errors.As(err, &pe):
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
			t.Header = slices.Clone(rec)
			continue
		}
		n := len(rec)
		for n > 0 && rec[n-1] == "" {
			n--
		}
		if cells += n; cells > maxCells || len(t.Rows) >= maxRows {
			return nil, ErrTooManyRows
		}
		t.Rows = append(t.Rows, slices.Clone(rec[:n]))
		t.Lines = append(t.Lines, line)
	}
	if t.Header == nil {
		return nil, ErrEmpty
	}
	return t, nil
}

// rowLimiter passes a file's text to encoding/csv and fails with
// ErrRowTooLarge as soon as one record, split as encoding/csv splits them
// (rowScanner), passes MaxRowBytes or MaxRowCells: encoding/csv reads a
// whole line, and a whole quoted field, before it returns anything.
type rowLimiter struct {
	r    io.Reader
	rows rowScanner
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		l.rows.step(b)
		if l.rows.bytes > MaxRowBytes || l.rows.cells > MaxRowCells {
			return i, ErrRowTooLarge
		}
	}
	return n, err
}

// rowScanner follows encoding/csv's split of a text into records (with
// LazyQuotes, without TrimLeadingSpace): a quote opens a quoted field only
// at a field's start; in it, "" is a quote, and a quote followed by the
// separator or the end of the line ends the field, any other quote is
// kept; a line ends at '\n' (a "\r\n" is one). It counts the current
// record's bytes and cells. The separator and the quote are ASCII, so
// bytes of UTF-8 can be read one by one.
type rowScanner struct {
	comma        byte
	state        int
	bytes, cells int
}

const (
	fieldStart = iota
	unquoted
	quoted
	quoteInQuoted // a quote in a quoted field: its end, or a quote
	quoteCR       // a quote then '\r' in a quoted field: the end if '\n' follows
)

func (s *rowScanner) step(b byte) {
	if s.bytes == 0 {
		s.cells = 1
	}
	s.bytes++
	switch s.state {
	case fieldStart, unquoted:
		switch {
		case b == '\n':
			s.end()
		case b == s.comma:
			s.cells++
			s.state = fieldStart
		case b == '"' && s.state == fieldStart:
			s.state = quoted
		default:
			s.state = unquoted
		}
	case quoted:
		if b == '"' {
			s.state = quoteInQuoted
		}
	case quoteInQuoted:
		switch b {
		case '"':
			s.state = quoted
		case s.comma:
			s.cells++
			s.state = fieldStart
		case '\n':
			s.end()
		case '\r':
			s.state = quoteCR
		default:
			s.state = quoted
		}
	case quoteCR:
		switch b {
		case '\n':
			s.end()
		case '"':
			s.state = quoteInQuoted
		default:
			s.state = quoted
		}
	}
}

func (s *rowScanner) end() { s.state, s.bytes, s.cells = fieldStart, 0, 0 }

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
