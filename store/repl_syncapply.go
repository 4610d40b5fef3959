package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Team sync (package sync, docs/sync-format.md) moves change-log entries
// between vaults. This file is the store's half: an outbox of entries to
// publish, kept in the same transaction as each change, and ApplyRemote,
// which merges entries received from other devices field by field.
//
//	meta/sync/out/<hlc>/<device>   empty: log entry not yet published
//	meta/sync/...                  the sync package's own state (SyncState)
//
// The rule every vault applies, whatever order entries arrive in, is
// changelog.Wins: per field, the highest HLC, then the lower device id.
// The result depends only on the set of entries received.

// beyondHorizon reports whether ApplyRemote refuses an entry: its clock is
// past the horizon, and it does not merely follow a far-future value. An
// entry follows one when its clock lies in the same millisecond as the
// highest base its operations name, and that base is itself past the
// horizon: the edit that a user made over a far-future value accepted
// earlier (by an older version, which had no horizon), stamped just past
// it so that it wins (write.go, pastBase). Such an entry moves no clock
// further ahead than the value it replaces, and refusing it would keep the
// far-future value on the devices that hold it.
func beyondHorizon(ch *ExportChange, horizon model.HLC) bool {
	if ch.HLC <= horizon {
		return false
	}
	var base model.HLC
	for _, op := range ch.Ops {
		base = max(base, op.Base)
	}
	return !(base > horizon && ch.HLC > base && ch.HLC.Time().Equal(base.Time()))
}

// ApplyResult says what ApplyRemote did.
type ApplyResult struct {
	// Applied counts operations new to this vault (already known ones are
	// skipped: applying is idempotent).
	Applied int
	// Collisions counts received operations that were concurrent with a
	// different value from the same base: one side is now a collision to
	// review (Collisions lists them).
	Collisions int
	// Refused lists the clock values of the entries received more than
	// MaxClockSkew ahead of this device's wall clock (beyondHorizon): not
	// applied, not observed. The other entries are applied.
	Refused []model.HLC
	// Held counts records waiting for operations not received yet (a note
	// whose case has not arrived): kept in the log, materialised later.
	Held int
}

// ApplyRemote merges entries received from other devices, then writes
// marks (meta/sync/<name>, the sync package's record that it applied them)
// in the last transaction. Changes are grouped in batched synced
// transactions, each entry whole: an interruption leaves whole entries,
// and applying again completes the work (idempotent). Entries must have
// passed CheckRemoteChanges.
//
// Entries beyond the clock horizon are refused, the others applied; when
// any is refused the marks are not written, so that the sync package reads
// the same entries again at its next sync (a refusal caused by this
// device's own clock running behind ends once it is set right).
func (v *Vault) ApplyRemote(changes []ExportChange, marks map[string][]byte) (ApplyResult, error) {
	var res ApplyResult
	if v.isClosed() {
		return res, ErrClosed
	}
	changelog.CleanRemote(changes) // document names, as for bundles (repl_exchange_docs.go)
	if err := CheckRemoteChanges(changes); err != nil {
		return res, err
	}
	// Operations on erased records never come back (repl_erasesync.go).
	erased, err := v.erasedRecords(changes)
	if err != nil {
		return res, err
	}
	changes = dropErased(changes, erased)
	horizon := model.HLCAt(now().Add(MaxClockSkew))
	var observe model.HLC
	kept := changes[:0:0]
	for i := range changes {
		ch := &changes[i]
		switch {
		case beyondHorizon(ch, horizon):
			res.Refused = append(res.Refused, ch.HLC)
			continue
		case ch.HLC <= horizon:
			observe = max(observe, ch.HLC)
		}
		kept = append(kept, *ch)
	}
	changes = kept
	if len(res.Refused) > 0 {
		marks = nil
	}
	// Our own clock moves past what we saw, so that our next edits come
	// after them (and a later edit of ours is not a false collision).
	v.clock.Observe(observe)
	// batch may build a change twice (when it starts a new transaction):
	// each keeps its own counts, summed at the end.
	per := make([]ApplyResult, len(changes)+1)
	err = v.batch(len(changes)+1, func(i int, c *change) error {
		per[i] = ApplyResult{}
		if i == len(changes) {
			if err := c.releaseHeld(&per[i]); err != nil {
				return err
			}
			for name, val := range marks {
				if val == nil {
					c.del([]byte(layout.Sync + name))
				} else {
					c.set([]byte(layout.Sync+name), val)
				}
			}
			return nil
		}
		return c.applyRemote(changes[i], &per[i])
	})
	for _, p := range per {
		res.Applied += p.Applied
		res.Collisions += p.Collisions
		res.Held += p.Held
	}
	return res, err
}

// SetClockForTests makes the vault's clock read now instead of the system
// time (simulated laptops with skewed clocks).
func (v *Vault) SetClockForTests(now func() time.Time) { v.clock.Now = now }

