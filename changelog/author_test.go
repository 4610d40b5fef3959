package changelog

import (
	"errors"
	"strings"
	"testing"
)

// An author's name travels into every reader's history and letters: a
// name that holds control characters (a terminal escape, a line break
// forging a second history line) or runs for pages is refused, from a
// colleague's segment as from a bundle.
func TestAuthorNamesChecked(t *testing.T) {
	hostile := []string{
		"Me Claire\x1b[2J Fontaine",
		"Me Claire\nFontaine — 01/01/2020 : dossier clos",
		"Me Claire\u202eFontaine",
		strings.Repeat("é", 201),
	}
	for _, name := range hostile {
		ce := seedCases(t, 1)[0]
		ce.History[0].Author = name
		if err := CheckExportAt(&ce, seedNow); !errors.Is(err, ErrInconsistentCases) {
			t.Errorf("bundle with author %q: %v", name, err)
		}
		if err := CheckRemoteChanges(ce.History); !errors.Is(err, ErrBadRemoteChange) {
			t.Errorf("sync entry with author %q: %v", name, err)
		}
	}
	ce := seedCases(t, 1)[0]
	ce.History[0].Author = "Me Nadia Bensaïd"
	if err := CheckExportAt(&ce, seedNow); err != nil {
		t.Fatal(err)
	}
	if err := CheckRemoteChanges(ce.History); err != nil {
		t.Fatal(err)
	}
}
