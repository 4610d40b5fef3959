package store

import (
	"encoding/json"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
	"casefile/store/internal/records"
)

// The change log is keyed by time (log/<hlc>/<device>), so finding one
// record's changes by scanning it costs the whole log. Every change
// therefore also writes, in the same transaction, one empty key per record
// it touches:
//
//	idx/hist/<kind>/<id>/<hlc>/<device>
//
// which points to the log entry. A record's history is a prefix scan, then
// one read per change (docs/documents.md, "History"). Sync, when it applies
// remote operations, must write these keys too; `casefile check` verifies
// them against the log in both directions.

// indexHistory stages the history index entries of the change: one per
// record its operations touch.
func (c *change) indexHistory() {
	suffix := c.hlc.String() + "/" + c.v.device // as histKey ends
	records.Touched(c.ops, func(kind, id string) { c.set([]byte(layout.HistPrefix(kind, id)+suffix), nil) })
}

// FieldChange is one line of a case's history (changelog.FieldChange).
type FieldChange = changelog.FieldChange

// CaseHistory returns every change to a case and to what belongs to it —
// its main and related people, events, deadlines, deadline settings, notes
// and documents — oldest first, each field with its old and new value. The
// old value is the one the previous change to that field set. An unknown
// case gives ErrNotFound.
func (v *Vault) CaseHistory(idOrRef string) ([]FieldChange, error) {
	f, err := v.Case(idOrRef)
	if err != nil {
		return nil, err
	}
	var changes []Change
	err = v.db.View(func(txn *badger.Txn) error {
		recs, err := records.CaseRecords(txn, f)
		if err != nil {
			return err
		}
		changes, err = read.History(txn, recs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return changelog.FieldChanges(changes), nil
}

// IsZeroValue reports whether a logged value is its type's zero value (an
// unset field), which a face shows as "nothing" rather than as a value.
func IsZeroValue(raw json.RawMessage) bool { return changelog.IsZero(raw) }
