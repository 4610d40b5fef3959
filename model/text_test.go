package model

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

func TestCleanDocumentName(t *testing.T) {
	long := strings.Repeat("é", 150) + ".pdf" // 304 bytes
	for in, want := range map[string]string{
		"passeport.pdf":                 "passeport.pdf",
		"../../../../tmp/x.pdf":         "x.pdf",
		`..\..\Windows\System32\x.pdf`:  "x.pdf",
		"/etc/passwd":                   "passwd",
		"dossier/":                      "dossier",
		"..":                            "document",
		".bashrc":                       "bashrc",
		"":                              "document",
		"   ":                           "document",
		"scan \x1b[31mrouge\x1b[0m.png": "scan [31mrouge[0m.png",
		"facture\u202efdp.exe":          "facturefdp.exe", // right-to-left override
		"a<b>c:d\"e|f?g*h.pdf":          "a_b_c_d_e_f_g_h.pdf",
		"CON.txt":                       "_CON.txt",
		"nul":                           "_nul",
		"Com1 .pdf":                     "_Com1 .pdf",
		"console.pdf":                   "console.pdf",
		"titre de séjour .pdf. ":        "titre de séjour .pdf",
		"جواز سفر.pdf":                  "جواز سفر.pdf",
		"bad\xffutf8.pdf":               "bad_utf8.pdf",
		long:                            strings.Repeat("é", 98) + ".pdf",
	} {
		if got := CleanDocumentName(in); got != want {
			t.Errorf("CleanDocumentName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCleanDocumentNameProperties: whatever the input, the name is a
// single harmless file name, and cleaning it again changes nothing (two
// devices that clean the same name agree, and a clean name is kept).
func TestCleanDocumentNameProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.OneOf(
			rapid.String(),
			rapid.StringOf(rapid.SampledFrom([]rune("./\\ .:CONULPTcomx\x1b\u202e\u00e9é1"))),
			rapid.StringOfN(rapid.RuneFrom([]rune("aé. /")), 190, 260, -1),
		).Draw(t, "name")
		got := CleanDocumentName(in)
		if again := CleanDocumentName(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
		if got == "" || got == "." || got == ".." || strings.ContainsAny(got, `/\<>:"|?*`) ||
			!utf8.ValidString(got) || len(got) > MaxDocumentNameBytes+1 || HasControl(got) ||
			strings.HasPrefix(got, ".") || strings.HasSuffix(got, ".") || strings.TrimSpace(got) != got {
			t.Fatalf("CleanDocumentName(%q) = %q", in, got)
		}
	})
}

func TestHasControl(t *testing.T) {
	for s, want := range map[string]bool{
		"Nguyễn Văn An":            false,
		"محمد":                     false,
		"\u0645\u200c\u0645":       false, // ZWNJ, which Persian needs
		"Claire\x1b[31m":           true,
		"Claire\x1b]0;pwned\x07":   true,
		"Claire\u009b31m":          true, // C1 CSI
		"Claire\u202eerialC":       true,
		"ligne 1\nligne 2":         true,
		"invalid \xff":             true,
		"tab\there":                true,
		"\u00a0non-breaking\u00a0": false,
	} {
		if got := HasControl(s); got != want {
			t.Errorf("HasControl(%q) = %v", s, got)
		}
	}
	if HasControlMultiline("ligne 1\r\nligne 2\tsuite") || !HasControlMultiline("ligne\x1b[2J") {
		t.Error("HasControlMultiline")
	}
}

// TestValidationRefusesControlCharacters: names and one-line fields refuse
// control characters (ESC of a terminal sequence, C1 codes, a right-to-left
// override); texts of several lines accept line feeds and tabs, not ESC.
func TestValidationRefusesControlCharacters(t *testing.T) {
	today := Date{Year: 2026, Month: 3, Day: 2}
	f := CaseFile{Case: Case{Procedure: ProcRenewal, Status: StatusOpen, Opened: today,
		Prefecture: "Préfecture\x1b]0;pwned\x07", Lawyer: "Me \u009b31mOkoye", Outcome: "Titre délivré.\nRécépissé rendu."},
		Person: Person{FamilyName: "DUPONT\x1b[31m", GivenNames: "Jean\u202e", Address: "12 rue de la Paix\n75002 Paris",
			Email: "jean\x1b@example.net", Languages: []string{"français", "arabe\x07"}}}
	err := f.Validate(today)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	for _, field := range []string{"prefecture", "lawyer", "person.family_name", "person.given_names", "person.email", "person.languages"} {
		if ve.For(field) != ProblemControlChar {
			t.Errorf("%s: %q", field, ve.For(field))
		}
	}
	for _, field := range []string{"outcome", "person.address"} {
		if ve.For(field) != "" {
			t.Errorf("%s refused: %q", field, ve.For(field))
		}
	}
	if err := (Note{CaseID: "c", Text: "Appel.\n\tRappeler lundi."}).Validate(); err != nil {
		t.Errorf("note of several lines: %v", err)
	}
	if err := (Note{CaseID: "c", Text: "\x1b[2J"}).Validate(); err == nil {
		t.Error("a note with ESC accepted")
	}
}
