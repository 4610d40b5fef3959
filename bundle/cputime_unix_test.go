//go:build unix

package bundle

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far (user and system),
// which, unlike the wall time, other programs on the machine hardly
// change.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
