package model

import (
	"crypto/rand"
	"fmt"
	"regexp"
)

// A case reference reads like 2026-K7-0042: the year the case was opened,
// the code of the device that opened it, and that device's counter for the
// year. Two laptops that never talk to each other still never hand out the
// same reference, as long as their device codes differ (team sync checks
// codes when a member joins; see docs/vault-format.md).

// deviceCodeAlphabet avoids 0/O and 1/I so a reference read over the phone
// is not misheard.
const deviceCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

var refRe = regexp.MustCompile(`^[0-9]{4}-[2-9A-HJ-NP-Z]{2}-[0-9]{4,}$`)

// NewDeviceCode draws a random two-character device code (1,024 values).
func NewDeviceCode() string {
	var b [2]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return string([]byte{deviceCodeAlphabet[b[0]%32], deviceCodeAlphabet[b[1]%32]})
}

// FormatRef builds the reference for the n-th case (from 1) opened in year
// by the device with code.
func FormatRef(year int, code string, n int) string {
	return fmt.Sprintf("%04d-%s-%04d", year, code, n)
}

// ValidRef reports whether s has the shape of a case reference.
func ValidRef(s string) bool { return refRe.MatchString(s) }
