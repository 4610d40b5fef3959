//go:build !windows

package confined

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// nonBlock opens a FIFO without waiting for a writer.
const nonBlock = syscall.O_NONBLOCK

// links counts the names of an open file.
func links(_ *os.File, st fs.FileInfo) (uint64, error) { return nlink(st) }

// linksAt counts the names of base in r, as Lstat described it.
func linksAt(_ *os.Root, _ string, fi fs.FileInfo) (uint64, error) { return nlink(fi) }

func nlink(fi fs.FileInfo) (uint64, error) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, errors.New("confined: no link count")
	}
	return uint64(st.Nlink), nil
}

// Some file systems (network shares, FUSE) refuse fsync on directories.
func ignorableDirSyncError(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
