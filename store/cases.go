package store

import (
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
	"casefile/store/internal/records"
)

func newID() string { return records.NewID() }

// Relative is a related person to create with a new case.
type Relative struct {
	Person model.Person
	Role   model.Role
}

// NewCase is one case to create: the case file, its relatives and its notes.
type NewCase struct {
	File      model.CaseFile
	Relatives []Relative
	Notes     []model.Note
	// Events are recorded with the case, in the same change, with the
	// deadlines they call for (their CaseID and ID are filled in).
	Events []model.Event
}

// SaveCase creates the case (when f.ID is empty) or updates it, with its main
// person, in one synced transaction. On creation it fills in the ids, the
// reference, the status (open) and the opened date (today) when unset. The
// record is validated first; a *model.ValidationError lists every problem.
func (v *Vault) SaveCase(f *model.CaseFile) error {
	if f.ID == "" {
		return v.update(func(c *change) error { return c.createCase(&NewCase{File: *f}, f) })
	}
	if err := f.Validate(v.today()); err != nil {
		return err
	}
	return v.update(func(c *change) error { return c.updateCase(f) })
}

// CreateCases creates many cases in batched transactions (the demo clinic,
// imports). Each case is whole or absent after a crash, and transactions
// commit in order. Cases are staged on a goroutine of their own while the
// previous batch is written (stagedBatch, staged.go).
func (v *Vault) CreateCases(cases []NewCase) error {
	step, err := v.creationStep(cases)
	if err != nil {
		return err
	}
	return v.stagedBatch(len(cases), step)
}

// creationStep returns the change that creates cases[i], all of them under
// the vault's holiday policy as it is now (read once).
func (v *Vault) creationStep(cases []NewCase) (func(i int, c *change) error, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var policy model.HolidayPolicy
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		policy, err = loadPolicy(txn)
		return err
	}); err != nil {
		return nil, err
	}
	return func(i int, c *change) error {
		c.policy = &policy
		return c.createCase(&cases[i], &cases[i].File)
	}, nil
}

// CreateCasesAtomic is CreateCases as one atomic change (atomic.go), for
// imports (CSV): no reader sees a part of the cases, and if the creation
// fails or is cut by a crash, none of them stays (rolled back at once, or
// at the next open). On error the cases' ids and references handed out
// are void.
func (v *Vault) CreateCasesAtomic(cases []NewCase) error {
	return v.CreateCasesAtomicProgress(cases, nil)
}

// CreateCasesAtomicProgress is CreateCasesAtomic telling progress, if not
// nil, how many cases are prepared so far (from another goroutine; the
// last ones are committed after all are prepared).
func (v *Vault) CreateCasesAtomicProgress(cases []NewCase, progress func(prepared int)) error {
	step, err := v.creationStep(cases)
	if err != nil {
		return err
	}
	if progress != nil {
		build := step
		step = func(i int, c *change) error {
			err := build(i, c)
			if err == nil {
				progress(i + 1)
			}
			return err
		}
	}
	return v.atomically("create cases", func(op *atomicOp) error {
		return v.stagedBatchIn(op, len(cases), step)
	})
}

