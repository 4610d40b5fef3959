package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/internal/pdf"
)

func TestRetentionCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","status":"closed","opened":"2015-01-05","closed":"2016-02-01","end_of_mission":"2016-03-01","person":{"family_name":"Retentionmarker"}}`)
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "retention", "list", "--json")
	if code != 0 {
		t.Fatalf("retention list: %s", stderr)
	}
	var rows []struct {
		Ref           string
		DeletableFrom string `json:"deletable_from"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 || rows[0].Ref != ref {
		t.Fatalf("rows %s: %v", out, err)
	}
	if rows[0].DeletableFrom != "2021-03-01" {
		t.Errorf("deletable from %s", rows[0].DeletableFrom)
	}
	// Right of access first.
	pdfFile := filepath.Join(t.TempDir(), "access.pdf")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "person", "export", ref, "--out", pdfFile); code != 0 {
		t.Fatalf("person export: %s", stderr)
	}
	if b, _ := os.ReadFile(pdfFile); !strings.Contains(string(pdf.Uncompressed(b)), "RETENTIONMARKER") {
		t.Fatal("access export lacks the person")
	}
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "retention", "erase", ref); code != ExitUsage {
		t.Fatalf("erase without --confirm: code %d", code)
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "retention", "erase", ref, "--confirm"); code != 0 {
		t.Fatalf("erase: %s", stderr)
	} else if !strings.Contains(stderr, "backups") && !strings.Contains(stderr, "sauvegardes") {
		t.Errorf("no word on what erasure cannot reach: %s", stderr)
	}
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "case", "show", ref); code == 0 {
		t.Fatal("the erased case still shows")
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "check"); code != 0 {
		t.Fatalf("check after erasure: %s", stderr)
	}
	if out, _, _ := run(t, passEnv(), "", "--vault", vault, "retention", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("list after erasure: %s", out)
	}
}

func TestRetentionRefusesWhatIsNotDue(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","person":{"family_name":"Ouvert"}}`)
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "retention", "erase", ref, "--confirm"); code != ExitInvalid || stderr == "" {
		t.Fatalf("erasing an open case: code %d %s", code, stderr)
	}
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "case", "show", ref); code != 0 {
		t.Fatal("the open case was erased")
	}
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "retention", "years", "0"); code != ExitInvalid {
		t.Fatal("0 years accepted")
	}
	if out, _, code := run(t, passEnv(), "", "--vault", vault, "retention", "years", "7"); code != 0 || !strings.Contains(out, "7") {
		t.Fatalf("years: %s", out)
	}
}
