package store

import (
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4/options"

	"casefile/internal/atrest"
	"casefile/model"
	"casefile/store/internal/engine"
)

// markers are strings that appear nowhere but in the records we write.
var markers = []string{"Zqxmarkerfamily", "Wvymarkergiven", "markerplace-Kjh", "marker-note-Plo", "Prefmarker-Bobigny"}

func markerCase(i int) NewCase {
	return NewCase{
		File: model.CaseFile{
			Case: model.Case{Procedure: model.ProcAsylum, Prefecture: markers[4], Lawyer: "Me Test"},
			Person: model.Person{FamilyName: fmt.Sprintf("%s%d", markers[0], i), GivenNames: markers[1],
				BirthPlace: markers[2], AGDREF: "0123456789"},
		},
		Notes: []model.Note{{Text: markers[3] + " entretien"}},
	}
}

// ScanForMarkers reads every byte of every file under root and returns the
// files where any marker appears in clear.
func ScanForMarkers(t testing.TB, root string, marks []string) []string {
	t.Helper()
	hits, err := atrest.Scan(root, marks)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func writeMarkers(t *testing.T, v *Vault) {
	t.Helper()
	var cases []NewCase
	for i := 0; i < 200; i++ {
		cases = append(cases, markerCase(i))
	}
	if err := v.CreateCases(cases); err != nil {
		t.Fatal(err)
	}
	f := markerCase(999).File
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
}

// TestNoMarkerAtRest: records written with marker strings, the vault
// closed (and, separately, still open with its write-ahead log on disk):
// no marker appears in any file of the vault directory. Compression is off
// so that it cannot be what hides them.
func TestNoMarkerAtRest(t *testing.T) {
	for _, tc := range []struct {
		name     string
		compress options.CompressionType
		closeIt  bool
	}{
		{"closed, uncompressed", options.None, true},
		{"open, uncompressed", options.None, false},
		{"closed, default compression", options.Snappy, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := engine.Compression
			engine.Compression = tc.compress
			defer func() { engine.Compression = old }()
			dir := t.TempDir()
			c, err := Create(dir, testPass)
			if err != nil {
				t.Fatal(err)
			}
			writeMarkers(t, c.Vault)
			if tc.closeIt {
				c.Vault.Close()
			} else {
				defer c.Vault.Close()
			}
			if hits := ScanForMarkers(t, dir, markers); len(hits) > 0 {
				t.Fatalf("markers in clear:\n%v", hits)
			}
		})
	}
}

// TestScanFindsMarkersInPlainStore proves the scan: the same records in a
// Badger store opened without encryption (and without compression, as
// above) are found, both in its write-ahead log and after it is closed.
func TestScanFindsMarkersInPlainStore(t *testing.T) {
	old := engine.Compression
	engine.Compression = options.None
	defer func() { engine.Compression = old }()
	dir := t.TempDir()
	v := openPlain(t, dir)
	writeMarkers(t, v)
	if hits := ScanForMarkers(t, dir, markers); len(hits) < len(markers) {
		t.Fatalf("scan missed markers in an open plain store: %v", hits)
	}
	v.Close()
	if hits := ScanForMarkers(t, dir, markers); len(hits) < len(markers) {
		t.Fatalf("scan missed markers in a closed plain store: %v", hits)
	}
}
