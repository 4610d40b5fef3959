// Command hookprobe calls crypto.SetScryptWorkFactorForTests from an
// ordinary (non-test) binary. It must panic: TestTestHookRefusedOutsideTests
// builds and runs it to prove that no release build can weaken key files.
package main

import "casefile/crypto"

func main() {
	crypto.SetScryptWorkFactorForTests(1)
	println("hook accepted")
}
