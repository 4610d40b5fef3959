package feeds

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// CaseList is every case's row of the case list, in ListCases's order,
// kept compact for a face that holds it while the vault is open (the
// app's case list). A []layout.CaseSummary is a struct of twelve strings per
// case, its name built for each row; here the rows' text is one string,
// and the procedure, status, lawyer and prefecture, which repeat, are kept
// once each: on 100,000 cases about 11 MB instead of 33 MB and one object
// instead of 300,000 (docs/performance.md, "Vault (issue 2)"). Rows are
// numbered from 0; a CaseList never changes once read.
//
// A list read by CaseListAt also holds each case's open deadlines as of
// that instant (nextdue.go): the next one not yet past, the latest one
// past and how many are past, as wall-clock keys of twelve bytes a row,
// and every open deadline of an open case running out within a week, so
// that the faces rank, colour and count them without reading the vault
// again.
type CaseList struct {
	text   string
	rows   []listRow
	values []string

	// The deadlines' instant and zone (zero when not read), and the open
	// cases' deadlines running out within soonWindow of it, by key.
	read time.Time
	soon []soonDue
}

// listRow is one row of a CaseList: where its text starts (reference, id,
// family name, given names, ANEF and AGDREF numbers, each ended by layout.SummarySep,
// which none of them holds), its opened date packed (packDate), its
// repeated fields as indexes into values, and its case's deadlines
// (caseDues).
type listRow struct {
	at, opened                            uint32
	procedure, status, lawyer, prefecture uint32
	next, late                            uint32
	lateN                                 uint16
	flags                                 uint8
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

// ReadCaseList reads the case list in txn (store.Vault.CaseList,
// CaseListAt): one prefix scan of the case-list index, and when now is not
// zero, one of the due-date index for each case's open deadlines as of
// now, in now's zone.
func ReadCaseList(txn *badger.Txn, now time.Time) (*CaseList, error) {
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
	var (
		dues map[string]*caseDues
		soon []soonDue
	)
	nowKey := wallKeyOf(now)
	err := func() error {
		if !now.IsZero() {
			var err error
			if dues, soon, err = readDues(txn, nowKey, now.Location()); err != nil {
				return err
			}
		}
		return scanInline(txn, layout.IdxList, func(k, b []byte) error {
			f, opened, err := layout.SplitSummary(b)
			if err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			r := listRow{at: uint32(len(text)), opened: packDate(opened),
				procedure: value(f[4]), status: value(f[5]), lawyer: value(f[6]), prefecture: value(f[7])}
			if cd := dues[string(k[len(layout.IdxList):])]; cd != nil {
				r.next, r.late, r.lateN, r.flags = cd.next, cd.late, cd.lateN, cd.flags
			}
			rows = append(rows, r)
			for _, s := range [rowFields][]byte{f[1], k[len(layout.IdxList):], f[2], f[3], f[8], f[9]} {
				text = append(append(text, s...), layout.SummarySep...)
			}
			return nil
		})
	}()
	if err != nil {
		return nil, err
	}
	// The slices grew by doubling: the app keeps the list for the session.
	l := &CaseList{text: string(text), rows: slices.Clone(rows), values: values, read: now}
	slices.SortFunc(l.rows, func(a, b listRow) int {
		if c := cmp.Compare(b.opened, a.opened); c != 0 {
			return c
		}
		return strings.Compare(l.field(b, rowRef), l.field(a, rowRef))
	})
	l.placeSoon(soon)
	return l, nil
}

// placeSoon keeps, of the deadlines within soonWindow, those of open
// cases, each with its row, by key.
func (l *CaseList) placeSoon(soon []soonDue) {
	if len(soon) == 0 {
		return
	}
	rowOf := map[string]int32{}
	for i, r := range l.rows {
		if r.flags&dueSoon != 0 && l.values[r.status] == string(model.StatusOpen) {
			rowOf[l.field(r, rowID)] = int32(i)
		}
	}
	kept := soon[:0]
	for _, s := range soon {
		if i, ok := rowOf[s.cid]; ok {
			kept = append(kept, soonDue{key: s.key, row: i})
		}
	}
	slices.SortFunc(kept, func(a, b soonDue) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.row, b.row)) })
	l.soon = slices.Clip(kept)
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
		end := strings.IndexByte(s, layout.SummarySep[0])
		f[k], s = s[:end], s[end+1:]
	}
	return f
}

