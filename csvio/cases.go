package csvio

import (
	"errors"
	"strings"

	"casefile/model"
)

// ErrNoNameColumn: no column feeds person.family_name, which every case
// needs; the mapping must name one.
var ErrNoNameColumn = errors.New("csv: no column is mapped to the family name")

// Rejected is a row that cannot become a case, and why (a
// *model.ValidationError, or an error naming the field).
type Rejected struct {
	Line int
	Err  error
}

// CellError is a cell that its column's field cannot take (an impossible
// date, an unknown civility): the field, the cell as read, and why. The
// cell is for the user's eyes (the screen, the terminal), never stored.
type CellError struct {
	Field string
	Value string
	Err   error
}

func (e *CellError) Error() string { return e.Err.Error() }
func (e *CellError) Unwrap() error { return e.Err }

// Result is what the rows of a table become: the cases to create (with the
// line each comes from) and the rows refused.
type Result struct {
	Cases    []model.CaseFile
	Lines    []int
	Rejected []Rejected
}

// procedureAliases and statusAliases accept the words clinics write in
// their spreadsheets besides Casefile's own values.
var procedureAliases = map[string]model.Procedure{
	"premier titre": model.ProcFirstPermit, "premiere demande": model.ProcFirstPermit,
	"renouvellement": model.ProcRenewal, "oqtf": model.ProcRemovalOrder, "recours oqtf": model.ProcRemovalOrder,
	"eloignement": model.ProcRemovalOrder, "asile": model.ProcAsylum, "demande d'asile": model.ProcAsylum,
	"naturalisation": model.ProcNaturalise, "regroupement familial": model.ProcFamilyReunion,
	"reunification familiale": model.ProcFamilyReunion, "visa": model.ProcVisa,
	"admission exceptionnelle": model.ProcExceptional, "regularisation": model.ProcExceptional,
	"etranger malade": model.ProcIllForeigner, "autre": model.ProcOther,
}

var statusAliases = map[string]model.Status{
	"ouvert": model.StatusOpen, "en cours": model.StatusOpen, "actif": model.StatusOpen,
	"clos": model.StatusClosed, "ferme": model.StatusClosed, "termine": model.StatusClosed, "cloture": model.StatusClosed,
	"archive": model.StatusArchived,
}

// Cases turns each row into a case file through the mapping, with the
// defaults a new case gets (status open; opened today; procedure "other"
// when the sheet says none), and validates it as
// of today. A row is taken whole or refused whole.
func Cases(t *Table, m *Mapping, today model.Date) (*Result, error) {
	cols := make([]string, len(t.Header))
	named := false
	for i, h := range t.Header {
		cols[i] = m.Columns[h]
		named = named || cols[i] == "person.family_name"
	}
	if !named {
		return nil, ErrNoNameColumn
	}
	res := &Result{}
	for r, row := range t.Rows {
		f, err := rowCase(cols, row, today)
		if err != nil {
			res.Rejected = append(res.Rejected, Rejected{Line: t.Lines[r], Err: err})
			continue
		}
		res.Cases = append(res.Cases, f)
		res.Lines = append(res.Lines, t.Lines[r])
	}
	return res, nil
}

func rowCase(cols, row []string, today model.Date) (model.CaseFile, error) {
	var f model.CaseFile
	for i, field := range cols {
		if field == "" || i >= len(row) || row[i] == "" {
			continue
		}
		v := unescapeCell(row[i])
		switch field {
		case "procedure":
			if p, ok := procedureAliases[fold(v)]; ok {
				v = string(p)
			} else {
				v = strings.ToLower(v)
			}
		case "status":
			if s, ok := statusAliases[fold(v)]; ok {
				v = string(s)
			} else {
				v = strings.ToLower(v)
			}
		}
		if err := model.SetField(&f, field, v); err != nil {
			return f, &CellError{Field: field, Value: v, Err: err}
		}
	}
	if f.Procedure == "" { // many spreadsheets have no such column
		f.Procedure = model.ProcOther
	}
	if f.Status == "" {
		f.Status = model.StatusOpen
	}
	if f.Opened.IsZero() {
		f.Opened = today
	}
	return f, f.Validate(today)
}

// unescapeCell undoes the quote that WriteCases puts before a cell that a
// spreadsheet would otherwise run as a formula.
func unescapeCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}
