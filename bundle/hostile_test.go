package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"casefile/changelog"
	"casefile/crypto"
	"casefile/i18n"
	"casefile/internal/alloctest"
	"casefile/model"
)

// hostileCase is a case entry of n empty records: `{}` is 3 bytes in the
// file and a whole changelog.ExportRecord (with its slice growth) once decoded.
func hostileCase(id, ref string, n int) []byte {
	var b bytes.Buffer
	b.Grow(3*n + 100)
	b.WriteString(`{"id":"` + id + `","ref":"` + ref + `","records":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{}")
	}
	b.WriteString(`],"history":[]}`)
	return b.Bytes()
}

// hostileBundle writes a bundle of one case entry caseJSON to to. With
// forged set, the manifest names a sender whose key did not sign it (what
// anyone who knows the victim's public key can write); otherwise the
// attacker signs with a key of its own, which a bundle from a stranger
// legitimately carries.
func hostileBundle(t testing.TB, to age.Recipient, caseJSON []byte, id, ref string, forged bool) []byte {
	t.Helper()
	mallory, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	sender := mallory.Public("Mallory")
	if forged {
		other, _ := crypto.NewIdentity()
		sender = other.Public("Someone trusted")
	}
	sent := false
	var buf bytes.Buffer
	err = writeBundle(&buf, Options{To: []age.Recipient{to}, Signer: mallory, Sender: sender, Device: "mallory", Now: time.Now()},
		func() ([]CaseRef, error) { return []CaseRef{{ID: id, Ref: ref}}, nil },
		func() (*encodedCase, error) {
			if sent {
				return nil, nil
			}
			sent = true
			return &encodedCase{ref: ref, json: caseJSON}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHostileBundleVerifiedBeforeDecoding: a bundle of a million empty
// records (3 MB), encrypted to the victim's public key, is refused before
// a record is decoded. Unsigned (forged sender), it costs one pass of
// hashing; signed by a stranger, the record cap stops it. Before, Read
// decoded every record first: about 200 MB allocated for this file (the
// issue's 60 MB file took 4.95 GB).
func TestHostileBundleVerifiedBeforeDecoding(t *testing.T) {
	me, _ := crypto.NewIdentity()
	id, ref := uuid.Must(uuid.NewV7()).String(), "2026-0001"
	caseJSON := hostileCase(id, ref, 1_000_000)
	for _, forged := range []bool{true, false} {
		t.Run("forged="+strconv.FormatBool(forged), func(t *testing.T) {
			file := hostileBundle(t, me.Hybrid.Recipient(), caseJSON, id, ref, forged)
			var err error
			n := alloctest.Bytes(func() { _, err = Read(bytes.NewReader(file), me.AgeIdentities(), nil) })
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want ErrCorrupt", err)
			}
			// The entry's bytes, held once, plus the buffers of age and
			// tar: never a decoded record per byte of the file. Signed,
			// the records up to the cap are decoded (about 700 bytes of
			// allocation each, through json.Decoder), then refused.
			limit := uint64(4*len(caseJSON) + 8<<20)
			if !forged {
				limit += maxCaseRecords << 10
			}
			t.Logf("%d bytes of records: %.1f MiB allocated (limit %.1f MiB)", len(caseJSON), float64(n)/(1<<20), float64(limit)/(1<<20))
			if alloctest.Counted && n > limit {
				t.Fatalf("reading a hostile bundle allocated %d bytes, over %d", n, limit)
			}
		})
	}
}

// TestWriteAttackBundle writes the attack, full size, for a memory
// measurement of `casefile import` (docs/security.md): 20 million empty
// records (60 MB) in one unsigned bundle to the age recipient in
// CASEFILE_ATTACK_TO, written to CASEFILE_ATTACK_OUT.
//
//	CASEFILE_ATTACK_TO=$(casefile key show | head -1) CASEFILE_ATTACK_OUT=/tmp/attack.casefile.age \
//	  go test -tags migrated_fynedo -run TestWriteAttackBundle ./bundle/
func TestWriteAttackBundle(t *testing.T) {
	out, to := os.Getenv("CASEFILE_ATTACK_OUT"), os.Getenv("CASEFILE_ATTACK_TO")
	if out == "" || to == "" {
		t.Skip("set CASEFILE_ATTACK_OUT and CASEFILE_ATTACK_TO to write the full-size attack")
	}
	rs, err := Recipients([]string{to})
	if err != nil {
		t.Fatal(err)
	}
	n := 20_000_000
	if s := os.Getenv("CASEFILE_ATTACK_RECORDS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	id, ref := uuid.Must(uuid.NewV7()).String(), "2026-0001"
	file := hostileBundle(t, rs[0], hostileCase(id, ref, n), id, ref, os.Getenv("CASEFILE_ATTACK_SIGNED") == "")
	if err := os.WriteFile(out, file, 0o600); err != nil {
		t.Fatal(err)
	}
}

// resign writes cases as a bundle signed by a stranger's key (the
// manifest names it): what anyone who altered a bundle can send.
func resign(t testing.TB, to age.Recipient, cases []changelog.CaseExport) []byte {
	t.Helper()
	mallory, _ := crypto.NewIdentity()
	var buf bytes.Buffer
	if err := Write(&buf, Options{To: []age.Recipient{to}, Signer: mallory, Sender: mallory.Public("Mallory"), Device: "d", Now: time.Now()}, cases); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFutureClockBundleRefused: a re-signed bundle whose operation is
// dated 2100 is refused with its own message (the sync horizon,
// changelog.MaxClockSkew); before, it was read and its value outranked every
// later edit.
func TestFutureClockBundleRefused(t *testing.T) {
	_, ex := sender(t, 1)
	me, _ := crypto.NewIdentity()
	ce := ex[0]
	h := model.HLCAt(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	for i, r := range ce.Records {
		if r.Kind == changelog.KindCase {
			var data map[string]json.RawMessage
			json.Unmarshal(r.Data, &data)
			data["prefecture"] = json.RawMessage(`"Préfecture de l'an 2100"`)
			ce.Records[i].Data, _ = json.Marshal(data)
			ce.Records[i].Ver["prefecture"] = h
			ce.History = append(ce.History, changelog.ExportChange{HLC: h, Device: "d-mallory", Author: "Mallory",
				Ops: []changelog.Op{{Entity: changelog.KindCase, ID: r.ID, Field: "prefecture", Value: data["prefecture"]}}})
		}
	}
	_, err := Read(bytes.NewReader(resign(t, me.Hybrid.Recipient(), []changelog.CaseExport{ce})), me.AgeIdentities(), nil)
	if !errors.Is(err, ErrFutureClock) {
		t.Fatalf("got %v, want ErrFutureClock", err)
	}
	for _, l := range []string{"fr_FR.UTF-8", "en_US.UTF-8"} {
		t.Setenv("LANG", l)
		i18n.Reload()
		if msg := i18n.Error(err); msg == "bundle.err.future_clock" || !strings.Contains(msg, "24") {
			t.Errorf("%s: message %q", l, msg)
		}
	}
}

// TestReadAgainWhenNotKept: above keepBudget the second pass decrypts the
// file again (once, the passphrase asked once) and reads the same cases;
// a file replaced between the passes is refused, not read.
func TestReadAgainWhenNotKept(t *testing.T) {
	old := keepBudget
	keepBudget = 0
	t.Cleanup(func() { keepBudget = old })
	v, ex, _ := withDocuments(t, 300<<10, 0, 10)
	asked := 0
	pass := func() (string, error) { asked++; return "one-off passphrase", nil }
	scrypt, _ := PassphraseRecipient("one-off passphrase")
	file := writeDocs(t, v, ex, scrypt)
	b, err := Read(bytes.NewReader(file), nil, pass)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(ex)
	got, _ := json.Marshal(b.Cases)
	if !bytes.Equal(want, got) || asked != 1 {
		t.Fatalf("cases differ, or the passphrase was asked %d times", asked)
	}
	n := 0
	if err := b.Documents(func(string, io.Reader) error { n++; return nil }); err != nil || n != 3 || asked != 1 {
		t.Fatalf("documents: %v, %d of 3, passphrase asked %d times", err, n, asked)
	}

	me, _ := crypto.NewIdentity()
	first := writeDocs(t, v, ex, me.Hybrid.Recipient())
	// The same cases with a name changed in the record and in the history
	// alike: valid, same ids and sizes, other bytes.
	var f model.Person
	for _, r := range ex[0].Records {
		if r.Kind == changelog.KindPerson {
			json.Unmarshal(r.Data, &f)
		}
	}
	name, _ := json.Marshal(f.FamilyName)
	forged := bytes.Repeat([]byte("X"), len(name)-2)
	raw, _ := json.Marshal(ex)
	raw = bytes.ReplaceAll(raw, name, []byte(`"`+string(forged)+`"`))
	var ex2 []changelog.CaseExport
	if err := json.Unmarshal(raw, &ex2); err != nil {
		t.Fatal(err)
	}
	other := writeDocs(t, v, ex2, me.Hybrid.Recipient())
	src := &swapOnSeek{first: first, then: other}
	if bb, err := Read(src, me.AgeIdentities(), nil); !errors.Is(err, ErrCorrupt) || bb != nil {
		t.Fatalf("file swapped between the passes: %v", err)
	}
}

// swapOnSeek serves first until it is rewound, then another file.
type swapOnSeek struct {
	first, then []byte
	r           *bytes.Reader
	seeks       int
}

func (s *swapOnSeek) Read(p []byte) (int, error) {
	if s.r == nil {
		s.r = bytes.NewReader(s.first)
	}
	return s.r.Read(p)
}

func (s *swapOnSeek) Seek(off int64, whence int) (int64, error) {
	s.seeks++
	s.r = bytes.NewReader(s.then)
	return s.r.Seek(off, whence)
}

// TestDecodeBudget: the cases of one bundle decode into at most
// maxDecoded (estimated): one budget for the whole bundle, not per case.
func TestDecodeBudget(t *testing.T) {
	v, ex := sender(t, 4)
	me, _ := crypto.NewIdentity()
	file := write(t, v, ex, false, me.Hybrid.Recipient())
	var need int64
	for i := range ex {
		for _, r := range ex[i].Records {
			b, _ := json.Marshal(r)
			need += decodeCost(len(b))
		}
		for _, c := range ex[i].History {
			b, _ := json.Marshal(c)
			need += decodeCost(len(b))
		}
	}
	old := maxDecoded
	t.Cleanup(func() { maxDecoded = old })
	maxDecoded = need + need/10 // JSON spacing aside, about the cost
	if _, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil); err != nil {
		t.Fatalf("within the budget: %v", err)
	}
	maxDecoded = need * 3 / 4 // the last case does not fit
	if _, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("over the budget: %v", err)
	}
}
