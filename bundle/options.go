package bundle

import (
	"fmt"
	"time"

	"filippo.io/age"

	"casefile/store"
)

// Target is to whom a bundle goes, as a face gathers it: public keys or
// identity texts (age1…), contacts' names or fingerprints, or one
// one-off passphrase, which must then be alone.
type Target struct {
	Keys       []string
	Contacts   []string
	Passphrase string
	Armor      bool
}

// VaultOptions assembles the Options of a bundle written from v to t: the
// recipients (contacts looked up in v), the signing identity, the sender,
// the device and the document reader. The app and the CLI both write
// through it, so that both refuse what it refuses:
//
//   - a passphrase beside keys or contacts (ErrMixedRecipients: age
//     allows a passphrase only alone);
//   - the vault's own passphrase (ErrVaultPassphrase: the recipient would
//     hold the vault's passphrase too);
//   - no recipient at all (ErrNoRecipient).
func VaultOptions(v *store.Vault, t Target, now time.Time) (Options, error) {
	var to []age.Recipient
	switch {
	case t.Passphrase != "" && len(t.Keys)+len(t.Contacts) > 0:
		return Options{}, ErrMixedRecipients
	case t.Passphrase != "":
		if v.OpensVault(t.Passphrase) {
			return Options{}, ErrVaultPassphrase
		}
		r, err := PassphraseRecipient(t.Passphrase)
		if err != nil {
			return Options{}, err
		}
		to = []age.Recipient{r}
	default:
		keys := append([]string(nil), t.Keys...)
		for _, name := range t.Contacts {
			c, err := v.FindContact(name)
			if err != nil {
				return Options{}, fmt.Errorf("%s: %w", name, err)
			}
			keys = append(keys, c.Key.Recipient())
		}
		var err error
		if to, err = Recipients(keys); err != nil {
			return Options{}, err
		}
	}
	id, err := v.Identity()
	if err != nil {
		return Options{}, err
	}
	pub, err := v.PublicIdentity()
	if err != nil {
		return Options{}, err
	}
	return Options{To: to, Armor: t.Armor, Signer: id, Sender: pub, Device: v.Device(), Now: now, OpenDocument: v.OpenDocument}, nil
}
