//go:build race

package alloctest

// Counted is false under the race detector, which allocates for its own
// bookkeeping: the bytes counted are then no measure of the code.
const Counted = false
