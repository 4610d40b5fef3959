package bundle

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/google/uuid"

	"casefile/changelog"
	"casefile/crypto"
	"casefile/model"
)

// FormatVersion is the version of the archive inside the age stream that
// this code writes; it reads this version and the ones before, and refuses
// newer ones. Version 2 adds the documents' bytes (docs/<id> entries);
// version 3 the evidence log (evidence records, after the documents they
// name as proofs), which a reader of version 2 would take without the
// checks it needs (changelog.CheckExport), so it is told to update instead.
const FormatVersion = 3

const formatName = "casefile-bundle"

// writeVersion is what Write puts in the manifest; tests raise it to write
// a bundle "from the future".
var writeVersion = FormatVersion

// Entry names inside the archive, in the order they are written.
const (
	manifestName  = "manifest.json"
	casePrefix    = "cases/"
	docPrefix     = "docs/"
	signatureName = "signature.json"
)

// Limits on what a reader accepts, so a hostile file cannot make it
// allocate without bound.
const (
	maxManifest  = 1 << 20
	maxCaseEntry = 64 << 20
	maxCases     = 100_000
	// maxWorkFactor caps scrypt for passphrase bundles (age's own default
	// accepts 2^22, 4 GiB): 2^20 is 1 GiB and a few seconds.
	maxWorkFactor = 20
)

// Manifest is the first entry: who wrote the bundle, when, and which cases
// follow.
type Manifest struct {
	Format  string                `json:"format"`
	Version int                   `json:"version"`
	ID      string                `json:"id"`
	Created time.Time             `json:"created"`
	Sender  crypto.PublicIdentity `json:"sender"`
	Device  string                `json:"device"`
	Cases   []CaseRef             `json:"cases"`
}

// CaseRef names one case of the bundle.
type CaseRef struct {
	ID  string `json:"id"`
	Ref string `json:"ref"`
}

type signature struct {
	Alg string `json:"alg"`
	Sig []byte `json:"sig"`
}

// Bundle is a bundle as read: its manifest and cases, signature verified.
// The documents' bytes are not held: Documents reads them again from the
// file, checked against the verified records.
type Bundle struct {
	Manifest Manifest
	Cases    []changelog.CaseExport

	src io.ReadSeeker
	ids []age.Identity // what opened it, for the second pass
}

// Recipients parses age recipients (age1pq1… or age1…). Post-quantum and
// X25519 keys cannot be mixed in one file: that is ErrMixedRecipients, not
// a silent split.
func Recipients(keys []string) ([]age.Recipient, error) {
	var out []age.Recipient
	pq, classic := false, false
	for _, k := range keys {
		p, err := crypto.ParsePublicIdentity(k)
		if err != nil {
			return nil, err
		}
		r, err := age.ParseRecipients(strings.NewReader(p.Recipient()))
		if err != nil {
			return nil, crypto.ErrNotAnIdentity
		}
		if strings.HasPrefix(p.Recipient(), "age1pq1") {
			pq = true
		} else {
			classic = true
		}
		out = append(out, r...)
	}
	if pq && classic {
		return nil, ErrMixedRecipients
	}
	if len(out) == 0 {
		return nil, ErrNoRecipient
	}
	return out, nil
}

// PassphraseRecipient encrypts a bundle to a one-off passphrase; it must be
// the only recipient.
func PassphraseRecipient(passphrase string) (age.Recipient, error) {
	if passphrase == "" {
		return nil, ErrNoRecipient
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(passphraseWorkFactor)
	return r, nil
}

// passphraseWorkFactor is age's default (2^18: about a second and 256 MiB);
// tests lower it.
var passphraseWorkFactor = 18

// Options says how to write a bundle.
type Options struct {
	To     []age.Recipient
	Armor  bool // ASCII armor, for e-mail
	Signer *crypto.Identity
	Sender crypto.PublicIdentity
	Device string
	Now    time.Time
	// OpenDocument streams a document's bytes (store.Vault.OpenDocument);
	// needed when a case has documents.
	OpenDocument func(id string) (io.Reader, error)
}

// transcript hashes every entry before the signature: its name, its length
// and its bytes, so entries can be neither swapped nor cut.
type transcript struct{ h io.Writer }

func (t transcript) add(name string, b []byte) {
	t.head(name, int64(len(b)))
	t.h.Write(b)
}

// head hashes an entry's name and length; its bytes follow, streamed.
func (t transcript) head(name string, size int64) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(size))
	io.WriteString(t.h, name+"\x00")
	t.h.Write(n[:])
}

