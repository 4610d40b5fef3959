package i18n

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"casefile/internal/localeenv"
	"casefile/model"
)

//go:embed translations
var translations embed.FS

var initOnce sync.Once

// Init loads the translations and picks the language from the system locale
// (LC_ALL, LC_MESSAGES, LANG, LANGUAGE). The C and POSIX locales, which say
// nothing about a language, read as English instead of making Fyne log a
// parse error. Init is idempotent.
func Init() {
	initOnce.Do(func() {
		localeenv.Normalize()
		if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
			panic(fmt.Sprintf("i18n: embedded translations: %v", err)) // a build defect
		}
	})
}

// T returns the text for key in the current language, with {{.Name}}
// placeholders filled from data (a map or struct), if given.
func T(key string, data ...any) string {
	Init()
	guard.RLock()
	defer guard.RUnlock()
	return lang.LocalizeKey(key, key, data...)
}

// Lang is the language in use: "fr" or "en".
func Lang() string {
	if T("_lang") == "fr" {
		return "fr"
	}
	return "en"
}

// Date formats a civil date as the language writes it: 02/01/2006 in
// French, 2 Jan 2006 in English (never the ambiguous 01/02/2006).
func Date(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	if Lang() == "fr" {
		return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
	}
	return fmt.Sprintf("%d %s %04d", d.Day, d.Month.String()[:3], d.Year)
}

// DateHint is how a date field asks to be filled in ("jj/mm/aaaa").
func DateHint() string { return T("date.hint") }

// ParseDate reads a date as the user typed it in this language's form, or
// as YYYY-MM-DD; impossible dates are refused.
func ParseDate(s string) (model.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return model.Date{}, nil
	}
	// The English display form, so a date shown in a field reads back.
	if t, err := time.Parse("2 Jan 2006", s); err == nil {
		return model.DateOf(t), nil
	}
	return model.ParseLocalDate(s)
}

// Procedure is the translated label of a procedure.
func Procedure(p model.Procedure) string { return T("procedure." + string(p)) }

// Status is the translated label of a case status.
func Status(s model.Status) string { return T("status." + string(s)) }

// Role is the translated label of a related person's role.
func Role(r model.Role) string { return T("role." + string(r)) }

// Reload picks the language again from the environment, for tests and
// screenshot runs that switch LANG within one process. A language chosen
// with SetLanguage still wins.
func Reload() {
	Init()
	guard.Lock()
	defer guard.Unlock()
	localeenv.Normalize()
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		panic(fmt.Sprintf("i18n: embedded translations: %v", err))
	}
	if chosen != "" {
		setupLang(chosen)
	}
}
