package fakeclinic

import "casefile/model"

// French texts of the clinic's daily work. Placeholders in note templates:
// {nom} the main person's display name, {interprete} " (interprète <langue>)"
// for someone who speaks no French, {avant}/{apres} a date some days before/after the note,
// {heure} a time of day, {anef} the ANEF number, {pref} the préfecture,
// {ta} the administrative court, {pieces} a few documents.

// outcomes are closing results by procedure; "" holds those that fit any.
var outcomes = map[model.Procedure][]string{
	model.ProcFirstPermit: {
		"Carte de séjour temporaire « vie privée et familiale » délivrée (1 an).",
		"Carte de séjour « salarié » délivrée.",
		"Refus de séjour sans OQTF ; client informé du délai de recours de 2 mois, ne souhaite pas poursuivre.",
		"Carte de séjour « étudiant » délivrée après dépôt ANEF.",
	},
	model.ProcRenewal: {
		"Carte pluriannuelle délivrée (4 ans).",
		"Titre renouvelé après 7 mois d'attestations de prolongation d'instruction.",
		"Carte de résident délivrée (10 ans).",
		"Renouvellement refusé, OQTF notifiée : nouveau dossier ouvert.",
	},
	model.ProcRemovalOrder: {
		"OQTF annulée par le tribunal administratif, injonction de réexamen sous 2 mois.",
		"Requête rejetée par le tribunal administratif ; appel non formé.",
		"OQTF abrogée par la préfecture après recours.",
		"Appel rejeté par la cour administrative d'appel.",
		"Assignation à résidence levée ; OQTF annulée pour défaut d'examen.",
	},
	model.ProcAsylum: {
		"Statut de réfugié reconnu par l'OFPRA.",
		"Protection subsidiaire accordée par la CNDA.",
		"Rejet CNDA notifié ; client informé des suites possibles.",
		"Transfert Dublin annulé, demande requalifiée en procédure normale.",
	},
	model.ProcNaturalise: {
		"Décret de naturalisation publié au Journal officiel.",
		"Ajournement de 2 ans confirmé après recours préalable.",
		"Demande déclarée irrecevable (résidence insuffisante).",
	},
	model.ProcFamilyReunion: {
		"Regroupement familial accordé, visas délivrés aux bénéficiaires.",
		"Refus pour ressources insuffisantes ; nouvelle demande conseillée dans 1 an.",
	},
	model.ProcVisa: {
		"Visa long séjour délivré après recours devant la CRRV.",
		"Recours rejeté par le TA de Nantes.",
	},
	model.ProcExceptional: {
		"Admission exceptionnelle au séjour : carte « salarié » délivrée.",
		"Carte « vie privée et familiale » délivrée au titre de l'AES.",
		"Refus d'admission exceptionnelle, sans OQTF.",
	},
	model.ProcIllForeigner: {
		"Carte « étranger malade » délivrée après avis favorable du collège de médecins de l'OFII.",
		"Avis défavorable de l'OFII, refus de séjour ; recours déposé par un confrère.",
	},
	model.ProcOther: {
		"Mission terminée, conseil donné.",
		"Dossier transmis à un confrère spécialisé.",
	},
	"": {
		"Client injoignable depuis 3 mois, dossier clos.",
		"Dessaisissement à la demande du client.",
		"Client a quitté la région, dossier transmis.",
	},
}

