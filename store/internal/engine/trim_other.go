//go:build !linux

package engine

// PageOut does nothing here: the advice it gives on Linux (trim_linux.go)
// has no portable equivalent worth its risk.
func PageOut(dir, suffix string) int64 { return 0 }
