package pdf_test

// Fixtures shared by the golden tests and the benchmarks: the weekly
// agenda, a case summary and a letter, naming fictional people written in
// Latin, Arabic, Cyrillic, Chinese and Ethiopic script, all drawn from the
// fictional-data generator.

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/review"
	"casefile/store"
)

var fixtureToday = model.Date{Year: 2026, Month: 11, Day: 28}

// scripts are the writing systems the fixtures name people in.
var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Arabic", unicode.Arabic}, {"Cyrillic", unicode.Cyrillic},
	{"Chinese", unicode.Han}, {"Ethiopic", unicode.Ethiopic},
}

// peopleByScript returns, for each script, the first case file of a seeded
// fictional clinic whose main person's name is written in it (only in it,
// Latin apart: "Kovalenko (Коваленко)" counts as Cyrillic).
func peopleByScript(tb testing.TB) map[string]model.CaseFile {
	tb.Helper()
	g := fakeclinic.New(19)
	out := map[string]model.CaseFile{}
	for i := 0; i < 20000 && len(out) < len(scripts); i++ {
		f := g.CaseFile(fixtureToday)
		name := f.Person.DisplayName()
		for _, s := range scripts {
			if _, ok := out[s.name]; ok {
				continue
			}
			if s.name == "Latin" && !strings.ContainsFunc(name, func(r rune) bool { return r > 0x24f && unicode.IsLetter(r) }) {
				out[s.name] = f
			} else if s.name != "Latin" && strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(s.table, r) }) {
				out[s.name] = f
			}
		}
	}
	if len(out) < len(scripts) {
		tb.Fatalf("the generator named people in %d scripts only", len(out))
	}
	return out
}

func setLang(tb testing.TB, lang string) {
	tb.Helper()
	if t, ok := tb.(*testing.T); ok {
		t.Cleanup(i18n.Reload)
		t.Setenv("LANG", lang)
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
	} else {
		b := tb.(*testing.B)
		b.Cleanup(i18n.Reload)
		b.Setenv("LANG", lang)
		b.Setenv("LC_ALL", "")
		b.Setenv("LC_MESSAGES", "")
	}
	i18n.Reload()
}

// agendaFixture is week 2026-W49 with one row per script, each person with
// a deadline, plus idle cases.
func agendaFixture(tb testing.TB) *store.Review {
	tb.Helper()
	people := peopleByScript(tb)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		tb.Fatal(err)
	}
	w, _ := model.ParseISOWeek("2026-W49")
	r := &store.Review{Week: w}
	rules := []string{"oqtf-1m", "oqtf-48h", "contentieux-2m", "oqtf-7d", "cnda-1m"}
	for i, s := range scripts {
		f := people[s.name]
		row := store.ReviewRow{DeadlineID: "0193a1b2-0000-7000-8000-00000000000" + string(rune('1'+i)), CaseID: "c" + s.name,
			CaseRef: "2026-AB-000" + string(rune('1'+i)), Person: f.Person.DisplayName(), Lawyer: "Me Fontaine",
			Kind: model.DeadlineComputed, RuleID: rules[i], Due: fixtureToday.AddDays(3 + i), Owner: "Me Fontaine",
			Status: model.DeadlineOpen}
		if i == 1 {
			row.DueAt = time.Date(2026, 12, 1, 10, 0, 0, 0, paris)
		}
		if i == 4 {
			row.Kind, row.RuleID, row.Label = model.DeadlineManual, "", "Pièces à déposer — "+f.Person.GivenNames
		}
		day := int(row.Due.Time(time.UTC).Weekday()+6) % 7
		r.Days[day] = append(r.Days[day], row)
		r.Idle = append(r.Idle, store.IdleCase{CaseID: "i" + s.name, CaseRef: "2026-AB-010" + string(rune('1'+i)),
			Person: f.Person.DisplayName(), Lawyer: "Me Diouf"})
	}
	r.Overdue = []store.ReviewRow{r.Days[2][0]}
	r.Overdue[0].Due = fixtureToday.AddDays(-2)
	// A long name in Chinese script: it must stop at its column.
	long := r.Days[3][0]
	long.Person = "欧阳 王李张刘陈杨黄赵吴周林徐叶潘胡"
	r.NextWeek = []store.ReviewRow{long}
	r.Unowned = []store.ReviewRow{r.Days[1][0]}
	r.Unowned[0].Owner = ""
	return r
}

// summaryFixture is the case summary of the person written in Chinese
// script, with notes naming the others and a long note in Chinese.
func summaryFixture(tb testing.TB) review.CaseSummary {
	tb.Helper()
	people := peopleByScript(tb)
	f := people["Chinese"]
	f.Ref = "2026-AB-0042"
	paris, _ := time.LoadLocation("Europe/Paris")
	s := review.CaseSummary{
		File: f,
		Events: []model.Event{{Kind: model.EventDecisionNotified, Date: fixtureToday.AddDays(-26),
			Decision: model.DecisionRemovalOrder, Situation: model.SituationFree}},
		Deadlines: []store.DeadlineView{{Deadline: model.Deadline{Kind: model.DeadlineComputed, RuleID: "oqtf-1m",
			Due: fixtureToday.AddDays(4), Status: model.DeadlineOpen}}},
		Printed: time.Date(2026, 11, 28, 10, 0, 0, 0, paris),
	}
	notes := []string{
		"Entretien avec " + people["Arabic"].Person.DisplayName() + " (sœur) et " + people["Cyrillic"].Person.DisplayName() + " (voisin).",
		"Interprète : " + people["Ethiopic"].Person.DisplayName() + ".",
		"客户说明：二〇二六年十一月在温州出生证明已寄出，护照复印件和住址证明将于下周一提交给律师事务所，请提醒客户携带所有原件到县政府办理居留申请。",
		"Note de " + people["Latin"].Person.DisplayName() + " : pièces reçues, dossier complet.",
	}
	for i, n := range notes {
		s.Notes = append(s.Notes, model.Note{Author: "Me Fontaine", Time: time.Date(2026, 11, 20+i, 9, 30, 0, 0, paris), Text: n})
	}
	return s
}

// letterFixture is the text of a letter naming one person per script.
func letterFixture(tb testing.TB) string {
	tb.Helper()
	p := peopleByScript(tb)
	name := func(s string) string { return p[s].Person.DisplayName() }
	return `Permanence juridique de Montreuil
12 rue de Paris, 93100 Montreuil

                                        Montreuil, le 28 novembre 2026

Objet : demande de rendez-vous en préfecture pour ` + name("Chinese") + `

Madame, Monsieur le Préfet,

J'ai l'honneur de solliciter, pour ` + name("Ethiopic") + `, né(e) le 01/03/1990, un rendez-vous afin de déposer sa demande de titre de séjour. Les démarches en ligne n'ont pas abouti malgré plusieurs tentatives depuis le 12/10/2026.

Sont également concernés par cette demande :
- ` + name("Arabic") + ` (sœur) ;
- ` + name("Cyrillic") + ` (conjoint) ;
- ` + name("Latin") + ` (hébergeant).

客户说明：护照复印件和住址证明已寄出，请提醒客户携带所有原件。

À défaut de réponse dans un délai de quinze jours, je saisirai le juge des référés sur le fondement de l'article L. 521-3 du code de justice administrative.

Je vous prie d'agréer, Madame, Monsieur le Préfet, l'expression de ma considération distinguée.

Me Claire Fontaine
`
}
