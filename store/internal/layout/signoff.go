package layout

import (
	"strings"
	"unicode"

	"casefile/model"
)

// SignOffID names a week's sign-off record: the week ("2026-W49"), or for
// one lawyer the week and a key of the name ("2026-W49.me-anne-roux":
// lower case, each run of other characters than letters and digits a
// hyphen), so that the names the lawyer filter takes as one (case and
// surrounding spaces aside) share one record.
func SignOffID(week model.ISOWeek, lawyer string) string {
	if lawyer == "" {
		return week.String()
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(lawyer)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return week.String() + ".-"
	}
	return week.String() + "." + b.String()
}
