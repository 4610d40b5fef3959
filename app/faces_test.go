package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/internal/version"
	"casefile/model"
)

// About shows what `casefile version` prints: version, build date, vault
// format, the rules' law-as-of date; once the rules are old, the line
// stands out and the advice to update follows.
func TestAboutShowsVersionAndRulesAge(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	defer func(v, d string, law model.Date, now func() time.Time) {
		version.Version, version.BuildDate, rulesLawAsOf, nowFunc = v, d, law, now
	}(version.Version, version.BuildDate, rulesLawAsOf, nowFunc)
	version.Version, version.BuildDate = "0.2.0", "2026-12-07"
	rulesLawAsOf = model.Date{Year: 2026, Month: time.November, Day: 1}
	nowFunc = func() time.Time { return time.Date(2026, time.December, 8, 12, 0, 0, 0, time.UTC) }
	a := New(test.NewTempApp(t), filepath.Join(t.TempDir(), "vault"))
	w := a.Window()
	a.showAbout()
	for _, want := range []string{"Casefile 0.2.0", "Built: 7 Dec 2026", "Vault format: 1", "Rules: law as of 1 Nov 2026."} {
		labelIn(t, w, want)
	}
	for _, l := range inOverlays[*widget.Label](t, w) {
		if strings.Contains(l.Text, "check for an update") || strings.Contains(l.Text, "are old") {
			t.Fatalf("recent rules called old: %q", l.Text)
		}
	}
	test.Tap(buttonIn(t, w, "Close"))

	nowFunc = func() time.Time { return time.Date(2027, time.July, 2, 12, 0, 0, 0, time.UTC) }
	a.showAbout()
	if l := labelIn(t, w, "the rules are 8 months old — check for an update"); l.Importance != widget.WarningImportance {
		t.Error("stale rules do not stand out")
	}
	labelIn(t, w, "The deadline rules of this version are old")
	test.Tap(buttonIn(t, w, "Copy these lines"))
	if clip := a.fa.Clipboard().Content(); !strings.Contains(clip, "Casefile 0.2.0") || !strings.Contains(clip, a.dir) {
		t.Errorf("copied %q", clip)
	}

	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	a.showAbout()
	labelIn(t, w, "Compilé le : 07/12/2026")
	labelIn(t, w, "les règles ont 8 mois")
}

// The language chosen wins over the system's, at once (the screen is
// drawn again) and at the next start; the system's comes back when
// chosen.
func TestLanguageSwitch(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	t.Cleanup(func() { i18n.SetLanguage(""); i18n.Reload() })
	a, _ := unlockedApp(t, 2)
	a.lockToUnlockScreen("")
	w := a.Window()
	buttonIn(t, w, "Déverrouiller")

	// Help → Langue / Language…, locked.
	a.showLanguage()
	radio := inOverlays[*widget.RadioGroup](t, w)[0]
	radio.SetSelected("English")
	test.Tap(buttonIn(t, w, "Enregistrer"))
	buttonIn(t, w, "Unlock")
	if w.Title() != i18n.T("app.name") || a.fa.Preferences().String(prefLanguage) != "en" {
		t.Fatalf("title %q, preference %q", w.Title(), a.fa.Preferences().String(prefLanguage))
	}
	if menu := w.MainMenu(); menu == nil || menu.Items[0].Label != "File" || menu.Items[1].Label != "Help" {
		t.Fatalf("menu not redrawn: %+v", menu)
	}

	// Unlocked: the settings dialog, back to the system's language.
	wait := waiter(t)
	test.Type(find(t, w, func(e *widget.Entry) bool { return e.Password }), pass)
	test.Tap(buttonIn(t, w, "Unlock"))
	wait()
	if a.Vault() == nil {
		t.Fatal("not unlocked")
	}
	a.showSettings()
	var lang *widget.Select
	for _, s := range inOverlays[*widget.Select](t, w) {
		if strings.HasPrefix(s.Selected, "English") {
			lang = s
		}
	}
	if lang == nil {
		t.Fatal("no language line in the settings, set to English")
	}
	lang.SetSelected("System language (Français)")
	test.Tap(buttonIn(t, w, "Save"))
	buttonIn(t, w, "Nouveau dossier") // the case list, in French
	if a.fa.Preferences().String(prefLanguage) != "" {
		t.Fatal("the system's language is kept as a choice")
	}

	// The next start speaks the language chosen before anything is drawn.
	fa := test.NewTempApp(t)
	fa.Preferences().SetString(prefLanguage, "en")
	b := New(fa, filepath.Join(t.TempDir(), "other"))
	t.Cleanup(b.Lock)
	buttonIn(t, b.Window(), "Create vault")
}

// Every shortcut is in the Help dialog, in the menu beside its item when
// it has one, and in docs/keyboard.md.
func TestShortcutsListedEverywhere(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	a, _ := unlockedApp(t, 1)
	w := a.Window()
	a.showShortcuts()
	doc, err := os.ReadFile(filepath.Join("..", "docs", "keyboard.md"))
	if err != nil {
		t.Fatal(err)
	}
	inMenu := map[string]bool{}
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				inMenu[it.Shortcut.ShortcutName()] = true
			}
		}
	}
	for _, s := range shortcuts() {
		labelIn(t, w, s.keysText())
		labelIn(t, w, i18n.T(s.label))
		if s.key != fyne.KeyF && s.key != fyne.KeyS && s.key != fyne.KeyR && !inMenu[s.desktop().ShortcutName()] {
			t.Errorf("%s is not in the menu", s.keysText())
		}
		line := "| " + s.keysText() + " | " + i18n.T(s.label)
		if !strings.Contains(string(doc), line) {
			t.Errorf("docs/keyboard.md lacks %q", line)
		}
	}
}
