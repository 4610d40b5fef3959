//go:build !windows

package atomicfile

import (
	"errors"
	"syscall"
)

// Some file systems (network shares, FUSE) refuse fsync on directories.
func ignorableDirSyncError(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
