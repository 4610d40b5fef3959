package deadline

import (
	"strings"
	"testing"
)

func mustRule(t testing.TB, id string) Rule {
	t.Helper()
	r, ok := Lookup(id)
	if !ok {
		t.Fatalf("no rule %q", id)
	}
	return r
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func datePtr(t testing.TB, s string) *Date {
	t.Helper()
	if s == "" {
		return nil
	}
	d := mustDate(t, s)
	return &d
}

func mustCompute(t testing.TB, in Input) Result {
	t.Helper()
	r, err := Compute(in)
	if err != nil {
		t.Fatalf("Compute(%s, %v): %v", in.Rule.ID, in.Trigger, err)
	}
	return r
}

func explainText(r Result) string {
	return "  " + strings.Join(r.Explain("en"), "\n  ")
}
