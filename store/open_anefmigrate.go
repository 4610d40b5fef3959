package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// One ANEF log (docs/evidence.md, "One log"). Vaults written before it
// kept the ANEF malfunctions on the case (field "malfunctions") and the
// failed attempts in the evidence log: two records of the same failures,
// of which the letters read one and the readiness the other. Each
// malfunction now becomes an evidence entry of its case:
//
//   - at open, once (marker meta/migrated/malfunctions), every case's
//     malfunctions are moved, one change per case: the entries are created
//     and the field is emptied in the same change, so a crash leaves each
//     case either moved or untouched, and the next open finishes the job;
//   - the entry's id is derived from the case and the malfunction
//     (legacyEvidenceID), and its fields only from the malfunction and
//     the change log, so two devices of a team that migrate the same case
//     write the same records (sync merges them as one, no collision);
//   - the case's history keeps the malfunctions as they were (the change
//     that empties the field records the old value), and the entry keeps
//     who added the malfunction and when;
//   - a malfunction that arrives later in the old shape (from a device not
//     yet updated, or an old bundle) is read as the entry it will become
//     (EvidenceLog, the figures), and moved by the next change to that
//     case's log or to the case itself.

var keyMalfunctionsMigrated = []byte(layout.MigratedMalfunctions)

// legacyEvidenceID is the id of the evidence entry a case's malfunction
// becomes, the same on every device (layout.LegacyEvidenceID).
func legacyEvidenceID(caseID, malfunctionID string) string {
	return layout.LegacyEvidenceID(caseID, malfunctionID)
}

// absorbMalfunctions moves cs's malfunctions into evidence entries in
// this change and empties the field (the caller writes cs). An entry that
// exists already (moved on another device) is left as it is. authors
// gives who added each malfunction, by its id; missing ones get fallback.
func (c *change) absorbMalfunctions(cs *model.Case, authors map[string]string, fallback string) error {
	for _, m := range cs.Malfunctions {
		id := legacyEvidenceID(cs.ID, m.ID)
		if c.txn != nil { // a staged new case (stagedBatch) has no entries to find
			if _, ok, err := c.get(layout.RecKey(KindEvidence, id)); err != nil {
				return err
			} else if ok {
				continue
			}
		}
		by, ok := authors[m.ID]
		if !ok {
			by = fallback
		}
		e := records.EvidenceOfMalfunction(cs.ID, m, by)
		if err := c.putRecord(KindEvidence, e.ID, e, nil); err != nil {
			return err
		}
		c.set(layout.CaseChildKey(cs.ID, KindEvidence, e.ID), nil)
	}
	cs.Malfunctions = nil
	return nil
}

// absorbSaved moves the malfunctions of a case being saved: those of the
// copy saved and those the stored record holds (a form's copy may predate
// a malfunction received since; saving must not drop it).
func (c *change) absorbSaved(f, stored *model.Case) error {
	ms := records.SavedMalfunctions(f, stored)
	if len(ms) == 0 {
		f.Malfunctions = nil
		return nil
	}
	f.Malfunctions = ms
	authors, err := malfunctionAuthors(c.txn, f.ID)
	if err != nil {
		return err
	}
	return c.absorbMalfunctions(f, authors, c.v.author)
}

// absorbCase moves the malfunctions still on case id (if any) in this
// change, with their authors from the case's history (none when the
// history does not say: every device must write the same entry).
func (c *change) absorbCase(id string) error { return c.absorbCaseWith(id, nil) }

// absorbCaseWith is absorbCase with the authors already read (nil: read
// them from the history now).
func (c *change) absorbCaseWith(id string, authors map[string]string) error {
	env, cs, err := getRecord[model.Case](c.txn, KindCase, id)
	if err != nil || len(cs.Malfunctions) == 0 {
		return err
	}
	if authors == nil {
		if authors, err = malfunctionAuthors(c.txn, id); err != nil {
			return err
		}
	}
	if err := c.absorbMalfunctions(cs, authors, ""); err != nil {
		return err
	}
	return c.putRecord(KindCase, id, *cs, env)
}

// malfunctionAuthors reads, from a case's history, who first recorded
// each malfunction (records.MalfunctionAuthors).
func malfunctionAuthors(txn *badger.Txn, caseID string) (map[string]string, error) {
	return records.MalfunctionAuthors(txn, caseID)
}

// migrateMalfunctions runs the open-time migration (see above) unless
// its marker says it ran.
func (v *Vault) migrateMalfunctions() error {
	done := false
	if err := v.db.View(func(txn *badger.Txn) error {
		_, ok, err := getRaw(txn, keyMalfunctionsMigrated)
		done = ok
		return err
	}); err != nil || done {
		return err
	}
	ids, err := v.casesWithMalfunctions()
	if err != nil {
		return err
	}
	// The authors are read first, in one read-only transaction: an
	// iterator opened inside a batch's transaction sorts every write
	// pending in it, each time.
	var authors []map[string]string
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		authors, err = records.AuthorsOf(txn, ids)
		return err
	}); err != nil {
		return fmt.Errorf("store: move ANEF malfunctions to the evidence log: %w", err)
	}
	if len(ids) > 0 {
		if err := v.batch(len(ids), func(i int, c *change) error { return c.absorbCaseWith(ids[i], authors[i]) }); err != nil {
			return fmt.Errorf("store: move ANEF malfunctions to the evidence log: %w", err)
		}
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(keyMalfunctionsMigrated, []byte("1")) }); err != nil {
		return fmt.Errorf("store: move ANEF malfunctions to the evidence log: %w", err)
	}
	return nil
}

// casesWithMalfunctions lists the cases whose record still holds
// malfunctions (records.CasesWithMalfunctions).
func (v *Vault) casesWithMalfunctions() (ids []string, err error) {
	err = v.db.View(func(txn *badger.Txn) error {
		ids, err = records.CasesWithMalfunctions(txn)
		return err
	})
	return ids, err
}

// legacyCaseOf finds the case whose leftover malfunction has become, in
// the reading of EvidenceLog, the entry id ("" if none; records.LegacyCaseOf).
func (v *Vault) legacyCaseOf(id string) (cid string, err error) {
	err = v.db.View(func(txn *badger.Txn) error {
		cid, err = records.LegacyCaseOf(txn, id)
		return err
	})
	return cid, err
}
