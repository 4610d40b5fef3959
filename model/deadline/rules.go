package deadline

import (
	"slices"
	"strings"
	"time"
)

// Regimes of removal orders: loi n° 2024-42 (arts 72-73) and décret
// n° 2024-799 apply to decisions taken from 15 July 2024 [S1][S2][S3].
var (
	regimeOQTF2024 = Regime{
		LabelFR: "décisions prises à compter du 15/07/2024 (loi n° 2024-42, décret n° 2024-799)",
		LabelEN: "decisions taken from 15 Jul 2024 (loi 2024-42, décret 2024-799)",
		From:    Date{2024, time.July, 15},
	}
	regimeOQTFOld = Regime{
		LabelFR: "décisions prises avant le 15/07/2024 (régime antérieur)",
		LabelEN: "decisions taken before 15 Jul 2024 (former regime)",
		Until:   Date{2024, time.July, 14},
	}
	regimeVisa2023 = Regime{
		LabelFR: "refus de visa à compter du 01/01/2023",
		LabelEN: "visa refusals from 1 Jan 2023",
		From:    Date{2023, time.January, 1},
	}
	regimeR4315 = Regime{
		LabelFR: "depuis le 01/05/2021 (R431-5 CESEDA)",
		LabelEN: "since 1 May 2021 (CESEDA R431-5)",
	}
)

// Notes shared by several rules.
const (
	noteAJInterruptsFR = "Aide juridictionnelle demandée avant l'expiration : nouveau délai de même durée à compter de la notification de la décision du BAJ."
	noteAJInterruptsEN = "Legal aid requested before expiry: a new deadline of the same length runs from notification of the legal-aid decision."
	noteDistanceFR     = "Délais de distance (R421-7 CJA : +1 mois outre-mer, +2 mois étranger) non ajoutés : date la plus tôt."
	noteDistanceEN     = "Distance extensions (CJA R421-7: +1 month overseas, +2 months abroad) are not added: the earlier date."
	noteAdminFR        = "Recours administratif : ni franc ni prorogé (lecture la plus stricte, non tranchée par DOMAIN.md) ; la réception par l'administration est retenue."
	noteAdminEN        = "Administrative recourse: neither franc nor extended (the stricter reading, DOMAIN.md does not settle it); receipt by the administration is assumed to count."
	noteSilenceFR      = "La décision implicite naît le jour calculé, même un samedi, dimanche ou jour férié ; certains la font naître le lendemain : la date la plus tôt est retenue."
	noteSilenceEN      = "The implicit decision arises on the computed day, even on a weekend or holiday; some read it as arising the next day: the earlier date is used."
)

