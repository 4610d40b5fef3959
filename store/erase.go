package store

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
)

// Erasure (docs/retention.md) removes a case and everything that belongs to
// it — its main person and relatives who are in no other case (and the
// tombstones of people merged into them), notes, events, deadlines, deadline
// settings, documents and their bytes, every index entry — and takes those
// records' operations out of the change log, rewriting the log entries that
// also carried other records' operations and deleting those left empty. It
// leaves a tombstone, rec/erasure/<case-id>, written as an ordinary logged
// change so that sync can carry it to colleagues' devices.
//
// Deleting keys is not enough: Badger keeps old versions in its tables and
// value log until compaction and value-log GC. So the erasure then drops
// every erased key prefix with DropPrefix (which rewrites the tables that
// held them), reopens Badger so that it writes to a fresh value-log file,
// and runs value-log GC until no file is left to rewrite.
//
// The erasure is too big for one transaction in general. It is planned
// first and the plan, which holds ids and key prefixes but no personal
// data, is written with the tombstone under meta/erasing/<case-id>; every
// later step is idempotent, and a plan found at open is carried to its end
// (ResumeErasures, which EraseCase and CasesDue run first; Check reports a
// plan left behind). It is not run while opening the vault: an open must
// stay as short as it is, for the crash tests that kill it.

// erasePlan is what is left to do of an erasure: the key prefixes to delete
// and drop, and the log entries to write back without the erased records'
// operations once their old versions are dropped.
type erasePlan struct {
	Case     string   `json:"case"`
	Prefixes []string `json:"prefixes"`
	// Keys are deleted exactly, not dropped by prefix (a reference can be
	// the prefix of another's: 2026-K7-1000, 2026-K7-10000); they hold no
	// personal data.
	Keys     []string          `json:"keys"`
	Rewrites map[string][]byte `json:"rewrites"`
	// Records are the erased records (kind/id), which the tombstone
	// lists so that every device refuses their operations from now on.
	Records []string `json:"records"`
}

// EraseReport says what an erasure removed.
type EraseReport struct {
	Ref        string   `json:"ref"`
	People     []string `json:"people"`      // person ids erased
	KeptPeople []string `json:"kept_people"` // in other cases: kept
	Records    int      `json:"records"`
	LogEntries int      `json:"log_entries"` // rewritten or deleted
}

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
		plan, rep, err = planErasure(txn, &f.Case)
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

