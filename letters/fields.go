package letters

import (
	"fmt"
	"strings"
	"time"

	"casefile/model"
)

// Missing is what a field with no value prints: the lawyer sees at once
// what to complete before sending (and saving warns while one is left:
// Placeholders).
const Missing = "[à compléter]"

// Sender is who signs: the clinic and the lawyer (device settings, no
// personal data of the people the clinic defends), and the title of the
// Défenseur des droits' holder, which changes with the holder.
type Sender struct {
	Clinic, Address, City, Signatory string
	// DefenderTitle opens and closes the letter to the Défenseur des
	// droits; empty means DefaultDefenderTitle.
	DefenderTitle string
}

// DefaultDefenderTitle is the form of address of the Défenseur des
// droits' holder since 2020 (a woman): a setting, since it follows the
// holder.
const DefaultDefenderTitle = "Madame la Défenseure des droits"

// DefaultNoticeDays is the delay a formal notice gives by default: the
// lawyer changes the date before saving.
const DefaultNoticeDays = 15

// Input is what a letter is filled from: the case, its events, its
// evidence log (as store.Vault.EvidenceLog returns it), its deadlines, who
// signs, today, and, for a formal notice, the date it gives the
// administration (zero: DefaultNoticeDays from today).
type Input struct {
	File      model.CaseFile
	Events    []model.Event
	Evidence  []model.Evidence
	Deadlines []model.Deadline
	Sender    Sender
	Today     model.Date
	RespondBy model.Date
	// Loc is the zone the log's times are written in (Paris when nil).
	Loc *time.Location
}

// Fields are the values a template can use, by placeholder name (listed in
// docs/letters.md). Dates are in French: "28 novembre 2026" for the letter's
// date and the procedure's dates, 28/11/2026 for the date of birth. A value
// the case does not hold is Missing.
func Fields(in Input) map[string]string {
	f, p := in.File, in.File.Person
	loc := in.Loc
	if loc == nil {
		loc = model.Paris()
	}
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
	var filed, decided, expiry, permitExpiry, apiExpiry model.Date
	for _, e := range in.Events {
		switch e.Kind {
		case model.EventApplicationComplete:
			filed = later(filed, e.Date)
		case model.EventDecisionNotified:
			decided = later(decided, e.Date)
		case model.EventPermitIssued:
			expiry = later(expiry, e.Expiry)
			permitExpiry = later(permitExpiry, e.Expiry)
		case model.EventRecepisseIssued:
			expiry = later(expiry, e.Expiry)
		case model.EventAPIIssued:
			expiry = later(expiry, e.Expiry)
			apiExpiry = later(apiExpiry, e.Expiry)
		}
	}
	var implicit model.Date
	for _, d := range in.Deadlines {
		if strings.HasPrefix(d.RuleID, "silence-") {
			implicit = later(implicit, d.Due)
		}
	}
	respondBy := in.RespondBy
	if respondBy.IsZero() {
		respondBy = model.DateOf(in.Today.Time(time.UTC).AddDate(0, 0, DefaultNoticeDays))
	}
	title := in.Sender.DefenderTitle
	if strings.TrimSpace(title) == "" {
		title = DefaultDefenderTitle
	}
	log := newLogView(in.Evidence, loc)
	g := grammarOf(p.Civility)
	fields := map[string]string{
		"nom":                   or(strings.ToUpper(p.FamilyName)),
		"prenoms":               or(p.GivenNames),
		"nom_complet":           or(p.DisplayName()),
		"date_naissance":        short(p.BirthDate),
		"lieu_naissance":        or(p.BirthPlace),
		"nationalite":           or(p.Nationality),
		"adresse":               or(p.Address),
		"agdref":                or(p.AGDREF),
		"telephone":             or(p.Phone),
		"email":                 or(p.Email),
		"prefecture":            or(f.Prefecture),
		"numero_anef":           or(f.ANEFNumber),
		"reference":             or(f.Ref),
		"procedure":             or(procedureFR[f.Procedure]),
		"avocat":                or(f.Lawyer),
		"date":                  LongDate(in.Today),
		"date_courte":           ShortDate(in.Today),
		"date_depot":            long(filed),
		"date_decision":         long(decided),
		"date_expiration":       long(expiry),
		"date_expiration_titre": long(permitExpiry),
		"date_fin_api":          long(apiExpiry),
		"date_refus_implicite":  long(implicit),
		"date_limite":           LongDate(respondBy),
		"dysfonctionnements":    log.malfunctions(),
		"tentatives":            log.attempts(),
		"accompagnement":        log.accompaniment(),
		"demandes":              log.requests(),
		"urgences":              log.urgencies(),
		"depot":                 log.filings(),
		"premiere_tentative":    log.firstAttempt(),
		"semaines":              fmt.Sprint(log.weeks()),
		"pieces":                log.pieces(),
		"effet_delai":           delayEffect(model.CaseDelayNotExtended(f.Procedure, in.Events)),
		"titre_defenseur":       title,
		"tribunal":              Missing,
		"destinataire":          Missing,
		"structure":             or(in.Sender.Clinic),
		"adresse_structure":     or(in.Sender.Address),
		"ville":                 or(in.Sender.City),
		"signataire":            or(in.Sender.Signatory),
	}
	g.fill(fields, p)
	return fields
}

