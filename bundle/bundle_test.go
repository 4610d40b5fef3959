package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/changelog"
	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	passphraseWorkFactor = 10
	os.Exit(m.Run())
}

// sender is a vault with n fictional cases, and their export.
func sender(t testing.TB, n int) (*store.Vault, []changelog.CaseExport) {
	t.Helper()
	c, err := store.Create(t.TempDir(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	t.Cleanup(func() { v.Close() })
	g := fakeclinic.New(7)
	today := model.DateOf(time.Now())
	ncs := make([]store.NewCase, n)
	for i := range ncs {
		h := g.Household(today)
		ncs[i] = store.NewCase{File: h.File, Notes: g.Notes(h.File, 2, today)}
	}
	if err := v.CreateCases(ncs); err != nil {
		t.Fatal(err)
	}
	refs := make([]string, n)
	for i, nc := range ncs {
		refs[i] = nc.File.Ref
	}
	ex, err := v.ExportCases(refs)
	if err != nil {
		t.Fatal(err)
	}
	return v, ex
}

func write(t testing.TB, v *store.Vault, ex []changelog.CaseExport, armor bool, to ...age.Recipient) []byte {
	t.Helper()
	id, err := v.Identity()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := v.PublicIdentity()
	var buf bytes.Buffer
	err = Write(&buf, Options{To: to, Armor: armor, Signer: id, Sender: pub, Device: v.Device(), Now: time.Now()}, ex)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	v, ex := sender(t, 3)
	me, _ := crypto.NewIdentity()
	pass := func() (string, error) { return "one-off passphrase", nil }
	scrypt, _ := PassphraseRecipient("one-off passphrase")
	tests := []struct {
		name  string
		armor bool
		to    age.Recipient
	}{
		{"post-quantum", false, me.Hybrid.Recipient()},
		{"x25519", false, me.X25519.Recipient()},
		{"armored", true, me.Hybrid.Recipient()},
		{"passphrase", false, scrypt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := write(t, v, ex, tt.armor, tt.to)
			b, err := Read(bytes.NewReader(file), me.AgeIdentities(), pass)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(ex)
			got, _ := json.Marshal(b.Cases)
			if !bytes.Equal(want, got) {
				t.Fatal("cases differ after the round trip")
			}
			pub, _ := v.PublicIdentity()
			if b.Manifest.Sender.Fingerprint() != pub.Fingerprint() {
				t.Fatal("sender not carried")
			}
		})
	}
}

func TestMixedRecipientsRefused(t *testing.T) {
	a, _ := crypto.NewIdentity()
	_, err := Recipients([]string{a.Hybrid.Recipient().String(), a.X25519.Recipient().String()})
	if !errors.Is(err, ErrMixedRecipients) {
		t.Fatalf("got %v", err)
	}
	rs, err := Recipients([]string{a.Public("A").String()})
	if err != nil || len(rs) != 1 {
		t.Fatalf("identity text as recipient: %v", err)
	}
}

func TestBadBundles(t *testing.T) {
	v, ex := sender(t, 2)
	me, _ := crypto.NewIdentity()
	other, _ := crypto.NewIdentity()
	good := write(t, v, ex, false, me.Hybrid.Recipient())
	writeVersion = FormatVersion + 1
	newer := write(t, v, ex, false, me.Hybrid.Recipient())
	writeVersion = FormatVersion
	flipped := bytes.Clone(good)
	flipped[len(flipped)-100] ^= 1
	tests := []struct {
		name string
		file []byte
		want error
	}{
		{"not age", []byte("Nom;Prénom\nDUPONT;Jean\n"), ErrNotBundle},
		{"empty", nil, ErrNotBundle},
		{"truncated", good[:len(good)-10], ErrCorrupt},
		{"cut at a chunk", good[:len(good)/2], ErrCorrupt},
		{"tampered", flipped, ErrCorrupt},
		{"not for me", write(t, v, ex, false, other.Hybrid.Recipient()), ErrNotForYou},
		{"newer format", newer, ErrNewerVersion},
		{"forged signer", forge(t, v, ex, me), ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tt.file), me.AgeIdentities(), nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// forge writes a bundle whose manifest names v's identity but is signed by
// another key: anyone can encrypt to a recipient, not sign as someone.
func forge(t testing.TB, v *store.Vault, ex []changelog.CaseExport, to *crypto.Identity) []byte {
	mallory, _ := crypto.NewIdentity()
	pub, _ := v.PublicIdentity()
	var buf bytes.Buffer
	if err := Write(&buf, Options{To: []age.Recipient{to.Hybrid.Recipient()}, Signer: mallory, Sender: pub, Now: time.Now()}, ex); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWrongPassphrase(t *testing.T) {
	v, ex := sender(t, 1)
	r, _ := PassphraseRecipient("the right one, long")
	file := write(t, v, ex, false, r)
	_, err := Read(bytes.NewReader(file), nil, func() (string, error) { return "a wrong one", nil })
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("got %v", err)
	}
}

func TestSenderNameIsPrintable(t *testing.T) {
	v, ex := sender(t, 1)
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	pub.Name = "Me Evil\x1b[2J\x1b]0;pwned\x07"
	var buf bytes.Buffer
	if err := Write(&buf, Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}, ex); err != nil {
		t.Fatal(err)
	}
	b, err := Read(bytes.NewReader(buf.Bytes()), me.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Sender.Name != "Me Evil[2J]0;pwned" {
		t.Fatalf("name %q", b.Manifest.Sender.Name)
	}
}
