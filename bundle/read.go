package bundle

import (
	"archive/tar"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"filippo.io/age"

	"casefile/changelog"
	"casefile/model"
)

// Reading a bundle is two passes over its archive, so that nothing a
// stranger wrote is decoded before the whole file is verified:
//
//  1. verify: the manifest (small, decoded: it carries the signing key),
//     then every entry hashed as it streams — the cases' JSON is not
//     decoded, the documents' bytes are hashed and dropped — then the
//     signature, the end of the archive and the end of age's stream
//     (which authenticates its last chunk only then). The case entries
//     are kept, as bytes, while they fit in keepBudget; otherwise only
//     their SHA-256 is.
//  2. decode: each case entry (the kept bytes, or the same file decrypted
//     again and checked against the first pass's SHA-256), one case at a
//     time, under the caps below, each case checked (changelog.CheckExport)
//     before the next is decoded.
//
// A bundle's sender can always sign what it writes with a key of its own,
// so the signature proves who wrote a bundle, not that it is reasonable:
// the decoding caps hold for signed bundles too.

// Caps on decoding (the archive's own are in bundle.go).
const (
	// maxDocEntries caps the document entries of one bundle.
	maxDocEntries = 100_000
	// maxRecordJSON and maxChangeJSON cap one record and one history
	// entry as JSON: a note is at most 64 KiB of text.
	maxRecordJSON = 1 << 20
	maxChangeJSON = 4 << 20
	// maxCaseRecords and maxCaseHistory cap one case's records and
	// history entries (a busy case has a few hundred of each).
	maxCaseRecords = 50_000
	maxCaseHistory = 500_000
)

// maxDecoded caps the estimated memory of every case of one bundle once
// decoded (decodeCost): about 12,000 typical cases. Tests lower it.
var maxDecoded int64 = 256 << 20

// keepBudget is how many bytes of case entries the first pass keeps for
// the second; above it, the second pass decrypts the file again. Tests
// lower it.
var keepBudget int64 = 32 << 20

// decodeCost estimates what one record or history entry of n bytes of
// JSON holds once decoded: its bytes (strings, raw data) and maps, and the
// structures around them.
func decodeCost(n int) int64 { return 256 + 2*int64(n) }

// verified is what the first pass establishes.
type verified struct {
	m     Manifest
	cases []caseEntry
}

// caseEntry is one cases/N.json entry as verified: its digest, its bytes
// when kept, and the document entries that follow it.
type caseEntry struct {
	sum  [sha256.Size]byte
	size int64
	raw  []byte // nil when not kept
	docs []docSum
}

// docSum is a docs/<id> entry as verified.
type docSum struct {
	id   string
	size int64
	sum  [sha256.Size]byte
}

