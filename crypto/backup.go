package crypto

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// A backup's data (docs/bundles.md, "Backups") is one age file whose only
// recipient is scrypt with the vault's master key, in base64, as the
// passphrase: exactly the second line that `age -d key.pass.age` prints.
// So the backup opens with the passphrase as it was (through the copy of
// key.pass.age it carries) or the recovery key (key.recovery.age), with the
// standard age tool alone. The master key is 256 random bits: scrypt's cost
// adds nothing to it, so a low work factor keeps restores fast.
const backupWorkFactor = 10

// ErrWrongBackupKey: the backup's data was not encrypted under this master key.
var ErrWrongBackupKey = errors.New("backup data does not belong to these key files")

func backupPassphrase(mk *MasterKey) string { return base64.StdEncoding.EncodeToString(mk[:]) }

// SealBackup returns a writer that encrypts a backup's data to w under mk.
// Close it to finish the file.
func SealBackup(w io.Writer, mk *MasterKey) (io.WriteCloser, error) {
	r, err := age.NewScryptRecipient(backupPassphrase(mk))
	if err != nil {
		return nil, fmt.Errorf("crypto: backup: %w", err)
	}
	r.SetWorkFactor(backupWorkFactor)
	return age.Encrypt(w, r)
}

// OpenBackup decrypts a backup's data with mk. age authenticates as it
// reads: the caller must read to the end without error before trusting it.
func OpenBackup(r io.Reader, mk *MasterKey) (io.Reader, error) {
	id, err := age.NewScryptIdentity(backupPassphrase(mk))
	if err != nil {
		return nil, fmt.Errorf("crypto: backup: %w", err)
	}
	id.SetMaxWorkFactor(maxAcceptedWorkFactor)
	plain, err := age.Decrypt(r, id)
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity) {
		return nil, ErrWrongBackupKey
	}
	if err != nil {
		return nil, fmt.Errorf("crypto: backup: %w", err)
	}
	return plain, nil
}
