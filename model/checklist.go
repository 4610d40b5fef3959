package model

import "slices"

// ChecklistItem is one document a procedure's file needs (DOMAIN.md §4.1
// and §4.2). Ids are stable: a case stores the ids of the items the client
// brought (Case.Checklist). Labels live in the faces' translations under
// "checklist.<id>"; Source names the DOMAIN.md source.
type ChecklistItem struct {
	ID     string
	Source string
}

// Items common to residence-permit files (CESEDA annexe 10, DOMAIN.md §4.1).
var (
	itemBirthCert   = ChecklistItem{"birth_certificate", "S57"}
	itemPassport    = ChecklistItem{"passport", "S57"}
	itemAddress     = ChecklistItem{"proof_of_address", "S57"}
	itemPhotos      = ChecklistItem{"photos", "S57"}
	itemTax         = ChecklistItem{"tax_payment", "S56"}
	itemTranslation = ChecklistItem{"sworn_translations", "S57"}
	itemAppointment = ChecklistItem{"appointment_attempts", "S58c"} // if no préfecture appointment
	itemDecision    = ChecklistItem{"decision_copy", ""}            // the contested decision and its notification
)

var commonItems = []ChecklistItem{itemBirthCert, itemPassport, itemAddress, itemPhotos, itemTax, itemTranslation}

// checklists: DOMAIN.md §4.2's extras on top of the common list where the
// procedure is a residence-permit application; appeals need the decision.
var checklists = map[Procedure][]ChecklistItem{
	ProcFirstPermit: append(slices.Clone(commonItems), itemAppointment),
	ProcRenewal:     append(slices.Clone(commonItems), ChecklistItem{"current_permit", "S57"}, itemAppointment),
	ProcIllForeigner: append(slices.Clone(commonItems),
		ChecklistItem{"medical_certificate", "S43"}, ChecklistItem{"medical_records_ofii", "S43"}, itemAppointment),
	ProcExceptional: append(slices.Clone(commonItems),
		ChecklistItem{"presence_proofs", "S57b"}, ChecklistItem{"work_family_evidence", "S57b"}, itemAppointment),
	ProcAsylum: {
		{"ofpra_form", "S30"}, itemPhotos, {"asylum_attestation", "S30"}, itemPassport,
		{"ofpra_decision", "S27"}, {"cnda_appeal_signed", "S27"},
	},
	ProcNaturalise: append(slices.Clone(commonItems), ChecklistItem{"naturalisation_pieces", "S44"}),
	ProcFamilyReunion: {
		{"cerfa_11436", "S48"}, itemBirthCert, itemTranslation, itemPassport,
		{"resources_12_months", "S48"}, {"housing_proof", "S48"},
	},
	ProcVisa:         {itemPassport, itemDecision, {"rapo_copy", "S50"}},
	ProcRemovalOrder: {itemDecision, itemPassport, itemAddress, {"situation_evidence", ""}},
	ProcOther:        commonItems,
}

// Checklist returns the documents a procedure's file needs, in the order a
// lawyer asks for them. An unknown procedure gets the common list.
func Checklist(p Procedure) []ChecklistItem {
	if l, ok := checklists[p]; ok {
		return l
	}
	return commonItems
}

// KnownChecklistItem reports whether id is an item of some procedure's list.
func KnownChecklistItem(id string) bool {
	for _, l := range checklists {
		for _, it := range l {
			if it.ID == id {
				return true
			}
		}
	}
	return false
}

// Ticked reports whether the case's client brought item id.
func (c Case) Ticked(id string) bool { return slices.Contains(c.Checklist, id) }

// Tick marks item id as brought (on) or not; the list stays sorted so its
// JSON, and so the change log, does not depend on the order of ticks.
func (c *Case) Tick(id string, on bool) {
	l := slices.DeleteFunc(slices.Clone(c.Checklist), func(s string) bool { return s == id })
	if on {
		l = append(l, id)
	}
	slices.Sort(l)
	if len(l) == 0 {
		l = nil
	}
	c.Checklist = l
}
