package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// newCase creates a vault with one case and returns the vault and the
// case's reference.
func newCase(t *testing.T, caseJSON string) (string, string) {
	t.Helper()
	vault := filepath.Join(t.TempDir(), "vault")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	out, stderr, code := run(t, passEnv(), caseJSON, "--vault", vault, "case", "add", "--json", "-")
	if code != 0 {
		t.Fatalf("case add: %s", stderr)
	}
	return vault, strings.TrimSpace(out)
}

type rowJSON struct {
	ID, RuleID, Kind, Status, Due, Reason, Owner, Label string
	Explanation, Caveats                                []string
}

func (r *rowJSON) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	strs := func(k string) []string {
		var out []string
		l, _ := m[k].([]any)
		for _, x := range l {
			out = append(out, x.(string))
		}
		return out
	}
	*r = rowJSON{ID: str("id"), RuleID: str("rule_id"), Kind: str("kind"), Status: str("status"), Due: str("due"),
		Reason: str("reason"), Owner: str("owner"), Label: str("label"), Explanation: strs("explanation"), Caveats: strs("caveats")}
	return nil
}

func deadlinesOf(t *testing.T, vault, ref string) map[string]rowJSON {
	t.Helper()
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "deadlines", ref, "--json")
	if code != 0 {
		t.Fatalf("deadlines: %s", stderr)
	}
	var rows []rowJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	m := map[string]rowJSON{}
	for _, r := range rows {
		k := r.RuleID
		if k == "" {
			k = r.Kind + ":" + r.Label
		}
		m[k] = r
	}
	return m
}

