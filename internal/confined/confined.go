// Package confined reads, lists, writes and removes files under one
// directory that someone else can write to (the team's shared folder),
// without ever following a link out of it or into anything but a plain
// file.
//
// Every operation walks its path one name at a time from the directory it
// was opened on (an os.Root, so that nothing resolves outside it even
// under a race) and refuses, at every step:
//
//   - a symbolic link or a Windows junction (checked with Lstat, then
//     checked again on what was opened: a link swapped in between is seen
//     as a different file);
//   - anything but a directory on the way and a regular file at the end
//     (a device such as /dev/zero, a FIFO, a socket);
//   - a file with another name elsewhere (a hard link), before reading or
//     removing it;
//   - a name that is not plain ("..", an absolute path, a separator).
//
// Reads are bounded before they start (the size Lstat reports, checked
// again on the open file and while reading) and in time; files are opened
// non-blocking, so a FIFO swapped in cannot hang the open. Writes go to a
// temporary file in the same directory, fsynced, renamed over the name
// (which replaces a link rather than writing through it) and the directory
// fsynced: the sequence of internal/atomicfile.
//
// The caller names files relative to the Dir with forward slashes.
package confined

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Reasons an operation is refused. They come wrapped in an *fs.PathError
// naming the file, so callers match them with errors.Is.
var (
	// ErrLink: a symbolic link or junction, never followed.
	ErrLink = errors.New("a link (never followed)")
	// ErrNotRegular: a device, a FIFO, a socket, or a directory where a
	// file was expected (or the other way round).
	ErrNotRegular = errors.New("not a regular file or directory")
	// ErrHardLink: the file has other names (hard links): it may be
	// another file of this computer, never read or removed.
	ErrHardLink = errors.New("has other names (hard links)")
	// ErrTooLarge: larger than the caller allows; nothing was read.
	ErrTooLarge = errors.New("larger than allowed")
	// ErrTooSlow: reading took longer than the caller allows.
	ErrTooSlow = errors.New("took too long to read")
	// ErrTooMany: a directory holds more entries than the caller allows.
	ErrTooMany = errors.New("holds too many entries")
	// ErrBadName: not a plain relative name.
	ErrBadName = errors.New("not a plain relative name")
)

// tempPrefix marks a file being written; readers skip such names.
const tempPrefix = ".tmp-"

// Dir is a directory that operations cannot leave.
type Dir struct {
	root *os.Root
}

// Open confines operations to dir/sub. The path dir is followed as given
// (the user chose it; it may be a mount point reached through a link);
// sub is walked like any other name: it must be a real directory inside
// dir, created when create is set.
func Open(dir, sub string, create bool) (*Dir, error) {
	top, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer top.Close()
	parts, err := split(sub)
	if err != nil {
		return nil, err
	}
	r, err := walk(top, parts, create)
	if err != nil {
		return nil, err
	}
	if r == top {
		// sub is "." : hold a root of our own.
		if r, err = top.OpenRoot("."); err != nil {
			return nil, err
		}
	}
	return &Dir{root: r}, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return d.root.Close() }

// split checks a slash-separated relative name and returns its parts
// ("" and "." name the directory itself: no parts).
func split(name string) ([]string, error) {
	if name == "" || name == "." {
		return nil, nil
	}
	parts := strings.Split(name, "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.ContainsAny(p, "\\:\x00") {
			return nil, &fs.PathError{Op: "confined", Path: name, Err: ErrBadName}
		}
	}
	return parts, nil
}

// walk descends from r through dirs, refusing links and non-directories,
// and returns the last directory's root (r itself when dirs is empty; any
// other root is the caller's to close).
func walk(r *os.Root, dirs []string, create bool) (*os.Root, error) {
	cur := r
	for i, name := range dirs {
		next, err := step(cur, name, create)
		if cur != r {
			cur.Close()
		}
		if err != nil {
			return nil, pathError("open", strings.Join(dirs[:i+1], "/"), err)
		}
		cur = next
	}
	return cur, nil
}

