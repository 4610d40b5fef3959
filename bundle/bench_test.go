package bundle

import (
	"bytes"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/crypto"
)

// peakHeap samples the live heap every millisecond while fn runs and
// returns the highest value seen, in MiB, and the value before fn, after a
// collection (the vault's own: Badger's memtables and caches, the
// benchmark's data), which the peak includes.
func peakHeap(fn func()) (peakMiB, baseMiB float64) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(s)
				mu.Lock()
				peak = max(peak, s[0].Value.Uint64())
				mu.Unlock()
			}
		}
	}()
	fn()
	close(done)
	mu.Lock()
	defer mu.Unlock()
	return float64(peak) / (1 << 20), float64(base) / (1 << 20)
}

// BenchmarkExport1000 reads 1,000 fictional cases (with relatives and
// notes) out of a vault and writes them as one bundle to a post-quantum
// recipient; BenchmarkAgeAlone1000 encrypts the same plaintext with age
// alone. Their ratio is Casefile's cost over age (docs/bundles.md).
func BenchmarkExport1000(b *testing.B) {
	v, _ := sender(b, 1000)
	refs := make([]string, 0, 1000)
	list, _ := v.ListCases()
	for _, s := range list {
		refs = append(refs, s.Ref)
	}
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	var size int64
	b.ResetTimer()
	peak, base := 0.0, 0.0
	for b.Loop() {
		p, bs := peakHeap(func() {
			cw := &countingWriter{}
			if err := WriteVault(cw, Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}, v, refs); err != nil {
				b.Fatal(err)
			}
			size = cw.n
		})
		peak, base = max(peak, p), max(base, bs)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/bundle")
	b.ReportMetric(peak, "peak-heap-MiB")
	b.ReportMetric(base, "base-heap-MiB")
}

func BenchmarkAgeAlone1000(b *testing.B) {
	v, ex := sender(b, 1000)
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	var file bytes.Buffer
	if err := Write(&file, Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}, ex); err != nil {
		b.Fatal(err)
	}
	r, err := age.Decrypt(&file, me.Hybrid)
	if err != nil {
		b.Fatal(err)
	}
	plain, _ := io.ReadAll(r)
	b.SetBytes(int64(len(plain)))
	b.ResetTimer()
	for b.Loop() {
		w, err := age.Encrypt(io.Discard, me.Hybrid.Recipient())
		if err != nil {
			b.Fatal(err)
		}
		w.Write(plain)
		w.Close()
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
