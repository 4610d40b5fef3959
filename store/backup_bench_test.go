package store

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
)

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkBackup1000 writes a backup of a vault of 1,000 fictional cases
// (relatives, notes, events, deadlines).
func BenchmarkBackup1000(b *testing.B) {
	v := newVault(b)
	fillClinic(b, v, 1000, 9)
	tmp := b.TempDir()
	var size int64
	for b.Loop() {
		cw := &countWriter{}
		if err := v.Backup(cw, tmp); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/backup")
}

// BenchmarkRestore1000 restores that backup into a new folder, checks
// included.
func BenchmarkRestore1000(b *testing.B) {
	v := newVault(b)
	fillClinic(b, v, 1000, 9)
	var buf bytes.Buffer
	if err := v.Backup(&buf, b.TempDir()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "r")
		if err := Restore(io.NopCloser(bytes.NewReader(buf.Bytes())), dir, byPassphrase(testPass)); err != nil {
			b.Fatal(err)
		}
	}
}
