package crypto

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
)

// MasterKeySize is the size of the key Badger encrypts the vault with
// (AES-256).
const MasterKeySize = 32

// MasterKey encrypts the vault. Keep it in memory only while the vault is
// unlocked, and Wipe it on lock.
type MasterKey [MasterKeySize]byte

// NewMasterKey draws a key from crypto/rand.
func NewMasterKey() (*MasterKey, error) {
	var k MasterKey
	if _, err := rand.Read(k[:]); err != nil {
		return nil, fmt.Errorf("crypto: generate master key: %w", err)
	}
	return &k, nil
}

// Wipe overwrites the key. Go may have copied it elsewhere (the garbage
// collector moves nothing, but Badger keeps its own copy while open), so this
// is best effort, as DESIGN.md says.
func (k *MasterKey) Wipe() {
	for i := range k {
		k[i] = 0
	}
}

// The plaintext inside both key files: a version line, then the key in
// base64. Text, so that `age -d` shows something a person can recognise,
// and versioned from its first byte.
const keyPayloadHeader = "casefile-vault-key v1\n"

var errBadPayload = errors.New("not a casefile vault key")

func encodeKeyPayload(k *MasterKey) []byte {
	var b bytes.Buffer
	b.WriteString(keyPayloadHeader)
	b.WriteString(base64.StdEncoding.EncodeToString(k[:]))
	b.WriteByte('\n')
	return b.Bytes()
}

func decodeKeyPayload(p []byte) (*MasterKey, error) {
	if !bytes.HasPrefix(p, []byte("casefile-vault-key ")) {
		return nil, errBadPayload
	}
	if !bytes.HasPrefix(p, []byte(keyPayloadHeader)) {
		return nil, ErrUnsupportedVersion
	}
	body := bytes.TrimSuffix(p[len(keyPayloadHeader):], []byte("\n"))
	raw, err := base64.StdEncoding.DecodeString(string(body))
	if err != nil || len(raw) != MasterKeySize {
		return nil, errBadPayload
	}
	var k MasterKey
	copy(k[:], raw)
	for i := range raw {
		raw[i] = 0
	}
	return &k, nil
}
