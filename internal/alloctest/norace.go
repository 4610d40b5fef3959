//go:build !race

package alloctest

// Counted is true when Bytes measures the code alone (not under the race
// detector): tests assert their bounds only then.
const Counted = true
