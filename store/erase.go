package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/erasure"
	"casefile/store/internal/layout"
)

// Erasure (docs/retention.md) removes a case and everything that belongs to
// it, and takes those records' operations out of the change log; it leaves
// a tombstone, rec/erasure/<case-id>, written as an ordinary logged change
// so that sync can carry it to colleagues' devices. What an erasure removes
// is planned and carried out by store/internal/erasure (which says how,
// and why old versions must be dropped too); the store writes the plan
// with the tombstone through change, has it carried out (carryOut),
// resumes it after a crash, and compacts (reopening Badger).

// erasePlan is what is left to do of an erasure (erasure.Plan).
type erasePlan = erasure.Plan

// EraseReport says what an erasure removed.
type EraseReport = erasure.Report

// EraseCase erases a case (by id or reference) and what belongs to it, as
// described above, and returns what went. It does not decide whether the
// case is due: the faces erase through EraseDue, which does. It waits for
// a team sync to end and keeps the next one waiting (erasedue.go): it
// closes and reopens Badger.
func (v *Vault) EraseCase(idOrRef string) (*EraseReport, error) {
	v.syncErase.Lock()
	defer v.syncErase.Unlock()
	return v.eraseCase(idOrRef)
}

func (v *Vault) eraseCase(idOrRef string) (*EraseReport, error) {
	if err := v.resumeErasures(); err != nil {
		return nil, err
	}
	f, err := v.Case(idOrRef)
	if err != nil {
		return nil, err
	}
	var plan *erasePlan
	var rep *EraseReport
	if err := v.db.View(func(txn *badger.Txn) error {
		plan, rep, err = erasure.PlanCase(txn, &f.Case)
		return err
	}); err != nil {
		return nil, err
	}
	rep.Ref = f.Ref
	planBytes, err := json.Marshal(plan)
	if err != nil {
		return nil, err
	}
	records, err := json.Marshal(plan.Records)
	if err != nil {
		return nil, err
	}
	tomb := Erasure{ID: f.ID, ErasedAt: now().UTC().Truncate(time.Second), By: v.author, Records: plan.Records}
	if err := v.update(func(c *change) error {
		c.set(layout.ErasingKey(f.ID), planBytes)
		c.set(layout.ScrubKey(f.ID), records) // repl_erasesync.go
		return c.putRecord(KindErasure, f.ID, tomb, nil)
	}); err != nil {
		return nil, fmt.Errorf("store: erase %s: %w", f.Ref, err)
	}
	if err := v.carryOut(plan); err != nil {
		return nil, fmt.Errorf("store: erase %s: %w", f.Ref, err)
	}
	return rep, v.compactAfterErasure()
}

// carryOut carries out plan (erasure.CarryOut) and tells the case feed
// the case is gone.
func (v *Vault) carryOut(plan *erasePlan) error {
	err := erasure.CarryOut(v.db, plan, batchEntries)
	if err == nil && plan.Case != "held" {
		v.feed.caseGone(plan.Case) // feed_cases.go
	}
	return err
}

// ResumeErasures finishes erasures a crash interrupted (a plan left under
// meta/erasing/). It is harmless when there is none. Like EraseCase, it
// never overlaps a team sync.
func (v *Vault) ResumeErasures() error {
	v.syncErase.Lock()
	defer v.syncErase.Unlock()
	return v.resumeErasures()
}

func (v *Vault) resumeErasures() error {
	n, err := v.resumePlans()
	if err != nil || n == 0 {
		return err
	}
	return v.compactAfterErasure()
}

// resumePlans carries out the plans left under meta/erasing/ and returns
// how many there were; it does not compact.
func (v *Vault) resumePlans() (int, error) {
	var plans []*erasePlan
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		plans, err = erasure.Pending(txn)
		return err
	}); err != nil || len(plans) == 0 {
		return 0, err
	}
	for _, p := range plans {
		if err := v.carryOut(p); err != nil {
			return 0, fmt.Errorf("store: resume erasure of %s: %w", p.Case, err)
		}
	}
	return len(plans), nil
}

// compactAfterErasure makes Badger forget what was dropped: the value log
// that held erased values (document chunks) is rewritten by GC once Badger,
// reopened, writes to a new file (it never collects the file it writes to).
func (v *Vault) compactAfterErasure() error {
	if err := v.reopenDB(); err != nil {
		return err
	}
	if err := erasure.CollectValueLog(v.db.DB); err != nil {
		return err
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Delete(compactKey) })
}

// Erasures lists the tombstones of erased cases.
func (v *Vault) Erasures() ([]Erasure, error) {
	var out []Erasure
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out, err = erasure.Tombstones(txn)
		return err
	})
	return out, err
}
