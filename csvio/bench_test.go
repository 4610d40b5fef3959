package csvio

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"casefile/fakeclinic"
)

// benchSheet is a clinic's sheet of n fictional cases, tab-separated.
func benchSheet(n int) string {
	g := fakeclinic.New(1)
	var b strings.Builder
	b.WriteString("Nom\tPrénom\tNé(e) le\tNationalité\tTéléphone\tProcédure\r\n")
	for range n {
		f := g.CaseFile(today)
		p := f.Person
		b.WriteString(strings.Join([]string{p.FamilyName, p.GivenNames, dmy(p.BirthDate), p.Nationality, p.Phone, string(f.Procedure)}, "\t") + "\r\n")
	}
	return b.String()
}

// The cost of reading Excel's Unicode text against UTF-8, for a sheet of
// 10,000 cases: go test -bench ReadTable -benchmem ./csvio/
func BenchmarkReadTable(b *testing.B) {
	sheet := benchSheet(10_000)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(sheet))
	for _, c := range []struct {
		name string
		file []byte
	}{{"utf-8", []byte(sheet)}, {"utf-16le", u16}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.file)))
			for b.Loop() {
				if _, err := ReadTable(bytes.NewReader(c.file)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// What the import dialog recomputes after each change of the mapping:
// every row of a 10,000-case sheet turned into a case or refused.
func BenchmarkCases(b *testing.B) {
	tab, err := ReadTable(strings.NewReader(benchSheet(10_000)))
	if err != nil {
		b.Fatal(err)
	}
	m := Propose(tab.Header)
	for b.Loop() {
		if _, err := Cases(tab, m, today); err != nil {
			b.Fatal(err)
		}
	}
}
