package changelog

import (
	"strings"
	"unicode/utf8"

	"casefile/model"
)

// CheckName refuses a name a person types for themselves or their clinic
// (field names it in the error) that is empty, too long (MaxNameLen), or
// holds a control character: a line break, or a terminal escape that would
// reach every colleague's history and terminal. A name it takes is one
// goodAuthor takes in an entry received.
func CheckName(field, name string) error {
	code := ""
	switch {
	case strings.TrimSpace(name) == "":
		code = model.ProblemRequired
	case utf8.RuneCountInString(name) > MaxNameLen:
		code = model.ProblemTooLong
	case model.HasControl(name): // C0, C1, bidirectional marks, invalid UTF-8
		code = model.ProblemControlChar
	}
	if code == "" {
		return nil
	}
	return &model.ValidationError{Problems: []model.FieldProblem{{Field: field, Code: code}}}
}
