// Package alloctest measures what a piece of code allocates, for tests
// that bound the memory a hostile input costs (docs/security.md). It
// measures bytes, never time.
package alloctest

import "runtime"

// Bytes runs f and returns the bytes it allocated on the heap, whether
// collected during f or not (runtime.MemStats.TotalAlloc).
func Bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
