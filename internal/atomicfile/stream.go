package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteStream is Write for content too large to hold in memory (bundles,
// backups): fill writes it to a temporary file beside path, which then
// replaces path with the same fsync, rename, fsync-dir sequence. When fill
// fails, the temporary file is removed and path is untouched.
func WriteStream(path string, perm os.FileMode, fill func(f *os.File) error) (err error) {
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
	if err = fill(f); err != nil {
		return err
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
