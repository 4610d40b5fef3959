//go:build !linux

package store

// ReleaseMappedTables does nothing here: the advice it gives on Linux
// (trim_linux.go) has no portable equivalent worth its risk.
func (v *Vault) ReleaseMappedTables() int64 { return 0 }
