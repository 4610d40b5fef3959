package i18n

import (
	"fmt"
	"strings"
	"sync"
	_ "unsafe" // go:linkname, below

	"fyne.io/fyne/v2/lang"
)

// Languages the user can choose regardless of the system locale.
const (
	French  = "fr"
	English = "en"
)

var (
	// guard orders T's reads of Fyne's localizer against a change of
	// language, which replaces it (background goroutines translate too).
	guard sync.RWMutex
	// chosen is the language set by SetLanguage, "" for the system's.
	chosen string
)

// setupLang is Fyne's own switch of its localizer to one language: every
// text, Casefile's and Fyne's widgets' ("Cancel", "Open" in its file
// dialog), then comes from that language's files. Fyne exports no way to
// pick a language other than the system locale's: its public functions all
// end by reading the locale again, and on Windows that is the Windows
// display language, which no environment variable overrides. The test
// TestSetLanguageOverridesTheSystem fails if a Fyne release renames it.
//
//go:linkname setupLang fyne.io/fyne/v2/lang.setupLang
func setupLang(lang string)

// SetLanguage makes the faces speak lang (French or English) whatever the
// system locale says; "" goes back to the system's language. It takes
// effect for every text translated after it: screens built before keep
// their words until they are built again.
func SetLanguage(l string) error {
	switch l {
	case "", French, English:
	default:
		return fmt.Errorf("i18n: unknown language %q", l)
	}
	Init()
	guard.Lock()
	defer guard.Unlock()
	if l == chosen {
		return nil
	}
	chosen = l
	apply()
	return nil
}

// Chosen is the language SetLanguage set, "" when the system's is used.
func Chosen() string {
	guard.RLock()
	defer guard.RUnlock()
	return chosen
}

// apply points Fyne's localizer at the chosen language, or at the system
// locale's when none is chosen. The caller holds guard.
func apply() {
	if chosen != "" {
		setupLang(chosen)
		return
	}
	// Adding translations makes Fyne read the system locale again.
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		panic(fmt.Sprintf("i18n: embedded translations: %v", err))
	}
}

// SystemLanguage is the language the system locale gives, whatever the
// user chose: French for a French locale, English otherwise.
func SystemLanguage() string {
	// A fyne.Locale is "fr", "fr-FR" or "fr-Latn-FR".
	if l, _, _ := strings.Cut(string(lang.SystemLocale()), "-"); l == French {
		return French
	}
	return English
}
