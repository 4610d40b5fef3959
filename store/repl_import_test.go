package store

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// feedFrom hands over the documents of ex as a bundle would, reading them
// from the sending vault; tamper, when set, may change a document's bytes.
func feedFrom(v *Vault, ex []CaseExport, tamper func(id string, b []byte)) DocumentFeed {
	return func(each func(string, io.Reader) error) error {
		for i := range ex {
			for _, d := range ex[i].Documents() {
				b, _, err := v.ReadDocument(d.ID)
				if err != nil {
					return err
				}
				if tamper != nil {
					tamper(d.ID, b)
				}
				if err := each(d.ID, bytes.NewReader(b)); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// keysUnder counts the keys with a prefix.
func keysUnder(t *testing.T, v *Vault, prefix string) int {
	n := 0
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, prefix, func([]byte) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportBundleCarriesDocuments(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 2, 11)
	refs := refsOf(files)
	big := randomBytes(3*ChunkSize+1234, 1)
	d1, err := a.AddDocument(files[0].ID, "passeport.pdf", bytes.NewReader(big))
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
	ex, err := a.ExportCases(refs)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ex[0].Documents()) + len(ex[1].Documents()); n != 1 {
		t.Fatalf("%d live documents exported, want 1", n)
	}

	// Without the bytes, or with other bytes, nothing is written.
	if _, err := b.ImportBundle(ex, ImportOptions{}); !errors.Is(err, ErrInconsistentCases) {
		t.Fatalf("no bytes: %v", err)
	}
	if _, err := b.ImportCases(ex); !errors.Is(err, ErrInconsistentCases) {
		t.Fatalf("ImportCases without bytes: %v", err)
	}
	flip := func(id string, b []byte) { b[len(b)-1] ^= 1 }
	if _, err := b.ImportBundle(ex, ImportOptions{Documents: feedFrom(a, ex, flip)}); !errors.Is(err, ErrInconsistentCases) {
		t.Fatalf("tampered bytes: %v", err)
	}
	if _, err := b.Case(refs[0]); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused import left a case: %v", err)
	}
	for _, p := range []string{"doc/", "meta/docpending/", "rec/document/"} {
		if n := keysUnder(t, b, p); n != 0 {
			t.Fatalf("a refused import left %d keys under %s", n, p)
		}
	}
	mustCheck(t, b)

	res, err := b.ImportBundle(ex, ImportOptions{Documents: feedFrom(a, ex, nil)})
	if err != nil || res.NewCases != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	got, d, err := b.ReadDocument(d1.ID)
	if err != nil || !bytes.Equal(got, big) || d.Name != "passeport.pdf" {
		t.Fatalf("document after import: %v", err)
	}
	docs, _ := b.Documents(files[1].ID)
	if len(docs) != 0 {
		t.Fatalf("a deleted document came back: %+v", docs)
	}
	mustCheck(t, b)
	if snapshot(t, a, refs) != snapshot(t, b, refs) {
		t.Fatal("cases differ after the import")
	}
	// Again: nothing to write, no bytes needed.
	res, err = b.ImportBundle(ex, ImportOptions{})
	if err != nil || res.Unchanged != 2 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	// A deletion travels too, and takes the bytes with it.
	if err := a.DeleteDocument(d1.ID); err != nil {
		t.Fatal(err)
	}
	ex, _ = a.ExportCases(refs)
	if _, err := b.ImportBundle(ex, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := keysUnder(t, b, "doc/"+d1.ID+"/"); n != 0 {
		t.Fatalf("%d chunks left after the deletion was imported", n)
	}
	mustCheck(t, b)
}

func TestDeclinedDifferencesBecomeCollisions(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 1, 12)
	refs := refsOf(files)
	ex, _ := a.ExportCases(refs)
	if _, err := b.ImportCases(ex); err != nil {
		t.Fatal(err)
	}
	before, _ := b.Case(refs[0])
	if _, err := a.SetCaseFields(refs[0], map[string]string{"prefecture": "Rhône (Lyon)", "anef_number": "A1"}); err != nil {
		t.Fatal(err)
	}
	ex, _ = a.ExportCases(refs)
	pre, err := b.PreviewImport(ex)
	if err != nil {
		t.Fatal(err)
	}
	var keep []FieldRef
	for _, c := range pre[0].Changes {
		if c.Field == "prefecture" && c.Taken {
			keep = append(keep, FieldRef{Kind: c.Kind, ID: c.ID, Field: c.Field})
		}
	}
	if len(keep) != 1 {
		t.Fatalf("preview: %+v", pre[0].Changes)
	}
	time.Sleep(2 * time.Millisecond)
	res, err := b.ImportBundle(ex, ImportOptions{KeepLocal: map[string][]FieldRef{files[0].ID: keep}})
	if err != nil || res.UpdatedCases != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	got, _ := b.Case(refs[0])
	if got.Prefecture != before.Prefecture || got.ANEFNumber != "A1" {
		t.Fatalf("prefecture %q (want ours, %q), anef %q", got.Prefecture, before.Prefecture, got.ANEFNumber)
	}
	mustCheck(t, b)
	col, err := b.Collisions(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(col) != 1 || col[0].Field != "prefecture" || string(col[0].Lost) != `"Rhône (Lyon)"` || col[0].LostDevice != a.Device() {
		t.Fatalf("collisions: %+v", col)
	}
	// The same bundle again, all accepted: our later choice stands.
	if _, err := b.ImportBundle(ex, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Case(refs[0]); got.Prefecture != before.Prefecture {
		t.Fatalf("re-import overwrote the kept value: %q", got.Prefecture)
	}
	// Sent back, the colleague sees our value win and theirs to review.
	exb, _ := b.ExportCases(refs)
	if _, err := a.ImportBundle(exb, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, a)
	if got, _ := a.Case(refs[0]); got.Prefecture != before.Prefecture {
		t.Fatalf("colleague's prefecture %q", got.Prefecture)
	}
	if col, _ := a.Collisions(refs[0]); len(col) != 1 {
		t.Fatalf("collisions in a: %+v", col)
	}
	if snapshot(t, a, refs) != snapshot(t, b, refs) {
		t.Fatal("the two vaults do not agree")
	}
}
