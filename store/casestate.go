package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/read"
	"casefile/store/internal/records"
)

// What a case's deadlines depend on, as read by store/internal/records
// (state.go): from the case record, its settings and its index entries
// (caseindex.go), never its event or deadline records.

// caseState is a case with everything its deadlines depend on, as read.
type caseState struct {
	c        model.Case
	policy   model.HolidayPolicy
	settings *model.DeadlineSettings
	// setRead is the settings record as read (absent, or its hash), to
	// notice a concurrent change before writing it again.
	setRead   records.ReadMark
	events    []model.Event    // from the index: no note, no case number
	deadlines []model.Deadline // from the index: see encodeDeadlineIdx
}

// newState is the state of case c before its settings and entries are
// read (records.LoadStates fills them in).
func newState(c *model.Case, policy model.HolidayPolicy) *caseState {
	return &caseState{c: *c, policy: policy}
}

// caseState is the records.StateSink the loaders fill.
func (st *caseState) AddEvent(e model.Event)       { st.events = append(st.events, e) }
func (st *caseState) AddDeadline(d model.Deadline) { st.deadlines = append(st.deadlines, d) }
func (st *caseState) SetSettings(s *model.DeadlineSettings, m records.ReadMark) {
	st.settings, st.setRead = s, m
}

func (st *caseState) event(id string) (int, bool) {
	for i, e := range st.events {
		if e.ID == id {
			return i, true
		}
	}
	return -1, false
}

// loadStates reads the cases with the given ids, seeking to each
// (records.LoadStates).
func loadStates(txn *badger.Txn, ids []string) ([]*caseState, error) {
	return records.LoadStates(txn, ids, newState)
}

// loadPolicy reads the vault's holiday policy (off when never set).
func loadPolicy(txn *badger.Txn) (model.HolidayPolicy, error) { return records.LoadPolicy(txn) }

func getRaw(txn *badger.Txn, key []byte) ([]byte, bool, error) { return read.Raw(txn, key) }

func (c *change) loadState(caseID string) (*caseState, error) {
	sts, err := loadStates(c.txn, []string{caseID})
	if err != nil {
		return nil, err
	}
	return sts[0], nil
}
