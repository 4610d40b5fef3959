package review

import (
	"slices"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

// Column offsets of an agenda row: due, case, person, deadline, owner.
var agendaCols = []float64{0, 82, 146, 240, 420}

// agendaRowLines is how many lines a cell of the agenda may take before it
// is cut: a long name or rule wraps inside its column instead; rows are
// agendaRowGap points apart, so that a wrapped row reads as one.
const (
	agendaRowLines = 3
	agendaRowGap   = 2.5
)

// AgendaPDF writes the review as an A4 agenda in the current language:
// the week and its dates, the sign-off, overdue deadlines, each day, next
// week, then idle cases and deadlines without an owner. It names people:
// the face warns that the file is not encrypted.
func AgendaPDF(r *store.Review) []byte {
	d := pdf.Doc{MissingLabel: i18n.NoFontLabel}
	d.Line(pdf.HelveticaBold, 16, i18n.T("review.pdf.title"))
	d.Line(pdf.Helvetica, 11, WeekTitle(r.Week))
	if r.Lawyer != "" {
		d.Line(pdf.Helvetica, 10, i18n.T("review.lawyer_line", map[string]string{"Lawyer": r.Lawyer}))
	}
	d.Line(pdf.Helvetica, 10, SignedLine(r.SignOff))
	if r.Lawyer != "" {
		d.Line(pdf.Helvetica, 10, LawyerSignedLine(r.Lawyer, r.LawyerSignOff))
	}
	d.Gap(8)
	section := func(title string, rows []store.ReviewRow) {
		d.Gap(4)
		d.Line(pdf.HelveticaBold, 11, title)
		if len(rows) == 0 {
			d.Line(pdf.Helvetica, 9, "   "+i18n.T("review.none"))
			return
		}
		for _, row := range rows {
			what := Marked(row, i18n.T("review.unverified_mark"))
			d.WrapRow(pdf.Helvetica, 8, agendaCols, []string{Due(row), row.CaseRef, row.Person, what, Owner(row)}, agendaRowLines)
			d.Gap(agendaRowGap)
		}
	}
	section(i18n.T("review.overdue")+Count(len(r.Overdue), r.More.Overdue), r.Overdue)
	for i, rows := range r.Days {
		section(Weekday(i)+" "+i18n.Date(r.Week.Day(i)), rows)
	}
	next := r.Week.Next()
	section(i18n.T("review.next_week")+" — "+WeekTitle(next), r.NextWeek)
	d.Gap(6)
	d.Line(pdf.HelveticaBold, 11, i18n.T("review.idle")+Count(len(r.Idle), r.More.Idle))
	if len(r.Idle) == 0 {
		d.Line(pdf.Helvetica, 9, "   "+i18n.T("review.none"))
	}
	for _, c := range r.Idle {
		d.WrapRow(pdf.Helvetica, 8, agendaCols[1:4], []string{c.CaseRef, c.Person, c.Lawyer}, agendaRowLines)
		d.Gap(agendaRowGap)
	}
	section(i18n.T("review.unowned")+Count(len(r.Unowned), r.More.Unowned), r.Unowned)
	if len(r.Stale) > 0 {
		section(i18n.T("urgency.stale")+Count(len(r.Stale), r.More.Stale), r.Stale)
	}
	return d.Bytes()
}

// CaseSummary is what a case summary prints.
type CaseSummary struct {
	File      model.CaseFile
	Events    []model.Event
	Deadlines []store.DeadlineView
	Notes     []model.Note // the latest are printed, newest first
	Printed   time.Time
}

// LoadCaseSummary reads what a case summary of f prints, as of printed.
func LoadCaseSummary(v *store.Vault, f *model.CaseFile, printed time.Time) (CaseSummary, error) {
	s := CaseSummary{File: *f, Printed: printed}
	var err error
	if s.Events, err = v.Events(f.ID); err != nil {
		return s, err
	}
	if s.Deadlines, err = v.DeadlineViews(f.ID); err != nil {
		return s, err
	}
	s.Notes, err = v.Notes(f.ID)
	return s, err
}

// MaxSummaryNotes caps the notes a case summary prints.
const MaxSummaryNotes = 5

// CaseSummaryPDF writes a printable A4 summary of a case, for a hearing or
// a meeting, in the current language: the person, the procedure, the
// events, the deadlines with their basis (the rule and why the date), and
// the latest notes. It names the person: the face warns that the file is
// not encrypted.
func CaseSummaryPDF(s CaseSummary) []byte {
	d := pdf.Doc{MissingLabel: i18n.NoFontLabel}
	c, p := s.File.Case, s.File.Person
	d.Line(pdf.HelveticaBold, 16, i18n.T("review.summary.title", map[string]string{"Ref": c.Ref}))
	d.Line(pdf.Helvetica, 9, i18n.T("review.summary.printed", map[string]string{
		"Date": i18n.Date(model.ParisDate(s.Printed)), "Time": s.Printed.In(model.Paris()).Format("15:04")}))
	field := func(key, v string) {
		if strings.TrimSpace(v) != "" {
			d.WrapRow(pdf.Helvetica, 10, []float64{0, 140}, []string{i18n.T("field." + key), v}, 0)
		}
	}
	heading := func(key string) {
		d.Gap(8)
		d.Line(pdf.HelveticaBold, 12, i18n.T(key))
	}
	heading("review.summary.person")
	for _, name := range model.PersonFields {
		field(name, i18n.PersonValue(p, name))
	}

	heading("review.summary.procedure")
	field("procedure", i18n.Procedure(c.Procedure))
	field("status", i18n.Status(c.Status))
	field("prefecture", c.Prefecture)
	field("anef_number", c.ANEFNumber)
	field("lawyer", c.Lawyer)
	field("opened", i18n.Date(c.Opened))
	field("closed", i18n.Date(c.Closed))
	field("outcome", c.Outcome)

	heading("review.summary.events")
	if len(s.Events) == 0 {
		d.Line(pdf.Helvetica, 10, i18n.T("review.none"))
	}
	for _, e := range s.Events {
		d.Para(pdf.Helvetica, 10, EventLine(e))
	}

	heading("review.summary.deadlines")
	if len(s.Deadlines) == 0 {
		d.Line(pdf.Helvetica, 10, i18n.T("review.none"))
	}
	for _, dv := range s.Deadlines {
		dl := dv.Deadline
		t := i18n.DescribeDeadline(dv)
		row := store.ReviewRow{Due: dl.Due, DueAt: dl.DueAt}
		head := Due(row) + " — " + t.What + " — " + i18n.T("deadline.state."+string(dl.Status))
		if t.Unverified {
			head = i18n.T("review.unverified_mark") + " " + head
		}
		d.Line(pdf.HelveticaBold, 10, head)
		for _, l := range t.Explanation {
			for _, w := range pdf.Wrap(l, pdf.Helvetica, 9, pdf.PageWidth-2*pdf.Margin-12) {
				d.Line(pdf.Helvetica, 9, "   "+w)
			}
		}
		for _, cv := range t.Caveats {
			d.Para(pdf.Helvetica, 9, "   (!) "+cv) // ⚠ is not in WinAnsi
		}
		if dl.Reason != "" {
			d.Line(pdf.Helvetica, 9, "   "+i18n.T("review.summary.reason", map[string]string{"Reason": dl.Reason}))
		}
		d.Gap(3)
	}

	heading("review.summary.notes")
	notes := latestNotes(s.Notes, MaxSummaryNotes)
	if len(notes) == 0 {
		d.Line(pdf.Helvetica, 10, i18n.T("review.none"))
	}
	for _, n := range notes {
		at := n.Time.In(model.Paris())
		d.Line(pdf.HelveticaBold, 10, i18n.Date(model.DateOf(at))+" "+at.Format("15:04")+" — "+n.Author)
		d.Para(pdf.Helvetica, 10, n.Text)
	}
	return d.Bytes()
}

// latestNotes returns up to n notes, newest first.
func latestNotes(notes []model.Note, n int) []model.Note {
	out := slices.Clone(notes)
	slices.SortStableFunc(out, func(a, b model.Note) int { return b.Time.Compare(a.Time) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