var (
	openingNotes = []string{
		"Premier RDV au cabinet avec {nom}{interprete}. Exposé de la situation, mandat signé, liste des pièces remise.",
		"Premier contact par téléphone, orientation par une permanence associative. RDV fixé au {apres} à {heure}.",
		"Permanence juridique : reçu {nom}{interprete}. Ouverture du dossier, copie des pièces.",
	}
	genericNotes = []string{
		"RDV au cabinet avec {nom}{interprete} : point sur la procédure, prochaines étapes expliquées.",
		"Client a apporté : {pieces}.",
		"Pièces manquantes demandées par mail : {pieces}.",
		"Appel de {nom}, inquiétude sur l'absence de réponse. Rappel des délais fait.",
		"Demande d'aide juridictionnelle déposée.",
		"Décision d'aide juridictionnelle totale reçue.",
		"Absence au RDV, message laissé sur le répondeur. Nouveau RDV proposé le {apres}.",
		"SMS de rappel envoyé pour le RDV du {apres} à {heure}.",
		"Traduction assermentée de l'acte de naissance reçue.",
		"Changement d'adresse signalé ; nouveau justificatif de domicile à fournir.",
		"Convention d'honoraires signée.",
	}
	// anefNotes and procedureNotes are in the order things happen (see
	// noteTemplate); " || " separates alternatives.
	anefNotes = []string{
		"Dépôt ANEF effectué ({anef}), attestation de dépôt remise au client.",
		"ANEF : impossible de corriger le justificatif de domicile après dépôt ; message envoyé via le formulaire de contact.",
		"Appel à la plateforme ANEF, pas de réponse. || Appel au centre de contact citoyen : demande toujours « en cours d'instruction », aucune date annoncée.",
		"RDV au cabinet : remise du récépissé expiré le {avant}. Aucune attestation de prolongation d'instruction sur le compte ANEF.",
		"Attestation de prolongation d'instruction téléchargée, valable jusqu'au {apres}.",
		"L'employeur refuse l'attestation de prolongation d'instruction ; courrier d'explication rédigé.",
		"Mise en demeure envoyée à la préfecture ({pref}) : silence depuis plus de 4 mois.",
		"SMS de la préfecture : titre disponible, remise fixée au {apres} à {heure}.",
	}
	procedureNotes = map[model.Procedure][]string{
		model.ProcRemovalOrder: {
			"OQTF notifiée le {avant} avec délai de départ volontaire de 30 jours. Délai de recours : 1 mois. || OQTF sans délai notifiée le {avant}, assignation à résidence : recours sous 7 jours.",
			"Preuves d'insertion réunies : {pieces}.",
			"Requête en annulation déposée au {ta} via Télérecours.",
			"Pointage au commissariat trois fois par semaine, respecté selon le client.",
			"Mémoire en défense de la préfecture reçu ; réplique à produire avant le {apres}.",
			"Audience fixée au {apres} à {heure} devant le {ta}.",
		},
		model.ProcAsylum: {
			"Enregistrement au GUDA le {avant}, procédure normale. Formulaire OFPRA à envoyer sous 21 jours.",
			"Récit relu{interprete}, envoyé à l'OFPRA en recommandé.",
			"Convocation OFPRA pour entretien le {apres} à {heure}.",
			"Attestation de demande d'asile renouvelée jusqu'au {apres}.",
			"Rejet OFPRA notifié le {avant}. Recours CNDA sous 1 mois ; AJ à demander sous 15 jours.",
			"Recours CNDA envoyé, accusé de réception attendu.",
			"Audience CNDA fixée au {apres}.",
		},
		model.ProcNaturalise: {
			"Dossier de naturalisation déposé en ligne ; pièces d'état civil traduites.",
			"Entretien d'assimilation en préfecture fixé au {apres} à {heure}.",
			"Diplôme de langue française apporté, joint au dossier.",
			"Relance écrite : récépissé de dossier complet daté du {avant}, délai de 18 mois rappelé.",
			"Ajournement notifié le {avant} ; recours préalable obligatoire au ministre sous 2 mois.",
		},
		model.ProcFamilyReunion: {
			"Demande de regroupement familial déposée sur le portail OFII ; attestation de dépôt du {avant}.",
			"Visite du logement par la mairie prévue le {apres}.",
			"Bulletins de salaire des 12 derniers mois reçus ; ressources à comparer au SMIC.",
			"Actes de naissance des enfants légalisés et traduits.",
		},
		model.ProcVisa: {
			"Refus de visa notifié le {avant} ; RAPO à former devant la CRRV sous 30 jours.",
			"RAPO envoyé à la CRRV en recommandé.",
			"Silence de la CRRV depuis 2 mois : requête au TA de Nantes à préparer.",
		},
		model.ProcExceptional: {
			"Preuves de présence triées par semestre ; deux semestres à compléter.",
			"Promesse d'embauche et formulaire de l'employeur reçus.",
			"Demande de RDV en préfecture ({pref}) : aucun créneau disponible, captures d'écran conservées.",
			"Référé mesures utiles envisagé : tentatives de RDV sur plusieurs semaines documentées.",
			"Dossier d'admission exceptionnelle envoyé par courrier, accusé de réception du {avant}.",
		},
		model.ProcIllForeigner: {
			"Certificat médical vierge remis pour le médecin traitant, à envoyer sous pli confidentiel à l'OFII (aucune donnée médicale au dossier).",
			"Convocation au service médical de l'OFII le {apres}.",
			"Avis du collège de médecins de l'OFII transmis à la préfecture.",
		},
	}
	documents = []string{
		"passeport", "justificatif de domicile de moins de 6 mois", "acte de naissance intégral",
		"3 photos d'identité", "avis d'imposition", "bulletins de salaire", "contrat de travail",
		"titre de séjour expiré", "récépissé", "attestation d'hébergement", "certificat de scolarité des enfants",
		"quittances de loyer", "attestation de domiciliation", "attestation d'AME",
	}
)

// anefProcedures are filed on ANEF (DOMAIN.md §1).
var anefProcedures = []model.Procedure{model.ProcFirstPermit, model.ProcRenewal, model.ProcNaturalise, model.ProcIllForeigner}
