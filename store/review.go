package store

import (
	"errors"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/feeds"
	"casefile/store/internal/layout"
)

// The weekly review (docs/review.md): its reading is
// store/internal/feeds (review.go), its indexes are decided there
// (reviewindex.go) and written here, by every change as it is applied
// (stages.go). The week's sign-off is a record written here, like any
// other, with its change-log entry.

// KindSignOff is the record kind of a week's sign-off.
const KindSignOff = changelog.KindSignOff

// The review's types (store/internal/feeds/review.go).
type (
	// ReviewRow is one open deadline as the review shows it.
	ReviewRow = feeds.ReviewRow
	// IdleCase is an open case with no open deadline.
	IdleCase = feeds.IdleCase
	// Review is the week's deadline review: what the screen, the CLI and
	// the exports show.
	Review = feeds.Review
	// ReviewMore says which lists of a review were cut at ReviewLimit.
	ReviewMore = feeds.ReviewMore
)

// ReviewLimit caps each list of a review (feeds.ReviewLimit).
const ReviewLimit = feeds.ReviewLimit

// refreshReviewIndexes writes, after c's writes were applied to its
// transaction, the review-index entries they call for
// (feeds.ReviewIndexWrites), reading what the transaction holds.
func (c *change) refreshReviewIndexes() error {
	return feeds.ReviewIndexWrites(len(c.sets), c.setAt,
		func(key []byte) ([]byte, bool, error) { return getRaw(c.txn, key) },
		func(key, val []byte, del bool) error { return c.write(kv{key: key, val: val, del: del}) })
}

// setAt is c's i-th write, as feeds.ReviewIndexWrites reads them.
func (c *change) setAt(i int) (key, val []byte, del bool) {
	e := &c.sets[i]
	return e.key, e.val, e.del
}

// stageReviewIndexes computes, without a transaction, the writes
// refreshReviewIndexes would make for a change that creates a case: every
// key those writes depend on is named by an id this change created, so the
// vault holds none of them and the change's own writes are all there is
// to read (feeds.StagedReviewIndexWrites). The writes are kept in c.post,
// applied after c.sets in the same order as refreshReviewIndexes would
// make them (see stagedBatch).
func (c *change) stageReviewIndexes() error {
	c.post = c.post[:0]
	return feeds.StagedReviewIndexWrites(len(c.sets), c.setAt, func(key, val []byte, del bool) error {
		c.post = append(c.post, kv{key: key, val: val, del: del})
		return nil
	})
}

// Review gathers a week's review (feeds.ReadReview). With lawyer set, it
// keeps the deadlines owned by that lawyer or on that lawyer's cases, and
// the idle cases of that lawyer (names compared without case or
// surrounding spaces). Each list is a range scan that stops at
// ReviewLimit rows of open cases.
func (v *Vault) Review(week model.ISOWeek, lawyer string) (*Review, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var r *Review
	err := v.db.View(func(txn *badger.Txn) (err error) {
		r, err = feeds.ReadReview(txn, week, lawyer)
		return err
	})
	return r, err
}

// SignOffWeek records that the vault's author reviewed week, now: a record
// and its change-log entry, like any other write. With lawyer set, the
// sign-off covers that lawyer's deadlines only (what the review filtered
// on that lawyer shows) and is kept apart from the whole week's.
func (v *Vault) SignOffWeek(week model.ISOWeek, lawyer string) (*model.SignOff, error) {
	if !week.Valid() {
		return nil, model.ErrInvalidWeek
	}
	lawyer = strings.TrimSpace(lawyer)
	id := layout.SignOffID(week, lawyer)
	var out model.SignOff
	err := v.update(func(c *change) error {
		env, _, err := getRecord[model.SignOff](c.txn, KindSignOff, id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		by, at := c.stamp()
		out = model.SignOff{ID: id, By: by, At: at, Lawyer: lawyer}
		return c.putRecord(KindSignOff, out.ID, out, env)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// WeekSignOff returns the week's sign-off (a lawyer's when lawyer is set),
// or nil when nobody signed it.
func (v *Vault) WeekSignOff(week model.ISOWeek, lawyer string) (*model.SignOff, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var so *model.SignOff
	err := v.db.View(func(txn *badger.Txn) (err error) {
		so, err = feeds.SignOffIn(txn, week, strings.TrimSpace(lawyer))
		return err
	})
	return so, err
}
