package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// event add asks for the situation of a removal order, a transfer, a house
// arrest or a ban on return; said unknown, the 48 hours are planned (from
// 00:00 without a time) and flagged; once recorded, the situation's delay.
func TestEventAddRequiresTheSituation(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"removal-order","lawyer":"Me Test","person":{"family_name":"Diallo"}}`)
	cmd := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	for _, decision := range []string{"removal-order", "removal-order-no-departure", "dublin-transfer", "house-arrest", "irtf"} {
		_, stderr, code := cmd("event", "add", ref, "--kind", "decision_notified", "--date", "2025-03-07", "--decision", decision)
		if code != ExitInvalid || !strings.Contains(stderr, "situation") {
			t.Fatalf("%s without --situation: code %d, %q", decision, code, stderr)
		}
	}
	if d := deadlinesOf(t, vault, ref); len(d) != 0 {
		t.Fatalf("a refused event planned deadlines: %v", d)
	}
	id, stderr, code := cmd("event", "add", ref, "--kind", "decision_notified", "--date", "2025-03-07", "--decision", "removal-order",
		"--situation", "unknown")
	if code != 0 {
		t.Fatalf("--situation unknown: %d %s", code, stderr)
	}
	out, _, _ := cmd("deadlines", ref, "--json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("rows %s %v", out, err)
	}
	r := rows[0]
	if r["rule_id"] != "oqtf-48h" || r["needs_situation"] != true || !strings.HasPrefix(r["due_at"].(string), "2025-03-09T00:00:00+01:00") {
		t.Fatalf("unknown situation planned %v", r)
	}
	text, _, _ := cmd("deadlines", ref)
	if !strings.Contains(text, "SITUATION") {
		t.Errorf("the text list does not ask for the situation:\n%s", text)
	}
	// Recorded under house arrest: CAA Lyon's 7 days, Friday 14 March 2025.
	if _, stderr, code := cmd("event", "set", strings.TrimSpace(id), "--situation", "house_arrest"); code != 0 {
		t.Fatalf("event set: %s", stderr)
	}
	d := deadlinesOf(t, vault, ref)
	if r := d["oqtf-7d"]; r.Due != "2025-03-14" || r.Status != "open" {
		t.Errorf("oqtf-7d %+v", r)
	}
	if r := d["oqtf-48h"]; r.Status != "cancelled" {
		t.Errorf("the 48 hours were not cancelled: %+v", r)
	}
}

// casefile rules --json lists every rule of issue 16 with its basis, status
// and readable sources; casefile deadline computes each, and names both
// readings of oqtf-7d.
func TestRulesAndDeadlineForIssue16(t *testing.T) {
	out, stderr, code := run(t, passEnv(), "", "rules", "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var rules []map[string]any
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, r := range rules {
		byID[r["id"].(string)] = r
	}
	triggers := map[string]string{
		"oqtf-7d": "2025-03-07", "assignation-7j": "2025-03-07", "dublin-transfert-7j": "2025-03-07", "dublin-transfert-48h": "2025-03-07T10:00",
		"retention-contestation": "2025-03-07T10:00", "retention-appel": "2025-03-07T10:00", "irtf": "2025-03-07", "motifs-implicite": "2025-03-07",
		"aj-contestation": "2025-03-07", "refere-liberte-appel-15j": "2025-03-07", "ofpra-21j": "2025-03-07",
	}
	for id, trigger := range triggers {
		r, ok := byID[id]
		if !ok {
			t.Errorf("rules --json lacks %s", id)
			continue
		}
		srcs, _ := r["sources"].([]any)
		if r["basis"] == "" || r["status"] == "" || len(srcs) == 0 || r["law_as_of"] != "2025-11-30" {
			t.Errorf("%s: basis %v status %v sources %v law %v", id, r["basis"], r["status"], srcs, r["law_as_of"])
		}
		for _, s := range srcs {
			if c := s.(map[string]any)["cite"].(string); c == "" || strings.HasPrefix(c, "S") && len(c) < 5 {
				t.Errorf("%s: source %q", id, c)
			}
		}
		out, stderr, code := run(t, passEnv(), "", "deadline", id, trigger, "--json")
		if code != 0 {
			t.Errorf("deadline %s %s: %s", id, trigger, stderr)
		}
		if !strings.Contains(out, `"due"`) {
			t.Errorf("deadline %s: %s", id, out)
		}
	}
	out, _, _ = run(t, passEnv(), "", "deadline", "oqtf-7d", "2025-03-07", "--json")
	var d map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d["due"] != "2025-03-14" || d["alt_due"] != "2025-03-17" || !strings.Contains(d["reading"].(string), "24LY03013") ||
		!strings.Contains(d["alt_reading"].(string), "24TL02643") {
		t.Errorf("oqtf-7d: %v", d)
	}
	text, _, _ := run(t, passEnv(), "", "rules", "--sources")
	for _, w := range []string{"CAA Lyon, 19 déc. 2024, n° 24LY03013", "CETATEXT000050829858", "30"} {
		if !strings.Contains(text, w) {
			t.Errorf("rules --sources lacks %q", w)
		}
	}
	if strings.Contains(text, "[S") {
		t.Error("rules --sources prints a bare source id")
	}
}
