// Package privtemp holds the decrypted copies of documents a user opens in
// the system viewer: one private directory (0700, files 0600), wiped on
// lock, on exit and at the next start (DESIGN.md, "What may leave the vault
// in clear").
//
// The directory is $XDG_RUNTIME_DIR/casefile-open when that variable names
// a directory: on Linux it is a per-user tmpfs (RAM, never written to disk,
// 0700, emptied at logout), the best place for a clear copy. Elsewhere it
// is <os.UserCacheDir()>/casefile-open: on disk, inside the user's profile,
// and removed by Wipe. Removing a file does not scrub the bytes from an SSD
// (wear levelling), so the copy's protection there is the disk encryption
// the clinic's laptops must have; the user is warned before a copy is made.
//
// It never holds anything the user did not ask to open.
package privtemp

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"casefile/model"
)

const dirName = "casefile-open"

// Seams for tests.
var (
	getenv       = os.Getenv
	userCacheDir = os.UserCacheDir
)

var mu sync.Mutex // serialises Write and Wipe

// Dir returns the private directory (not created).
func Dir() (string, error) {
	if rt := getenv("XDG_RUNTIME_DIR"); rt != "" && filepath.IsAbs(rt) {
		if fi, err := os.Stat(rt); err == nil && fi.IsDir() {
			return filepath.Join(rt, dirName), nil
		}
	}
	base, err := userCacheDir()
	if err != nil {
		return "", fmt.Errorf("privtemp: no place for temporary copies: %w", err)
	}
	return filepath.Join(base, dirName), nil
}

// ErrNotPrivate: the directory exists but someone else could read it (wrong
// owner or mode) or it is a symbolic link; nothing is written there.
var ErrNotPrivate = errors.New("privtemp: temporary directory is not private")

// ensure creates the directory 0700, or checks that an existing one is a
// real directory of mode 0700.
func ensure() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return "", err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return "", err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() || fi.Mode().Perm()&0o077 != 0 && !permsUnenforced() {
		return "", fmt.Errorf("%w: %s", ErrNotPrivate, dir)
	}
	return dir, nil
}

// Write copies r into a new file named name (its base name, made safe)
// inside a fresh subdirectory of the private directory, so that two
// documents of the same name never overwrite each other and the viewer
// shows the document's own name. It returns the file's path. On error
// nothing is left behind.
func Write(name string, r io.Reader) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	dir, err := ensure()
	if err != nil {
		return "", err
	}
	sub, err := os.MkdirTemp(dir, "d")
	if err != nil {
		return "", err
	}
	path := filepath.Join(sub, safeName(name))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		_, err = io.Copy(f, r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(sub)
		return "", fmt.Errorf("privtemp: write %s: %w", filepath.Base(path), err)
	}
	return path, nil
}

// safeName is the name a document is written under: model's one cleaning
// of document names, so a name from the vault cannot point outside the
// directory.
func safeName(name string) string { return model.CleanDocumentName(name) }

// Wipe removes the private directory and everything in it. A viewer may
// still show a file it has open; on Unix its bytes go once it closes it.
func Wipe() error {
	mu.Lock()
	defer mu.Unlock()
	dir, err := Dir()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("privtemp: wipe: %w", err)
	}
	return nil
}
