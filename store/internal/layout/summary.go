package layout

import (
	"errors"
	"strings"

	"casefile/model"
)

// The case list is kept as an index, idx/list/<case-id> → the row the list
// shows, written in the same transaction as the case and its main person.
// Listing is then one prefix scan with a cheap decode, instead of decoding
// every case and person record (a 10,000-case vault lists in a few tens of
// milliseconds, see BenchmarkOpenAndList10k). Check verifies each row
// against the records.

// SummaryVersion opens every case-list row.
const SummaryVersion = "1"

// SummarySep cannot occur in a field: the unit separator is a control character
// that validation never lets through text fields (see sanitize below).
const SummarySep = "\x1f"

// SummaryOf is the case-list row of a case and its main person.
func SummaryOf(c model.Case, p model.Person) CaseSummary {
	return CaseSummary{ID: c.ID, Ref: c.Ref, Name: p.DisplayName(), FamilyName: p.FamilyName,
		GivenNames: p.GivenNames, Procedure: c.Procedure, Status: c.Status, Lawyer: c.Lawyer,
		Prefecture: c.Prefecture, ANEFNumber: c.ANEFNumber, AGDREF: p.AGDREF, Opened: c.Opened}
}

func sanitize(s string) string { return strings.ReplaceAll(s, SummarySep, " ") }

// EncodeSummary writes a case-list row (idx/list/<case>).
func EncodeSummary(s CaseSummary) []byte {
	return []byte(strings.Join([]string{SummaryVersion, s.Ref, sanitize(s.FamilyName), sanitize(s.GivenNames),
		string(s.Procedure), string(s.Status), sanitize(s.Lawyer), sanitize(s.Prefecture),
		sanitize(s.ANEFNumber), sanitize(s.AGDREF), s.Opened.String()}, SummarySep))
}

// ErrBadSummary: a case-list row that does not decode.
var ErrBadSummary = errors.New("malformed case-list row")

// DecodeSummary reads the case-list row of case id.
func DecodeSummary(id string, b []byte) (CaseSummary, error) {
	f, opened, err := SplitSummary(string(b))
	if err != nil {
		return CaseSummary{}, err
	}
	p := model.Person{FamilyName: f[2], GivenNames: f[3]}
	return CaseSummary{ID: id, Ref: f[1], Name: p.DisplayName(), FamilyName: f[2], GivenNames: f[3],
		Procedure: model.Procedure(f[4]), Status: model.Status(f[5]), Lawyer: f[6], Prefecture: f[7],
		ANEFNumber: f[8], AGDREF: f[9], Opened: opened}, nil
}

// SplitSummary splits a case-list row into its fields (the version first,
// the opened date last), sharing b's memory, and parses the date.
func SplitSummary[T string | []byte](b T) (f [11]T, opened model.Date, err error) {
	n := 0
	for start, i := 0, 0; i <= len(b); i++ {
		if i < len(b) && b[i] != SummarySep[0] {
			continue
		}
		if n == len(f) {
			return f, opened, ErrBadSummary
		}
		f[n] = b[start:i]
		n++
		start = i + 1
	}
	if n != len(f) || string(f[0]) != SummaryVersion {
		return f, opened, ErrBadSummary
	}
	if opened, err = model.ParseDate(string(f[10])); err != nil {
		return f, opened, ErrBadSummary
	}
	return f, opened, nil
}

// CaseSummary is one row of the case list.
type CaseSummary struct {
	ID         string          `json:"id"`
	Ref        string          `json:"ref"`
	Name       string          `json:"name"`
	FamilyName string          `json:"family_name"`
	GivenNames string          `json:"given_names"`
	Procedure  model.Procedure `json:"procedure"`
	Status     model.Status    `json:"status"`
	Lawyer     string          `json:"lawyer"`
	Prefecture string          `json:"prefecture"`
	ANEFNumber string          `json:"anef_number"`
	AGDREF     string          `json:"agdref"`
	Opened     model.Date      `json:"opened"`
}
