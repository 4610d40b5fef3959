package model

import (
	"slices"
	"unicode/utf8"
)

// Procedure is the kind of procedure a case follows (DOMAIN.md §1).
type Procedure string

// The procedures Casefile knows. Labels live in the faces' translations
// under "procedure.<value>".
const (
	ProcFirstPermit   Procedure = "first-permit"
	ProcRenewal       Procedure = "renewal"
	ProcRemovalOrder  Procedure = "removal-order"
	ProcAsylum        Procedure = "asylum"
	ProcNaturalise    Procedure = "naturalisation"
	ProcFamilyReunion Procedure = "family-reunification"
	ProcVisa          Procedure = "visa"
	ProcExceptional   Procedure = "exceptional-admission"
	ProcIllForeigner  Procedure = "ill-foreigner"
	ProcOther         Procedure = "other"
)

// Procedures lists every procedure in display order.
var Procedures = []Procedure{
	ProcFirstPermit, ProcRenewal, ProcRemovalOrder, ProcAsylum, ProcNaturalise,
	ProcFamilyReunion, ProcVisa, ProcExceptional, ProcIllForeigner, ProcOther,
}

// Status is where a case stands.
type Status string

// Case statuses.
const (
	StatusOpen     Status = "open"
	StatusClosed   Status = "closed"
	StatusArchived Status = "archived"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusOpen, StatusClosed, StatusArchived}

// Role is a related person's relation to the case's main person.
type Role string

// Roles of related people.
const (
	RoleSpouse Role = "spouse"
	RoleChild  Role = "child"
	RoleParent Role = "parent"
	RoleOther  Role = "other"
)

// Roles lists every role in display order.
var Roles = []Role{RoleSpouse, RoleChild, RoleParent, RoleOther}

// Related links another person to a case with a role.
type Related struct {
	PersonID string `json:"person_id"`
	Role     Role   `json:"role"`
}

// Case is one matter the clinic handles for a main person.
type Case struct {
	ID           string    `json:"id"`
	Ref          string    `json:"ref"`
	PersonID     string    `json:"person_id"`
	Related      []Related `json:"related"`
	Procedure    Procedure `json:"procedure"`
	Prefecture   string    `json:"prefecture"`
	ANEFNumber   string    `json:"anef_number"`
	Status       Status    `json:"status"`
	Lawyer       string    `json:"lawyer"`
	Opened       Date      `json:"opened"`
	Closed       Date      `json:"closed"`
	Outcome      string    `json:"outcome"`
	EndOfMission Date      `json:"end_of_mission"`
	// Channel and ANEFState: how the application was filed and where it
	// stands (model/anef.go); Malfunctions: the ANEF failures met.
	Channel      Channel       `json:"channel"`
	ANEFState    ANEFState     `json:"anef_state"`
	Malfunctions []Malfunction `json:"malfunctions"`
	// Checklist holds the ids of the checklist items the client brought
	// (model/checklist.go), sorted.
	Checklist []string `json:"checklist"`
}

// Validate checks the case as of today and returns a *ValidationError
// listing every problem.
func (c Case) Validate(today Date) error {
	var pr problems
	c.validate(today, &pr)
	return pr.err()
}

func (c Case) validate(today Date, pr *problems) {
	if !contains(Procedures, c.Procedure) {
		if c.Procedure == "" {
			pr.add("procedure", ProblemRequired)
		} else {
			pr.add("procedure", ProblemUnknown)
		}
	}
	if !contains(Statuses, c.Status) {
		pr.add("status", ProblemUnknown)
	}
	if c.Opened.IsZero() {
		pr.add("opened", ProblemRequired)
	} else if today.Before(c.Opened) {
		pr.add("opened", ProblemFuture)
	}
	if !c.Closed.IsZero() && c.Closed.Before(c.Opened) {
		pr.add("closed", ProblemOrder)
	}
	if !c.EndOfMission.IsZero() && c.EndOfMission.Before(c.Opened) {
		pr.add("end_of_mission", ProblemOrder)
	}
	for name, v := range map[string]string{
		"prefecture": c.Prefecture, "anef_number": c.ANEFNumber, "lawyer": c.Lawyer, "outcome": c.Outcome,
	} {
		if utf8.RuneCountInString(v) > maxTextField {
			pr.add(name, ProblemTooLong)
		} else if (name == "outcome" && HasControlMultiline(v)) || (name != "outcome" && hasControl(v)) {
			pr.add(name, ProblemControlChar)
		}
	}
	if c.Channel != "" && !contains(Channels, c.Channel) {
		pr.add("channel", ProblemUnknown)
	}
	if c.ANEFState != "" && !contains(ANEFStates, c.ANEFState) {
		pr.add("anef_state", ProblemUnknown)
	}
	for _, m := range c.Malfunctions {
		m.validate(today, pr)
	}
	for _, id := range c.Checklist {
		if !KnownChecklistItem(id) {
			pr.add("checklist", ProblemUnknown)
			break
		}
	}
	for _, r := range c.Related {
		if !contains(Roles, r.Role) {
			pr.add("related", ProblemUnknown)
		}
	}
}

// CaseFile is a case with its main person, the unit the faces show and edit.
type CaseFile struct {
	Case
	Person Person `json:"person"`
}

// Validate checks the case and its person together, so a form gets every
// problem at once. Field names of the person are prefixed "person.".
func (f CaseFile) Validate(today Date) error {
	var pr problems
	f.Case.validate(today, &pr)
	f.Person.validate("person.", today, &pr)
	return pr.err()
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// RelatedIDs are the ids of the case's related people, in order (the main
// person, PersonID, is not among them).
func (c Case) RelatedIDs() []string {
	ids := make([]string, len(c.Related))
	for i, r := range c.Related {
		ids[i] = r.PersonID
	}
	return ids
}

// Involves reports whether the person is the case's main or a related person.
func (c Case) Involves(personID string) bool {
	return c.PersonID == personID || slices.Contains(c.RelatedIDs(), personID)
}
