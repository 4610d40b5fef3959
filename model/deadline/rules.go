package deadline

import (
	"slices"
	"strings"
	"time"
)

// Regimes of removal orders: loi n° 2024-42 (arts 72-73) and décret
// n° 2024-799 apply to decisions taken from 15 July 2024 (docs/deadlines.md).
// altToulouse7 is the other reading of the 7 days of L921-1.
func altToulouse7() *Alternative {
	return &Alternative{
		NameFR:   "CAA Toulouse, 3 juil. 2025, n° 24TL02643 : délai franc, compté de jour à jour, prorogé au premier jour ouvré",
		NameEN:   "CAA Toulouse, 3 Jul 2025, no. 24TL02643: franc, counted day to day, extended to the next working day",
		Duration: Duration{7, Days}, Franc: true, Extends: true,
		Sources: sources(srcToulouse24TL02643, srcCEDecines),
	}
}

// retentionEnd is a dated reminder of a rétention's course: the instant,
// counted from the notification of the placement, by which the judge must
// have been seized or after which the person must be freed.
func retentionEnd(id string, hours int, fr, en, basis, noteFR, noteEN string) Rule {
	return Rule{
		ID: id, LabelFR: fr, LabelEN: en, Trigger: EventRetentionNotified, Duration: Duration{hours, Hours}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: basis, Regime: regimeRetention2024, Status: Secondary,
		NoteFR:  noteFR + " Compté d'heure à heure depuis la notification du placement ; un rappel, pas un délai pour agir.",
		NoteEN:  noteEN + " Counted hour to hour from notification of the placement; a reminder, not a deadline to act.",
		Sources: sources(srcCESEDAL742, secRetention2025),
	}
}