// verify is the first pass over the decrypted archive; plain is read to
// its end. It decodes nothing but the manifest and the signature.
func verify(plain io.Reader) (*verified, error) {
	hash := sha512.New()
	tr := transcript{hash}
	ar := tar.NewReader(plain)
	entry := func() (*tar.Header, error) {
		hdr, err := ar.Next()
		if err != nil || hdr.Typeflag != tar.TypeReg || hdr.Size < 0 {
			return nil, ErrCorrupt
		}
		return hdr, nil
	}
	hdr, err := entry()
	if err != nil || hdr.Name != manifestName || hdr.Size > maxManifest {
		return nil, ErrCorrupt
	}
	mb := make([]byte, hdr.Size)
	if _, err := io.ReadFull(ar, mb); err != nil {
		return nil, ErrCorrupt
	}
	tr.add(manifestName, mb)
	var m Manifest
	if err := json.Unmarshal(mb, &m); err != nil || m.Format != formatName {
		return nil, ErrCorrupt
	}
	if m.Version > FormatVersion {
		return nil, ErrNewerVersion
	}
	if m.Version < 1 || len(m.Sender.Verify) != ed25519.PublicKeySize || len(m.Cases) > maxCases {
		return nil, ErrCorrupt
	}
	m.Sender.Name = printable(m.Sender.Name)
	v := &verified{m: m, cases: make([]caseEntry, len(m.Cases))}
	var kept int64
	seen := map[string]bool{}
	hdr, err = entry()
	for i := range m.Cases {
		if err != nil || hdr.Name != caseEntryName(i) || hdr.Size > maxCaseEntry {
			return nil, ErrCorrupt
		}
		ce := &v.cases[i]
		ce.size = hdr.Size
		tr.head(hdr.Name, hdr.Size)
		h := sha256.New()
		w := io.MultiWriter(hash, h)
		if kept+hdr.Size <= keepBudget {
			kept += hdr.Size
			ce.raw = make([]byte, 0, hdr.Size)
			w = io.MultiWriter(hash, h, (*appender)(&ce.raw))
		}
		if n, err := io.Copy(w, ar); err != nil || n != hdr.Size {
			return nil, ErrCorrupt
		}
		h.Sum(ce.sum[:0])
		for hdr, err = entry(); err == nil && strings.HasPrefix(hdr.Name, docPrefix); hdr, err = entry() {
			id := hdr.Name[len(docPrefix):]
			if m.Version < 2 || id == "" || len(id) > 64 || strings.ContainsAny(id, "/\x00") || seen[id] ||
				len(seen) >= maxDocEntries || hdr.Size > model.MaxDocumentBytes {
				return nil, ErrCorrupt
			}
			seen[id] = true
			d := docSum{id: id, size: hdr.Size}
			h := sha256.New()
			if n, err := io.Copy(h, ar); err != nil || n != hdr.Size {
				return nil, ErrCorrupt
			}
			h.Sum(d.sum[:0])
			// The transcript takes a document as its digest (the
			// writer's, from the record; the reader's, from the bytes:
			// the signature holds only if they are the same).
			tr.head(hdr.Name, hdr.Size)
			hash.Write(d.sum[:])
			ce.docs = append(ce.docs, d)
		}
	}
	if err != nil || hdr.Name != signatureName || hdr.Size > 4096 {
		return nil, ErrCorrupt
	}
	sb := make([]byte, hdr.Size)
	if _, err := io.ReadFull(ar, sb); err != nil {
		return nil, ErrCorrupt
	}
	var sig signature
	if err := json.Unmarshal(sb, &sig); err != nil || sig.Alg != "ed25519" ||
		!ed25519.Verify(m.Sender.Verify, signedMessage(hash.Sum(nil)), sig.Sig) {
		return nil, ErrCorrupt
	}
	if _, err := ar.Next(); err != io.EOF {
		return nil, ErrCorrupt
	}
	// age authenticates the last chunk only when it is read: drain.
	if _, err := io.Copy(io.Discard, plain); err != nil {
		return nil, ErrCorrupt
	}
	return v, nil
}

func caseEntryName(i int) string { return casePrefix + strconv.Itoa(i+1) + ".json" }

// appender is a []byte that io.Copy appends to.
type appender []byte

func (a *appender) Write(p []byte) (int, error) {
	*a = append(*a, p...)
	return len(p), nil
}

// decode is the second pass: each case entry decoded under the caps,
// checked on its own (changelog.CheckExport, which refuses clocks from the
// future), and matched with the documents that followed it. reread opens
// the archive again, for entries the first pass did not keep.
func (v *verified) decode(reread func() (io.Reader, error)) ([]changelog.CaseExport, error) {
	out := make([]changelog.CaseExport, 0, len(v.cases))
	budget := maxDecoded
	var ar *tar.Reader
	for i := range v.cases {
		e := &v.cases[i]
		raw := e.raw
		if raw == nil {
			if ar == nil {
				plain, err := reread()
				if err != nil {
					return nil, err
				}
				ar = tar.NewReader(plain)
			}
			var err error
			if raw, err = entryAgain(ar, caseEntryName(i), e); err != nil {
				return nil, err
			}
		}
		e.raw = nil // what is decoded need not be kept twice
		ce, err := decodeCase(raw, &budget)
		if err != nil {
			return nil, ErrCorrupt
		}
		if ce.ID != v.m.Cases[i].ID || ce.Ref != v.m.Cases[i].Ref {
			return nil, ErrCorrupt
		}
		changelog.CleanExport(&ce) // document names: no path, no control character
		if err := changelog.CheckExport(&ce); errors.Is(err, changelog.ErrFutureClock) {
			return nil, ErrFutureClock
		} else if err != nil {
			return nil, ErrCorrupt
		}
		docs := ce.Documents()
		if len(docs) != len(e.docs) {
			return nil, ErrCorrupt
		}
		for j, d := range docs {
			if got := e.docs[j]; got.id != d.ID || got.size != d.Size || hex.EncodeToString(got.sum[:]) != d.SHA256 {
				return nil, ErrCorrupt
			}
		}
		out = append(out, ce)
	}
	return out, nil
}

