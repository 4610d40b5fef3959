package csvio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"casefile/fakeclinic"
	"casefile/model"
)

var today = model.Date{Year: 2026, Month: time.March, Day: 2}

func win1252(t *testing.T, s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadTableFormats(t *testing.T) {
	const french = "Nom;Prénom;Né(e) le;Procédure;N° AGDREF\r\nFAURÉ;Élodie;03/04/1991;Renouvellement;0123456789\r\n"
	tests := []struct {
		name     string
		file     []byte
		encoding string
		comma    rune
	}{
		{"excel windows-1252", win1252(t, french), Windows1252, ';'},
		{"utf-8 with bom", append([]byte("\xef\xbb\xbf"), french...), UTF8, ';'},
		{"utf-8 commas", []byte(strings.ReplaceAll(french, ";", ",")), UTF8, ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadTable(bytes.NewReader(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tt.encoding || tab.Comma != tt.comma {
				t.Fatalf("detected %s %q", tab.Encoding, tab.Comma)
			}
			res, err := Cases(tab, Guess(tab.Header, nil), today)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rejected) != 0 || len(res.Cases) != 1 {
				t.Fatalf("rejected %+v", res.Rejected)
			}
			f := res.Cases[0]
			if f.Person.FamilyName != "FAURÉ" || f.Person.GivenNames != "Élodie" || f.Person.BirthDate.String() != "1991-04-03" ||
				f.Procedure != model.ProcRenewal || f.Person.AGDREF != "0123456789" || f.Opened != today {
				t.Fatalf("case %+v", f)
			}
		})
	}
}

func TestRejectedLinesSayWhy(t *testing.T) {
	file := "Nom;Prénom;Date de naissance;Email\n" +
		"MARTIN;Léa;31/02/1990;\n" + // impossible date
		";Sans;01/01/1990;\n" + // no family name
		"\"DIALLO\nBAH\";Awa;;pas-un-email\n" + // a quoted line break, a bad e-mail
		"NGUYEN;An;02/03/1985;an@example.org\n"
	tab, err := ReadTable(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Cases(tab, Guess(tab.Header, nil), today)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cases) != 1 || res.Lines[0] != 6 {
		t.Fatalf("accepted %v at %v", res.Cases, res.Lines)
	}
	wantLines := []int{2, 3, 4}
	for i, r := range res.Rejected {
		if r.Line != wantLines[i] {
			t.Fatalf("rejected line %d, want %d (%v)", r.Line, wantLines[i], r.Err)
		}
	}
	var ve *model.ValidationError
	if !errors.Is(res.Rejected[0].Err, model.ErrInvalidDate) || !errors.As(res.Rejected[1].Err, &ve) || !errors.As(res.Rejected[2].Err, &ve) {
		t.Fatalf("reasons: %v", res.Rejected)
	}
}

func TestMappingFileWinsAndUnknownFieldsAreRefused(t *testing.T) {
	m, err := ParseMapping([]byte(`{"version":1,"columns":{"Nom usuel":"person.family_name","Nom":""}}`))
	if err != nil {
		t.Fatal(err)
	}
	g := Guess([]string{"Nom", "Nom usuel", "Prénom"}, m)
	if g.Columns["Nom"] != "" || g.Columns["Nom usuel"] != "person.family_name" || g.Columns["Prénom"] != "person.given_names" {
		t.Fatalf("mapping %v", g.Columns)
	}
	if _, err := ParseMapping([]byte(`{"version":1,"columns":{"X":"person.id"}}`)); !errors.Is(err, model.ErrUnknownField) {
		t.Fatalf("got %v", err)
	}
	if _, err := ParseMapping([]byte(`{"version":2,"columns":{}}`)); !errors.Is(err, ErrMappingVersion) {
		t.Fatalf("got %v", err)
	}
	tab, _ := ReadTable(strings.NewReader("Colonne;Autre\nA;B\n"))
	if _, err := Cases(tab, Guess(tab.Header, nil), today); !errors.Is(err, ErrNoNameColumn) {
		t.Fatalf("got %v", err)
	}
}

func TestWriteThenReadRoundTrip(t *testing.T) {
	g := fakeclinic.New(11)
	header := []string{"Nom", "Prénom", "Date de naissance", "Téléphone", "Nationalité"}
	var rows [][]string
	for range 50 {
		p := g.CaseFile(today).Person
		rows = append(rows, []string{p.FamilyName, p.GivenNames, dmy(p.BirthDate), p.Phone, p.Nationality})
	}
	rows = append(rows, []string{"=HYPERLINK(\"x\")", "+33", "", "+33 6 12 34 56 78", "-"})
	all := rows
	for _, enc := range []string{UTF8, Windows1252} {
		rows := all
		if enc == Windows1252 { // fictional names in other scripts stay out of this encoding
			rows = nil
			for _, r := range all {
				if _, err := charmap.Windows1252.NewEncoder().String(strings.Join(r, "")); err == nil {
					rows = append(rows, r)
				}
			}
			if len(rows) < 10 {
				t.Fatalf("only %d rows fit Windows-1252", len(rows))
			}
		}
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, enc, ';')
		w.Write(header)
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte(";=HYPERLINK")) || bytes.HasPrefix(bytes.Split(buf.Bytes(), []byte("\r\n"))[len(rows)], []byte("=")) {
			t.Fatal("a formula was written unquoted")
		}
		tab, err := ReadTable(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if tab.Encoding != enc || len(tab.Rows) != len(rows) {
			t.Fatalf("%s: read %d rows as %s", enc, len(tab.Rows), tab.Encoding)
		}
		for i, r := range rows {
			for j := range r {
				if got := unescapeCell(tab.Rows[i][j]); got != strings.TrimSpace(r[j]) {
					t.Fatalf("%s row %d col %d: %q, want %q", enc, i, j, got, r[j])
				}
			}
		}
	}
}

