//go:build !windows

package privtemp

func permsUnenforced() bool { return false }
