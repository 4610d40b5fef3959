package bundle

// Error is a reason a bundle cannot be written or read. Each one has its
// own translated sentence (MessageKey) in the faces.
type Error string

func (e Error) Error() string { return string(e) }

// MessageKey is the translation key of the sentence that tells the user.
func (e Error) MessageKey() string { return "bundle.err." + string(e) }

// Errors the faces branch on. Nothing is written to the vault on any of them.
const (
	// ErrNotBundle: the file is not an age file at all.
	ErrNotBundle = Error("not_bundle")
	// ErrNotForYou: an age file addressed to other keys than this vault's.
	ErrNotForYou = Error("not_for_you")
	// ErrWrongPassphrase: a passphrase bundle that this passphrase does not open.
	ErrWrongPassphrase = Error("wrong_passphrase")
	// ErrCorrupt: truncated, damaged or tampered with (including a bad
	// signature or inconsistent contents).
	ErrCorrupt = Error("corrupt")
	// ErrNewerVersion: written by a newer Casefile, in a format this one
	// does not know.
	ErrNewerVersion = Error("newer_version")
	// ErrFutureClock: the bundle carries changes dated more than a day
	// ahead of this computer's clock (changelog.ErrFutureClock).
	ErrFutureClock = Error("future_clock")
	// ErrMixedRecipients: post-quantum and classic X25519 keys in one
	// bundle, which age cannot do; write one bundle for each kind.
	ErrMixedRecipients = Error("mixed_recipients")
	// ErrNoRecipient: neither a key nor a passphrase to encrypt to.
	ErrNoRecipient = Error("no_recipient")
	// ErrVaultPassphrase: a bundle's passphrase that is the vault's own
	// (VaultOptions).
	ErrVaultPassphrase = Error("vault_passphrase")
)