func (l *CaseList) field(r listRow, k int) string {
	s := l.text[r.at:]
	for range k {
		s = s[strings.IndexByte(s, layout.SummarySep[0])+1:]
	}
	return s[:strings.IndexByte(s, layout.SummarySep[0])]
}

// Row returns row i whole, as ListCases gives it.
func (l *CaseList) Row(i int) layout.CaseSummary {
	r := l.rows[i]
	f := l.fields(r)
	p := model.Person{FamilyName: f[rowFamily], GivenNames: f[rowGiven]}
	return layout.CaseSummary{ID: f[rowID], Ref: f[rowRef], Name: p.DisplayName(), FamilyName: f[rowFamily],
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
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 || l == nil {
		return l.All()
	}
	var out []int32
	for i, r := range l.rows {
		f := l.fields(r)
		hay := model.Fold(f[rowFamily] + " " + f[rowGiven] + " " + f[rowRef] + " " + f[rowANEF] + " " + f[rowAGDREF])
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

// ReadAt is the instant, in its zone, as of which the list's deadlines
// were read (zero for a list read without them).
func (l *CaseList) ReadAt() time.Time {
	if l == nil {
		return time.Time{}
	}
	return l.read
}

// Next is row i's next open deadline that was not yet past at ReadAt;
// ok is false when the case has none.
func (l *CaseList) Next(i int) (d Due, ok bool) {
	r := l.rows[i]
	if r.next == 0 {
		return d, false
	}
	return dueOfKey(r.next, r.flags&dueNextTimed != 0, r.flags&dueNextHours != 0, l.read.Location()), true
}

// Overdue is how many of row i's open deadlines were past at ReadAt
// (65,535 at most), and the latest of them.
func (l *CaseList) Overdue(i int) (n int, latest Due) {
	r := l.rows[i]
	if r.lateN == 0 {
		return 0, latest
	}
	return int(r.lateN), dueOfKey(r.late, r.flags&dueLateTimed != 0, r.flags&dueLateHours != 0, l.read.Location())
}

// NextKey and LateKey order rows by when their next deadline runs out and
// when their latest past one ran out (0: none). Comparing them is all a
// sort by deadline costs.
func (l *CaseList) NextKey(i int) uint32 { return l.rows[i].next }

// LateKey: see NextKey.
func (l *CaseList) LateKey(i int) uint32 { return l.rows[i].late }

// KeyOf is an instant as NextKey and LateKey count it, in the list's zone.
func (l *CaseList) KeyOf(t time.Time) uint32 { return wallKeyOf(t.In(l.read.Location())) }

// Soon counts the open deadlines of open cases that run out after from
// and no later than to, on the rows keep accepts (nil: all), as the list
// read them (a week ahead of ReadAt at most); rows lists those rows in
// the order their deadlines run out, each once.
func (l *CaseList) Soon(from, to time.Time, keep func(row int) bool) (n int, rows []int32) {
	if l == nil || len(l.soon) == 0 {
		return 0, nil
	}
	lo, hi := l.KeyOf(from), l.KeyOf(to)
	start, _ := slices.BinarySearchFunc(l.soon, lo+1, func(s soonDue, k uint32) int { return cmp.Compare(s.key, k) })
	seen := map[int32]bool{}
	for _, s := range l.soon[start:] {
		if s.key > hi {
			break
		}
		if keep != nil && !keep(int(s.row)) {
			continue
		}
		n++
		if !seen[s.row] {
			seen[s.row] = true
			rows = append(rows, s.row)
		}
	}
	return n, rows
}
