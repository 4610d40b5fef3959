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

// heapUse is what peakHeap measured, in MiB.
type heapUse struct {
	peak float64 // heap objects, live or garbage not yet collected: what the process holds
	live float64 // live heap as the last collection marked it (garbage left out)
	base float64 // heap objects before fn, after a collection: the vault's own
}

// peakHeap samples the heap every millisecond while fn runs. peak is the
// figure earlier reports gave; it includes base (Badger's memtables and
// caches, the benchmark's data) and, with the collector's pacing, grows
// to about twice the live heap between collections.
func peakHeap(fn func()) heapUse {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak, live uint64
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
				live = max(live, s[1].Value.Uint64())
				mu.Unlock()
			}
		}
	}()
	fn()
	close(done)
	mu.Lock()
	defer mu.Unlock()
	return heapUse{peak: float64(peak) / (1 << 20), live: float64(live) / (1 << 20), base: float64(base) / (1 << 20)}
}

// report adds the heap figures to the benchmark's.
func (h heapUse) report(b *testing.B) {
	b.ReportMetric(h.peak, "peak-heap-MiB")
	b.ReportMetric(h.live, "peak-live-MiB")
	b.ReportMetric(h.base, "base-heap-MiB")
}

func (h heapUse) max(o heapUse) heapUse {
	return heapUse{peak: max(h.peak, o.peak), live: max(h.live, o.live), base: max(h.base, o.base)}
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
	var heap heapUse
	for b.Loop() {
		h := peakHeap(func() {
			cw := &countingWriter{}
			if err := WriteVault(cw, Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}, v, refs); err != nil {
				b.Fatal(err)
			}
			size = cw.n
		})
		heap = heap.max(h)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/bundle")
	heap.report(b)
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
