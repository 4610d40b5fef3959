package i18n

import "fyne.io/fyne/v2/lang"

// TPlural returns the text for key in the current language in the plural
// form n calls for (Fyne's lang plurals: French has "one" for 0 and 1,
// "many" and "other"; English "one" and "other"), with {{.N}} set to n and
// the other placeholders filled from data.
func TPlural(key string, n int, data ...map[string]any) string {
	Init()
	d := map[string]any{"N": n}
	for _, m := range data {
		for k, v := range m {
			d[k] = v
		}
	}
	return lang.LocalizePluralKey(key, key, n, d)
}

// TCounts fills key's template for a sentence with several numbers: each
// {{.Name}} of counts becomes the text of key+"."+Name in the plural form
// its own count calls for ({{.N}} set to that count), so every noun agrees
// with its number ("1 fichier ignoré", "3 fichiers ignorés") where a single
// plural form could not. The other placeholders are filled from data.
func TCounts(key string, counts map[string]int, data ...map[string]any) string {
	d := map[string]any{}
	for _, m := range data {
		for k, v := range m {
			d[k] = v
		}
	}
	for name, n := range counts {
		d[name] = TPlural(key+"."+name, n, data...)
	}
	return T(key, d)
}
