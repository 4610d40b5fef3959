package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/ical"
	pdfdoc "casefile/internal/pdf"
	"casefile/model"
)

// reviewVault makes a vault with one case of a fictional person and three
// manual deadlines around 2026-W49: overdue, Tuesday, next week.
func reviewVault(t *testing.T) (vault, ref, name string) {
	t.Helper()
	p := fakeclinic.New(3).CaseFile(model.Date{Year: 2026, Month: 11, Day: 1}).Person
	name = p.DisplayName()
	caseJSON := fmt.Sprintf(`{"procedure":"renewal","lawyer":"Me Test","person":{"family_name":%q,"given_names":%q}}`,
		p.FamilyName, p.GivenNames)
	vault, ref = newCase(t, caseJSON)
	for _, d := range [][2]string{{"late papers", "2026-11-20"}, {"call the prefecture", "2026-12-01"}, {"hearing prep", "2026-12-08"}} {
		if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "deadlines", "add", ref, "--label", d[0], "--due", d[1]); code != 0 {
			t.Fatalf("deadlines add: %s", stderr)
		}
	}
	return vault, ref, name
}

func TestReviewText(t *testing.T) {
	vault, ref, family := reviewVault(t)
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49")
	if code != 0 {
		t.Fatalf("review: %d %s", code, stderr)
	}
	for _, want := range []string{"2026-W49", "OVERDUE (1)", "late papers", "call the prefecture", "hearing prep", ref, family, "Me Test"} {
		if !strings.Contains(out, want) {
			t.Errorf("review text lacks %q:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, "late papers"), strings.Index(out, "call the prefecture"); i > j {
		t.Errorf("overdue not first:\n%s", out)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--lawyer", "Me Nobody")
	if strings.Contains(out, "late papers") {
		t.Errorf("lawyer filter kept another lawyer's deadline:\n%s", out)
	}
}

func TestReviewJSONAndSignOff(t *testing.T) {
	vault, ref, _ := reviewVault(t)
	if out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "signoff", "--week", "2026-W49"); code != 0 ||
		!strings.Contains(out, "2026-W49") || !strings.Contains(out, "Reviewed by") {
		t.Fatalf("signoff: %d %q %s", code, out, stderr)
	}
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--format", "json")
	if code != 0 {
		t.Fatalf("review json: %s", stderr)
	}
	var r struct {
		Week    model.ISOWeek
		Overdue []struct {
			CaseRef string `json:"case_ref"`
			Label   string
		}
		Days    [7][]struct{ Label string }
		SignOff *model.SignOff `json:"signoff"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Week.String() != "2026-W49" || len(r.Overdue) != 1 || r.Overdue[0].CaseRef != ref || len(r.Days[1]) != 1 || r.SignOff == nil {
		t.Errorf("json review = %+v", r)
	}
}

func TestReviewExports(t *testing.T) {
	vault, ref, family := reviewVault(t)
	dir := t.TempDir()
	ics := filepath.Join(dir, "week.ics")
	_, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--format", "ics", "--out", ics)
	if code != 0 || stderr != "" {
		t.Fatalf("ics: %d %q (no warning expected without names)", code, stderr)
	}
	b, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "SUMMARY:"+ref) || strings.Contains(strings.Join(ical.Unfold(b), ""), family) {
		t.Errorf("ics summary should name the case, not the person:\n%s", b)
	}
	if st, _ := os.Stat(ics); st.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", st.Mode().Perm())
	}

	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--format", "ics", "--with-names")
	if code != 0 || !strings.Contains(strings.Join(ical.Unfold([]byte(out)), ""), family) || !strings.Contains(stderr, "name each person") {
		t.Errorf("ics --with-names: %d, warning %q", code, stderr)
	}

	pdf := filepath.Join(dir, "week.pdf")
	_, stderr, code = run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--format", "pdf", "--out", pdf)
	if code != 0 || !strings.Contains(stderr, "not encrypted") {
		t.Errorf("pdf: %d, warning %q", code, stderr)
	}
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF-1.4") {
		t.Error("agenda is not a PDF")
	}

	summary := filepath.Join(dir, "case.pdf")
	_, stderr, code = run(t, passEnv(), "", "--vault", vault, "summary", ref, "--out", summary)
	if code != 0 || !strings.Contains(stderr, "not encrypted") {
		t.Errorf("summary: %d, warning %q", code, stderr)
	}
	if b, _ := os.ReadFile(summary); !strings.Contains(string(pdfdoc.Uncompressed(b)), ref) {
		t.Error("case summary lacks the reference")
	}
}

func TestReviewBadInput(t *testing.T) {
	vault, _, _ := reviewVault(t)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"week 53 of a 52-week year", []string{"review", "--week", "2027-W53"}, ExitInvalid, "not an ISO week"},
		{"unknown format", []string{"review", "--format", "xls"}, ExitUsage, "Unknown format"},
		{"pdf without a file", []string{"review", "--format", "pdf"}, ExitUsage, "--out"},
		{"names outside ics", []string{"review", "--with-names"}, ExitUsage, "--with-names"},
		{"summary without a file", []string{"summary", "2026-X-1"}, ExitUsage, "--out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, passEnv(), "", append([]string{"--vault", vault}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestReviewDefaultsToTheCurrentWeek(t *testing.T) {
	vault, _, _ := reviewVault(t)
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC) }
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review")
	if code != 0 || !strings.Contains(out, "2026-W49") {
		t.Errorf("review without --week: %d %s\n%s", code, stderr, out)
	}
}

// review signoff --lawyer signs that lawyer's deadlines, not the week, and
// the review filtered on that lawyer says so.
func TestReviewSignOffLawyer(t *testing.T) {
	vault, _, _ := reviewVault(t)
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "review", "signoff", "--week", "2026-W49", "--lawyer", "Me Test")
	if code != 0 || !strings.Contains(out, "2026-W49: Me Test’s deadlines reviewed by") {
		t.Fatalf("signoff --lawyer: %d %q %s", code, out, stderr)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49", "--lawyer", "me test")
	if !strings.Contains(out, "This week has not been signed off.") || !strings.Contains(out, "me test’s deadlines reviewed by") {
		t.Errorf("filtered review:\n%s", out)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "review", "--week", "2026-W49")
	if !strings.Contains(out, "This week has not been signed off.") {
		t.Errorf("whole review:\n%s", out)
	}
}
