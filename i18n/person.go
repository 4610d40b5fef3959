package i18n

import (
	"strings"

	"casefile/model"
)

// PersonValue writes one of a person's fields (model.PersonFields) as the
// faces show it: dates in the language's form, civility and
// vulnerabilities translated, languages joined, the interpreter as "yes"
// or nothing. An empty field is "".
func PersonValue(p model.Person, name string) string {
	if v, ok := model.PersonText(p, name); ok {
		return v
	}
	switch name {
	case "civility":
		if p.Civility != "" {
			return T("civility." + string(p.Civility))
		}
	case "birth_date":
		return Date(p.BirthDate)
	case "languages":
		return strings.Join(p.Languages, ", ")
	case "interpreter":
		if p.Interpreter {
			return T("documents.bool.true")
		}
	case "vulnerabilities":
		return Vulnerabilities(p.Vulnerabilities)
	}
	return ""
}
