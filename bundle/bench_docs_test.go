package bundle

import (
	"archive/tar"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/store"
)

// docVault is sender's vault of n cases with one document of size bytes
// (random, so nothing compresses) on each; it returns their references.
func docVault(b *testing.B, n, size int) (*store.Vault, []string) {
	b.Helper()
	v, ex := sender(b, n)
	refs := make([]string, n)
	seed := [32]byte{7}
	src := rand.NewChaCha8(seed)
	for i := range ex {
		refs[i] = ex[i].Ref
		if _, err := v.AddDocument(ex[i].ID, "scan.pdf", io.LimitReader(src, int64(size))); err != nil {
			b.Fatal(err)
		}
	}
	return v, refs
}

// exportBench writes the cases of refs as one post-quantum bundle per
// iteration (WriteVault: the records, the documents, the archive and the
// encryption, as the app and the command line do), to a writer that only
// counts, and reports the bundle's size and the peak live heap.
func exportBench(b *testing.B, v *store.Vault, refs []string) {
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	var size int64
	var heap heapUse
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		h := peakHeap(func() {
			cw := &countingWriter{}
			opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}
			if err := WriteVault(cw, opts, v, refs); err != nil {
				b.Fatal(err)
			}
			size = cw.n
		})
		heap = heap.max(h)
	}
	cpu := cpuTime() - cpu0
	b.SetBytes(size)
	b.ReportMetric(float64(size)/(1<<20), "MiB/bundle")
	heap.report(b)
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkExportDocs1000: 1,000 cases with a 200 KiB document each
// (200 MiB of documents), the benchmark.
func BenchmarkExportDocs1000(b *testing.B) {
	v, refs := docVault(b, 1000, 200<<10)
	exportBench(b, v, refs)
}

// BenchmarkAgeAloneDocs1000 encrypts, with age alone, as many bytes as
// BenchmarkExportDocs1000's archive holds (its documents and its cases'
// JSON), from memory: the floor Casefile's export is compared with.
func BenchmarkAgeAloneDocs1000(b *testing.B) {
	v, refs := docVault(b, 1000, 200<<10)
	ex, err := v.ExportCases(refs)
	if err != nil {
		b.Fatal(err)
	}
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	cw := &countingWriter{}
	if err := Write(cw, Options{To: []age.Recipient{mustX25519(b).Recipient()}, Signer: id, Sender: pub, Now: time.Now(), OpenDocument: v.OpenDocument}, ex); err != nil {
		b.Fatal(err)
	}
	ageAlone(b, cw.n) // the ciphertext's size, within 0.01% of the plaintext's
}

// BenchmarkAgeAlone500MB: age alone on BenchmarkExport500MB's size.
func BenchmarkAgeAlone500MB(b *testing.B) {
	ageAlone(b, 501<<20)
}

// ageAlone encrypts n random bytes to a post-quantum recipient per
// iteration, written from a 1 MiB buffer (age's speed does not depend on
// the bytes).
func ageAlone(b *testing.B, n int64) {
	buf := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{9}).Read(buf)
	me, _ := crypto.NewIdentity()
	b.SetBytes(n)
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		w, err := age.Encrypt(io.Discard, me.Hybrid.Recipient())
		if err != nil {
			b.Fatal(err)
		}
		for left := n; left > 0; left -= int64(len(buf)) {
			w.Write(buf[:min(left, int64(len(buf)))])
		}
		w.Close()
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkExport500MB: 100 cases with a 5 MiB scan each (500 MiB); the
// goal is a peak live heap under 100 MB.
func BenchmarkExport500MB(b *testing.B) {
	v, refs := docVault(b, 100, 5<<20)
	exportBench(b, v, refs)
}

func mustX25519(b *testing.B) *age.X25519Identity {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkAgeFilesDocs1000 is a second, different baseline, not the one
// the goal is set against: what a clinic would do without Casefile, the
// same 1,000 documents of 200 KiB as plain files on disk (in the page
// cache after the first pass), archived with tar and encrypted with age
// to a post-quantum recipient, on one goroutine, as `tar c | age` would.
// No records, no signature, no vault decryption, no integrity check.
func BenchmarkAgeFilesDocs1000(b *testing.B) {
	dir := b.TempDir()
	src := rand.NewChaCha8([32]byte{7})
	buf := make([]byte, 200<<10)
	names := make([]string, 1000)
	for i := range names {
		names[i] = filepath.Join(dir, fmt.Sprintf("scan-%04d.pdf", i))
		src.Read(buf)
		if err := os.WriteFile(names[i], buf, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	ageEach(b, func(w io.Writer) {
		tw := tar.NewWriter(w)
		for _, name := range names {
			f, err := os.Open(name)
			if err != nil {
				b.Fatal(err)
			}
			st, _ := f.Stat()
			hdr, _ := tar.FileInfoHeader(st, "")
			if err := tw.WriteHeader(hdr); err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(tw, f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
		tw.Close()
	})
}

// ageEach runs write once per iteration into an age stream to a
// post-quantum recipient, and reports the encrypted size and the CPU time
// per iteration.
func ageEach(b *testing.B, write func(w io.Writer)) {
	me, _ := crypto.NewIdentity()
	var size int64
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		cw := &countingWriter{}
		w, err := age.Encrypt(cw, me.Hybrid.Recipient())
		if err != nil {
			b.Fatal(err)
		}
		write(w)
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkFloorDocs1000 measures a floor under BenchmarkExportDocs1000,
// not an export: only the 1,000 documents' bytes, read out of the vault
// (which decrypts them) and encrypted with age through the export's
// pipeline, with no records, no tar, no signature and no SHA-256 check.
// Whatever the export adds must fit on top of this.
func BenchmarkFloorDocs1000(b *testing.B) {
	v, refs := docVault(b, 1000, 200<<10)
	ex, err := v.ExportCases(refs)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i := range ex {
		for _, d := range ex[i].Documents() {
			ids = append(ids, d.ID)
		}
	}
	ageEach(b, func(w io.Writer) {
		p := newEncPipe(w)
		for _, id := range ids {
			r, err := v.OpenDocument(id)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := r.(unhashedWriterTo).WriteToUnhashed(p); err != nil {
				b.Fatal(err)
			}
		}
		if err := p.close(); err != nil {
			b.Fatal(err)
		}
	})
}
