package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvidenceCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","lawyer":"Me Test","person":{"family_name":"Diallo"}}`)
	cmd := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	shot := filepath.Join(t.TempDir(), "capture rdv.pdf")
	if err := os.WriteFile(shot, []byte("%PDF-1.4 fictional screenshot"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Bad input: a clear error, nothing stored.
	_, stderr, code := cmd("evidence", "add", ref, "--channel", "appointment_site", "--at", "02/11/2026", "--what", "x")
	if code != ExitInvalid || !strings.Contains(stderr, "YYYY-MM-DD HH:MM") {
		t.Fatalf("bad time: %d %s", code, stderr)
	}
	_, stderr, code = cmd("evidence", "add", ref, "--channel", "fax", "--at", "2026-11-02 09:30", "--what", "x", "--file", shot)
	if code != ExitInvalid {
		t.Fatalf("bad channel: %d %s", code, stderr)
	}
	for i, at := range []string{"2026-11-02 09:30", "2026-11-09 10:00", "2026-11-16 11:15"} {
		args := []string{"evidence", "add", ref, "--channel", "appointment_site", "--at", at, "--what", "no slot",
			"--category", "no_appointment"}
		if i == 0 {
			args = append(args, "--file", shot)
		}
		if _, stderr, code := cmd(args...); code != 0 {
			t.Fatalf("add %s: %d %s", at, code, stderr)
		}
	}
	out, stderr, code := cmd("evidence", "list", ref, "--json")
	if code != 0 {
		t.Fatalf("list: %s", stderr)
	}
	var listing struct {
		Entries []struct {
			ID     string
			What   string
			Proofs []struct{ SHA256 string }
		}
		Readiness struct {
			Attempts int
			Weeks    []struct{ Year, Week int }
		}
	}
	if err := json.Unmarshal([]byte(out), &listing); err != nil {
		t.Fatal(err)
	}
	if len(listing.Entries) != 3 || listing.Readiness.Attempts != 3 || len(listing.Readiness.Weeks) != 3 {
		t.Fatalf("listing %+v", listing)
	}
	first := listing.Entries[2] // newest first: the oldest is last
	if len(first.Proofs) != 1 || len(first.Proofs[0].SHA256) != 64 {
		t.Fatalf("oldest entry %+v", first)
	}

	if _, stderr, code := cmd("evidence", "correct", first.ID, "--what", "no slot, site down"); code != 0 {
		t.Fatalf("correct: %s", stderr)
	}
	out, _, _ = cmd("evidence", "history", first.ID)
	if !strings.Contains(out, "no slot → no slot, site down") {
		t.Fatalf("history does not show the original:\n%s", out)
	}
	if _, stderr, code := cmd("evidence", "withdraw", listing.Entries[0].ID, "--reason", "duplicate"); code != 0 {
		t.Fatalf("withdraw: %s", stderr)
	}
	out, _, _ = cmd("evidence", "list", ref)
	if !strings.Contains(out, "Attempts: 2") || !strings.Contains(out, "WITHDRAWN") {
		t.Fatalf("list after withdrawal:\n%s", out)
	}

	dir := filepath.Join(t.TempDir(), "export")
	out, stderr, code = cmd("evidence", "export", ref, "--out", dir)
	if code != 0 || !strings.Contains(stderr, "unencrypted") {
		t.Fatalf("export: %d %s", code, stderr)
	}
	if !strings.Contains(out, "PJ1_Summary of the attempts.pdf") || !strings.Contains(out, "PJ2_appointment website 2 Nov 2026 09h30 capture rdv.pdf") {
		t.Fatalf("export listed:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "Inventory of exhibits.pdf")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = cmd("evidence", "export", ref, "--out", dir)
	if code != ExitInvalid || !strings.Contains(stderr, "nothing was written") {
		t.Fatalf("second export into the same folder: %d %s", code, stderr)
	}
	if _, stderr, code := cmd("check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}

// The kinds of entry feed each remedy's checks, printed with their marks
// and sources; a removal-order case has no panel.
func TestEvidenceKindsAndRemedies(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"first-permit","channel":"anef","person":{"family_name":"Keita"}}`)
	cmd := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	adds := [][]string{
		{"--channel", "anef", "--date", "2026-10-05", "--category", "filing_bug"},
		{"--channel", "anef", "--at", "2026-10-13 09:00", "--what", "erreur 500"},
		{"--channel", "contact_centre", "--at", "2026-10-20 14:00", "--what", "ticket ouvert, sans suite"},
		{"--channel", "access_point", "--at", "2026-10-27 10:00", "--what", "agent : « revenez plus tard »"},
		{"--channel", "anef", "--date", "2026-09-30", "--kind", "filing", "--what", "attestation de dépôt"},
		{"--channel", "post", "--date", "2026-10-28", "--kind", "request", "--respond-by", "2026-11-12", "--what", "mise en demeure"},
		{"--channel", "email", "--date", "2026-11-02", "--kind", "urgency", "--urgency", "employer", "--what", "lettre de l'employeur"},
	}
	for _, a := range adds {
		if _, stderr, code := cmd(append([]string{"evidence", "add", ref}, a...)...); code != 0 {
			t.Fatalf("add %v: %d %s", a, code, stderr)
		}
	}
	// Wrong input: a request without its deadline, a day that is not one.
	if _, stderr, code := cmd("evidence", "add", ref, "--channel", "post", "--date", "2026-10-28", "--kind", "request", "--what", "x"); code != ExitInvalid || !strings.Contains(stderr, "Answer expected by") {
		t.Fatalf("request without deadline: %d %s", code, stderr)
	}
	if _, stderr, code := cmd("evidence", "add", ref, "--channel", "post", "--date", "28.10", "--what", "x"); code != ExitInvalid || !strings.Contains(stderr, "not a date") {
		t.Fatalf("bad date: %d %s", code, stderr)
	}
	out, stderr, code := cmd("evidence", "list", ref)
	if code != 0 {
		t.Fatalf("list: %s", stderr)
	}
	for _, want := range []string{
		"Référé « mesures utiles » (CJA, art. L. 521-3)",
		"[x] Centre de contact citoyen asked (required): yes (1)",
		"[x] Digital access point (point d'accueil numérique) asked (required): yes (1)",
		"[x] Concrete urgency (employer, CAF, France Travail…) (required): yes (1)",
		"[x] Proof the application was filed (required): yes (1)",
		"Sources: CJA, art. L. 521-3; CESEDA, art. R. 431-2; CE, 10 juin 2020, n° 435594",
		"[ ] A decision to suspend (explicit or implicit refusal) (required): missing",
		"5 Oct 2026 ", "Proof of urgency (employer)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("list:\n%s", out)
	}

	vault2, ref2 := newCase(t, `{"procedure":"removal-order","person":{"family_name":"Camara"}}`)
	out, _, _ = run(t, passEnv(), "", "--vault", vault2, "evidence", "list", ref2)
	if !strings.Contains(out, "Not applicable") || strings.Contains(out, "mesures utiles") {
		t.Fatalf("removal order:\n%s", out)
	}
}
