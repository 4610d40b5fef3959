package app

import "testing"

// A right-to-left word followed by a space gets an invisible
// left-to-right mark, so that the space stays between the words in a
// left-to-right line; anything else is left as it is.
func TestLTRSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"بن علي Karim":            "بن\u200e علي\u200e Karim",
		"HAMDAN هالة":             "HAMDAN هالة",
		"AZIZI (عزيزى) Hamid":     "AZIZI (عزيزى) Hamid",
		"KOUYATÉ Aminata":         "KOUYATÉ Aminata",
		"כהן David":               "כהן\u200e David",
		"2026-9U-0061  ·  بن علي": "2026-9U-0061  ·  بن\u200e علي",
	} {
		if got := ltrSpaces(in); got != want {
			t.Errorf("ltrSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}