func signedMessage(sum []byte) []byte {
	return append([]byte("casefile-bundle v1 signature\n"), sum...)
}

// Write writes the cases as one bundle to w, streaming: each live document
// of a case is copied from opts.OpenDocument into the archive as it is
// read, one chunk at a time. age encrypts on goroutines of its own while
// this one produces the archive (encPipe). When Write fails, what w
// received is void. WriteVault does the same reading the cases from a
// vault as it goes, without holding them all.
func Write(w io.Writer, opts Options, cases []changelog.CaseExport) error {
	refs := make([]CaseRef, len(cases))
	for i, c := range cases {
		refs[i] = CaseRef{ID: c.ID, Ref: c.Ref}
	}
	i := 0
	return writeBundle(w, opts, func() ([]CaseRef, error) { return refs, nil }, func() (*encodedCase, error) {
		if i == len(cases) {
			return nil, nil
		}
		ec, err := encodeCase(&cases[i])
		i++
		return ec, err
	})
}

// encodedCase is one case ready for the archive: its entry's JSON and its
// live documents.
type encodedCase struct {
	ref  string
	json []byte
	docs []model.Document
}

func encodeCase(ce *changelog.CaseExport) (*encodedCase, error) {
	b, err := json.Marshal(ce)
	if err != nil {
		return nil, err
	}
	return &encodedCase{ref: ce.Ref, json: b, docs: ce.Documents()}, nil
}

// writeBundle writes a bundle of the cases head names; next hands them over in
// that order, then nil.
func writeBundle(w io.Writer, opts Options, head func() ([]CaseRef, error), next func() (*encodedCase, error)) error {
	if len(opts.To) == 0 {
		return ErrNoRecipient
	}
	if opts.Signer == nil {
		return errors.New("bundle: no signing key")
	}
	refs, err := head()
	if err != nil {
		return err
	}
	if len(refs) == 0 {
		refs = nil // "cases": null, as ever
	}
	out := w
	var arm io.WriteCloser
	if opts.Armor {
		arm = armor.NewWriter(w)
		out = arm
	}
	enc, err := age.Encrypt(out, opts.To...)
	if err != nil {
		if strings.Contains(err.Error(), "incompatible") {
			return ErrMixedRecipients
		}
		return fmt.Errorf("bundle: encrypt: %w", err)
	}
	pipe := newEncPipe(enc)
	defer pipe.abort() // on every early return: no goroutine left behind
	hash := sha512.New()
	tr := transcript{hash}
	tw := tar.NewWriter(pipe)
	put := func(name string, b []byte) error {
		tr.add(name, b)
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: opts.Now.UTC().Truncate(time.Second), Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := tw.Write(b)
		return err
	}
	m := Manifest{Format: formatName, Version: writeVersion, ID: uuid.Must(uuid.NewV7()).String(),
		Created: opts.Now.UTC(), Sender: opts.Sender, Device: opts.Device, Cases: refs}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := put(manifestName, mb); err != nil {
		return fmt.Errorf("bundle: write: %w", err)
	}
	for i := range refs {
		c, err := next()
		if err != nil {
			return err
		}
		if c == nil {
			return fmt.Errorf("bundle: write: %d cases of %d", i, len(refs))
		}
		if err := put(casePrefix+strconv.Itoa(i+1)+".json", c.json); err != nil {
			return fmt.Errorf("bundle: write: %w", err)
		}
		if err := writeDocuments(tw, pipe, tr, opts, c); err != nil {
			return err
		}
	}
	if c, err := next(); err != nil || c != nil {
		return fmt.Errorf("bundle: write: more cases than named: %w", err)
	}
	sig := signature{Alg: "ed25519", Sig: ed25519.Sign(opts.Signer.Signing, signedMessage(hash.Sum(nil)))}
	sb, _ := json.Marshal(sig)
	if err := put(signatureName, sb); err != nil {
		return fmt.Errorf("bundle: write: %w", err)
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("bundle: write: %w", err)
	}
	if err := pipe.close(); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("bundle: write: %w", err)
	}
	if arm != nil {
		return arm.Close()
	}
	return nil
}

