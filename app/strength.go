package app

import (
	"math"
	"os/user"
	"strconv"

	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/letters"
)

// strengthInputs are the names an attacker who knows the clinic tries first,
// given to the strength estimate: the computer account's login and full
// name, then those given (the user name typed in the wizard), and with a
// vault open, its author and the clinic's letter sender (name, city,
// signatory). Empty ones are left out.
func (a *App) strengthInputs(extra ...string) []string {
	var in []string
	if u, err := user.Current(); err == nil {
		in = append(in, u.Username, u.Name)
	}
	in = append(in, extra...)
	if v := a.Vault(); v != nil {
		in = append(in, v.Author())
		if s, err := letters.LoadSender(v); err == nil {
			in = append(in, s.Clinic, s.City, s.Signatory)
		}
	}
	out := in[:0]
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// showStrength shows an estimate on a meter and its label: the grade, and
// the time one computer needs to find the passphrase ("Weak: about 3 days
// on one computer").
func showStrength(m *strengthMeter, label *widget.Label, e crypto.Estimate, typed bool) {
	m.set(e.Strength, typed)
	level := i18n.T("app.strength." + strconv.Itoa(int(e.Strength)))
	if !typed {
		label.SetText(i18n.T("app.strength.label", map[string]string{"Level": level}))
		return
	}
	label.SetText(i18n.T("strength.label_time", map[string]string{"Level": level, "Time": crackTime(e.Seconds)}))
}

// crackTime says a duration in seconds the way a person does, rounded:
// "about 3 days", "about 40 years", "more than a million years".
func crackTime(sec float64) string {
	const (
		minute = 60.0
		hour   = 60 * minute
		day    = 24 * hour
		month  = 30.44 * day
		year   = 365.25 * day
	)
	units := []struct {
		key  string
		size float64
		upTo float64 // this unit is used below upTo seconds
	}{
		{"minutes", minute, hour},
		{"hours", hour, day},
		{"days", day, month},
		{"months", month, year},
		{"years", year, 1e3 * year},
		{"thousand_years", 1e3 * year, 1e6 * year},
	}
	if sec < minute {
		return i18n.T("strength.time.instant")
	}
	for _, u := range units {
		if sec < u.upTo {
			n := int(math.Round(sec / u.size))
			key := "strength.time." + u.key
			if n <= 1 {
				n, key = 1, key+".one"
			}
			return i18n.T(key, map[string]int{"N": n})
		}
	}
	return i18n.T("strength.time.forever")
}
