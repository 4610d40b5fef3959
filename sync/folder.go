package sync

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"casefile/internal/confined"
)

// The shared folder is written by people this device does not trust (its
// admin, a removed member, malware on a colleague's laptop). Every file
// operation on it goes through internal/confined, opened here on
// <folder>/casefile-v1: no link is followed, only regular files with one
// name are read or removed, nothing resolves outside the folder, and every
// read is bounded in size (checked before reading) and in time. A file that
// fails is skipped and reported, never fatal (docs/security.md, "The shared
// folder").

// Caps on what a sync reads from the folder.
const (
	// maxMemberFile bounds members/<device>.json (a public identity is
	// about 2 KB).
	maxMemberFile = 64 << 10
	// maxKeyFile bounds a team key file (an age header with one
	// post-quantum recipient and a small signed body: about 4 KB).
	maxKeyFile = 64 << 10
	// maxSegmentFile bounds a segment: its plaintext is at most
	// maxSealed, and age adds 16 bytes per 64 KiB chunk and a header.
	maxSegmentFile = maxSealed + 1<<20
	// maxListing bounds the entries of one directory of the folder.
	maxListing = 500_000
	// readBudget is the time one file may take to read (64 MiB over a
	// slow share takes well under a minute).
	readBudget = time.Minute
	// blobBudget is the time one document's bytes may take.
	blobBudget = 30 * time.Minute
)

// Reasons a file of the folder is refused before anything of it is used.
var (
	// ErrUnsafeFile: a link, a device, a FIFO, a socket or a file with
	// other names (hard links) where Casefile expects its own file: never
	// followed, read, written through or removed.
	ErrUnsafeFile = errors.New("a link, a special file or a file with other names (never followed, read or removed)")
	// ErrTooLarge: larger than Casefile accepts for that kind of file,
	// or a directory with too many entries; nothing of it was read.
	ErrTooLarge = errors.New("larger than Casefile accepts for this kind of file")
	// ErrTooSlow: reading it took longer than allowed.
	ErrTooSlow = errors.New("took too long to read")
)

// folderError is a file operation on the folder that failed; it matches
// its reason (ErrUnsafeFile, ErrTooLarge, ErrTooSlow or, for anything else,
// ErrFolderUnavailable) and ErrFolderUnavailable, so that a sync goes on.
type folderError struct {
	file   string // relative to casefile-v1
	reason error
	err    error
}

func (e *folderError) Error() string { return e.reason.Error() + ": " + e.err.Error() }
func (e *folderError) Unwrap() []error {
	return []error{e.reason, ErrFolderUnavailable, e.err}
}

// folderErr classifies an error of internal/confined on file.
func folderErr(file string, err error) error {
	if err == nil {
		return nil
	}
	var fe *folderError
	if errors.As(err, &fe) {
		return err
	}
	reason := ErrFolderUnavailable
	switch {
	case errors.Is(err, confined.ErrLink), errors.Is(err, confined.ErrNotRegular),
		errors.Is(err, confined.ErrHardLink), errors.Is(err, confined.ErrBadName):
		reason = ErrUnsafeFile
	case errors.Is(err, confined.ErrTooLarge), errors.Is(err, confined.ErrTooMany):
		reason = ErrTooLarge
	case errors.Is(err, confined.ErrTooSlow):
		reason = ErrTooSlow
	}
	return &folderError{file: file, reason: reason, err: err}
}

// problem reports err about file or, for a file refused as unsafe, too
// large or too slow, about the one that was (the directory that was a
// link rather than the file under it).
func problem(file string, err error) Problem {
	var fe *folderError
	if errors.As(err, &fe) && fe.reason != ErrFolderUnavailable {
		var pe *fs.PathError
		if errors.As(fe.err, &pe) && pe.Path != "" {
			file = pe.Path
		} else {
			file = fe.file
		}
	}
	return Problem{File: file, Err: err}
}

// openFolder confines this operation to <folder>/casefile-v1, created
// when create is set. casefile-v1 itself must be a real directory.
func (t *Team) openFolder(create bool) (*confined.Dir, error) {
	d, err := confined.Open(t.folder, Root, create)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFolderUnavailable, t.folder, folderErr(Root, err))
	}
	return d, nil
}

// readFile reads a file of the folder with its cap and the read budget.
func readFile(d *confined.Dir, name string, max int64) ([]byte, fs.FileInfo, error) {
	b, fi, err := d.Read(name, max, readBudget)
	if err != nil {
		return nil, nil, folderErr(name, err)
	}
	return b, fi, nil
}

// list lists a directory of the folder (sorted, bounded); a directory
// that does not exist is empty.
func list(d *confined.Dir, name string) ([]fs.DirEntry, error) {
	es, err := d.List(name, maxListing)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return es, folderErr(name, err)
}

// listTop lists one of the folder's top directories (members/, team/,
// log/), which every team has: one missing is a share not mounted.
func listTop(d *confined.Dir, name string) ([]fs.DirEntry, error) {
	es, err := d.List(name, maxListing)
	return es, folderErr(name, err)
}