// Passphrase is asked for when a bundle is encrypted to a passphrase.
type Passphrase func() (string, error)

// Read reads and verifies a bundle: it decrypts with ids (or, for a
// passphrase bundle, the passphrase asked), reads the whole archive to its
// end and checks the signature with the sender's key the manifest carries
// before it decodes any case (read.go), then decodes the cases under caps
// and checks each on its own (changelog.CheckExport: consistency, and no
// clock from the future). Only then does it return; any failure is one
// of this package's errors.
func Read(src io.ReadSeeker, ids []age.Identity, pass Passphrase) (*Bundle, error) {
	plain, ids, err := decrypt(src, ids, pass)
	if err != nil {
		return nil, err
	}
	v, err := verify(plain) // read.go: nothing decoded before this
	if err != nil {
		return nil, err
	}
	cases, err := v.decode(func() (io.Reader, error) {
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		plain, _, err := decrypt(src, ids, nil)
		return plain, err
	})
	if err != nil {
		return nil, err
	}
	return &Bundle{Manifest: v.m, Cases: cases, src: src, ids: ids}, nil
}

func open(src io.Reader) (io.Reader, error) {
	br := bufio.NewReader(src)
	head, _ := br.Peek(len(armor.Header))
	switch {
	case string(head) == armor.Header:
		return armor.NewReader(br), nil
	case bytes.HasPrefix(head, []byte("age-encryption.org/")):
		return br, nil
	}
	return nil, ErrNotBundle
}

// decrypt opens the age stream; it returns the identity that opened it: a
// keyCache holding the file key (for a passphrase bundle, the one derived
// from the passphrase), so that the file can be read again without
// running scrypt or asking again.
func decrypt(src io.ReadSeeker, ids []age.Identity, pass Passphrase) (io.Reader, []age.Identity, error) {
	r, err := open(src)
	if err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 { // age wants one; a fresh key tells us the stanza types
		x, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, nil, err
		}
		ids = []age.Identity{x}
	}
	if _, ok := ids[0].(*keyCache); !ok || len(ids) > 1 {
		ids = []age.Identity{newKeyCache(ids)}
	}
	plain, err := age.Decrypt(r, ids...)
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) && len(nm.StanzaTypes) == 1 && nm.StanzaTypes[0] == "scrypt" {
		if pass == nil {
			return nil, nil, ErrWrongPassphrase
		}
		p, perr := pass()
		if perr != nil {
			return nil, nil, perr
		}
		id, perr := age.NewScryptIdentity(p)
		if perr != nil {
			return nil, nil, ErrWrongPassphrase
		}
		id.SetMaxWorkFactor(maxWorkFactor)
		if _, perr := src.Seek(0, io.SeekStart); perr != nil {
			return nil, nil, perr
		}
		if r, err = open(src); err != nil {
			return nil, nil, err
		}
		ids = []age.Identity{newKeyCache([]age.Identity{id})}
		plain, err = age.Decrypt(r, ids...)
		if errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity) {
			return nil, nil, ErrWrongPassphrase
		}
	}
	switch {
	case errors.As(err, &nm):
		return nil, nil, ErrNotForYou
	case err != nil:
		return nil, nil, ErrCorrupt
	}
	return plain, ids, nil
}

// printable keeps a name from a file safe to print on a terminal: no
// control characters (escape sequences), at most 200 characters.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200])
	}
	return s
}
