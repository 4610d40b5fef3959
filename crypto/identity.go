package crypto

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
)

// An Identity is what lets this vault receive and sign bundles (and later
// sync segments): an age post-quantum hybrid identity, a classic X25519 one
// for colleagues whose tools lack post-quantum support, and an Ed25519
// signing key. Its secrets live only inside the encrypted database
// (store/identity.go); its public half is a PublicIdentity.
type Identity struct {
	Hybrid  *age.HybridIdentity
	X25519  *age.X25519Identity
	Signing ed25519.PrivateKey
}

// PublicIdentity is what a colleague needs to send to us and to check our
// signatures. A bare age key from someone without Casefile is a
// PublicIdentity with one recipient and no Verify key.
type PublicIdentity struct {
	Name   string            `json:"name,omitempty"`
	Hybrid string            `json:"age_pq,omitempty"`     // age1pq1…
	X25519 string            `json:"age_x25519,omitempty"` // age1…
	Verify ed25519.PublicKey `json:"ed25519,omitempty"`
}

// Errors about identities and keys the faces branch on.
var (
	// ErrNotAnIdentity: the text is neither a Casefile public identity nor an age recipient.
	ErrNotAnIdentity = errors.New("not a Casefile identity or an age public key")
)

// NewIdentity draws a fresh identity from crypto/rand.
func NewIdentity() (*Identity, error) {
	h, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	_, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	return &Identity{Hybrid: h, X25519: x, Signing: sk}, nil
}

// storedIdentity is the secret form kept in the vault (meta/identity).
type storedIdentity struct {
	V       int    `json:"v"`
	Hybrid  string `json:"age_pq"`
	X25519  string `json:"age_x25519"`
	Ed25519 []byte `json:"ed25519_seed"`
}

// MarshalSecret encodes the identity's secrets, to be stored only inside
// the encrypted database.
func (id *Identity) MarshalSecret() ([]byte, error) {
	return json.Marshal(storedIdentity{V: 1, Hybrid: id.Hybrid.String(), X25519: id.X25519.String(), Ed25519: id.Signing.Seed()})
}

// UnmarshalSecret reads what MarshalSecret wrote.
func UnmarshalSecret(b []byte) (*Identity, error) {
	var s storedIdentity
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	if s.V != 1 {
		return nil, ErrUnsupportedVersion
	}
	h, err := age.ParseHybridIdentity(s.Hybrid)
	if err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	x, err := age.ParseX25519Identity(s.X25519)
	if err != nil {
		return nil, fmt.Errorf("crypto: identity: %w", err)
	}
	if len(s.Ed25519) != ed25519.SeedSize {
		return nil, errors.New("crypto: identity: bad signing key")
	}
	return &Identity{Hybrid: h, X25519: x, Signing: ed25519.NewKeyFromSeed(s.Ed25519)}, nil
}

// Public returns the public half, named name.
func (id *Identity) Public(name string) PublicIdentity {
	return PublicIdentity{
		Name:   name,
		Hybrid: id.Hybrid.Recipient().String(),
		X25519: id.X25519.Recipient().String(),
		Verify: id.Signing.Public().(ed25519.PublicKey),
	}
}

// AgeIdentities are the identities to decrypt a bundle addressed to us.
func (id *Identity) AgeIdentities() []age.Identity { return []age.Identity{id.Hybrid, id.X25519} }

const identityHeader = "casefile-identity v1"

// Fingerprint is 128 bits of SHA-256 over the identity's keys (never its
// name), shown as eight groups of five digits that two people read to each
// other. A bare age key has a fingerprint too.
func (p PublicIdentity) Fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nage_pq %s\nage_x25519 %s\ned25519 %s\n", identityHeader, p.Hybrid, p.X25519,
		base64.StdEncoding.EncodeToString(p.Verify))
	sum := h.Sum(nil)
	groups := make([]string, 8)
	for i := range groups {
		groups[i] = fmt.Sprintf("%05d", binary.BigEndian.Uint16(sum[2*i:]))
	}
	return strings.Join(groups, " ")
}

// Recipient is the age recipient a bundle to this person is encrypted to:
// the hybrid one when known, else the X25519 one.
func (p PublicIdentity) Recipient() string {
	if p.Hybrid != "" {
		return p.Hybrid
	}
	return p.X25519
}

// String is the text form sent to colleagues as a file or pasted: it
// starts with the header line and reads back with ParsePublicIdentity.
func (p PublicIdentity) String() string {
	var b strings.Builder
	b.WriteString(identityHeader + "\n")
	if p.Name != "" {
		fmt.Fprintf(&b, "name: %s\n", strings.Join(strings.Fields(p.Name), " "))
	}
	if p.Hybrid != "" {
		fmt.Fprintf(&b, "age-pq: %s\n", p.Hybrid)
	}
	if p.X25519 != "" {
		fmt.Fprintf(&b, "age-x25519: %s\n", p.X25519)
	}
	if len(p.Verify) > 0 {
		fmt.Fprintf(&b, "ed25519: %s\n", base64.StdEncoding.EncodeToString(p.Verify))
	}
	fmt.Fprintf(&b, "fingerprint: %s\n", p.Fingerprint())
	return b.String()
}

// ParsePublicIdentity reads a public identity as String writes it, or a
// bare age recipient (age1… or age1pq1…) from someone without Casefile. A
// fingerprint line, when present, must match the keys.
func ParsePublicIdentity(text string) (PublicIdentity, error) {
	text = strings.TrimSpace(text)
	var p PublicIdentity
	if !strings.HasPrefix(text, identityHeader) {
		k := strings.Join(strings.Fields(text), "")
		return p, p.setRecipient(k)
	}
	var fp string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 8192), 64<<10)
	sc.Scan() // header
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "name":
			p.Name = val
		case "age-pq", "age-x25519":
			if err := p.setRecipient(val); err != nil {
				return PublicIdentity{}, err
			}
		case "ed25519":
			b, err := base64.StdEncoding.DecodeString(val)
			if err != nil || len(b) != ed25519.PublicKeySize {
				return PublicIdentity{}, ErrNotAnIdentity
			}
			p.Verify = b
		case "fingerprint":
			fp = val
		}
	}
	if p.Recipient() == "" || (fp != "" && fp != p.Fingerprint()) {
		return PublicIdentity{}, ErrNotAnIdentity
	}
	return p, nil
}

func (p *PublicIdentity) setRecipient(k string) error {
	switch {
	case strings.HasPrefix(k, "age1pq1"):
		if _, err := age.ParseHybridRecipient(k); err != nil {
			return ErrNotAnIdentity
		}
		p.Hybrid = k
	case strings.HasPrefix(k, "age1"):
		if _, err := age.ParseX25519Recipient(k); err != nil {
			return ErrNotAnIdentity
		}
		p.X25519 = k
	default:
		return ErrNotAnIdentity
	}
	return nil
}
