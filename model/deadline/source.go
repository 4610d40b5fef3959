package deadline

import (
	"cmp"
	"slices"
	"time"
)

// LawAsOf is the day up to which the rule set was checked against the texts
// and decisions it cites: a change of the law after it is not reflected.
// The most recent texts taken into account are CE avis 2 Oct 2025
// n° 504677 (reasons of an implicit refusal) and the rétention extensions
// as amended in November 2025 (docs/deadlines.md, "Sources").
var LawAsOf = Date{2025, time.November, 30}

// SourceKind is what a source is, which tells how far it can be trusted.
type SourceKind uint8

// Kinds of source.
const (
	// SourceText: a code article, a law or a decree, read in its official
	// wording (Légifrance or a faithful copy).
	SourceText SourceKind = iota
	// SourceDecision: a court decision, read in its official wording or
	// its official abstract (Légifrance, ArianeWeb, a court's site).
	SourceDecision
	// SourceSecondary: a lawyer's, an association's or a public service's
	// explanation: a lead, not an authority.
	SourceSecondary
)

// String returns "text", "decision" or "secondary".
func (k SourceKind) String() string {
	return [...]string{"text", "decision", "secondary"}[min(int(k), 2)]
}

// MarshalText writes the kind as String does.
func (k SourceKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Source is a source as a lawyer cites it: an article with its code, a
// decision with its court, date and number, or a secondary source with its
// author and place. Cite is in French, the language of the law cited.
type Source struct {
	Kind SourceKind `json:"kind"`
	// Cite is the citation: "CESEDA, art. L. 921-1",
	// "CAA Lyon, 19 déc. 2024, n° 24LY03013 (C+)".
	Cite string `json:"cite"`
	// Ref is the official identifier where one is known: a Légifrance
	// id ("CETATEXT000050829858", "LEGIARTI000049050149") or an ArianeWeb
	// reference.
	Ref string `json:"ref,omitempty"`
}

// String is the citation followed by its identifier, if any.
func (s Source) String() string {
	if s.Ref == "" {
		return s.Cite
	}
	return s.Cite + " (" + s.Ref + ")"
}

func text(cite, ref string) Source                 { return Source{SourceText, cite, ref} }
func decision(cite, ref string) Source             { return Source{SourceDecision, cite, ref} }
func secondary(cite string) Source                 { return Source{SourceSecondary, cite, ""} }
func sources(s ...Source) []Source                 { return s }
func withSources(a []Source, b ...Source) []Source { return append(slices.Clone(a), b...) }

// The sources the rules cite. docs/deadlines.md lists them with what each
// one was checked for.
var (
	// Texts.
	srcCESEDAL9111  = text("CESEDA, art. L. 911-1 (loi n° 2024-42 du 26 janv. 2024, art. 72)", "")
	srcCESEDAL9211  = text("CESEDA, art. L. 921-1", "LEGIARTI000049050149")
	srcCESEDAL9212  = text("CESEDA, art. L. 921-2", "")
	srcCESEDAL7328  = text("CESEDA, art. L. 732-8", "")
	srcCESEDAL7512  = text("CESEDA, art. L. 751-2", "")
	srcCESEDAL5724  = text("CESEDA, art. L. 572-4", "")
	srcCESEDAL74110 = text("CESEDA, art. L. 741-10 (rédaction de la loi n° 2024-42, en vigueur le 15 juil. 2024)", "LEGIARTI000049051400")
	srcCESEDAL742   = text("CESEDA, art. L. 742-1 à L. 742-7 (prolongations de la rétention)", "LEGISCTA000042773264")
	srcCESEDAR74310 = text("CESEDA, art. R. 743-10 (appel devant le premier président)", "")
	srcCESEDAR6141  = text("CESEDA, art. R. 614-1 et R. 614-2", "")
	srcCESEDAR5312  = text("CESEDA, art. R. 531-2 (version en vigueur depuis le 18 juil. 2024)", "LEGIARTI000050014816")
	srcCESEDAL6514  = text("CESEDA, art. L. 651-4 (Guyane : recours non suspensif)", "")
	srcCESEDAR4322  = text("CESEDA, art. R. 432-1 et R. 432-2", "")
	srcCESEDAR4315  = text("CESEDA, art. R. 431-5", "")
	srcCESEDAR43112 = text("CESEDA, art. R. 431-12 et s.", "")
	srcCESEDAR43115 = text("CESEDA, art. R. 431-15-1", "")
	srcCESEDAR43426 = text("CESEDA, art. R. 434-26", "")
	srcCESEDAL5321  = text("CESEDA, art. L. 532-1", "")
	srcCESEDAD3124  = text("CESEDA, art. D. 312-4 et s.", "")
	srcCESEDAL6121  = text("CESEDA, art. L. 612-1", "")
	srcCJAR4211     = text("CJA, art. R. 421-1", "")
	srcCJAR4212     = text("CJA, art. R. 421-2", "")
	srcCJAR8111     = text("CJA, art. R. 811-1", "")
	srcCJAR8112     = text("CJA, art. R. 811-2 et R. 821-1", "")
	srcCJAR7769     = text("CJA, art. R. 776-9", "")
	srcCJAR7765     = text("CJA, art. R. 776-5 (rédaction antérieure au décret n° 2024-799)", "")
	srcCJAL5231     = text("CJA, art. L. 523-1, al. 2", "LEGISCTA000006150401")
	srcCJAL5212     = text("CJA, art. L. 521-2 (référé-liberté)", "")
	srcCRPAL4112    = text("CRPA, art. L. 411-2", "")
	srcCRPAL2314    = text("CRPA, art. L. 231-4", "")
	srcCRPAL2324    = text("CRPA, art. L. 232-4", "LEGIARTI000031367639")
	srcAJ43         = text("Décret n° 2020-1717 du 28 déc. 2020, art. 43", "")
	srcAJ69         = text("Décret n° 2020-1717 du 28 déc. 2020, art. 69 et 70", "")
	srcLoi91647     = text("Loi n° 91-647 du 10 juil. 1991, art. 9-4", "")
	srcCCiv21251    = text("C. civ., art. 21-25-1", "")
	srcDecret931362 = text("Décret n° 93-1362 du 30 déc. 1993, art. 45", "")
	srcCPC640       = text("CPC, art. 640 à 642", "")
	srcCTravL3133   = text("C. trav., art. L. 3133-1", "")
	srcCTravL3134   = text("C. trav., art. L. 3134-13 et L. 3422-2", "")

	// Decisions.
	srcLyon24LY03013     = decision("CAA Lyon, 19 déc. 2024, n° 24LY03013 (C+)", "CETATEXT000050829858")
	srcToulouse24TL02643 = decision("CAA Toulouse, 3 juil. 2025, n° 24TL02643 (C+)", "")
	srcCE438152          = decision("CE, avis, 1er juil. 2020, n° 438152 (délai de contestation du transfert Dublin, non franc)", "")
	srcCE496412          = decision("CE, avis, 14 nov. 2024, n° 496412 (assignation « Dublin » de l'art. L. 751-2 : procédure de l'art. L. 921-1)", "ArianeWeb CE 2024-11-14 496412")
	srcCE422471          = decision("CE, 10 juin 2020, n° 422471 (délai interrompu par l'AJ : repart 15 jours après la notification de la décision du BAJ)", "ArianeWeb CE 2020-06-10 422471")
	srcCE504677          = decision("CE, avis, 2 oct. 2025, n° 504677 (motifs d'une décision implicite : recours au plus tard un an après la demande)", "ArianeWeb CE 2025-10-02 504677")
	srcCE381550          = decision("CE, 22 juil. 2015, n° 381550 (recours non suspensif outre-mer, référé)", "")
	srcCEDecines         = decision("CE, Sect., 4 juin 1954, Commune de Décines-Charpieu (délais de recours francs)", "")
	srcCE14022           = decision("CE, 16 mai 1980, n° 14022", "")
	srcCzabaj            = decision("CE, Ass., 13 juil. 2016, n° 387763, Czabaj ; CE, avis, 12 juil. 2023, n° 474865", "")
	srcMarseille21MA     = decision("CAA Marseille, 6 oct. 2021, n° 21MA01661", "")
	srcCE493514          = decision("CE, avis, 10 oct. 2024, n° 493514 ; CE, avis, 6 mai 2025, n° 499904", "")

	// Secondary sources.
	secInfomie6958    = secondary("infomie.net, article 6958 (nouvelle procédure de contestation des OQTF)")
	secMichel2024     = secondary("Me Michel, « La nouvelle procédure de contestation des OQTF », avocat-michel.com, 22 juil. 2024")
	secReplick        = secondary("replick.fr, « Notification d'un délai de recours de 2 jours »")
	secBochnakian     = secondary("Me Bochnakian, « Quels délais pour contester une OQTF ? », bochnakian-bruno-avocat.fr")
	secChelbi         = secondary("Me Chelbi, « Recours OQTF : attention aux délais », consultation.avocat.fr, article 47844")
	secJurisconsulte  = secondary("jurisconsulte.net, article 6005 (calcul des délais de recours)")
	secLexcaseNotif   = secondary("Lexcase, « Notification des décisions de l'administration et délais de recours »")
	secSimonnet       = secondary("Me Simonnet, « Comment calculer un délai de procédure », simonnetavocat.fr")
	secVagneux        = secondary("vagneux.fr, 25 juin 2022 (délai de recours contre la décision implicite de rejet)")
	secSosOQTF        = secondary("sos-oqtf.com, « Titre de séjour : le silence vaut rejet »")
	secOloumi         = secondary("Me Oloumi, consultation.avocat.fr (barreau de Limoges), article 2974094")
	secLexcaseSilence = secondary("Lexcase, « Le silence n'est pas d'or »")
	secAlexia7301     = secondary("alexia.fr, fiche 7301 (recours gracieux et hiérarchique)")
	secMLGM           = secondary("mlgm-avocat.fr, « Calculer un délai de recours » (CNDA)")
	secRimailho       = secondary("Me Rimailho, « Les types de recours », rimailho-avocat.com")
	secCNDA           = secondary("CNDA, « Déposer mon recours » (site de la Cour)")
	secBaamasso       = secondary("baamasso.org, « Étape 6 : le recours »")
	secPapiers        = secondary("papiers-francais.com, renouvellement de titre de séjour en ligne")
	secServicePublic  = secondary("service-public.fr, fiche F15763 (récépissé)")
	secRezeauMerah    = secondary("Me Rezeau-Merah, mandyrezeaumerah.com, 17 févr. 2024 (API)")
	secAlexia320619   = secondary("alexia.fr, question 320619 (recours au ministre, naturalisation)")
	secCouderc        = secondary("couderc-zouine-avocats.com, regroupement familial")
	secAlexia11097    = secondary("alexia.fr, fiche 11097 (RAPO visa)")
	secMPB            = secondary("mpb-avocat-etrangers-nantes.fr, refus de visa")
	secInfomie6837    = secondary("infomie.net, article 6837 (dépôt tardif)")
	secNancy          = secondary("CAA Nancy, « Introduire une requête » (site de la Cour)")
	secBabou          = secondary("Me Babou, « Recours contre une OQTF sans délai : 48 h », leblogdemaitrebabou.com")
	secEquilex        = secondary("equilex-france.com (délai de départ volontaire de 30 jours)")
	secAltg19         = secondary("altg19.fr, « Voies et délais de recours contre une OQTF »")
	secPublica        = secondary("publica-avocats.com (refus implicite après 4 mois)")
	secDalloz496412   = secondary("Dalloz actualité, « Procédure applicable à la contestation des assignations à résidence » (sur CE, avis, 14 nov. 2024, n° 496412)")
	secServicePubAJ   = secondary("service-public.fr, fiche F31623 (recours contre un refus d'aide juridictionnelle)")
	secRetention2025  = secondary("Cercle des voisins de Cornebarrieu, « Par-delà les murs », nov. 2025 (prolongations de la rétention depuis le 11 nov. 2025)")
	secGisti3405      = secondary("GISTI, « L'absence de recours suspensif contre une mesure d'éloignement » (gisti.org, article 3405)")
	secStMartin       = secondary("Soualiga Post, 17 mai 2019 ; Le 97150 (abolition de l'esclavage commémorée le 28 mai à Saint-Martin)")
)

// AllSources returns every source the rules and the engine cite, texts
// first, then decisions, then secondary sources, each sorted by citation.
func AllSources() []Source {
	seen := map[Source]bool{}
	var out []Source
	add := func(ss []Source) {
		for _, s := range ss {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	for _, r := range rules {
		add(r.Sources)
		if r.Alt != nil {
			add(r.Alt.Sources)
		}
	}
	add(engineSources)
	slices.SortFunc(out, func(a, b Source) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Cite, b.Cite)) })
	return out
}

// engineSources are cited by the engine's general counting, the legal-aid
// effects, the holidays and the overseas alert rather than by one rule.
var engineSources = []Source{srcCEDecines, srcCPC640, srcAJ43, srcCE422471, srcCTravL3133, srcCTravL3134,
	srcCESEDAL6514, srcCE381550, srcCJAL5212, secGisti3405, secStMartin, srcCJAR8111}