func dmy(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format("02/01/2006")
}

func TestWindows1252RefusesWhatItCannotHold(t *testing.T) {
	w, _ := NewWriter(&bytes.Buffer{}, Windows1252, ';')
	if err := w.Write([]string{"Ахмедов"}); !errors.Is(err, ErrNotEncodable) {
		t.Fatalf("got %v", err)
	}
}

// FuzzReadTable: any bytes give a table or one of the package's errors,
// and every row of a table has a line number.
func FuzzReadTable(f *testing.F) {
	f.Add([]byte("Nom;Prénom\nA;B\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadTable(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrNUL) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(tab.Rows) != len(tab.Lines) {
			t.Fatal("rows without lines")
		}
		if _, err := Cases(tab, Guess(tab.Header, nil), today); err != nil && !errors.Is(err, ErrNoNameColumn) {
			t.Fatal(err)
		}
	})
}

func TestChooseEncoding(t *testing.T) {
	latin := [][]string{{"Nom", "Prénom"}, {"Lefèvre", "Zoé"}, {"N’Diaye", "Œdipe €"}}
	arabic := append(latin, []string{"بن علي", "Karim"})
	for _, tt := range []struct {
		asked string
		rows  [][]string
		want  string
	}{
		{Auto, latin, Windows1252},
		{Auto, arabic, UTF8},
		{Auto, nil, Windows1252},
		{UTF8, latin, UTF8},
		{Windows1252, arabic, Windows1252}, // asked for: Write refuses the line
	} {
		if got := ChooseEncoding(tt.asked, tt.rows); got != tt.want {
			t.Errorf("ChooseEncoding(%s, %d rows) = %s, want %s", tt.asked, len(tt.rows), got, tt.want)
		}
	}
	if DefaultEncoding("windows") != Auto || DefaultEncoding("linux") != UTF8 || DefaultEncoding("darwin") != UTF8 {
		t.Error("default encodings: Auto on Windows, UTF-8 elsewhere")
	}
}

