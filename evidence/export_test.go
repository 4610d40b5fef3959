package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

func setLang(t *testing.T, lang string) {
	t.Helper()
	t.Cleanup(i18n.Reload)
	t.Setenv("LANG", lang)
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	i18n.Reload()
}

func paris(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// sampleVault holds one fictional case with three attempts over three
// weeks (two with proofs, the middle one without), and a withdrawn one.
func sampleVault(t *testing.T) (*store.Vault, *model.CaseFile, map[string][]byte) {
	t.Helper()
	c, err := store.Create(t.TempDir(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	t.Cleanup(func() { v.Close() })
	f := fakeclinic.New(7).CaseFile(model.Today(time.Now(), paris(t)))
	f.Malfunctions = nil // this test numbers the attempts it records
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	loc := paris(t)
	at := func(s string) time.Time {
		tm, _ := time.ParseInLocation("2006-01-02 15:04", s, loc)
		return tm
	}
	files := map[string][]byte{
		"capture écran 1.png":    bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000),
		"réponse préfecture.pdf": []byte("%PDF-1.4 fictional reply"),
		"capture écran 3.jpg":    bytes.Repeat([]byte{0xff, 0xd8}, 500),
	}
	add := func(s, what string, ch model.EvidenceChannel, names ...string) model.Evidence {
		e := model.Evidence{CaseID: f.ID, At: at(s), Channel: ch, What: what, Category: model.MalfNoAppointment}
		var pf []store.ProofFile
		for _, n := range names {
			pf = append(pf, store.ProofFile{Name: n, R: bytes.NewReader(files[n])})
		}
		if err := v.AddEvidence(&e, pf); err != nil {
			t.Fatal(err)
		}
		return e
	}
	// Recorded out of order: the export sorts by time of attempt.
	add("2026-11-16 08:00", "Aucun créneau proposé.", model.EvidenceAppointment, "capture écran 3.jpg")
	add("2026-11-02 09:30", "Aucun créneau sur le site.", model.EvidenceAppointment, "capture écran 1.png", "réponse préfecture.pdf")
	add("2026-11-09 14:00", "Ligne occupée, 40 minutes d'attente.", model.EvidencePhone)
	w := add("2026-11-10 10:00", "Saisie par erreur.", model.EvidenceEmail, "capture écran 1.png")
	if err := v.WithdrawEvidence(w.ID, "mauvais dossier"); err != nil {
		t.Fatal(err)
	}
	return v, &f, files
}

func TestExportNumbersAndNamesPiecesAndRendersTheInventory(t *testing.T) {
	setLang(t, "fr_FR.UTF-8")
	v, f, files := sampleVault(t)
	dir := filepath.Join(t.TempDir(), "export")
	printed := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	res, err := Export(v, f, dir, printed, paris(t))
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []string{
		"PJ1_Recapitulatif des tentatives.pdf",
		"PJ2_site de rendez-vous 02 11 2026 09h30 capture ecran 1.png",
		"PJ3_site de rendez-vous 02 11 2026 09h30 reponse prefecture.pdf",
		"PJ4_site de rendez-vous 16 11 2026 08h00 capture ecran 3.jpg",
	}
	var got []string
	for i, p := range res.Pieces {
		if p.N != i+1 {
			t.Errorf("piece %d numbered %d", i+1, p.N)
		}
		got = append(got, p.FileName)
	}
	if !slices.Equal(got, wantNames) {
		t.Fatalf("pieces:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantNames, "\n"))
	}
	// The folder holds exactly the inventory and the pieces, proofs byte
	// for byte, with the SHA-256 taken at capture.
	entries, _ := os.ReadDir(dir)
	var onDisk []string
	for _, e := range entries {
		onDisk = append(onDisk, e.Name())
	}
	want := append([]string{"Bordereau des pieces.pdf"}, wantNames...)
	slices.Sort(want)
	if !slices.Equal(onDisk, want) {
		t.Fatalf("folder holds %v, want %v", onDisk, want)
	}
	origin := map[string]string{wantNames[1]: "capture écran 1.png", wantNames[2]: "réponse préfecture.pdf", wantNames[3]: "capture écran 3.jpg"}
	for _, p := range res.Pieces[1:] {
		b, err := os.ReadFile(filepath.Join(dir, p.FileName))
		if err != nil || !bytes.Equal(b, files[origin[p.FileName]]) {
			t.Errorf("%s: not the proof's bytes (%v)", p.FileName, err)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != p.SHA256 {
			t.Errorf("%s: SHA-256 differs from the one recorded", p.FileName)
		}
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], wantNames[1]) {
		t.Errorf("warnings %v: want one for the PNG", res.Warnings)
	}

	inv, err := os.ReadFile(filepath.Join(dir, "Bordereau des pieces.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(inv)
	for _, s := range []string{"Bordereau des pièces", "Dossier " + f.Ref, f.Person.FamilyName} {
		if !strings.Contains(text, s) {
			t.Errorf("inventory lacks %q:\n%s", s, text)
		}
	}
	// Every piece in order: number, label, file name and fingerprint.
	pos := 0
	for _, p := range res.Pieces {
		for _, s := range []string{"PJ" + itoa(p.N) + "\n", "fichier : " + p.FileName, "SHA-256 " + p.SHA256} {
			i := strings.Index(text[pos:], s)
			if i < 0 {
				t.Fatalf("inventory lacks %q after offset %d:\n%s", s, pos, text)
			}
			pos += i
		}
	}
	if strings.Contains(text, "Saisie par erreur") || strings.Contains(text, "PJ5") {
		t.Error("withdrawn entry exported")
	}
	summary, _ := os.ReadFile(filepath.Join(dir, wantNames[0]))
	st := pdfText(summary)
	for _, s := range []string{"Récapitulatif des tentatives", "3 tentatives sur 3 semaines distinctes", "1. 02/11/2026 09:30 — site de rendez-vous",
		"2. 09/11/2026 14:00 — ligne téléphonique", "Justificatif : PJ2, PJ3", "Justificatif : PJ4", "Ligne occupée"} {
		if !strings.Contains(st, s) {
			t.Errorf("summary lacks %q:\n%s", s, st)
		}
	}
	if strings.Contains(st, "Saisie par erreur") {
		t.Error("withdrawn entry in the summary")
	}
}

func TestExportRefusesToOverwriteAndLeavesNothing(t *testing.T) {
	setLang(t, "fr_FR.UTF-8")
	v, f, _ := sampleVault(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "PJ3_site de rendez-vous 02 11 2026 09h30 reponse prefecture.pdf")
	if err := os.WriteFile(in, []byte("lawyer's own file"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Export(v, f, dir, time.Now(), paris(t))
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.Path != in {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("a failed export left %d files", len(entries))
	}
	if b, _ := os.ReadFile(in); string(b) != "lawyer's own file" {
		t.Fatal("existing file overwritten")
	}
}

func TestInventoryInEnglish(t *testing.T) {
	setLang(t, "en_GB.UTF-8")
	f := &model.CaseFile{}
	f.Ref = "2026-0001"
	pieces := Plan(nil, time.UTC)
	text := pdfText(InventoryPDF(f, pieces, time.Now(), time.UTC))
	if !strings.Contains(text, "Inventory of exhibits") || !strings.Contains(text, "PJ1_Summary of the attempts.pdf") {
		t.Fatalf("english inventory:\n%s", text)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// pdfText returns the text of a PDF's content streams, as the strings the
// writer put there (WinAnsi octal escapes decoded), one line per string.
func pdfText(b []byte) string {
	b = pdf.Uncompressed(b)
	var out strings.Builder
	for _, m := range regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\) Tj`).FindAllSubmatch(b, -1) {
		s := m[1]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				if i+3 < len(s) && s[i+1] >= '0' && s[i+1] <= '7' {
					c = (s[i+1]-'0')*64 + (s[i+2]-'0')*8 + (s[i+3] - '0')
					i += 3
				} else {
					i++
					c = s[i]
				}
			}
			switch c {
			case 0x97:
				out.WriteRune('—')
			case 0x92:
				out.WriteRune('’')
			default:
				out.WriteRune(rune(c))
			}
		}
		out.WriteByte('\n')
	}
	return out.String()
}

func TestReadinessLinesMarkOverdueDeadlines(t *testing.T) {
	setLang(t, "en_GB.UTF-8")
	views := []store.DeadlineView{
		{Deadline: model.Deadline{ID: "a", Label: "call the prefecture", Kind: model.DeadlineManual, Due: model.Date{Year: 2026, Month: 11, Day: 20}, Status: model.DeadlineOpen}},
		{Deadline: model.Deadline{ID: "b", Label: "hearing", Kind: model.DeadlineManual, Due: model.Date{Year: 2026, Month: 12, Day: 3}, Status: model.DeadlineOpen}},
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	r := Assess(&model.CaseFile{Case: model.Case{Procedure: model.ProcRenewal}}, nil, nil, views, now, time.UTC)
	lines := strings.Join(ReadinessLines(r, views, time.UTC), "\n")
	if !strings.Contains(lines, "Not enough yet") || !strings.Contains(lines, "Attempts: 0") {
		t.Fatalf("lines:\n%s", lines)
	}
	if !strings.Contains(lines, "(overdue)") || strings.Count(lines, "(overdue)") != 1 {
		t.Fatalf("overdue marker:\n%s", lines)
	}
}
