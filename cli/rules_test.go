package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"casefile/i18n"
	"casefile/model/deadline"
)

// inFrench runs the rest of the test with a French locale.
func inFrench(t *testing.T) {
	t.Cleanup(i18n.Reload) // after the variables below are restored
	t.Setenv("LC_ALL", "fr_FR.UTF-8")
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
}

func TestRulesJSON(t *testing.T) {
	out, stderr, code := run(t, nil, "", "rules", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rules []map[string]any
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules) != len(deadline.Rules()) {
		t.Fatalf("%d rules, want %d", len(rules), len(deadline.Rules()))
	}
	for _, r := range rules {
		for _, k := range []string{"id", "label", "trigger", "duration", "unit", "franc", "extends", "legal_aid", "filing", "basis", "regime", "status", "note", "sources"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("rule %v lacks %q", r["id"], k)
			}
		}
	}
	if rules[2]["id"] != "oqtf-48h" || rules[2]["unit"] != "hours" || rules[2]["franc"] != false {
		t.Fatalf("third rule: %v", rules[2])
	}
}

func TestRulesText(t *testing.T) {
	out, _, code := run(t, nil, "", "rules")
	if code != 0 {
		t.Fatal(code)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "RULE") || !strings.Contains(out, "oqtf-1m") {
		t.Fatalf("%s", out)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "naturalisation-recours-silence-4m ") && !strings.Contains(l, "⚠ NOT VERIFIED") {
			t.Fatalf("unverified rule not marked: %q", l)
		}
	}
}

func TestDeadlineJSON(t *testing.T) {
	tests := []struct {
		args                 []string
		due, trigger, regime string
	}{
		{[]string{"contentieux-2m", "2026-01-03"}, "2026-03-04", "2026-01-03", ""},
		{[]string{"oqtf-48h", "2026-01-09T18:00"}, "2026-01-11T18:00", "2026-01-09T18:00", "decisions taken from 15 Jul 2024 (loi 2024-42, décret 2024-799)"},
		// Good Friday and Easter Monday in Alsace-Moselle.
		{[]string{"contentieux-2m", "2026-02-02", "--region", "alsace-moselle"}, "2026-04-07", "2026-02-02", ""},
		{[]string{"oqtf-1m", "2026-01-09", "--legal-aid-requested", "2026-01-20", "--legal-aid-decided", "02/03/2026"}, "2026-04-03", "2026-01-09",
			"decisions taken from 15 Jul 2024 (loi 2024-42, décret 2024-799)"},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, nil, "", append([]string{"deadline", "--json"}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		var got struct {
			Rule, Trigger, Due, Basis, Status, Regime string
			Explanation                               []string
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Rule != tt.args[0] || got.Due != tt.due || got.Trigger != tt.trigger || got.Basis == "" ||
			got.Status == "" || got.Regime != tt.regime || len(got.Explanation) < 5 {
			t.Errorf("%v: %+v", tt.args, got)
		}
		if !strings.HasPrefix(got.Explanation[0], "Rule "+tt.args[0]) {
			t.Errorf("explanation not in English: %q", got.Explanation[0])
		}
	}
}

func TestDeadlineTextInFrench(t *testing.T) {
	inFrench(t)
	out, stderr, code := run(t, nil, "", "deadline", "contentieux-2m", "2026-01-03")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "04/03/2026" {
		t.Fatalf("first line %q", lines[0])
	}
	if !strings.Contains(out, "Lecture A (art. 641 CPC)") || !strings.Contains(out, "samedi 03/01/2026") {
		t.Fatalf("explanation not in French:\n%s", out)
	}
	if last := lines[len(lines)-1]; last != "contentieux-2m · CJA art. R421-1 · ◐ source secondaire" {
		t.Fatalf("last line %q", last)
	}
	out, _, _ = run(t, nil, "", "deadline", "oqtf-48h", "2026-03-27T18:00")
	if first := strings.SplitN(out, "\n", 2)[0]; first != "29/03/2026 18:00 CEST" {
		// 48 hours across the spring clock change: the wall clock (18:00)
		// is earlier than the elapsed time (19:00).
		t.Fatalf("hour rule: %q", first)
	}
	out, _, _ = run(t, nil, "", "deadline", "naturalisation-recours-silence-4m", "2026-01-03")
	if !strings.Contains(out, "⚠ NON VÉRIFIÉ") {
		t.Fatalf("unverified rule not marked:\n%s", out)
	}
	_, stderr, code = run(t, nil, "", "deadline", "oqtf-1m", "2026-02-30")
	if code != ExitInvalid || !strings.Contains(stderr, "n'est pas une date de départ") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

// Neither command needs a vault; mistakes get a clear message and the
// documented exit code.
func TestDeadlineErrors(t *testing.T) {
	noVault := filepath.Join(t.TempDir(), "none")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"deadline", "oqtf-2m", "2026-01-09"}, ExitInvalid, "Unknown rule “oqtf-2m”"},
		{[]string{"deadline", "oqtf-1m", "09/01/2026"}, ExitInvalid, "is not a trigger date"},
		{[]string{"deadline", "oqtf-48h", "2026-01-09"}, ExitInvalid, "YYYY-MM-DDTHH:MM"},
		{[]string{"deadline", "oqtf-1m", "2026-01-09T10:00"}, ExitInvalid, "is not a trigger date"},
		{[]string{"deadline", "oqtf-1m", "2024-03-01"}, ExitInvalid, "does not apply to this decision"},
		{[]string{"deadline", "oqtf-1m", "2026-01-09", "--decided", "2024-07-01"}, ExitInvalid, "does not apply to this decision"},
		{[]string{"deadline", "oqtf-1m", "2026-01-09", "--legal-aid-decided", "2026-01-20"}, ExitInvalid, "cannot be computed"},
		{[]string{"deadline", "oqtf-1m", "2026-01-09", "--region", "corse"}, ExitUsage, "Unknown region “corse”"},
		{[]string{"deadline", "oqtf-1m"}, ExitUsage, "RULE-ID and TRIGGER"},
		{[]string{"deadline", "oqtf-1m", "2026-01-09", "--decided", "hier"}, ExitInvalid, "is not a date"},
		{[]string{"rules", "extra"}, ExitUsage, "no argument"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, nil, "", append([]string{"--vault", noVault}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
