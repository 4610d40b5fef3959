package crypto

import (
	"errors"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"casefile/internal/atomicfile"
)

// BenchmarkPassphraseGuess measures what one guess costs an attacker who has
// copied key.pass.age: one scrypt derivation at the work factor Casefile
// writes (not the lowered one of the tests), then a failed unwrap. Its
// cpu-s/op (the time with a core to itself) is the guessSeconds of
// strength.go (docs/passphrase.md).
func BenchmarkPassphraseGuess(b *testing.B) {
	dir := b.TempDir()
	mk, err := NewMasterKey()
	if err != nil {
		b.Fatal(err)
	}
	r, err := age.NewScryptRecipient("the real passphrase of this vault")
	if err != nil {
		b.Fatal(err)
	}
	r.SetWorkFactor(defaultWorkFactor)
	ct, err := seal(encodeKeyPayload(mk), r)
	if err != nil {
		b.Fatal(err)
	}
	if err := atomicfile.Write(filepath.Join(dir, PassFile), ct, 0o600); err != nil {
		b.Fatal(err)
	}
	cpu := processCPUSeconds()
	for b.Loop() {
		if _, err := UnlockPassphrase(dir, "a wrong guess"); !errors.Is(err, ErrWrongPassphrase) {
			b.Fatalf("guess: %v", err)
		}
	}
	if cpu > 0 {
		b.ReportMetric((processCPUSeconds()-cpu)/float64(b.N), "cpu-s/op")
	}
}
