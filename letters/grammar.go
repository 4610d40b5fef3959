package letters

import (
	"strings"

	"casefile/model"
)

// grammar is how a letter addresses and agrees with the person: their
// civility gives "Madame" / "Monsieur", "née" / "né", "elle" / "il";
// unspecified gives the neutral forms French administrations write
// ("né(e)", "il ou elle", "l'intéressé(e)") and no civility before the
// name.
type grammar struct {
	civility, born, pronoun, agree, concerned string
}

func grammarOf(c model.Civility) grammar {
	switch c {
	case model.CivilityMadame:
		return grammar{"Madame", "née", "elle", "e", "l'intéressée"}
	case model.CivilityMonsieur:
		return grammar{"Monsieur", "né", "il", "", "l'intéressé"}
	}
	return grammar{"", "né(e)", "il ou elle", "(e)", "l'intéressé(e)"}
}

// fill sets the grammar placeholders: civilite, civilite_nom ("Madame
// BENALI Aïcha", or the name alone), interesse / Interesse, ne, il / Il,
// and e (the agreement: "mis{{e}}" reads "mise", "mis" or "mis(e)").
func (g grammar) fill(fields map[string]string, p model.Person) {
	name := fields["nom_complet"]
	fields["civilite"] = g.civility
	if g.civility == "" {
		fields["civilite"] = Missing
		fields["civilite_nom"] = name
	} else {
		fields["civilite_nom"] = g.civility + " " + name
	}
	fields["interesse"] = g.concerned
	fields["Interesse"] = capitalise(g.concerned)
	fields["ne"] = g.born
	fields["il"] = g.pronoun
	fields["Il"] = capitalise(g.pronoun)
	fields["e"] = g.agree
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
