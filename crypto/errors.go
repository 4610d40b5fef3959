package crypto

import (
	"errors"
	"fmt"
)

// Errors the faces branch on. Each has its own translated sentence.
var (
	// ErrNoVault: the directory holds no vault (no key.pass.age).
	ErrNoVault = errors.New("no vault in this directory")
	// ErrVaultExists: init was asked to create a vault where one exists.
	ErrVaultExists = errors.New("a vault already exists in this directory")
	// ErrWrongPassphrase: key.pass.age is intact but the passphrase does not open it.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrWrongRecoveryKey: a well-formed recovery key that does not open key.recovery.age.
	ErrWrongRecoveryKey = errors.New("wrong recovery key")
	// ErrMalformedRecoveryKey: the text is not a recovery key at all (typo, wrong line copied).
	ErrMalformedRecoveryKey = errors.New("not a recovery key")
	// ErrUnsupportedVersion: the key file was written by a newer Casefile.
	ErrUnsupportedVersion = errors.New("key file written by a newer version")
	// ErrPassphraseTooShort: a new passphrase is shorter than MinPassphraseLen.
	ErrPassphraseTooShort = errors.New("passphrase too short")
)

// CorruptKeyFileError says that a key file is truncated, damaged or was
// altered. age authenticates every byte, so any change is caught; only a
// change inside the wrapped key stanza looks like a wrong passphrase, since
// an AEAD cannot tell a wrong key from a damaged ciphertext.
type CorruptKeyFileError struct {
	File string // base name: key.pass.age or key.recovery.age
	Err  error
}

func (e *CorruptKeyFileError) Error() string {
	return fmt.Sprintf("key file %s is damaged or was altered: %v", e.File, e.Err)
}

func (e *CorruptKeyFileError) Unwrap() error { return e.Err }

// ErrCorruptKeyFile matches every *CorruptKeyFileError with errors.Is.
var ErrCorruptKeyFile = errors.New("key file damaged")

// Is makes errors.Is(err, ErrCorruptKeyFile) true.
func (e *CorruptKeyFileError) Is(target error) bool { return target == ErrCorruptKeyFile }
