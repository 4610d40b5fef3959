package letters

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

var today = model.Date{Year: 2026, Month: 11, Day: 28}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, model.Paris())
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func sampleCase() (model.CaseFile, []model.Event) {
	f := fakeclinic.New(3).CaseFile(today)
	f.Ref = "2026-K7-0042"
	f.Person.FamilyName, f.Person.GivenNames = "Benali", "Aïcha Noémie"
	f.Person.Civility = model.CivilityMadame
	f.Person.BirthDate = model.Date{Year: 1990, Month: 3, Day: 1}
	f.Prefecture, f.ANEFNumber = "Seine-Saint-Denis (Bobigny)", "ANEF-075-2026-000123"
	f.Procedure = model.ProcRenewal
	f.Malfunctions = nil
	events := []model.Event{
		{Kind: model.EventApplicationComplete, Date: model.Date{Year: 2026, Month: 6, Day: 1}},
		{Kind: model.EventPermitIssued, Date: model.Date{Year: 2025, Month: 8, Day: 1}, Expiry: model.Date{Year: 2026, Month: 8, Day: 1}},
		{Kind: model.EventAPIIssued, Date: model.Date{Year: 2026, Month: 8, Day: 1}, Expiry: model.Date{Year: 2026, Month: 11, Day: 1}},
	}
	return f, events
}

// sampleLog is a case's evidence log, newest first as the store returns
// it, with a withdrawn entry that no letter may quote.
func sampleLog(caseID string) []model.Evidence {
	es := []model.Evidence{
		{ID: "e1", CaseID: caseID, At: at("2026-09-03 00:00"), DateOnly: true, Channel: model.EvidenceANEF, Category: model.MalfAccess},
		{ID: "e2", CaseID: caseID, At: at("2026-10-12 10:12"), Channel: model.EvidenceAppointment, Category: model.MalfNoAppointment,
			What: "aucun  créneau", Proofs: []model.EvidenceProof{{DocID: "d1", Name: "capture 12-10.png"}}},
		{ID: "e3", CaseID: caseID, At: at("2026-10-20 14:30"), Channel: model.EvidenceContactCentre, What: "ticket n° 4411, sans suite"},
		{ID: "e4", CaseID: caseID, At: at("2026-10-27 09:05"), Channel: model.EvidenceAccessPoint, What: "agent : revenir plus tard"},
		{ID: "e5", CaseID: caseID, At: at("2026-11-02 00:00"), DateOnly: true, Channel: model.EvidenceEmail, Kind: model.EvidenceUrgency,
			Urgency: model.UrgencyEmployer, What: "suspension du contrat annoncée", Proofs: []model.EvidenceProof{{DocID: "d2", Name: "lettre employeur.pdf"}, {DocID: "d3", Name: "contrat.pdf"}}},
		{ID: "e6", CaseID: caseID, At: at("2026-11-04 00:00"), DateOnly: true, Channel: model.EvidencePost, Kind: model.EvidenceRequest,
			RespondBy: model.Date{Year: 2026, Month: 11, Day: 19}, What: "mise en demeure"},
		{ID: "e7", CaseID: caseID, At: at("2026-06-01 00:00"), DateOnly: true, Channel: model.EvidenceANEF, Kind: model.EvidenceFiling, What: "attestation de dépôt"},
		{ID: "e8", CaseID: caseID, At: at("2026-10-13 08:00"), Channel: model.EvidencePhone, What: "saisie en double", Withdrawn: true, WithdrawnReason: "doublon"},
	}
	slices.Reverse(es)
	return es
}

var sender = Sender{Clinic: "Permanence juridique de Montreuil", Address: "12 rue de Paris, 93100 Montreuil", City: "Montreuil", Signatory: "Me Claire Fontaine"}

func sampleInput() Input {
	f, events := sampleCase()
	return Input{File: f, Events: events, Evidence: sampleLog(f.ID), Sender: sender, Today: today}
}

