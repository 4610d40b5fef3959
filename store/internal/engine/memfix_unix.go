//go:build !windows

package engine

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// DropEmptyMemtables removes the zero-length write-ahead and value-log
// files (*.mem, *.vlog) a process killed at the instant Badger created one
// leaves behind: Badger sizes a new file right after creating it, and a
// file still empty holds nothing (no value can point into it), yet
// Badger's open refuses it ("while opening fid: N err: Create a new file",
// "Open existing file: …vlog err: Create a new file") and the vault would
// never open again. Badger starts a new value-log file at every open. It runs
// only under Badger's own directory lock (flock on the directory), so it
// never touches a file another process is creating; a vault in use is left
// alone (Badger's open reports it).
func DropEmptyMemtables(dbPath string) {
	d, err := os.Open(dbPath)
	if err != nil {
		return
	}
	defer d.Close()
	if syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return
	}
	defer syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
	entries, err := d.ReadDir(-1)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".mem") && !strings.HasSuffix(e.Name(), ".vlog") {
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
			os.Remove(filepath.Join(dbPath, e.Name()))
		}
	}
}
