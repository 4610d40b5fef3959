package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/exchange"
	"casefile/store/internal/layout"
)

// Cases leave a vault (bundles, see docs/bundles.md) as their records with
// the field versions, plus the change-log entries that set those fields.
// They come in through the same field-level rule as sync: for each field,
// the operation with the higher HLC wins; the entries keep their origin
// (log/<hlc>/<device>), so the log stays the union of what both vaults saw
// and `casefile check` still replays it to the records. Importing the same
// cases twice writes nothing the second time.

// ErrRefTaken: an incoming case carries a reference this vault already
// gave to another case (two devices with the same code).
var ErrRefTaken = exchange.ErrRefTaken

// ExportCases reads the cases (by id or reference) for a bundle, in one
// consistent snapshot. See ExportEach, which it collects.
func (v *Vault) ExportCases(idsOrRefs []string) ([]CaseExport, error) {
	out := make([]CaseExport, 0, len(idsOrRefs))
	err := v.ExportEach(idsOrRefs, func([]ExportHead) error { return nil }, func(ce *CaseExport) error {
		out = append(out, *ce)
		return nil
	})
	return out, err
}

// ImportChange is one field where an incoming case and this vault differ;
// ImportPreview says what importing one case would do (exchange).
type (
	ImportChange  = exchange.ImportChange
	ImportPreview = exchange.ImportPreview
)

// PreviewImport says, case by case, what ImportCases would do, writing
// nothing. Each case must have passed CheckExport.
func (v *Vault) PreviewImport(cases []CaseExport) ([]ImportPreview, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []ImportPreview
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out, err = exchange.Preview(txn, cases)
		return err
	})
	return out, err
}

// ImportResult counts what ImportCases wrote.
type ImportResult struct {
	NewCases, UpdatedCases, Unchanged int
}

// ImportCases merges the cases into the vault: ImportBundle without
// documents' bytes nor declined differences, the one import path. Each
// case is one change (records, indexes and the incoming history entries);
// the changes are written in batched synced transactions that make one
// atomic change (atomic.go): no reader sees a part of the import, and an
// interrupted import is rolled back (at once, or at the next open after a
// crash), so that the vault holds all of it or none. Running it again
// after that imports it; once more changes nothing (merging is
// idempotent). Every case is checked (CheckExport) before anything is
// written; a case whose reference is taken here is refused with
// ErrRefTaken before anything is written.
func (v *Vault) ImportCases(cases []CaseExport) (ImportResult, error) {
	return v.ImportBundle(cases, ImportOptions{})
}

// importCase stages one case's merge; it returns 0 when nothing changes, 1
// for a new case, 2 for an updated one.
func (c *change) importCase(ce *CaseExport) (int, error) {
	var (
		theCase    *model.Case
		mainPerson *model.Person
		isNew      bool
		wrote      bool
	)
	for _, r := range ce.Records {
		local, err := exchange.ReadEnvelope(c.txn, r.Kind, r.ID)
		if err != nil {
			return 0, err
		}
		env, _, err := exchange.MergeRecord(local, r)
		if err != nil {
			return 0, err
		}
		cur := env
		if cur == nil {
			cur = local
		}
		rec, err := changelog.Typed(r.Kind, cur.Data)
		if err != nil {
			return 0, err
		}
		switch x := rec.(type) {
		case *model.Case:
			theCase, isNew = x, local == nil
		case *model.Person:
			if env != nil {
				if err := c.refreshListsOf(x, ce.ID); err != nil {
					return 0, err
				}
			}
		}
		if env == nil {
			continue
		}
		b, err := json.Marshal(env)
		if err != nil {
			return 0, err
		}
		c.set(layout.RecKey(r.Kind, r.ID), b)
		wrote = true
		if err := c.indexImported(rec, local); err != nil {
			return 0, err
		}
	}
	for _, r := range ce.Records {
		if r.Kind == KindPerson && r.ID == theCase.PersonID {
			env, err := c.pendingOrStored(KindPerson, r.ID)
			if err != nil {
				return 0, err
			}
			mainPerson = &model.Person{}
			if err := json.Unmarshal(env.Data, mainPerson); err != nil {
				return 0, err
			}
		}
	}
	if mainPerson == nil {
		return 0, ErrInconsistentCases
	}
	if wrote {
		c.set(layout.RefKey(theCase.Ref), []byte(theCase.ID))
		c.set(layout.PersonCaseKey(theCase.PersonID, theCase.ID), nil)
		for _, r := range theCase.Related {
			c.set(layout.PersonCaseKey(r.PersonID, theCase.ID), nil)
		}
		c.set(layout.ListKey(theCase.ID), layout.EncodeSummary(layout.SummaryOf(*theCase, *mainPerson)))
	}
	logged, err := c.importHistory(ce.History)
	if err != nil {
		return 0, err
	}
	switch {
	case isNew:
		return 1, nil
	case wrote || logged:
		return 2, nil
	}
	return 0, nil
}

