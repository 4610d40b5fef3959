package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The ANEF malfunctions of the old shape (docs/evidence.md, "One log";
// store/open_anefmigrate.go): each malfunction kept on a case becomes an
// evidence entry of its case, whose id and fields are derived from the
// malfunction and the change log only, so that every device of a team
// moving the same case writes the same records. Here is what the entry
// is and what is read to build it; the store writes the move.

// EvidenceOfMalfunction is the entry a malfunction of case caseID becomes.
// The channel is the one the category implies: the appointment site for
// "no appointment", the contact centre for a support failure, ANEF for the
// rest. The day is kept without a time (DateOnly, midnight in Paris).
// AddedAt is the time encoded in the malfunction's id when it has one
// (model.NewMalfunctionID), else that midnight.
func EvidenceOfMalfunction(caseID string, m model.Malfunction, addedBy string) model.Evidence {
	at := m.Date.Time(model.Paris()).UTC()
	ch := model.EvidenceANEF
	switch m.Category {
	case model.MalfNoAppointment:
		ch = model.EvidenceAppointment
	case model.MalfSupportFailure:
		ch = model.EvidenceContactCentre
	}
	added := at
	if t, err := time.Parse("20060102T150405", firstN(m.ID, 15)); err == nil && len(m.ID) >= 15 {
		added = t.UTC()
	}
	return model.Evidence{
		ID: layout.LegacyEvidenceID(caseID, m.ID), CaseID: caseID, At: at, Channel: ch,
		What: strings.TrimSpace(m.Text), Category: m.Category, Kind: model.EvidenceAttempt,
		DateOnly: true, AddedBy: addedBy, AddedAt: added,
	}
}

func firstN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// LegacyEntries are the malfunctions still on case cs, as the entries they
// will become, except those whose entry exists (have holds the ids of
// the case's entries).
func LegacyEntries(cs *model.Case, have map[string]bool) []model.Evidence {
	var out []model.Evidence
	for _, m := range cs.Malfunctions {
		e := EvidenceOfMalfunction(cs.ID, m, "")
		if !have[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// SavedMalfunctions are the malfunctions a case being saved moves: those
// of the copy saved and those the stored record holds (a form's copy may
// predate a malfunction received since; saving must not drop it).
func SavedMalfunctions(saved, stored *model.Case) []model.Malfunction {
	ms := slices.Clone(stored.Malfunctions)
	for _, m := range saved.Malfunctions {
		if !slices.ContainsFunc(ms, func(x model.Malfunction) bool { return x.ID == m.ID }) {
			ms = append(ms, m)
		}
	}
	return ms
}

// MalfunctionAuthors reads, from a case's history, who first recorded
// each malfunction (by its id).
func MalfunctionAuthors(txn *badger.Txn, caseID string) (map[string]string, error) {
	hist, err := read.History(txn, map[string]bool{changelog.KindCase + "/" + caseID: true})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, ch := range hist {
		for _, op := range ch.Ops {
			if op.Field != "malfunctions" {
				continue
			}
			var ms []model.Malfunction
			if json.Unmarshal(op.Value, &ms) != nil {
				continue
			}
			for _, m := range ms {
				if _, seen := out[m.ID]; !seen {
					out[m.ID] = ch.Author
				}
			}
		}
	}
	return out, nil
}

// CasesWithMalfunctions lists the cases whose record still holds
// malfunctions, decoding only that field.
func CasesWithMalfunctions(txn *badger.Txn) ([]string, error) {
	var ids []string
	prefix := layout.RecPrefix(changelog.KindCase)
	err := read.Scan(txn, prefix, func(k, b []byte) error {
		var rec struct {
			Data struct {
				Malfunctions []json.RawMessage `json:"malfunctions"`
			} `json:"data"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return fmt.Errorf("store: %s: decode record: %w", k, err)
		}
		if len(rec.Data.Malfunctions) > 0 {
			ids = append(ids, string(k[len(prefix):]))
		}
		return nil
	})
	return ids, err
}

// AuthorsOf reads MalfunctionAuthors for each of the cases ids, in one
// read-only transaction: an iterator opened inside a batch's transaction
// sorts every write pending in it, each time.
func AuthorsOf(txn *badger.Txn, ids []string) ([]map[string]string, error) {
	authors := make([]map[string]string, len(ids))
	for i, id := range ids {
		a, err := MalfunctionAuthors(txn, id)
		if err != nil {
			return nil, err
		}
		authors[i] = a
	}
	return authors, nil
}

// LegacyCaseOf finds the case whose leftover malfunction has become, in
// the reading of EvidenceLog, the entry id ("" if none): the slow path of
// correcting or withdrawing an entry not yet moved.
func LegacyCaseOf(txn *badger.Txn, id string) (string, error) {
	ids, err := CasesWithMalfunctions(txn)
	if err != nil {
		return "", err
	}
	for _, cid := range ids {
		f, err := CaseFile(txn, cid)
		if err != nil {
			if errors.Is(err, read.ErrNotFound) {
				continue
			}
			return "", err
		}
		for _, m := range f.Malfunctions {
			if layout.LegacyEvidenceID(cid, m.ID) == id {
				return cid, nil
			}
		}
	}
	return "", nil
}

// EvidenceLog reads a case's evidence entries, withdrawn ones included,
// newest first (SortEvidence). A malfunction still on the case in the old
// shape is listed as the entry it will become. An unknown case gives
// read.ErrNotFound.
func EvidenceLog(txn *badger.Txn, caseID string) ([]model.Evidence, error) {
	es, err := CaseChildren[model.Evidence](txn, caseID, changelog.KindEvidence)
	if err != nil {
		return nil, err
	}
	f, err := CaseFile(txn, caseID)
	if err != nil {
		return nil, err
	}
	if len(f.Malfunctions) > 0 {
		have := make(map[string]bool, len(es))
		for _, e := range es {
			have[e.ID] = true
		}
		es = append(es, LegacyEntries(&f.Case, have)...)
	}
	SortEvidence(es)
	return es, nil
}

// EvidenceEntry reads one entry by id: a record, or a malfunction still on
// its case in the old shape, as the entry it will become. When there is
// neither, the error is notFound (joined with an error met looking for the
// malfunction).
func EvidenceEntry(txn *badger.Txn, id string, notFound error) (*model.Evidence, error) {
	_, e, err := read.Record[model.Evidence](txn, changelog.KindEvidence, id)
	if errors.Is(err, read.ErrNotFound) {
		err = notFound
	}
	if err != notFound {
		return e, err
	}
	caseID, lerr := LegacyCaseOf(txn, id)
	if lerr != nil || caseID == "" {
		return nil, errors.Join(err, lerr)
	}
	log, lerr := EvidenceLog(txn, caseID)
	if lerr != nil {
		return nil, lerr
	}
	for _, x := range log {
		if x.ID == id {
			return &x, nil
		}
	}
	return nil, err
}
