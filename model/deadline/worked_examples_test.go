package deadline

import "testing"

// dayExample is a worked example for a day or month rule. Every expected
// date was computed by hand and checked with python3's datetime and the
// Easter table of docs/deadlines.md, never copied from the engine.
type dayExample struct {
	name    string
	rule    string
	trigger string
	region  Region
	want    string
	// alt, when set, is the end under the rule's other reading (Rule.Alt),
	// which the explanation names: for oqtf-7d, CAA Toulouse's franc and
	// extended reading, while want is CAA Lyon's.
	alt string
}

var dayExamples = []dayExample{
	// oqtf-7d's two readings: CAA Lyon (shown) and CAA Toulouse (named).
	{"oqtf-7d notified Fri 7 Mar 2025: Lyon Fri 14 Mar, Toulouse Sat 15 -> Mon 17 Mar", "oqtf-7d", "2025-03-07", Metropole, "2025-03-14", "2025-03-17"},
	{"oqtf-7d ends Sun 11 Jan (Lyon, not moved); Toulouse franc Mon 12 Jan", "oqtf-7d", "2026-01-04", Metropole, "2026-01-11", "2026-01-12"},
	{"oqtf-7d with 1 May inside: Lyon Thu 7 May; Toulouse 8 May holiday, weekend -> Mon 11 May", "oqtf-7d", "2026-04-30", Metropole, "2026-05-07", "2026-05-11"},
	// The rules of issue 16.
	{"assignation-7j notified Fri 7 Mar 2025 -> Fri 14 Mar (Toulouse Mon 17)", "assignation-7j", "2025-03-07", Metropole, "2025-03-14", "2025-03-17"},
	{"dublin-transfert-7j notified Wed 14 Jan -> Wed 21 Jan (Toulouse Thu 22)", "dublin-transfert-7j", "2026-01-14", Metropole, "2026-01-21", "2026-01-22"},
	{"irtf notified Tue 22 Dec 2026: Lyon Tue 29 Dec; Toulouse Wed 30 Dec", "irtf", "2026-12-22", Metropole, "2026-12-29", "2026-12-30"},
	{"motifs-implicite from Sat 2 May 2026 -> Thu 2 Jul (court delay reading Fri 3 Jul)", "motifs-implicite", "2026-05-02", Metropole, "2026-07-02", "2026-07-03"},
	{"motifs-reponse-1m requested 31 Jan -> 28 Feb", "motifs-reponse-1m", "2026-01-31", Metropole, "2026-02-28", ""},
	{"contentieux-motifs-2m communicated 20 Apr -> Sun 21 Jun -> Mon 22 Jun", "contentieux-motifs-2m", "2026-04-20", Metropole, "2026-06-22", ""},
	{"aj-contestation notified Fri 9 Jan -> Sat 24 Jan, not moved (franc reading Mon 26)", "aj-contestation", "2026-01-09", Metropole, "2026-01-24", "2026-01-26"},
	{"aj-contestation-cnda notified 2 Mar -> 10 Mar (franc reading 11 Mar)", "aj-contestation-cnda", "2026-03-02", Metropole, "2026-03-10", "2026-03-11"},
	{"refere-liberte-appel-15j notified 9 Jan -> Sat 24 Jan (franc reading Mon 26)", "refere-liberte-appel-15j", "2026-01-09", Metropole, "2026-01-24", "2026-01-26"},
	{"ofpra-21j attestation 9 Jan -> Fri 30 Jan (franc reading Sat 31 -> Mon 2 Feb)", "ofpra-21j", "2026-01-09", Metropole, "2026-01-30", "2026-02-02"},
	{"ofpra-21j with Christmas inside: 10 Dec -> Thu 31 Dec (franc reading Fri 1 Jan holiday -> Mon 4 Jan)", "ofpra-21j", "2026-12-10", Metropole, "2026-12-31", "2027-01-04"},
	// Alsace-Moselle: contentieux-2m notified 2 Feb 2026 ends on Good Friday.
	{"alsace-moselle: contentieux-2m ends Good Friday 3 Apr, weekend, Easter Monday -> Tue 7 Apr", "contentieux-2m", "2026-02-02", AlsaceMoselle, "2026-04-07", ""},
	{"same in metropole: Fri 3 Apr", "contentieux-2m", "2026-02-02", Metropole, "2026-04-03", ""},
	{"notified 3 Jan, two months, may file until 4 Mar", "contentieux-2m", "2026-01-03", Metropole, "2026-03-04", ""},
	{"oqtf-7d (Toulouse reading) franc day to day, Mon 5 Jan -> Tue 13 Jan", "oqtf-7d", "2026-01-05", Metropole, "2026-01-12", "2026-01-13"},
	{"oqtf-7d (Toulouse reading) notified Wed 7 Jan -> Thu 15 Jan", "oqtf-7d", "2026-01-07", Metropole, "2026-01-14", "2026-01-15"},
	{"oqtf-7d (Toulouse reading) ends on 1 May holiday then weekend -> Mon 4 May", "oqtf-7d", "2026-04-24", Metropole, "2026-05-01", "2026-05-04"},
	{"contentieux-2m ends Easter Sunday then Monday -> Tue 7 Apr", "contentieux-2m", "2026-02-05", Metropole, "2026-04-07", ""},
	{"silence-4m arises on Saturday 2 May, not moved", "silence-4m", "2026-01-02", Metropole, "2026-05-02", ""},
	{"contentieux-implicite-2m from Sat 2 May -> Fri 3 Jul", "contentieux-implicite-2m", "2026-05-02", Metropole, "2026-07-03", ""},
	{"silence-90j filed 1 Jul -> 29 Sep", "silence-90j", "2026-07-01", Metropole, "2026-09-29", ""},
	{"silence-60j filed 1 Jul -> Sun 30 Aug, not moved", "silence-60j", "2026-07-01", Metropole, "2026-08-30", ""},
	{"renouvellement-ouverture 120 days before 31 Dec", "renouvellement-ouverture", "2026-12-31", Metropole, "2026-09-02", ""},
	{"renouvellement-cloture 60 days before 31 Dec is Sun 1 Nov, not moved", "renouvellement-cloture", "2026-12-31", Metropole, "2026-11-01", ""},
	{"renouvellement-ouverture-prefecture 2 months before 31 Dec", "renouvellement-ouverture-prefecture", "2026-12-31", Metropole, "2026-10-31", ""},
	{"cnda-1m ends Sat 11 Apr -> Mon 13 Apr", "cnda-1m", "2026-03-10", Metropole, "2026-04-13", ""},
	{"cnda-aj-15d notified 10 Mar -> 25 Mar", "cnda-aj-15d", "2026-03-10", Metropole, "2026-03-25", ""},
	{"rapo-visa-30d notified 2 Mar -> 1 Apr, not franc", "rapo-visa-30d", "2026-03-02", Metropole, "2026-04-01", ""},
	{"naturalisation-18m from 15 Jan 2026", "naturalisation-18m", "2026-01-15", Metropole, "2027-07-15", ""},
	{"naturalisation-12m from 15 Jan 2026", "naturalisation-12m", "2026-01-15", Metropole, "2027-01-15", ""},
	{"regroupement-6m from 31 Aug -> 28 Feb", "regroupement-6m", "2026-08-31", Metropole, "2027-02-28", ""},
	{"appel-caa-2m ends on 15 Aug then Sunday -> Mon 17 Aug", "appel-caa-2m", "2026-06-15", Metropole, "2026-08-17", ""},
	{"cassation-2m notified 30 Oct -> 31 Dec", "cassation-2m", "2026-10-30", Metropole, "2026-12-31", ""},
	{"appel-caa-1m notified 29 Jan, reading B 28 Feb Sat -> Mon 2 Mar", "appel-caa-1m", "2026-01-29", Metropole, "2026-03-02", ""},
	{"oqtf-1m first day of the new regime, 15 Jul 2024 -> 16 Aug", "oqtf-1m", "2024-07-15", Metropole, "2024-08-16", ""},
	{"oqtf-ancien-30j notified 3 Jun 2024 -> 4 Jul", "oqtf-ancien-30j", "2024-06-03", Metropole, "2024-07-04", ""},
	{"oqtf-ancien-15j ends Sat 27 Apr 2024, not extended", "oqtf-ancien-15j", "2024-04-11", Metropole, "2024-04-27", ""},
	{"depart-volontaire-30j notified 2 Mar -> 1 Apr", "depart-volontaire-30j", "2026-03-02", Metropole, "2026-04-01", ""},
	{"czabaj-1an notified 29 Feb 2024 -> 28 Feb 2025", "czabaj-1an", "2024-02-29", Metropole, "2025-02-28", ""},
	{"gracieux-silence-2m sent 31 Dec -> Sun 28 Feb, not moved", "gracieux-silence-2m", "2026-12-31", Metropole, "2027-02-28", ""},
	{"naturalisation-recours-2m notified 30 Dec -> Sat 28 Feb, not moved", "naturalisation-recours-2m", "2025-12-30", Metropole, "2026-02-28", ""},
	{"contentieux-2m notified Fri 2 Jan -> Tue 3 Mar", "contentieux-2m", "2026-01-02", Metropole, "2026-03-03", ""},
	{"alsace-moselle Good Friday 3 Apr then weekend and Easter Monday -> 7 Apr (Toulouse reading)", "oqtf-7d", "2026-03-26", AlsaceMoselle, "2026-04-02", "2026-04-07"},
	{"same in metropole: Good Friday is a working day (Toulouse reading)", "oqtf-7d", "2026-03-26", Metropole, "2026-04-02", "2026-04-03"},
	{"alsace-moselle 26 Dec 2025 Friday -> Mon 29 Dec (Toulouse reading)", "oqtf-7d", "2025-12-18", AlsaceMoselle, "2025-12-25", "2025-12-29"},
	{"same in metropole: 26 Dec is a working day (Toulouse reading)", "oqtf-7d", "2025-12-18", Metropole, "2025-12-25", "2025-12-26"},
	{"guadeloupe 27 May 2026 -> 28 May (Toulouse reading)", "oqtf-7d", "2026-05-19", Guadeloupe, "2026-05-26", "2026-05-28"},
	{"guadeloupe day is working in metropole (Toulouse reading)", "oqtf-7d", "2026-05-19", Metropole, "2026-05-26", "2026-05-27"},
	{"martinique 22 May 2026 Fri, weekend, Whit Monday -> Tue 26 May (Toulouse reading)", "oqtf-7d", "2026-05-14", Martinique, "2026-05-21", "2026-05-26"},
	{"guyane 10 Jun 2026 -> 11 Jun (Toulouse reading)", "oqtf-7d", "2026-06-02", Guyane, "2026-06-09", "2026-06-11"},
	{"reunion 20 Dec 2027 -> 21 Dec (Toulouse reading)", "oqtf-7d", "2027-12-12", Reunion, "2027-12-19", "2027-12-21"},
	{"mayotte 27 Apr 2026 -> 28 Apr (Toulouse reading)", "oqtf-7d", "2026-04-19", Mayotte, "2026-04-26", "2026-04-28"},
	{"saint-barthelemy 9 Oct 2026 Fri -> Mon 12 Oct (Toulouse reading)", "oqtf-7d", "2026-10-01", SaintBarthelemy, "2026-10-08", "2026-10-12"},
	{"saint-martin 27 May 2027 Thu: abolition day not verified, never moves (Toulouse reading)", "oqtf-7d", "2027-05-19", SaintMartin, "2027-05-26", "2027-05-27"},
	{"month end: contentieux-2m 30 Dec, A 1 Mar, B Sun 28 Feb -> Mon 1 Mar", "contentieux-2m", "2026-12-30", Metropole, "2027-03-01", ""},
	{"month end: contentieux-2m 31 Dec, readings agree on 1 Mar", "contentieux-2m", "2026-12-31", Metropole, "2027-03-01", ""},
	{"month end leap: oqtf-1m 30 Jan 2028, B = Tue 29 Feb", "oqtf-1m", "2028-01-30", Metropole, "2028-02-29", ""},
	{"month end: oqtf-1m 28 Jan 2027, B Sun 28 Feb -> Mon 1 Mar", "oqtf-1m", "2027-01-28", Metropole, "2027-03-01", ""},
	{"month end: oqtf-1m 28 Jan 2026, B Sat 28 Feb -> Mon 2 Mar", "oqtf-1m", "2026-01-28", Metropole, "2026-03-02", ""},
	{"month end: oqtf-1m 30 Mar, B Thu 30 Apr before the 1 May bridge", "oqtf-1m", "2026-03-30", Metropole, "2026-04-30", ""},
	{"month end: cnda-1m 30 May 2027, B Wed 30 Jun", "cnda-1m", "2027-05-30", Metropole, "2027-06-30", ""},
	{"month end: oqtf-1m 31 Aug, readings agree on 1 Oct", "oqtf-1m", "2026-08-31", Metropole, "2026-10-01", ""},
	{"month end: oqtf-1m 30 Aug, B Wed 30 Sep", "oqtf-1m", "2026-08-30", Metropole, "2026-09-30", ""},
	{"month end leap: contentieux-2m 29 Dec 2027, B Tue 29 Feb 2028", "contentieux-2m", "2027-12-29", Metropole, "2028-02-29", ""},
	{"month end: contentieux-2m 29 Dec 2026, B Sun 28 Feb -> Mon 1 Mar", "contentieux-2m", "2026-12-29", Metropole, "2027-03-01", ""},
	{"leap: silence-4m filed 31 Oct 2027 -> 29 Feb 2028", "silence-4m", "2027-10-31", Metropole, "2028-02-29", ""},
	{"not leap: silence-4m filed 31 Oct 2026 -> Sun 28 Feb 2027, not moved", "silence-4m", "2026-10-31", Metropole, "2027-02-28", ""},
	{"leap: naturalisation-18m from 31 Aug 2026 -> 29 Feb 2028", "naturalisation-18m", "2026-08-31", Metropole, "2028-02-29", ""},
	{"leap: regroupement-6m from 29 Aug 2027 -> 29 Feb 2028", "regroupement-6m", "2027-08-29", Metropole, "2028-02-29", ""},
	{"leap backwards: renouvellement-ouverture-prefecture expiry 30 Apr 2028 -> 29 Feb", "renouvellement-ouverture-prefecture", "2028-04-30", Metropole, "2028-02-29", ""},
	{"backwards: renouvellement-ouverture-prefecture expiry 31 May -> 31 Mar", "renouvellement-ouverture-prefecture", "2026-05-31", Metropole, "2026-03-31", ""},
	{"leap backwards: renouvellement-ouverture expiry 1 Mar 2028", "renouvellement-ouverture", "2028-03-01", Metropole, "2027-11-02", ""},
	{"leap backwards: renouvellement-cloture expiry 1 Mar 2028", "renouvellement-cloture", "2028-03-01", Metropole, "2028-01-01", ""},
	{"leap: czabaj-1an notified 29 Feb 2028 -> 28 Feb 2029", "czabaj-1an", "2028-02-29", Metropole, "2029-02-28", ""},
	{"not franc vs franc: naturalisation-recours-2m notified 3 Jan -> 3 Mar", "naturalisation-recours-2m", "2026-01-03", Metropole, "2026-03-03", ""},
	{"not franc: recours-gracieux-2m ends Sat 15 Aug, not moved", "recours-gracieux-2m", "2026-06-15", Metropole, "2026-08-15", ""},
	{"not franc: gracieux-silence-2m sent 3 Mar -> Sun 3 May", "gracieux-silence-2m", "2026-03-03", Metropole, "2026-05-03", ""},
	{"not franc: rapo-visa-silence-2m sent 31 Jan -> 31 Mar", "rapo-visa-silence-2m", "2026-01-31", Metropole, "2026-03-31", ""},
	{"not franc: naturalisation-recours-silence-4m sent 31 Jan -> Sun 31 May", "naturalisation-recours-silence-4m", "2026-01-31", Metropole, "2026-05-31", ""},
	{"expiry: titre-expiration is the day itself", "titre-expiration", "2026-11-30", Metropole, "2026-11-30", ""},
	{"expiry: recepisse-expiration on Sunday 1 Nov, not moved", "recepisse-expiration", "2026-11-01", Metropole, "2026-11-01", ""},
	{"expiry: api-expiration on 15 Aug, not moved", "api-expiration", "2026-08-15", Metropole, "2026-08-15", ""},
	{"cnda-aj-15d notified 8 Apr -> 23 Apr", "cnda-aj-15d", "2026-04-08", Metropole, "2026-04-23", ""},
	{"not franc: rapo-visa-30d notified 1 Jul -> 31 Jul", "rapo-visa-30d", "2026-07-01", Metropole, "2026-07-31", ""},
	{"leap: silence-90j filed 10 Feb 2028", "silence-90j", "2028-02-10", Metropole, "2028-05-10", ""},
	{"leap: depart-volontaire-30j notified 31 Jan 2028 -> 1 Mar", "depart-volontaire-30j", "2028-01-31", Metropole, "2028-03-01", ""},
	{"year end: oqtf-7d (Toulouse reading) notified 24 Dec, 1 Jan then weekend -> Mon 4 Jan", "oqtf-7d", "2026-12-24", Metropole, "2026-12-31", "2027-01-04"},
	{"trigger on Sunday: oqtf-1m notified Sun 1 Feb -> Mon 2 Mar", "oqtf-1m", "2026-02-01", Metropole, "2026-03-02", ""},
	{"appel-caa-2m notified 31 Mar 2027 -> 1 Jun", "appel-caa-2m", "2027-03-31", Metropole, "2027-06-01", ""},
	{"month end: cassation-2m 31 Jul, readings agree on 1 Oct", "cassation-2m", "2026-07-31", Metropole, "2026-10-01", ""},
	{"month end: cassation-2m 30 Jul, B Wed 30 Sep", "cassation-2m", "2026-07-30", Metropole, "2026-09-30", ""},
	{"weekend: oqtf-ancien-30j ends Sat 3 Aug 2024 -> Mon 5 Aug", "oqtf-ancien-30j", "2024-07-03", Metropole, "2024-08-05", ""},
	{"franc: oqtf-ancien-15j notified 1 May 2024 -> Fri 17 May", "oqtf-ancien-15j", "2024-05-01", Metropole, "2024-05-17", ""},
}

