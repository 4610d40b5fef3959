package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// ErrRefTaken: an incoming case carries a reference this vault already
// gave to another case (two devices with the same code).
var ErrRefTaken = errors.New("case reference already used by another case")

// ImportChange is one field where an incoming case and this vault differ.
type ImportChange struct {
	Kind     string          `json:"kind"`
	ID       string          `json:"id"`
	Field    string          `json:"field"`
	Local    json.RawMessage `json:"local,omitempty"`
	Incoming json.RawMessage `json:"incoming"`
	// Taken: the incoming value is newer and replaces the local one. When
	// false, the local value is newer (or concurrent) and stays.
	Taken bool `json:"taken"`
}

// ImportPreview says what importing one case would do.
type ImportPreview struct {
	ID   string `json:"id"`
	Ref  string `json:"ref"`
	Name string `json:"name"`
	// New: the case is not in this vault yet.
	New bool `json:"new"`
	// Changes lists, for a case already here, every field that differs.
	Changes []ImportChange `json:"changes,omitempty"`
	// NewRecords counts records (notes, events...) this vault lacks.
	NewRecords int `json:"new_records"`
	// Evidence counts the entries of the case's evidence log the bundle
	// carries (ANEF malfunctions among them).
	Evidence int `json:"evidence"`
	// Problem, when set, keeps the case out of the import (ErrRefTaken).
	Problem error `json:"-"`
}

// UpToDate reports whether importing the case would change nothing.
func (p ImportPreview) UpToDate() bool {
	if p.New || p.NewRecords > 0 {
		return false
	}
	for _, c := range p.Changes {
		if c.Taken {
			return false
		}
	}
	return true
}

// MergeRecord merges an incoming record into the local one (nil when
// absent): per field, the higher version wins; equal versions keep the
// local value. It returns the envelope to write (nil when nothing changes)
// and the fields that differ.
func MergeRecord(local *changelog.Envelope, in changelog.ExportRecord) (*changelog.Envelope, []ImportChange, error) {
	if local == nil {
		rec, err := changelog.Typed(in.Kind, in.Data)
		if err != nil {
			return nil, nil, err
		}
		data, err := json.Marshal(rec)
		if err != nil {
			return nil, nil, err
		}
		return &changelog.Envelope{V: 1, Data: data, Ver: maps.Clone(in.Ver)}, nil, nil
	}
	var lf, inf map[string]json.RawMessage
	if err := json.Unmarshal(local.Data, &lf); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	if err := json.Unmarshal(in.Data, &inf); err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(inf))
	for f := range inf {
		names = append(names, f)
	}
	sort.Strings(names)
	ver := maps.Clone(local.Ver)
	if ver == nil {
		ver = map[string]model.HLC{}
	}
	var changes []ImportChange
	changed := false
	for _, f := range names {
		if f == "id" {
			continue
		}
		iv, lv := inf[f], lf[f]
		same := bytes.Equal(iv, lv) || (len(lv) == 0 && changelog.IsZero(iv))
		if in.Ver[f] > local.Ver[f] {
			lf[f], ver[f], changed = iv, in.Ver[f], true
			if !same {
				changes = append(changes, ImportChange{Kind: in.Kind, ID: in.ID, Field: f, Local: lv, Incoming: iv, Taken: true})
			}
		} else if !same {
			changes = append(changes, ImportChange{Kind: in.Kind, ID: in.ID, Field: f, Local: lv, Incoming: iv})
		}
	}
	if !changed {
		return nil, changes, nil
	}
	merged, _ := json.Marshal(lf)
	rec, err := changelog.Typed(in.Kind, merged)
	if err != nil {
		return nil, nil, err
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, nil, err
	}
	return &changelog.Envelope{V: 1, Data: data, Ver: ver}, changes, nil
}

// ReadEnvelope reads the stored record kind/id, nil when absent.
func ReadEnvelope(txn *badger.Txn, kind, id string) (*changelog.Envelope, error) {
	raw, ok, err := read.Raw(txn, layout.RecKey(kind, id))
	if err != nil || !ok {
		return nil, err
	}
	return changelog.DecodeEnvelope(raw, nil)
}

// Preview says, case by case, what an import would do (store.Vault.PreviewImport), writing
// nothing. Each case must have passed CheckExport.
func Preview(txn *badger.Txn, cases []changelog.CaseExport) ([]ImportPreview, error) {
	out := make([]ImportPreview, len(cases))
	for i := range cases {
		ce := &cases[i]
		p := ImportPreview{ID: ce.ID, Ref: ce.Ref}
		if owner, ok, err := read.Raw(txn, layout.RefKey(ce.Ref)); err != nil {
			return nil, err
		} else if ok && string(owner) != ce.ID {
			p.Problem = ErrRefTaken
		}
		for _, r := range ce.Records {
			local, err := ReadEnvelope(txn, r.Kind, r.ID)
			if err != nil {
				return nil, err
			}
			switch r.Kind {
			case changelog.KindCase:
				p.New = local == nil
			case changelog.KindEvidence:
				p.Evidence++
			}
			env, changes, err := MergeRecord(local, r)
			if err != nil {
				return nil, err
			}
			if local == nil {
				p.NewRecords++
			}
			p.Changes = append(p.Changes, changes...)
			if r.Kind == changelog.KindPerson && env != nil {
				var c model.Case
				for _, cr := range ce.Records {
					if cr.Kind == changelog.KindCase {
						_ = json.Unmarshal(cr.Data, &c)
					}
				}
				if c.PersonID == r.ID {
					var person model.Person
					_ = json.Unmarshal(env.Data, &person)
					p.Name = person.DisplayName()
				}
			}
		}
		if p.Name == "" {
			if f, err := CaseFile(txn, ce.ID); err == nil {
				p.Name = f.Person.DisplayName()
			}
		}
		out[i] = p
	}
	return out, nil
}

func CaseFile(txn *badger.Txn, id string) (*model.CaseFile, error) {
	_, c, err := read.Record[model.Case](txn, changelog.KindCase, id)
	if err != nil {
		return nil, err
	}
	_, p, err := read.Record[model.Person](txn, changelog.KindPerson, c.PersonID)
	if err != nil {
		return nil, err
	}
	return &model.CaseFile{Case: *c, Person: *p}, nil
}
