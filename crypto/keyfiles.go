package crypto

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"filippo.io/age"

	"casefile/internal/atomicfile"
)

// Names of the two key files inside a vault directory.
const (
	PassFile     = "key.pass.age"
	RecoveryFile = "key.recovery.age"
)

// MinPassphraseLen is the shortest passphrase Casefile accepts, in
// characters. scrypt slows guessing; it cannot save a short passphrase.
const MinPassphraseLen = 10

// maxKeyFileSize bounds what we read: a key file is a few hundred bytes
// (about 1.2 KiB for the post-quantum recovery stanza).
const maxKeyFileSize = 64 << 10

// Exists reports whether dir holds a vault. key.pass.age is written last
// at creation, so its presence means creation finished.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, PassFile))
	return err == nil
}

// CreateKeyFiles makes a new master key and writes both key files into dir
// (which must exist). It returns the key and the recovery key, an age
// post-quantum secret key line ("AGE-SECRET-KEY-PQ-1...") to show once.
//
// key.pass.age is NOT written here: call WritePassFile once the rest of the
// vault exists, so that its presence marks a complete vault.
func CreateKeyFiles(dir string) (mk *MasterKey, recoveryKey string, err error) {
	if Exists(dir) {
		return nil, "", ErrVaultExists
	}
	mk, err = NewMasterKey()
	if err != nil {
		return nil, "", err
	}
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, "", fmt.Errorf("crypto: recovery key: %w", err)
	}
	ct, err := seal(encodeKeyPayload(mk), id.Recipient())
	if err != nil {
		return nil, "", err
	}
	if err := atomicfile.Write(filepath.Join(dir, RecoveryFile), ct, 0o600); err != nil {
		return nil, "", fmt.Errorf("crypto: write recovery key file: %w", err)
	}
	return mk, id.String(), nil
}

// WritePassFile (re)writes key.pass.age: mk encrypted to a scrypt recipient
// derived from passphrase. It replaces the file atomically and durably, and
// touches nothing else; this is how the passphrase is changed.
func WritePassFile(dir string, mk *MasterKey, passphrase string) error {
	if utf8.RuneCountInString(passphrase) < MinPassphraseLen {
		return ErrPassphraseTooShort
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("crypto: %w", err)
	}
	r.SetWorkFactor(workFactor())
	ct, err := seal(encodeKeyPayload(mk), r)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(dir, PassFile), ct, 0o600); err != nil {
		return fmt.Errorf("crypto: write passphrase key file: %w", err)
	}
	return nil
}

// UnlockPassphrase decrypts key.pass.age. It reads and never writes.
func UnlockPassphrase(dir, passphrase string) (*MasterKey, error) {
	if passphrase == "" {
		return nil, ErrWrongPassphrase
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("crypto: %w", err)
	}
	id.SetMaxWorkFactor(maxAcceptedWorkFactor)
	return open(dir, PassFile, id, ErrWrongPassphrase)
}

// UnlockRecovery decrypts key.recovery.age with the recovery key. It reads
// and never writes. The caller must set a new passphrase (WritePassFile)
// before opening anything: whoever needed the recovery key has lost the
// passphrase, or it may be compromised.
func UnlockRecovery(dir, recoveryKey string) (*MasterKey, error) {
	id, err := ParseRecoveryKey(recoveryKey)
	if err != nil {
		return nil, err
	}
	return open(dir, RecoveryFile, id, ErrWrongRecoveryKey)
}

// ParseRecoveryKey reads a recovery key as a person may paste it: spaces,
// line breaks and lower case are forgiven; comment lines (#) are skipped.
func ParseRecoveryKey(s string) (*age.HybridIdentity, error) {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString(strings.Join(strings.Fields(line), ""))
	}
	id, err := age.ParseHybridIdentity(strings.ToUpper(b.String()))
	if err != nil {
		return nil, ErrMalformedRecoveryKey
	}
	return id, nil
}

func seal(plain []byte, r age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, fmt.Errorf("crypto: encrypt: %w", err)
	}
	if _, err := w.Write(plain); err != nil {
		return nil, fmt.Errorf("crypto: encrypt: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("crypto: encrypt: %w", err)
	}
	return buf.Bytes(), nil
}

// open reads one key file and tells apart: missing, wrong secret (wrongErr),
// and damaged. age authenticates the whole file, and we read it to the end
// before trusting a byte of it.
func open(dir, name string, id age.Identity, wrongErr error) (*MasterKey, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoVault
	}
	if err != nil {
		return nil, fmt.Errorf("crypto: %w", err)
	}
	defer f.Close()
	ct, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("crypto: read %s: %w", name, err)
	}
	corrupt := func(err error) error { return &CorruptKeyFileError{File: name, Err: err} }
	if len(ct) > maxKeyFileSize {
		return nil, corrupt(errors.New("file too large"))
	}
	r, err := age.Decrypt(bytes.NewReader(ct), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) && stanzasFit(nm.StanzaTypes, name) {
			return nil, wrongErr
		}
		return nil, corrupt(err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxKeyFileSize))
	if err != nil {
		return nil, corrupt(err)
	}
	mk, err := decodeKeyPayload(plain)
	for i := range plain {
		plain[i] = 0
	}
	if errors.Is(err, ErrUnsupportedVersion) {
		return nil, err
	}
	if err != nil {
		return nil, corrupt(err)
	}
	return mk, nil
}

// stanzasFit reports whether a file's recipient stanzas are the kind its name
// promises: one scrypt stanza for the passphrase file, one post-quantum
// stanza for the recovery file. A file of another kind was replaced, not
// merely opened with a wrong secret.
func stanzasFit(types []string, name string) bool {
	want := "scrypt"
	if name == RecoveryFile {
		want = "mlkem768x25519"
	}
	return len(types) == 1 && types[0] == want
}