// holidayExamples put the last day of oqtf-7d (notification + 7 days + 1
// franc day) on each national holiday of 2026–2030 ; the deadline must
// move to the next day that is neither a weekend day nor a holiday.
var holidayExamples = []dayExample{
	{"holiday 2026 Jour de l'an (Thu 01 Jan): oqtf-7d (Toulouse reading) ends on it -> Fri 02 Jan", "oqtf-7d", "2025-12-24", Metropole, "2025-12-31", "2026-01-02"},
	{"holiday 2026 Lundi de Paques (Mon 06 Apr): oqtf-7d (Toulouse reading) ends on it -> Tue 07 Apr", "oqtf-7d", "2026-03-29", Metropole, "2026-04-05", "2026-04-07"},
	{"holiday 2026 1er mai (Fri 01 May): oqtf-7d (Toulouse reading) ends on it -> Mon 04 May", "oqtf-7d", "2026-04-23", Metropole, "2026-04-30", "2026-05-04"},
	{"holiday 2026 8 mai (Fri 08 May): oqtf-7d (Toulouse reading) ends on it -> Mon 11 May", "oqtf-7d", "2026-04-30", Metropole, "2026-05-07", "2026-05-11"},
	{"holiday 2026 Ascension (Thu 14 May): oqtf-7d (Toulouse reading) ends on it -> Fri 15 May", "oqtf-7d", "2026-05-06", Metropole, "2026-05-13", "2026-05-15"},
	{"holiday 2026 Lundi de Pentecote (Mon 25 May): oqtf-7d (Toulouse reading) ends on it -> Tue 26 May", "oqtf-7d", "2026-05-17", Metropole, "2026-05-24", "2026-05-26"},
	{"holiday 2026 14 juillet (Tue 14 Jul): oqtf-7d (Toulouse reading) ends on it -> Wed 15 Jul", "oqtf-7d", "2026-07-06", Metropole, "2026-07-13", "2026-07-15"},
	{"holiday 2026 15 aout (Sat 15 Aug): oqtf-7d (Toulouse reading) ends on it -> Mon 17 Aug", "oqtf-7d", "2026-08-07", Metropole, "2026-08-14", "2026-08-17"},
	{"holiday 2026 Toussaint (Sun 01 Nov): oqtf-7d (Toulouse reading) ends on it -> Mon 02 Nov", "oqtf-7d", "2026-10-24", Metropole, "2026-10-31", "2026-11-02"},
	{"holiday 2026 11 novembre (Wed 11 Nov): oqtf-7d (Toulouse reading) ends on it -> Thu 12 Nov", "oqtf-7d", "2026-11-03", Metropole, "2026-11-10", "2026-11-12"},
	{"holiday 2026 Noel (Fri 25 Dec): oqtf-7d (Toulouse reading) ends on it -> Mon 28 Dec", "oqtf-7d", "2026-12-17", Metropole, "2026-12-24", "2026-12-28"},
	{"holiday 2027 Jour de l'an (Fri 01 Jan): oqtf-7d (Toulouse reading) ends on it -> Mon 04 Jan", "oqtf-7d", "2026-12-24", Metropole, "2026-12-31", "2027-01-04"},
	{"holiday 2027 Lundi de Paques (Mon 29 Mar): oqtf-7d (Toulouse reading) ends on it -> Tue 30 Mar", "oqtf-7d", "2027-03-21", Metropole, "2027-03-28", "2027-03-30"},
	{"holiday 2027 1er mai (Sat 01 May): oqtf-7d (Toulouse reading) ends on it -> Mon 03 May", "oqtf-7d", "2027-04-23", Metropole, "2027-04-30", "2027-05-03"},
	{"holiday 2027 Ascension (Thu 06 May): oqtf-7d (Toulouse reading) ends on it -> Fri 07 May", "oqtf-7d", "2027-04-28", Metropole, "2027-05-05", "2027-05-07"},
	{"holiday 2027 8 mai (Sat 08 May): oqtf-7d (Toulouse reading) ends on it -> Mon 10 May", "oqtf-7d", "2027-04-30", Metropole, "2027-05-07", "2027-05-10"},
	{"holiday 2027 Lundi de Pentecote (Mon 17 May): oqtf-7d (Toulouse reading) ends on it -> Tue 18 May", "oqtf-7d", "2027-05-09", Metropole, "2027-05-16", "2027-05-18"},
	{"holiday 2027 14 juillet (Wed 14 Jul): oqtf-7d (Toulouse reading) ends on it -> Thu 15 Jul", "oqtf-7d", "2027-07-06", Metropole, "2027-07-13", "2027-07-15"},
	{"holiday 2027 15 aout (Sun 15 Aug): oqtf-7d (Toulouse reading) ends on it -> Mon 16 Aug", "oqtf-7d", "2027-08-07", Metropole, "2027-08-14", "2027-08-16"},
	{"holiday 2027 Toussaint (Mon 01 Nov): oqtf-7d (Toulouse reading) ends on it -> Tue 02 Nov", "oqtf-7d", "2027-10-24", Metropole, "2027-10-31", "2027-11-02"},
	{"holiday 2027 11 novembre (Thu 11 Nov): oqtf-7d (Toulouse reading) ends on it -> Fri 12 Nov", "oqtf-7d", "2027-11-03", Metropole, "2027-11-10", "2027-11-12"},
	{"holiday 2027 Noel (Sat 25 Dec): oqtf-7d (Toulouse reading) ends on it -> Mon 27 Dec", "oqtf-7d", "2027-12-17", Metropole, "2027-12-24", "2027-12-27"},
	{"holiday 2028 Jour de l'an (Sat 01 Jan): oqtf-7d (Toulouse reading) ends on it -> Mon 03 Jan", "oqtf-7d", "2027-12-24", Metropole, "2027-12-31", "2028-01-03"},
	{"holiday 2028 Lundi de Paques (Mon 17 Apr): oqtf-7d (Toulouse reading) ends on it -> Tue 18 Apr", "oqtf-7d", "2028-04-09", Metropole, "2028-04-16", "2028-04-18"},
	{"holiday 2028 1er mai (Mon 01 May): oqtf-7d (Toulouse reading) ends on it -> Tue 02 May", "oqtf-7d", "2028-04-23", Metropole, "2028-04-30", "2028-05-02"},
	{"holiday 2028 8 mai (Mon 08 May): oqtf-7d (Toulouse reading) ends on it -> Tue 09 May", "oqtf-7d", "2028-04-30", Metropole, "2028-05-07", "2028-05-09"},
	{"holiday 2028 Ascension (Thu 25 May): oqtf-7d (Toulouse reading) ends on it -> Fri 26 May", "oqtf-7d", "2028-05-17", Metropole, "2028-05-24", "2028-05-26"},
	{"holiday 2028 Lundi de Pentecote (Mon 05 Jun): oqtf-7d (Toulouse reading) ends on it -> Tue 06 Jun", "oqtf-7d", "2028-05-28", Metropole, "2028-06-04", "2028-06-06"},
	{"holiday 2028 14 juillet (Fri 14 Jul): oqtf-7d (Toulouse reading) ends on it -> Mon 17 Jul", "oqtf-7d", "2028-07-06", Metropole, "2028-07-13", "2028-07-17"},
	{"holiday 2028 15 aout (Tue 15 Aug): oqtf-7d (Toulouse reading) ends on it -> Wed 16 Aug", "oqtf-7d", "2028-08-07", Metropole, "2028-08-14", "2028-08-16"},
	{"holiday 2028 Toussaint (Wed 01 Nov): oqtf-7d (Toulouse reading) ends on it -> Thu 02 Nov", "oqtf-7d", "2028-10-24", Metropole, "2028-10-31", "2028-11-02"},
	{"holiday 2028 11 novembre (Sat 11 Nov): oqtf-7d (Toulouse reading) ends on it -> Mon 13 Nov", "oqtf-7d", "2028-11-03", Metropole, "2028-11-10", "2028-11-13"},
	{"holiday 2028 Noel (Mon 25 Dec): oqtf-7d (Toulouse reading) ends on it -> Tue 26 Dec", "oqtf-7d", "2028-12-17", Metropole, "2028-12-24", "2028-12-26"},
	{"holiday 2029 Jour de l'an (Mon 01 Jan): oqtf-7d (Toulouse reading) ends on it -> Tue 02 Jan", "oqtf-7d", "2028-12-24", Metropole, "2028-12-31", "2029-01-02"},
	{"holiday 2029 Lundi de Paques (Mon 02 Apr): oqtf-7d (Toulouse reading) ends on it -> Tue 03 Apr", "oqtf-7d", "2029-03-25", Metropole, "2029-04-01", "2029-04-03"},
	{"holiday 2029 1er mai (Tue 01 May): oqtf-7d (Toulouse reading) ends on it -> Wed 02 May", "oqtf-7d", "2029-04-23", Metropole, "2029-04-30", "2029-05-02"},
	{"holiday 2029 8 mai (Tue 08 May): oqtf-7d (Toulouse reading) ends on it -> Wed 09 May", "oqtf-7d", "2029-04-30", Metropole, "2029-05-07", "2029-05-09"},
	{"holiday 2029 Ascension (Thu 10 May): oqtf-7d (Toulouse reading) ends on it -> Fri 11 May", "oqtf-7d", "2029-05-02", Metropole, "2029-05-09", "2029-05-11"},
	{"holiday 2029 Lundi de Pentecote (Mon 21 May): oqtf-7d (Toulouse reading) ends on it -> Tue 22 May", "oqtf-7d", "2029-05-13", Metropole, "2029-05-20", "2029-05-22"},
	{"holiday 2029 14 juillet (Sat 14 Jul): oqtf-7d (Toulouse reading) ends on it -> Mon 16 Jul", "oqtf-7d", "2029-07-06", Metropole, "2029-07-13", "2029-07-16"},
	{"holiday 2029 15 aout (Wed 15 Aug): oqtf-7d (Toulouse reading) ends on it -> Thu 16 Aug", "oqtf-7d", "2029-08-07", Metropole, "2029-08-14", "2029-08-16"},
	{"holiday 2029 Toussaint (Thu 01 Nov): oqtf-7d (Toulouse reading) ends on it -> Fri 02 Nov", "oqtf-7d", "2029-10-24", Metropole, "2029-10-31", "2029-11-02"},
	{"holiday 2029 11 novembre (Sun 11 Nov): oqtf-7d (Toulouse reading) ends on it -> Mon 12 Nov", "oqtf-7d", "2029-11-03", Metropole, "2029-11-10", "2029-11-12"},
	{"holiday 2029 Noel (Tue 25 Dec): oqtf-7d (Toulouse reading) ends on it -> Wed 26 Dec", "oqtf-7d", "2029-12-17", Metropole, "2029-12-24", "2029-12-26"},
	{"holiday 2030 Jour de l'an (Tue 01 Jan): oqtf-7d (Toulouse reading) ends on it -> Wed 02 Jan", "oqtf-7d", "2029-12-24", Metropole, "2029-12-31", "2030-01-02"},
	{"holiday 2030 Lundi de Paques (Mon 22 Apr): oqtf-7d (Toulouse reading) ends on it -> Tue 23 Apr", "oqtf-7d", "2030-04-14", Metropole, "2030-04-21", "2030-04-23"},
	{"holiday 2030 1er mai (Wed 01 May): oqtf-7d (Toulouse reading) ends on it -> Thu 02 May", "oqtf-7d", "2030-04-23", Metropole, "2030-04-30", "2030-05-02"},
	{"holiday 2030 8 mai (Wed 08 May): oqtf-7d (Toulouse reading) ends on it -> Thu 09 May", "oqtf-7d", "2030-04-30", Metropole, "2030-05-07", "2030-05-09"},
	{"holiday 2030 Ascension (Thu 30 May): oqtf-7d (Toulouse reading) ends on it -> Fri 31 May", "oqtf-7d", "2030-05-22", Metropole, "2030-05-29", "2030-05-31"},
	{"holiday 2030 Lundi de Pentecote (Mon 10 Jun): oqtf-7d (Toulouse reading) ends on it -> Tue 11 Jun", "oqtf-7d", "2030-06-02", Metropole, "2030-06-09", "2030-06-11"},
	{"holiday 2030 14 juillet (Sun 14 Jul): oqtf-7d (Toulouse reading) ends on it -> Mon 15 Jul", "oqtf-7d", "2030-07-06", Metropole, "2030-07-13", "2030-07-15"},
	{"holiday 2030 15 aout (Thu 15 Aug): oqtf-7d (Toulouse reading) ends on it -> Fri 16 Aug", "oqtf-7d", "2030-08-07", Metropole, "2030-08-14", "2030-08-16"},
	{"holiday 2030 Toussaint (Fri 01 Nov): oqtf-7d (Toulouse reading) ends on it -> Mon 04 Nov", "oqtf-7d", "2030-10-24", Metropole, "2030-10-31", "2030-11-04"},
	{"holiday 2030 11 novembre (Mon 11 Nov): oqtf-7d (Toulouse reading) ends on it -> Tue 12 Nov", "oqtf-7d", "2030-11-03", Metropole, "2030-11-10", "2030-11-12"},
	{"holiday 2030 Noel (Wed 25 Dec): oqtf-7d (Toulouse reading) ends on it -> Thu 26 Dec", "oqtf-7d", "2030-12-17", Metropole, "2030-12-24", "2030-12-26"},
}

func TestWorkedExamples(t *testing.T) {
	t.Parallel()
	all := append(append([]dayExample(nil), dayExamples...), holidayExamples...)
	for _, ex := range all {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			got := mustCompute(t, Input{Rule: mustRule(t, ex.rule), Trigger: mustDate(t, ex.trigger), Region: ex.region})
			if got.Due.String() != ex.want {
				t.Errorf("%s from %s (%v): due %v, want %s\n%s", ex.rule, ex.trigger, ex.region, got.Due, ex.want, explainText(got))
			}
			if ex.alt != "" && got.AltDue.String() != ex.alt {
				t.Errorf("%s from %s (%v): other reading %v, want %s\n%s", ex.rule, ex.trigger, ex.region, got.AltDue, ex.alt, explainText(got))
			}
		})
	}
}