// Every default template fills without an unknown field and carries the
// case's values, with dates in French.
func TestBuiltinTemplatesFill(t *testing.T) {
	ts, err := List("")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != len(Builtin) || len(ts) != 10 {
		t.Fatalf("%d templates, want 10", len(ts))
	}
	in := sampleInput()
	fields := Fields(in)
	for _, tmpl := range ts {
		t.Run(tmpl.ID, func(t *testing.T) {
			text, err := tmpl.Fill(fields)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"BENALI Aïcha Noémie", "28 novembre 2026", "Me Claire Fontaine", "2026-K7-0042"} {
				if !strings.Contains(text, want) {
					t.Errorf("missing %q", want)
				}
			}
			if strings.Contains(text, "{{") || strings.Contains(text, "#") && tmpl.ID != "communication-dossier" && tmpl.ID != "refere-mesures-utiles" {
				t.Errorf("placeholder or comment left:\n%s", text)
			}
			if strings.Contains(text, "(e)") || regexp.MustCompile(`(?:^|[ ,])né le `).MatchString(text) || strings.Contains(text, "saisie en double") {
				t.Errorf("neutral or masculine form, or a withdrawn entry, in a letter for Madame:\n%s", text)
			}
			if tmpl.Title == tmpl.ID {
				t.Error("no title line")
			}
		})
	}
	for name, want := range map[string]string{
		"date_naissance": "01/03/1990", "date_depot": "1er juin 2026", "date_expiration": "1er novembre 2026",
		"date_expiration_titre": "1er août 2026", "date_fin_api": "1er novembre 2026", "date_limite": "13 décembre 2026",
		"date_decision": Missing, "titre_defenseur": "Madame la Défenseure des droits",
		"dysfonctionnements": "- le 3 septembre 2026 : accès au téléservice impossible ou démarche non proposée\n" +
			"- le 12 octobre 2026 à 10 h 12 : aucun rendez-vous disponible en préfecture — aucun créneau",
		"accompagnement": "- le 20 octobre 2026 à 14 h 30 (Centre de contact citoyen) : ticket n° 4411, sans suite\n" +
			"- le 27 octobre 2026 à 9 h 05 (point d'accueil numérique) : agent : revenir plus tard",
		"urgences":           "- le 2 novembre 2026 (employeur) : suspension du contrat annoncée",
		"demandes":           "- le 4 novembre 2026 : mise en demeure (réponse demandée avant le 19 novembre 2026)",
		"depot":              "- le 1er juin 2026 : attestation de dépôt",
		"premiere_tentative": "3 septembre 2026", "semaines": "4",
		"pieces": "PJ1 — Récapitulatif des tentatives\nPJ2 — capture 12-10.png (12 octobre 2026 à 10 h 12, site de prise de rendez-vous de la préfecture)\n" +
			"PJ3 — lettre employeur.pdf (2 novembre 2026, courriel)\nPJ4 — contrat.pdf (2 novembre 2026, courriel)",
	} {
		if fields[name] != want {
			t.Errorf("%s = %q, want %q", name, fields[name], want)
		}
	}
	if !strings.HasPrefix(fields["tentatives"], "- le 3 septembre 2026 (téléservice ANEF) : accès au téléservice impossible ou démarche non proposée\n") ||
		strings.Contains(fields["tentatives"], "saisie en double") || strings.Count(fields["tentatives"], "\n") != 3 {
		t.Errorf("tentatives = %q", fields["tentatives"])
	}
	for _, n := range FieldNames() {
		if _, ok := fields[n]; !ok {
			t.Errorf("FieldNames lists %s, which Fields does not fill", n)
		}
	}
	if len(FieldNames()) != len(fields) {
		t.Errorf("FieldNames has %d names, Fields %d", len(FieldNames()), len(fields))
	}
}

