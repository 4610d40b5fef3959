package crypto

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

	"casefile/crypto/internal/frdict"
)

// Strength grades a passphrase for the strength meter, from 0 (useless) to 4
// (strong).
type Strength int

// The grades, by the time one computer needs to find the passphrase in
// key.pass.age (Estimate.Seconds). A grade stands for what an attacker
// with a thousand computers would still need a thousandth of that time for.
const (
	StrengthVeryWeak   Strength = iota // under a day
	StrengthWeak                       // under a year
	StrengthFair                       // under a thousand years
	StrengthStrong                     // under a million years
	StrengthVeryStrong                 // beyond
)

const (
	day  = 24 * 60 * 60.0
	year = 365.25 * day
)

// gradeLimits are the upper bounds, in seconds, of the grades below
// StrengthVeryStrong.
var gradeLimits = [...]float64{day, year, 1e3 * year, 1e6 * year}

// guessSeconds is what one guess costs at defaultWorkFactor: one scrypt
// derivation on one core and a failed unwrap, as BenchmarkPassphraseGuess
// measured it (docs/passphrase.md). An attacker on other hardware may be a
// few times faster; the grades are a thousandfold apart.
const guessSeconds = 1.0

// computerCores is "one computer" of the time shown: a desktop running this
// many derivations at once (each needs 256 MiB at defaultWorkFactor).
const computerCores = 8

// maxEstimateRunes bounds the work of an estimate: zxcvbn's matching grows
// with the square of the length. A longer passphrase is rated on its start,
// which can only understate it.
const maxEstimateRunes = 100

// Estimate is how hard a passphrase is to guess.
type Estimate struct {
	Strength Strength
	// Guesses is zxcvbn's estimate of the guesses an attacker trying the
	// likeliest passphrases first needs.
	Guesses float64
	// Seconds is the time those guesses take one computer against
	// key.pass.age at the scrypt cost Casefile writes (it may exceed what a
	// time.Duration holds).
	Seconds float64
}

// EstimateStrength rates a passphrase with zxcvbn (the Dropbox estimator:
// dictionaries, keyboard runs, dates, repeats, sequences, l33t), given the
// French words of frdict and userInputs (the user's and the clinic's names,
// anything an attacker who knows them would try first) as dictionaries, and
// converts its guess count into time at the vault's scrypt cost. It neither
// keeps nor logs the passphrase.
func EstimateStrength(passphrase string, userInputs ...string) Estimate {
	if passphrase == "" {
		return Estimate{}
	}
	if utf8.RuneCountInString(passphrase) > maxEstimateRunes {
		passphrase = string([]rune(passphrase)[:maxEstimateRunes])
	}
	r := zxcvbn.PasswordStrength(passphrase, dictionary(userInputs))
	// zxcvbn gives a zero count for invalid UTF-8 (which an entry never holds).
	guesses := max(r.Guesses, 1)
	return estimateFor(guesses, defaultWorkFactor)
}

// estimateFor converts a guess count into time and grade at scrypt work
// factor logN.
func estimateFor(guesses float64, logN int) Estimate {
	perGuess := guessSeconds * float64(uint64(1)<<logN) / float64(uint64(1)<<defaultWorkFactor)
	e := Estimate{Guesses: guesses, Seconds: guesses * perGuess / computerCores}
	e.Strength = StrengthVeryStrong
	for i, limit := range gradeLimits {
		if e.Seconds < limit {
			e.Strength = Strength(i)
			break
		}
	}
	return e
}

// dictionary is zxcvbn's user-inputs dictionary, ranked by position: the
// user inputs (each whole and part by part, in the spellings of
// frdict.Variants), then frdict's words. zxcvbn keeps the last rank of a
// repeated word, so repeats are left out.
func dictionary(userInputs []string) []string {
	french := frdict.Ranked(time.Now().Year())
	var own []string
	seen := map[string]bool{}
	for _, in := range userInputs {
		for _, part := range append([]string{in}, strings.FieldsFunc(in, isNameSeparator)...) {
			for _, v := range frdict.Variants(part) {
				if !seen[v] {
					seen[v] = true
					own = append(own, v)
				}
			}
		}
	}
	if len(own) == 0 {
		return french
	}
	out := make([]string, 0, len(own)+len(french))
	out = append(out, own...)
	for _, w := range french {
		if !seen[w] {
			out = append(out, w)
		}
	}
	return out
}

// isNameSeparator splits "Vaulx-en-Velin" and "d'Ornano" into their parts.
func isNameSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("-'’,.", r)
}
