package letters

import (
	"fmt"
	"strings"
	"time"

	"casefile/model"
)

// Missing is what a field with no value prints: the lawyer sees at once
// what to complete before sending.
const Missing = "[à compléter]"

// Sender is who signs: the clinic and the lawyer (device settings, no
// personal data of the people the clinic defends).
type Sender struct {
	Clinic, Address, City, Signatory string
}

// Fields are the values a template can use, by placeholder name (listed in
// docs/letters.md). Dates are in French: "28 novembre 2026" for the letter's
// date and the procedure's dates, 28/11/2026 for the date of birth. A value
// the case does not hold is Missing.
func Fields(f model.CaseFile, events []model.Event, from Sender, today model.Date) map[string]string {
	p := f.Person
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return Missing
		}
		return strings.TrimSpace(s)
	}
	long := func(d model.Date) string {
		if d.IsZero() {
			return Missing
		}
		return LongDate(d)
	}
	short := func(d model.Date) string {
		if d.IsZero() {
			return Missing
		}
		return ShortDate(d)
	}
	var filed, decided, expiry model.Date
	for _, e := range events {
		switch e.Kind {
		case model.EventApplicationComplete:
			filed = later(filed, e.Date)
		case model.EventDecisionNotified:
			decided = later(decided, e.Date)
		case model.EventPermitIssued, model.EventRecepisseIssued, model.EventAPIIssued:
			expiry = later(expiry, e.Expiry)
		}
	}
	signatory := from.Signatory
	if signatory == "" {
		signatory = f.Lawyer
	}
	return map[string]string{
		"nom":                or(strings.ToUpper(p.FamilyName)),
		"prenoms":            or(p.GivenNames),
		"nom_complet":        or(p.DisplayName()),
		"date_naissance":     short(p.BirthDate),
		"lieu_naissance":     or(p.BirthPlace),
		"nationalite":        or(p.Nationality),
		"adresse":            or(p.Address),
		"agdref":             or(p.AGDREF),
		"telephone":          or(p.Phone),
		"email":              or(p.Email),
		"prefecture":         or(f.Prefecture),
		"numero_anef":        or(f.ANEFNumber),
		"reference":          or(f.Ref),
		"procedure":          or(procedureFR[f.Procedure]),
		"avocat":             or(f.Lawyer),
		"date":               LongDate(today),
		"date_courte":        ShortDate(today),
		"date_depot":         long(filed),
		"date_decision":      long(decided),
		"date_expiration":    long(expiry),
		"dysfonctionnements": malfunctions(f.Malfunctions),
		"structure":          or(from.Clinic),
		"adresse_structure":  or(from.Address),
		"ville":              or(from.City),
		"signataire":         or(signatory),
	}
}

// FieldNames lists the placeholders Fields fills, for the docs and the
// app's help.
func FieldNames() []string {
	return []string{"nom", "prenoms", "nom_complet", "date_naissance", "lieu_naissance", "nationalite",
		"adresse", "agdref", "telephone", "email", "prefecture", "numero_anef", "reference", "procedure",
		"avocat", "date", "date_courte", "date_depot", "date_decision", "date_expiration",
		"dysfonctionnements", "structure", "adresse_structure", "ville", "signataire"}
}

func later(a, b model.Date) model.Date {
	if a.Before(b) {
		return b
	}
	return a
}

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// LongDate writes a date as French letters do: "1er mars 2026", "28 novembre 2026".
func LongDate(d model.Date) string {
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[d.Month-time.January], d.Year)
}

// ShortDate writes a date as dd/mm/yyyy.
func ShortDate(d model.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// malfunctions lists the case's recorded ANEF malfunctions, one per line,
// oldest first: "- le 3 mars 2026 : accès impossible — <what happened>".
func malfunctions(ms []model.Malfunction) string {
	if len(ms) == 0 {
		return "- " + Missing
	}
	sorted := append([]model.Malfunction(nil), ms...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Date.Before(sorted[j-1].Date); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var lines []string
	for _, m := range sorted {
		line := "- le " + LongDate(m.Date) + " : " + malfunctionFR[m.Category]
		if t := strings.TrimSpace(m.Text); t != "" {
			line += " — " + strings.Join(strings.Fields(t), " ")
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// French wording in letters, which are always in French whatever the
// language of the interface.
var procedureFR = map[model.Procedure]string{
	model.ProcFirstPermit:   "première demande de titre de séjour",
	model.ProcRenewal:       "renouvellement de titre de séjour",
	model.ProcRemovalOrder:  "obligation de quitter le territoire français",
	model.ProcAsylum:        "demande d'asile",
	model.ProcNaturalise:    "naturalisation",
	model.ProcFamilyReunion: "regroupement familial",
	model.ProcVisa:          "visa",
	model.ProcExceptional:   "admission exceptionnelle au séjour",
	model.ProcIllForeigner:  "titre de séjour pour raisons de santé",
	model.ProcOther:         "autre démarche",
}

var malfunctionFR = map[model.MalfunctionCategory]string{
	model.MalfAccess:         "accès au téléservice impossible ou démarche non proposée",
	model.MalfFilingBug:      "dysfonctionnement technique empêchant le dépôt",
	model.MalfCannotModify:   "impossibilité de modifier, compléter ou annuler la demande",
	model.MalfNoProgress:     "aucune information sur l'avancement de l'instruction",
	model.MalfNoAttestation:  "attestation de dépôt ou de prolongation d'instruction non délivrée ou non renouvelée",
	model.MalfDocsRefused:    "document provisoire refusé par un employeur ou un organisme",
	model.MalfNoDecision:     "absence de décision dans le délai normal",
	model.MalfClosed:         "demande classée sans suite",
	model.MalfNoAppointment:  "aucun rendez-vous disponible en préfecture",
	model.MalfVulnerable:     "absence d'accompagnement adapté à la situation de vulnérabilité",
	model.MalfSupportFailure: "échec du centre de contact citoyen ou du point d'accès numérique",
}
