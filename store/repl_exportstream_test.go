package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// ExportEach (and ExportCases, which collects it) reads a case's history
// through the history index; it must give exactly what scanning the whole
// log gave, case by case, and bundles stay byte for byte the same.
func TestExportEachMatchesLogScan(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 12, 3)
	refs := refsOf(files)
	d, err := a.AddDocument(files[0].ID, "passport.pdf", bytes.NewReader(randomBytes(ChunkSize+5, 1)))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := a.AddDocument(files[1].ID, "old.png", strings.NewReader("not a png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteDocument(gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.SetDocumentChecklistItem(d.ID, "passport"); err != nil {
		t.Fatal(err)
	}
	if err := a.TickChecklist(files[2].Ref, "passport", true); err != nil {
		t.Fatal(err)
	}
	if err := a.TickChecklist(files[2].Ref, "passport", false); err != nil {
		t.Fatal(err)
	}
	// Changes from another device: b imports, edits, a imports back.
	ex, err := a.ExportCases(refs[:4])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.ImportBundle(ex, ImportOptions{Documents: feedFrom(a, ex, nil)}); err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, false} {
		if err := b.TickChecklist(refs[3], "passport", on); err != nil {
			t.Fatal(err)
		}
	}
	back, err := b.ExportCases(refs[:4])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportBundle(back, ImportOptions{Documents: feedFrom(b, back, nil)}); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = f.ID
	}
	for _, sel := range [][]string{refs, refs[:1], {refs[5], refs[2], refs[0]}, ids, {ids[3], refs[7]}} {
		want, err := a.exportCasesByScan(sel)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.ExportCases(sel)
		if err != nil {
			t.Fatal(err)
		}
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		if !bytes.Equal(wb, gb) {
			t.Fatalf("export of %v differs from the log scan's:\n%s\n%s", sel, gb, wb)
		}
		var heads []ExportHead
		n := 0
		if err := a.ExportEach(sel, func(h []ExportHead) error { heads = h; return nil }, func(ce *CaseExport) error {
			if ce.ID != heads[n].ID || ce.Ref != heads[n].Ref || !reflect.DeepEqual(*ce, want[n]) {
				t.Fatalf("case %d: %s/%s, head %+v", n, ce.ID, ce.Ref, heads[n])
			}
			n++
			return nil
		}); err != nil || n != len(sel) {
			t.Fatalf("ExportEach: %d cases, %v", n, err)
		}
	}
	if len(back[3].History) == 0 || !slices.ContainsFunc(back[3].History, func(c ExportChange) bool { return c.Device == b.Device() }) {
		t.Fatal("no change from the other device to compare")
	}
	// Errors stop it: an unknown case, and each's own.
	if _, err := a.ExportCases([]string{refs[0], "2099-9999"}); err == nil {
		t.Fatal("unknown reference exported")
	}
	stop := fmt.Errorf("stop")
	n := 0
	if err := a.ExportEach(refs, func([]ExportHead) error { return nil }, func(*CaseExport) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("each's error: %v after %d", err, n)
	}
}

// SplitEnvelope reads every envelope the vault writes as DecodeEnvelope
// does (changelog's tests hold it to the exact shape and its fallback).
func TestSplitEnvelope(t *testing.T) {
	a := newVault(t)
	fillClinic(t, a, 5, 9)
	n := 0
	if err := a.db.View(func(txn *badger.Txn) error {
		return scan(txn, "rec/", func(k, raw []byte) error {
			env, err := changelog.DecodeEnvelope(raw, nil)
			if err != nil {
				return err
			}
			data, ver, err := changelog.SplitEnvelope(raw)
			if err != nil || !bytes.Equal(data, env.Data) || !reflect.DeepEqual(ver, env.Ver) {
				t.Fatalf("%s: %v %s %v", k, err, data, ver)
			}
			if !changelog.CompactEnvelope(raw) {
				t.Fatalf("%s: not read by the scanner", k)
			}
			n++
			return nil
		})
	}); err != nil || n < 20 {
		t.Fatalf("%d records, %v", n, err)
	}
}