func (c *change) createCase(nc *NewCase, out *model.CaseFile) error {
	f := nc.File
	today := c.v.today()
	if err := records.PrepareNewCase(&f, today); err != nil {
		return err
	}
	f.ID, f.Person.ID = newID(), newID()
	f.Person.MergedInto = ""
	f.PersonID = f.Person.ID
	ref, err := c.nextRef(f.Opened.Year)
	if err != nil {
		return err
	}
	f.Ref = ref
	f.Related = nil
	for _, r := range nc.Relatives {
		if err := r.Person.Validate("related.", today); err != nil {
			return err
		}
		r.Person.ID = newID()
		if err := c.putRecord(KindPerson, r.Person.ID, r.Person, nil); err != nil {
			return err
		}
		f.Related = append(f.Related, model.Related{PersonID: r.Person.ID, Role: r.Role})
		c.set(layout.PersonCaseKey(r.Person.ID, f.ID), nil)
	}
	if err := c.putRecord(KindPerson, f.Person.ID, f.Person, nil); err != nil {
		return err
	}
	if err := c.absorbMalfunctions(&f.Case, nil, c.v.author); err != nil { // open_anefmigrate.go
		return err
	}
	if err := c.putRecord(KindCase, f.ID, f.Case, nil); err != nil {
		return err
	}
	c.set(layout.RefKey(f.Ref), []byte(f.ID))
	c.set(layout.PersonCaseKey(f.PersonID, f.ID), nil)
	c.set(layout.ListKey(f.ID), layout.EncodeSummary(layout.SummaryOf(f.Case, f.Person)))
	for _, n := range nc.Notes {
		n.CaseID = f.ID
		if err := c.addNote(&n); err != nil {
			return err
		}
	}
	if err := c.addNewEvents(f.Case, nc.Events); err != nil {
		return err
	}
	*out = f
	return nil
}

// addNewEvents stages the first events of a case being created and the
// deadlines they call for: the case has nothing yet to read back.
func (c *change) addNewEvents(cs model.Case, events []model.Event) error {
	if len(events) == 0 {
		return nil
	}
	policy := c.policy
	if policy == nil {
		p, err := loadPolicy(c.txn)
		if err != nil {
			return err
		}
		policy = &p
	}
	evs, err := records.NewEvents(cs.ID, events)
	if err != nil {
		return err
	}
	j := &bulkJob{st: &caseState{c: cs, policy: *policy}, edit: caseEdit{events: evs}}
	if err := j.prepare(); err != nil {
		return err
	}
	return c.writeJob(j, model.ReasonSuperseded)
}

// nextRef allocates the next reference of this device for year. The counter
// lives in the same transaction as the case, so a crash never burns or
// reuses one.
func (c *change) nextRef(year int) (string, error) {
	key := layout.RefSeqKey(year, c.v.code)
	if c.refs != nil {
		return c.refs.next(c, key, year)
	}
	n := 0
	if b, ok, err := c.get(key); err != nil {
		return "", err
	} else if ok {
		n, _ = strconv.Atoi(string(b))
	}
	n++
	c.set(key, []byte(strconv.Itoa(n)))
	return model.FormatRef(year, c.v.code, n), nil
}

func (c *change) updateCase(f *model.CaseFile) error {
	oldCaseEnv, oldCase, err := getRecord[model.Case](c.txn, KindCase, f.ID)
	if err != nil {
		return err
	}
	// The reference, the main person and the relatives are not edited here.
	f.Ref, f.PersonID, f.Related = oldCase.Ref, oldCase.PersonID, oldCase.Related
	f.Person.ID = oldCase.PersonID
	oldPersonEnv, _, err := getRecord[model.Person](c.txn, KindPerson, oldCase.PersonID)
	if err != nil {
		return err
	}
	if err := c.putRecord(KindPerson, f.Person.ID, f.Person, oldPersonEnv); err != nil {
		return err
	}
	if err := c.absorbSaved(&f.Case, oldCase); err != nil { // open_anefmigrate.go
		return err
	}
	if err := c.putRecord(KindCase, f.ID, f.Case, oldCaseEnv); err != nil {
		return err
	}
	c.set(layout.ListKey(f.ID), layout.EncodeSummary(layout.SummaryOf(f.Case, f.Person)))
	// The procedure, prefecture and lawyer feed the deadlines: they follow
	// in the same change.
	return c.recomputeCase(f.Case)
}

func getRecord[T any](txn *badger.Txn, kind, id string) (*changelog.Envelope, *T, error) {
	return read.Record[T](txn, kind, id)
}

// caseIDIn returns the id of the case named by idOrRef: a case reference
// is looked up in the reference index (ErrNotFound if no case has it);
// anything else is taken as the id itself.
func caseIDIn(txn *badger.Txn, idOrRef string) (string, error) { return read.CaseID(txn, idOrRef) }

