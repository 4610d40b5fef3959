// Package atomicfile writes small files so that a crash at any instant leaves
// either the old content or the new one, never a mix, and so that the new
// content is on stable storage when Write returns.
//
// The sequence is restic's (internal/backend/local): write a temporary file
// in the same directory, fsync it, close it, rename it over the target, fsync
// the directory. Both fsyncs are needed: without the first, a power loss after
// the rename can leave an empty file under the final name; without the second,
// the rename itself may be lost.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Step names one durable step, for Trace.
type Step string

// The steps Write takes, in order.
const (
	StepWrite    Step = "write"
	StepSyncFile Step = "fsync-file"
	StepRename   Step = "rename"
	StepSyncDir  Step = "fsync-dir"
	tempPrefix        = ".tmp-"
)

// Trace, when set (by tests only), is called after each step with the path it
// concerned. Tests use it to prove that files are synced before and after the
// rename; kill -9 cannot show that, only a power loss would.
var Trace func(step Step, path string)

func trace(s Step, path string) {
	if Trace != nil {
		Trace(s, path)
	}
}

// Write replaces path with data, atomically and durably, with permission perm.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("atomicfile: write %s: %w", tmp, err)
	}
	trace(StepWrite, tmp)
	if err = f.Sync(); err != nil {
		return fmt.Errorf("atomicfile: sync %s: %w", tmp, err)
	}
	trace(StepSyncFile, tmp)
	if err = f.Close(); err != nil {
		return fmt.Errorf("atomicfile: close %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	trace(StepRename, path)
	if err = SyncDir(dir); err != nil {
		return err
	}
	trace(StepSyncDir, dir)
	return nil
}

// SyncDir fsyncs a directory so that entries created or renamed in it survive
// a power loss. On systems where directories cannot be synced (Windows) it
// does nothing.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !ignorableDirSyncError(err) {
		return fmt.Errorf("atomicfile: sync dir %s: %w", dir, err)
	}
	return nil
}

// CleanTemp removes temporary files left in dir by a Write that was killed.
func CleanTemp(dir string) error {
	matches, err := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	if err != nil {
		return err
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("atomicfile: %w", err)
		}
	}
	return nil
}
