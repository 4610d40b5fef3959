package i18n

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// The chosen language wins over the system locale, for Casefile's texts
// and for Fyne's own (a dialog's Cancel button), and "" gives the
// system's back.
func TestSetLanguageOverridesTheSystem(t *testing.T) {
	t.Cleanup(func() { SetLanguage(""); Reload() })
	for _, tt := range []struct {
		system, chosen, want, cancel string
	}{
		{"fr_FR.UTF-8", English, "en", "Cancel"},
		{"en_GB.UTF-8", French, "fr", "Annuler"},
		{"de_DE.UTF-8", French, "fr", "Annuler"},
		{"fr_FR.UTF-8", "", "fr", "Annuler"},
		{"en_US.UTF-8", "", "en", "Cancel"},
	} {
		t.Run(tt.system+"/"+tt.chosen, func(t *testing.T) {
			t.Setenv("LANG", tt.system)
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANGUAGE", "")
			SetLanguage("")
			Reload()
			if err := SetLanguage(tt.chosen); err != nil {
				t.Fatal(err)
			}
			if got := Lang(); got != tt.want {
				t.Errorf("Lang() = %s, want %s", got, tt.want)
			}
			if got := lang.L("Cancel"); got != tt.cancel {
				t.Errorf("Fyne's Cancel = %q, want %q", got, tt.cancel)
			}
			if got := Chosen(); got != tt.chosen {
				t.Errorf("Chosen() = %q", got)
			}
			Reload() // as a test switching LANG does: the choice stays
			if got := Lang(); got != tt.want {
				t.Errorf("after Reload, Lang() = %s, want %s", got, tt.want)
			}
		})
	}
	if err := SetLanguage("de"); err == nil {
		t.Error("German accepted")
	}
}
