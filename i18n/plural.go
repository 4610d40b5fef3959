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
