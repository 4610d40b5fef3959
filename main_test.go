package main

import (
	"slices"
	"testing"
)

func TestSplitBundles(t *testing.T) {
	tests := []struct {
		args, rest, bundles []string
	}{
		{[]string{`C:\Users\me\Downloads\dossiers.casefile.age`}, nil, []string{`C:\Users\me\Downloads\dossiers.casefile.age`}},
		{[]string{"--vault", "/media/usb/v", "/tmp/A.CASEFILE.AGE"}, []string{"--vault", "/media/usb/v"}, []string{"/tmp/A.CASEFILE.AGE"}},
		{[]string{"--vault=/v", "a.casefile.age", "b.casefile.age"}, []string{"--vault=/v"}, []string{"a.casefile.age", "b.casefile.age"}},
		// A command keeps its arguments.
		{[]string{"import", "x.casefile.age"}, []string{"import", "x.casefile.age"}, nil},
		{[]string{"--vault", "v", "import", "--dry-run", "x.casefile.age"}, []string{"--vault", "v", "import", "--dry-run", "x.casefile.age"}, nil},
		{nil, nil, nil},
	}
	for _, tt := range tests {
		rest, bundles := splitBundles(tt.args)
		if !slices.Equal(rest, tt.rest) || !slices.Equal(bundles, tt.bundles) {
			t.Errorf("%q: rest %q bundles %q, want %q %q", tt.args, rest, bundles, tt.rest, tt.bundles)
		}
	}
}
