package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Editors save what the user changed, not what they loaded.
//
// A form reads a record with the version of each of its fields (the HLC of
// the operation that last set it: Versions). While it is open, sync, a
// bundle import or another screen may change the record. Saving the whole
// copy the form loaded would silently write those fields back to their old
// values. So a form saves only the fields the user changed (FieldEdit),
// each against the version the form loaded:
//
//   - a field nobody else touched is an ordinary change;
//   - a field someone else changed to the value the user typed needs no
//     write;
//   - a field someone else changed to another value is written with the
//     version the form loaded as its base: the two operations then share a
//     base, which is what a collision is (store/repl_collisions.go). The
//     user's value, later, is in the record; the other stays in the queue
//     of collisions to review, exactly as when sync or an import meets
//     concurrent edits;
//   - every field the user did not change keeps whatever it holds now.
//
// Merge computes the merged record; the store writes it (store/edits.go).

// FieldEdit is one field a user changed in a form: its JSON name (for a
// case, "person."+name for its main person) and its new value.
type FieldEdit struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// Versions are the field versions of one record as an editor loaded it:
// the base its edits are saved against.
type Versions map[string]model.HLC

// CaseBase is what a case form loaded: the versions of the case's fields
// and of its main person's.
type CaseBase struct {
	CaseID   string   `json:"case_id"`
	PersonID string   `json:"person_id"`
	Case     Versions `json:"case"`
	Person   Versions `json:"person"`
}

// SaveResult says what saving edits did.
type SaveResult struct {
	// Collisions lists the fields (as the edits named them) the user
	// changed that someone else had changed meanwhile to another value:
	// the user's value is in the record, the other is kept as a collision
	// to review (Vault.Collisions, AllCollisions).
	Collisions []string
	// Written counts the fields written; 0 when nothing differed.
	Written int
}

// EditsOf returns, for each JSON field name given, the value rec (a
// record: a case, a person, an event) holds, as edits to save. A name the
// record does not have is refused.
func EditsOf(rec any, names []string) ([]FieldEdit, error) {
	fs, _, err := changelog.FieldsOf(rec)
	if err != nil {
		return nil, err
	}
	out := make([]FieldEdit, 0, len(names))
	for _, n := range names {
		raw, ok := changelog.Lookup(fs, n)
		if !ok {
			return nil, UnknownField(n)
		}
		out = append(out, FieldEdit{Field: n, Value: slices.Clone(raw)})
	}
	return out, nil
}

// Changes returns the edits that turn before into after (two values of
// one record type: what a form loaded, and the same with what the user
// entered), field by field in name order.
func Changes(before, after any) ([]FieldEdit, error) {
	bf, _, err := changelog.FieldsOf(before)
	if err != nil {
		return nil, err
	}
	af, _, err := changelog.FieldsOf(after)
	if err != nil {
		return nil, err
	}
	var out []FieldEdit
	for _, f := range af {
		if old, ok := changelog.Lookup(bf, f.Name); ok && JSONSame(old, f.Raw) || !ok && changelog.IsZero(f.Raw) {
			continue
		}
		out = append(out, FieldEdit{Field: f.Name, Value: slices.Clone(f.Raw)})
	}
	return out, nil
}

// CaseEdits returns the edits that set the named fields of a case form
// ("prefecture", "person.family_name") to what f holds.
func CaseEdits(f *model.CaseFile, paths []string) ([]FieldEdit, error) {
	var caseNames, personNames []string
	for _, p := range paths {
		if n, ok := strings.CutPrefix(p, "person."); ok {
			personNames = append(personNames, n)
		} else {
			caseNames = append(caseNames, p)
		}
	}
	ce, err := EditsOf(f.Case, caseNames)
	if err != nil {
		return nil, err
	}
	pe, err := EditsOf(f.Person, personNames)
	if err != nil {
		return nil, err
	}
	for i := range pe {
		pe[i].Field = "person." + pe[i].Field
	}
	return append(ce, pe...), nil
}

// UnknownField is the validation error of an edit naming a field the
// record does not have, or may not be edited.
func UnknownField(path string) error {
	return &model.ValidationError{Problems: []model.FieldProblem{{Field: path, Code: model.ProblemUnknown}}}
}

// Fields a case form cannot set: links, which other operations own.
var (
	fixedCaseFields   = []string{"id", "ref", "person_id", "related"}
	fixedPersonFields = []string{"id", "merged_into"}
)