// entryAgain reads entry name from a second decryption of the file; its
// bytes must be the ones the first pass verified.
func entryAgain(ar *tar.Reader, name string, e *caseEntry) ([]byte, error) {
	for {
		hdr, err := ar.Next()
		if err != nil {
			return nil, ErrCorrupt
		}
		if hdr.Name != name {
			continue // tar skips the entry's bytes
		}
		if hdr.Size != e.size {
			return nil, ErrCorrupt
		}
		b := make([]byte, e.size)
		if _, err := io.ReadFull(ar, b); err != nil || sha256.Sum256(b) != e.sum {
			return nil, ErrCorrupt
		}
		return b, nil
	}
}

// decodeCase decodes one case entry as a stream of tokens: each record
// and history entry is measured as JSON before it is decoded, and counted,
// so that no entry, however built, decodes into more than its caps and
// what is left of budget.
func decodeCase(raw []byte, budget *int64) (changelog.CaseExport, error) {
	var ce changelog.CaseExport
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := delim(dec, '{'); err != nil {
		return ce, err
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok || seen[key] {
			return ce, ErrCorrupt
		}
		seen[key] = true
		switch key {
		case "id":
			err = dec.Decode(&ce.ID)
		case "ref":
			err = dec.Decode(&ce.Ref)
		case "records":
			err = decodeList(dec, maxCaseRecords, maxRecordJSON, budget, &ce.Records)
		case "history":
			err = decodeList(dec, maxCaseHistory, maxChangeJSON, budget, &ce.History)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return ce, ErrCorrupt
		}
	}
	if err := delim(dec, '}'); err != nil {
		return ce, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ce, ErrCorrupt
	}
	return ce, nil
}

// decodeList decodes a JSON array (or null) into out, one element at a
// time: at most max elements, each at most maxJSON bytes, each charged
// decodeCost against budget.
func decodeList[T any](dec *json.Decoder, max, maxJSON int, budget *int64, out *[]T) error {
	t, err := dec.Token()
	if err != nil {
		return ErrCorrupt
	}
	if t == nil {
		return nil
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return ErrCorrupt
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil || len(raw) > maxJSON || len(*out) >= max {
			return ErrCorrupt
		}
		if *budget -= decodeCost(len(raw)); *budget < 0 {
			return ErrCorrupt
		}
		var x T
		if err := json.Unmarshal(raw, &x); err != nil {
			return ErrCorrupt
		}
		*out = append(*out, x)
	}
	return delim(dec, ']')
}

func delim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if d, ok := t.(json.Delim); err != nil || !ok || d != want {
		return ErrCorrupt
	}
	return nil
}

// keyCache is an age identity that remembers the file key it unwrapped,
// so that reading the same file again (the second pass, the documents)
// neither runs scrypt again nor asks for the passphrase. It gives the key
// only for the same recipient stanzas; age still checks the header's MAC
// with it, and every entry read again is checked against the first pass.
type keyCache struct {
	ids []age.Identity

	mu      sync.Mutex
	stanzas [sha256.Size]byte
	key     []byte
}

func newKeyCache(ids []age.Identity) *keyCache { return &keyCache{ids: ids} }

func (k *keyCache) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	h := sha256.New()
	for _, s := range stanzas {
		for _, part := range append([]string{s.Type}, s.Args...) {
			io.WriteString(h, strconv.Itoa(len(part))+":"+part)
		}
		io.WriteString(h, strconv.Itoa(len(s.Body))+":")
		h.Write(s.Body)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.key != nil && sum == k.stanzas {
		return bytes.Clone(k.key), nil
	}
	for _, id := range k.ids {
		key, err := id.Unwrap(stanzas)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		if err != nil {
			return nil, err
		}
		k.key, k.stanzas = bytes.Clone(key), sum
		return key, nil
	}
	return nil, age.ErrIncorrectIdentity
}
