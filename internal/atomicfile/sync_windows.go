//go:build windows

package atomicfile

// Windows cannot open a directory for syncing; NTFS journals renames itself.
func ignorableDirSyncError(error) bool { return true }
