package store

import (
	"errors"

	"casefile/store/internal/engine"
	"casefile/store/internal/read"
)

// Errors the faces branch on.
var (
	// ErrNotFound: no case, person or note with that id or reference.
	ErrNotFound = read.ErrNotFound
	// ErrVaultInUse: another Casefile (the app or a CLI command) has the vault open.
	ErrVaultInUse = engine.ErrVaultInUse
	// ErrKeyMismatch: the key files do not belong to this database.
	ErrKeyMismatch = engine.ErrKeyMismatch
	// ErrUnknownField: `case set` named a field that does not exist.
	ErrUnknownField = errors.New("unknown field")
	// ErrNewerFormat: the vault was written by a newer Casefile.
	ErrNewerFormat = errors.New("vault written by a newer version")
	// ErrClosed: the vault was locked.
	ErrClosed = engine.ErrClosed
)

func logf(format string, a ...any) { engine.Logf(format, a...) }
