package letters

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/model"
)

// specialKinds are the decisions contested under the CESEDA's own
// procedure: removal orders, transfers, house arrests, bans on return,
// placements in rétention, and names a later rule could give them.
var specialKinds = []model.DecisionKind{
	model.DecisionRemovalOrder, model.DecisionRemovalOrderNoDeparture, model.DecisionDublinTransfer,
	model.DecisionHouseArrest, model.DecisionIRTF, model.DecisionRetentionPlacement,
	"transfert-dublin", "assignation-residence", // names a later rule could give
}

// The recours gracieux against a removal order, a Dublin transfer or a
// house arrest never says it interrupts or extends the court delay: in
// every wording the letter can take (each civility, each such decision,
// with or without a situation, a removal-order case with no decision
// recorded, in the text, the PDF and the RTF), it says plainly that the
// delay keeps running, and the faces are told to warn. The letters exist
// in French only; the warning's two languages are tested in the faces.
func TestRecoursGracieuxOnRemovalOrderNeverClaimsAnInterruption(t *testing.T) {
	tmpl, err := Find("", "recours-gracieux")
	if err != nil {
		t.Fatal(err)
	}
	type variant struct {
		name   string
		proc   model.Procedure
		events []model.Event
	}
	var variants []variant
	for _, k := range specialKinds {
		for _, sit := range append([]model.Situation{""}, model.Situations...) {
			for _, kind := range []model.EventKind{model.EventDecisionNotified, model.EventDecisionTaken} {
				variants = append(variants, variant{
					name: string(k) + "/" + string(sit) + "/" + string(kind), proc: model.ProcRenewal,
					events: []model.Event{{Kind: kind, Decision: k, Situation: sit, Date: model.Date{Year: 2026, Month: 11, Day: 20}}},
				})
			}
		}
	}
	// A removal-order case with no decision recorded yet, and one where a
	// refusal followed the removal order.
	variants = append(variants,
		variant{name: "removal-order case, no decision", proc: model.ProcRemovalOrder},
		variant{name: "removal order then refusal", proc: model.ProcRenewal, events: []model.Event{
			{Kind: model.EventDecisionNotified, Decision: model.DecisionRemovalOrder, Date: model.Date{Year: 2026, Month: 10, Day: 1}},
			{Kind: model.EventDecisionNotified, Decision: model.DecisionRefusal, Date: model.Date{Year: 2026, Month: 11, Day: 1}},
		}},
	)
	for _, v := range variants {
		for _, c := range model.Civilities {
			in := sampleInput()
			in.File.Procedure, in.Events, in.File.Person.Civility = v.proc, v.events, c
			l, err := ComposeWith(tmpl, in)
			if err != nil {
				t.Fatal(err)
			}
			for form, text := range map[string]string{"text": l.Text, "pdf": pdfText(PDF(l.Text)), "rtf": rtfText(t, RTF(l.Text))} {
				flat := strings.Join(strings.Fields(text), " ")
				if ClaimsExtension(flat) || strings.Contains(flat, "interromp") || strings.Contains(flat, "L. 411-2") {
					t.Errorf("%s, %q, %s: the letter claims an interruption:\n%s", v.name, c, form, text)
				}
				if !strings.Contains(flat, "ne prolonge pas le délai de recours contentieux") || !strings.Contains(flat, "R. 776-5") {
					t.Errorf("%s, %q, %s: the letter does not say the delay keeps running:\n%s", v.name, c, form, text)
				}
			}
			if !l.DelayNotExtended || l.Misleading || !l.WarnDelay() {
				t.Errorf("%s, %q: DelayNotExtended %v Misleading %v WarnDelay %v", v.name, c, l.DelayNotExtended, l.Misleading, l.WarnDelay())
			}
		}
	}

	// An ordinary refusal keeps the interruption (CRPA L. 411-2), with no
	// warning.
	for _, k := range []model.DecisionKind{model.DecisionRefusal, model.DecisionNaturalisationRefusal, model.DecisionOther} {
		in := sampleInput()
		in.Events = []model.Event{{Kind: model.EventDecisionNotified, Decision: k, Date: model.Date{Year: 2026, Month: 11, Day: 1}}}
		l, err := ComposeWith(tmpl, in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(l.Text, "qu'il interrompt (article L. 411-2") || l.DelayNotExtended || l.WarnDelay() {
			t.Errorf("%s: ordinary wording lost or warned:\n%s", k, l.Text)
		}
	}

	// A clinic's own recours gracieux that claims an interruption is
	// flagged on a removal order (the face warns before it goes out).
	dir := t.TempDir()
	own := "# Notre recours\nCe recours interrompt le délai de recours contentieux.\n{{nom_complet}}\n"
	if err := os.WriteFile(filepath.Join(dir, "recours-gracieux.txt"), []byte(own), 0o600); err != nil {
		t.Fatal(err)
	}
	ours, err := Find(dir, "recours-gracieux")
	if err != nil {
		t.Fatal(err)
	}
	in := sampleInput()
	in.File.Procedure = model.ProcRemovalOrder
	l, err := ComposeWith(ours, in)
	if err != nil || !l.Misleading || !l.WarnDelay() {
		t.Fatalf("own template: %+v %v", l, err)
	}
}

// Every built-in template on a removal-order case: none but the request
// for the reasons of an implicit refusal (which a removal order never is)
// speaks of a delay being extended, and that one is flagged.
func TestNoTemplateClaimsAnExtensionOnARemovalOrder(t *testing.T) {
	ts, err := List("")
	if err != nil {
		t.Fatal(err)
	}
	in := sampleInput()
	in.File.Procedure = model.ProcRemovalOrder
	for _, tmpl := range ts {
		l, err := ComposeWith(tmpl, in)
		if err != nil {
			t.Fatal(err)
		}
		if want := tmpl.ID == "motifs-refus-implicite"; l.Misleading != want {
			t.Errorf("%s: Misleading = %v:\n%s", tmpl.ID, l.Misleading, l.Text)
		}
	}
}

// The person's civility gives the letter's grammar; unspecified gives
// the neutral forms and no civility before the name.
func TestCivilityGrammar(t *testing.T) {
	tmpl, err := Find("", "attestation")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		civ  model.Civility
		want []string
		not  []string
	}{
		{model.CivilityMadame, []string{"Intéressée : BENALI", "née le 01/03/1990", "pour le compte de Madame BENALI Aïcha Noémie", "dont elle dispose", "doit être mise en possession"}, []string{"(e)", "Monsieur BENALI"}},
		{model.CivilityMonsieur, []string{"Intéressé : BENALI", "né le 01/03/1990", "pour le compte de Monsieur BENALI Aïcha Noémie", "dont il dispose", "doit être mis en possession"}, []string{"(e)", "née le", "Madame BENALI"}},
		{model.CivilityUnspecified, []string{"Intéressé(e) : BENALI", "né(e) le 01/03/1990", "pour le compte de BENALI Aïcha Noémie", "dont il ou elle dispose", "doit être mis(e) en possession"}, []string{"Madame BENALI", "Monsieur BENALI"}},
	} {
		in := sampleInput()
		in.File.Person.Civility = c.civ
		text, err := tmpl.Fill(Fields(in))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q: lacks %q", c.civ, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(text, w) {
				t.Errorf("%q: has %q", c.civ, w)
			}
		}
	}
}

