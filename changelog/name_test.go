package changelog

import (
	"errors"
	"strings"
	"testing"

	"casefile/model"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct {
		name, code string
	}{
		{"Maître Dupont", ""},
		{strings.Repeat("é", MaxNameLen), ""},
		{"  ", model.ProblemRequired},
		{strings.Repeat("é", MaxNameLen+1), model.ProblemTooLong},
		{"Dupont\nEve", model.ProblemControlChar},
		{"Dupont\x1b[2J", model.ProblemControlChar},
		{"Dupont\u202e", model.ProblemControlChar},
	} {
		err := CheckName("author", tc.name)
		if tc.code == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tc.name, err)
			} else if !goodAuthor(tc.name) {
				t.Errorf("%q taken but an entry's author may not be", tc.name)
			}
			continue
		}
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.For("author") != tc.code {
			t.Errorf("%q: got %v, want %s on author", tc.name, err, tc.code)
		}
	}
}
