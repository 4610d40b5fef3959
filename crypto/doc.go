// Package crypto owns Casefile's keys: the vault's 32-byte master key and the
// two age files that wrap it (key.pass.age for the passphrase,
// key.recovery.age for the printed recovery key), and the passphrase
// strength estimate the faces show.
//
// It imports only the standard library, age, zxcvbn (the strength
// estimate, docs/passphrase.md) and Casefile's atomic file writer. It never
// logs, never writes a secret anywhere but the two key files (and those only
// encrypted), and never keeps a passphrase after a call returns. The file
// format is documented in docs/vault-format.md.
package crypto
