package store

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/crypto"
	"casefile/store/internal/engine"
)

// Fuzzing a backup on the plaintext side: the fuzzed bytes are the data a
// backup carries once decrypted (Badger's backup stream), sealed under a
// real vault's master key and packed with that vault's key files, so age
// and the key files pass and Restore loads whatever the bytes say.

// restoreFuzz holds a real backup's parts.
type restoreFuzz struct {
	root        string
	header      []byte
	pass, recov []byte
	mk          *crypto.MasterKey
	plain       []byte // the real data, decrypted: the first seed
	device      string // the source vault's
	n           int
}

func newRestoreFuzz(t testing.TB) *restoreFuzz {
	t.Helper()
	root := t.TempDir()
	c, err := Create(filepath.Join(root, "source"), testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	fillClinic(t, v, 1, 3)
	var buf bytes.Buffer
	if err := v.Backup(&buf, root); err != nil {
		t.Fatal(err)
	}
	v.Close()
	rf := &restoreFuzz{root: root, device: v.Device()}
	tr := tar.NewReader(&buf)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		switch h.Name {
		case engine.BackupHeader:
			rf.header = b
		case crypto.PassFile:
			rf.pass = b
		case crypto.RecoveryFile:
			rf.recov = b
		case engine.BackupDataName:
			dir := filepath.Join(root, "keys")
			os.MkdirAll(dir, 0o700)
			os.WriteFile(filepath.Join(dir, crypto.PassFile), rf.pass, 0o600)
			if rf.mk, err = crypto.UnlockPassphrase(dir, testPass); err != nil {
				t.Fatal(err)
			}
			plain, err := crypto.OpenBackup(bytes.NewReader(b), rf.mk)
			if err != nil {
				t.Fatal(err)
			}
			if rf.plain, err = io.ReadAll(plain); err != nil {
				t.Fatal(err)
			}
		}
	}
	return rf
}

// archive packs data as a backup of the source vault.
func (rf *restoreFuzz) archive(t testing.TB, data []byte) []byte {
	t.Helper()
	var sealed bytes.Buffer
	w, err := crypto.SealBackup(&sealed, rf.mk)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	tw := tar.NewWriter(&out)
	for _, m := range []struct {
		name string
		b    []byte
	}{{engine.BackupHeader, rf.header}, {crypto.PassFile, rf.pass}, {crypto.RecoveryFile, rf.recov}, {engine.BackupDataName, sealed.Bytes()}} {
		tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o600, Size: int64(len(m.b)), Format: tar.FormatPAX})
		tw.Write(m.b)
	}
	tw.Close()
	return out.Bytes()
}

// FuzzRestore: whatever a backup's decrypted data holds,
//   - nothing panics and nothing allocates more than the data backs (a
//     frame's length is checked against the bytes before Badger sees it);
//   - a refused backup is ErrBadBackup (or ErrNewerFormat) and leaves
//     nothing beside the target;
//   - a restored vault opens, passes `check`, and has a device id of its
//     own.
func FuzzRestore(f *testing.F) {
	rf := newRestoreFuzz(f)
	f.Add(rf.plain)
	f.Fuzz(func(t *testing.T, data []byte) {
		rf.n++
		parent := filepath.Join(rf.root, "runs")
		dir := filepath.Join(parent, "restored")
		defer os.RemoveAll(parent)
		err := Restore(bytes.NewReader(rf.archive(t, data)), dir, byPassphrase(testPass))
		if err != nil {
			if !errors.Is(err, ErrBadBackup) && !errors.Is(err, ErrNewerFormat) {
				t.Fatalf("refused with %v", err)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 0 {
				t.Fatalf("a refused backup left %v", entries)
			}
			return
		}
		v, err := Open(dir, testPass)
		if err != nil {
			t.Fatalf("restored, does not open: %v", err)
		}
		defer v.Close()
		mustCheckFuzz(t, v)
		if v.Device() == "" || v.Device() == rf.device {
			t.Fatal("the restored vault kept the device id it was backed up with")
		}
	})
}

// TestWriteRestoreFuzzSeeds rewrites testdata/fuzz/FuzzRestore when
// CASEFILE_WRITE_SEEDS=1: a real backup's data, then the hostile cases.
func TestWriteRestoreFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzRestore")
	}
	rf := newRestoreFuzz(t)
	dir := filepath.Join("testdata", "fuzz", "FuzzRestore")
	os.RemoveAll(dir)
	frame := func(n uint64, body []byte) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, n), body...)
	}
	writeSeed(t, dir, "backup", rf.plain)
	writeSeed(t, dir, "empty", nil)
	writeSeed(t, dir, "length-overflows", frame(1<<63, []byte("x")))
	writeSeed(t, dir, "length-unbacked", frame(1<<40, []byte("x")))
	writeSeed(t, dir, "truncated", rf.plain[:len(rf.plain)/2])
	writeSeed(t, dir, "empty-records", []byte(strings.Repeat("\x00\x00\x00\x00\x00\x00\x00\x00", 100)))
}