func TestFolderOverridesAndAdds(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "rendez-vous.txt"), []byte("# Notre modèle\r\nBonjour {{nom}},\r\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "relance.txt"), []byte("Relance pour {{ reference }}\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o600)
	ts, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != len(Builtin)+1 || ts[len(Builtin)].ID != "relance" || ts[len(Builtin)].Title != "relance" {
		t.Fatalf("templates: %+v", ts)
	}
	rv, err := Find(dir, "rendez-vous")
	if err != nil || rv.Title != "Notre modèle" || rv.Path == "" {
		t.Fatalf("override: %+v %v", rv, err)
	}
	got, err := rv.Fill(Fields(sampleInput()))
	if err != nil || got != "Bonjour BENALI,\n" {
		t.Fatalf("filled %q, %v", got, err)
	}
	if _, err := Find(dir, "nope"); !errors.Is(err, ErrUnknownTemplate) {
		t.Fatalf("unknown template: %v", err)
	}
	if _, err := List(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("a missing folder is not an error")
	}
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte{0xff, 0xfe, 'a'}, 0o600)
	if _, err := List(dir); !errors.Is(err, ErrBadTemplate) {
		t.Fatalf("non-UTF-8 template: %v", err)
	}
}

func TestUnknownFieldIsAnError(t *testing.T) {
	tmpl := Template{ID: "x", Body: "Cher {{nomm}}, {{ouvert"}
	_, err := tmpl.Fill(map[string]string{"nom": "A"})
	var ue *UnknownFieldError
	if !errors.As(err, &ue) || ue.Field != "nomm" {
		t.Fatalf("err = %v", err)
	}
	tmpl.Body = "Cher {{nom}}, {{ouvert"
	if got, err := tmpl.Fill(map[string]string{"nom": "A"}); err != nil || got != "Cher A, {{ouvert" {
		t.Fatalf("got %q %v", got, err)
	}
}

// rtfText reads back the text of an RTF document written by RTF: it checks
// the structure (one group, balanced braces, the header) and decodes \uN,
// \par and escapes.
func rtfText(t *testing.T, b []byte) string {
	t.Helper()
	s := string(b)
	if !strings.HasPrefix(s, `{\rtf1\ansi`) || !strings.HasSuffix(s, "}\n") {
		t.Fatalf("not an RTF document: %.40q", s)
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-2 {
				t.Fatalf("the document group closes early at %d", i)
			}
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced braces: %d", depth)
	}
	body := s[strings.Index(s, `\fs24`)+len(`\fs24`)+1 : len(s)-2]
	var out []uint16
	var text strings.Builder
	flush := func() {
		text.WriteString(string(utf16.Decode(out)))
		out = nil
	}
	ctl := regexp.MustCompile(`^\\([a-z]+)(-?\d+)? ?`)
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body) && strings.ContainsRune(`\{}`, rune(body[i+1])):
			flush()
			text.WriteByte(body[i+1])
			i += 2
		case c == '\\':
			m := ctl.FindStringSubmatch(body[i:])
			if m == nil {
				t.Fatalf("bad control word at %q", body[i:min(i+10, len(body))])
			}
			i += len(m[0])
			switch m[1] {
			case "u":
				n, _ := strconv.Atoi(m[2])
				out = append(out, uint16(int16(n)))
				if body[i] != '?' {
					t.Fatalf("\\u without fallback")
				}
				i++
			case "par":
				flush()
				text.WriteByte('\n')
			case "tab":
				flush()
				text.WriteByte('\t')
			default:
				t.Fatalf("unexpected control word %s", m[1])
			}
		case c == '\n':
			i++
		default:
			flush()
			text.WriteByte(c)
			i++
		}
	}
	flush()
	return text.String()
}

func TestRTFRoundTrip(t *testing.T) {
	in := "Objet : recours — « élève » {accolades} \\ œuvre 𝄞\n\nLigne\tfinale"
	got := rtfText(t, RTF(in))
	if got != in+"\n" {
		t.Fatalf("read back %q, want %q", got, in+"\n")
	}
}

