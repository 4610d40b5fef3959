package cli

import (
	"strings"
	"testing"
	"time"

	"casefile/i18n"
	"casefile/internal/version"
	"casefile/model"
)

func TestVersionCommand(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	defer func(v, d string, law model.Date, clock func() time.Time) {
		version.Version, version.BuildDate, RulesLawAsOf, now = v, d, law, clock
	}(version.Version, version.BuildDate, RulesLawAsOf, now)
	version.Version, version.BuildDate = "0.2.0", "2026-12-07"
	RulesLawAsOf = model.Date{Year: 2026, Month: time.November, Day: 1}

	now = func() time.Time { return time.Date(2026, time.December, 8, 12, 0, 0, 0, time.UTC) }
	out, _, code := run(t, nil, "", "version")
	for _, want := range []string{"Casefile 0.2.0\n", "Built: 7 Dec 2026", "Vault format: 1\n", "Rules: law as of 1 Nov 2026.\n"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("exit %d, output %q: want %q", code, out, want)
		}
	}

	// Eight months later, offline, the same build says to check for an update.
	now = func() time.Time { return time.Date(2027, time.July, 2, 12, 0, 0, 0, time.UTC) }
	out, _, _ = run(t, nil, "", "version")
	if !strings.Contains(out, "the rules are 8 months old — check for an update") {
		t.Errorf("stale rules not flagged: %q", out)
	}

	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	out, _, _ = run(t, nil, "", "version")
	if !strings.Contains(out, "Compilé le : 07/12/2026") || !strings.Contains(out, "les règles ont 8 mois") {
		t.Errorf("French: %q", out)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
}
