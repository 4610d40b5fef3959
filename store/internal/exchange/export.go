package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// ExportHead names one case of an export: its id and reference.
type ExportHead struct {
	ID  string
	Ref string
}

// Export reads the cases (by id or reference) for a bundle in txn, one
// consistent snapshot (store.Vault.ExportEach and ExportCases), and hands
// them over one at a time, so that an export of thousands of cases never holds them all:
// head is called first with every case's id and reference, in order, then
// each with each case's export, in the same order. An error from head or
// each stops the export and is returned.
//
// A case's history is read through the history index (idx/hist, one
// prefix per record, then one read per change), not by scanning the whole
// change log: the cost follows the cases exported, not the vault.
func Export(txn *badger.Txn, idsOrRefs []string, head func([]ExportHead) error, each func(*changelog.CaseExport) error) error {
	cases := make([]exportCase, len(idsOrRefs))
	heads := make([]ExportHead, len(idsOrRefs))
	for i, ref := range idsOrRefs {
		id, err := read.CaseID(txn, ref)
		if err != nil {
			return fmt.Errorf("%s: %w", ref, err)
		}
		c, _, err := readCaseHead(txn, id, false)
		if err != nil {
			return fmt.Errorf("%s: %w", ref, err)
		}
		cases[i] = exportCase{id: c.ID, ref: c.Ref}
		heads[i] = ExportHead{ID: c.ID, Ref: c.Ref}
	}
	if err := head(heads); err != nil {
		return err
	}
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = []byte(layout.Idx)
	it := txn.NewIterator(opts)
	defer it.Close()
	for i := range cases {
		ce, err := cases[i].export(txn, it)
		if err != nil {
			return err
		}
		if err := each(ce); err != nil {
			return err
		}
	}
	return nil
}

// caseHead is the part of a case record an export needs first.
type caseHead struct {
	ID       string `json:"id"`
	Ref      string `json:"ref"`
	PersonID string `json:"person_id"`
	Related  []struct {
		PersonID string `json:"person_id"`
	} `json:"related"`
}

// readCaseHead reads a case record's id and reference and, with people,
// its main and related people, without decoding the rest of it into a
// model.Case; it returns the stored record too. Without people, a record
// as the vault writes it ({"id":…,"ref":…,…}) is not decoded at all:
// the heads of an export are read before anything else can start.
func readCaseHead(txn *badger.Txn, id string, people bool) (*caseHead, []byte, error) {
	raw, ok, err := read.Raw(txn, layout.RecKey(changelog.KindCase, id))
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, read.ErrNotFound
	}
	data, _, err := changelog.SplitEnvelope(raw)
	if err != nil {
		return nil, nil, err
	}
	var c caseHead
	if !people {
		var ok bool
		if c.ID, c.Ref, ok = changelog.ReadCaseHead(data); ok {
			return &c, raw, nil
		}
		c = caseHead{}
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	return &c, raw, nil
}

// exportCase is what Export keeps of a case between reading the heads
// and exporting it.
type exportCase struct {
	id, ref string
}

// seekKeys calls fn with the part after prefix of every key under prefix,
// moving the shared keys-only iterator it there.
func seekKeys(it *badger.Iterator, prefix string, fn func(rest []byte)) {
	p := []byte(prefix)
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		fn(it.Item().Key()[len(p):])
	}
}

// export reads one case's records and their history, as ExportCases
// always has: the records in the order case, main person, related people,
// notes, events, deadlines, documents, evidence entries (each kind in key
// order), deadline settings; the history oldest first, each change
// restricted to the case's records.
func (c *exportCase) export(txn *badger.Txn, it *badger.Iterator) (*changelog.CaseExport, error) {
	head, caseRaw, err := readCaseHead(txn, c.id, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.ref, err)
	}
	if head.ID != c.id || head.Ref != c.ref {
		return nil, fmt.Errorf("store: export %s: the case record names %s/%s", c.ref, head.ID, head.Ref)
	}
	keys := [][2]string{{changelog.KindCase, c.id}, {changelog.KindPerson, head.PersonID}}
	for _, r := range head.Related {
		keys = append(keys, [2]string{changelog.KindPerson, r.PersonID})
	}
	// One pass over the case's index (kinds sort by name there), then
	// the kinds in export order, each in key order.
	kinds := [...]string{changelog.KindNote, changelog.KindEvent, changelog.KindDeadline, changelog.KindDocument, changelog.KindEvidence}
	var byKind [len(kinds)][][2]string
	seekKeys(it, layout.CasePrefix(c.id), func(rest []byte) {
		kind, id, ok := bytes.Cut(rest, []byte("/"))
		if !ok {
			return
		}
		for i, k := range kinds {
			if string(kind) == k {
				byKind[i] = append(byKind[i], [2]string{k, string(id)})
			}
		}
	})
	for _, ks := range byKind {
		keys = append(keys, ks...)
	}
	keys = append(keys, [2]string{changelog.KindDeadlineSettings, c.id})
	ce := &changelog.CaseExport{ID: c.id, Ref: c.ref}
	recs := make(map[string]bool, len(keys))
	for i, k := range keys {
		raw, ok := caseRaw, true
		if i > 0 {
			if raw, ok, err = read.Raw(txn, layout.RecKey(k[0], k[1])); err != nil {
				return nil, err
			}
		}
		if !ok {
			if k[0] == changelog.KindDeadlineSettings {
				continue
			}
			return nil, fmt.Errorf("store: export %s: %s/%s: %w", c.ref, k[0], k[1], read.ErrNotFound)
		}
		data, ver, err := changelog.SplitEnvelope(raw)
		if err != nil {
			return nil, err
		}
		ce.Records = append(ce.Records, changelog.ExportRecord{Kind: k[0], ID: k[1], Data: data, Ver: ver})
		recs[k[0]+"/"+k[1]] = true
	}
	var logKeys []string
	for _, k := range keys {
		if recs[k[0]+"/"+k[1]] {
			seekKeys(it, layout.HistPrefix(k[0], k[1]), func(rest []byte) {
				logKeys = append(logKeys, layout.Log+string(rest))
			})
		}
	}
	slices.Sort(logKeys) // log keys sort by HLC, as the log does
	logKeys = slices.Compact(logKeys)
	for _, k := range logKeys {
		h, device, ok := layout.ParseLogKey(k)
		if !ok {
			continue
		}
		item, err := txn.Get([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("store: export %s: history names %s: %w", c.ref, k, err)
		}
		var ch changelog.Change
		if err := item.Value(func(b []byte) error { return changelog.DecodeChange(b, &ch) }); err != nil {
			return nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		var ops []changelog.Op
		for _, op := range ch.Ops {
			if recs[op.Entity+"/"+op.ID] {
				ops = append(ops, op)
			}
		}
		if len(ops) > 0 {
			ce.History = append(ce.History, changelog.ExportChange{HLC: h, Device: device, Author: ch.Author, Ops: ops})
		}
	}
	return ce, nil
}
