package engine

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// PageOut advises the kernel (MADV_PAGEOUT) that the process no longer
// needs the pages it mapped of the files in dir ending in suffix, and
// returns how many bytes of mappings it advised: for the vault, its table
// files (store.Vault.ReleaseMappedTables). Badger reads its tables through
// mmap, so every block a full scan decrypts (the search index built at unlock reads
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
func PageOut(dir, suffix string) int64 {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0
	}
	defer f.Close()
	var total int64
	prefix := filepath.Clean(dir) + string(filepath.Separator)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fs := strings.Fields(sc.Text())
		if len(fs) < 6 {
			continue
		}
		path := strings.Join(fs[5:], " ")
		if !strings.HasPrefix(path, prefix) || !strings.HasSuffix(path, suffix) {
			continue
		}
		lo, hi, ok := strings.Cut(fs[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), unix.MADV_PAGEOUT); errno != 0 {
			return total // EINVAL: a kernel without MADV_PAGEOUT
		}
		total += int64(end - start)
	}
	return total
}
