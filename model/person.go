package model

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Person is someone a case is about: the main person or a relative.
// JSON names are the stable field names used in the change log, the CLI
// (`case set person.family_name=...`) and every export.
type Person struct {
	ID string `json:"id"`
	// Civility is how letters address the person and agree with them
	// (Madame / Monsieur, née / né); unspecified gives neutral wording.
	Civility    Civility `json:"civility"`
	FamilyName  string   `json:"family_name"`
	GivenNames  string   `json:"given_names"`
	BirthDate   Date     `json:"birth_date"`
	BirthPlace  string   `json:"birth_place"`
	Nationality string   `json:"nationality"`
	AGDREF      string   `json:"agdref"`
	Languages   []string `json:"languages"`
	Phone       string   `json:"phone"`
	Email       string   `json:"email"`
	Address     string   `json:"address"`
	// Interpreter is true when meetings and hearings need one, in
	// InterpreterLanguage (when it differs from the first of Languages).
	Interpreter         bool            `json:"interpreter"`
	InterpreterLanguage string          `json:"interpreter_language"`
	Vulnerabilities     []Vulnerability `json:"vulnerabilities"`
	// MergedInto, set only by store.MergePersons, makes this record a
	// tombstone that redirects to the person it was merged into.
	MergedInto string `json:"merged_into,omitempty"`
}

// Civility is the form of address of a person. The values are stable
// (stored, typed in the CLI: `case set REF person.civility=madame`);
// labels live in the faces' translations under "civility.<value>".
type Civility string

// Civilities. The zero value means "not said": letters then use the
// neutral forms French administrations use ("né(e)", "l'intéressé(e)").
const (
	CivilityUnspecified Civility = ""
	CivilityMadame      Civility = "madame"
	CivilityMonsieur    Civility = "monsieur"
)

// Civilities lists every civility in display order, unspecified first.
var Civilities = []Civility{CivilityUnspecified, CivilityMadame, CivilityMonsieur}

// ParseCivility reads a civility the ways a French or English user types
// it ("Mme", "Madame", "Ms", "M.", "Monsieur", "Mr", "" for unspecified);
// ok is false for anything else.
func ParseCivility(s string) (c Civility, ok bool) {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ".")) {
	case "", "-", "unspecified", "non précisé", "non precise":
		return CivilityUnspecified, true
	case "madame", "mme", "mrs", "ms", "f":
		return CivilityMadame, true
	case "monsieur", "m", "mr", "h":
		return CivilityMonsieur, true
	}
	return Civility(s), false
}

// DisplayName is "FAMILY Given", the way French administrations write names.
func (p Person) DisplayName() string {
	fam := strings.ToUpper(strings.TrimSpace(p.FamilyName))
	giv := strings.TrimSpace(p.GivenNames)
	switch {
	case fam == "":
		return giv
	case giv == "":
		return fam
	}
	return fam + " " + giv
}

var (
	emailRe  = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	agdrefRe = regexp.MustCompile(`^[0-9]{10}$`)
	phoneRe  = regexp.MustCompile(`^\+?[0-9 ().-]{6,20}$`)
)

const maxTextField = 500

// Validate checks the person as of today and returns a *ValidationError
// listing every problem, with field names prefixed by prefix (for example
// "person.").
func (p Person) Validate(prefix string, today Date) error {
	var pr problems
	p.validate(prefix, today, &pr)
	return pr.err()
}

func (p Person) validate(prefix string, today Date, pr *problems) {
	if strings.TrimSpace(p.FamilyName) == "" {
		pr.add(prefix+"family_name", ProblemRequired)
	}
	if !contains(Civilities, p.Civility) {
		pr.add(prefix+"civility", ProblemUnknown)
	}
	for name, v := range map[string]string{
		"family_name": p.FamilyName, "given_names": p.GivenNames, "birth_place": p.BirthPlace,
		"nationality": p.Nationality, "address": p.Address,
	} {
		if utf8.RuneCountInString(v) > maxTextField {
			pr.add(prefix+name, ProblemTooLong)
		}
	}
	// No control character (a terminal would run an escape sequence, a
	// form show garbage): a one-line field, or, for the address, lines.
	for name, v := range map[string]string{
		"family_name": p.FamilyName, "given_names": p.GivenNames, "birth_place": p.BirthPlace,
		"nationality": p.Nationality, "agdref": p.AGDREF, "phone": p.Phone, "email": p.Email,
		"interpreter_language": p.InterpreterLanguage, "languages": strings.Join(p.Languages, ", "),
	} {
		if hasControl(v) {
			pr.add(prefix+name, ProblemControlChar)
		}
	}
	if HasControlMultiline(p.Address) {
		pr.add(prefix+"address", ProblemControlChar)
	}
	if !p.BirthDate.IsZero() {
		switch {
		case today.Before(p.BirthDate):
			pr.add(prefix+"birth_date", ProblemFuture)
		case p.BirthDate.Year < today.Year-130:
			pr.add(prefix+"birth_date", ProblemTooOld)
		}
	}
	if p.Email != "" && !emailRe.MatchString(p.Email) {
		pr.add(prefix+"email", ProblemEmail)
	}
	if p.AGDREF != "" && !agdrefRe.MatchString(p.AGDREF) {
		pr.add(prefix+"agdref", ProblemAGDREF)
	}
	if p.Phone != "" && !phoneRe.MatchString(p.Phone) {
		pr.add(prefix+"phone", ProblemPhone)
	}
	if utf8.RuneCountInString(p.InterpreterLanguage) > maxTextField {
		pr.add(prefix+"interpreter_language", ProblemTooLong)
	}
	for _, vf := range p.Vulnerabilities {
		if !contains(Vulnerabilities, vf) {
			pr.add(prefix+"vulnerabilities", ProblemUnknown)
			break
		}
	}
}

// Today is the civil date of now in loc; a small helper so callers pass the
// date in and validation stays deterministic.
func Today(now time.Time, loc *time.Location) Date { return DateOf(now.In(loc)) }
