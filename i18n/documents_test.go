package i18n

import (
	"encoding/json"
	"testing"

	"casefile/model"
)

// Every value the model defines for the documents and ANEF side has a label.
func TestDocumentLabelsExist(t *testing.T) {
	var keys []string
	for _, c := range model.Channels {
		keys = append(keys, "channel."+string(c))
	}
	for _, s := range model.ANEFStates {
		keys = append(keys, "anef_state."+string(s))
	}
	for _, c := range model.MalfunctionCategories {
		keys = append(keys, "malfunction."+string(c))
	}
	for _, v := range model.Vulnerabilities {
		keys = append(keys, "vulnerability."+string(v))
	}
	for _, p := range model.Procedures {
		for _, it := range model.Checklist(p) {
			keys = append(keys, "checklist."+it.ID)
		}
	}
	for _, f := range []string{"interpreter", "interpreter_language", "vulnerabilities", "channel", "anef_state", "malfunctions", "checklist"} {
		keys = append(keys, "field."+f)
	}
	for _, lang := range []string{"en", "fr"} {
		m := loadTranslations(t, "documents."+lang+".json")
		en := loadTranslations(t, lang+".json")
		for _, k := range keys {
			if m[k] == "" && en[k] == "" {
				t.Errorf("%s: no label for %s", lang, k)
			}
		}
	}
}

func TestHistoryValue(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	Reload()
	for _, tt := range []struct{ field, raw, want string }{
		{"prefecture", `"Rhône (Lyon)"`, "Rhône (Lyon)"},
		{"outcome", `""`, "∅"},
		{"interpreter", `true`, "yes"},
		{"languages", `["peul","français"]`, "peul, français"},
		{"languages", `[]`, "∅"},
		{"anef_state", `"api_issued"`, "Extension attestation (API) issued"},
		{"vulnerabilities", `["pregnancy","homeless"]`, "Pregnancy, Homeless"},
		{"checklist_item", `"passport"`, "Passport (identity, validity, stamps, visas)"},
		{"opened", `"2026-03-16"`, "16 Mar 2026"},
		{"malfunctions", `[{"id":"m1","category":"no_progress","date":"2026-01-05","text":"x"}]`, "5 Jan 2026 No information on progress"},
		{"other", `{"a":1}`, `{"a":1}`},
	} {
		if got := HistoryValue(tt.field, json.RawMessage(tt.raw)); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.field, tt.raw, got, tt.want)
		}
	}
	if got := HistoryChange("outcome", json.RawMessage(`""`), json.RawMessage(`"x"`)); got != "→ x" {
		t.Errorf("from nothing: %q", got)
	}
}