// DecodeChange reads the entries the vault writes as json.Unmarshal does,
// by the scanner.
func TestDecodeLogEntry(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 5, 4)
	if err := a.TickChecklist(files[0].Ref, "passport", true); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := a.db.View(func(txn *badger.Txn) error {
		return scan(txn, "log/", func(k, b []byte) error {
			var want, got Change
			werr := json.Unmarshal(b, &want)
			gerr := changelog.DecodeChange(b, &got)
			if werr != nil || gerr != nil || !reflect.DeepEqual(want, got) {
				t.Fatalf("%s: %s", k, b)
			}
			if !changelog.CompactChange(b) {
				t.Fatalf("%s: not read by the scanner", k)
			}
			n++
			return nil
		})
	}); err != nil || n < 10 {
		t.Fatalf("%d entries, %v", n, err)
	}
}

// exportCasesByScan is ExportCases as it was before ExportEach: the
// history found by scanning the whole change log. The tests hold the new
// one to its output.
func (v *Vault) exportCasesByScan(idsOrRefs []string) ([]CaseExport, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	out := make([]CaseExport, len(idsOrRefs))
	err := v.db.View(func(txn *badger.Txn) error {
		owner := map[string]int{} // "kind/id" -> index in out
		for i, ref := range idsOrRefs {
			id, err := caseIDIn(txn, ref)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			_, c, err := getRecord[model.Case](txn, KindCase, id)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			out[i] = CaseExport{ID: c.ID, Ref: c.Ref}
			keys := [][2]string{{KindCase, c.ID}, {KindPerson, c.PersonID}}
			for _, r := range c.Related {
				keys = append(keys, [2]string{KindPerson, r.PersonID})
			}
			for _, kind := range []string{KindNote, KindEvent, KindDeadline, KindDocument, KindEvidence} {
				prefix := "idx/case/" + c.ID + "/" + kind + "/"
				if err := scanKeys(txn, prefix, func(k []byte) error {
					keys = append(keys, [2]string{kind, string(k[len(prefix):])})
					return nil
				}); err != nil {
					return err
				}
			}
			keys = append(keys, [2]string{KindDeadlineSettings, c.ID})
			for _, k := range keys {
				raw, ok, err := getRaw(txn, layout.RecKey(k[0], k[1]))
				if err != nil {
					return err
				}
				if !ok {
					if k[0] == KindDeadlineSettings {
						continue
					}
					return fmt.Errorf("store: export %s: %s/%s: %w", c.Ref, k[0], k[1], ErrNotFound)
				}
				env, err := changelog.DecodeEnvelope(raw, nil)
				if err != nil {
					return err
				}
				out[i].Records = append(out[i].Records, ExportRecord{Kind: k[0], ID: k[1], Data: env.Data, Ver: env.Ver})
				owner[k[0]+"/"+k[1]] = i
			}
		}
		// A few cases out of a large vault: most entries name none of
		// their records, and a substring test is cheaper than decoding.
		var ids [][]byte
		if len(owner) <= 64 {
			for key := range owner {
				_, id, _ := strings.Cut(key, "/")
				ids = append(ids, []byte(id))
			}
		}
		return scan(txn, "log/", func(k, b []byte) error {
			if ids != nil && !slices.ContainsFunc(ids, func(id []byte) bool { return bytes.Contains(b, id) }) {
				return nil
			}
			var ch Change
			if err := json.Unmarshal(b, &ch); err != nil {
				return fmt.Errorf("store: log entry %s: %w", k, err)
			}
			h, device, ok := layout.ParseLogKey(string(k))
			if !ok {
				return nil
			}
			per := map[int][]Op{}
			for _, op := range ch.Ops {
				if i, ok := owner[op.Entity+"/"+op.ID]; ok {
					per[i] = append(per[i], op)
				}
			}
			for i, ops := range per {
				out[i].History = append(out[i].History, ExportChange{HLC: h, Device: device, Author: ch.Author, Ops: ops})
			}
			return nil
		})
	})
	return out, err
}