// The letter to the Défenseur des droits opens and closes with the
// holder's title, a setting.
func TestDefenderTitle(t *testing.T) {
	tmpl, err := Find("", "defenseur-des-droits")
	if err != nil {
		t.Fatal(err)
	}
	in := sampleInput()
	text, _ := tmpl.Fill(Fields(in))
	if !strings.Contains(text, "\nMadame la Défenseure des droits,\n") || !strings.Contains(text, "d'agréer, Madame la Défenseure des droits, l'expression") {
		t.Fatalf("default title:\n%s", text)
	}
	in.Sender.DefenderTitle = "Monsieur le Défenseur des droits"
	text, _ = tmpl.Fill(Fields(in))
	if !strings.Contains(text, "\nMonsieur le Défenseur des droits,\n") || strings.Contains(text, "Défenseure") {
		t.Fatalf("set title:\n%s", text)
	}
}

func TestPlaceholders(t *testing.T) {
	text := "Objet : [à compléter]\nMadame,\n[Exposer ici les faits.] puis [à compléter] et [ ] et [autres pièces]\n[ouvert"
	got := Placeholders(text)
	want := []string{Missing, "[Exposer ici les faits.]", "[autres pièces]"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Placeholders = %q, want %q", got, want)
	}
	if Placeholders("Lettre complète, sans crochet.") != nil {
		t.Fatal("a complete letter has placeholders")
	}
}

// Every built-in template renders to PDF and RTF with its text intact.
func TestEveryTemplateRendersToPDFAndRTF(t *testing.T) {
	ts, err := List("")
	if err != nil {
		t.Fatal(err)
	}
	in := sampleInput()
	for _, tmpl := range ts {
		l, err := ComposeWith(tmpl, in)
		if err != nil {
			t.Fatal(err)
		}
		flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		if got := rtfText(t, Render(l.Text, FormatRTF)); flat(got) != flat(l.Text) {
			t.Errorf("%s: RTF reads back differently", tmpl.ID)
		}
		pdf := flat(pdfText(Render(l.Text, FormatPDF)))
		for _, want := range []string{"BENALI Aïcha Noémie", "28 novembre 2026", "Me Claire Fontaine"} {
			if !strings.Contains(pdf, want) {
				t.Errorf("%s: PDF lacks %q", tmpl.ID, want)
			}
		}
	}
}