// rules is the table. Its order is the order of Rules and of the user
// documentation; append new rules where they belong, never reuse an id.
var rules = []Rule{
	// Removal orders, regime of 15 July 2024.
	{
		ID: "oqtf-1m", LabelFR: "Recours contre une OQTF (personne libre)", LabelEN: "Appeal against a removal order (person free)",
		Trigger: EventDecisionNotified, Duration: Duration{1, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CESEDA art. L911-1 (loi n° 2024-42, art. 72)", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:  "Procédure « ordinaire » : le TA statue en 6 mois. L'AJ doit être demandée au plus tard avec le recours. Un recours gracieux ne proroge pas le délai. " + noteAJInterruptsFR,
		NoteEN:  "Ordinary procedure: the TA rules within 6 months. Legal aid must be requested at the latest with the appeal. A recours gracieux does not extend the deadline. " + noteAJInterruptsEN,
		Sources: []string{"S1", "S2", "S10", "S91"},
	},
	{
		ID: "oqtf-7d", LabelFR: "Recours contre une OQTF (assignation à résidence ou détention)", LabelEN: "Appeal against a removal order (house arrest or detention)",
		Trigger: EventDecisionNotified, Duration: Duration{7, Days}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L921-1 ; CAA Toulouse 3 juil. 2025, n° 24TL02643", Regime: regimeOQTF2024, Status: Verified,
		NoteFR:  "Délai franc compté de jour à jour, non d'heure à heure ; le TA statue en 15 jours. Effet de l'AJ non vérifié : aucun effet appliqué. Si l'assignation intervient pendant le délai d'un mois, le point de départ du délai de 7 jours n'est pas vérifié.",
		NoteEN:  "Franc deadline counted day to day, not hour to hour; the TA rules within 15 days. Effect of legal aid not verified: none applied. If house arrest starts while the 1-month delay runs, the start of the 7 days is not verified.",
		Sources: []string{"S3", "S4", "S1"},
	},
	{
		ID: "oqtf-48h", LabelFR: "Recours contre une OQTF (rétention)", LabelEN: "Appeal against a removal order (immigration detention)",
		Trigger: EventDecisionNotified, Duration: Duration{48, Hours}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L921-2", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:  "D'heure à heure, ni franc ni prorogé (vendredi 18:00 → dimanche 18:00). Au passage à l'heure d'été ou d'hiver, la plus tôt des deux lectures (durée écoulée, heure affichée). Effet de l'AJ non vérifié : aucun effet appliqué.",
		NoteEN:  "Hour to hour, neither franc nor extended (Friday 18:00 → Sunday 18:00). Across a clock change, the earlier of elapsed time and wall-clock time. Effect of legal aid not verified: none applied.",
		Sources: []string{"S1", "S2", "S5", "S6", "S88"},
	},
	// Removal orders, former regime.
	{
		ID: "oqtf-ancien-30j", LabelFR: "Recours contre une OQTF avec délai de départ (ancien régime)", LabelEN: "Appeal against a removal order with departure period (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{30, Days}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "Si la préfecture a notifié par erreur 30 jours au lieu de 15, le délai est de 30 jours mais l'AJ ne l'interrompt pas (CE) : ne pas saisir d'AJ dans ce cas. " + noteAJInterruptsFR,
		NoteEN:  "If the prefecture wrongly notified 30 days instead of 15, the deadline is 30 days but legal aid does not interrupt it (CE): do not enter legal aid in that case. " + noteAJInterruptsEN,
		Sources: []string{"S7"},
	},
	{
		ID: "oqtf-ancien-15j", LabelFR: "Recours contre une OQTF, délai de 15 jours (ancien régime)", LabelEN: "Appeal against a removal order, 15-day deadline (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{15, Days}, Kind: KindCourtAppeal, Franc: true,
		LegalAid: LegalAidNone, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42 ; CJA art. R776-5 ancien", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "Délai « insusceptible de prorogation » (R776-5 CJA ancien) : non reporté au jour ouvré suivant (lecture la plus stricte ; une autre lecture applique le report samedi/dimanche/férié). L'AJ ne l'interrompt pas (CAA Marseille 2021).",
		NoteEN:  "Deadline \"not open to any extension\" (former CJA R776-5): not moved to the next working day (the stricter reading; another reading applies the weekend/holiday roll). Legal aid does not interrupt it (CAA Marseille 2021).",
		Sources: []string{"S7", "S92"},
	},
	{
		ID: "oqtf-ancien-48h", LabelFR: "Recours contre une OQTF sans délai ou en rétention, 48 heures (ancien régime)", LabelEN: "Appeal against a removal order without departure period or in detention, 48 hours (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{48, Hours}, Kind: KindCourtAppeal,
		LegalAid: LegalAidNone, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42 ; CJA art. R776-5 ancien", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "D'heure à heure, insusceptible de prorogation ; l'AJ ne l'interrompt pas.",
		NoteEN:  "Hour to hour, not open to any extension; legal aid does not interrupt it.",
		Sources: []string{"S7", "S92"},
	},
	{
		ID: "depart-volontaire-30j", LabelFR: "Fin du délai de départ volontaire", LabelEN: "End of the voluntary departure period",
		Trigger: EventDecisionNotified, Duration: Duration{30, Days}, Kind: KindOther,
		Filing: FilingNotApplicable, Basis: "CESEDA art. L612-1", Status: Secondary,
		NoteFR:  "Délai de départ, non de recours : ni franc ni prorogé (non tranché, date la plus tôt). Les sources parlent aussi d'un mois : 30 jours est retenu.",
		NoteEN:  "A departure period, not an appeal deadline: neither franc nor extended (unsettled, the earlier date). Sources also say one month: 30 days is used.",
		Sources: []string{"S89"},
	},
	// Refusals, silence and recourses.
	{
		ID: "contentieux-2m", LabelFR: "Recours contentieux contre une décision explicite (refus de séjour sans OQTF, expulsion…)", LabelEN: "Court appeal against an explicit decision (refusal without removal order, expulsion…)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R421-1", Status: Secondary,
		NoteFR:  "Sans mention des voies et délais dans la notification, voir czabaj-1an. " + noteAJInterruptsFR + " " + noteDistanceFR,
		NoteEN:  "If the notification omits the means and time limits of appeal, see czabaj-1an. " + noteAJInterruptsEN + " " + noteDistanceEN,
		Sources: []string{"S12", "S10", "S13", "S83"},
	},
	{
		ID: "recours-gracieux-2m", LabelFR: "Recours gracieux ou hiérarchique (pour interrompre le délai contentieux)", LabelEN: "Recours gracieux or hiérarchique (to interrupt the court deadline)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "CRPA art. L411-2 ; CJA art. R421-1", Status: Secondary,
		NoteFR:  "N'interrompt le délai contentieux que s'il est formé dans ce délai ; seul le premier recours compte (CE 16 mai 1980, n° 14022). Sans effet sur les délais d'OQTF. " + noteAdminFR,
		NoteEN:  "Interrupts the court deadline only if made within it; only the first recourse counts (CE 16 May 1980, no. 14022). No effect on removal-order deadlines. " + noteAdminEN,
		Sources: []string{"S20", "S21", "S94", "S1"},
	},
	{
		ID: "silence-4m", LabelFR: "Rejet implicite d'une demande de titre de séjour (4 mois)", LabelEN: "Implicit refusal of a residence permit application (4 months)",
		Trigger: EventApplicationComplete, Duration: Duration{4, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-1 et R432-2", Status: Verified,
		NoteFR:  "Court à compter du dépôt d'un dossier complet (la délivrance d'un récépissé ou d'une API le présume) ; le renouvellement de l'API ne l'arrête pas. L'ajout de pièces pourrait le faire repartir (non vérifié). " + noteSilenceFR,
		NoteEN:  "Runs from the filing of a complete application (a récépissé or API presumes it); renewing the API does not stop it. Adding documents may restart it (unverified). " + noteSilenceEN,
		Sources: []string{"S15", "S16", "S17", "S18", "S93"},
	},
	{
		ID: "silence-90j", LabelFR: "Rejet implicite d'une demande de titre de séjour (90 jours)", LabelEN: "Implicit refusal of a residence permit application (90 days)",
		Trigger: EventApplicationComplete, Duration: Duration{90, Days}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-2", Status: Verified,
		NoteFR:  "Titres des art. R421-43, R421-47, R421-54, R421-60, R422-5, R422-12, R426-14, R426-17. " + noteSilenceFR,
		NoteEN:  "Permits of arts R421-43, R421-47, R421-54, R421-60, R422-5, R422-12, R426-14, R426-17. " + noteSilenceEN,
		Sources: []string{"S15"},
	},
	{
		ID: "silence-60j", LabelFR: "Rejet implicite d'une demande de titre de séjour (60 jours)", LabelEN: "Implicit refusal of a residence permit application (60 days)",
		Trigger: EventApplicationComplete, Duration: Duration{60, Days}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-2", Status: Verified,
		NoteFR:  "Titre de l'art. R421-26 ; appliqué aussi tant que le titre demandé n'est pas renseigné (délai le plus court). " + noteSilenceFR,
		NoteEN:  "Permit of art. R421-26; also applied while the permit applied for is not recorded (the shortest delay). " + noteSilenceEN,
		Sources: []string{"S15"},
	},
	{
		ID: "contentieux-implicite-2m", LabelFR: "Recours contentieux contre un rejet implicite", LabelEN: "Court appeal against an implicit refusal",
		Trigger: EventImplicitDecision, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R421-2", Status: Secondary,
		NoteFR:  "Opposable seulement si l'accusé de réception de la demande mentionnait les voies et délais ; sinon délai raisonnable d'un an (czabaj-1an). " + noteAJInterruptsFR,
		NoteEN:  "Runs only if the acknowledgement of the application stated the means and time limits of appeal; otherwise the one-year reasonable time (czabaj-1an). " + noteAJInterruptsEN,
		Sources: []string{"S14", "S19"},
	},
	{
		ID: "gracieux-silence-2m", LabelFR: "Rejet implicite d'un recours gracieux ou hiérarchique", LabelEN: "Implicit rejection of a recours gracieux or hiérarchique",
		Trigger: EventRecoursGracieuxSent, Duration: Duration{2, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CRPA art. L231-4 et L411-2", Status: Secondary,
		NoteFR:  "Le silence court en droit à compter de la réception ; compté depuis l'envoi (date la plus tôt). Le délai contentieux repart de ce rejet ; avec recours gracieux et hiérarchique, seulement quand les deux sont rejetés. " + noteSilenceFR,
		NoteEN:  "Silence legally runs from receipt; counted from sending (the earlier date). The court deadline restarts from this rejection; with both gracieux and hiérarchique, only once both are rejected. " + noteSilenceEN,
		Sources: []string{"S20", "S21"},
	},
	{
		ID: "czabaj-1an", LabelFR: "Délai raisonnable d'un an (notification sans voies et délais)", LabelEN: "One-year reasonable time (notification without means of appeal)",
		Trigger: EventDecisionNotified, Duration: Duration{12, Months}, Kind: KindOther,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CE Ass. 13 juil. 2016, n° 387763, Czabaj ; CE avis 12 juil. 2023, n° 474865", Status: Secondary,
		NoteFR:  "Jurisprudentiel : ni franc ni prorogé (non tranché, date la plus tôt). Un recours administratif ou une demande d'AJ l'interrompt, mais la durée du nouveau délai n'est pas établie : aucun effet appliqué, à vérifier.",
		NoteEN:  "Case law: neither franc nor extended (unsettled, the earlier date). An administrative recourse or a legal-aid request interrupts it, but the length of the new delay is not settled: no effect applied, to be checked.",
		Sources: []string{"S22"},
	},
	// Asylum and visas.
	{
		ID: "cnda-1m", LabelFR: "Recours devant la CNDA", LabelEN: "Appeal to the CNDA (asylum court)",
		Trigger: EventOFPRANotified, Duration: Duration{1, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidSuspends, LegalAidWindow: "cnda-aj-15d", Filing: FilingSent, Basis: "CESEDA art. L532-1 ; loi n° 91-647 art. 9-4", Status: Verified,
		NoteFR:  "Un mois aussi en procédure accélérée. La date d'envoi fait foi. L'AJ demandée dans les 15 jours suspend le délai, qui reprend pour les jours restants à la notification de la décision (suspension : source secondaire).",
		NoteEN:  "One month in the accelerated procedure too. The date of sending counts. Legal aid requested within 15 days suspends the deadline, which resumes for the remaining days from notification of the decision (suspension: secondary source).",
		Sources: []string{"S27", "S25", "S26"},
	},
	{
		ID: "cnda-aj-15d", LabelFR: "Demande d'aide juridictionnelle pour la CNDA", LabelEN: "Legal-aid request for the CNDA",
		Trigger: EventOFPRANotified, Duration: Duration{15, Days}, Kind: KindOther,
		Filing: FilingReceived, Basis: "loi n° 91-647 art. 9-4", Status: Secondary,
		NoteFR:  "Au-delà, l'AJ ne suspend plus le délai de recours. Ni franc ni prorogé, réception retenue (non tranché, date la plus tôt).",
		NoteEN:  "Later, legal aid no longer suspends the appeal deadline. Neither franc nor extended, receipt assumed to count (unsettled, the earlier date).",
		Sources: []string{"S25", "S26"},
	},
	{
		ID: "rapo-visa-30d", LabelFR: "RAPO contre un refus de visa", LabelEN: "Mandatory prior recourse (RAPO) against a visa refusal",
		Trigger: EventVisaRefused, Duration: Duration{30, Days}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "CESEDA art. D312-4", Regime: regimeVisa2023, Status: Secondary,
		NoteFR:  "Devant la CRRV (long séjour) ou la sous-direction des visas (court séjour), puis TA de Nantes. " + noteAdminFR,
		NoteEN:  "To the CRRV (long stay) or the visa sub-directorate (short stay), then TA Nantes. " + noteAdminEN,
		Sources: []string{"S50", "S51", "S52"},
	},
	{
		ID: "rapo-visa-silence-2m", LabelFR: "Rejet implicite du RAPO visa", LabelEN: "Implicit rejection of the visa RAPO",
		Trigger: EventRAPOSent, Duration: Duration{2, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. D312-4 et s.", Regime: regimeVisa2023, Status: Secondary,
		NoteFR:  "Compté depuis l'envoi (date la plus tôt). Puis recours devant le TA de Nantes (contentieux-implicite-2m). " + noteSilenceFR,
		NoteEN:  "Counted from sending (the earlier date). Then appeal to TA Nantes (contentieux-implicite-2m). " + noteSilenceEN,
		Sources: []string{"S50", "S51"},
	},
	// Renewals and expiries.
	{
		ID: "renouvellement-ouverture", LabelFR: "Ouverture de la fenêtre de renouvellement (titre ANEF)", LabelEN: "Renewal window opens (ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-120, Days}, Kind: KindFilingWindow,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Demande à déposer entre le 120e et le 60e jour avant l'expiration. Cas particuliers (18-19 ans, perte de nationalité) non calculés.",
		NoteEN:  "File between day 120 and day 60 before expiry. Special cases (age 18-19, loss of nationality) are not computed.",
		Sources: []string{"S31", "S32"},
	},
	{
		ID: "renouvellement-cloture", LabelFR: "Fin de la fenêtre de renouvellement (titre ANEF)", LabelEN: "Renewal window closes (ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-60, Days}, Kind: KindFilingWindow,
		Filing: FilingReceived, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Au-delà : dépôt tardif, droit de visa de régularisation possible et pas d'API garantie.",
		NoteEN:  "Later: late filing, regularisation visa fee may be due and no API is guaranteed.",
		Sources: []string{"S31", "S32", "S56"},
	},
	{
		ID: "renouvellement-ouverture-prefecture", LabelFR: "Ouverture de la fenêtre de renouvellement (titre hors ANEF)", LabelEN: "Renewal window opens (non-ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-2, Months}, Kind: KindFilingWindow,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Demande à déposer dans les deux mois précédant l'expiration ; la fenêtre se ferme à l'expiration (titre-expiration).",
		NoteEN:  "File within the two months before expiry; the window closes at expiry (titre-expiration).",
		Sources: []string{"S31", "S32"},
	},
	{
		ID: "titre-expiration", LabelFR: "Expiration du titre de séjour", LabelEN: "Residence permit expires",
		Trigger: EventPermitExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "date portée sur le titre", Status: Verified,
		NoteFR: "Dernier jour de validité.", NoteEN: "Last day of validity.",
		Sources: []string{"S31"},
	},
	{
		ID: "recepisse-expiration", LabelFR: "Expiration du récépissé", LabelEN: "Récépissé expires",
		Trigger: EventReceiptExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-12 s.", Status: Verified,
		NoteFR: "Renouvelable tant que la demande n'est pas tranchée.", NoteEN: "Renewable while the application is undecided.",
		Sources: []string{"S35", "S36"},
	},
	{
		ID: "api-expiration", LabelFR: "Expiration de l'attestation de prolongation d'instruction (API)", LabelEN: "Extension attestation (API) expires",
		Trigger: EventAPIExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-15-1", Status: Verified,
		NoteFR: "Trois mois au plus, renouvelée tant que la demande n'est pas tranchée.", NoteEN: "Three months at most, renewed while the application is undecided.",
		Sources: []string{"S33", "S37"},
	},
	// Naturalisation and family reunification.
	{
		ID: "naturalisation-18m", LabelFR: "Délai de décision sur une demande de naturalisation", LabelEN: "Time to decide a naturalisation application",
		Trigger: EventApplicationComplete, Duration: Duration{18, Months}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: "C. civ. art. 21-25-1", Status: Verified,
		NoteFR:  "À compter du récépissé du dossier complet ; prorogeable une fois de 3 mois par décision motivée (non ajouté).",
		NoteEN:  "From the receipt for the complete application; may be extended once by 3 months by a reasoned decision (not added).",
		Sources: []string{"S45"},
	},
	{
		ID: "naturalisation-12m", LabelFR: "Délai de décision sur une naturalisation (10 ans de résidence)", LabelEN: "Time to decide a naturalisation (10 years' residence)",
		Trigger: EventApplicationComplete, Duration: Duration{12, Months}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: "C. civ. art. 21-25-1", Status: Verified,
		NoteFR:  "Résidence habituelle en France depuis au moins 10 ans ; prorogeable une fois de 3 mois (non ajouté).",
		NoteEN:  "Habitual residence in France for at least 10 years; may be extended once by 3 months (not added).",
		Sources: []string{"S45"},
	},
	{
		ID: "naturalisation-recours-2m", LabelFR: "Recours obligatoire au ministre (refus ou ajournement de naturalisation)", LabelEN: "Mandatory recourse to the minister (naturalisation refused or postponed)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "décret n° 93-1362 art. 45", Status: Secondary,
		NoteFR:  "Préalable obligatoire au recours devant le TA de Nantes (compétence exclusive, 2 mois). " + noteAdminFR,
		NoteEN:  "Mandatory before the appeal to TA Nantes (exclusive jurisdiction, 2 months). " + noteAdminEN,
		Sources: []string{"S46"},
	},
	{
		ID: "naturalisation-recours-silence-4m", LabelFR: "Rejet implicite du recours au ministre (naturalisation)", LabelEN: "Implicit rejection of the recourse to the minister (naturalisation)",
		Trigger: EventMinisterRecourseSent, Duration: Duration{4, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "décret n° 93-1362 art. 45", Status: Unverified,
		NoteFR:  "Durée de 4 mois NON VÉRIFIÉE, à contrôler sur Légifrance. Compté depuis l'envoi (date la plus tôt). " + noteSilenceFR,
		NoteEN:  "The 4-month length is NOT VERIFIED, check on Légifrance. Counted from sending (the earlier date). " + noteSilenceEN,
		Sources: []string{"S46"},
	},
	{
		ID: "regroupement-6m", LabelFR: "Délai de décision sur un regroupement familial", LabelEN: "Time to decide a family reunification application",
		Trigger: EventApplicationComplete, Duration: Duration{6, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R434-26", Status: Secondary,
		NoteFR:  "À compter de l'attestation de dépôt de l'OFII ; le silence vaut rejet. " + noteSilenceFR,
		NoteEN:  "From OFII's filing attestation; silence means rejection. " + noteSilenceEN,
		Sources: []string{"S47", "S48"},
	},
	// Appeals against judgments.
	{
		ID: "appel-caa-1m", LabelFR: "Appel d'un jugement sur OQTF (procédure d'un mois)", LabelEN: "Appeal against a TA judgment on a removal order (1-month procedure)",
		Trigger: EventJudgmentNotified, Duration: Duration{1, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R776-9", Status: Secondary,
		NoteFR: noteAJInterruptsFR, NoteEN: noteAJInterruptsEN,
		Sources: []string{"S1"},
	},
	{
		ID: "appel-caa-2m", LabelFR: "Appel d'un jugement du TA", LabelEN: "Appeal against a TA judgment",
		Trigger: EventJudgmentNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R811-2", Status: Verified,
		NoteFR: noteAJInterruptsFR + " " + noteDistanceFR, NoteEN: noteAJInterruptsEN + " " + noteDistanceEN,
		Sources: []string{"S82"},
	},
	{
		ID: "cassation-2m", LabelFR: "Pourvoi en cassation devant le Conseil d'État (CAA, CNDA)", LabelEN: "Appeal on points of law to the Conseil d'État (CAA, CNDA)",
		Trigger: EventJudgmentNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R821-1", Status: Verified,
		NoteFR: noteAJInterruptsFR, NoteEN: noteAJInterruptsEN,
		Sources: []string{"S82", "S28"},
	},
}

var ruleIndex = func() map[string]int {
	m := make(map[string]int, len(rules))
	for i, r := range rules {
		if _, dup := m[r.ID]; dup {
			panic("deadline: duplicate rule id " + r.ID)
		}
		m[r.ID] = i
	}
	return m
}()

// Rules returns every rule, in a stable order (the order of
// docs/deadlines.md). The caller owns the returned slice.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = r.clone()
	}
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	i, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return rules[i].clone(), true
}

func (r Rule) clone() Rule {
	r.Sources = slices.Clone(r.Sources)
	return r
}

// silenceByArticle maps the CESEDA article of the title applied for to its
// silence rule (R432-2) [S15].
var silenceByArticle = map[string]string{
	"R421-43": "silence-90j", "R421-47": "silence-90j", "R421-54": "silence-90j", "R421-60": "silence-90j",
	"R422-5": "silence-90j", "R422-12": "silence-90j", "R426-14": "silence-90j", "R426-17": "silence-90j",
	"R421-26": "silence-60j",
}

// SilenceRuleFor returns the implicit-refusal rule for an application for
// the residence permit whose CESEDA regulatory article is given ("R421-26"):
// R432-2 lists the articles with a 90-day or 60-day silence, and any other
// R4xx article has 4 months. It reports false, with the shortest rule
// (silence-60j), when the article is empty, is not an R4xx article (a
// legislative L article cannot be mapped safely) or has a special period
// (R421-23, R421-37-7): the case must then ask for the title.
func SilenceRuleFor(article string) (Rule, bool) {
	a := strings.ToUpper(strings.TrimSpace(article))
	a = strings.TrimSpace(strings.TrimPrefix(a, "ART."))
	id, ok := silenceByArticle[a]
	switch {
	case ok:
	case a == "R421-23" || a == "R421-37-7" || !isRegulatoryTitleArticle(a):
		r, _ := Lookup("silence-60j")
		return r, false
	default:
		id = "silence-4m"
	}
	r, _ := Lookup(id)
	return r, true
}

// isRegulatoryTitleArticle reports whether a looks like "R4dd-d" or
// "R4dd-d-d": an article of CESEDA's book IV, regulatory part.
func isRegulatoryTitleArticle(a string) bool {
	if len(a) < 6 || a[0] != 'R' || a[1] != '4' || a[4] != '-' {
		return false
	}
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	if !digit(a[2]) || !digit(a[3]) {
		return false
	}
	prevDash := true
	for i := 5; i < len(a); i++ {
		switch c := a[i]; {
		case digit(c):
			prevDash = false
		case c == '-' && !prevDash:
			prevDash = true
		default:
			return false
		}
	}
	return !prevDash
}