// A mapping is remembered per set of headers, in any order; the one of
// the header set wins over the legacy single mapping, which still fills
// the columns it names; the layers of Propose go in order, and every
// column is listed.
func TestMappingRememberedPerHeaderSet(t *testing.T) {
	a, b := MappingSetting([]string{"Nom", "Prénom", "Né le"}), MappingSetting([]string{"Né le", "Nom", "Prénom"})
	if a != b || !strings.HasPrefix(a, LegacyMappingSetting+"/") {
		t.Fatalf("settings %q %q", a, b)
	}
	if a == MappingSetting([]string{"Nom", "Prénom"}) || MappingSetting([]string{"a,b"}) == MappingSetting([]string{"a", "b"}) {
		t.Fatal("different header sets share a setting")
	}
	header := []string{"Nom usuel", "Prénom", "Remarque", "Ville"}
	settings := map[string][]byte{
		MappingSetting(header): (&Mapping{Version: 1, Columns: map[string]string{"Nom usuel": "person.family_name", "Remarque": ""}}).Marshal(),
		LegacyMappingSetting:   []byte(`{"version":1,"columns":{"Nom usuel":"lawyer","Ville":"person.birth_place"}}`),
	}
	get := func(name string) ([]byte, bool, error) { b, ok := settings[name]; return b, ok, nil }
	rem, err := Remembered(get, header)
	if err != nil {
		t.Fatal(err)
	}
	m := Propose(header, rem, LabelMapping(func(f string) string { return "label " + f }))
	want := map[string]string{"Nom usuel": "person.family_name", "Prénom": "person.given_names", "Remarque": "", "Ville": "person.birth_place"}
	if len(m.Columns) != len(want) {
		t.Fatalf("mapping %v", m.Columns)
	}
	for k, v := range want {
		if m.Columns[k] != v {
			t.Errorf("%s → %q, want %q", k, m.Columns[k], v)
		}
	}
	settings[MappingSetting(header)] = []byte("{damaged")
	if rem, err := Remembered(get, header); err != nil || rem.Columns["Nom usuel"] != "lawyer" {
		t.Fatalf("a damaged mapping is not skipped: %v %v", rem, err)
	}
	if rem, _ := Remembered(func(string) ([]byte, bool, error) { return nil, false, nil }, header); rem != nil {
		t.Fatal("nothing remembered, yet a mapping")
	}
	// An exported file's headers are the labels: they map back.
	labels := LabelMapping(func(f string) string { return "label " + f })
	if m := Propose([]string{"label person.agdref"}, nil, labels); m.Columns["label person.agdref"] != "person.agdref" {
		t.Fatalf("labels: %v", m.Columns)
	}
}

// An export's rows read back through an import with the labels' mapping,
// and WriteTable says which encoding Auto chose.
func TestCaseRowsReadBack(t *testing.T) {
	g := fakeclinic.New(3)
	label := func(f string) string { return "L:" + f }
	header := make([]string, len(CaseColumns))
	for i, c := range CaseColumns {
		header[i] = label(c)
	}
	rows := [][]string{header}
	var want []model.CaseFile
	for range 20 {
		f := g.CaseFile(today)
		f.Ref = "X-1"
		want = append(want, f)
		rows = append(rows, CaseRow(&f, CaseColumns))
	}
	var buf bytes.Buffer
	enc, err := WriteTable(&buf, Auto, ';', rows)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTable(&buf)
	if err != nil || tab.Encoding != enc {
		t.Fatalf("read %v as %s, written %s", err, tab.Encoding, enc)
	}
	res, err := Cases(tab, Propose(tab.Header, LabelMapping(label)), today)
	if err != nil || len(res.Cases) != len(want) {
		t.Fatalf("%v: %d cases, %+v", err, len(res.Cases), res.Rejected)
	}
	for i, f := range res.Cases {
		if f.Person.FamilyName != want[i].Person.FamilyName || f.Person.BirthDate != want[i].Person.BirthDate || f.Procedure != want[i].Procedure {
			t.Fatalf("case %d: %+v, want %+v", i, f.Person, want[i].Person)
		}
	}
}

