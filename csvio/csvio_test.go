package csvio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

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
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrMalformed) {
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
