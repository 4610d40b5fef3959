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
	for _, tt := range []struct{ raw, want string }{
		{`"Rhône (Lyon)"`, "Rhône (Lyon)"},
		{`""`, "∅"},
		{`true`, "yes"},
		{`["peul","français"]`, "peul, français"},
		{`[]`, "∅"},
		{`{"a":1}`, `{"a":1}`},
	} {
		if got := HistoryValue(json.RawMessage(tt.raw)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.raw, got, tt.want)
		}
	}
	if got := HistoryChange(json.RawMessage(`""`), json.RawMessage(`"x"`)); got != "→ x" {
		t.Errorf("from nothing: %q", got)
	}
}
