package erasure

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Plan is what is left to do of an erasure: the key prefixes to delete
// and drop, and the log entries to write back without the erased records'
// operations once their old versions are dropped.
type Plan struct {
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

// Report says what an erasure removed.
type Report struct {
	Ref        string   `json:"ref"`
	People     []string `json:"people"`      // person ids erased
	KeptPeople []string `json:"kept_people"` // in other cases: kept
	Records    int      `json:"records"`
	LogEntries int      `json:"log_entries"` // rewritten or deleted
}

// PlanCase lists, in txn, what erasing c removes.
func PlanCase(txn *badger.Txn, c *model.Case) (*Plan, *Report, error) {
	rep := &Report{}
	recs := map[string]bool{changelog.KindCase + "/" + c.ID: true}
	prefixes := []string{
		layout.CasePrefix(c.ID), string(layout.ListKey(c.ID)),
		string(layout.OpenCountKey(c.ID)), string(layout.IdleKey(c.ID)),
		// The undo entries of finished imports (engine) are deleted,
		// but their old versions may still hold the case's values.
		layout.Undo,
		string(engine.DraftKey(c.ID)), // an unsaved form of the case (engine/drafts.go)
	}
	if _, ok, err := read.Raw(txn, layout.RecKey(changelog.KindDeadlineSettings, c.ID)); err != nil {
		return nil, nil, err
	} else if ok {
		recs[changelog.KindDeadlineSettings+"/"+c.ID] = true
	}
	// What hangs under the case: notes, events, deadlines, documents.
	var deadlines, docs []string
	prefix := layout.CasePrefix(c.ID)
	if err := read.ScanKeys(txn, prefix, func(k []byte) error {
		kind, id, ok := strings.Cut(string(k[len(prefix):]), "/")
		if ok {
			recs[kind+"/"+id] = true
			switch kind {
			case changelog.KindDeadline:
				deadlines = append(deadlines, id)
			case changelog.KindDocument:
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
		if err := read.ScanKeys(txn, p, func(k []byte) error {
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
		if err := read.ScanKeys(txn, layout.PersonCasePrefix(pid), func(k []byte) error {
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
	if err := read.Scan(txn, layout.RecPrefix(changelog.KindPerson), func(k, b []byte) error {
		var p model.Person
		if _, err := changelog.DecodeEnvelope(b, &p); err != nil {
			return err
		}
		if p.MergedInto != "" {
			p.ID = strings.TrimPrefix(string(k), layout.RecPrefix(changelog.KindPerson))
			if erased[p.MergedInto] {
				erased[p.ID] = true
			}
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	for pid := range erased {
		recs[changelog.KindPerson+"/"+pid] = true
		rep.People = append(rep.People, pid)
		if err := read.ScanKeys(txn, layout.PersonPrefix(pid), func(k []byte) error {
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
	return &Plan{Case: c.ID, Prefixes: prefixes, Keys: []string{string(layout.RefKey(c.Ref))}, Rewrites: rewrites, Records: sortedKeys(recs)}, rep, nil
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
		if err := read.ScanKeys(txn, hp, func(k []byte) error {
			logKeys[layout.Log+string(k[len(hp):])] = true
			return nil
		}); err != nil {
			return nil, nil, 0, err
		}
	}
	rewrites = map[string][]byte{}
	for lk := range logKeys {
		raw, ok, err := read.Raw(txn, []byte(lk))
		if err != nil {
			return nil, nil, 0, err
		}
		if !ok {
			continue
		}
		var ch changelog.Change
		if err := json.Unmarshal(raw, &ch); err != nil {
			return nil, nil, 0, fmt.Errorf("store: log entry %s: %w", lk, err)
		}
		kept := slices.DeleteFunc(ch.Ops, func(op changelog.Op) bool { return recs[op.Entity+"/"+op.ID] })
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
	tombHist := layout.HistKindPrefix(changelog.KindErasure)
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

// Pending reads the plans a crash left under meta/erasing/, to carry out.
func Pending(txn *badger.Txn) ([]*Plan, error) {
	var plans []*Plan
	err := read.Scan(txn, layout.Erasing, func(k, b []byte) error {
		var p Plan
		if err := json.Unmarshal(b, &p); err != nil {
			return fmt.Errorf("store: %s: %w", k, err)
		}
		plans = append(plans, &p)
		return nil
	})
	return plans, err
}

// Tombstones reads the tombstones of erased cases (rec/erasure/<case-id>).
func Tombstones(txn *badger.Txn) ([]changelog.Erasure, error) {
	var out []changelog.Erasure
	err := read.Scan(txn, layout.RecPrefix(changelog.KindErasure), func(k, b []byte) error {
		var e changelog.Erasure
		if _, err := changelog.DecodeEnvelope(b, &e); err != nil {
			return err
		}
		e.ID = strings.TrimPrefix(string(k), layout.RecPrefix(changelog.KindErasure))
		out = append(out, e)
		return nil
	})
	return out, err
}

// PlanReceived plans, in txn, the erasures that tombstones received from
// colleagues call for: each erased case still here, and (as one plan,
// "held") the records sync holds back that belong to an erased case.
func PlanReceived(txn *badger.Txn, tombs []changelog.Erasure) ([]*Plan, error) {
	erased := map[string]bool{}
	for _, t := range tombs {
		erased[t.ID] = true
	}
	var plans []*Plan
	for _, t := range tombs {
		_, c, err := read.Record[model.Case](txn, changelog.KindCase, t.ID)
		if errors.Is(err, read.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		c.ID = t.ID
		plan, _, err := PlanCase(txn, c)
		if err != nil {
			return nil, err
		}
		plans = append(plans, plan)
	}
	held, err := heldOfErased(txn, erased)
	if err != nil || len(held) == 0 {
		return plans, err
	}
	prefixes, rewrites, _, err := planRecords(txn, held)
	if err != nil {
		return nil, err
	}
	slices.Sort(prefixes)
	plans = append(plans, &Plan{Case: "held", Prefixes: slices.Compact(prefixes), Rewrites: rewrites, Records: sortedKeys(held)})
	return plans, nil
}

// heldOfErased lists the records held back by sync (a case without its
// person, a note without its case) that belong to an erased case.
func heldOfErased(txn *badger.Txn, erased map[string]bool) (map[string]bool, error) {
	out := map[string]bool{}
	var held []string
	if err := read.ScanKeys(txn, layout.SyncHeld, func(k []byte) error {
		held = append(held, string(k[len(layout.SyncHeld):]))
		return nil
	}); err != nil {
		return nil, err
	}
	for _, rec := range held {
		kind, id, _ := strings.Cut(rec, "/")
		if (kind == changelog.KindCase || kind == changelog.KindDeadlineSettings) && erased[id] {
			out[rec] = true
			continue
		}
		hist, err := read.History(txn, map[string]bool{rec: true})
		if err != nil {
			return nil, err
		}
		for _, e := range hist {
			for _, op := range e.Ops {
				var caseID string
				if op.Entity == kind && op.ID == id && op.Field == "case_id" && json.Unmarshal(op.Value, &caseID) == nil && erased[caseID] {
					out[rec] = true
				}
			}
		}
	}
	return out, nil
}
