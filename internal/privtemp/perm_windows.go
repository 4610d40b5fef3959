//go:build windows

package privtemp

// Windows reports no Unix permission bits; the directory inherits the
// user profile's ACL (%LocalAppData% is private to the user).
func permsUnenforced() bool { return true }
