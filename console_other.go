//go:build !windows

package main

// releaseOwnConsole matters on Windows only (see console_windows.go).
func releaseOwnConsole() {}
