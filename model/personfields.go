package model

// PersonFields lists a person's fields by their JSON names, in the order
// every face shows them: the case form, `casefile case show` and the case
// summary PDF. A new field of Person goes here (and in PersonText when it
// is plain text) and every face shows it.
var PersonFields = []string{
	"civility", "family_name", "given_names", "birth_date", "birth_place", "nationality",
	"agdref", "languages", "interpreter", "interpreter_language", "vulnerabilities",
	"phone", "email", "address",
}

// PersonText is the value of one of the person's plain-text fields, by its
// JSON name, and true; for a field that is not plain text (civility,
// birth_date, languages, interpreter, vulnerabilities: each face writes
// them its own way) or not a field, it is "" and false.
func PersonText(p Person, name string) (string, bool) {
	switch name {
	case "family_name":
		return p.FamilyName, true
	case "given_names":
		return p.GivenNames, true
	case "birth_place":
		return p.BirthPlace, true
	case "nationality":
		return p.Nationality, true
	case "agdref":
		return p.AGDREF, true
	case "interpreter_language":
		return p.InterpreterLanguage, true
	case "phone":
		return p.Phone, true
	case "email":
		return p.Email, true
	case "address":
		return p.Address, true
	}
	return "", false
}