// A script records a removal order, reads its deadlines, corrects the
// situation, ticks a deadline off and adds one by hand.
func TestEventAndDeadlinesCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"removal-order","lawyer":"Me Test","person":{"family_name":"Diallo"}}`)
	cmd := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	out, stderr, code := cmd("event", "add", ref, "--kind", "decision_notified", "--date", "2026-01-09", "--time", "17:40",
		"--decision", "removal-order", "--situation", "free")
	if code != 0 {
		t.Fatalf("event add: %d %s", code, stderr)
	}
	eventID := strings.TrimSpace(out)
	if !strings.Contains(stderr, "open deadlines: 2") {
		t.Fatalf("stderr %q", stderr)
	}
	ds := deadlinesOf(t, vault, ref)
	month := ds["oqtf-1m"]
	if month.Due != "2026-02-10" || month.Status != "open" || month.Owner != "Me Test" || len(month.Explanation) == 0 {
		t.Fatalf("oqtf-1m %+v", month)
	}

	_, stderr, code = cmd("event", "set", eventID, "--situation", "retention")
	if code != 0 {
		t.Fatalf("event set: %s", stderr)
	}
	ds = deadlinesOf(t, vault, ref)
	if ds["oqtf-1m"].ID != month.ID || ds["oqtf-1m"].Status != "cancelled" || ds["oqtf-1m"].Reason != "trigger corrected" {
		t.Fatalf("oqtf-1m after correction %+v", ds["oqtf-1m"])
	}
	hours := ds["oqtf-48h"]
	if hours.Due != "2026-01-11" || hours.Status != "open" {
		t.Fatalf("oqtf-48h %+v", hours)
	}

	if _, stderr, code = cmd("deadlines", "done", hours.ID, "--reason", "appeal filed at the TA"); code != 0 {
		t.Fatalf("done: %s", stderr)
	}
	if _, stderr, code = cmd("deadlines", "cancel", hours.ID); code != ExitInvalid || !strings.Contains(stderr, "Reason") {
		t.Fatalf("cancel without reason: %d %s", code, stderr)
	}
	if _, stderr, code = cmd("deadlines", "done", "no-such-id"); code != ExitInvalid || !strings.Contains(stderr, "No deadline") {
		t.Fatalf("unknown deadline: %d %s", code, stderr)
	}
	out, stderr, code = cmd("deadlines", "add", ref, "--label", "Send the hearing file", "--due", "20/01/2026", "--owner", "Me Autre")
	if code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	manual := strings.TrimSpace(out)
	ds = deadlinesOf(t, vault, ref)
	if ds["oqtf-48h"].Status != "done" || ds["manual:Send the hearing file"].ID != manual || ds["manual:Send the hearing file"].Owner != "Me Autre" {
		t.Fatalf("%+v", ds)
	}

	// The open deadlines, as text: only the manual one is left.
	out, _, _ = cmd("deadlines", ref)
	if !strings.Contains(out, "Send the hearing file") || strings.Contains(out, "immigration detention") || strings.Contains(out, hours.ID) {
		t.Fatalf("open deadlines:\n%s", out)
	}
	out, _, _ = cmd("event", "list", ref)
	if !strings.Contains(out, "Decision notified") || !strings.Contains(out, eventID) {
		t.Fatalf("events:\n%s", out)
	}
	if _, stderr, code = cmd("check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}

func TestEventCommandErrors(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","person":{"family_name":"Diallo"}}`)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"event", "add", ref, "--kind", "party", "--date", "2026-01-09"}, ExitInvalid, "“party” is not a known --kind"},
		{[]string{"event", "add", ref, "--kind", "hearing", "--date", "2026-02-30", "--court", "TA"}, ExitInvalid, "is not a date"},
		{[]string{"event", "add", ref, "--kind", "permit_issued", "--date", "2026-01-09"}, ExitInvalid, "Expiry: is required"},
		{[]string{"event", "add", ref, "--kind", "decision_notified", "--date", "2026-01-09", "--decision", "refusal", "--time", "25:00"}, ExitInvalid, "Time: is not a time"},
		{[]string{"event", "add", ref, "--kind", "decision_notified", "--date", "2026-01-09", "--decision", "oqtf"}, ExitInvalid, "--decision"},
		{[]string{"event", "add", ref, "--kind", "hearing"}, ExitUsage, "--kind and --date"},
		{[]string{"event", "set", "no-such-id", "--date", "2026-01-09"}, ExitInvalid, "No event has that identifier"},
		{[]string{"event", "list", "2026-ZZ-9999"}, ExitError, "No case"},
		{[]string{"deadlines", "region", ref, "atlantis"}, ExitUsage, "Unknown region"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, passEnv(), "", append([]string{"--vault", vault}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// The holiday settings, per case and for the vault, in French.
func TestRegionAndHolidaysCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","prefecture":"Moselle (Metz)","person":{"family_name":"Diallo"}}`)
	inFrench(t)
	cmd := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	if _, stderr, code := cmd("event", "add", ref, "--kind", "decision_notified", "--date", "02/02/2026", "--decision", "refusal"); code != 0 {
		t.Fatal(stderr)
	}
	if due := deadlinesOf(t, vault, ref)["contentieux-2m"].Due; due != "2026-04-03" {
		t.Fatalf("due %s", due)
	}
	out, _, _ := cmd("deadlines", "region", ref)
	if !strings.Contains(out, "Métropole (non fixée pour ce dossier") || !strings.Contains(out, "Suggérée d'après sa préfecture : Alsace-Moselle") {
		t.Fatalf("%s", out)
	}
	if out, _, code := cmd("deadlines", "holidays", "on"); code != 0 || !strings.Contains(out, "activés") {
		t.Fatalf("%d %s", code, out)
	}
	if due := deadlinesOf(t, vault, ref)["contentieux-2m"].Due; due != "2026-04-07" {
		t.Fatalf("due with local holidays %s", due)
	}
	if out, _, code := cmd("deadlines", "region", ref, "metropole"); code != 0 || !strings.Contains(out, "fixée à Métropole") {
		t.Fatalf("%d %s", code, out)
	}
	if due := deadlinesOf(t, vault, ref)["contentieux-2m"].Due; due != "2026-04-03" {
		t.Fatalf("due with the case's own region %s", due)
	}
	out, _, _ = cmd("deadlines", ref, "--why")
	if !strings.Contains(out, "03/04/2026") || !strings.Contains(out, "Lecture A") {
		t.Fatalf("%s", out)
	}
	if _, stderr, code := cmd("check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}