// SplitCaseEdits parts a case form's edits into the case's and its main
// person's (their "person." prefix removed), refusing the fields a case
// form cannot set.
func SplitCaseEdits(edits []FieldEdit) (caseEdits, personEdits []FieldEdit, err error) {
	for _, e := range edits {
		if n, ok := strings.CutPrefix(e.Field, "person."); ok {
			if slices.Contains(fixedPersonFields, n) {
				return nil, nil, UnknownField(e.Field)
			}
			personEdits = append(personEdits, FieldEdit{Field: n, Value: e.Value})
		} else {
			if slices.Contains(fixedCaseFields, e.Field) {
				return nil, nil, UnknownField(e.Field)
			}
			caseEdits = append(caseEdits, e)
		}
	}
	return caseEdits, personEdits, nil
}

// Fields a correction form of an evidence entry may change; proofs are
// added (files), never replaced.
var evidenceEditable = []string{"at", "channel", "what", "category", "kind", "urgency", "respond_by", "date_only"}

// CheckEvidenceEdits refuses an edit of an evidence entry's field that a
// correction form may not change.
func CheckEvidenceEdits(edits []FieldEdit) error {
	for _, e := range edits {
		if !slices.Contains(evidenceEditable, e.Field) {
			return UnknownField("evidence." + e.Field)
		}
	}
	return nil
}

// LoadForEdit reads a record and its field versions in one read
// (read.ErrNotFound when there is none).
func LoadForEdit(txn *badger.Txn, kind, id string, into any) (Versions, error) {
	raw, ok, err := read.Raw(txn, layout.RecKey(kind, id))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, read.ErrNotFound
	}
	env, err := changelog.DecodeEnvelope(raw, into)
	if err != nil {
		return nil, err
	}
	ver := make(Versions, len(env.Ver))
	for f, h := range env.Ver {
		ver[f] = h
	}
	return ver, nil
}

// Merge applies edits to the stored record env, each against the version
// base holds, decoding the result into into (a pointer to the record's
// type). It returns the edited fields that collided, and the bases the
// edited fields are to be logged against (nil when no edit remains). An
// edit equal to what the record holds now is dropped. It writes nothing:
// the store writes into with env as the old record.
func Merge(env *changelog.Envelope, edits []FieldEdit, base Versions, into any) (collided []string, bases map[string]model.HLC, err error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(env.Data, &fields); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	bases = map[string]model.HLC{}
	for _, e := range edits {
		if e.Field == "" || e.Field == "id" || !json.Valid(e.Value) {
			return nil, nil, UnknownField(e.Field)
		}
		cur, ok := fields[e.Field]
		if ok && JSONSame(cur, e.Value) || !ok && changelog.IsZero(e.Value) {
			continue // already so, whoever did it
		}
		fields[e.Field] = e.Value
		loaded := base[e.Field]
		bases[e.Field] = loaded
		if env.Ver[e.Field] != loaded {
			collided = append(collided, e.Field)
		}
	}
	merged, err := json.Marshal(fields)
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(merged, into); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	// A field the record's type does not have would vanish here: refuse it
	// rather than report a save that wrote nothing.
	fs, _, err := changelog.FieldsOf(into)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range edits {
		if _, ok := changelog.Lookup(fs, e.Field); !ok {
			return nil, nil, UnknownField(e.Field)
		}
	}
	if len(bases) == 0 {
		bases = nil
	}
	return collided, bases, nil
}

// JSONSame reports whether two JSON values are the same once compacted.
func JSONSame(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return false
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// CaseForEdit reads a case, by id or reference, with its main person into
// f, and the versions of their fields: what a case form shows, and the
// base it saves against.
func CaseForEdit(txn *badger.Txn, idOrRef string, f *model.CaseFile) (*CaseBase, error) {
	id, err := read.CaseID(txn, idOrRef)
	if err != nil {
		return nil, err
	}
	base := &CaseBase{}
	if base.Case, err = LoadForEdit(txn, changelog.KindCase, id, &f.Case); err != nil {
		return nil, err
	}
	f.ID = id
	if base.Person, err = LoadForEdit(txn, changelog.KindPerson, f.PersonID, &f.Person); err != nil {
		return nil, fmt.Errorf("store: case %s: main person: %w", f.Ref, err)
	}
	f.Person.ID = f.PersonID
	base.CaseID, base.PersonID = id, f.PersonID
	return base, nil
}

// Assign applies FIELD=VALUE assignments (JSON names, "person." for the
// main person; model.SetField) to a case form, in name order, and
// returns the names assigned, for CaseEdits.
func Assign(f *model.CaseFile, assignments map[string]string) ([]string, error) {
	names := make([]string, 0, len(assignments))
	for k := range assignments {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if err := model.SetField(f, k, assignments[k]); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// CaseCollisions names the fields of a case form that collided, as the
// edits named them: the case's, then its main person's with "person.".
func CaseCollisions(caseFields, personFields []string) []string {
	var out []string
	out = append(out, caseFields...)
	for _, f := range personFields {
		out = append(out, "person."+f)
	}
	return out
}