// utf16 encodes s as UTF-16 in the byte order given, with its mark.
func utf16(t *testing.T, s string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Excel's "Texte Unicode" export (UTF-16 LE with its mark, tabs, CRLF) is
// read as what it is, names in every script intact; so is UTF-16 BE. Read
// as Windows-1252 it gave a table of NULs and letters, without an error.
func TestReadTableUnicodeText(t *testing.T) {
	const sheet = "Nom\tPrénom\tNé(e) le\tNationalité\r\n" +
		"بن علي\tKarim\t03/04/1991\tTunisienne\r\n" +
		"ПЕТРЕНКО\tОлена\t12/11/1988\tUkrainienne\r\n" +
		"FAURÉ\tÉlodie\t01/02/1990\tFrançaise\r\n"
	for _, tt := range []struct {
		name  string
		order unicode.Endianness
		enc   string
	}{{"little-endian, as Excel writes it", unicode.LittleEndian, UTF16LE}, {"big-endian", unicode.BigEndian, UTF16BE}} {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadTable(bytes.NewReader(utf16(t, sheet, tt.order)))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tt.enc || tab.Comma != '\t' || len(tab.Rows) != 3 {
				t.Fatalf("read as %s, separator %q, %d rows", tab.Encoding, tab.Comma, len(tab.Rows))
			}
			res, err := Cases(tab, Guess(tab.Header, nil), today)
			if err != nil || len(res.Cases) != 3 {
				t.Fatalf("%v, rejected %+v", err, res.Rejected)
			}
			if got := res.Cases[0].Person.FamilyName; got != "بن علي" {
				t.Errorf("Arabic name read as %q", got)
			}
			if got := res.Cases[1].Person.GivenNames; got != "Олена" {
				t.Errorf("Cyrillic name read as %q", got)
			}
			if got := res.Cases[2].Person.BirthDate.String(); got != "1990-02-01" {
				t.Errorf("date read as %s", got)
			}
		})
	}
	// Without its mark, or not text at all (a workbook renamed .csv), the
	// file is refused with a reason instead of read as NULs.
	noMark := utf16(t, sheet, unicode.LittleEndian)[2:]
	xlsx := []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml")
	for name, b := range map[string][]byte{"UTF-16 without its mark": noMark, "a workbook": xlsx, "UTF-8 with a NUL": []byte("Nom;Prénom\nA\x00;B\n")} {
		if _, err := ReadTable(bytes.NewReader(b)); !errors.Is(err, ErrNUL) {
			t.Errorf("%s: got %v, want ErrNUL", name, err)
		}
	}
	// A NUL character in UTF-16 text.
	if _, err := ReadTable(bytes.NewReader(utf16(t, "Nom\tPrénom\r\nA\x00\tB\r\n", unicode.LittleEndian))); !errors.Is(err, ErrNUL) {
		t.Errorf("UTF-16 with a NUL: got %v", err)
	}
}

// Marks of plural and feminine in headers do not hide a column's field.
func TestGuessReadsPluralAndFeminineMarks(t *testing.T) {
	m := Guess([]string{"Nom(s)", "Prénom(s)", "Né(e) le", "Tél."}, nil)
	for col, want := range map[string]string{"Nom(s)": "person.family_name", "Prénom(s)": "person.given_names", "Né(e) le": "person.birth_date", "Tél.": "person.phone"} {
		if m.Columns[col] != want {
			t.Errorf("%s → %q, want %s", col, m.Columns[col], want)
		}
	}
}
