package store

import (
	"bytes"
	"casefile/store/internal/engine"
	"testing"

	"github.com/dgraph-io/badger/v4/options"
)

// docMarkers: one in a document's name, one in its bytes (which go to
// Badger's value log, 256 KiB per chunk).
var docMarkers = []string{"Docmarker-name-Qzv", "Docmarker-bytes-Jxw"}

func writeDocMarkers(t *testing.T, v *Vault) {
	t.Helper()
	f := newCase(t, v)
	body := bytes.Repeat([]byte(docMarkers[1]+" page scannée "), 3*ChunkSize/30)
	if _, err := v.AddDocument(f.ID, docMarkers[0]+".pdf", bytes.NewReader(body)); err != nil {
		t.Fatal(err)
	}
}

// TestDocumentsNotInClearAtRest: a document's name and bytes appear in no
// file of the vault, open or closed; the same scan finds both in a plain
// store, which proves it.
func TestDocumentsNotInClearAtRest(t *testing.T) {
	old := engine.Compression
	engine.Compression = options.None
	defer func() { engine.Compression = old }()

	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	writeDocMarkers(t, c.Vault)
	if hits := ScanForMarkers(t, dir, docMarkers); len(hits) > 0 {
		t.Fatalf("open vault, markers in clear: %v", hits)
	}
	c.Vault.Close()
	if hits := ScanForMarkers(t, dir, docMarkers); len(hits) > 0 {
		t.Fatalf("closed vault, markers in clear: %v", hits)
	}

	plainDir := t.TempDir()
	v := openPlain(t, plainDir)
	writeDocMarkers(t, v)
	v.Close()
	if hits := ScanForMarkers(t, plainDir, docMarkers); len(hits) < len(docMarkers) {
		t.Fatalf("scan missed markers in a plain store: %v", hits)
	}
}
