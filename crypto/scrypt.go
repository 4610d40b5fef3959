package crypto

import (
	"sync/atomic"
	"testing"
)

// defaultWorkFactor is age's own default (2^18: 256 MiB and about one second
// on a laptop). It is what the `age -p` tool writes.
const defaultWorkFactor = 18

// maxAcceptedWorkFactor caps the work a key file may demand on unlock
// (2^20: 1 GiB), so a replaced key file cannot exhaust a laptop's memory.
const maxAcceptedWorkFactor = 20

var testWorkFactor atomic.Int32

func workFactor() int {
	if n := testWorkFactor.Load(); n > 0 {
		return int(n)
	}
	return defaultWorkFactor
}

// SetScryptWorkFactorForTests lowers the scrypt work factor of key files
// written afterwards, so that test suites do not spend a second per unlock.
// It panics outside a test binary: a release build can never weaken its
// key files, whatever its flags or environment say.
func SetScryptWorkFactorForTests(logN int) {
	if !testing.Testing() {
		panic("crypto: SetScryptWorkFactorForTests called outside a test")
	}
	testWorkFactor.Store(int32(logN))
}
