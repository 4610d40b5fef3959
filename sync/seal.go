package sync

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"filippo.io/age"
)

// Every file this package writes in the folder (except members/, which is
// public) is one age file whose plaintext is a sealedFile: a header that
// names what the file is and where it belongs, a gzipped JSON body, and an
// Ed25519 signature over both. age says nothing about who wrote a file:
// anyone who knows the team recipient can encrypt to it. The signature
// does, and binding the name's parts (writer, subject, sequence, epoch)
// makes a renamed or replayed file fail as surely as a forged one.

const (
	sealFormat  = "casefile-sync"
	sealVersion = 1
	// maxSealed bounds what a reader decrypts and decompresses, so a
	// hostile file cannot make a laptop allocate without bound.
	maxSealed = 64 << 20
)

// File kinds.
const (
	kindSegment = "segment"
	kindTeamKey = "teamkey"
)

type sealedFile struct {
	Format  string `json:"format"`
	V       int    `json:"v"`
	Kind    string `json:"kind"`
	Team    string `json:"team"`
	Writer  string `json:"writer"`
	Subject string `json:"subject,omitempty"` // the member a team key is for
	Seq     uint64 `json:"seq,omitempty"`
	Epoch   string `json:"epoch"`
	Body    []byte `json:"body"` // gzip of the JSON body
	Sig     []byte `json:"sig"`
}

// signedMessage is what the signature covers: a domain-separated hash of
// every header field and the body.
func (f *sealedFile) signedMessage() []byte {
	h := sha512.New()
	for _, part := range []string{"casefile-sync v1 signature", f.Kind, f.Team, f.Writer, f.Subject,
		strconv.FormatUint(f.Seq, 10), f.Epoch} {
		fmt.Fprintf(h, "%d:%s\n", len(part), part)
	}
	sum := sha512.Sum512(f.Body)
	h.Write(sum[:])
	return h.Sum(nil)
}

// Reasons a sealed file is refused, each reported with the file's name.
var (
	// ErrUnreadable: the file does not decrypt with any key this device
	// holds: encrypted to other keys, truncated, half-copied or tampered.
	ErrUnreadable = errors.New("cannot be decrypted with this team's keys (other keys, truncated or altered)")
	// ErrMalformed: it decrypts but is not a file of this format.
	ErrMalformed = errors.New("not a Casefile sync file")
	// ErrNewerFormat: written by a newer version of Casefile.
	ErrNewerFormat = errors.New("written by a newer version of Casefile")
	// ErrBadSignature: the signature does not verify with the writer's key.
	ErrBadSignature = errors.New("signature does not match its writer (forged or altered)")
	// ErrMisplaced: the signed header names another place than the file's
	// name (renamed or replayed).
	ErrMisplaced = errors.New("signed for another name, sequence or epoch (renamed or replayed)")
)

// seal writes f (with body set to the encoding of body) signed by key and
// encrypted to r.
func seal(f *sealedFile, body any, key ed25519.PrivateKey, r age.Recipient) ([]byte, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return sealRaw(f, raw, key, r)
}

// sealRaw is seal with the body's JSON already encoded.
func sealRaw(f *sealedFile, raw []byte, key ed25519.PrivateKey, r age.Recipient) ([]byte, error) {
	var zb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestSpeed)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	f.Format, f.V, f.Body = sealFormat, sealVersion, zb.Bytes()
	f.Sig = ed25519.Sign(key, f.signedMessage())
	plain, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, r)
	if err != nil {
		return nil, fmt.Errorf("sync: seal: %w", err)
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// open decrypts data with one of ids, reading it to the end (age reports a
// tampered chunk only when it reaches it) before decoding anything. The
// signature is not checked: the caller knows whose key to check it with.
func open(data []byte, ids ...age.Identity) (*sealedFile, error) {
	r, err := age.Decrypt(bytes.NewReader(data), ids...)
	if err != nil {
		return nil, ErrUnreadable
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxSealed+1))
	if err != nil || len(plain) > maxSealed {
		return nil, ErrUnreadable
	}
	var f sealedFile
	if err := json.Unmarshal(plain, &f); err != nil || f.Format != sealFormat {
		return nil, ErrMalformed
	}
	if f.V > sealVersion {
		return nil, ErrNewerFormat
	}
	return &f, nil
}

// verify checks the signature with the writer's key.
func (f *sealedFile) verify(key ed25519.PublicKey) error {
	if len(key) != ed25519.PublicKeySize || !ed25519.Verify(key, f.signedMessage(), f.Sig) {
		return ErrBadSignature
	}
	return nil
}

// body decodes the signed body into v.
func (f *sealedFile) body(v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(f.Body))
	if err != nil {
		return ErrMalformed
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxSealed+1))
	if err != nil || len(raw) > maxSealed {
		return ErrMalformed
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return ErrMalformed
	}
	return nil
}
