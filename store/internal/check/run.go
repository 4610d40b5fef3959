package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Report is what Run found (store.CheckReport). OK is true when Problems
// is empty.
type Report struct {
	Cases, People, Notes, Changes int
	Problems                      []string
}

// OK reports whether records, indexes and change log agree.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) addf(format string, a ...any) {
	if len(r.Problems) < 1000 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
	}
}

// Run verifies, in txn (one consistent snapshot), that:
//   - every record decodes, and replaying the change log (last writer wins
//     per field) gives exactly its fields and their versions;
//   - every change-log operation names a record that exists;
//   - every index entry points to a record that agrees with it, and every
//     record has the index entries it should.
//
// Problems name keys and ids, never record contents.
func Run(txn *badger.Txn, r *Report) error {
	// Replay the log.
	folded := changelog.Fold{} // "kind/id" -> field -> winning operation
	if err := read.Scan(txn, layout.Log, func(k, b []byte) error {
		r.Changes++
		h, device, ok := layout.ParseLogKey(string(k))
		if !ok {
			r.addf("malformed log key %q", k)
			return nil
		}
		var ch changelog.Change
		if err := json.Unmarshal(b, &ch); err != nil {
			r.addf("log entry %s does not decode", k)
			return nil
		}
		folded.Add(h, device, ch.Ops)
		return nil
	}); err != nil {
		return err
	}

	cases := map[string]model.Case{}
	people := map[string]model.Person{}
	notes := map[string]model.Note{}
	seen := map[string]bool{}
	for _, kind := range []string{changelog.KindPerson, changelog.KindCase, changelog.KindNote} {
		prefix := layout.RecPrefix(kind)
		if err := read.Scan(txn, prefix, func(k, b []byte) error {
			id := strings.TrimPrefix(string(k), prefix)
			key := kind + "/" + id
			seen[key] = true
			var rec any
			switch kind {
			case changelog.KindPerson:
				rec = &model.Person{}
			case changelog.KindCase:
				rec = &model.Case{}
			default:
				rec = &model.Note{}
			}
			env, err := changelog.DecodeEnvelope(b, rec)
			if err != nil {
				r.addf("record %s does not decode", key)
				return nil
			}
			switch x := rec.(type) {
			case *model.Person:
				r.People++
				people[id] = *x
			case *model.Case:
				r.Cases++
				cases[id] = *x
			case *model.Note:
				r.Notes++
				notes[id] = *x
			}
			changelog.Compare(key, env.Data, env.Ver, folded[key], r.addf)
			return nil
		}); err != nil {
			return err
		}
	}
	if err := checkDeadlines(txn, r, folded, seen, cases); err != nil {
		return err
	}
	if err := checkDocuments(txn, r, folded, seen, cases); err != nil {
		return err
	}
	if err := checkEvidence(txn, r, folded, seen, cases); err != nil {
		return err
	}
	if err := checkReview(txn, r, folded, seen); err != nil {
		return err
	}
	if err := checkErasures(txn, r, folded, seen); err != nil {
		return err
	}
	if err := checkHistory(txn, r); err != nil {
		return err
	}
	// An atomic change (atomic.go) is rolled back at open and runs
	// under the gate this read holds: none may be seen unfinished.
	// Undo entries of a finished change (stage/undo/) are garbage
	// the next open collects, not records: they are not checked.
	if err := read.ScanKeys(txn, layout.Atomic, func(k []byte) error {
		r.addf("atomic change %s was neither finished nor rolled back", k)
		return nil
	}); err != nil {
		return err
	}
	held, err := read.HeldRecords(txn) // repl_syncapply.go: waiting for the rest
	if err != nil {
		return err
	}
	for key := range folded {
		if !seen[key] && !held[key] {
			r.addf("change log names %s, which has no record", key)
		}
	}
	checkMerged(r, cases, people)
	return checkIndexes(txn, r, cases, people, notes)
}

func checkIndexes(txn *badger.Txn, r *Report, cases map[string]model.Case, persons map[string]model.Person, notes map[string]model.Note) error {
	refs := map[string]string{}
	if err := read.Scan(txn, layout.IdxRef, func(k, b []byte) error {
		ref := strings.TrimPrefix(string(k), layout.IdxRef)
		refs[ref] = string(b)
		if c, ok := cases[string(b)]; !ok || c.Ref != ref {
			r.addf("index %s points to a case that does not carry that reference", k)
		}
		return nil
	}); err != nil {
		return err
	}
	personCase := map[string]bool{}
	if err := read.ScanKeys(txn, layout.IdxPerson, func(k []byte) error {
		pid, cid, ok := layout.ParsePersonCase(k)
		if !ok {
			r.addf("malformed index key %q", k)
			return nil
		}
		personCase[pid+"/"+cid] = true
		c, ok := cases[cid]
		if _, known := persons[pid]; !ok || !known || !c.Involves(pid) {
			r.addf("index %s does not match its records", k)
		}
		return nil
	}); err != nil {
		return err
	}
	caseNote := map[string]bool{}
	if err := read.ScanKeys(txn, layout.IdxCase, func(k []byte) error {
		cid, kind, id, ok := layout.ParseCaseChild(k)
		if ok && (kind == changelog.KindEvent || kind == changelog.KindDeadline || kind == changelog.KindDocument || kind == changelog.KindEvidence) {
			return nil // checkDeadlines, checkDocuments, checkEvidence
		}
		if !ok || kind != changelog.KindNote {
			r.addf("malformed index key %q", k)
			return nil
		}
		caseNote[id] = true
		if n, ok := notes[id]; !ok || n.CaseID != cid {
			r.addf("index %s does not match its records", k)
		}
		return nil
	}); err != nil {
		return err
	}
	lists := map[string][]byte{}
	if err := read.Scan(txn, layout.IdxList, func(k, b []byte) error {
		id := strings.TrimPrefix(string(k), layout.IdxList)
		lists[id] = bytes.Clone(b)
		if _, ok := cases[id]; !ok {
			r.addf("case-list row %s has no case", k)
		}
		return nil
	}); err != nil {
		return err
	}
	for id, c := range cases {
		if p, ok := persons[c.PersonID]; ok && !bytes.Equal(lists[id], layout.EncodeSummary(layout.SummaryOf(c, p))) {
			r.addf("case %s: case-list row disagrees with the records", id)
		}
		if refs[c.Ref] != id {
			r.addf("case %s has no reference index", id)
		}
		if _, ok := persons[c.PersonID]; !ok {
			r.addf("case %s names a main person that does not exist", id)
		}
		for _, pid := range append([]string{c.PersonID}, c.RelatedIDs()...) {
			if !personCase[pid+"/"+id] {
				r.addf("case %s lacks its person index for %s", id, pid)
			}
		}
	}
	for id, n := range notes {
		if !caseNote[id] {
			r.addf("note %s lacks its case index", id)
		}
		if _, ok := cases[n.CaseID]; !ok {
			r.addf("note %s belongs to a case that does not exist", id)
		}
	}
	return nil
}