// applyRemote stages one received entry: its new operations into the log
// (under its own key), then each touched record re-merged.
func (c *change) applyRemote(ch ExportChange, res *ApplyResult) error {
	key := layout.LogKey(ch.HLC, ch.Device)
	raw, ok, err := c.get(key)
	if err != nil {
		return err
	}
	entry := Change{Author: ch.Author}
	if ok {
		if err := json.Unmarshal(raw, &entry); err != nil {
			return fmt.Errorf("store: log entry %s: %w", key, err)
		}
	}
	have := map[string]bool{}
	for _, op := range entry.Ops {
		have[op.Entity+"/"+op.ID+"/"+op.Field] = true
	}
	var fresh []Op
	for _, op := range ch.Ops {
		if k := op.Entity + "/" + op.ID + "/" + op.Field; !have[k] {
			have[k] = true
			fresh = append(fresh, op)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	entry.Ops = append(entry.Ops, fresh...)
	b, err := json.Marshal(entry)
	if err != nil {
		return err
	}
	c.set(key, b)
	res.Applied += len(fresh)
	var recs []string
	byRec := map[string][]Op{}
	for _, op := range fresh {
		k := op.Entity + "/" + op.ID
		if _, seen := byRec[k]; !seen {
			recs = append(recs, k)
			c.set(layout.HistKey(op.Entity, op.ID, ch.HLC, ch.Device), nil)
		}
		byRec[k] = append(byRec[k], op)
	}
	// Parents first, so that a case created in this entry is there when
	// its notes and deadlines are indexed.
	slices.SortStableFunc(recs, func(a, b string) int { return changelog.KindRank(a) - changelog.KindRank(b) })
	for _, k := range recs {
		kind, id, _ := strings.Cut(k, "/")
		if err := c.mergeRemote(kind, id, ch, byRec[k], res); err != nil {
			return err
		}
	}
	return nil
}

// mergeRemote merges one record's received operations.
func (c *change) mergeRemote(kind, id string, ch ExportChange, ops []Op, res *ApplyResult) error {
	local, err := c.pendingOrStored(kind, id)
	if err != nil {
		return err
	}
	if local == nil {
		// Absent (or held): rebuild it from everything the log holds.
		return c.materialise(kind, id, &ch, res)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(local.Data, &fields); err != nil {
		return fmt.Errorf("store: decode record %s/%s: %w", kind, id, err)
	}
	ver := maps.Clone(local.Ver)
	if ver == nil {
		ver = map[string]model.HLC{}
	}
	changed := false
	for _, op := range ops {
		cur := ver[op.Field]
		// The device that set the current version matters on a tie
		// only: it is looked up then (unknown, it loses the tie).
		curVer := changelog.Version{HLC: cur}
		if ch.HLC == cur && cur != 0 {
			dev, _, err := c.writerOf(kind, id, op.Field, cur, ch.Device)
			if err != nil {
				return err
			}
			curVer.Device = dev
		}
		win := changelog.Wins(ch.HLC, ch.Device, curVer)
		if cur != 0 && op.Base != cur {
			if collides, err := c.collidesWith(kind, id, op, ch, cur); err != nil {
				return err
			} else if collides {
				res.Collisions++
			}
		}
		if win {
			fields[op.Field], ver[op.Field], changed = op.Value, ch.HLC, true
		}
	}
	if !changed {
		return nil
	}
	merged, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	return c.writeMerged(kind, id, local, merged, ver, res)
}

// writerOf finds the entry at clock h (other than from device except) that
// set the field: its device and operation; "" when none.
func (c *change) writerOf(kind, id, field string, h model.HLC, except string) (string, *Op, error) {
	prefix := layout.LogAt(h)
	var dev string
	var found *Op
	err := scan(c.txn, prefix, func(k, b []byte) error {
		d := string(k[len(prefix):])
		if d == except || dev != "" {
			return nil
		}
		var e Change
		if err := json.Unmarshal(b, &e); err != nil {
			return nil
		}
		for i, op := range e.Ops {
			if op.Entity == kind && op.ID == id && op.Field == field {
				dev, found = d, &e.Ops[i]
				return nil
			}
		}
		return nil
	})
	return dev, found, err
}

// collidesWith reports whether op and the operation that set the field's
// current version (cur) started from the same base with different values:
// the definition of a collision (repl_collisions.go).
func (c *change) collidesWith(kind, id string, op Op, ch ExportChange, cur model.HLC) (bool, error) {
	_, other, err := c.writerOf(kind, id, op.Field, cur, ch.Device)
	if err != nil || other == nil {
		return false, err
	}
	return other.Base == op.Base && !bytes.Equal(other.Value, op.Value), nil
}

// materialise rebuilds a record from the log (its history index) plus the
// entry being applied, which is not in the transaction yet.
func (c *change) materialise(kind, id string, pending *ExportChange, res *ApplyResult) error {
	hist, err := read.History(c.txn, map[string]bool{kind + "/" + id: true})
	if err != nil {
		return err
	}
	f := changelog.Fold{}
	for _, e := range hist {
		f.AddOnly(kind, id, e.HLC, e.Device, e.Ops)
	}
	if pending != nil {
		f.AddOnly(kind, id, pending.HLC, pending.Device, pending.Ops)
	}
	fields, ver := f.Record(kind, id)
	merged, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	return c.writeMerged(kind, id, nil, merged, ver, res)
}

// writeMerged writes a merged record with its index entries, or holds it
// when it cannot stand yet (a case without its person, a note without its
// case): the operations are in the log, the record waits for the rest.
func (c *change) writeMerged(kind, id string, local *changelog.Envelope, merged []byte, ver map[string]model.HLC, res *ApplyResult) error {
	rec, err := changelog.Typed(kind, merged)
	if err != nil {
		return fmt.Errorf("%w: record %s/%s: %v", ErrBadRemoteChange, kind, id, err)
	}
	ready, err := c.canStand(rec)
	if err != nil {
		return err
	}
	if !ready {
		if local != nil {
			// Cannot happen for records that stood once (their links are
			// set at creation); keep the stored one rather than lose it.
			return fmt.Errorf("store: remote change unlinks %s/%s", kind, id)
		}
		c.set(layout.HeldKey(kind, id), nil)
		res.Held++
		return nil
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	env, err := json.Marshal(&changelog.Envelope{V: 1, Data: data, Ver: ver})
	if err != nil {
		return err
	}
	c.set(layout.RecKey(kind, id), env)
	if local == nil {
		if _, held, err := c.get(layout.HeldKey(kind, id)); err != nil {
			return err
		} else if held {
			c.del(layout.HeldKey(kind, id))
		}
	}
	return c.indexRemote(rec, local)
}

// canStand reports whether a record's links resolve in this vault.
func (c *change) canStand(rec any) (bool, error) {
	exists := func(kind, id string) (bool, error) {
		if id == "" {
			return false, nil
		}
		env, err := c.pendingOrStored(kind, id)
		return env != nil, err
	}
	switch r := rec.(type) {
	case *model.Case:
		if r.Ref == "" {
			return false, nil
		}
		return exists(KindPerson, r.PersonID)
	case *model.Note:
		return exists(KindCase, r.CaseID)
	case *model.Event:
		return exists(KindCase, r.CaseID)
	case *model.Deadline:
		return exists(KindCase, r.CaseID)
	case *model.Evidence:
		return exists(KindCase, r.CaseID)
	case *model.DeadlineSettings:
		return exists(KindCase, r.ID)
	case *model.Document:
		// A live document stands once its bytes are here (repl_syncdocs.go).
		if ok, err := exists(KindCase, r.CaseID); !ok || err != nil || r.Deleted {
			return ok, err
		}
		if ok, err := exists(KindDocument, r.ID); ok || err != nil {
			return ok, err
		}
		_, ok, err := c.get(layout.PendingDocKey(r.ID))
		return ok, err
	}
	return true, nil
}

// indexRemote stages the index entries of a record a remote change wrote.
func (c *change) indexRemote(rec any, local *changelog.Envelope) error {
	switch x := rec.(type) {
	case *model.Case:
		if local != nil {
			var old model.Case
			if err := json.Unmarshal(local.Data, &old); err != nil {
				return err
			}
			for _, pid := range append(old.RelatedIDs(), old.PersonID) {
				if !x.Involves(pid) {
					c.del(layout.PersonCaseKey(pid, x.ID))
				}
			}
		}
		c.set(layout.RefKey(x.Ref), []byte(x.ID))
		c.set(layout.PersonCaseKey(x.PersonID, x.ID), nil)
		for _, r := range x.Related {
			c.set(layout.PersonCaseKey(r.PersonID, x.ID), nil)
		}
		p, err := c.pendingOrStored(KindPerson, x.PersonID)
		if err != nil || p == nil {
			return err
		}
		var person model.Person
		if err := json.Unmarshal(p.Data, &person); err != nil {
			return err
		}
		c.set(layout.ListKey(x.ID), layout.EncodeSummary(layout.SummaryOf(*x, person)))
		return nil
	case *model.Person:
		return c.refreshListsOf(x, "")
	}
	return c.indexImported(rec, local)
}

// releaseHeld retries the records held back: the operations that were
// missing may have arrived in this pull.
func (c *change) releaseHeld(res *ApplyResult) error {
	var held []string
	if err := scanKeys(c.txn, layout.SyncHeld, func(k []byte) error {
		held = append(held, string(k[len(layout.SyncHeld):]))
		return nil
	}); err != nil {
		return err
	}
	slices.SortStableFunc(held, func(a, b string) int { return changelog.KindRank(a) - changelog.KindRank(b) })
	for _, k := range held {
		kind, id, _ := strings.Cut(k, "/")
		c.del(layout.HeldKey(kind, id))
		if err := c.materialise(kind, id, nil, res); err != nil {
			return err
		}
	}
	return nil
}

// Held counts the records waiting for operations not received yet.
func (v *Vault) Held() (int, error) {
	n := 0
	err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.SyncHeld, func([]byte) error { n++; return nil })
	})
	return n, err
}