// step opens one directory below cur.
func step(cur *os.Root, name string, create bool) (*os.Root, error) {
	fi, err := cur.Lstat(name)
	if create && errors.Is(err, fs.ErrNotExist) {
		if err = cur.Mkdir(name, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		fi, err = cur.Lstat(name)
	}
	if err != nil {
		return nil, err
	}
	if err := kindOf(fi, true); err != nil {
		return nil, err
	}
	next, err := cur.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	// OpenRoot follows a link that stays inside cur: if one was swapped
	// in since the Lstat, what was opened is another directory.
	if st, err := next.Stat("."); err != nil || !os.SameFile(fi, st) {
		next.Close()
		return nil, ErrLink
	}
	return next, nil
}

// kindOf refuses links and anything but a directory (dir) or a regular
// file (!dir).
func kindOf(fi fs.FileInfo, dir bool) error {
	t := fi.Mode().Type()
	switch {
	case t&fs.ModeSymlink != 0:
		return ErrLink
	case dir && t == fs.ModeDir, !dir && t == 0:
		return nil
	}
	return ErrNotRegular
}

func pathError(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// parent opens the directory holding name (creating the way with create)
// and returns it with name's last part and a function that closes it.
func (d *Dir) parent(name string, create bool) (*os.Root, string, func(), error) {
	parts, err := split(name)
	if err != nil {
		return nil, "", nil, err
	}
	if len(parts) == 0 {
		return nil, "", nil, &fs.PathError{Op: "confined", Path: name, Err: ErrBadName}
	}
	r, err := walk(d.root, parts[:len(parts)-1], create)
	if err != nil {
		return nil, "", nil, err
	}
	done := func() {
		if r != d.root {
			r.Close()
		}
	}
	return r, parts[len(parts)-1], done, nil
}

// Lstat describes name without following it (a link is reported as a
// link); every directory on the way must be a real one.
func (d *Dir) Lstat(name string) (fs.FileInfo, error) {
	r, base, done, err := d.parent(name, false)
	if err != nil {
		return nil, err
	}
	defer done()
	fi, err := r.Lstat(base)
	if err != nil {
		return nil, pathError("lstat", name, err)
	}
	return fi, nil
}

// MkdirAll creates the directory name and its parents, refusing links on
// the way.
func (d *Dir) MkdirAll(name string) error {
	parts, err := split(name)
	if err != nil {
		return err
	}
	r, err := walk(d.root, parts, true)
	if err != nil {
		return err
	}
	if r != d.root {
		r.Close()
	}
	return nil
}

// List returns the entries of the directory name, sorted by name, with
// the type the directory reports (no link is followed). More than max
// entries is refused with ErrTooMany: a hostile directory cannot make the
// caller hold millions of names.
func (d *Dir) List(name string, max int) ([]fs.DirEntry, error) {
	parts, err := split(name)
	if err != nil {
		return nil, err
	}
	r, err := walk(d.root, parts, false)
	if err != nil {
		return nil, err
	}
	if r != d.root {
		defer r.Close()
	}
	f, err := r.Open(".")
	if err != nil {
		return nil, pathError("open", name, err)
	}
	defer f.Close()
	var out []fs.DirEntry
	for {
		batch, err := f.ReadDir(256)
		out = append(out, batch...)
		if len(out) > max {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: ErrTooMany}
		}
		if errors.Is(err, io.EOF) || (err == nil && len(batch) == 0) {
			break
		}
		if err != nil {
			return nil, pathError("readdir", name, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// OpenFile opens name for reading if it is a regular file with a single
// name and at most max bytes; the FileInfo is the open file's. The caller
// closes the file.
func (d *Dir) OpenFile(name string, max int64) (*os.File, fs.FileInfo, error) {
	r, base, done, err := d.parent(name, false)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	fi, err := r.Lstat(base)
	if err != nil {
		return nil, nil, pathError("lstat", name, err)
	}
	if err := kindOf(fi, false); err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if fi.Size() > max {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%d bytes, at most %d)", ErrTooLarge, fi.Size(), max)}
	}
	// Non-blocking: a FIFO swapped in after the Lstat cannot hang the
	// open (it is then refused as not regular).
	f, err := r.OpenFile(base, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, nil, pathError("open", name, err)
	}
	st, err := f.Stat()
	if err == nil {
		err = checkOpened(f, fi, st, max)
	}
	if err != nil {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, st, nil
}

// checkOpened checks that the file opened is the one Lstat described, still
// regular, single-named and within max.
func checkOpened(f *os.File, before, st fs.FileInfo, max int64) error {
	if err := kindOf(st, false); err != nil {
		return err
	}
	if !os.SameFile(before, st) {
		return ErrLink
	}
	if st.Size() > max {
		return fmt.Errorf("%w (%d bytes, at most %d)", ErrTooLarge, st.Size(), max)
	}
	n, err := links(f, st)
	if err != nil {
		return err
	}
	if n > 1 {
		return ErrHardLink
	}
	return nil
}

// ReadFile reads name whole, if OpenFile accepts it, within budget. A
// file that grows past max while read is refused; a read that takes
// longer than budget returns ErrTooSlow at once (the read itself ends in
// the background: a file on a network share that stopped answering
// cannot hold the caller).
func (d *Dir) ReadFile(name string, max int64, budget time.Duration) ([]byte, error) {
	b, _, err := d.Read(name, max, budget)
	return b, err
}

// Read is ReadFile, with what the open file's Stat said of it.
func (d *Dir) Read(name string, max int64, budget time.Duration) ([]byte, fs.FileInfo, error) {
	f, st, err := d.OpenFile(name, max)
	if err != nil {
		return nil, nil, err
	}
	b, err := readAll(f, st.Size(), max, budget)
	if err != nil {
		return nil, nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, st, nil
}

// readAll reads r (then closes it) up to max bytes within budget; size is
// the expected length, to allocate once.
func readAll(r io.ReadCloser, size, max int64, budget time.Duration) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer r.Close()
		buf := bytes.NewBuffer(make([]byte, 0, min(size, max)+1))
		_, err := io.Copy(buf, io.LimitReader(r, max+1))
		if err == nil && int64(buf.Len()) > max {
			err = ErrTooLarge
		}
		done <- result{buf.Bytes(), err}
	}()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.b, res.err
	case <-timer.C:
		return nil, ErrTooSlow
	}
}

// NewDeadlineReader returns r, failing with ErrTooSlow once budget has
// passed since the call: for streams too large to read with ReadFile
// (a document's bytes). A single read that never returns still blocks.
func NewDeadlineReader(r io.Reader, budget time.Duration) io.Reader {
	return &deadlineReader{r: r, end: time.Now().Add(budget)}
}

type deadlineReader struct {
	r   io.Reader
	end time.Time
}

func (d *deadlineReader) Read(p []byte) (int, error) {
	if time.Now().After(d.end) {
		return 0, ErrTooSlow
	}
	return d.r.Read(p)
}

// WriteFile replaces name with data, atomically and durably.
func (d *Dir) WriteFile(name string, data []byte) error {
	return d.WriteStream(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStream replaces name with what fill writes: a temporary file
// beside it (created exclusively, never through a link), fsynced, renamed
// over name, the directory fsynced. The directories on the way are
// created. If name is a link, the link is replaced, never its target.
// When fill fails, the temporary file is removed and name is untouched.
func (d *Dir) WriteStream(name string, fill func(w io.Writer) error) (err error) {
	r, base, done, err := d.parent(name, true)
	if err != nil {
		return err
	}
	defer done()
	tmp := tempPrefix + base + "-" + strconv.FormatUint(rand.Uint64(), 36)
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return pathError("create", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			r.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return pathError("sync", name, err)
	}
	if err = f.Close(); err != nil {
		return pathError("close", name, err)
	}
	if err = r.Rename(tmp, base); err != nil {
		return pathError("rename", name, err)
	}
	return syncDir(r, name)
}

// syncDir fsyncs the directory r so that the rename survives a power
// loss; where directories cannot be synced it does nothing.
func syncDir(r *os.Root, name string) error {
	f, err := r.Open(".")
	if err != nil {
		return pathError("sync dir", name, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !ignorableDirSyncError(err) {
		return pathError("sync dir", name, err)
	}
	return nil
}

// Remove removes name if it is a regular file with a single name; a name
// that is already gone is not an error. A link is refused, not removed:
// the caller wrote a file there, not a link.
func (d *Dir) Remove(name string) error {
	r, base, done, err := d.parent(name, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer done()
	fi, err := r.Lstat(base)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return pathError("remove", name, err)
	}
	if err := kindOf(fi, false); err != nil {
		return &fs.PathError{Op: "remove", Path: name, Err: err}
	}
	if n, err := linksAt(r, base, fi); err != nil || n > 1 {
		if err == nil {
			err = ErrHardLink
		}
		return &fs.PathError{Op: "remove", Path: name, Err: err}
	}
	if err := r.Remove(base); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return pathError("remove", name, err)
	}
	return nil
}

// IsTemp reports a name WriteStream uses while writing.
func IsTemp(name string) bool { return strings.HasPrefix(name, tempPrefix) }
