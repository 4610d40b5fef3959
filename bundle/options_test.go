package bundle

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"casefile/store"
)

// TestVaultOptionsRecipients: VaultOptions is the one place a face's
// choice becomes recipients: the vault's own passphrase, a passphrase with
// keys, and nobody are refused; another passphrase and a contact's key
// make bundles their holders read.
func TestVaultOptionsRecipients(t *testing.T) {
	v, _ := sender(t, 1)
	other, _ := sender(t, 1)
	pub, err := other.PublicIdentity()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.SaveContact(&store.Contact{Name: "Maître Ndiaye", Key: pub}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, c := range []struct {
		t    Target
		want error
	}{
		{Target{Passphrase: "correct horse battery staple"}, ErrVaultPassphrase},
		{Target{Passphrase: "a one-off bundle phrase", Contacts: []string{"Maître Ndiaye"}}, ErrMixedRecipients},
		{Target{}, ErrNoRecipient},
		{Target{Contacts: []string{"Nobody"}}, store.ErrContactNotFound},
	} {
		if _, err := VaultOptions(v, c.t, now); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v, want %v", c.t, err, c.want)
		}
	}
	cases, err := v.ListCases()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range []Target{{Passphrase: "a one-off bundle phrase"}, {Contacts: []string{"Maître Ndiaye"}, Armor: true}} {
		opts, err := VaultOptions(v, tg, now)
		if err != nil {
			t.Fatalf("%+v: %v", tg, err)
		}
		var buf bytes.Buffer
		if err := WriteVault(&buf, opts, v, []string{cases[0].ID}); err != nil {
			t.Fatal(err)
		}
		id, err := other.Identity()
		if err != nil {
			t.Fatal(err)
		}
		b, err := Read(bytes.NewReader(buf.Bytes()), id.AgeIdentities(), func() (string, error) { return tg.Passphrase, nil })
		if err != nil || len(b.Cases) != 1 {
			t.Fatalf("%+v: read back: %v", tg, err)
		}
	}
}