// FieldNames lists the placeholders Fields fills, for the docs and the
// app's help.
func FieldNames() []string {
	return []string{"civilite", "civilite_nom", "interesse", "Interesse", "ne", "il", "Il", "e",
		"nom", "prenoms", "nom_complet", "date_naissance", "lieu_naissance", "nationalite",
		"adresse", "agdref", "telephone", "email", "prefecture", "numero_anef", "reference", "procedure",
		"avocat", "date", "date_courte", "date_depot", "date_decision", "date_expiration",
		"date_expiration_titre", "date_fin_api", "date_refus_implicite", "date_limite",
		"dysfonctionnements", "tentatives", "accompagnement", "demandes", "urgences", "depot",
		"premiere_tentative", "semaines", "pieces", "effet_delai", "titre_defenseur", "tribunal", "destinataire",
		"structure", "adresse_structure", "ville", "signataire"}
}

// The two wordings of {{effet_delai}}, the recours gracieux's sentence on
// the court delay. Where an administrative appeal does not extend the
// court delay (removal orders, transfers, house arrests: CJA R. 776-5),
// the letter says so plainly and never uses the words of an interruption
// (ClaimsExtension would flag them).
const (
	delayInterrupted = "Ce recours est formé dans le délai du recours contentieux, qu'il interrompt (article L. 411-2 du code des relations entre le public et l'administration)."
	delayRuns        = "Le présent recours ne prolonge pas le délai de recours contentieux ouvert contre cette décision, qui continue de courir depuis sa notification (article R. 776-5 du code de justice administrative) : un recours est formé parallèlement devant le tribunal administratif, dans ce délai."
)

func delayEffect(notExtended bool) string {
	if notExtended {
		return delayRuns
	}
	return delayInterrupted
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
	model.MalfSupportFailure: "échec du centre de contact citoyen ou du point d'accueil numérique",
}

var channelFR = map[model.EvidenceChannel]string{
	model.EvidenceANEF:          "téléservice ANEF",
	model.EvidenceAppointment:   "site de prise de rendez-vous de la préfecture",
	model.EvidenceContactCentre: "Centre de contact citoyen",
	model.EvidenceAccessPoint:   "point d'accueil numérique",
	model.EvidencePhone:         "téléphone",
	model.EvidenceEmail:         "courriel",
	model.EvidenceCounter:       "guichet de la préfecture",
	model.EvidencePost:          "courrier",
}

var urgencyFR = map[model.UrgencySource]string{
	model.UrgencyEmployer:      "employeur",
	model.UrgencyCAF:           "caisse d'allocations familiales",
	model.UrgencyFranceTravail: "France Travail",
	model.UrgencyHousing:       "logement",
	model.UrgencyHealth:        "santé",
	model.UrgencyStudies:       "études",
	model.UrgencyOther:         "autre",
}