var (
	regimeRetention2024 = Regime{
		LabelFR: "placements à compter du 15/07/2024 (loi n° 2024-42)",
		LabelEN: "placements from 15 Jul 2024 (loi 2024-42)",
		From:    Date{2024, time.July, 15},
	}
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

// Notes and readings shared by several rules.
const (
	note7jFR           = "Procédure de l'art. L921-1 : le TA statue en 15 jours. Effet de l'AJ non vérifié : aucun effet appliqué."
	note7jEN           = "Procedure of art. L921-1: the TA rules within 15 days. Effect of legal aid not verified: none applied."
	readingLyonFR      = "CAA Lyon, 19 déc. 2024, n° 24LY03013 : délai non franc, qui « ne peut être prorogé », courant du lendemain de la notification et expirant à minuit le 7e jour"
	readingLyonEN      = "CAA Lyon, 19 Dec 2024, no. 24LY03013: not franc, \"cannot be extended\", running from the day after notification and ending at midnight on the 7th day"
	noteAJInterruptsFR = "Aide juridictionnelle demandée avant l'expiration : nouveau délai de même durée à compter de la notification de la décision du BAJ."
	noteAJInterruptsEN = "Legal aid requested before expiry: a new deadline of the same length runs from notification of the legal-aid decision."
	noteDistanceFR     = "Délais de distance (R421-7 CJA : +1 mois outre-mer, +2 mois étranger) non ajoutés : date la plus tôt."
	noteDistanceEN     = "Distance extensions (CJA R421-7: +1 month overseas, +2 months abroad) are not added: the earlier date."
	noteAdminFR        = "Recours administratif : ni franc ni prorogé (lecture la plus stricte, qu'aucun texte ne tranche) ; la réception par l'administration est retenue."
	noteAdminEN        = "Administrative recourse: neither franc nor extended (the stricter reading, no text settles it); receipt by the administration is assumed to count."
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
		Sources: sources(secInfomie6958, secMichel2024, secJurisconsulte, secAltg19),
	},
	{
		ID: "oqtf-7d", LabelFR: "Recours contre une OQTF (assignation à résidence ou détention)", LabelEN: "Appeal against a removal order (house arrest or detention)",
		Trigger: EventDecisionNotified, Duration: Duration{7, Days}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L921-1 ; CAA Lyon 19 déc. 2024, n° 24LY03013 ; CAA Toulouse 3 juil. 2025, n° 24TL02643", Regime: regimeOQTF2024, Status: Verified,
		NoteFR:    note7jFR + " Si l'assignation intervient pendant le délai d'un mois, le point de départ du délai de 7 jours n'est pas vérifié.",
		NoteEN:    note7jEN + " If house arrest starts while the 1-month delay runs, the start of the 7 days is not verified.",
		Sources:   sources(srcCESEDAL9211, srcLyon24LY03013, secInfomie6958),
		ReadingFR: readingLyonFR, ReadingEN: readingLyonEN, Alt: altToulouse7(),
	},
	{
		ID: "oqtf-48h", LabelFR: "Recours contre une OQTF (rétention)", LabelEN: "Appeal against a removal order (immigration detention)",
		Trigger: EventDecisionNotified, Duration: Duration{48, Hours}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L921-2", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:  "D'heure à heure, ni franc ni prorogé (vendredi 18:00 → dimanche 18:00). Au passage à l'heure d'été ou d'hiver, la plus tôt des deux lectures (durée écoulée, heure affichée). Effet de l'AJ non vérifié : aucun effet appliqué.",
		NoteEN:  "Hour to hour, neither franc nor extended (Friday 18:00 → Sunday 18:00). Across a clock change, the earlier of elapsed time and wall-clock time. Effect of legal aid not verified: none applied.",
		Sources: sources(secInfomie6958, secMichel2024, secReplick, secBochnakian, secBabou),
	},
	// House arrest, Dublin transfers, bans on return, rétention.
	{
		ID: "assignation-7j", LabelFR: "Recours contre une assignation à résidence", LabelEN: "Appeal against a house-arrest decision",
		Trigger: EventDecisionNotified, Duration: Duration{7, Days}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L732-8 et L921-1 ; assignation « Dublin » (L751-2) : CE avis 14 nov. 2024, n° 496412", Regime: regimeOQTF2024, Status: Verified,
		NoteFR:    note7jFR + " Une assignation « Dublin » peut être contestée dans le même recours que le transfert, ou seule si elle est notifiée après lui (CE avis n° 496412).",
		NoteEN:    note7jEN + " A Dublin house arrest may be challenged in the same appeal as the transfer, or alone when notified after it (CE avis no. 496412).",
		Sources:   sources(srcCESEDAL7328, srcCESEDAL7512, srcCESEDAL9211, srcCE496412, srcLyon24LY03013, secDalloz496412),
		ReadingFR: readingLyonFR, ReadingEN: readingLyonEN, Alt: altToulouse7(),
	},
	{
		ID: "dublin-transfert-7j", LabelFR: "Recours contre une décision de transfert Dublin", LabelEN: "Appeal against a Dublin transfer decision",
		Trigger: EventDecisionNotified, Duration: Duration{7, Days}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L572-4 et L921-1 ; CE avis 1er juil. 2020, n° 438152", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:    note7jFR + " Le CE (avis n° 438152) a jugé non franc l'ancien délai de 15 jours contre un transfert, eu égard à l'urgence : même sens que la lecture retenue. Renvoi de L572-4 à L921-1 lu dans une source secondaire et dans CE avis n° 496412.",
		NoteEN:    note7jEN + " The CE (avis no. 438152) held the former 15-day delay against a transfer not franc, given the urgency: the same direction as the reading used. L572-4's reference to L921-1 read in a secondary source and in CE avis no. 496412.",
		Sources:   sources(srcCESEDAL5724, srcCESEDAL9211, srcCE438152, srcCE496412, srcLyon24LY03013),
		ReadingFR: readingLyonFR, ReadingEN: readingLyonEN, Alt: altToulouse7(),
	},
	{
		ID: "dublin-transfert-48h", LabelFR: "Recours contre une décision de transfert Dublin (rétention)", LabelEN: "Appeal against a Dublin transfer decision (immigration detention)",
		Trigger: EventDecisionNotified, Duration: Duration{48, Hours}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. L572-4 et L921-2", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:  "D'heure à heure depuis la notification, ni franc ni prorogé ; le juge statue en 96 heures. Effet de l'AJ non vérifié : aucun effet appliqué.",
		NoteEN:  "Hour to hour from notification, neither franc nor extended; the judge rules within 96 hours. Effect of legal aid not verified: none applied.",
		Sources: sources(srcCESEDAL5724, srcCESEDAL9212, srcCE438152, secDalloz496412),
	},
	{
		ID: "irtf", LabelFR: "Recours contre une interdiction de retour ou la fin du délai de départ notifiée après l'OQTF", LabelEN: "Appeal against a ban on return or an end of the departure period notified after the removal order",
		Trigger: EventDecisionNotified, Duration: Duration{7, Days}, Kind: KindCourtAppeal,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CESEDA art. R614-1 et R614-2 (procédures des art. L911-1, L921-1, L921-2)", Regime: regimeOQTF2024, Status: Secondary,
		NoteFR:    "Suit la procédure de l'OQTF selon la situation : en rétention, 48 heures (oqtf-48h) ; assignée ou détenue, 7 jours ; la prolongation d'une interdiction de retour relève toujours des 7 jours (R614-2). La fin du délai de départ d'une personne libre relève de la procédure d'un mois (R614-1) : les 7 jours, plus tôt, sont retenus. " + note7jFR,
		NoteEN:    "Follows the removal order's procedure by situation: in rétention, 48 hours (oqtf-48h); under house arrest or detained, 7 days; extending a ban on return always falls under the 7 days (R614-2). Ending the departure period of a free person falls under the one-month procedure (R614-1): the 7 days, earlier, are used. " + note7jEN,
		Sources:   sources(srcCESEDAR6141, srcCESEDAL9211, srcCESEDAL9212, srcLyon24LY03013),
		ReadingFR: readingLyonFR, ReadingEN: readingLyonEN, Alt: altToulouse7(),
	},
	{
		ID: "retention-contestation", LabelFR: "Contestation du placement en rétention (magistrat du siège du tribunal judiciaire)", LabelEN: "Challenge to a placement in immigration detention (tribunal judiciaire)",
		Trigger: EventRetentionNotified, Duration: Duration{96, Hours}, Kind: KindCourtAppeal,
		Filing: FilingReceived, Basis: "CESEDA art. L741-10 (loi n° 2024-42), quatre jours à compter de la notification", Regime: regimeRetention2024, Status: Secondary,
		NoteFR:    "Quatre jours depuis le 15/07/2024 (48 heures auparavant). Délai vérifié dans le texte ; son décompte ne l'est pas : 96 heures d'heure à heure, la lecture la plus tôt. Les audiences de prolongation suivent (rappels retention-fin-*).",
		NoteEN:    "Four days since 15 Jul 2024 (48 hours before). The length is verified in the text; its counting is not: 96 hours hour to hour, the earliest reading. Extension hearings follow (reminders retention-fin-*).",
		Sources:   sources(srcCESEDAL74110, srcCPC640),
		ReadingFR: "96 heures d'heure à heure depuis la notification (lecture la plus stricte)", ReadingEN: "96 hours hour to hour from notification (the strictest reading)",
		Alt: &Alternative{
			NameFR:   "CPC, art. 640 à 642 : quatre jours à compter du lendemain, expirant à minuit le dernier jour, prorogé au premier jour ouvré",
			NameEN:   "CPC arts. 640 to 642: four days from the next day, ending at midnight on the last day, extended to the next working day",
			Duration: Duration{4, Days}, Extends: true, Sources: sources(srcCPC640),
		},
	},
	{
		ID: "retention-appel", LabelFR: "Appel de l'ordonnance du magistrat (rétention) devant le premier président de la cour d'appel", LabelEN: "Appeal against the judge's order (immigration detention) to the premier président of the cour d'appel",
		Trigger: EventRetentionOrder, Duration: Duration{24, Hours}, Kind: KindCourtAppeal,
		Filing: FilingReceived, Basis: "CESEDA art. R743-10 : 24 heures du prononcé de l'ordonnance (de sa notification si l'étranger n'était pas présent)", Status: Unverified,
		NoteFR:    "Article non relu dans sa version en vigueur : 24 heures, d'heure à heure depuis le prononcé (la plus tôt). Le texte renvoie aux art. 640 et 642 CPC, qui donneraient la fin du lendemain, prorogée : nommée ci-dessous. Renseignez l'heure du prononcé.",
		NoteEN:    "Article not re-read in its current version: 24 hours, hour to hour from the pronouncement (the earliest). The text refers to CPC arts. 640 and 642, which would give the end of the next day, extended: named below. Enter the time of the pronouncement.",
		Sources:   sources(srcCESEDAR74310, srcCPC640),
		ReadingFR: "24 heures d'heure à heure depuis le prononcé", ReadingEN: "24 hours hour to hour from the pronouncement",
		Alt: &Alternative{
			NameFR:   "CPC, art. 640 et 642 (renvoi de l'art. R743-10) : fin du lendemain à minuit, prorogée au premier jour ouvré",
			NameEN:   "CPC arts. 640 and 642 (referred to by R743-10): the end of the next day at midnight, extended to the next working day",
			Duration: Duration{1, Days}, Extends: true, Sources: sources(srcCPC640),
		},
	},
	retentionEnd("retention-fin-4j", 96, "Fin des 4 jours de rétention : le juge doit avoir été saisi (première prolongation)", "End of the first 4 days of detention: the judge must have been seized (first extension)",
		"CESEDA art. L741-1 et L742-1", "Au-delà de 96 heures, la rétention ne peut être maintenue que par le magistrat du siège : audience de première prolongation.", "Beyond 96 hours detention can only continue by order of the judge: first extension hearing."),
	retentionEnd("retention-fin-30j", 720, "Fin de la première prolongation (30e jour) : seconde prolongation", "End of the first extension (day 30): second extension",
		"CESEDA art. L742-3 et L742-4", "Première prolongation de 26 jours après les 4 premiers jours ; seconde prolongation possible de 30 jours.", "First extension of 26 days after the first 4 days; a second extension of 30 days may follow."),
	retentionEnd("retention-fin-60j", 1440, "Fin de la seconde prolongation (60e jour) : prolongation exceptionnelle", "End of the second extension (day 60): exceptional extension",
		"CESEDA art. L742-4 et L742-5", "Au-delà, prolongations exceptionnelles seulement (15 jours deux fois, ou 30 jours depuis le 11/11/2025 selon une source secondaire).", "Beyond, exceptional extensions only (15 days twice, or 30 days since 11 Nov 2025 according to a secondary source)."),
	retentionEnd("retention-fin-75j", 1800, "75e jour de rétention (ancienne troisième prolongation de 15 jours)", "Day 75 of detention (former third extension of 15 days)",
		"CESEDA art. L742-5 (rédaction antérieure au 11/11/2025)", "Sous le texte antérieur, une audience pouvait intervenir au 75e jour ; rappel conservé, date la plus tôt.", "Under the former text a hearing could take place on day 75; reminder kept, the earlier date."),
	retentionEnd("retention-fin-90j", 2160, "Durée maximale de la rétention (90e jour)", "Maximum length of immigration detention (day 90)",
		"CESEDA art. L742-5 et L742-6", "Durée maximale de droit commun ; 180 ou 210 jours dans les cas de terrorisme (non calculés).", "Ordinary maximum; 180 or 210 days in terrorism cases (not computed)."),
	// Removal orders, former regime.
	{
		ID: "oqtf-ancien-30j", LabelFR: "Recours contre une OQTF avec délai de départ (ancien régime)", LabelEN: "Appeal against a removal order with departure period (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{30, Days}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "Si la préfecture a notifié par erreur 30 jours au lieu de 15, le délai est de 30 jours mais l'AJ ne l'interrompt pas (CE) : ne pas saisir d'AJ dans ce cas. " + noteAJInterruptsFR,
		NoteEN:  "If the prefecture wrongly notified 30 days instead of 15, the deadline is 30 days but legal aid does not interrupt it (CE): do not enter legal aid in that case. " + noteAJInterruptsEN,
		Sources: sources(secChelbi),
	},
	{
		ID: "oqtf-ancien-15j", LabelFR: "Recours contre une OQTF, délai de 15 jours (ancien régime)", LabelEN: "Appeal against a removal order, 15-day deadline (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{15, Days}, Kind: KindCourtAppeal, Franc: true,
		LegalAid: LegalAidNone, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42 ; CJA art. R776-5 ancien", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "Délai « insusceptible de prorogation » (R776-5 CJA ancien) : non reporté au jour ouvré suivant (lecture la plus stricte ; une autre lecture applique le report samedi/dimanche/férié). L'AJ ne l'interrompt pas (CAA Marseille 2021).",
		NoteEN:  "Deadline \"not open to any extension\" (former CJA R776-5): not moved to the next working day (the stricter reading; another reading applies the weekend/holiday roll). Legal aid does not interrupt it (CAA Marseille 2021).",
		Sources: sources(secChelbi, srcMarseille21MA),
	},
	{
		ID: "oqtf-ancien-48h", LabelFR: "Recours contre une OQTF sans délai ou en rétention, 48 heures (ancien régime)", LabelEN: "Appeal against a removal order without departure period or in detention, 48 hours (former regime)",
		Trigger: EventDecisionNotified, Duration: Duration{48, Hours}, Kind: KindCourtAppeal,
		LegalAid: LegalAidNone, Filing: FilingReceived, Basis: "CESEDA, rédaction antérieure à la loi n° 2024-42 ; CJA art. R776-5 ancien", Regime: regimeOQTFOld, Status: Secondary,
		NoteFR:  "D'heure à heure, insusceptible de prorogation ; l'AJ ne l'interrompt pas.",
		NoteEN:  "Hour to hour, not open to any extension; legal aid does not interrupt it.",
		Sources: sources(secChelbi, srcMarseille21MA),
	},
	{
		ID: "depart-volontaire-30j", LabelFR: "Fin du délai de départ volontaire", LabelEN: "End of the voluntary departure period",
		Trigger: EventDecisionNotified, Duration: Duration{30, Days}, Kind: KindOther,
		Filing: FilingNotApplicable, Basis: "CESEDA art. L612-1", Status: Secondary,
		NoteFR:  "Délai de départ, non de recours : ni franc ni prorogé (non tranché, date la plus tôt). Les sources parlent aussi d'un mois : 30 jours est retenu.",
		NoteEN:  "A departure period, not an appeal deadline: neither franc nor extended (unsettled, the earlier date). Sources also say one month: 30 days is used.",
		Sources: sources(secEquilex),
	},
	// Refusals, silence and recourses.
	{
		ID: "contentieux-2m", LabelFR: "Recours contentieux contre une décision explicite (refus de séjour sans OQTF, expulsion…)", LabelEN: "Court appeal against an explicit decision (refusal without removal order, expulsion…)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R421-1", Status: Secondary,
		NoteFR:  "Sans mention des voies et délais dans la notification, voir czabaj-1an. " + noteAJInterruptsFR + " " + noteDistanceFR,
		NoteEN:  "If the notification omits the means and time limits of appeal, see czabaj-1an. " + noteAJInterruptsEN + " " + noteDistanceEN,
		Sources: sources(secLexcaseNotif, secJurisconsulte, secSimonnet, secNancy),
	},
	{
		ID: "recours-gracieux-2m", LabelFR: "Recours gracieux ou hiérarchique (pour interrompre le délai contentieux)", LabelEN: "Recours gracieux or hiérarchique (to interrupt the court deadline)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "CRPA art. L411-2 ; CJA art. R421-1", Status: Secondary,
		NoteFR:  "N'interrompt le délai contentieux que s'il est formé dans ce délai ; seul le premier recours compte (CE 16 mai 1980, n° 14022). Sans effet sur les délais d'OQTF. " + noteAdminFR,
		NoteEN:  "Interrupts the court deadline only if made within it; only the first recourse counts (CE 16 May 1980, no. 14022). No effect on removal-order deadlines. " + noteAdminEN,
		Sources: sources(srcCRPAL4112, secAlexia7301, srcCE14022, secInfomie6958),
	},
	{
		ID: "silence-4m", LabelFR: "Rejet implicite d'une demande de titre de séjour (4 mois)", LabelEN: "Implicit refusal of a residence permit application (4 months)",
		Trigger: EventApplicationComplete, Duration: Duration{4, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-1 et R432-2", Status: Verified,
		NoteFR:  "Court à compter du dépôt d'un dossier complet (la délivrance d'un récépissé ou d'une API le présume) ; le renouvellement de l'API ne l'arrête pas. L'ajout de pièces pourrait le faire repartir (non vérifié). " + noteSilenceFR,
		NoteEN:  "Runs from the filing of a complete application (a récépissé or API presumes it); renewing the API does not stop it. Adding documents may restart it (unverified). " + noteSilenceEN,
		Sources: sources(srcCESEDAR4322, secSosOQTF, secOloumi, secLexcaseSilence, secPublica),
	},
	{
		ID: "silence-90j", LabelFR: "Rejet implicite d'une demande de titre de séjour (90 jours)", LabelEN: "Implicit refusal of a residence permit application (90 days)",
		Trigger: EventApplicationComplete, Duration: Duration{90, Days}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-2", Status: Verified,
		NoteFR:  "Titres des art. R421-43, R421-47, R421-54, R421-60, R422-5, R422-12, R426-14, R426-17. " + noteSilenceFR,
		NoteEN:  "Permits of arts R421-43, R421-47, R421-54, R421-60, R422-5, R422-12, R426-14, R426-17. " + noteSilenceEN,
		Sources: sources(srcCESEDAR4322),
	},
	{
		ID: "silence-60j", LabelFR: "Rejet implicite d'une demande de titre de séjour (60 jours)", LabelEN: "Implicit refusal of a residence permit application (60 days)",
		Trigger: EventApplicationComplete, Duration: Duration{60, Days}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R432-2", Status: Verified,
		NoteFR:  "Titre de l'art. R421-26 ; appliqué aussi tant que le titre demandé n'est pas renseigné (délai le plus court). " + noteSilenceFR,
		NoteEN:  "Permit of art. R421-26; also applied while the permit applied for is not recorded (the shortest delay). " + noteSilenceEN,
		Sources: sources(srcCESEDAR4322),
	},
	{
		ID: "contentieux-implicite-2m", LabelFR: "Recours contentieux contre un rejet implicite", LabelEN: "Court appeal against an implicit refusal",
		Trigger: EventImplicitDecision, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R421-2", Status: Secondary,
		NoteFR:  "Opposable seulement si l'accusé de réception de la demande mentionnait les voies et délais ; sinon délai raisonnable d'un an (czabaj-1an). " + noteAJInterruptsFR,
		NoteEN:  "Runs only if the acknowledgement of the application stated the means and time limits of appeal; otherwise the one-year reasonable time (czabaj-1an). " + noteAJInterruptsEN,
		Sources: sources(secVagneux, srcCJAR4212),
	},
	{
		ID: "motifs-implicite", LabelFR: "Demande des motifs d'un refus implicite", LabelEN: "Request for the reasons of an implicit refusal",
		Trigger: EventImplicitDecision, Duration: Duration{2, Months}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "CRPA art. L232-4 ; CE avis 2 oct. 2025, n° 504677", Status: Verified,
		NoteFR:    "À demander dans le délai du recours contentieux. L'administration doit répondre dans le mois (motifs-reponse-1m) ; le délai de recours court alors deux mois après la communication des motifs (contentieux-motifs-2m), et au plus tard un an après la demande si les motifs ne sont jamais communiqués (CE avis n° 504677).",
		NoteEN:    "To be requested within the court deadline. The administration must answer within a month (motifs-reponse-1m); the appeal deadline then runs two months from the communication of the reasons (contentieux-motifs-2m), and at the latest one year after the request if they are never communicated (CE avis no. 504677).",
		Sources:   sources(srcCRPAL2324, srcCE504677),
		ReadingFR: "Demande non franche ni prorogée (recours administratif)", ReadingEN: "Request neither franc nor extended (an administrative step)",
		Alt: &Alternative{
			NameFR:   "« dans les délais du recours contentieux » (L232-4) : le délai de contentieux-implicite-2m, franc et prorogé",
			NameEN:   "\"within the court deadline\" (L232-4): the deadline of contentieux-implicite-2m, franc and extended",
			Duration: Duration{2, Months}, Franc: true, Extends: true, Sources: sources(srcCRPAL2324, srcCJAR4212),
		},
	},
	{
		ID: "motifs-reponse-1m", LabelFR: "Délai de l'administration pour communiquer les motifs", LabelEN: "Time for the administration to communicate the reasons",
		Trigger: EventReasonsRequested, Duration: Duration{1, Months}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: "CRPA art. L232-4", Status: Verified,
		NoteFR:  "Compté depuis l'envoi de la demande (date la plus tôt). Faute de réponse, le refus implicite est illégal pour défaut de motivation ; le recours reste possible au plus tard un an après la demande (CE avis n° 504677).",
		NoteEN:  "Counted from sending the request (the earlier date). Without an answer the implicit refusal is unlawful for want of reasons; the appeal remains possible at the latest one year after the request (CE avis no. 504677).",
		Sources: sources(srcCRPAL2324, srcCE504677),
	},
	{
		ID: "contentieux-motifs-2m", LabelFR: "Recours contentieux après communication des motifs d'un refus implicite", LabelEN: "Court appeal after the reasons of an implicit refusal were communicated",
		Trigger: EventReasonsCommunicated, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CRPA art. L232-4 ; CJA art. R421-2", Status: Verified,
		NoteFR:  "Remplace contentieux-implicite-2m quand les motifs ont été demandés dans le délai. " + noteAJInterruptsFR,
		NoteEN:  "Replaces contentieux-implicite-2m when the reasons were requested in time. " + noteAJInterruptsEN,
		Sources: sources(srcCRPAL2324, srcCJAR4212, srcCE504677),
	},
	{
		ID: "gracieux-silence-2m", LabelFR: "Rejet implicite d'un recours gracieux ou hiérarchique", LabelEN: "Implicit rejection of a recours gracieux or hiérarchique",
		Trigger: EventRecoursGracieuxSent, Duration: Duration{2, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CRPA art. L231-4 et L411-2", Status: Secondary,
		NoteFR:  "Le silence court en droit à compter de la réception ; compté depuis l'envoi (date la plus tôt). Le délai contentieux repart de ce rejet ; avec recours gracieux et hiérarchique, seulement quand les deux sont rejetés. " + noteSilenceFR,
		NoteEN:  "Silence legally runs from receipt; counted from sending (the earlier date). The court deadline restarts from this rejection; with both gracieux and hiérarchique, only once both are rejected. " + noteSilenceEN,
		Sources: sources(srcCRPAL4112, secAlexia7301),
	},
	{
		ID: "czabaj-1an", LabelFR: "Délai raisonnable d'un an (notification sans voies et délais)", LabelEN: "One-year reasonable time (notification without means of appeal)",
		Trigger: EventDecisionNotified, Duration: Duration{12, Months}, Kind: KindOther,
		LegalAid: LegalAidUnverified, Filing: FilingReceived, Basis: "CE Ass. 13 juil. 2016, n° 387763, Czabaj ; CE avis 12 juil. 2023, n° 474865", Status: Secondary,
		NoteFR:  "Jurisprudentiel : ni franc ni prorogé (non tranché, date la plus tôt). Un recours administratif ou une demande d'AJ l'interrompt, mais la durée du nouveau délai n'est pas établie : aucun effet appliqué, à vérifier.",
		NoteEN:  "Case law: neither franc nor extended (unsettled, the earlier date). An administrative recourse or a legal-aid request interrupts it, but the length of the new delay is not settled: no effect applied, to be checked.",
		Sources: sources(srcCzabaj),
	},
	// Asylum and visas.
	{
		ID: "cnda-1m", LabelFR: "Recours devant la CNDA", LabelEN: "Appeal to the CNDA (asylum court)",
		Trigger: EventOFPRANotified, Duration: Duration{1, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidSuspends, LegalAidWindow: "cnda-aj-15d", Filing: FilingSent, Basis: "CESEDA art. L532-1 ; loi n° 91-647 art. 9-4", Status: Verified,
		NoteFR:  "Un mois aussi en procédure accélérée. La date d'envoi fait foi. L'AJ demandée dans les 15 jours suspend le délai, qui reprend pour les jours restants à la notification de la décision (suspension : source secondaire).",
		NoteEN:  "One month in the accelerated procedure too. The date of sending counts. Legal aid requested within 15 days suspends the deadline, which resumes for the remaining days from notification of the decision (suspension: secondary source).",
		Sources: sources(secCNDA, secMLGM, secRimailho),
	},
	{
		ID: "cnda-aj-15d", LabelFR: "Demande d'aide juridictionnelle pour la CNDA", LabelEN: "Legal-aid request for the CNDA",
		Trigger: EventOFPRANotified, Duration: Duration{15, Days}, Kind: KindOther,
		Filing: FilingReceived, Basis: "loi n° 91-647 art. 9-4", Status: Secondary,
		NoteFR:  "Au-delà, l'AJ ne suspend plus le délai de recours. Ni franc ni prorogé, réception retenue (non tranché, date la plus tôt).",
		NoteEN:  "Later, legal aid no longer suspends the appeal deadline. Neither franc nor extended, receipt assumed to count (unsettled, the earlier date).",
		Sources: sources(secMLGM, secRimailho),
	},
	{
		ID: "aj-contestation", LabelFR: "Recours contre une décision du bureau d'aide juridictionnelle", LabelEN: "Challenge to a legal-aid office decision",
		Trigger: EventLegalAidDecided, Duration: Duration{15, Days}, Kind: KindOther,
		Filing: FilingReceived, Basis: "loi n° 91-647 art. 23 ; décret n° 2020-1717 art. 69", Status: Verified,
		NoteFR:    "Quinze jours à compter de la notification de la décision à l'intéressé ; 8 jours devant la CNDA (art. 70 : aj-contestation-cnda). Après une admission totale, seuls le ministère public et le bâtonnier peuvent la contester ; le délai de recours interrompu repart (voir l'explication du délai de recours).",
		NoteEN:    "Fifteen days from notification of the decision to the person; 8 days before the CNDA (art. 70: aj-contestation-cnda). After full admission only the public prosecutor and the bâtonnier may challenge it; the interrupted appeal deadline restarts (see the appeal deadline's explanation).",
		Sources:   sources(srcAJ69, srcCE422471, secServicePubAJ),
		ReadingFR: "Ni franc ni prorogé (point non tranché, date la plus tôt)", ReadingEN: "Neither franc nor extended (unsettled, the earlier date)",
		Alt: &Alternative{
			NameFR: "délai de recours juridictionnel, franc et prorogé (CE, Sect., 4 juin 1954)", NameEN: "a court deadline, franc and extended (CE, Sect., 4 June 1954)",
			Duration: Duration{15, Days}, Franc: true, Extends: true, Sources: sources(srcCEDecines),
		},
	},
	{
		ID: "aj-contestation-cnda", LabelFR: "Recours contre une décision d'aide juridictionnelle (CNDA)", LabelEN: "Challenge to a legal-aid decision (CNDA)",
		Trigger: EventLegalAidDecided, Duration: Duration{8, Days}, Kind: KindOther,
		Filing: FilingReceived, Basis: "décret n° 2020-1717 art. 70", Status: Verified,
		NoteFR:    "Devant la CNDA, le délai de l'art. 69 est ramené à huit jours.",
		NoteEN:    "Before the CNDA, the art. 69 deadline is cut to eight days.",
		Sources:   sources(srcAJ69),
		ReadingFR: "Ni franc ni prorogé (point non tranché, date la plus tôt)", ReadingEN: "Neither franc nor extended (unsettled, the earlier date)",
		Alt: &Alternative{
			NameFR: "délai de recours juridictionnel, franc et prorogé (CE, Sect., 4 juin 1954)", NameEN: "a court deadline, franc and extended (CE, Sect., 4 June 1954)",
			Duration: Duration{8, Days}, Franc: true, Extends: true, Sources: sources(srcCEDecines),
		},
	},
	{
		ID: "ofpra-21j", LabelFR: "Introduction de la demande d'asile à l'OFPRA", LabelEN: "Filing the asylum application with OFPRA",
		Trigger: EventAsylumRegistered, Duration: Duration{21, Days}, Kind: KindOther,
		Filing: FilingReceived, Basis: "CESEDA art. R531-2", Status: Verified,
		NoteFR:    "Vingt et un jours à compter de la remise de l'attestation de demande d'asile (guichet unique) ; le même jour dans un pôle « France Asile » ; cinq jours en rétention (R531-2, al. 3 : non calculé). Procédure accélérée si la demande est tardive.",
		NoteEN:    "Twenty-one days from the handing over of the asylum attestation (one-stop desk); the same day in a \"France Asile\" hub; five days in immigration detention (R531-2 para. 3: not computed). Accelerated procedure if late.",
		Sources:   sources(srcCESEDAR5312),
		ReadingFR: "Ni franc ni prorogé (dépôt auprès d'un établissement public, date la plus tôt)", ReadingEN: "Neither franc nor extended (a filing with a public body, the earlier date)",
		Alt: &Alternative{
			NameFR: "franc et prorogé au premier jour ouvré (non établi)", NameEN: "franc and extended to the next working day (not established)",
			Duration: Duration{21, Days}, Franc: true, Extends: true, Sources: sources(srcCEDecines),
		},
	},
	{
		ID: "rapo-visa-30d", LabelFR: "RAPO contre un refus de visa", LabelEN: "Mandatory prior recourse (RAPO) against a visa refusal",
		Trigger: EventVisaRefused, Duration: Duration{30, Days}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "CESEDA art. D312-4", Regime: regimeVisa2023, Status: Secondary,
		NoteFR:  "Devant la CRRV (long séjour) ou la sous-direction des visas (court séjour), puis TA de Nantes. " + noteAdminFR,
		NoteEN:  "To the CRRV (long stay) or the visa sub-directorate (short stay), then TA Nantes. " + noteAdminEN,
		Sources: sources(secAlexia11097, secMPB, srcCJAR8111),
	},
	{
		ID: "rapo-visa-silence-2m", LabelFR: "Rejet implicite du RAPO visa", LabelEN: "Implicit rejection of the visa RAPO",
		Trigger: EventRAPOSent, Duration: Duration{2, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. D312-4 et s.", Regime: regimeVisa2023, Status: Secondary,
		NoteFR:  "Compté depuis l'envoi (date la plus tôt). Puis recours devant le TA de Nantes (contentieux-implicite-2m). " + noteSilenceFR,
		NoteEN:  "Counted from sending (the earlier date). Then appeal to TA Nantes (contentieux-implicite-2m). " + noteSilenceEN,
		Sources: sources(secAlexia11097, secMPB),
	},
	// Renewals and expiries.
	{
		ID: "renouvellement-ouverture", LabelFR: "Ouverture de la fenêtre de renouvellement (titre ANEF)", LabelEN: "Renewal window opens (ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-120, Days}, Kind: KindFilingWindow,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Demande à déposer entre le 120e et le 60e jour avant l'expiration. Cas particuliers (18-19 ans, perte de nationalité) non calculés.",
		NoteEN:  "File between day 120 and day 60 before expiry. Special cases (age 18-19, loss of nationality) are not computed.",
		Sources: sources(srcCESEDAR4315, secPapiers),
	},
	{
		ID: "renouvellement-cloture", LabelFR: "Fin de la fenêtre de renouvellement (titre ANEF)", LabelEN: "Renewal window closes (ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-60, Days}, Kind: KindFilingWindow,
		Filing: FilingReceived, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Au-delà : dépôt tardif, droit de visa de régularisation possible et pas d'API garantie.",
		NoteEN:  "Later: late filing, regularisation visa fee may be due and no API is guaranteed.",
		Sources: sources(srcCESEDAR4315, secPapiers, secInfomie6837),
	},
	{
		ID: "renouvellement-ouverture-prefecture", LabelFR: "Ouverture de la fenêtre de renouvellement (titre hors ANEF)", LabelEN: "Renewal window opens (non-ANEF permit)",
		Trigger: EventPermitExpiry, Duration: Duration{-2, Months}, Kind: KindFilingWindow,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-5", Regime: regimeR4315, Status: Verified,
		NoteFR:  "Demande à déposer dans les deux mois précédant l'expiration ; la fenêtre se ferme à l'expiration (titre-expiration).",
		NoteEN:  "File within the two months before expiry; the window closes at expiry (titre-expiration).",
		Sources: sources(srcCESEDAR4315, secPapiers),
	},
	{
		ID: "titre-expiration", LabelFR: "Expiration du titre de séjour", LabelEN: "Residence permit expires",
		Trigger: EventPermitExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "date portée sur le titre", Status: Verified,
		NoteFR: "Dernier jour de validité.", NoteEN: "Last day of validity.",
		Sources: sources(srcCESEDAR4315),
	},
	{
		ID: "recepisse-expiration", LabelFR: "Expiration du récépissé", LabelEN: "Récépissé expires",
		Trigger: EventReceiptExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-12 s.", Status: Verified,
		NoteFR: "Renouvelable tant que la demande n'est pas tranchée.", NoteEN: "Renewable while the application is undecided.",
		Sources: sources(secServicePublic, srcCESEDAR43112),
	},
	{
		ID: "api-expiration", LabelFR: "Expiration de l'attestation de prolongation d'instruction (API)", LabelEN: "Extension attestation (API) expires",
		Trigger: EventAPIExpiry, Duration: Duration{0, Days}, Kind: KindExpiry,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R431-15-1", Status: Verified,
		NoteFR: "Trois mois au plus, renouvelée tant que la demande n'est pas tranchée.", NoteEN: "Three months at most, renewed while the application is undecided.",
		Sources: sources(srcCESEDAR43115, secRezeauMerah),
	},
	// Naturalisation and family reunification.
	{
		ID: "naturalisation-18m", LabelFR: "Délai de décision sur une demande de naturalisation", LabelEN: "Time to decide a naturalisation application",
		Trigger: EventApplicationComplete, Duration: Duration{18, Months}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: "C. civ. art. 21-25-1", Status: Verified,
		NoteFR:  "À compter du récépissé du dossier complet ; prorogeable une fois de 3 mois par décision motivée (non ajouté).",
		NoteEN:  "From the receipt for the complete application; may be extended once by 3 months by a reasoned decision (not added).",
		Sources: sources(srcCCiv21251),
	},
	{
		ID: "naturalisation-12m", LabelFR: "Délai de décision sur une naturalisation (10 ans de résidence)", LabelEN: "Time to decide a naturalisation (10 years' residence)",
		Trigger: EventApplicationComplete, Duration: Duration{12, Months}, Kind: KindAuthorityDelay,
		Filing: FilingNotApplicable, Basis: "C. civ. art. 21-25-1", Status: Verified,
		NoteFR:  "Résidence habituelle en France depuis au moins 10 ans ; prorogeable une fois de 3 mois (non ajouté).",
		NoteEN:  "Habitual residence in France for at least 10 years; may be extended once by 3 months (not added).",
		Sources: sources(srcCCiv21251),
	},
	{
		ID: "naturalisation-recours-2m", LabelFR: "Recours obligatoire au ministre (refus ou ajournement de naturalisation)", LabelEN: "Mandatory recourse to the minister (naturalisation refused or postponed)",
		Trigger: EventDecisionNotified, Duration: Duration{2, Months}, Kind: KindAdminRecourse,
		Filing: FilingReceived, Basis: "décret n° 93-1362 art. 45", Status: Secondary,
		NoteFR:  "Préalable obligatoire au recours devant le TA de Nantes (compétence exclusive, 2 mois). " + noteAdminFR,
		NoteEN:  "Mandatory before the appeal to TA Nantes (exclusive jurisdiction, 2 months). " + noteAdminEN,
		Sources: sources(secAlexia320619),
	},
	{
		ID: "naturalisation-recours-silence-4m", LabelFR: "Rejet implicite du recours au ministre (naturalisation)", LabelEN: "Implicit rejection of the recourse to the minister (naturalisation)",
		Trigger: EventMinisterRecourseSent, Duration: Duration{4, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "décret n° 93-1362 art. 45", Status: Unverified,
		NoteFR:  "Durée de 4 mois NON VÉRIFIÉE, à contrôler sur Légifrance. Compté depuis l'envoi (date la plus tôt). " + noteSilenceFR,
		NoteEN:  "The 4-month length is NOT VERIFIED, check on Légifrance. Counted from sending (the earlier date). " + noteSilenceEN,
		Sources: sources(secAlexia320619),
	},
	{
		ID: "regroupement-6m", LabelFR: "Délai de décision sur un regroupement familial", LabelEN: "Time to decide a family reunification application",
		Trigger: EventApplicationComplete, Duration: Duration{6, Months}, Kind: KindImplicitDecision,
		Filing: FilingNotApplicable, Basis: "CESEDA art. R434-26", Status: Secondary,
		NoteFR:  "À compter de l'attestation de dépôt de l'OFII ; le silence vaut rejet. " + noteSilenceFR,
		NoteEN:  "From OFII's filing attestation; silence means rejection. " + noteSilenceEN,
		Sources: sources(srcCESEDAR43426, secCouderc),
	},
	// Appeals against judgments.
	{
		ID: "appel-caa-1m", LabelFR: "Appel d'un jugement sur OQTF (procédure d'un mois)", LabelEN: "Appeal against a TA judgment on a removal order (1-month procedure)",
		Trigger: EventJudgmentNotified, Duration: Duration{1, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R776-9", Status: Secondary,
		NoteFR: noteAJInterruptsFR, NoteEN: noteAJInterruptsEN,
		Sources: sources(secInfomie6958),
	},
	{
		ID: "appel-caa-2m", LabelFR: "Appel d'un jugement du TA", LabelEN: "Appeal against a TA judgment",
		Trigger: EventJudgmentNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R811-2", Status: Verified,
		NoteFR: noteAJInterruptsFR + " " + noteDistanceFR, NoteEN: noteAJInterruptsEN + " " + noteDistanceEN,
		Sources: sources(srcCJAR8112),
	},
	{
		ID: "cassation-2m", LabelFR: "Pourvoi en cassation devant le Conseil d'État (CAA, CNDA)", LabelEN: "Appeal on points of law to the Conseil d'État (CAA, CNDA)",
		Trigger: EventJudgmentNotified, Duration: Duration{2, Months}, Kind: KindCourtAppeal, Franc: true, Extends: true,
		LegalAid: LegalAidInterrupts, Filing: FilingReceived, Basis: "CJA art. R821-1", Status: Verified,
		NoteFR: noteAJInterruptsFR, NoteEN: noteAJInterruptsEN,
		Sources: sources(srcCJAR8112, secBaamasso),
	},
	{
		ID: "refere-liberte-appel-15j", LabelFR: "Appel d'une ordonnance de référé-liberté devant le Conseil d'État", LabelEN: "Appeal against a référé-liberté order to the Conseil d'État",
		Trigger: EventJudgmentNotified, Duration: Duration{15, Days}, Kind: KindCourtAppeal,
		Filing: FilingReceived, Basis: "CJA art. L523-1, al. 2", Status: Secondary,
		NoteFR:    "Quinze jours de la notification (texte vérifié) ; le juge d'appel statue en 48 heures. Aucune décision lue sur le caractère franc de ce délai : la lecture non franche, plus tôt, est retenue. Les ordonnances de référé-suspension et de référé mesures utiles sont en dernier ressort (cassation en 15 jours, non calculée).",
		NoteEN:    "Fifteen days from notification (text verified); the appeal judge rules within 48 hours. No decision read on whether this deadline is franc: the non-franc reading, earlier, is used. Référé-suspension and référé mesures utiles orders are final (cassation within 15 days, not computed).",
		Sources:   sources(srcCJAL5231),
		ReadingFR: "Non franc, non prorogé (prudence, aucune décision lue)", ReadingEN: "Not franc, not extended (caution, no decision read)",
		Alt: &Alternative{
			NameFR: "délai de recours contentieux franc et prorogé (CE, Sect., 4 juin 1954, Commune de Décines-Charpieu)", NameEN: "a franc court deadline, extended (CE, Sect., 4 June 1954, Commune de Décines-Charpieu)",
			Duration: Duration{15, Days}, Franc: true, Extends: true, Sources: sources(srcCEDecines),
		},
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
	if r.Alt != nil {
		a := *r.Alt
		a.Sources = slices.Clone(a.Sources)
		r.Alt = &a
	}
	return r
}

// silenceByArticle maps the CESEDA article of the title applied for to its
// silence rule (CESEDA R432-2).
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
