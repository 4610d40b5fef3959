//go:build unix

package crypto

import "syscall"

// processCPUSeconds is the CPU time (user and system) this process has used:
// on a machine shared with other work, it is what one derivation costs
// when it has a core to itself, which the wall clock is not.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
