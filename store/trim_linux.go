package store

import (
	"casefile/store/internal/engine"
	"path/filepath"
)

// ReleaseMappedTables tells the kernel that this process no longer needs
// the pages of the vault's table files it has touched, and returns how many
// bytes of mappings it advised. Badger reads its tables through mmap, so
// every block a full scan decrypts (the search index built at unlock reads
// every case, person and note) stays counted in the process's resident
// memory until the kernel needs the RAM back: 230 MB for a vault of
// 100,000 cases. A table read with read(2) would have left those pages in
// the page cache only; this makes the mapped ones count the same way.
//
// The advice is MADV_PAGEOUT, which is harmless on any page: clean file
// pages are dropped (read again from disk, decrypted as ever, when Badger
// next needs them) and anonymous memory is at worst swapped. So a mapping
// that Badger unmaps, and that something else takes over, between reading
// /proc/self/maps and the advice cannot lose data (MADV_DONTNEED would
// zero it). Nothing is done on kernels without MADV_PAGEOUT (before 5.4).
func (v *Vault) ReleaseMappedTables() int64 {
	if v.isClosed() {
		return 0
	}
	return engine.PageOut(filepath.Join(v.dir, dbDir), ".sst")
}
