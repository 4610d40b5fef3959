package store

import (
	"bytes"
	"errors"
	"testing"

	"github.com/dgraph-io/badger/v4/options"

	"casefile/model"
	"casefile/store/internal/engine"
)

const draftMarker = "Qvzdraftmarker-Ouagadougou"

// A draft is kept inside the vault: read back after the vault is closed
// and opened again, and found nowhere on disk in clear, open or closed.
func TestDraftKeptInsideTheVault(t *testing.T) {
	old := engine.Compression
	engine.Compression = options.None // so that compression cannot be what hides it
	defer func() { engine.Compression = old }()
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	if err := v.SaveDraft("", []byte(`{"family_name":"other"}`)); err != nil {
		t.Fatal(err)
	}
	if err := v.SaveDraft("0193a000-0000-7000-8000-000000000001", []byte(`{"family_name":"`+draftMarker+`"}`)); err != nil {
		t.Fatal(err)
	}
	if hits := ScanForMarkers(t, dir, []string{draftMarker}); len(hits) > 0 {
		t.Fatalf("draft in clear while open: %v", hits)
	}
	v.Close()
	if hits := ScanForMarkers(t, dir, []string{draftMarker}); len(hits) > 0 {
		t.Fatalf("draft in clear after close: %v", hits)
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	id, data, ok, err := v.Draft()
	if err != nil || !ok || id != "0193a000-0000-7000-8000-000000000001" || !bytes.Contains(data, []byte(draftMarker)) {
		t.Fatalf("draft after reopening: %q %q %v %v (one draft at a time, the last)", id, data, ok, err)
	}
	if err := v.DropDraft(); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := v.Draft(); ok {
		t.Fatal("draft still there after DropDraft")
	}
	mustCheck(t, v)
}

// The scan above is proven: the same draft in a Badger store opened
// without encryption is found, open and closed.
func TestScanFindsDraftInPlainStore(t *testing.T) {
	old := engine.Compression
	engine.Compression = options.None
	defer func() { engine.Compression = old }()
	dir := t.TempDir()
	v := openPlain(t, dir)
	if err := v.SaveDraft("", []byte(`{"family_name":"`+draftMarker+`"}`)); err != nil {
		t.Fatal(err)
	}
	if hits := ScanForMarkers(t, dir, []string{draftMarker}); len(hits) == 0 {
		t.Fatal("scan missed the draft in an open plain store")
	}
	v.Close()
	if hits := ScanForMarkers(t, dir, []string{draftMarker}); len(hits) == 0 {
		t.Fatal("scan missed the draft in a closed plain store")
	}
}

// Erasing a case erases its draft, old versions included.
func TestEraseCaseErasesItsDraft(t *testing.T) {
	v := newVault(t)
	f := fakeCase(3)
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	if err := v.SaveDraft(f.ID, []byte(draftMarker+" v1")); err != nil {
		t.Fatal(err)
	}
	if err := v.SaveDraft(f.ID, []byte(draftMarker+" v2")); err != nil {
		t.Fatal(err)
	}
	if _, err := v.EraseCase(f.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := v.Draft(); ok {
		t.Fatal("the erased case's draft is still there")
	}
	if err := v.AllVersionsForTests(func(k, val []byte) error {
		if bytes.Contains(val, []byte(draftMarker)) {
			return errors.New("a version of the draft survives under " + string(k))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Names a user types for themselves are refused when empty, too long or
// holding a control character (a line break, a terminal escape); the
// author is trimmed.
func TestSetAuthorRefusesControlCharacters(t *testing.T) {
	v := newVault(t)
	if chosen, _ := v.AuthorChosen(); chosen {
		t.Fatal("a new vault reports an author chosen")
	}
	for name, code := range map[string]string{
		"":                  model.ProblemRequired,
		"   ":               model.ProblemRequired,
		"Me \x1b[31mRoux":   model.ProblemControlChar,
		"Me Roux\nMe Henry": model.ProblemControlChar,
		"\u009b31m":         model.ProblemControlChar,
	} {
		var ve *model.ValidationError
		if err := v.SetAuthor(name); !errors.As(err, &ve) || ve.Problems[0].Code != code {
			t.Fatalf("SetAuthor(%q) = %v, want %s", name, err, code)
		}
	}
	if err := v.SetAuthor("  Me Anne Roux "); err != nil || v.Author() != "Me Anne Roux" {
		t.Fatalf("author %q, %v", v.Author(), err)
	}
	if chosen, _ := v.AuthorChosen(); !chosen {
		t.Fatal("author chosen not reported")
	}
	long := make([]rune, MaxNameLen+1)
	for i := range long {
		long[i] = 'é'
	}
	if err := CheckName("author", string(long)); err == nil {
		t.Fatal("a name past the length cap accepted")
	}
}
