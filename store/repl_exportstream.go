package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/exchange"
)

// ExportHead names one case of an export: its id and reference.
type ExportHead = exchange.ExportHead

// ExportEach reads the cases (by id or reference) for a bundle in one
// consistent snapshot and hands them over one at a time
// (exchange.Export): head first with every case's id and reference, then
// each with each case's export, in the same order. An error from head or
// each stops the export and is returned.
func (v *Vault) ExportEach(idsOrRefs []string, head func([]ExportHead) error, each func(*CaseExport) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.View(func(txn *badger.Txn) error { return exchange.Export(txn, idsOrRefs, head, each) })
}