// pendingOrStored reads a record as this change staged it, or as stored.
func (c *change) pendingOrStored(kind, id string) (*changelog.Envelope, error) {
	key := layout.RecKey(kind, id)
	for i := len(c.sets) - 1; i >= 0; i-- {
		if !c.sets[i].del && bytes.Equal(c.sets[i].key, key) {
			return changelog.DecodeEnvelope(c.sets[i].val, nil)
		}
	}
	return exchange.ReadEnvelope(c.txn, kind, id)
}

// indexImported stages the index entries of a record written by an import.
func (c *change) indexImported(rec any, local *changelog.Envelope) error {
	switch x := rec.(type) {
	case *model.Note:
		c.set(layout.CaseChildKey(x.CaseID, KindNote, x.ID), nil)
	case *model.Event:
		c.set(layout.CaseChildKey(x.CaseID, KindEvent, x.ID), layout.EncodeEventIdx(*x))
	case *model.Deadline:
		c.set(layout.CaseChildKey(x.CaseID, KindDeadline, x.ID), layout.EncodeDeadlineIdx(*x))
		if local != nil {
			var old model.Deadline
			if err := json.Unmarshal(local.Data, &old); err != nil {
				return err
			}
			if old.Status == model.DeadlineOpen {
				c.del(layout.DueKey(old.Due, x.ID))
			}
		}
		if x.Status == model.DeadlineOpen {
			c.set(layout.DueKey(x.Due, x.ID), layout.EncodeDue(*x))
		}
	case *model.Document:
		return c.indexImportedDocument(x, local)
	case *model.Evidence:
		c.set(layout.CaseChildKey(x.CaseID, KindEvidence, x.ID), nil)
	}
	return nil
}

// refreshListsOf rewrites the case-list rows of the other cases whose main
// person is p (a person can be in several cases).
func (c *change) refreshListsOf(p *model.Person, except string) error {
	prefix := layout.PersonCasePrefix(p.ID)
	var ids []string
	if err := scanKeys(c.txn, prefix, func(k []byte) error {
		if id := string(k[len(prefix):]); id != except {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		_, cs, err := getRecord[model.Case](c.txn, KindCase, id)
		if err != nil {
			return err
		}
		if cs.PersonID == p.ID {
			c.set(layout.ListKey(id), layout.EncodeSummary(layout.SummaryOf(*cs, *p)))
		}
	}
	return nil
}

// importHistory adds the incoming change-log entries under their own keys,
// merging operations into an entry already here (a case exported twice
// carries the same entries). It reports whether anything was added.
func (c *change) importHistory(history []ExportChange) (bool, error) {
	added := false
	for _, ch := range history {
		key := layout.LogKey(ch.HLC, ch.Device)
		raw, ok, err := c.get(key)
		if err != nil {
			return false, err
		}
		entry := Change{Author: ch.Author}
		if ok {
			if err := json.Unmarshal(raw, &entry); err != nil {
				return false, fmt.Errorf("store: log entry %s: %w", key, err)
			}
		}
		have := map[string]bool{}
		for _, op := range entry.Ops {
			have[op.Entity+"/"+op.ID+"/"+op.Field] = true
		}
		n := len(entry.Ops)
		for _, op := range ch.Ops {
			if k := op.Entity + "/" + op.ID + "/" + op.Field; !have[k] {
				have[k] = true
				entry.Ops = append(entry.Ops, op)
			}
		}
		if len(entry.Ops) == n {
			continue
		}
		b, err := json.Marshal(entry)
		if err != nil {
			return false, err
		}
		c.set(key, b)
		// Relayed to the team (repl_syncapply.go).
		c.set(layout.OutboxKey(ch.HLC, ch.Device), nil)
		for _, op := range entry.Ops[n:] { // the history index (history.go)
			c.set(layout.HistKey(op.Entity, op.ID, ch.HLC, ch.Device), nil)
		}
		added = true
	}
	return added, nil
}
