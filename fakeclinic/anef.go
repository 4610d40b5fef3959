package fakeclinic

import (
	"fmt"
	"math/rand/v2"

	"casefile/model"
)

// The interpreter, vulnerabilities, filing channel, ANEF state,
// malfunctions and checklist ticks are drawn from a second stream (x),
// seeded from the same seed, so that adding them left every name, date
// and number the main stream drew before unchanged (tests and screenshots
// pin those).

func newExtraStream(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x616e6566)) // "anef"
}

func (g *Generator) xchance(p float64) bool { return g.x.Float64() < p }

// malfunctionTexts: what a lawyer writes down for each category, in French
// as a clinic would (DOMAIN.md §4.3).
var malfunctionTexts = map[model.MalfunctionCategory][]string{
	model.MalfAccess:         {"Compte ANEF inaccessible depuis trois jours, message d'erreur à la connexion.", "Le motif de séjour n'est pas proposé sur ANEF."},
	model.MalfFilingBug:      {"Le téléservice refuse la demande : l'ancienne carte n'est pas enregistrée comme restituée.", "Erreur technique à l'étape du paiement du timbre, dépôt impossible."},
	model.MalfCannotModify:   {"Impossible d'ajouter le nouveau justificatif de domicile à la demande déposée.", "Impossible de corriger l'adresse après dépôt."},
	model.MalfNoProgress:     {"Aucune information sur l'instruction depuis le dépôt.", "Statut « en cours d'instruction » inchangé depuis des mois."},
	model.MalfNoAttestation:  {"Attestation de prolongation d'instruction non délivrée à l'expiration du titre.", "API délivrée sans la mention « autorisé à travailler »."},
	model.MalfDocsRefused:    {"L'employeur refuse l'attestation de prolongation : suspension du contrat.", "La CAF suspend les droits faute de titre « définitif »."},
	model.MalfNoDecision:     {"Aucune décision quatre mois après le dépôt d'un renouvellement simple."},
	model.MalfClosed:         {"Demande classée sans suite pour dossier incomplet alors que toutes les pièces étaient jointes."},
	model.MalfNoAppointment:  {"Aucun créneau de rendez-vous disponible sur le site de la préfecture, captures d'écran conservées.", "Plusieurs courriels à la préfecture restés sans réponse."},
	model.MalfVulnerable:     {"La personne n'a ni ordinateur ni adresse électronique ; aucun accompagnement proposé."},
	model.MalfSupportFailure: {"Centre de contact citoyen injoignable après plusieurs appels.", "Point d'accès numérique fermé le jour du rendez-vous."},
}

// anefSide fills the fields this file owns on a drawn case.
func (g *Generator) anefSide(d *draft, today model.Date) {
	f := &d.file
	p := &f.Person
	speaksFrench := false
	for _, l := range p.Languages {
		if l == "français" || l == "French" {
			speaksFrench = true
		}
	}
	if !speaksFrench || g.xchance(0.1) {
		p.Interpreter = g.xchance(0.7)
		if p.Interpreter && len(p.Languages) > 1 && g.xchance(0.3) {
			p.InterpreterLanguage = p.Languages[len(p.Languages)-1]
		}
	}
	if today.Year-p.BirthDate.Year >= 65 {
		p.Vulnerabilities = append(p.Vulnerabilities, model.VulnElderly)
	}
	if g.xchance(0.22) {
		others := model.Vulnerabilities[2:] // adults: not the two minor flags
		v := others[g.x.IntN(len(others))]
		if v != model.VulnElderly {
			p.Vulnerabilities = append(p.Vulnerabilities, v)
		}
	}

	switch {
	case f.ANEFNumber != "":
		f.Channel = model.ChannelANEF
		f.ANEFState = g.anefState(f.Status)
	case f.Procedure == model.ProcExceptional || f.Procedure == model.ProcFirstPermit ||
		f.Procedure == model.ProcRenewal || f.Procedure == model.ProcIllForeigner:
		f.Channel = model.ChannelPrefecture
		if g.xchance(0.2) {
			f.Channel = model.ChannelPost
		}
	case f.Procedure == model.ProcFamilyReunion || f.Procedure == model.ProcNaturalise:
		f.Channel = model.ChannelOther
	}

	if f.Channel == model.ChannelANEF || f.Channel == model.ChannelPrefecture && g.xchance(0.3) {
		n := 0
		if g.xchance(0.4) {
			n = 1 + g.x.IntN(3)
		}
		span := dayOf(today) - dayOf(f.Opened)
		for i := 0; i < n; i++ {
			cat := model.MalfunctionCategories[g.x.IntN(len(model.MalfunctionCategories))]
			if f.Channel == model.ChannelPrefecture {
				cat = model.MalfNoAppointment
			}
			texts := malfunctionTexts[cat]
			f.Malfunctions = append(f.Malfunctions, model.Malfunction{
				ID:       fmt.Sprintf("m%02d%06d", i, g.x.IntN(1000000)),
				Category: cat,
				Date:     (dayOf(f.Opened) + day(g.x.IntN(int(span)+1))).date(),
				Text:     texts[g.x.IntN(len(texts))],
			})
		}
	}

	for _, it := range model.Checklist(f.Procedure) {
		if g.xchance(0.6) {
			f.Tick(it.ID, true)
		}
	}
}

func (g *Generator) anefState(s model.Status) model.ANEFState {
	if s != model.StatusOpen {
		done := []model.ANEFState{model.ANEFDecisionGranted, model.ANEFDecisionGranted, model.ANEFDecisionRefused, model.ANEFImplicitRefusal, model.ANEFClosed}
		return done[g.x.IntN(len(done))]
	}
	open := []model.ANEFState{model.ANEFDraft, model.ANEFSubmitted, model.ANEFIncomplete, model.ANEFInstruction, model.ANEFInstruction, model.ANEFAPIIssued}
	return open[g.x.IntN(len(open))]
}
