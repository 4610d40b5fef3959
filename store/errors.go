package store

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"

	"casefile/store/internal/read"
)

// Errors the faces branch on.
var (
	// ErrNotFound: no case, person or note with that id or reference.
	ErrNotFound = read.ErrNotFound
	// ErrVaultInUse: another Casefile (the app or a CLI command) has the vault open.
	ErrVaultInUse = errors.New("the vault is open in another Casefile window or command")
	// ErrKeyMismatch: the key files do not belong to this database.
	ErrKeyMismatch = errors.New("the key files do not match this vault's database")
	// ErrUnknownField: `case set` named a field that does not exist.
	ErrUnknownField = errors.New("unknown field")
	// ErrNewerFormat: the vault was written by a newer Casefile.
	ErrNewerFormat = errors.New("vault written by a newer version")
	// ErrClosed: the vault was locked.
	ErrClosed = errors.New("vault is locked")
)

var logger = log.New(os.Stderr, "casefile: ", log.LstdFlags)

func logf(format string, a ...any) { logger.Printf(format, a...) }

func mapOpenError(err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "Cannot acquire directory lock") {
		return ErrVaultInUse
	}
	if strings.Contains(err.Error(), "Encryption key mismatch") {
		return ErrKeyMismatch
	}
	return fmt.Errorf("store: open: %w", err)
}
