package store

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

func listIdx(caseID string) []byte { return []byte("idx/list/" + caseID) }

const summaryVersion = "1"

// sep cannot occur in a field: the unit separator is a control character
// that validation never lets through text fields (see sanitize below).
const sep = "\x1f"

func summaryOf(c model.Case, p model.Person) CaseSummary {
	return CaseSummary{ID: c.ID, Ref: c.Ref, Name: p.DisplayName(), FamilyName: p.FamilyName,
		GivenNames: p.GivenNames, Procedure: c.Procedure, Status: c.Status, Lawyer: c.Lawyer,
		Prefecture: c.Prefecture, ANEFNumber: c.ANEFNumber, AGDREF: p.AGDREF, Opened: c.Opened}
}

func sanitize(s string) string { return strings.ReplaceAll(s, sep, " ") }

func encodeSummary(s CaseSummary) []byte {
	return []byte(strings.Join([]string{summaryVersion, s.Ref, sanitize(s.FamilyName), sanitize(s.GivenNames),
		string(s.Procedure), string(s.Status), sanitize(s.Lawyer), sanitize(s.Prefecture),
		sanitize(s.ANEFNumber), sanitize(s.AGDREF), s.Opened.String()}, sep))
}

var errBadSummary = errors.New("malformed case-list row")

func decodeSummary(id string, b []byte) (CaseSummary, error) {
	f := strings.Split(string(b), sep)
	if len(f) != 11 || f[0] != summaryVersion {
		return CaseSummary{}, errBadSummary
	}
	opened, err := model.ParseDate(f[10])
	if err != nil {
		return CaseSummary{}, errBadSummary
	}
	p := model.Person{FamilyName: f[2], GivenNames: f[3]}
	return CaseSummary{ID: id, Ref: f[1], Name: p.DisplayName(), FamilyName: f[2], GivenNames: f[3],
		Procedure: model.Procedure(f[4]), Status: model.Status(f[5]), Lawyer: f[6], Prefecture: f[7],
		ANEFNumber: f[8], AGDREF: f[9], Opened: opened}, nil
}
