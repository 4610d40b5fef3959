package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A script finds a case under another spelling of the name, by reference
// and by a note word, best match first.
func TestSearchCommand(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","anef_number":"ANEF-12345678901","person":{"family_name":"Benali","given_names":"Mohamed","agdref":"7501234567"},"notes":[{"text":"Rendez-vous à la préfecture de Bobigny"}]}`)
	out, stderr, code := run(t, passEnv(), `{"procedure":"asylum","person":{"family_name":"Benali","given_names":"Muhammad"}}`,
		"--vault", vault, "case", "add", "--json", "-")
	if code != 0 {
		t.Fatalf("case add: %s", stderr)
	}
	ref2 := strings.TrimSpace(out)
	search := func(q string) []searchItem {
		t.Helper()
		out, stderr, code := run(t, passEnv(), "", "--vault", vault, "search", q, "--json")
		if code != 0 {
			t.Fatalf("search %q: %d %s", q, code, stderr)
		}
		var items []searchItem
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatal(err)
		}
		return items
	}
	items := search("benali mohamed")
	if len(items) != 2 || items[0].Ref != ref || items[1].Ref != ref2 || items[0].GivenNames != "Mohamed" {
		t.Fatalf("benali mohamed: %+v", items)
	}
	if items := search("muhamad"); len(items) != 2 || items[0].Field != "given_names" || items[0].Match != "transliteration" {
		t.Fatalf("muhamad: %+v", items)
	}
	for q, field := range map[string]string{ref: "ref", "7501234567": "agdref", "12345678901": "anef_number", "bobigny": "notes"} {
		if items := search(q); len(items) != 1 || items[0].Ref != ref || items[0].Field != field {
			t.Errorf("%s: %+v", q, items)
		}
	}
	out, stderr, code = run(t, passEnv(), "", "--vault", vault, "search", "zzzz")
	if code != 0 || out != "" || !strings.Contains(stderr, "No case") && !strings.Contains(stderr, "Aucun") {
		t.Fatalf("no match: %d %q %q", code, out, stderr)
	}
}

// case add warns about a likely existing record of the same person and
// still creates the case.
func TestCaseAddWarnsOfLikelyMatch(t *testing.T) {
	vault, _ := newCase(t, `{"procedure":"renewal","person":{"family_name":"Benyoucef","given_names":"Aïcha","birth_date":"1990-03-14"}}`)
	out, stderr, code := run(t, passEnv(), `{"procedure":"asylum","person":{"family_name":"Ben Youssef","given_names":"Aisha","birth_date":"1990-03-14"}}`,
		"--vault", vault, "case", "add", "--json", "-")
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("case add: %d %s", code, stderr)
	}
	if !strings.Contains(stderr, "BENYOUCEF Aïcha") || !strings.Contains(stderr, "-0001") {
		t.Fatalf("no warning: %s", stderr)
	}
	_, stderr, _ = run(t, passEnv(), `{"procedure":"asylum","person":{"family_name":"Benyoucef","given_names":"Aicha","birth_date":"1991-03-14"}}`,
		"--vault", vault, "case", "add", "--json", "-")
	if strings.Contains(stderr, "BENYOUCEF") {
		t.Fatalf("warned for another birth date: %s", stderr)
	}
}

// person merge by case references: the second case then names the first
// case's person, check stays clean, and search finds both cases under it.
func TestPersonMergeCommand(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","person":{"family_name":"Benali","given_names":"Karim","phone":"+33 6 39 98 00 01"}}`)
	out, _, _ := run(t, passEnv(), `{"procedure":"asylum","person":{"family_name":"Benali","given_names":"Kareem","agdref":"7501234567","phone":"+33 6 39 98 00 02"}}`,
		"--vault", vault, "case", "add", "--json", "-")
	ref2 := strings.TrimSpace(out)
	_, stderr, code := run(t, passEnv(), "", "--vault", vault, "person", "merge", ref, ref2)
	if code != 0 || !strings.Contains(stderr, "+33 6 39 98 00 02") {
		t.Fatalf("merge: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "check"); code != 0 {
		t.Fatalf("check after merge: %s", stderr)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "search", "7501234567", "--json")
	var items []searchItem
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 2 || items[0].GivenNames != "Karim" {
		t.Fatalf("after merge: %s %v", out, err)
	}
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "person", "merge", ref, ref); code == 0 {
		t.Fatal("merging a person with themselves succeeded")
	}
}
