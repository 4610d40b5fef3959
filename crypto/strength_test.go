package crypto

import (
	"strings"
	"testing"

	"casefile/fakeclinic"
)

// The passphrases the old estimate rated "very strong" (73 bits) or
// strong: a l33t password with a year, a city with its postcode, a month
// with a year.
func TestStrengthNotFooledByFrenchPatterns(t *testing.T) {
	for _, p := range []string{"P@ssw0rd2024", "Marseille13008", "Juillet2024?"} {
		t.Run(p, func(t *testing.T) {
			e := EstimateStrength(p)
			if e.Strength > StrengthFair {
				t.Errorf("grade %d (%.2g guesses, %.2g s), want weak or fair", e.Strength, e.Guesses, e.Seconds)
			}
		})
	}
}

// Five words drawn with dice from a 7,776-word list (about 2^64 choices)
// and long random passphrases are strong whatever their words.
func TestStrengthOfGenuinelyStrongPassphrases(t *testing.T) {
	for _, p := range []string{
		"cactus-vernir-glaive-rotule-mousson", // diceware, French words
		"crayon tribu lampion fougue obliger",
		"unwed-shrank-purist-gallon-dizzy", // EFF long list
		"q7#Lv!2mZr9@xPe4",                 // random characters
	} {
		t.Run(p, func(t *testing.T) {
			e := EstimateStrength(p)
			if e.Strength < StrengthStrong {
				t.Errorf("grade %d (%.2g guesses, %.2g s), want strong", e.Strength, e.Guesses, e.Seconds)
			}
		})
	}
}

func TestStrengthGrades(t *testing.T) {
	tests := []struct {
		p               string
		atLeast, atMost Strength
	}{
		{"", StrengthVeryWeak, StrengthVeryWeak},
		{"password123", StrengthVeryWeak, StrengthVeryWeak},
		{"motdepasse1", StrengthVeryWeak, StrengthVeryWeak},
		{"azertyuiop", StrengthVeryWeak, StrengthVeryWeak},
		{"aaaaaaaaaaaaaaaa", StrengthVeryWeak, StrengthVeryWeak},
		{"abcdefghijklmnop", StrengthVeryWeak, StrengthWeak},
		{"Tr0mb0ne!", StrengthVeryWeak, StrengthWeak},
		{"Saint-Etienne42", StrengthVeryWeak, StrengthWeak},
		{"nathalie1975", StrengthVeryWeak, StrengthVeryWeak},
		{"rivière lente sous les ponts de Lyon", StrengthStrong, StrengthVeryStrong},
	}
	for _, tt := range tests {
		t.Run(tt.p, func(t *testing.T) {
			e := EstimateStrength(tt.p)
			if e.Strength < tt.atLeast || e.Strength > tt.atMost {
				t.Errorf("grade %d (%.2g guesses), want %d..%d", e.Strength, e.Guesses, tt.atLeast, tt.atMost)
			}
		})
	}
}

// The user's and the clinic's names are the first words an attacker who
// knows them tries: a passphrase built on them rates strong without them
// and weak with them.
func TestStrengthUserInputs(t *testing.T) {
	lawyer := strings.TrimPrefix(fakeclinic.Lawyers[2], "Me ") // Hélène Marchetti
	clinic := "Collectif Tamaris"
	for _, p := range []string{"TamarisMarchetti2019", "helenemarchettitamaris"} {
		t.Run(p, func(t *testing.T) {
			without, with := EstimateStrength(p), EstimateStrength(p, lawyer, clinic)
			if without.Strength < StrengthStrong || with.Strength > StrengthWeak {
				t.Errorf("grade %d without the names, %d with them; want strong, then weak at most", without.Strength, with.Strength)
			}
		})
	}
}

// The estimate of a pasted novel stays quick: it is rated on its start.
func TestStrengthLongInputBounded(t *testing.T) {
	e := EstimateStrength(strings.Repeat("tout le monde ", 5000))
	if e.Guesses <= 0 {
		t.Fatalf("estimate %+v", e)
	}
}

func TestEstimateScalesWithScryptCost(t *testing.T) {
	a, b := estimateFor(1e6, defaultWorkFactor), estimateFor(1e6, defaultWorkFactor+1)
	if b.Seconds != 2*a.Seconds {
		t.Errorf("work factor +1: %g s, want twice %g s", b.Seconds, a.Seconds)
	}
	if got := estimateFor(1, defaultWorkFactor).Seconds; got != guessSeconds/computerCores {
		t.Errorf("one guess: %g s, want %g", got, guessSeconds/computerCores)
	}
}

func BenchmarkEstimateStrength(b *testing.B) {
	for b.Loop() {
		EstimateStrength("rivière lente sous les ponts de Lyon", "Hélène Marchetti", "Permanence juridique")
	}
}
