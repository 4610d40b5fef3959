package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/letters"
)

// The wizard's meter rates the passphrases the old estimate called very
// strong as very weak or weak, with the time to find them, in both
// languages; a five-word diceware phrase is very strong.
func TestSetupStrengthMeter(t *testing.T) {
	for _, tt := range []struct {
		lang, weak, weakTime, strong, strongTime string
	}{
		{"en_US.UTF-8", "Strength: Very weak — ", "on one computer", "Strength: Very strong — ", "more than a million years"},
		{"fr_FR.UTF-8", "Solidité : Très faible — ", "sur un ordinateur", "Solidité : Très solide — ", "plus d'un million d'années"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			t.Setenv("LANG", tt.lang)
			i18n.Reload()
			a := New(test.NewTempApp(t), filepath.Join(t.TempDir(), "vault"))
			w := a.Window()
			pass := allEntries(t, w)[0]
			test.Type(pass, "P@ssw0rd2024")
			l := label(t, w, tt.weakTime)
			if !strings.HasPrefix(l.Text, tt.weak) {
				t.Errorf("P@ssw0rd2024: %q, want %q…", l.Text, tt.weak)
			}
			pass.SetText("cactus-vernir-glaive-rotule-mousson")
			if !strings.HasPrefix(l.Text, tt.strong) || !strings.Contains(l.Text, tt.strongTime) {
				t.Errorf("diceware: %q, want %q… %q", l.Text, tt.strong, tt.strongTime)
			}
		})
	}
}

// The change-passphrase dialog shows the same meter, and counts the
// clinic's name from the letter settings as a word an attacker tries.
func TestChangePassphraseStrengthUsesClinicName(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	a, _ := unlockedApp(t, 0)
	if err := letters.SaveSender(a.Vault(), letters.Sender{Clinic: "Collectif Tamaris", City: "Vaulx-en-Velin"}); err != nil {
		t.Fatal(err)
	}
	a.showChangePassphrase()
	entries := inOverlays[*widget.Entry](t, a.win)
	if len(entries) != 3 {
		t.Fatalf("%d entries in the dialog", len(entries))
	}
	test.Type(entries[1], "TamarisVaulx2024")
	labels := inOverlays[*widget.Label](t, a.win)
	i := slices.IndexFunc(labels, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Strength: ") })
	if i < 0 {
		t.Fatal("no strength label in the dialog")
	}
	if got := labels[i].Text; !strings.HasPrefix(got, "Strength: Very weak") && !strings.HasPrefix(got, "Strength: Weak") {
		t.Errorf("a passphrase of the clinic's name and city: %q, want weak", got)
	}
}

func TestCrackTime(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	for sec, want := range map[float64]string{
		5:             "under a minute",
		90:            "about 2 minutes",
		3 * 86400:     "about 3 days",
		86400:         "about a day",
		40 * 31557600: "about 40 years",
		5e4 * 3.16e7:  "about 50 thousand years",
		1e20:          "more than a million years",
	} {
		if got := crackTime(sec); got != want {
			t.Errorf("%g s: %q, want %q", sec, got, want)
		}
	}
}
