package model

import (
	"errors"
	"strings"
)

// ErrInvalidDate is returned for a date that cannot exist or cannot be read.
var ErrInvalidDate = errors.New("invalid date")

// Problem codes of a ValidationError. The faces translate them; they are
// stable identifiers, not sentences.
const (
	ProblemRequired    = "required"
	ProblemInvalidDate = "invalid_date"
	ProblemFuture      = "in_future"
	ProblemTooOld      = "too_old"
	ProblemOrder       = "before_opened"
	ProblemEmail       = "invalid_email"
	ProblemAGDREF      = "invalid_agdref"
	ProblemPhone       = "invalid_phone"
	ProblemUnknown     = "unknown_value"
	ProblemTooLong     = "too_long"
)

// FieldProblem names one field (by its JSON name, e.g. "person.birth_date")
// and what is wrong with it.
type FieldProblem struct {
	Field string
	Code  string
}

// ValidationError lists every problem found in a record, so that a form can
// mark all the wrong fields at once.
type ValidationError struct {
	Problems []FieldProblem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Code
	}
	return "invalid record: " + strings.Join(parts, ", ")
}

// For returns the problem code for field, or "".
func (e *ValidationError) For(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Code
		}
	}
	return ""
}

type problems []FieldProblem

func (p *problems) add(field, code string) { *p = append(*p, FieldProblem{field, code}) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}
