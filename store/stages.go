package store

import "casefile/store/internal/engine"

// The kernel (write.go: change, update, batch; staged.go; vault.go: open
// and close) knows no feature. What features derive from a change, and what
// they finish or repair when the vault opens or closes, is registered here,
// in the order it runs: adding a feature that must see every change, or
// must run at open, is adding a line below, never an edit of the kernel.
// The lists are fixed at build time (no registration at run time): the
// order is part of the format's guarantees and is read here in one place.

// logStages run when a change's log entry is staged (change.finish), in
// the change itself: keys derived from the entry alone.
var logStages = []func(c *change){
	(*change).indexHistory, // history.go: idx/hist/<kind>/<id>/<hlc>/<device>
	(*change).stageOutbox,  // repl_outbox.go: meta/sync/out/<hlc>/<device>
}

// applyStages run when a change is applied to its transaction, after its
// own writes: derived indexes that read what the transaction holds.
var applyStages = []func(c *change) error{
	(*change).refreshReviewIndexes, // review.go: idx/noowner, idx/opendl, idx/idle
}

// stagedStages are applyStages for a change staged without a transaction
// (staged.go): they compute the same writes from the change's own (c.post).
var stagedStages = []func(c *change) error{
	(*change).stageReviewIndexes, // review.go
}

// committedHooks are told of changes once committed (never before: a
// reader told of a change must find it).
var committedHooks = []func(v *Vault, cs []*change){
	func(v *Vault, cs []*change) { v.feed.committed(cs...) }, // feed_cases.go: the case feed
}

// openBeforeMeta run right after Badger opens, before anything reads.
var openBeforeMeta = []func(v *Vault) error{
	func(v *Vault) error { _, err := engine.Recover(v.db.DB); return err }, // store/internal/engine: roll back cut atomic changes
}

// openAfterMeta run once meta/ is read, in order, before Open returns.
var openAfterMeta = []func(v *Vault) error{
	(*Vault).backfillHistory,     // history.go: the history index of an older vault
	(*Vault).collectOrphanChunks, // documents.go: chunks of documents whose adding was cut
	(*Vault).ensureReviewIndexes, // review_index.go: the review indexes, if missing
	(*Vault).migrateMalfunctions, // open_anefmigrate.go: once, malfunctions into the evidence log
}

// closeHooks run when the vault closes: first (the feed stops), then with
// the gate held, before Badger closes (compactions); an error is reported
// and the vault closes all the same.
var (
	closeFirst = []func(v *Vault){
		(*Vault).closeFeed, // feed_cases.go
	}
	closeBeforeBadger = []func(v *Vault) error{
		func(v *Vault) error { return v.compactIfErased(v.openBadger) }, // repl_erasesync.go
	}
)

// runLogStages, runApplyStages, runStagedStages, notifyCommitted and
// runOpen are how the kernel calls the lists.
func (c *change) runLogStages() {
	for _, s := range logStages {
		s(c)
	}
}

func (c *change) runApplyStages() error {
	for _, s := range applyStages {
		if err := s(c); err != nil {
			return err
		}
	}
	return nil
}

func (c *change) runStagedStages() error {
	for _, s := range stagedStages {
		if err := s(c); err != nil {
			return err
		}
	}
	return nil
}

func (v *Vault) notifyCommitted(cs ...*change) {
	for _, h := range committedHooks {
		h(v, cs)
	}
}

func (v *Vault) runOpen(steps []func(v *Vault) error) error {
	for _, s := range steps {
		if err := s(v); err != nil {
			return err
		}
	}
	return nil
}
