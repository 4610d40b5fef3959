package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// statsCase is the part of a case record the figures read: decoding only
// these fields (no texts, no numbers) is both the pseudonymisation and
// the speed of the scan.
type statsCase struct {
	Data struct {
		PersonID     string          `json:"person_id"`
		Procedure    model.Procedure `json:"procedure"`
		Prefecture   string          `json:"prefecture"`
		Status       model.Status    `json:"status"`
		Opened       model.Date      `json:"opened"`
		Closed       model.Date      `json:"closed"`
		ANEFState    model.ANEFState `json:"anef_state"`
		Malfunctions []struct {
			ID       string                    `json:"id"`
			Category model.MalfunctionCategory `json:"category"`
			Date     model.Date                `json:"date"`
		} `json:"malfunctions"`
	} `json:"data"`
}

// statsEvidence is the part of an evidence entry the figures read: no
// text, no proof.
type statsEvidence struct {
	Data struct {
		CaseID    string                    `json:"case_id"`
		At        time.Time                 `json:"at"`
		Category  model.MalfunctionCategory `json:"category"`
		Kind      model.EvidenceKind        `json:"kind"`
		Withdrawn bool                      `json:"withdrawn"`
	} `json:"data"`
}

// StatsCases (store.Vault.EachCaseForStats) calls fn with every case and its procedural events, in
// key order, in one read-only transaction: the input of the advocacy
// figures (package stats). Of the case, only these fields are read: id,
// main person's id, procedure, prefecture, status, opened and closed
// dates, ANEF state; c.Malfunctions holds, category and day only (never a
// text), the ANEF malfunctions of the case's evidence log (its attempts
// with a category, not withdrawn, dated in Paris) and those still on the
// case in the old shape (open_anefmigrate.go), each once. No reference,
// number or free text, and no person record. Events
// come from the case's index entries (caseindex.go), so they carry no note
// and no court case number. fn must not keep what it is given. An error
// from fn stops the scan and is returned.
//
// Two iterators walk rec/case/ and idx/case/ side by side: both are in
// case-id order, so the scan reads each key once and holds one case at a
// time, whatever the size of the vault.
func StatsCases(txn *badger.Txn, fn func(c *model.Case, events []model.Event) error) error {
	{
		// The malfunctions of the evidence log, by case, in one
		// sequential pass over the entries (a record read per entry,
		// in key order, costs a fraction of a lookup per entry).
		malf := map[string][]model.Malfunction{}
		moved := map[string]bool{} // entry ids, to count a late old-shape malfunction once
		evRec := layout.RecPrefix(changelog.KindEvidence)
		if err := read.Scan(txn, evRec, func(k, b []byte) error {
			var se statsEvidence
			if err := json.Unmarshal(b, &se); err != nil {
				return fmt.Errorf("store: %s: decode record: %w", k, err)
			}
			d := &se.Data
			moved[string(k[len(evRec):])] = true
			e := model.Evidence{At: d.At, Category: d.Category, Kind: d.Kind, Withdrawn: d.Withdrawn}
			if e.IsMalfunction() {
				malf[d.CaseID] = append(malf[d.CaseID], model.Malfunction{Category: e.Category, Date: model.ParisDate(e.At)})
			}
			return nil
		}); err != nil {
			return err
		}
		idx := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(layout.IdxCase)})
		defer idx.Close()
		idx.Rewind()
		var events []model.Event
		recPrefix := layout.RecPrefix(changelog.KindCase)
		return read.Scan(txn, recPrefix, func(k, b []byte) error {
			id := string(k[len(recPrefix):])
			var rec statsCase
			if err := json.Unmarshal(b, &rec); err != nil {
				return fmt.Errorf("store: %s: decode record: %w", k, err)
			}
			d := &rec.Data
			c := model.Case{ID: id, PersonID: d.PersonID, Procedure: d.Procedure, Prefecture: d.Prefecture,
				Status: d.Status, Opened: d.Opened, Closed: d.Closed, ANEFState: d.ANEFState}
			events = events[:0]
			prefix := []byte(layout.CasePrefix(id) + changelog.KindEvent + "/")
			// The entries before this case's events (its deadlines,
			// documents; the previous case's notes) are usually a few
			// keys ahead: stepping over them is much cheaper than a Seek,
			// which searches every level of the tree again.
			steps := 0
			for idx.Valid() && bytes.Compare(idx.Item().Key(), prefix) < 0 && steps < 32 {
				idx.Next()
				steps++
			}
			if !idx.Valid() || bytes.Compare(idx.Item().Key(), prefix) < 0 {
				idx.Seek(prefix)
			}
			for ; idx.ValidForPrefix(prefix); idx.Next() {
				item := idx.Item()
				eid := string(item.Key()[len(prefix):])
				if err := item.Value(func(val []byte) error {
					e, err := layout.DecodeEventIdx(id, eid, val)
					events = append(events, e)
					return err
				}); err != nil {
					return fmt.Errorf("store: %s: %w", item.Key(), err)
				}
			}
			c.Malfunctions = malf[id]
			for _, m := range d.Malfunctions {
				if !moved[layout.LegacyEvidenceID(id, m.ID)] {
					c.Malfunctions = append(c.Malfunctions, model.Malfunction{Category: m.Category, Date: m.Date})
				}
			}
			return fn(&c, events)
		})
	}
}
