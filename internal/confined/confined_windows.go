//go:build windows

package confined

import (
	"io/fs"
	"os"
	"syscall"
)

// nonBlock: Windows has no FIFO in a folder (named pipes live in their own
// namespace); Lstat and the check of the opened file refuse anything else.
const nonBlock = 0

// links counts the names of an open file (NTFS has hard links too).
func links(f *os.File, _ fs.FileInfo) (uint64, error) {
	var info syscall.ByHandleFileInformation
	if err := syscall.GetFileInformationByHandle(syscall.Handle(f.Fd()), &info); err != nil {
		return 0, err
	}
	return uint64(info.NumberOfLinks), nil
}

// linksAt counts the names of base in r: Windows reports them only on an
// open handle.
func linksAt(r *os.Root, base string, fi fs.FileInfo) (uint64, error) {
	f, err := r.Open(base)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if !os.SameFile(fi, st) {
		return 0, ErrLink
	}
	return links(f, st)
}

// Windows cannot open a directory for syncing; NTFS journals renames itself.
func ignorableDirSyncError(error) bool { return true }
