package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/model"
)

func TestDocCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","lawyer":"Me Test","person":{"family_name":"Diallo"}}`)
	dir := t.TempDir()
	scan := bytes.Repeat([]byte("%PDF-1.4 scanned page "), 40000) // ~900 KB, four chunks
	pdf := filepath.Join(dir, "passeport.pdf")
	png := filepath.Join(dir, "photo.png")
	os.WriteFile(pdf, scan, 0o600)
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
	env := passEnv()

	out, stderr, code := run(t, env, "", "--vault", vault, "doc", "add", ref, pdf, png, "--item", "passport")
	if code != 0 {
		t.Fatalf("doc add: %d %s", code, stderr)
	}
	ids := strings.Fields(out)
	if len(ids) != 2 {
		t.Fatalf("ids %q", out)
	}
	out, _, code = run(t, env, "", "--vault", vault, "doc", "list", ref, "--json")
	var docs []model.Document
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 2 {
		t.Fatalf("doc list: %d %s", code, out)
	}
	if docs[0].Name != "passeport.pdf" || docs[0].MIME != "application/pdf" || docs[0].Size != int64(len(scan)) ||
		docs[1].MIME != "image/png" || docs[0].ChecklistItem != "passport" {
		t.Fatalf("listed %+v", docs)
	}

	dst := filepath.Join(dir, "copy.pdf")
	_, stderr, code = run(t, env, "", "--vault", vault, "doc", "export", ids[0], "--out", dst)
	got, _ := os.ReadFile(dst)
	if code != 0 || !bytes.Equal(got, scan) || !strings.Contains(stderr, "clear") {
		t.Fatalf("export: %d %q, %d bytes", code, stderr, len(got))
	}
	if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o600 {
		t.Fatalf("export mode %v", fi.Mode().Perm())
	}
	if _, stderr, code = run(t, env, "", "--vault", vault, "doc", "export", ids[1], "--out", dst); code != ExitInvalid || !strings.Contains(stderr, "already exists") {
		t.Fatalf("overwrite without --force: %d %s", code, stderr)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, scan) {
		t.Fatal("the refused export changed the file")
	}

	if _, stderr, code = run(t, env, "", "--vault", vault, "doc", "rm", ids[1]); code != 0 {
		t.Fatalf("rm: %s", stderr)
	}
	if _, _, code = run(t, env, "", "--vault", vault, "doc", "rm", ids[1]); code != ExitError {
		t.Fatalf("second rm: %d", code)
	}
	out, _, _ = run(t, env, "", "--vault", vault, "doc", "list", ref)
	if !strings.Contains(out, "passeport.pdf") || strings.Contains(out, "photo.png") {
		t.Fatalf("list after rm: %s", out)
	}
	if _, stderr, code = run(t, env, "", "--vault", vault, "check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}

func TestHistoryAndChecklistCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","lawyer":"Me Test","person":{"family_name":"Diallo"}}`)
	env := passEnv()
	if _, stderr, code := run(t, env, "", "--vault", vault, "case", "set", ref,
		"person.interpreter=oui", "person.vulnerabilities=pregnancy,homeless", "channel=anef",
		"anef_state=instruction", "prefecture=Rhône (Lyon)"); code != 0 {
		t.Fatalf("case set: %s", stderr)
	}
	if _, _, code := run(t, env, "", "--vault", vault, "case", "set", ref, "anef_state=lost"); code != ExitInvalid {
		t.Fatalf("bad state accepted: %d", code)
	}
	if _, _, code := run(t, env, "", "--vault", vault, "case", "set", ref, "person.interpreter=maybe"); code != ExitInvalid {
		t.Fatalf("bad bool accepted: %d", code)
	}
	out, _, _ := run(t, env, "", "--vault", vault, "case", "show", ref)
	for _, want := range []string{"Interpreter needed", "Pregnancy, Homeless", "ANEF (online)", "Under instruction"} {
		if !strings.Contains(out, want) {
			t.Errorf("case show lacks %q:\n%s", want, out)
		}
	}

	out, stderr, code := run(t, env, "", "--vault", vault, "checklist", ref, "--tick", "passport", "--json")
	var rows []struct {
		Item   string
		Ticked bool
	}
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("checklist: %d %s %s", code, stderr, out)
	}
	ticked := 0
	for _, r := range rows {
		if r.Ticked {
			ticked++
			if r.Item != "passport" {
				t.Fatalf("ticked %s", r.Item)
			}
		}
	}
	if ticked != 1 || len(rows) != len(model.Checklist(model.ProcRenewal)) {
		t.Fatalf("rows %+v", rows)
	}
	if _, _, code := run(t, env, "", "--vault", vault, "checklist", ref, "--tick", "nonsense"); code != ExitInvalid {
		t.Fatalf("unknown item: %d", code)
	}

	out, stderr, code = run(t, env, "", "--vault", vault, "history", ref)
	if code != 0 {
		t.Fatalf("history: %s", stderr)
	}
	for _, want := range []string{"Case › Prefecture", "→ Rhône (Lyon)", "Person › Interpreter needed", "→ yes",
		"Case › Documents brought", "→ Passport (identity", "Case › ANEF state", "→ Under instruction"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
}

func TestMalfunctionCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","person":{"family_name":"Diallo"}}`)
	env := passEnv()
	if _, stderr, code := run(t, env, "", "--vault", vault, "malfunction", "add", ref,
		"--category", "no_appointment", "--date", "2026-01-12", "--text", "Aucun créneau."); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	if _, stderr, code := run(t, env, "", "--vault", vault, "malfunction", "add", ref,
		"--category", "gremlins", "--date", "2026-01-12"); code != ExitInvalid || !strings.Contains(stderr, "Malfunction category") {
		t.Fatalf("unknown category: %d %s", code, stderr)
	}
	out, _, code := run(t, env, "", "--vault", vault, "malfunction", "list", ref, "--json")
	var list []model.Malfunction
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 ||
		list[0].Category != model.MalfNoAppointment || list[0].Text != "Aucun créneau." {
		t.Fatalf("list: %s", out)
	}
	out, _, _ = run(t, env, "", "--vault", vault, "case", "show", ref)
	if !strings.Contains(out, "No prefecture appointment") {
		t.Fatalf("case show lacks the malfunction:\n%s", out)
	}
}