// pdfText extracts the strings of the Tj operators of a PDF written by
// internal/pdf, decoding its escapes from WinAnsi.
func pdfText(b []byte) string {
	b = pdf.Uncompressed(b)
	var lines []string
	for _, m := range regexp.MustCompile(`\(((?:\\.|[^\\)])*)\) Tj`).FindAllSubmatch(b, -1) {
		var s strings.Builder
		raw := m[1]
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			if c == '\\' {
				if i+3 < len(raw) && raw[i+1] >= '0' && raw[i+1] <= '7' {
					n, _ := strconv.ParseUint(string(raw[i+1:i+4]), 8, 8)
					c = byte(n)
					i += 3
				} else {
					i++
					c = raw[i]
				}
			}
			s.WriteRune(winAnsiRune(c))
		}
		lines = append(lines, s.String())
	}
	return strings.Join(lines, "\n")
}

func winAnsiRune(c byte) rune {
	switch c {
	case 0x97:
		return '—'
	case 0x9c:
		return 'œ'
	case 0x92:
		return '’'
	case 0x80:
		return '€'
	case 0x85:
		return '…'
	}
	return rune(c)
}

// A letter rendered to PDF, text extracted: the case's values and the
// French dates and accents are there.
func TestPDFCarriesTheLetter(t *testing.T) {
	tmpl, err := Find("", "attestation")
	if err != nil {
		t.Fatal(err)
	}
	text, err := tmpl.Fill(Fields(sampleInput()))
	if err != nil {
		t.Fatal(err)
	}
	b := PDF(text)
	got := pdfText(b)
	for _, want := range []string{"BENALI Aïcha Noémie", "Montreuil, le 28 novembre 2026", "1er juin 2026",
		"R. 431-15-1", "Seine-Saint-Denis (Bobigny)", "ANEF-075-2026-000123", "Me Claire Fontaine"} {
		if !strings.Contains(got, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, got)
		}
	}
	// A second opinion from poppler when it is installed.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader(b)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if !strings.Contains(string(out), "BENALI Aïcha Noémie") || !strings.Contains(string(out), "28 novembre 2026") {
			t.Errorf("pdftotext reads:\n%s", out)
		}
	}
}

func TestLogRecordsANote(t *testing.T) {
	c, err := store.Create(t.TempDir(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	defer v.Close()
	f, _ := sampleCase()
	f.ID, f.Ref, f.Status = "", "", model.StatusOpen
	f.Malfunctions = nil
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	if _, err := Log(v, f.ID, "Courrier « Recours gracieux » enregistré (PDF, RTF)", "Monsieur le Préfet,\n…"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("é", model.MaxNoteBytes)
	if _, err := Log(v, f.ID, "long", long); err != nil {
		t.Fatalf("a long letter is cut, not refused: %v", err)
	}
	notes, err := v.Notes(f.ID)
	if err != nil || len(notes) != 2 {
		t.Fatalf("notes: %v %v", notes, err)
	}
	if !strings.HasPrefix(notes[0].Text, "Courrier « Recours gracieux »") || !strings.Contains(notes[0].Text, "Monsieur le Préfet") {
		t.Errorf("note: %q", notes[0].Text)
	}
	if len(notes[1].Text) > model.MaxNoteBytes || !strings.HasSuffix(notes[1].Text, "…") {
		t.Errorf("long note not cut: %d bytes", len(notes[1].Text))
	}
}

func TestLongDate(t *testing.T) {
	for d, want := range map[model.Date]string{
		{Year: 2026, Month: 11, Day: 28}: "28 novembre 2026",
		{Year: 2027, Month: 3, Day: 1}:   "1er mars 2027",
		{Year: 2026, Month: 8, Day: 15}:  "15 août 2026",
	} {
		if got := LongDate(d); got != want {
			t.Errorf("LongDate(%v) = %q, want %q", d, got, want)
		}
	}
}