// Case returns a case with its main person, by id or by reference.
func (v *Vault) Case(idOrRef string) (*model.CaseFile, error) {
	var f *model.CaseFile
	err := v.db.View(func(txn *badger.Txn) (err error) {
		f, err = records.CaseFile(txn, idOrRef)
		return err
	})
	if f == nil {
		f = &model.CaseFile{}
	}
	return f, err
}

// Person returns a person by id.
func (v *Vault) Person(id string) (*model.Person, error) {
	var p *model.Person
	err := v.db.View(func(txn *badger.Txn) (err error) {
		_, p, err = getRecord[model.Person](txn, KindPerson, id)
		return err
	})
	return p, err
}

// SetCaseFields applies FIELD=VALUE assignments (JSON names, "person." for
// the main person) to a case and saves them as one change: only the
// fields assigned, against the versions read here (SaveCaseChanges).
func (v *Vault) SetCaseFields(idOrRef string, assignments map[string]string) (*model.CaseFile, error) {
	f, base, err := v.CaseForEdit(idOrRef)
	if err != nil {
		return nil, err
	}
	names, err := records.Assign(f, assignments)
	if err != nil {
		return nil, err
	}
	edits, err := CaseEdits(f, names)
	if err != nil {
		return nil, err
	}
	saved, _, err := v.SaveCaseChanges(f.ID, edits, base)
	return saved, err
}

// ListCases returns every case with its main person's name, most recently
// opened first (then by reference, newest first). One prefix scan of the
// case-list index. A face that keeps the list reads it as a CaseList.
func (v *Vault) ListCases() ([]CaseSummary, error) {
	l, err := v.CaseList()
	if err != nil || l.Len() == 0 {
		return nil, err
	}
	out := make([]CaseSummary, l.Len())
	for i := range out {
		out[i] = l.Row(i)
	}
	return out, nil
}

// scan and scanKeys: read.Scan, read.ScanKeys.
func scan(txn *badger.Txn, prefix string, fn func(key, val []byte) error) error {
	return read.Scan(txn, prefix, fn)
}

func scanKeys(txn *badger.Txn, prefix string, fn func(key []byte) error) error {
	return read.ScanKeys(txn, prefix, fn)
}

// AddNote records a note on a case; Time defaults to now, Author to the
// vault's author.
func (v *Vault) AddNote(n *model.Note) error {
	if n.Author == "" {
		n.Author = v.author
	}
	if n.Time.IsZero() {
		n.Time = now().UTC().Truncate(1e9)
	}
	if err := n.Validate(); err != nil {
		return err
	}
	return v.update(func(c *change) error {
		if _, _, err := getRecord[model.Case](c.txn, KindCase, n.CaseID); err != nil {
			return err
		}
		return c.addNote(n)
	})
}

func (c *change) addNote(n *model.Note) error {
	if n.Author == "" {
		n.Author = c.v.author
	}
	if err := n.Validate(); err != nil {
		return err
	}
	n.ID = newID()
	if err := c.putRecord(KindNote, n.ID, *n, nil); err != nil {
		return err
	}
	c.set(layout.CaseChildKey(n.CaseID, KindNote, n.ID), nil)
	return nil
}

// Notes returns a case's notes, oldest first.
func (v *Vault) Notes(caseID string) (notes []model.Note, err error) {
	err = v.db.View(func(txn *badger.Txn) error {
		notes, err = records.Notes(txn, caseID)
		return err
	})
	return notes, err
}

// lastHLC is the highest clock value in the change log (records.LastHLC),
// below the horizon of a remote clock far ahead.
func (v *Vault) lastHLC() (h model.HLC, err error) {
	err = v.db.View(func(txn *badger.Txn) error {
		h, err = records.LastHLC(txn, model.HLCAt(now().Add(MaxClockSkew)))
		return err
	})
	return h, err
}
