package sync

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"casefile/store"
)

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 5))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func mustDocument(t *testing.T, v *store.Vault, id string, want []byte) {
	t.Helper()
	got, d, err := v.ReadDocument(id)
	if err != nil {
		t.Fatalf("document %s: %v", id, err)
	}
	sum := sha256.Sum256(want)
	if !bytes.Equal(got, want) || d.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("document %s differs", id)
	}
}

func blobFiles(t *testing.T, folder string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(folder, Root, dirBlobs)
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// TestDocumentsTravel: a document's bytes reach every member through a
// blob, encrypted; a half-copied blob holds the document back (reported,
// the rest applies, check passes) until the copy ends; a deletion on one
// laptop removes the document everywhere and its blob from the folder;
// erasing the case removes the rest.
func TestDocumentsTravel(t *testing.T) {
	folder, vaults, teams := newTeamOf(t, 3)
	a, b, c := vaults[0], vaults[1], vaults[2]
	refs := addCases(t, a, 2, 3)
	fa, err := a.Case(refs[0])
	mustOK(t, err)
	scan := append([]byte("Docmarkerzq scanned passport "), randomBytes(1, 700<<10)...)
	letter := []byte("Docmarkerzq: récépissé de dépôt, préfecture de Bobigny")
	d1, err := a.AddDocument(fa.ID, "passeport.pdf", bytes.NewReader(scan))
	mustOK(t, err)
	d2, err := a.AddDocument(fa.ID, "recepisse.txt", bytes.NewReader(letter))
	mustOK(t, err)
	mustSync(t, teams[0])
	if got := blobFiles(t, folder); len(got) != 2 {
		t.Fatalf("blobs in the folder: %v", got)
	}
	for _, f := range blobFiles(t, folder) {
		raw, err := os.ReadFile(filepath.Join(folder, Root, dirBlobs, f))
		mustOK(t, err)
		if bytes.Contains(raw, []byte("Docmarkerzq")) {
			t.Fatalf("blob %s holds the document in clear", f)
		}
	}
	rep := mustSync(t, teams[1])
	if rep.Documents != 2 {
		t.Fatalf("B's sync: %+v", rep)
	}
	mustDocument(t, b, d1.ID, scan)
	mustDocument(t, b, d2.ID, letter)
	mustCheck(t, b)

	// A third document whose blob C finds half-copied.
	extra := randomBytes(2, 300<<10)
	d3, err := a.AddDocument(fa.ID, "avis.pdf", bytes.NewReader(extra))
	mustOK(t, err)
	mustSync(t, teams[0])
	blob := filepath.Join(folder, Root, dirBlobs, teams[0].Device(), d3.ID+".age")
	whole, err := os.ReadFile(blob)
	mustOK(t, err)
	mustOK(t, os.WriteFile(blob, whole[:len(whole)/2], 0o644))
	rep = mustSync(t, teams[2])
	if rep.Held != 1 || !slices.ContainsFunc(rep.Skipped, func(p Problem) bool { return filepath.Base(p.File) == d3.ID+".age" }) {
		t.Fatalf("C with a half-copied blob: held %d, skipped %v", rep.Held, rep.Skipped)
	}
	if _, err := c.Document(d3.ID); err == nil {
		t.Fatal("C took a half-copied document")
	}
	mustDocument(t, c, d1.ID, scan)
	mustCheck(t, c)
	mustOK(t, os.WriteFile(blob, whole, 0o644)) // the copy ends
	rep = mustSync(t, teams[2])
	if rep.Held != 0 || rep.Documents != 1 {
		t.Fatalf("C once the copy ended: %+v", rep)
	}
	mustDocument(t, c, d3.ID, extra)

	// B deletes the scan: gone everywhere, and A (who published it)
	// removes its blob.
	mustOK(t, b.DeleteDocument(d1.ID))
	syncAll(t, []*Team{teams[1], teams[0], teams[2]}, 2)
	for i, v := range vaults {
		if _, err := v.Document(d1.ID); err == nil {
			t.Fatalf("vault %d still holds the deleted document", i)
		}
		mustDocument(t, v, d2.ID, letter)
		mustCheck(t, v)
	}
	if got := blobFiles(t, folder); len(got) != 2 {
		t.Fatalf("blobs after the deletion: %v", got)
	}

	// Erasing the case takes the remaining blobs with it.
	_, err = a.EraseCase(refs[0])
	mustOK(t, err)
	syncAll(t, teams, 2)
	if got := blobFiles(t, folder); len(got) != 0 {
		t.Fatalf("blobs after the erasure: %v", got)
	}
	for i, v := range vaults {
		if _, err := v.Document(d2.ID); err == nil {
			t.Fatalf("vault %d still holds a document of the erased case", i)
		}
		mustCheck(t, v)
	}
}
