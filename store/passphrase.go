package store

import (
	"crypto/subtle"

	"casefile/crypto"
)

// OpensVault reports whether passphrase unlocks this vault: whether it is
// the vault's own passphrase. The bundle writer refuses such a passphrase
// for a bundle (bundle.VaultOptions), since whoever receives the bundle
// and its passphrase would hold the vault's too. It reads the key file and
// costs one scrypt derivation (about a second); it writes nothing.
func (v *Vault) OpensVault(passphrase string) bool {
	if passphrase == "" || v.mk == nil {
		return false
	}
	mk, err := crypto.UnlockPassphrase(v.dir, passphrase)
	releaseScryptMemory()
	if err != nil {
		return false
	}
	defer mk.Wipe()
	return subtle.ConstantTimeCompare(mk[:], v.mk[:]) == 1
}
