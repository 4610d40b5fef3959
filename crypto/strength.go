package crypto

import (
	"math"
	"strings"
	"unicode"
)

// Strength grades a passphrase for the strength meter, from 0 (useless) to 4
// (strong).
type Strength int

// The grades, with the rough guessing effort they stand for once scrypt's
// one second per guess is counted in.
const (
	StrengthVeryWeak   Strength = iota // < 2^28 guesses
	StrengthWeak                       // < 2^40
	StrengthFair                       // < 2^52
	StrengthStrong                     // < 2^64
	StrengthVeryStrong                 // beyond
)

// EstimateStrength estimates a passphrase's entropy in bits and grades it.
// It is deliberately pessimistic: it counts the alphabet the characters come
// from, then takes off for repeats, runs (abcd, 1234) and a few words every
// cracker tries first. Long passphrases of several words score best, which
// is the advice the set-up wizard gives.
func EstimateStrength(p string) (Strength, float64) {
	runes := []rune(p)
	if len(runes) == 0 {
		return StrengthVeryWeak, 0
	}
	var lower, upper, digit, symbol, other bool
	for _, r := range runes {
		switch {
		case r < 128 && unicode.IsLower(r):
			lower = true
		case r < 128 && unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		case r < 128:
			symbol = true
		default:
			other = true
		}
	}
	pool := 0
	for _, c := range []struct {
		on   bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {symbol, 33}, {other, 100}} {
		if c.on {
			pool += c.size
		}
	}
	// Characters that repeat or continue a run add little.
	effective := 0.0
	for i, r := range runes {
		switch {
		case i > 0 && r == runes[i-1]:
			effective += 0.1
		case i > 0 && (r == runes[i-1]+1 || r == runes[i-1]-1):
			effective += 0.3
		default:
			effective++
		}
	}
	bits := effective * math.Log2(float64(pool))
	low := strings.ToLower(p)
	for _, w := range commonWords {
		if strings.Contains(low, w) {
			bits -= float64(len(w)) * math.Log2(float64(pool)) * 0.8
		}
	}
	if bits < 0 {
		bits = 0
	}
	switch {
	case bits < 28:
		return StrengthVeryWeak, bits
	case bits < 40:
		return StrengthWeak, bits
	case bits < 52:
		return StrengthFair, bits
	case bits < 64:
		return StrengthStrong, bits
	}
	return StrengthVeryStrong, bits
}

var commonWords = []string{
	"password", "motdepasse", "azerty", "qwerty", "123456", "admin", "casefile",
	"bonjour", "soleil", "avocat", "cabinet", "france", "paris", "secret", "letmein",
}
