package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// CaseList is every case's row of the case list, in ListCases's order,
// kept compact for a face that holds it while the vault is open (the
// app's case list). A []CaseSummary is a struct of twelve strings per
// case, its name built for each row; here the rows' text is one string,
// and the procedure, status, lawyer and prefecture, which repeat, are kept
// once each: on 100,000 cases about 11 MB instead of 33 MB and one object
// instead of 300,000 (docs/performance.md, "Vault (issue 2)"). Rows are
// numbered from 0; a CaseList never changes once read.
type CaseList struct {
	text   string
	rows   []listRow
	values []string
}

// listRow is one row of a CaseList: where its text starts (reference, id,
// family name, given names, ANEF and AGDREF numbers, each ended by sep,
// which none of them holds), its opened date packed (packDate), and its
// repeated fields as indexes into values.
type listRow struct {
	at, opened                            uint32
	procedure, status, lawyer, prefecture uint32
}

// The fields of a row's text, in order.
const (
	rowRef = iota
	rowID
	rowFamily
	rowGiven
	rowANEF
	rowAGDREF
	rowFields
)

// CaseList reads the case list: one prefix scan of the case-list index,
// as ListCases.
func (v *Vault) CaseList() (*CaseList, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var (
		text    []byte
		rows    []listRow
		values  []string
		valueOf = map[string]uint32{}
	)
	value := func(b []byte) uint32 {
		if i, ok := valueOf[string(b)]; ok {
			return i
		}
		i := uint32(len(values))
		values = append(values, string(b))
		valueOf[values[i]] = i
		return i
	}
	err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, "idx/list/", func(k, b []byte) error {
			f, opened, err := splitSummary(b)
			if err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			rows = append(rows, listRow{at: uint32(len(text)), opened: packDate(opened),
				procedure: value(f[4]), status: value(f[5]), lawyer: value(f[6]), prefecture: value(f[7])})
			for _, s := range [rowFields][]byte{f[1], k[len("idx/list/"):], f[2], f[3], f[8], f[9]} {
				text = append(append(text, s...), sep...)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	// The slices grew by doubling: the app keeps the list for the session.
	l := &CaseList{text: string(text), rows: slices.Clone(rows), values: values}
	slices.SortFunc(l.rows, func(a, b listRow) int {
		if c := cmp.Compare(b.opened, a.opened); c != 0 {
			return c
		}
		return strings.Compare(l.field(b, rowRef), l.field(a, rowRef))
	})
	return l, nil
}

// packDate packs a date of the years 0 to 9999 (what model.ParseDate
// reads; the zero date is 0) into an integer that sorts as the date.
func packDate(d model.Date) uint32 {
	return uint32(d.Year)<<9 | uint32(d.Month)<<5 | uint32(d.Day)
}

func unpackDate(p uint32) model.Date {
	return model.Date{Year: int(p >> 9), Month: time.Month(p >> 5 & 15), Day: int(p & 31)}
}

// Len is the number of rows. Len, All and Filter take a nil list as an
// empty one (a face that could not read the list shows none).
func (l *CaseList) Len() int {
	if l == nil {
		return 0
	}
	return len(l.rows)
}

func (l *CaseList) fields(r listRow) (f [rowFields]string) {
	s := l.text[r.at:]
	for k := range f {
		end := strings.IndexByte(s, sep[0])
		f[k], s = s[:end], s[end+1:]
	}
	return f
}

func (l *CaseList) field(r listRow, k int) string {
	s := l.text[r.at:]
	for range k {
		s = s[strings.IndexByte(s, sep[0])+1:]
	}
	return s[:strings.IndexByte(s, sep[0])]
}

// Row returns row i whole, as ListCases gives it.
func (l *CaseList) Row(i int) CaseSummary {
	r := l.rows[i]
	f := l.fields(r)
	p := model.Person{FamilyName: f[rowFamily], GivenNames: f[rowGiven]}
	return CaseSummary{ID: f[rowID], Ref: f[rowRef], Name: p.DisplayName(), FamilyName: f[rowFamily],
		GivenNames: f[rowGiven], Procedure: l.Procedure(i), Status: l.Status(i), Lawyer: l.Lawyer(i),
		Prefecture: l.Prefecture(i), ANEFNumber: f[rowANEF], AGDREF: f[rowAGDREF], Opened: unpackDate(r.opened)}
}

// ID is row i's case id. This and the other accessors of one column
// below read the list without building anything.
func (l *CaseList) ID(i int) string { return l.field(l.rows[i], rowID) }

// Ref is row i's case reference.
func (l *CaseList) Ref(i int) string { return l.field(l.rows[i], rowRef) }

// Procedure is row i's procedure.
func (l *CaseList) Procedure(i int) model.Procedure {
	return model.Procedure(l.values[l.rows[i].procedure])
}

// Status is row i's status.
func (l *CaseList) Status(i int) model.Status { return model.Status(l.values[l.rows[i].status]) }

// Lawyer is row i's lawyer.
func (l *CaseList) Lawyer(i int) string { return l.values[l.rows[i].lawyer] }

// Prefecture is row i's prefecture.
func (l *CaseList) Prefecture(i int) string { return l.values[l.rows[i].prefecture] }

// All returns the number of every row, in order.
func (l *CaseList) All() []int32 {
	out := make([]int32, l.Len())
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

// Filter returns the rows whose name, reference, ANEF or AGDREF number
// contain every word of query, ignoring case and accents; every row for
// an empty query. (The typo- and transliteration-tolerant search of the
// case workspace replaces this once its index is built; see issue 4.)
func (l *CaseList) Filter(query string) []int32 {
	words := strings.Fields(Fold(query))
	if len(words) == 0 || l == nil {
		return l.All()
	}
	var out []int32
	for i, r := range l.rows {
		f := l.fields(r)
		hay := Fold(f[rowFamily] + " " + f[rowGiven] + " " + f[rowRef] + " " + f[rowANEF] + " " + f[rowAGDREF])
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, int32(i))
		}
	}
	return out
}