// planErasure lists what erasing c removes.
func planErasure(txn *badger.Txn, c *model.Case) (*erasePlan, *EraseReport, error) {
	rep := &EraseReport{}
	recs := map[string]bool{KindCase + "/" + c.ID: true}
	prefixes := []string{
		layout.CasePrefix(c.ID), string(layout.ListKey(c.ID)),
		string(layout.OpenCountKey(c.ID)), string(layout.IdleKey(c.ID)),
		// The undo entries of finished imports (atomic.go) are deleted,
		// but their old versions may still hold the case's values.
		layout.Undo,
		string(draftKey(c.ID)), // an unsaved form of the case (drafts.go)
	}
	if _, ok, err := getRaw(txn, layout.RecKey(KindDeadlineSettings, c.ID)); err != nil {
		return nil, nil, err
	} else if ok {
		recs[KindDeadlineSettings+"/"+c.ID] = true
	}
	// What hangs under the case: notes, events, deadlines, documents.
	var deadlines, docs []string
	prefix := layout.CasePrefix(c.ID)
	if err := scanKeys(txn, prefix, func(k []byte) error {
		kind, id, ok := strings.Cut(string(k[len(prefix):]), "/")
		if ok {
			recs[kind+"/"+id] = true
			switch kind {
			case KindDeadline:
				deadlines = append(deadlines, id)
			case KindDocument:
				docs = append(docs, id)
			}
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	for _, id := range docs {
		prefixes = append(prefixes, layout.ChunkPrefix(id), string(layout.PendingDocKey(id)))
	}
	// Open deadlines in the review's date indexes.
	for _, p := range []string{layout.IdxDue, layout.IdxNoOwner, layout.IdxTimed} {
		if err := scanKeys(txn, p, func(k []byte) error {
			if i := strings.LastIndexByte(string(k), '/'); i > 0 && slices.Contains(deadlines, string(k[i+1:])) {
				prefixes = append(prefixes, string(k))
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	// People: each is erased unless another case still names them.
	people := append([]string{c.PersonID}, c.RelatedIDs()...)
	erased := map[string]bool{}
	for _, pid := range people {
		prefixes = append(prefixes, string(layout.PersonCaseKey(pid, c.ID)))
		others := false
		if err := scanKeys(txn, layout.PersonCasePrefix(pid), func(k []byte) error {
			if !strings.HasSuffix(string(k), "/"+c.ID) {
				others = true
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
		if others {
			rep.KeptPeople = append(rep.KeptPeople, pid)
		} else {
			erased[pid] = true
		}
	}
	// Tombstones of people merged into an erased person are the same
	// person's data.
	if err := scan(txn, layout.RecPrefix(KindPerson), func(k, b []byte) error {
		var p model.Person
		if _, err := changelog.DecodeEnvelope(b, &p); err != nil {
			return err
		}
		if p.MergedInto != "" {
			p.ID = strings.TrimPrefix(string(k), layout.RecPrefix(KindPerson))
			if erased[p.MergedInto] {
				erased[p.ID] = true
			}
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	for pid := range erased {
		recs[KindPerson+"/"+pid] = true
		rep.People = append(rep.People, pid)
		if err := scanKeys(txn, layout.PersonPrefix(pid), func(k []byte) error {
			prefixes = append(prefixes, string(k))
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	slices.Sort(rep.People)
	more, rewrites, n, err := planRecords(txn, recs)
	if err != nil {
		return nil, nil, err
	}
	prefixes = append(prefixes, more...)
	rep.Records, rep.LogEntries = len(recs), n
	slices.Sort(prefixes)
	prefixes = slices.Compact(prefixes)
	return &erasePlan{Case: c.ID, Prefixes: prefixes, Keys: []string{string(layout.RefKey(c.Ref))}, Rewrites: rewrites, Records: sortedKeys(recs)}, rep, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// planRecords lists what erasing the records (kind/id) removes besides
// what hangs under their case: the records, their history index, their
// operations in the log (entries that also carry other records' operations
// are rewritten without them: rewrites), a record held back by sync, and
// every key — live or an old version — with a segment that is one of their
// ids. n counts the log entries touched.
func planRecords(txn *badger.Txn, recs map[string]bool) (prefixes []string, rewrites map[string][]byte, n int, err error) {
	// Records, their history index and their operations in the log.
	logKeys := map[string]bool{}
	for rec := range recs {
		kind, id, _ := strings.Cut(rec, "/")
		prefixes = append(prefixes, string(layout.RecKey(kind, id)), layout.HistPrefix(kind, id))
		hp := layout.HistPrefix(kind, id)
		if err := scanKeys(txn, hp, func(k []byte) error {
			logKeys[layout.Log+string(k[len(hp):])] = true
			return nil
		}); err != nil {
			return nil, nil, 0, err
		}
	}
	rewrites = map[string][]byte{}
	for lk := range logKeys {
		raw, ok, err := getRaw(txn, []byte(lk))
		if err != nil {
			return nil, nil, 0, err
		}
		if !ok {
			continue
		}
		var ch Change
		if err := json.Unmarshal(raw, &ch); err != nil {
			return nil, nil, 0, fmt.Errorf("store: log entry %s: %w", lk, err)
		}
		kept := slices.DeleteFunc(ch.Ops, func(op Op) bool { return recs[op.Entity+"/"+op.ID] })
		prefixes = append(prefixes, lk)
		if len(kept) > 0 {
			rewrites[lk] = changelog.EncodeChange(ch.Author, kept)
		}
	}
	n = len(logKeys)
	// Keys deleted earlier (a deadline's entry under its former due day, a
	// document's dropped chunks) keep old versions that name the records:
	// every key, live or not, with a segment that is an erased id goes too.
	ids := map[string]bool{}
	for rec := range recs {
		_, id, _ := strings.Cut(rec, "/")
		ids[id] = true
	}
	opts := badger.DefaultIteratorOptions
	opts.AllVersions, opts.PrefetchValues = true, false
	// A record held back by sync (meta/sync/held/) is let go; the
	// tombstone's own history (idx/hist/erasure/<case-id>) stays.
	tombHist := layout.HistKindPrefix(KindErasure)
	for _, p := range []string{layout.Idx, layout.Doc, layout.DocPending, layout.SyncHeld} {
		opts.Prefix = []byte(p)
		it := txn.NewIterator(opts)
		for it.Rewind(); it.Valid(); it.Next() {
			k := string(it.Item().Key())
			if strings.HasPrefix(k, tombHist) {
				continue
			}
			for _, seg := range strings.Split(k, "/") {
				if ids[seg] {
					prefixes = append(prefixes, k)
					break
				}
			}
		}
		it.Close()
	}
	return prefixes, rewrites, n, nil
}

// carryOut makes Badger forget every key under the plan's prefixes, every
// version of it: DropPrefix rewrites the tables (and flushes the memtable)
// without them. DropPrefix ignores a prefix under which no live key is
// left, so a placeholder is first written at each prefix, and dropped with
// the rest. Then the rewritten log entries are written back, the exact
// keys deleted and the plan removed, in one last transaction. Each step
// can run again after a crash.
func (v *Vault) carryOut(plan *erasePlan) error {
	for i := 0; i < len(plan.Prefixes); i += batchEntries {
		part := plan.Prefixes[i:min(i+batchEntries, len(plan.Prefixes))]
		if err := v.db.Update(func(txn *badger.Txn) error {
			for _, p := range part {
				if err := txn.Set([]byte(p), nil); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	drop := make([][]byte, len(plan.Prefixes))
	for i, p := range plan.Prefixes {
		drop[i] = []byte(p)
	}
	if err := v.db.Shared(func() error { return v.db.DropPrefix(drop...) }); err != nil {
		return fmt.Errorf("drop old versions: %w", err)
	}
	err := v.db.Update(func(txn *badger.Txn) error {
		for k, val := range plan.Rewrites {
			if err := txn.Set([]byte(k), val); err != nil {
				return err
			}
		}
		for _, k := range plan.Keys {
			if err := txn.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return txn.Delete(layout.ErasingKey(plan.Case))
	})
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
	if err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.Erasing, func(k, b []byte) error {
			var p erasePlan
			if err := json.Unmarshal(b, &p); err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			plans = append(plans, &p)
			return nil
		})
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
	for {
		err := v.db.RunValueLogGC(1e-9)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			return v.db.Update(func(txn *badger.Txn) error { return txn.Delete(compactKey) })
		}
		if err != nil {
			return fmt.Errorf("store: value-log GC after erasure: %w", err)
		}
	}
}

// Erasures lists the tombstones of erased cases.
func (v *Vault) Erasures() ([]Erasure, error) {
	var out []Erasure
	err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.RecPrefix(KindErasure), func(k, b []byte) error {
			var e Erasure
			if _, err := changelog.DecodeEnvelope(b, &e); err != nil {
				return err
			}
			e.ID = strings.TrimPrefix(string(k), layout.RecPrefix(KindErasure))
			out = append(out, e)
			return nil
		})
	})
	return out, err
}
