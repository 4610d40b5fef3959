package i18n

import (
	"testing"

	"casefile/model"
)

// TestPersonValueCoversPersonFields: every field of model.PersonFields has
// a written form, so the case form, `case show` and the case summary PDF,
// which all walk that one list, show every field of a filled-in person.
func TestPersonValueCoversPersonFields(t *testing.T) {
	p := model.Person{Civility: model.Civilities[1], FamilyName: "Diallo", GivenNames: "Aminata",
		BirthDate: model.Date{Year: 1990, Month: 3, Day: 14}, BirthPlace: "Conakry", Nationality: "guinéenne",
		AGDREF: "7501234567", Languages: []string{"peul", "français"}, Interpreter: true, InterpreterLanguage: "peul",
		Vulnerabilities: []model.Vulnerability{model.Vulnerabilities[0]}, Phone: "06 00 00 00 00",
		Email: "a@example.org", Address: "1 rue de la Paix"}
	for _, name := range model.PersonFields {
		if PersonValue(p, name) == "" {
			t.Errorf("%s: no value written", name)
		}
		if T("field."+name) == "field."+name {
			t.Errorf("%s: no label", name)
		}
	}
	if PersonValue(model.Person{}, "interpreter") != "" || PersonValue(p, "no_such_field") != "" {
		t.Error("an empty or unknown field has a value")
	}
}
